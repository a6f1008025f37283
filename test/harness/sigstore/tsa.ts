import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { initializeTSA, tsaHandler } from '@sigstore/mock';
import { type HttpStandIn, startHttp } from './http.ts';

type TSA = Awaited<ReturnType<typeof initializeTSA>>;

export interface TsaStandIn {
  url: string;
  tsa: TSA;
  http: HttpStandIn;
  /** Timestamps issued. */
  issued: number;
  close(): Promise<void>;
}

/**
 * A timestamp authority's `POST /api/v1/timestamp` (the JSON request of
 * sigstore's timestamp-authority: artifact hash, algorithm, nonce), over
 * HTTP on 127.0.0.1; answers an RFC 3161 response signed by
 * @sigstore/mock's TSA (a leaf under an intermediate and a root).
 */
export async function startTsa(): Promise<TsaStandIn> {
  const tsa = await initializeTSA(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }));
  // Whole seconds: the mock writes genTime with milliseconds as DER wants them (trailing zeros
  // dropped, `.12Z`), which @sigstore/core's parser refuses ("invalid time") about one time in ten.
  (tsa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () => new Date(Math.floor(Date.now() / 1000) * 1000);
  const handle = tsaHandler(tsa).fn;
  const state = { issued: 0 };
  const http = await startHttp('TSA', async (req, body, url) => {
    if (req.method !== 'POST' || url.pathname !== '/api/v1/timestamp') return undefined;
    const reply = await handle(body.toString('utf8'));
    if (reply.statusCode < 300) state.issued++;
    return {
      status: reply.statusCode,
      body: reply.response as string | Uint8Array,
      contentType: reply.contentType ?? 'application/timestamp-reply',
    };
  });
  return {
    url: http.url,
    tsa,
    http,
    get issued() {
      return state.issued;
    },
    close: () => http.close(),
  };
}

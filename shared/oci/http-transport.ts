import type { IncomingMessage, ClientRequest as NodeClientRequest } from 'node:http';
import { createRequire } from 'node:module';
import { TransportError } from './remote/errors.ts';
import { causeText, DEFAULT_TIMEOUT_MS, type HttpRequest, type Transport } from './remote/transport.ts';

/**
 * A base Transport on `node:http` and `node:https` with keep-alive agents,
 * for the CLI: the same contract as `fetchTransport` (a timeout until the
 * headers and between two body chunks, redirects followed by hand when asked
 * and without `Authorization` once the origin changes, https never
 * downgraded, failures as TransportError), without loading Node's fetch
 * (undici), which costs a short-lived process 60-80 ms here.
 *
 * The answer has the part of `Response` the registry client uses: `status`,
 * `statusText`, `headers.get()` and `body` (a web ReadableStream, null for
 * HEAD, 204 and 304).
 */

const MAX_REDIRECTS = 5;

// `require`, not `import`: an ES import of node:http reads every export of the
// module, its lazy WebSocket getter included, which loads undici (20-40 ms)
const require = createRequire(import.meta.url);
type HttpModule = typeof import('node:http');
type HttpsModule = typeof import('node:https');

/** The members of `Response` the registry client reads. */
interface ResponseLike {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

function headersOf(res: IncomingMessage): ResponseLike['headers'] {
  return {
    get(name: string): string | null {
      const v = res.headers[name.toLowerCase()];
      if (v === undefined) return null;
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'authorization') out[k] = v;
  return out;
}

/** The body of a response as a web stream that respects back-pressure and turns a cut connection into a TransportError. */
function bodyStream(res: IncomingMessage, url: URL, method: string): ReadableStream<Uint8Array> {
  let ended = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (why: string, cause?: unknown) => {
        if (ended) return;
        ended = true;
        controller.error(
          new TransportError({ registry: url.host }, `reading the response of ${method} ${url.pathname} failed: ${why}`, { cause }),
        );
      };
      res.on('data', (chunk: Buffer) => {
        if (ended) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) res.pause();
      });
      res.on('end', () => {
        if (ended) return;
        ended = true;
        controller.close();
      });
      res.on('error', (err) => fail(causeText(err), err));
      res.on('close', () => fail('the connection closed before the end of the body'));
    },
    pull() {
      res.resume();
    },
    cancel() {
      ended = true;
      res.destroy();
    },
  });
}

export interface HttpTransportOptions {
  timeoutMs?: number;
  /** Connections per registry host (default 16). */
  maxSockets?: number;
}

export function httpTransport(defaults: HttpTransportOptions = {}): Transport {
  const maxSockets = defaults.maxSockets ?? 16;
  // node:https (and TLS) loads on the first https request only
  let http: { mod: HttpModule; agent: InstanceType<HttpModule['Agent']> } | undefined;
  let https: { mod: HttpsModule; agent: InstanceType<HttpsModule['Agent']> } | undefined;
  const client = (secure: boolean) => {
    if (secure) {
      if (!https) {
        const mod = require('node:https') as HttpsModule;
        https = { mod, agent: new mod.Agent({ keepAlive: true, maxSockets }) };
      }
      return https;
    }
    if (!http) {
      const mod = require('node:http') as HttpModule;
      http = { mod, agent: new mod.Agent({ keepAlive: true, maxSockets }) };
    }
    return http;
  };

  const once = (method: string, url: URL, headers: Record<string, string>, body: Uint8Array | undefined, timeoutMs: number) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const { mod, agent } = client(url.protocol === 'https:');
      const hdrs: Record<string, string> = { ...headers };
      if (body !== undefined && !Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-length')) {
        hdrs['content-length'] = String(body.byteLength);
      }
      let req: NodeClientRequest;
      try {
        req = mod.request(url, { method, headers: hdrs, agent }, resolve);
      } catch (err) {
        reject(err);
        return;
      }
      // socket inactivity: no answer, or no chunk of the body, for timeoutMs
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no data within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });

  return async (req: HttpRequest) => {
    const timeoutMs = req.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let url = req.url;
    let headers = req.headers ?? {};
    let method: string = req.method;
    for (let hop = 0; ; hop++) {
      let res: IncomingMessage;
      try {
        res = await once(
          method,
          url,
          headers,
          req.body !== undefined && method !== 'GET' && method !== 'HEAD' ? req.body : undefined,
          timeoutMs,
        );
      } catch (err) {
        throw new TransportError({ registry: url.host }, `${method} ${url.pathname} failed: ${causeText(err)}`, { cause: err });
      }
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (req.followRedirects && status >= 300 && status < 400 && status !== 304 && location) {
        res.resume();
        if (hop >= MAX_REDIRECTS) {
          throw new TransportError({ registry: req.url.host, status }, `more than ${MAX_REDIRECTS} redirects for ${req.url.pathname}`);
        }
        const next = new URL(location, url);
        if (next.protocol !== 'https:' && next.protocol !== 'http:') {
          throw new TransportError({ registry: req.url.host, status }, `redirect to an unsupported scheme ${next.protocol}`);
        }
        if (url.protocol === 'https:' && next.protocol === 'http:') {
          throw new TransportError({ registry: req.url.host, status }, 'redirect from https to plain http refused');
        }
        if (next.origin !== url.origin) headers = withoutAuthorization(headers);
        if (status === 303) method = 'GET';
        url = next;
        continue;
      }
      const noBody = method === 'HEAD' || status === 204 || status === 304;
      if (noBody) res.resume();
      const answer: ResponseLike = {
        status,
        statusText: res.statusMessage ?? '',
        headers: headersOf(res),
        body: noBody ? null : bodyStream(res, url, method),
      };
      return answer as unknown as Response;
    }
  };
}

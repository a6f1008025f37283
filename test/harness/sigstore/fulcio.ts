import 'reflect-metadata';
import { createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject, verify } from 'node:crypto';
import { fulcioHandler, initializeCA, initializeCTLog } from '@sigstore/mock';
import { type HttpStandIn, json, startHttp } from './http.ts';
import { GITHUB_ACTIONS_ISSUER } from './oidc.ts';

/** Claim carrying the subject the stand-in computed, handed to @sigstore/mock's CA (never seen outside). */
const SUBJECT_CLAIM = 'x_fulcio_subject';

type CA = Awaited<ReturnType<typeof initializeCA>>;
type CTLog = Awaited<ReturnType<typeof initializeCTLog>>;

export interface CertificateRequestRecord {
  status: number;
  subject?: string;
  issuer?: string;
  error?: string;
}

export interface FulcioStandIn {
  url: string;
  ca: CA;
  ctlog: CTLog;
  http: HttpStandIn;
  issued: CertificateRequestRecord[];
  close(): Promise<void>;
}

class FulcioRefusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

function decodeSegment(segment: string | undefined, what: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new FulcioRefusal(401, `the identity token's ${what} is not JSON`);
}

/**
 * Fulcio's `POST /api/v2/signingCert`, over HTTP on 127.0.0.1. As Fulcio
 * does, it checks the OIDC token against its issuer's published keys
 * (discovery document, then JWKS), its audience (`sigstore`) and its
 * lifetime, checks the proof of possession (the token's `sub` signed with
 * the key to certify), and derives the certificate subject: for GitHub
 * Actions tokens `https://github.com/<job_workflow_ref>`, else `sub`. The
 * certificate itself, with Fulcio's extensions from the token's claims and
 * an embedded SCT, comes from @sigstore/mock's CA and CT log.
 *
 * `issuers` maps each accepted `iss` to the base URL of its discovery
 * document.
 */
export async function startFulcio(issuers: Record<string, string>): Promise<FulcioStandIn> {
  const caKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ctKeys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ctlog = await initializeCTLog(ctKeys);
  const ca = await initializeCA(caKeys, ctlog);
  const issue = fulcioHandler(ca, { subjectClaim: SUBJECT_CLAIM }).fn;
  const issued: CertificateRequestRecord[] = [];

  async function issuerKeys(iss: string): Promise<{ kid?: string; key: KeyObject }[]> {
    const base = issuers[iss];
    if (base === undefined) throw new FulcioRefusal(401, `unknown OIDC issuer ${iss}`);
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as { jwks_uri: string; issuer: string };
    if (discovery.issuer !== iss) throw new FulcioRefusal(401, `the discovery document of ${iss} names issuer ${discovery.issuer}`);
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: (JsonWebKey & { kid?: string })[] };
    return jwks.keys.map((k) => ({ ...(k.kid ? { kid: k.kid } : {}), key: createPublicKey({ key: k, format: 'jwk' }) }));
  }

  async function checkToken(token: string): Promise<Record<string, unknown>> {
    const parts = token.split('.');
    if (parts.length !== 3) throw new FulcioRefusal(401, 'the identity token is not a JWT');
    const header = decodeSegment(parts[0], 'header');
    const claims = decodeSegment(parts[1], 'payload');
    const iss = typeof claims.iss === 'string' ? claims.iss : '';
    const keys = (await issuerKeys(iss)).filter((k) => header.kid === undefined || k.kid === header.kid);
    const data = Buffer.from(`${parts[0]}.${parts[1]}`);
    const sig = Buffer.from(parts[2] ?? '', 'base64url');
    const alg = header.alg;
    const ok = keys.some(({ key }) => {
      if (alg === 'RS256') return verify('sha256', data, key, sig);
      if (alg === 'ES256') return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig);
      return false;
    });
    if (!ok) throw new FulcioRefusal(401, `the identity token's signature does not verify with the keys of ${iss}`);
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes('sigstore'))
      throw new FulcioRefusal(401, `the identity token's audience is ${JSON.stringify(claims.aud)}, not sigstore`);
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp < now) throw new FulcioRefusal(401, 'the identity token has expired');
    if (typeof claims.nbf === 'number' && claims.nbf > now + 60) throw new FulcioRefusal(401, 'the identity token is not valid yet');
    return claims;
  }

  const http: HttpStandIn = await startHttp('Fulcio', async (req, body, url) => {
    if (req.method !== 'POST' || url.pathname !== '/api/v2/signingCert') return undefined;
    try {
      const request = JSON.parse(body.toString('utf8')) as {
        credentials?: { oidcIdentityToken?: string };
        publicKeyRequest?: { publicKey?: { content?: string }; proofOfPossession?: string };
      };
      const token = request.credentials?.oidcIdentityToken;
      const pem = request.publicKeyRequest?.publicKey?.content;
      const pop = request.publicKeyRequest?.proofOfPossession;
      if (!token || !pem || !pop) throw new FulcioRefusal(400, 'the request needs credentials.oidcIdentityToken and publicKeyRequest');
      const claims = await checkToken(token);
      const sub = typeof claims.sub === 'string' ? claims.sub : '';
      if (!verify('sha256', Buffer.from(sub), createPublicKey(pem), Buffer.from(pop, 'base64'))) {
        throw new FulcioRefusal(400, 'the proof of possession does not verify with the public key');
      }
      const iss = String(claims.iss);
      const subject = iss === GITHUB_ACTIONS_ISSUER ? `https://github.com/${String(claims.job_workflow_ref)}` : sub;
      // The mock CA reads the (already checked) claims from an unsigned copy of the token.
      const forCa = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, [SUBJECT_CLAIM]: subject })).toString('base64url')}.`;
      const reply = await issue(JSON.stringify({ ...request, credentials: { oidcIdentityToken: forCa } }));
      issued.push({ status: reply.statusCode, subject, issuer: iss });
      return {
        status: reply.statusCode,
        body: reply.response as string | Uint8Array,
        contentType: reply.contentType ?? 'application/json',
      };
    } catch (err) {
      const status = err instanceof FulcioRefusal ? err.status : 400;
      const message = err instanceof Error ? err.message : String(err);
      issued.push({ status, error: message });
      return json(status, { code: status === 401 ? 16 : 3, message });
    }
  });
  return { url: http.url, ca, ctlog, http, issued, close: () => http.close() };
}

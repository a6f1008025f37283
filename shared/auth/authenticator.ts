import { AuthenticationError } from '../transport/errors.ts';
import { discard } from '../transport/http.ts';
import { CrossOriginAuthError, printableUrl, realmMayReceiveCredentials, UnsafeUrlError } from '../transport/origin.ts';
import type { HttpRequest, Transport } from '../transport/transport.ts';
import { readLimited } from '../transport/verify.ts';
import { type Credential, describeCredential } from './credentials.ts';
import { redact, registerSecret } from './secrets.ts';
import { TokenCache } from './token-cache.ts';
import { type Challenge, challengeScopes, parseWwwAuthenticate } from './www-authenticate.ts';

export interface AuthOptions {
  /** Registry host as in references (`ghcr.io`, `127.0.0.1:5000`): the key of the token cache. */
  host: string;
  /** The credential, or a function that finds it on first use (Docker config, helpers). */
  credential: Credential | (() => Promise<Credential>);
  cache?: TokenCache;
  /** OAuth2 `client_id` sent with refresh-token requests. */
  clientId?: string;
  /** Allow a token realm over plain HTTP (loopback or insecure registries). */
  allowHttpRealm?: boolean;
  /**
   * The registry's own origin (its API base URL): the only origin that gets
   * credentials. Requests to any other origin (an upload Location, a Link,
   * a redirect) go without them; see origin.ts.
   */
  origin: URL;
  /** Token realms on another host that may receive the credentials (origins or host names). */
  tokenRealms?: readonly string[];
}

const TOKEN_RESPONSE_LIMIT = 1024 * 1024;
const DEFAULT_TOKEN_SECONDS = 60;

interface TokenResponse {
  token?: string;
  access_token?: string;
  expires_in?: number;
  issued_at?: string;
  refresh_token?: string;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/**
 * The authentication layer of the registry client (per registry host):
 * anonymous, basic, the bearer token flow (challenge, `realm?service&scope`,
 * token cache by host and scope until expiry, a new challenge on 401), and
 * OAuth2 refresh tokens (POST to the realm). Once the host's scheme is
 * known, credentials or tokens are sent with the first request.
 */
export function withAuth(next: Transport, opts: AuthOptions): Transport {
  const cache = opts.cache ?? new TokenCache();
  const host = opts.host;
  let credentialPromise: Promise<Credential> | undefined;
  const credential = (): Promise<Credential> => {
    credentialPromise ??= typeof opts.credential === 'function' ? opts.credential() : Promise.resolve(opts.credential);
    return credentialPromise;
  };
  let scheme: 'unknown' | 'basic' | 'bearer' = 'unknown';
  let bearerChallenge: Challenge | undefined;
  let refreshToken: string | undefined;
  const inflight = new Map<string, Promise<string>>();

  async function fetchToken(ch: Challenge, scopes: readonly string[], cred: Credential): Promise<string> {
    const realm = ch.params.realm;
    if (!realm) throw new AuthenticationError({ registry: host, status: 401 }, 'the Bearer challenge has no realm');
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm);
    } catch {
      throw new AuthenticationError({ registry: host, status: 401 }, `the Bearer challenge names an invalid realm '${realm}'`);
    }
    if (realmUrl.protocol !== 'https:' && !(realmUrl.protocol === 'http:' && opts.allowHttpRealm)) {
      throw new AuthenticationError({ registry: host }, `the token realm ${realmUrl.origin} is not HTTPS; refused`);
    }
    if (realmUrl.protocol === 'http:' && opts.origin.protocol === 'https:') {
      throw new UnsafeUrlError(
        { registry: host, status: 401 },
        'the token realm',
        realmUrl.href,
        'plain http while the registry is https (a downgrade)',
      );
    }
    // credentials go to the realm only when it belongs to the registry; any other realm is asked anonymously
    const trusted = realmMayReceiveCredentials(realmUrl, opts.origin, opts.tokenRealms);
    const sentCred: Credential = trusted ? cred : { kind: 'anonymous' };
    const service = ch.params.service;
    let req: HttpRequest;
    if (sentCred.kind === 'refresh-token') {
      const form = new URLSearchParams();
      form.set('grant_type', 'refresh_token');
      if (service) form.set('service', service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      form.set('client_id', sentCred.clientId ?? opts.clientId ?? 'flotilla');
      form.set('refresh_token', refreshToken ?? sentCred.refreshToken);
      req = {
        method: 'POST',
        url: realmUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new TextEncoder().encode(form.toString()),
        idempotent: true,
      };
    } else {
      const u = new URL(realmUrl);
      if (service) u.searchParams.set('service', service);
      for (const s of scopes) u.searchParams.append('scope', s);
      const headers: Record<string, string> = {};
      if (sentCred.kind === 'basic') {
        u.searchParams.set('account', sentCred.username);
        headers.authorization = basicHeader(sentCred);
      }
      req = { method: 'GET', url: u, headers };
    }
    const res = await next(req);
    const ctx = { registry: host, status: res.status };
    const body = await readLimited(res.body, TOKEN_RESPONSE_LIMIT, ctx, 'the token response', res.headers.get('content-length'));
    if (!trusted && cred.kind !== 'anonymous' && (res.status === 401 || res.status === 403)) {
      throw new CrossOriginAuthError(
        ctx,
        'the token realm',
        realmUrl.origin,
        `if ${realmUrl.host} really is the token service of ${host}, list it in the registry entry's tokenRealms`,
      );
    }
    if (res.status !== 200) {
      const detail = truncate(redact(new TextDecoder().decode(body)).replace(/\s+/g, ' '), 300);
      throw new AuthenticationError(
        ctx,
        `the token server ${realmUrl.origin} refused ${describeCredential(cred)} for ${scopes.join(' ') || 'the registry'}: HTTP ${res.status} ${detail}; check the credentials configured for ${host}`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(body));
    } catch {
      throw new AuthenticationError(
        ctx,
        `the token server ${realmUrl.origin} answered something that is not JSON; check that the registry's token realm is a token service`,
        { code: 'REGISTRY_TOKEN_INVALID' },
      );
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new AuthenticationError(
        ctx,
        `the token server ${realmUrl.origin} answered ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`} instead of a JSON object with a token; check that the registry's token realm is a token service`,
        { code: 'REGISTRY_TOKEN_INVALID' },
      );
    }
    const parsed = value as TokenResponse;
    const token = parsed.token ?? parsed.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new AuthenticationError(
        ctx,
        `the token server ${realmUrl.origin} answered without a token (no string 'token' or 'access_token'); check that the registry's token realm is a token service`,
        { code: 'REGISTRY_TOKEN_INVALID' },
      );
    }
    registerSecret(token);
    if (typeof parsed.refresh_token === 'string' && parsed.refresh_token) {
      registerSecret(parsed.refresh_token);
      refreshToken = parsed.refresh_token;
    }
    const expiresIn = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_TOKEN_SECONDS;
    const issuedAt = parsed.issued_at ? Date.parse(parsed.issued_at) : undefined;
    cache.set(host, scopes, token, expiresIn, Number.isNaN(issuedAt) ? undefined : issuedAt);
    return token;
  }

  /** A token for `scopes`: from the cache, or one request to the realm shared by concurrent callers. */
  function tokenFor(ch: Challenge, scopes: readonly string[], cred: Credential): Promise<string> {
    const cached = cache.get(host, scopes);
    if (cached) return Promise.resolve(cached);
    const key = TokenCache.key(host, scopes);
    let p = inflight.get(key);
    if (!p) {
      p = fetchToken(ch, scopes, cred).finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  }

  async function authorization(scopes: readonly string[], cred: Credential): Promise<string | undefined> {
    if (cred.kind === 'bearer') return `Bearer ${cred.token}`;
    if (scheme === 'basic' && cred.kind === 'basic') return basicHeader(cred);
    if (scheme === 'bearer' && bearerChallenge && scopes.length > 0) return `Bearer ${await tokenFor(bearerChallenge, scopes, cred)}`;
    return undefined;
  }

  /** A request to another origin than the registry's: never with credentials; a 401 there is a typed error. */
  async function crossOrigin(req: HttpRequest): Promise<Response> {
    if (req.url.protocol === 'http:' && opts.origin.protocol === 'https:') {
      throw new UnsafeUrlError(
        { registry: host },
        `the URL of ${req.method}`,
        req.url.href,
        'plain http while the registry is https (a downgrade)',
      );
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) if (k.toLowerCase() !== 'authorization') headers[k] = v;
    const res = await next({ ...req, headers });
    if (res.status === 401) {
      await discard(res);
      throw new CrossOriginAuthError(
        { registry: host, status: 401 },
        `${req.method} ${printableUrl(req.url)}, where ${host} sent us,`,
        req.url.origin,
        `the registry hands out URLs on another origin that wants authentication; ask the operator of ${host} to serve them from its own origin or without authentication`,
      );
    }
    return res;
  }

  return async (req) => {
    if (req.url.origin !== opts.origin.origin) return crossOrigin(req);
    const cred = await credential();
    const scopes = req.scopes ?? [];
    const send = (auth: string | undefined) => next(auth ? { ...req, headers: { ...req.headers, authorization: auth } } : req);
    const sent = await authorization(scopes, cred);
    const res = await send(sent);
    if (res.status !== 401) return res;
    const challenges = parseWwwAuthenticate(res.headers.get('www-authenticate') ?? '');
    await discard(res);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    const refused = () =>
      new AuthenticationError(
        { registry: host, status: 401 },
        cred.kind === 'anonymous'
          ? `the registry refused anonymous access for ${req.method} ${req.url.pathname}; configure credentials for ${host} (registry configuration, docker login, or a token variable)`
          : `the registry refused ${describeCredential(cred)} for ${req.method} ${req.url.pathname}; check the credentials configured for ${host}`,
      );
    if (bearer && cred.kind !== 'bearer') {
      scheme = 'bearer';
      bearerChallenge = bearer;
      const wanted = union(scopes, challengeScopes(bearer));
      const alias = (token: string) => {
        if (wanted.length !== scopes.length && scopes.length > 0) cache.set(host, scopes, token, DEFAULT_TOKEN_SECONDS);
      };
      // a token we sent was refused (expired, revoked): forget it before asking
      if (sent?.startsWith('Bearer ')) forget(scopes, wanted, sent.slice('Bearer '.length));
      let token = await tokenFor(bearer, wanted, cred);
      alias(token);
      let again = await send(`Bearer ${token}`);
      if (again.status === 401) {
        // the token came from the cache and is stale, or was refused: one fresh token
        await discard(again);
        forget(scopes, wanted, token);
        token = await tokenFor(bearer, wanted, cred);
        alias(token);
        again = await send(`Bearer ${token}`);
      }
      if (again.status !== 401) return again;
      await discard(again);
      forget(scopes, wanted, token);
      throw refused();
    }
    if (basic && cred.kind === 'basic' && !sent?.startsWith('Basic ')) {
      scheme = 'basic';
      const again = await send(basicHeader(cred));
      if (again.status !== 401) return again;
      await discard(again);
      throw refused();
    }
    if (sent !== undefined || cred.kind !== 'anonymous') throw refused();
    throw new AuthenticationError(
      { registry: host, status: 401 },
      `the registry asks for ${challenges[0]?.scheme ?? 'an unknown'} authentication and ${describeCredential(cred)} are configured for ${host}; add credentials (registry configuration, docker login, or a token variable)`,
    );
  };

  function forget(scopes: readonly string[], wanted: readonly string[], token: string): void {
    cache.invalidate(host, scopes, token);
    cache.invalidate(host, wanted, token);
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function basicHeader(cred: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
}

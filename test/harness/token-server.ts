import 'reflect-metadata';
import { createPrivateKey, createSign, type KeyObject, randomUUID, webcrypto } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** One access entry of a distribution token (`access` claim). */
export interface TokenAccess {
  type: string;
  name: string;
  actions: string[];
}

export interface TokenRequestRecord {
  method: string;
  service: string | null;
  scopes: string[];
  account: string | null;
  grantType: string | null;
  status: number;
}

export interface TokenServerOptions {
  service: string;
  issuer: string;
  /** username → password; these users get every action they ask for. */
  users: Record<string, string>;
  /** Lets requests without credentials pull (not push). */
  anonymousPull?: boolean;
  /** Lifetime of access tokens, seconds. */
  expiresIn?: number;
}

export interface TokenServer {
  /** `http://127.0.0.1:<port>/token` */
  realm: string;
  /** PEM of the certificate the registry must trust (`auth.token.rootcertbundle`). */
  certificatePem: string;
  /** Every request the server answered, in order. */
  requests: TokenRequestRecord[];
  /** Refresh tokens handed out by the OAuth2 flow, by token. */
  refreshTokens: Map<string, string>;
  close(): Promise<void>;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/**
 * A token server for the registry harness that follows the distribution
 * token specification: `GET /token?service=&scope=&account=` with optional
 * basic credentials, and the OAuth2 form `POST /token` (password and
 * refresh_token grants). Tokens are ES256 JWTs whose `x5c` header carries a
 * self-signed certificate that the registry is configured to trust.
 */
export async function startTokenServer(port: number, opts: TokenServerOptions): Promise<TokenServer> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256' } as const;
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=flotilla test token issuer',
    notBefore: new Date(now - 3600_000),
    notAfter: new Date(now + 7 * 24 * 3600_000),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    keys,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const privateKey: KeyObject = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const x5c = Buffer.from(cert.rawData).toString('base64');
  const expiresIn = opts.expiresIn ?? 300;
  const requests: TokenRequestRecord[] = [];
  const refreshTokens = new Map<string, string>();

  function mint(account: string | null, scopes: string[]): string {
    const access: TokenAccess[] = [];
    for (const scope of scopes) {
      // scope grammar: resourcetype:resourcename:action[,action]; the name may hold ':' (port)
      const first = scope.indexOf(':');
      const last = scope.lastIndexOf(':');
      if (first < 0 || last === first) continue;
      const type = scope.slice(0, first);
      const name = scope.slice(first + 1, last);
      const wanted = scope
        .slice(last + 1)
        .split(',')
        .filter(Boolean);
      const granted = account === null ? wanted.filter((a) => a === 'pull') : wanted;
      if (granted.length) access.push({ type, name, actions: granted });
    }
    const iat = Math.floor(Date.now() / 1000);
    const header = { alg: 'ES256', typ: 'JWT', x5c: [x5c] };
    const claims = {
      iss: opts.issuer,
      sub: account ?? '',
      aud: opts.service,
      exp: iat + expiresIn,
      nbf: iat - 10,
      iat,
      jti: randomUUID(),
      access,
    };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const sig = createSign('SHA256').update(signingInput).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' });
    return `${signingInput}.${b64url(sig)}`;
  }

  function basicUser(req: IncomingMessage): string | null | false {
    const h = req.headers.authorization;
    if (!h) return null;
    if (!h.startsWith('Basic ')) return false;
    const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    const user = decoded.slice(0, i);
    const pass = decoded.slice(i + 1);
    return opts.users[user] !== undefined && opts.users[user] === pass ? user : false;
  }

  function send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: TokenRequestRecord = {
      method: req.method ?? 'GET',
      service: url.searchParams.get('service'),
      scopes: url.searchParams
        .getAll('scope')
        .flatMap((s) => s.split(' '))
        .filter(Boolean),
      account: url.searchParams.get('account'),
      grantType: null,
      status: 200,
    };
    requests.push(record);
    const reply = (status: number, body: unknown) => {
      record.status = status;
      send(res, status, body);
    };
    if (url.pathname !== '/token') return reply(404, { errors: [{ code: 'NOT_FOUND' }] });
    if (req.method === 'GET') {
      if (record.service !== opts.service) return reply(400, { error: 'invalid_request', details: 'unknown service' });
      const user = basicUser(req);
      if (user === false) return reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] });
      if (user === null && !opts.anonymousPull) return reply(401, { errors: [{ code: 'UNAUTHORIZED', message: 'credentials required' }] });
      const token = mint(user, record.scopes);
      return reply(200, { token, access_token: token, expires_in: expiresIn, issued_at: new Date().toISOString() });
    }
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      record.grantType = form.get('grant_type');
      record.service = form.get('service');
      record.scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      if (record.service !== opts.service) return reply(400, { error: 'invalid_request', error_description: 'unknown service' });
      let user: string | undefined;
      if (record.grantType === 'password') {
        const name = form.get('username') ?? '';
        if (opts.users[name] === undefined || opts.users[name] !== form.get('password')) {
          return reply(401, { error: 'invalid_grant', error_description: 'bad credentials' });
        }
        user = name;
      } else if (record.grantType === 'refresh_token') {
        user = refreshTokens.get(form.get('refresh_token') ?? '');
        if (user === undefined) return reply(401, { error: 'invalid_grant', error_description: 'unknown refresh token' });
      } else {
        return reply(400, { error: 'unsupported_grant_type' });
      }
      const body: Record<string, unknown> = {
        access_token: mint(user, record.scopes),
        scope: record.scopes.join(' '),
        expires_in: expiresIn,
        issued_at: new Date().toISOString(),
      };
      if (form.get('access_type') === 'offline') {
        const refresh = randomUUID();
        refreshTokens.set(refresh, user);
        body.refresh_token = refresh;
      }
      return reply(200, body);
    }
    return reply(405, { error: 'method not allowed' });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: String(err) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certificatePem: cert.toString('pem'),
    requests,
    refreshTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

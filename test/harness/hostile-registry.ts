import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Socket } from 'node:net';
import { freePort } from './ports.ts';

/**
 * How the hostile registry misbehaves. Every field is off by default: with
 * none set it is a small, correct OCI registry (Basic auth) in memory.
 */
export interface HostileBehaviour {
  /** The upload session's `Location` points at the other origin (which accepts the upload, without credentials). */
  uploadLocationOtherOrigin?: boolean;
  /** The tag list's `Link: <…>; rel="next"` points at the other origin. */
  tagsNextOtherOrigin?: boolean;
  /** Every tag-list page links to one more page, for ever. */
  endlessTags?: boolean;
  /** Blob GETs answer 307 to the same path on the other origin. */
  blobRedirectOtherOrigin?: boolean;
  /** Blob GETs answer 307 to themselves, for ever. */
  redirectLoop?: boolean;
  /**
   * Bearer auth instead of Basic, with the token realm on the other origin
   * (`other`) or on this one (`same`). The realm hands out a token to anyone
   * who asks, with or without credentials.
   */
  tokenRealm?: 'other' | 'same' | undefined;
  /** The token realm answers this JSON text (e.g. `null`) instead of a token. */
  tokenResponseText?: string;
  /** The other origin answers 401 with a Basic challenge to every request. */
  otherOriginRequiresAuth?: boolean;
  /** Manifest GETs send their body one byte every `slowManifestMs` ms. */
  slowManifestMs?: number | undefined;
  /** Every subject has one referrer, which has one referrer, … for ever (the referrers API). */
  endlessReferrers?: boolean;
  /** Text put in every error body (e.g. a secret the registry echoes back). */
  errorBodyText?: string | undefined;
  /** Error bodies are this plain text (not the distribution JSON) when set. */
  errorBodyPlain?: string | undefined;
}

/** One request either origin received, with all its headers (lower-case names). */
export interface RecordedRequest {
  origin: 'main' | 'other';
  method: string;
  path: string;
  headers: Record<string, string>;
}

export interface HostileRegistry {
  /** `127.0.0.1:<port>`: the registry part of references. */
  host: string;
  url: string;
  /** `127.0.0.2:<port>`: the other origin the registry hands out. */
  otherHost: string;
  otherUrl: string;
  username: string;
  password: string;
  /** Every request received, in order, on both origins. */
  requests: RecordedRequest[];
  /** Requests that reached the other origin. */
  otherRequests(): RecordedRequest[];
  /** Changes the behaviour from now on (merged into the current one). */
  behave(b: HostileBehaviour): void;
  /** Stores a manifest under `repo:tag` (and its digest); returns the digest. */
  putManifest(repo: string, tag: string, bytes: Uint8Array, mediaType?: string): string;
  /** Stores a blob; returns its digest. */
  putBlob(bytes: Uint8Array): string;
  hasBlob(digest: string): boolean;
  stop(): Promise<void>;
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

/**
 * A registry that misbehaves on request, for the hardening tests: it speaks
 * enough of the OCI distribution API (ping, blobs, monolithic and chunked
 * uploads, manifests, tags, referrers) on 127.0.0.1 and has a second origin
 * on 127.0.0.2 that it can point clients at (upload Location, Link next,
 * redirects, token realm). Every request on both origins is recorded with
 * its headers, so a test can assert that no credential left the registry's
 * own origin.
 */
export interface HostileRegistryOptions {
  /** Serve the main origin over HTTPS with this key and certificate (PEM); the other origin stays plain HTTP. */
  tls?: { key: string; cert: string };
}

export async function startHostileRegistry(initial: HostileBehaviour = {}, options: HostileRegistryOptions = {}): Promise<HostileRegistry> {
  const username = 'hostile-user';
  const password = `pw-${randomUUID()}`;
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  let behaviour: HostileBehaviour = { ...initial };
  const requests: RecordedRequest[] = [];
  const blobs = new Map<string, Uint8Array>();
  const manifests = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  const uploads = new Map<string, Buffer[]>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const mainPort = await freePort();
  const otherPort = await freePort();
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${mainPort}`;
  const otherUrl = `http://127.0.0.2:${otherPort}`;
  const tokenValue = `tok-${randomUUID()}`;

  function putManifest(repo: string, tag: string, bytes: Uint8Array, mediaType = OCI_MANIFEST): string {
    const digest = digestOf(bytes);
    manifests.set(`${repo}@${digest}`, { bytes, mediaType });
    manifests.set(`${repo}:${tag}`, { bytes, mediaType });
    return digest;
  }

  function putBlob(bytes: Uint8Array): string {
    const digest = digestOf(bytes);
    blobs.set(digest, bytes);
    return digest;
  }

  function error(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
    if (behaviour.errorBodyPlain !== undefined) {
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      return void res.end(behaviour.errorBodyPlain);
    }
    const text = behaviour.errorBodyText ? `${message} ${behaviour.errorBodyText}` : message;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ errors: [{ code, message: text }] }));
  }

  /** The manifest a referrer of `subject` would be: deterministic, so the chain never ends. */
  function referrerOf(subject: string): { bytes: Uint8Array; digest: string } {
    const configBytes = new TextEncoder().encode('{}');
    const configDigest = putBlob(configBytes);
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: 'application/vnd.flotilla.test.chain',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: configDigest, size: configBytes.byteLength },
      layers: [],
      subject: { mediaType: OCI_MANIFEST, digest: subject, size: 2 },
    };
    const bytes = new TextEncoder().encode(JSON.stringify(manifest));
    return { bytes, digest: digestOf(bytes) };
  }

  /** Whether a request on the main origin carries acceptable credentials; answers 401 when not. */
  function authorised(req: IncomingMessage, res: ServerResponse): boolean {
    const auth = req.headers.authorization ?? '';
    if (behaviour.tokenRealm) {
      if (auth === `Bearer ${tokenValue}`) return true;
      const realm = behaviour.tokenRealm === 'other' ? `${otherUrl}/token` : `${url}/token`;
      error(res, 401, 'UNAUTHORIZED', 'authentication required', {
        'www-authenticate': `Bearer realm="${realm}",service="hostile"`,
      });
      return false;
    }
    if (auth === basic) return true;
    error(res, 401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': 'Basic realm="hostile"' });
    return false;
  }

  function token(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(behaviour.tokenResponseText ?? JSON.stringify({ token: tokenValue, expires_in: 300 }));
  }

  function sendSlowly(res: ServerResponse, bytes: Uint8Array, everyMs: number): void {
    let at = 0;
    const step = () => {
      if (res.destroyed) return;
      if (at >= bytes.byteLength) {
        res.end();
        return;
      }
      res.write(Buffer.from(bytes.subarray(at, at + 1)));
      at++;
      const t = setTimeout(() => {
        timers.delete(t);
        step();
      }, everyMs);
      timers.add(t);
    };
    step();
  }

  async function handle(origin: 'main' | 'other', req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', origin === 'main' ? url : otherUrl);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : (v ?? '');
    requests.push({ origin, method: req.method ?? 'GET', path: `${u.pathname}${u.search}`, headers });
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    // URLs it hands back name the host the client asked for (as distribution does, from the Host header)
    const self = origin === 'main' ? `${options.tls ? 'https' : 'http'}://${req.headers.host ?? `127.0.0.1:${mainPort}`}` : otherUrl;

    if (origin === 'other' && behaviour.otherOriginRequiresAuth) {
      return error(res, 401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': 'Basic realm="other"' });
    }
    if (u.pathname === '/token') return token(res);
    if (origin === 'main' && !authorised(req, res)) return;
    if (u.pathname === '/v2/' || u.pathname === '/v2') {
      res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' });
      return void res.end('{}');
    }
    const m = /^\/v2\/(.+?)\/(blobs\/uploads\/?|blobs|manifests|tags\/list|referrers)(?:\/([^/]*))?$/.exec(u.pathname);
    if (!m) return error(res, 404, 'NOT_FOUND', 'no such route');
    const repo = m[1] ?? '';
    const kind = (m[2] ?? '').replace(/\/$/, '');
    const ref = decodeURIComponent(m[3] ?? '');

    if (kind === 'blobs/uploads') {
      if (method === 'POST') {
        const id = randomUUID();
        uploads.set(id, []);
        const base = behaviour.uploadLocationOtherOrigin ? otherUrl : self;
        res.writeHead(202, { location: `${base}/v2/${repo}/blobs/uploads/${id}`, 'content-length': '0' });
        return void res.end();
      }
      const parts = uploads.get(ref);
      if (!parts) return error(res, 404, 'BLOB_UPLOAD_UNKNOWN', 'unknown upload session');
      if (method === 'PATCH') {
        parts.push(body);
        const held = parts.reduce((n, p) => n + p.byteLength, 0);
        res.writeHead(202, { location: `${self}/v2/${repo}/blobs/uploads/${ref}`, range: `0-${Math.max(0, held - 1)}` });
        return void res.end();
      }
      if (method === 'PUT') {
        parts.push(body);
        const bytes = Buffer.concat(parts);
        const digest = digestOf(bytes);
        if (digest !== u.searchParams.get('digest')) return error(res, 400, 'DIGEST_INVALID', 'digest mismatch');
        blobs.set(digest, bytes);
        uploads.delete(ref);
        res.writeHead(201, { location: `${self}/v2/${repo}/blobs/${digest}`, 'docker-content-digest': digest });
        return void res.end();
      }
      if (method === 'DELETE') {
        uploads.delete(ref);
        res.writeHead(204);
        return void res.end();
      }
      return error(res, 405, 'UNSUPPORTED', 'method not allowed');
    }

    if (kind === 'blobs') {
      if (behaviour.redirectLoop && method === 'GET') {
        res.writeHead(307, { location: `${self}${u.pathname}` });
        return void res.end();
      }
      if (behaviour.blobRedirectOtherOrigin && origin === 'main' && method === 'GET') {
        res.writeHead(307, { location: `${otherUrl}${u.pathname}` });
        return void res.end();
      }
      const bytes = blobs.get(ref);
      if (!bytes) return error(res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry');
      res.writeHead(200, { 'content-length': String(bytes.byteLength), 'docker-content-digest': ref });
      return void res.end(method === 'HEAD' ? undefined : Buffer.from(bytes));
    }

    if (kind === 'manifests') {
      if (method === 'PUT') {
        const mediaType = (req.headers['content-type'] ?? OCI_MANIFEST).split(';')[0] ?? OCI_MANIFEST;
        const digest = putManifest(repo, ref, body, mediaType);
        res.writeHead(201, { location: `${self}/v2/${repo}/manifests/${digest}`, 'docker-content-digest': digest });
        return void res.end();
      }
      let found = manifests.get(ref.startsWith('sha256:') ? `${repo}@${ref}` : `${repo}:${ref}`);
      if (!found && behaviour.endlessReferrers && ref.startsWith('sha256:')) {
        // a manifest of the chain, made up on demand
        for (const [key, v] of chainManifests) if (key === ref) found = v;
      }
      if (!found) return error(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown');
      const digest = digestOf(found.bytes);
      res.writeHead(200, {
        'content-type': found.mediaType,
        'content-length': String(found.bytes.byteLength),
        'docker-content-digest': digest,
      });
      if (method === 'HEAD') return void res.end();
      if (behaviour.slowManifestMs) return sendSlowly(res, found.bytes, behaviour.slowManifestMs);
      return void res.end(Buffer.from(found.bytes));
    }

    if (kind === 'tags/list') {
      const page = Number(u.searchParams.get('page') ?? '0');
      const tags = behaviour.endlessTags
        ? [`t${page}`]
        : [...manifests.keys()].filter((k) => k.startsWith(`${repo}:`)).map((k) => k.slice(repo.length + 1));
      const out: Record<string, string> = { 'content-type': 'application/json' };
      if (behaviour.endlessTags) out.link = `</v2/${repo}/tags/list?page=${page + 1}>; rel="next"`;
      else if (behaviour.tagsNextOtherOrigin && origin === 'main') out.link = `<${otherUrl}/v2/${repo}/tags/list?page=1>; rel="next"`;
      res.writeHead(200, out);
      return void res.end(JSON.stringify({ name: repo, tags }));
    }

    if (kind === 'referrers') {
      const manifestsOut: unknown[] = [];
      if (behaviour.endlessReferrers) {
        const next = referrerOf(ref);
        chainManifests.set(next.digest, { bytes: next.bytes, mediaType: OCI_MANIFEST });
        manifestsOut.push({
          mediaType: OCI_MANIFEST,
          digest: next.digest,
          size: next.bytes.byteLength,
          artifactType: 'application/vnd.flotilla.test.chain',
        });
      }
      res.writeHead(200, { 'content-type': OCI_INDEX });
      return void res.end(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: manifestsOut }));
    }
    return error(res, 404, 'NOT_FOUND', 'no such route');
  }
  const chainManifests = new Map<string, { bytes: Uint8Array; mediaType: string }>();

  const make = (origin: 'main' | 'other'): Server => {
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      handle(origin, req, res).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
    };
    const server: Server = origin === 'main' && options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
    server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    return server;
  };
  const main = make('main');
  const other = make('other');
  await listen(main, '127.0.0.1', mainPort);
  await listen(other, '127.0.0.2', otherPort);

  return {
    host: `127.0.0.1:${mainPort}`,
    url,
    otherHost: `127.0.0.2:${otherPort}`,
    otherUrl,
    username,
    password,
    requests,
    otherRequests: () => requests.filter((r) => r.origin === 'other'),
    behave: (b) => {
      behaviour = { ...behaviour, ...b };
    },
    putManifest,
    putBlob,
    hasBlob: (d) => blobs.has(d),
    stop: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await Promise.all([main, other].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

/** A manifest with one config blob of `configBytes` and no layers, as the hostile registry stores it. */
export function configOnlyManifest(
  configDigest: string,
  configSize: number,
  configMediaType = 'application/vnd.wasm.config.v0+json',
): Uint8Array {
  return new TextEncoder().encode(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: configMediaType, digest: configDigest, size: configSize },
      layers: [],
    }),
  );
}

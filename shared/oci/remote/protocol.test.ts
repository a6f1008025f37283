import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/harness/ports.ts';
import { makeArtifact } from '../../../test/oci/artifacts.ts';
import { TransportError } from '../../transport/errors.ts';
import { sha256 } from '../digest.ts';
import { MediaType } from '../media-types.ts';
import { nextLink, RemoteRegistry, registryBaseUrl } from './index.ts';

/**
 * A registry speaking the parts of distribution 1.1 that distribution 2.8
 * lacks (referrers API, OCI-Subject, paginated tags), over real HTTP, to
 * check what the client sends and reads.
 */
describe('distribution 1.1 features against a registry that has them', () => {
  let server: Server;
  let host: string;
  const seen: string[] = [];
  const subject = makeArtifact(10);
  const sig = makeArtifact(10, { artifactType: MediaType.SigstoreBundle, subject: subject.manifest.desc });
  beforeAll(async () => {
    const port = await freePort();
    host = `127.0.0.1:${port}`;
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === `/v2/api/referrers/${subject.manifest.desc.digest}`) {
        const index = {
          schemaVersion: 2,
          mediaType: MediaType.OciIndex,
          manifests: [
            { ...sig.manifest.desc, artifactType: MediaType.SigstoreBundle },
            { mediaType: MediaType.OciManifest, digest: `sha256:${'1'.repeat(64)}`, size: 10, artifactType: 'application/x-other' },
          ],
        };
        return res.writeHead(200, { 'content-type': MediaType.OciIndex }).end(JSON.stringify(index));
      }
      if (req.method === 'PUT' && url.pathname.startsWith('/v2/api/manifests/')) {
        return res.writeHead(201, { 'oci-subject': subject.manifest.desc.digest, 'docker-content-digest': sig.manifest.desc.digest }).end();
      }
      if (url.pathname === '/v2/api/tags/list') {
        if (url.searchParams.get('last') === 'b') return res.writeHead(200).end(JSON.stringify({ name: 'api', tags: ['c'] }));
        return res
          .writeHead(200, { link: '</v2/api/tags/list?n=2&last=b>; rel="next"' })
          .end(JSON.stringify({ name: 'api', tags: ['a', 'b'] }));
      }
      if (url.pathname.startsWith('/v2/slow/')) return; // never answers
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  it('lists referrers through the API, filtered by artifact type', async () => {
    const repo = new RemoteRegistry({ host }).repository('api');
    const all = await repo.referrers(subject.manifest.desc);
    expect(all).toHaveLength(2);
    const sigs = await repo.referrers(subject.manifest.desc, MediaType.SigstoreBundle);
    expect(sigs.map((d) => d.digest)).toEqual([sig.manifest.desc.digest]);
    expect(seen.some((s) => s.startsWith('GET /v2/api/manifests/sha256-'))).toBe(false);
  });

  it('does not write the tag schema when the registry answers OCI-Subject', async () => {
    seen.length = 0;
    const repo = new RemoteRegistry({ host }).repository('api');
    await repo.pushManifest(sig.manifest.desc, sig.manifest.bytes);
    expect(seen).toEqual([`PUT /v2/api/manifests/${sig.manifest.desc.digest}`]);
  });

  it('follows Link pagination of the tag list', async () => {
    expect(await new RemoteRegistry({ host }).repository('api').listTags()).toEqual(['a', 'b', 'c']);
    expect(nextLink('<https://r.example/v2/x/tags/list?last=z>; rel="next"', new URL('https://r.example/v2/')))?.toEqual(
      new URL('https://r.example/v2/x/tags/list?last=z'),
    );
    expect(nextLink(null, new URL('https://r.example/'))).toBeUndefined();
  });

  it('times out a request the registry never answers', async () => {
    const repo = new RemoteRegistry({ host, timeoutMs: 300, retry: { policy: { attempts: 2, baseDelayMs: 10 } } }).repository('slow');
    const started = Date.now();
    const err = await repo.resolve('v1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/no answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('registry base URLs', () => {
  it('uses plain HTTP only for loopback hosts or hosts marked insecure', () => {
    expect(registryBaseUrl('127.0.0.1:5000').href).toBe('http://127.0.0.1:5000/');
    expect(registryBaseUrl('localhost:5000').href).toBe('http://localhost:5000/');
    expect(registryBaseUrl('[::1]:5000').href).toBe('http://[::1]:5000/');
    expect(registryBaseUrl('ghcr.io').href).toBe('https://ghcr.io/');
    expect(registryBaseUrl('registry.corp:5000').href).toBe('https://registry.corp:5000/');
    expect(registryBaseUrl('registry.corp:5000', true).href).toBe('http://registry.corp:5000/');
    expect(registryBaseUrl('docker.io').href).toBe('https://registry-1.docker.io/');
    expect(registryBaseUrl('127.example.com').href).toBe('https://127.example.com/');
  });
});

describe('blob reads that break off', () => {
  let server: Server;
  let host: string;
  let connections = 0;
  const ranges: (string | undefined)[] = [];
  const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);
  const desc = { mediaType: 'application/octet-stream', digest: sha256(bytes), size: bytes.byteLength };
  beforeAll(async () => {
    const port = await freePort();
    host = `127.0.0.1:${port}`;
    server = createServer((req, res) => {
      const url = req.url ?? '';
      ranges.push(req.headers.range);
      if (url === '/v2/') return res.writeHead(200).end('{}');
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const from = range ? Number(range[1]) : 0;
      if (url.startsWith('/v2/cut/blobs/')) {
        // the first answer stops half-way; a range request gets the rest (206), or all of it (200) for /ignore/
        if (from === 0) {
          res.writeHead(200, { 'content-length': String(bytes.byteLength) });
          res.write(bytes.subarray(0, 70_000));
          setTimeout(() => res.socket?.destroy(), 20);
          return;
        }
        res.writeHead(206, {
          'content-length': String(bytes.byteLength - from),
          'content-range': `bytes ${from}-${bytes.byteLength - 1}/${bytes.byteLength}`,
        });
        return res.end(bytes.subarray(from));
      }
      if (url.startsWith('/v2/ignore/blobs/')) {
        if (from === 0 && ranges.filter((r) => r === undefined).length <= 2) {
          res.writeHead(200, { 'content-length': String(bytes.byteLength) });
          res.write(bytes.subarray(0, 50_000));
          setTimeout(() => res.socket?.destroy(), 20);
          return;
        }
        res.writeHead(200, { 'content-length': String(bytes.byteLength) });
        return res.end(bytes);
      }
      if (url.startsWith('/v2/keep/tags/list')) return res.writeHead(200).end('{"tags":["a"]}');
      res.writeHead(404).end();
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  it('resumes with a Range request and verifies the whole', async () => {
    ranges.length = 0;
    const got = await new RemoteRegistry({ host }).repository('cut').fetch(desc);
    expect(Buffer.from(got).equals(Buffer.from(bytes))).toBe(true);
    expect(ranges[0]).toBeUndefined();
    expect(ranges[1]).toMatch(/^bytes=\d+-$/);
  });

  it('skips what it has when the registry ignores Range', async () => {
    ranges.length = 0;
    const got = await new RemoteRegistry({ host }).repository('ignore').fetch(desc);
    expect(Buffer.from(got).equals(Buffer.from(bytes))).toBe(true);
    expect(ranges.length).toBeGreaterThanOrEqual(2);
  });

  it('reuses one connection for sequential requests', async () => {
    const repo = new RemoteRegistry({ host }).repository('keep');
    await repo.listTags();
    const before = connections;
    for (let i = 0; i < 10; i++) expect(await repo.listTags()).toEqual(['a']);
    expect(connections - before).toBe(0);
  });
});

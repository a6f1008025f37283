import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../../test/harness/fault-proxy.ts';
import { freePort } from '../../../test/harness/ports.ts';
import { type Registry, type RegistryFlavour, startRegistry } from '../../../test/harness/registry.ts';
import { makeArtifact, pushArtifact, settledLog, type TestArtifact } from '../../../test/oci/artifacts.ts';
import { ANONYMOUS, basicCredential } from '../../auth/credentials.ts';
import { ContentVerificationError, NotFoundError, UploadNotResumableError } from '../../transport/errors.ts';
import { sha256 } from '../digest.ts';
import { MediaType } from '../media-types.ts';
import type { Descriptor, ImageManifest } from '../types.ts';
import { mapPool } from './pool.ts';
import { RemoteRegistry } from './registry.ts';

const RETRY = { policy: { attempts: 8, baseDelayMs: 20, maxDelayMs: 1500 } };

describe.each<RegistryFlavour>(['anonymous', 'token'])('through a proxy with 20%% faults (%s)', (flavour) => {
  let reg: Registry;
  let proxy: FaultProxy;
  beforeAll(async () => {
    reg = await startRegistry({ auth: flavour });
    proxy = await startFaultProxy({ target: reg.url, rate: 0.2, retryAfterSeconds: 1, seed: flavour === 'token' ? 7 : 3 });
  });
  afterAll(async () => {
    await proxy?.stop();
    await reg?.stop();
  });

  it('pushes and pulls 20 artifacts intact, and no tag ever names an incomplete artifact', async () => {
    const credential = flavour === 'anonymous' ? ANONYMOUS : basicCredential(reg.username ?? '', reg.password ?? '');
    const viaProxy = new RemoteRegistry({ host: proxy.host, credential, retry: RETRY, timeoutMs: 5000 }).repository('faults/app');
    const direct = new RemoteRegistry({ host: reg.host, credential }).repository('faults/app');
    const artifacts: TestArtifact[] = Array.from({ length: 20 }, (_, i) => makeArtifact(20_000 + i * 1000));

    // a watcher reads the registry directly while the push runs: every tag it sees must be complete
    let pushing = true;
    const incomplete: string[] = [];
    let checks = 0;
    const watcher = (async () => {
      while (pushing) {
        const tags = await direct.listTags().catch(() => [] as string[]);
        for (const tag of tags) {
          // distribution lists a tag a moment before it resolves: a tag that resolves to nothing names nothing
          const fetched = await direct.fetchManifest(tag).catch((e: unknown) => {
            if (e instanceof NotFoundError) return undefined;
            throw e;
          });
          if (!fetched) continue;
          const m = JSON.parse(new TextDecoder().decode(fetched.bytes)) as ImageManifest;
          for (const d of [m.config, ...m.layers]) if (!(await direct.exists(d))) incomplete.push(`${tag} lacks ${d.digest}`);
          checks++;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      await mapPool(artifacts, 4, (a, i) => pushArtifact(viaProxy, a, `v${i}`));
    } finally {
      pushing = false;
      await watcher;
    }
    expect(incomplete).toEqual([]);
    expect(checks).toBeGreaterThan(0);

    const pulled = await mapPool(artifacts, 4, async (_a, i) => {
      const m = await viaProxy.fetchManifest(`v${i}`);
      const manifest = JSON.parse(new TextDecoder().decode(m.bytes)) as ImageManifest;
      const layer = await viaProxy.fetch(manifest.layers[0] ?? manifest.config);
      const config = await viaProxy.fetch(manifest.config);
      return { m, layer, config };
    });
    pulled.forEach(({ m, layer, config }, i) => {
      const a = artifacts[i] as TestArtifact;
      expect(Buffer.from(m.bytes).equals(Buffer.from(a.manifest.bytes))).toBe(true);
      expect(Buffer.from(layer).equals(Buffer.from(a.layer.bytes))).toBe(true);
      expect(Buffer.from(config).equals(Buffer.from(a.config.bytes))).toBe(true);
    });
    expect((await direct.listTags()).sort()).toEqual(artifacts.map((_, i) => `v${i}`).sort());
    // the faults did happen, of every kind
    for (const kind of ['drop', 'drop-after', '503', '429', 'truncate'] as const) expect(proxy.counts[kind]).toBeGreaterThan(0);
    const total = Object.values(proxy.counts).reduce((a, b) => a + b, 0);
    expect((total - proxy.counts.pass) / total).toBeGreaterThan(0.1);
  }, 180_000);
});

describe('a streamed blob pushed in chunks through faults', () => {
  let reg: Registry;
  beforeAll(async () => {
    reg = await startRegistry();
  });
  afterAll(async () => {
    await reg?.stop();
  });

  /** A blob of `size` random bytes and a web stream of it in 256 KiB pieces (read once, as a stream from another store is). */
  function streamed(size: number): {
    desc: Descriptor;
    bytes: Uint8Array;
    stream: () => ReadableStream<Uint8Array>;
  } {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i += 65536) bytes.set(crypto.getRandomValues(new Uint8Array(Math.min(65536, size - i))), i);
    const desc: Descriptor = { mediaType: 'application/octet-stream', digest: sha256(bytes), size };
    const stream = () => {
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(c) {
          if (at >= size) return c.close();
          c.enqueue(bytes.slice(at, at + 262144));
          at += 262144;
        },
      });
    };
    return { desc, bytes, stream };
  }

  it('resumes each failed chunk where the session stands, and the blob arrives intact', async () => {
    // drops before the registry sees the PATCH, 503 and 429: the session still stands where it was
    const proxy = await startFaultProxy({ target: reg.url, rate: 0.3, faults: ['drop', '503', '429'], retryAfterSeconds: 0, seed: 5 });
    try {
      const repo = new RemoteRegistry({
        host: proxy.host,
        retry: RETRY,
        timeoutMs: 5000,
        chunkThreshold: 1 << 20,
        chunkSize: 1 << 20,
      }).repository('faults/stream');
      const b = streamed(6 * (1 << 20) + 12345);
      await repo.push(b.desc, b.stream(), { knownAbsent: true });
      expect(proxy.counts.drop + proxy.counts['503'] + proxy.counts['429']).toBeGreaterThan(0);
      await settledLog(reg);
      // some PATCH failed and was sent again into the same session after a status GET
      const log = reg.accessLog();
      expect(log.filter((e) => e.method === 'GET' && e.path.includes('/blobs/uploads/')).length).toBeGreaterThan(0);
      expect(log.filter((e) => e.method === 'POST' && e.path.endsWith('/blobs/uploads/'))).toHaveLength(1);
      const direct = new RemoteRegistry({ host: reg.host }).repository('faults/stream');
      expect(Buffer.from(await direct.fetch(b.desc)).equals(Buffer.from(b.bytes))).toBe(true);
    } finally {
      await proxy.stop();
    }
  }, 60_000);

  it('says the upload cannot be resumed when a PATCH landed but its answer was lost (distribution 2.8 invalidates the old Location)', async () => {
    const proxy = await startFaultProxy({
      target: reg.url,
      rate: 1,
      faults: ['drop-after'],
      only: (method) => method === 'PATCH',
      seed: 1,
    });
    try {
      const repo = new RemoteRegistry({
        host: proxy.host,
        retry: RETRY,
        timeoutMs: 5000,
        chunkThreshold: 1 << 20,
        chunkSize: 1 << 20,
      }).repository('faults/lost');
      const b = streamed(3 * (1 << 20));
      const err = await repo.push(b.desc, b.stream(), { knownAbsent: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UploadNotResumableError);
      expect((err as Error).message).toMatch(
        /127\.0\.0\.1:\d+\/faults\/lost.*the chunk at 0 failed \(.*\) and the upload session cannot be resumed/,
      );
      expect((err as { code?: string }).code).toBe('OCI_UPLOAD_NOT_RESUMABLE');
    } finally {
      await proxy.stop();
    }
  }, 60_000);
});

describe('a registry serving bytes that do not match the digest', () => {
  let server: Server;
  let host: string;
  const good = new TextEncoder().encode('the bytes the manifest promised');
  const bad = new TextEncoder().encode('the bytes the registry served!!');
  const desc = { mediaType: MediaType.Wasm, digest: sha256(good), size: good.byteLength };
  beforeAll(async () => {
    expect(bad.byteLength).toBe(good.byteLength);
    const port = await freePort();
    host = `127.0.0.1:${port}`;
    server = createServer((req, res) => {
      if (req.url === '/v2/') return res.writeHead(200).end('{}');
      if (req.url?.startsWith('/v2/evil/blobs/')) {
        const body = req.url.endsWith('long') ? Buffer.concat([good, good]) : bad;
        res.writeHead(200, { 'content-length': String(body.byteLength), 'content-type': 'application/octet-stream' });
        return res.end(body);
      }
      if (req.url?.startsWith('/v2/evil/manifests/')) {
        const m = new TextEncoder().encode(
          '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}',
        );
        res.writeHead(200, { 'content-type': MediaType.OciManifest, 'docker-content-digest': desc.digest });
        return res.end(m);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses the blob with a typed error', async () => {
    const repo = new RemoteRegistry({ host, retry: false }).repository('evil');
    const err = await repo.fetch(desc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentVerificationError);
    expect((err as ContentVerificationError).code).toBe('OCI_CONTENT_MISMATCH');
    expect((err as Error).message).toContain(`expected ${desc.digest}`);
    expect((err as Error).message).toContain(host);
    // streaming fails the same way, before the consumer sees the end
    const stream = await repo.fetchStream(desc);
    await expect(new Response(stream).arrayBuffer()).rejects.toBeInstanceOf(ContentVerificationError);
  });

  it('refuses a manifest whose bytes do not match the digest asked for, or Docker-Content-Digest', async () => {
    const repo = new RemoteRegistry({ host, retry: false }).repository('evil');
    await expect(repo.fetchManifest(desc.digest)).rejects.toBeInstanceOf(ContentVerificationError);
    await expect(repo.fetchManifest('latest')).rejects.toThrow(/Docker-Content-Digest says/);
  });
});

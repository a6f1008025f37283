import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../../test/harness/fault-proxy.ts';
import { freePort } from '../../../test/harness/ports.ts';
import { type Registry, type RegistryFlavour, startRegistry } from '../../../test/harness/registry.ts';
import { makeArtifact, pushArtifact, type TestArtifact } from '../../../test/oci/artifacts.ts';
import { ANONYMOUS, basicCredential } from '../../auth/credentials.ts';
import { sha256 } from '../digest.ts';
import { MediaType } from '../media-types.ts';
import type { ImageManifest } from '../types.ts';
import { ContentVerificationError, NotFoundError } from './errors.ts';
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

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../../../test/harness/fault-proxy.ts';
import { type Registry, type RegistryFlavour, startRegistry } from '../../../test/harness/registry.ts';
import { tempDir } from '../../../test/harness/wasm-fixtures.ts';
import { blob, makeArtifact, pushArtifact, settledLog } from '../../../test/oci/artifacts.ts';
import { ANONYMOUS, basicCredential } from '../../auth/credentials.ts';
import { NotFoundError } from '../../transport/errors.ts';
import { Copier } from '../copy.ts';
import { LayoutStore } from '../layout/store.ts';
import { MediaType } from '../media-types.ts';
import type { ImageManifest } from '../types.ts';
import { RemoteRegistry } from './registry.ts';

const run = promisify(execFile);

function client(reg: Registry, extra: Partial<ConstructorParameters<typeof RemoteRegistry>[0]> = {}): RemoteRegistry {
  const credential = reg.flavour === 'anonymous' ? ANONYMOUS : basicCredential(reg.username ?? '', reg.password ?? '');
  return new RemoteRegistry({ host: reg.host, credential, ...extra });
}

describe.each<RegistryFlavour>(['anonymous', 'basic', 'token'])('RemoteRepository against distribution (%s)', (flavour) => {
  let reg: Registry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: flavour });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('pushes and pulls an artifact byte-identical, and skopeo reads it', async () => {
    const repo = client(reg).repository('flotilla/roundtrip');
    const a = makeArtifact(4096);
    await pushArtifact(repo, a, 'v1');

    const again = client(reg).repository('flotilla/roundtrip');
    const desc = await again.resolve('v1');
    expect(desc).toEqual(a.manifest.desc);
    const m = await again.fetchManifest('v1');
    expect(Buffer.from(m.bytes).equals(Buffer.from(a.manifest.bytes))).toBe(true);
    expect(m.descriptor.mediaType).toBe(MediaType.OciManifest);
    const parsed = JSON.parse(new TextDecoder().decode(m.bytes)) as ImageManifest;
    const layer = await again.fetch(parsed.layers[0] ?? a.layer.desc);
    expect(Buffer.from(layer).equals(Buffer.from(a.layer.bytes))).toBe(true);
    expect(Buffer.from(await again.fetch(parsed.config)).equals(Buffer.from(a.config.bytes))).toBe(true);
    expect(await again.listTags()).toEqual(['v1']);

    const args = ['inspect', '--raw', `docker://${reg.host}/flotilla/roundtrip:v1`, '--tls-verify=false'];
    if (flavour !== 'anonymous') args.push('--creds', `${reg.username}:${reg.password}`);
    const { stdout } = await run('skopeo', args);
    expect(stdout).toBe(new TextDecoder().decode(a.manifest.bytes));
    expect(stdout).toContain(MediaType.WasmConfig);
    expect(stdout).toContain(MediaType.Wasm);
  });

  it('does not upload a blob the repository already has', async () => {
    const repo = client(reg).repository('flotilla/dedupe');
    const b = blob('application/octet-stream', new Uint8Array(randomBytes(2048)));
    await repo.push(b.desc, b.bytes);
    await settledLog(reg);
    reg.clearAccessLog();
    await repo.push(b.desc, b.bytes);
    await settledLog(reg);
    const log = reg.accessLog().filter((e) => e.status !== 401);
    expect(log.filter((e) => e.method === 'POST' || e.method === 'PUT' || e.method === 'PATCH')).toEqual([]);
    expect(log.filter((e) => e.method === 'HEAD' && e.path.includes(b.desc.digest))).toHaveLength(1);
  });

  it('syncs every tag into a new repository without asking about each blob, and skips all of it the second time', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const src = new LayoutStore(dir);
      const artifacts = [makeArtifact(2048), makeArtifact(2048), makeArtifact(2048)];
      for (const [i, a] of artifacts.entries()) await pushArtifact(src, a, `v${i}`);
      const target = `flotilla/sync-${flavour}`;
      await settledLog(reg);
      reg.clearAccessLog();
      const first = new Copier(src, client(reg).repository(target));
      await first.copyAll();
      await settledLog(reg);
      const log = reg.accessLog().filter((e) => e.status !== 401);
      // one question for the whole sync (the repository is unknown), then uploads only
      expect(log.filter((e) => e.method === 'HEAD')).toEqual([]);
      expect(log.filter((e) => e.path.includes('/tags/list')).map((e) => e.status)).toEqual([404]);
      expect(log.filter((e) => e.method === 'PUT' && e.path.includes('/blobs/uploads/'))).toHaveLength(6);
      expect(first.stats).toMatchObject({ blobsCopied: 6, manifestsCopied: 3, blobsSkipped: 0 });
      expect((await client(reg).repository(target).listTags()).sort()).toEqual(['v0', 'v1', 'v2']);

      // now the repository exists: every manifest is asked about, and nothing moves
      await settledLog(reg);
      reg.clearAccessLog();
      const second = new Copier(src, client(reg).repository(target));
      await second.copyAll();
      await settledLog(reg);
      const again = reg.accessLog().filter((e) => e.status !== 401);
      expect(again.filter((e) => e.method === 'POST' || e.method === 'PATCH' || e.path.includes('/blobs/uploads/'))).toEqual([]);
      expect(again.filter((e) => e.method === 'HEAD' && e.path.includes('/manifests/'))).toHaveLength(3);
      expect(second.stats).toMatchObject({ blobsCopied: 0, manifestsCopied: 0, manifestsSkipped: 3 });
    } finally {
      cleanup();
    }
  });

  it('mounts a blob from another repository of the same registry', async () => {
    const registry = client(reg);
    const b = blob('application/octet-stream', new Uint8Array(randomBytes(3000)));
    await registry.repository('flotilla/source').push(b.desc, b.bytes);
    await settledLog(reg);
    reg.clearAccessLog();
    await registry.repository('flotilla/target').push(b.desc, b.bytes);
    await settledLog(reg);
    const log = reg.accessLog();
    expect(
      log.some(
        (e) =>
          e.method === 'POST' &&
          decodeURIComponent(e.path).includes(`mount=${b.desc.digest}`) &&
          decodeURIComponent(e.path).includes('from=flotilla/source') &&
          e.status === 201,
      ),
    ).toBe(true);
    expect(log.some((e) => e.method === 'PUT')).toBe(false);
    const explicit = blob('application/octet-stream', new Uint8Array(randomBytes(100)));
    await client(reg).repository('flotilla/source2').push(explicit.desc, explicit.bytes);
    expect(await client(reg).repository('flotilla/target2').mount(explicit.desc, 'flotilla/source2')).toBe(true);
    expect(await client(reg).repository('flotilla/target2').exists(explicit.desc)).toBe(true);
  });

  it('uploads a large blob in chunks, following each Location', async () => {
    const registry = client(reg, { chunkThreshold: 256 * 1024, chunkSize: 200 * 1024 });
    const repo = registry.repository('flotilla/chunked');
    const b = blob('application/octet-stream', new Uint8Array(randomBytes(1024 * 1024 + 17)));
    await settledLog(reg);
    reg.clearAccessLog();
    await repo.push(b.desc, b.bytes);
    await settledLog(reg);
    const patches = reg.accessLog().filter((e) => e.method === 'PATCH' && e.status === 202);
    expect(patches).toHaveLength(6);
    const fetched = await client(reg).repository('flotilla/chunked').fetch(b.desc);
    expect(Buffer.from(fetched).equals(Buffer.from(b.bytes))).toBe(true);
    // a stream source goes the same way
    const s = blob('application/octet-stream', new Uint8Array(randomBytes(700 * 1024)));
    await repo.push(s.desc, new Blob([s.bytes]).stream());
    expect(Buffer.from(await repo.fetch(s.desc)).equals(Buffer.from(s.bytes))).toBe(true);
  });

  it('attaches referrers through the tag schema, twice without duplicates', async () => {
    const repo = client(reg).repository('flotilla/referrers');
    const subject = makeArtifact(512);
    await pushArtifact(repo, subject, 'v1');
    const sig = makeArtifact(64, { artifactType: MediaType.SigstoreBundle, subject: subject.manifest.desc });
    await pushArtifact(repo, sig);
    await pushArtifact(repo, sig);
    const other = makeArtifact(64, { artifactType: 'application/vnd.example+json', subject: subject.manifest.desc });
    await pushArtifact(repo, other);
    const fresh = client(reg).repository('flotilla/referrers');
    const all = await fresh.referrers(subject.manifest.desc);
    expect(all.map((d) => d.digest).sort()).toEqual([sig.manifest.desc.digest, other.manifest.desc.digest].sort());
    const sigs = await fresh.referrers(subject.manifest.desc, MediaType.SigstoreBundle);
    expect(sigs).toEqual([
      {
        mediaType: MediaType.OciManifest,
        digest: sig.manifest.desc.digest,
        size: sig.manifest.desc.size,
        artifactType: MediaType.SigstoreBundle,
      },
    ]);
    expect(await fresh.listTags()).toContain(`sha256-${subject.manifest.desc.digest.slice(7)}`);
  });

  it('answers NotFoundError for an unknown tag', async () => {
    const repo = client(reg).repository('flotilla/roundtrip');
    await expect(repo.resolve('nope')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('upload sessions with OCI-Chunk-Min-Length', () => {
  it('raises the chunk size to the minimum the registry asks for', async () => {
    const reg = await startRegistry();
    const proxy = await startFaultProxy({
      target: reg.url,
      rate: 0,
      addHeaders: (method, _path, status): Record<string, string> =>
        method === 'POST' && status === 202 ? { 'OCI-Chunk-Min-Length': String(400 * 1024) } : {},
    });
    try {
      const repo = new RemoteRegistry({ host: proxy.host, chunkThreshold: 64 * 1024, chunkSize: 100 * 1024 }).repository('chunks/min');
      const b = blob('application/octet-stream', new Uint8Array(randomBytes(1000 * 1024)));
      await repo.push(b.desc, b.bytes);
      // 1000 KiB in chunks of 400 KiB: 3 PATCHes, not 10
      await settledLog(reg);
      expect(reg.accessLog().filter((e) => e.method === 'PATCH' && e.status === 202)).toHaveLength(3);
      expect(Buffer.from(await repo.fetch(b.desc)).equals(Buffer.from(b.bytes))).toBe(true);
    } finally {
      await proxy.stop();
      await reg.stop();
    }
  });
});

describe('push options', () => {
  it('skips the HEAD when the caller says the blob is absent', async () => {
    const reg = await startRegistry();
    try {
      const repo = new RemoteRegistry({ host: reg.host }).repository('opts/app');
      const b = blob('application/octet-stream', new Uint8Array(randomBytes(500)));
      await settledLog(reg);
      reg.clearAccessLog();
      await repo.push(b.desc, b.bytes, { knownAbsent: true });
      await settledLog(reg);
      expect(reg.accessLog().map((e) => `${e.method} ${e.status}`)).toEqual(['POST 202', 'PUT 201']);
    } finally {
      await reg.stop();
    }
  });
});

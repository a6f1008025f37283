import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeComponent, tempDir } from '../../test/harness/wasm-fixtures.ts';
import { buildWasmArtifact, pushWasmArtifact } from '../artifact/wasm-artifact.ts';
import { CopyError, copyAllTags, copyArtifact } from './copy.ts';
import { sha256 } from './digest.ts';
import { LayoutStore } from './layout/store.ts';
import { MediaType } from './media-types.ts';
import type { ContentStore } from './store.ts';
import type { Descriptor, ImageIndex, ImageManifest } from './types.ts';

/** Counts the calls a store receives, by method. */
function counting(store: ContentStore): { store: ContentStore; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(prop)] = (calls[String(prop)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

const enc = new TextEncoder();

describe('copy between stores', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
  });
  afterEach(() => cleanup());

  async function sourceWithTags(n: number): Promise<LayoutStore> {
    const src = new LayoutStore(join(dir, 'src'));
    for (let i = 0; i < n; i++) {
      // the same component under every tag, with different creation times: the layer is shared
      const a = buildWasmArtifact({ wasm: await makeComponent(), created: new Date(Date.UTC(2026, 0, i + 1)), title: 'c.wasm' });
      await pushWasmArtifact(src, a, `v${i}`);
    }
    return src;
  }

  it('copies one artifact layout to layout, then skips everything the target holds', async () => {
    const src = await sourceWithTags(1);
    const dst = new LayoutStore(join(dir, 'dst'));
    const first = await copyArtifact(src, dst, 'v0');
    expect(first.tag).toBe('v0');
    expect(first.stats).toMatchObject({ blobsCopied: 2, blobsSkipped: 0, manifestsCopied: 1, manifestsSkipped: 0 });
    expect(await dst.listTags()).toEqual(['v0']);
    expect((await dst.resolve('v0')).digest).toBe((await src.resolve('v0')).digest);

    const counted = counting(src);
    const again = await copyArtifact(counted.store, dst, 'v0', { tag: 'again' });
    expect(again.stats).toMatchObject({ blobsCopied: 0, manifestsCopied: 0, manifestsSkipped: 1 });
    // the root manifest read, no blob: a manifest present by digest is complete
    expect(counted.calls).toEqual({ fetchManifest: 1 });
    expect(await dst.listTags()).toEqual(['again', 'v0']);
  });

  it('skips blobs the target already has (shared layers)', async () => {
    const src = await sourceWithTags(2);
    const dst = new LayoutStore(join(dir, 'dst'));
    await copyArtifact(src, dst, 'v0');
    const second = await copyArtifact(src, dst, 'v1');
    expect(second.stats).toMatchObject({ blobsCopied: 1, blobsSkipped: 1, manifestsCopied: 1 });
  });

  it('copies every tag in one call, each shared blob once', async () => {
    const src = await sourceWithTags(5);
    const dst = new LayoutStore(join(dir, 'dst'));
    const events: string[] = [];
    const { results, stats } = await copyAllTags(src, dst, { onEvent: (e) => events.push(e.kind) });
    expect(results.map((r) => r.tag).sort()).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
    // 5 configs + 1 shared layer
    expect(stats.blobsCopied).toBe(6);
    expect(stats.manifestsCopied).toBe(5);
    expect(events.filter((k) => k === 'blob-copied')).toHaveLength(6);
    expect(await dst.listTags()).toEqual(await src.listTags());
    for (const t of await src.listTags()) expect((await dst.resolve(t)).digest).toBe((await src.resolve(t)).digest);
  });

  it('copies an image index with its child manifests, children first', async () => {
    const src = await sourceWithTags(2);
    const children = await Promise.all(['v0', 'v1'].map((t) => src.resolve(t)));
    const index: ImageIndex = { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: children };
    const bytes = enc.encode(JSON.stringify(index));
    const desc: Descriptor = { mediaType: MediaType.OciIndex, digest: sha256(bytes), size: bytes.length };
    await src.pushManifest(desc, bytes, 'multi');
    const dst = new LayoutStore(join(dir, 'dst'));
    const res = await copyArtifact(src, dst, 'multi');
    expect(res.stats.manifestsCopied).toBe(3);
    expect(await dst.listTags()).toEqual(['multi']);
    for (const c of children) expect(await dst.exists(c)).toBe(true);
  });

  it('copies referrers when asked, and only then', async () => {
    const src = await sourceWithTags(1);
    const subject = await src.resolve('v0');
    const empty = enc.encode('{}');
    const emptyDesc: Descriptor = { mediaType: MediaType.OciEmpty, digest: sha256(empty), size: 2 };
    await src.push(emptyDesc, empty);
    const sigBytes = enc.encode('{"bundle":true}');
    const sigLayer: Descriptor = { mediaType: MediaType.SigstoreBundle, digest: sha256(sigBytes), size: sigBytes.length };
    await src.push(sigLayer, sigBytes);
    const sig: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      artifactType: MediaType.SigstoreBundle,
      config: emptyDesc,
      layers: [sigLayer],
      subject,
    };
    const sigManifest = enc.encode(JSON.stringify(sig));
    const sigDesc: Descriptor = { mediaType: MediaType.OciManifest, digest: sha256(sigManifest), size: sigManifest.length };
    await src.pushManifest(sigDesc, sigManifest);

    const plain = new LayoutStore(join(dir, 'plain'));
    await copyArtifact(src, plain, 'v0');
    expect(await plain.referrers(subject)).toEqual([]);

    const withRefs = new LayoutStore(join(dir, 'refs'));
    const res = await copyArtifact(src, withRefs, 'v0', { referrers: true });
    expect(res.stats.referrersCopied).toBe(1);
    expect((await withRefs.referrers(subject)).map((d) => d.digest)).toEqual([sigDesc.digest]);
    expect(Buffer.from(await withRefs.fetch(sigLayer)).toString()).toBe('{"bundle":true}');
  });

  it('never tags an artifact whose blobs failed to copy, and reports every failed tag', async () => {
    const src = await sourceWithTags(3);
    // corrupt the config of v1 in the source
    const v1 = JSON.parse(Buffer.from((await src.fetchManifest('v1')).bytes).toString()) as ImageManifest;
    writeFileSync(src.blobPath(v1.config.digest), 'x'.repeat(v1.config.size));
    const dst = new LayoutStore(join(dir, 'dst'));
    const failure = await copyAllTags(src, dst).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CopyError);
    expect((failure as Error).message).toMatch(/1 of 3 tag\(s\) of oci:.* could not be copied/);
    expect((failure as Error).message).toMatch(/v1: .*does not match its descriptor/);
    expect(await dst.listTags()).toEqual(['v0', 'v2']);
    expect(await dst.exists(v1.config)).toBe(false);
  });
});

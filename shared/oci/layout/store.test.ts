import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeComponent, tempDir } from '../../../test/harness/wasm-fixtures.ts';
import { buildWasmArtifact, pullWasmArtifact, pushWasmArtifact } from '../../artifact/wasm-artifact.ts';
import { sha256 } from '../digest.ts';
import { MediaType } from '../media-types.ts';
import type { Descriptor, ImageManifest } from '../types.ts';
import { ContentMismatchError } from '../verify.ts';
import { ContentNotFoundError, IncompleteManifestError, LayoutFormatError, TagNotFoundError } from './errors.ts';
import { LayoutStore } from './store.ts';

const run = promisify(execFile);
const enc = new TextEncoder();

function blob(text: string, mediaType = 'application/octet-stream'): { desc: Descriptor; bytes: Uint8Array } {
  const bytes = enc.encode(text);
  return { desc: { mediaType, digest: sha256(bytes), size: bytes.byteLength }, bytes };
}

function manifestOf(config: Descriptor, layers: Descriptor[], extra: Partial<ImageManifest> = {}): { desc: Descriptor; bytes: Uint8Array } {
  const m: ImageManifest = { schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers, ...extra };
  const bytes = enc.encode(JSON.stringify(m));
  return { desc: { mediaType: MediaType.OciManifest, digest: sha256(bytes), size: bytes.byteLength }, bytes };
}

function streamOf(bytes: Uint8Array, chunk = 3): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + chunk));
        at += chunk;
      }
    },
  });
}

async function artifact(created = '2026-01-01T00:00:00Z') {
  return buildWasmArtifact({ wasm: await makeComponent(), created, title: 'get.wasm' });
}

describe('LayoutStore', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
  });
  afterEach(() => cleanup());

  it('writes oci-layout, index.json and blobs/sha256 as skopeo and oras do', async () => {
    const store = new LayoutStore(join(dir, 'l'));
    const a = await artifact();
    await pushWasmArtifact(store, a, 'v1');
    expect(JSON.parse(readFileSync(join(dir, 'l', 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(readFileSync(join(dir, 'l', 'index.json'), 'utf8'));
    expect(index).toEqual({
      schemaVersion: 2,
      mediaType: MediaType.OciIndex,
      manifests: [
        {
          mediaType: MediaType.OciManifest,
          digest: a.descriptor.digest,
          size: a.descriptor.size,
          annotations: { 'org.opencontainers.image.ref.name': 'v1' },
        },
      ],
    });
    for (const d of [a.descriptor, a.configDescriptor, a.layer]) {
      expect(readFileSync(join(dir, 'l', 'blobs', 'sha256', d.digest.slice(7))).length).toBe(d.size);
    }
    expect(readdirSync(join(dir, 'l', 'ingest'))).toEqual([]);
  });

  it('is read by skopeo: skopeo inspect --raw returns our manifest bytes', async () => {
    const store = new LayoutStore(join(dir, 'l'));
    const a = await artifact();
    await pushWasmArtifact(store, a, '1.0.0');
    const { stdout } = await run('skopeo', ['inspect', '--raw', `oci:${join(dir, 'l')}:1.0.0`], { encoding: 'buffer' });
    expect(Buffer.from(stdout).equals(Buffer.from(a.manifestBytes))).toBe(true);
    const m = JSON.parse(stdout.toString()) as ImageManifest;
    expect(m.config.mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(m.layers.map((l) => l.mediaType)).toEqual(['application/wasm']);
  });

  it('reads a layout that skopeo copy wrote, byte for byte', async () => {
    const ours = new LayoutStore(join(dir, 'ours'));
    const a = await artifact();
    await pushWasmArtifact(ours, a, 'v1');
    await run('skopeo', ['copy', `oci:${join(dir, 'ours')}:v1`, `oci:${join(dir, 'theirs')}:copied`]);
    // skopeo writes its own index.json (no mediaType field) and oci-layout
    expect(JSON.parse(readFileSync(join(dir, 'theirs', 'index.json'), 'utf8')).mediaType).toBeUndefined();
    const theirs = new LayoutStore(join(dir, 'theirs'));
    expect(await theirs.listTags()).toEqual(['copied']);
    const desc = await theirs.resolve('copied');
    expect(desc.digest).toBe(a.descriptor.digest);
    const pulled = await pullWasmArtifact(theirs, 'copied');
    expect(Buffer.from(pulled.wasm).equals(Buffer.from(a.wasm))).toBe(true);
    // and we can add a tag to skopeo's layout, which skopeo still reads
    await theirs.tag(desc, 'also');
    const { stdout } = await run('skopeo', ['inspect', '--raw', `oci:${join(dir, 'theirs')}:also`]);
    expect(JSON.parse(stdout).layers[0].digest).toBe(a.layer.digest);
  });

  it('refuses a blob whose bytes do not match the descriptor, and leaves nothing behind', async () => {
    const store = new LayoutStore(dir);
    const { desc } = blob('hello');
    await expect(store.push(desc, enc.encode('hellO'))).rejects.toThrow(ContentMismatchError);
    // one content check, one code, whichever store reads the bytes (a registry's ContentVerificationError has it too)
    await expect(store.push(desc, enc.encode('hellO'))).rejects.toMatchObject({ code: 'OCI_CONTENT_MISMATCH' });
    await expect(store.push(desc, streamOf(enc.encode('hello world')))).rejects.toThrow(/more than the expected 5 bytes/);
    await expect(store.push({ ...desc, size: 6 }, streamOf(enc.encode('hello')))).rejects.toThrow(/expected 6 bytes, got 5/);
    await expect(store.push(desc, streamOf(enc.encode('jello')))).rejects.toThrow(/hash to sha256:/);
    // bytes a caller says were verified still have to have the right size
    await expect(store.push({ ...desc, size: 4 }, enc.encode('hello'), { verified: true })).rejects.toThrow(/expected 4 bytes, got 5/);
    expect(existsSync(store.blobPath(desc.digest))).toBe(false);
    expect(readdirSync(join(dir, 'ingest'))).toEqual([]);
    expect(await store.exists(desc)).toBe(false);
  });

  it('streams blobs in and out, verifying them', async () => {
    const store = new LayoutStore(dir);
    const { desc, bytes } = blob('x'.repeat(100_000));
    await store.push(desc, streamOf(bytes, 4096));
    expect(await store.exists(desc)).toBe(true);
    const back = new Uint8Array(await new Response(await store.fetchStream(desc)).arrayBuffer());
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });

  it('detects a blob corrupted on disk when reading it', async () => {
    const store = new LayoutStore(dir);
    const { desc, bytes } = blob('the original');
    await store.push(desc, bytes);
    writeFileSync(store.blobPath(desc.digest), 'the 0riginal');
    await expect(store.fetch(desc)).rejects.toThrow(ContentMismatchError);
    await expect(new Response(await store.fetchStream(desc)).arrayBuffer()).rejects.toThrow(ContentMismatchError);
    writeFileSync(store.blobPath(desc.digest), 'short');
    await expect(store.fetch(desc)).rejects.toThrow(/the file holds 5 bytes/);
    // a corrupt blob counts as absent, so pushing it again repairs it
    expect(await store.exists(desc)).toBe(false);
    await store.push(desc, bytes);
    expect(new TextDecoder().decode(await store.fetch(desc))).toBe('the original');
  });

  it('refuses a manifest whose blobs are not there yet (no tag on an incomplete artifact)', async () => {
    const store = new LayoutStore(dir);
    const config = blob('{}', 'application/vnd.oci.empty.v1+json');
    const layer = blob('layer');
    const m = manifestOf(config.desc, [layer.desc]);
    await store.push(config.desc, config.bytes);
    await expect(store.pushManifest(m.desc, m.bytes, 'v1')).rejects.toThrow(IncompleteManifestError);
    await expect(store.listTags()).resolves.toEqual([]);
    expect(await store.exists(m.desc)).toBe(false);
    await store.push(layer.desc, layer.bytes);
    await store.pushManifest(m.desc, m.bytes, 'v1');
    expect(await store.listTags()).toEqual(['v1']);
  });

  it('refuses manifest bytes that do not match their descriptor or are not a manifest', async () => {
    const store = new LayoutStore(dir);
    const junk = blob('{"schemaVersion":2}');
    await expect(store.pushManifest({ ...junk.desc, mediaType: MediaType.OciManifest }, junk.bytes)).rejects.toThrow(
      /config is not a descriptor/,
    );
    const config = blob('{}');
    await store.push(config.desc, config.bytes);
    const m = manifestOf(config.desc, []);
    await expect(store.pushManifest({ ...m.desc, digest: sha256('other') }, m.bytes)).rejects.toThrow(ContentMismatchError);
    await expect(store.pushManifest({ ...m.desc, mediaType: MediaType.OciIndex }, m.bytes)).rejects.toThrow(/the descriptor says/);
    await expect(store.pushManifest(m.desc, m.bytes, 'bad tag!')).rejects.toThrow(/not a valid tag/);
  });

  it('moves a tag, keeps one entry per tag, and resolves tags and digests', async () => {
    const store = new LayoutStore(dir);
    const a = await artifact('2026-01-01T00:00:00Z');
    const b = await artifact('2026-02-01T00:00:00Z');
    await pushWasmArtifact(store, a, 'latest');
    await pushWasmArtifact(store, b, 'v2');
    await store.tag(b.descriptor, 'latest');
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index.manifests.map((d: Descriptor) => [d.annotations?.['org.opencontainers.image.ref.name'], d.digest])).toEqual([
      ['v2', b.descriptor.digest],
      ['latest', b.descriptor.digest],
    ]);
    expect(await store.listTags()).toEqual(['latest', 'v2']);
    expect((await store.resolve('latest')).digest).toBe(b.descriptor.digest);
    // a digest no entry names is still resolvable: it is read from its blob
    expect(await store.resolve(a.descriptor.digest)).toEqual(a.descriptor);
    const fetched = await store.fetchManifest('v2');
    expect(Buffer.from(fetched.bytes).equals(Buffer.from(b.manifestBytes))).toBe(true);
  });

  it('says which tags exist when a tag is missing, and when a folder is no layout', async () => {
    const store = new LayoutStore(dir);
    await pushWasmArtifact(store, await artifact(), 'v1');
    await expect(store.resolve('v9')).rejects.toThrow(TagNotFoundError);
    await expect(store.resolve('v9')).rejects.toThrow(/tag 'v9' not found \(its tags: v1\)/);
    await expect(store.resolve(sha256('nothing'))).rejects.toThrow(ContentNotFoundError);
    const missing = new LayoutStore(join(dir, 'nowhere'));
    await expect(missing.listTags()).rejects.toThrow(LayoutFormatError);
    await expect(missing.listTags()).rejects.toThrow(/no OCI image layout here/);
    writeFileSync(join(dir, 'index.json'), '{"manifests": 3}');
    await expect(store.listTags()).rejects.toThrow(/index.json: not an OCI image index/);
  });

  it('serializes index.json updates: 40 concurrent tag writes from two stores all land', async () => {
    const one = new LayoutStore(dir);
    const two = new LayoutStore(dir);
    const a = await artifact();
    await pushWasmArtifact(one, a);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => ((i % 2 ? one : two) as LayoutStore).pushManifest(a.descriptor, a.manifestBytes, `t${i}`)),
    );
    const tags = await new LayoutStore(dir).listTags();
    expect(tags).toHaveLength(40);
    expect(existsSync(join(dir, 'index.json.lock'))).toBe(false);
  });

  it('keeps every tag when three processes tag into one layout at once (lock file)', async () => {
    const store = new LayoutStore(dir);
    const a = await artifact();
    await pushWasmArtifact(store, a, 'base');
    const script = join(dir, 'tagger.ts');
    writeFileSync(
      script,
      [
        `import { LayoutStore } from ${JSON.stringify(join(import.meta.dirname, 'store.ts'))};`,
        'const [dir, prefix, digest, size] = process.argv.slice(2);',
        'const store = new LayoutStore(dir);',
        "const desc = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: Number(size) };",
        'await Promise.all(Array.from({ length: 15 }, (_, i) => store.tag(desc, prefix + String(i))));',
      ].join('\n'),
    );
    await Promise.all(['p', 'q', 'r'].map((p) => run(process.execPath, [script, dir, p, a.descriptor.digest, String(a.descriptor.size)])));
    const tags = await store.listTags();
    expect(tags).toHaveLength(46);
    for (const p of ['p', 'q', 'r']) for (let i = 0; i < 15; i++) expect(tags).toContain(`${p}${i}`);
    expect(existsSync(join(dir, 'index.json.lock'))).toBe(false);
  });

  it('lists referrers by subject and artifact type, from index.json on a fresh store too', async () => {
    const store = new LayoutStore(dir);
    const a = await artifact();
    await pushWasmArtifact(store, a, 'v1');
    const empty = blob('{}', MediaType.OciEmpty);
    await store.push(empty.desc, empty.bytes);
    const sigLayer = blob('{"signature":1}', MediaType.SigstoreBundle);
    await store.push(sigLayer.desc, sigLayer.bytes);
    const sig = manifestOf(empty.desc, [sigLayer.desc], {
      artifactType: MediaType.SigstoreBundle,
      subject: a.descriptor,
      annotations: { 'dev.sigstore.bundle.predicateType': 'x' },
    });
    await store.pushManifest(sig.desc, sig.bytes);
    const other = manifestOf(empty.desc, [], { artifactType: 'application/vnd.example.sbom', subject: a.descriptor });
    await store.pushManifest(other.desc, other.bytes);
    // untagged referrers get index.json entries, tags do not change
    expect(await store.listTags()).toEqual(['v1']);
    for (const s of [store, new LayoutStore(dir)]) {
      const all = await s.referrers(a.descriptor);
      expect(all.map((d) => d.digest)).toEqual([sig.desc.digest, other.desc.digest]);
      expect(all[0]).toEqual({
        mediaType: MediaType.OciManifest,
        digest: sig.desc.digest,
        size: sig.desc.size,
        artifactType: MediaType.SigstoreBundle,
        annotations: { 'dev.sigstore.bundle.predicateType': 'x' },
      });
      expect((await s.referrers(a.descriptor, 'application/vnd.example.sbom')).map((d) => d.digest)).toEqual([other.desc.digest]);
      expect(await s.referrers(sig.desc)).toEqual([]);
    }
  });
});

import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeComponent, makeModule, tempDir } from '../../test/harness/wasm-fixtures.ts';
import { WasmFormatError } from '../component/describe.ts';
import { sha256 } from '../oci/digest.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import { MediaType } from '../oci/media-types.ts';
import type { Descriptor, ImageIndex, ImageManifest } from '../oci/types.ts';
import { ContentMismatchError } from '../oci/verify.ts';
import {
  buildWasmArtifact,
  createdTime,
  inspectWasmArtifact,
  NotWasmArtifactError,
  normalizeCreated,
  pullWasmArtifact,
  pushWasmArtifact,
} from './wasm-artifact.ts';

const enc = new TextEncoder();

async function putBlob(store: LayoutStore, bytes: Uint8Array, mediaType: string): Promise<Descriptor> {
  const desc: Descriptor = { mediaType, digest: sha256(bytes), size: bytes.length };
  await store.push(desc, bytes);
  return desc;
}

async function putManifest(store: LayoutStore, m: ImageManifest | ImageIndex, tag: string): Promise<Descriptor> {
  const bytes = enc.encode(JSON.stringify(m));
  const desc: Descriptor = { mediaType: m.mediaType ?? MediaType.OciManifest, digest: sha256(bytes), size: bytes.length };
  await store.pushManifest(desc, bytes, tag);
  return desc;
}

describe('Wasm OCI artifacts', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
  });
  afterEach(() => cleanup());

  it('builds the CNCF TAG Runtime layout from a component, imports and exports from the binary', async () => {
    const wasm = await makeComponent('get');
    const a = buildWasmArtifact({
      wasm,
      created: '2026-03-04T05:06:07Z',
      title: 'get.wasm',
      version: '1.2.3',
      source: 'https://github.com/acme/shop',
      revision: 'abc123',
    });
    expect(a.config).toEqual({
      created: '2026-03-04T05:06:07Z',
      architecture: 'wasm',
      os: 'wasip2',
      layerDigests: [sha256(wasm)],
      component: { exports: ['get'], imports: ['wasi:cli/environment@0.2.0'] },
    });
    const m = JSON.parse(new TextDecoder().decode(a.manifestBytes));
    expect(m).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.wasm.config.v0+json', digest: a.configDescriptor.digest, size: a.configBytes.length },
      layers: [
        {
          mediaType: 'application/wasm',
          digest: sha256(wasm),
          size: wasm.length,
          annotations: { 'org.opencontainers.image.title': 'get.wasm' },
        },
      ],
      annotations: {
        'org.opencontainers.image.created': '2026-03-04T05:06:07Z',
        'org.opencontainers.image.revision': 'abc123',
        'org.opencontainers.image.source': 'https://github.com/acme/shop',
        'org.opencontainers.image.version': '1.2.3',
      },
    });
    expect(a.descriptor.digest).toBe(sha256(a.manifestBytes));
  });

  it('is deterministic: same binary and inputs, same digest; a different time or annotation, a different one', async () => {
    const input = { created: '2026-03-04T05:06:07Z', title: 'get.wasm', annotations: { b: '2', a: '1' } };
    const one = buildWasmArtifact({ ...input, wasm: await makeComponent() });
    const two = buildWasmArtifact({
      ...input,
      wasm: await makeComponent(),
      annotations: { a: '1', b: '2' },
      created: new Date('2026-03-04T05:06:07Z'),
    });
    expect(two.descriptor.digest).toBe(one.descriptor.digest);
    expect(Buffer.from(two.manifestBytes).equals(Buffer.from(one.manifestBytes))).toBe(true);
    const later = buildWasmArtifact({ ...input, wasm: await makeComponent(), created: '2026-03-04T05:06:08Z' });
    expect(later.descriptor.digest).not.toBe(one.descriptor.digest);
    const other = buildWasmArtifact({ ...input, wasm: await makeComponent(), version: '2' });
    expect(other.descriptor.digest).not.toBe(one.descriptor.digest);
  });

  it('takes the creation time from the caller, else SOURCE_DATE_EPOCH, else the epoch; never the clock', () => {
    expect(createdTime({}, '2026-01-02T03:04:05.000+00:00')).toBe('2026-01-02T03:04:05Z');
    expect(createdTime({ SOURCE_DATE_EPOCH: '1767225600' })).toBe('2026-01-01T00:00:00Z');
    expect(createdTime({})).toBe('1970-01-01T00:00:00Z');
    expect(() => createdTime({ SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH is 'yesterday'/);
    expect(() => normalizeCreated('next tuesday')).toThrow(/not an RFC 3339 time/);
    expect(normalizeCreated('2026-01-02T03:04:05.250Z')).toBe('2026-01-02T03:04:05.250Z');
  });

  it('marks a core module wasip1, without component metadata', async () => {
    const a = buildWasmArtifact({ wasm: await makeModule(), created: '1970-01-01T00:00:00Z', title: 'm.wasm' });
    expect(a.config.os).toBe('wasip1');
    expect(a.config.component).toBeUndefined();
  });

  it('refuses to build from bytes that are not Wasm', () => {
    expect(() => buildWasmArtifact({ wasm: enc.encode('#!/bin/sh\necho hi\n'), created: '1970-01-01T00:00:00Z', title: 'x' })).toThrow(
      WasmFormatError,
    );
  });

  it('pushes and pulls byte-identical through a layout, and inspects without the layer', async () => {
    const store = new LayoutStore(dir);
    const a = buildWasmArtifact({ wasm: await makeComponent(), created: '2026-01-01T00:00:00Z', title: 'get.wasm' });
    await pushWasmArtifact(store, a, 'v1');
    const pulled = await pullWasmArtifact(store, 'v1');
    expect(Buffer.from(pulled.wasm).equals(Buffer.from(a.wasm))).toBe(true);
    expect(pulled.descriptor.digest).toBe(a.descriptor.digest);
    expect(pulled.config.component?.exports).toEqual(['get']);
    writeFileSync(store.blobPath(a.layer.digest), 'gone');
    const info = await inspectWasmArtifact(store, a.descriptor.digest);
    expect(info.layer.digest).toBe(a.layer.digest);
    await expect(pullWasmArtifact(store, 'v1')).rejects.toThrow(ContentMismatchError);
  });

  it('rejects a container image, saying which media types it found', async () => {
    const store = new LayoutStore(dir);
    const config = await putBlob(store, enc.encode('{"architecture":"amd64","os":"linux"}'), 'application/vnd.oci.image.config.v1+json');
    const layer = await putBlob(store, enc.encode('not really a tarball'), 'application/vnd.oci.image.layer.v1.tar+gzip');
    await putManifest(store, { schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }, 'image');
    const err = await pullWasmArtifact(store, 'image').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotWasmArtifactError);
    expect((err as Error).message).toBe(
      `oci:${dir}:image is not a Wasm artifact: found config application/vnd.oci.image.config.v1+json, 1 layer(s) [application/vnd.oci.image.layer.v1.tar+gzip]. A Wasm OCI artifact has config application/vnd.wasm.config.v0+json and exactly one application/wasm layer.`,
    );
  });

  it('rejects two layers, an index, a wrong architecture and layerDigests that do not name the layer', async () => {
    const store = new LayoutStore(dir);
    const a = buildWasmArtifact({ wasm: await makeComponent(), created: '2026-01-01T00:00:00Z', title: 'get.wasm' });
    await pushWasmArtifact(store, a, 'good');
    await putManifest(store, { ...a.manifest, layers: [a.layer, a.layer] }, 'two');
    await expect(pullWasmArtifact(store, 'two')).rejects.toThrow(/found config application\/vnd.wasm.config.v0\+json, 2 layer\(s\)/);
    await putManifest(store, { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [a.descriptor] }, 'index');
    await expect(pullWasmArtifact(store, 'index')).rejects.toThrow(
      /found an image index \(application\/vnd.oci.image.index.v1\+json\) of 1 manifest/,
    );
    const badArch = await putBlob(store, enc.encode('{"architecture":"amd64","os":"wasip2"}'), MediaType.WasmConfig);
    await putManifest(store, { ...a.manifest, config: badArch }, 'arch');
    await expect(pullWasmArtifact(store, 'arch')).rejects.toThrow(/architecture "amd64", expected "wasm"/);
    const badDigests = await putBlob(
      store,
      enc.encode(`{"architecture":"wasm","os":"wasip2","layerDigests":["${sha256('x')}"]}`),
      MediaType.WasmConfig,
    );
    await putManifest(store, { ...a.manifest, config: badDigests }, 'digests');
    await expect(pullWasmArtifact(store, 'digests')).rejects.toThrow(/layerDigests .* do not name its layer/);
  });

  it('reads what wkg writes: no layer title, config with author null and component target null', async () => {
    const store = new LayoutStore(dir);
    const wasm = await makeComponent();
    const layer = await putBlob(store, wasm, MediaType.Wasm);
    const config = await putBlob(
      store,
      enc.encode(
        JSON.stringify({
          created: '2026-05-06T07:08:09.123456789Z',
          author: null,
          architecture: 'wasm',
          os: 'wasip2',
          layerDigests: [layer.digest],
          component: { exports: ['get'], imports: ['wasi:cli/environment@0.2.0'], target: null },
        }),
      ),
      MediaType.WasmConfig,
    );
    await putManifest(store, { schemaVersion: 2, mediaType: MediaType.OciManifest, config, layers: [layer] }, '0.1.0');
    const pulled = await pullWasmArtifact(store, '0.1.0');
    expect(pulled.config.component?.imports).toEqual(['wasi:cli/environment@0.2.0']);
    expect(Buffer.from(pulled.wasm).equals(Buffer.from(wasm))).toBe(true);
  });
});

import { randomBytes } from 'node:crypto';
import { sha256 } from '../../shared/oci/digest.ts';
import { MediaType } from '../../shared/oci/media-types.ts';
import type { ContentStore } from '../../shared/oci/store.ts';
import type { Descriptor, ImageManifest } from '../../shared/oci/types.ts';

/** A small artifact (config, one layer, manifest) with random content, for registry tests. */
export interface TestArtifact {
  config: { desc: Descriptor; bytes: Uint8Array };
  layer: { desc: Descriptor; bytes: Uint8Array };
  manifest: { desc: Descriptor; bytes: Uint8Array };
}

export function blob(mediaType: string, bytes: Uint8Array): { desc: Descriptor; bytes: Uint8Array } {
  return { desc: { mediaType, digest: sha256(bytes), size: bytes.byteLength }, bytes };
}

export function makeArtifact(layerSize = 1024, extra: Partial<ImageManifest> = {}): TestArtifact {
  const layer = blob(MediaType.Wasm, new Uint8Array(randomBytes(layerSize)));
  const config = blob(
    MediaType.WasmConfig,
    new TextEncoder().encode(JSON.stringify({ architecture: 'wasm', os: 'wasip2', layerDigests: [layer.desc.digest] })),
  );
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: MediaType.WasmConfig,
    config: config.desc,
    layers: [{ ...layer.desc, annotations: { 'org.opencontainers.image.title': 'component.wasm' } }],
    ...extra,
  };
  return { config, layer, manifest: blob(MediaType.OciManifest, new TextEncoder().encode(JSON.stringify(manifest))) };
}

/** Pushes blobs first, then the manifest (tagged): a tag never names an incomplete artifact. */
export async function pushArtifact(store: ContentStore, a: TestArtifact, tag?: string): Promise<void> {
  await Promise.all([store.push(a.config.desc, a.config.bytes), store.push(a.layer.desc, a.layer.bytes)]);
  await store.pushManifest(a.manifest.desc, a.manifest.bytes, tag);
}

/**
 * Waits until the registry's access log stops growing (it is read from the
 * process's output, a moment after each answer): call before clearing it and
 * before counting requests.
 */
export async function settledLog(reg: { accessLog(): unknown[] }, quietMs = 80): Promise<void> {
  let last = -1;
  for (let i = 0; i < 50; i++) {
    const n = reg.accessLog().length;
    if (n === last) return;
    last = n;
    await new Promise((r) => setTimeout(r, quietMs));
  }
}

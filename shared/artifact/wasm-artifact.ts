import { describeWasm, type WasmDescription } from '../component/describe.ts';
import { FlotillaError, UsageError } from '../errors.ts';
import { isDigest, sha256 } from '../oci/digest.ts';
import { parseManifest } from '../oci/manifest.ts';
import { MediaType } from '../oci/media-types.ts';
import type { ArtifactReader, ArtifactWriter, StoreLocation } from '../oci/store.ts';
import { Annotation, type Descriptor, type ImageManifest, isIndex, type WasmConfig } from '../oci/types.ts';
import { MAX_MANIFEST_BYTES } from '../oci/verify.ts';

/**
 * Wasm OCI artifacts in the CNCF TAG Runtime layout, as `wkg oci push` and
 * `wkg oci pull` (oci-wasm) write and read them: an OCI image manifest
 * (with its `mediaType`, which oci-wasm requires) whose config is
 * `application/vnd.wasm.config.v0+json` and whose one layer is the
 * `application/wasm` binary. Like wkg, no `artifactType` is written: the
 * config media type is the artifact type.
 */

/** A manifest that is not a Wasm artifact, or a Wasm artifact that breaks the layout's rules. */
export class NotWasmArtifactError extends FlotillaError {
  constructor(where: string, found: string) {
    super(
      'NOT_WASM_ARTIFACT',
      `${where} is not a Wasm artifact: ${found}. A Wasm OCI artifact has config ${MediaType.WasmConfig} and exactly one ${MediaType.Wasm} layer.`,
    );
  }
}

/** A manifest claims a config blob larger than any config is (the manifest limit); it is not read. */
export class ConfigTooLargeError extends FlotillaError {
  constructor(where: string, size: unknown) {
    super(
      'OCI_CONFIG_TOO_LARGE',
      `${where}: its manifest gives the config a size of ${String(size)} bytes, over the ${MAX_MANIFEST_BYTES} bytes a config may have; not read. The artifact is malformed or hostile: push it again with a Wasm config`,
    );
  }
}

export interface WasmArtifactInput {
  /** The component or core module. */
  wasm: Uint8Array;
  /**
   * Creation time, written to the config and the manifest annotations. It is
   * an input (never the clock, implicitly) so that the same binary and the
   * same inputs give the same manifest digest; see `createdTime`.
   */
  created: string | Date;
  /** `org.opencontainers.image.title` of the layer, usually the file name (`cart.wasm`). */
  title: string;
  /** `org.opencontainers.image.version` */
  version?: string | undefined;
  /** `org.opencontainers.image.source` (the repository URL) */
  source?: string;
  /** `org.opencontainers.image.revision` (the commit) */
  revision?: string;
  /** `author` of the config. */
  author?: string;
  /** Further manifest annotations; the four above win over the same keys here. */
  annotations?: Record<string, string>;
}

export interface WasmArtifact {
  /** Descriptor of the manifest (its digest is the artifact's). */
  descriptor: Descriptor;
  manifest: ImageManifest;
  manifestBytes: Uint8Array;
  config: WasmConfig;
  configDescriptor: Descriptor;
  configBytes: Uint8Array;
  /** Descriptor of the `application/wasm` layer. */
  layer: Descriptor;
  wasm: Uint8Array;
  description: WasmDescription;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** A time as RFC 3339 in UTC, without fractional seconds when there are none: `2026-01-02T03:04:05Z`. */
export function normalizeCreated(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if ((typeof value === 'string' && !RFC3339.test(value)) || Number.isNaN(date.getTime())) {
    throw new UsageError(`'${String(value)}' is not an RFC 3339 time (as in 2026-01-02T03:04:05Z)`);
  }
  return date.toISOString().replace('.000Z', 'Z');
}

/**
 * The creation time of an artifact built now: `explicit` when given, else
 * `SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention), else the
 * Unix epoch, as ko and rules_oci do, so that pushing the same binary twice
 * gives the same digest.
 */
export function createdTime(env: NodeJS.ProcessEnv, explicit?: string): string {
  if (explicit !== undefined) return normalizeCreated(explicit);
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH is '${epoch}'; expected whole seconds since 1970 (as in 1767225600)`);
    return normalizeCreated(new Date(Number(epoch) * 1000));
  }
  return '1970-01-01T00:00:00Z';
}

function sortedRecord(entries: [string, string | undefined][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries.filter((e): e is [string, string] => e[1] !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out[k] = v;
  }
  return out;
}

const encoder = new TextEncoder();

/**
 * Builds the config, layer and manifest of a Wasm artifact. Deterministic:
 * the bytes depend only on the input (keys in a fixed order, annotations
 * sorted, no clock). Throws WasmFormatError when `wasm` is not a Wasm binary.
 */
export function buildWasmArtifact(input: WasmArtifactInput): WasmArtifact {
  const description = describeWasm(input.wasm);
  const created = normalizeCreated(input.created);
  const layerDigest = sha256(input.wasm);
  const config: WasmConfig = {
    created,
    ...(input.author !== undefined ? { author: input.author } : {}),
    architecture: 'wasm',
    os: description.kind === 'component' ? 'wasip2' : 'wasip1',
    layerDigests: [layerDigest],
    ...(description.kind === 'component' ? { component: { exports: description.exports, imports: description.imports } } : {}),
  };
  const configBytes = encoder.encode(JSON.stringify(config));
  const configDescriptor: Descriptor = { mediaType: MediaType.WasmConfig, digest: sha256(configBytes), size: configBytes.byteLength };
  const layer: Descriptor = {
    mediaType: MediaType.Wasm,
    digest: layerDigest,
    size: input.wasm.byteLength,
    annotations: { [Annotation.Title]: input.title },
  };
  const annotations = sortedRecord([
    ...Object.entries(input.annotations ?? {}),
    [Annotation.Created, created],
    [Annotation.Version, input.version],
    [Annotation.Source, input.source],
    [Annotation.Revision, input.revision],
  ]);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: configDescriptor,
    layers: [layer],
    annotations,
  };
  const manifestBytes = encoder.encode(JSON.stringify(manifest));
  return {
    descriptor: { mediaType: MediaType.OciManifest, digest: sha256(manifestBytes), size: manifestBytes.byteLength },
    manifest,
    manifestBytes,
    config,
    configDescriptor,
    configBytes,
    layer,
    wasm: input.wasm,
    description,
  };
}

/** Pushes the layer, then the config, then the manifest (tagged `tag` when given); returns the manifest's descriptor. */
export async function pushWasmArtifact(store: ArtifactWriter, artifact: WasmArtifact, tag?: string): Promise<Descriptor> {
  await Promise.all([store.push(artifact.layer, artifact.wasm), store.push(artifact.configDescriptor, artifact.configBytes)]);
  await store.pushManifest(artifact.descriptor, artifact.manifestBytes, tag);
  return artifact.descriptor;
}

/**
 * Checks that a manifest is a Wasm artifact and returns its layer; otherwise
 * throws NotWasmArtifactError saying what was found (media types).
 */
export function checkWasmManifest(manifest: ImageManifest, where: string): Descriptor {
  if (manifest.mediaType !== undefined && manifest.mediaType !== MediaType.OciManifest) {
    throw new NotWasmArtifactError(where, `its manifest is ${manifest.mediaType}, not ${MediaType.OciManifest}`);
  }
  const layerTypes = manifest.layers.map((l) => l.mediaType);
  const found = `config ${manifest.config.mediaType}, ${layerTypes.length} layer(s)${layerTypes.length ? ` [${layerTypes.join(', ')}]` : ''}`;
  const layer = manifest.layers[0];
  if (manifest.config.mediaType !== MediaType.WasmConfig || manifest.layers.length !== 1 || layer?.mediaType !== MediaType.Wasm) {
    throw new NotWasmArtifactError(where, `found ${found}`);
  }
  return layer;
}

/** Parses and checks a Wasm config (`architecture: wasm`, `os`, `layerDigests` naming the layer). */
export function parseWasmConfig(bytes: Uint8Array, layer: Descriptor, where: string): WasmConfig {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new NotWasmArtifactError(where, `its config is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const config = value as Partial<WasmConfig> | null;
  if (config === null || typeof config !== 'object') throw new NotWasmArtifactError(where, 'its config is not a JSON object');
  if (config.architecture !== 'wasm') {
    throw new NotWasmArtifactError(where, `its config says architecture ${JSON.stringify(config.architecture)}, expected "wasm"`);
  }
  if (typeof config.os !== 'string') throw new NotWasmArtifactError(where, 'its config has no os (wasip1 or wasip2)');
  if (config.layerDigests !== undefined && (!Array.isArray(config.layerDigests) || !config.layerDigests.includes(layer.digest))) {
    throw new NotWasmArtifactError(
      where,
      `its config's layerDigests ${JSON.stringify(config.layerDigests)} do not name its layer ${layer.digest}`,
    );
  }
  return config as WasmConfig;
}

export interface WasmArtifactInfo {
  descriptor: Descriptor;
  manifest: ImageManifest;
  config: WasmConfig;
  /** The `application/wasm` layer. */
  layer: Descriptor;
}

export interface PulledWasmArtifact extends WasmArtifactInfo {
  wasm: Uint8Array;
}

function whereOf(store: StoreLocation, reference: string | Descriptor): string {
  if (typeof reference !== 'string') return `${store.location}@${reference.digest}`;
  return isDigest(reference) ? `${store.location}@${reference}` : `${store.location}:${reference}`;
}

/** Reads the manifest and config of a Wasm artifact (not the layer) and checks them. */
export async function inspectWasmArtifact(store: ArtifactReader, reference: string | Descriptor): Promise<WasmArtifactInfo> {
  const where = whereOf(store, reference);
  const { descriptor, bytes } = await store.fetchManifest(reference);
  const parsed = parseManifest(bytes, where);
  if (isIndex(parsed)) {
    const types = [...new Set(parsed.manifests.map((m) => m.artifactType ?? m.mediaType))];
    throw new NotWasmArtifactError(
      where,
      `found an image index (${parsed.mediaType ?? MediaType.OciIndex}) of ${parsed.manifests.length} manifest(s)${types.length ? ` [${types.join(', ')}]` : ''}; name one of them by digest`,
    );
  }
  const layer = checkWasmManifest(parsed, where);
  // the size is the manifest's claim: a config is a small JSON document, never buffered beyond the manifest limit
  if (!(Number.isSafeInteger(parsed.config.size) && parsed.config.size >= 0 && parsed.config.size <= MAX_MANIFEST_BYTES)) {
    throw new ConfigTooLargeError(where, parsed.config.size);
  }
  const config = parseWasmConfig(await store.fetch(parsed.config), layer, where);
  return { descriptor, manifest: parsed, config, layer };
}

/** Pulls a Wasm artifact: checks manifest and config, fetches the layer (verified against its digest) and checks it is Wasm. */
export async function pullWasmArtifact(store: ArtifactReader, reference: string | Descriptor): Promise<PulledWasmArtifact> {
  const info = await inspectWasmArtifact(store, reference);
  const wasm = await store.fetch(info.layer);
  if (wasm.byteLength < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new NotWasmArtifactError(
      whereOf(store, reference),
      `its ${MediaType.Wasm} layer ${info.layer.digest} does not start with the Wasm magic number`,
    );
  }
  return { ...info, wasm };
}

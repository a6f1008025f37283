import { FlotillaError } from '../errors.ts';
import { isDigest } from './digest.ts';
import { MediaType } from './media-types.ts';
import { type Descriptor, isIndex, type Manifest } from './types.ts';

/** Bytes that claim to be a manifest and are not one. */
export class ManifestFormatError extends FlotillaError {
  constructor(where: string, why: string) {
    super('MANIFEST_INVALID', `${where}: not a valid OCI manifest or index: ${why}`);
  }
}

const INDEX_TYPES = new Set<string>([MediaType.OciIndex, MediaType.DockerManifestList]);
const MANIFEST_TYPES = new Set<string>([MediaType.OciManifest, MediaType.DockerManifest]);

/** True for every media type a store keeps as a manifest (not a blob). */
export function isManifestMediaType(mediaType: string): boolean {
  return INDEX_TYPES.has(mediaType) || MANIFEST_TYPES.has(mediaType);
}

function checkDescriptor(where: string, field: string, d: unknown): Descriptor {
  const desc = d as Partial<Descriptor> | null;
  if (desc === null || typeof desc !== 'object') throw new ManifestFormatError(where, `${field} is not a descriptor object`);
  if (typeof desc.mediaType !== 'string') throw new ManifestFormatError(where, `${field}.mediaType is missing`);
  if (typeof desc.digest !== 'string' || !isDigest(desc.digest)) {
    throw new ManifestFormatError(where, `${field}.digest '${String(desc.digest)}' is not a sha256 digest`);
  }
  if (typeof desc.size !== 'number' || !Number.isSafeInteger(desc.size) || desc.size < 0) {
    throw new ManifestFormatError(where, `${field}.size is not a non-negative integer`);
  }
  return desc as Descriptor;
}

/**
 * Parses manifest bytes and checks their shape: an image manifest (config
 * and layers) or an image index (manifests), every descriptor with a media
 * type, a sha256 digest and a size.
 */
export function parseManifest(bytes: Uint8Array, where: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new ManifestFormatError(where, `not UTF-8 JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ManifestFormatError(where, 'not a JSON object');
  const m = value as Record<string, unknown>;
  if (m.schemaVersion !== 2) throw new ManifestFormatError(where, `schemaVersion is ${JSON.stringify(m.schemaVersion)}, expected 2`);
  if (m.mediaType !== undefined && typeof m.mediaType !== 'string') throw new ManifestFormatError(where, 'mediaType is not a string');
  if (m.manifests !== undefined || (typeof m.mediaType === 'string' && INDEX_TYPES.has(m.mediaType))) {
    if (!Array.isArray(m.manifests)) throw new ManifestFormatError(where, 'manifests is not an array');
    m.manifests.forEach((d, i) => {
      checkDescriptor(where, `manifests[${i}]`, d);
    });
  } else {
    checkDescriptor(where, 'config', m.config);
    if (!Array.isArray(m.layers)) throw new ManifestFormatError(where, 'layers is not an array');
    m.layers.forEach((d, i) => {
      checkDescriptor(where, `layers[${i}]`, d);
    });
  }
  if (m.subject !== undefined) checkDescriptor(where, 'subject', m.subject);
  return value as Manifest;
}

/** The media type of a parsed manifest: its own `mediaType`, else guessed from its shape. */
export function manifestMediaType(m: Manifest): string {
  if (m.mediaType) return m.mediaType;
  return isIndex(m) ? MediaType.OciIndex : MediaType.OciManifest;
}

/** Everything a manifest references that must be present before it is stored (not the subject). */
export function manifestChildren(m: Manifest): Descriptor[] {
  if (isIndex(m)) return [...m.manifests];
  return [m.config, ...m.layers];
}

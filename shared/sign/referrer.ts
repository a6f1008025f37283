import type { Bundle } from '@sigstore/bundle';
import { errorMessage } from '../errors.ts';
import { type Digest, sha256 } from '../oci/digest.ts';
import { ManifestFormatError, parseManifest } from '../oci/manifest.ts';
import { EMPTY_JSON, EMPTY_JSON_DIGEST, MediaType } from '../oci/media-types.ts';
import { Annotation, type Descriptor, type ImageManifest, isIndex, type Manifest } from '../oci/types.ts';
import { ContentMismatchError, verifyBytes } from '../oci/verify.ts';
import { ReferrerFormatError } from './errors.ts';
import { BUNDLE_MEDIA_TYPE } from './signer.ts';
import { parseStatement } from './statement.ts';
import { parseBundle } from './verify.ts';

/**
 * A sigstore bundle stored as an OCI referrer of the manifest it signs,
 * the way cosign 3 writes it (`WriteAttestationNewBundleFormat` in
 * cosign's `pkg/oci/remote`): an image manifest with
 * `artifactType` = the bundle media type, the empty config `{}`, one layer
 * holding the bundle JSON, `subject` = the signed manifest, and the
 * annotations below. Pure: bytes in, bytes out.
 */

/** Annotation saying what the bundle holds; cosign writes `dsse-envelope` for DSSE bundles. */
export const BUNDLE_CONTENT_ANNOTATION = 'dev.sigstore.bundle.content';
/** Annotation repeating the in-toto predicate type, so referrers can be filtered without fetching the bundle. */
export const BUNDLE_PREDICATE_TYPE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
/** The value of `BUNDLE_CONTENT_ANNOTATION` for a DSSE envelope. */
export const DSSE_ENVELOPE_CONTENT = 'dsse-envelope';

/** Older spelling of the v0.3 bundle media type, accepted when reading. */
const LEGACY_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.3';

export interface BlobWithDescriptor {
  descriptor: Descriptor;
  bytes: Uint8Array;
}

export interface BundleReferrer {
  manifest: ImageManifest;
  manifestBytes: Uint8Array;
  /**
   * Descriptor of the referrer manifest, with its `artifactType` and
   * annotations as a referrers index lists it (and the tag-schema fallback
   * index must).
   */
  descriptor: Descriptor;
  config: BlobWithDescriptor;
  layer: BlobWithDescriptor;
}

/** `2026-11-25T03:04:05Z`: RFC 3339 in UTC to the second, as Go's `time.RFC3339` formats it. */
export function rfc3339Seconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function predicateTypeOfBundle(bundleBytes: Uint8Array): string {
  const bundle = parseBundle(bundleBytes);
  if (bundle.content.$case !== 'dsseEnvelope') throw new ReferrerFormatError('the bundle holds no DSSE envelope');
  return parseStatement(bundle.content.dsseEnvelope.payload).predicateType;
}

/**
 * The referrer manifest that attaches `bundleBytes` (the bundle's JSON) to
 * `subject` (the signed manifest's descriptor). `created` defaults to now.
 */
export function bundleReferrer(bundleBytes: Uint8Array, subject: Descriptor, opts: { created?: Date } = {}): BundleReferrer {
  const predicateType = predicateTypeOfBundle(bundleBytes);
  const config: BlobWithDescriptor = {
    descriptor: { mediaType: MediaType.OciEmpty, digest: EMPTY_JSON_DIGEST as Digest, size: EMPTY_JSON.length },
    bytes: EMPTY_JSON,
  };
  const layer: BlobWithDescriptor = {
    descriptor: { mediaType: BUNDLE_MEDIA_TYPE, digest: sha256(bundleBytes), size: bundleBytes.length },
    bytes: bundleBytes,
  };
  const annotations: Record<string, string> = {
    [Annotation.Created]: rfc3339Seconds(opts.created ?? new Date()),
    [BUNDLE_CONTENT_ANNOTATION]: DSSE_ENVELOPE_CONTENT,
    [BUNDLE_PREDICATE_TYPE_ANNOTATION]: predicateType,
  };
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    artifactType: BUNDLE_MEDIA_TYPE,
    // cosign also marks the config descriptor with the artifact type
    config: { ...config.descriptor, artifactType: BUNDLE_MEDIA_TYPE },
    layers: [layer.descriptor],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    annotations,
  };
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
  return {
    manifest,
    manifestBytes,
    descriptor: {
      mediaType: MediaType.OciManifest,
      digest: sha256(manifestBytes),
      size: manifestBytes.length,
      artifactType: BUNDLE_MEDIA_TYPE,
      annotations,
    },
    config,
    layer,
  };
}

/** Whether a referrers-index entry is a sigstore bundle (optionally of one predicate type, when the entry carries the annotation). */
export function isBundleReferrer(desc: Descriptor, predicateType?: string): boolean {
  if (desc.artifactType !== BUNDLE_MEDIA_TYPE && desc.artifactType !== LEGACY_BUNDLE_MEDIA_TYPE) return false;
  if (predicateType === undefined) return true;
  const annotated = desc.annotations?.[BUNDLE_PREDICATE_TYPE_ANNOTATION];
  // cosign's tag-schema fallback drops annotations: an entry without one may still match
  return annotated === undefined || annotated === predicateType;
}

export interface ReadBundleReferrer {
  bundle: Bundle;
  /** The bundle's JSON as stored. */
  bytes: Uint8Array;
  /** From the signed statement (the annotation is only a hint). */
  predicateType: string;
  subject: Descriptor;
  created?: string;
}

/** The referrer manifest, read as every manifest is (oci's parseManifest), then checked to be an image manifest. */
function referrerManifest(bytes: Uint8Array): ImageManifest {
  let manifest: Manifest;
  try {
    manifest = parseManifest(bytes, 'the referrer manifest');
  } catch (err) {
    if (err instanceof ManifestFormatError) {
      throw new ReferrerFormatError(`the referrer is not an OCI image manifest: ${err.message}`, { cause: err });
    }
    throw err;
  }
  if (isIndex(manifest)) throw new ReferrerFormatError('the referrer is an image index, not an OCI image manifest holding a bundle');
  return manifest;
}

/**
 * Checks a fetched referrer manifest (shape, artifactType, subject, exactly
 * one bundle layer) and returns it with the descriptor of its bundle layer,
 * the blob to fetch next.
 */
export function bundleLayerOf(manifestBytes: Uint8Array): { manifest: ImageManifest; layer: Descriptor } {
  const manifest = referrerManifest(manifestBytes);
  const artifactType = manifest.artifactType ?? manifest.config.mediaType;
  if (artifactType !== BUNDLE_MEDIA_TYPE && artifactType !== LEGACY_BUNDLE_MEDIA_TYPE) {
    throw new ReferrerFormatError(`the referrer's artifactType is ${JSON.stringify(artifactType)}, not ${BUNDLE_MEDIA_TYPE}`);
  }
  if (!manifest.subject) throw new ReferrerFormatError('the referrer manifest has no subject');
  const layer = manifest.layers.length === 1 ? manifest.layers[0] : undefined;
  if (!layer)
    throw new ReferrerFormatError(`the referrer manifest has ${manifest.layers.length} layers; a bundle referrer has exactly one`);
  if (layer.mediaType !== BUNDLE_MEDIA_TYPE && layer.mediaType !== LEGACY_BUNDLE_MEDIA_TYPE) {
    throw new ReferrerFormatError(`the referrer's layer is ${layer.mediaType}, not ${BUNDLE_MEDIA_TYPE}`);
  }
  return { manifest, layer };
}

/**
 * The bundle held by a fetched referrer manifest: `layerBytes` are the
 * bytes of its one layer. Checks the manifest (`bundleLayerOf`), the layer's
 * digest and size, and the bundle itself (with @sigstore/bundle); the
 * signature is not verified here (that is `verifyBundle`).
 */
export function bundleFromReferrer(manifestBytes: Uint8Array, layerBytes: Uint8Array): ReadBundleReferrer {
  const { manifest, layer } = bundleLayerOf(manifestBytes);
  try {
    verifyBytes("the referrer's bundle layer", layer, layerBytes);
  } catch (err) {
    if (!(err instanceof ContentMismatchError)) throw err;
    throw new ReferrerFormatError(`the bundle layer's bytes do not match its descriptor: ${err.message}`, { cause: err });
  }
  let bundle: Bundle;
  let predicateType: string;
  try {
    bundle = parseBundle(layerBytes);
    if (bundle.content.$case !== 'dsseEnvelope') throw new ReferrerFormatError('the bundle holds no DSSE envelope');
    predicateType = parseStatement(bundle.content.dsseEnvelope.payload).predicateType;
  } catch (err) {
    if (err instanceof ReferrerFormatError) throw err;
    throw new ReferrerFormatError(`the referrer's layer is not a usable bundle: ${errorMessage(err)}`, { cause: err });
  }
  const annotated = manifest.annotations?.[BUNDLE_PREDICATE_TYPE_ANNOTATION];
  if (annotated !== undefined && annotated !== predicateType) {
    throw new ReferrerFormatError(`the referrer is annotated with predicate type ${annotated}, but its bundle signs ${predicateType}`);
  }
  const created = manifest.annotations?.[Annotation.Created];
  return {
    bundle,
    bytes: layerBytes,
    predicateType,
    subject: manifest.subject as Descriptor,
    ...(created !== undefined ? { created } : {}),
  };
}

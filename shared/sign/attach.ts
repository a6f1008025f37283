import { errorMessage, FlotillaError } from '../errors.ts';
import type { ArtifactReader, ArtifactWriter, ReferrerLister } from '../oci/store.ts';
import type { Descriptor } from '../oci/types.ts';
import { ReferrerFormatError, SignatureVerificationError } from './errors.ts';
import {
  type BundleReferrer,
  bundleFromReferrer,
  bundleLayerOf,
  bundleReferrer,
  isBundleReferrer,
  type ReadBundleReferrer,
} from './referrer.ts';
import { BUNDLE_MEDIA_TYPE, type SignedBundle, type StatementSigner } from './signer.ts';
import { type CompositionComponent, compositionStatement, type ManifestSubject, type Statement, signStatement } from './statement.ts';

/**
 * Signing something already in a store: sign a statement about the
 * manifest, then push the bundle as a referrer of it (config blob, bundle
 * layer, referrer manifest, in that order: the manifest last, so a reader
 * never finds a referrer whose blobs are missing). How the store makes the
 * referrer findable (referrers API, or the `sha256-<hex>` tag-schema index)
 * is the store's job in `pushManifest`.
 */

export interface AttachedBundle {
  signed: SignedBundle;
  referrer: BundleReferrer;
}

/** Pushes a signed bundle as a referrer of `subject` into `store`. */
export async function attachBundle(
  store: ArtifactWriter,
  signed: SignedBundle,
  subject: Descriptor,
  opts: { created?: Date } = {},
): Promise<AttachedBundle> {
  const referrer = bundleReferrer(signed.bytes, subject, opts);
  await Promise.all([
    store.push(referrer.config.descriptor, referrer.config.bytes),
    store.push(referrer.layer.descriptor, referrer.layer.bytes),
  ]);
  await store.pushManifest(referrer.descriptor, referrer.manifestBytes);
  return { signed, referrer };
}

async function signAndAttach(
  store: ArtifactWriter,
  subject: Descriptor,
  statement: Statement,
  signer: StatementSigner,
  opts: { created?: Date },
): Promise<AttachedBundle> {
  const signed = await signer.signStatement(statement);
  return attachBundle(store, signed, subject, opts);
}

/**
 * Signs the manifest `subject` (statement predicate `https://sigstore.dev/cosign/sign/v1`,
 * subject name `name`, e.g. `ghcr.io/acme/cart`) and attaches the bundle.
 */
export function signArtifact(
  store: ArtifactWriter,
  subject: Descriptor,
  name: string,
  signer: StatementSigner,
  opts: { created?: Date } = {},
): Promise<AttachedBundle> {
  const about: ManifestSubject = { name, digest: subject.digest };
  return signAndAttach(store, subject, signStatement(about), signer, opts);
}

/** Signs and attaches the composition provenance of a composed component (its inputs from the lock). */
export function attestComposition(
  store: ArtifactWriter,
  subject: Descriptor,
  name: string,
  signer: StatementSigner,
  composition: { version: string; package?: string; components: CompositionComponent[] },
  opts: { created?: Date } = {},
): Promise<AttachedBundle> {
  const about: ManifestSubject = { name, digest: subject.digest };
  return signAndAttach(store, subject, compositionStatement(about, composition), signer, opts);
}

/** One bundle referrer of a subject, read back: its bundle (not yet verified), or why it cannot be used. */
export type AttachedBundleRead =
  | { readonly referrer: Descriptor; readonly read: ReadBundleReferrer; readonly error?: undefined }
  | { readonly referrer: Descriptor; readonly read?: undefined; readonly error: FlotillaError };

/**
 * The sigstore bundles attached to `subject` in `store` (optionally of one
 * predicate type), each read back for verification: the referrer manifest
 * fetched and checked, its bundle layer fetched and checked against its
 * descriptor, and the referrer's subject compared with `subject`. Nothing is
 * taken from the referrers index alone. A referrer that cannot be read is an
 * entry with its error; a failure to list the referrers throws (the store's
 * error). Verifying each bundle is the caller's step (`verifyBundle`).
 */
export async function readAttachedBundles(
  store: ArtifactReader & ReferrerLister,
  subject: Descriptor,
  opts: { predicateType?: string } = {},
): Promise<AttachedBundleRead[]> {
  const found = (await store.referrers(subject, BUNDLE_MEDIA_TYPE)).filter((d) => isBundleReferrer(d, opts.predicateType));
  const out: AttachedBundleRead[] = [];
  for (const referrer of found) {
    try {
      const manifest = await store.fetchManifest(referrer);
      const { layer } = bundleLayerOf(manifest.bytes);
      const read = bundleFromReferrer(manifest.bytes, await store.fetch(layer));
      if (read.subject.digest !== subject.digest) {
        throw new SignatureVerificationError(
          'SUBJECT_MISMATCH',
          `the referrer names subject ${read.subject.digest}, not ${subject.digest}`,
        );
      }
      out.push({ referrer, read });
    } catch (err) {
      const error =
        err instanceof FlotillaError
          ? err
          : new ReferrerFormatError(`referrer ${referrer.digest} in ${store.location} cannot be read: ${errorMessage(err)}`, {
              cause: err,
            });
      out.push({ referrer, error });
    }
  }
  return out;
}

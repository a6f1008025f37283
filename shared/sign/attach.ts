import { errorMessage, FlotillaError } from '../errors.ts';
import type { ArtifactReader, ArtifactWriter, ReferrerLister } from '../oci/store.ts';
import type { Descriptor, ImageManifest } from '../oci/types.ts';
import { ReferrerFormatError } from './errors.ts';
import { type BundleReferrer, bundleFromReferrer, bundleReferrer, isBundleReferrer } from './referrer.ts';
import { BUNDLE_MEDIA_TYPE, type SignedBundle, type StatementSigner } from './signer.ts';
import { type CompositionComponent, compositionStatement, type ManifestSubject, type Statement, signStatement } from './statement.ts';
import { type TrustPolicy, type VerifiedBundle, verifyBundle } from './verify.ts';

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

export interface ReferrerVerdicts {
  /** Referrers whose bundle verified against the policy, for this subject. */
  verified: { referrer: Descriptor; result: VerifiedBundle }[];
  /** Bundle referrers that did not: malformed, bad signature, untrusted signer, other subject. */
  rejected: { referrer: Descriptor; error: FlotillaError }[];
}

/**
 * Finds the sigstore bundles attached to `subject` in `store` (optionally
 * of one predicate type), and verifies each against `trust`, requiring the
 * statement to be about `subject`. Nothing is verified from the referrers
 * index alone: each manifest and bundle is fetched and checked.
 */
export async function verifyReferrers(
  store: ArtifactReader & ReferrerLister,
  subject: Descriptor,
  trust: TrustPolicy,
  opts: { predicateType?: string } = {},
): Promise<ReferrerVerdicts> {
  const found = (await store.referrers(subject, BUNDLE_MEDIA_TYPE)).filter((d) => isBundleReferrer(d, opts.predicateType));
  const out: ReferrerVerdicts = { verified: [], rejected: [] };
  for (const referrer of found) {
    try {
      const manifest = await store.fetchManifest(referrer);
      const layer = (JSON.parse(new TextDecoder().decode(manifest.bytes)) as Partial<ImageManifest>).layers?.[0];
      if (!layer) throw new ReferrerFormatError(`referrer ${referrer.digest} in ${store.location} has no layer`);
      const read = bundleFromReferrer(manifest.bytes, await store.fetch(layer));
      if (read.subject.digest !== subject.digest) {
        throw new ReferrerFormatError(
          `referrer ${referrer.digest} in ${store.location} names subject ${read.subject.digest}, not ${subject.digest}`,
        );
      }
      const result = verifyBundle(read.bundle, trust, {
        subjectDigest: subject.digest,
        predicateType: opts.predicateType,
      });
      out.verified.push({ referrer, result });
    } catch (err) {
      const error =
        err instanceof FlotillaError
          ? err
          : new ReferrerFormatError(`referrer ${referrer.digest} in ${store.location} cannot be read: ${errorMessage(err)}`, {
              cause: err,
            });
      out.rejected.push({ referrer, error });
    }
  }
  return out;
}

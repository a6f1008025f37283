import type { ContentStore } from '../oci/store.ts';
import type { Descriptor } from '../oci/types.ts';
import { type BundleReferrer, bundleReferrer } from './referrer.ts';
import type { SignedBundle, StatementSigner } from './signer.ts';
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
  store: ContentStore,
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
  store: ContentStore,
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
  store: ContentStore,
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
  store: ContentStore,
  subject: Descriptor,
  name: string,
  signer: StatementSigner,
  composition: { version: string; package?: string; components: CompositionComponent[] },
  opts: { created?: Date } = {},
): Promise<AttachedBundle> {
  const about: ManifestSubject = { name, digest: subject.digest };
  return signAndAttach(store, subject, compositionStatement(about, composition), signer, opts);
}

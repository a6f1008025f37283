/**
 * The signed statements attached to one manifest: every sigstore bundle
 * referrer is fetched and verified (key-pair bundles against the policy's
 * public keys, keyless bundles against the trusted root), and must be about
 * the manifest's digest. Signatures (`https://sigstore.dev/cosign/sign/v1`)
 * become the engine's VerifiedSignatures; verified composition attestations
 * give the composed component's parts. What does not verify is kept as a
 * note for the report, never as evidence.
 *
 * Which signer is acceptable is the policy engine's decision, not this
 * module's: a keyless certificate is checked cryptographically (chain to the
 * trusted root's Fulcio CA, SCT, log entry or timestamp, signature) for any
 * identity, and its issuer and subject go to the engine, which matches them
 * against the policy's keyless authorities. So a signature from the wrong
 * workflow is reported with the workflow that made it.
 */
import type { Bundle } from '@sigstore/bundle';
import { X509Certificate } from '@sigstore/core';
import { errorMessage, FlotillaError } from '../errors.ts';
import type { Digest } from '../oci/digest.ts';
import type { ArtifactReader, ReferrerLister } from '../oci/store.ts';
import type { Descriptor } from '../oci/types.ts';
import { signatureMatches } from '../policy/engine.ts';
import { signatureFromVerifiedBundle } from '../policy/evidence.ts';
import type { VerifiedSignature } from '../policy/types.ts';
import { readAttachedBundles } from '../sign/attach.ts';
import { SignatureVerificationError } from '../sign/errors.ts';
import { keyIdFromHint } from '../sign/keys.ts';
import { BUNDLE_PREDICATE_TYPE_ANNOTATION } from '../sign/referrer.ts';
import {
  COMPOSITION_PREDICATE_TYPE,
  COSIGN_SIGN_PREDICATE_TYPE,
  type CompositionPredicate,
  parseCompositionPredicate,
} from '../sign/statement.ts';
import { type VerifiedBundle, verifyBundle } from '../sign/verify.ts';
import type { TrustMaterial } from './trust.ts';

/** A verified composition attestation: who signed it and what it lists. */
export interface VerifiedComposition {
  readonly predicate: CompositionPredicate;
  readonly signature: VerifiedSignature;
  readonly referrer: string;
}

export interface AttachedEvidence {
  /** Verified signatures over the manifest (cosign sign statements). */
  readonly signatures: VerifiedSignature[];
  /** Verified composition attestations over the manifest. */
  readonly compositions: VerifiedComposition[];
  /** Bundles that did not verify, or were not used, and why (for the report). */
  readonly notes: string[];
  /** Of those, the signatures (not composition attestations) that did not verify, and why (for the verdict's reason). */
  readonly unverified: string[];
}

/** The subject (SAN) of a keyless bundle's leaf certificate, for messages before it is verified. */
function certificateSubject(bundle: Bundle): string | undefined {
  const content = bundle.verificationMaterial.content;
  const raw =
    content.$case === 'certificate'
      ? content.certificate.rawBytes
      : content.$case === 'x509CertificateChain'
        ? content.x509CertificateChain.certificates[0]?.rawBytes
        : undefined;
  if (!raw) return undefined;
  try {
    return X509Certificate.parse(Buffer.from(raw)).subjectAltName;
  } catch {
    return undefined;
  }
}

/**
 * Verifies one bundle for `subject` with the trust material; throws a
 * SignatureVerificationError saying why it does not verify. Key-pair bundles
 * against the policy's keys; keyless bundles for the certificate chain only
 * (the identity is the policy engine's to judge).
 */
export async function verifyAttachedBundle(bundle: Bundle, subject: Digest, trust: TrustMaterial): Promise<VerifiedBundle> {
  const content = bundle.verificationMaterial.content;
  if (content.$case === 'publicKey') {
    const skipped = trust.unsupportedKeys.length ? ` (not used: ${trust.unsupportedKeys.join('; ')})` : '';
    if (trust.publicKeys.length === 0) {
      const id = keyIdFromHint(content.publicKey.hint);
      throw new SignatureVerificationError(
        'SIGNER_UNTRUSTED',
        `signed with key ${id ? `sha256:${id.slice(0, 12)}` : '(no key hint)'}, but the policy declares no ECDSA P-256 key authority to verify it with${skipped}`,
      );
    }
    try {
      return verifyBundle(bundle, { kind: 'key', publicKeys: [...trust.publicKeys] }, { subjectDigest: subject });
    } catch (err) {
      if (skipped && err instanceof SignatureVerificationError) {
        throw new SignatureVerificationError(err.code, `${err.message}${skipped}`, { cause: err });
      }
      throw err;
    }
  }
  let trustedRoot: unknown;
  try {
    trustedRoot = await trust.trustedRoot();
  } catch (err) {
    const signer = certificateSubject(bundle) ?? '(no subject)';
    throw new SignatureVerificationError('TRUST_ROOT_INVALID', `signed keyless by ${signer}, not verified: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  return verifyBundle(bundle, { kind: 'certificate-chain', trustedRoot }, { subjectDigest: subject });
}

/**
 * Lists the bundle referrers of `subject` in `store`, fetches each manifest
 * and bundle, and verifies it. Never throws for a bad bundle: it becomes a
 * note. A failure to list the referrers throws (the store's error).
 */
export async function attachedEvidence(
  store: ArtifactReader & ReferrerLister,
  subject: Descriptor,
  trust: TrustMaterial,
): Promise<AttachedEvidence> {
  const out: AttachedEvidence = { signatures: [], compositions: [], notes: [], unverified: [] };
  for (const { referrer, read, error } of await readAttachedBundles(store, subject)) {
    const short = referrer.digest.slice(0, 'sha256:'.length + 12);
    try {
      if (error) throw error;
      const verified = await verifyAttachedBundle(read.bundle, subject.digest as Digest, trust);
      const { signer } = verified;
      const signature = signatureFromVerifiedBundle({
        subjectDigest: verified.subjectDigest,
        signer: signer.kind === 'key' ? signer : { ...signer, claims: { ...signer.claims } as Record<string, string | undefined> },
      });
      if (verified.predicateType === COSIGN_SIGN_PREDICATE_TYPE) {
        out.signatures.push(signature);
      } else if (verified.predicateType === COMPOSITION_PREDICATE_TYPE) {
        // a key bundle verified against the policy's keys is by one of its authorities; a keyless one by any identity
        if (signature.kind === 'keyless' && !trust.keylessIdentities.some((a) => signatureMatches(a, signature))) {
          out.notes.push(
            `composition attestation ${short} is signed keyless by ${signature.subject} (issuer ${signature.issuer}), which no keyless authority of the policy accepts, so its parts are not checked`,
          );
          continue;
        }
        out.compositions.push({ predicate: parseCompositionPredicate(verified.statement.predicate), signature, referrer: referrer.digest });
      } else {
        out.notes.push(`attestation ${short} (${verified.predicateType}) is not a signature; not counted`);
      }
    } catch (err) {
      const code = err instanceof FlotillaError ? ` [${err.code}]` : '';
      // what the bundle says it is (its statement, read but not verified), else what the referrer's annotation says
      const composition = (read?.predicateType ?? referrer.annotations?.[BUNDLE_PREDICATE_TYPE_ANNOTATION]) === COMPOSITION_PREDICATE_TYPE;
      out.notes.push(
        composition
          ? `composition attestation ${short} not accepted${code}, so its parts are not checked: ${errorMessage(err)}`
          : `bundle ${short} not accepted${code}: ${errorMessage(err)}`,
      );
      if (!composition) out.unverified.push(out.notes.at(-1) as string);
    }
  }
  return out;
}

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
import type { Descriptor, ImageManifest } from '../oci/types.ts';
import { signatureMatches } from '../policy/engine.ts';
import { signatureFromVerifiedBundle } from '../policy/evidence.ts';
import type { VerifiedSignature } from '../policy/types.ts';
import { keyIdFromHint } from '../sign/keys.ts';
import { BUNDLE_PREDICATE_TYPE_ANNOTATION, bundleFromReferrer, isBundleReferrer } from '../sign/referrer.ts';
import { BUNDLE_MEDIA_TYPE } from '../sign/signer.ts';
import {
  COMPOSITION_PREDICATE_TYPE,
  COSIGN_SIGN_PREDICATE_TYPE,
  type CompositionPredicate,
  parseCompositionPredicate,
} from '../sign/statement.ts';
import { type TrustPolicy, type VerifiedBundle, verifyBundle } from '../sign/verify.ts';
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
}

/** OIDC issuer of a Fulcio certificate: extension 1.3.6.1.4.1.57264.1.8 (a DER UTF8String), else the older 1.1 (raw). */
function fulcioIssuer(cert: X509Certificate): string | undefined {
  const v2 = cert.extension('1.3.6.1.4.1.57264.1.8')?.value;
  if (v2 && v2.length >= 2 && v2[0] === 0x0c) {
    let len = v2[1] ?? 0;
    let offset = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + (v2[2 + i] ?? 0);
      offset = 2 + n;
    }
    return v2.subarray(offset, offset + len).toString('utf8');
  }
  const v1 = cert.extension('1.3.6.1.4.1.57264.1.1')?.value;
  return v1 ? v1.toString('utf8') : undefined;
}

/** The leaf certificate of a keyless bundle, or undefined for a key-pair bundle. */
function leafCertificate(bundle: Bundle): X509Certificate | undefined {
  const content = bundle.verificationMaterial.content;
  if (content.$case === 'certificate') return X509Certificate.parse(Buffer.from(content.certificate.rawBytes));
  if (content.$case === 'x509CertificateChain') {
    const first = content.x509CertificateChain.certificates[0];
    return first ? X509Certificate.parse(Buffer.from(first.rawBytes)) : undefined;
  }
  return undefined;
}

/** Verifies one bundle for `subject` with the trust material; throws a FlotillaError saying why it does not verify. */
export async function verifyAttachedBundle(bundle: Bundle, subject: Digest, trust: TrustMaterial): Promise<VerifiedBundle> {
  const content = bundle.verificationMaterial.content;
  if (content.$case === 'publicKey') {
    const skipped = trust.unsupportedKeys.length ? ` (not used: ${trust.unsupportedKeys.join('; ')})` : '';
    if (trust.publicKeys.length === 0) {
      const id = keyIdFromHint(content.publicKey.hint);
      throw new FlotillaError(
        'SIGNER_UNTRUSTED',
        `signed with key ${id ? `sha256:${id.slice(0, 12)}` : '(no key hint)'}, but the policy declares no ECDSA P-256 key authority to verify it with${skipped}`,
      );
    }
    try {
      return verifyBundle(bundle, { kind: 'key', publicKeys: [...trust.publicKeys] }, { subjectDigest: subject });
    } catch (err) {
      if (skipped && err instanceof FlotillaError) throw new FlotillaError(err.code, `${err.message}${skipped}`, { cause: err });
      throw err;
    }
  }
  const cert = leafCertificate(bundle);
  const issuer = cert ? fulcioIssuer(cert) : undefined;
  if (!cert || issuer === undefined) {
    throw new FlotillaError('CERTIFICATE_INVALID', 'the keyless bundle has no Fulcio certificate with an OIDC issuer');
  }
  let trustedRoot: unknown;
  try {
    trustedRoot = await trust.trustedRoot();
  } catch (err) {
    const signer = cert.subjectAltName ?? '(no subject)';
    throw new FlotillaError('TRUST_ROOT_INVALID', `signed keyless by ${signer}, not verified: ${errorMessage(err)}`, { cause: err });
  }
  // any identity: the certificate is checked here, the identity by the policy engine
  const policy: TrustPolicy = { kind: 'keyless', trustedRoot, identities: [{ issuer, subjectRegExp: '[\\s\\S]*' }] };
  return verifyBundle(bundle, policy, { subjectDigest: subject });
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
  const out: AttachedEvidence = { signatures: [], compositions: [], notes: [] };
  const referrers = (await store.referrers(subject, BUNDLE_MEDIA_TYPE)).filter((d) => isBundleReferrer(d));
  for (const referrer of referrers) {
    const short = referrer.digest.slice(0, 'sha256:'.length + 12);
    try {
      const manifest = await store.fetchManifest(referrer);
      const layer = (JSON.parse(new TextDecoder().decode(manifest.bytes)) as Partial<ImageManifest>).layers?.[0];
      if (!layer) throw new FlotillaError('REFERRER_INVALID', 'the referrer manifest has no layer');
      const read = bundleFromReferrer(manifest.bytes, await store.fetch(layer));
      if (read.subject.digest !== subject.digest) {
        throw new FlotillaError('SUBJECT_MISMATCH', `the referrer names subject ${read.subject.digest}, not ${subject.digest}`);
      }
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
      const composition = referrer.annotations?.[BUNDLE_PREDICATE_TYPE_ANNOTATION] === COMPOSITION_PREDICATE_TYPE;
      out.notes.push(
        composition
          ? `composition attestation ${short} not accepted${code}, so its parts are not checked: ${errorMessage(err)}`
          : `bundle ${short} not accepted${code}: ${errorMessage(err)}`,
      );
    }
  }
  return out;
}

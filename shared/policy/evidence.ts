/**
 * Turning what signature verification returns into the engine's
 * VerifiedSignature. Structural: it takes the shape of shared/sign's
 * `VerifiedBundle` (signer and subject digest) without depending on it.
 */
import type { VerifiedSignature } from './types.ts';

/** The part of a verified bundle the policy needs. */
export interface VerifiedBundleLike {
  readonly signer:
    | { readonly kind: 'key' /** hex SHA-256 of the verifying key's DER SPKI */; readonly keyId: string }
    | {
        readonly kind: 'keyless';
        readonly issuer: string;
        readonly subject: string;
        readonly claims?: Readonly<Record<string, string | undefined>>;
      };
  /** The signed statement's subject digest (`sha256:…`). */
  readonly subjectDigest: string;
}

export function signatureFromVerifiedBundle(bundle: VerifiedBundleLike): VerifiedSignature {
  const { signer, subjectDigest } = bundle;
  if (signer.kind === 'key') return { kind: 'key', keyId: signer.keyId, spkiSha256: signer.keyId, subjectDigest };
  const extensions: Record<string, string> = {};
  for (const [k, v] of Object.entries(signer.claims ?? {})) if (v !== undefined) extensions[k] = v;
  return { kind: 'keyless', issuer: signer.issuer, subject: signer.subject, extensions, subjectDigest };
}

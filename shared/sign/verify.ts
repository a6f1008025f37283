import { type Bundle, bundleFromJSON, isBundleWithDsseEnvelope } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { type SignedEntity, type Signer, type TrustMaterial, toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { errorMessage } from '../errors.ts';
import type { Digest } from '../oci/digest.ts';
import { derUtf8String } from './der.ts';
import { SignatureVerificationError, StatementFormatError, type VerificationErrorCode } from './errors.ts';
import { keyIdFromHint, parsePublicKey, type VerificationKey } from './keys.ts';
import { IN_TOTO_PAYLOAD_TYPE, parseStatement, type Statement, subjectDigests } from './statement.ts';

/**
 * Verification of Flotilla's bundles (DSSE envelopes over in-toto
 * statements) with @sigstore/verify. Pure: every piece of trust material is
 * passed in, nothing is fetched.
 */

/** A string matched exactly, or by a regular expression anchored to the whole string (compiled once, when the trust is made). */
export interface IdentityMatcher {
  readonly text: string;
  readonly regex?: RegExp;
}

/**
 * A keyless signer that is trusted: the OIDC issuer and the certificate
 * subject (SAN), each exactly or by pattern. Made checked: from a policy file
 * by the policy loader (which reports a bad one with its file and line; a
 * policy's keyless authority is a TrustedIdentity), or with `trustedIdentity`.
 */
export interface TrustedIdentity {
  readonly issuer: IdentityMatcher;
  readonly subject: IdentityMatcher;
}

/**
 * A TrustedIdentity from an exact issuer and exactly one of an exact subject
 * or a subject pattern (anchored). A bad one is refused here, when the trust
 * is made (TRUST_ROOT_INVALID), not when a bundle is met.
 */
export function trustedIdentity(id: { issuer: string; subject?: string; subjectRegExp?: string }): TrustedIdentity {
  if ((id.subject === undefined) === (id.subjectRegExp === undefined)) {
    throw new SignatureVerificationError(
      'TRUST_ROOT_INVALID',
      `trusted identity of issuer ${id.issuer} needs exactly one of subject, subjectRegExp`,
    );
  }
  if (id.subject !== undefined) return { issuer: { text: id.issuer }, subject: { text: id.subject } };
  const text = id.subjectRegExp as string;
  try {
    return { issuer: { text: id.issuer }, subject: { text, regex: new RegExp(`^(?:${text})$`) } };
  } catch (err) {
    throw new SignatureVerificationError('TRUST_ROOT_INVALID', `subjectRegExp ${JSON.stringify(text)} is not a regular expression`, {
      cause: err,
    });
  }
}

/** Trust in key pairs: the public keys (PEM) allowed to sign. */
export interface KeyTrust {
  kind: 'key';
  publicKeys: string[];
  /** Checks the bundle's log entries and timestamps when given; without it they are ignored. */
  trustedRoot?: unknown;
}

/** How many log entries, timestamps and SCTs a keyless bundle must carry. */
export interface KeylessThresholds {
  /** Log entries required (default: 1 when the trusted root lists a log, else 0). */
  tlogThreshold?: number;
  /** Signed timestamps required, from logs or timestamp authorities (default 1). */
  timestampThreshold?: number;
  /** SCTs required in the certificate (default: 1 when the trusted root lists a CT log, else 0). */
  ctlogThreshold?: number;
}

/** Trust in keyless signatures: a sigstore trusted root (`trusted_root.json`) and the identities allowed to sign. */
export interface KeylessTrust extends KeylessThresholds {
  kind: 'keyless';
  trustedRoot: unknown;
  identities: readonly TrustedIdentity[];
}

/**
 * The certificate chain only: a keyless bundle verifies when its certificate
 * chains to the trusted root's Fulcio CA and carries what the thresholds ask
 * (SCT, log entries, timestamps) and the signature matches, whoever signed.
 * The signer's issuer and subject are returned for the caller to judge (the
 * policy engine matches them against the policy's keyless authorities).
 */
export interface CertificateChainTrust extends KeylessThresholds {
  kind: 'certificate-chain';
  trustedRoot: unknown;
}

export type TrustPolicy = KeyTrust | KeylessTrust | CertificateChainTrust;

export interface VerifyExpectations {
  /** The manifest the signature must be about. */
  subjectDigest?: Digest;
  /** The predicate type the statement must have. */
  predicateType?: string | undefined;
}

/**
 * What Fulcio records of the workflow in the certificate (its extension
 * names, OIDs 1.3.6.1.4.1.57264.1.*); only those present are set.
 */
export interface CertificateClaims {
  buildSignerURI?: string;
  buildSignerDigest?: string;
  runnerEnvironment?: string;
  sourceRepositoryURI?: string;
  sourceRepositoryDigest?: string;
  sourceRepositoryRef?: string;
  sourceRepositoryIdentifier?: string;
  sourceRepositoryOwnerURI?: string;
  sourceRepositoryOwnerIdentifier?: string;
  buildConfigURI?: string;
  buildConfigDigest?: string;
  buildTrigger?: string;
  runInvocationURI?: string;
  sourceRepositoryVisibilityAtSigning?: string;
  /** Deprecated GitHub extensions (1.3.6.1.4.1.57264.1.2–6), raw strings. */
  githubWorkflowTrigger?: string;
  githubWorkflowSHA?: string;
  githubWorkflowName?: string;
  githubWorkflowRepository?: string;
  githubWorkflowRef?: string;
}

export type VerifiedSigner =
  | { kind: 'key'; keyId: string }
  | { kind: 'keyless'; issuer: string; subject: string; claims: CertificateClaims };

export interface VerifiedBundle {
  signer: VerifiedSigner;
  statement: Statement;
  /** The first subject's digest (the signed manifest). */
  subjectDigest: Digest;
  predicateType: string;
  /** Transparency-log entries checked. */
  tlogEntries: number;
  /** RFC 3161 timestamps checked. */
  timestamps: number;
}

const V2_CLAIMS: Record<string, keyof CertificateClaims> = {
  '1.3.6.1.4.1.57264.1.9': 'buildSignerURI',
  '1.3.6.1.4.1.57264.1.10': 'buildSignerDigest',
  '1.3.6.1.4.1.57264.1.11': 'runnerEnvironment',
  '1.3.6.1.4.1.57264.1.12': 'sourceRepositoryURI',
  '1.3.6.1.4.1.57264.1.13': 'sourceRepositoryDigest',
  '1.3.6.1.4.1.57264.1.14': 'sourceRepositoryRef',
  '1.3.6.1.4.1.57264.1.15': 'sourceRepositoryIdentifier',
  '1.3.6.1.4.1.57264.1.16': 'sourceRepositoryOwnerURI',
  '1.3.6.1.4.1.57264.1.17': 'sourceRepositoryOwnerIdentifier',
  '1.3.6.1.4.1.57264.1.18': 'buildConfigURI',
  '1.3.6.1.4.1.57264.1.19': 'buildConfigDigest',
  '1.3.6.1.4.1.57264.1.20': 'buildTrigger',
  '1.3.6.1.4.1.57264.1.21': 'runInvocationURI',
  '1.3.6.1.4.1.57264.1.22': 'sourceRepositoryVisibilityAtSigning',
};

const LEGACY_CLAIMS: Record<string, keyof CertificateClaims> = {
  '1.3.6.1.4.1.57264.1.2': 'githubWorkflowTrigger',
  '1.3.6.1.4.1.57264.1.3': 'githubWorkflowSHA',
  '1.3.6.1.4.1.57264.1.4': 'githubWorkflowName',
  '1.3.6.1.4.1.57264.1.5': 'githubWorkflowRepository',
  '1.3.6.1.4.1.57264.1.6': 'githubWorkflowRef',
};

function claimsOf(signer: Signer): CertificateClaims {
  const claims: CertificateClaims = {};
  for (const { oid, value } of signer.identity?.oids ?? []) {
    const id = oid?.id.join('.') ?? '';
    const v2 = V2_CLAIMS[id];
    if (v2) {
      const text = derUtf8String(value);
      if (text !== undefined) claims[v2] = text;
      continue;
    }
    const legacy = LEGACY_CLAIMS[id];
    if (legacy) claims[legacy] = Buffer.from(value).toString('utf8');
  }
  return claims;
}

/** Reads a bundle from its JSON (object, text or bytes); BUNDLE_INVALID when it is not a DSSE sigstore bundle. */
export function parseBundle(input: unknown): Bundle {
  let json = input;
  try {
    if (input instanceof Uint8Array) json = JSON.parse(new TextDecoder().decode(input));
    else if (typeof input === 'string') json = JSON.parse(input);
  } catch (err) {
    throw new SignatureVerificationError('BUNDLE_INVALID', 'the signature bundle is not JSON', { cause: err });
  }
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(json);
  } catch (err) {
    throw new SignatureVerificationError('BUNDLE_INVALID', `not a sigstore bundle: ${errorMessage(err)}`, { cause: err });
  }
  if (!isBundleWithDsseEnvelope(bundle)) {
    throw new SignatureVerificationError(
      'BUNDLE_INVALID',
      'the bundle holds a message signature, not a DSSE envelope over an in-toto statement',
    );
  }
  return bundle;
}

/** Reads a sigstore trusted root (`trusted_root.json` contents) into trust material for @sigstore/verify. */
export function trustMaterialFromRoot(trustedRoot: unknown, keys?: (hint: string) => VerificationKey): TrustMaterial {
  const mediaType = (trustedRoot as { mediaType?: unknown } | null)?.mediaType;
  if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
    throw new SignatureVerificationError(
      'TRUST_ROOT_INVALID',
      `the trusted root is not a sigstore trusted root (mediaType ${JSON.stringify(mediaType)}, expected application/vnd.dev.sigstore.trustedroot+json;version=0.1)`,
    );
  }
  try {
    const root = TrustedRoot.fromJSON(trustedRoot);
    return toTrustMaterial(
      root,
      keys
        ? (hint) => {
            const key = keys(hint);
            return { publicKey: key.publicKey, validFor: () => true };
          }
        : undefined,
    );
  } catch (err) {
    throw new SignatureVerificationError('TRUST_ROOT_INVALID', `the trusted root cannot be read: ${errorMessage(err)}`, { cause: err });
  }
}

function emptyTrustMaterial(keys: (hint: string) => VerificationKey): TrustMaterial {
  return {
    certificateAuthorities: [],
    timestampAuthorities: [],
    tlogs: [],
    ctlogs: [],
    publicKey: (hint) => ({ publicKey: keys(hint).publicKey, validFor: () => true }),
  };
}

const SIGSTORE_CODES: Record<string, VerificationErrorCode> = {
  TLOG_ERROR: 'TLOG_INVALID',
  TLOG_INCLUSION_PROOF_ERROR: 'TLOG_INVALID',
  TLOG_INCLUSION_PROMISE_ERROR: 'TLOG_INVALID',
  TLOG_MISSING_INCLUSION_ERROR: 'TLOG_INVALID',
  TLOG_BODY_ERROR: 'TLOG_INVALID',
  CERTIFICATE_ERROR: 'CERTIFICATE_INVALID',
  PUBLIC_KEY_ERROR: 'SIGNER_UNTRUSTED',
  SIGNATURE_ERROR: 'SIGNATURE_INVALID',
  TIMESTAMP_ERROR: 'TIMESTAMP_INVALID',
  UNTRUSTED_SIGNER_ERROR: 'SIGNER_UNTRUSTED',
};

function runVerifier(verifier: Verifier, entity: SignedEntity): Signer {
  try {
    return verifier.verify(entity);
  } catch (err) {
    if (err instanceof SignatureVerificationError) throw err;
    const code = SIGSTORE_CODES[(err as { code?: string }).code ?? ''] ?? 'SIGNATURE_INVALID';
    throw new SignatureVerificationError(code, `the bundle does not verify: ${errorMessage(err)}`, { cause: err });
  }
}

function readStatement(bundle: Bundle): Statement {
  if (!isBundleWithDsseEnvelope(bundle)) throw new SignatureVerificationError('BUNDLE_INVALID', 'the bundle holds no DSSE envelope');
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new SignatureVerificationError(
      'BUNDLE_INVALID',
      `the envelope's payloadType is '${envelope.payloadType}', not ${IN_TOTO_PAYLOAD_TYPE}`,
    );
  }
  try {
    return parseStatement(envelope.payload);
  } catch (err) {
    if (err instanceof StatementFormatError) throw new SignatureVerificationError('BUNDLE_INVALID', err.message, { cause: err });
    throw err;
  }
}

function checkExpectations(statement: Statement, expect: VerifyExpectations): Digest {
  const digests = subjectDigests(statement);
  const first = digests[0];
  if (first === undefined) throw new SignatureVerificationError('BUNDLE_INVALID', 'the statement has no sha256 subject');
  if (expect.subjectDigest !== undefined && !digests.includes(expect.subjectDigest)) {
    throw new SignatureVerificationError(
      'SUBJECT_MISMATCH',
      `the signature is for ${digests.join(', ')}, not for ${expect.subjectDigest}: it signs another manifest`,
    );
  }
  if (expect.predicateType !== undefined && statement.predicateType !== expect.predicateType) {
    throw new SignatureVerificationError(
      'PREDICATE_MISMATCH',
      `the statement's predicate type is ${statement.predicateType}, expected ${expect.predicateType}`,
    );
  }
  return first;
}

function verifyWithKeys(bundle: Bundle, policy: KeyTrust): { signer: VerifiedSigner; tlog: number; timestamps: number } {
  if (bundle.verificationMaterial.content.$case !== 'publicKey') {
    throw new SignatureVerificationError(
      'SIGNER_UNTRUSTED',
      'the bundle is signed keyless (a certificate), but the policy trusts key pairs only',
    );
  }
  if (policy.publicKeys.length === 0) throw new SignatureVerificationError('TRUST_ROOT_INVALID', 'no public key to verify against');
  const keys = policy.publicKeys.map((pem, i) => {
    try {
      return parsePublicKey(pem, `public key #${i + 1}`);
    } catch (err) {
      throw new SignatureVerificationError('TRUST_ROOT_INVALID', errorMessage(err), { cause: err });
    }
  });
  const hint = bundle.verificationMaterial.content.publicKey.hint;
  const hintId = keyIdFromHint(hint);
  // The key the hint names first, then the others: the hint is not trusted, the signature is.
  const ordered = [...keys.filter((k) => k.keyId === hintId), ...keys.filter((k) => k.keyId !== hintId)];
  const entity = toSignedEntity(bundle);
  const checkLogs = policy.trustedRoot !== undefined;
  const scoped: SignedEntity = checkLogs ? entity : { ...entity, tlogEntries: [], timestamps: [] };
  let lastError: unknown;
  for (const key of ordered) {
    const material = checkLogs ? trustMaterialFromRoot(policy.trustedRoot, () => key) : emptyTrustMaterial(() => key);
    const verifier = new Verifier(material, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
    try {
      runVerifier(verifier, scoped);
      return { signer: { kind: 'key', keyId: key.keyId }, tlog: scoped.tlogEntries.length, timestamps: countTsa(scoped) };
    } catch (err) {
      if (!(err instanceof SignatureVerificationError) || err.code !== 'SIGNATURE_INVALID') throw err;
      lastError = err;
    }
  }
  const named = hintId ? `key ${hintId}` : 'a key the bundle does not name';
  const trusted = keys.map((k) => k.keyId).join(', ');
  if (keys.some((k) => k.keyId === hintId)) {
    // The hint is not signed: anyone can write a trusted key's id into it. A signature by another key and a
    // payload altered after signing look the same from here, and the other key is the likelier story.
    throw new SignatureVerificationError(
      'SIGNATURE_INVALID',
      `the bundle is signed by a key the policy does not trust: its key hint names ${named}, but its signature verifies with none of the trusted keys (${trusted}); a key hint is not signed, anyone can write it (if the bundle was made with ${named}, it was altered after signing)`,
      { cause: lastError },
    );
  }
  throw new SignatureVerificationError(
    'SIGNER_UNTRUSTED',
    `the bundle is signed by ${named}, which is none of the trusted keys (${trusted})`,
    { cause: lastError },
  );
}

function countTsa(entity: SignedEntity): number {
  return entity.timestamps.filter((t) => t.$case === 'timestamp-authority').length;
}

function matches(m: IdentityMatcher, value: string): boolean {
  return m.regex ? m.regex.test(value) : m.text === value;
}

function describeMatcher(m: IdentityMatcher): string {
  return m.regex ? `/${m.text}/` : m.text;
}

function verifyKeyless(
  bundle: Bundle,
  policy: KeylessTrust | CertificateChainTrust,
): { signer: VerifiedSigner; tlog: number; timestamps: number } {
  if (bundle.verificationMaterial.content.$case === 'publicKey') {
    throw new SignatureVerificationError(
      'SIGNER_UNTRUSTED',
      'the bundle is signed with a key pair, but the policy trusts keyless identities only',
    );
  }
  if (policy.kind === 'keyless' && policy.identities.length === 0) {
    throw new SignatureVerificationError('TRUST_ROOT_INVALID', 'no trusted identity to verify against');
  }
  const material = trustMaterialFromRoot(policy.trustedRoot);
  const verifier = new Verifier(material, {
    tlogThreshold: policy.tlogThreshold ?? (material.tlogs.length > 0 ? 1 : 0),
    ctlogThreshold: policy.ctlogThreshold ?? (material.ctlogs.length > 0 ? 1 : 0),
    timestampThreshold: policy.timestampThreshold ?? 1,
  });
  const entity = toSignedEntity(bundle);
  const signer = runVerifier(verifier, entity);
  const issuer = signer.identity?.extensions?.issuer ?? '';
  const subject = signer.identity?.subjectAlternativeName ?? '';
  if (policy.kind === 'certificate-chain') {
    if (!issuer) {
      throw new SignatureVerificationError(
        'CERTIFICATE_INVALID',
        `the certificate of ${subject || '(no subject)'} names no OIDC issuer (Fulcio extension 1.3.6.1.4.1.57264.1.8)`,
      );
    }
  } else if (!policy.identities.some((id) => matches(id.issuer, issuer) && matches(id.subject, subject))) {
    const wanted = policy.identities.map((id) => `${describeMatcher(id.subject)} (issuer ${describeMatcher(id.issuer)})`).join('; ');
    throw new SignatureVerificationError(
      'SIGNER_UNTRUSTED',
      `the bundle is signed by ${subject || '(no subject)'} (issuer ${issuer || 'unknown'}), which is none of the trusted identities: ${wanted}`,
    );
  }
  return {
    signer: { kind: 'keyless', issuer, subject, claims: claimsOf(signer) },
    tlog: entity.tlogEntries.length,
    timestamps: countTsa(entity),
  };
}

/**
 * Verifies a bundle (parsed, or its JSON) against the trust policy and the
 * expectations. Returns who signed and what the statement says; throws a
 * `SignatureVerificationError` whose code says why it failed.
 */
export function verifyBundle(input: unknown, policy: TrustPolicy, expect: VerifyExpectations = {}): VerifiedBundle {
  const bundle = isParsedBundle(input) ? input : parseBundle(input);
  // Signature first: a tampered payload is a bad signature, whatever it now says.
  const result = policy.kind === 'key' ? verifyWithKeys(bundle, policy) : verifyKeyless(bundle, policy);
  const statement = readStatement(bundle);
  const subjectDigest = checkExpectations(statement, expect);
  return {
    signer: result.signer,
    statement,
    subjectDigest,
    predicateType: statement.predicateType,
    tlogEntries: result.tlog,
    timestamps: result.timestamps,
  };
}

function isParsedBundle(input: unknown): input is Bundle {
  const b = input as { verificationMaterial?: { content?: { $case?: unknown } } } | null;
  return typeof b === 'object' && b !== null && typeof b.verificationMaterial?.content?.$case === 'string';
}

import { FlotillaError } from '../errors.ts';

/**
 * Why a signing key could not be made or used. Messages name the file or
 * environment variable and what to do; they never contain key material.
 */
export type KeyErrorCode =
  | 'KEY_UNREADABLE'
  | 'KEY_EXISTS'
  | 'KEY_PASSWORD_REQUIRED'
  | 'KEY_PASSWORD_WRONG'
  | 'KEY_INVALID'
  | 'KEY_NOT_P256';

export class KeyError extends FlotillaError {
  declare readonly code: KeyErrorCode;

  constructor(code: KeyErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** A signing service (OIDC token endpoint, Fulcio, Rekor, TSA) failed or refused. */
export type SigningErrorCode = 'SIGNING_IDENTITY_TOKEN' | 'SIGNING_CERTIFICATE' | 'SIGNING_TLOG' | 'SIGNING_TIMESTAMP' | 'SIGNING_FAILED';

export class SigningError extends FlotillaError {
  declare readonly code: SigningErrorCode;

  constructor(code: SigningErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/**
 * Why a bundle did not verify:
 * - `BUNDLE_INVALID`: not a well-formed sigstore bundle, or not a DSSE in-toto bundle;
 * - `TRUST_ROOT_INVALID`: the trusted root JSON or public key given to verify is unusable;
 * - `SIGNATURE_INVALID`: the signature does not match the payload and key/certificate;
 * - `CERTIFICATE_INVALID`: the certificate does not chain to the trusted root or its SCT is missing;
 * - `TLOG_INVALID`: a transparency-log entry is missing, unproven or for other content;
 * - `TIMESTAMP_INVALID`: a timestamp is missing or does not verify;
 * - `SIGNER_UNTRUSTED`: the signature is valid but the signer is not the expected identity or key;
 * - `SUBJECT_MISMATCH`: the statement is about another artifact than the one expected;
 * - `PREDICATE_MISMATCH`: the statement's predicate type is not the one expected.
 */
export type VerificationErrorCode =
  | 'BUNDLE_INVALID'
  | 'TRUST_ROOT_INVALID'
  | 'SIGNATURE_INVALID'
  | 'CERTIFICATE_INVALID'
  | 'TLOG_INVALID'
  | 'TIMESTAMP_INVALID'
  | 'SIGNER_UNTRUSTED'
  | 'SUBJECT_MISMATCH'
  | 'PREDICATE_MISMATCH';

export class SignatureVerificationError extends FlotillaError {
  declare readonly code: VerificationErrorCode;

  constructor(code: VerificationErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** A referrer manifest that does not hold a sigstore bundle the way cosign stores one. */
export class ReferrerFormatError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REFERRER_INVALID', message, options);
  }
}

/** An in-toto statement or predicate that is not the shape Flotilla writes. */
export class StatementFormatError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STATEMENT_INVALID', message, options);
  }
}

import { sign as ecdsaSign } from 'node:crypto';
import { type Bundle, bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import {
  DSSEBundleBuilder,
  FulcioSigner,
  type IdentityProvider,
  RekorWitness,
  type Signer as SigstoreSigner,
  TSAWitness,
  type Witness,
} from '@sigstore/sign';
import { errorMessage } from '../errors.ts';
import { SigningError, type SigningErrorCode } from './errors.ts';
import { keyHint, type SigningKey } from './keys.ts';
import { IN_TOTO_PAYLOAD_TYPE, type Statement, serializeStatement } from './statement.ts';

/** Media type of the bundles Flotilla writes. */
export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

/** Audience of the OIDC token that Fulcio accepts. */
export const SIGSTORE_AUDIENCE = 'sigstore';

/** Sigstore service URLs. A service left out is not used. */
export interface SigstoreEndpoints {
  fulcioURL: string;
  rekorURL?: string;
  tsaURL?: string;
}

/** The public-good instance: Fulcio certificates, Rekor log entries (the default for public repositories). */
export const SIGSTORE_PUBLIC_GOOD: SigstoreEndpoints = {
  fulcioURL: 'https://fulcio.sigstore.dev',
  rekorURL: 'https://rekor.sigstore.dev',
};

/**
 * GitHub's own instance, used by `actions/attest` for private and internal
 * repositories: its Fulcio and its timestamp authority, no public log.
 */
export const SIGSTORE_GITHUB: SigstoreEndpoints = {
  fulcioURL: 'https://fulcio.githubapp.com',
  tsaURL: 'https://timestamp.githubapp.com',
};

/** Which sigstore instance signs keyless: by name, or `auto` to pick by repository visibility as `actions/attest` does. */
export type SigstoreInstance = 'public-good' | 'github' | 'auto';

/**
 * The endpoints of an instance. `auto` uses the public-good instance for a
 * public repository and GitHub's for a private or internal one (or when the
 * visibility is unknown), as `actions/attest` decides.
 */
export function sigstoreEndpoints(instance: SigstoreInstance, repositoryVisibility?: string): SigstoreEndpoints {
  if (instance === 'public-good') return SIGSTORE_PUBLIC_GOOD;
  if (instance === 'github') return SIGSTORE_GITHUB;
  return repositoryVisibility === 'public' ? SIGSTORE_PUBLIC_GOOD : SIGSTORE_GITHUB;
}

/** A signed statement: the bundle, its JSON form and the exact bytes stored. */
export interface SignedBundle {
  bundle: Bundle;
  json: SerializedBundle;
  /** UTF-8 JSON of `json`, the bytes of the referrer's layer. */
  bytes: Uint8Array;
  predicateType: string;
}

/** Signs in-toto statements into sigstore bundles (DSSE envelopes). */
export interface StatementSigner {
  readonly kind: 'key' | 'keyless';
  /** For messages: `key <id>` or `keyless via <fulcio url>`. */
  readonly description: string;
  signStatement(statement: Statement): Promise<SignedBundle>;
}

export interface ServiceOptions {
  /** Per-request timeout, ms (default 10 s). */
  timeout?: number;
  /** Retries of a failed request (default 2). */
  retry?: number;
}

export interface KeyPairSignerOptions extends ServiceOptions {
  /** Also record the signature in this Rekor (off by default: a key-pair signature needs no log). */
  rekorURL?: string;
  /** Also timestamp the signature with this RFC 3161 authority. */
  tsaURL?: string;
}

function witnessesFor(endpoints: { rekorURL?: string; tsaURL?: string }, svc: ServiceOptions): Witness[] {
  const timeout = svc.timeout ?? 10_000;
  const retry = svc.retry ?? 2;
  const out: Witness[] = [];
  if (endpoints.rekorURL) out.push(new RekorWitness({ rekorBaseURL: endpoints.rekorURL, entryType: 'dsse', timeout, retry }));
  if (endpoints.tsaURL) out.push(new TSAWitness({ tsaBaseURL: endpoints.tsaURL, timeout, retry }));
  return out;
}

/** The @sigstore/sign signer of a local key: ECDSA P-256 with SHA-256, DER signatures, the key's hint. */
export function keyPairSigstoreSigner(key: SigningKey): SigstoreSigner {
  const hint = keyHint(key.publicKey);
  return {
    sign: async (data: Buffer) => ({
      signature: ecdsaSign('sha256', data, key.privateKey),
      key: { $case: 'publicKey', publicKey: key.publicKeyPem, hint },
    }),
  };
}

async function buildBundle(
  signer: SigstoreSigner,
  witnesses: Witness[],
  statement: Statement,
  services: Partial<SigstoreEndpoints>,
): Promise<SignedBundle> {
  const builder = new DSSEBundleBuilder({ signer, witnesses });
  let bundle: Bundle;
  try {
    bundle = await builder.create({ data: Buffer.from(serializeStatement(statement)), type: IN_TOTO_PAYLOAD_TYPE });
  } catch (err) {
    throw toSigningError(err, services);
  }
  const json = bundleToJSON(bundle);
  return { bundle, json, bytes: new TextEncoder().encode(JSON.stringify(json)), predicateType: statement.predicateType };
}

/** Signs with a key pair. No service is contacted unless `rekorURL` or `tsaURL` is given. */
export function keyPairSigner(key: SigningKey, opts: KeyPairSignerOptions = {}): StatementSigner {
  const signer = keyPairSigstoreSigner(key);
  const endpoints = { ...(opts.rekorURL ? { rekorURL: opts.rekorURL } : {}), ...(opts.tsaURL ? { tsaURL: opts.tsaURL } : {}) };
  return {
    kind: 'key',
    description: `key ${key.keyId}`,
    signStatement: (statement) => buildBundle(signer, witnessesFor(endpoints, opts), statement, endpoints),
  };
}

export interface KeylessSignerOptions extends ServiceOptions {
  /** Which services to use: public-good (default), GitHub's, or explicit URLs. */
  endpoints?: SigstoreEndpoints;
  /**
   * Where the OIDC token comes from (audience `sigstore`): in GitHub Actions,
   * `githubActionsIdToken` of shared/actions/id-token.ts, which the adapters pass.
   */
  identityToken: () => Promise<string>;
}

/**
 * Checks that a token is a JWT with a subject before @sigstore/sign reads
 * it: its own parse error would print the whole token.
 */
function checkedToken(provider: () => Promise<string>): IdentityProvider {
  return {
    getToken: async () => {
      const token = await provider();
      const parts = token.split('.');
      let sub: unknown;
      try {
        sub =
          parts.length === 3 ? (JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown }).sub : undefined;
      } catch {
        sub = undefined;
      }
      if (typeof sub !== 'string' || sub === '') {
        throw new SigningError('SIGNING_IDENTITY_TOKEN', 'the OIDC identity token is not a JWT with a subject (sub) claim');
      }
      return token;
    },
  };
}

/**
 * Signs keyless: an ephemeral key, a short-lived certificate from Fulcio for
 * the OIDC identity, then the configured witnesses (Rekor entry, TSA
 * timestamp).
 */
export function keylessSigner(opts: KeylessSignerOptions): StatementSigner {
  const endpoints = opts.endpoints ?? SIGSTORE_PUBLIC_GOOD;
  const timeout = opts.timeout ?? 10_000;
  const retry = opts.retry ?? 2;
  const provider = opts.identityToken;
  return {
    kind: 'keyless',
    description: `keyless via ${endpoints.fulcioURL}`,
    signStatement: (statement) => {
      const signer = new FulcioSigner({ identityProvider: checkedToken(provider), fulcioBaseURL: endpoints.fulcioURL, timeout, retry });
      return buildBundle(signer, witnessesFor(endpoints, opts), statement, endpoints);
    },
  };
}

interface SigstoreInternalError {
  code?: string;
  message?: string;
  cause?: unknown;
}

function describeCause(cause: unknown): string {
  if (cause instanceof SigningError) return cause.message;
  const c = cause as { statusCode?: number; message?: string } | undefined;
  if (c && typeof c.statusCode === 'number') return `HTTP ${c.statusCode}${c.message ? ` ${c.message}` : ''}`;
  return errorMessage(cause);
}

function toSigningError(err: unknown, services: Partial<SigstoreEndpoints>): SigningError {
  if (err instanceof SigningError) return err;
  const e = err as SigstoreInternalError;
  // The identity provider's own SigningError travels as the cause of @sigstore/sign's error.
  if (e.cause instanceof SigningError) return e.cause;
  const cause = describeCause(e.cause ?? err);
  const map: Record<string, [SigningErrorCode, string]> = {
    IDENTITY_TOKEN_READ_ERROR: ['SIGNING_IDENTITY_TOKEN', 'could not get an OIDC identity token'],
    IDENTITY_TOKEN_PARSE_ERROR: ['SIGNING_IDENTITY_TOKEN', 'the OIDC identity token is not a JWT'],
    CA_CREATE_SIGNING_CERTIFICATE_ERROR: ['SIGNING_CERTIFICATE', `Fulcio at ${services.fulcioURL} refused the certificate request`],
    TLOG_CREATE_ENTRY_ERROR: ['SIGNING_TLOG', `Rekor at ${services.rekorURL} refused the log entry`],
    TSA_CREATE_TIMESTAMP_ERROR: ['SIGNING_TIMESTAMP', `the timestamp authority at ${services.tsaURL} refused the request`],
  };
  const known = e.code ? map[e.code] : undefined;
  if (known) return new SigningError(known[0], `${known[1]}: ${cause}`, { cause: err });
  return new SigningError('SIGNING_FAILED', `signing failed: ${errorMessage(err)}`, { cause: err });
}

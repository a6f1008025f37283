import type { SourcePosition } from '../config/config-error.ts';
import type { Glob } from './glob.ts';

// ---------------------------------------------------------------------------
// The loaded policy (what load.ts produces from policy.yaml)
// ---------------------------------------------------------------------------

export type Mode = 'enforce' | 'warn';
export type Signing = 'required' | 'optional';

/** Matches a string exactly or by an anchored regular expression. */
export interface StringMatcher {
  readonly text: string;
  readonly regex?: RegExp;
}

export interface CapabilityRule {
  readonly deny: readonly Glob[];
  readonly allow?: readonly Glob[];
}

/** A public key of a `key` authority, with the SHA-256 of its DER SubjectPublicKeyInfo. */
export interface AuthorityKey {
  readonly pem: string;
  /** `sha256:<hex>` of the DER SPKI: how a signature's key is compared. */
  readonly spkiSha256: string;
  /** Where it came from: the file path, or `inline`. */
  readonly source: string;
}

export type Authority =
  | { readonly name: string; readonly position: SourcePosition; readonly kind: 'key'; readonly keys: readonly AuthorityKey[] }
  | {
      readonly name: string;
      readonly position: SourcePosition;
      readonly kind: 'keyless';
      readonly issuer: StringMatcher;
      readonly subject: StringMatcher;
    }
  | { readonly name: string; readonly position: SourcePosition; readonly kind: 'static'; readonly result: 'pass' | 'fail' };

/**
 * Where a rule comes from. `spec`: a rule the caller adds to the policy's own
 * (a spec's `require-signature`); it applies to every component, is not
 * relaxed by an environment's `signing: optional`, and yields only to a
 * `local|optional` registry rule for a component from no registry (a local
 * file, an OCI layout).
 */
export type RuleScope = 'registry' | 'component' | 'default' | 'environment' | 'global' | 'spec';

/** One rule of the policy, as the engine applies it. */
export interface Rule {
  /** Where it sits: `registries[0]`, `components[2]`, `default`, `capabilities`, `environments.production`, `environments.production.registries[1]`. */
  readonly id: string;
  /** Label for reasons: ``registries[0] `ghcr.io|required|production_signing_keys` ``. */
  readonly label: string;
  readonly scope: RuleScope;
  readonly position: SourcePosition;
  /** The rule's glob (registry and component rules); `local` is the loopback keyword. */
  readonly match?: Glob | 'local';
  readonly signing?: Signing;
  /** Authority names; empty means any authority the policy declares. */
  readonly authorities: readonly string[];
  readonly requireDigest: boolean;
  readonly capabilities?: CapabilityRule;
}

export interface EnvironmentPolicy {
  readonly name: string;
  readonly position: SourcePosition;
  readonly mode?: Mode;
  /** `optional` relaxes the signing requirement of every rule in this environment. */
  readonly signing?: Signing;
  /** The rule this environment adds to every component (signing required, digests, capabilities), if any. */
  readonly rule?: Rule;
  readonly registries: readonly Rule[];
  readonly components: readonly Rule[];
  readonly unknownRegistries?: 'allow' | 'deny';
  /** Where `unknown-registries` was written, for reasons. */
  readonly unknownRegistriesPosition?: SourcePosition;
}

export interface Policy {
  readonly file: string;
  readonly name?: string;
  readonly mode: Mode;
  readonly authorities: ReadonlyMap<string, Authority>;
  readonly registries: readonly Rule[];
  readonly components: readonly Rule[];
  readonly default?: Rule;
  /** Top-level `capabilities`, applied to every component. */
  readonly global?: Rule;
  readonly unknownRegistries: 'allow' | 'deny';
  readonly unknownRegistriesPosition?: SourcePosition;
  readonly environments: ReadonlyMap<string, EnvironmentPolicy>;
}

// ---------------------------------------------------------------------------
// Evidence (what verification gathered; the engine's input)
// ---------------------------------------------------------------------------

/**
 * A signature that verification has already checked cryptographically (the
 * bundle's signature over the statement, the certificate chain and log entry
 * for keyless). The engine only decides whether its signer is an authority
 * the policy accepts.
 */
export type VerifiedSignature = VerifiedKeySignature | VerifiedKeylessSignature;

export interface VerifiedKeySignature {
  readonly kind: 'key';
  /** The key hint of the bundle (informational; never trusted for matching). */
  readonly keyId?: string;
  /** The public key the bundle verified against (PEM, SPKI). */
  readonly publicKeyPem?: string;
  /**
   * SHA-256 of the DER SPKI of the key verification used (`sha256:<hex>` or bare hex, as
   * shared/sign's `keyId`); computed from publicKeyPem when absent.
   */
  readonly spkiSha256?: string;
  /** The authority whose key verification used (informational). */
  readonly authorityName?: string;
  /** The digest the signed statement names as its subject. */
  readonly subjectDigest?: string;
}

export interface VerifiedKeylessSignature {
  readonly kind: 'keyless';
  /** OIDC issuer of the certificate (Fulcio extension 1.3.6.1.4.1.57264.1.8). */
  readonly issuer: string;
  /** Subject alternative name: a workflow URL at a ref, an email, a SPIFFE id. */
  readonly subject: string;
  /** Other certificate extensions, for reports (e.g. `githubWorkflowRepository`). */
  readonly extensions?: Readonly<Record<string, string>>;
  /** The digest the signed statement names as its subject. */
  readonly subjectDigest?: string;
}

export interface ComponentEvidence {
  /** Name in the spec or lock; for a bare ref, its repository path. */
  readonly name: string;
  /** The ref as written (`ghcr.io/acme/shop/cart:1.2`, `ghcr.io/acme/cart@sha256:…`). */
  readonly ref?: string;
  /** Registry host with port if any; absent for local files and OCI layouts. */
  readonly registry?: string;
  /** Repository path without host and tag: `company/ecommerce/user-service`. */
  readonly repository?: string;
  /** Manifest digest (`sha256:…`). */
  readonly digest?: string;
  /** Whether the spec or lock names this component by digest. */
  readonly pinnedByDigest: boolean;
  /** Imports read from the component binary (`wasi:sockets/tcp@0.2.0`). */
  readonly imports: readonly string[];
  readonly signatures: readonly VerifiedSignature[];
  /**
   * Signatures attached to the component that did not verify, each with why
   * (`bundle sha256:… [SIGNATURE_INVALID]: …`): never evidence of signing, but
   * the reason a signing requirement fails says they are there.
   */
  readonly unverifiedSignatures?: readonly string[];
  /** A composed component's inputs (from its composition attestation), each evidence itself. */
  readonly parts?: readonly ComponentEvidence[];
}

// ---------------------------------------------------------------------------
// Verdicts (the engine's output)
// ---------------------------------------------------------------------------

export type Verdict = 'pass' | 'fail' | 'warn';

export type CheckAspect = 'signing' | 'digest' | 'capabilities' | 'registry' | 'parts';

/** One requirement of one rule, checked against one component. */
export interface RuleCheck {
  /** Rule id (`registries[0]`), or `parts` for a composed component's inputs. */
  readonly rule: string;
  readonly label: string;
  readonly position?: SourcePosition;
  readonly aspect: CheckAspect;
  /** What the rule asked: `signing required (production_signing_keys)`, `deny wasi:sockets/*`. */
  readonly requirement: string;
  readonly status: 'pass' | 'fail';
  readonly reason: string;
}

export interface ComponentVerdict {
  readonly name: string;
  readonly ref?: string;
  readonly registry?: string;
  readonly digest?: string;
  readonly verdict: Verdict;
  /** Signer identities seen: authority name and key digest, or keyless issuer and subject. */
  readonly signers: readonly string[];
  /** Ids of the rules applied. */
  readonly rules: readonly string[];
  readonly checks: readonly RuleCheck[];
  /** The reasons of failed checks, in order. */
  readonly violations: readonly string[];
  readonly parts?: readonly ComponentVerdict[];
}

export interface PolicyReport {
  readonly policy: string;
  readonly environment?: string;
  readonly mode: Mode;
  readonly verdict: Verdict;
  readonly components: readonly ComponentVerdict[];
}

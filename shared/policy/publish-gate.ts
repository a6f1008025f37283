/**
 * The check publish makes before any upload: may this component go to these
 * registries, given whether a signer is configured? Pure, like the engine.
 */
import type { SourcePosition } from '../config/config-error.ts';
import { FlotillaError } from '../errors.ts';
import { checkCapabilities, checkSigning, effectiveMode, resolveEnvironment, rulesFor, signingEnforced } from './engine.ts';
import type { Mode, Policy, VerifiedSignature } from './types.ts';

export interface PublishRequest {
  readonly environment?: string | undefined;
  /** Target registry hosts (with port), as resolved from the registry configuration or refs. */
  readonly registries: readonly string[];
  /** The component's name in the spec or lock (or its repository path for a bare ref). */
  readonly component: string;
  /** Repository path without host and tag, when it differs from the name. */
  readonly repository?: string;
  /**
   * Whether a signer is configured (`true`/`false`), or who it is when known:
   * then a signer that no applicable authority accepts is refused too, since
   * verify would reject what it signs.
   */
  readonly signer: boolean | SignerIdentity;
  /** The component's imports (from describeWasm), when known: capability rules are then checked too. */
  readonly imports?: readonly string[];
}

/** A configured signer: the public half of the key pair, or the keyless identity the OIDC token gives (when known). */
export type SignerIdentity =
  | { readonly kind: 'key'; readonly publicKeyPem: string }
  | { readonly kind: 'keyless'; readonly issuer?: string; readonly subject?: string };

/** The signature this signer would make, as verification will see it; undefined when its identity is not known yet. */
function prospectiveSignature(signer: SignerIdentity): VerifiedSignature | undefined {
  if (signer.kind === 'key') return { kind: 'key', publicKeyPem: signer.publicKeyPem };
  if (signer.issuer === undefined || signer.subject === undefined) return undefined;
  return { kind: 'keyless', issuer: signer.issuer, subject: signer.subject };
}

export interface PublishRefusal {
  /** Rule id: `registries[0]`, `environments.production.unknown-registries`. */
  readonly rule: string;
  readonly label: string;
  readonly position?: SourcePosition;
  readonly registry: string;
  readonly reason: string;
}

export type PublishDecision =
  | { readonly allowed: true; readonly mode: Mode; readonly rules: readonly string[]; readonly warnings: readonly PublishRefusal[] }
  | { readonly allowed: false; readonly mode: Mode; readonly refusals: readonly PublishRefusal[]; readonly message: string };

/** Publish refused by the policy; nothing was uploaded. */
export class PolicyRefusalError extends FlotillaError {
  readonly refusals: readonly PublishRefusal[];
  constructor(message: string, refusals: readonly PublishRefusal[]) {
    super('POLICY_REFUSED', message);
    this.refusals = refusals;
  }
}

const at = (p?: SourcePosition): string => (p ? ` (${p.file}:${p.line}:${p.column})` : '');

/** Decides; in `warn` mode what would be refused comes back as warnings and the push is allowed. */
export function checkPublish(policy: Policy, req: PublishRequest): PublishDecision {
  const env = resolveEnvironment(policy, req.environment);
  const mode = effectiveMode(policy, env);
  const refusals: PublishRefusal[] = [];
  const rules = new Set<string>();
  const envText = req.environment ? ` in environment ${req.environment}` : '';
  for (const registry of req.registries) {
    const applied = rulesFor(policy, env, {
      name: req.component,
      registry,
      repository: req.repository,
    });
    for (const r of applied.rules) rules.add(r.id);
    const denied = applied.unknownRegistryDenied;
    if (denied) {
      refusals.push({
        rule: denied.rule,
        label: denied.rule,
        ...(denied.position ? { position: denied.position } : {}),
        registry,
        reason: `registry \`${registry}\` is not known to the policy${envText}: ${denied.rule}: deny${at(denied.position)}; add a rule for it under 'registries:'`,
      });
    }
    if (req.imports) {
      for (const rule of applied.rules) {
        if (!rule.capabilities) continue;
        const outcome = checkCapabilities(rule, { imports: req.imports });
        if (outcome.status === 'fail') {
          refusals.push({
            rule: rule.id,
            label: rule.label,
            position: rule.position,
            registry,
            reason: `${outcome.reason}${at(rule.position)}`,
          });
        }
      }
    }
    const signature = typeof req.signer === 'object' ? prospectiveSignature(req.signer) : undefined;
    for (const rule of applied.rules) {
      if (!signingEnforced(rule, env)) continue;
      const base = { rule: rule.id, label: rule.label, position: rule.position, registry };
      const what = `signing required by ${rule.label}${at(rule.position)} for \`${req.component}\` on ${registry}${envText}`;
      if (req.signer === false) {
        refusals.push({ ...base, reason: `${what}, but no signer is configured: pass --key <file> or --keyless` });
      } else if (signature) {
        const outcome = checkSigning(policy, env, rule, {
          name: req.component,
          pinnedByDigest: true,
          imports: [],
          signatures: [signature],
        });
        if (outcome.status === 'fail') {
          const detail = outcome.reason.slice(outcome.reason.indexOf(': ') + 2);
          refusals.push({ ...base, reason: `${what}, but the configured signer would not satisfy it: ${detail}` });
        }
      }
    }
  }
  if (refusals.length === 0 || mode === 'warn') return { allowed: true, mode, rules: [...rules], warnings: refusals };
  const message = `policy ${policy.file} refuses to publish \`${req.component}\`${envText}; nothing was uploaded:\n${refusals
    .map((r) => `  - ${r.reason}`)
    .join('\n')}`;
  return { allowed: false, mode, refusals, message };
}

/** Throws PolicyRefusalError when the push is refused; returns the decision (with any warnings) otherwise. */
export function assertPublishAllowed(policy: Policy, req: PublishRequest): PublishDecision & { allowed: true } {
  const decision = checkPublish(policy, req);
  if (!decision.allowed) throw new PolicyRefusalError(decision.message, decision.refusals);
  return decision;
}

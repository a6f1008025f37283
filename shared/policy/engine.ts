/**
 * The policy engine: pure. It takes a loaded policy, an environment name and
 * evidence that verification gathered, and returns verdicts with reasons. No
 * network, no file reads; comparing keys hashes their DER SPKI in memory.
 */
import type { SourcePosition } from '../config/config-error.ts';
import { FlotillaError } from '../errors.ts';
import { isLoopbackHost, matchesImport } from './glob.ts';
import { normalizeSpkiDigest, shortDigest, spkiSha256 } from './keys.ts';
import type {
  Authority,
  ComponentEvidence,
  ComponentVerdict,
  EnvironmentPolicy,
  Mode,
  Policy,
  PolicyReport,
  Rule,
  RuleCheck,
  Verdict,
  VerifiedSignature,
} from './types.ts';

/** The policy cannot be applied as asked (e.g. an environment it does not define). */
export class PolicyError extends FlotillaError {}

const MAX_PART_DEPTH = 16;

/** The environment's overrides; an environment the policy does not define is an error when it defines any. */
export function resolveEnvironment(policy: Policy, name: string | undefined): EnvironmentPolicy | undefined {
  if (name === undefined || name === '') return undefined;
  const env = policy.environments.get(name);
  if (env) return env;
  if (policy.environments.size === 0) return undefined;
  throw new PolicyError(
    'POLICY_UNKNOWN_ENVIRONMENT',
    `${policy.file}: environment '${name}' is not defined under 'environments:' (defined: ${[...policy.environments.keys()].join(', ')}); ` +
      'pass one of those, or add it to the policy',
  );
}

export function effectiveMode(policy: Policy, env: EnvironmentPolicy | undefined): Mode {
  return env?.mode ?? policy.mode;
}

/** What a rule is matched against. */
export interface RuleSubject {
  readonly name: string;
  readonly repository?: string | undefined;
  /** Registry host (with port); absent for local files and OCI layouts. */
  readonly registry?: string | undefined;
}

export interface AppliedRules {
  /** Every rule that applies, in policy order: global, registries, components (or default), environment. */
  readonly rules: readonly Rule[];
  /** Whether a registry rule (top-level or the environment's) matched the registry. */
  readonly registryKnown: boolean;
  /** Set when the registry is unknown and the policy or environment denies unknown registries. */
  readonly unknownRegistryDenied?: { readonly rule: string; readonly position?: SourcePosition };
}

function registryMatches(rule: Rule, registry: string | undefined): boolean {
  if (rule.match === undefined) return false;
  if (rule.match === 'local') return registry === undefined || isLoopbackHost(registry);
  return registry !== undefined && rule.match.test(registry);
}

function componentMatches(rule: Rule, subject: RuleSubject): boolean {
  if (rule.match === undefined || rule.match === 'local') return false;
  return rule.match.test(subject.name) || (subject.repository !== undefined && rule.match.test(subject.repository));
}

/**
 * The rules of the policy that apply to a component in an environment, and
 * `extra` rules of the caller (scope `spec`, see RuleScope) after them.
 */
export function rulesFor(
  policy: Policy,
  env: EnvironmentPolicy | undefined,
  subject: RuleSubject,
  extra: readonly Rule[] = [],
): AppliedRules {
  const registryRules = [...policy.registries, ...(env?.registries ?? [])].filter((r) => registryMatches(r, subject.registry));
  const componentRules = [...policy.components, ...(env?.components ?? [])].filter((r) => componentMatches(r, subject));
  const rules: Rule[] = [];
  if (policy.global) rules.push(policy.global);
  rules.push(...registryRules, ...componentRules);
  if (registryRules.length === 0 && componentRules.length === 0 && policy.default) rules.push(policy.default);
  if (env?.rule) rules.push(env.rule);
  // a component from no registry that a `local|optional` rule lets through is not held to the caller's signing rule
  const localOptional = subject.registry === undefined && registryRules.some((r) => r.match === 'local' && r.signing === 'optional');
  for (const r of extra) if (!(localOptional && r.scope === 'spec')) rules.push(r);
  const registryKnown = registryRules.length > 0;
  const deny = (env?.unknownRegistries ?? policy.unknownRegistries) === 'deny';
  if (registryKnown || !deny) return { rules, registryKnown };
  const fromEnv = env?.unknownRegistries !== undefined;
  const position = fromEnv ? env?.unknownRegistriesPosition : policy.unknownRegistriesPosition;
  return {
    rules,
    registryKnown,
    unknownRegistryDenied: {
      rule: fromEnv ? `environments.${env?.name}.unknown-registries` : 'unknown-registries',
      ...(position ? { position } : {}),
    },
  };
}

/** Whether a rule's signing requirement holds in this environment (`signing: optional` in an environment relaxes it). */
export function signingEnforced(rule: Rule, env: EnvironmentPolicy | undefined): boolean {
  if (rule.signing !== 'required') return false;
  return !(env?.signing === 'optional' && rule.scope !== 'environment' && rule.scope !== 'spec');
}

export interface EvaluateInput {
  readonly environment?: string | undefined;
  readonly components: readonly ComponentEvidence[];
  /** Rules of the caller applied to every component beside the policy's (scope `spec`: a spec's `require-signature`). */
  readonly rules?: readonly Rule[];
}

/** Applies the policy to every component; the overall verdict is `fail`, `warn` (mode warn and something failed) or `pass`. */
export function evaluatePolicy(policy: Policy, input: EvaluateInput): PolicyReport {
  const env = resolveEnvironment(policy, input.environment);
  const mode = effectiveMode(policy, env);
  const ctx: EvalCtx = { policy, env, mode, extra: input.rules ?? [] };
  const components = input.components.map((c) => evaluateComponent(ctx, c, 0));
  return {
    policy: policy.file,
    ...(input.environment !== undefined ? { environment: input.environment } : {}),
    mode,
    verdict: combine(components.map((c) => c.verdict)),
    components,
  };
}

function combine(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('warn')) return 'warn';
  return 'pass';
}

interface EvalCtx {
  policy: Policy;
  env: EnvironmentPolicy | undefined;
  mode: Mode;
  extra: readonly Rule[];
}

function evaluateComponent(ctx: EvalCtx, c: ComponentEvidence, depth: number): ComponentVerdict {
  const applied = rulesFor(
    ctx.policy,
    ctx.env,
    {
      name: c.name,
      repository: c.repository,
      registry: c.registry,
    },
    ctx.extra,
  );
  const checks: RuleCheck[] = [];
  const denied = applied.unknownRegistryDenied;
  if (denied) {
    const where = c.registry === undefined ? 'a local file (no registry)' : `registry \`${c.registry}\``;
    checks.push({
      rule: denied.rule,
      label: denied.rule,
      ...(denied.position ? { position: denied.position } : {}),
      aspect: 'registry',
      requirement: 'registry known to the policy',
      status: 'fail',
      reason: `${denied.rule}: deny: ${where} matches no registry rule of the policy`,
    });
  }
  for (const rule of applied.rules) checks.push(...checkRule(ctx, rule, c));

  let parts: ComponentVerdict[] | undefined;
  if (c.parts && c.parts.length > 0) {
    if (depth >= MAX_PART_DEPTH) {
      throw new PolicyError('POLICY_EVIDENCE_TOO_DEEP', `component '${c.name}': parts nested deeper than ${MAX_PART_DEPTH} levels`);
    }
    parts = c.parts.map((p) => evaluateComponent(ctx, p, depth + 1));
    const failing = parts.filter((p) => p.verdict !== 'pass');
    for (const p of failing) {
      checks.push({
        rule: 'parts',
        label: `part \`${p.name}\``,
        aspect: 'parts',
        requirement: 'every input of the composition passes',
        status: 'fail',
        reason: `part \`${p.name}\`${p.ref ? ` (${p.ref})` : ''} fails: ${p.violations.join('; ')}`,
      });
    }
    if (failing.length === 0) {
      checks.push({
        rule: 'parts',
        label: 'parts',
        aspect: 'parts',
        requirement: 'every input of the composition passes',
        status: 'pass',
        reason: `all ${parts.length} parts pass`,
      });
    }
  }

  const violations = checks.filter((k) => k.status === 'fail').map((k) => k.reason);
  const verdict: Verdict = violations.length === 0 ? 'pass' : ctx.mode === 'warn' ? 'warn' : 'fail';
  return {
    name: c.name,
    ...(c.ref !== undefined ? { ref: c.ref } : {}),
    ...(c.registry !== undefined ? { registry: c.registry } : {}),
    ...(c.digest !== undefined ? { digest: c.digest } : {}),
    verdict,
    signers: c.signatures.map((s) => describeSigner(ctx.policy, s)),
    rules: applied.rules.map((r) => r.id),
    checks,
    violations,
    ...(parts ? { parts } : {}),
  };
}

function checkRule(ctx: EvalCtx, rule: Rule, c: ComponentEvidence): RuleCheck[] {
  const out: RuleCheck[] = [];
  const base = { rule: rule.id, label: rule.label, position: rule.position };
  if (rule.signing !== undefined) out.push({ ...base, aspect: 'signing', ...checkSigning(ctx.policy, ctx.env, rule, c) });
  if (rule.requireDigest) {
    const pinned = c.pinnedByDigest;
    out.push({
      ...base,
      aspect: 'digest',
      requirement: 'digest required',
      status: pinned ? 'pass' : 'fail',
      reason: pinned
        ? `digest required by ${rule.label}: pinned${c.digest ? ` at ${c.digest}` : ''}`
        : `digest required by ${rule.label}: ${c.ref ? `ref \`${c.ref}\`` : `component \`${c.name}\``} is not pinned by a digest (write it as <repository>@sha256:…, or use the lock)`,
    });
  }
  if (rule.capabilities) out.push({ ...base, aspect: 'capabilities', ...checkCapabilities(rule, c) });
  return out;
}

/** The outcome of one check, without the rule's identity. */
export type CheckOutcome = Pick<RuleCheck, 'requirement' | 'status' | 'reason'>;

/** A rule's capability requirement against a component's imports. */
export function checkCapabilities(rule: Rule, c: Pick<ComponentEvidence, 'imports'>): CheckOutcome {
  const caps = rule.capabilities;
  if (!caps) return { requirement: 'no capability rule', status: 'pass', reason: `${rule.label} has no capability rule` };
  const req: string[] = [];
  if (caps.deny.length) req.push(`deny ${caps.deny.map((g) => g.pattern).join(', ')}`);
  if (caps.allow) req.push(`allow only ${caps.allow.map((g) => g.pattern).join(', ') || '(nothing)'}`);
  const requirement = req.join('; ') || 'no capability rule';
  const problems: string[] = [];
  for (const imp of c.imports) {
    const denied = caps.deny.find((g) => matchesImport(g, imp));
    if (denied) {
      problems.push(`import \`${imp}\` is denied (matches \`${denied.pattern}\`)`);
    } else if (caps.allow && !caps.allow.some((g) => matchesImport(g, imp))) {
      problems.push(`import \`${imp}\` is not in the allow list`);
    }
  }
  if (problems.length) return { requirement, status: 'fail', reason: `capabilities of ${rule.label}: ${problems.join('; ')}` };
  return { requirement, status: 'pass', reason: `capabilities of ${rule.label}: ${c.imports.length} import(s) allowed` };
}

function candidateAuthorities(policy: Policy, rule: Rule): Authority[] {
  // "any authority" means any signer the policy declares: static authorities count only where a rule names them
  if (rule.authorities.length === 0) return [...policy.authorities.values()].filter((a) => a.kind !== 'static');
  return rule.authorities.map((n) => policy.authorities.get(n)).filter((a): a is Authority => a !== undefined);
}

function keyDigestOf(sig: VerifiedSignature): string | undefined {
  if (sig.kind !== 'key') return undefined;
  if (sig.spkiSha256) return normalizeSpkiDigest(sig.spkiSha256);
  if (!sig.publicKeyPem) return undefined;
  try {
    return spkiSha256(sig.publicKeyPem);
  } catch {
    return undefined;
  }
}

/** Whether a verified signature was made by an authority (static authorities are handled by the caller). */
export function signatureMatches(authority: Authority, sig: VerifiedSignature): boolean {
  if (authority.kind === 'key') {
    const d = keyDigestOf(sig);
    return d !== undefined && authority.keys.some((k) => k.spkiSha256 === d);
  }
  if (authority.kind === 'keyless') {
    if (sig.kind !== 'keyless') return false;
    const m = (matcher: { text: string; regex?: RegExp }, value: string) =>
      matcher.regex ? matcher.regex.test(value) : matcher.text === value;
    return m(authority.issuer, sig.issuer) && m(authority.subject, sig.subject);
  }
  return false;
}

function describeSignature(sig: VerifiedSignature): string {
  if (sig.kind === 'keyless') return `keyless \`${sig.subject}\` (issuer ${sig.issuer})`;
  const d = keyDigestOf(sig);
  return d ? `key ${shortDigest(d)}` : `key ${sig.keyId ?? '(unreadable public key)'}`;
}

function describeSigner(policy: Policy, sig: VerifiedSignature): string {
  const owner = [...policy.authorities.values()].find((a) => signatureMatches(a, sig));
  return `${describeSignature(sig)}${owner ? ` [${owner.name}]` : ''}`;
}

/** What a reason says of signatures that are attached but do not verify. */
function unverifiedReasons(c: ComponentEvidence): string[] {
  return (c.unverifiedSignatures ?? []).map((u) => `a signature is attached but does not verify: ${u}`);
}

/** The signing requirement of one rule against one component's verified signatures, in an environment. */
export function checkSigning(policy: Policy, env: EnvironmentPolicy | undefined, rule: Rule, c: ComponentEvidence): CheckOutcome {
  const names = rule.authorities.length ? rule.authorities.join(', ') : 'any authority of the policy';
  const found = c.signatures.length ? `signed: ${c.signatures.map(describeSignature).join(', ')}` : 'unsigned';
  if (rule.signing === 'optional') {
    return { requirement: 'signing optional', status: 'pass', reason: `signing optional by ${rule.label} (${found})` };
  }
  const requirement = `signing required (${names})`;
  if (!signingEnforced(rule, env)) {
    return {
      requirement,
      status: 'pass',
      reason: `signing required by ${rule.label} is relaxed in environment ${env?.name} (${found})`,
    };
  }
  // a signature over another digest does not count
  const notes: string[] = [];
  const bound = c.signatures.filter((s) => {
    if (s.subjectDigest === undefined || c.digest === undefined || s.subjectDigest === c.digest) return true;
    notes.push(`${describeSignature(s)} signs ${s.subjectDigest}, not ${c.digest}`);
    return false;
  });
  const candidates = candidateAuthorities(policy, rule);
  const prefix = `signing required by ${rule.label}`;
  if (candidates.length === 0) {
    // the policy declares no authorities: any verified signature over the component
    if (bound.length) return { requirement, status: 'pass', reason: `${prefix}: ${describeSignature(bound[0] as VerifiedSignature)}` };
    const all = [...unverifiedReasons(c), ...notes];
    return {
      requirement,
      status: 'fail',
      reason: `${prefix}: no ${c.unverifiedSignatures?.length ? 'verified ' : ''}signature${all.length ? ` (${all.join('; ')})` : ''}`,
    };
  }
  const staticPass = candidates.find((a) => a.kind === 'static' && a.result === 'pass');
  if (staticPass) return { requirement, status: 'pass', reason: `${prefix}: authority ${staticPass.name} is static: pass` };
  for (const sig of bound) {
    const by = candidates.find((a) => signatureMatches(a, sig));
    if (by) return { requirement, status: 'pass', reason: `${prefix}: signed by ${by.name} (${describeSignature(sig)})` };
  }
  const why: string[] = [];
  if (c.signatures.length === 0 && !c.unverifiedSignatures?.length) why.push('the component has no signature');
  why.push(...unverifiedReasons(c));
  for (const s of bound)
    why.push(`${describeSigner(policy, s)} is not ${rule.authorities.length ? `an authority of ${names}` : 'an authority of the policy'}`);
  why.push(...notes);
  for (const a of candidates) if (a.kind === 'static') why.push(`authority ${a.name} is static: fail`);
  return {
    requirement,
    status: 'fail',
    reason: `${prefix}: no signature by ${rule.authorities.length ? `an authority of ${names}` : 'an authority of the policy'} (${why.join('; ')})`,
  };
}

/**
 * Compose enforces the policy: the verify engine (shared/verify gathers,
 * shared/policy decides) over the components compose pulled, before
 * anything is composed or written. Loaded by compose.ts only when the plan
 * has a policy or `require-signature`, so that a development compose never
 * loads sigstore.
 *
 * Evidence is gathered where the bytes are, at the digest compose pulled
 * (the manifest from its registry, blobs from the store, signatures as
 * referrers): what is verified is exactly what is composed. For a promotion
 * it is gathered from the source (staging) before anything is copied, and
 * from the target too when it already holds the digest; the rules see the
 * target's registry and repository, since that is where production takes
 * the component from.
 */
import { formatOrigin, type Origin, SpecError } from '../config/origin.ts';
import type { SourcePosition } from '../config/yaml-source.ts';
import { FlotillaError } from '../errors.ts';
import type { Digest } from '../oci/digest.ts';
import type { Reference } from '../oci/reference.ts';
import type { ContentStore } from '../oci/store.ts';
import { evaluatePolicy, resolveEnvironment } from '../policy/engine.ts';
import { loadPolicy } from '../policy/load.ts';
import type { Policy, Rule } from '../policy/types.ts';
import type { Stores } from '../registry-config/stores.ts';
import { type GatherContext, type GatheredComponent, gatherLocalFile, gatherPinned } from '../verify/gather.ts';
import { formatReportText, joinReport, type VerifyReport, violationsOf } from '../verify/report.ts';
import { type TrustMaterial, trustFromPolicy } from '../verify/trust.ts';
import type { Plan, PlannedComponent } from './plan.ts';

/** What compose checks against, settled before any request. */
export interface ComposePolicy {
  policy: Policy;
  trust: TrustMaterial;
  /** The spec's own rules (`require-signature`), applied beside the policy's. */
  rules: Rule[];
  /** The environment of the policy applied (the plan's). */
  environment?: string;
}

export interface PolicyOptions {
  /** A sigstore `trusted_root.json` for keyless signatures; default: the public-good root through TUF. */
  trustedRootFile?: string;
  /** Loads the public-good trusted root (tests). */
  publicGoodRoot?: () => Promise<unknown>;
}

/**
 * Loads the plan's policy (errors at their line), checks that it knows the
 * environment, and turns the spec's `require-signature` into a rule. A
 * `require-signature` without a policy is an error at its line: the policy
 * says whose signatures count.
 */
export function preparePolicy(plan: Plan, options: PolicyOptions): ComposePolicy {
  const decl = plan.policy;
  if (decl.file === undefined) {
    const at: Origin = decl.requireSignatureOrigin ?? { file: plan.specFile, line: 1, column: 1, field: 'require-signature' };
    throw new SpecError(
      at,
      `require-signature needs a policy that says whose signatures count: add policy: <file> (its authorities: keys or keyless identities) ${plan.environment !== undefined ? `to environment '${plan.environment}' or to the spec` : 'to the spec'}; see shared/policy/README.md`,
      'SPEC_POLICY_REQUIRED',
    );
  }
  const policy = loadPolicy(decl.file);
  resolveEnvironment(policy, plan.environment); // an environment the policy does not define fails before any request
  const rules: Rule[] = [];
  if (decl.requireSignature) {
    const at = decl.requireSignatureOrigin;
    const position: SourcePosition = at ? { file: at.file, line: at.line, column: at.column } : { file: plan.specFile, line: 1, column: 1 };
    rules.push({
      id: 'require-signature',
      label: '`require-signature` of the spec',
      scope: 'spec',
      position,
      signing: 'required',
      authorities: [],
      requireDigest: false,
    });
  }
  return {
    policy,
    trust: trustFromPolicy(policy, {
      trustedRootFile: options.trustedRootFile,
      ...(options.publicGoodRoot ? { publicGoodRoot: options.publicGoodRoot } : {}),
    }),
    rules,
    ...(plan.environment !== undefined ? { environment: plan.environment } : {}),
  };
}

/** One component to check: where its bytes are, at which digest. */
export type CheckedComponent =
  | {
      kind: 'stored';
      component: PlannedComponent;
      /** Where the evidence is read (for a promotion, the source). */
      ref: Reference;
      /** Also read signatures here (a promotion's target, when it holds the digest already). */
      alsoAt?: Reference;
      /** The ref the rules see (registry and repository), as the report shows it. */
      shownAs: { ref: Reference; text: string };
      digest: Digest;
      pinnedByDigest: boolean;
    }
  | { kind: 'file'; component: PlannedComponent; file: string; shown: string; digest: Digest; pinnedByDigest: boolean };

/** How compose opens the stores of the refs it checks. */
export interface CheckContext {
  /** Compose's stores (its registry clients). */
  stores: Stores;
  /** The compose store: blobs already pulled are read from it. */
  store: ContentStore;
  /** Folder relative `oci:` folders of attested parts are resolved against (the spec's). */
  baseDir: string;
  /** Components checked at once (default 4). */
  concurrency?: number;
}

function positionOf(origin: Origin): SourcePosition {
  return { file: origin.file, line: origin.line, column: origin.column };
}

/** Gathers the evidence of every component and applies the policy; the report, whatever the verdict. */
export async function checkComponents(p: ComposePolicy, items: readonly CheckedComponent[], cctx: CheckContext): Promise<VerifyReport> {
  const ctx: GatherContext = { trust: p.trust, open: (ref, baseDir) => cctx.stores.open(ref, baseDir), cache: cctx.store };
  const gatherOne = async (item: CheckedComponent): Promise<GatheredComponent> => {
    const c = item.component;
    const origin = positionOf(c.origin);
    if (item.kind === 'file') {
      return gatherLocalFile({
        name: c.name,
        file: item.file,
        shown: item.shown,
        digest: item.digest,
        pinnedByDigest: item.pinnedByDigest,
        origin,
      });
    }
    const pinned = (ref: Reference) =>
      gatherPinned(ctx, {
        name: c.name,
        ref,
        text: item.shownAs.text,
        digest: item.digest,
        pinnedByDigest: item.pinnedByDigest,
        origin,
        baseDir: cctx.baseDir,
      });
    const g = await pinned(item.ref);
    const extra = item.alsoAt !== undefined ? await pinned(item.alsoAt) : undefined;
    const shown = item.shownAs.ref;
    // the same signer seen in both places is one signature for the report
    const seen = new Set<string>();
    const signatures = [...g.evidence.signatures, ...(extra?.evidence.signatures ?? [])].filter((sig) => {
      const key = JSON.stringify(sig);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return {
      ...g,
      evidence: {
        ...g.evidence,
        ref: item.shownAs.text,
        ...(shown.kind === 'registry' ? { registry: shown.registry, repository: shown.repository } : {}),
        signatures,
      },
      notes: [...g.notes, ...(extra?.notes ?? [])],
    };
  };
  const gathered: GatheredComponent[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      gathered[i] = await gatherOne(items[i] as CheckedComponent);
    }
  };
  await Promise.all(Array.from({ length: Math.min(cctx.concurrency ?? 4, items.length) }, worker));
  const report = evaluatePolicy(p.policy, {
    environment: p.environment,
    components: gathered.map((g) => g.evidence),
    rules: p.rules,
  });
  return joinReport(report, gathered, p.environment !== undefined ? `compose of environment ${p.environment}` : 'compose');
}

/** One failing component of a refused compose, with its spec line. */
export interface RefusedComponent {
  name: string;
  ref?: string;
  digest?: string;
  origin: Origin;
  /** Each failed check: its reason and the policy rule's line (or the spec's, for require-signature). */
  violations: { message: string; position?: SourcePosition }[];
}

function where(p: SourcePosition | undefined): string {
  return p ? ` (${p.file}:${p.line}:${p.column})` : '';
}

/**
 * The policy refuses what compose pulled: every failing component named
 * with its spec line, every failed check with the policy rule's line.
 * Nothing was composed or written. Code `COMPOSE_POLICY_REFUSED`.
 */
export class ComposeRefusedError extends FlotillaError {
  readonly report: VerifyReport;
  readonly refused: RefusedComponent[];
  constructor(report: VerifyReport, plan: Plan, what: string) {
    const byName = new Map(plan.components.map((c) => [c.name, c]));
    const failing = report.components.filter((c) => c.verdict === 'fail');
    const violations = violationsOf(report);
    const refused: RefusedComponent[] = failing.map((c) => ({
      name: c.name,
      ...(c.ref !== undefined ? { ref: c.ref } : {}),
      ...(c.digest !== undefined ? { digest: c.digest } : {}),
      origin: (byName.get(c.name) as PlannedComponent).origin,
      violations: violations
        .filter((v) => v.component === c.name)
        .map((v) => ({ message: v.check.reason, ...(v.check.position ? { position: v.check.position } : {}) })),
    }));
    const env = plan.environment !== undefined ? ` in environment ${plan.environment}` : '';
    const lines = refused.flatMap((r) => [
      `  - ${r.name}${r.ref ? ` ${r.ref}` : ''}${r.digest ? ` (${r.digest})` : ''} at ${formatOrigin(r.origin)}:`,
      ...r.violations.map((v) => `      ${v.message}${where(v.position)}`),
    ]);
    super(
      'COMPOSE_POLICY_REFUSED',
      `policy ${report.policy} refuses ${refused.length} of ${report.components.length} component(s) of ${plan.name}${env}; nothing was composed, ${what}:\n${lines.join('\n')}`,
    );
    this.report = report;
    this.refused = refused;
  }
}

/** The report as text for the terminal (the verify command's). */
export function policyReportText(report: VerifyReport): string {
  return formatReportText(report);
}

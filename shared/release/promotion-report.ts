/**
 * What a promotion changes, said before anything moves, and what it did,
 * said afterwards: the job summary of `.github/workflows/promote.yml` and
 * `flotilla promote plan|result` (docs/workflows.md, "Promotion").
 *
 * The plan pairs the source lock with the target environment's plan (the
 * same pairing `compose --promote-from` makes), reads what each target tag
 * names now (the current digest and version), and applies the target
 * environment's policy to each new digest where it is, so each component
 * carries the rules that allow (or refuse) it. Nothing is copied, tagged or
 * written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { FlotillaError } from '../errors.ts';
import type { Digest } from '../oci/digest.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import { formatReference, type Reference } from '../oci/reference.ts';
import { loadRegistryConfig } from '../registry-config/load.ts';
import { Stores } from '../registry-config/stores.ts';
import { type LockFile, readLock } from './lock.ts';
import { resolvePlan } from './plan.ts';
import { type CheckedComponent, checkComponents, preparePolicy } from './policy-check.ts';
import { type PromoteFrom, planPromotion, presentInTarget, promotedCheck } from './promote.ts';
import { registryConfigOf } from './registries.ts';
import { loadSpec } from './spec.ts';

export interface PromotionPlanOptions {
  specFile: string;
  /** The target environment (`production`). */
  environment: string;
  /** The source: an environment's lock beside the spec, or a lock file (a staging run's artifact). */
  from: PromoteFrom;
  /**
   * The lock of what the target environment runs now (its last promotion's
   * lock): the current digests and versions come from it. Without one, from
   * what each target version tag names in the target registry.
   */
  currentLock?: string;
  /** Registry configuration file, whose entries win over the spec's. */
  registries?: string;
  /** Every registry ref of the spec sent there (a test registry). */
  registryOverride?: string;
  /** Sigstore trusted root for keyless signatures the policy checks. */
  trustedRootFile?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Loads the public-good trusted root (tests). */
  publicGoodRoot?: () => Promise<unknown>;
}

/** One rule's requirement, checked against the new digest. */
export interface RuleVerdict {
  rule: string;
  requirement: string;
  status: 'pass' | 'fail';
  reason: string;
  /** `policy.yaml:13:3`, relative to the spec's folder. */
  at?: string;
}

export interface ComponentChange {
  name: string;
  /** The target environment's ref (`ghcr.io/acme/shop/cart:v1.0.0`), or the local path. */
  target: string;
  /** What the target tag names now; undefined when the tag does not exist (a first release of this version). */
  current: { digest: string; version: string | undefined } | undefined;
  /** What the promotion makes the target name: the source lock's digest. */
  next: { digest: string; version: string | undefined; from: string };
  change: 'new' | 'update' | 'unchanged';
  /** The policy's verdict on the new digest in the target environment; undefined without a policy. */
  verdict: 'pass' | 'warn' | 'fail' | undefined;
  rules: RuleVerdict[];
}

export interface PromotionPlanReport {
  spec: string;
  environment: string;
  from: { environment: string | undefined; lock: string };
  /** Where the current digests come from: a lock of the target environment, or its registries' version tags. */
  current: { lock: string } | 'tags';
  /** The policy applied (relative to the spec's folder), when the environment has one. */
  policy: string | undefined;
  verdict: 'pass' | 'warn' | 'fail' | undefined;
  components: ComponentChange[];
}

/** The promotion cannot be planned (the target cannot be read). Code `PROMOTE_PLAN`. */
export class PromotionPlanError extends FlotillaError {}

function tagOf(text: string): string | undefined {
  const at = text.indexOf('@');
  const name = at < 0 ? text : text.slice(0, at);
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
}

/** `ref` without its digest: the tag (or repository) it names. */
function withoutDigest(ref: Reference): Reference {
  const { digest: _digest, ...rest } = ref;
  return rest;
}

function notFound(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  const status = (e as { status?: number } | null)?.status;
  return code === 'OCI_NOT_FOUND' || code === 'TAG_NOT_FOUND' || code === 'NOT_FOUND' || status === 404;
}

/** Plans the promotion and says what it would change; nothing is copied, tagged or written. */
export async function planPromotionReport(opts: PromotionPlanOptions): Promise<PromotionPlanReport> {
  const specFile = resolve(opts.cwd, opts.specFile);
  const spec = loadSpec(specFile);
  const plan = resolvePlan(spec, opts.environment, {
    vars: opts.env,
    ...(opts.registryOverride !== undefined ? { registryOverride: opts.registryOverride } : {}),
  });
  const show = (file: string) => relative(plan.specDir, file) || file;
  const promotion = planPromotion(plan, {
    ...opts.from,
    ...(opts.from.lockFile !== undefined ? { lockFile: resolve(opts.cwd, opts.from.lockFile) } : {}),
  });
  const own = registryConfigOf(plan.registries);
  const config = opts.registries ? { entries: [...loadRegistryConfig(resolve(opts.cwd, opts.registries)).entries, ...own.entries] } : own;
  const stores = new Stores({ config, env: opts.env, cwd: opts.cwd });

  const current = new Map<string, { digest: string; version: string | undefined }>();
  if (opts.currentLock !== undefined) {
    const now = readLock(resolve(opts.cwd, opts.currentLock));
    for (const c of now.components) current.set(c.name, { digest: c.digest, version: c.source === 'ref' ? tagOf(c.ref) : undefined });
  } else
    await Promise.all(
      promotion.items.map(async (item) => {
        if (item.kind !== 'ref' || item.tag === undefined) return;
        try {
          const d = await (await stores.open(item.target)).resolve(item.tag);
          current.set(item.component.name, { digest: d.digest, version: item.tag });
        } catch (e) {
          if (notFound(e)) return;
          throw new PromotionPlanError(
            'PROMOTE_PLAN',
            `component '${item.component.name}': cannot read what ${formatReference(withoutDigest(item.target))} names now: ${(e as Error).message}`,
            { cause: e },
          );
        }
      }),
    );

  let verdicts = new Map<string, { verdict: 'pass' | 'warn' | 'fail'; rules: RuleVerdict[] }>();
  let policyFile: string | undefined;
  let overall: PromotionPlanReport['verdict'];
  if (plan.policy.requireSignature || plan.policy.file !== undefined) {
    const policy = preparePolicy(plan, {
      ...(opts.trustedRootFile !== undefined ? { trustedRootFile: resolve(opts.cwd, opts.trustedRootFile) } : {}),
      ...(opts.publicGoodRoot ? { publicGoodRoot: opts.publicGoodRoot } : {}),
    });
    policyFile = show(policy.policy.file);
    const present = await presentInTarget(stores, promotion);
    const items: CheckedComponent[] = promotion.items.map((item) =>
      item.kind === 'path'
        ? {
            kind: 'file',
            component: item.component,
            file: resolve(plan.specDir, item.locked.path ?? ''),
            shown: item.locked.path ?? '',
            digest: item.locked.digest as Digest,
            pinnedByDigest: true,
          }
        : promotedCheck(item, present),
    );
    const scratch = mkdtempSync(join(tmpdir(), 'flotilla-promote-plan-'));
    try {
      const report = await checkComponents(policy, items, { stores, store: new LayoutStore(scratch), baseDir: plan.specDir });
      overall = report.verdict;
      verdicts = new Map(
        report.components.map((c) => [
          c.name,
          {
            verdict: c.verdict,
            rules: c.checks.map((k) => ({
              rule: k.rule,
              requirement: k.requirement,
              status: k.status,
              reason: k.reason,
              ...(k.position ? { at: `${show(k.position.file)}:${k.position.line}:${k.position.column}` } : {}),
            })),
          },
        ]),
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  const components = promotion.items.map((item): ComponentChange => {
    const name = item.component.name;
    const digest = item.locked.digest;
    const target = item.kind === 'ref' ? formatReference(withoutDigest(item.target)) : (item.locked.path ?? name);
    const from = item.kind === 'ref' ? item.sourceText : (item.locked.path ?? name);
    const now = current.get(name);
    const v = verdicts.get(name);
    return {
      name,
      target,
      current: now,
      next: { digest, version: item.kind === 'ref' ? (item.tag ?? tagOf(target)) : undefined, from },
      change: now === undefined ? 'new' : now.digest === digest ? 'unchanged' : 'update',
      verdict: v?.verdict,
      rules: v?.rules ?? [],
    };
  });
  return {
    spec: show(specFile),
    environment: opts.environment,
    from: { environment: promotion.environment, lock: show(promotion.lockFile) },
    current: opts.currentLock !== undefined ? { lock: show(resolve(opts.cwd, opts.currentLock)) } : 'tags',
    policy: policyFile,
    verdict: overall,
    components,
  };
}

/** What happened, as the workflow's jobs report it. */
export interface PromotionOutcome {
  /** The run's conclusion (`success`, `failure`, `cancelled`). */
  conclusion: string;
  strategy: string;
  /** The target environment's lock the promotion wrote, when it got that far. */
  lock?: LockFile;
  /** The composed app's digest. */
  digest?: string;
  /** The published app's manifest digest and refs. */
  manifestDigest?: string;
  refs?: string[];
  deploymentId?: string;
  /** A rollout's state after this run. */
  rollout?: { phase: string; weight?: string; step?: string; message?: string };
}

const short = (d: string | undefined) => (d ? `\`${d.slice(0, 19)}…\`` : '—');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The summary shown before anything moves: each component's current and new digest and version, and the rules that allow it. */
export function promotionPlanMarkdown(r: PromotionPlanReport): string {
  const out: string[] = [];
  const verdict = r.verdict === undefined ? 'no policy' : r.verdict === 'fail' ? '**refused by the policy**' : `policy: ${r.verdict}`;
  out.push(`### Promotion to ${r.environment}: plan (${verdict})`, '');
  out.push(
    `From the lock of ${r.from.environment ?? 'the spec'} (\`${r.from.lock}\`), spec \`${r.spec}\`${r.policy ? `, policy \`${r.policy}\`` : ''}. ${r.current === 'tags' ? ' Current: what the version tags name in the target registries.' : ` Current: \`${r.current?.lock}\`.`} Nothing has moved yet.`,
    '',
  );
  out.push('| component | change | current | new | from | allowed by |', '| --- | --- | --- | --- | --- | --- |');
  for (const c of r.components) {
    const now = c.current ? `${c.current.version ?? ''} ${short(c.current.digest)}`.trim() : 'none';
    const next = `${c.next.version ?? ''} ${short(c.next.digest)}`.trim();
    const rules =
      c.rules.length === 0
        ? c.verdict === undefined
          ? 'no policy'
          : '—'
        : c.rules.map((k) => `${k.status === 'pass' ? '✅' : '❌'} ${k.requirement}${k.at ? ` (${k.at})` : ''}`).join('<br>');
    out.push(`| ${cell(c.name)} | ${c.change} | ${cell(now)} | ${cell(next)} | \`${cell(c.next.from)}\` | ${cell(rules)} |`);
  }
  const refused = r.components.filter((c) => c.verdict === 'fail');
  if (refused.length > 0) {
    out.push('', '**Refused:**', '');
    for (const c of refused) for (const k of c.rules.filter((x) => x.status === 'fail')) out.push(`- ${c.name}: ${k.reason}`);
  }
  return `${out.join('\n')}\n`;
}

/** The summary shown afterwards: what moved, against the plan. */
export function promotionResultMarkdown(plan: PromotionPlanReport, o: PromotionOutcome): string {
  const out: string[] = [];
  out.push(`### Promotion to ${plan.environment}: ${o.conclusion} (${o.strategy})`, '');
  if (o.lock) {
    const locked = new Map(o.lock.components.map((c) => [c.name, c.digest]));
    out.push('| component | planned | now locked | |', '| --- | --- | --- | --- |');
    for (const c of plan.components) {
      const now = locked.get(c.name);
      const state = now === undefined ? 'not in the lock' : now === c.next.digest ? 'as planned' : '**differs from the plan**';
      out.push(`| ${cell(c.name)} | ${short(c.next.digest)} | ${short(now)} | ${state} |`);
    }
    out.push('');
  } else {
    out.push(`Nothing was promoted: ${plan.environment}'s lock was not written.`, '');
  }
  if (o.digest) out.push(`- composed app: \`${o.digest}\``);
  if (o.manifestDigest)
    out.push(`- published: \`${o.manifestDigest}\`${o.refs?.length ? ` to ${o.refs.map((r) => `\`${r}\``).join(', ')}` : ''}`);
  if (o.deploymentId) out.push(`- GitHub deployment ${o.deploymentId}`);
  if (o.rollout) {
    out.push(
      `- rollout: ${o.rollout.phase}${o.rollout.step ? `, step ${o.rollout.step}` : ''}${o.rollout.weight ? `, ${o.rollout.weight}% on the new version` : ''}`,
    );
    if (o.rollout.message) out.push(`- ${o.rollout.message}`);
  }
  return `${out.join('\n')}\n`;
}

const MAX_PLAN_BYTES = 1 << 20;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Reads a plan written by `promote plan --output` (another job's file: checked, not trusted). */
export function parsePromotionPlan(file: string, text: string): PromotionPlanReport {
  const bad = (why: string) =>
    new PromotionPlanError('PROMOTE_PLAN', `${file}: not a promotion plan (${why}); write it with flotilla promote plan --output`);
  if (text.length > MAX_PLAN_BYTES) throw bad(`over ${MAX_PLAN_BYTES} bytes`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw bad((e as Error).message);
  }
  const r = v as Partial<PromotionPlanReport>;
  if (typeof r !== 'object' || r === null || typeof r.environment !== 'string' || !Array.isArray(r.components)) {
    throw bad('no environment or components');
  }
  for (const [i, c] of r.components.entries()) {
    if (typeof c?.name !== 'string' || typeof c.next?.digest !== 'string' || !DIGEST.test(c.next.digest)) {
      throw bad(`components[${i}] has no name or no sha256 digest`);
    }
  }
  return r as PromotionPlanReport;
}

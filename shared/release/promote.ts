/**
 * Promotion: compose an environment (production) from the lock another
 * environment (staging) was composed and tested with. The target's refs
 * come from the target's plan (its registries, its tags); the digests come
 * from the source lock and must stay the same. A component the target
 * registry does not hold yet is copied there by digest from where the
 * source lock says it was pulled, with its referrers (signatures,
 * attestations). The tag of the target ref is set when it is absent; a tag
 * that names another digest is left alone and reported (a release tag is
 * not moved behind anyone's back; the composition takes the digest anyway).
 *
 * planPromotion decides everything from the files, before any request;
 * the network part (what the target holds, copies, tags) is in
 * copyPromoted, which compose calls after the policy allowed every
 * component.
 */
import { dirname, resolve } from 'node:path';
import { formatOrigin } from '../config/origin.ts';
import { errorMessage, FlotillaError, UsageError } from '../errors.ts';
import { Copier } from '../oci/copy.ts';
import type { Digest } from '../oci/digest.ts';
import { formatReference, parseReference, type Reference } from '../oci/reference.ts';
import type { Descriptor } from '../oci/types.ts';
import type { Stores } from '../registry-config/stores.ts';
import {
  type Disagreement,
  defaultLockFile,
  type LockedFileComponent,
  type LockedRefComponent,
  type LockFile,
  lockLabel,
  lockRelativePath,
  readLock,
} from './lock.ts';
import type { Plan, PlannedComponent } from './plan.ts';
import type { CheckedComponent } from './policy-check.ts';

/** Which lock to promote: an environment's (its default lock beside the spec) and/or a lock file. */
export interface PromoteFrom {
  /** The source environment (`staging`); with `lockFile`, the lock must say it is this environment's. */
  environment?: string;
  /** The source lock file (default `flotilla.<environment>.lock.json` beside the spec). */
  lockFile?: string;
}

export type PromotedItem =
  | {
      kind: 'ref';
      component: PlannedComponent;
      locked: LockedRefComponent;
      /** Where the source lock says the artifact was pulled from, pinned to its digest. */
      source: Reference;
      /** The source lock's ref (for messages and the new lock). */
      sourceText: string;
      /** The target environment's ref, pinned to the same digest. */
      target: Reference;
      /** The target ref's tag, set when absent (none when the target ref names only a digest). */
      tag?: string;
      descriptor: Descriptor;
    }
  | { kind: 'path'; component: PlannedComponent; locked: LockedFileComponent };

export interface PromotionPlan {
  /** The source environment (undefined: the spec as written). */
  environment: string | undefined;
  lockFile: string;
  lock: LockFile;
  items: PromotedItem[];
}

/**
 * A promoted registry component as the policy check sees it: pinned to the
 * locked digest, read from the source, and named as the target environment's
 * ref (already in the target when `present` says so: its referrers there count).
 */
export function promotedCheck(item: Extract<PromotedItem, { kind: 'ref' }>, present: ReadonlySet<string>): CheckedComponent {
  return {
    kind: 'stored',
    component: item.component,
    ref: item.source,
    ...(present.has(item.component.name) ? { alsoAt: item.target } : {}),
    shownAs: { ref: item.target, text: item.component.source.kind === 'ref' ? item.component.source.text : '' },
    digest: item.locked.digest as Digest,
    pinnedByDigest: true,
  };
}

/** The source lock does not fit the target plan; every way is listed. Code `PROMOTE_MISMATCH`. */
export class PromotionError extends FlotillaError {
  readonly disagreements: Disagreement[];
  constructor(message: string, disagreements: Disagreement[]) {
    super('PROMOTE_MISMATCH', message);
    this.disagreements = disagreements;
  }
}

function envName(e: string | undefined): string {
  return e === undefined ? 'the spec as written' : `environment '${e}'`;
}

function packageText(plan: Plan): string {
  return `${plan.package.id}${plan.package.version !== undefined ? `@${plan.package.version}` : ''}`;
}

/** Reads the source lock and pairs each target component with its locked digest; throws before any request. */
export function planPromotion(plan: Plan, from: PromoteFrom): PromotionPlan {
  if (from.environment === undefined && from.lockFile === undefined) {
    throw new UsageError('promotion needs the environment to promote from (--promote-from <env>) or its lock (--from-lock <file>)');
  }
  const lockFile = resolve(from.lockFile ?? defaultLockFile(plan.specDir, from.environment));
  const lock = readLock(lockFile, from.environment !== undefined ? { environment: from.environment } : {});
  const label = `${lockFile} (${lockLabel(lock.environment)})`;
  if (from.environment !== undefined && lock.environment !== from.environment) {
    throw new PromotionError(
      `--promote-from ${from.environment}: ${lockFile} is ${lockLabel(lock.environment)}, not the lock of environment '${from.environment}'`,
      [],
    );
  }
  const environment = lock.environment;
  if (environment === plan.environment) {
    throw new UsageError(
      `${label} is already ${envName(plan.environment)}'s own lock: promote from another environment's lock, or compose it again with --frozen`,
    );
  }
  const out: Disagreement[] = [];
  if (lock.spec !== plan.name) out.push({ kind: 'spec', message: `the lock is for spec '${lock.spec}', the spec is '${plan.name}'` });
  const pkg = packageText(plan);
  if (lock.package !== pkg) out.push({ kind: 'package', message: `the lock is for package '${lock.package}', the spec says '${pkg}'` });
  const locked = new Map(lock.components.map((c) => [c.name, c]));
  const items: PromotedItem[] = [];
  for (const c of plan.components) {
    const l = locked.get(c.name);
    const at = `${formatOrigin(c.origin)}: `;
    const add = (kind: Disagreement['kind'], message: string) =>
      out.push({ kind, component: c.name, origin: c.origin, message: `${at}${message}` });
    if (!l) {
      add('added', `component '${c.name}' is in ${envName(plan.environment)} but not in ${lockLabel(environment)}`);
      continue;
    }
    if (l.package !== c.package) {
      add(
        'component-package',
        `component '${c.name}': package '${l.package}' in ${lockLabel(environment)}, '${c.package}' in ${envName(plan.environment)}`,
      );
      continue;
    }
    if (c.source.kind === 'path') {
      if (l.source !== 'path') {
        add(
          'source',
          `component '${c.name}' is a local file in ${envName(plan.environment)}, but ${lockLabel(environment)} took it from ${l.ref}: compose the same registry artifact (a ref), so the digest stays the same`,
        );
        continue;
      }
      items.push({ kind: 'path', component: c, locked: l });
      continue;
    }
    if (l.source !== 'ref') {
      add(
        'source',
        `component '${c.name}' was a local file (${l.path}) in ${lockLabel(environment)}: nothing in a registry to promote; publish it and compose ${envName(environment)} from the registry first`,
      );
      continue;
    }
    const pinned = c.source.ref.digest;
    if (pinned !== undefined && pinned !== l.digest) {
      add('pinned-digest', `component '${c.name}' is pinned to ${pinned} in the spec, but ${lockLabel(environment)} has ${l.digest}`);
      continue;
    }
    let source: Reference;
    try {
      source = parseReference(l.ref);
    } catch (err) {
      add('ref', `component '${c.name}': ${lockLabel(environment)} has ref '${l.ref}': ${errorMessage(err)}`);
      continue;
    }
    if (source.kind === 'layout') source = { ...source, path: resolve(dirname(lockFile), source.path) };
    const digest = l.digest as Digest;
    const target: Reference = { ...c.source.ref, digest };
    items.push({
      kind: 'ref',
      component: c,
      locked: l,
      source: { ...source, digest },
      sourceText: l.ref,
      target,
      ...(c.source.ref.tag !== undefined ? { tag: c.source.ref.tag } : {}),
      descriptor: { mediaType: l.mediaType, digest, size: l.size },
    });
  }
  const planned = new Set(plan.components.map((c) => c.name));
  for (const l of lock.components) {
    if (!planned.has(l.name))
      out.push({
        kind: 'removed',
        component: l.name,
        message: `component '${l.name}' is in ${lockLabel(environment)} but not in ${envName(plan.environment)}`,
      });
  }
  if (out.length > 0) {
    throw new PromotionError(
      `cannot promote ${label} to ${envName(plan.environment)}: they disagree (${out.length}):\n${out.map((d) => `  ${d.message}`).join('\n')}\nCompose ${envName(environment)} again from this spec, then promote its lock.`,
      out,
    );
  }
  return { environment, lockFile, lock, items };
}

/** What happened to one component of a promotion: which digest came from where. */
export interface PromotedComponent {
  name: string;
  digest: Digest;
  /** The source lock's ref, at the digest (`127.0.0.1:5000/shop/cart:v1.2.0-staging@sha256:…`), or the local file. */
  from: string;
  /** The target ref (`ghcr.io/shop/cart:v1.2.0@sha256:…`), or the local file. */
  to: string;
  /** `copied`: copied into the target by digest; `present`: the target held it already; `local`: a local file of the same digest. */
  action: 'copied' | 'present' | 'local';
  /** Referrers (signatures, attestations) copied along. */
  referrersCopied: number;
  /** The target tag: `set` now, `already` at this digest, or `kept` at another digest (`previous`). */
  tag?: { name: string; status: 'set' | 'already' | 'kept'; previous?: Digest };
}

export interface PromotionResult {
  /** The source environment. */
  environment: string | undefined;
  lockFile: string;
  components: PromotedComponent[];
}

function shown(ref: Reference): string {
  return formatReference(ref);
}

/** Which promoted artifacts the target already holds (by digest). */
export async function presentInTarget(stores: Stores, pp: PromotionPlan): Promise<Set<string>> {
  const present = new Set<string>();
  await Promise.all(
    pp.items.map(async (item) => {
      if (item.kind !== 'ref') return;
      try {
        if (await (await stores.open(item.target)).exists(item.descriptor)) present.add(item.component.name);
      } catch (err) {
        throw new FlotillaError(
          'PROMOTE_TARGET',
          `${formatOrigin(item.component.origin)}: component '${item.component.name}': cannot ask ${shown(item.target)} whether it holds ${item.descriptor.digest}: ${errorMessage(err)}`,
          { cause: err },
        );
      }
    }),
  );
  return present;
}

/**
 * Copies every promoted artifact the target lacks (and the referrers it
 * lacks) from the source, by digest, then sets the target tags that are
 * absent. The digests never change: a copy is by digest, and every store
 * verifies what it reads.
 */
export async function copyPromoted(stores: Stores, pp: PromotionPlan, present: ReadonlySet<string>): Promise<PromotionResult> {
  const components = await Promise.all(
    pp.items.map(async (item): Promise<PromotedComponent> => {
      const digest = item.locked.digest as Digest;
      if (item.kind === 'path') {
        const text = item.locked.path;
        return { name: item.component.name, digest, from: text, to: text, action: 'local', referrersCopied: 0 };
      }
      const c = item.component;
      const dst = await stores.open(item.target);
      const wasPresent = present.has(c.name);
      let referrersCopied = 0;
      try {
        const copier = new Copier(await stores.open(item.source), dst, { referrers: true });
        await copier.copy(digest, null);
        referrersCopied = copier.stats.referrersCopied;
      } catch (err) {
        // the target holds the artifact: a source that is gone (or unreachable) costs only the referrers it might add
        if (!wasPresent) {
          throw new FlotillaError(
            'PROMOTE_COPY',
            `${formatOrigin(c.origin)}: component '${c.name}': copying ${digest} from ${shown(item.source)} to ${shown(item.target)} failed: ${errorMessage(err)}`,
            { cause: err },
          );
        }
      }
      const result: PromotedComponent = {
        name: c.name,
        digest,
        from: `${item.sourceText.replace(/@sha256:[a-f0-9]{64}$/, '')}@${digest}`,
        to: shown(item.target),
        action: wasPresent ? 'present' : 'copied',
        referrersCopied,
      };
      if (item.tag !== undefined) {
        let previous: Descriptor | undefined;
        try {
          previous = await dst.resolve(item.tag);
        } catch (err) {
          // absent: a registry answers 404, a layout has no such tag; anything else is a failure
          if (!(err instanceof FlotillaError && ['OCI_NOT_FOUND', 'TAG_NOT_FOUND', 'NOT_FOUND'].includes(err.code))) {
            throw new FlotillaError(
              'PROMOTE_TAG',
              `${formatOrigin(c.origin)}: component '${c.name}': cannot read tag ${item.tag} of ${shown(item.target)}: ${errorMessage(err)}`,
              { cause: err },
            );
          }
          previous = undefined;
        }
        if (previous === undefined) {
          await dst.tag(item.descriptor, item.tag);
          result.tag = { name: item.tag, status: 'set' };
        } else if (previous.digest === digest) {
          result.tag = { name: item.tag, status: 'already' };
        } else {
          result.tag = { name: item.tag, status: 'kept', previous: previous.digest as Digest };
        }
      }
      return result;
    }),
  );
  return { environment: pp.environment, lockFile: pp.lockFile, components };
}

/** The lock-relative path of the source lock, for the new lock's `promotedFrom`. */
export function promotedFromOf(pp: PromotionPlan, lockDir: string): { environment?: string; lock: string } {
  return { ...(pp.environment !== undefined ? { environment: pp.environment } : {}), lock: lockRelativePath(lockDir, pp.lockFile) };
}

/** One line per component: which digest came from where, and what was done. */
export function formatPromotion(result: PromotionResult, show: (file: string) => string = (f) => f): string {
  const lines = [`promoted ${lockLabel(result.environment)} (${show(result.lockFile)}):`];
  const width = Math.max(...result.components.map((c) => c.name.length));
  for (const c of result.components) {
    const what =
      c.action === 'local'
        ? 'local file, same digest'
        : `${c.action === 'copied' ? 'copied' : 'already there'}${c.referrersCopied > 0 ? `, ${c.referrersCopied} referrer(s) copied` : ''}`;
    const tag =
      c.tag === undefined
        ? ''
        : c.tag.status === 'set'
          ? `, tagged ${c.tag.name}`
          : c.tag.status === 'already'
            ? `, tag ${c.tag.name} already there`
            : `, tag ${c.tag.name} left at ${c.tag.previous} (not moved; the composition uses the digest)`;
    lines.push(`  ${c.name.padEnd(width)}  ${c.digest}`);
    lines.push(`  ${' '.repeat(width)}  from ${c.from}`);
    if (c.action !== 'local') lines.push(`  ${' '.repeat(width)}  to   ${c.to}  (${what}${tag})`);
  }
  return `${lines.join('\n')}\n`;
}

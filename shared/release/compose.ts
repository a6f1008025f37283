import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeWasm } from '../component/describe.ts';
import { preloadValidator } from '../component/validate.ts';
import { storeValidationCache } from '../component/validation-cache.ts';
import { UsageError } from '../errors.ts';
import { writeFileAtomically } from '../fs/atomic-write.ts';
import { cacheDir } from '../oci/cache-dir.ts';
import { type Digest, sha256 } from '../oci/digest.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import { parseReference, type Reference } from '../oci/reference.ts';
import { loadRegistryConfig } from '../registry-config/load.ts';
import { Stores } from '../registry-config/stores.ts';
import type { RegistryConfig } from '../registry-config/types.ts';
import type { VerifyReport } from '../verify/report.ts';
import { composeWac, planWac } from '../wac/compose.ts';
import type { CompositionGraph, NodeId } from '../wac/graph.ts';
import { plug } from '../wac/plug.ts';
import {
  buildLock,
  defaultLockFile,
  frozenComponents,
  type LockedComponent,
  type LockFile,
  readLock,
  requireDigests,
  writeLock,
} from './lock.ts';
import { type Plan, type PlannedComponent, referenceText, resolvePlan } from './plan.ts';
import type { CheckedComponent, ComposePolicy } from './policy-check.ts';
import type { PromoteFrom, PromotionPlan, PromotionResult } from './promote.ts';
import { type FetchedComponent, fetchComponents } from './pull.ts';
import { registryConfigOf, registryFor } from './registries.ts';
import { loadSpec } from './spec.ts';
import { compositionEdges, type Edge } from './wiring.ts';

export interface ComposeOptions {
  /** Path of flotilla.yaml. */
  specFile: string;
  environment?: string | undefined;
  /** Where to write the component (default `<spec folder>/<name>.wasm`). */
  output?: string;
  /** Lock file (default `flotilla.<environment>.lock.json` beside the spec, `flotilla.lock.json` without an environment). */
  lockFile?: string;
  /** Compose exactly the locked digests; the lock is read, not written. */
  frozen?: boolean;
  /**
   * Compose from another environment's lock (its digests, the target's refs):
   * what the target registries lack is copied there by digest with its
   * referrers; the lock of this environment is written. See promote.ts.
   */
  promoteFrom?: PromoteFrom;
  /** Validate the composed component (default true). */
  validate?: boolean;
  /** A registry configuration file whose entries come before the spec's own. */
  registries?: string | undefined;
  /** Every registry ref goes to this target (`host[:port][/prefix]`, `oci:<dir>` or a registry name of the spec). */
  registryOverride?: string | undefined;
  /** Variables for `${VAR}` in the spec, and credentials (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The store (default `storeDir(env)`). */
  storeDir?: string | undefined;
  /** Components resolved and pulled at once (default 8). */
  concurrency?: number;
  /** A sigstore `trusted_root.json` for keyless signatures (policy checks); default: the public-good root through TUF. */
  trustedRootFile?: string;
  /** Loads the public-good trusted root (tests). */
  publicGoodRoot?: () => Promise<unknown>;
  /**
   * A canary version of one component (a rollout's step). `weight` null: the
   * canary replaces the component (locked under its name). A weight: the
   * canary is composed beside it, locked as `<component>-canary`, and a
   * generated splitter on every edge out of the component sends `weight`
   * percent of the calls to it (shared/interpose/graph.ts). Either way the
   * canary is pulled and checked by the policy like every component.
   */
  canary?: CanaryComponent;
}

export interface CanaryComponent {
  /** The spec's component name. */
  component: string;
  /** Its canary version: an OCI reference (`oci:` folders relative to the spec). */
  ref: string;
  /** Percent of the calls to the canary (0 to 100), or null for the canary alone. */
  weight: number | null;
}

/** The suffix of the canary's name in the lock, beside the stable version. */
export const CANARY_SUFFIX = '-canary';

/** The plan with the canary put in: replacing the component, or beside it. */
function withCanary(plan: Plan, canary: CanaryComponent): Plan {
  const base = plan.components.find((c) => c.name === canary.component);
  if (!base) {
    throw new UsageError(
      `canary component '${canary.component}' is not a component of ${plan.specFile}; components: ${plan.components.map((c) => c.name).join(', ')}`,
    );
  }
  if (canary.weight !== null && (!Number.isInteger(canary.weight) || canary.weight < 0 || canary.weight > 100)) {
    throw new UsageError(`canary weight ${canary.weight} is not an integer from 0 to 100`);
  }
  let ref: Reference;
  try {
    ref = parseReference(canary.ref);
  } catch (e) {
    throw new UsageError(`canary ref '${canary.ref}' of component '${canary.component}': ${(e as Error).message}`, { cause: e });
  }
  if (ref.kind === 'layout') ref = { ...ref, path: resolve(plan.specDir, ref.path) };
  if (ref.digest === undefined && ref.tag === undefined) {
    throw new UsageError(`canary ref '${canary.ref}' names no tag or digest; add one, as in ${canary.ref}:2.1.0`);
  }
  const source: PlannedComponent['source'] = { kind: 'ref', ref, text: referenceText(plan.specDir, ref), written: canary.ref };
  const origin = { file: '--canary', line: 1, column: 1, field: canary.ref };
  const planned: PlannedComponent = { ...base, source, origin, overridden: true };
  delete planned.rewrittenBy;
  delete planned.registry;
  const entry = ref.kind === 'registry' ? registryFor(plan.registries, ref.registry) : undefined;
  if (entry) planned.registry = entry.name;
  if (canary.weight === null) return { ...plan, components: plan.components.map((c) => (c.name === canary.component ? planned : c)) };
  const beside: PlannedComponent = { ...planned, name: `${canary.component}${CANARY_SUFFIX}`, package: `${base.package}${CANARY_SUFFIX}` };
  return { ...plan, components: [...plan.components, beside] };
}

/** One component as composed, for outputs and summaries. */
export interface ComposedComponent {
  name: string;
  package: string;
  /** The ref after the environment's overrides, or the local path relative to the spec. */
  source: string;
  /** The spec's registry entry serving the ref, else its host or `oci:` folder; `local` for a file. */
  registry: string;
  /** Manifest digest for a ref, file digest for a local file. */
  digest: Digest;
  /** Size of the component binary. */
  size: number;
  fetched: FetchedComponent['fetched'];
  imports: readonly string[];
  exports: readonly string[];
}

export interface ComposeResult {
  plan: Plan;
  lock: LockFile;
  lockFile: string;
  /** False under `--frozen` (the lock was input). */
  lockWritten: boolean;
  output: string;
  digest: Digest;
  size: number;
  imports: string[];
  exports: string[];
  components: ComposedComponent[];
  /** Which component feeds which import (for the summary's graph). */
  edges: Edge[];
  storeDir: string;
  /** The composed bytes. */
  bytes: Uint8Array;
  /** The policy's verdicts on what was composed, when the plan has a policy or `require-signature` (`pass`, or `warn` in warn mode). */
  verification?: VerifyReport;
  /** With `promoteFrom`: which digest came from where, what was copied and tagged. */
  promotion?: PromotionResult;
  /** With `observability: true`: the edges tapped (label, interface, who calls it) and those left alone, with why. */
  observability?: ObservedEdges;
}

export interface ObservedEdges {
  tapped: { label: string; interface: string; statsExport: string; consumers: string[] }[];
  skipped: { instance: string; interface: string; reason: string }[];
}

/** The on-disk store (pull cache): `$FLOTILLA_CACHE`, else `$XDG_CACHE_HOME/flotilla/oci`, else `~/.cache/flotilla/oci`. */
export function storeDir(env: NodeJS.ProcessEnv): string {
  return cacheDir(env);
}

/** The spec's remote registries, after those of `--registries` (which win for the hosts they name). */
function registryConfig(plan: Plan, file: string | undefined): RegistryConfig {
  const own = registryConfigOf(plan.registries);
  if (file === undefined) return own;
  return { entries: [...loadRegistryConfig(file).entries, ...own.entries] };
}

/**
 * Composes a spec for an environment. In order, and nothing written until
 * the end: the plan; the policy loaded (when the plan has one); the lock
 * read (`frozen`) or the source lock paired with the plan (`promoteFrom`),
 * every disagreement listed before any request; the components pulled into
 * the store; the policy applied to exactly what was pulled (a promotion:
 * before anything is copied), refusing with every failing component; the
 * promotion's copies; the composition; then the component and the lock.
 */
export async function composeSpec(options: ComposeOptions): Promise<ComposeResult> {
  const env = options.env ?? process.env;
  const specFile = resolve(options.specFile);
  const spec = loadSpec(specFile);
  const resolved = resolvePlan(spec, options.environment, {
    vars: env,
    registryOverride: options.registryOverride,
  });
  const plan = options.canary ? withCanary(resolved, options.canary) : resolved;
  const splitting = options.canary !== undefined && options.canary.weight !== null ? options.canary : undefined;
  if (splitting && (options.frozen || options.promoteFrom)) {
    throw new UsageError('a canary beside its stable version is composed from refs: not with --frozen or --promote-from');
  }
  if (options.frozen && options.promoteFrom) {
    throw new UsageError('--frozen composes this environment from its own lock, a promotion from another: give one of them');
  }
  // settled before any request: the policy, the trust material, the lock
  const policyCheck = plan.policy.requireSignature || plan.policy.file !== undefined ? await import('./policy-check.ts') : undefined;
  const policy: ComposePolicy | undefined = policyCheck?.preparePolicy(plan, {
    ...(options.trustedRootFile !== undefined ? { trustedRootFile: resolve(options.trustedRootFile) } : {}),
    ...(options.publicGoodRoot ? { publicGoodRoot: options.publicGoodRoot } : {}),
  });
  const lockFile = resolve(options.lockFile ?? defaultLockFile(plan.specDir, plan.environment));
  let locked: Map<string, LockedComponent> | undefined;
  let lock: LockFile | undefined;
  let promotion: PromotionPlan | undefined;
  const promote = options.promoteFrom ? await import('./promote.ts') : undefined;
  if (options.frozen) {
    lock = readLock(lockFile, plan.environment !== undefined ? { environment: plan.environment } : {});
    locked = new Map(frozenComponents(plan, lock, lockFile).map((f) => [f.component.name, f.locked]));
  } else if (promote && options.promoteFrom) {
    promotion = promote.planPromotion(plan, {
      ...options.promoteFrom,
      ...(options.promoteFrom.lockFile !== undefined ? { lockFile: resolve(options.promoteFrom.lockFile) } : {}),
    });
    locked = new Map(promotion.items.map((i) => [i.component.name, i.locked]));
  } else if (plan.policy.requireDigest) {
    // a lock's digests satisfy require-digest (--frozen, a promotion); without one, every ref must be pinned
    requireDigests(plan);
  }

  const store = resolve(options.storeDir ?? storeDir(env));
  // what this store's components were validated for (their core modules are the composition's)
  const validationCache = storeValidationCache(store);
  // A store that never validated is cold: everything is pulled, and the validator loads and warms up
  // while the pulls wait on the network. From a warm store the pulls are short and the validation
  // may find the output cached; there the preload costs more main-thread time than it hides
  // (bench/compose-platform.ts).
  if (options.validate !== false && validationCache.isEmpty()) preloadValidator();
  const config = registryConfig(plan, options.registries !== undefined ? resolve(options.registries) : undefined);
  const stores = new Stores({ config, env });
  const storeLayout = new LayoutStore(store);

  let verification: VerifyReport | undefined;
  let promoted: PromotionResult | undefined;
  if (promote && promotion) {
    // the policy sees the components where they are (the source, and the target when it has them)
    // before anything is copied into the target registries
    const present = await promote.presentInTarget(stores, promotion);
    if (policyCheck && policy) {
      const items: CheckedComponent[] = promotion.items.map((item) =>
        item.kind === 'path' ? checkedFile(item.component, item.locked.digest as Digest, true) : promote.promotedCheck(item, present),
      );
      verification = await policyCheck.checkComponents(policy, items, { stores, store: storeLayout, baseDir: plan.specDir });
      if (verification.verdict === 'fail') {
        throw new policyCheck.ComposeRefusedError(verification, plan, 'nothing copied, no component or lock written');
      }
    }
    promoted = await promote.copyPromoted(stores, promotion, present);
  }

  const fetched = await fetchComponents(plan.components, {
    storeDir: store,
    registries: config,
    stores,
    env,
    locked,
    concurrency: options.concurrency,
  });

  if (policyCheck && policy && !promotion) {
    const pinned = locked !== undefined;
    const items: CheckedComponent[] = fetched.map((f) => {
      const c = f.component;
      if (c.source.kind === 'path') return checkedFile(c, f.resolved.digest, pinned);
      const ref = { ...c.source.ref, digest: f.resolved.digest };
      return {
        kind: 'stored',
        component: c,
        ref,
        shownAs: { ref, text: c.source.text },
        digest: f.resolved.digest,
        pinnedByDigest: pinned || c.source.ref.digest !== undefined,
      };
    });
    verification = await policyCheck.checkComponents(policy, items, { stores, store: storeLayout, baseDir: plan.specDir });
    if (verification.verdict === 'fail') throw new policyCheck.ComposeRefusedError(verification, plan, 'no component or lock written');
  }

  const validate = options.validate !== false;
  let bytes: Uint8Array;
  let edges: Edge[];
  let observability: ObservedEdges | undefined;
  const canaryFetched = splitting ? fetched.find((f) => f.component.name === `${splitting.component}${CANARY_SUFFIX}`) : undefined;
  const composed = canaryFetched ? fetched.filter((f) => f !== canaryFetched) : fetched;
  const split = async (instance: (g: CompositionGraph) => NodeId) => {
    if (!splitting || !canaryFetched) return undefined;
    const { splitInGraph } = await import('../interpose/graph.ts');
    return (graph: CompositionGraph) => {
      splitInGraph(graph, instance(graph), {
        canary: {
          bytes: canaryFetched.bytes,
          name: canaryFetched.component.package,
          ...(canaryFetched.component.version !== undefined ? { version: canaryFetched.component.version } : {}),
        },
        weight: splitting.weight as number,
      });
    };
  };
  if (plan.composition.kind === 'wac') {
    const source = { file: plan.composition.file, text: readFileSync(plan.composition.file, 'utf8') };
    const packages = composed.map((f) => ({
      name: f.component.package,
      ...(f.component.version !== undefined ? { version: f.component.version } : {}),
      bytes: f.bytes,
    }));
    const stablePackage = splitting ? (plan.components.find((c) => c.name === splitting.component)?.package ?? '') : '';
    const splitTransform = await split((g) => findByPackage(g, stablePackage, splitting?.component ?? ''));
    let tap: ((graph: CompositionGraph) => void) | undefined;
    if (plan.observability) {
      // a tracing tap on every edge (after a canary split, so the splitter's edges are tapped too), before encoding
      const { tapEveryEdge } = await import('../interpose/graph.ts');
      tap = (graph) => {
        const r = tapEveryEdge(graph, { trace: true });
        observability = {
          tapped: r.edges.map((e) => ({ label: e.label, interface: e.interface, statsExport: e.statsExport, consumers: e.consumers })),
          skipped: r.skipped,
        };
      };
    }
    const transform =
      splitTransform || tap
        ? (graph: CompositionGraph) => {
            splitTransform?.(graph);
            tap?.(graph);
          }
        : undefined;
    bytes = await composeWac(source, packages, { validate, validationCache, ...(transform ? { transform } : {}) });
    edges = compositionEdges(planWac(source, packages), composed);
  } else {
    const byName = new Map(composed.map((f) => [f.component.name, f]));
    const socket = byName.get(plan.composition.socket) as FetchedComponent;
    const plugs = plan.composition.plugs.map((n) => byName.get(n) as FetchedComponent);
    const at = plugs.findIndex((p) => p.component.name === splitting?.component);
    const instanceName = splitting?.component === socket.component.name ? 'socket' : plugs.length === 1 ? 'plug' : `plug${at + 1}`;
    const transform = await split((g) => {
      const node = g.allNodes().find((n) => n.kind === 'instance' && n.name === instanceName);
      if (!node) throw new UsageError(`canary component '${splitting?.component}' is not plugged into the socket: nothing calls it`);
      return node.id;
    });
    bytes = await plug(
      socket.bytes,
      plugs.map((p) => p.bytes),
      {
        validate,
        validationCache,
        explain: true,
        labels: { socket: socket.component.name, plugs: plugs.map((p) => p.component.name) },
        ...(transform ? { transform } : {}),
      },
    );
    edges = plugEdges(socket, plugs);
  }

  const output = resolve(options.output ?? join(plan.specDir, `${plan.name}.wasm`));
  await writeFileAtomically(output, bytes, { createFolder: true });
  if (lock === undefined) {
    const lockDir = dirname(lockFile);
    lock = buildLock(
      plan,
      fetched.map((f) => f.resolved),
      lockDir,
    );
    if (promote && promotion && promoted) {
      lock.promotedFrom = promote.promotedFromOf(promotion, lockDir);
      const from = new Map(promoted.components.map((c) => [c.name, c]));
      for (const c of lock.components) {
        const p = from.get(c.name);
        if (p && c.source === 'ref') c.promotedFrom = p.from;
      }
    }
    writeLock(lockFile, lock);
  }
  const { imports, exports } = describeWasm(bytes);
  return {
    plan,
    lock,
    lockFile,
    lockWritten: !options.frozen,
    output,
    digest: sha256(bytes),
    size: bytes.length,
    imports,
    exports,
    components: fetched.map((f) => ({
      name: f.component.name,
      package: f.component.package,
      source: f.component.source.kind === 'ref' ? f.component.source.text : f.component.source.relative,
      registry:
        f.component.source.kind === 'path'
          ? 'local'
          : (f.component.registry ?? (f.component.source.ref.kind === 'registry' ? f.component.source.ref.registry : 'oci')),
      digest: f.resolved.digest,
      size: f.bytes.length,
      fetched: f.fetched,
      imports: f.resolved.imports,
      exports: f.resolved.exports,
    })),
    edges,
    storeDir: store,
    bytes,
    ...(verification !== undefined ? { verification } : {}),
    ...(promoted !== undefined ? { promotion: promoted } : {}),
    ...(observability !== undefined ? { observability } : {}),
  };
}

/** The instance of a WAC document made from `pkg` (the canary's stable version); its `let` name when several are. */
function findByPackage(graph: CompositionGraph, pkg: string, component: string): NodeId {
  const instances = graph.allNodes().filter((n) => n.kind === 'instance' && graph.getPackage(n.package).name === pkg);
  if (instances.length === 1) return (instances[0] as { id: NodeId }).id;
  throw new UsageError(
    instances.length === 0
      ? `canary component '${component}' (${pkg}) is not instantiated by the composition: nothing calls it`
      : `canary component '${component}' (${pkg}) is instantiated ${instances.length} times in the composition; a canary splits one instance`,
  );
}

function checkedFile(c: Plan['components'][number], digest: Digest, pinned: boolean): CheckedComponent {
  const source = c.source as Extract<Plan['components'][number]['source'], { kind: 'path' }>;
  return { kind: 'file', component: c, file: source.path, shown: source.relative, digest, pinnedByDigest: pinned };
}

/** Plug mode: each plug feeds the socket's imports it exports. */
function plugEdges(socket: FetchedComponent, plugs: FetchedComponent[]): Edge[] {
  const wanted = new Set(socket.resolved.imports);
  return plugs.flatMap((p) =>
    p.resolved.exports.filter((e) => wanted.has(e)).map((e) => ({ from: p.component.name, to: socket.component.name, import: e })),
  );
}

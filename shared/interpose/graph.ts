/**
 * Interposing in a composition graph (shared/wac/graph.ts): put a splitter
 * (or a tap) on every edge out of one component, so that every consumer of
 * its interfaces (other instances, and the composition's exports) sees the
 * interposer instead; nothing in the WAC file or the plug list changes.
 *
 *   const { graph } = buildGraph(source, doc, plan);          // or plugGraph(socket, plugs)
 *   const users = findInstance(graph, 'users');
 *   splitInGraph(graph, users, { canary: { bytes: v2 }, weight: 10 });
 *   const bytes = await encodeGraph(graph);
 *
 * For each interface of the component that something consumes (or each one
 * named in `interfaces`), one interposer is generated from the component's
 * own type, instantiated with the component's instance (and, for a splitter,
 * with one instance of the canary version made with the same arguments as
 * the stable one), and given the same instances the component has for the
 * interfaces whose types the interface uses (wasi:http/types, …). Its stats
 * are exported from the composition as `flotilla-stats-<label>`.
 */
import { FlotillaError } from '../errors.ts';
import type { CompositionGraph, NodeId, PackageId } from '../wac/graph.ts';
import { semverKey } from '../wac/semver.ts';
import { InterposeError } from './errors.ts';
import { buildInterposer, defaultLabel, type Sticky, toKebab } from './generate.ts';
import { readInterface } from './interface.ts';
import { STATS_EXPORT_PREFIX, STATS_INTERFACE } from './stats.ts';

export interface InterposeOptions {
  /** Exports of the component to interpose (default: every interface export something in the graph consumes). */
  interfaces?: string[];
  /** Latency buckets (nanoseconds) of the generated interposers. */
  bucketsNs?: readonly bigint[];
  /** The clock interface the interposers import `now` from. */
  clockInterface?: string;
  /**
   * Taps only: each tap also tells the host about every call
   * (`flotilla:interpose/trace@0.1.0`, naming the instance called), and is
   * labelled by that instance (`catalog`, `gateway-api-client`): what
   * `observability: true` in a spec asks for.
   */
  trace?: boolean;
}

export interface SplitOptions extends InterposeOptions {
  /** The canary version of the component: its bytes (registered here), or a package already registered in the graph. */
  canary: { bytes: Uint8Array; name?: string; version?: string | null } | { package: PackageId };
  /** Percent of calls to canary (0 to 100). */
  weight: number;
  /** For wasi:http/incoming-handler only: sticky routing by a header or cookie. */
  sticky?: Sticky | null;
}

export interface InterposedEdge {
  /** The interface interposed (`ecommerce:platform/users@1.0.0`). */
  interface: string;
  /** The interposer's instance in the graph. */
  node: NodeId;
  label: string;
  /** The composition export its stats are under (`flotilla-stats-users`). */
  statsExport: string;
  /** What now calls the interposer instead of the component: `instance \`gateway\` (import …)`, `export \`…\``. */
  consumers: string[];
}

export interface InterposeResult {
  edges: InterposedEdge[];
}

export interface SplitResult extends InterposeResult {
  /** The canary version's instance. */
  canary: NodeId;
}

/** The instance named `name` (its WAC `let` name, or its package name when only one instance has it). */
export function findInstance(graph: CompositionGraph, name: string): NodeId {
  const instances = graph.allNodes().filter((n) => n.kind === 'instance');
  const byName = instances.filter((n) => n.name === name);
  if (byName.length === 1) return (byName[0] as { id: NodeId }).id;
  const byPackage = instances.filter((n) => graph.getPackage(n.package).name === name);
  if (byName.length === 0 && byPackage.length === 1) return (byPackage[0] as { id: NodeId }).id;
  const listed = instances.map((n) => `\`${n.name}\` (${graph.getPackage(n.package).name})`).join(', ');
  throw new InterposeError(
    'INTERPOSE_GRAPH',
    byName.length + byPackage.length > 1
      ? `several instances are named \`${name}\`: ${listed}; name one by its instance name`
      : `the composition has no instance \`${name}\` (its instances: ${listed || 'none'})`,
  );
}

/**
 * Puts a splitter on every edge out of `stable` (for each interface that is
 * consumed, or each one of `options.interfaces`), with one instance of the
 * canary version behind all of them.
 */
export function splitInGraph(graph: CompositionGraph, stable: NodeId, options: SplitOptions): SplitResult {
  const stableNode = instanceNode(graph, stable);
  const plan = planEdges(graph, stable, options.interfaces);
  const pkg = graph.getPackage(stableNode.package);
  const canaryPkg =
    'package' in options.canary
      ? options.canary.package
      : wrapGraph(() =>
          graph.registerPackage({
            name: uniquePackageName(graph, (options.canary as { name?: string }).name ?? `${pkg.name}-canary`),
            version: (options.canary as { version?: string | null }).version ?? pkg.version,
            bytes: (options.canary as { bytes: Uint8Array }).bytes,
          }),
        );
  // the canary gets what the stable instance gets, import by import (semver-compatible names matched)
  const canary = graph.instantiate(canaryPkg, `${stableNode.name}-canary`);
  for (const name of graph.importsOf(canary).keys()) {
    const src = argumentFor(graph, stable, name);
    if (src !== undefined) {
      wrapGraph(
        () => graph.setArgument(canary, name, src),
        `the canary version cannot take what \`${stableNode.name}\` is given for \`${name}\``,
      );
    }
  }
  const edges = plan.map((p) => {
    const ct = graph.nodeType(canary);
    if (ct.kind !== 'instance' || !ct.exports.has(p.iface)) {
      throw new InterposeError(
        'INTERPOSE_GRAPH',
        `the canary version of \`${stableNode.name}\` does not export \`${p.iface}\`, which the composition uses: it cannot take the stable version's place`,
      );
    }
    return interpose(graph, stable, p, 'splitter', { ...options, weight: options.weight, sticky: options.sticky ?? null }, (x) => {
      wrapGraph(() => graph.setArgument(x, 'stable', graph.aliasExport(stable, p.iface)));
      wrapGraph(
        () => graph.setArgument(x, 'canary', graph.aliasExport(canary, p.iface)),
        `the canary version's \`${p.iface}\` does not fit where the stable version's is used`,
      );
    });
  });
  return { canary, edges };
}

/** Puts a tap (a pass-through that records stats) on every edge out of `node`. */
export function tapInGraph(graph: CompositionGraph, node: NodeId, options: InterposeOptions = {}): InterposeResult {
  instanceNode(graph, node);
  const plan = planEdges(graph, node, options.interfaces);
  return {
    edges: plan.map((p) =>
      interpose(graph, node, p, 'tap', options, (x) => wrapGraph(() => graph.setArgument(x, p.iface, graph.aliasExport(node, p.iface)))),
    ),
  };
}

export interface TapEveryEdgeResult extends InterposeResult {
  /** Edges left alone, with the reason (an interface that defines resources, an async function, …). */
  skipped: { instance: string; interface: string; reason: string }[];
}

/**
 * A tap on every edge of the composition: every interface an instance
 * exports that something consumes. Interfaces the generator refuses (they
 * define resources, have async functions) are left as they are and listed.
 */
export function tapEveryEdge(graph: CompositionGraph, options: Omit<InterposeOptions, 'interfaces'> = {}): TapEveryEdgeResult {
  const edges: InterposedEdge[] = [];
  const skipped: TapEveryEdgeResult['skipped'] = [];
  // the instances as they are now (taps added on the way are not tapped)
  const instances = graph.allNodes().filter((n) => n.kind === 'instance');
  for (const n of instances) {
    let plan: EdgePlan[];
    try {
      plan = planEdges(graph, n.id, undefined);
    } catch (err) {
      if (err instanceof InterposeError) continue; // nothing consumes it
      throw err;
    }
    for (const p of plan) {
      try {
        edges.push(...tapInGraph(graph, n.id, { ...options, interfaces: [p.iface] }).edges);
      } catch (err) {
        if (!(err instanceof InterposeError) || err.code === 'INTERPOSE_GRAPH') throw err;
        skipped.push({ instance: n.name, interface: p.iface, reason: err.message });
      }
    }
  }
  return { edges, skipped };
}

// ---- internals -------------------------------------------------------------------

type InstanceNode = Extract<ReturnType<CompositionGraph['node']>, { kind: 'instance' }>;

interface EdgePlan {
  iface: string;
  /** Instance arguments that are this export of the component. */
  args: { instance: NodeId; importName: string }[];
  /** Composition exports that are this export of the component. */
  exports: string[];
}

function instanceNode(graph: CompositionGraph, id: NodeId): InstanceNode {
  const n = graph.node(id);
  if (n.kind !== 'instance') throw new InterposeError('INTERPOSE_GRAPH', `${graph.describe(id)} is not an instance of a component`);
  return n;
}

/** The edges out of `node`, grouped by the export they use. */
function planEdges(graph: CompositionGraph, node: NodeId, only: string[] | undefined): EdgePlan[] {
  const byIface = new Map<string, EdgePlan>();
  const plan = (iface: string) => {
    let p = byIface.get(iface);
    if (p === undefined) {
      p = { iface, args: [], exports: [] };
      byIface.set(iface, p);
    }
    return p;
  };
  const exportOf = (src: NodeId): string | undefined => {
    const s = graph.node(src);
    return s.kind === 'alias' && s.source === node ? s.export : undefined;
  };
  for (const m of graph.allNodes()) {
    if (m.kind !== 'instance') continue;
    for (const [importName, src] of m.args) {
      if (src === node) {
        throw new InterposeError(
          'INTERPOSE_GRAPH',
          `${graph.describe(m.id)} is given the whole of ${graph.describe(node)} for \`${importName}\`: interposers go on one interface at a time; ` +
            'pass the interfaces one by one',
        );
      }
      const iface = exportOf(src);
      if (iface !== undefined) plan(iface).args.push({ instance: m.id, importName });
    }
  }
  for (const [name, src] of graph.exports) {
    if (src === node) {
      throw new InterposeError(
        'INTERPOSE_GRAPH',
        `the composition exports the whole of ${graph.describe(node)} as \`${name}\`: export its interfaces one by one`,
      );
    }
    const iface = exportOf(src);
    if (iface !== undefined) plan(iface).exports.push(name);
  }
  const exported = graph.nodeType(node);
  const isInterface = (name: string) => exported.kind === 'instance' && exported.exports.get(name)?.kind === 'instance';
  let out: EdgePlan[];
  if (only !== undefined) {
    out = only.map((want) => {
      const name =
        exported.kind === 'instance' ? [...exported.exports.keys()].find((k) => k === want || semverKey(k) === semverKey(want)) : undefined;
      if (name === undefined || !isInterface(name)) {
        const have = exported.kind === 'instance' ? [...exported.exports].filter(([, t]) => t.kind === 'instance').map(([k]) => k) : [];
        throw new InterposeError(
          'INTERPOSE_GRAPH',
          `${graph.describe(node)} exports no interface \`${want}\` (its interfaces: ${have.join(', ') || 'none'})`,
        );
      }
      return byIface.get(name) ?? { iface: name, args: [], exports: [] };
    });
  } else {
    out = [...byIface.values()].filter((p) => isInterface(p.iface));
    if (out.length === 0) {
      throw new InterposeError(
        'INTERPOSE_GRAPH',
        `nothing in the composition uses an interface of ${graph.describe(node)}: there is no edge to interpose`,
      );
    }
  }
  return out;
}

/** The node `instance` is given for import `name` (or a semver-compatible name of it). */
function argumentFor(graph: CompositionGraph, instance: NodeId, name: string): NodeId | undefined {
  const n = instanceNode(graph, instance);
  const exact = n.args.get(name);
  if (exact !== undefined) return exact;
  const key = semverKey(name);
  for (const [k, v] of n.args) if (semverKey(k) === key) return v;
  return undefined;
}

function interpose(
  graph: CompositionGraph,
  node: NodeId,
  p: EdgePlan,
  role: 'splitter' | 'tap',
  options: InterposeOptions & { weight?: number; sticky?: Sticky | null },
  wireBackends: (x: NodeId) => void,
): InterposedEdge {
  const n = instanceNode(graph, node);
  const pkg = graph.getPackage(n.package);
  const traced = role === 'tap' && options.trace === true;
  const label = uniqueLabel(graph, n.name, p.iface, traced);
  const model = readInterface(pkg.bytes, p.iface, `${graph.describe(node)} (${pkg.name})`);
  const bytes = buildInterposer(model, role, {
    interface: p.iface,
    label,
    weight: options.weight ?? 0,
    sticky: options.sticky ?? null,
    ...(options.bucketsNs ? { bucketsNs: options.bucketsNs } : {}),
    ...(options.clockInterface ? { clockInterface: options.clockInterface } : {}),
    ...(traced ? { trace: { component: n.name } } : {}),
  });
  const pkgId = wrapGraph(() => graph.registerPackage({ name: uniquePackageName(graph, `flotilla:${role}-${label}`), bytes }));
  const x = graph.instantiate(pkgId, `${label}-${role}`);
  wireBackends(x);
  // the interfaces whose types the interface uses: the same instances the component has (or the host's, like it)
  for (const u of model.imports) {
    const src = argumentFor(graph, node, u.name);
    if (src !== undefined && graph.importsOf(x).has(u.name)) wrapGraph(() => graph.setArgument(x, u.name, src));
  }
  const via = graph.aliasExport(x, p.iface);
  const consumers: string[] = [];
  for (const a of p.args) {
    graph.unsetArgument(a.instance, a.importName);
    wrapGraph(() => graph.setArgument(a.instance, a.importName, via));
    consumers.push(`${graph.describe(a.instance)} (import \`${a.importName}\`)`);
  }
  if (p.exports.length > 0) {
    // re-export in the same order, the interposer in place of the component
    const all = [...graph.exports];
    for (const [name] of all) graph.unexport(name);
    for (const [name, src] of all) graph.export(p.exports.includes(name) ? via : src, name);
    for (const name of p.exports) consumers.push(`export \`${name}\``);
  }
  const statsExport = `${STATS_EXPORT_PREFIX}${label}`;
  graph.export(graph.aliasExport(x, STATS_INTERFACE), statsExport);
  return { interface: p.iface, node: x, label, statsExport, consumers };
}

/**
 * `users`, or `<instance>-users` when taken, then with -n2, -n3…; by
 * component: the instance's name when it is the interface's (`catalog`),
 * else `<instance>-<interface>`.
 */
function uniqueLabel(graph: CompositionGraph, instanceName: string, iface: string, byComponent = false): string {
  const taken = (l: string) => graph.exports.has(`${STATS_EXPORT_PREFIX}${l}`);
  const base = defaultLabel(iface);
  const instance = toKebab(instanceName.replace(/^.*:/, '')) || 'instance';
  if (!taken(base) && (!byComponent || instance === base)) return base;
  const longer = `${instance}-${base}`;
  if (!taken(longer)) return longer;
  for (let i = 2; ; i++) if (!taken(`${longer}-n${i}`)) return `${longer}-n${i}`;
}

function uniquePackageName(graph: CompositionGraph, name: string): string {
  if (graph.findPackage(name) === undefined) return name;
  for (let i = 2; ; i++) if (graph.findPackage(`${name}-n${i}`) === undefined) return `${name}-n${i}`;
}

/** Graph errors (type mismatches, cycles) as interpose errors that say which step failed. */
function wrapGraph<T>(f: () => T, what?: string): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof FlotillaError && !(err instanceof InterposeError)) {
      throw new InterposeError('INTERPOSE_GRAPH', what ? `${what}: ${err.message}` : err.message, { cause: err });
    }
    throw err;
  }
}

/**
 * The composition graph of a WAC document (parsed, resolved against the
 * packages, every argument type-checked), to interpose in before encoding.
 */
export async function wacGraph(
  source: import('../wac/diagnostics.ts').WacSource,
  packages: import('../wac/resolver.ts').WacPackage[],
): Promise<CompositionGraph> {
  const { parseWac } = await import('../wac/parser.ts');
  const { resolveWac } = await import('../wac/resolver.ts');
  const { buildGraph } = await import('../wac/build-graph.ts');
  const doc = parseWac(source);
  return buildGraph(source, doc, resolveWac(source, doc, packages)).graph;
}

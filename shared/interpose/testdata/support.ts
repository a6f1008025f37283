/**
 * Shared by the interposer tests: compose a splitter (or tap) with its
 * backends through the composition graph, load the result with jco, read the
 * stats, and compute which backend the weight sends call n to.
 */
import { encodeGraph } from '../../wac/encode.ts';
import { CompositionGraph, type NodeId } from '../../wac/graph.ts';
import { STATS_INTERFACE } from '../stats.ts';

export interface Backends {
  /** Component bytes exporting the interface. */
  stable: Uint8Array;
  canary?: Uint8Array;
}

export interface Extra {
  /** A component exporting interfaces the backends and the interposer import (a resource owner). */
  bytes: Uint8Array;
  /** Its exports to wire by name into whoever imports them, and to export from the composition. */
  exports: string[];
}

/**
 * splitter + stable (+ canary) [+ a shared provider], the interface and the
 * stats exported (`flotilla-stats-<label>`); imports nobody satisfies (the
 * clock) are left to the host.
 */
export async function composeInterposer(
  interposer: Uint8Array,
  iface: string,
  backends: Backends,
  options: { label?: string; shared?: Extra } = {},
): Promise<Uint8Array> {
  const g = new CompositionGraph();
  const wire = (node: NodeId, provider: NodeId | undefined) => {
    if (provider === undefined || options.shared === undefined) return;
    for (const name of options.shared.exports) {
      if (g.importsOf(node).has(name)) g.setArgument(node, name, g.aliasExport(provider, name));
    }
  };
  const provider = options.shared ? g.instantiate(g.registerPackage({ name: 'test:shared', bytes: options.shared.bytes })) : undefined;
  const stable = g.instantiate(g.registerPackage({ name: 'test:stable', bytes: backends.stable }));
  wire(stable, provider);
  const x = g.instantiate(g.registerPackage({ name: 'test:interposer', bytes: interposer }));
  wire(x, provider);
  if (backends.canary !== undefined) {
    const canary = g.instantiate(g.registerPackage({ name: 'test:canary', bytes: backends.canary }));
    wire(canary, provider);
    g.setArgument(x, 'stable', g.aliasExport(stable, iface));
    g.setArgument(x, 'canary', g.aliasExport(canary, iface));
  } else {
    g.setArgument(x, iface, g.aliasExport(stable, iface));
  }
  g.export(g.aliasExport(x, iface), iface);
  g.export(g.aliasExport(x, STATS_INTERFACE), `flotilla-stats-${options.label ?? 'test'}`);
  if (provider !== undefined && options.shared) for (const name of options.shared.exports) g.export(g.aliasExport(provider, name), name);
  return encodeGraph(g);
}

/** Whether call n (from 0) goes to canary at weight w. */
export function canaryAt(n: number, w: number): boolean {
  return Math.floor((((n % 100) + 1) * w) / 100) > Math.floor(((n % 100) * w) / 100);
}

/** The stats report as jco gives it, with u64 as bigint. */
export interface JsReport {
  label: string;
  interfaceName: string;
  role: 'splitter' | 'tap';
  weight: number;
  sticky?: string;
  bucketBoundsNs: BigUint64Array;
  functions: {
    backend: string;
    function: string;
    calls: bigint;
    errors: bigint;
    totalLatencyNs: bigint;
    maxLatencyNs: bigint;
    buckets: BigUint64Array;
  }[];
  memoryBytes: bigint;
}

export function snapshot(module: Record<string, unknown>, label = 'test'): JsReport {
  const key = `flotillaStats${label.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`;
  const stats = module[key] as { snapshot(): JsReport } | undefined;
  if (stats === undefined) throw new Error(`no export ${key} (exports: ${Object.keys(module).join(', ')})`);
  return stats.snapshot();
}

/** Calls of one function on one backend. */
export function callsOf(r: JsReport, backend: string, fn: string): number {
  return Number(r.functions.find((f) => f.backend === backend && f.function === fn)?.calls ?? -1n);
}

export function totalCalls(r: JsReport): number {
  return r.functions.reduce((a, f) => a + Number(f.calls), 0);
}

/** The outcome of a call: its value, or the payload of the error jco threw for a `result` returned as err. */
export function outcome(f: () => unknown): { ok: unknown } | { err: unknown } {
  try {
    return { ok: f() };
  } catch (e) {
    if (e !== null && typeof e === 'object' && 'payload' in e) return { err: (e as { payload: unknown }).payload };
    throw e;
  }
}

/**
 * Interposer stats for hosts: finding the stats exports of a running
 * component (as jco's bindings name them), reading a `report` into plain
 * numbers, and turning reports into Prometheus metric families (the shape
 * shared/serve/metrics.ts renders; `serve` registers `interposerMetricsSource`):
 *
 *   flotilla_interposer_calls_total{interposer, interface, function, version}    counter
 *   flotilla_interposer_errors_total{…}                                           counter
 *   flotilla_interposer_latency_seconds_bucket{…, le} / _sum / _count             histogram
 *   flotilla_interposer_latency_max_seconds{…}                                     gauge
 *   flotilla_interposer_weight{interposer, interface, role}                        gauge (percent to canary)
 *   flotilla_interposer_memory_bytes{interposer, interface}                        gauge
 *
 * `version` is the backend: `stable` or `canary` for a splitter, `target`
 * for a tap. The canary's share of calls is then
 * `sum(flotilla_interposer_calls_total{version="canary"}) / sum(flotilla_interposer_calls_total)`.
 */
import { STATS_EXPORT_PREFIX } from './stats.ts';

export interface FunctionStats {
  backend: string;
  function: string;
  calls: number;
  errors: number;
  totalLatencyNs: number;
  maxLatencyNs: number;
  /** Per bucket, not cumulative; one more than the bounds (the last is +Inf). */
  buckets: number[];
}

export interface InterposerReport {
  label: string;
  interfaceName: string;
  role: 'splitter' | 'tap';
  weight: number;
  sticky: string | null;
  bucketBoundsNs: number[];
  functions: FunctionStats[];
  memoryBytes: number;
}

export interface StatsReader {
  /** The export it was found under (`flotilla-stats-users`, or the interface name for a lone interposer). */
  exportName: string;
  snapshot(): InterposerReport;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

/** A report as jco's bindings give it (u64 as bigint, lists as typed arrays, option as undefined) in plain numbers. */
export function toReport(v: unknown): InterposerReport {
  const r = v as Record<string, unknown>;
  const fns = (r.functions ?? []) as Record<string, unknown>[];
  return {
    label: String(r.label),
    interfaceName: String(r.interfaceName),
    role: r.role === 'tap' ? 'tap' : 'splitter',
    weight: num(r.weight),
    sticky: typeof r.sticky === 'string' ? r.sticky : null,
    bucketBoundsNs: Array.from(r.bucketBoundsNs as ArrayLike<bigint | number>, num),
    functions: fns.map((f) => ({
      backend: String(f.backend),
      function: String(f.function),
      calls: num(f.calls),
      errors: num(f.errors),
      totalLatencyNs: num(f.totalLatencyNs),
      maxLatencyNs: num(f.maxLatencyNs),
      buckets: Array.from(f.buckets as ArrayLike<bigint | number>, num),
    })),
    memoryBytes: num(r.memoryBytes),
  };
}

const STATS_NAME = /^flotilla:interpose\/stats@0\.1\.\d+$/;

/** jco's name for a plain export name: `flotilla-stats-users` → `flotillaStatsUsers`. */
function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * The interposers' stats among a component instance's exports (jco's
 * bindings): every `flotilla-stats-<label>` export (as `flotillaStats<Label>`)
 * and a `flotilla:interpose/stats@0.1.x` export. Each is read once even if
 * jco gives it under two names.
 */
export function findStats(exports: Record<string, unknown>, exportNames?: string[]): StatsReader[] {
  const out: StatsReader[] = [];
  const seen = new Set<unknown>();
  const add = (exportName: string, value: unknown) => {
    const snapshot = (value as { snapshot?: unknown } | undefined)?.snapshot;
    if (typeof snapshot !== 'function' || seen.has(value)) return;
    seen.add(value);
    out.push({ exportName, snapshot: () => toReport((snapshot as () => unknown).call(value)) });
  };
  if (exportNames !== undefined) {
    // the component's own export names (from its binary): find each under jco's name for it
    for (const name of exportNames) {
      if (name.startsWith(STATS_EXPORT_PREFIX)) add(name, exports[camel(name)] ?? exports[name]);
      else if (STATS_NAME.test(name)) add(name, exports[name] ?? exports.stats);
    }
    return out;
  }
  for (const [key, value] of Object.entries(exports)) {
    if (STATS_NAME.test(key)) add(key, value);
    else if (/^flotillaStats[A-Z0-9]/.test(key)) {
      const label = key.slice('flotillaStats'.length).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      add(`${STATS_EXPORT_PREFIX}${label.replace(/^-/, '')}`, value);
    }
  }
  return out;
}

// ---- metric families: the model shared/serve/metrics.ts renders (and re-exports) ----------

export type Labels = Readonly<Record<string, string>>;
/** One sample of a counter or a gauge. */
export interface Sample {
  labels: Labels;
  value: number;
}
export interface HistogramSample {
  labels: Labels;
  /** Cumulative counts by upper bound (seconds), ascending; the +Inf bucket is `count`. */
  buckets: readonly { le: number; count: number }[];
  sum: number;
  count: number;
}
export type MetricFamily =
  | { name: string; help: string; type: 'counter' | 'gauge'; samples: readonly Sample[] }
  | { name: string; help: string; type: 'histogram'; samples: readonly HistogramSample[] };

/** The reports as metric families; `extra` labels (e.g. the served digest) go on every sample of a report. */
export function interposerFamilies(reports: readonly { report: InterposerReport; extra?: Labels }[]): MetricFamily[] {
  const calls: Sample[] = [];
  const errors: Sample[] = [];
  const latency: HistogramSample[] = [];
  const max: Sample[] = [];
  const weight: Sample[] = [];
  const memory: Sample[] = [];
  for (const { report: r, extra } of reports) {
    const base: Labels = { interposer: r.label, interface: r.interfaceName, ...extra };
    weight.push({ labels: { ...base, role: r.role }, value: r.weight });
    memory.push({ labels: base, value: r.memoryBytes });
    for (const f of r.functions) {
      const labels: Labels = { ...base, function: f.function, version: f.backend };
      calls.push({ labels, value: f.calls });
      errors.push({ labels, value: f.errors });
      let cumulative = 0;
      const buckets = r.bucketBoundsNs.map((bound, i) => {
        cumulative += f.buckets[i] ?? 0;
        return { le: bound / 1e9, count: cumulative };
      });
      latency.push({ labels, buckets, sum: f.totalLatencyNs / 1e9, count: f.calls });
      max.push({ labels, value: f.maxLatencyNs / 1e9 });
    }
  }
  if (reports.length === 0) return [];
  return [
    {
      name: 'flotilla_interposer_calls_total',
      type: 'counter',
      help: 'Calls an interposer forwarded, by backend (version) and function.',
      samples: calls,
    },
    {
      name: 'flotilla_interposer_errors_total',
      type: 'counter',
      help: 'Forwarded calls whose result was an err, by backend (version) and function.',
      samples: errors,
    },
    {
      name: 'flotilla_interposer_latency_seconds',
      type: 'histogram',
      help: 'Latency of forwarded calls, measured around the call by the interposer.',
      samples: latency,
    },
    {
      name: 'flotilla_interposer_latency_max_seconds',
      type: 'gauge',
      help: 'Largest latency of a forwarded call since the interposer started.',
      samples: max,
    },
    {
      name: 'flotilla_interposer_weight',
      type: 'gauge',
      help: 'Percent of calls routed by weight that a splitter sends to canary.',
      samples: weight,
    },
    { name: 'flotilla_interposer_memory_bytes', type: 'gauge', help: 'Linear memory an interposer holds.', samples: memory },
  ];
}

/** What a metrics source of serve sees: every live instance of the served component. */
export interface ServedInstanceLike {
  digest: string;
  exports: Record<string, unknown>;
}

/**
 * A metrics source for serve (`addMetricsSource`): every interposer of every
 * live instance (the one serving and any still finishing requests), labelled
 * with the instance's digest so that two instances never give one series.
 */
export function interposerMetricsSource(ctx: { instances: readonly ServedInstanceLike[] }): MetricFamily[] {
  const reports: { report: InterposerReport; extra: Labels }[] = [];
  for (const instance of ctx.instances) {
    for (const reader of findStats(instance.exports)) reports.push({ report: reader.snapshot(), extra: { digest: instance.digest } });
  }
  return interposerFamilies(reports);
}

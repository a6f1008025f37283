// Metrics of serve in the Prometheus text exposition format (version 0.0.4,
// what every Prometheus scrapes): counters, gauges and histograms of its own,
// and families from registered sources (the splitter's interposer stats),
// merged by name at each scrape.
//
// The hook: `addSource(fn)` (RunningServer.addMetricsSource). A source gets
// every live instance of the component at each scrape and returns families;
// one that throws or returns a bad name is skipped for that scrape (and
// counted in flotilla_serve_metrics_source_errors_total), the scrape answers.
import type { HistogramSample, Labels, MetricFamily, Sample } from '../interpose/metrics.ts';
import type { InstanceExports } from './transpile.ts';

// the metric model is the interposers' (shared/interpose/metrics.ts, a layer below): one definition for both
export type { HistogramSample, Labels, MetricFamily, Sample } from '../interpose/metrics.ts';

/** An instance of the component a source may read (the one serving, and older ones still finishing requests). */
export interface ServedInstance {
  /** `sha256:…`: the manifest digest when followed from a registry, else the digest of the .wasm. */
  digest: string;
  /** The followed reference (`127.0.0.1:5000/acme/shop:live`), when there is one. */
  reference?: string;
  tag?: string;
  state: 'serving' | 'draining';
  exports: InstanceExports;
}

export interface MetricsContext {
  instances: readonly ServedInstance[];
}

export type MetricsSource = (ctx: MetricsContext) => readonly MetricFamily[] | Promise<readonly MetricFamily[]>;

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * A histogram sample from non-cumulative counts by upper bound in
 * nanoseconds (the shape of flotilla:interpose/stats: one count more than
 * bounds, the last one above every bound), in seconds and cumulative.
 */
export function histogramFromCounts(
  boundsNs: readonly (number | bigint)[],
  counts: readonly (number | bigint)[],
  sumNs: number | bigint,
  labels: Labels,
): HistogramSample {
  if (counts.length !== boundsNs.length + 1) {
    throw new RangeError(`a histogram needs one count more than bounds (${boundsNs.length} bounds, ${counts.length} counts)`);
  }
  let total = 0;
  const buckets = boundsNs.map((b, i) => {
    total += Number(counts[i]);
    return { le: Number(b) / 1e9, count: total };
  });
  total += Number(counts[boundsNs.length]);
  return { labels, buckets, sum: Number(sumNs) / 1e9, count: total };
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatLabels(labels: Labels, extra?: [string, string]): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  if (extra) parts.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/** Why a family cannot be exposed, or undefined when it can. */
export function checkFamily(f: MetricFamily): string | undefined {
  if (!METRIC_NAME.test(f.name)) return `'${f.name}' is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)`;
  if (!['counter', 'gauge', 'histogram'].includes(f.type)) return `${f.name}: type '${String(f.type)}' is not counter, gauge or histogram`;
  for (const s of f.samples) {
    for (const k of Object.keys(s.labels)) {
      if (!LABEL_NAME.test(k) || k.startsWith('__')) return `${f.name}: '${k}' is not a label name`;
      if (f.type === 'histogram' && k === 'le') return `${f.name}: a histogram's own label 'le' is reserved`;
      if (typeof s.labels[k] !== 'string') return `${f.name}: label ${k} is not a string`;
    }
    if (f.type === 'histogram') {
      const h = s as HistogramSample;
      let last = Number.NEGATIVE_INFINITY;
      for (const b of h.buckets) {
        if (!(b.le > last)) return `${f.name}: bucket bounds must ascend`;
        last = b.le;
      }
    } else if (typeof (s as Sample).value !== 'number') return `${f.name}: a sample value is not a number`;
  }
  return undefined;
}

/** The exposition text of `families`: one HELP and TYPE per name, samples of equal names merged in order. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const byName = new Map<string, MetricFamily[]>();
  for (const f of families) {
    const list = byName.get(f.name);
    if (list) list.push(f);
    else byName.set(f.name, [f]);
  }
  const out: string[] = [];
  for (const [name, list] of byName) {
    const first = list[0] as MetricFamily;
    out.push(`# HELP ${name} ${escapeHelp(first.help)}`, `# TYPE ${name} ${first.type}`);
    for (const f of list) {
      if (f.type === 'histogram') {
        for (const s of f.samples) {
          for (const b of s.buckets) out.push(`${name}_bucket${formatLabels(s.labels, ['le', formatValue(b.le)])} ${formatValue(b.count)}`);
          out.push(`${name}_bucket${formatLabels(s.labels, ['le', '+Inf'])} ${formatValue(s.count)}`);
          out.push(`${name}_sum${formatLabels(s.labels)} ${formatValue(s.sum)}`);
          out.push(`${name}_count${formatLabels(s.labels)} ${formatValue(s.count)}`);
        }
      } else {
        for (const s of f.samples) out.push(`${name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
      }
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

function keyOf(values: readonly string[]): string {
  return values.join('\u0000');
}

function labelsOf(names: readonly string[], values: readonly string[]): Labels {
  const labels: Record<string, string> = {};
  names.forEach((n, i) => {
    labels[n] = values[i] as string;
  });
  return labels;
}

/** A counter or gauge with a fixed list of label names. */
export class Counter {
  readonly #values = new Map<string, { labels: readonly string[]; value: number }>();
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly type: 'counter' | 'gauge';
  constructor(name: string, help: string, labelNames: readonly string[], type: 'counter' | 'gauge' = 'counter') {
    this.name = name;
    this.help = help;
    this.labelNames = labelNames;
    this.type = type;
  }
  inc(values: readonly string[] = [], by = 1): void {
    const key = keyOf(values);
    const entry = this.#values.get(key);
    if (entry) entry.value += by;
    else this.#values.set(key, { labels: [...values], value: by });
  }
  set(values: readonly string[], value: number): void {
    this.#values.set(keyOf(values), { labels: [...values], value });
  }
  /** Removes every series (a gauge whose label set is rewritten at each change, e.g. an info metric). */
  reset(): void {
    this.#values.clear();
  }
  get(values: readonly string[] = []): number {
    return this.#values.get(keyOf(values))?.value ?? 0;
  }
  family(): MetricFamily {
    const samples = [...this.#values.values()].map((e) => ({ labels: labelsOf(this.labelNames, e.labels), value: e.value }));
    return { name: this.name, help: this.help, type: this.type, samples };
  }
}

/** Latency buckets in seconds: finer than Prometheus' defaults below 5 ms, where an in-process component answers. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Histogram {
  readonly #series = new Map<string, { labels: readonly string[]; counts: number[]; sum: number; count: number }>();
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly bounds: readonly number[];
  constructor(name: string, help: string, labelNames: readonly string[], bounds: readonly number[] = LATENCY_BUCKETS) {
    this.name = name;
    this.help = help;
    this.labelNames = labelNames;
    this.bounds = bounds;
  }
  observe(values: readonly string[], v: number): void {
    const key = keyOf(values);
    let s = this.#series.get(key);
    if (s === undefined) {
      s = { labels: [...values], counts: new Array(this.bounds.length).fill(0), sum: 0, count: 0 };
      this.#series.set(key, s);
    }
    const i = this.bounds.findIndex((b) => v <= b);
    if (i >= 0) (s.counts[i] as number)++;
    s.sum += v;
    s.count++;
  }
  family(): MetricFamily {
    const samples = [...this.#series.values()].map((s) => {
      let total = 0;
      const buckets = this.bounds.map((le, i) => {
        total += s.counts[i] as number;
        return { le, count: total };
      });
      return { labels: labelsOf(this.labelNames, s.labels), buckets, sum: s.sum, count: s.count };
    });
    return { name: this.name, help: this.help, type: 'histogram', samples };
  }
}

/** serve's own metrics plus the registered sources. */
export class MetricsRegistry {
  readonly #own: (Counter | Histogram)[] = [];
  readonly #sources = new Set<MetricsSource>();
  readonly sourceErrors: Counter;
  readonly #onSourceError: (err: unknown) => void;
  constructor(onSourceError: (err: unknown) => void = () => {}) {
    this.#onSourceError = onSourceError;
    this.sourceErrors = this.counter(
      'flotilla_serve_metrics_source_errors_total',
      'Metrics sources (e.g. interposer stats) that failed or returned a bad family at a scrape.',
      [],
    );
  }
  counter(name: string, help: string, labelNames: readonly string[], type: 'counter' | 'gauge' = 'counter'): Counter {
    const c = new Counter(name, help, labelNames, type);
    this.#own.push(c);
    return c;
  }
  gauge(name: string, help: string, labelNames: readonly string[]): Counter {
    return this.counter(name, help, labelNames, 'gauge');
  }
  histogram(name: string, help: string, labelNames: readonly string[], bounds?: readonly number[]): Histogram {
    const h = new Histogram(name, help, labelNames, bounds);
    this.#own.push(h);
    return h;
  }
  /** Registers a source called at each scrape; returns a function that removes it. */
  addSource(source: MetricsSource): () => void {
    this.#sources.add(source);
    return () => {
      this.#sources.delete(source);
    };
  }
  /** Every family: the sources first (their errors are counted before the own families are read), then serve's own. */
  async collect(ctx: MetricsContext): Promise<MetricFamily[]> {
    const fromSources: MetricFamily[] = [];
    const ownNames = new Set(this.#own.map((m) => m.name));
    const types = new Map<string, string>();
    for (const source of this.#sources) {
      try {
        const families = await source(ctx);
        for (const f of families) {
          const problem =
            checkFamily(f) ??
            (ownNames.has(f.name) ? `${f.name} is one of serve's own metrics` : undefined) ??
            (types.has(f.name) && types.get(f.name) !== f.type ? `${f.name} is both a ${types.get(f.name)} and a ${f.type}` : undefined);
          if (problem !== undefined) throw new Error(`a metrics source returned a bad family: ${problem}`);
        }
        for (const f of families) {
          types.set(f.name, f.type);
          fromSources.push(f);
        }
      } catch (err) {
        this.sourceErrors.inc();
        this.#onSourceError(err);
      }
    }
    return [...this.#own.map((m) => m.family()), ...fromSources];
  }
  async render(ctx: MetricsContext): Promise<string> {
    return renderExposition(await this.collect(ctx));
  }
}

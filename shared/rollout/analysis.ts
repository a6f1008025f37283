/**
 * The analysis engine, with Argo Rollouts' semantics
 * (argoproj/argo-rollouts analysis/analysis.go, utils/evaluate):
 *
 * - a measurement is Successful, Failed, Inconclusive or Error. With only a
 *   successCondition, "not true" is Failed; with only a failureCondition,
 *   "not true" is Successful; with both and neither true, Inconclusive; with
 *   neither, Successful. A condition that cannot be evaluated is an Error.
 * - No data (an empty result, or only NaN: a ratio of counters that did not
 *   move) is not a failure: it counts as the metric's `noData` outcome,
 *   Inconclusive unless it says otherwise, and the message says so.
 * - Counts: Error does not add to `count`; any other outcome resets the
 *   consecutive errors. A metric is Failed when failed > failureLimit
 *   (-1: never), Inconclusive when inconclusive > inconclusiveLimit, Error
 *   when consecutiveError > consecutiveErrorLimit (Error counts as Failed
 *   for the rollout), Successful when `count` measurements are done (one
 *   when there is neither count nor interval); with an interval and no
 *   count it runs until stopped, then it is Successful.
 * - A run ends as soon as a metric (not a dry run) is Failed, Error or
 *   Inconclusive; the run's phase is the worst of its metrics (Failed >
 *   Error > Inconclusive > Running > Successful). Dry-run metrics are
 *   measured and shown, and never decide.
 *
 * The bookkeeping (`foldMeasurement`, `assessMetric`, `assessRun`, `nextDue`)
 * is pure; `runAnalysis` drives it in time with real providers, saving the
 * record after every measurement so that a run resumed by another process
 * continues where it stopped.
 */
import type { MetricConfig, NoDataOutcome } from './config.ts';
import { formatValue, thresholdOf, type Value } from './expr.ts';

export type MeasurementPhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';
export type AnalysisPhase = 'Pending' | 'Running' | MeasurementPhase;

export interface Measurement {
  phase: MeasurementPhase;
  startedAt: string;
  finishedAt: string;
  /** The result as the condition saw it (bounded text). */
  value?: string;
  /** A number to chart: the result if it is one, or its first element. */
  number?: number;
  /** The stable version's result, when the metric compares. */
  baseline?: string;
  baselineNumber?: number;
  /** Which condition decided, and how: `successCondition result[0] >= 0.95 → false`. */
  decision?: string;
  /** Why: the error, or "no data: …". */
  message?: string;
  noData?: boolean;
  /** The canary step (index) and weight the measurement was taken at. */
  step?: number;
  weight?: number;
}

export interface MetricResult {
  name: string;
  template: string;
  phase: AnalysisPhase;
  count: number;
  successful: number;
  failed: number;
  inconclusive: number;
  error: number;
  consecutiveError: number;
  dryRun: boolean;
  /** The conditions as written, for summaries. */
  successCondition?: string;
  failureCondition?: string;
  measurements: Measurement[];
  /** Why the metric ended as it did. */
  message?: string;
}

export type AnalysisKind = 'step' | 'background' | 'pre-promotion' | 'post-promotion';

export interface AnalysisRecord {
  kind: AnalysisKind;
  /** The canary step that runs it (step analysis), or from which it runs (background). */
  step?: number;
  templates: string[];
  phase: AnalysisPhase;
  message?: string;
  startedAt: string;
  finishedAt?: string;
  /** Set when the run was told to stop (background analysis at the end of the steps). */
  terminated?: boolean;
  metrics: MetricResult[];
  load?: { sent: number; ok: number; failed: number; statuses: Record<string, number> };
}

/** Measurements kept per metric in the state (Argo keeps 10); the counters keep counting past it. */
export const MEASUREMENT_HISTORY_LIMIT = 500;
export const DEFAULT_ERROR_RETRY_MS = 10_000;

/** What a provider answered. */
export interface ProviderAnswer {
  result: Value;
  /** The result as text, bounded. */
  display: string;
  /** Set when the answer holds no data, saying what was empty. */
  noData?: string;
}

export function newMetricResult(m: MetricConfig): MetricResult {
  const r: MetricResult = {
    name: m.name,
    template: m.template,
    phase: 'Pending',
    count: 0,
    successful: 0,
    failed: 0,
    inconclusive: 0,
    error: 0,
    consecutiveError: 0,
    dryRun: m.dryRun,
    measurements: [],
  };
  if (m.successCondition) r.successCondition = m.successCondition.source;
  if (m.failureCondition) r.failureCondition = m.failureCondition.source;
  return r;
}

/** A result with no data: nil, an empty list, NaN, or a list of NaN only. */
export function isNoData(v: Value): boolean {
  if (v === null) return true;
  if (typeof v === 'number') return Number.isNaN(v);
  if (Array.isArray(v)) return v.length === 0 || v.every((x) => typeof x === 'number' && Number.isNaN(x));
  return false;
}

function chartNumber(v: Value): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (Array.isArray(v) && typeof v[0] === 'number' && Number.isFinite(v[0])) return v[0];
  return undefined;
}

const NO_DATA_PHASE: Record<NoDataOutcome, MeasurementPhase> = {
  inconclusive: 'Inconclusive',
  failed: 'Failed',
  successful: 'Successful',
  error: 'Error',
};

/** Evaluates one measurement (Argo's EvaluateResult, plus the no-data rule). Pure. */
export function evaluateMeasurement(
  metric: MetricConfig,
  answer: ProviderAnswer,
  baseline: ProviderAnswer | undefined,
): Pick<Measurement, 'phase' | 'decision' | 'message' | 'noData'> {
  if (answer.noData !== undefined || isNoData(answer.result)) {
    const phase = NO_DATA_PHASE[metric.noData];
    return {
      phase,
      noData: true,
      message: `no data: ${answer.noData ?? `the result is ${formatValue(answer.result)}`}; counted as ${phase} (noData: ${metric.noData})`,
    };
  }
  const vars = { result: answer.result, baseline: baseline ? baseline.result : null };
  let success = false;
  let failure = false;
  const decided: string[] = [];
  try {
    if (metric.successCondition) {
      success = metric.successCondition.evaluate(vars);
      decided.push(`successCondition ${metric.successCondition.source} → ${success}`);
    }
    if (metric.failureCondition) {
      failure = metric.failureCondition.evaluate(vars);
      decided.push(`failureCondition ${metric.failureCondition.source} → ${failure}`);
    }
  } catch (e) {
    const which = decided.length === 0 && metric.successCondition ? 'successCondition' : 'failureCondition';
    const cond = which === 'successCondition' ? metric.successCondition : metric.failureCondition;
    return {
      phase: 'Error',
      message: `could not evaluate ${which} '${cond?.source}' with result ${answer.display}: ${(e as Error).message}`,
    };
  }
  const decision = decided.join('; ') || 'no condition: Successful unless the measurement fails';
  if (!metric.successCondition && !metric.failureCondition) return { phase: 'Successful', decision };
  if (metric.successCondition && !metric.failureCondition) failure = !success;
  if (!metric.successCondition && metric.failureCondition) success = !failure;
  if (failure) return { phase: 'Failed', decision };
  if (!success) return { phase: 'Inconclusive', decision: `${decision} (neither condition holds)` };
  return { phase: 'Successful', decision };
}

/** Builds the measurement record for an answer (or an error). Pure. */
export function measurementOf(
  metric: MetricConfig,
  outcome: { answer: ProviderAnswer; baseline?: ProviderAnswer; baselineError?: string } | { error: string },
  times: { startedAt: string; finishedAt: string },
  where: { step?: number; weight?: number },
): Measurement {
  const m: Measurement = { phase: 'Error', ...times };
  if (where.step !== undefined) m.step = where.step;
  if (where.weight !== undefined) m.weight = where.weight;
  if ('error' in outcome) {
    m.message = outcome.error;
    return m;
  }
  if (metric.compare && outcome.baseline === undefined) {
    m.message = `the stable version could not be measured: ${outcome.baselineError ?? 'no answer'}`;
    m.value = outcome.answer.display;
    return m;
  }
  const e = evaluateMeasurement(metric, outcome.answer, outcome.baseline);
  Object.assign(m, e);
  m.value = outcome.answer.display;
  const n = chartNumber(outcome.answer.result);
  if (n !== undefined) m.number = n;
  if (outcome.baseline) {
    m.baseline = outcome.baseline.display;
    const b = chartNumber(outcome.baseline.result);
    if (b !== undefined) m.baselineNumber = b;
  }
  return m;
}

/** Adds a measurement to a metric's counters (Argo's runMeasurements bookkeeping). Pure: returns a new result. */
export function foldMeasurement(r: MetricResult, m: Measurement): MetricResult {
  const out: MetricResult = { ...r, measurements: [...r.measurements, m].slice(-MEASUREMENT_HISTORY_LIMIT) };
  switch (m.phase) {
    case 'Successful':
      out.successful++;
      out.count++;
      out.consecutiveError = 0;
      break;
    case 'Failed':
      out.failed++;
      out.count++;
      out.consecutiveError = 0;
      break;
    case 'Inconclusive':
      out.inconclusive++;
      out.count++;
      out.consecutiveError = 0;
      break;
    case 'Error':
      out.error++;
      out.consecutiveError++;
      break;
  }
  if (out.phase === 'Pending') out.phase = 'Running';
  return out;
}

/** The count after which a metric is done: `count`, or 1 with neither count nor interval, or none (runs until stopped). */
export function effectiveCount(m: MetricConfig): number | undefined {
  if (m.count !== undefined) return m.count;
  return m.intervalMs === undefined ? 1 : undefined;
}

/** Argo's assessMetricStatus: the phase of a metric after its measurements. Pure. */
export function assessMetric(m: MetricConfig, r: MetricResult, terminating: boolean): { phase: AnalysisPhase; message?: string } {
  if (r.phase === 'Successful' || r.phase === 'Failed' || r.phase === 'Inconclusive' || r.phase === 'Error') {
    return r.message !== undefined ? { phase: r.phase, message: r.message } : { phase: r.phase };
  }
  if (r.measurements.length === 0 && r.count === 0 && r.error === 0) return { phase: terminating ? 'Successful' : 'Pending' };
  let phase: AnalysisPhase | undefined;
  let message: string | undefined;
  if (m.failureLimit >= 0 && r.failed > m.failureLimit) {
    phase = 'Failed';
    message = `failed (${r.failed}) > failureLimit (${m.failureLimit})`;
  }
  if (r.inconclusive > m.inconclusiveLimit) {
    phase = 'Inconclusive';
    message = `inconclusive (${r.inconclusive}) > inconclusiveLimit (${m.inconclusiveLimit})`;
  }
  if (r.consecutiveError > m.consecutiveErrorLimit) {
    phase = 'Error';
    message = `consecutive errors (${r.consecutiveError}) > consecutiveErrorLimit (${m.consecutiveErrorLimit})`;
  }
  if (phase !== undefined) return { phase, message: `${message}; last: ${describeLast(r)}` };
  const count = effectiveCount(m);
  if (count !== undefined && r.count >= count)
    return { phase: 'Successful', message: `${r.count} of ${count} measurement(s) taken, none over the limits` };
  if (terminating) return { phase: 'Successful', message: `stopped after ${r.count} measurement(s), none over the limits` };
  return { phase: 'Running' };
}

function describeLast(r: MetricResult): string {
  const last = r.measurements[r.measurements.length - 1];
  if (!last) return 'no measurement';
  const parts = [`${last.phase}`];
  if (last.value !== undefined) parts.push(`value ${last.value}`);
  if (last.baseline !== undefined) parts.push(`stable ${last.baseline}`);
  if (last.decision) parts.push(last.decision);
  if (last.message) parts.push(last.message);
  return parts.join(', ');
}

const ORDER: AnalysisPhase[] = ['Successful', 'Running', 'Pending', 'Inconclusive', 'Error', 'Failed'];

/** The worst of two phases (Argo's IsWorse order). */
export function worst(a: AnalysisPhase, b: AnalysisPhase): AnalysisPhase {
  return ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
}

/** Re-assesses every metric and the run (Argo's assessRunStatus). Pure: returns a new record. */
export function assessRun(record: AnalysisRecord, metrics: MetricConfig[]): AnalysisRecord {
  const out: AnalysisRecord = { ...record, metrics: record.metrics.map((r) => ({ ...r })) };
  let terminating = record.terminated === true;
  // a failed, errored or inconclusive metric (not a dry run) ends the whole run
  for (const [i, r] of out.metrics.entries()) {
    const a = assessMetric(metrics[i] as MetricConfig, r, false);
    if (!r.dryRun && (a.phase === 'Failed' || a.phase === 'Error' || a.phase === 'Inconclusive')) terminating = true;
  }
  let worstPhase: AnalysisPhase | undefined;
  let worstMessage: string | undefined;
  let done = true;
  for (const [i, r] of out.metrics.entries()) {
    const a = assessMetric(metrics[i] as MetricConfig, r, terminating);
    r.phase = a.phase;
    if (a.message !== undefined) r.message = a.message;
    const completed = a.phase !== 'Running' && a.phase !== 'Pending';
    if (!completed) {
      done = false;
      continue;
    }
    if (r.dryRun) {
      worstPhase ??= 'Successful';
      continue;
    }
    if (worstPhase === undefined || worst(worstPhase, a.phase) !== worstPhase) {
      worstPhase = a.phase;
      worstMessage = `metric '${r.name}' (template ${r.template}) is ${a.phase}: ${a.message ?? ''}`.trim();
    }
  }
  if (terminating && worstPhase !== undefined && worstPhase !== 'Successful') done = true;
  if (!done || worstPhase === undefined) {
    out.phase = out.metrics.some((r) => r.phase === 'Running') ? 'Running' : 'Pending';
    delete out.message;
    return out;
  }
  out.phase = worstPhase;
  if (worstPhase === 'Successful')
    out.message = `every metric passed (${out.metrics.map((r) => `${r.name}: ${r.successful}/${r.count}`).join(', ')})`;
  else if (worstMessage !== undefined) out.message = worstMessage;
  return out;
}

export function isComplete(p: AnalysisPhase): boolean {
  return p === 'Successful' || p === 'Failed' || p === 'Inconclusive' || p === 'Error';
}

/** When a metric is measured next (ms since the epoch), or undefined when it is done. Pure. */
export function nextDue(m: MetricConfig, r: MetricResult, startedAt: number, errorRetryMs = DEFAULT_ERROR_RETRY_MS): number | undefined {
  if (isComplete(r.phase)) return undefined;
  const last = r.measurements[r.measurements.length - 1];
  if (!last) return startedAt + m.initialDelayMs;
  const count = effectiveCount(m);
  if (count !== undefined && r.count >= count) return undefined;
  const finished = Date.parse(last.finishedAt);
  if (last.phase === 'Error') return finished + Math.min(errorRetryMs, m.intervalMs ?? errorRetryMs);
  if (m.intervalMs === undefined) return undefined;
  return finished + m.intervalMs;
}

/** A threshold of a metric's condition, for charts (`result[0] >= 0.95` → 0.95). */
export function metricThreshold(m: MetricConfig): { condition: string; op: string; value: number } | undefined {
  for (const c of [m.successCondition, m.failureCondition]) {
    const t = c ? thresholdOf(c) : undefined;
    if (c && t) return { condition: c.source, ...t };
  }
  return undefined;
}

// ---- the driver -------------------------------------------------------------

/** Measures one metric for one version (`canary` or `stable`, or `preview`/`active` in blue-green). */
export type MeasureFunction = (metric: MetricConfig, version: string, signal: AbortSignal) => Promise<ProviderAnswer>;

export interface RunAnalysisOptions {
  record: AnalysisRecord;
  metrics: MetricConfig[];
  measure: MeasureFunction;
  /** The version under test ({{version}}); the stable one is measured too when a metric compares. */
  version: string;
  baselineVersion?: string;
  /** Step and weight to record with each measurement. */
  where?: { step?: number; weight?: number };
  /** Called after every measurement with the updated record (persist it). */
  onUpdate(record: AnalysisRecord): Promise<void>;
  /** Stop measuring and return (unfinished) when the next measurement would start after this time. */
  deadline?: number | undefined;
  /** Aborting it terminates the run (background analysis): it ends Successful unless a metric failed. */
  stop?: AbortSignal;
  /** Aborting it cancels measurements in flight and returns at once (the process is stopping). */
  cancel?: AbortSignal;
  errorRetryMs?: number | undefined;
  now?: () => number;
}

export interface RunAnalysisResult {
  record: AnalysisRecord;
  /** True when the deadline came first: the record is unfinished and a later run continues it. */
  suspended: boolean;
}

function sleep(ms: number, signals: (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve) => {
    const live = signals.filter((s): s is AbortSignal => s !== undefined);
    if (live.some((s) => s.aborted)) return resolve();
    const done = () => {
      clearTimeout(timer);
      for (const s of live) s.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    for (const s of live) s.addEventListener('abort', done, { once: true });
  });
}

/** Runs (or continues) an analysis until it completes, is stopped, or reaches the deadline. */
export async function runAnalysis(opts: RunAnalysisOptions): Promise<RunAnalysisResult> {
  const now = opts.now ?? Date.now;
  let record = assessRun(opts.record, opts.metrics);
  const startedAt = Date.parse(record.startedAt);
  for (;;) {
    if (isComplete(record.phase)) break;
    if (opts.cancel?.aborted) return { record, suspended: true };
    if (opts.stop?.aborted && !record.terminated) {
      record = assessRun({ ...record, terminated: true }, opts.metrics);
      continue;
    }
    const dues = opts.metrics.map((m, i) => nextDue(m, record.metrics[i] as MetricResult, startedAt, opts.errorRetryMs));
    const pending = dues.filter((d): d is number => d !== undefined);
    if (pending.length === 0) {
      // every metric has what it needs, or it runs until stopped
      if (opts.stop === undefined || record.terminated) break;
      await sleep(60_000, [opts.stop, opts.cancel]);
      continue;
    }
    const next = Math.min(...pending);
    if (opts.deadline !== undefined && next > opts.deadline) return { record, suspended: true };
    await sleep(next - now(), [opts.stop, opts.cancel]);
    if (opts.cancel?.aborted) return { record, suspended: true };
    if (opts.stop?.aborted) continue;
    const t = now();
    const due = opts.metrics.map((_, i) => i).filter((i) => (dues[i] ?? Number.POSITIVE_INFINITY) <= t);
    const controller = new AbortController();
    const onCancel = () => controller.abort();
    opts.cancel?.addEventListener('abort', onCancel, { once: true });
    const results = await Promise.all(
      due.map(async (i) => [i, await measureOnce(opts, opts.metrics[i] as MetricConfig, controller.signal)] as const),
    );
    opts.cancel?.removeEventListener('abort', onCancel);
    if (opts.cancel?.aborted) return { record, suspended: true };
    const metrics = [...record.metrics];
    for (const [i, m] of results) metrics[i] = foldMeasurement(metrics[i] as MetricResult, m);
    record = assessRun({ ...record, metrics }, opts.metrics);
    if (isComplete(record.phase)) record.finishedAt = new Date(now()).toISOString();
    await opts.onUpdate(record);
  }
  if (isComplete(record.phase) && record.finishedAt === undefined) {
    record = { ...record, finishedAt: new Date(now()).toISOString() };
    await opts.onUpdate(record);
  }
  return { record, suspended: false };
}

async function measureOnce(opts: RunAnalysisOptions, metric: MetricConfig, signal: AbortSignal): Promise<Measurement> {
  const now = opts.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const where = opts.where ?? {};
  const baselineVersion = opts.baselineVersion ?? 'stable';
  try {
    const [answer, baseline] = await Promise.all([
      opts.measure(metric, opts.version, signal),
      metric.compare
        ? opts.measure(metric, baselineVersion, signal).then(
            (a) => ({ ok: a }),
            (e: unknown) => ({ error: (e as Error).message }),
          )
        : Promise.resolve(undefined),
    ]);
    const times = { startedAt, finishedAt: new Date(now()).toISOString() };
    if (baseline && 'error' in baseline) return measurementOf(metric, { answer, baselineError: baseline.error }, times, where);
    return measurementOf(metric, baseline ? { answer, baseline: baseline.ok } : { answer }, times, where);
  } catch (e) {
    return measurementOf(metric, { error: (e as Error).message }, { startedAt, finishedAt: new Date(now()).toISOString() }, where);
  }
}

/** A new, empty record for an analysis of some templates' metrics. */
export function newAnalysisRecord(
  kind: AnalysisKind,
  templates: string[],
  metrics: MetricConfig[],
  startedAt: string,
  step?: number,
): AnalysisRecord {
  const r: AnalysisRecord = { kind, templates, phase: 'Pending', startedAt, metrics: metrics.map(newMetricResult) };
  if (step !== undefined) r.step = step;
  return r;
}

import { describe, expect, it } from 'vitest';
import {
  type AnalysisRecord,
  assessRun,
  evaluateMeasurement,
  foldMeasurement,
  type Measurement,
  type MeasurementPhase,
  newAnalysisRecord,
  nextDue,
  type ProviderAnswer,
  runAnalysis,
} from './analysis.ts';
import type { MetricConfig } from './config.ts';
import type { Value } from './expr.ts';
import { metricsOf } from './test-fixtures.ts';

const web = `provider: {web: {url: "http://127.0.0.1:1/x"}}`;
const one = (yaml: string): MetricConfig => {
  const m = metricsOf(`${yaml}\n${web}`)[0];
  if (!m) throw new Error('no metric');
  return m;
};
const answer = (result: Value): ProviderAnswer => ({ result, display: JSON.stringify(result) });

describe("a measurement's outcome (Argo's EvaluateResult)", () => {
  it.each<[string, Value, MeasurementPhase]>([
    ['successCondition: result >= 0.95', 0.97, 'Successful'],
    ['successCondition: result >= 0.95', 0.9, 'Failed'],
    ['failureCondition: result > 0.05', 0.01, 'Successful'],
    ['failureCondition: result > 0.05', 0.2, 'Failed'],
    ['successCondition: result >= 0.95\nfailureCondition: result < 0.5', 0.7, 'Inconclusive'],
    ['successCondition: result >= 0.95\nfailureCondition: result < 0.5', 0.3, 'Failed'],
    ['successCondition: result >= 0.95\nfailureCondition: result < 0.5', 0.99, 'Successful'],
    ['count: 1', 123, 'Successful'],
    ['successCondition: result[0] >= 0.95', [0.97], 'Successful'],
    ['successCondition: result.ok == true', { ok: 1 }, 'Failed'],
    ['successCondition: result + 1', 1, 'Error'],
  ])('%s, result %j → %s', (yaml, result, phase) => {
    expect(evaluateMeasurement(one(yaml), answer(result), undefined).phase).toBe(phase);
  });

  it('no data is Inconclusive by default, and says so', () => {
    const m = one('successCondition: result[0] >= 0.95');
    for (const empty of [[], null, Number.NaN, [Number.NaN]] as Value[]) {
      const e = evaluateMeasurement(m, answer(empty), undefined);
      expect(e.phase).toBe('Inconclusive');
      expect(e.noData).toBe(true);
      expect(e.message).toMatch(/^no data: .*; counted as Inconclusive \(noData: inconclusive\)$/);
    }
    expect(
      evaluateMeasurement(m, { result: [], display: '[]', noData: 'prometheus returned an empty vector for "q"' }, undefined).message,
    ).toBe('no data: prometheus returned an empty vector for "q"; counted as Inconclusive (noData: inconclusive)');
    expect(evaluateMeasurement(one('successCondition: result[0] >= 0.95\nnoData: failed'), answer([]), undefined).phase).toBe('Failed');
    expect(evaluateMeasurement(one('successCondition: result[0] >= 0.95\nnoData: successful'), answer([]), undefined).phase).toBe(
      'Successful',
    );
  });

  it('a condition sees the stable version as baseline', () => {
    const m = metricsOf(
      'successCondition: result[0] >= baseline[0] - 0.01\ncompare: stable\nprovider: {web: {url: "http://127.0.0.1:1/{{version}}"}}',
    )[0] as MetricConfig;
    expect(evaluateMeasurement(m, answer([0.985]), answer([0.99])).phase).toBe('Successful');
    expect(evaluateMeasurement(m, answer([0.9]), answer([0.99]))).toMatchObject({
      phase: 'Failed',
      decision: 'successCondition result[0] >= baseline[0] - 0.01 → false',
    });
  });
});

/** Folds a list of outcomes into a metric and assesses it. */
function outcome(m: MetricConfig, phases: MeasurementPhase[], terminated = false): AnalysisRecord {
  let record = newAnalysisRecord('step', ['t'], [m], new Date(0).toISOString());
  for (const p of phases) {
    const meas: Measurement = { phase: p, startedAt: new Date(0).toISOString(), finishedAt: new Date(0).toISOString() };
    record = { ...record, metrics: [foldMeasurement(record.metrics[0] as NonNullable<(typeof record.metrics)[0]>, meas)] };
  }
  return assessRun({ ...record, ...(terminated ? { terminated: true } : {}) }, [m]);
}

describe("limits and counts (Argo's assessMetricStatus)", () => {
  it.each<[string, MeasurementPhase[], string, RegExp | undefined]>([
    ['interval: 1s\ncount: 3', ['Successful', 'Successful'], 'Running', undefined],
    ['interval: 1s\ncount: 3', ['Successful', 'Successful', 'Successful'], 'Successful', /every metric passed \(t: 3\/3\)/],
    ['interval: 1s\ncount: 3', ['Failed'], 'Failed', /failed \(1\) > failureLimit \(0\)/],
    ['interval: 1s\ncount: 3\nfailureLimit: 1', ['Failed', 'Successful', 'Successful'], 'Successful', undefined],
    ['interval: 1s\ncount: 3\nfailureLimit: 1', ['Failed', 'Failed'], 'Failed', /failed \(2\) > failureLimit \(1\)/],
    ['interval: 1s\ncount: 3\nfailureLimit: -1', ['Failed', 'Failed', 'Failed'], 'Successful', undefined],
    ['interval: 1s\ncount: 3', ['Inconclusive'], 'Inconclusive', /inconclusive \(1\) > inconclusiveLimit \(0\)/],
    ['interval: 1s\ncount: 3\ninconclusiveLimit: 2', ['Inconclusive', 'Inconclusive', 'Successful'], 'Successful', undefined],
    // errors do not count towards count; more than consecutiveErrorLimit (4) in a row is Error
    ['interval: 1s\ncount: 2', ['Error', 'Error', 'Error', 'Error', 'Successful', 'Successful'], 'Successful', undefined],
    [
      'interval: 1s\ncount: 2',
      ['Error', 'Error', 'Error', 'Error', 'Error'],
      'Error',
      /consecutive errors \(5\) > consecutiveErrorLimit \(4\)/,
    ],
    ['interval: 1s\ncount: 9\nconsecutiveErrorLimit: 0', ['Error'], 'Error', undefined],
    ['count: 1', ['Successful'], 'Successful', undefined],
  ])('%j after %j → %s', (yaml, phases, phase, message) => {
    const r = outcome(one(yaml), phases);
    expect(r.phase).toBe(phase);
    if (message) expect(r.message).toMatch(message);
  });

  it('with an interval and no count it runs until stopped, then passes', () => {
    const m = one('interval: 1s\nsuccessCondition: result > 0');
    expect(outcome(m, ['Successful', 'Successful']).phase).toBe('Running');
    expect(outcome(m, ['Successful', 'Successful'], true).phase).toBe('Successful');
    expect(outcome(m, ['Successful', 'Failed'], true).phase).toBe('Failed');
  });

  it('a dry-run metric is measured and never decides', () => {
    const [dry, real] = metricsOf(
      `metrics:\n  - {name: dry, dryRun: true, count: 1, ${web.replace('provider: ', 'provider: ')}}\n  - {name: real, count: 1, ${web}}`,
    );
    let record = newAnalysisRecord('step', ['t'], [dry as MetricConfig, real as MetricConfig], new Date(0).toISOString());
    const failed: Measurement = { phase: 'Failed', startedAt: '', finishedAt: '' };
    const ok: Measurement = { phase: 'Successful', startedAt: '', finishedAt: '' };
    record = { ...record, metrics: [foldMeasurement(record.metrics[0] as never, failed), foldMeasurement(record.metrics[1] as never, ok)] };
    const r = assessRun(record, [dry as MetricConfig, real as MetricConfig]);
    expect(r.metrics[0]?.phase).toBe('Failed');
    expect(r.phase).toBe('Successful');
  });

  it('a failed metric ends the run at once, the others stop', () => {
    const [a, b] = metricsOf(`metrics:\n  - {name: a, interval: 1s, count: 5, ${web}}\n  - {name: b, interval: 1s, count: 5, ${web}}`);
    let record = newAnalysisRecord('step', ['t'], [a as MetricConfig, b as MetricConfig], new Date(0).toISOString());
    record = {
      ...record,
      metrics: [
        foldMeasurement(record.metrics[0] as never, { phase: 'Failed', startedAt: '', finishedAt: '', value: '0.4' }),
        foldMeasurement(record.metrics[1] as never, { phase: 'Successful', startedAt: '', finishedAt: '' }),
      ],
    };
    const r = assessRun(record, [a as MetricConfig, b as MetricConfig]);
    expect(r.phase).toBe('Failed');
    expect(r.message).toBe("metric 'a' (template t) is Failed: failed (1) > failureLimit (0); last: Failed, value 0.4");
    expect(r.metrics[1]?.phase).toBe('Successful');
  });

  it('schedules measurements after the initial delay, at the interval, and errors sooner', () => {
    const m = one('interval: 5s\ncount: 3\ninitialDelay: 2s');
    const r = newAnalysisRecord('step', ['t'], [m], new Date(1000).toISOString()).metrics[0];
    if (!r) throw new Error();
    expect(nextDue(m, r, 1000)).toBe(3000);
    const after = foldMeasurement(r, {
      phase: 'Successful',
      startedAt: new Date(3000).toISOString(),
      finishedAt: new Date(3100).toISOString(),
    });
    expect(nextDue(m, after, 1000)).toBe(8100);
    const err = foldMeasurement(r, { phase: 'Error', startedAt: new Date(3000).toISOString(), finishedAt: new Date(3100).toISOString() });
    expect(nextDue(m, err, 1000, 1000)).toBe(4100);
  });
});

describe('runAnalysis drives the measurements in time', () => {
  it('takes count measurements at the interval, saves after each, and records value, condition and time', async () => {
    const m = one('interval: 200ms\ncount: 3\nsuccessCondition: result[0] >= 0.95');
    const saved: AnalysisRecord[] = [];
    let calls = 0;
    const t0 = Date.now();
    const { record, suspended } = await runAnalysis({
      record: newAnalysisRecord('step', ['t'], [m], new Date().toISOString(), 2),
      metrics: [m],
      version: 'canary',
      where: { step: 2, weight: 10 },
      measure: async () => answer([0.96 + 0.01 * calls++]),
      onUpdate: async (r) => {
        saved.push(r);
      },
    });
    expect(suspended).toBe(false);
    expect(record.phase).toBe('Successful');
    expect(calls).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(400);
    expect(saved.length).toBe(3);
    const ms = record.metrics[0]?.measurements ?? [];
    expect(ms.map((x) => x.number)).toEqual([0.96, 0.97, 0.98]);
    expect(ms[0]).toMatchObject({
      phase: 'Successful',
      value: '[0.96]',
      decision: 'successCondition result[0] >= 0.95 → true',
      step: 2,
      weight: 10,
    });
    expect(Date.parse(ms[1]?.startedAt ?? '') - Date.parse(ms[0]?.finishedAt ?? '')).toBeGreaterThanOrEqual(190);
  });

  it('continues a saved record without repeating its measurements', async () => {
    const m = one('interval: 100ms\ncount: 4\nsuccessCondition: result > 0');
    let first: AnalysisRecord | undefined;
    const stop = new AbortController();
    let n = 0;
    const r1 = await runAnalysis({
      record: newAnalysisRecord('step', ['t'], [m], new Date().toISOString()),
      metrics: [m],
      version: 'canary',
      measure: async () => answer(++n),
      onUpdate: async (r) => {
        first = r;
        if ((r.metrics[0]?.count ?? 0) === 2) stop.abort();
      },
      cancel: stop.signal,
    });
    expect(r1.suspended).toBe(true);
    expect(first?.metrics[0]?.count).toBe(2);
    const r2 = await runAnalysis({
      record: first as AnalysisRecord,
      metrics: [m],
      version: 'canary',
      measure: async () => answer(++n),
      onUpdate: async () => {},
    });
    expect(r2.record.phase).toBe('Successful');
    expect(r2.record.metrics[0]?.measurements.map((x) => x.number)).toEqual([1, 2, 3, 4]);
  });

  it('stops at the deadline, leaving the record to continue', async () => {
    const m = one('interval: 10s\ncount: 3\nsuccessCondition: result > 0');
    const r = await runAnalysis({
      record: newAnalysisRecord('step', ['t'], [m], new Date().toISOString()),
      metrics: [m],
      version: 'canary',
      measure: async () => answer(1),
      onUpdate: async () => {},
      deadline: Date.now() + 1000,
    });
    expect(r.suspended).toBe(true);
    expect(r.record.metrics[0]?.count).toBe(1);
    expect(r.record.phase).toBe('Running');
  });

  it('a background analysis runs until stopped', async () => {
    const m = one('interval: 100ms\nsuccessCondition: result > 0');
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 450);
    const r = await runAnalysis({
      record: newAnalysisRecord('background', ['t'], [m], new Date().toISOString()),
      metrics: [m],
      version: 'canary',
      measure: async () => answer(1),
      onUpdate: async () => {},
      stop: stop.signal,
    });
    expect(r.record.phase).toBe('Successful');
    expect(r.record.metrics[0]?.count).toBeGreaterThanOrEqual(3);
    expect(r.record.message).toMatch(/every metric passed/);
  });

  it('a provider error is an Error measurement with its message, retried', async () => {
    const m = one('interval: 100ms\ncount: 2\nconsecutiveErrorLimit: 1\nsuccessCondition: result > 0');
    const r = await runAnalysis({
      record: newAnalysisRecord('step', ['t'], [m], new Date().toISOString()),
      metrics: [m],
      version: 'canary',
      measure: async () => {
        throw new Error('connection refused');
      },
      onUpdate: async () => {},
      errorRetryMs: 50,
    });
    expect(r.record.phase).toBe('Error');
    expect(r.record.metrics[0]?.measurements.map((x) => x.message)).toEqual(['connection refused', 'connection refused']);
    expect(r.record.message).toMatch(/consecutive errors \(2\) > consecutiveErrorLimit \(1\); last: Error, connection refused/);
  });
});

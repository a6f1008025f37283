import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/harness/ports.ts';
import { type Prometheus, startPrometheus } from '../../test/harness/prometheus.ts';
import { newAnalysisRecord, runAnalysis } from './analysis.ts';
import type { MetricConfig, ProviderConfig } from './config.ts';
import { followJsonPath, MeasurementError, providerMeasure, queryPrometheus, queryWeb, runCommand } from './providers.ts';
import { metricsOf } from './test-fixtures.ts';

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    });
  });
}

const signal = () => new AbortController().signal;
const provider = <K extends ProviderConfig['kind']>(yaml: string): Extract<ProviderConfig, { kind: K }> =>
  (metricsOf(yaml)[0] as MetricConfig).provider as Extract<ProviderConfig, { kind: K }>;

describe('prometheus provider against a real Prometheus', () => {
  let prom: Prometheus;
  let metrics: { server: Server; url: string };
  // gauges the test sets; Prometheus scrapes them every second
  const gauges: Record<string, string> = { canary: '0.5', stable: '0.99', idle: 'NaN' };

  beforeAll(async () => {
    metrics = await listen((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(
        [
          '# TYPE success_ratio gauge',
          ...Object.entries(gauges).map(([v, x]) => `success_ratio{version="${v}"} ${x}`),
          '# TYPE requests_total counter',
          'requests_total{version="canary"} 10',
          'requests_total{version="stable"} 90',
          '',
        ].join('\n'),
      );
    });
    prom = await startPrometheus({ scrape: [{ job: 'shop', targets: [metrics.url.replace('http://', '')] }] });
    await prom.waitForScrapes(1);
  });

  afterAll(async () => {
    await prom?.stop();
    metrics?.server.close();
  });

  it('a vector is a list of numbers', async () => {
    const p = provider<'prometheus'>(`provider: {prometheus: {address: "${prom.url}", query: 'success_ratio{version="{{version}}"}'}}`);
    const a = await queryPrometheus(p, { version: 'canary' }, {}, signal());
    expect(a).toEqual({ result: [0.5], display: '[0.5]' });
  });

  it('a scalar is a number', async () => {
    const p = provider<'prometheus'>(
      `provider: {prometheus: {address: "${prom.url}", query: 'scalar(sum(requests_total{version="canary"}) / sum(requests_total))'}}`,
    );
    expect((await queryPrometheus(p, {}, {}, signal())).result).toBe(0.1);
  });

  it('an empty vector is no data, and so is NaN', async () => {
    const p = provider<'prometheus'>(`provider: {prometheus: {address: "${prom.url}", query: 'success_ratio{version="{{version}}"}'}}`);
    const none = await queryPrometheus(p, { version: 'nobody' }, {}, signal());
    expect(none).toEqual({
      result: [],
      display: '[]',
      noData: 'prometheus returned an empty vector for "success_ratio{version=\\"nobody\\"}"',
    });
    const nan = await queryPrometheus(p, { version: 'idle' }, {}, signal());
    expect(nan.noData).toMatch(/gave only NaN \(nothing to divide: no traffic\?\)/);
  });

  it("a bad query is an error carrying Prometheus's reason", async () => {
    const p = provider<'prometheus'>(`provider: {prometheus: {address: "${prom.url}", query: 'sum(rate(x[5m]'}}`);
    await expect(queryPrometheus(p, {}, {}, signal())).rejects.toThrow(
      /refused the query "sum\(rate\(x\[5m\]" \(HTTP 400\): bad_data: .*parse error/,
    );
  });

  it('an unreachable Prometheus is an error naming it', async () => {
    const port = await freePort();
    const p = provider<'prometheus'>(`provider: {prometheus: {address: "http://127.0.0.1:${port}", query: 'up', timeout: 2s}}`);
    await expect(queryPrometheus(p, {}, {}, signal())).rejects.toThrow(
      `prometheus http://127.0.0.1:${port}/api/v1/query?query=up: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('an analysis compares the canary with the stable, measurement by measurement, and fails on the canary', async () => {
    const [m] = metricsOf(
      `interval: 300ms\ncount: 3\nfailureLimit: 1\ncompare: stable\nsuccessCondition: result[0] >= 0.95 && result[0] >= baseline[0] - 0.02\nprovider: {prometheus: {address: "${prom.url}", query: 'success_ratio{version="{{version}}"}'}}`,
    );
    const metric = m as MetricConfig;
    const measure = providerMeasure({ shared: { env: 'production' }, digests: {}, env: {}, cwd: process.cwd() });
    const { record } = await runAnalysis({
      record: newAnalysisRecord('step', ['t'], [metric], new Date().toISOString(), 1),
      metrics: [metric],
      measure,
      version: 'canary',
      where: { step: 1, weight: 10 },
      onUpdate: async () => {},
    });
    expect(record.phase).toBe('Failed');
    const ms = record.metrics[0]?.measurements ?? [];
    expect(ms).toHaveLength(2);
    expect(ms[0]).toMatchObject({
      phase: 'Failed',
      value: '[0.5]',
      number: 0.5,
      baseline: '[0.99]',
      baselineNumber: 0.99,
      step: 1,
      weight: 10,
    });
    expect(ms[0]?.decision).toBe('successCondition result[0] >= 0.95 && result[0] >= baseline[0] - 0.02 → false');
    expect(record.message).toMatch(/failed \(2\) > failureLimit \(1\); last: Failed, value \[0.5\], stable \[0.99\]/);
  });

  it('with no data the analysis is Inconclusive and says so', async () => {
    const [m] = metricsOf(
      `count: 1\nsuccessCondition: result[0] >= 0.95\nprovider: {prometheus: {address: "${prom.url}", query: 'success_ratio{version="nobody"}'}}`,
    );
    const metric = m as MetricConfig;
    const measure = providerMeasure({ shared: {}, digests: {}, env: {}, cwd: process.cwd() });
    const { record } = await runAnalysis({
      record: newAnalysisRecord('step', ['t'], [metric], new Date().toISOString()),
      metrics: [metric],
      measure,
      version: 'canary',
      onUpdate: async () => {},
    });
    expect(record.phase).toBe('Inconclusive');
    expect(record.message).toMatch(/no data: prometheus returned an empty vector/);
  });
});

describe('web provider against a local HTTP server', () => {
  let srv: { server: Server; url: string };
  const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];

  beforeAll(async () => {
    srv = await listen((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url?.startsWith('/stats')) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ latency: { p99: req.url.includes('canary') ? 0.8 : 0.2 }, items: [{ ok: true }] }));
        } else if (req.url === '/text') res.writeHead(200).end('  all good\n');
        else if (req.url === '/down') res.writeHead(503).end('overloaded');
        else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('{}'), 3000);
        else res.writeHead(404).end();
      });
    });
  });
  afterAll(() => {
    srv?.server.closeAllConnections();
    srv?.server.close();
  });

  it('follows the JSONPath, sends headers (secrets from the environment) and the body', async () => {
    const p = provider<'web'>(
      `provider: {web: {url: "${srv.url}/stats?v={{version}}", method: POST, body: {ask: "{{version}}"}, jsonPath: "{$.latency.p99}", headers: [{key: X-Env, value: "{{env}}"}, {key: Authorization, valueFrom: {env: STATS_TOKEN}}]}}`,
    );
    const a = await queryWeb(p, { version: 'canary', env: 'prod' }, { STATS_TOKEN: 'Bearer s3cret-token' }, signal());
    expect(a).toEqual({ result: 0.8, display: '0.8' });
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ method: 'POST', url: '/stats?v=canary', body: '{"ask":"canary"}' });
    expect(last?.headers).toMatchObject({ 'x-env': 'prod', authorization: 'Bearer s3cret-token', 'content-type': 'application/json' });
    expect(followJsonPath({ items: [{ ok: true }] }, "$['items'][0].ok")).toBe(true);
  });

  it('a text answer is a string; a non-2xx answer, a missing path, a timeout are errors', async () => {
    expect((await queryWeb(provider<'web'>(`provider: {web: {url: "${srv.url}/text"}}`), {}, {}, signal())).result).toBe('all good');
    await expect(queryWeb(provider<'web'>(`provider: {web: {url: "${srv.url}/down"}}`), {}, {}, signal())).rejects.toThrow(
      /answered HTTP 503: "overloaded"/,
    );
    await expect(
      queryWeb(provider<'web'>(`provider: {web: {url: "${srv.url}/stats", jsonPath: "$.nope"}}`), {}, {}, signal()),
    ).rejects.toThrow(/jsonPath \$.nope finds nothing/);
    await expect(queryWeb(provider<'web'>(`provider: {web: {url: "${srv.url}/slow", timeout: 300ms}}`), {}, {}, signal())).rejects.toThrow(
      /no answer within 0.3 s|did not end within/,
    );
  });

  it('a secret never reaches a message', async () => {
    const p = provider<'web'>(`provider: {web: {url: "${srv.url}/down", headers: [{key: Authorization, valueFrom: {env: T}}]}}`);
    const e = await queryWeb(p, {}, { T: 'overloaded' }, signal()).catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(MeasurementError);
    expect((e as Error).message).not.toContain('overloaded');
    await expect(queryWeb(p, {}, {}, signal())).rejects.toThrow('header Authorization: the environment variable T is not set');
  });
});

describe('command provider with real processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-cmd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = (name: string, body: string) => {
    const f = join(dir, name);
    writeFileSync(f, `#!/bin/sh\n${body}\n`);
    chmodSync(f, 0o755);
    return f;
  };

  it('exit code 0 passes, another fails (the implicit condition result == 0)', async () => {
    const ok = script('ok.sh', 'exit 0');
    const bad = script('bad.sh', 'echo broken >&2; exit 3');
    const [mOk] = metricsOf(`provider: {command: {argv: [${ok}]}}`);
    const [mBad] = metricsOf(`provider: {command: {argv: [${bad}]}}`);
    for (const [m, phase] of [
      [mOk, 'Successful'],
      [mBad, 'Failed'],
    ] as const) {
      const metric = m as MetricConfig;
      const { record } = await runAnalysis({
        record: newAnalysisRecord('step', ['t'], [metric], new Date().toISOString()),
        metrics: [metric],
        measure: providerMeasure({ shared: {}, digests: {}, env: process.env, cwd: dir }),
        version: 'canary',
        onUpdate: async () => {},
      });
      expect(record.phase).toBe(phase);
    }
    const a = await runCommand((mBad as MetricConfig).provider as never, {}, process.env, dir, signal());
    expect(a).toEqual({ result: 3, display: 'exit code 3 (broken)' });
  });

  it('the last number printed, with placeholders in argv and FLOTILLA_* variables', async () => {
    const f = script('num.sh', 'echo "checking $1 ($FLOTILLA_VERSION, $FLOTILLA_DIGEST)"; echo "error rate: 0.012"');
    const p = provider<'command'>(`provider: {command: {argv: [${f}, "{{version}}"], result: number}}`);
    const a = await runCommand(p, { version: 'canary', digest: 'sha256:abc' }, process.env, dir, signal());
    expect(a.result).toBe(0.012);
    const none = await runCommand(
      provider<'command'>(`provider: {command: {argv: [${script('quiet.sh', 'echo done')}], result: number}}`),
      {},
      process.env,
      dir,
      signal(),
    );
    expect(none.noData).toBe(`command ${join(dir, 'quiet.sh')} printed no number`);
  });

  it('a command that hangs is killed at its timeout; a missing one is an error', async () => {
    const f = script('hang.sh', 'sleep 30');
    const t0 = Date.now();
    await expect(
      runCommand(provider<'command'>(`provider: {command: {argv: [${f}], timeout: 300ms}}`), {}, process.env, dir, signal()),
    ).rejects.toThrow(/did not finish within 0.3 s; killed/);
    expect(Date.now() - t0).toBeLessThan(5000);
    await expect(
      runCommand(provider<'command'>('provider: {command: {argv: [/nonexistent/x]}}'), {}, process.env, dir, signal()),
    ).rejects.toThrow('command /nonexistent/x: not found');
  });
});

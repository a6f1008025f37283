/**
 * actions/canary's dist run as the runner runs it (INPUT_* variables,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), against the registry harness and a
 * real Prometheus, with the gateway-api provider.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appStore, type MetricsServer, pushApp, startMetrics, writeSpec } from '../shared/rollout/test-apps.ts';
import { runActionDist } from './harness/action-runner.ts';
import { type Prometheus, startPrometheus } from './harness/prometheus.ts';
import { type Registry, startRegistry } from './harness/registry.ts';

const dist = join(import.meta.dirname, '..', 'actions', 'canary', 'dist', 'index.js');
let registry: Registry;
let prom: Prometheus;
let metrics: MetricsServer;
let dir: string;
let v1: string;
let v2: string;

beforeAll(async () => {
  [registry, metrics] = await Promise.all([startRegistry(), startMetrics()]);
  prom = await startPrometheus({ scrape: [{ job: 'shop', targets: [metrics.target] }] });
  dir = mkdtempSync(join(tmpdir(), 'flotilla-canary-action-'));
  const store = appStore(registry.host, 'shop/platform');
  v1 = await pushApp(store, 'production', 1);
  v2 = await pushApp(store, '2.0.0', 2);
  writeSpec(
    dir,
    `repository: ${registry.host}/shop/platform
canary:
  steps:
    - setWeight: 10
    - analysis: {templates: [success-rate]}
    - setWeight: 50
    - analysis: {templates: [success-rate]}
traffic:
  gatewayApi: {parentRefs: [{name: edge}], output: deploy}
analysisTemplates:
  success-rate:
    interval: 300ms
    count: 3
    compare: stable
    successCondition: result[0] >= 0.95
    provider:
      prometheus: {address: "${prom.url}", query: 'app_success_ratio{version="{{version}}"}'}`,
    'production: {}\nstaging: {}',
  );
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  metrics?.close();
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('start promotes a healthy canary: outputs, and a summary with the steps table and the analysis chart', async () => {
  metrics.set('stable', 0.99);
  metrics.set('canary', 0.97);
  await prom.waitForScrapes(2);
  const run = await runActionDist(
    dist,
    { environment: 'production', canary: `${registry.host}/shop/platform:2.0.0` },
    { cwd: dir, env: { GITHUB_RUN_ID: '42', GITHUB_REPOSITORY: 'acme/shop', GITHUB_ACTOR: 'alice' } },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.outputs).toMatchObject({
    phase: 'Healthy',
    step: '4',
    weight: '100',
    'stable-digest': v1,
    'canary-digest': v2,
    'live-digest': v2,
  });
  expect(run.outputs.message).toMatch(/^Healthy: /);
  expect(run.summary).toContain('### Rollout of production: Healthy');
  expect(run.summary).toContain('| # | step | status | started | finished | result |');
  expect(run.summary).toMatch(/\| 2 \| analysis success-rate \| done \| .* \| Successful \(success-rate: 3✓ 0✗ 0\? 0!\) \|/);
  expect(run.summary).toContain('```mermaid\nxychart-beta\n  title "success-rate: canary vs stable"');
  expect(run.summary).toContain('x-axis ["step 2 at 10% (1)", "step 2 at 10% (2)", "step 2 at 10% (3)"]');
  expect(run.summary).toContain('line [0.97, 0.97, 0.97]\n  line [0.99, 0.99, 0.99]\n  line [0.95, 0.95, 0.95]');
  expect(run.summary).toContain('line 1: canary · line 2: stable · line 3: threshold of `result[0] >= 0.95`');
  expect(run.summary).toMatch(
    /\| .* \| workflow run https:\/\/github.com\/acme\/shop\/actions\/runs\/42 \(attempt 1, by alice\) \| start \|/,
  );
});

it('a failed analysis fails the step, names the metric, its value and the condition, and stable serves', async () => {
  metrics.set('canary', 0.4);
  await prom.waitForScrapes(2);
  const v3 = await pushApp(appStore(registry.host, 'shop/platform'), '3.0.0', 3);
  const run = await runActionDist(
    dist,
    { environment: 'production', command: 'start', canary: `${registry.host}/shop/platform:3.0.0` },
    { cwd: dir },
  );
  expect(run.code).toBe(1);
  expect(run.outputs).toMatchObject({ phase: 'Aborted', weight: '0', 'live-digest': v2, 'canary-digest': v3 });
  expect(run.annotations.join('\n')).toMatch(/::error::flotilla canary: Aborted: the stable version sha256:\w+ is serving all traffic/);
  expect(run.summary).toMatch(/\| abort \| step 2: analysis failed: metric success-rate\/success-rate = \[0.4\] \(stable \[0.99\]\)/);
  const status = await runActionDist(dist, { environment: 'production', command: 'status' }, { cwd: dir });
  expect(status.code).toBe(0);
  expect(status.outputs.phase).toBe('Aborted');
});

it('bad inputs fail with a clear message, a spec error with its line', async () => {
  const bad = await runActionDist(dist, { environment: 'production', command: 'deploy' }, { cwd: dir });
  expect(bad.code).toBe(1);
  expect(bad.stdout).toContain(
    "::error::flotilla canary [USAGE]: input 'command' must be one of start, continue, status, promote, abort, retry, rollback, got 'deploy'",
  );
  const env = await runActionDist(dist, { environment: 'qa', command: 'status' }, { cwd: dir });
  expect(env.stdout).toMatch(
    /::error title=SPEC_ENVIRONMENT_UNKNOWN,file=flotilla.yaml,line=9,col=1::.*environment 'qa' is not in .*flotilla.yaml; known: production, staging/,
  );
});

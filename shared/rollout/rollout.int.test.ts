/**
 * The first end-to-end path of rollouts, with the gateway-api provider (no
 * splitter needed): the state in a real registry, analysis against a real
 * Prometheus scraping a metrics server of the test, the HTTPRoute and
 * SpinApps written at each step; abort, retry, promote, promote --full,
 * no data, blue-green, rollback, a second run refused.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Prometheus, startPrometheus } from '../../test/harness/prometheus.ts';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import type { ContentStore } from '../oci/store.ts';
import { MANIFEST_FILES } from './gateway-api.ts';
import { runRollout } from './run.ts';
import { RolloutLockedError, RolloutStateError, STATE_ARTIFACT_TYPE } from './state.ts';
import { resolveTag, StateStore } from './state-store.ts';
import { appStore, type MetricsServer, pushApp, startMetrics, writeSpec } from './test-apps.ts';

let registry: Registry;
let prom: Prometheus;
let metrics: MetricsServer;
let dir: string;
let store: ContentStore;
let v1: string;
let v2: string;
let v3: string;
let specFile: string;

const ENVS = ['healthy', 'bad', 'nodata', 'manual', 'full', 'bg-pre', 'bg-post', 'lease'];

beforeAll(async () => {
  [registry, metrics] = await Promise.all([startRegistry(), startMetrics()]);
  prom = await startPrometheus({ scrape: [{ job: 'shop', targets: [metrics.target] }] });
  dir = mkdtempSync(join(tmpdir(), 'flotilla-rollout-'));
  store = appStore(registry.host, 'shop/platform');
  v1 = await pushApp(store, '1.0.0', 1);
  v2 = await pushApp(store, '2.0.0', 2);
  v3 = await pushApp(store, '3.0.0', 3);
  for (const env of ENVS) await pushApp(store, env, 1); // what each environment runs before the rollout: v1
  const query = `app_success_ratio{version="{{version}}"}`;
  specFile = writeSpec(
    dir,
    `repository: ${registry.host}/shop/platform
leaseDuration: 2s
canary:
  steps:
    - setWeight: 10
    - analysis: {templates: [success-rate]}
    - setWeight: 50
    - pause: {duration: 500ms}
    - analysis: {templates: [success-rate]}
traffic:
  provider: gateway-api
  gatewayApi:
    name: shop
    namespace: shop
    parentRefs: [{name: edge, namespace: infra}]
    hostnames: [shop.example.com]
blueGreen:
  prePromotionAnalysis: {templates: [smoke]}
  postPromotionAnalysis: {templates: [success-rate]}
analysisTemplates:
  success-rate:
    interval: 500ms
    count: 2
    compare: stable
    successCondition: result[0] >= 0.95
    provider:
      prometheus: {address: "${prom.url}", query: '${query}'}
  smoke:
    count: 1
    successCondition: result[0] >= 0.95
    provider:
      prometheus: {address: "${prom.url}", query: 'app_success_ratio{version="preview"}'}`,
    ENVS.map((e) => `${e}:\n  rollout:\n    strategies: [canary, blue-green]\n    gatewayApi: {output: deploy/${e}}`).join('\n'),
  );
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  metrics?.close();
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function health(values: Record<string, number | undefined>): Promise<void> {
  for (const [k, v] of Object.entries(values)) metrics.set(k, v);
  await prom.waitForScrapes(2);
}

const base = () => ({ spec: specFile, cwd: dir, env: {}, errorRetryMs: 200 });
const route = (env: string, folder = join(dir, 'deploy', env)) => parse(readFileSync(join(folder, MANIFEST_FILES.route), 'utf8'));
const spinApp = (env: string, v: 'stable' | 'canary') => parse(readFileSync(join(dir, 'deploy', env, MANIFEST_FILES[v]), 'utf8'));
const tagOf = async (tag: string) => (await resolveTag(store, tag))?.digest;

describe('canary through the gateway-api provider', () => {
  it('a healthy canary goes 10 → 50 → promoted, with analysis at each step, the HTTPRoute following the steps', async () => {
    await health({ stable: 0.99, canary: 0.99 });
    const weights: number[] = [];
    const r = await runRollout({
      ...base(),
      environment: 'healthy',
      command: 'start',
      canary: `${registry.host}/shop/platform:2.0.0`,
      log: (line) => {
        if (line.includes('setWeight')) weights.push(route('healthy').spec.rules[0].backendRefs[1].weight);
      },
    });
    expect(r.outputs).toMatchObject({ phase: 'Healthy', weight: 100, stableDigest: v1, canaryDigest: v2, liveDigest: v2, steps: 5 });
    expect(weights).toEqual([10, 50]);
    expect(r.text).toMatch(/^Healthy: .*2.0.0 was promoted; it is the stable version and serves all traffic \(healthy → sha256:/);
    expect(r.text).toContain('is kept as healthy-previous');
    // tags: live and stable on v2, the previous stable kept under a tag of its own
    expect(await tagOf('healthy')).toBe(v2);
    expect(await tagOf('healthy-stable')).toBe(v2);
    expect(await tagOf('healthy-previous')).toBe(v1);
    expect(await tagOf('healthy-canary')).toBe(v2);
    // manifests after promotion: both SpinApps on v2, all traffic on stable
    expect(spinApp('healthy', 'stable')).toMatchObject({
      apiVersion: 'core.spinkube.dev/v1alpha1',
      kind: 'SpinApp',
      metadata: { name: 'shop-stable', namespace: 'shop' },
      spec: { image: `${registry.host}/shop/platform@${v2}`, executor: 'containerd-shim-spin', replicas: 1 },
    });
    expect(spinApp('healthy', 'canary').spec.image).toBe(`${registry.host}/shop/platform@${v2}`);
    const rt = route('healthy');
    expect(rt).toMatchObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'shop', namespace: 'shop' },
      spec: { hostnames: ['shop.example.com'], parentRefs: [{ name: 'edge', namespace: 'infra', kind: 'Gateway' }] },
    });
    expect(rt.spec.rules[0].backendRefs).toEqual([
      { group: '', kind: 'Service', name: 'shop-stable', port: 80, weight: 100 },
      { group: '', kind: 'Service', name: 'shop-canary', port: 80, weight: 0 },
    ]);
    // the state in the registry: its own artifact type, every measurement with value, baseline, condition and time
    const { state } = await new StateStore(store, 'flotilla-rollout-healthy').read();
    expect(state?.phase).toBe('Healthy');
    expect(state?.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const m = state?.steps[1]?.analysis?.metrics[0]?.measurements ?? [];
    expect(m).toHaveLength(2);
    expect(m[0]).toMatchObject({
      phase: 'Successful',
      value: '[0.99]',
      baseline: '[0.99]',
      decision: 'successCondition result[0] >= 0.95 → true',
      step: 1,
      weight: 10,
    });
    expect(Date.parse(m[0]?.finishedAt ?? '')).toBeGreaterThan(0);
    expect(state?.lease).toBeUndefined();
    expect(state?.runs[state.runs.length - 1]).toMatchObject({ command: 'start', result: 'Healthy' });
    const manifest = await store.fetchManifest('flotilla-rollout-healthy');
    expect(JSON.parse(new TextDecoder().decode(manifest.bytes)).artifactType).toBe(STATE_ARTIFACT_TYPE);
  });

  it('a failing canary is aborted at the first analysis: live back on the same stable digest at once, the reason kept', async () => {
    await health({ stable: 0.99, canary: 0.5 });
    const before = await tagOf('bad');
    const r = await runRollout({ ...base(), environment: 'bad', command: 'start', canary: `${registry.host}/shop/platform:3.0.0` });
    expect(r.abortedNow).toBe(true);
    expect(r.outputs).toMatchObject({ phase: 'Aborted', weight: 0, liveDigest: before, canaryDigest: v3 });
    expect(await tagOf('bad')).toBe(before);
    expect(route('bad').spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([100, 0]);
    expect(r.text).toMatch(
      /^Aborted: the stable version sha256:\w+ is serving all traffic \(bad → sha256:\w+\); the canary .*3.0.0 serves nothing\./,
    );
    expect(r.text).toContain(
      'Why: step 2: analysis failed: metric success-rate/success-rate = [0.5] (stable [0.99]), successCondition result[0] >= 0.95',
    );
    expect(r.text).toMatch(
      /Next: fix the canary and start again .* or run the same canary again from the first step \(flotilla canary retry <spec> --env bad\)/,
    );
    const { state } = await new StateStore(store, 'flotilla-rollout-bad').read();
    const abort = state?.decisions.find((d) => d.action === 'abort');
    expect(abort).toMatchObject({
      by: 'analysis',
      metric: 'success-rate/success-rate',
      value: '[0.5]',
      baseline: '[0.99]',
      condition: 'successCondition result[0] >= 0.95',
    });
    expect(state?.steps.map((s) => s.status)).toEqual(['done', 'started', 'pending', 'pending', 'pending']);
    // status says it plainly, and does not change anything
    const st = await runRollout({ ...base(), environment: 'bad', command: 'status' });
    expect(st.text).toBe(r.text);
    // retry runs the same canary from the first step; now healthy, it is promoted
    await health({ canary: 0.99 });
    const again = await runRollout({ ...base(), environment: 'bad', command: 'retry' });
    expect(again.outputs).toMatchObject({ phase: 'Healthy', liveDigest: v3 });
    const after = await new StateStore(store, 'flotilla-rollout-bad').read();
    expect(after.state?.decisions.map((d) => d.action)).toContain('retry');
    expect(after.state?.id).toBe(state?.id);
  });

  it('no data pauses as Inconclusive, says so, and does not roll back; continue measures again', async () => {
    await health({ stable: 0.99, canary: undefined });
    const r = await runRollout({ ...base(), environment: 'nodata', command: 'start', canary: `${registry.host}/shop/platform:2.0.0` });
    expect(r.abortedNow).toBe(false);
    expect(r.outputs).toMatchObject({ phase: 'Inconclusive', weight: 10, step: 2 });
    expect(r.text).toMatch(
      /^Inconclusive: the analysis could not decide \(step 2: analysis inconclusive: .*no data: prometheus returned an empty vector for "app_success_ratio\{version=\\"canary\\"\}"/,
    );
    expect(r.text).toContain('Nothing was rolled back: 10% of the traffic stays on the canary');
    expect(route('nodata').spec.rules[0].backendRefs[1].weight).toBe(10);
    await health({ canary: 0.98 });
    const c = await runRollout({ ...base(), environment: 'nodata', command: 'continue' });
    expect(c.outputs).toMatchObject({ phase: 'Healthy', liveDigest: v2 });
  });
});

describe('commands: pause, promote, promote --full, a second run', () => {
  it('pause {} waits for promote; promote --full skips the remaining steps and analyses', async () => {
    await health({ stable: 0.99, canary: 0.99 });
    const spec2 = writeSpec(
      join(dir, 'manual'),
      `repository: ${registry.host}/shop/platform
canary:
  steps:
    - setWeight: 20
    - pause: {}
    - setWeight: 60
    - pause: {}
    - analysis: {templates: [never]}
traffic:
  gatewayApi: {parentRefs: [{name: edge}], output: deploy}
analysisTemplates:
  never:
    count: 1
    successCondition: "false"
    provider: {prometheus: {address: "${prom.url}", query: up}}`,
      'manual: {}',
    );
    const o = { spec: spec2, cwd: dir, env: {}, environment: 'manual' } as const;
    const r1 = await runRollout({ ...o, command: 'start', canary: `${registry.host}/shop/platform:2.0.0` });
    expect(r1.outputs).toMatchObject({ phase: 'Paused', weight: 20, step: 2 });
    expect(r1.text).toMatch(/^Paused at step 2 of 5 \(pause until promote\): 20% of the traffic on the canary/);
    const r2 = await runRollout({ ...o, command: 'continue' });
    expect(r2.outputs.phase).toBe('Paused');
    const r3 = await runRollout({ ...o, command: 'promote' });
    expect(r3.outputs).toMatchObject({ phase: 'Paused', weight: 60, step: 4 });
    const r4 = await runRollout({ ...o, command: 'promote', full: true });
    expect(r4.outputs).toMatchObject({ phase: 'Healthy', weight: 100, liveDigest: v2 });
    const { state } = await new StateStore(store, 'flotilla-rollout-manual').read();
    expect(state?.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'skipped', 'skipped']);
    expect(state?.decisions.map((d) => d.action)).toEqual(['start', 'step', 'promote', 'step', 'promote-full', 'promote']);
    await expect(runRollout({ ...o, command: 'promote' })).rejects.toThrow(RolloutStateError);
  });

  it('a second run while the first holds the lease is refused, naming the first; abort always goes through', async () => {
    await health({ stable: 0.99, canary: 0.99 });
    const spec3 = writeSpec(
      join(dir, 'lease'),
      `repository: ${registry.host}/shop/platform
leaseDuration: 4s
canary:
  steps:
    - setWeight: 10
    - pause: {duration: 30s}
traffic:
  gatewayApi: {parentRefs: [{name: edge}], output: deploy}`,
      'lease: {}',
    );
    const o = { spec: spec3, cwd: dir, environment: 'lease' } as const;
    const first = runRollout({
      ...o,
      env: { GITHUB_RUN_ID: '111', GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'acme/shop', GITHUB_ACTOR: 'alice', GITHUB_JOB: 'canary' },
      command: 'start',
      canary: `${registry.host}/shop/platform:2.0.0`,
    });
    // the first run ends (with an error) when the abort lands: keep its outcome from the start
    const firstDone = first.catch((e: unknown) => e);
    const states = new StateStore(store, 'flotilla-rollout-lease');
    for (let i = 0; i < 100 && (await states.read()).state?.phase !== 'Paused'; i++) await new Promise((r) => setTimeout(r, 100));
    const second = await runRollout({ ...o, env: { GITHUB_RUN_ID: '222' }, command: 'continue' }).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(RolloutLockedError);
    expect((second as Error).message).toMatch(
      /^the rollout of lease is held by workflow run https:\/\/github.com\/acme\/shop\/actions\/runs\/111 \(attempt 1, job canary, by alice\) \(start, since .*\) until .*; wait for that run to end or cancel it/,
    );
    // the first run renews its lease while it waits (heartbeat): it is still held after the lease's duration.
    // Watched in the state, not timed: past the first expiry, once a renewal shows a lease good for a while more
    const firstExpiry = Date.parse((await states.read()).state?.lease?.expiresAt ?? '');
    for (let i = 0; i < 300; i++) {
      const expires = Date.parse((await states.read()).state?.lease?.expiresAt ?? '');
      if (Date.now() > firstExpiry && expires > Date.now() + 1500) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(Date.now()).toBeGreaterThan(firstExpiry);
    await expect(runRollout({ ...o, env: {}, command: 'continue' })).rejects.toThrow(RolloutLockedError);
    // abort goes through; the first run stops at its next write, and stable serves
    const ab = await runRollout({ ...o, env: { GITHUB_ACTOR: 'bob' }, command: 'abort' });
    expect(ab.outputs).toMatchObject({ phase: 'Aborted', liveDigest: await tagOf('lease') });
    expect(ab.text).toMatch(/Why: aborted by bob on .* \(while workflow run .*111.* held the lease; that run stops at its next write\)/);
    const firstResult = await firstDone;
    expect((firstResult as Error).message ?? '').toMatch(
      /the rollout state was changed by .*bob.* \(abort; the rollout is now (Paused|Aborted)\)/,
    );
    // the aborted run's lease went with the abort: a new rollout can start at once
    expect((await states.read()).state?.lease).toBeUndefined();
    expect(route('lease', join(dir, 'lease', 'deploy')).spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([
      100, 0,
    ]);
  }, 60_000);
});

describe('background analysis', () => {
  const bgSpec = () =>
    writeSpec(
      join(dir, 'background'),
      `repository: ${registry.host}/shop/platform
canary:
  steps:
    - setWeight: 10
    - pause: {duration: 3s}
    - setWeight: 40
    - pause: {duration: 20s}
  analysis:
    templates: [success-rate]
    startingStep: 1
traffic:
  gatewayApi: {parentRefs: [{name: edge}], output: deploy}
analysisTemplates:
  success-rate:
    interval: 400ms
    successCondition: result[0] >= 0.95
    provider:
      prometheus: {address: "${prom.url}", query: 'app_success_ratio{version="{{version}}"}'}`,
      'bg-ok: {}\nbg-bad: {}',
    );

  it('runs alongside the steps from its starting step, and aborts the moment it fails, without waiting for the pause', async () => {
    await health({ stable: 0.99, canary: 0.99 });
    const spec = bgSpec();
    await pushApp(store, 'bg-bad', 1);
    const before = await tagOf('bg-bad');
    setTimeout(() => metrics.set('canary', 0.3), 4500);
    const t0 = Date.now();
    const r = await runRollout({
      spec,
      cwd: dir,
      env: {},
      environment: 'bg-bad',
      command: 'start',
      canary: `${registry.host}/shop/platform:2.0.0`,
    });
    expect(r.outputs).toMatchObject({ phase: 'Aborted', liveDigest: before, weight: 0 });
    expect(r.text).toContain('Why: background analysis: analysis failed: metric success-rate/success-rate = [0.3]');
    const { state } = await new StateStore(store, 'flotilla-rollout-bg-bad').read();
    expect(state?.background?.phase).toBe('Failed');
    expect(state?.background?.metrics[0]?.measurements.filter((m) => m.phase === 'Successful').length).toBeGreaterThan(0);
    expect(state?.background?.metrics[0]?.measurements[0]?.step).toBeUndefined();
    expect(state?.steps[3]?.status).toBe('started');
    // the abort came during the 20 s pause, not after it (read in the state: no wall-clock bound on a loaded machine)
    const abortAt = Date.parse(state?.decisions.find((d) => d.action === 'abort')?.at ?? '');
    expect(abortAt).toBeLessThan(Date.parse(state?.steps[3]?.until ?? ''));
    expect(abortAt).toBeGreaterThan(t0);
    expect(route('bg-bad', join(dir, 'background', 'deploy')).spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([
      100, 0,
    ]);
  }, 60_000);

  it('a healthy background analysis ends Successful when the steps end, and the canary is promoted', async () => {
    await health({ stable: 0.99, canary: 0.99 });
    const spec = writeSpec(
      join(dir, 'background-ok'),
      `repository: ${registry.host}/shop/platform
canary:
  steps:
    - setWeight: 10
    - pause: {duration: 1500ms}
  analysis:
    templates: [success-rate]
traffic:
  gatewayApi: {parentRefs: [{name: edge}], output: deploy}
analysisTemplates:
  success-rate:
    interval: 300ms
    successCondition: result[0] >= 0.95
    provider:
      prometheus: {address: "${prom.url}", query: 'app_success_ratio{version="{{version}}"}'}`,
      'bg-ok: {}',
    );
    await pushApp(store, 'bg-ok', 1);
    const r = await runRollout({
      spec,
      cwd: dir,
      env: {},
      environment: 'bg-ok',
      command: 'start',
      canary: `${registry.host}/shop/platform:2.0.0`,
    });
    expect(r.outputs).toMatchObject({ phase: 'Healthy', liveDigest: v2 });
    const { state } = await new StateStore(store, 'flotilla-rollout-bg-ok').read();
    expect(state?.background?.phase).toBe('Successful');
    expect(state?.background?.terminated).toBe(true);
    expect(state?.background?.metrics[0]?.count).toBeGreaterThanOrEqual(3);
  }, 60_000);
});

describe('blue-green', () => {
  it('a failing pre-promotion analysis leaves active untouched', async () => {
    await health({ preview: 0.2 });
    const before = await tagOf('bg-pre');
    const r = await runRollout({
      ...base(),
      environment: 'bg-pre',
      command: 'start',
      strategy: 'blue-green',
      canary: `${registry.host}/shop/platform:2.0.0`,
    });
    expect(r.outputs).toMatchObject({ phase: 'Aborted', liveDigest: before });
    expect(await tagOf('bg-pre')).toBe(before);
    expect(await tagOf('bg-pre-preview')).toBe(v2);
    expect(r.text).toContain(
      'Why: pre-promotion analysis: analysis failed: metric smoke/smoke = [0.2], successCondition result[0] >= 0.95',
    );
  });

  it('a post-promotion failure switches back; a promoted one can be rolled back to the previous digest', async () => {
    await health({ preview: 0.99, active: 0.3, stable: 0.99 });
    const before = await tagOf('bg-post');
    const r = await runRollout({
      ...base(),
      environment: 'bg-post',
      command: 'start',
      strategy: 'blue-green',
      canary: `${registry.host}/shop/platform:3.0.0`,
    });
    expect(r.outputs).toMatchObject({ phase: 'Aborted', liveDigest: before });
    expect(await tagOf('bg-post')).toBe(before);
    const { state } = await new StateStore(store, 'flotilla-rollout-bg-post').read();
    expect(state?.decisions.map((d) => d.action)).toEqual(['start', 'step', 'step', 'switch', 'abort', 'switch-back']);
    // healthy now: promoted, then rolled back in one command to the digest that ran before
    await health({ active: 0.99 });
    const ok = await runRollout({
      ...base(),
      environment: 'bg-post',
      command: 'start',
      strategy: 'blue-green',
      canary: `${registry.host}/shop/platform:3.0.0`,
    });
    expect(ok.outputs).toMatchObject({ phase: 'Healthy', liveDigest: v3 });
    expect(await tagOf('bg-post-previous')).toBe(before);
    const back = await runRollout({ ...base(), environment: 'bg-post', command: 'rollback' });
    expect(back.outputs.liveDigest).toBe(before);
    expect(await tagOf('bg-post')).toBe(before);
    expect(await tagOf('bg-post-previous')).toBe(v3);
  });

  it('a strategy the environment does not allow is refused with the spec line', async () => {
    const spec4 = writeSpec(join(dir, 'only'), `repository: ${registry.host}/shop/platform`, 'prod:\n  rollout:\n    strategies: [canary]');
    await expect(
      runRollout({
        spec: spec4,
        cwd: dir,
        env: {},
        environment: 'prod',
        command: 'start',
        strategy: 'blue-green',
        canary: `${registry.host}/shop/platform:2.0.0`,
      }),
    ).rejects.toThrow(
      /only\/flotilla.yaml:14:19: environments.prod.rollout.strategies: strategy 'blue-green' is not allowed in environment 'prod' \(allowed: canary\)/,
    );
    void v1;
  });
});

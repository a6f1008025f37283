// The seed's canary of the e-commerce user service, with the in-app splitter:
// every component published to a real registry and signed with the team's
// release key, the platform live under `production`, followed by the real
// `flotilla serve --follow` (a child process), a real Prometheus scraping its
// admin port, load from the test the whole time. Each step composes the
// platform with a generated splitter between the gateway and the user
// service, signs it, publishes it and moves the live tag; the analysis asks
// Prometheus for the canary's error ratio on the live digest.
// - healthy v2.1.0: 10 → 50 → promoted, analysis at each step; live is the
//   platform with v2.1.0 alone, signed, and `flotilla verify` passes it;
// - a user service that fails half its calls, through the canary action's
//   dist as the runner runs it: aborted at the first analysis, live back on
//   the same stable bytes, no request failed during the switches.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../shared/oci/digest.ts';
import type { ContentStore } from '../shared/oci/store.ts';
import { openRemote } from '../shared/registry-config/open.ts';
import { ROLLOUT_ANNOTATIONS } from '../shared/rollout/in-app.ts';
import { runRollout } from '../shared/rollout/run.ts';
import { StateStore } from '../shared/rollout/state-store.ts';
import { runActionDist } from './harness/action-runner.ts';
import { freePort } from './harness/ports.ts';
import { type Prometheus, startPrometheus } from './harness/prometheus.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { type ServeProcess, type Shop, serveFollow, setUpShop, startTraffic } from './support/ecommerce-rollout.ts';

const DIST = join(import.meta.dirname, '..', 'actions', 'canary', 'dist', 'index.js');
const BIN = join(import.meta.dirname, '..', 'bin', 'flotilla.js');

let registry: Registry;
let prom: Prometheus;
let work: string;
let shop: Shop;
let app: ContentStore;
let cache: string;
const admin: Record<string, number> = {};
const stable: Record<string, string> = {};
const stableBytes: Record<string, string> = {};
let serving: ServeProcess | undefined;

const QUERY =
  'sum(flotilla_interposer_errors_total{version="canary",digest="{{live.digest}}"}) / sum(flotilla_interposer_calls_total{version="canary",digest="{{live.digest}}"})';

const ROLLOUT = (promUrl: string) => `canary:
  component: user-service
  steps:
    - setWeight: 10
    - analysis: {templates: [canary-errors]}
    - setWeight: 50
    - analysis: {templates: [canary-errors]}
analysisTemplates:
  canary-errors:
    interval: 1s
    count: 3
    # until serve runs the step's app and Prometheus has scraped it, the query has no data: retried, not counted
    noData: error
    consecutiveErrorLimit: 600
    successCondition: result[0] <= 0.05
    failureCondition: result[0] > 0.2
    provider:
      prometheus:
        address: ${promUrl}
        query: '${QUERY}'`;

const tag = async (t: string) => (await app.resolve(t)).digest;
const manifestOf = async (ref: string) => {
  const m = await app.fetchManifest(ref);
  return {
    digest: m.descriptor.digest,
    bytes: Buffer.from(m.bytes).toString('base64'),
    json: JSON.parse(new TextDecoder().decode(m.bytes)),
  };
};

beforeAll(async () => {
  registry = await startRegistry();
  work = mkdtempSync(join(tmpdir(), 'flotilla-ecommerce-canary-'));
  cache = join(work, 'store');
  for (const env of ['production', 'bad']) admin[env] = await freePort();
  prom = await startPrometheus({ scrape: [{ job: 'serve', targets: Object.values(admin).map((p) => `127.0.0.1:${p}`) }] });
  shop = await setUpShop(join(work, 'shop'), registry.host, ROLLOUT(prom.url), ['production', 'bad']);
  app = openRemote(shop.repository);
  // the first release of each environment: nothing is live yet, so v2.0.0 goes live at once
  for (const environment of ['production', 'bad']) {
    const r = await runRollout({
      spec: shop.spec,
      cwd: shop.dir,
      env: { FLOTILLA_CACHE: cache },
      environment,
      command: 'start',
      canary: shop.userService('v2.0.0'),
      signing: { kind: 'key', key: shop.keyFile },
    });
    expect(r.outputs.phase).toBe('Healthy');
    stable[environment] = r.outputs.liveDigest;
    stableBytes[environment] = (await manifestOf(stable[environment] ?? '')).bytes;
  }
}, 900_000);

afterAll(async () => {
  await serving?.stop();
  await prom?.stop();
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the e-commerce user service canary with the in-app splitter', () => {
  it('healthy v2.1.0 goes 10 → 50 → promoted with analysis at each step; live is v2.1.0 alone, signed, and verify passes', async () => {
    serving = await serveFollow(`${shop.repository}:production`, shop.dir, admin.production ?? 0);
    await serving.waitForDigest(stable.production ?? '');
    const traffic = startTraffic(serving.url, 20);
    const steps: string[] = [];
    const r = await runRollout({
      spec: shop.spec,
      cwd: shop.dir,
      env: { FLOTILLA_CACHE: cache },
      environment: 'production',
      command: 'start',
      canary: shop.userService('v2.1.0'),
      signing: { kind: 'key', key: shop.keyFile },
      log: (line) => {
        if (/setWeight|analysis passed/.test(line)) steps.push(line);
      },
    });
    expect(r.outputs, r.text).toMatchObject({ phase: 'Healthy', weight: 100, stableDigest: stable.production });
    expect(steps.map((l) => /setWeight (\d+)|analysis passed/.exec(l)?.[0])).toEqual([
      'setWeight 10',
      'analysis passed',
      'setWeight 50',
      'analysis passed',
    ]);
    const live = await tag('production');
    expect(live).toBe(r.outputs.canaryDigest);
    expect(await tag('production-stable')).toBe(live);
    expect(await tag('production-previous')).toBe(stable.production);
    // serve follows the tag to the promoted app; no request failed on the way
    await serving.waitForDigest(live);
    await traffic.stop();
    expect(traffic.failures).toEqual([]);
    expect(traffic.sent()).toBeGreaterThan(100);

    // each step's app: the splitter at the step's weight, naming both versions, each measured on its own digest
    const { state } = await new StateStore(app, 'flotilla-rollout-production').read();
    const v20 = (await openRemote(`${registry.host}/company/ecommerce/user-service`).resolve('v2.0.0')).digest;
    const v21 = (await openRemote(`${registry.host}/company/ecommerce/user-service`).resolve('v2.1.0')).digest;
    for (const w of [10, 50]) {
      const m = await manifestOf(`production-canary-w${w}`);
      expect(m.json.annotations).toMatchObject({
        [ROLLOUT_ANNOTATIONS.weight]: String(w),
        [ROLLOUT_ANNOTATIONS.component]: 'user-service',
        [ROLLOUT_ANNOTATIONS.canary]: `${shop.userService('v2.1.0')}@${v21}`,
        [ROLLOUT_ANNOTATIONS.stable]: `${shop.userService('v2.0.0')}@${v20}`,
      });
      const step = state?.steps.find((s) => s.kind === 'analysis' && s.index === (w === 10 ? 1 : 3));
      expect(step?.analysis?.phase).toBe('Successful');
      expect(step?.analysis?.metrics[0]?.measurements.filter((x) => x.phase === 'Successful').length).toBe(3);
      expect(state?.decisions.some((d) => d.reason.includes(`weight ${w}%`) && d.reason.includes(m.digest))).toBe(true);
    }
    // live: the platform with v2.1.0 alone (no splitter), published and signed; verify passes it and finds v2.1.0 in it
    const final = await manifestOf(live);
    expect(final.json.annotations[ROLLOUT_ANNOTATIONS.weight]).toBe('100');
    expect(final.json.annotations[ROLLOUT_ANNOTATIONS.stable]).toBeUndefined();
    const verify = spawnSync(
      process.execPath,
      [BIN, 'verify', `${shop.repository}@${live}`, '--policy', 'policy.yaml', '--env', 'production', '--json'],
      { cwd: shop.dir, encoding: 'utf8', env: { ...process.env, FLOTILLA_CACHE: cache } },
    );
    expect(verify.status, `${verify.stdout}\n${verify.stderr}`).toBe(0);
    const report = JSON.parse(verify.stdout) as { verdict: string };
    expect(report.verdict).toBe('pass');
    expect(verify.stdout).toContain(v21);
    expect(verify.stdout).not.toContain(v20);
    // serve's metrics: the live app has no splitter any more
    const metrics = await (await fetch(`${serving.adminUrl}/metrics`)).text();
    expect(metrics).not.toContain(
      `flotilla_interposer_calls_total{interposer="users",interface="ecommerce:platform/users@1.0.0",function="authenticate",version="canary",digest="${live}"`,
    );
    await serving.stop();
    serving = undefined;
  }, 900_000);

  it('a user service failing half its calls is aborted at the first analysis, through the action; stable bytes back, no failed request', async () => {
    serving = await serveFollow(`${shop.repository}:bad`, shop.dir, admin.bad ?? 0);
    await serving.waitForDigest(stable.bad ?? '');
    const traffic = startTraffic(serving.url, 20);
    const run = await runActionDist(
      DIST,
      {
        spec: 'flotilla.yaml',
        environment: 'bad',
        command: 'start',
        canary: shop.userService('v2.2.0-failing'),
        signing: 'key',
        'key-file': shop.keyFile,
      },
      { cwd: shop.dir, env: { FLOTILLA_CACHE: cache }, timeoutMs: 600_000 },
    );
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.outputs.phase).toBe('Aborted');
    expect(run.outputs['live-digest']).toBe(stable.bad);
    expect(run.stdout).toMatch(
      /::error::flotilla canary: Aborted: .*Why: step 2: analysis failed: metric canary-errors\/canary-errors = \[0\.\d+\], successCondition result\[0\] <= 0\.05 → false; failureCondition result\[0\] > 0\.2 → true/,
    );
    expect(run.summary).toContain('```mermaid');
    // the live tag names the very manifest that served before the rollout
    const back = await manifestOf('bad');
    expect(back.digest).toBe(stable.bad);
    expect(back.bytes).toBe(stableBytes.bad);
    expect(sha256(Buffer.from(back.bytes, 'base64'))).toBe(stable.bad);
    // the split app did go live (and was measured) before the abort
    const { state } = await new StateStore(app, 'flotilla-rollout-bad').read();
    const w10 = await manifestOf('bad-canary-w10');
    expect(state?.decisions.some((d) => d.reason.includes(w10.digest))).toBe(true);
    expect(state?.steps[2]?.status).toBe('pending');
    await serving.waitForDigest(stable.bad ?? '');
    await new Promise((r) => setTimeout(r, 2000));
    await traffic.stop();
    expect(traffic.failures).toEqual([]);
    expect(traffic.sent()).toBeGreaterThan(50);
    // the failing canary answered through the splitter: Prometheus kept its errors on the split app's digest
    const errors = await prom.query(`max(max_over_time(flotilla_interposer_errors_total{version="canary",digest="${w10.digest}"}[15m]))`);
    expect(errors[0]?.value).toBeGreaterThan(0);
    await serving.stop();
    serving = undefined;
  }, 900_000);
});

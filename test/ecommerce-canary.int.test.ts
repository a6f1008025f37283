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
// - a run SIGKILLed after its first step: a second run is refused naming it,
//   and `continue` in a new process goes on without repeating the step; the
//   analysis then finds no data (nothing serves that environment) and the
//   rollout pauses Inconclusive, saying so, without rolling back;
// - a user service that fails half its calls, through the canary action's
//   dist as the runner runs it: aborted at the first analysis, live back on
//   the same stable bytes, no request failed during the switches.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushFile } from '../shared/artifact/operations.ts';
import { sha256 } from '../shared/oci/digest.ts';
import type { ContentStore } from '../shared/oci/store.ts';
import { RegistryClients } from '../shared/registry-config/open.ts';
import { InAppDeployError, ROLLOUT_ANNOTATIONS } from '../shared/rollout/in-app.ts';
import { runRollout } from '../shared/rollout/run.ts';
import { StateStore } from '../shared/rollout/state-store.ts';
import { runActionDist } from './harness/action-runner.ts';
import { freePort } from './harness/ports.ts';
import { type Prometheus, startPrometheus } from './harness/prometheus.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { type ServeProcess, type Shop, serveFollow, setUpShop, startTraffic, writeShopSpec } from './support/ecommerce-rollout.ts';

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
let resumeSpec: string;

/** `flotilla canary …` as its own process (the CLI a workflow step runs). */
function canaryCli(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'canary', ...args], {
    cwd: shop.dir,
    env: { ...process.env, FLOTILLA_FROM_SOURCE: '1', FLOTILLA_CACHE: cache },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

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
  resumeSpec = '';
  prom = await startPrometheus({ scrape: [{ job: 'serve', targets: Object.values(admin).map((p) => `127.0.0.1:${p}`) }] });
  shop = await setUpShop(join(work, 'shop'), registry.host, ROLLOUT(prom.url), ['production', 'bad']);
  app = new RegistryClients().repository(shop.repository);
  // a rollout with a pause after its first step and an analysis nothing can feed (no host serves `resume`)
  resumeSpec = writeShopSpec(
    shop.dir,
    registry.host,
    'resume.yaml',
    `leaseDuration: 3s
canary:
  component: user-service
  steps:
    - setWeight: 10
    - pause: {duration: 3s}
    - setWeight: 50
    - analysis: {templates: [canary-calls]}
analysisTemplates:
  canary-calls:
    successCondition: result[0] > 0
    provider:
      prometheus:
        address: ${prom.url}
        query: 'sum(flotilla_interposer_calls_total{version="canary",digest="{{live.digest}}"})'`,
    ['resume'],
  );
  // the first release of each environment: nothing is live yet, so v2.0.0 goes live at once
  for (const environment of ['production', 'bad', 'resume']) {
    const r = await runRollout({
      spec: environment === 'resume' ? resumeSpec : shop.spec,
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
    const v20 = (await new RegistryClients().repository(`${registry.host}/company/ecommerce/user-service`).resolve('v2.0.0')).digest;
    const v21 = (await new RegistryClients().repository(`${registry.host}/company/ecommerce/user-service`).resolve('v2.1.0')).digest;
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

  it('an unsigned canary component is refused by the policy at compose: nothing is published, no tag or state moves', async () => {
    // v2.1.0 with a custom section: other bytes, so none of the signatures made for v2.1.0 applies
    const file = join(shop.dir, 'user-service-v2.3.0-unsigned.wasm');
    const name = Buffer.from('flotilla-test');
    const payload = Buffer.from('unsigned');
    const section = Buffer.concat([Buffer.from([0, 1 + name.length + payload.length, name.length]), name, payload]);
    writeFileSync(file, Buffer.concat([readFileSync(join(shop.dir, 'user-service-v2.1.0.wasm')), section]));
    const unsigned = `${registry.host}/company/ecommerce/user-service:v2.3.0-unsigned`;
    await pushFile(file, unsigned, { cwd: shop.dir, env: {} });
    const states = new StateStore(app, 'flotilla-rollout-production');
    const before = await states.read();
    const live = await tag('production');
    const refused = await runRollout({
      spec: shop.spec,
      cwd: shop.dir,
      env: { FLOTILLA_CACHE: cache },
      environment: 'production',
      command: 'start',
      canary: unsigned,
      signing: { kind: 'key', key: shop.keyFile },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InAppDeployError);
    expect((refused as Error).message).toMatch(
      /^composing ecommerce-platform with user-service .*v2\.3\.0-unsigned: .*user-service.*; nothing was deployed$/s,
    );
    expect((refused as { cause?: { code?: string } }).cause?.code).toBe('COMPOSE_POLICY_REFUSED');
    expect(await tag('production')).toBe(live);
    expect((await states.read()).digest).toBe(before.digest);
  }, 300_000);

  it('a run killed after its first step: a second run is refused; continue in a new process does not repeat it; no data pauses', async () => {
    const states = new StateStore(app, 'flotilla-rollout-resume');
    const first = canaryCli(['start', 'resume.yaml', '--env', 'resume', '--canary', shop.userService('v2.1.0'), '--key', shop.keyFile]);
    let before: Awaited<ReturnType<typeof states.read>>['state'];
    for (let i = 0; i < 2400; i++) {
      before = (await states.read()).state;
      if (before?.steps[0]?.status === 'done' && before.steps[1]?.status === 'started') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(before?.steps[0]?.status, first.stderr()).toBe('done');
    first.child.kill('SIGKILL');
    expect((await first.done).code).toBe(null);
    const w10 = await tag('resume');
    expect(w10).toBe((await manifestOf('resume-canary-w10')).digest);
    // a second run while the dead run's lease lasts: refused, naming it
    const second = await canaryCli(['continue', 'resume.yaml', '--env', 'resume', '--key', shop.keyFile]).done;
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/error \[ROLLOUT_LOCKED\]: the rollout of resume is held by .*pid \d+.* \(start, since /);
    // once it expires, continue goes on where the dead run stopped
    const expires = Date.parse(before?.lease?.expiresAt ?? '');
    await new Promise((r) => setTimeout(r, Math.max(0, expires - Date.now() + 200)));
    const third = await canaryCli(['continue', 'resume.yaml', '--env', 'resume', '--key', shop.keyFile, '--json']).done;
    expect(third.code, third.stderr).toBe(0);
    const out = JSON.parse(third.stdout) as {
      outputs: { phase: string; weight: number; liveDigest: string; stableDigest: string };
      text: string;
    };
    const after = (await states.read()).state;
    expect(after?.steps[0]).toEqual(before?.steps[0]);
    expect(after?.decisions.filter((d) => d.action === 'step' && d.reason.startsWith('step 1:'))).toHaveLength(1);
    expect(after?.decisions.filter((d) => d.action === 'step' && d.reason.startsWith('step 3: weight 50%'))).toHaveLength(1);
    expect(after?.runs.map((r) => r.command).slice(-2)).toEqual(['start', 'continue']);
    // no data: Inconclusive, said plainly, nothing rolled back (live stays on the 50% app)
    expect(out.outputs).toMatchObject({ phase: 'Inconclusive', weight: 50, stableDigest: stable.resume });
    expect(out.outputs.liveDigest).toBe((await manifestOf('resume-canary-w50')).digest);
    expect(await tag('resume')).toBe(out.outputs.liveDigest);
    expect(out.text).toMatch(/no data: prometheus returned an empty vector/);
    expect(after?.decisions.map((d) => d.action)).not.toContain('abort');
  }, 600_000);

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
  it('blue-green of the user service: the preview is the app composed with v2.1.0; the switch keeps the previous; rollback restores it', async () => {
    const before = await manifestOf('bad');
    const o = { spec: shop.spec, cwd: shop.dir, env: { FLOTILLA_CACHE: cache }, environment: 'bad' } as const;
    const r = await runRollout({
      ...o,
      command: 'start',
      strategy: 'blue-green',
      canary: shop.userService('v2.1.0'),
      signing: { kind: 'key', key: shop.keyFile },
    });
    expect(r.outputs, r.text).toMatchObject({ phase: 'Healthy', stableDigest: before.digest });
    const preview = await manifestOf('bad-preview');
    expect(preview.digest).toBe(r.outputs.canaryDigest);
    expect(preview.json.annotations[ROLLOUT_ANNOTATIONS.canary]).toMatch(/user-service:v2\.1\.0@sha256:/);
    expect(await tag('bad')).toBe(preview.digest);
    expect(await tag('bad-previous')).toBe(before.digest);
    const back = await runRollout({ ...o, command: 'rollback' });
    expect(back.outputs.liveDigest).toBe(before.digest);
    expect((await manifestOf('bad')).bytes).toBe(before.bytes);
    expect(await tag('bad-previous')).toBe(preview.digest);
  }, 300_000);
});

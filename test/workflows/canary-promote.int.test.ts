/**
 * promote.yml with strategy: canary, dispatched in the e-commerce
 * repository (through its promote.yml calling Flotilla's at v1): the
 * in-app canary of the user service, served by the real `flotilla serve
 * --follow` under load, measured by a real Prometheus. Each case is one
 * rollout across two dispatch runs: `start` runs to the pause after the
 * first step, `promote` continues it from the state in the registry:
 * - production, healthy v2.1.0: 10% → pause | → 50% → analysis → Healthy;
 * - staging, a user service failing half its calls: 10% → pause | → 50% →
 *   analysis fails → Aborted automatically, live back on the stable app.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentStore } from '../../shared/oci/store.ts';
import { RegistryClients } from '../../shared/registry-config/open.ts';
import { runRollout } from '../../shared/rollout/run.ts';
import { type GitHubApiStandIn, startGitHubApi } from '../harness/github-api/index.ts';
import { freePort } from '../harness/ports.ts';
import { type Prometheus, startPrometheus } from '../harness/prometheus.ts';
import { type Registry, startRegistry } from '../harness/registry.ts';
import {
  ArtifactStore,
  type MadeRepository,
  makeRepository,
  Repositories,
  type RunResult,
  WorkflowRunner,
} from '../harness/workflow-runner/index.ts';
import { type ServeProcess, type Shop, serveFollow, setUpShop, startTraffic } from '../support/ecommerce-rollout.ts';
import { flotillaRepository, root } from './fixtures.ts';

const QUERY =
  'sum(flotilla_interposer_errors_total{version="canary",digest="{{live.digest}}"}) / sum(flotilla_interposer_calls_total{version="canary",digest="{{live.digest}}"})';
const ROLLOUT = (promUrl: string) => `canary:
  component: user-service
  steps:
    - setWeight: 10
    - pause: {}
    - setWeight: 50
    - analysis: {templates: [canary-errors]}
analysisTemplates:
  canary-errors:
    interval: 1s
    count: 3
    noData: error
    consecutiveErrorLimit: 600
    successCondition: result[0] <= 0.05
    failureCondition: result[0] > 0.2
    provider:
      prometheus:
        address: ${promUrl}
        query: '${QUERY}'`;

let registry: Registry;
let prom: Prometheus;
let api: GitHubApiStandIn;
let work: string;
let shop: Shop;
let app: ContentStore;
let repo: MadeRepository;
let self: MadeRepository;
let artifacts: ArtifactStore;
let runner: WorkflowRunner;
let key: string;
const admin: Record<string, number> = {};
const stable: Record<string, string> = {};
let serving: ServeProcess | undefined;

beforeAll(async () => {
  [registry, api] = await Promise.all([startRegistry(), startGitHubApi()]);
  work = mkdtempSync(join(tmpdir(), 'flotilla-promote-canary-'));
  for (const env of ['production', 'staging']) admin[env] = await freePort();
  prom = await startPrometheus({ scrape: [{ job: 'serve', targets: Object.values(admin).map((p) => `127.0.0.1:${p}`) }] });
  shop = await setUpShop(join(work, 'shop'), registry.host, ROLLOUT(prom.url), ['production', 'staging']);
  app = new RegistryClients().repository(shop.repository);
  key = readFileSync(shop.keyFile, 'utf8');
  // the first release of each environment: nothing is live yet, so v2.0.0 goes live at once
  for (const environment of ['production', 'staging']) {
    const r = await runRollout({
      spec: shop.spec,
      cwd: shop.dir,
      env: { FLOTILLA_CACHE: join(work, 'store') },
      environment,
      command: 'start',
      canary: shop.userService('v2.0.0'),
      signing: { kind: 'key', key: shop.keyFile },
    });
    expect(r.outputs.phase).toBe('Healthy');
    stable[environment] = r.outputs.liveDigest;
  }
  // the e-commerce repository: its spec, policy and public key (the private key is a secret), and the service repository's promote.yml
  const staged = join(work, 'repo');
  cpSync(shop.dir, staged, { recursive: true, filter: (src) => !src.endsWith('release.key') && !src.endsWith('.wasm') });
  cpSync(join(root, 'examples', 'service-repo', '.github'), join(staged, '.github'), { recursive: true });
  rmSync(join(staged, '.github', 'workflows', 'release.yml'));
  repo = makeRepository({ copy: { [staged]: '.' } });
  self = flotillaRepository();
  artifacts = new ArtifactStore();
  runner = new WorkflowRunner({
    repositories: new Repositories().add('company/ecommerce', repo.dir).add('flotilla-dev/flotilla', self.dir),
    githubApi: api,
    artifacts,
  });
}, 900_000);

afterAll(async () => {
  await serving?.stop();
  runner?.close();
  artifacts?.remove();
  await Promise.all([prom?.stop(), registry?.stop(), api?.close()]);
  repo?.remove();
  self?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

const tag = async (t: string) => (await app.resolve(t)).digest;

function dispatch(environment: string, command: string, version = '') {
  return runner.run({
    repository: 'company/ecommerce',
    workflow: '.github/workflows/promote.yml',
    event: 'workflow_dispatch',
    inputs: { environment, version, strategy: 'canary', 'rollout-command': command },
    secrets: { FLOTILLA_SIGNING_KEY: key },
    environments: { [environment]: {} },
  });
}

function logs(r: RunResult): string {
  return r.jobs.map((j) => `== ${j.id} (${j.result})\n${j.log.join('\n')}`).join('\n');
}

function rolloutDeployments(environment: string) {
  return api.deployments('company/ecommerce').filter((d) => d.environment === environment && d.task === 'deploy:canary');
}

describe('promote.yml, strategy: canary, two dispatch runs of one rollout', () => {
  it('production: start runs to the pause at 10%; promote continues it to 50%, the analysis passes, Healthy', async () => {
    serving = await serveFollow(`${shop.repository}:production`, shop.dir, admin.production ?? 0);
    await serving.waitForDigest(stable.production ?? '');
    const traffic = startTraffic(serving.url, 20);

    const first = await dispatch('production', 'start', shop.userService('v2.1.0'));
    expect(first.conclusion, logs(first)).toBe('success');
    expect(first.job('promote / canary').outputs).toMatchObject({ phase: 'Paused', weight: '10', 'stable-digest': stable.production });
    const w10 = await tag('production');
    expect(w10).toBe((await app.resolve('production-canary-w10')).digest);
    // the rollout job ran in its concurrency group, with only the permissions it needs
    const job = first.job('promote / canary / rollout');
    expect(job.concurrency?.group).toBe('flotilla-rollout-company/ecommerce-flotilla.yaml-production');
    expect(job.permissions).toEqual({ contents: 'read', packages: 'write', deployments: 'write' });
    expect(job.idToken).toBe(false);
    // the plan job said where the rollout stood before anything moved: v2.0.0 live, no rollout yet
    expect(first.job('promote / plan').summary).toContain('Rollout of production');

    await serving.waitForDigest(w10);
    const second = await dispatch('production', 'promote');
    expect(second.conclusion, logs(second)).toBe('success');
    const out = second.job('promote / canary').outputs;
    expect(out).toMatchObject({ phase: 'Healthy', weight: '100', 'stable-digest': stable.production });
    expect(out['canary-digest']).toBe(first.job('promote / canary').outputs['canary-digest']);
    expect(await tag('production')).toBe(out['live-digest']);
    expect(second.job('promote / canary / rollout').log.join('\n')).toMatch(/analysis passed/);
    await serving.waitForDigest(out['live-digest'] ?? '');
    await traffic.stop();
    expect(traffic.failures).toEqual([]);

    // a deployment per run: in_progress → success, the first replaced (inactive) by the second
    const [d1, d2] = rolloutDeployments('production');
    expect(d2?.payload).toMatchObject({ digest: out['canary-digest'], stable: stable.production });
    expect(api.statuses('company/ecommerce', d2?.id ?? 0).map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(api.latestState('company/ecommerce', d1?.id ?? 0)).toBe('inactive');
    await serving.stop();
    serving = undefined;
  }, 900_000);

  it('staging: a user service failing half its calls is aborted automatically by the second run; live is back on the stable app', async () => {
    serving = await serveFollow(`${shop.repository}:staging`, shop.dir, admin.staging ?? 0);
    await serving.waitForDigest(stable.staging ?? '');
    const traffic = startTraffic(serving.url, 20);

    const first = await dispatch('staging', 'start', shop.userService('v2.2.0-failing'));
    expect(first.conclusion, logs(first)).toBe('success');
    expect(first.job('promote / canary').outputs).toMatchObject({ phase: 'Paused', weight: '10' });
    await serving.waitForDigest(await tag('staging'));

    const second = await dispatch('staging', 'promote');
    expect(second.conclusion).toBe('failure');
    const rollout = second.job('promote / canary / rollout');
    expect(rollout.result).toBe('failure');
    const step = rollout.steps.find((s) => s.name === 'Rollout');
    expect(step?.outputs).toMatchObject({ phase: 'Aborted', 'live-digest': stable.staging });
    expect(rollout.annotations.map((a) => a.message).join('\n')).toMatch(
      /Aborted: .*analysis failed: metric canary-errors\/canary-errors = \[0\.\d+\].*failureCondition result\[0\] > 0\.2 → true/s,
    );
    expect(await tag('staging')).toBe(stable.staging);
    await serving.waitForDigest(stable.staging ?? '');
    await traffic.stop();
    expect(traffic.failures).toEqual([]);
    // the aborted run's deployment failed; the paused one before it stays as it was
    const [d1, d2] = rolloutDeployments('staging');
    expect(api.statuses('company/ecommerce', d2?.id ?? 0).map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(api.latestState('company/ecommerce', d1?.id ?? 0)).toBe('success');
    await serving.stop();
    serving = undefined;
  }, 900_000);
});

/**
 * GitHub deployments recorded by the publish and canary actions (their
 * dist bundles, run as the runner runs them) at the GitHub REST stand-in:
 * the deployment with the digests in its payload, `auto_merge: false`,
 * `required_contexts: []`, statuses in_progress → success | failure, and
 * `inactive` on the deployment a later success replaced.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appStore, pushApp, writeSpec } from '../shared/rollout/test-apps.ts';
import { runActionDist } from './harness/action-runner.ts';
import { type GitHubApiStandIn, startGitHubApi } from './harness/github-api/index.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { makeComponent } from './harness/wasm-fixtures.ts';

const root = join(import.meta.dirname, '..');
const publish = join(root, 'actions', 'publish', 'dist', 'index.js');
const canary = join(root, 'actions', 'canary', 'dist', 'index.js');
const SHA = 'a'.repeat(40);

let registry: Registry;
let api: GitHubApiStandIn;
let dir: string;
let token: string;
let env: Record<string, string>;

beforeAll(async () => {
  [registry, api] = await Promise.all([
    startRegistry(),
    // a pending check on the commit: GitHub's default required_contexts would refuse the deploy
    startGitHubApi({
      repositories: { 'acme/shop': { refs: { main: SHA }, commitStatuses: { [SHA]: [{ context: 'ci', state: 'pending' }] } } },
    }),
  ]);
  token = api.issueToken({ repositories: ['acme/shop'], permissions: { deployments: 'write' } });
  dir = mkdtempSync(join(tmpdir(), 'flotilla-deployments-'));
  writeFileSync(join(dir, 'v1.wasm'), await makeComponent('run', 1));
  writeFileSync(join(dir, 'v2.wasm'), await makeComponent('run', 2));
  env = {
    GITHUB_API_URL: api.url,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: SHA,
    GITHUB_RUN_ID: '8100',
    GITHUB_SERVER_URL: 'https://github.com',
    FLOTILLA_REGISTRIES: `stage|${registry.host}|oci|anonymous`,
    SOURCE_DATE_EPOCH: '1767225600',
  };
}, 60_000);
afterAll(async () => {
  await Promise.all([registry?.stop(), api?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const deployInputs = (environment: string) => ({
  deployment: 'true',
  'deployment-environment': environment,
  'environment-url': `https://${environment}.shop.example`,
  'github-token': token,
});

describe('publish with deployment: true', () => {
  it('records the published digest and refs, in_progress → success, and marks the replaced deployment inactive', async () => {
    const first = await runActionDist(
      publish,
      { component: 'v1.wasm', name: 'platform', to: 'stage/shop/platform:staging', ...deployInputs('staging') },
      { cwd: dir, env },
    );
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const second = await runActionDist(
      publish,
      { component: 'v2.wasm', name: 'platform', to: 'stage/shop/platform:staging', ...deployInputs('staging') },
      { cwd: dir, env },
    );
    expect(second.code, second.stdout + second.stderr).toBe(0);
    const [a, b] = [Number(first.outputs['deployment-id']), Number(second.outputs['deployment-id'])];
    const created = api.requests.filter((r) => r.method === 'POST' && r.path === '/repos/acme/shop/deployments');
    expect(created.at(-1)?.body).toEqual({
      ref: SHA,
      task: 'deploy',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
      payload: {
        digest: second.outputs.digest,
        components: { platform: second.outputs.digest },
        references: [`${registry.host}/shop/platform:staging@${second.outputs.digest}`],
      },
      production_environment: false,
      transient_environment: false,
      description: `Publish ${second.outputs.digest?.slice(0, 19)}`,
    });
    expect(api.statuses('acme/shop', b).map((s) => [s.state, s.environment_url, s.log_url])).toEqual([
      ['in_progress', 'https://staging.shop.example', 'https://github.com/acme/shop/actions/runs/8100'],
      ['success', 'https://staging.shop.example', 'https://github.com/acme/shop/actions/runs/8100'],
    ]);
    expect(api.latestState('acme/shop', a)).toBe('inactive');
    // the token reached no log
    const printed = first.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain(token);
    expect(first.stdout).toContain(`::add-mask::${token}`);
  }, 60_000);

  it('a failed push sets failure and leaves the live deployment alone', async () => {
    const live = api
      .deployments('acme/shop')
      .filter((d) => d.environment === 'staging')
      .at(-1);
    // the policy passes the dry run; the registry then refuses the push (a read-only tag namespace does not exist here,
    // so the target is an unreachable registry host instead: the dry run does not contact it)
    const run = await runActionDist(
      publish,
      { component: 'v1.wasm', name: 'platform', to: '127.0.0.1:9/shop/platform:staging', ...deployInputs('staging') },
      { cwd: dir, env },
    );
    expect(run.code).not.toBe(0);
    const failed = api
      .deployments('acme/shop')
      .filter((d) => d.environment === 'staging')
      .at(-1);
    expect(failed?.id).not.toBe(live?.id);
    expect(api.statuses('acme/shop', failed?.id ?? 0).map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(api.latestState('acme/shop', live?.id ?? 0)).toBe('success');
  }, 60_000);

  it('without deployments: write, fails naming the permission', async () => {
    const readOnly = api.issueToken({ repositories: ['acme/shop'], permissions: { deployments: 'read' } });
    const run = await runActionDist(
      publish,
      { component: 'v1.wasm', name: 'platform', to: 'stage/shop/platform:staging', ...deployInputs('staging'), 'github-token': readOnly },
      { cwd: dir, env },
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/HTTP 403.*deployments: write/);
  }, 60_000);
});

describe('canary with deployment: true', () => {
  it('records a deployment per rollout run with the canary digest and the step, success when healthy', async () => {
    const rolloutDir = join(dir, 'rollout');
    const store = appStore(registry.host, 'shop/app');
    const v1 = await pushApp(store, 'production', 1);
    const v2 = await pushApp(store, '2.0.0', 2);
    writeSpec(
      rolloutDir,
      `repository: ${registry.host}/shop/app\ncanary:\n  steps:\n    - setWeight: 20\n    - setWeight: 60\ntraffic:\n  gatewayApi: {parentRefs: [{name: edge}], output: deploy}`,
      'production: {}',
    );
    const run = await runActionDist(
      canary,
      { environment: 'production', canary: `${registry.host}/shop/app@${v2}`, ...deployInputs('production') },
      { cwd: rolloutDir, env },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.phase).toBe('Healthy');
    const id = Number(run.outputs['deployment-id']);
    const d = api.deployments('acme/shop').find((x) => x.id === id);
    expect(d).toMatchObject({ environment: 'production', task: 'deploy:canary', production_environment: true });
    expect(d?.payload).toMatchObject({ digest: v2, stable: v1, step: 'start → Healthy step 2/2' });
    expect(api.statuses('acme/shop', id).map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(api.statuses('acme/shop', id).at(-1)?.description).toMatch(/^Healthy: step 2\/2, canary at 100%/);
  }, 60_000);
});

/**
 * promote.yml with strategy: blue-green (blue-green.yml, the canary action
 * with the gateway-api provider), two dispatch runs of one rollout: `start`
 * publishes the preview and waits for a promotion (autoPromotion off);
 * `promote` switches active to it. The live tag moves only at the switch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContentStore } from '../../shared/oci/store.ts';
import { appStore, pushApp, writeSpec } from '../../shared/rollout/test-apps.ts';
import { type GitHubApiStandIn, startGitHubApi } from '../harness/github-api/index.ts';
import { type Registry, startRegistry } from '../harness/registry.ts';
import {
  ArtifactStore,
  type MadeRepository,
  makeRepository,
  Repositories,
  type RunResult,
  WorkflowRunner,
} from '../harness/workflow-runner/index.ts';
import { flotillaRepository, root } from './fixtures.ts';

let registry: Registry;
let api: GitHubApiStandIn;
let dir: string;
let store: ContentStore;
let v1: string;
let v2: string;
let repo: MadeRepository;
let self: MadeRepository;
let artifacts: ArtifactStore;
let runner: WorkflowRunner;

beforeAll(async () => {
  [registry, api] = await Promise.all([startRegistry(), startGitHubApi()]);
  dir = mkdtempSync(join(tmpdir(), 'flotilla-promote-bg-'));
  store = appStore(registry.host, 'shop/platform');
  v1 = await pushApp(store, 'production', 1);
  v2 = await pushApp(store, '2.0.0', 2);
  writeSpec(
    dir,
    `repository: ${registry.host}/shop/platform
traffic:
  gatewayApi: {parentRefs: [{name: edge}], output: deploy}
blueGreen:
  autoPromotion: false`,
    'production:\n  rollout:\n    strategies: [blue-green]',
  );
  repo = makeRepository({ copy: { [dir]: '.', [join(root, 'examples', 'service-repo', '.github')]: '.github' } });
  repo.commit({}, 'with the promote workflow');
  self = flotillaRepository();
  artifacts = new ArtifactStore();
  runner = new WorkflowRunner({
    repositories: new Repositories().add('acme/shop', repo.dir).add('flotilla-dev/flotilla', self.dir),
    githubApi: api,
    artifacts,
  });
}, 120_000);
afterAll(async () => {
  runner?.close();
  artifacts?.remove();
  await Promise.all([registry?.stop(), api?.close()]);
  repo?.remove();
  self?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const logs = (r: RunResult) => r.jobs.map((j) => `== ${j.id} (${j.result})\n${j.log.join('\n')}`).join('\n');
const dispatch = (command: string, version = '') =>
  runner.run({
    repository: 'acme/shop',
    workflow: '.github/workflows/promote.yml',
    event: 'workflow_dispatch',
    inputs: { environment: 'production', version, strategy: 'blue-green', 'rollout-command': command },
    environments: { production: {} },
  });

describe('promote.yml, strategy: blue-green', () => {
  it('start publishes the preview and waits; a second dispatch promotes it and switches active', async () => {
    const first = await dispatch('start', `${registry.host}/shop/platform:2.0.0`);
    expect(first.conclusion, logs(first)).toBe('success');
    expect(first.job('promote / blue-green / rollout').steps.find((s) => s.name === 'Rollout')?.outputs).toMatchObject({
      'canary-digest': v2,
      'live-digest': v1,
    });
    expect((await store.resolve('production')).digest).toBe(v1);
    expect((await store.resolve('production-preview')).digest).toBe(v2);

    const second = await dispatch('promote');
    expect(second.conclusion, logs(second)).toBe('success');
    expect(second.job('promote / blue-green').outputs).toMatchObject({ phase: 'Healthy', 'live-digest': v2, 'stable-digest': v1 });
    expect((await store.resolve('production')).digest).toBe(v2);
    const runs = api.deployments('acme/shop').filter((d) => d.task === 'deploy:blue-green');
    expect(runs.map((d) => api.latestState('acme/shop', d.id))).toEqual(['inactive', 'success']);
    expect(second.job('promote / blue-green / rollout').concurrency).toEqual({
      group: 'flotilla-rollout-acme/shop-flotilla.yaml-production',
      cancelInProgress: false,
    });
  }, 300_000);
});

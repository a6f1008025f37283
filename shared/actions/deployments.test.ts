import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubApiStandIn, startGitHubApi } from '../../test/harness/github-api/index.ts';
import { DeploymentError, Deployments, runLogUrl, targetFromEnv } from './deployments.ts';

const SHA = 'c'.repeat(40);
const DIGEST = `sha256:${'d'.repeat(64)}`;
let api: GitHubApiStandIn;
let token: string;

beforeAll(async () => {
  // a pending check on the commit: GitHub's default required_contexts would refuse the deploy
  api = await startGitHubApi({
    repositories: { 'acme/shop': { refs: { main: SHA }, commitStatuses: { [SHA]: [{ context: 'ci', state: 'pending' }] } } },
  });
  token = api.issueToken({ repositories: ['acme/shop'], permissions: { deployments: 'write' } });
});
afterAll(() => api.close());

const env = { GITHUB_REPOSITORY: 'acme/shop', GITHUB_RUN_ID: '7301', GITHUB_SERVER_URL: 'https://github.com' };

describe('deployments client', () => {
  it('creates a deployment (auto_merge false, required_contexts [], digests in the payload) and in_progress → success', async () => {
    const deployments = new Deployments(targetFromEnv(token, { ...env, GITHUB_API_URL: api.url }));
    const d = await deployments.start({
      ref: 'main',
      environment: 'staging',
      payload: { digest: DIGEST, components: { cart: DIGEST } },
      logUrl: runLogUrl(env),
      environmentUrl: 'https://staging.shop.example',
    });
    const create = api.requests.find((r) => r.method === 'POST' && r.path === '/repos/acme/shop/deployments');
    expect(create?.body).toMatchObject({
      ref: 'main',
      environment: 'staging',
      auto_merge: false,
      required_contexts: [],
      payload: { digest: DIGEST, components: { cart: DIGEST } },
      production_environment: false,
      transient_environment: false,
    });
    expect(api.statuses('acme/shop', d.id).map((s) => s.state)).toEqual(['in_progress']);
    expect(api.statuses('acme/shop', d.id)[0]?.log_url).toBe('https://github.com/acme/shop/actions/runs/7301');
    const done = await deployments.finish(d, 'success');
    expect(done).toEqual({ state: 'success', replaced: [] });
    expect(api.statuses('acme/shop', d.id).at(-1)).toMatchObject({ state: 'success', environment_url: 'https://staging.shop.example' });
  });

  it('marks the production deployment it replaced inactive (GitHub would not), and not a failed one', async () => {
    const deployments = new Deployments({ apiUrl: api.url, repository: 'acme/shop', token });
    const start = () =>
      deployments.start({
        ref: SHA,
        environment: 'production',
        payload: { digest: DIGEST },
        logUrl: 'https://github.com/acme/shop/actions/runs/1',
      });
    const first = await start();
    await deployments.finish(first, 'success');
    const failed = await start();
    await deployments.finish(failed, 'failure');
    const third = await start();
    const done = await deployments.finish(third, 'success');
    expect(done.replaced).toEqual([first.id]);
    expect(api.latestState('acme/shop', first.id)).toBe('inactive');
    expect(api.latestState('acme/shop', failed.id)).toBe('failure');
    expect(api.latestState('acme/shop', third.id)).toBe('success');
    const created = api.deployments('acme/shop').find((d) => d.id === first.id);
    expect(created?.production_environment).toBe(true);
  });

  it('checks its input before any request, and names the status and what to do when GitHub refuses', async () => {
    const before = api.requests.length;
    const deployments = new Deployments({ apiUrl: api.url, repository: 'acme/shop', token });
    await expect(
      deployments.start({ ref: 'main', environment: 'staging', payload: { digest: 'sha256:short' }, logUrl: 'https://x' }),
    ).rejects.toMatchObject({
      code: 'DEPLOYMENT_INPUT',
    });
    await expect(
      deployments.start({ ref: 'main', environment: 'staging', payload: { digest: DIGEST }, logUrl: 'javascript:alert(1)' }),
    ).rejects.toThrow(/logUrl/);
    expect(api.requests.length).toBe(before);

    const readOnly = api.issueToken({ repositories: ['acme/shop'], permissions: { deployments: 'read' } });
    const ro = new Deployments({ apiUrl: api.url, repository: 'acme/shop', token: readOnly });
    const err = await ro
      .start({ ref: 'main', environment: 'staging', payload: { digest: DIGEST }, logUrl: 'https://x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeploymentError);
    expect((err as DeploymentError).status).toBe(403);
    expect((err as Error).message).toMatch(/HTTP 403.*deployments: write/);
    expect((err as Error).message).not.toContain(readOnly);
  });

  it('needs the Actions environment for its target and log URL', () => {
    expect(() => targetFromEnv(token, {})).toThrow(/GITHUB_REPOSITORY/);
    expect(() => targetFromEnv('', env)).toThrow(/deployments: write/);
    expect(runLogUrl({ ...env, GITHUB_RUN_ATTEMPT: '2' })).toBe('https://github.com/acme/shop/actions/runs/7301/attempts/2');
  });
});

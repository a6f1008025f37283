import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubApiStandIn, startGitHubApi } from './index.ts';

const SHA = 'a'.repeat(40);
let api: GitHubApiStandIn;
let writer: string;
let reader: string;

async function call(method: string, path: string, opts: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, link: res.headers.get('link') };
}

beforeAll(async () => {
  api = await startGitHubApi({
    repositories: {
      'acme/shop': {
        refs: { main: SHA, topic: 'b'.repeat(40) },
        commitStatuses: { [SHA]: [{ context: 'ci/test', state: 'pending' }] },
        behindDefaultBranch: ['topic'],
      },
    },
  });
  writer = api.issueToken({ repositories: ['acme/shop'], permissions: { deployments: 'write', contents: 'read' } });
  reader = api.issueToken({ repositories: ['acme/shop'], permissions: { contents: 'read' } });
});
afterAll(() => api.close());

describe('GitHub REST stand-in: deployments', () => {
  it('refuses requests without a token, with an unknown token, and without deployments: write', async () => {
    expect((await call('POST', '/repos/acme/shop/deployments', { body: { ref: 'main' } })).body.message).toBe('Requires authentication');
    const bad = await call('POST', '/repos/acme/shop/deployments', { token: 'ghs_nope', body: { ref: 'main' } });
    expect([bad.status, bad.body.message]).toEqual([401, 'Bad credentials']);
    const ro = await call('POST', '/repos/acme/shop/deployments', { token: reader, body: { ref: 'main', required_contexts: [] } });
    expect([ro.status, ro.body.message]).toEqual([403, 'Resource not accessible by integration']);
    const other = await call('GET', '/repos/acme/other/deployments', { token: writer });
    expect(other.status).toBe(404);
  });

  it("applies GitHub's defaults: pending checks block a deploy unless required_contexts is [], auto_merge merges a branch behind", async () => {
    const blocked = await call('POST', '/repos/acme/shop/deployments', { token: writer, body: { ref: 'main' } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.errors[0].contexts).toEqual([{ context: 'ci/test', state: 'pending' }]);
    const merged = await call('POST', '/repos/acme/shop/deployments', { token: writer, body: { ref: 'topic', required_contexts: [] } });
    expect(merged.status).toBe(202);
    expect(merged.body.message).toBe('Auto-merged main into topic on deployment.');
    const unknown = await call('POST', '/repos/acme/shop/deployments', { token: writer, body: { ref: 'nope', required_contexts: [] } });
    expect([unknown.status, unknown.body.message]).toEqual([422, 'No ref found for: nope']);
    const noRef = await call('POST', '/repos/acme/shop/deployments', { token: writer, body: {} });
    expect(noRef.status).toBe(422);
    expect(api.deployments('acme/shop')).toHaveLength(0);
  });

  it('creates a deployment with the fields GitHub answers, and lists newest first with filters and Link pagination', async () => {
    const created = await call('POST', '/repos/acme/shop/deployments', {
      token: writer,
      body: { ref: 'main', environment: 'staging', auto_merge: false, required_contexts: [], payload: { digest: 'sha256:1' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      sha: SHA,
      ref: 'main',
      task: 'deploy',
      environment: 'staging',
      original_environment: 'staging',
      payload: { digest: 'sha256:1' },
      transient_environment: false,
      production_environment: false,
      statuses_url: `${api.url}/repos/acme/shop/deployments/${created.body.id}/statuses`,
    });
    const prod = await call('POST', '/repos/acme/shop/deployments', { token: writer, body: { ref: SHA, required_contexts: [] } });
    expect(prod.body).toMatchObject({ environment: 'production', production_environment: true });
    const list = await call('GET', '/repos/acme/shop/deployments?per_page=1', { token: writer });
    expect(list.body.map((d: { id: number }) => d.id)).toEqual([prod.body.id]);
    expect(list.link).toContain('rel="next"');
    const staging = await call('GET', '/repos/acme/shop/deployments?environment=staging', { token: writer });
    expect(staging.body.map((d: { id: number }) => d.id)).toEqual([created.body.id]);
  });

  it('records statuses, sets target_url from log_url, and marks older successful non-production deployments inactive', async () => {
    const make = async (environment: string) =>
      (await call('POST', '/repos/acme/shop/deployments', { token: writer, body: { ref: 'main', environment, required_contexts: [] } }))
        .body.id as number;
    const first = await make('preview');
    await call('POST', `/repos/acme/shop/deployments/${first}/statuses`, {
      token: writer,
      body: { state: 'success', log_url: 'https://ci/1' },
    });
    const second = await make('preview');
    const s = await call('POST', `/repos/acme/shop/deployments/${second}/statuses`, {
      token: writer,
      body: { state: 'success', log_url: 'https://ci/2', environment_url: 'https://preview.example' },
    });
    expect(s.status).toBe(201);
    expect(s.body).toMatchObject({
      state: 'success',
      target_url: 'https://ci/2',
      log_url: 'https://ci/2',
      environment_url: 'https://preview.example',
    });
    expect(api.latestState('acme/shop', first)).toBe('inactive');
    expect(api.latestState('acme/shop', second)).toBe('success');

    const p1 = await make('production');
    await call('POST', `/repos/acme/shop/deployments/${p1}/statuses`, { token: writer, body: { state: 'success' } });
    const p2 = await make('production');
    await call('POST', `/repos/acme/shop/deployments/${p2}/statuses`, { token: writer, body: { state: 'success' } });
    // GitHub's auto_inactive leaves production deployments alone
    expect(api.latestState('acme/shop', p1)).toBe('success');

    const bad = await call('POST', `/repos/acme/shop/deployments/${p2}/statuses`, { token: writer, body: { state: 'done' } });
    expect(bad.status).toBe(422);
    const long = await call('POST', `/repos/acme/shop/deployments/${p2}/statuses`, {
      token: writer,
      body: { state: 'success', description: 'x'.repeat(141) },
    });
    expect(long.status).toBe(422);
    const listed = await call('GET', `/repos/acme/shop/deployments/${second}/statuses`, { token: writer });
    expect(listed.body.map((x: { state: string }) => x.state)).toEqual(['success']);
  });

  it('reads one deployment and one status, and deletes only an inactive deployment', async () => {
    const id = (
      await call('POST', '/repos/acme/shop/deployments', { token: writer, body: { ref: 'main', environment: 'qa', required_contexts: [] } })
    ).body.id;
    expect((await call('GET', `/repos/acme/shop/deployments/${id}`, { token: writer })).body).toMatchObject({ id, environment: 'qa' });
    const s = (await call('POST', `/repos/acme/shop/deployments/${id}/statuses`, { token: writer, body: { state: 'success' } })).body;
    expect((await call('GET', `/repos/acme/shop/deployments/${id}/statuses/${s.id}`, { token: writer })).body).toMatchObject({
      id: s.id,
      state: 'success',
    });
    const refused = await call('DELETE', `/repos/acme/shop/deployments/${id}`, { token: writer });
    expect(refused.status).toBe(422);
    await call('POST', `/repos/acme/shop/deployments/${id}/statuses`, { token: writer, body: { state: 'inactive' } });
    expect((await call('DELETE', `/repos/acme/shop/deployments/${id}`, { token: writer })).status).toBe(204);
    expect((await call('GET', `/repos/acme/shop/deployments/${id}`, { token: writer })).status).toBe(404);
  });

  it('records every request with its body and status, and never the token', async () => {
    const last = api.requests.at(-1);
    expect(last).toMatchObject({ method: 'GET', status: 404 });
    const post = api.requests.find((r) => r.method === 'POST' && r.status === 201);
    expect(post?.body).toMatchObject({ ref: 'main' });
    expect(JSON.stringify(api.requests)).not.toContain(writer);
    expect(post?.headers.authorization).toBe('Bearer ***');
  });
});

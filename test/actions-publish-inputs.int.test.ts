// The publish action's inputs that build-push-action users expect, through
// its dist as the runner runs it: annotations and labels (key=value lines),
// push: false, tags from the Git context as docker/metadata-action derives
// them, and the creation time from SOURCE_DATE_EPOCH or the commit.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClients } from '../shared/registry-config/open.ts';
import { runActionDist } from './harness/action-runner.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { makeComponent, tempDir } from './harness/wasm-fixtures.ts';
import { settledLog } from './oci/artifacts.ts';

const dist = join(import.meta.dirname, '..', 'actions', 'publish', 'dist', 'index.js');
let reg: Registry;
let work: { dir: string; cleanup: () => void };
let repo: string;
const SHA_TIME = '2026-03-04T05:06:07Z';
let sha: string;

beforeAll(async () => {
  reg = await startRegistry();
  work = tempDir('flotilla-publish-inputs-');
  // a service repository with one commit at a known time
  repo = join(work.dir, 'shop');
  mkdirSync(repo);
  writeFileSync(join(repo, 'cart.wasm'), await makeComponent('get', 5));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'ci',
        GIT_AUTHOR_EMAIL: 'ci@example.com',
        GIT_COMMITTER_NAME: 'ci',
        GIT_COMMITTER_EMAIL: 'ci@example.com',
        GIT_AUTHOR_DATE: SHA_TIME,
        GIT_COMMITTER_DATE: SHA_TIME,
      },
    })
      .toString()
      .trim();
  git('init', '-q');
  git('add', 'cart.wasm');
  git('commit', '-q', '-m', 'cart');
  sha = git('rev-parse', 'HEAD');
}, 60_000);
afterAll(async () => {
  await reg?.stop();
  work?.cleanup();
});

function publish(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return runActionDist(dist, { component: 'cart.wasm', signing: 'none', ...inputs }, { cwd: repo, env: { GITHUB_SHA: sha, ...env } });
}

async function manifestOf(ref: string): Promise<{ annotations?: Record<string, string> }> {
  const store = new RegistryClients().repository(ref.slice(0, ref.lastIndexOf(':')));
  const { bytes } = await store.fetchManifest(ref.slice(ref.lastIndexOf(':') + 1));
  return JSON.parse(new TextDecoder().decode(bytes)) as { annotations?: Record<string, string> };
}

describe('actions/publish inputs', () => {
  it('annotations and labels (key=value lines, as metadata-action writes them) become manifest annotations', async () => {
    const run = await publish({
      to: `${reg.host}/shop/cart:labels`,
      labels: 'org.opencontainers.image.source=https://github.com/acme/shop\norg.opencontainers.image.licenses=Apache-2.0\n# a comment',
      annotations: 'manifest:org.opencontainers.image.description=Cart, with commas = and equals\norg.opencontainers.image.licenses=MIT',
    });
    expect(run.code, run.stdout).toBe(0);
    const annotations = (await manifestOf(`${reg.host}/shop/cart:labels`)).annotations ?? {};
    expect(annotations).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/shop',
      'org.opencontainers.image.description': 'Cart, with commas = and equals',
      'org.opencontainers.image.licenses': 'MIT', // annotations win over labels
    });
  });

  it('an annotation level a Wasm artifact does not have is refused, naming the line', async () => {
    const run = await publish({ to: `${reg.host}/shop/cart:bad`, annotations: 'a=1\nindex:org.opencontainers.image.title=x' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "input annotations line 2 ('index:org.opencontainers.image.title=x'): level 'index' does not exist for a Wasm artifact, which is one manifest (no index, no descriptors)",
    );
  });

  it('created: the commit’s time (deterministic for the commit), else SOURCE_DATE_EPOCH wins', async () => {
    const one = await publish({ to: `${reg.host}/shop/cart:commit` });
    expect(one.code, one.stdout).toBe(0);
    expect(one.outputs.created).toBe(SHA_TIME);
    const again = await publish({ to: `${reg.host}/shop/cart:commit-again` });
    expect(again.outputs.digest).toBe(one.outputs.digest);
    const annotations = (await manifestOf(`${reg.host}/shop/cart:commit`)).annotations ?? {};
    expect(annotations['org.opencontainers.image.created']).toBe(SHA_TIME);
    const epoch = await publish({ to: `${reg.host}/shop/cart:epoch` }, { SOURCE_DATE_EPOCH: '1767225600' });
    expect(epoch.outputs.created).toBe('2026-01-01T00:00:00Z');
    expect(epoch.outputs.digest).not.toBe(one.outputs.digest);
  });

  it('tags from the Git context: a v1.2.3 tag push gives 1.2.3, 1.2, 1, sha-<7> and latest', async () => {
    const run = await publish(
      {
        to: `${reg.host}/shop/cart`,
        tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}\ntype=sha',
      },
      { GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_EVENT_NAME: 'push' },
    );
    expect(run.code, run.stdout).toBe(0);
    const tags = ['1.2.3', '1.2', '1', `sha-${sha.slice(0, 7)}`, 'latest'];
    expect(JSON.parse(run.outputs.tags ?? '')).toEqual(tags);
    expect(JSON.parse(run.outputs.refs ?? '')).toEqual(tags.map((t) => `${reg.host}/shop/cart:${t}`));
    const store = new RegistryClients().repository(`${reg.host}/shop/cart`);
    for (const t of tags) expect((await store.resolve(t)).digest).toBe(run.outputs.digest);
  });

  it('push: false builds, signs nothing and pushes nothing, and says what would be pushed', async () => {
    await settledLog(reg);
    reg.clearAccessLog();
    const run = await publish(
      {
        to: `${reg.host}/shop/cart:dry\n${reg.host}/mirror/cart:dry`,
        push: 'false',
        signing: 'key',
        'key-env': 'NOT_SET_IN_PULL_REQUESTS',
        labels: 'org.opencontainers.image.source=https://github.com/acme/shop',
      },
      { RUNNER_TEMP: work.dir },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.pushed).toBe('false');
    expect(run.outputs.bundle).toBe('');
    expect(JSON.parse(run.outputs.refs ?? '')).toEqual([`${reg.host}/shop/cart:dry`, `${reg.host}/mirror/cart:dry`]);
    expect(run.stdout).toContain(`push: false: would push cart ${run.outputs.digest} (created ${SHA_TIME}) to:`);
    expect(run.stdout).toContain(`  ${reg.host}/mirror/cart:dry`);
    expect(run.stdout).toContain('  annotation org.opencontainers.image.source=https://github.com/acme/shop');
    expect(run.summary).toContain('### Flotilla publish (push: false)');
    expect(run.summary).toContain(`| \`${reg.host}/shop/cart:dry\` | \`${run.outputs.digest}\` |`);
    expect(existsSync(join(work.dir, 'flotilla-publish'))).toBe(false);
    // not one request reached the registry
    await settledLog(reg);
    expect(reg.accessLog()).toEqual([]);
    // and the digest is what a push gives
    const pushed = await publish({
      to: `${reg.host}/shop/cart:dry`,
      labels: 'org.opencontainers.image.source=https://github.com/acme/shop',
    });
    expect(pushed.outputs.digest).toBe(run.outputs.digest);
  });
});

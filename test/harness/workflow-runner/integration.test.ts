import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubApiStandIn, startGitHubApi } from '../github-api/index.ts';
import { type GitHubOidcStandIn, startGitHubOidc } from '../sigstore/oidc.ts';
import { ArtifactStore, type MadeRepository, makeRepository, Repositories, WorkflowRunner } from './index.ts';

const testdata = join(import.meta.dirname, 'testdata');
const root = join(import.meta.dirname, '..', '..', '..');

let shop: MadeRepository;
let flotilla: MadeRepository;
let v1: string;
let repositories: Repositories;
let oidc: GitHubOidcStandIn;
let api: GitHubApiStandIn;
let artifacts: ArtifactStore;
let runner: WorkflowRunner;

beforeAll(async () => {
  const files: Record<string, string> = {};
  for (const f of readdirSync(testdata)) if (f.endsWith('.yml')) files[`.github/workflows/${f}`] = readFileSync(join(testdata, f), 'utf8');
  shop = makeRepository({ files });
  // "Flotilla" at a tag: its reusable workflow, two test actions and the real verify bundle
  const staged = mkdtempSync(join(tmpdir(), 'flotilla-staged-'));
  cpSync(join(testdata, 'flotilla'), staged, { recursive: true });
  cpSync(join(root, 'actions', 'verify', 'action.yml'), join(staged, 'actions', 'verify', 'action.yml'));
  cpSync(join(root, 'actions', 'verify', 'dist'), join(staged, 'actions', 'verify', 'dist'), { recursive: true });
  flotilla = makeRepository({ copy: { [staged]: '.' } });
  flotilla.tag('v1');
  v1 = flotilla.sha;
  // main moves on: a caller pinned to v1 must not see this
  flotilla.commit(
    { 'actions/hello/dist/index.js': "require('node:fs').appendFileSync(process.env.GITHUB_OUTPUT, 'greeting=from main\\n');\n" },
    'main moves on',
  );
  repositories = new Repositories().add('acme/shop', shop.dir).add('flotilla-dev/flotilla', flotilla.dir);
  oidc = await startGitHubOidc();
  api = await startGitHubApi();
  artifacts = new ArtifactStore();
  runner = new WorkflowRunner({ repositories, oidc, githubApi: api, artifacts });
});
afterAll(async () => {
  runner.close();
  artifacts.remove();
  await Promise.all([oidc.close(), api.close()]);
  shop.remove();
  flotilla.remove();
});

describe('a reusable workflow of another repository', () => {
  it("checks its own repository out at job.workflow_sha and runs its actions from there, at the caller's pinned tag", async () => {
    const r = await runner.run({ repository: 'acme/shop', workflow: '.github/workflows/remote.yml' });
    const hello = r.job('greet / hello');
    const log = hello.log.join('\n');
    expect(hello.workflowContext).toEqual({
      repository: 'flotilla-dev/flotilla',
      sha: v1,
      ref: 'flotilla-dev/flotilla/.github/workflows/reusable.yml@refs/tags/v1',
      filePath: '.github/workflows/reusable.yml',
    });
    expect(log).toContain(`workflow_sha=${v1}`);
    expect(log).toContain('workflow_repository=flotilla-dev/flotilla');
    // the github context stays the caller's
    expect(log).toContain(`github.sha=${shop.sha} github.workflow_ref=acme/shop/.github/workflows/remote.yml@refs/heads/main`);
    expect(hello.steps[0]?.outputs).toEqual({ ref: '', commit: v1 });
    expect(r.job('greet').outputs).toEqual({ greeting: 'Hello, shop (v1)', twice: 'Hi, shop (v1) / hey shop from greet-twice' });
    expect(r.job('after').log.join('\n')).toContain('greeting=Hello, shop (v1)');
    // a JavaScript action's state reaches its post step; its ::notice:: is an annotation
    expect(log).toContain('post saw started=yes');
    expect(hello.annotations).toContainEqual(expect.objectContaining({ level: 'notice', message: 'said hello to shop' }));
    // only actions/ was checked out (sparse)
    expect(log).toMatch(/verify=failure\nactions\n##\[endgroup\]/);
    // the called job's OIDC token names the called workflow, at its commit
    expect(hello.idToken).toBe(true);
    expect(log).toContain(
      `claims job_workflow_ref=flotilla-dev/flotilla/.github/workflows/reusable.yml@refs/tags/v1 job_workflow_sha=${v1} workflow_ref=acme/shop/.github/workflows/remote.yml@refs/heads/main`,
    );
  });

  it('runs a Flotilla action from its dist bundle with INPUT_* variables (its own error proves it ran)', async () => {
    const r = await runner.run({ repository: 'acme/shop', workflow: '.github/workflows/remote.yml' });
    const verify = r.job('greet / hello').steps.find((s) => s.name === 'A Flotilla bundle, run from its dist');
    expect(verify?.outcome).toBe('failure');
    expect(verify?.conclusion).toBe('success');
    // the bundle read INPUT_POLICY and resolved it in GITHUB_WORKSPACE, and annotated the file as its actions do
    expect(verify?.log.join('\n')).toContain(`${r.job('greet / hello').workspace}/no-such-policy.yml:1:1: cannot read: file not found`);
  });

  it('gives OIDC request variables only to jobs with id-token: write, and the token names the job', async () => {
    const r = await runner.run({ repository: 'acme/shop', workflow: '.github/workflows/oidc.yml' });
    expect(r.job('signer').idToken).toBe(true);
    expect(r.job('plain').idToken).toBe(false);
    expect(r.job('signer').log.join('\n')).toContain(
      'aud=sigstore sub=repo:acme/shop:environment:staging job_workflow_ref=acme/shop/.github/workflows/oidc.yml@refs/heads/main',
    );
    expect(r.job('plain').log.join('\n')).toContain('no oidc here');
  });
});

describe('artifacts', () => {
  it('are uploaded by one job and downloaded by a later one, and by a later run with run-id', async () => {
    const r = await runner.run({ repository: 'acme/shop', workflow: '.github/workflows/artifacts.yml' });
    expect(r.conclusion).toBe('success');
    expect(r.job('up').log.join('\n')).toMatch(/id=\d+ again=failure/);
    expect(
      r
        .job('up')
        .annotations.map((a) => a.message)
        .join('\n'),
    ).toContain('an artifact with this name already exists');
    expect(r.job('down').log.join('\n')).toContain('no hidden file');
    expect(artifacts.list(r.runId).map((a) => [a.name, a.files])).toEqual([['bundle', ['a.txt', 'sub/b.txt']]]);
    const later = await runner.run({
      repository: 'acme/shop',
      workflow: '.github/workflows/artifacts-later.yml',
      event: 'workflow_dispatch',
      inputs: { 'run-id': r.runId },
    });
    expect(later.conclusion).toBe('success');
    expect(later.job('fetch').log.join('\n')).toMatch(/\na\n/);
  });
});

describe('environments, concurrency and the GitHub API', () => {
  it('records environment name and url, applies its secrets and vars, and GitHub records a deployment unless deployment: false', async () => {
    const r = await runner.run({
      repository: 'acme/shop',
      workflow: '.github/workflows/environment.yml',
      environments: {
        staging: { vars: { REGION: 'eu-west' }, secrets: { STAGING_KEY: 'k-123456' } },
        production: { approve: () => false },
      },
    });
    expect(r.job('staging').environment).toEqual({
      name: 'staging',
      url: 'https://staging.shop.example',
      deployment: true,
      approved: true,
    });
    expect(r.job('staging').log.join('\n')).toContain('env var=eu-west secret-set=true');
    expect(r.job('staging').concurrency).toEqual({ group: 'shop-staging', cancelInProgress: false });
    expect(r.concurrency[0]).toMatchObject({ scope: 'workflow', group: 'release-refs/heads/main', waited: false });
    // a rejected review fails the job before any step
    expect(r.job('production').result).toBe('failure');
    expect(r.job('production').steps).toEqual([]);
    expect(r.job('manual').environment).toMatchObject({ name: 'preview', deployment: false });
    expect(api.deployments('acme/shop').filter((d) => d.environment === 'preview')).toEqual([]);
    const staging = api
      .deployments('acme/shop')
      .filter((d) => d.environment === 'staging')
      .at(-1);
    expect(staging).toMatchObject({ sha: shop.sha, ref: 'refs/heads/main', creator: { login: 'github-actions[bot]' } });
    expect(api.statuses('acme/shop', staging?.id ?? 0).map((s) => [s.state, s.environment_url])).toEqual([
      ['in_progress', ''],
      ['success', 'https://staging.shop.example'],
    ]);
    expect(r.job('staging').permissions).toEqual({ contents: 'read', deployments: 'write' });
  });

  it('gives each job a GITHUB_TOKEN with its permissions: deployments: write is needed to record one', async () => {
    const r = await runner.run({ repository: 'acme/shop', workflow: '.github/workflows/api.yml' });
    expect(r.job('record').log.join('\n')).toContain('status=201');
    expect(r.job('refused').log.join('\n')).toContain('status=403');
  });

  it('cancel-in-progress cancels the running run, whose cancelled() and always() steps still run', async () => {
    const first = runner.run({
      repository: 'acme/shop',
      workflow: '.github/workflows/cancellable.yml',
      event: 'workflow_dispatch',
      runId: '9101',
    });
    await new Promise((r) => setTimeout(r, 1500));
    const second = runner.run({
      repository: 'acme/shop',
      workflow: '.github/workflows/cancellable.yml',
      event: 'workflow_dispatch',
      runId: '9102',
    });
    const a = await first;
    expect(a.conclusion).toBe('cancelled');
    const steps = Object.fromEntries(a.job('roll').steps.map((s) => [s.name, s.outcome]));
    expect(steps).toEqual({
      'Long step': 'cancelled',
      'Skipped when cancelled': 'skipped',
      'Clean up when cancelled': 'success',
      Always: 'success',
    });
    expect(a.job('roll').log.join('\n')).toContain('cleanup ran for run 9101');
    expect(a.job('roll').result).toBe('cancelled');
    // the second run waited for the first to finish, then ran (and is cancelled by nobody)
    const b = await second;
    expect(b.concurrency[0]).toMatchObject({ waited: true, cancelled: false });
    expect(b.job('roll').steps[0]?.outcome).toBe('success');
  }, 60_000);

  it('lets one run of a concurrency group run and one wait; a newer pending run replaces the older', async () => {
    const runs = [
      runner.run({ repository: 'acme/shop', workflow: '.github/workflows/slow.yml', event: 'workflow_dispatch', runId: '9001' }),
      runner.run({ repository: 'acme/shop', workflow: '.github/workflows/slow.yml', event: 'workflow_dispatch', runId: '9002' }),
      runner.run({ repository: 'acme/shop', workflow: '.github/workflows/slow.yml', event: 'workflow_dispatch', runId: '9003' }),
    ];
    const [a, b, c] = await Promise.all(runs);
    expect([a?.conclusion, b?.conclusion, c?.conclusion]).toEqual(['success', 'cancelled', 'success']);
    expect(c?.concurrency[0]).toMatchObject({ group: 'rollout-shop', waited: true, cancelled: false });
    expect(b?.jobs).toEqual([]);
  });
});

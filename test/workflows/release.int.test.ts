/**
 * examples/service-repo's release.yml run by the local workflow runner:
 * development → staging → production through Flotilla's reusable workflows
 * at v1 (another repository, checked out at job.workflow_sha), against the
 * registry harness (two registries), the sigstore stand-ins (keyless in
 * production) and the GitHub API stand-in (deployments).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLock } from '../../shared/release/lock.ts';
import { type GitHubApiStandIn, startGitHubApi } from '../harness/github-api/index.ts';
import { type Registry, startRegistry } from '../harness/registry.ts';
import { GITHUB_ACTIONS_ISSUER, type SigstoreStandIns, startSigstore } from '../harness/sigstore/index.ts';
import { ArtifactStore, type MadeRepository, Repositories, type RunResult, WorkflowRunner } from '../harness/workflow-runner/index.ts';
import { flotilla, flotillaRepository, KEY_PASSWORD, releaseKey, serviceComponents, serviceRepository } from './fixtures.ts';

let registry: Registry;
let mirror: Registry;
let sigstore: SigstoreStandIns;
let api: GitHubApiStandIn;
let shop: MadeRepository;
let self: MadeRepository;
let artifacts: ArtifactStore;
let runner: WorkflowRunner;
let key: ReturnType<typeof releaseKey>;
let teams: string;
let run: RunResult;

beforeAll(async () => {
  [registry, mirror, sigstore, api] = await Promise.all([startRegistry(), startRegistry(), startSigstore(), startGitHubApi()]);
  key = releaseKey();
  const components = await serviceComponents();
  // the other teams' services, as they released them: catalog for development, both signed for staging
  teams = mkdtempSync(join(tmpdir(), 'flotilla-teams-'));
  writeFileSync(join(teams, 'release.key'), key.privateKeyPem);
  writeFileSync(join(teams, 'catalog.wasm'), components.catalog);
  writeFileSync(join(teams, 'payments.wasm'), components.payments);
  const env = { FLOTILLA_KEY_PASSWORD: KEY_PASSWORD, FLOTILLA_CACHE: join(teams, 'cache') };
  for (const [file, ref] of [
    ['catalog.wasm', 'acme/catalog:v1.8.0'],
    ['catalog.wasm', 'acme/catalog:v1.8.0-staging'],
    ['payments.wasm', 'acme/payments:v3.2.0-staging'],
  ] as const) {
    const p = await flotilla(teams, env, 'publish', file, '--to', `${registry.host}/${ref}`, '--key', 'release.key');
    expect(p.code, p.stderr).toBe(0);
  }
  shop = serviceRepository(components, key.publicKeyPem, sigstore.trustedRoot);
  self = flotillaRepository();
  artifacts = new ArtifactStore();
  runner = new WorkflowRunner({
    repositories: new Repositories().add('acme/shop', shop.dir).add('flotilla-dev/flotilla', self.dir),
    oidc: sigstore.oidc,
    githubApi: api,
    artifacts,
  });
  run = await runner.run({
    repository: 'acme/shop',
    workflow: '.github/workflows/release.yml',
    event: 'push',
    ref: 'refs/tags/v1.0.0',
    secrets: { RELEASE_KEY: key.privateKeyPem, RELEASE_KEY_PASSWORD: KEY_PASSWORD },
    vars: {
      REGISTRY: registry.host,
      REGISTRY_OVERRIDE: registry.host,
      MIRROR_REGISTRY: mirror.host,
      TRUSTED_ROOT: 'sigstore/trusted_root.json',
      FULCIO_URL: sigstore.endpoints.fulcioURL,
      REKOR_URL: sigstore.endpoints.rekorURL,
    },
    environments: { production: {} },
  });
}, 600_000);
afterAll(async () => {
  runner?.close();
  artifacts?.remove();
  await Promise.all([registry?.stop(), mirror?.stop(), sigstore?.close(), api?.close()]);
  shop?.remove();
  self?.remove();
  if (teams) rmSync(teams, { recursive: true, force: true });
});

function logs(r: RunResult): string {
  return r.jobs.map((j) => `== ${j.id} (${j.result})\n${j.log.join('\n')}`).join('\n');
}

describe("the service repository's release", () => {
  it('runs development → staging → production, each job of Flotilla at v1', () => {
    expect(run.conclusion, logs(run)).toBe('success');
    for (const id of ['development / compose', 'staging / compose', 'staging / publish', 'production / promote']) {
      expect(run.job(id).workflowContext.sha, id).toBe(self.sha);
    }
    expect(run.job('development / compose').log.join('\n')).toMatch(/tested sha256:[0-9a-f]{64}/);
  });

  it('the composed digest flows from job outputs to the next job, and production composed the staging lock’s digests', () => {
    const staging = run.job('staging').outputs;
    const production = run.job('production').outputs;
    expect(staging.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(production.digest).toBe(staging.digest);
    expect(run.job('released').log.join('\n')).toContain(`staging composed ${staging.digest}`);
    const [stagingLock] = artifacts.list(run.runId).filter((a) => a.name === 'staging-lock');
    const [productionLock] = artifacts.list(run.runId).filter((a) => a.name === 'production-lock');
    const read = (a: typeof stagingLock, file: string) =>
      parseLock(file, readFileSync(join(a?.dir ?? '', a?.files.find((f) => f.endsWith(file)) ?? file), 'utf8'));
    const s = read(stagingLock, 'flotilla.staging.lock.json');
    const p = read(productionLock, 'flotilla.production.lock.json');
    expect(p.components.map((c) => [c.name, c.digest])).toEqual(s.components.map((c) => [c.name, c.digest]));
    expect(p.promotedFrom?.environment).toBe('staging');
    // production's refs, staging's digests
    const cart = p.components.find((c) => c.name === 'cart');
    expect(cart?.source === 'ref' ? cart.ref : cart?.path).toBe(`${registry.host}/acme/shop/cart:v1.0.0`);
  });

  it('publishes to both production registries, signed keyless as production.yml at v1', async () => {
    const manifest = run.job('production').outputs['manifest-digest'] ?? '';
    expect(JSON.parse(run.job('production').outputs.refs ?? '[]')).toEqual([
      `${registry.host}/acme/shop:1.0.0`,
      `${mirror.host}/shop:1.0.0`,
    ]);
    for (const url of [`http://${registry.host}/v2/acme/shop/manifests/1.0.0`, `http://${mirror.host}/v2/shop/manifests/1.0.0`]) {
      const res = await fetch(url, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } });
      expect(res.headers.get('docker-content-digest')).toBe(manifest);
    }
    expect(sigstore.fulcio.issued.at(-1)).toMatchObject({
      status: 201,
      subject: 'https://github.com/flotilla-dev/flotilla/.github/workflows/production.yml@refs/tags/v1',
      issuer: GITHUB_ACTIONS_ISSUER,
    });
    expect(run.job('production / promote').permissions).toEqual({
      contents: 'read',
      actions: 'read',
      packages: 'write',
      'id-token': 'write',
      deployments: 'write',
    });
    expect(run.job('production / promote').environment).toMatchObject({ name: 'production', url: 'https://shop.example', approved: true });
  });

  it('records staging and production deployments with the digests at the GitHub API stand-in', () => {
    const flotillaDeployments = api
      .deployments('acme/shop')
      .filter((d) => d.task === 'deploy' && d.payload && 'digest' in (d.payload as object));
    const byEnv = Object.fromEntries(flotillaDeployments.map((d) => [d.environment, d]));
    const manifest = run.job('production').outputs['manifest-digest'];
    expect(byEnv.production?.payload).toMatchObject({
      digest: manifest,
      references: [`${registry.host}/acme/shop:1.0.0@${manifest}`, `${mirror.host}/shop:1.0.0@${manifest}`],
    });
    expect(byEnv.staging?.payload).toMatchObject({ digest: run.job('staging').outputs['manifest-digest'] });
    for (const d of [byEnv.staging, byEnv.production]) {
      expect(api.statuses('acme/shop', d?.id ?? 0).map((s) => s.state)).toEqual(['in_progress', 'success']);
      expect(api.statuses('acme/shop', d?.id ?? 0)[0]?.log_url).toBe(`https://github.com/acme/shop/actions/runs/${run.runId}`);
    }
    expect(String(byEnv.production?.id)).toBe(run.job('production').outputs['deployment-id']);
  });
});

describe('a promotion plan (flotilla promote plan) and promote.yml', () => {
  it("says each component's current and new digest and version and the rules that allow it, before anything moves", async () => {
    const [stagingLock] = artifacts.list(run.runId).filter((a) => a.name === 'staging-lock');
    const [productionLock] = artifacts.list(run.runId).filter((a) => a.name === 'production-lock');
    const stagingFile = join(stagingLock?.dir ?? '', 'flotilla.staging.lock.json');
    const s = parseLock(stagingFile, readFileSync(stagingFile, 'utf8'));
    // what production runs now: the release's production lock, cart moved back to another digest
    const current = parseLock('p', readFileSync(join(productionLock?.dir ?? '', 'flotilla.production.lock.json'), 'utf8'));
    const older = `sha256:${'0'.repeat(64)}`;
    const cart = current.components.find((c) => c.name === 'cart');
    if (cart) cart.digest = older as typeof cart.digest;
    writeFileSync(join(teams, 'current.lock.json'), JSON.stringify(current));
    const before = registry.accessLog().filter((e) => e.method !== 'GET' && e.method !== 'HEAD').length;
    const env = { FLOTILLA_CACHE: join(teams, 'plan-cache') };
    const args = ['--env', 'production', '--promote-from', 'staging', '--from-lock', stagingFile, '--registry-override', registry.host];
    const plan = await flotilla(
      shop.dir,
      env,
      'promote',
      'plan',
      'flotilla.yaml',
      ...args,
      '--current-lock',
      join(teams, 'current.lock.json'),
      '--json',
    );
    expect(plan.code, plan.stderr).toBe(0);
    const report = JSON.parse(plan.stdout);
    const byName = Object.fromEntries(report.components.map((c: { name: string }) => [c.name, c]));
    const sd = (n: string) => s.components.find((c) => c.name === n)?.digest;
    expect(byName.cart).toMatchObject({
      change: 'update',
      current: { digest: older, version: 'v1.0.0' },
      next: { digest: sd('cart'), version: 'v1.0.0', from: `${registry.host}/acme/shop/cart:v1.0.0-staging` },
      verdict: 'pass',
    });
    expect(byName.catalog).toMatchObject({ change: 'unchanged', next: { digest: sd('catalog'), version: 'v1.8.0' } });
    expect(byName.cart.rules).toContainEqual(
      expect.objectContaining({
        rule: 'environments.production',
        status: 'pass',
        requirement: expect.stringContaining('signing required'),
      }),
    );
    expect(byName.cart.rules.find((r: { at?: string }) => r.at)?.at).toMatch(/^policy\.yaml:\d+:\d+$/);
    expect(report.policy).toBe('policy.yaml');
    // without a current lock: what production's version tags name (the release set them)
    const tags = await flotilla(shop.dir, env, 'promote', 'plan', 'flotilla.yaml', ...args, '--json');
    expect(JSON.parse(tags.stdout).components.map((c: { change: string }) => c.change)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    // the Markdown: a row per component with both digests and the rules
    const md = await flotilla(
      shop.dir,
      env,
      'promote',
      'plan',
      'flotilla.yaml',
      ...args,
      '--current-lock',
      join(teams, 'current.lock.json'),
    );
    expect(md.stdout).toContain('### Promotion to production: plan (policy: pass)');
    expect(md.stdout).toMatch(
      new RegExp(`\\| cart \\| update \\| v1\\.0\\.0 \`${older.slice(0, 19)}…\` \\| v1\\.0\\.0 \`${sd('cart')?.slice(0, 19)}…\``),
    );
    expect(md.stdout).toContain('✅ signing required');
    // nothing moved: no write request reached the registry
    await new Promise((r) => setTimeout(r, 300));
    expect(registry.accessLog().filter((e) => e.method !== 'GET' && e.method !== 'HEAD').length).toBe(before);
  }, 120_000);

  it('promote.yml direct: a dispatch with run:<release run> shows the plan, promotes the staging lock to production and reports what happened', async () => {
    const promote = await runner.run({
      repository: 'acme/shop',
      workflow: '.github/workflows/promote.yml',
      event: 'workflow_dispatch',
      ref: 'refs/tags/v1.0.0',
      inputs: { environment: 'production', version: `run:${run.runId}`, strategy: 'direct', 'rollout-command': 'start' },
      vars: {
        FLOTILLA_PUBLISH_TO: `${registry.host}/acme/shop\n${mirror.host}/shop`,
        FLOTILLA_REGISTRY_OVERRIDE: registry.host,
        FLOTILLA_TRUSTED_ROOT: 'sigstore/trusted_root.json',
        FLOTILLA_FULCIO_URL: sigstore.endpoints.fulcioURL,
        FLOTILLA_REKOR_URL: sigstore.endpoints.rekorURL,
        FLOTILLA_ENVIRONMENT_URL: 'https://shop.example',
      },
      environments: { production: {} },
    });
    expect(promote.conclusion, logs(promote)).toBe('success');
    const plan = promote.job('promote / plan');
    expect(plan.summary).toContain('### Promotion to production: plan (policy: pass)');
    expect(plan.summary).toMatch(/\| cart \| unchanged \|/);
    expect(promote.job('promote / direct / promote').result).toBe('success');
    const report = promote.job('promote / report');
    expect(report.summary).toContain('### Promotion to production: success (direct)');
    expect(report.summary).toMatch(/\| cart \| `sha256:[0-9a-f]{12}…` \| `sha256:[0-9a-f]{12}…` \| as planned \|/);
    expect(report.summary).toContain(`composed app: \`${run.job('staging').outputs.digest}\``);
    expect(promote.job('promote / direct').outputs.digest).toBe(run.job('staging').outputs.digest);
  }, 300_000);
});

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
    expect(p.components.find((c) => c.name === 'cart')?.ref).toBe(`${registry.host}/acme/shop/cart:v1.0.0`);
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

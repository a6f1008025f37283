import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustedIdentity, verifyBundle } from '../../../shared/sign/verify.ts';
import { type Registry, startRegistry } from '../registry.ts';
import { GITHUB_ACTIONS_ISSUER, type SigstoreStandIns, startSigstore } from '../sigstore/index.ts';
import { makeComponent } from '../wasm-fixtures.ts';
import { ArtifactStore, type MadeRepository, makeRepository, Repositories, WorkflowRunner } from './index.ts';

// A service repository's release calls a reusable workflow of another
// repository ("Flotilla" at v1) that checks itself out at job.workflow_sha and
// runs the real publish bundle: keyless signing through the job's own OIDC
// endpoint, Fulcio and Rekor stand-ins, a push to a real registry.
const root = join(import.meta.dirname, '..', '..', '..');
const RELEASE = `on: push
permissions:
  contents: read
  id-token: write
jobs:
  publish:
    uses: flotilla-dev/flotilla/.github/workflows/publish.yml@v1
    with:
      component: platform.wasm
      to: \${{ vars.TARGET }}
      registries: \${{ vars.REGISTRIES }}
      fulcio-url: \${{ vars.FULCIO_URL }}
      rekor-url: \${{ vars.REKOR_URL }}
  after:
    needs: publish
    runs-on: ubuntu-latest
    steps:
      - run: echo "published \${{ needs.publish.outputs.digest }}"
`;

let registry: Registry;
let sigstore: SigstoreStandIns;
let shop: MadeRepository;
let flotilla: MadeRepository;
let staged: string;
let artifacts: ArtifactStore;
let runner: WorkflowRunner;

beforeAll(async () => {
  [registry, sigstore] = await Promise.all([startRegistry(), startSigstore()]);
  shop = makeRepository({ files: { '.github/workflows/release.yml': RELEASE, 'platform.wasm': await makeComponent('run', 42) } });
  staged = mkdtempSync(join(tmpdir(), 'flotilla-staged-'));
  cpSync(join(import.meta.dirname, 'testdata', 'flotilla-publish'), staged, { recursive: true });
  cpSync(join(root, 'actions', 'publish', 'action.yml'), join(staged, 'actions', 'publish', 'action.yml'));
  cpSync(join(root, 'actions', 'publish', 'dist'), join(staged, 'actions', 'publish', 'dist'), { recursive: true });
  flotilla = makeRepository({ copy: { [staged]: '.' } });
  flotilla.tag('v1');
  artifacts = new ArtifactStore();
  runner = new WorkflowRunner({
    repositories: new Repositories().add('acme/shop', shop.dir).add('flotilla-dev/flotilla', flotilla.dir),
    oidc: sigstore.oidc,
    artifacts,
  });
}, 120_000);
afterAll(async () => {
  runner?.close();
  artifacts?.remove();
  await Promise.all([registry?.stop(), sigstore?.close()]);
  shop?.remove();
  flotilla?.remove();
  if (staged) rmSync(staged, { recursive: true, force: true });
});

describe('a called workflow publishing keyless with a Flotilla bundle', () => {
  it('signs as the called workflow at its tag and pushes to the registry; the digest reaches the next job', async () => {
    const r = await runner.run({
      repository: 'acme/shop',
      workflow: '.github/workflows/release.yml',
      vars: {
        TARGET: 'dev/shop/platform:1.0.0',
        REGISTRIES: `dev|${registry.host}|oci|anonymous`,
        FULCIO_URL: sigstore.endpoints.fulcioURL,
        REKOR_URL: sigstore.endpoints.rekorURL,
      },
    });
    const publish = r.job('publish / publish');
    expect(r.conclusion, publish.log.join('\n')).toBe('success');
    const digest = r.job('publish').outputs.digest ?? '';
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(r.job('after').log.join('\n')).toContain(`published ${digest}`);
    expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    // Fulcio certified the called workflow, not the caller's: job_workflow_ref of the job's own token
    const subject = 'https://github.com/flotilla-dev/flotilla/.github/workflows/publish.yml@refs/tags/v1';
    expect(sigstore.fulcio.issued.at(-1)).toMatchObject({ status: 201, subject, issuer: GITHUB_ACTIONS_ISSUER });
    const [signature] = artifacts.list(r.runId).filter((a) => a.name === 'signature');
    const bundleFile = signature?.files.find((f) => f.endsWith('.json')) ?? '';
    const verified = verifyBundle(readFileSync(join(signature?.dir ?? '', bundleFile), 'utf8'), {
      kind: 'keyless',
      trustedRoot: sigstore.trustedRoot,
      identities: [trustedIdentity({ issuer: GITHUB_ACTIONS_ISSUER, subject })],
    });
    expect(verified.subjectDigest).toBe(digest);
    // the pushed manifest is in the registry under the tag
    const res = await fetch(`http://${registry.host}/v2/shop/platform/manifests/1.0.0`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
  }, 120_000);
});

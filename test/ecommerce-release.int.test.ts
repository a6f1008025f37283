import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExample, EXAMPLE_DIR } from '../examples/ecommerce/build.ts';
import { publishExample } from '../examples/ecommerce/publish.ts';
import { type ComposeResult, composeSpec } from '../shared/release/compose.ts';
import { readLock } from '../shared/release/lock.ts';
import { generateKeyPair } from '../shared/sign/keys.ts';
import { runActionDist } from './harness/action-runner.ts';
import { type Registry, startRegistry } from './harness/registry.ts';

// The release path of the e-commerce platform end to end, through the
// bundled actions as the runner runs them: the platform composed for
// development (embedded registry), then published and signed by the publish
// action with its composition attestation, then its lock checked by the
// verify action against the example policy.
const root = join(import.meta.dirname, '..');
const PASSWORD = 'release key password';

let reg: Registry;
let work: string;
let composed: ComposeResult;
let pair: ReturnType<typeof generateKeyPair>;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' });
  work = mkdtempSync(join(tmpdir(), 'flotilla-release-'));
  await buildExample();
  await publishExample();
  composed = await composeSpec({
    specFile: join(EXAMPLE_DIR, 'flotilla.yaml'),
    environment: 'development',
    output: join(work, 'platform.wasm'),
    // the lock stays beside the spec: its local paths and oci: folders are relative to the spec's folder
    storeDir: join(work, 'store'),
  });
  pair = generateKeyPair({ password: PASSWORD });
}, 300_000);

afterAll(async () => {
  await reg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the composed e-commerce platform through the publish and verify actions', () => {
  it('publishes the platform signed with a key pair, with a composition attestation of its locked inputs', async () => {
    const lock = readLock(composed.lockFile);
    expect(lock.components.length).toBe(12); // the gateway, the storefront (web frontend and edge), nine services
    const run = await runActionDist(
      join(root, 'actions/publish/dist/index.js'),
      {
        component: 'platform.wasm',
        lock: composed.lockFile,
        to: `${reg.host}/company/ecommerce/platform:1.0.0`,
        signing: 'key',
        'key-env': 'RELEASE_KEY',
      },
      {
        cwd: work,
        env: {
          RELEASE_KEY: pair.privateKeyPem,
          FLOTILLA_KEY_PASSWORD: PASSWORD,
          FLOTILLA_REGISTRIES: `test|${reg.host}|oci|basic|REG_USER|REG_PASSWORD`,
          REG_USER: reg.username ?? '',
          REG_PASSWORD: reg.password ?? '',
          SOURCE_DATE_EPOCH: '1767225600',
          RUNNER_TEMP: work, // bundles are written there; the runner helper removes its own temp folder
        },
      },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(JSON.parse(run.outputs.refs ?? '[]')).toEqual([`${reg.host}/company/ecommerce/platform:1.0.0`]);
    // the composition attestation lists every locked input with its digest
    const attestation = JSON.parse(readFileSync(run.outputs['attestation-bundle'] ?? '', 'utf8')) as {
      dsseEnvelope: { payload: string };
    };
    const statement = JSON.parse(Buffer.from(attestation.dsseEnvelope.payload, 'base64').toString('utf8')) as {
      subject: { digest: { sha256: string } }[];
      predicate: { components: { name: string; digest: string }[] };
    };
    expect(`sha256:${statement.subject[0]?.digest.sha256}`).toBe(run.outputs.digest);
    const listed = new Map(statement.predicate.components.map((c) => [c.name, c.digest]));
    for (const c of lock.components) expect(listed.get(c.name), c.name).toBe(c.digest);
    // no secret reached the log but through add-mask
    const visible = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(visible.join('\n')).not.toContain(PASSWORD);
    expect(visible.join('\n')).not.toContain(reg.password ?? '');
  });

  it('verifies the platform lock against the example policy: development passes, production names every unsigned component', async () => {
    const run = await runActionDist(
      join(root, 'actions/verify/dist/index.js'),
      { policy: join(EXAMPLE_DIR, 'policy.yaml'), lock: composed.lockFile },
      { cwd: work, env: { RUNNER_TEMP: work } },
    );
    expect(run.outputs.report, run.stdout).toBeDefined();
    const report = JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as {
      verdict: string;
      environment?: string;
      components: { name: string; verdict: string; imports?: string[] }[];
    };
    // the lock says it is development's: its rules apply without naming the environment
    expect(report.environment).toBe('development');
    expect(run.outputs.verdict).toBe(report.verdict);
    expect(report.components.map((c) => c.name).sort()).toEqual(
      readLock(composed.lockFile)
        .components.map((c) => c.name)
        .sort(),
    );
    expect(run.summary).toContain('| component |');
    // the gateway's runtime imports (wasi:filesystem included) are on its allow list; the services import platform interfaces only
    expect(report.components.find((c) => c.name === 'gateway')?.imports).toContain('wasi:filesystem/types@0.2.12');
    for (const c of report.components) expect(c.verdict, c.name).toBe('pass');
    expect(report.verdict).toBe('pass');
    expect(run.code).toBe(0);

    // the same lock against production's rules (a pre-promotion check): nothing of development is signed
    const prod = await runActionDist(
      join(root, 'actions/verify/dist/index.js'),
      { policy: join(EXAMPLE_DIR, 'policy.yaml'), environment: 'production', lock: composed.lockFile },
      { cwd: work, env: { RUNNER_TEMP: work } },
    );
    expect(prod.code).toBe(1);
    expect(prod.outputs.verdict).toBe('fail');
    const annotation = prod.annotations.find((a) => a.includes('gateway') && a.includes('environments.production'));
    expect(annotation).toMatch(/file=.*examples\/ecommerce\/policy\.yaml,line=\d+/);
    expect(annotation).toContain('no signature by an authority of the policy');
  });
});

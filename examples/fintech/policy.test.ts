// The fintech policy through the verify action, as the runner runs it: the
// development composition passes (no component but the rails may reach the
// network, none may touch files, the audit service imports clocks only); a
// "fraud monitor" that imports the network, pushed to a real registry, is
// refused with the import named; and production refuses the development lock
// (tags instead of digests, unsigned components, a registry outside the region).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushFile } from '../../shared/artifact/operations.ts';
import { type ComposeResult, composeSpec } from '../../shared/release/compose.ts';
import { readLock } from '../../shared/release/lock.ts';
import { runActionDist } from '../../test/harness/action-runner.ts';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import { buildExampleComponents, componentFile, publishExampleComponents } from '../lib/example.ts';
import { fintech } from './components.ts';

const root = join(import.meta.dirname, '..', '..');
const POLICY = join(fintech.dir, 'policy.yaml');
let work: string;
let reg: Registry;
let composed: ComposeResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'flotilla-fintech-policy-'));
  reg = await startRegistry({ auth: 'basic' });
  await buildExampleComponents(fintech);
  await publishExampleComponents(fintech);
  composed = await composeSpec({
    specFile: join(fintech.dir, 'flotilla.yaml'),
    environment: 'development',
    output: join(work, 'platform.wasm'),
    storeDir: join(work, 'store'),
  });
}, 300_000);
afterAll(async () => {
  await reg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Report {
  verdict: string;
  components: { name: string; verdict: string; imports?: string[]; checks: { rule: string; status: string; reason: string }[] }[];
}

async function verifyAction(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const run = await runActionDist(
    join(root, 'actions/verify/dist/index.js'),
    { policy: POLICY, ...inputs },
    { cwd: work, env: { RUNNER_TEMP: work, ...env } },
  );
  expect(run.outputs.report, run.stdout).toBeDefined();
  return { run, report: JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8')) as Report };
}

describe('the fintech policy', () => {
  it('passes the development composition: every component within its capabilities', async () => {
    const { run, report } = await verifyAction({ environment: 'development', lock: composed.lockFile });
    expect(report.components.map((c) => c.name).sort()).toEqual(
      readLock(composed.lockFile)
        .components.map((c) => c.name)
        .sort(),
    );
    for (const c of report.components) expect(c.verdict, `${c.name}: ${JSON.stringify(c.checks)}`).toBe('pass');
    expect(run.code).toBe(0);
    // the rules that made the gateway pass include the network and filesystem denial by name
    const gateway = report.components.find((c) => c.name === 'api_gateway');
    const byName = gateway?.checks.find((k) => k.reason.includes('components[5] `api_gateway`'));
    expect(byName?.status).toBe('pass');
    expect(gateway?.imports).toContain('wasi:http/types@0.2.10');
    expect(gateway?.imports?.some((i) => i.startsWith('wasi:filesystem'))).toBe(false);
  });

  it('refuses a bank service that imports the network, naming the import and the rule', async () => {
    // The ACH processor imports wasi:http/outgoing-handler (it sends settlement files); published as if it were
    // the fraud monitor, it falls under the bank services' rule, which denies the network.
    const ref = `${reg.host}/bank/security/fraud:v3.2.0`;
    const registries = `test|${reg.host}|oci|basic|REG_USER|REG_PASSWORD`;
    const env = { FLOTILLA_REGISTRIES: registries, REG_USER: reg.username ?? '', REG_PASSWORD: reg.password ?? '' };
    await pushFile(componentFile(fintech, 'payment-rails'), ref, { cwd: work, env: { ...process.env, ...env } });
    const { run, report } = await verifyAction({ environment: 'development', ref }, env);
    expect(report.verdict).toBe('fail');
    expect(run.code).toBe(1);
    const failed = report.components[0]?.checks.filter((k) => k.status === 'fail') ?? [];
    expect(failed.map((k) => k.reason)).toEqual([
      'capabilities of components[0] `bank services`: import `wasi:http/outgoing-handler@0.2.10` is denied (matches `wasi:http/outgoing-handler*`)',
    ]);
    const annotation = run.annotations.find((a) => a.includes('wasi:http/outgoing-handler@0.2.10'));
    expect(annotation).toMatch(/file=.*examples\/fintech\/policy\.yaml,line=\d+/);
    // the same binary as the payment rails passes: the rails may use HTTP
    await pushFile(componentFile(fintech, 'payment-rails'), `${reg.host}/fed/ach-processor:v1.8.0`, {
      cwd: work,
      env: { ...process.env, ...env },
    });
    const rails = await verifyAction({ environment: 'development', ref: `${reg.host}/fed/ach-processor:v1.8.0` }, env);
    expect(rails.report.verdict).toBe('pass');
  });

  it('production refuses unsigned components, and composing for production needs every ref pinned by digest', async () => {
    const { run, report } = await verifyAction({ environment: 'production', lock: composed.lockFile });
    expect(report.verdict).toBe('fail');
    expect(run.code).toBe(1);
    for (const c of report.components) {
      const reasons = c.checks.filter((k) => k.status === 'fail').map((k) => k.reason);
      expect(reasons, c.name).toContain(
        'signing required by environments.production: no signature by an authority of the policy (the component has no signature)',
      );
    }
    const unpinned = composeSpec({
      specFile: join(fintech.dir, 'flotilla.yaml'),
      environment: 'production',
      output: join(work, 'prod.wasm'),
    });
    await expect(unpinned).rejects.toMatchObject({ code: 'SPEC_UNPINNED' });
    await expect(unpinned).rejects.toThrow(
      /flotilla\.yaml:\d+:\d+: audit_service: 'ghcr\.io\/bank\/compliance\/audit:v1\.0\.0' has no @sha256/,
    );
  });
});

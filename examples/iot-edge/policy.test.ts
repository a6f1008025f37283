// The IoT edge policy through the verify action: the development composition
// passes (the gateway has HTTP and clocks, every service platform interfaces
// only); a component that imports the filesystem, pushed to a real registry
// as if it were the stream processor, is refused with the import named.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushFile } from '../../shared/artifact/operations.ts';
import { type ComposeResult, composeSpec } from '../../shared/release/compose.ts';
import { runActionDist } from '../../test/harness/action-runner.ts';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import { buildExample, componentPath } from '../ecommerce/build.ts';
import { buildExampleComponents, publishExampleComponents } from '../lib/example.ts';
import { iotEdge } from './components.ts';

const root = join(import.meta.dirname, '..', '..');
const POLICY = join(iotEdge.dir, 'policy.yaml');
let work: string;
let reg: Registry;
let composed: ComposeResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'flotilla-iot-policy-'));
  reg = await startRegistry({ auth: 'basic' });
  await buildExampleComponents(iotEdge);
  await publishExampleComponents(iotEdge);
  await buildExample({ names: ['gateway'] }); // the e-commerce gateway's QuickJS runtime imports wasi:filesystem
  composed = await composeSpec({
    specFile: join(iotEdge.dir, 'flotilla.yaml'),
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
  components: { name: string; verdict: string; checks: { status: string; reason: string }[] }[];
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

describe('the IoT edge policy', () => {
  it('passes the development composition', async () => {
    const { run, report } = await verifyAction({ environment: 'development', lock: composed.lockFile });
    expect(report.components).toHaveLength(8);
    for (const c of report.components) expect(c.verdict, `${c.name}: ${JSON.stringify(c.checks)}`).toBe('pass');
    expect(run.code).toBe(0);
  });

  it('refuses a component that imports the filesystem, naming the import', async () => {
    const ref = `${reg.host}/iot/data/stream:v2.9.0`;
    const env = {
      FLOTILLA_REGISTRIES: `test|${reg.host}|oci|basic|REG_USER|REG_PASSWORD`,
      REG_USER: reg.username ?? '',
      REG_PASSWORD: reg.password ?? '',
    };
    await pushFile(componentPath('gateway'), ref, { cwd: work, env: { ...process.env, ...env } });
    const { run, report } = await verifyAction({ environment: 'development', ref }, env);
    expect(report.verdict).toBe('fail');
    expect(run.code).toBe(1);
    const reasons = report.components[0]?.checks.filter((k) => k.status === 'fail').map((k) => k.reason) ?? [];
    expect(reasons[0]).toBe(
      'capabilities of capabilities: import `wasi:filesystem/types@0.2.12` is denied (matches `wasi:filesystem/*`); import `wasi:filesystem/preopens@0.2.12` is denied (matches `wasi:filesystem/*`)',
    );
    // and the services' allow list (platform interfaces only) names every other import it does not allow
    expect(reasons[1]).toMatch(
      /^capabilities of components\[2\] `iot\/data\/\*\*`: import `wasi:cli\/environment@0\.2\.12` is not in the allow list; /,
    );
    expect(
      run.annotations.some((a) => a.includes('wasi:filesystem/types@0.2.12') && /file=.*examples\/iot-edge\/policy\.yaml,line=\d+/.test(a)),
    ).toBe(true);
  });
});

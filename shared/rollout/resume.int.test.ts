/**
 * A run killed (SIGKILL) after its first step: a second run is refused while
 * the dead run's lease lasts, naming it; once the lease expires, `continue`
 * in a new process goes on without repeating the step that completed, and
 * waits only the rest of the pause that was under way.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import type { ContentStore } from '../oci/store.ts';
import { StateStore } from './state-store.ts';
import { appStore, pushApp, writeSpec } from './test-apps.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'flotilla.js');
let registry: Registry;
let dir: string;
let store: ContentStore;
let spec: string;

beforeAll(async () => {
  registry = await startRegistry();
  dir = mkdtempSync(join(tmpdir(), 'flotilla-resume-'));
  store = appStore(registry.host, 'shop/platform');
  for (const env of ['production', 'later', 'term']) await pushApp(store, env, 1);
  await pushApp(store, '2.0.0', 2);
  spec = writeSpec(
    dir,
    `repository: ${registry.host}/shop/platform
leaseDuration: 2s
canary:
  steps:
    - setWeight: 10
    - pause: {duration: 4s}
    - setWeight: 50
traffic:
  gatewayApi: {parentRefs: [{name: edge}], output: deploy}`,
    'production: {}\nlater: {}\nterm: {}',
  );
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function cli(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [bin, 'canary', ...args], {
    cwd: dir,
    env: { ...process.env, FLOTILLA_FROM_SOURCE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

it('a run killed after its first step is continued by a new process without repeating it', async () => {
  const states = new StateStore(store, 'flotilla-rollout-production');
  const first = cli(['start', spec, '--env', 'production', '--canary', `${registry.host}/shop/platform:2.0.0`], {
    GITHUB_RUN_ID: '7001',
    GITHUB_REPOSITORY: 'acme/shop',
  });
  // wait until the first step is done (and the pause after it has started), then kill the process
  let before: Awaited<ReturnType<typeof states.read>>['state'];
  for (let i = 0; i < 200; i++) {
    before = (await states.read()).state;
    if (before?.steps[0]?.status === 'done' && before.steps[1]?.status === 'started') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(before?.steps[0]?.status).toBe('done');
  first.child.kill('SIGKILL');
  const killed = await first.done;
  expect(killed.code).toBe(null);
  expect(before?.lease?.holder.run?.id).toBe('7001');

  // a second run at once: refused, naming the first (its lease has not expired)
  const second = await cli(['continue', spec, '--env', 'production']).done;
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(
    /error \[ROLLOUT_LOCKED\]: the rollout of production is held by workflow run https:\/\/github.com\/acme\/shop\/actions\/runs\/7001 \(attempt 1\) \(start, since /,
  );

  // after the lease expires, continue goes on where the dead run stopped
  await new Promise((r) => setTimeout(r, 2200));
  const t0 = Date.now();
  const third = await cli(['continue', spec, '--env', 'production', '--json']).done;
  expect(third.stderr).toBe('');
  expect(third.code).toBe(0);
  const out = JSON.parse(third.stdout) as { outputs: { phase: string; weight: number } };
  expect(out.outputs).toMatchObject({ phase: 'Healthy', weight: 100 });
  const after = (await states.read()).state;
  // step 1 was not repeated: its times are the dead run's, one decision for it
  expect(after?.steps[0]).toEqual(before?.steps[0]);
  expect(after?.decisions.filter((d) => d.action === 'step' && d.reason.startsWith('step 1:'))).toHaveLength(1);
  // the pause kept its end time: the new run waited only what was left of it
  expect(after?.steps[1]?.until).toBe(before?.steps[1]?.until);
  expect(Date.now() - t0).toBeLessThan(6000);
  expect(after?.runs.map((r) => [r.command, r.result ?? null])).toEqual([
    ['start', null],
    ['continue', 'Healthy'],
  ]);
}, 60_000);

it('--max-duration stops at a safe point (during a pause), and continue finishes the rest', async () => {
  const t0 = Date.now();
  const first = await cli(['start', spec, '--env', 'later', '--canary', `${registry.host}/shop/platform:2.0.0`, '--max-duration', '1s'])
    .done;
  expect(first.code).toBe(0);
  expect(Date.now() - t0).toBeLessThan(3500);
  expect(first.stdout).toMatch(/^Paused at step 2 of 3 \(pause until .*\): 10% of the traffic on the canary/);
  const states = new StateStore(store, 'flotilla-rollout-later');
  const mid = (await states.read()).state;
  expect(mid?.message).toMatch(/^stopped at a safe point during the pause of step 2 \(max-duration\); it ends at .*; continue resumes$/);
  expect(mid?.lease).toBeUndefined();
  const second = await cli(['continue', spec, '--env', 'later']).done;
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/^Healthy: /);
}, 60_000);

it('SIGTERM (a cancelled job) stops at a safe point and gives the lease back', async () => {
  const states = new StateStore(store, 'flotilla-rollout-term');
  const run = cli(['start', spec, '--env', 'term', '--canary', `${registry.host}/shop/platform:2.0.0`]);
  for (let i = 0; i < 200 && (await states.read()).state?.steps[1]?.status !== 'started'; i++) await new Promise((r) => setTimeout(r, 50));
  run.child.kill('SIGTERM');
  const r = await run.done;
  expect(r.code).toBe(0);
  const s = (await states.read()).state;
  expect(s?.message).toBe('stopped on request (signal) at a safe point; continue resumes');
  expect(s?.lease).toBeUndefined();
  expect(s?.phase).toBe('Paused');
  const again = await cli(['continue', spec, '--env', 'term']).done;
  expect(again.code).toBe(0);
  expect(again.stdout).toMatch(/^Healthy: /);
}, 60_000);

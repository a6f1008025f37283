import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runActionDist } from './harness/action-runner.ts';

// Actions whose library work has not landed yet: each prints its parsed
// inputs and fails honestly. Remove an entry when its issue lands.
const root = join(import.meta.dirname, '..');
const pending: [string, Record<string, string>, string][] = [
  ['publish', { component: 'x.wasm', to: 'ghcr.io/a/b:1' }, 'publishing and signing (issue #7)'],
  ['verify', { policy: 'policy.yaml', ref: 'ghcr.io/a/b:1' }, 'policy verification (issue #8)'],
  ['canary', { environment: 'production' }, 'canary and blue-green releases'],
];

it.each(pending)('actions/%s prints its inputs and fails with "not implemented yet"', async (name, inputs, what) => {
  const run = await runActionDist(join(root, 'actions', name, 'dist/index.js'), inputs);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`${name} inputs: {`);
  expect(run.stdout).toContain(`::error::flotilla ${name} [NOT_IMPLEMENTED]: ${what}`);
  expect(run.stdout).toContain('is not implemented yet');
  expect(run.outputs).toEqual({});
});

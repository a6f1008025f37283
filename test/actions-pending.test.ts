import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runActionDist } from './harness/action-runner.ts';

// Actions whose library work has not landed yet print their parsed inputs and
// fail honestly with NOT_IMPLEMENTED. None is left: the canary action landed
// with issue 16 (test/canary-action.int.test.ts runs it end to end). This test
// keeps every action's dist from falling back to a stub.
const root = join(import.meta.dirname, '..');

it.each(['compose', 'publish', 'verify', 'canary'])('actions/%s is implemented (no NOT_IMPLEMENTED stub)', async (name) => {
  const run = await runActionDist(join(root, 'actions', name, 'dist/index.js'), { environment: 'production', spec: 'missing.yaml' });
  expect(run.code).not.toBe(0);
  expect(run.stdout).not.toContain('NOT_IMPLEMENTED');
  expect(run.stdout).not.toContain('is not implemented yet');
});

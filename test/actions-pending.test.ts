import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runActionDist } from './harness/action-runner.ts';

// Actions whose library work has not landed yet: each prints its parsed
// inputs and fails honestly. Remove an entry when its issue lands.
const root = join(import.meta.dirname, '..');
const pending: [string, Record<string, string>, string][] = [['canary', { environment: 'production' }, 'canary and blue-green releases']];

it.each(pending)('actions/%s prints its inputs and fails with "not implemented yet"', async (name, inputs, what) => {
  const run = await runActionDist(join(root, 'actions', name, 'dist/index.js'), inputs);
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`${name} inputs: {`);
  expect(run.stdout).toContain(`::error::flotilla ${name} [NOT_IMPLEMENTED]: ${what}`);
  expect(run.stdout).toContain('is not implemented yet');
  expect(run.outputs).toEqual({});
});

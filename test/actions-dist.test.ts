import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runActionDist } from './harness/action-runner.ts';

const root = join(import.meta.dirname, '..');
const actions = ['compose', 'publish', 'verify', 'canary', 'promote'];

interface ActionYaml {
  name: string;
  description: string;
  inputs: Record<string, { description: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

describe.each(actions)('actions/%s', (name) => {
  const dir = join(root, 'actions', name);

  it('declares node24, dist/index.js and describes every input and output', () => {
    const meta = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionYaml;
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(meta.description.length).toBeGreaterThan(20);
    for (const [key, input] of Object.entries(meta.inputs)) expect(input.description, `input ${key}`).toMatch(/\w/);
    for (const [key, output] of Object.entries(meta.outputs)) expect(output.description, `output ${key}`).toMatch(/\w/);
    expect(existsSync(join(dir, 'dist', 'index.js'))).toBe(true);
    // every bundled package is listed with its license (ncc's own file kept only the last chunk's)
    const licenses = readFileSync(join(dir, 'dist', 'licenses.txt'), 'utf8');
    expect(licenses).toMatch(/^@actions\/core\nMIT\n/m);
    if (name === 'compose') expect(licenses).toMatch(/^@bytecodealliance\/jco\n\(?Apache-2\.0/m);
  });
});

describe('bundled actions run under Node 24 with INPUT_* set', () => {
  it('a missing required input fails the step with a message naming it', async () => {
    const run = await runActionDist(join(root, 'actions/verify/dist/index.js'), { ref: 'ghcr.io/a/b:1' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("::error::flotilla verify [USAGE]: input 'policy' (or 'key', a public key file) is required");
  });

  it('a bad boolean input fails with the input named', async () => {
    const run = await runActionDist(join(root, 'actions/compose/dist/index.js'), { frozen: 'maybe' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("input 'frozen' must be true or false, got 'maybe'");
  });
});

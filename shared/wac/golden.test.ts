/**
 * Golden-file tests in the style of wac's own suite. Each folder under
 * `testdata/` holds a `composition.wac` and its dependencies as `.wat` files
 * named by package (`foo_bar.wat` is `foo:bar`, `foo_bar@1.0.0.wat` is
 * `foo:bar@1.0.0`); a passing case has `result.wit` (the world of the composed
 * component, from jco's `componentWit`), a failing case (under `testdata/fail/`)
 * has `error.txt`. `UPDATE_GOLDEN=1` rewrites the expectations.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentWit, parse as parseWat } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { composeWac } from './compose.ts';
import type { WacPackage } from './resolver.ts';

const root = join(import.meta.dirname, 'testdata');
const update = process.env.UPDATE_GOLDEN === '1';

function caseDirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'composition.wac')))
    .sort();
}

async function loadPackages(dir: string): Promise<WacPackage[]> {
  const packages: WacPackage[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.wat')) continue;
    const stem = file.slice(0, -'.wat'.length);
    const at = stem.indexOf('@');
    const name = (at < 0 ? stem : stem.slice(0, at)).replace('_', ':');
    const bytes = await parseWat(readFileSync(join(dir, file), 'utf8'));
    packages.push({ name, ...(at < 0 ? {} : { version: stem.slice(at + 1) }), bytes });
  }
  return packages;
}

async function compose(dir: string): Promise<Uint8Array> {
  const text = readFileSync(join(dir, 'composition.wac'), 'utf8');
  return composeWac({ file: 'composition.wac', text }, await loadPackages(dir));
}

function check(file: string, actual: string): void {
  if (update || !existsSync(file)) {
    writeFileSync(file, actual);
    if (!update) throw new Error(`${file} did not exist; it was written, check it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('WAC golden cases', () => {
  it.each(caseDirs(root))('%s composes to the expected world', async (name) => {
    const dir = join(root, name);
    const bytes = await compose(dir);
    check(join(dir, 'result.wit'), await componentWit(bytes));
  });
});

describe('WAC golden failures', () => {
  it.each(caseDirs(join(root, 'fail')))('%s fails with the expected error', async (name) => {
    const dir = join(root, 'fail', name);
    let message: string | undefined;
    try {
      await compose(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(Error);
      expect((err as { code?: unknown }).code).toMatch(/^WAC_/);
      message = (err as Error).message;
    }
    expect(message, 'the composition should have failed').toBeDefined();
    check(join(dir, 'error.txt'), `${message}\n`);
  });
});

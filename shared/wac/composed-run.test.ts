import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseWat } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { loadComponent } from '../../test/support/run-component.ts';
import { composeWac } from './compose.ts';
import { PlugError, plug } from './plug.ts';

async function instantiateComponent(bytes: Uint8Array, name = 'composed'): Promise<Record<string, unknown>> {
  return (await loadComponent(bytes, name)).module;
}

const testdata = join(import.meta.dirname, 'testdata');
const wat = async (c: string, f: string) => parseWat(readFileSync(join(testdata, c, f), 'utf8'));

describe('composed components run', () => {
  it('a call goes through every composed component (adder ← doubler ← quad)', async () => {
    const packages = [
      { name: 'example:adder', bytes: await wat('function-argument', 'example_adder.wat') },
      { name: 'example:doubler', bytes: await wat('function-argument', 'example_doubler.wat') },
      { name: 'example:quad', bytes: await wat('function-argument', 'example_quad.wat') },
    ];
    const text = readFileSync(join(testdata, 'function-argument', 'composition.wac'), 'utf8');
    const bytes = await composeWac({ file: 'composition.wac', text }, packages);
    const m = await instantiateComponent(bytes);
    // doubler.run(x) = adder.add(x, x); quad(x) = run(run(x))
    expect((m.run as (x: number) => number)(21)).toBe(42);
    expect((m.calc as { quad: (x: number) => number }).quad(5)).toBe(20);
  });

  it('a resource made by one component is used and dropped by another', async () => {
    const dir = 'resources-crossing';
    const packages = [
      { name: 'test:counters', bytes: await wat(dir, 'test_counters.wat') },
      { name: 'test:counter-user', bytes: await wat(dir, 'test_counter-user.wat') },
    ];
    const text = readFileSync(join(testdata, dir, 'composition.wac'), 'utf8');
    const m = await instantiateComponent(await composeWac({ file: 'composition.wac', text }, packages));
    // make(5), incr twice by 10 → 25, drop, + 1000
    expect((m.runner as { run: (x: number) => number }).run(5)).toBe(1025);
  });

  it('strings and lists cross components (and semver-compatible names are wired by string)', async () => {
    for (const [dir, exportName] of [
      ['strings-and-lists', 'text'],
      ['semver-compatible-argument', 'text'],
    ] as const) {
      const packages = [
        { name: 'test:leaf', bytes: await wat(dir, 'test_leaf.wat') },
        { name: 'test:wrapper', bytes: await wat(dir, 'test_wrapper.wat') },
      ];
      const text = readFileSync(join(testdata, dir, 'composition.wac'), 'utf8');
      const m = await instantiateComponent(await composeWac({ file: 'composition.wac', text }, packages), dir);
      const api = m[exportName] as { label: (s: string) => string; total: (xs: Uint32Array | number[]) => number };
      expect(api.label('x')).toBe('wrap(leaf(x))');
      // wrapper appends 7, leaf adds 5 to the sum
      expect(api.total([1, 2, 3])).toBe(18);
    }
  });

  it('composing without validation gives the same bytes', async () => {
    const packages = [
      { name: 'example:adder', bytes: await wat('instantiation', 'example_adder.wat') },
      { name: 'example:doubler', bytes: await wat('instantiation', 'example_doubler.wat') },
    ];
    const source = { file: 'c.wac', text: readFileSync(join(testdata, 'instantiation', 'composition.wac'), 'utf8') };
    const validated = await composeWac(source, packages);
    const unvalidated = await composeWac(source, packages, { validate: false });
    expect(unvalidated).toEqual(validated);
    // the nested components are embedded byte for byte
    const haystack = Buffer.from(validated);
    for (const p of packages) expect(haystack.indexOf(Buffer.from(p.bytes))).toBeGreaterThan(0);
  });
});

describe('plug', () => {
  it('plugs the adder into the doubler and re-exports the socket exports', async () => {
    const bytes = await plug(await wat('instantiation', 'example_doubler.wat'), [await wat('instantiation', 'example_adder.wat')]);
    const m = await instantiateComponent(bytes, 'plugged');
    expect((m.run as (x: number) => number)(7)).toBe(14);
  });

  it('plugs that nothing uses are not instantiated', async () => {
    const unused = await wat('function-argument', 'example_quad.wat');
    const bytes = await plug(await wat('instantiation', 'example_doubler.wat'), [unused, await wat('instantiation', 'example_adder.wat')], {
      validate: false,
    });
    // quad is embedded only if instantiated
    expect(Buffer.from(bytes).indexOf(Buffer.from(unused))).toBe(-1);
  });

  it('fails when no plug matches', async () => {
    const err = await plug(await wat('instantiation', 'example_adder.wat'), [await wat('instantiation', 'example_doubler.wat')]).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(PlugError);
    expect(err.code).toBe('WAC_NO_PLUG');
  });

  it('does not plug an export whose type does not fit', async () => {
    const wide = await wat(join('fail', 'type-mismatch'), 'example_wide-adder.wat');
    const err = await plug(await wat('instantiation', 'example_doubler.wat'), [wide]).catch((e) => e);
    expect(err.code).toBe('WAC_NO_PLUG');
  });
});

describe('--import-dependencies', () => {
  it('imports the packages as components instead of embedding them, and still validates', async () => {
    const packages = [
      { name: 'example:adder', bytes: await wat('instantiation', 'example_adder.wat') },
      { name: 'example:doubler', bytes: await wat('instantiation', 'example_doubler.wat') },
    ];
    const source = { file: 'c.wac', text: readFileSync(join(testdata, 'instantiation', 'composition.wac'), 'utf8') };
    const bytes = await composeWac(source, packages, { importDependencies: true });
    const haystack = Buffer.from(bytes);
    for (const p of packages) expect(haystack.indexOf(Buffer.from(p.bytes))).toBe(-1);
    expect(haystack.includes(Buffer.from('unlocked-dep=<example:adder>'))).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseWat } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { composeWac } from './compose.ts';
import { PlugError, plug } from './plug.ts';
import { instantiateComponent } from './run-component.ts';

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

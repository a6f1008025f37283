// Plug mode says why nothing was plugged: every socket import and every plug
// export compared, and why each pair did not match (name, version, or the
// type mismatch path, as WAC mode prints it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { PlugError, plug } from './plug.ts';

const testdata = join(import.meta.dirname, 'testdata');
const wat = (dir: string, file: string) => parse(readFileSync(join(testdata, dir, file), 'utf8'));

/** An adder exporting `example:math/adder` at `version`, or under another name. */
function adderAt(name: string): Promise<Uint8Array> {
  return parse(`(component
    (core module $m (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
    (core instance $i (instantiate $m))
    (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
    (instance $adder (export "add" (func $add)))
    (export "${name}" (instance $adder))
  )`);
}

describe('plug mode: no matching imports', () => {
  it('without explain, wac’s own line word for word (what flotilla wac plug prints)', async () => {
    const err = await plug(await wat('instantiation', 'example_adder.wat'), [await wat('instantiation', 'example_doubler.wat')]).catch(
      (e: unknown) => e,
    );
    expect((err as Error).message).toBe('the socket component had no matching imports for the plugs that were provided');
  });

  it('names the socket imports and each plug export with the reason it did not match', async () => {
    const socket = await parse(`(component
      (import "example:math/adder@1.0.0" (instance $adder (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
      (core func $add (canon lower (func $adder "add")))
      (core module $m (import "host" "add" (func (param i32 i32) (result i32))))
      (core instance $h (export "add" (func $add)))
      (core instance $i (instantiate $m (with "host" (instance $h))))
    )`);
    const err = await plug(socket, [await adderAt('example:math/adder@2.0.0'), await adderAt('example:calc/multiplier@1.0.0')], {
      explain: true,
      labels: { socket: 'calculator', plugs: ['adder-v2', 'multiplier'] },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlugError);
    expect((err as PlugError).code).toBe('WAC_NO_PLUG');
    expect((err as Error).message).toBe(
      [
        'the socket component had no matching imports for the plugs that were provided: nothing of adder-v2, multiplier fits an import of calculator',
        '  calculator imports: `example:math/adder@1.0.0`',
        '  adder-v2 exports:',
        '    - `example:math/adder@2.0.0`: the socket imports `example:math/adder@1.0.0`: another version, not semver-compatible with 2.0.0',
        '  multiplier exports:',
        '    - `example:calc/multiplier@1.0.0`: no import of that name (nor a semver-compatible version of it)',
      ].join('\n'),
    );
  });

  it('a type that does not fit: the mismatch path as WAC mode prints it', async () => {
    const err = await plug(
      await wat('instantiation', 'example_doubler.wat'),
      [await wat(join('fail', 'type-mismatch'), 'example_wide-adder.wat')],
      {
        explain: true,
      },
    ).catch((e: unknown) => e);
    expect((err as Error).message).toContain('  socket imports: `example:math/adder`');
    expect((err as Error).message).toContain(
      '    - `example:math/adder`: imported by that name, but type mismatch at example:math/adder > add > param a: expected u32, found u64',
    );
  });

  it('a semver-compatible name whose type does not fit', async () => {
    const socket = await parse(`(component
      (import "example:math/adder@1.0.0" (instance (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
    )`);
    const wide = await parse(`(component
      (core module $m (func (export "add") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add))
      (core instance $i (instantiate $m))
      (func $add (param "a" u64) (param "b" u64) (result u64) (canon lift (core func $i "add")))
      (instance $adder (export "add" (func $add)))
      (export "example:math/adder@1.2.0" (instance $adder))
    )`);
    const err = await plug(socket, [wide], { explain: true }).catch((e: unknown) => e);
    expect((err as Error).message).toContain(
      '    - `example:math/adder@1.2.0`: semver-compatible with the import `example:math/adder@1.0.0`, but type mismatch at example:math/adder@1.0.0 > add > param a: expected u32, found u64',
    );
  });
});

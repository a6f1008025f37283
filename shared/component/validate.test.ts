import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { ComponentValidationError, validateComponent } from './validate.ts';

async function rejection(wat: string, level?: 'model' | 'transpile'): Promise<string> {
  const bytes = await parse(wat);
  try {
    await validateComponent(bytes, level ? { level } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(ComponentValidationError);
    expect((e as ComponentValidationError).code).toBe('COMPONENT_INVALID');
    return (e as Error).message;
  }
  throw new Error('expected the component to be refused');
}

describe('validateComponent (wasmparser for the component layer, V8 for core function bodies)', () => {
  it('refuses an instantiation argument whose type does not fit the import, naming the mismatch and the offset', async () => {
    const message = await rejection(`(component
      (component $c (import "f" (func (param "x" u32))))
      (import "g" (func $g (param "x" string)))
      (instance (instantiate $c (with "f" (func $g)))))`);
    expect(message).toContain('type mismatch for import `f`');
    expect(message).toContain('expected primitive `u32` found primitive `string`');
    expect(message).toMatch(/\(at offset 0x[0-9a-f]+\)$/);
  });

  it('refuses a missing instantiation argument', async () => {
    expect(await rejection('(component (component $c (import "f" (func))) (instance (instantiate $c)))')).toContain(
      'missing import named `f`',
    );
  });

  it('refuses canonical options a lift needs but does not have (strings need a memory)', async () => {
    const message = await rejection(`(component
      (core module $m (func (export "f") (param i32 i32)))
      (core instance $i (instantiate $m))
      (func (export "f") (param "s" string) (canon lift (core func $i "f"))))`);
    expect(message).toContain('canonical option `memory` is required');
  });

  it('refuses a lift whose core signature does not match the lifted type', async () => {
    const message = await rejection(`(component
      (core module $m (func (export "f") (param i64)))
      (core instance $i (instantiate $m))
      (func (export "f") (param "x" u32) (canon lift (core func $i "f"))))`);
    expect(message).toContain('lowered parameter types `[I32]` do not match parameter types `[I64]`');
  });

  it('refuses an export whose type uses a resource that is not exported (resource rules)', async () => {
    const message = await rejection(`(component
      (type $r (resource (rep i32)))
      (core module $m (func (export "f") (param i32)))
      (core instance $i (instantiate $m))
      (type $o (own $r))
      (func $f (param "x" $o) (canon lift (core func $i "f")))
      (export "f" (func $f)))`);
    expect(message).toMatch(/not valid to be used as export/);
  });

  it('refuses an export of an index that does not exist', async () => {
    expect(await rejection('(component (import "f" (func (param "x" u32))) (export "g" (func 1)))')).toContain('out of bounds');
  });

  it('refuses a core function body that does not type check (V8 validates every body)', async () => {
    const message = await rejection('(component (core module $m (func (result i32) (i64.const 1))) (core instance (instantiate $m)))');
    expect(message).toContain('core module 0 (of 1');
    expect(message).toContain('expected i32, got i64');
  });

  it('refuses bytes that are not a component', async () => {
    await expect(validateComponent(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00))).rejects.toThrow(/core module/);
  });

  it('accepts valid components jco cannot transpile: a root-level component import, a re-exported import, a type export', async () => {
    const cases = [
      '(component (import "c" (component (export "f" (func)))))',
      '(component (import "f" (func $f)) (export "g" (func $f)))',
      '(component (type (record (field "a" u32))) (export "r" (type 0)))',
    ];
    for (const wat of cases) {
      await expect(validateComponent(await parse(wat))).resolves.toBeUndefined();
      // the optional deeper check is jco's: it refuses them
      expect(await rejection(wat, 'transpile')).toContain('jco cannot transpile it');
    }
  });
});

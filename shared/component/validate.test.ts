import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../examples/ecommerce/build.ts';
import {
  ComponentValidationError,
  coreModules,
  preloadValidator,
  resetValidator,
  stubCoreModules,
  validateComponent,
  validateComponentModel,
  validatorGeneration,
} from './validate.ts';
import { WARM_UP_WAT, warmUpComponent } from './validator-warm-up.ts';

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

describe('validateComponent (wasmparser for the component layer, V8 for core modules)', () => {
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

describe('the component layer checked over core-module stubs, V8 for the modules', () => {
  it('keeps what the component layer checks of a module: a core instantiation argument of the wrong type', async () => {
    const wat = `(component
      (core module $a (func (export "f") (param i64)))
      (core module $b (import "x" "f" (func (param i32))))
      (core instance $ia (instantiate $a))
      (core instance (instantiate $b (with "x" (instance $ia)))))`;
    const bytes = await parse(wat);
    const message = await rejection(wat);
    expect(message).toContain('type mismatch');
    // the message and the offset are those of the real bytes (the stub was refused, the real bytes decide)
    const real = await validateComponentModel(bytes).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toBe(real);
  });

  it('refuses a core module V8 refuses outside its function bodies (data for a memory it does not have)', async () => {
    const message = await rejection('(component (core module (data (i32.const 0) "x")))');
    expect(message).toContain('core module 0 (of 1');
  });

  it('refuses an invalid function body that nothing calls or exports, in a component nested in another', async () => {
    const message = await rejection(`(component
      (component $inner
        (core module $ok (func (export "f")))
        (core module $bad (func $never (result i32) (i64.const 1)) (func (export "g"))))
      (instance (instantiate $inner)))`);
    expect(message).toContain('core module 1 (of 2');
    expect(message).toContain('expected i32, got i64');
  });

  it('stubs every core module of the example components with the same imports and exports, a fraction of the bytes', async () => {
    const { ensureBuilt } = await import('../../examples/ecommerce/test-support.ts');
    const { BUILD_DIR } = await import('../../examples/ecommerce/build.ts');
    await ensureBuilt();
    const wasm = globalThis as unknown as {
      WebAssembly: {
        Module: { new (b: Uint8Array): object; imports(m: object): unknown[]; exports(m: object): unknown[] };
      };
    };
    const { Module } = wasm.WebAssembly;
    for (const name of ['gateway', 'cart', 'orders']) {
      const bytes = new Uint8Array(readFileSync(join(BUILD_DIR, `${name}.wasm`)));
      const { stub, modules } = stubCoreModules(bytes);
      const stubBytes = stub.finish();
      expect(stubBytes.length).toBeLessThan(bytes.length / 4);
      const stubbed = coreModules(stubBytes);
      expect(stubbed).toHaveLength(modules.length);
      for (const [i, m] of modules.entries()) {
        const real = new Module(m);
        const cut = new Module(stubbed[i] as Uint8Array);
        expect(Module.imports(cut)).toEqual(Module.imports(real));
        expect(Module.exports(cut)).toEqual(Module.exports(real));
      }
      await expect(validateComponentModel(stubBytes)).resolves.toBeUndefined();
      await expect(validateComponent(bytes)).resolves.toBeUndefined();
    }
  }, 300_000);

  it('refuses bytes whose sections do not nest, with wasmparser’s message', async () => {
    const good = await parse('(component (core module (func (export "f"))))');
    const cut = good.subarray(0, good.length - 3);
    await expect(validateComponent(cut)).rejects.toThrow(/the component is not valid: .*\(at offset 0x[0-9a-f]+\)/s);
  });

  it('still validates every body when V8 is told to validate lazily (node --wasm-lazy-validation)', async () => {
    const bytes = await parse('(component (core module (func $never (result i32) (i64.const 1)) (func (export "f"))))');
    const dir = mkdtempSync(join(tmpdir(), 'flotilla-lazy-'));
    const script = join(dir, 'probe.ts');
    writeFileSync(
      script,
      `const { validateComponent } = await import(${JSON.stringify(join(import.meta.dirname, 'validate.ts'))});
const bytes = new Uint8Array(Buffer.from(${JSON.stringify(Buffer.from(bytes).toString('base64'))}, 'base64'));
try { await validateComponent(bytes); console.log('accepted'); } catch (e) { console.log('refused: ' + e.message); }
`,
    );
    try {
      const out = execFileSync(process.execPath, ['--wasm-lazy-validation', script], { encoding: 'utf8', cwd: REPO_ROOT });
      expect(out).toContain('refused: the component is not valid: core module 0 (of 1');
      expect(out).toContain('V8 refuses it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after a reset (what a panic in wasm-tools causes) validates on a fresh instance of jco’s build, refusals included', async () => {
    const valid = warmUpComponent();
    const invalid = await parse('(component (component $c (import "f" (func))) (instance (instantiate $c)))');
    await validateComponent(valid);
    const generation = validatorGeneration();
    resetValidator();
    expect(validatorGeneration()).toBe(generation + 1);
    await expect(validateComponent(valid)).resolves.toBeUndefined();
    await expect(validateComponent(invalid)).rejects.toThrow(/missing import named `f` \(at offset 0x[0-9a-f]+\)/);
    resetValidator();
    await expect(validateComponentModel(invalid)).rejects.toThrow(/missing import named `f`/);
  });

  it('the warm-up component is its WAT, and valid', async () => {
    expect(Buffer.from(warmUpComponent()).equals(Buffer.from(await parse(WARM_UP_WAT)))).toBe(true);
    await expect(validateComponent(warmUpComponent())).resolves.toBeUndefined();
    preloadValidator(); // no throw, and a validation right after it works
    await expect(validateComponent(warmUpComponent())).resolves.toBeUndefined();
  });
});

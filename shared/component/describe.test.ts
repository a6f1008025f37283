import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { describeWasm, WasmFormatError } from './describe.ts';

describe('describeWasm', () => {
  it('reads the imports and exports of a component', async () => {
    const bytes = await parse(`(component
      (import "wasi:cli/environment@0.2.0" (instance))
      (import "log" (func))
      (core module $m (func (export "f") (result i32) i32.const 7))
      (core instance $i (instantiate $m))
      (func $f (result u32) (canon lift (core func $i "f")))
      (export "get" (func $f))
    )`);
    expect(describeWasm(bytes)).toEqual({ kind: 'component', imports: ['wasi:cli/environment@0.2.0', 'log'], exports: ['get'] });
  });

  it('reads a core module', async () => {
    const bytes = await parse('(module (import "env" "mem" (memory 1)) (func (export "run")))');
    expect(describeWasm(bytes)).toEqual({ kind: 'module', imports: ['env/mem'], exports: ['run'] });
  });

  it('refuses what is not Wasm, with the offset', () => {
    expect(() => describeWasm(new TextEncoder().encode('hello world'))).toThrow(WasmFormatError);
    expect(() => describeWasm(new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 10, 50]))).toThrow(/runs past the end/);
  });
});

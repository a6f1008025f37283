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

  // a core module header, then sections as raw bytes
  const core = (...section: number[]) => new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section]);

  it('refuses an overflowing LEB128 in a core module, with the offset (it was read as a 35-bit number)', () => {
    // a custom section whose size is 0xff 0xff 0xff 0xff 0x7f: more than 32 bits
    const err = catchError(() => describeWasm(core(0, 0xff, 0xff, 0xff, 0xff, 0x7f)));
    expect(err).toBeInstanceOf(WasmFormatError);
    expect(err).toMatchObject({ code: 'WASM_INVALID', offset: 9 });
    expect(err.message).toBe('LEB128 u32 out of range (at byte 9)');
  });

  it('refuses an overlong LEB128 in a core module', () => {
    // six bytes for a u32 (0x80 0x80 0x80 0x80 0x80 0x00): the fifth already carries bits past 32
    expect(() => describeWasm(core(0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00))).toThrow(/LEB128 u32 out of range \(at byte 9\)/);
  });

  it('refuses a truncated LEB128 and a truncated section in a core module', () => {
    expect(() => describeWasm(core(2, 0x85))).toThrow(/unexpected end of data \(at byte 10\)/);
    // an import section of 5 bytes holding one import whose module name claims 9 bytes
    expect(() => describeWasm(core(2, 5, 1, 9, 0x61, 0x62, 0x63))).toThrow(/an item of 9 bytes runs past the end/);
  });

  it('refuses an import name that is not UTF-8 with a typed error', () => {
    const err = catchError(() => describeWasm(core(2, 8, 1, 1, 0xff, 1, 0x66, 0, 0, 0)));
    expect(err).toMatchObject({ code: 'WASM_INVALID' });
    expect(err.message).toBe('name is not valid UTF-8 (at byte 12)');
  });
});

function catchError(f: () => unknown): Error & { offset?: number } {
  try {
    f();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

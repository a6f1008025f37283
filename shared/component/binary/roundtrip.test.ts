import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { leb128 } from '../../../test/harness/wasm-fixtures.ts';
import {
  counterProvider,
  counterUser,
  otherTextImporter,
  stdoutWriter,
  textLeaf,
  textWrapper,
  wrongText,
} from '../../../test/support/wat-components.ts';
import { BinaryFormatError, readComponent, writeComponent } from './index.ts';

/** Components exercising every section and most of the type grammar. */
const SAMPLE_WATS: Record<string, string> = {
  empty: '(component)',
  types: `(component
    (type $r (record (field "a" u32) (field "b" string)))
    (type $v (variant (case "x") (case "y" $r)))
    (type $l (list $v))
    (type $fl (list u8 4))
    (type $t (tuple u8 s8 u16 s16 u32 s32 u64 s64 f32 f64 char bool string))
    (type $f (flags "a" "b" "c"))
    (type $e (enum "p" "q"))
    (type $o (option $t))
    (type $res (result $o (error $e)))
    (type $res2 (result))
    (type $s (stream u8))
    (type $fu (future string))
    (type $s0 (stream))
    (type $ec error-context)
    (type $fn (func (param "x" $res) (param "y" $fl) (result $l)))
    (type $afn (func async (param "x" u32)))
    (type $it (instance
      (export "res" (type (sub resource)))
      (type $own (own 0))
      (type $borrow (borrow 0))
      (export "make" (func (result $own)))
      (export "use" (func (param "r" $borrow)))
      (alias outer 1 $r (type))
    ))
    (type $ct (component
      (import "i" (instance (type $it)))
      (alias outer 1 $fn (type))
      (import "f" (func (type 1)))
      (export "g" (func (type 1)))
      (core type (module (import "a" "b" (func)) (export "m" (memory 1))))
    ))
    (import "x" (instance $x (type $it)))
    (import "h" (func $h (type $fn)))
    (import "c" (component (type $ct)))
    (alias export $x "res" (type $xr))
    (export "xr" (type $xr))
  )`,
  core: `(component
    (core type $ft (func (param i32 i64 f32 f64) (result i32)))
    (core type $mt (module (import "env" "f" (func (type 0))) (export "mem" (memory 1 2)) (export "t" (table 1 funcref)) (export "g" (global (mut i32)))))
    (core module $m
      (memory (export "mem") 1)
      (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
      (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
      (data (i32.const 0) "hello"))
    (core instance $i (instantiate $m))
    (core instance $j (export "mem" (memory $i "mem")) (export "f" (func $i "add")))
    (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
    (func $greet (param "s" string) (result string) (canon lift (core func $i "add") (memory (core memory $i "mem")) (realloc (core func $i "realloc")) string-encoding=utf8))
    (core func $low (canon lower (func $add)))
    (type $res (resource (rep i32)))
    (core func $rn (canon resource.new $res))
    (core func $rd (canon resource.drop $res))
    (core func $rr (canon resource.rep $res))
    (component $inner
      (import "add" (func $a (param "a" u32) (param "b" u32) (result u32)))
      (export "again" (func $a)))
    (instance $n (instantiate $inner (with "add" (func $add))))
    (instance $bag (export "one" (func $add)) (export "inner" (instance $n)))
    (alias export $n "again" (func $again))
    (export "add" (func $add))
    (export "again" (func $again))
    (export "bag" (instance $bag))
    (export "greet" (func $greet))
    (@custom "hello" "world")
  )`,
};

const FIXTURES: Record<string, string> = {
  textLeaf: textLeaf('a', 1),
  textWrapper: textWrapper('b', 2, '0.1.0', '0.2.0'),
  counterProvider: counterProvider(1),
  counterUser: counterUser(),
  stdoutWriter: stdoutWriter('x', 'hi', 1, '0.2.0', 'y'),
  wrongText: wrongText('n', 'u32'),
  otherTextImporter: otherTextImporter(),
};

describe('component binary reader and writer', () => {
  for (const [name, wat] of Object.entries(FIXTURES)) {
    it(`round-trips the test component "${name}" byte for byte`, async () => {
      const bytes = await parse(wat);
      expect(Buffer.from(writeComponent(readComponent(bytes))).equals(Buffer.from(bytes))).toBe(true);
    });
  }

  for (const [name, wat] of Object.entries(SAMPLE_WATS)) {
    it(`round-trips "${name}" byte for byte`, async () => {
      const bytes = await parse(wat);
      const c = readComponent(bytes);
      expect(c.sections.length).toBeGreaterThanOrEqual(name === 'empty' ? 0 : 3);
      expect(Buffer.from(writeComponent(c)).equals(Buffer.from(bytes))).toBe(true);
    });
  }

  it('keeps core modules as views into the input (no copy)', async () => {
    const bytes = await parse(SAMPLE_WATS.core as string);
    const c = readComponent(bytes);
    const mod = c.sections.find((s) => s.id === 'coreModule');
    expect(mod?.id).toBe('coreModule');
    if (mod?.id === 'coreModule') expect(mod.bytes.buffer).toBe(bytes.buffer);
    const nested = c.sections.find((s) => s.id === 'component');
    if (nested?.id === 'component') expect(nested.component.source?.buffer).toBe(bytes.buffer);
    else expect.unreachable('no nested component');
  });

  it('decodes the type grammar', async () => {
    const c = readComponent(await parse(SAMPLE_WATS.types as string));
    const types = c.sections.flatMap((s) => (s.id === 'type' ? s.items : []));
    expect(types.map((t) => t.kind)).toEqual([
      'record',
      'variant',
      'list',
      'list',
      'tuple',
      'flags',
      'enum',
      'option',
      'result',
      'result',
      'stream',
      'future',
      'stream',
      'prim',
      'func',
      'func',
      'instance',
      'component',
    ]);
    expect(types[3]).toEqual({ kind: 'list', element: 'u8', length: 4 });
    expect(types[15]).toMatchObject({ kind: 'func', async: true });
  });

  it('carries unknown sections byte-exact and refuses unknown opcodes with the offset', () => {
    const unknown = Uint8Array.of(0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 0x30, 3, 1, 2, 3);
    expect(writeComponent(readComponent(unknown))).toEqual(unknown);
    const badType = Uint8Array.of(0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 7, 2, 1, 0x20);
    expect(() => readComponent(badType)).toThrow(BinaryFormatError);
    expect(() => readComponent(badType)).toThrow(/unknown type definition 0x20 \(at byte 11\)/);
    expect(() => readComponent(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0))).toThrow(/core module, not a component/);
    // 10,000 nested instance types: refused, not a stack overflow
    const deep = new Uint8Array(8 + 3 + 10_000 * 3);
    deep.set([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 7, 0x80, 1]);
    expect(() => readComponent(deep)).toThrow(BinaryFormatError);
    const body = [1, ...Array.from({ length: 10_000 }, () => [0x42, 1, 0x01]).flat()];
    const sized = Uint8Array.of(0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0, 7, ...leb128(body.length), ...body);
    expect(() => readComponent(sized)).toThrow(/nested more than 100 deep/);
  });
});

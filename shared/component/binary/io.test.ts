import { describe, expect, it } from 'vitest';
import { BinaryFormatError } from './errors.ts';
import { ByteReader, ByteWriter } from './io.ts';

/** The one LEB128 reader of the code base (components, core modules, WAC packages all read through it). */
describe('ByteReader LEB128', () => {
  const reader = (...bytes: number[]) => new ByteReader(new Uint8Array(bytes), 100);

  it('reads the largest u32 and round-trips the writer', () => {
    expect(reader(0xff, 0xff, 0xff, 0xff, 0x0f).u32()).toBe(0xffffffff);
    for (const v of [0, 1, 127, 128, 624485, 0x7fffffff, 0xffffffff]) {
      const w = new ByteWriter();
      w.u32(v);
      expect(new ByteReader(w.finish()).u32()).toBe(v);
    }
  });

  it('refuses a u32 that overflows 32 bits or is longer than five bytes, at the offset of its first byte', () => {
    expect(() => reader(0xff, 0xff, 0xff, 0xff, 0x1f).u32()).toThrow(new BinaryFormatError('LEB128 u32 out of range', 100));
    expect(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32()).toThrow(/out of range \(at byte 100\)/);
  });

  it('refuses a truncated u32 and s33 with a typed error', () => {
    const err = (() => {
      try {
        reader(0x80, 0x80).u32();
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(BinaryFormatError);
    expect(err).toMatchObject({ code: 'WASM_INVALID', offset: 102 });
    expect(() => reader(0xff).s33()).toThrow(/unexpected end of data/);
  });

  it('reads s33 values and refuses longer ones', () => {
    expect(reader(0x7f).s33()).toBe(-1);
    expect(reader(0x3f).s33()).toBe(63);
    for (const v of [-(2 ** 32), -65, 64, 2 ** 32 - 1]) {
      const w = new ByteWriter();
      w.s33(v);
      expect(new ByteReader(w.finish()).s33()).toBe(v);
    }
    expect(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s33()).toThrow(/LEB128 s33 out of range/);
  });

  it('skips a u64 of ten bytes and refuses eleven', () => {
    const r = reader(...Array(9).fill(0xff), 0x01, 0x2a);
    r.skipLeb();
    expect(r.byte()).toBe(0x2a);
    expect(() => reader(...Array(10).fill(0x80), 0x00).skipLeb()).toThrow(/LEB128 integer too long/);
  });
});

import { describe, expect, it } from 'vitest';
import { derUtf8String } from './der.ts';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => [...new TextEncoder().encode(s)];

describe('derUtf8String', () => {
  it('reads short and long form lengths', () => {
    expect(derUtf8String(bytes(0x0c, 3, ...text('abc')))).toBe('abc');
    const long = 'x'.repeat(200);
    expect(derUtf8String(bytes(0x0c, 0x81, 200, ...text(long)))).toBe(long);
    expect(derUtf8String(bytes(0x0c, 0x82, 0, 200, ...text(long)))).toBe(long);
    expect(derUtf8String(bytes(0x0c, 0))).toBe('');
  });

  it('refuses a length beyond the buffer, short or long form', () => {
    expect(derUtf8String(bytes(0x0c, 10, ...text('abc')))).toBeUndefined();
    expect(derUtf8String(bytes(0x0c, 0x81, 200, ...text('abc')))).toBeUndefined();
    // the length bytes themselves cut off
    expect(derUtf8String(bytes(0x0c, 0x84, 0xff))).toBeUndefined();
    // a length of 2^32-1 must not be read as a slice of whatever is there
    expect(derUtf8String(bytes(0x0c, 0x84, 0xff, 0xff, 0xff, 0xff, ...text('abc')))).toBeUndefined();
  });

  it('refuses trailing bytes, other tags, the indefinite form, over-long lengths and bad UTF-8', () => {
    expect(derUtf8String(bytes(0x0c, 2, ...text('abc')))).toBeUndefined();
    expect(derUtf8String(bytes(0x13, 3, ...text('abc')))).toBeUndefined();
    expect(derUtf8String(bytes(0x0c, 0x80, ...text('abc'), 0, 0))).toBeUndefined();
    expect(derUtf8String(bytes(0x0c, 0x85, 0, 0, 0, 0, 3, ...text('abc')))).toBeUndefined();
    expect(derUtf8String(bytes(0x0c, 2, 0xc3, 0x28))).toBeUndefined();
    expect(derUtf8String(bytes(0x0c))).toBeUndefined();
  });
});

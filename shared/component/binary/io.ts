import { BinaryFormatError } from './errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/**
 * A cursor over a byte array. Offsets in errors are absolute: `base` is the
 * offset of `bytes[0]` in the outermost binary, so nested components report
 * positions a hex dump of the whole file agrees with.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  readonly base: number;
  pos: number;
  end: number;
  /** Nesting of component and instance types being read (bounded, so hostile input cannot exhaust the stack). */
  typeDepth = 0;

  constructor(bytes: Uint8Array, base = 0, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.base = base;
    this.pos = pos;
    this.end = end;
  }

  get offset(): number {
    return this.base + this.pos;
  }

  fail(message: string, at = this.pos): never {
    throw new BinaryFormatError(message, this.base + at);
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) this.fail('unexpected end of data');
    return this.bytes[this.pos++] as number;
  }

  peek(): number {
    if (this.pos >= this.end) this.fail('unexpected end of data');
    return this.bytes[this.pos] as number;
  }

  /** Unsigned LEB128, at most 32 bits. */
  u32(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      if (shift === 28 && b > 0x0f) this.fail('LEB128 u32 out of range', start);
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  }

  /** Signed LEB128 of at most 33 bits (type indices and heap types). */
  s33(): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      if (shift === 28 && (b & 0x80) !== 0) this.fail('LEB128 s33 out of range', start);
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= 2 ** shift;
        return result;
      }
    }
  }

  /** Skips a LEB128 integer of any width up to 10 bytes (u64/s64). */
  skipLeb(): void {
    for (let i = 0; i < 10; i++) if ((this.byte() & 0x80) === 0) return;
    this.fail('LEB128 integer too long');
  }

  take(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(`an item of ${n} bytes runs past the end`);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  name(): string {
    const len = this.u32();
    const at = this.pos;
    const raw = this.take(len);
    try {
      return utf8.decode(raw);
    } catch {
      return this.fail('name is not valid UTF-8', at);
    }
  }

  /** A vector: count, then `item` that many times. Counts larger than the remaining bytes are refused before allocating. */
  vec<T>(item: () => T): T[] {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - this.pos) this.fail(`vector of ${n} items cannot fit in the remaining ${this.end - this.pos} bytes`, at);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(item());
    return out;
  }

  /** A sub-reader over the next `n` bytes; advances past them. */
  sub(n: number): ByteReader {
    if (n > this.end - this.pos) this.fail(`an item of ${n} bytes runs past the end`);
    const r = new ByteReader(this.bytes, this.base, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
}

/**
 * Collects output as a list of chunks; large payloads (core modules, custom
 * section data) are kept as references and copied once, by `finish`.
 */
export class ByteWriter {
  private chunks: Uint8Array[] = [];
  private small: number[] = [];
  length = 0;

  private flushSmall(): void {
    if (this.small.length > 0) {
      this.chunks.push(Uint8Array.from(this.small));
      this.small = [];
    }
  }

  byte(b: number): void {
    this.small.push(b & 0xff);
    this.length++;
  }

  u32(v: number): void {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`u32 out of range: ${v}`);
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
  }

  s33(v: number): void {
    for (;;) {
      const b = ((v % 128) + 128) % 128;
      v = Math.floor(v / 128);
      const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return;
    }
  }

  bytes(data: Uint8Array): void {
    if (data.length < 64) {
      for (const b of data) this.small.push(b);
    } else {
      this.flushSmall();
      this.chunks.push(data);
    }
    this.length += data.length;
  }

  name(s: string): void {
    const b = utf8Encoder.encode(s);
    this.u32(b.length);
    this.bytes(b);
  }

  vec<T>(items: readonly T[], item: (t: T) => void): void {
    this.u32(items.length);
    for (const t of items) item(t);
  }

  /** Appends another writer's content (no copy of its chunks). */
  append(w: ByteWriter): void {
    this.flushSmall();
    w.flushSmall();
    for (const c of w.chunks) this.chunks.push(c);
    this.length += w.length;
  }

  /** The chunks, for writing to a file without one big concatenation. */
  parts(): Uint8Array[] {
    this.flushSmall();
    return this.chunks;
  }

  finish(): Uint8Array {
    this.flushSmall();
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

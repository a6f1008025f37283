/**
 * A small encoder of core WebAssembly modules (the binary format of the core
 * specification, MVP plus the mutable-globals, multi-value and bulk-memory
 * features every engine has): types, imports, functions, memory, globals,
 * exports, code and data. The interposer generator writes its two core
 * modules with it; nothing here knows about the component model.
 *
 * Indices follow the binary format: imported functions (and globals) come
 * before defined ones, so every import must be added before the first
 * definition of its kind.
 */
import { ByteWriter } from '../component/binary/io.ts';

export type NumType = 'i32' | 'i64' | 'f32' | 'f64';

const VALTYPE: Record<NumType, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };

export interface FuncSig {
  params: readonly NumType[];
  results: readonly NumType[];
}

type ImportDesc =
  | { kind: 'func'; type: number }
  | { kind: 'memory'; min: number; max: number | null }
  | { kind: 'global'; type: NumType; mutable: boolean };

interface DefinedFunc {
  type: number;
  locals: NumType[];
  body: Uint8Array;
}

/** A module under construction. */
export class ModuleBuilder {
  private readonly types: FuncSig[] = [];
  private readonly typeKeys = new Map<string, number>();
  private readonly imports: { module: string; name: string; desc: ImportDesc }[] = [];
  private readonly funcs: DefinedFunc[] = [];
  private readonly memories: { min: number; max: number | null }[] = [];
  private readonly globals: { type: NumType; mutable: boolean; init: Uint8Array }[] = [];
  private readonly exports: { name: string; kind: number; index: number }[] = [];
  private readonly data: { memory: number; offset: number; bytes: Uint8Array }[] = [];
  private importedFuncs = 0;
  private importedGlobals = 0;
  private importedMemories = 0;

  /** The index of a function type, shared by equal signatures. */
  type(sig: FuncSig): number {
    const key = `${sig.params.join(',')}>${sig.results.join(',')}`;
    const known = this.typeKeys.get(key);
    if (known !== undefined) return known;
    this.types.push({ params: [...sig.params], results: [...sig.results] });
    this.typeKeys.set(key, this.types.length - 1);
    return this.types.length - 1;
  }

  importFunc(module: string, name: string, sig: FuncSig): number {
    if (this.funcs.length > 0) throw new Error(`import ${module}.${name} added after a defined function`);
    this.imports.push({ module, name, desc: { kind: 'func', type: this.type(sig) } });
    return this.importedFuncs++;
  }

  importMemory(module: string, name: string, min: number, max: number | null = null): number {
    if (this.memories.length > 0) throw new Error(`memory import ${module}.${name} added after a defined memory`);
    this.imports.push({ module, name, desc: { kind: 'memory', min, max } });
    return this.importedMemories++;
  }

  importGlobal(module: string, name: string, type: NumType, mutable: boolean): number {
    if (this.globals.length > 0) throw new Error(`global import ${module}.${name} added after a defined global`);
    this.imports.push({ module, name, desc: { kind: 'global', type, mutable } });
    return this.importedGlobals++;
  }

  memory(min: number, max: number | null = null): number {
    this.memories.push({ min, max });
    return this.importedMemories + this.memories.length - 1;
  }

  /** A global with a constant initial value. */
  global(type: NumType, mutable: boolean, init: number | bigint): number {
    const c = new Code();
    if (type === 'i32') c.i32Const(Number(init));
    else if (type === 'i64') c.i64Const(BigInt(init));
    else throw new Error('only integer globals are supported');
    c.end();
    this.globals.push({ type, mutable, init: c.bytes() });
    return this.importedGlobals + this.globals.length - 1;
  }

  /** Defines a function; `build` writes its body (without the final `end`) into `f`. */
  func(sig: FuncSig, build: (f: FuncBuilder) => void): number {
    const f = new FuncBuilder(sig.params);
    build(f);
    f.end();
    this.funcs.push({ type: this.type(sig), locals: f.extraLocals, body: f.bytes() });
    return this.importedFuncs + this.funcs.length - 1;
  }

  /** Reserves a function index whose body is given later with `define` (for mutual calls). */
  declare(sig: FuncSig): number {
    this.funcs.push({ type: this.type(sig), locals: [], body: new Uint8Array(0) });
    return this.importedFuncs + this.funcs.length - 1;
  }

  define(index: number, build: (f: FuncBuilder) => void): void {
    const d = this.funcs[index - this.importedFuncs];
    if (d === undefined || d.body.length > 0) throw new Error(`function ${index} was not declared or is already defined`);
    const sig = this.types[d.type] as FuncSig;
    const f = new FuncBuilder(sig.params);
    build(f);
    f.end();
    d.locals = f.extraLocals;
    d.body = f.bytes();
  }

  exportFunc(name: string, index: number): void {
    this.exports.push({ name, kind: 0x00, index });
  }

  exportMemory(name: string, index: number): void {
    this.exports.push({ name, kind: 0x02, index });
  }

  exportGlobal(name: string, index: number): void {
    this.exports.push({ name, kind: 0x03, index });
  }

  /** An active data segment at a constant offset. */
  dataSegment(offset: number, bytes: Uint8Array, memory = 0): void {
    this.data.push({ memory, offset, bytes });
  }

  encode(): Uint8Array {
    for (const [i, f] of this.funcs.entries()) {
      if (f.body.length === 0) throw new Error(`function ${this.importedFuncs + i} was declared but never defined`);
    }
    const w = new ByteWriter();
    w.bytes(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
    const section = (id: number, write: (b: ByteWriter) => void, count: number): void => {
      if (count === 0) return;
      const b = new ByteWriter();
      write(b);
      w.byte(id);
      w.u32(b.length);
      w.append(b);
    };
    const limits = (b: ByteWriter, min: number, max: number | null): void => {
      if (max === null) {
        b.byte(0x00);
        b.u32(min);
      } else {
        b.byte(0x01);
        b.u32(min);
        b.u32(max);
      }
    };
    section(
      1,
      (b) =>
        b.vec(this.types, (t) => {
          b.byte(0x60);
          b.vec(t.params, (p) => b.byte(VALTYPE[p]));
          b.vec(t.results, (r) => b.byte(VALTYPE[r]));
        }),
      this.types.length,
    );
    section(
      2,
      (b) =>
        b.vec(this.imports, (i) => {
          b.name(i.module);
          b.name(i.name);
          switch (i.desc.kind) {
            case 'func':
              b.byte(0x00);
              b.u32(i.desc.type);
              break;
            case 'memory':
              b.byte(0x02);
              limits(b, i.desc.min, i.desc.max);
              break;
            case 'global':
              b.byte(0x03);
              b.byte(VALTYPE[i.desc.type]);
              b.byte(i.desc.mutable ? 1 : 0);
              break;
          }
        }),
      this.imports.length,
    );
    section(3, (b) => b.vec(this.funcs, (f) => b.u32(f.type)), this.funcs.length);
    section(5, (b) => b.vec(this.memories, (m) => limits(b, m.min, m.max)), this.memories.length);
    section(
      6,
      (b) =>
        b.vec(this.globals, (g) => {
          b.byte(VALTYPE[g.type]);
          b.byte(g.mutable ? 1 : 0);
          b.bytes(g.init);
        }),
      this.globals.length,
    );
    section(
      7,
      (b) =>
        b.vec(this.exports, (e) => {
          b.name(e.name);
          b.byte(e.kind);
          b.u32(e.index);
        }),
      this.exports.length,
    );
    // the data count section (bulk memory) lets code use memory.copy before the data section
    section(12, (b) => b.u32(this.data.length), this.data.length);
    section(
      10,
      (b) =>
        b.vec(this.funcs, (f) => {
          const body = new ByteWriter();
          // locals run-length encoded by type
          const runs: [number, NumType][] = [];
          for (const l of f.locals) {
            const last = runs[runs.length - 1];
            if (last !== undefined && last[1] === l) last[0]++;
            else runs.push([1, l]);
          }
          body.vec(runs, ([n, t]) => {
            body.u32(n);
            body.byte(VALTYPE[t]);
          });
          body.bytes(f.body);
          b.u32(body.length);
          b.append(body);
        }),
      this.funcs.length,
    );
    section(
      11,
      (b) =>
        b.vec(this.data, (d) => {
          if (d.memory === 0) b.byte(0x00);
          else {
            b.byte(0x02);
            b.u32(d.memory);
          }
          const c = new Code();
          c.i32Const(d.offset);
          c.end();
          b.bytes(c.bytes());
          b.u32(d.bytes.length);
          b.bytes(d.bytes);
        }),
      this.data.length,
    );
    return w.finish();
  }
}

/** Block types: none, one value, or a function type index (multi-value). */
export type BlockType = null | NumType;

/** An instruction sequence; the methods are named after the instructions. */
export class Code {
  protected readonly out: number[] = [];

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }

  op(...bytes: number[]): this {
    for (const b of bytes) this.out.push(b);
    return this;
  }

  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`u32 immediate out of range: ${v}`);
    do {
      let b = v % 128;
      v = Math.floor(v / 128);
      if (v !== 0) b |= 0x80;
      this.out.push(b);
    } while (v !== 0);
    return this;
  }

  private sleb(v: bigint): this {
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
      this.out.push(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  // ---- control
  unreachable(): this {
    return this.op(0x00);
  }
  block(t: BlockType = null): this {
    return this.op(0x02, t === null ? 0x40 : VALTYPE[t]);
  }
  loop(t: BlockType = null): this {
    return this.op(0x03, t === null ? 0x40 : VALTYPE[t]);
  }
  if(t: BlockType = null): this {
    return this.op(0x04, t === null ? 0x40 : VALTYPE[t]);
  }
  else(): this {
    return this.op(0x05);
  }
  end(): this {
    return this.op(0x0b);
  }
  br(depth: number): this {
    return this.op(0x0c).u32(depth);
  }
  brIf(depth: number): this {
    return this.op(0x0d).u32(depth);
  }
  return(): this {
    return this.op(0x0f);
  }
  call(func: number): this {
    return this.op(0x10).u32(func);
  }
  drop(): this {
    return this.op(0x1a);
  }
  select(): this {
    return this.op(0x1b);
  }

  // ---- variables
  localGet(i: number): this {
    return this.op(0x20).u32(i);
  }
  localSet(i: number): this {
    return this.op(0x21).u32(i);
  }
  localTee(i: number): this {
    return this.op(0x22).u32(i);
  }
  globalGet(i: number): this {
    return this.op(0x23).u32(i);
  }
  globalSet(i: number): this {
    return this.op(0x24).u32(i);
  }

  // ---- memory (alignment given as bytes, encoded as its log2)
  private memarg(opcode: number, offset: number, align: number): this {
    return this.op(opcode).u32(Math.log2(align)).u32(offset);
  }
  i32Load(offset = 0, align = 4): this {
    return this.memarg(0x28, offset, align);
  }
  i64Load(offset = 0, align = 8): this {
    return this.memarg(0x29, offset, align);
  }
  f32Load(offset = 0, align = 4): this {
    return this.memarg(0x2a, offset, align);
  }
  f64Load(offset = 0, align = 8): this {
    return this.memarg(0x2b, offset, align);
  }
  i32Load8U(offset = 0): this {
    return this.memarg(0x2d, offset, 1);
  }
  i32Load16U(offset = 0, align = 2): this {
    return this.memarg(0x2f, offset, align);
  }
  i32Store(offset = 0, align = 4): this {
    return this.memarg(0x36, offset, align);
  }
  i64Store(offset = 0, align = 8): this {
    return this.memarg(0x37, offset, align);
  }
  i32Load16S(offset = 0, align = 2): this {
    return this.memarg(0x2e, offset, align);
  }
  i32Store8(offset = 0): this {
    return this.memarg(0x3a, offset, 1);
  }
  memorySize(): this {
    return this.op(0x3f, 0x00);
  }
  memoryGrow(): this {
    return this.op(0x40, 0x00);
  }
  memoryCopy(): this {
    return this.op(0xfc).u32(10).op(0x00, 0x00);
  }

  // ---- constants
  i32Const(v: number): this {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff) throw new RangeError(`i32 constant out of range: ${v}`);
    return this.op(0x41).sleb(BigInt(v > 0x7fffffff ? v - 0x100000000 : v));
  }
  i64Const(v: bigint): this {
    return this.op(0x42).sleb(BigInt.asIntN(64, v));
  }

  // ---- numeric
  i32Eqz(): this {
    return this.op(0x45);
  }
  i32Eq(): this {
    return this.op(0x46);
  }
  i32Ne(): this {
    return this.op(0x47);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32GtU(): this {
    return this.op(0x4b);
  }
  i32LeU(): this {
    return this.op(0x4d);
  }
  i32GeU(): this {
    return this.op(0x4f);
  }
  i64GtU(): this {
    return this.op(0x56);
  }
  i64LeU(): this {
    return this.op(0x58);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32DivU(): this {
    return this.op(0x6e);
  }
  i32RemU(): this {
    return this.op(0x70);
  }
  i32And(): this {
    return this.op(0x71);
  }
  i32Or(): this {
    return this.op(0x72);
  }
  i32Xor(): this {
    return this.op(0x73);
  }
  i32Shl(): this {
    return this.op(0x74);
  }
  i32ShrU(): this {
    return this.op(0x76);
  }
  i64Add(): this {
    return this.op(0x7c);
  }
  i64Sub(): this {
    return this.op(0x7d);
  }
  i64Shl(): this {
    return this.op(0x86);
  }
  i64GtS(): this {
    return this.op(0x55);
  }
  i32WrapI64(): this {
    return this.op(0xa7);
  }
  i64ExtendI32U(): this {
    return this.op(0xad);
  }
}

/** A function body: `Code` with locals (parameters first). */
export class FuncBuilder extends Code {
  readonly extraLocals: NumType[] = [];
  private readonly paramCount: number;

  constructor(params: readonly NumType[]) {
    super();
    this.paramCount = params.length;
  }

  /** A new local of type `t`; its index. */
  local(t: NumType): number {
    this.extraLocals.push(t);
    return this.paramCount + this.extraLocals.length - 1;
  }
}

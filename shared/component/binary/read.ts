import type {
  Alias,
  Canon,
  CanonImmediate,
  CanonOpt,
  Component,
  ComponentDecl,
  CoreInstance,
  CoreModuleDecl,
  CoreSort,
  CoreType,
  CoreValType,
  DefValType,
  Export,
  ExternName,
  ExternType,
  FuncType,
  Import,
  Instance,
  InstanceDecl,
  Section,
  Sort,
  SortIdx,
  TypeDef,
  ValType,
  Value,
} from './ast.ts';
import { CANON_BUILTINS, PRIM_BY_CODE } from './canon-table.ts';
import { UnsupportedConstructError } from './errors.ts';
import { ByteReader } from './io.ts';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** True when `bytes` starts with the preamble of a component (layer 1). */
export function isComponent(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && MAGIC.every((b, i) => bytes[i] === b) && bytes[6] === 1 && bytes[7] === 0;
}

/**
 * Reads a component binary into its sections. Core modules, custom section
 * payloads and unknown sections are views into `bytes` (no copy); nested
 * components are read recursively, also as views. Throws BinaryFormatError or
 * UnsupportedConstructError with the byte offset; never anything else for bad input.
 */
export function readComponent(bytes: Uint8Array): Component {
  return readAt(new ByteReader(bytes), 0);
}

function readAt(r: ByteReader, depth: number): Component {
  const start = r.pos;
  if (depth > 100) r.fail('components nested more than 100 deep');
  if (r.end - r.pos < 8) r.fail('not a WebAssembly binary (shorter than the 8-byte preamble)');
  for (const m of MAGIC) if (r.byte() !== m) r.fail('not a WebAssembly binary (bad magic number)', start);
  const version = r.byte() | (r.byte() << 8);
  const layer = r.byte() | (r.byte() << 8);
  if (layer === 0) r.fail('this is a core module, not a component', start + 6);
  if (layer !== 1) r.fail(`unknown binary layer ${layer}`, start + 6);
  const sections: Section[] = [];
  while (!r.atEnd()) {
    const idAt = r.pos;
    const id = r.byte();
    const size = r.u32();
    const s = r.sub(size);
    sections.push(readSection(s, id, idAt, depth));
    if (!s.atEnd()) s.fail(`section ${id} has ${s.end - s.pos} bytes left over`);
  }
  return { version, sections, source: r.bytes.subarray(start, r.end) };
}

function readSection(r: ByteReader, id: number, idAt: number, depth: number): Section {
  switch (id) {
    case 0: {
      const name = r.name();
      return { id: 'custom', name, data: r.take(r.end - r.pos) };
    }
    case 1:
      return { id: 'coreModule', bytes: r.take(r.end - r.pos) };
    case 2:
      return { id: 'coreInstance', items: r.vec(() => coreInstance(r)) };
    case 3:
      return { id: 'coreType', items: r.vec(() => coreType(r)) };
    case 4: {
      const nested = new ByteReader(r.bytes, r.base, r.pos, r.end);
      const component = readAt(nested, depth + 1);
      r.pos = r.end;
      return { id: 'component', component };
    }
    case 5:
      return { id: 'instance', items: r.vec(() => instance(r)) };
    case 6:
      return { id: 'alias', items: r.vec(() => alias(r)) };
    case 7:
      return { id: 'type', items: r.vec(() => typeDef(r)) };
    case 8:
      return { id: 'canon', items: r.vec(() => canon(r)) };
    case 9: {
      const func = r.u32();
      const args = r.vec(() => r.u32());
      const results = r.u32();
      return { id: 'start', start: { func, args, results } };
    }
    case 10:
      return { id: 'import', items: r.vec((): Import => ({ name: externName(r), type: externType(r) })) };
    case 11:
      return {
        id: 'export',
        items: r.vec((): Export => {
          const name = externName(r);
          const item = sortIdx(r);
          const type = optional(r, () => externType(r));
          return { name, item, type };
        }),
      };
    case 12:
      return {
        id: 'value',
        items: r.vec((): Value => {
          const type = valType(r);
          return { type, bytes: r.take(r.u32()) };
        }),
      };
    default:
      if (id > 12 && id < 0x80) return { id: 'unknown', sectionId: id, bytes: r.take(r.end - r.pos) };
      return r.fail(`unknown section id ${id}`, idAt);
  }
}

function optional<T>(r: ByteReader, item: () => T): T | null {
  const at = r.pos;
  const b = r.byte();
  if (b === 0) return null;
  if (b === 1) return item();
  return r.fail(`expected 0x00 or 0x01 for an optional, found 0x${b.toString(16)}`, at);
}

function coreSort(r: ByteReader): CoreSort {
  const at = r.pos;
  const b = r.byte();
  if (b <= 0x04 || b === 0x10 || b === 0x11 || b === 0x12) return b as CoreSort;
  return r.fail(`unknown core sort 0x${b.toString(16)}`, at);
}

function sort(r: ByteReader): Sort {
  const at = r.pos;
  const b = r.byte();
  switch (b) {
    case 0x00:
      return { kind: 'core', sort: coreSort(r) };
    case 0x01:
      return { kind: 'func' };
    case 0x02:
      return { kind: 'value' };
    case 0x03:
      return { kind: 'type' };
    case 0x04:
      return { kind: 'component' };
    case 0x05:
      return { kind: 'instance' };
    default:
      return r.fail(`unknown sort 0x${b.toString(16)}`, at);
  }
}

function sortIdx(r: ByteReader): SortIdx {
  const s = sort(r);
  return { sort: s, index: r.u32() };
}

function coreInstance(r: ByteReader): CoreInstance {
  const at = r.pos;
  const b = r.byte();
  if (b === 0x00) {
    const module = r.u32();
    const args = r.vec(() => {
      const name = r.name();
      const k = r.pos;
      if (r.byte() !== 0x12) r.fail('core instantiate argument must be an instance (0x12)', k);
      return { name, instance: r.u32() };
    });
    return { kind: 'instantiate', module, args };
  }
  if (b === 0x01) {
    return { kind: 'exports', exports: r.vec(() => ({ name: r.name(), sort: coreSort(r), index: r.u32() })) };
  }
  return r.fail(`unknown core instance expression 0x${b.toString(16)}`, at);
}

function instance(r: ByteReader): Instance {
  const at = r.pos;
  const b = r.byte();
  if (b === 0x00) {
    const component = r.u32();
    return { kind: 'instantiate', component, args: r.vec(() => ({ name: r.name(), item: sortIdx(r) })) };
  }
  if (b === 0x01) return { kind: 'exports', exports: r.vec(() => ({ name: externName(r), item: sortIdx(r) })) };
  return r.fail(`unknown instance expression 0x${b.toString(16)}`, at);
}

function alias(r: ByteReader): Alias {
  const s = sort(r);
  const at = r.pos;
  const b = r.byte();
  if (b === 0x00) return { kind: 'export', sort: s, instance: r.u32(), name: r.name() };
  if (b === 0x01) return { kind: 'coreExport', sort: s, instance: r.u32(), name: r.name() };
  if (b === 0x02) return { kind: 'outer', sort: s, count: r.u32(), index: r.u32() };
  return r.fail(`unknown alias target 0x${b.toString(16)}`, at);
}

export function externName(r: ByteReader): ExternName {
  const at = r.pos;
  const tag = r.byte();
  if (tag === 0x00 || tag === 0x01) return { tag, name: r.name(), attributes: [] };
  if (tag === 0x02) {
    const name = r.name();
    const attributes = r.vec(() => {
      const a = r.pos;
      const t = r.byte();
      if (t > 0x02) r.fail(`unknown name attribute 0x${t.toString(16)}`, a);
      return { tag: t, value: r.name() };
    });
    return { tag, name, attributes };
  }
  return r.fail(`unknown name encoding 0x${tag.toString(16)}`, at);
}

function externType(r: ByteReader): ExternType {
  const at = r.pos;
  const b = r.byte();
  switch (b) {
    case 0x00: {
      const k = r.pos;
      if (r.byte() !== 0x11) r.fail('core extern type must be a module (0x11)', k);
      return { kind: 'module', type: r.u32() };
    }
    case 0x01:
      return { kind: 'func', type: r.u32() };
    case 0x02: {
      const t = r.pos;
      const bound = r.byte();
      if (bound === 0x00) return { kind: 'value', bound: { eq: r.u32() } };
      if (bound === 0x01) return { kind: 'value', bound: { type: valType(r) } };
      return r.fail(`unknown value bound 0x${bound.toString(16)}`, t);
    }
    case 0x03: {
      const t = r.pos;
      const bound = r.byte();
      if (bound === 0x00) return { kind: 'type', bound: { eq: r.u32() } };
      if (bound === 0x01) return { kind: 'type', bound: 'sub-resource' };
      return r.fail(`unknown type bound 0x${bound.toString(16)}`, t);
    }
    case 0x04:
      return { kind: 'component', type: r.u32() };
    case 0x05:
      return { kind: 'instance', type: r.u32() };
    default:
      return r.fail(`unknown extern type 0x${b.toString(16)}`, at);
  }
}

export function valType(r: ByteReader): ValType {
  const at = r.pos;
  const prim = PRIM_BY_CODE.get(r.peek());
  if (prim !== undefined) {
    r.pos++;
    return prim;
  }
  const idx = r.s33();
  if (idx < 0) r.fail(`unknown value type 0x${((idx + 256) & 0xff).toString(16)}`, at);
  return idx;
}

function labels(r: ByteReader): string[] {
  return r.vec(() => r.name());
}

function resultList(r: ByteReader): ValType | null {
  const at = r.pos;
  const b = r.byte();
  if (b === 0x00) return valType(r);
  if (b === 0x01) {
    const n = r.u32();
    if (n !== 0) throw new UnsupportedConstructError('named function results (pre-0.2 encoding)', r.base + at);
    return null;
  }
  return r.fail(`unknown result list 0x${b.toString(16)}`, at);
}

function funcType(r: ByteReader, async: boolean): FuncType {
  const params = r.vec(() => ({ name: r.name(), type: valType(r) }));
  return { kind: 'func', async, params, result: resultList(r) };
}

function typeDef(r: ByteReader): TypeDef {
  const at = r.pos;
  const b = r.peek();
  switch (b) {
    case 0x40:
      r.pos++;
      return funcType(r, false);
    case 0x43:
      r.pos++;
      return funcType(r, true);
    case 0x41:
    case 0x42: {
      r.pos++;
      if (++r.typeDepth > 100) r.fail('component and instance types nested more than 100 deep', at);
      const t: TypeDef =
        b === 0x41
          ? { kind: 'component', decls: r.vec(() => componentDecl(r)) }
          : { kind: 'instance', decls: r.vec(() => instanceDecl(r)) };
      r.typeDepth--;
      return t;
    }
    case 0x3f: {
      r.pos++;
      const rep = r.byte();
      if (rep !== 0x7f) r.fail('resource representation must be i32 (0x7f)', at + 1);
      return { kind: 'resource', rep, dtor: optional(r, () => r.u32()) };
    }
    default:
      return defValType(r);
  }
}

function defValType(r: ByteReader): DefValType {
  const at = r.pos;
  const b = r.byte();
  const prim = PRIM_BY_CODE.get(b);
  if (prim !== undefined) return { kind: 'prim', type: prim };
  switch (b) {
    case 0x72:
      return { kind: 'record', fields: r.vec(() => ({ name: r.name(), type: valType(r) })) };
    case 0x71:
      return {
        kind: 'variant',
        cases: r.vec(() => {
          const name = r.name();
          const type = optional(r, () => valType(r));
          const k = r.pos;
          const tail = r.byte();
          if (tail === 0x00) return { name, type, refines: null };
          if (tail === 0x01) return { name, type, refines: r.u32() };
          return r.fail(`unknown variant case terminator 0x${tail.toString(16)}`, k);
        }),
      };
    case 0x70:
      return { kind: 'list', element: valType(r), length: null };
    case 0x67: {
      const element = valType(r);
      return { kind: 'list', element, length: r.u32() };
    }
    case 0x6f:
      return { kind: 'tuple', types: r.vec(() => valType(r)) };
    case 0x6e:
      return { kind: 'flags', names: labels(r) };
    case 0x6d:
      return { kind: 'enum', names: labels(r) };
    case 0x6b:
      return { kind: 'option', type: valType(r) };
    case 0x6a: {
      const ok = optional(r, () => valType(r));
      return { kind: 'result', ok, err: optional(r, () => valType(r)) };
    }
    case 0x69:
      return { kind: 'own', type: r.u32() };
    case 0x68:
      return { kind: 'borrow', type: r.u32() };
    case 0x66:
      return { kind: 'stream', type: optional(r, () => valType(r)) };
    case 0x65:
      return { kind: 'future', type: optional(r, () => valType(r)) };
    case 0x63: {
      const key = valType(r);
      return { kind: 'map', key, value: valType(r) };
    }
    case 0x6c:
      throw new UnsupportedConstructError('union types (removed from the component model)', r.base + at);
    default:
      return r.fail(`unknown type definition 0x${b.toString(16)}`, at);
  }
}

function instanceDecl(r: ByteReader): InstanceDecl {
  const at = r.pos;
  const b = r.byte();
  switch (b) {
    case 0x00:
      return { kind: 'coreType', type: coreType(r) };
    case 0x01:
      return { kind: 'type', type: typeDef(r) };
    case 0x02:
      return { kind: 'alias', alias: alias(r) };
    case 0x04:
      return { kind: 'export', name: externName(r), type: externType(r) };
    default:
      return r.fail(`unknown instance type declaration 0x${b.toString(16)}`, at);
  }
}

function componentDecl(r: ByteReader): ComponentDecl {
  if (r.peek() === 0x03) {
    r.pos++;
    return { kind: 'import', name: externName(r), type: externType(r) };
  }
  return instanceDecl(r);
}

// ---- core types -------------------------------------------------------------

function coreValType(r: ByteReader): CoreValType {
  const at = r.pos;
  const b = r.byte();
  if (b === 0x63 || b === 0x64) r.s33();
  else if (b < 0x69 || b > 0x7f) r.fail(`unknown core value type 0x${b.toString(16)}`, at);
  return r.bytes.subarray(at, r.pos);
}

function skipStorageType(r: ByteReader): void {
  const b = r.peek();
  if (b === 0x78 || b === 0x77) r.pos++;
  else coreValType(r);
  const m = r.byte();
  if (m > 1) r.fail('field mutability must be 0x00 or 0x01', r.pos - 1);
}

function skipCompType(r: ByteReader): void {
  const at = r.pos;
  const b = r.byte();
  if (b === 0x60) {
    r.vec(() => coreValType(r));
    r.vec(() => coreValType(r));
  } else if (b === 0x5f) r.vec(() => skipStorageType(r));
  else if (b === 0x5e) skipStorageType(r);
  else r.fail(`unknown core composite type 0x${b.toString(16)}`, at);
}

function skipSubType(r: ByteReader): void {
  const b = r.peek();
  if (b === 0x50 || b === 0x4f) {
    r.pos++;
    r.vec(() => r.u32());
  }
  skipCompType(r);
}

function coreType(r: ByteReader): CoreType {
  const at = r.pos;
  const b = r.peek();
  if (b === 0x60) {
    r.pos++;
    const params = r.vec(() => coreValType(r));
    return { kind: 'func', params, results: r.vec(() => coreValType(r)) };
  }
  if (b === 0x50) {
    r.pos++;
    return { kind: 'module', decls: r.vec(() => moduleDecl(r)) };
  }
  if (b === 0x00) {
    r.pos++;
    if (r.peek() !== 0x50) r.fail('expected 0x50 (non-final sub type) after 0x00', r.pos);
    skipSubType(r);
    return { kind: 'gc', bytes: r.bytes.subarray(at, r.pos) };
  }
  if (b === 0x4e) {
    r.pos++;
    r.vec(() => skipSubType(r));
    return { kind: 'gc', bytes: r.bytes.subarray(at, r.pos) };
  }
  if (b === 0x4f || b === 0x5f || b === 0x5e) {
    skipSubType(r);
    return { kind: 'gc', bytes: r.bytes.subarray(at, r.pos) };
  }
  return r.fail(`unknown core type 0x${b.toString(16)}`, at);
}

function skipLimits(r: ByteReader): void {
  const at = r.pos;
  const flags = r.byte();
  if (flags > 0x0f) r.fail(`unknown limits flags 0x${flags.toString(16)}`, at);
  r.skipLeb();
  if (flags & 1) r.skipLeb();
  if (flags & 8) r.u32();
}

function coreImportDesc(r: ByteReader): Uint8Array {
  const at = r.pos;
  const kind = r.byte();
  switch (kind) {
    case 0x00:
      r.u32();
      break;
    case 0x01:
      coreValType(r);
      skipLimits(r);
      break;
    case 0x02:
      skipLimits(r);
      break;
    case 0x03: {
      coreValType(r);
      const m = r.byte();
      if (m > 3) r.fail('unknown global mutability', r.pos - 1);
      break;
    }
    case 0x04:
      if (r.byte() !== 0x00) r.fail('tag attribute must be 0x00', r.pos - 1);
      r.u32();
      break;
    default:
      r.fail(`unknown core import kind 0x${kind.toString(16)}`, at);
  }
  return r.bytes.subarray(at, r.pos);
}

function moduleDecl(r: ByteReader): CoreModuleDecl {
  const at = r.pos;
  const b = r.byte();
  switch (b) {
    case 0x00: {
      const module = r.name();
      const name = r.name();
      return { kind: 'import', module, name, desc: coreImportDesc(r) };
    }
    case 0x01: {
      if (r.peek() === 0x50) r.fail('module types cannot nest', r.pos);
      return { kind: 'type', type: coreType(r) };
    }
    case 0x02: {
      const k = r.pos;
      if (r.byte() !== 0x10 || r.byte() !== 0x01) r.fail('module type alias must be an outer type alias (0x10 0x01)', k);
      return { kind: 'alias', count: r.u32(), index: r.u32() };
    }
    case 0x03:
      return { kind: 'export', name: r.name(), desc: coreImportDesc(r) };
    default:
      return r.fail(`unknown module type declaration 0x${b.toString(16)}`, at);
  }
}

// ---- canonical definitions ---------------------------------------------------

function canonOpts(r: ByteReader): CanonOpt[] {
  return r.vec((): CanonOpt => {
    const at = r.pos;
    const b = r.byte();
    switch (b) {
      case 0x00:
        return { kind: 'utf8' };
      case 0x01:
        return { kind: 'utf16' };
      case 0x02:
        return { kind: 'latin1+utf16' };
      case 0x03:
        return { kind: 'memory', index: r.u32() };
      case 0x04:
        return { kind: 'realloc', index: r.u32() };
      case 0x05:
        return { kind: 'post-return', index: r.u32() };
      case 0x06:
        return { kind: 'async' };
      case 0x07:
        return { kind: 'callback', index: r.u32() };
      default:
        return r.fail(`unknown canonical option 0x${b.toString(16)}`, at);
    }
  });
}

function canon(r: ByteReader): Canon {
  const at = r.pos;
  const op = r.byte();
  if (op === 0x00 || op === 0x01) {
    const k = r.pos;
    if (r.byte() !== 0x00) r.fail(`canon ${op === 0 ? 'lift' : 'lower'} must name a function (0x00)`, k);
    const f = r.u32();
    const opts = canonOpts(r);
    if (op === 0x00) return { kind: 'lift', coreFunc: f, opts, type: r.u32() };
    return { kind: 'lower', func: f, opts };
  }
  if (op === 0x02) return { kind: 'resource.new', type: r.u32() };
  if (op === 0x03) return { kind: 'resource.drop', type: r.u32() };
  if (op === 0x04) return { kind: 'resource.rep', type: r.u32() };
  const builtin = CANON_BUILTINS.get(op);
  if (builtin === undefined) return r.fail(`unknown canonical definition 0x${op.toString(16)}`, at);
  const immediates = builtin.immediates.map((kind): CanonImmediate => {
    switch (kind) {
      case 'u32':
        return { kind, value: r.u32() };
      case 'flag': {
        const v = r.byte();
        if (v > 1) r.fail(`expected 0x00 or 0x01, found 0x${v.toString(16)}`, r.pos - 1);
        return { kind, value: v };
      }
      case 'opts':
        return { kind, opts: canonOpts(r) };
      case 'resultlist':
        return { kind, type: resultList(r) };
      case 'coreValType':
        return { kind, type: coreValType(r) };
    }
    return r.fail('unreachable');
  });
  return { kind: 'builtin', opcode: op, name: builtin.name, immediates };
}

/**
 * The outline of a component that name resolution needs: its imports and
 * exports with their kinds, and the export names of the instances among them.
 *
 * This is a bounded walk of the component binary (the type grammar is skipped,
 * not modelled). Full types and subtyping come from the component type model
 * (`shared/component/types.ts`, issue 5's component-binary part); when that is
 * merged the resolver asks it instead, through the same `PackageShape` shape.
 */
import { componentType, type ExternT } from '../component/types.ts';
import { FlotillaError } from '../errors.ts';

export type ShapeKind = 'module' | 'func' | 'value' | 'type' | 'component' | 'instance';

export interface ItemShape {
  kind: ShapeKind;
  /** For instances and components: their export names and kinds (undefined when not known). */
  exports?: Map<string, ItemShape>;
  /** For components: their import names and kinds. */
  imports?: Map<string, ItemShape>;
  /** For exported types: the instance or component type they define (how WIT packages encode interfaces and worlds). */
  definition?: ItemShape;
}

export interface PackageShape {
  imports: Map<string, ItemShape>;
  exports: Map<string, ItemShape>;
}

/** A package that is not a component (or not Wasm at all). Code `WAC_PACKAGE_INVALID`. */
export class PackageDecodeError extends FlotillaError {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super('WAC_PACKAGE_INVALID', `${message} (at byte ${offset})`);
    this.offset = offset;
  }
}

const SORTS: Record<number, ShapeKind> = { 0: 'module', 1: 'func', 2: 'value', 3: 'type', 4: 'component', 5: 'instance' };

class Reader {
  pos: number;
  readonly bytes: Uint8Array;
  readonly end: number;
  constructor(bytes: Uint8Array, pos: number, end: number) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }
  fail(message: string): never {
    throw new PackageDecodeError(message, this.pos);
  }
  byte(): number {
    if (this.pos >= this.end) this.fail('unexpected end of component');
    return this.bytes[this.pos++] as number;
  }
  peek(): number {
    if (this.pos >= this.end) this.fail('unexpected end of component');
    return this.bytes[this.pos] as number;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
    return this.fail('LEB128 number too long');
  }
  string(): string {
    const len = this.u32();
    if (this.pos + len > this.end) this.fail('string runs past the end of its section');
    const s = new TextDecoder('utf-8', { fatal: false }).decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }
  /** `importname'` / `exportname'`: 0x00 name, or 0x01 name followed by a version suffix. */
  externName(): string {
    const tag = this.byte();
    if (tag === 0x00) return this.string();
    if (tag === 0x01) {
      const name = this.string();
      this.string();
      return name;
    }
    return this.fail(`unknown extern name tag 0x${tag.toString(16)}`);
  }
}

/** A component type, as far as imports and exports go (typeidx → shape). */
type TypeShape = { kind: 'instance' | 'component' | 'func' | 'value' | 'resource' | 'other'; shape?: ItemShape };

function skipValType(r: Reader): void {
  const b = r.peek();
  if (b >= 0x40 && b <= 0x7f) {
    r.byte();
    return;
  }
  r.u32();
}

function skipOptValType(r: Reader): void {
  if (r.byte() === 0x01) skipValType(r);
}

function skipDefValType(r: Reader, tag: number): void {
  switch (tag) {
    case 0x72: // record
      for (let n = r.u32(); n > 0; n--) {
        r.string();
        skipValType(r);
      }
      return;
    case 0x71: // variant
      for (let n = r.u32(); n > 0; n--) {
        r.string();
        skipOptValType(r);
        if (r.byte() !== 0x00) r.u32();
      }
      return;
    case 0x70: // list
    case 0x6b: // option
      skipValType(r);
      return;
    case 0x67: // fixed-size list
      skipValType(r);
      r.u32();
      return;
    case 0x6f: // tuple
      for (let n = r.u32(); n > 0; n--) skipValType(r);
      return;
    case 0x6e: // flags
    case 0x6d: // enum
      for (let n = r.u32(); n > 0; n--) r.string();
      return;
    case 0x6a: // result
      skipOptValType(r);
      skipOptValType(r);
      return;
    case 0x69: // own
    case 0x68: // borrow
      r.u32();
      return;
    case 0x66: // stream
    case 0x65: // future
      skipOptValType(r);
      return;
    default:
      if (tag >= 0x64 && tag <= 0x7f) return; // primitive
      r.fail(`unknown component type 0x${tag.toString(16)}`);
  }
}

function skipFuncType(r: Reader): void {
  for (let n = r.u32(); n > 0; n--) {
    r.string();
    skipValType(r);
  }
  const tag = r.byte();
  if (tag === 0x00) skipValType(r);
  else if (tag === 0x01) {
    for (let n = r.u32(); n > 0; n--) {
      r.string();
      skipValType(r);
    }
  } else r.fail(`unknown function result tag 0x${tag.toString(16)}`);
}

function readExternDesc(r: Reader): { kind: ShapeKind; typeIndex?: number } {
  const sort = r.byte();
  if (sort === 0x00) {
    r.byte(); // core sort 0x11
    return { kind: 'module', typeIndex: r.u32() };
  }
  if (sort === 0x02) {
    r.byte();
    skipValType(r);
    return { kind: 'value' };
  }
  if (sort === 0x03) {
    const bound = r.byte();
    if (bound === 0x00) return { kind: 'type', typeIndex: r.u32() };
    return { kind: 'type' };
  }
  const kind = SORTS[sort];
  if (!kind) return r.fail(`unknown extern kind 0x${sort.toString(16)}`);
  return { kind, typeIndex: r.u32() };
}

function skipAlias(r: Reader): ShapeKind | 'core' {
  const sort = r.byte();
  if (sort === 0x00) r.byte();
  const target = r.byte();
  if (target === 0x00 || target === 0x01) {
    r.u32();
    r.string();
  } else if (target === 0x02) {
    r.u32();
    r.u32();
  } else r.fail(`unknown alias target 0x${target.toString(16)}`);
  return sort === 0x00 ? 'core' : (SORTS[sort] ?? r.fail(`unknown alias sort 0x${sort.toString(16)}`));
}

function shapeFromTypes(types: TypeShape[], d: { kind: ShapeKind; typeIndex?: number }): ItemShape {
  const defined = d.typeIndex === undefined ? undefined : types[d.typeIndex]?.shape;
  if (d.kind === 'instance' || d.kind === 'component') return defined ?? { kind: d.kind };
  if (d.kind === 'type' && defined) return { kind: 'type', definition: defined };
  return { kind: d.kind };
}

/** Reads an instance or component type's declarations, keeping import/export names and kinds. */
function readDecls(r: Reader, component: boolean): ItemShape {
  const types: TypeShape[] = [];
  const imports = new Map<string, ItemShape>();
  const exports = new Map<string, ItemShape>();
  const shapeOf = (d: { kind: ShapeKind; typeIndex?: number }): ItemShape => shapeFromTypes(types, d);
  for (let n = r.u32(); n > 0; n--) {
    const tag = r.byte();
    if (tag === 0x00) r.fail('core types inside instance types are not supported by the name resolver');
    else if (tag === 0x01) types.push(readDefType(r));
    else if (tag === 0x02) {
      if (skipAlias(r) === 'type') types.push({ kind: 'other' });
    } else if (tag === 0x03 && component) {
      const name = r.externName();
      imports.set(name, shapeOf(readExternDesc(r)));
    } else if (tag === 0x04) {
      const name = r.externName();
      const desc = readExternDesc(r);
      const shape = shapeOf(desc);
      exports.set(name, shape);
      if (desc.kind === 'type') types.push(shape.definition ? { kind: 'other', shape: shape.definition } : { kind: 'other' });
    } else r.fail(`unknown type declaration 0x${tag.toString(16)}`);
  }
  return component ? { kind: 'component', imports, exports } : { kind: 'instance', exports };
}

function readDefType(r: Reader): TypeShape {
  const tag = r.byte();
  if (tag === 0x40 || tag === 0x43) {
    skipFuncType(r);
    return { kind: 'func' };
  }
  if (tag === 0x41) return { kind: 'component', shape: readDecls(r, true) };
  if (tag === 0x42) return { kind: 'instance', shape: readDecls(r, false) };
  if (tag === 0x3f) {
    r.byte();
    if (r.byte() === 0x01) r.u32();
    return { kind: 'resource' };
  }
  if (tag === 0x3e) {
    r.byte();
    r.u32();
    if (r.byte() === 0x01) r.u32();
    return { kind: 'resource' };
  }
  skipDefValType(r, tag);
  return { kind: 'other' };
}

function externShape(t: ExternT): ItemShape {
  switch (t.kind) {
    case 'instance':
      return { kind: 'instance', exports: new Map([...t.exports].map(([n, x]) => [n, externShape(x)])) };
    case 'component':
      return {
        kind: 'component',
        imports: new Map([...t.imports].map(([n, x]) => [n, externShape(x)])),
        exports: new Map([...t.exports].map(([n, x]) => [n, externShape(x)])),
      };
    default:
      return { kind: t.kind };
  }
}

/**
 * The outline of a package: from the component type model when it can read
 * the package (any component), else from the bounded walk below (which also
 * reads WIT packages, whose exported component-type definitions the model
 * does not take). When neither can, the model's error is the one reported.
 */
export function packageShape(bytes: Uint8Array): PackageShape {
  let modelError: unknown;
  try {
    const t = componentType(bytes);
    if (![...t.exports.values()].some((x) => x.kind === 'type')) {
      return {
        imports: new Map([...t.imports].map(([n, x]) => [n, externShape(x)])),
        exports: new Map([...t.exports].map(([n, x]) => [n, externShape(x)])),
      };
    }
  } catch (err) {
    modelError = err;
  }
  try {
    return readPackageShape(bytes);
  } catch (err) {
    throw modelError ?? err;
  }
}

/**
 * Reads the outline of a component: its import and export names, their kinds,
 * and the exports of instance-typed items when their types are declared.
 */
export function readPackageShape(bytes: Uint8Array): PackageShape {
  const r = new Reader(bytes, 0, bytes.length);
  if (bytes.length < 8 || bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    r.fail('not a WebAssembly binary (bad magic)');
  }
  if (bytes[6] !== 0x01 || bytes[7] !== 0x00) {
    r.fail('a core WebAssembly module, not a component; only components can be composed');
  }
  r.pos = 8;
  const types: TypeShape[] = [];
  const instances: (ItemShape | undefined)[] = [];
  const funcs: number[] = [];
  const components: (ItemShape | undefined)[] = [];
  const imports = new Map<string, ItemShape>();
  const exports = new Map<string, ItemShape>();
  const shapeOf = (d: { kind: ShapeKind; typeIndex?: number }): ItemShape => shapeFromTypes(types, d);
  const addToSpace = (kind: ShapeKind, shape: ItemShape | undefined) => {
    if (kind === 'type') types.push({ kind: 'other' });
    else if (kind === 'instance') instances.push(shape);
    else if (kind === 'func') funcs.push(0);
    else if (kind === 'component') components.push(shape);
  };
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (end > bytes.length) r.fail('section runs past the end of the component');
    const s = new Reader(bytes, r.pos, end);
    switch (id) {
      case 7: // type
        for (let n = s.u32(); n > 0; n--) types.push(readDefType(s));
        break;
      case 10: // import
        for (let n = s.u32(); n > 0; n--) {
          const name = s.externName();
          const desc = readExternDesc(s);
          const shape = shapeOf(desc);
          imports.set(name, shape);
          addToSpace(desc.kind, shape);
        }
        break;
      case 4: // nested component: its own outline is its type
        components.push(readPackageShapeAsComponent(bytes.subarray(s.pos, end)));
        break;
      case 6: // alias
        for (let n = s.u32(); n > 0; n--) {
          const kind = skipAlias(s);
          if (kind !== 'core') addToSpace(kind, undefined);
        }
        break;
      case 5: // component instances
        for (let n = s.u32(); n > 0; n--) {
          const tag = s.byte();
          if (tag === 0x00) {
            const component = components[s.u32()];
            for (let m = s.u32(); m > 0; m--) {
              s.string();
              s.byte();
              s.u32();
            }
            instances.push(component?.exports ? { kind: 'instance', exports: component.exports } : undefined);
          } else {
            const shapeExports = new Map<string, ItemShape>();
            for (let m = s.u32(); m > 0; m--) {
              const name = s.externName();
              const sort = s.byte();
              const idx = s.u32();
              const kind = SORTS[sort] ?? 'type';
              shapeExports.set(name, kind === 'instance' ? (instances[idx] ?? { kind }) : { kind });
            }
            instances.push({ kind: 'instance', exports: shapeExports });
          }
        }
        break;
      case 11: // export
        for (let n = s.u32(); n > 0; n--) {
          const name = s.externName();
          const sortByte = s.byte();
          if (sortByte === 0x00) s.byte();
          const idx = s.u32();
          const kind = sortByte === 0x00 ? 'module' : (SORTS[sortByte] ?? s.fail(`unknown export kind 0x${sortByte.toString(16)}`));
          let shape: ItemShape | undefined;
          if (s.byte() === 0x01) shape = shapeOf(readExternDesc(s));
          if (!shape?.exports && !shape?.definition) {
            if (kind === 'instance') shape = instances[idx] ?? { kind };
            else if (kind === 'component') shape = components[idx] ?? { kind };
            else if (kind === 'type') shape = shapeFromTypes(types, { kind, typeIndex: idx });
            else shape = { kind };
          }
          exports.set(name, shape);
          if (kind === 'type') types.push(shape.definition ? { kind: 'other', shape: shape.definition } : { kind: 'other' });
          else addToSpace(kind, shape);
        }
        break;
      default:
        break;
    }
    r.pos = end;
  }
  return { imports, exports };
}

function readPackageShapeAsComponent(bytes: Uint8Array): ItemShape {
  try {
    const shape = readPackageShape(bytes);
    return { kind: 'component', imports: shape.imports, exports: shape.exports };
  } catch {
    return { kind: 'component' };
  }
}

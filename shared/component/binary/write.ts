import type {
  Alias,
  Canon,
  CanonOpt,
  Component,
  ComponentDecl,
  CoreInstance,
  CoreModuleDecl,
  CoreType,
  DefValType,
  ExternName,
  ExternType,
  Instance,
  InstanceDecl,
  Section,
  Sort,
  SortIdx,
  TypeDef,
  ValType,
} from './ast.ts';
import { CODE_BY_PRIM } from './canon-table.ts';
import { ByteWriter } from './io.ts';

/** Encodes a component; for a component from `readComponent`, the result equals its input byte for byte. */
export function writeComponent(component: Component): Uint8Array {
  return writeComponentTo(new ByteWriter(), component).finish();
}

/** Encodes into a writer (keeps large payloads as references until `finish`). */
export function writeComponentTo(w: ByteWriter, component: Component): ByteWriter {
  w.bytes(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, component.version & 0xff, component.version >> 8, 0x01, 0x00));
  for (const s of component.sections) writeSection(w, s);
  return w;
}

const SECTION_IDS: Record<Exclude<Section['id'], 'unknown'>, number> = {
  custom: 0,
  coreModule: 1,
  coreInstance: 2,
  coreType: 3,
  component: 4,
  instance: 5,
  alias: 6,
  type: 7,
  canon: 8,
  start: 9,
  import: 10,
  export: 11,
  value: 12,
};

export function writeSection(w: ByteWriter, s: Section): void {
  const body = new ByteWriter();
  switch (s.id) {
    case 'custom':
      body.name(s.name);
      body.bytes(s.data);
      break;
    case 'coreModule':
      body.bytes(s.bytes);
      break;
    case 'coreInstance':
      body.vec(s.items, (i) => coreInstance(body, i));
      break;
    case 'coreType':
      body.vec(s.items, (t) => coreType(body, t));
      break;
    case 'component':
      writeComponentTo(body, s.component);
      break;
    case 'instance':
      body.vec(s.items, (i) => instance(body, i));
      break;
    case 'alias':
      body.vec(s.items, (a) => alias(body, a));
      break;
    case 'type':
      body.vec(s.items, (t) => typeDef(body, t));
      break;
    case 'canon':
      body.vec(s.items, (c) => canon(body, c));
      break;
    case 'start':
      body.u32(s.start.func);
      body.vec(s.start.args, (a) => body.u32(a));
      body.u32(s.start.results);
      break;
    case 'import':
      body.vec(s.items, (i) => {
        externName(body, i.name);
        externType(body, i.type);
      });
      break;
    case 'export':
      body.vec(s.items, (e) => {
        externName(body, e.name);
        sortIdx(body, e.item);
        if (e.type === null) body.byte(0);
        else {
          body.byte(1);
          externType(body, e.type);
        }
      });
      break;
    case 'value':
      body.vec(s.items, (v) => {
        valType(body, v.type);
        body.u32(v.bytes.length);
        body.bytes(v.bytes);
      });
      break;
    case 'unknown':
      body.bytes(s.bytes);
      break;
  }
  w.byte(s.id === 'unknown' ? s.sectionId : SECTION_IDS[s.id]);
  w.u32(body.length);
  w.append(body);
}

function sort(w: ByteWriter, s: Sort): void {
  switch (s.kind) {
    case 'core':
      w.byte(0x00);
      w.byte(s.sort);
      return;
    case 'func':
      w.byte(0x01);
      return;
    case 'value':
      w.byte(0x02);
      return;
    case 'type':
      w.byte(0x03);
      return;
    case 'component':
      w.byte(0x04);
      return;
    case 'instance':
      w.byte(0x05);
      return;
  }
}

function sortIdx(w: ByteWriter, s: SortIdx): void {
  sort(w, s.sort);
  w.u32(s.index);
}

function coreInstance(w: ByteWriter, i: CoreInstance): void {
  if (i.kind === 'instantiate') {
    w.byte(0x00);
    w.u32(i.module);
    w.vec(i.args, (a) => {
      w.name(a.name);
      w.byte(0x12);
      w.u32(a.instance);
    });
  } else {
    w.byte(0x01);
    w.vec(i.exports, (e) => {
      w.name(e.name);
      w.byte(e.sort);
      w.u32(e.index);
    });
  }
}

function instance(w: ByteWriter, i: Instance): void {
  if (i.kind === 'instantiate') {
    w.byte(0x00);
    w.u32(i.component);
    w.vec(i.args, (a) => {
      w.name(a.name);
      sortIdx(w, a.item);
    });
  } else {
    w.byte(0x01);
    w.vec(i.exports, (e) => {
      externName(w, e.name);
      sortIdx(w, e.item);
    });
  }
}

export function alias(w: ByteWriter, a: Alias): void {
  sort(w, a.sort);
  if (a.kind === 'outer') {
    w.byte(0x02);
    w.u32(a.count);
    w.u32(a.index);
  } else {
    w.byte(a.kind === 'export' ? 0x00 : 0x01);
    w.u32(a.instance);
    w.name(a.name);
  }
}

export function externName(w: ByteWriter, n: ExternName): void {
  w.byte(n.tag);
  w.name(n.name);
  if (n.tag === 0x02) {
    w.vec(n.attributes, (a) => {
      w.byte(a.tag);
      w.name(a.value);
    });
  }
}

export function externType(w: ByteWriter, t: ExternType): void {
  switch (t.kind) {
    case 'module':
      w.byte(0x00);
      w.byte(0x11);
      w.u32(t.type);
      return;
    case 'func':
      w.byte(0x01);
      w.u32(t.type);
      return;
    case 'value':
      w.byte(0x02);
      if ('eq' in t.bound) {
        w.byte(0x00);
        w.u32(t.bound.eq);
      } else {
        w.byte(0x01);
        valType(w, t.bound.type);
      }
      return;
    case 'type':
      w.byte(0x03);
      if (t.bound === 'sub-resource') w.byte(0x01);
      else {
        w.byte(0x00);
        w.u32(t.bound.eq);
      }
      return;
    case 'component':
      w.byte(0x04);
      w.u32(t.type);
      return;
    case 'instance':
      w.byte(0x05);
      w.u32(t.type);
      return;
  }
}

export function valType(w: ByteWriter, t: ValType): void {
  if (typeof t === 'number') w.s33(t);
  else w.byte(CODE_BY_PRIM.get(t) as number);
}

function optionalValType(w: ByteWriter, t: ValType | null): void {
  if (t === null) w.byte(0);
  else {
    w.byte(1);
    valType(w, t);
  }
}

function labels(w: ByteWriter, names: string[]): void {
  w.vec(names, (n) => w.name(n));
}

function resultList(w: ByteWriter, t: ValType | null): void {
  if (t === null) {
    w.byte(0x01);
    w.byte(0x00);
  } else {
    w.byte(0x00);
    valType(w, t);
  }
}

export function typeDef(w: ByteWriter, t: TypeDef): void {
  switch (t.kind) {
    case 'func':
      w.byte(t.async ? 0x43 : 0x40);
      w.vec(t.params, (p) => {
        w.name(p.name);
        valType(w, p.type);
      });
      resultList(w, t.result);
      return;
    case 'component':
      w.byte(0x41);
      w.vec(t.decls, (d) => componentDecl(w, d));
      return;
    case 'instance':
      w.byte(0x42);
      w.vec(t.decls, (d) => instanceDecl(w, d));
      return;
    case 'resource':
      w.byte(0x3f);
      w.byte(t.rep);
      if (t.dtor === null) w.byte(0);
      else {
        w.byte(1);
        w.u32(t.dtor);
      }
      return;
    default:
      defValType(w, t);
  }
}

function defValType(w: ByteWriter, t: DefValType): void {
  switch (t.kind) {
    case 'prim':
      valType(w, t.type);
      return;
    case 'record':
      w.byte(0x72);
      w.vec(t.fields, (f) => {
        w.name(f.name);
        valType(w, f.type);
      });
      return;
    case 'variant':
      w.byte(0x71);
      w.vec(t.cases, (c) => {
        w.name(c.name);
        optionalValType(w, c.type);
        if (c.refines === null) w.byte(0);
        else {
          w.byte(1);
          w.u32(c.refines);
        }
      });
      return;
    case 'list':
      if (t.length === null) {
        w.byte(0x70);
        valType(w, t.element);
      } else {
        w.byte(0x67);
        valType(w, t.element);
        w.u32(t.length);
      }
      return;
    case 'tuple':
      w.byte(0x6f);
      w.vec(t.types, (x) => valType(w, x));
      return;
    case 'flags':
      w.byte(0x6e);
      labels(w, t.names);
      return;
    case 'enum':
      w.byte(0x6d);
      labels(w, t.names);
      return;
    case 'option':
      w.byte(0x6b);
      valType(w, t.type);
      return;
    case 'result':
      w.byte(0x6a);
      optionalValType(w, t.ok);
      optionalValType(w, t.err);
      return;
    case 'own':
      w.byte(0x69);
      w.u32(t.type);
      return;
    case 'borrow':
      w.byte(0x68);
      w.u32(t.type);
      return;
    case 'stream':
      w.byte(0x66);
      optionalValType(w, t.type);
      return;
    case 'future':
      w.byte(0x65);
      optionalValType(w, t.type);
      return;
    case 'map':
      w.byte(0x63);
      valType(w, t.key);
      valType(w, t.value);
      return;
  }
}

export function instanceDecl(w: ByteWriter, d: InstanceDecl): void {
  switch (d.kind) {
    case 'coreType':
      w.byte(0x00);
      coreType(w, d.type);
      return;
    case 'type':
      w.byte(0x01);
      typeDef(w, d.type);
      return;
    case 'alias':
      w.byte(0x02);
      alias(w, d.alias);
      return;
    case 'export':
      w.byte(0x04);
      externName(w, d.name);
      externType(w, d.type);
      return;
  }
}

function componentDecl(w: ByteWriter, d: ComponentDecl): void {
  if (d.kind === 'import') {
    w.byte(0x03);
    externName(w, d.name);
    externType(w, d.type);
  } else instanceDecl(w, d);
}

function coreType(w: ByteWriter, t: CoreType): void {
  switch (t.kind) {
    case 'func':
      w.byte(0x60);
      w.vec(t.params, (p) => w.bytes(p));
      w.vec(t.results, (p) => w.bytes(p));
      return;
    case 'module':
      w.byte(0x50);
      w.vec(t.decls, (d) => moduleDecl(w, d));
      return;
    case 'gc':
      w.bytes(t.bytes);
      return;
  }
}

function moduleDecl(w: ByteWriter, d: CoreModuleDecl): void {
  switch (d.kind) {
    case 'import':
      w.byte(0x00);
      w.name(d.module);
      w.name(d.name);
      w.bytes(d.desc);
      return;
    case 'type':
      w.byte(0x01);
      coreType(w, d.type);
      return;
    case 'alias':
      w.byte(0x02);
      w.byte(0x10);
      w.byte(0x01);
      w.u32(d.count);
      w.u32(d.index);
      return;
    case 'export':
      w.byte(0x03);
      w.name(d.name);
      w.bytes(d.desc);
      return;
  }
}

function canonOpts(w: ByteWriter, opts: CanonOpt[]): void {
  w.vec(opts, (o) => {
    switch (o.kind) {
      case 'utf8':
        w.byte(0x00);
        return;
      case 'utf16':
        w.byte(0x01);
        return;
      case 'latin1+utf16':
        w.byte(0x02);
        return;
      case 'memory':
        w.byte(0x03);
        w.u32(o.index);
        return;
      case 'realloc':
        w.byte(0x04);
        w.u32(o.index);
        return;
      case 'post-return':
        w.byte(0x05);
        w.u32(o.index);
        return;
      case 'async':
        w.byte(0x06);
        return;
      case 'callback':
        w.byte(0x07);
        w.u32(o.index);
        return;
    }
  });
}

function canon(w: ByteWriter, c: Canon): void {
  switch (c.kind) {
    case 'lift':
      w.byte(0x00);
      w.byte(0x00);
      w.u32(c.coreFunc);
      canonOpts(w, c.opts);
      w.u32(c.type);
      return;
    case 'lower':
      w.byte(0x01);
      w.byte(0x00);
      w.u32(c.func);
      canonOpts(w, c.opts);
      return;
    case 'resource.new':
      w.byte(0x02);
      w.u32(c.type);
      return;
    case 'resource.drop':
      w.byte(0x03);
      w.u32(c.type);
      return;
    case 'resource.rep':
      w.byte(0x04);
      w.u32(c.type);
      return;
    case 'builtin':
      w.byte(c.opcode);
      for (const imm of c.immediates) {
        switch (imm.kind) {
          case 'u32':
            w.u32(imm.value);
            break;
          case 'flag':
            w.byte(imm.value);
            break;
          case 'opts':
            canonOpts(w, imm.opts);
            break;
          case 'resultlist':
            resultList(w, imm.type);
            break;
          case 'coreValType':
            w.bytes(imm.type);
            break;
        }
      }
      return;
  }
}

/**
 * Reads the interface an interposer forwards: its instance type, from a
 * component that exports or imports it, and the imports of that component
 * whose types the interface uses (`use wasi:http/types.{incoming-request}`),
 * which the interposer imports once and shares with both backends.
 *
 * What cannot be interposed is refused here, with the reason:
 * - an interface that defines its own resources: resource types are
 *   generative, each instance makes its own, so a handle made by `stable`
 *   means nothing to `canary` (and the next call may go to either);
 * - async functions, streams, futures and error contexts: they return
 *   through `task.return` and callbacks, not through a call the interposer
 *   can forward and time;
 * - a resource the interface uses that no import of the component defines
 *   (it would again be one per backend).
 */
import { readComponent } from '../component/binary/read.ts';
import {
  type ComponentT,
  componentType,
  type ExternT,
  type FuncT,
  type InstanceT,
  newResource,
  type Resource,
  type VType,
} from '../component/types.ts';
import { printVType } from '../component/wit-print.ts';
import { FlotillaError } from '../errors.ts';
import { contains, type FlatFunc, flattenFunc, recordFields, variantCases } from './abi.ts';
import { InterposeError } from './errors.ts';

export interface InterfaceFunction {
  name: string;
  type: FuncT;
  flat: FlatFunc;
}

/** One import of the source component the interposer needs, reduced to what it needs. */
export interface UsedImport {
  name: string;
  type: InstanceT;
}

/** What an HTTP splitter calls to read the request's headers (wasi:http/types). */
export interface HttpAccess {
  /** Index (in `imports`) of the wasi:http/types import that carries the functions below. */
  importName: string;
  incomingRequest: Resource;
  fields: Resource;
  /** `[method]incoming-request.headers` and `[method]fields.get`. */
  headers: FuncT;
  get: FuncT;
}

export interface InterfaceModel {
  /** The interface's name as the component has it (`ecommerce:platform/users@1.0.0`). */
  name: string;
  type: InstanceT;
  functions: InterfaceFunction[];
  /** Imports the interposer needs for the interface's types (in the source's import order). */
  imports: UsedImport[];
  /** Set for `wasi:http/incoming-handler`: the header access an HTTP splitter uses. */
  http: HttpAccess | null;
}

const HTTP_HANDLER = /^wasi:http\/incoming-handler@0\.2\.\d+(?:-[\w.]+)?$/;
const HTTP_TYPES = /^wasi:http\/types@0\.2\.\d+(?:-[\w.]+)?$/;

export function isHttpHandler(name: string): boolean {
  return HTTP_HANDLER.test(name);
}

function unversioned(name: string): string {
  return name.replace(/@[^@/]*$/, '');
}

/**
 * Finds `interfaceName` among the component's exports (first) or imports and
 * builds its model. A name without a version matches any version, if only one.
 */
export function readInterface(bytes: Uint8Array, interfaceName: string, source = 'the component'): InterfaceModel {
  let ct: ComponentT;
  try {
    ct = componentType(readComponent(bytes));
  } catch (err) {
    if (err instanceof FlotillaError) {
      throw new InterposeError(err.code, `${source} is not a component that can be read: ${err.message}`, { cause: err });
    }
    throw err;
  }
  return interfaceFromType(ct, interfaceName, source);
}

export function interfaceFromType(ct: ComponentT, interfaceName: string, source = 'the component'): InterfaceModel {
  const found = findNamed(ct.exports, interfaceName) ?? findNamed(ct.imports, interfaceName);
  if (found === undefined) {
    const names = [...new Set([...ct.exports, ...ct.imports].filter(([, t]) => t.kind === 'instance').map(([n]) => n))];
    throw new InterposeError(
      'INTERPOSE_NO_INTERFACE',
      `${source} neither exports nor imports the interface \`${interfaceName}\` (its interfaces: ${names.join(', ') || 'none'}); ` +
        'pass --interface with one of them, version included',
    );
  }
  const [name, t] = found;
  if (t.kind !== 'instance') {
    throw new InterposeError(
      'INTERPOSE_NOT_AN_INTERFACE',
      `\`${name}\` of ${source} is a ${t.kind}, not an interface: an interposer forwards the functions of an interface (an instance)`,
    );
  }
  return buildModel(ct, name, t, source);
}

function findNamed(m: Map<string, ExternT>, wanted: string): [string, ExternT] | undefined {
  const exact = m.get(wanted);
  if (exact !== undefined) return [wanted, exact];
  if (wanted.includes('@')) return undefined;
  const matches = [...m].filter(([n]) => unversioned(n) === wanted);
  if (matches.length > 1) {
    throw new InterposeError(
      'INTERPOSE_NO_INTERFACE',
      `\`${wanted}\` matches several versions (${matches.map(([n]) => n).join(', ')}); pass --interface with the version`,
    );
  }
  return matches[0];
}

function buildModel(ct: ComponentT, name: string, original: InstanceT, source: string): InterfaceModel {
  const t = canonicalNames(original);
  // Resources the interface defines: declared by its type (an importer's view), or exported by it
  // without coming from any other import (an exporter's view: the component defines them).
  const fromImports = new Set<object>();
  for (const [iname, it] of ct.imports) {
    if (iname === name || it.kind !== 'instance') continue;
    for (const e of it.exports.values()) if (e.kind === 'type' && e.type.kind === 'resource') fromImports.add(e.type);
  }
  const own = [...t.declared];
  for (const x of t.exports.values()) {
    if (x.kind === 'type' && x.type.kind === 'resource' && !fromImports.has(x.type) && !own.includes(x.type)) own.push(x.type);
  }
  if (own.length > 0) {
    throw new InterposeError(
      'INTERPOSE_OWN_RESOURCES',
      `\`${name}\` defines its own resource${own.length > 1 ? 's' : ''} ${own.map((r) => `\`${r.name}\``).join(', ')}: ` +
        'resource types are generative (each instance of a component makes its own), so a handle made by `stable` cannot be given to `canary`, ' +
        'and a call splitter may send the next call on a handle to either. Interpose an interface whose resources come from a third, shared ' +
        'instance (as wasi:http/types is for wasi:http/incoming-handler), or split at the HTTP edge with sticky routing',
    );
  }
  const functions: InterfaceFunction[] = [];
  for (const [fname, x] of t.exports) {
    if (x.kind === 'type') continue;
    if (x.kind !== 'func') {
      throw new InterposeError(
        'INTERPOSE_UNSUPPORTED',
        `\`${name}\` exports \`${fname}\`, a ${x.kind}: an interposer forwards interfaces of functions and types only`,
      );
    }
    if (x.async) {
      throw new InterposeError(
        'INTERPOSE_ASYNC',
        `\`${name}\` has the async function \`${fname}\`: async functions return through \`task.return\` and cannot use post-return, ` +
          'so this generator cannot forward them; interpose a synchronous interface',
      );
    }
    for (const v of [...x.params.map((p) => p.type), ...(x.result ? [x.result] : [])]) {
      if (contains(v, (u) => u.kind === 'stream' || u.kind === 'future' || (u.kind === 'prim' && u.name === 'error-context'))) {
        throw new InterposeError(
          'INTERPOSE_ASYNC',
          `\`${fname}\` of \`${name}\` passes a stream, a future or an error context (${printVType(v)}): those belong to async ` +
            'calls, which this generator cannot forward; interpose a synchronous interface',
        );
      }
    }
    functions.push({ name: fname, type: x, flat: flattenFunc(x) });
  }
  if (functions.length === 0) {
    throw new InterposeError('INTERPOSE_UNSUPPORTED', `\`${name}\` has no functions: there is nothing to forward`);
  }

  const imports = new ImportNeeds(ct, name, source);
  for (const [tname, x] of t.exports) if (x.kind === 'type') imports.typeExport(tname, x.type);
  for (const f of functions) for (const v of funcTypes(f.type)) imports.resourcesOf(v, `\`${f.name}\``);

  let http: HttpAccess | null = null;
  if (isHttpHandler(name)) http = imports.http(t);
  return { name, type: t, functions, imports: imports.result(), http };
}

function funcTypes(f: FuncT): VType[] {
  return [...f.params.map((p) => p.type), ...(f.result ? [f.result] : [])];
}

/** Collects, per import of the source component, the exports the interposer must import. */
class ImportNeeds {
  private readonly selected = new Map<string, Set<string>>();
  private readonly extra = new Map<string, Map<string, ExternT>>();
  private readonly extraDeclared = new Map<string, Resource[]>();
  private readonly visited = new Set<object>();
  private readonly ct: ComponentT;
  private readonly iface: string;
  private readonly source: string;

  constructor(ct: ComponentT, iface: string, source: string) {
    this.ct = ct;
    this.iface = iface;
    this.source = source;
  }

  private instanceImports(): [string, InstanceT][] {
    return [...this.ct.imports].filter((e): e is [string, InstanceT] => e[1].kind === 'instance' && e[0] !== this.iface);
  }

  /** The import and export name that carries `x` (a resource or a named value type), the declaring one first. */
  private owner(x: object): [string, string] | undefined {
    let alias: [string, string] | undefined;
    for (const [iname, it] of this.instanceImports()) {
      for (const [ename, e] of it.exports) {
        if (e.kind !== 'type' || e.type !== x) continue;
        if ((x as { kind: string }).kind === 'resource' && it.declared.includes(x as Resource)) return [iname, ename];
        alias ??= [iname, ename];
      }
    }
    return alias;
  }

  private select(iname: string, ename: string): void {
    let s = this.selected.get(iname);
    if (s === undefined) {
      s = new Set();
      this.selected.set(iname, s);
    }
    s.add(ename);
  }

  /** A type the interface exports: shared if an import has it, local (structural) otherwise; resources must be shared. */
  typeExport(tname: string, x: VType | Resource): void {
    if (x.kind === 'resource') {
      this.resource(x, `type \`${tname}\``);
      return;
    }
    const o = this.owner(x);
    if (o !== undefined) {
      this.select(o[0], o[1]);
      // the imported definition must be complete where it is imported: its resources too
      this.resourcesOf(x, `type \`${tname}\``, true);
    } else this.resourcesOf(x, `type \`${tname}\``);
  }

  resourcesOf(v: VType, what: string, viaImport = false): void {
    if (this.visited.has(v)) return;
    this.visited.add(v);
    if (v.kind === 'own' || v.kind === 'borrow') {
      this.resource(v.resource, what);
      return;
    }
    if (!viaImport && v.kind !== 'prim') {
      // a named type an import defines is imported from it (once, for both backends)
      const o = this.owner(v);
      if (o !== undefined) {
        this.select(o[0], o[1]);
        viaImport = true;
      }
    }
    const fields = recordFields(v);
    if (fields !== null) for (const f of fields) this.resourcesOf(f, what, viaImport);
    const cases = variantCases(v);
    if (cases !== null) for (const c of cases) if (c.type !== null) this.resourcesOf(c.type, what, viaImport);
    if (v.kind === 'list') this.resourcesOf(v.element, what, viaImport);
    if (v.kind === 'map') {
      this.resourcesOf(v.key, what, viaImport);
      this.resourcesOf(v.value, what, viaImport);
    }
  }

  private resource(r: Resource, what: string): void {
    if (this.visited.has(r)) return;
    this.visited.add(r);
    const o = this.owner(r);
    if (o === undefined) {
      throw new InterposeError(
        'INTERPOSE_UNSHARED_RESOURCE',
        `${what} of \`${this.iface}\` uses the resource \`${r.name}\`, which no import of ${this.source} defines: it is made by a ` +
          'component itself, so `stable` and `canary` would each have their own and a handle made by one cannot be given to the other. ' +
          'Only resources of an interface imported once and wired to both backends (such as wasi:http/types) can be passed through',
      );
    }
    this.select(o[0], o[1]);
    // an alias of another import's resource: that import is needed too, before it
    const [iname] = o;
    const it = this.ct.imports.get(iname) as InstanceT;
    if (!it.declared.includes(r)) {
      const declarer = this.instanceImports().find(([, x]) => x.declared.includes(r));
      if (declarer === undefined) {
        throw new InterposeError(
          'INTERPOSE_UNSHARED_RESOURCE',
          `the resource \`${r.name}\` that ${what} of \`${this.iface}\` uses is not defined by any import of ${this.source}`,
        );
      }
      const [dname, dt] = declarer;
      for (const [ename, e] of dt.exports) if (e.kind === 'type' && e.type === r) this.select(dname, ename);
    }
  }

  /** wasi:http/types' header access, from the source's import when it has it, else declared here. */
  http(handler: InstanceT): HttpAccess {
    let incomingRequest: Resource | undefined;
    for (const f of handler.exports.values()) {
      if (f.kind !== 'func') continue;
      for (const p of f.params) if (p.type.kind === 'own' && p.type.resource.name === 'incoming-request') incomingRequest = p.type.resource;
    }
    const types = this.instanceImports().find(([n]) => HTTP_TYPES.test(n));
    if (incomingRequest === undefined || types === undefined) {
      throw new InterposeError(
        'INTERPOSE_UNSUPPORTED',
        `\`${this.iface}\` of ${this.source} takes no \`own<incoming-request>\` from an imported wasi:http/types: ` +
          'an HTTP splitter reads the request headers through wasi:http/types',
      );
    }
    const [tname, tt] = types;
    const fieldsExport = tt.exports.get('fields');
    let fields = fieldsExport?.kind === 'type' && fieldsExport.type.kind === 'resource' ? fieldsExport.type : undefined;
    const extra = new Map<string, ExternT>();
    const declared: Resource[] = [];
    if (fields === undefined) {
      // declared by the interposer's import: the host's wasi:http/types binds it
      fields = newResource('fields');
      declared.push(fields);
      extra.set('fields', { kind: 'type', type: fields });
    } else this.select(tname, 'fields');
    const std = (n: string): FuncT | undefined => {
      const f = tt.exports.get(n);
      return f?.kind === 'func' ? f : undefined;
    };
    const u8list: VType = { kind: 'list', element: { kind: 'prim', name: 'u8' }, length: null };
    const headers: FuncT = std('[method]incoming-request.headers') ?? {
      kind: 'func',
      async: false,
      params: [{ name: 'self', type: { kind: 'borrow', resource: incomingRequest } }],
      result: { kind: 'own', resource: fields },
    };
    const get: FuncT = std('[method]fields.get') ?? {
      kind: 'func',
      async: false,
      params: [
        { name: 'self', type: { kind: 'borrow', resource: fields } },
        { name: 'name', type: { kind: 'prim', name: 'string' } },
      ],
      result: { kind: 'list', element: u8list, length: null },
    };
    if (std('[method]incoming-request.headers')) this.select(tname, '[method]incoming-request.headers');
    else extra.set('[method]incoming-request.headers', headers);
    if (std('[method]fields.get')) this.select(tname, '[method]fields.get');
    else extra.set('[method]fields.get', get);
    this.extra.set(tname, extra);
    this.extraDeclared.set(tname, declared);
    return { importName: tname, incomingRequest, fields, headers, get };
  }

  result(): UsedImport[] {
    const out: UsedImport[] = [];
    for (const [iname, it] of this.instanceImports()) {
      const names = this.selected.get(iname);
      const extra = this.extra.get(iname);
      if (names === undefined && extra === undefined) continue;
      const exports = new Map<string, ExternT>();
      // types first, in the import's order, then the functions
      for (const [ename, e] of it.exports) if (names?.has(ename) && e.kind === 'type') exports.set(ename, e);
      for (const [ename, e] of extra ?? []) if (e.kind === 'type') exports.set(ename, e);
      for (const [ename, e] of it.exports) if (names?.has(ename) && e.kind !== 'type') exports.set(ename, e);
      for (const [ename, e] of extra ?? []) if (e.kind !== 'type') exports.set(ename, e);
      const kept = new Set<Resource>();
      for (const e of exports.values()) if (e.kind === 'type' && e.type.kind === 'resource') kept.add(e.type);
      const declared = [...it.declared.filter((r) => kept.has(r)), ...(this.extraDeclared.get(iname) ?? [])];
      out.push({ name: iname, type: { kind: 'instance', exports, declared } });
    }
    return out;
  }
}

// ---- named types ----------------------------------------------------------------

/**
 * The interface with every value type in its functions replaced by the type
 * export it is equal to. A component's exports have the types of what they
 * export (inferred), while the names are on the types it ascribed: the same
 * record appears as two objects. An interposer must refer to the named one
 * (validators require every record, variant, enum and flags an exported
 * function uses to be named by an export), so equal types are made one object.
 */
export function canonicalNames(t: InstanceT): InstanceT {
  const keys = new WeakMap<object, string>();
  const key = (v: VType): string => {
    const known = keys.get(v);
    if (known !== undefined) return known;
    let k: string;
    switch (v.kind) {
      case 'prim':
        k = v.name;
        break;
      case 'record':
        k = `record{${v.fields.map((f) => `${f.name}:${key(f.type)}`).join(',')}}`;
        break;
      case 'variant':
        k = `variant{${v.cases.map((c) => `${c.name}${c.type ? `(${key(c.type)})` : ''}`).join(',')}}`;
        break;
      case 'list':
        k = `list<${key(v.element)}${v.length === null ? '' : `,${v.length}`}>`;
        break;
      case 'tuple':
        k = `tuple<${v.types.map(key).join(',')}>`;
        break;
      case 'flags':
        k = `flags{${v.names.join(',')}}`;
        break;
      case 'enum':
        k = `enum{${v.names.join(',')}}`;
        break;
      case 'option':
        k = `option<${key(v.type)}>`;
        break;
      case 'result':
        k = `result<${v.ok ? key(v.ok) : '_'},${v.err ? key(v.err) : '_'}>`;
        break;
      case 'own':
      case 'borrow':
        k = `${v.kind}#${v.resource.id}`;
        break;
      case 'stream':
      case 'future':
        k = `${v.kind}<${v.type ? key(v.type) : '_'}>`;
        break;
      case 'map':
        k = `map<${key(v.key)},${key(v.value)}>`;
        break;
    }
    keys.set(v, k);
    return k;
  };
  const named = new Map<string, VType>();
  const memo = new Map<VType, VType>();
  const same = <T>(a: readonly T[], b: readonly T[]) => a.every((x, i) => x === b[i]);
  /** `v` with canonical parts (the same object when its parts already are), then the named type equal to it, if any. */
  const rebuild = (v: VType): VType => {
    const done = memo.get(v);
    if (done !== undefined) return done;
    let out: VType = v;
    switch (v.kind) {
      case 'record': {
        const types = v.fields.map((f) => rebuild(f.type));
        if (
          !same(
            types,
            v.fields.map((f) => f.type),
          )
        )
          out = { kind: 'record', fields: v.fields.map((f, i) => ({ name: f.name, type: types[i] as VType })) };
        break;
      }
      case 'variant': {
        const types = v.cases.map((c) => (c.type === null ? null : rebuild(c.type)));
        if (
          !same(
            types,
            v.cases.map((c) => c.type),
          )
        )
          out = { kind: 'variant', cases: v.cases.map((c, i) => ({ name: c.name, type: types[i] ?? null })) };
        break;
      }
      case 'list': {
        const element = rebuild(v.element);
        if (element !== v.element) out = { kind: 'list', element, length: v.length };
        break;
      }
      case 'tuple': {
        const types = v.types.map(rebuild);
        if (!same(types, v.types)) out = { kind: 'tuple', types };
        break;
      }
      case 'option': {
        const type = rebuild(v.type);
        if (type !== v.type) out = { kind: 'option', type };
        break;
      }
      case 'result': {
        const ok = v.ok === null ? null : rebuild(v.ok);
        const err = v.err === null ? null : rebuild(v.err);
        if (ok !== v.ok || err !== v.err) out = { kind: 'result', ok, err };
        break;
      }
      case 'map': {
        const k = rebuild(v.key);
        const value = rebuild(v.value);
        if (k !== v.key || value !== v.value) out = { kind: 'map', key: k, value };
        break;
      }
      default:
        break;
    }
    out = named.get(key(out)) ?? out;
    memo.set(v, out);
    return out;
  };
  const exports = new Map<string, ExternT>();
  for (const [n, x] of t.exports) {
    if (x.kind !== 'type' || x.type.kind === 'resource') {
      exports.set(n, x);
      continue;
    }
    // a named type: its parts made canonical (it stays the same object when they already are)
    const canon = rebuild(x.type);
    const k = key(canon);
    if (!named.has(k)) named.set(k, canon);
    memo.set(x.type, named.get(k) as VType);
    exports.set(n, canon === x.type ? x : { kind: 'type', type: canon });
  }
  for (const [n, x] of exports) {
    if (x.kind !== 'func') continue;
    exports.set(n, {
      ...x,
      params: x.params.map((p) => ({ name: p.name, type: rebuild(p.type) })),
      result: x.result === null ? null : rebuild(x.result),
    });
  }
  return { kind: 'instance', exports, declared: t.declared };
}

/**
 * A resolved model of component-level types: no indices, types are objects
 * that refer to each other. Resources have identity (compare with `===`);
 * named types (records, variants, enums, flags) keep object identity so that
 * an encoder can tell which export names them.
 *
 * `componentType(bytes | Component)` computes the type of a component (its
 * imports and exports) by walking its definitions the way a validator does:
 * instantiations substitute imported resources by those of the arguments,
 * and every instantiation gets fresh exported resources.
 */

import { FlotillaError } from '../errors.ts';
import type { Component, ComponentDecl, ExternType, InstanceDecl, PrimValType, TypeDef, ValType } from './binary/ast.ts';
import { readComponent } from './binary/read.ts';

let nextResourceId = 1;

export interface Resource {
  kind: 'resource';
  /** Unique per resource identity (for printing and debugging). */
  id: number;
  /** The name it was first exported or imported under. */
  name: string;
}

export function newResource(name: string): Resource {
  return { kind: 'resource', id: nextResourceId++, name };
}

export type VType =
  | { kind: 'prim'; name: PrimValType }
  | { kind: 'record'; fields: { name: string; type: VType }[] }
  | { kind: 'variant'; cases: { name: string; type: VType | null }[] }
  | { kind: 'list'; element: VType; length: number | null }
  | { kind: 'tuple'; types: VType[] }
  | { kind: 'flags'; names: string[] }
  | { kind: 'enum'; names: string[] }
  | { kind: 'option'; type: VType }
  | { kind: 'result'; ok: VType | null; err: VType | null }
  | { kind: 'own'; resource: Resource }
  | { kind: 'borrow'; resource: Resource }
  | { kind: 'stream'; type: VType | null }
  | { kind: 'future'; type: VType | null }
  | { kind: 'map'; key: VType; value: VType };

export interface FuncT {
  kind: 'func';
  async: boolean;
  params: { name: string; type: VType }[];
  result: VType | null;
}

export interface InstanceT {
  kind: 'instance';
  /** Exports in declaration order (types before their uses). */
  exports: Map<string, ExternT>;
  /** Resources introduced by `(export "x" (type (sub resource)))` in this type: fresh for each import of it. */
  declared: Resource[];
}

export interface ComponentT {
  kind: 'component';
  imports: Map<string, ExternT>;
  exports: Map<string, ExternT>;
  /** Resources the imports introduce (bound by instantiation arguments). */
  importedResources: Resource[];
  /** Resources the exports introduce (fresh for each instantiation). */
  exportedResources: Resource[];
}

/** A type export or import: a resource, or a value type (eq bound). */
export interface TypeItemT {
  kind: 'type';
  type: VType | Resource;
}

export type ExternT = FuncT | InstanceT | ComponentT | TypeItemT | { kind: 'module' } | { kind: 'value'; type: VType };

/** What may sit in a type index space. */
type TypeSlot = VType | FuncT | InstanceT | ComponentT | Resource | { kind: 'core' };

export class ComponentTypeError extends FlotillaError {
  constructor(message: string) {
    super('COMPONENT_TYPE', message);
  }
}

const PRIMS = new Map<string, VType>();
function prim(name: PrimValType): VType {
  let p = PRIMS.get(name);
  if (p === undefined) {
    p = { kind: 'prim', name };
    PRIMS.set(name, p);
  }
  return p;
}

// ---- substitution -------------------------------------------------------------

/**
 * Replaces resources by others everywhere in a type; objects that contain
 * none of them are returned as they are (identity kept), and each object is
 * copied at most once (shared structure stays shared).
 */
export class Substitution {
  /** Resource → resource pairs. */
  readonly map = new Map<Resource, Resource>();
  /** Named value type → the equal named type that replaces it (semver-merged imports: one `stream-error` for both versions). */
  readonly types = new Map<object, object>();
  private memo = new Map<object, object>();
  private unchanged = new WeakSet<object>();

  constructor(pairs?: Iterable<[Resource, Resource]>) {
    if (pairs) for (const [a, b] of pairs) this.map.set(a, b);
  }

  set(from: Resource, to: Resource): void {
    this.map.set(from, to);
    this.memo = new Map();
    this.unchanged = new WeakSet();
  }

  get size(): number {
    return this.map.size;
  }

  resource(r: Resource): Resource {
    return this.map.get(r) ?? r;
  }

  extern(t: ExternT): ExternT {
    return this.any(t) as ExternT;
  }

  vtype(t: VType): VType {
    return this.any(t) as VType;
  }

  /** Replaces a named value type by another (equal) one everywhere. */
  setType(from: object, to: object): void {
    this.types.set(from, to);
    this.memo = new Map();
    this.unchanged = new WeakSet();
  }

  private any(t: object): object {
    if (this.map.size === 0 && this.types.size === 0) return t;
    const named = this.types.get(t);
    if (named !== undefined) return named;
    if ((t as { kind: string }).kind === 'resource') return this.resource(t as Resource);
    const done = this.memo.get(t);
    if (done !== undefined) return done;
    if (this.unchanged.has(t)) return t;
    const out = this.rebuild(t as TypeSlot | ExternT);
    if (out === t) this.unchanged.add(t);
    else this.memo.set(t, out);
    return out;
  }

  private opt<T extends object>(t: T | null): T | null {
    return t === null ? null : (this.any(t) as T);
  }

  private rebuild(t: TypeSlot | ExternT): object {
    switch (t.kind) {
      case 'resource':
      case 'prim':
      case 'flags':
      case 'enum':
      case 'module':
      case 'core':
        return t;
      case 'record': {
        const fields = t.fields.map((f) => ({ name: f.name, type: this.any(f.type) as VType }));
        return fields.every((f, i) => f.type === t.fields[i]?.type) ? t : { kind: 'record', fields };
      }
      case 'variant': {
        const cases = t.cases.map((c) => ({ name: c.name, type: this.opt(c.type) }));
        return cases.every((c, i) => c.type === t.cases[i]?.type) ? t : { kind: 'variant', cases };
      }
      case 'list': {
        const element = this.any(t.element) as VType;
        return element === t.element ? t : { ...t, element };
      }
      case 'tuple': {
        const types = t.types.map((x) => this.any(x) as VType);
        return types.every((x, i) => x === t.types[i]) ? t : { kind: 'tuple', types };
      }
      case 'option': {
        const type = this.any(t.type) as VType;
        return type === t.type ? t : { kind: 'option', type };
      }
      case 'result': {
        const ok = this.opt(t.ok);
        const err = this.opt(t.err);
        return ok === t.ok && err === t.err ? t : { kind: 'result', ok, err };
      }
      case 'own':
      case 'borrow': {
        const resource = this.resource(t.resource);
        return resource === t.resource ? t : { kind: t.kind, resource };
      }
      case 'stream':
      case 'future': {
        const type = this.opt(t.type);
        return type === t.type ? t : { kind: t.kind, type };
      }
      case 'map': {
        const key = this.any(t.key) as VType;
        const value = this.any(t.value) as VType;
        return key === t.key && value === t.value ? t : { kind: 'map', key, value };
      }
      case 'func': {
        const params = t.params.map((p) => ({ name: p.name, type: this.any(p.type) as VType }));
        const result = this.opt(t.result);
        return result === t.result && params.every((p, i) => p.type === t.params[i]?.type) ? t : { ...t, params, result };
      }
      case 'type': {
        const type = t.type.kind === 'resource' ? this.resource(t.type) : (this.any(t.type) as VType);
        return type === t.type ? t : { kind: 'type', type };
      }
      case 'value': {
        const type = this.any(t.type) as VType;
        return type === t.type ? t : { kind: 'value', type };
      }
      case 'instance': {
        const exports = this.mapEntries(t.exports);
        const declared = t.declared.map((r) => this.resource(r));
        return exports === t.exports && declared.every((r, i) => r === t.declared[i]) ? t : { kind: 'instance', exports, declared };
      }
      case 'component': {
        const imports = this.mapEntries(t.imports);
        const exports = this.mapEntries(t.exports);
        if (imports === t.imports && exports === t.exports) return t;
        return {
          kind: 'component',
          imports,
          exports,
          importedResources: t.importedResources.map((r) => this.resource(r)),
          exportedResources: t.exportedResources.map((r) => this.resource(r)),
        };
      }
    }
  }

  private mapEntries(m: Map<string, ExternT>): Map<string, ExternT> {
    let changed = false;
    const out = new Map<string, ExternT>();
    for (const [k, v] of m) {
      const n = this.any(v) as ExternT;
      if (n !== v) changed = true;
      out.set(k, n);
    }
    return changed ? out : m;
  }
}

/** A copy of an instance type with fresh identities for the resources it declares. */
export function freshenInstance(t: InstanceT): InstanceT {
  if (t.declared.length === 0) return t;
  const s = new Substitution(t.declared.map((r) => [r, newResource(r.name)]));
  return s.extern(t) as InstanceT;
}

// ---- resolution from the binary -------------------------------------------------

interface Scope {
  types: TypeSlot[];
  funcs: FuncT[];
  instances: InstanceT[];
  components: ComponentT[];
  values: VType[];
  parent: Scope | null;
}

function newScope(parent: Scope | null): Scope {
  return { types: [], funcs: [], instances: [], components: [], values: [], parent };
}

function at<T>(list: T[], index: number, what: string): T {
  const v = list[index];
  if (v === undefined) throw new ComponentTypeError(`${what} index ${index} is out of bounds (${list.length} defined)`);
  return v;
}

function outerScope(scope: Scope, count: number): Scope {
  let s: Scope | null = scope;
  for (let i = 0; i < count && s; i++) s = s.parent;
  if (!s) throw new ComponentTypeError(`outer alias count ${count} goes beyond the outermost component`);
  return s;
}

function valType(scope: Scope, t: ValType): VType {
  if (typeof t === 'string') return prim(t);
  const slot = at(scope.types, t, 'type');
  if (isVType(slot)) return slot;
  throw new ComponentTypeError(`type index ${t} is a ${slot.kind} type, not a value type`);
}

function isVType(s: TypeSlot | ExternT): s is VType {
  return !['func', 'instance', 'component', 'resource', 'core', 'type', 'module', 'value'].includes(s.kind);
}

function resourceAt(scope: Scope, index: number): Resource {
  const slot = at(scope.types, index, 'type');
  if (slot.kind !== 'resource') throw new ComponentTypeError(`type index ${index} is not a resource (own/borrow need one)`);
  return slot;
}

function typeDef(scope: Scope, t: TypeDef): TypeSlot {
  switch (t.kind) {
    case 'func':
      return {
        kind: 'func',
        async: t.async,
        params: t.params.map((p) => ({ name: p.name, type: valType(scope, p.type) })),
        result: t.result === null ? null : valType(scope, t.result),
      };
    case 'resource':
      return newResource('resource');
    case 'instance':
      return instanceType(scope, t.decls);
    case 'component':
      return componentTypeFromDecls(scope, t.decls);
    case 'prim':
      return prim(t.type);
    case 'record':
      return { kind: 'record', fields: t.fields.map((f) => ({ name: f.name, type: valType(scope, f.type) })) };
    case 'variant':
      return { kind: 'variant', cases: t.cases.map((c) => ({ name: c.name, type: c.type === null ? null : valType(scope, c.type) })) };
    case 'list':
      return { kind: 'list', element: valType(scope, t.element), length: t.length };
    case 'tuple':
      return { kind: 'tuple', types: t.types.map((x) => valType(scope, x)) };
    case 'flags':
      return { kind: 'flags', names: [...t.names] };
    case 'enum':
      return { kind: 'enum', names: [...t.names] };
    case 'option':
      return { kind: 'option', type: valType(scope, t.type) };
    case 'result':
      return { kind: 'result', ok: t.ok === null ? null : valType(scope, t.ok), err: t.err === null ? null : valType(scope, t.err) };
    case 'own':
    case 'borrow':
      return { kind: t.kind, resource: resourceAt(scope, t.type) };
    case 'stream':
    case 'future':
      return { kind: t.kind, type: t.type === null ? null : valType(scope, t.type) };
    case 'map':
      return { kind: 'map', key: valType(scope, t.key), value: valType(scope, t.value) };
  }
}

/** Resolves an extern type and adds the item it describes to the scope's index spaces. */
function externItem(scope: Scope, name: string, t: ExternType, fresh: Resource[]): ExternT {
  switch (t.kind) {
    case 'module':
      return { kind: 'module' };
    case 'func': {
      const f = at(scope.types, t.type, 'type');
      if (f.kind !== 'func') throw new ComponentTypeError(`"${name}" is declared a func of type ${t.type}, which is a ${f.kind}`);
      scope.funcs.push(f);
      return f;
    }
    case 'value': {
      const v = 'type' in t.bound ? valType(scope, t.bound.type) : at(scope.values, t.bound.eq, 'value');
      scope.values.push(v);
      return { kind: 'value', type: v };
    }
    case 'type': {
      let ty: VType | Resource;
      if (t.bound === 'sub-resource') {
        ty = newResource(name);
        fresh.push(ty);
      } else {
        const slot = at(scope.types, t.bound.eq, 'type');
        if (slot.kind !== 'resource' && !isVType(slot)) throw new ComponentTypeError(`type "${name}" must name a value type or a resource`);
        ty = slot;
        if (ty.kind === 'resource' && ty.name === 'resource') ty.name = name;
      }
      scope.types.push(ty);
      return { kind: 'type', type: ty };
    }
    case 'instance': {
      const i = at(scope.types, t.type, 'type');
      if (i.kind !== 'instance') throw new ComponentTypeError(`"${name}" is declared an instance of type ${t.type}, which is a ${i.kind}`);
      const inst = freshenInstance(i);
      fresh.push(...inst.declared);
      scope.instances.push(inst);
      return inst;
    }
    case 'component': {
      const c = at(scope.types, t.type, 'type');
      if (c.kind !== 'component') throw new ComponentTypeError(`"${name}" is declared a component of type ${t.type}, which is a ${c.kind}`);
      scope.components.push(c);
      return c;
    }
  }
}

function aliasDecl(scope: Scope, a: import('./binary/ast.ts').Alias): void {
  if (a.kind === 'outer') {
    const outer = outerScope(scope, a.count);
    if (a.sort.kind === 'type') scope.types.push(at(outer.types, a.index, 'outer type'));
    else if (a.sort.kind === 'component') scope.components.push(at(outer.components, a.index, 'outer component'));
    return;
  }
  if (a.kind === 'coreExport') return;
  const inst = at(scope.instances, a.instance, 'instance');
  const item = inst.exports.get(a.name);
  if (item === undefined) throw new ComponentTypeError(`instance ${a.instance} has no export "${a.name}"`);
  pushItem(scope, a.sort.kind, item, a.name);
}

function pushItem(scope: Scope, sort: string, item: ExternT, name: string): void {
  const mismatch = (): never => {
    throw new ComponentTypeError(`"${name}" is a ${item.kind}, not a ${sort}`);
  };
  switch (sort) {
    case 'func':
      if (item.kind !== 'func') mismatch();
      scope.funcs.push(item as FuncT);
      return;
    case 'instance':
      if (item.kind !== 'instance') mismatch();
      scope.instances.push(item as InstanceT);
      return;
    case 'component':
      if (item.kind !== 'component') mismatch();
      scope.components.push(item as ComponentT);
      return;
    case 'type':
      if (item.kind !== 'type') mismatch();
      scope.types.push((item as TypeItemT).type);
      return;
    case 'value':
      if (item.kind !== 'value') mismatch();
      scope.values.push((item as { kind: 'value'; type: VType }).type);
      return;
  }
}

function instanceType(parent: Scope, decls: InstanceDecl[]): InstanceT {
  const scope = newScope(parent);
  const exports = new Map<string, ExternT>();
  const declared: Resource[] = [];
  for (const d of decls) {
    if (d.kind === 'coreType') continue;
    if (d.kind === 'type') scope.types.push(typeDef(scope, d.type));
    else if (d.kind === 'alias') aliasDecl(scope, d.alias);
    else exports.set(d.name.name, externItem(scope, d.name.name, d.type, declared));
  }
  return { kind: 'instance', exports, declared };
}

function componentTypeFromDecls(parent: Scope, decls: ComponentDecl[]): ComponentT {
  const scope = newScope(parent);
  const imports = new Map<string, ExternT>();
  const exports = new Map<string, ExternT>();
  const importedResources: Resource[] = [];
  const exportedResources: Resource[] = [];
  for (const d of decls) {
    if (d.kind === 'coreType') continue;
    if (d.kind === 'type') scope.types.push(typeDef(scope, d.type));
    else if (d.kind === 'alias') aliasDecl(scope, d.alias);
    else if (d.kind === 'import') imports.set(d.name.name, externItem(scope, d.name.name, d.type, importedResources));
    else exports.set(d.name.name, externItem(scope, d.name.name, d.type, exportedResources));
  }
  return { kind: 'component', imports, exports, importedResources, exportedResources };
}

/**
 * The type of a component instantiated with the given arguments: imported
 * resources are bound to the arguments' resources, exported ones are fresh.
 */
export function instantiateType(c: ComponentT, args: Map<string, ExternT>): InstanceT {
  const s = new Substitution();
  const bindable = new Set(c.importedResources);
  for (const [name, expected] of c.imports) {
    const actual = args.get(name);
    if (actual !== undefined) bindResources(actual, s.extern(expected), bindable, s);
  }
  for (const r of c.exportedResources) s.set(r, newResource(r.name));
  const exports = new Map<string, ExternT>();
  for (const [k, v] of c.exports) exports.set(k, s.extern(v));
  return { kind: 'instance', exports, declared: [] };
}

/** Binds the resources of `expected` that are in `bindable` to the matching ones of `actual`, by export path. */
export function bindResources(actual: ExternT, expected: ExternT, bindable: Set<Resource>, s: Substitution): void {
  if (expected.kind === 'type' && expected.type.kind === 'resource') {
    const e = s.resource(expected.type);
    if (bindable.has(e) && actual.kind === 'type' && actual.type.kind === 'resource') s.set(e, actual.type);
    return;
  }
  if (expected.kind === 'instance' && actual.kind === 'instance') {
    for (const [name, et] of expected.exports) {
      const at2 = actual.exports.get(name);
      if (at2 !== undefined) bindResources(at2, et, bindable, s);
    }
  }
}

/** Computes the type of a whole component from its definitions. */
export function componentType(input: Uint8Array | Component): ComponentT {
  const c = input instanceof Uint8Array ? readComponent(input) : input;
  return componentBody(c, null);
}

function componentBody(c: Component, parent: Scope | null): ComponentT {
  const scope = newScope(parent);
  const imports = new Map<string, ExternT>();
  const exports = new Map<string, ExternT>();
  const importedResources: Resource[] = [];
  const exportedResources: Resource[] = [];
  const defined = new Set<Resource>();
  for (const s of c.sections) {
    switch (s.id) {
      case 'type':
        for (const t of s.items) {
          const slot = typeDef(scope, t);
          if (slot.kind === 'resource') defined.add(slot);
          scope.types.push(slot);
        }
        break;
      case 'import':
        for (const i of s.items) imports.set(i.name.name, externItem(scope, i.name.name, i.type, importedResources));
        break;
      case 'alias':
        for (const a of s.items) aliasDecl(scope, a);
        break;
      case 'component':
        scope.components.push(componentBody(s.component, scope));
        break;
      case 'canon':
        for (const k of s.items) if (k.kind === 'lift') scope.funcs.push(at(scope.types, k.type, 'type') as FuncT);
        break;
      case 'instance':
        for (const i of s.items) {
          if (i.kind === 'instantiate') {
            const comp = at(scope.components, i.component, 'component');
            const args = new Map<string, ExternT>();
            for (const a of i.args) args.set(a.name, itemType(scope, a.item.sort.kind, a.item.index));
            scope.instances.push(instantiateType(comp, args));
          } else {
            const ex = new Map<string, ExternT>();
            for (const e of i.exports) {
              const t = itemType(scope, e.item.sort.kind, e.item.index);
              if (t.kind === 'type' && t.type.kind === 'resource' && t.type.name === 'resource') t.type.name = e.name.name;
              ex.set(e.name.name, t);
            }
            scope.instances.push({ kind: 'instance', exports: ex, declared: [] });
          }
        }
        break;
      case 'export':
        for (const e of s.items) {
          if (e.item.sort.kind === 'type') {
            const slot = at(scope.types, e.item.index, 'type');
            if (slot.kind === 'func' || slot.kind === 'instance' || slot.kind === 'component') {
              // an exported type definition (a WIT package's interface or world, a WAC type statement):
              // not an item of the component's type; it only takes the next type index
              scope.types.push(slot);
              continue;
            }
          }
          // an ascribed type (e.type) is a supertype of the inferred one; the inferred type keeps resource identity
          const t = itemType(scope, e.item.sort.kind, e.item.index);
          if (t.kind === 'type' && t.type.kind === 'resource' && defined.has(t.type)) {
            if (t.type.name === 'resource') t.type.name = e.name.name;
            exportedResources.push(t.type);
          }
          exports.set(e.name.name, t);
          pushItem(scope, e.item.sort.kind, t, e.name.name);
        }
        break;
      default:
        break;
    }
  }
  // resources defined inside and reachable from exports only through instances
  for (const t of exports.values()) collectResources(t, defined, exportedResources);
  return { kind: 'component', imports, exports, importedResources, exportedResources: [...new Set(exportedResources)] };
}

function collectResources(t: ExternT | VType, defined: Set<Resource>, out: Resource[]): void {
  const seen = new Set<object>();
  const walk = (x: ExternT | VType | Resource | null): void => {
    if (x === null || seen.has(x)) return;
    seen.add(x);
    switch (x.kind) {
      case 'resource':
        if (defined.has(x)) out.push(x);
        return;
      case 'own':
      case 'borrow':
        walk(x.resource);
        return;
      case 'type':
        walk(x.type);
        return;
      case 'instance':
        for (const v of x.exports.values()) walk(v);
        return;
      case 'func':
        for (const p of x.params) walk(p.type);
        walk(x.result);
        return;
      case 'record':
        for (const f of x.fields) walk(f.type);
        return;
      case 'variant':
        for (const c of x.cases) walk(c.type);
        return;
      case 'list':
        walk(x.element);
        return;
      case 'option':
        walk(x.type);
        return;
      case 'tuple':
        for (const y of x.types) walk(y);
        return;
      case 'result':
        walk(x.ok);
        walk(x.err);
        return;
      case 'stream':
      case 'future':
        walk(x.type);
        return;
      case 'map':
        walk(x.key);
        walk(x.value);
        return;
      default:
        return;
    }
  };
  walk(t);
}

function itemType(scope: Scope, sort: string, index: number): ExternT {
  switch (sort) {
    case 'func':
      return at(scope.funcs, index, 'func');
    case 'instance':
      return at(scope.instances, index, 'instance');
    case 'component':
      return at(scope.components, index, 'component');
    case 'type': {
      const t = at(scope.types, index, 'type');
      if (t.kind === 'resource' || isVType(t)) return { kind: 'type', type: t };
      throw new ComponentTypeError(`type index ${index} (a ${t.kind} type) cannot be passed or exported as a type`);
    }
    case 'value':
      return { kind: 'value', type: at(scope.values, index, 'value') };
    default:
      return { kind: 'module' };
  }
}

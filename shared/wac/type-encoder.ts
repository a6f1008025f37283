/**
 * Encodes resolved types (shared/component/types.ts) back into index-based
 * type definitions, inside the outer component or inside an instance or
 * component type being built. Named types and resources that an enclosing
 * scope already has (for example `error` exported by an imported
 * `wasi:io/error` instance) are reached with `alias outer` rather than
 * redefined, which keeps resource identity and type names.
 */
import type { ComponentDecl, DefValType, InstanceDecl, TypeDef, ValType } from '../component/binary/ast.ts';
import type { ComponentT, ExternT, FuncT, InstanceT, Resource, VType } from '../component/types.ts';
import { GraphError } from './errors.ts';

export abstract class TypeScope {
  readonly parent: TypeScope | null;
  /** Resolved type object → index in this scope's type index space. */
  readonly local = new Map<object, number>();
  typeCount = 0;
  /** Type objects exported by instances this scope has (imported or exported instances), aliasable on demand. */
  readonly available = new Map<object, { instance: number; name: string }>();
  instanceCount = 0;
  /** Records, variants, enums and flags this scope exports or imports by name (for `namedEqual`). */
  readonly named: VType[] = [];

  constructor(parent: TypeScope | null) {
    this.parent = parent;
  }

  abstract addTypeDef(def: TypeDef): number;
  abstract addOuterAlias(count: number, index: number): number;
  /** `alias export $instance "name" (type)`: the new type index. */
  abstract addExportAlias(instance: number, name: string): number;

  /** Makes the types an instance of this scope exports reachable by alias (the first instance that exports a type wins). */
  offerInstance(instance: number, t: InstanceT): void {
    for (const [name, x] of t.exports) if (x.kind === 'type' && !this.available.has(x.type)) this.available.set(x.type, { instance, name });
  }

  /** An index for `o` if this scope or an enclosing one already has it (aliasing it in), else undefined. */
  find(o: object): number | undefined {
    const own = this.local.get(o) ?? this.findOwn(o);
    if (own !== undefined) return own;
    if (this.parent === null) return undefined;
    const p = this.parent.find(o);
    if (p === undefined) return undefined;
    const idx = this.addOuterAlias(1, p);
    this.local.set(o, idx);
    return idx;
  }

  /** Types reachable as exports of instances this scope has: aliased in on first use. */
  protected findOwn(o: object): number | undefined {
    const a = this.available.get(o);
    if (a === undefined) return undefined;
    const idx = this.addExportAlias(a.instance, a.name);
    this.local.set(o, idx);
    return idx;
  }
}

/** A scope that has nothing: type definitions built under it are self-contained (no `alias outer`). */
export class DetachedScope extends TypeScope {
  constructor() {
    super(null);
  }
  addTypeDef(): number {
    throw new GraphError('ENCODE_INTERNAL', 'a detached scope holds no definitions');
  }
  addOuterAlias(): number {
    throw new GraphError('ENCODE_INTERNAL', 'a detached scope has no enclosing scope');
  }
  addExportAlias(): number {
    throw new GraphError('ENCODE_INTERNAL', 'a detached scope has no instances');
  }
}

/** The scope of an instance or component type under construction. */
export class DeclScope extends TypeScope {
  readonly decls: ComponentDecl[] = [];

  addTypeDef(type: TypeDef): number {
    this.decls.push({ kind: 'type', type });
    return this.typeCount++;
  }

  addOuterAlias(count: number, index: number): number {
    this.decls.push({ kind: 'alias', alias: { kind: 'outer', sort: { kind: 'type' }, count, index } });
    return this.typeCount++;
  }

  addExportAlias(instance: number, name: string): number {
    this.decls.push({ kind: 'alias', alias: { kind: 'export', sort: { kind: 'type' }, instance, name } });
    return this.typeCount++;
  }
}

export function valType(scope: TypeScope, v: VType): ValType {
  if (v.kind === 'prim') return v.name;
  return typeIndex(scope, v);
}

function optVal(scope: TypeScope, v: VType | null): ValType | null {
  return v === null ? null : valType(scope, v);
}

function resourceIndex(scope: TypeScope, r: Resource): number {
  const idx = scope.find(r);
  if (idx === undefined) {
    throw new GraphError(
      'ENCODE_RESOURCE',
      `resource \`${r.name}\` is used by an imported or exported type but is not introduced by any import of the composition; import the interface that defines it`,
    );
  }
  return idx;
}

/** The index of a value type in `scope`, defining it (and its parts) if needed. */
/** Structural equality of value types (resources by identity): the component model's type equality. */
export function sameVType(a: VType, b: VType, depth = 0): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || depth > 64) return false;
  const same = (x: VType | null, y: VType | null) => (x === null || y === null ? x === y : sameVType(x, y, depth + 1));
  switch (a.kind) {
    case 'prim':
      return a.name === (b as typeof a).name;
    case 'record': {
      const o = b as typeof a;
      return (
        a.fields.length === o.fields.length &&
        a.fields.every((f, i) => f.name === o.fields[i]?.name && same(f.type, o.fields[i]?.type ?? null))
      );
    }
    case 'variant': {
      const o = b as typeof a;
      return (
        a.cases.length === o.cases.length && a.cases.every((c, i) => c.name === o.cases[i]?.name && same(c.type, o.cases[i]?.type ?? null))
      );
    }
    case 'enum':
    case 'flags': {
      const o = b as typeof a;
      return a.names.length === o.names.length && a.names.every((n, i) => n === o.names[i]);
    }
    case 'list': {
      const o = b as typeof a;
      return a.length === o.length && same(a.element, o.element);
    }
    case 'tuple': {
      const o = b as typeof a;
      return a.types.length === o.types.length && a.types.every((t, i) => same(t, o.types[i] ?? null));
    }
    case 'option':
      return same(a.type, (b as typeof a).type);
    case 'result': {
      const o = b as typeof a;
      return same(a.ok, o.ok) && same(a.err, o.err);
    }
    case 'own':
    case 'borrow':
      return a.resource === (b as typeof a).resource;
    case 'stream':
    case 'future':
      return same(a.type, (b as typeof a).type);
    case 'map': {
      const o = b as typeof a;
      return same(a.key, o.key) && same(a.value, o.value);
    }
  }
}

const NOMINAL = new Set(['record', 'variant', 'enum', 'flags']);

/**
 * A type this scope (or an enclosing one) already names that is structurally equal to `v`: a
 * component's inferred types may hold a second, equal copy of a record its export names (the export
 * was ascribed a type); an exported function must use the named one to be valid.
 */
function namedEqual(scope: TypeScope, v: VType): number | undefined {
  if (!NOMINAL.has(v.kind)) return undefined;
  for (let s: TypeScope | null = scope; s !== null; s = s.parent) {
    for (const n of s.named) if (n !== v && sameVType(n, v)) return scope.find(n);
  }
  return undefined;
}

export function typeIndex(scope: TypeScope, v: VType): number {
  const found = scope.find(v) ?? namedEqual(scope, v);
  if (found !== undefined) {
    scope.local.set(v, found);
    return found;
  }
  let def: DefValType;
  switch (v.kind) {
    case 'prim':
      def = { kind: 'prim', type: v.name };
      break;
    case 'record':
      def = { kind: 'record', fields: v.fields.map((f) => ({ name: f.name, type: valType(scope, f.type) })) };
      break;
    case 'variant':
      def = { kind: 'variant', cases: v.cases.map((c) => ({ name: c.name, type: optVal(scope, c.type), refines: null })) };
      break;
    case 'list':
      def = { kind: 'list', element: valType(scope, v.element), length: v.length };
      break;
    case 'tuple':
      def = { kind: 'tuple', types: v.types.map((t) => valType(scope, t)) };
      break;
    case 'flags':
      def = { kind: 'flags', names: v.names };
      break;
    case 'enum':
      def = { kind: 'enum', names: v.names };
      break;
    case 'option':
      def = { kind: 'option', type: valType(scope, v.type) };
      break;
    case 'result':
      def = { kind: 'result', ok: optVal(scope, v.ok), err: optVal(scope, v.err) };
      break;
    case 'own':
    case 'borrow':
      def = { kind: v.kind, type: resourceIndex(scope, v.resource) };
      break;
    case 'stream':
      def = { kind: 'stream', type: optVal(scope, v.type) };
      break;
    case 'future':
      def = { kind: 'future', type: optVal(scope, v.type) };
      break;
    case 'map':
      def = { kind: 'map', key: valType(scope, v.key), value: valType(scope, v.value) };
      break;
  }
  const idx = scope.addTypeDef(def);
  scope.local.set(v, idx);
  return idx;
}

export function funcTypeIndex(scope: TypeScope, f: FuncT): number {
  const found = scope.local.get(f);
  if (found !== undefined) return found;
  const def: TypeDef = {
    kind: 'func',
    async: f.async,
    params: f.params.map((p) => ({ name: p.name, type: valType(scope, p.type) })),
    result: optVal(scope, f.result),
  };
  const idx = scope.addTypeDef(def);
  scope.local.set(f, idx);
  return idx;
}

/** Adds an import or export declarator for `x` to a type under construction. */
function declare(scope: DeclScope, kind: 'import' | 'export', name: string, x: ExternT, declared: Set<Resource>): void {
  const n = { tag: 0, name, attributes: [] };
  const push = (type: import('../component/binary/ast.ts').ExternType): void => {
    scope.decls.push({ kind, name: n, type } as ComponentDecl);
  };
  switch (x.kind) {
    case 'type': {
      const t = x.type;
      if (t.kind === 'resource') {
        const here = scope.local.get(t);
        if (here !== undefined) {
          // Another name for a resource this type already exports (`type trailers = fields`):
          // an `eq` export, and the uses of the resource keep its first name.
          push({ kind: 'type', bound: { eq: here } });
          scope.typeCount++;
          return;
        }
        const outer = declared.has(t) ? undefined : scope.parent?.find(t);
        if (declared.has(t)) {
          push({ kind: 'type', bound: 'sub-resource' });
        } else if (outer === undefined) {
          throw new GraphError(
            'ENCODE_RESOURCE',
            `resource \`${t.name}\` (exported as \`${name}\`) is used by an imported or exported type but is not introduced by any import of the composition; import the interface that defines it, or pass it from the host`,
          );
        } else {
          const local = scope.addOuterAlias(1, outer);
          push({ kind: 'type', bound: { eq: local } });
        }
      } else {
        push({ kind: 'type', bound: { eq: typeIndex(scope, t) } });
        if (NOMINAL.has(t.kind)) scope.named.push(t);
      }
      scope.local.set(t, scope.typeCount++);
      return;
    }
    case 'func':
      push({ kind: 'func', type: funcTypeIndex(scope, x) });
      return;
    case 'instance':
      push({ kind: 'instance', type: scope.addTypeDef(instanceTypeDef(scope, x, declared)) });
      // later declarations reach its types (and resources) by `alias export`
      scope.offerInstance(scope.instanceCount++, x);
      return;
    case 'component':
      push({ kind: 'component', type: scope.addTypeDef(componentTypeDef(scope, x)) });
      return;
    default:
      throw new GraphError('ENCODE_UNSUPPORTED', `cannot re-encode \`${name}\`: ${x.kind} items in imported types are not supported`);
  }
}

/**
 * An instance type definition for `t`, to be added to `parent`. `owned`: the resources the enclosing
 * component type introduces (its imported and exported resources); the first instance that exports
 * one of them by name, before `parent` has it, declares it (`sub resource`), and later declarations
 * reach it by `alias export`.
 */
export function instanceTypeDef(parent: TypeScope, t: InstanceT, owned?: ReadonlySet<Resource>): TypeDef {
  const scope = new DeclScope(parent);
  const declared = new Set(t.declared);
  if (owned !== undefined) {
    for (const [, x] of t.exports) {
      if (x.kind !== 'type' || x.type.kind !== 'resource' || !owned.has(x.type)) continue;
      if (!parent.local.has(x.type) && !parent.available.has(x.type)) declared.add(x.type);
    }
  }
  for (const [name, x] of t.exports) declare(scope, 'export', name, x, declared);
  return { kind: 'instance', decls: scope.decls as InstanceDecl[] };
}

/** A component type definition for `t`, to be added to `parent`. */
export function componentTypeDef(parent: TypeScope, t: ComponentT): TypeDef {
  const scope = new DeclScope(parent);
  const declared = new Set([...t.importedResources, ...t.exportedResources]);
  for (const [name, x] of t.imports) declare(scope, 'import', name, x, declared);
  for (const [name, x] of t.exports) declare(scope, 'export', name, x, declared);
  return { kind: 'component', decls: scope.decls };
}

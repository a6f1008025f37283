/**
 * The types a WAC document writes, in the component type model
 * (`shared/component/types.ts`): function types, interfaces (declared or
 * inline) with their records, variants, enums, flags, aliases, resources and
 * `use`s (of the document's interfaces or of a package's, `use
 * wasi:io/streams.{input-stream}`), worlds, and items read from a package by
 * path (`ns:pkg/iface`, `ns:pkg/world`, `ns:pkg/iface/func`).
 *
 * As in wac: each declaration has one identity (a record used in two places
 * is one type; a resource used from another interface is that interface's
 * resource); an interface remembers the interfaces it uses, which are
 * imported before it (`interfaceOrigin`); a world is elaborated as WIT does
 * it (an imported interface's dependencies are imported first; an exported
 * interface's dependencies that the world does not export are imported).
 * The resolver has already checked names and kinds; what is left to fail
 * here is a type that cannot be built.
 */
import {
  type ComponentT,
  type ExternT,
  type FuncT,
  type InstanceT,
  newResource,
  type Resource,
  type TypeItemT,
  type VType,
} from '../component/types.ts';
import { FlotillaError } from '../errors.ts';
import type * as A from './ast.ts';
import { interfaceDependencies, interfaceOrigin, type ResolvedInterface, setInterfaceOrigin } from './wit/resolve.ts';

/** A type a WAC document cannot build (the resolver lets through only what wac accepts). Code `WAC_TYPE`. */
export class WacTypeError extends FlotillaError {
  constructor(message: string) {
    super('WAC_TYPE', message);
  }
}

/** A name inside an interface or world: a value type, a resource or a function type. */
type LocalItem = { kind: 'value'; type: VType } | { kind: 'resource'; resource: Resource } | { kind: 'func'; type: FuncT };

interface Scope {
  names: Map<string, () => LocalItem>;
}

/** What a WAC type statement exports from the composition (wac exports every definition). */
export type Definition =
  | { kind: 'value'; type: VType }
  | { kind: 'func'; type: FuncT }
  | { kind: 'interface'; id: string; type: InstanceT }
  | { kind: 'world'; id: string; type: ComponentT };

/** The dependencies of an interface as the composition imports them: `[id, instance type]`, dependencies first. */
export function interfaceImports(t: InstanceT): [string, InstanceT][] {
  const origin = interfaceOrigin(t);
  if (!origin) return [];
  return interfaceDependencies(origin).map((d) => [d.id, d.type]);
}

export class WacTypes {
  private readonly doc: A.Document;
  private readonly resolvePath: (path: A.PackagePath) => ExternT | undefined;
  private readonly roots = new Map<string, A.TypeStatement>();
  private readonly memo = new Map<object, unknown>();
  private readonly building = new Set<object>();

  constructor(doc: A.Document, resolvePath: (path: A.PackagePath) => ExternT | undefined = () => undefined) {
    this.doc = doc;
    this.resolvePath = resolvePath;
    for (const s of doc.statements) {
      if (s.kind !== 'import' && s.kind !== 'let' && s.kind !== 'export') this.roots.set(s.id.name, s);
    }
  }

  /** `ns:pkg/name@version` of an interface or world the document declares (wac's id). */
  id(name: string): string {
    const p = this.doc.directive.package;
    return `${p.name}/${name}${p.version ? `@${p.version}` : ''}`;
  }

  private once<T>(key: object, make: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    if (this.building.has(key)) throw new WacTypeError('a type of the document depends on itself');
    this.building.add(key);
    try {
      const t = make();
      this.memo.set(key, t);
      return t;
    } finally {
      this.building.delete(key);
    }
  }

  // --- paths --------------------------------------------------------------------

  /** The item a package path names: in a package, or (the document's own package name) in the document. */
  pathItem(path: A.PackagePath): ExternT {
    if (path.name === this.doc.directive.package.name) {
      const [first, ...rest] = path.segments;
      let current: ExternT = this.rootAsExtern(first as string);
      for (const seg of rest) {
        const next: ExternT | undefined =
          current.kind === 'instance' || current.kind === 'component' ? current.exports.get(seg) : undefined;
        if (!next) throw new WacTypeError(`\`${path.text}\` names nothing in the document`);
        current = next;
      }
      return current;
    }
    const found = this.resolvePath(path);
    if (!found) throw new WacTypeError(`the type of \`${path.text}\` cannot be read from its package`);
    return found;
  }

  private rootAsExtern(name: string): ExternT {
    const stmt = this.roots.get(name);
    if (!stmt) throw new WacTypeError(`\`${name}\` is not a type declared in the document`);
    const d = this.definition(stmt);
    if (d.kind === 'value') return { kind: 'type', type: d.type };
    return d.type;
  }

  // --- root declarations ------------------------------------------------------------

  /** What a type statement defines (and the composition exports under its name). */
  definition(stmt: A.TypeStatement): Definition {
    switch (stmt.kind) {
      case 'interface':
        return { kind: 'interface', id: this.id(stmt.id.name), type: this.declaredInterface(stmt) };
      case 'world':
        return { kind: 'world', id: this.id(stmt.id.name), type: this.world(stmt) };
      default:
        break;
    }
    const item = this.rootItem(stmt.id.name);
    if (item.kind === 'func') return { kind: 'func', type: item.type };
    if (item.kind === 'resource') throw new WacTypeError(`\`${stmt.id.name}\` is a resource; resources are declared in interfaces`);
    return { kind: 'value', type: item.type };
  }

  private root(): Scope {
    return { names: new Map() };
  }

  /** A root-level type declaration by name (records, variants, enums, flags, aliases, function types). */
  private rootItem(name: string): LocalItem {
    const stmt = this.roots.get(name);
    if (!stmt || stmt.kind === 'interface' || stmt.kind === 'world') throw new WacTypeError(`\`${name}\` is not a value or function type`);
    return this.once(stmt, () => this.typeDecl(stmt, this.root()));
  }

  private lookup(scope: Scope, name: string): LocalItem {
    const local = scope.names.get(name);
    if (local) return local();
    return this.rootItem(name);
  }

  // --- value types ----------------------------------------------------------------------

  private typeDecl(decl: A.ItemTypeDecl, scope: Scope): LocalItem {
    switch (decl.kind) {
      case 'record':
        return {
          kind: 'value',
          type: { kind: 'record', fields: decl.fields.map((f) => ({ name: f.id.name, type: this.valueType(f.type, scope) })) },
        };
      case 'variant':
        return {
          kind: 'value',
          type: {
            kind: 'variant',
            cases: decl.cases.map((c) => ({ name: c.id.name, type: c.type ? this.valueType(c.type, scope) : null })),
          },
        };
      case 'enum':
        return { kind: 'value', type: { kind: 'enum', names: decl.cases.map((c) => c.id.name) } };
      case 'flags':
        return { kind: 'value', type: { kind: 'flags', names: decl.flags.map((f) => f.id.name) } };
      case 'alias': {
        if (decl.target.kind === 'func') return { kind: 'func', type: this.funcType(decl.target.func, scope) };
        const t = decl.target.type;
        // `type a = b`: another name for `b` (the same value type, resource or function type)
        if (t.kind === 'ident') return this.lookup(scope, t.ident.name);
        return { kind: 'value', type: this.valueType(t, scope) };
      }
      case 'resource':
        throw new WacTypeError(`resource \`${decl.id.name}\` outside an interface or world`);
    }
  }

  valueType(t: A.Type, scope: Scope = this.root()): VType {
    switch (t.kind) {
      case 'primitive':
        return { kind: 'prim', name: t.name };
      case 'tuple':
        return { kind: 'tuple', types: t.types.map((x) => this.valueType(x, scope)) };
      case 'list':
        return { kind: 'list', element: this.valueType(t.element, scope), length: null };
      case 'option':
        return { kind: 'option', type: this.valueType(t.inner, scope) };
      case 'result':
        return { kind: 'result', ok: t.ok ? this.valueType(t.ok, scope) : null, err: t.err ? this.valueType(t.err, scope) : null };
      case 'borrow': {
        const item = this.lookup(scope, t.resource.name);
        if (item.kind !== 'resource') throw new WacTypeError(`\`${t.resource.name}\` is not a resource`);
        return { kind: 'borrow', resource: item.resource };
      }
      case 'ident': {
        const item = this.lookup(scope, t.ident.name);
        if (item.kind === 'resource') return { kind: 'own', resource: item.resource };
        if (item.kind === 'func') throw new WacTypeError(`\`${t.ident.name}\` is a function type, not a value type`);
        return item.type;
      }
    }
  }

  funcType(f: A.FuncType, scope: Scope = this.root(), self?: Resource): FuncT {
    const params = f.params.map((p) => ({ name: p.id.name, type: this.valueType(p.type, scope) }));
    return {
      kind: 'func',
      async: false,
      params: self ? [{ name: 'self', type: { kind: 'borrow', resource: self } }, ...params] : params,
      result: f.result ? this.valueType(f.result, scope) : null,
    };
  }

  // --- interfaces ---------------------------------------------------------------------

  /** The instance type an interface `use` path names (a declared interface or a package's). */
  private usedInterface(path: A.UsePath): InstanceT {
    if (path.kind === 'ident') {
      const stmt = this.roots.get(path.ident.name);
      if (stmt?.kind !== 'interface') throw new WacTypeError(`\`${path.ident.name}\` is not an interface`);
      return this.declaredInterface(stmt);
    }
    const t = this.pathItem(path.path);
    if (t.kind !== 'instance') throw new WacTypeError(`\`${path.path.text}\` is not an interface`);
    return t;
  }

  private origin(t: InstanceT, fallbackId: string): ResolvedInterface {
    const known = interfaceOrigin(t);
    if (known) return known;
    const made: ResolvedInterface = { id: fallbackId, name: fallbackId, type: t, uses: [] };
    setInterfaceOrigin(t, made);
    return made;
  }

  private declaredInterface(decl: A.InterfaceDecl): InstanceT {
    return this.once(decl, () => this.interfaceType(decl.items, this.id(decl.id.name), decl.id.name));
  }

  /** An inline (`interface { … }`) or declared interface. */
  interfaceType(items: A.InterfaceItem[], id = '', name = ''): InstanceT {
    const scope: Scope = { names: new Map() };
    const exports = new Map<string, ExternT>();
    const declared: Resource[] = [];
    const uses: ResolvedInterface[] = [];
    const order: string[] = [];
    this.declareItems(scope, items, declared, uses, order);
    for (const n of order) {
      const item = (scope.names.get(n) as () => LocalItem)();
      exports.set(
        n,
        item.kind === 'resource' ? { kind: 'type', type: item.resource } : { kind: 'type', type: (item as { type: VType }).type },
      );
    }
    for (const item of items) {
      if (item.kind === 'interface-export') {
        if (item.type.kind === 'func') exports.set(item.id.name, this.funcType(item.type.func, scope));
        else {
          const f = this.lookup(scope, item.type.ident.name);
          if (f.kind !== 'func') throw new WacTypeError(`\`${item.type.ident.name}\` is not a function type`);
          exports.set(item.id.name, f.type);
        }
      } else if (item.kind === 'resource') this.resourceFuncs(item, scope, exports);
    }
    const type: InstanceT = { kind: 'instance', exports, declared };
    setInterfaceOrigin(type, { id, name, type, uses });
    return type;
  }

  /** Declares the names of interface or world items (types built on first use, in item order into `order`). */
  private declareItems(
    scope: Scope,
    items: (A.InterfaceItem | A.WorldItem)[],
    declared: Resource[],
    uses: ResolvedInterface[],
    order: string[],
  ): void {
    const define = (name: string, make: () => LocalItem) => {
      let state: LocalItem | undefined;
      let busy = false;
      scope.names.set(name, () => {
        if (state) return state;
        if (busy) throw new WacTypeError(`type \`${name}\` depends on itself`);
        busy = true;
        state = make();
        return state;
      });
      order.push(name);
    };
    for (const item of items) {
      if (item.kind === 'use') {
        const from = this.usedInterface(item.path);
        const origin = this.origin(from, item.path.kind === 'ident' ? this.id(item.path.ident.name) : item.path.path.text);
        if (!uses.includes(origin)) uses.push(origin);
        for (const u of item.items) {
          const t = from.exports.get(u.id.name);
          if (t?.kind !== 'type') throw new WacTypeError(`\`${u.id.name}\` is not a type of the interface it is used from`);
          const type = (t as TypeItemT).type;
          define((u.as ?? u.id).name, () => (type.kind === 'resource' ? { kind: 'resource', resource: type } : { kind: 'value', type }));
        }
      } else if (item.kind === 'resource') {
        const r = newResource(item.id.name);
        declared.push(r);
        define(item.id.name, () => ({ kind: 'resource', resource: r }));
      } else if (item.kind === 'alias' && item.target.kind === 'func') {
        // a function type alias names a type but is not a type export
        const decl = item;
        scope.names.set(item.id.name, () => this.once(decl, () => this.typeDecl(decl, scope)));
      } else if (
        item.kind === 'record' ||
        item.kind === 'variant' ||
        item.kind === 'enum' ||
        item.kind === 'flags' ||
        item.kind === 'alias'
      ) {
        const decl = item;
        define(item.id.name, () => this.once(decl, () => this.typeDecl(decl, scope)));
      }
    }
  }

  private resourceFuncs(decl: A.ResourceDecl, scope: Scope, into: Map<string, ExternT>): void {
    const item = (scope.names.get(decl.id.name) as () => LocalItem)() as { kind: 'resource'; resource: Resource };
    const r = item.resource;
    for (const m of decl.methods) {
      if (m.kind === 'constructor') {
        into.set(`[constructor]${decl.id.name}`, {
          ...this.funcType({ params: m.params, span: m.span }, scope),
          result: { kind: 'own', resource: r },
        });
      } else if (m.isStatic) {
        into.set(`[static]${decl.id.name}.${m.id.name}`, this.funcType(m.func, scope));
      } else {
        into.set(`[method]${decl.id.name}.${m.id.name}`, this.funcType(m.func, scope, r));
      }
    }
  }

  // --- worlds ---------------------------------------------------------------------------

  private world(decl: A.WorldDecl): ComponentT {
    return this.once(decl, () => this.worldType(decl));
  }

  private worldType(decl: A.WorldDecl): ComponentT {
    const scope: Scope = { names: new Map() };
    const imports = new Map<string, ExternT>();
    const exports = new Map<string, ExternT>();
    const importedResources: Resource[] = [];
    const exportedResources: Resource[] = [];
    const importInterface = (id: string, t: InstanceT) => {
      for (const [depId, dep] of interfaceImports(t)) {
        if (!imports.has(depId)) {
          imports.set(depId, dep);
          importedResources.push(...dep.declared);
        }
      }
      if (!imports.has(id)) {
        imports.set(id, t);
        importedResources.push(...t.declared);
      }
    };
    const uses: ResolvedInterface[] = [];
    const order: string[] = [];
    const worldResources: Resource[] = [];
    this.declareItems(scope, decl.items, worldResources, uses, order);
    for (const u of uses) importInterface(u.id, u.type);
    for (const n of order) {
      const item = (scope.names.get(n) as () => LocalItem)();
      imports.set(
        n,
        item.kind === 'resource' ? { kind: 'type', type: item.resource } : { kind: 'type', type: (item as { type: VType }).type },
      );
    }
    importedResources.push(...worldResources);
    for (const item of decl.items) if (item.kind === 'resource') this.resourceFuncs(item, scope, imports);
    const path = (p: A.WorldItemPath): { name: string; type: ExternT } => {
      if (p.kind === 'package') {
        const t = this.pathItem(p.path);
        return { name: t.kind === 'instance' ? (interfaceOrigin(t)?.id ?? p.path.text) : p.path.text, type: t };
      }
      if (p.kind === 'ident') {
        const stmt = this.roots.get(p.ident.name) as A.InterfaceDecl;
        return { name: this.id(p.ident.name), type: this.declaredInterface(stmt) };
      }
      const t = p.type;
      if (t.kind === 'func') return { name: p.id.name, type: this.funcType(t.func, scope) };
      if (t.kind === 'interface') return { name: p.id.name, type: this.interfaceType(t.iface.items) };
      const stmt = this.roots.get(t.ident.name);
      if (stmt?.kind === 'interface') return { name: p.id.name, type: this.declaredInterface(stmt) };
      const f = this.lookup(scope, t.ident.name);
      if (f.kind !== 'func') throw new WacTypeError(`\`${t.ident.name}\` is not a function type or interface`);
      return { name: p.id.name, type: f.type };
    };
    const exported: { name: string; type: ExternT }[] = [];
    for (const item of decl.items) {
      if (item.kind === 'world-import') {
        const { name, type } = path(item.path);
        if (type.kind === 'instance') importInterface(name, type);
        else imports.set(name, type);
      } else if (item.kind === 'world-export') exported.push(path(item.path));
    }
    const exportedTypes = new Set(exported.map((e) => e.type));
    for (const { name, type } of exported) {
      if (type.kind === 'instance') {
        for (const [depId, dep] of interfaceImports(type)) {
          if (!exportedTypes.has(dep) && !imports.has(depId)) {
            imports.set(depId, dep);
            importedResources.push(...dep.declared);
          }
        }
        exportedResources.push(...type.declared);
      }
      exports.set(name, type);
    }
    // includes come last (wac processes them after the world's own items)
    for (const item of decl.items) {
      if (item.kind !== 'include') continue;
      let included: ExternT;
      if (item.world.kind === 'ident') {
        const stmt = this.roots.get(item.world.ident.name);
        if (stmt?.kind !== 'world') throw new WacTypeError(`\`${item.world.ident.name}\` is not a world`);
        included = this.world(stmt);
      } else included = this.pathItem(item.world.path);
      if (included.kind !== 'component') throw new WacTypeError('an include names something that is not a world');
      const renames = new Map(item.with.map((w) => [w.from.name, w.to.name]));
      for (const [n, t] of included.imports) if (!imports.has(renames.get(n) ?? n)) imports.set(renames.get(n) ?? n, t);
      for (const [n, t] of included.exports) if (!exports.has(renames.get(n) ?? n)) exports.set(renames.get(n) ?? n, t);
      importedResources.push(...included.importedResources);
      exportedResources.push(...included.exportedResources);
    }
    return {
      kind: 'component',
      imports,
      exports,
      importedResources: [...new Set(importedResources)],
      exportedResources: [...new Set(exportedResources)],
    };
  }

  // --- imports ----------------------------------------------------------------------------

  /** The type of an explicit `import` (promoted: an interface is an instance, a world a component). */
  importType(type: A.ImportType): ExternT {
    switch (type.kind) {
      case 'func':
        return this.funcType(type.func);
      case 'interface':
        return this.interfaceType(type.iface.items);
      case 'ident': {
        const stmt = this.roots.get(type.ident.name);
        if (stmt?.kind === 'interface' || stmt?.kind === 'world' || stmt) return this.promoted(this.definition(stmt));
        throw new WacTypeError(`\`${type.ident.name}\` is not a type declared in the document`);
      }
      case 'package':
        return this.pathItem(type.path);
    }
  }

  private promoted(d: Definition): ExternT {
    if (d.kind === 'value') return { kind: 'type', type: d.type };
    return d.type;
  }
}

/** Compatibility with the first version of this module: the document's type environment. */
export type TypeEnv = WacTypes;

export function typeEnv(doc: A.Document, resolvePath?: (path: A.PackagePath) => ExternT | undefined): TypeEnv {
  return new WacTypes(doc, resolvePath);
}

export function importExternType(type: A.ImportType, env: TypeEnv): ExternT {
  return env.importType(type);
}

export function valueType(t: A.Type, env: TypeEnv): VType {
  return env.valueType(t);
}

export function funcType(f: A.FuncType, env: TypeEnv): FuncT {
  return env.funcType(f);
}

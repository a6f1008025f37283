/**
 * Resolves parsed WIT packages (wit-parser's semantics, as far as composition
 * needs them) into the component type model: every interface becomes an
 * instance type (`InstanceT`), every world a component type (`ComponentT`)
 * elaborated as wit-parser does it (an imported interface's dependencies are
 * imported before it; an exported interface's dependencies that the world
 * does not export are imported; `include` merges worlds with `with` renames).
 *
 * Names: a package is the union of its files' interfaces and worlds; each
 * file has its own scope for file-level `use … as …`; `use a.{b}` reaches an
 * interface of the same package or, by `ns:pkg/iface@version`, of another
 * package of the set (its own deps). Items gated `@unstable(feature = x)` are
 * left out unless the feature is enabled (wit-parser's default).
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
} from '../../component/types.ts';
import type { Span, WacSource } from '../diagnostics.ts';
import type * as W from './ast.ts';
import { WitError } from './parser.ts';

export interface ResolvedInterface {
  /** `ns:pkg/name@version` (empty name for an inline interface of a world). */
  id: string;
  name: string;
  type: InstanceT;
  /** The interfaces it uses types from, directly, in order. */
  uses: ResolvedInterface[];
}

export interface ResolvedWorld {
  id: string;
  name: string;
  type: ComponentT;
}

export interface ResolvedPackage {
  /** `ns:name` */
  name: string;
  version?: string;
  interfaces: Map<string, ResolvedInterface>;
  worlds: Map<string, ResolvedWorld>;
}

/** One package before resolution: its files (a directory's `*.wit`, or one file) or a nested `package … { }` block. */
export interface UnresolvedPackage {
  name: W.WitPackageName;
  /** Each interface or world with the file it came from (for its scope and messages). */
  interfaces: { decl: W.WitInterface; file: W.WitFile }[];
  worlds: { decl: W.WitWorld; file: W.WitFile }[];
}

const interfaceOrigins = new WeakMap<InstanceT, ResolvedInterface>();

/** The WIT interface an instance type was made from (its id and what it uses), when it was. */
export function interfaceOrigin(t: InstanceT): ResolvedInterface | undefined {
  return interfaceOrigins.get(t);
}

/** Records where an instance type comes from (for types built elsewhere, e.g. WAC interfaces that `use` WIT ones). */
export function setInterfaceOrigin(t: InstanceT, origin: ResolvedInterface): void {
  interfaceOrigins.set(t, origin);
}

/** Every interface an interface depends on, transitively, dependencies first (each once). */
export function interfaceDependencies(i: ResolvedInterface): ResolvedInterface[] {
  const out: ResolvedInterface[] = [];
  const seen = new Set<ResolvedInterface>();
  const visit = (x: ResolvedInterface) => {
    for (const u of x.uses) {
      if (seen.has(u)) continue;
      seen.add(u);
      visit(u);
      out.push(u);
    }
  };
  visit(i);
  return out;
}

export function packageKey(name: string, version?: string): string {
  return version ? `${name}@${version}` : name;
}

/** Groups parsed files into packages: the files of one directory share their header; nested blocks are packages of their own. */
export function packagesOfFiles(files: W.WitFile[], where: string): UnresolvedPackage[] {
  const headers = files.filter((f) => f.package);
  const first = headers[0];
  const out: UnresolvedPackage[] = [];
  if (files.some((f) => f.interfaces.length > 0 || f.worlds.length > 0 || f.uses.length > 0)) {
    if (!first?.package) {
      const f = files[0] as W.WitFile;
      throw new WitError('WIT_RESOLUTION', f, `no \`package\` header in ${where}: one of its files must start with \`package ns:name;\``, {
        start: 0,
        end: 0,
      });
    }
    const key = (p: W.WitPackageName) => packageKey(`${p.namespace}:${p.name}`, p.version);
    for (const f of headers) {
      const p = f.package as W.WitPackageName;
      if (key(p) !== key(first.package)) {
        throw new WitError(
          'WIT_RESOLUTION',
          f,
          `package \`${key(p)}\` does not match \`${key(first.package)}\` declared in ${first.file}`,
          p.span,
          'a different package',
        );
      }
    }
    out.push({
      name: first.package,
      interfaces: files.flatMap((file) => file.interfaces.map((decl) => ({ decl, file }))),
      worlds: files.flatMap((file) => file.worlds.map((decl) => ({ decl, file }))),
    });
  }
  for (const file of files) {
    for (const n of file.nested) {
      out.push({
        name: n.package,
        interfaces: n.interfaces.map((decl) => ({ decl, file })),
        worlds: n.worlds.map((decl) => ({ decl, file })),
      });
    }
  }
  return out;
}

type Named = { kind: 'value'; type: VType } | { kind: 'resource'; resource: Resource };

interface Scope {
  file: W.WitFile;
  pkg: UnresolvedPackage;
  /** Names visible in this interface or world. */
  names: Map<string, () => Named>;
}

const fail = (file: WacSource, message: string, span: Span, label?: string): never => {
  throw new WitError('WIT_RESOLUTION', file, message, span, label);
};

export interface ResolveOptions {
  /** `@unstable(feature = …)` features to include. */
  features?: ReadonlySet<string>;
}

/** Resolves a set of packages (a package and its deps); every package of the set is resolved. */
export class WitResolver {
  private readonly packages = new Map<string, UnresolvedPackage>();
  private readonly byName = new Map<string, UnresolvedPackage[]>();
  private readonly resolvedInterfaces = new Map<W.WitInterface, ResolvedInterface | 'busy'>();
  private readonly resolvedWorlds = new Map<W.WitWorld, ResolvedWorld | 'busy'>();
  private readonly features: ReadonlySet<string>;

  constructor(packages: UnresolvedPackage[], options: ResolveOptions = {}) {
    this.features = options.features ?? new Set();
    for (const p of packages) {
      const name = `${p.name.namespace}:${p.name.name}`;
      const key = packageKey(name, p.name.version);
      const existing = this.packages.get(key);
      if (existing) {
        // the same package in two places: its items are merged (as wit-parser merges identical packages)
        existing.interfaces.push(...p.interfaces);
        existing.worlds.push(...p.worlds);
        continue;
      }
      this.packages.set(key, p);
      this.byName.set(name, [...(this.byName.get(name) ?? []), p]);
    }
  }

  private enabled(gate: W.WitGate): boolean {
    return gate.unstable === undefined || this.features.has(gate.unstable);
  }

  /** The resolved form of the package `name[@version]`. */
  resolvePackage(name: string, version?: string): ResolvedPackage | undefined {
    const p = this.packages.get(packageKey(name, version)) ?? (version === undefined ? this.onlyPackage(name) : undefined);
    if (!p) return undefined;
    const interfaces = new Map<string, ResolvedInterface>();
    const worlds = new Map<string, ResolvedWorld>();
    const seen = new Set<string>();
    for (const { decl, file } of p.interfaces) {
      if (!this.enabled(decl.gate)) continue;
      if (seen.has(decl.name.name))
        fail(file, `\`${decl.name.name}\` is defined more than once in package \`${name}\``, decl.name.span, 'defined again here');
      seen.add(decl.name.name);
      interfaces.set(decl.name.name, this.interface(p, decl, file));
    }
    for (const { decl, file } of p.worlds) {
      if (!this.enabled(decl.gate)) continue;
      if (seen.has(decl.name.name))
        fail(file, `\`${decl.name.name}\` is defined more than once in package \`${name}\``, decl.name.span, 'defined again here');
      seen.add(decl.name.name);
      worlds.set(decl.name.name, this.world(p, decl, file));
    }
    return { name: `${p.name.namespace}:${p.name.name}`, ...(p.name.version ? { version: p.name.version } : {}), interfaces, worlds };
  }

  /** Every package of the set, resolved. */
  resolveAll(): ResolvedPackage[] {
    return [...this.packages.values()].map(
      (p) => this.resolvePackage(`${p.name.namespace}:${p.name.name}`, p.name.version) as ResolvedPackage,
    );
  }

  private onlyPackage(name: string): UnresolvedPackage | undefined {
    const all = this.byName.get(name) ?? [];
    return all.length === 1 ? all[0] : undefined;
  }

  private id(pkg: UnresolvedPackage, item: string): string {
    return `${pkg.name.namespace}:${pkg.name.name}/${item}${pkg.name.version ? `@${pkg.name.version}` : ''}`;
  }

  // --- finding interfaces and worlds by path ---------------------------------------

  private findItem(
    scopeFile: W.WitFile,
    pkg: UnresolvedPackage,
    path: W.WitUsePath,
    want: 'interface' | 'world',
  ): { pkg: UnresolvedPackage; decl: W.WitInterface | W.WitWorld; file: W.WitFile } {
    if (path.kind === 'local') {
      // a file-level `use … as name` first, then the package's own items
      for (const u of scopeFile.uses) {
        const local = u.as?.name ?? (u.path.kind === 'local' ? u.path.name.name : u.path.item.name);
        if (local === path.name.name && u.path !== path) return this.findItem(scopeFile, pkg, u.path, want);
      }
      const list = want === 'interface' ? pkg.interfaces : pkg.worlds;
      const found = list.find((x) => x.decl.name.name === path.name.name && this.enabled(x.decl.gate));
      if (!found) {
        const other = (want === 'interface' ? pkg.worlds : pkg.interfaces).some((x) => x.decl.name.name === path.name.name);
        return fail(
          scopeFile,
          other
            ? `\`${path.name.name}\` is not an ${want}`
            : `${want} \`${path.name.name}\` is not defined in package \`${pkg.name.namespace}:${pkg.name.name}\``,
          path.span,
          other ? `not an ${want}` : `unknown ${want}`,
        );
      }
      return { pkg, ...found };
    }
    const name = `${path.package.namespace}:${path.package.name}`;
    const target =
      this.packages.get(packageKey(name, path.package.version)) ??
      (path.package.version === undefined ? this.onlyPackage(name) : undefined);
    if (!target) {
      const known = [...this.packages.keys()].sort().join(', ') || 'none';
      return fail(
        scopeFile,
        `package \`${packageKey(name, path.package.version)}\` not found (known packages: ${known}); add it to the \`deps\` folder`,
        path.span,
        'unknown package',
      );
    }
    const list = want === 'interface' ? target.interfaces : target.worlds;
    const found = list.find((x) => x.decl.name.name === path.item.name && this.enabled(x.decl.gate));
    if (!found)
      return fail(
        scopeFile,
        `${want} \`${path.item.name}\` not found in package \`${packageKey(name, target.name.version)}\``,
        path.item.span,
        `unknown ${want}`,
      );
    return { pkg: target, ...found };
  }

  private interfaceAt(scope: Scope, path: W.WitUsePath): ResolvedInterface {
    const { pkg, decl, file } = this.findItem(scope.file, scope.pkg, path, 'interface');
    return this.interface(pkg, decl as W.WitInterface, file, path.span, scope.file);
  }

  // --- interfaces ---------------------------------------------------------------

  interface(pkg: UnresolvedPackage, decl: W.WitInterface, file: W.WitFile, usedAt?: Span, usedIn?: W.WitFile): ResolvedInterface {
    const done = this.resolvedInterfaces.get(decl);
    if (done === 'busy')
      return fail(usedIn ?? file, `interface \`${decl.name.name}\` depends on itself through \`use\``, usedAt ?? decl.name.span, 'cycle');
    if (done) return done;
    this.resolvedInterfaces.set(decl, 'busy');
    const resolved = this.interfaceBody(pkg, file, decl.items, this.id(pkg, decl.name.name), decl.name.name);
    this.resolvedInterfaces.set(decl, resolved);
    return resolved;
  }

  private interfaceBody(pkg: UnresolvedPackage, file: W.WitFile, items: W.WitInterfaceItem[], id: string, name: string): ResolvedInterface {
    const scope: Scope = { file, pkg, names: new Map() };
    const uses: ResolvedInterface[] = [];
    const exports = new Map<string, ExternT>();
    const declared: Resource[] = [];
    const live = items.filter((i) => this.enabled(i.gate));
    const typeOrder: string[] = [];
    this.declareNames(scope, live, uses, declared, typeOrder, (n) => n);
    for (const n of typeOrder) {
      const named = (scope.names.get(n) as () => Named)();
      exports.set(n, named.kind === 'resource' ? { kind: 'type', type: named.resource } : { kind: 'type', type: named.type });
    }
    for (const item of live) {
      if (item.kind === 'func') this.setExport(file, exports, item.name.name, this.funcType(scope, item.func), item.name.span);
      else if (item.kind === 'resource') {
        const r = (scope.names.get(item.name.name) as () => Named)() as { kind: 'resource'; resource: Resource };
        for (const m of item.methods) {
          if (!this.enabled(m.gate)) continue;
          const [exportName, f] = this.method(scope, item.name.name, r.resource, m);
          this.setExport(file, exports, exportName, f, m.span);
        }
      }
    }
    const type: InstanceT = { kind: 'instance', exports, declared };
    const resolved: ResolvedInterface = { id, name, type, uses };
    interfaceOrigins.set(type, resolved);
    return resolved;
  }

  private setExport(file: W.WitFile, exports: Map<string, ExternT>, name: string, t: ExternT, span: Span): void {
    if (exports.has(name)) fail(file, `\`${name}\` is defined more than once`, span, 'defined again here');
    exports.set(name, t);
  }

  /**
   * Declares the names of a list of items (types, resources, uses) in a scope, each built on first use
   * (WIT allows using a type before its definition); `typeOrder` gets the type names in item order.
   */
  private declareNames(
    scope: Scope,
    items: (W.WitInterfaceItem | W.WitWorldItem)[],
    uses: ResolvedInterface[],
    declared: Resource[],
    typeOrder: string[],
    exportName: (n: string) => string,
  ): void {
    const define = (name: W.WitIdent, make: () => Named) => {
      if (scope.names.has(name.name)) fail(scope.file, `name \`${name.name}\` is defined more than once`, name.span, 'defined again here');
      let state: Named | 'busy' | undefined;
      scope.names.set(name.name, () => {
        if (state === 'busy') return fail(scope.file, `type \`${name.name}\` depends on itself`, name.span, 'recursive type');
        if (state) return state;
        state = 'busy';
        state = make();
        return state;
      });
      typeOrder.push(exportName(name.name));
    };
    for (const item of items) {
      if (item.kind === 'use') {
        const from = this.interfaceAt(scope, item.from);
        if (!uses.includes(from)) uses.push(from);
        for (const u of item.names) {
          const t = from.type.exports.get(u.name.name);
          if (t?.kind !== 'type') {
            fail(scope.file, `type \`${u.name.name}\` is not defined in interface \`${from.id}\``, u.name.span, 'unknown type');
          }
          const type = (t as TypeItemT).type;
          define(u.as ?? u.name, () => (type.kind === 'resource' ? { kind: 'resource', resource: type } : { kind: 'value', type }));
        }
      } else if (item.kind === 'resource') {
        const r = newResource(item.name.name);
        declared.push(r);
        define(item.name, () => ({ kind: 'resource', resource: r }));
      } else if (
        item.kind === 'record' ||
        item.kind === 'variant' ||
        item.kind === 'enum' ||
        item.kind === 'flags' ||
        item.kind === 'alias'
      ) {
        define(item.name, () => this.typeDef(scope, item));
      }
    }
  }

  private typeDef(scope: Scope, def: Exclude<W.WitTypeDef, { kind: 'resource' }>): Named {
    switch (def.kind) {
      case 'record':
        return {
          kind: 'value',
          type: { kind: 'record', fields: def.fields.map((f) => ({ name: f.name.name, type: this.valueType(scope, f.type) })) },
        };
      case 'variant':
        return {
          kind: 'value',
          type: {
            kind: 'variant',
            cases: def.cases.map((c) => ({ name: c.name.name, type: c.type ? this.valueType(scope, c.type) : null })),
          },
        };
      case 'enum':
        return { kind: 'value', type: { kind: 'enum', names: def.cases.map((c) => c.name) } };
      case 'flags':
        return { kind: 'value', type: { kind: 'flags', names: def.flags.map((c) => c.name) } };
      case 'alias': {
        if (def.type.kind === 'named') {
          const target = this.lookup(scope, def.type.name);
          // `type a = b` is another name for `b` (for a resource, another name for the same resource)
          return target;
        }
        return { kind: 'value', type: this.valueType(scope, def.type) };
      }
    }
  }

  private lookup(scope: Scope, name: W.WitIdent): Named {
    const get = scope.names.get(name.name);
    if (!get) return fail(scope.file, `type \`${name.name}\` is not defined`, name.span, 'unknown type');
    return get();
  }

  private resourceOf(scope: Scope, name: W.WitIdent): Resource {
    const t = this.lookup(scope, name);
    if (t.kind !== 'resource') fail(scope.file, `\`${name.name}\` is not a resource`, name.span, 'not a resource');
    return (t as { resource: Resource }).resource;
  }

  valueType(scope: Scope, t: W.WitType): VType {
    switch (t.kind) {
      case 'prim':
        return { kind: 'prim', name: t.name };
      case 'list':
        return { kind: 'list', element: this.valueType(scope, t.element), length: t.length ?? null };
      case 'option':
        return { kind: 'option', type: this.valueType(scope, t.type) };
      case 'result':
        return { kind: 'result', ok: t.ok ? this.valueType(scope, t.ok) : null, err: t.err ? this.valueType(scope, t.err) : null };
      case 'tuple':
        return { kind: 'tuple', types: t.types.map((x) => this.valueType(scope, x)) };
      case 'own':
        return { kind: 'own', resource: this.resourceOf(scope, t.resource) };
      case 'borrow':
        return { kind: 'borrow', resource: this.resourceOf(scope, t.resource) };
      case 'future':
      case 'stream':
        return { kind: t.kind, type: t.type ? this.valueType(scope, t.type) : null };
      case 'error-context':
        return fail(scope.file, '`error-context` is not supported by the composition type model', t.span, 'unsupported type');
      case 'named': {
        const named = this.lookup(scope, t.name);
        return named.kind === 'resource' ? { kind: 'own', resource: named.resource } : named.type;
      }
    }
  }

  private funcType(scope: Scope, f: W.WitFuncType, self?: Resource): FuncT {
    const params = f.params.map((p) => ({ name: p.name.name, type: this.valueType(scope, p.type) }));
    const seen = new Set<string>();
    for (const p of f.params) {
      if (seen.has(p.name.name))
        fail(scope.file, `parameter \`${p.name.name}\` is defined more than once`, p.name.span, 'defined again here');
      seen.add(p.name.name);
    }
    return {
      kind: 'func',
      async: f.async,
      params: self ? [{ name: 'self', type: { kind: 'borrow', resource: self } }, ...params] : params,
      result: f.result ? this.valueType(scope, f.result) : null,
    };
  }

  private method(scope: Scope, resourceName: string, r: Resource, m: W.WitResourceMethod): [string, FuncT] {
    if (m.kind === 'constructor') {
      const f = this.funcType(scope, m.func);
      return [`[constructor]${resourceName}`, f.result ? f : { ...f, result: { kind: 'own', resource: r } }];
    }
    if (m.kind === 'static') return [`[static]${resourceName}.${m.name.name}`, this.funcType(scope, m.func)];
    return [`[method]${resourceName}.${m.name.name}`, this.funcType(scope, m.func, r)];
  }

  // --- worlds ----------------------------------------------------------------------

  world(pkg: UnresolvedPackage, decl: W.WitWorld, file: W.WitFile, usedAt?: Span, usedIn?: W.WitFile): ResolvedWorld {
    const done = this.resolvedWorlds.get(decl);
    if (done === 'busy') return fail(usedIn ?? file, `world \`${decl.name.name}\` includes itself`, usedAt ?? decl.name.span, 'cycle');
    if (done) return done;
    this.resolvedWorlds.set(decl, 'busy');
    const resolved: ResolvedWorld = { id: this.id(pkg, decl.name.name), name: decl.name.name, type: this.worldBody(pkg, decl, file) };
    this.resolvedWorlds.set(decl, resolved);
    return resolved;
  }

  private worldBody(pkg: UnresolvedPackage, decl: W.WitWorld, file: W.WitFile): ComponentT {
    const scope: Scope = { file, pkg, names: new Map() };
    const imports = new Map<string, ExternT>();
    const exports = new Map<string, ExternT>();
    const importedResources: Resource[] = [];
    const exportedResources: Resource[] = [];
    const live = decl.items.filter((i) => this.enabled(i.gate));
    const importedIds = new Set<ResolvedInterface>();
    const importInterface = (i: ResolvedInterface) => {
      if (importedIds.has(i)) return;
      for (const d of interfaceDependencies(i)) importInterface(d);
      if (importedIds.has(i)) return;
      importedIds.add(i);
      imports.set(i.id, i.type);
      importedResources.push(...i.type.declared);
    };
    // world-level uses and type definitions: the used interfaces are imported, the types are type imports
    const uses: ResolvedInterface[] = [];
    const typeOrder: string[] = [];
    const worldResources: Resource[] = [];
    this.declareNames(scope, live, uses, worldResources, typeOrder, (n) => n);
    for (const u of uses) importInterface(u);
    for (const n of typeOrder) {
      const named = (scope.names.get(n) as () => Named)();
      imports.set(n, named.kind === 'resource' ? { kind: 'type', type: named.resource } : { kind: 'type', type: named.type });
    }
    importedResources.push(...worldResources);
    for (const item of live) {
      if (item.kind === 'resource') {
        const r = (scope.names.get(item.name.name) as () => Named)() as { kind: 'resource'; resource: Resource };
        for (const m of item.methods) {
          if (!this.enabled(m.gate)) continue;
          const [n, f] = this.method(scope, item.name.name, r.resource, m);
          imports.set(n, f);
        }
      }
    }
    const exportedIds = new Set<ResolvedInterface>();
    for (const item of live) {
      if (item.kind === 'export' && item.extern.kind === 'path') exportedIds.add(this.interfaceAt(scope, item.extern.path));
    }
    const named = (kind: 'import' | 'export', name: string, t: ExternT, span: Span) => {
      const into = kind === 'import' ? imports : exports;
      if (into.has(name))
        fail(file, `${kind} \`${name}\` is defined more than once in world \`${decl.name.name}\``, span, 'defined again here');
      into.set(name, t);
    };
    const inline = (ext: Extract<W.WitExtern, { kind: 'interface' }>): ResolvedInterface =>
      this.interfaceBody(pkg, file, ext.items, ext.name.name, ext.name.name);
    for (const item of live) {
      if (item.kind === 'import') {
        const ext = item.extern;
        if (ext.kind === 'path') importInterface(this.interfaceAt(scope, ext.path));
        else if (ext.kind === 'func') named('import', ext.name.name, this.funcType(scope, ext.func), ext.name.span);
        else {
          const i = inline(ext);
          for (const d of interfaceDependencies(i)) importInterface(d);
          named('import', ext.name.name, i.type, ext.name.span);
          importedResources.push(...i.type.declared);
        }
      } else if (item.kind === 'export') {
        const ext = item.extern;
        let i: ResolvedInterface | undefined;
        if (ext.kind === 'path') i = this.interfaceAt(scope, ext.path);
        else if (ext.kind === 'interface') i = inline(ext);
        if (i) {
          for (const d of interfaceDependencies(i)) if (!exportedIds.has(d)) importInterface(d);
          named('export', ext.kind === 'path' ? i.id : (ext as { name: W.WitIdent }).name.name, i.type, ext.span);
          exportedResources.push(...i.type.declared);
        } else if (ext.kind === 'func') named('export', ext.name.name, this.funcType(scope, ext.func), ext.name.span);
      } else if (item.kind === 'include') {
        const found = this.findItem(file, pkg, item.path, 'world');
        const included = this.world(found.pkg, found.decl as W.WitWorld, found.file, item.path.span, file).type;
        const renames = new Map(item.with.map((w) => [w.from.name, w.to.name]));
        for (const w of item.with) {
          if (!included.imports.has(w.from.name) && !included.exports.has(w.from.name)) {
            fail(file, `\`${w.from.name}\` is not an import or export of the included world`, w.from.span, 'unknown name');
          }
        }
        for (const [n, t] of included.imports) {
          const to = renames.get(n) ?? n;
          const have = imports.get(to);
          if (have === undefined) imports.set(to, t);
          else if (have !== t)
            fail(
              file,
              `import \`${to}\` of the included world conflicts with an import of world \`${decl.name.name}\``,
              item.span,
              'conflicting name',
            );
        }
        for (const [n, t] of included.exports) {
          const to = renames.get(n) ?? n;
          const have = exports.get(to);
          if (have === undefined) exports.set(to, t);
          else if (have !== t)
            fail(
              file,
              `export \`${to}\` of the included world conflicts with an export of world \`${decl.name.name}\``,
              item.span,
              'conflicting name',
            );
        }
        importedResources.push(...included.importedResources);
        exportedResources.push(...included.exportedResources);
      }
    }
    return {
      kind: 'component',
      imports,
      exports,
      importedResources: [...new Set(importedResources)],
      exportedResources: [...new Set(exportedResources)],
    };
  }
}

/** A resolved package as the composition sees it: its interfaces and worlds by short name. */
export function packageDefinitionsOf(pkg: ResolvedPackage): Map<string, ExternT> {
  const defs = new Map<string, ExternT>();
  for (const [n, i] of pkg.interfaces) defs.set(n, i.type);
  for (const [n, w] of pkg.worlds) defs.set(n, w.type);
  return defs;
}

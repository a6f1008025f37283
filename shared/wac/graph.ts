/**
 * The composition graph (the TypeScript counterpart of the wac-graph crate):
 * packages (component binaries with their types), instances of them,
 * arguments wired between instances, export aliases (`x.foo`), explicit
 * imports and the composition's exports. Every wiring is type-checked when it
 * is made; `encode.ts` turns the graph into a component binary.
 *
 * Resources: an instance's imported resources are bound to its arguments'
 * resources; imports left to the host share one resource per (semver-compatible)
 * import name across the graph, so that two instances importing `wasi:io/error`
 * agree on `error`.
 */

import { checkSubtype, TypeMismatchError } from '../component/subtype.ts';
import {
  bindResources,
  type ComponentT,
  type ExternT,
  type FuncT,
  type InstanceT,
  newResource,
  type Resource,
  Substitution,
  type VType,
} from '../component/types.ts';
import { FlotillaError } from '../errors.ts';
import {
  ArgumentAlreadyPassedError,
  ArgumentTypeMismatchError,
  CycleError,
  ExportAlreadyExistsError,
  ImportAlreadyExistsError,
  MissingArgumentError,
  PackageError,
  UnknownExportError,
  UnknownImportError,
  UnknownNodeError,
} from './errors.ts';
import { cachedComponentType } from './package-definitions.ts';
import { semverKey } from './semver.ts';

export type PackageId = number;
export type NodeId = number;

export interface Package {
  id: PackageId;
  /** `ns:name` */
  name: string;
  version: string | null;
  bytes: Uint8Array;
  type: ComponentT;
}

export type Node =
  | {
      kind: 'instance';
      id: NodeId;
      package: PackageId;
      /** Import name → node that satisfies it. */
      args: Map<string, NodeId>;
      /** Name for the component-name section and messages (defaults to the package name). */
      name: string;
      /** Fresh identities of the package's exported resources for this instance. */
      fresh: Substitution;
    }
  | { kind: 'import'; id: NodeId; name: string; type: ExternT }
  | { kind: 'alias'; id: NodeId; source: NodeId; export: string }
  | {
      /** A type the composition defines and exports (a WAC type statement): a value type, a function type, or a component type (an interface or world definition, encoded as wit-component does). */
      kind: 'definition';
      id: NodeId;
      name: string;
      type: VType | FuncT | ComponentT;
    };

export interface RegisterPackageOptions {
  name: string;
  version?: string | null;
  bytes: Uint8Array;
}

export class CompositionGraph {
  private readonly packages: Package[] = [];
  private readonly nodes: Node[] = [];
  private readonly aliasCache = new Map<string, NodeId>();
  /** Composition export name → node, in insertion order. */
  readonly exports = new Map<string, NodeId>();
  /** Host-provided resources shared by every instance that leaves an import to the host, by `semverKey(import)#path`. */
  private readonly hostResources = new Map<string, Resource>();
  /** Node types computed since the last change of the graph (instance types depend on their arguments). */
  private typeCache = new Map<NodeId, ExternT>();

  private changed(): void {
    this.typeCache = new Map();
  }

  // ---- packages ----------------------------------------------------------------

  /** Reads a component's type and keeps its bytes (not copied). Throws BinaryFormatError / PackageError. */
  registerPackage(opts: RegisterPackageOptions): PackageId {
    const version = opts.version ?? null;
    if (this.findPackage(opts.name, version) !== undefined) {
      throw new PackageError('PACKAGE_ALREADY_REGISTERED', `package \`${opts.name}${version ? `@${version}` : ''}\` is already registered`);
    }
    let type: ComponentT;
    try {
      type = cachedComponentType(opts.bytes);
    } catch (e) {
      if (e instanceof FlotillaError) {
        throw new PackageError(e.code, `package \`${opts.name}\` is not a usable component: ${e.message}`, { cause: e });
      }
      throw e;
    }
    const id = this.packages.length;
    this.packages.push({ id, name: opts.name, version, bytes: opts.bytes, type });
    return id;
  }

  getPackage(id: PackageId): Package {
    const p = this.packages[id];
    if (p === undefined) throw new PackageError('UNKNOWN_PACKAGE', `no package with id ${id}`);
    return p;
  }

  findPackage(name: string, version?: string | null): PackageId | undefined {
    return this.packages.find((p) => p.name === name && (version === undefined || p.version === version))?.id;
  }

  allPackages(): readonly Package[] {
    return this.packages;
  }

  // ---- nodes ---------------------------------------------------------------------

  node(id: NodeId): Node {
    const n = this.nodes[id];
    if (n === undefined) throw new UnknownNodeError(id);
    return n;
  }

  allNodes(): readonly Node[] {
    return this.nodes;
  }

  /** An explicit import of the composition (`import x: type;` in WAC). */
  addImport(name: string, type: ExternT): NodeId {
    if (this.nodes.some((n) => n.kind === 'import' && n.name === name)) throw new ImportAlreadyExistsError(name);
    const id = this.nodes.length;
    let t = type;
    if (t.kind === 'instance') {
      // its resources become host resources, shared with implicit imports of the same name
      const s = new Substitution();
      for (const r of t.declared) s.set(r, this.hostResource(`${semverKey(name)}#${r.name}`, r.name));
      t = s.extern(t) as InstanceT;
    }
    this.nodes.push({ kind: 'import', id, name, type: t });
    this.changed();
    return id;
  }

  /**
   * A type definition the composition exports (wac's `define_type`): `type` is a value type, a
   * function type, or a component type wrapping an interface or world the way wit-component
   * encodes one (imports of the interfaces it uses, one export `ns:pkg/name`). Export it with `export`.
   */
  defineType(name: string, type: VType | FuncT | ComponentT): NodeId {
    const id = this.nodes.length;
    this.nodes.push({ kind: 'definition', id, name, type });
    this.changed();
    return id;
  }

  instantiate(pkg: PackageId, name?: string): NodeId {
    const p = this.getPackage(pkg);
    const id = this.nodes.length;
    const fresh = new Substitution(p.type.exportedResources.map((r) => [r, newResource(r.name)]));
    this.nodes.push({ kind: 'instance', id, package: pkg, args: new Map(), name: name ?? p.name, fresh });
    return id;
  }

  setInstanceName(node: NodeId, name: string): void {
    const n = this.instanceNode(node);
    n.name = name;
  }

  /** The node for export `name` of `source` (an instance or an import of instance type); reused for the same pair. */
  aliasExport(source: NodeId, exportName: string): NodeId {
    const key = `${source}\u0000${exportName}`;
    const cached = this.aliasCache.get(key);
    if (cached !== undefined) return cached;
    const t = this.nodeType(source);
    if (t.kind !== 'instance') throw new UnknownExportError(this.describe(source), exportName, []);
    if (!t.exports.has(exportName)) throw new UnknownExportError(this.describe(source), exportName, [...t.exports.keys()]);
    const id = this.nodes.length;
    this.nodes.push({ kind: 'alias', id, source, export: exportName });
    this.aliasCache.set(key, id);
    return id;
  }

  /** The import names of an instance's package, in order. */
  importsOf(instance: NodeId): Map<string, ExternT> {
    return this.getPackage(this.instanceNode(instance).package).type.imports;
  }

  /** The imports of an instance with no argument yet. */
  missingArguments(instance: NodeId): string[] {
    const n = this.instanceNode(instance);
    return [...this.importsOf(instance).keys()].filter((k) => !n.args.has(k));
  }

  /** Throws MissingArgumentError for the first import of `instance` with no argument. */
  requireAllArguments(instance: NodeId): void {
    const missing = this.missingArguments(instance)[0];
    if (missing !== undefined) throw new MissingArgumentError(this.describe(instance), missing);
  }

  /**
   * Wires `source` as the argument for import `importName` of `instance`,
   * after checking its type against the import (subtyping, resource binding).
   */
  setArgument(instance: NodeId, importName: string, source: NodeId): void {
    const n = this.instanceNode(instance);
    this.node(source);
    const imports = this.importsOf(instance);
    if (!imports.has(importName)) throw new UnknownImportError(this.describe(instance), importName, [...imports.keys()]);
    if (n.args.has(importName)) throw new ArgumentAlreadyPassedError(this.describe(instance), importName);
    if (source === instance || this.dependsOn(source, instance)) {
      throw new CycleError(
        `${this.describe(source)} depends on ${this.describe(instance)}, so it cannot be its argument \`${importName}\``,
      );
    }
    this.checkArgument(n, importName, source);
    n.args.set(importName, source);
    this.changed();
  }

  unsetArgument(instance: NodeId, importName: string): void {
    this.instanceNode(instance).args.delete(importName);
    this.changed();
  }

  /** Exports a node from the composition under `name`. */
  export(node: NodeId, name: string): void {
    this.node(node);
    if (this.exports.has(name)) throw new ExportAlreadyExistsError(name);
    this.exports.set(name, node);
  }

  unexport(name: string): void {
    this.exports.delete(name);
  }

  // ---- types -----------------------------------------------------------------------

  /** The type of a node's value: an instance's exports (with its resources bound), an import's type, an alias's item. */
  nodeType(id: NodeId): ExternT {
    const cached = this.typeCache.get(id);
    if (cached !== undefined) return cached;
    const t = this.computeNodeType(id);
    this.typeCache.set(id, t);
    return t;
  }

  private computeNodeType(id: NodeId): ExternT {
    const n = this.node(id);
    switch (n.kind) {
      case 'import':
        return n.type;
      case 'definition':
        // a value type definition is a type item; interface, world and function type definitions are types only
        return n.type.kind === 'func' || n.type.kind === 'component' ? { kind: 'module' } : { kind: 'type', type: n.type };
      case 'alias': {
        const t = this.nodeType(n.source);
        const x = t.kind === 'instance' ? t.exports.get(n.export) : undefined;
        if (x === undefined) throw new UnknownExportError(this.describe(n.source), n.export, []);
        return x;
      }
      case 'instance': {
        const p = this.getPackage(n.package);
        const s = this.bindings(n);
        const exports = new Map<string, ExternT>();
        for (const [k, v] of p.type.exports) exports.set(k, s.extern(v));
        return { kind: 'instance', exports, declared: [] };
      }
    }
  }

  /**
   * The substitution for an instance's package types: imported resources →
   * the arguments' (or the shared host resources for imports left to the
   * host), exported resources → this instance's fresh ones.
   */
  bindings(n: Extract<Node, { kind: 'instance' }>, upTo?: string): Substitution {
    const p = this.getPackage(n.package);
    const s = new Substitution(n.fresh.map);
    const bindable = new Set(p.type.importedResources);
    for (const [name, expected] of p.type.imports) {
      if (name === upTo) break;
      const arg = n.args.get(name);
      const before = new Set(s.map.keys());
      if (arg !== undefined) bindResources(this.nodeType(arg), s.extern(expected), bindable, s);
      this.bindHost(name, expected, bindable, before, s);
    }
    return s;
  }

  /** Binds the still-unbound resources an import introduces to the shared host resources for its name. */
  private bindHost(name: string, expected: ExternT, bindable: Set<Resource>, before: Set<object>, s: Substitution): void {
    const key = semverKey(name);
    const visit = (t: ExternT, path: string): void => {
      if (t.kind === 'type' && t.type.kind === 'resource') {
        if (bindable.has(t.type) && !before.has(t.type) && !s.map.has(t.type))
          s.set(t.type, this.hostResource(`${key}#${path}`, t.type.name));
      } else if (t.kind === 'instance') {
        for (const [k, v] of t.exports) visit(v, path === '' ? k : `${path}/${k}`);
      }
    };
    visit(expected, '');
  }

  /** The resource the host provides for resource `resource` of import `importName` (shared by every use of that import). */
  importedResource(importName: string, resource: string): Resource {
    return this.hostResource(`${semverKey(importName)}#${resource}`, resource);
  }

  private hostResource(key: string, name: string): Resource {
    let r = this.hostResources.get(key);
    if (r === undefined) {
      r = newResource(name);
      this.hostResources.set(key, r);
    }
    return r;
  }

  /** Re-checks the argument for `importName` (used by setArgument and by the encoder before encoding). */
  checkArgument(n: Extract<Node, { kind: 'instance' }>, importName: string, source: NodeId): void {
    const p = this.getPackage(n.package);
    const expected = p.type.imports.get(importName) as ExternT;
    const s = this.bindings(n, importName);
    const bindable = new Set(p.type.importedResources.filter((r) => !s.map.has(r)));
    try {
      checkSubtype(this.nodeType(source), s.extern(expected), { subst: s, bindable }, [importName]);
    } catch (e) {
      if (e instanceof TypeMismatchError) throw new ArgumentTypeMismatchError(this.describe(n.id), importName, e);
      throw e;
    }
  }

  /** True when `from` (transitively, through arguments and aliases) uses `to`. */
  dependsOn(from: NodeId, to: NodeId): boolean {
    const seen = new Set<NodeId>();
    const stack = [from];
    while (stack.length > 0) {
      const id = stack.pop() as NodeId;
      if (id === to) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      const n = this.node(id);
      if (n.kind === 'alias') stack.push(n.source);
      else if (n.kind === 'instance') stack.push(...n.args.values());
    }
    return false;
  }

  /** `instance of ns:name (id 3)`, `import x`, `x.foo` — for messages. */
  describe(id: NodeId): string {
    const n = this.node(id);
    if (n.kind === 'instance') return `instance \`${n.name}\``;
    if (n.kind === 'import') return `import \`${n.name}\``;
    if (n.kind === 'definition') return `type \`${n.name}\``;
    return `\`${this.describe(n.source)
      .replace(/^(instance|import) /, '')
      .replaceAll('`', '')}.${n.export}\``;
  }

  private instanceNode(id: NodeId): Extract<Node, { kind: 'instance' }> {
    const n = this.node(id);
    if (n.kind !== 'instance') throw new FlotillaError('NOT_AN_INSTANCE', `${this.describe(id)} is not an instance`);
    return n;
  }
}

/**
 * Encodes a composition graph into a component binary:
 *   1. imports nobody satisfies (instance imports first, merged by
 *      semver-compatible name under the highest version), their types
 *      re-encoded in the outer component;
 *   2. the type definitions the composition exports (WAC type statements);
 *   3. the packages, embedded byte for byte (or imported as components with
 *      `importDependencies`);
 *   4. the instances in dependency order, with export aliases as needed;
 *   5. the exports, and a `component-name` section naming the instances.
 * The output is deterministic: the same graph gives the same bytes.
 */
import type { Alias, ExternName, Import, Instance, Section, SortIdx, TypeDef } from '../component/binary/ast.ts';
import { ByteWriter } from '../component/binary/io.ts';
import { writeSection } from '../component/binary/write.ts';
import { isSubtype } from '../component/subtype.ts';
import { type ComponentT, type ExternT, type InstanceT, type Resource, Substitution } from '../component/types.ts';
import { printExtern } from '../component/wit-print.ts';
import { GraphError, ImplicitImportConflictError } from './errors.ts';
import type { CompositionGraph, Node, NodeId } from './graph.ts';
import { compareVersions, semverKey } from './semver.ts';
import { componentTypeDef, DetachedScope, funcTypeIndex, instanceTypeDef, TypeScope, typeIndex } from './type-encoder.ts';

export interface EncodeOptions {
  /** Import the packages as components (`unlocked-dep=<ns:name>`) instead of embedding them. */
  importDependencies?: boolean;
  /** Validate the result (shared/component/validate.ts); default true; `'transpile'` also transpiles it with jco. */
  validate?: boolean | 'transpile';
}

export const COMPONENT_VERSION = 0x0d;

type SortKind = 'func' | 'value' | 'type' | 'component' | 'instance';

interface Ref {
  sort: SortKind;
  index: number;
}

/** An import of the composed component: explicit (`addImport`) or implicit (merged from unsatisfied imports). */
interface ImportEntry {
  key: string;
  name: string;
  type: ExternT;
  explicit: NodeId | null;
  ref?: Ref;
}

type OutSection = Section | { id: 'raw'; sectionId: number; bytes: Uint8Array };

/** The outer component under construction. */
class OuterScope extends TypeScope {
  readonly sections: OutSection[] = [];
  readonly counts: Record<SortKind, number> = { func: 0, value: 0, type: 0, component: 0, instance: 0 };

  constructor() {
    super(null);
  }

  private push<K extends 'type' | 'alias' | 'import' | 'instance' | 'export'>(id: K, item: unknown): void {
    const last = this.sections[this.sections.length - 1];
    if (last !== undefined && last.id === id) (last as { items: unknown[] }).items.push(item);
    else this.sections.push({ id, items: [item] } as unknown as Section);
  }

  addTypeDef(def: TypeDef): number {
    this.push('type', def);
    this.typeCount = ++this.counts.type;
    return this.counts.type - 1;
  }

  addOuterAlias(): number {
    throw new GraphError('ENCODE_INTERNAL', 'the outer component has no enclosing scope');
  }

  addExportAlias(instance: number, name: string): number {
    return this.alias({ kind: 'export', sort: { kind: 'type' }, instance, name });
  }

  alias(a: Alias): number {
    this.push('alias', a);
    const k = a.sort.kind as SortKind;
    if (k === 'type') this.typeCount = this.counts.type + 1;
    return this.counts[k]++;
  }

  import(name: string, type: Import['type'], sort: SortKind): number {
    this.push('import', { name: externName(name), type });
    if (sort === 'type') this.typeCount = this.counts.type + 1;
    return this.counts[sort]++;
  }

  instance(i: Instance): number {
    this.push('instance', i);
    return this.counts.instance++;
  }

  /** Exports introduce a new index in their sort, like aliases. */
  export(name: string, item: SortIdx): number {
    this.push('export', { name: externName(name), item, type: null });
    const k = item.sort.kind as SortKind;
    if (k === 'type') this.typeCount = this.counts.type + 1;
    return this.counts[k]++;
  }

  raw(sectionId: number, bytes: Uint8Array, sort: SortKind): number {
    this.sections.push({ id: 'raw', sectionId, bytes });
    return this.counts[sort]++;
  }

  custom(name: string, data: Uint8Array): void {
    this.sections.push({ id: 'custom', name, data });
  }
}

function externName(name: string): ExternName {
  return { tag: 0, name, attributes: [] };
}

function sortOf(t: ExternT): SortKind {
  switch (t.kind) {
    case 'func':
    case 'instance':
    case 'component':
    case 'type':
    case 'value':
      return t.kind;
    default:
      throw new GraphError('ENCODE_UNSUPPORTED', 'core modules cannot be passed between components by the composition');
  }
}

function sortIdx(r: Ref): SortIdx {
  return { sort: { kind: r.sort }, index: r.index };
}

/**
 * Encodes and (unless `validate: false`) validates. With `importDependencies`
 * the result is validated inside a wrapper that embeds the packages and passes
 * them as those imports: the imported component types are checked against
 * the real packages on the way.
 */
export async function encodeGraph(graph: CompositionGraph, options: EncodeOptions = {}): Promise<Uint8Array> {
  const bytes = encodeGraphSync(graph, options);
  if (options.validate !== false) {
    // loaded on demand: the validator is large, and encoding without validation should not pay for loading it
    const { validateComponent } = await import('../component/validate.ts');
    await validateComponent(options.importDependencies ? linkDependencies(graph, bytes) : bytes, {
      level: options.validate === 'transpile' ? 'transpile' : 'model',
    });
  }
  return bytes;
}

/**
 * The type of each package the graph embeds, for the validator (`nestedType`): a nested component
 * of the composition, if it is one of the packages byte for byte, has that package's type,
 * self-contained as `importDependencies` declares it.
 */
export function packageTypes(graph: CompositionGraph): (component: Uint8Array) => TypeDef | undefined {
  const bySize = new Map<number, { bytes: Uint8Array; type: ComponentT; def?: TypeDef }[]>();
  for (const n of graph.allNodes()) {
    if (n.kind !== 'instance') continue;
    const p = graph.getPackage(n.package);
    const list = bySize.get(p.bytes.length) ?? [];
    if (!list.some((x) => x.bytes === p.bytes)) list.push({ bytes: p.bytes, type: p.type });
    bySize.set(p.bytes.length, list);
  }
  return (component) => {
    const p = bySize.get(component.length)?.find((x) => Buffer.from(x.bytes.buffer, x.bytes.byteOffset, x.bytes.length).equals(component));
    if (p === undefined) return undefined;
    p.def ??= componentTypeDef(new DetachedScope(), p.type);
    return p.def;
  };
}

/** The import name of a package under `importDependencies`. */
export function dependencyImportName(name: string, version: string | null): string {
  return `unlocked-dep=<${name}${version ? `@{>=${version}}` : ''}>`;
}

/**
 * A component that embeds `composed` (encoded from `graph` with `importDependencies`) and the
 * graph's packages, and instantiates it with the packages as its dependency imports and its own
 * imports (the composition's, re-declared here exactly as `composed` declares them) for the rest;
 * it re-exports the instance's exports. The same composition with the dependencies linked in: a
 * validator then checks every imported component type against the real package.
 */
export function linkDependencies(graph: CompositionGraph, composed: Uint8Array): Uint8Array {
  const order = instanceOrder(graph);
  const out = new OuterScope();
  const entries = collectImports(graph, order);
  encodeImports(out, entries, new Map());
  const inner = out.raw(4, composed, 'component');
  const args: { name: string; item: SortIdx }[] = [];
  for (const e of entries.list) {
    if (e.ref === undefined) throw new GraphError('ENCODE_INTERNAL', `no import for \`${e.name}\``);
    args.push({ name: e.name, item: sortIdx(e.ref) });
  }
  const linked = new Set<number>();
  for (const n of order) {
    if (linked.has(n.package)) continue;
    linked.add(n.package);
    const p = graph.getPackage(n.package);
    args.push({
      name: dependencyImportName(p.name, p.version),
      item: { sort: { kind: 'component' }, index: out.raw(4, p.bytes, 'component') },
    });
  }
  const instance = out.instance({ kind: 'instantiate', component: inner, args });
  for (const [name, id] of graph.exports) {
    const sort = graph.node(id).kind === 'definition' ? 'type' : sortOf(graph.nodeType(id));
    out.export(name, { sort: { kind: sort }, index: out.alias({ kind: 'export', sort: { kind: sort }, instance, name }) });
  }
  const w = new ByteWriter();
  writeOuter(w, out);
  return w.finish();
}

function writeOuter(w: ByteWriter, out: OuterScope): void {
  w.bytes(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, COMPONENT_VERSION, 0x00, 0x01, 0x00));
  for (const s of out.sections) {
    if (s.id === 'raw') {
      w.byte(s.sectionId);
      w.u32(s.bytes.length);
      w.bytes(s.bytes);
    } else writeSection(w, s);
  }
}

/** Encodes without validating; the chunks are returned joined. */
export function encodeGraphSync(graph: CompositionGraph, options: EncodeOptions = {}): Uint8Array {
  return encodeGraphParts(graph, options).finish();
}

/** Encodes into a ByteWriter whose `parts()` can be written to a file without joining them. */
export function encodeGraphParts(graph: CompositionGraph, options: EncodeOptions = {}): ByteWriter {
  const order = instanceOrder(graph);
  // re-check every argument now that all are set (bindings may have changed since each was set)
  for (const n of order) for (const [name, src] of n.args) graph.checkArgument(n, name, src);

  const out = new OuterScope();
  const refs = new Map<NodeId, Ref>();
  const entries = collectImports(graph, order);
  encodeImports(out, entries, refs);

  // 2. type definitions the composition exports (WAC type statements): value and function types in
  // this scope, interfaces and worlds as self-contained component types (wit-component's encoding)
  for (const n of graph.allNodes()) {
    if (n.kind !== 'definition') continue;
    const t = n.type;
    let index: number;
    if (t.kind === 'func') index = funcTypeIndex(out, t);
    else if (t.kind === 'component') index = out.addTypeDef(componentTypeDef(new DetachedScope(), t));
    else index = typeIndex(out, t);
    refs.set(n.id, { sort: 'type', index });
  }

  // 3. packages
  const pkgIndex = new Map<number, number>();
  const componentNames: [number, string][] = [];
  for (const n of order) {
    if (pkgIndex.has(n.package)) continue;
    const p = graph.getPackage(n.package);
    let idx: number;
    if (options.importDependencies) {
      // self-contained, as wac writes it: a package's type is its own, not the composition's
      const ty = out.addTypeDef(componentTypeDef(new DetachedScope(), p.type));
      idx = out.import(dependencyImportName(p.name, p.version), { kind: 'component', type: ty }, 'component');
    } else {
      idx = out.raw(4, p.bytes, 'component');
    }
    pkgIndex.set(n.package, idx);
    componentNames.push([idx, p.name]);
  }

  // 4. instances, with the aliases their arguments need
  const refOf = (id: NodeId): Ref => {
    const known = refs.get(id);
    if (known !== undefined) return known;
    const node = graph.node(id);
    if (node.kind !== 'alias') throw new GraphError('ENCODE_INTERNAL', `${graph.describe(id)} was not encoded before its use`);
    const src = refOf(node.source);
    if (src.sort !== 'instance') throw new GraphError('ENCODE_INTERNAL', `${graph.describe(node.source)} is not an instance`);
    const sort = sortOf(graph.nodeType(id));
    const r = { sort, index: out.alias({ kind: 'export', sort: { kind: sort }, instance: src.index, name: node.export }) };
    refs.set(id, r);
    return r;
  };
  const instanceNames: [number, string][] = [];
  for (const n of order) {
    const p = graph.getPackage(n.package);
    const args: { name: string; item: SortIdx }[] = [];
    for (const name of p.type.imports.keys()) {
      const src = n.args.get(name);
      if (src !== undefined) args.push({ name, item: sortIdx(refOf(src)) });
      else {
        const e = entries.byKey.get(semverKey(name));
        if (e?.ref === undefined) throw new GraphError('ENCODE_INTERNAL', `no import for \`${name}\``);
        args.push({ name, item: sortIdx(e.ref) });
      }
    }
    const index = out.instance({ kind: 'instantiate', component: pkgIndex.get(n.package) as number, args });
    refs.set(n.id, { sort: 'instance', index });
    instanceNames.push([index, n.name]);
  }

  // 5. exports
  for (const [name, id] of graph.exports) out.export(name, sortIdx(refOf(id)));

  out.custom('component-name', nameSection(componentNames, instanceNames));

  const w = new ByteWriter();
  writeOuter(w, out);
  return w;
}

/** Step 1: the imports nobody satisfies (instance imports first, in dependency order, then the rest). */
function encodeImports(out: OuterScope, entries: ImportSet, refs: Map<NodeId, Ref>): void {
  for (const e of sortImports(entries)) {
    const t = e.type;
    let ref: Ref;
    switch (t.kind) {
      case 'instance': {
        const ty = out.addTypeDef(instanceTypeDef(out, t));
        ref = { sort: 'instance', index: out.import(e.name, { kind: 'instance', type: ty }, 'instance') };
        for (const [name, x] of t.exports)
          if (x.kind === 'type' && !out.available.has(x.type)) out.available.set(x.type, { instance: ref.index, name });
        break;
      }
      case 'func':
        ref = { sort: 'func', index: out.import(e.name, { kind: 'func', type: funcTypeIndex(out, t) }, 'func') };
        break;
      case 'component':
        ref = {
          sort: 'component',
          index: out.import(e.name, { kind: 'component', type: out.addTypeDef(componentTypeDef(out, t)) }, 'component'),
        };
        break;
      case 'type': {
        const bound = t.type.kind === 'resource' ? ('sub-resource' as const) : { eq: typeIndex(out, t.type) };
        ref = { sort: 'type', index: out.import(e.name, { kind: 'type', bound }, 'type') };
        out.local.set(t.type, ref.index);
        break;
      }
      case 'value':
        ref = {
          sort: 'value',
          index: out.import(
            e.name,
            { kind: 'value', bound: { type: t.type.kind === 'prim' ? t.type.name : typeIndex(out, t.type) } },
            'value',
          ),
        };
        break;
      default:
        throw new GraphError(
          'ENCODE_UNSUPPORTED',
          `cannot import \`${e.name}\`: core modules are not supported as imports of a composition`,
        );
    }
    e.ref = ref;
    if (e.explicit !== null) refs.set(e.explicit, ref);
  }
}

function nameSection(components: [number, string][], instances: [number, string][]): Uint8Array {
  const w = new ByteWriter();
  const sub = (sortByte: number, names: [number, string][]): void => {
    if (names.length === 0) return;
    const body = new ByteWriter();
    body.byte(sortByte);
    body.vec(names, ([i, n]) => {
      body.u32(i);
      body.name(n);
    });
    w.byte(1);
    w.u32(body.length);
    w.append(body);
  };
  sub(0x04, components);
  sub(0x05, instances);
  return w.finish();
}

type InstanceNode = Extract<Node, { kind: 'instance' }>;

/** Instances in dependency order (arguments first), ties broken by creation order. */
function instanceOrder(graph: CompositionGraph): InstanceNode[] {
  const out: InstanceNode[] = [];
  const state = new Map<NodeId, 'visiting' | 'done'>();
  const visit = (id: NodeId): void => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') throw new GraphError('CYCLE', `instantiation cycle through ${graph.describe(id)}`);
    state.set(id, 'visiting');
    const n = graph.node(id);
    if (n.kind === 'alias') visit(n.source);
    else if (n.kind === 'instance') {
      for (const a of n.args.values()) visit(a);
      out.push(n);
    }
    state.set(id, 'done');
  };
  for (const n of graph.allNodes()) visit(n.id);
  return out;
}

interface ImportSet {
  list: ImportEntry[];
  byKey: Map<string, ImportEntry>;
}

function collectImports(graph: CompositionGraph, order: InstanceNode[]): ImportSet {
  const named = new Substitution();
  const list: ImportEntry[] = [];
  const byKey = new Map<string, ImportEntry>();
  for (const n of graph.allNodes()) {
    if (n.kind !== 'import') continue;
    const e: ImportEntry = { key: semverKey(n.name), name: n.name, type: n.type, explicit: n.id };
    list.push(e);
    byKey.set(e.key, e);
  }
  for (const n of order) {
    const p = graph.getPackage(n.package);
    const s = graph.bindings(n);
    for (const [name, t] of p.type.imports) {
      if (n.args.has(name)) continue;
      const type = s.extern(t);
      const key = semverKey(name);
      const prev = byKey.get(key);
      if (prev === undefined) {
        const e: ImportEntry = { key, name, type, explicit: null };
        list.push(e);
        byKey.set(key, e);
        continue;
      }
      if (prev.explicit !== null) {
        if (!isSubtype(prev.type, type)) {
          throw new ImplicitImportConflictError(
            name,
            `the explicit import \`${prev.name}\` (${printExtern(prev.type)}) does not satisfy ${graph.describe(n.id)}`,
          );
        }
        continue;
      }
      prev.type = mergeTypes(name, prev.type, type, named);
      if (compareVersions(name, prev.name) > 0) prev.name = name;
    }
  }
  // Functions merged from another version refer to that version's named types
  // (`stream-error`); the merged imports use one named type for both.
  if (named.types.size > 0) for (const e of list) e.type = named.extern(e.type);
  return { list, byKey };
}

function mergeTypes(name: string, a: ExternT, b: ExternT, named: Substitution): ExternT {
  if (a.kind === 'instance' && b.kind === 'instance') {
    const exports = new Map(a.exports);
    for (const [k, v] of b.exports) {
      const have = exports.get(k);
      if (
        have?.kind === 'type' &&
        v.kind === 'type' &&
        have.type !== v.type &&
        have.type.kind !== 'resource' &&
        v.type.kind !== 'resource'
      ) {
        if (isSubtype(have, v) && isSubtype(v, have)) named.setType(v.type, have.type);
      }
    }
    for (const [k, v] of b.exports) {
      const have = exports.get(k);
      if (have === undefined) exports.set(k, v);
      else if (have !== v && !(isSubtype(have, v) && isSubtype(v, have))) {
        throw new ImplicitImportConflictError(
          name,
          `export \`${k}\` is \`${printExtern(have)}\` for one instance and \`${printExtern(v)}\` for another`,
        );
      }
    }
    const declared = [...new Set([...a.declared, ...b.declared])];
    return { kind: 'instance', exports, declared } satisfies InstanceT;
  }
  if (a === b || (isSubtype(a, b) && isSubtype(b, a))) return a;
  throw new ImplicitImportConflictError(name, `\`${printExtern(a)}\` and \`${printExtern(b)}\``);
}

/** Instance imports first, each after the imports whose resources it uses; then the others in first-use order. */
function sortImports(set: ImportSet): ImportEntry[] {
  const owner = new Map<Resource, ImportEntry>();
  for (const e of set.list) if (e.type.kind === 'instance') for (const r of e.type.declared) owner.set(r, e);
  const out: ImportEntry[] = [];
  const state = new Map<ImportEntry, number>();
  const visit = (e: ImportEntry): void => {
    if (state.get(e) === 2) return;
    if (state.get(e) === 1) return; // mutual use is left to the validator
    state.set(e, 1);
    for (const r of resourcesUsed(e.type)) {
      const o = owner.get(r);
      if (o !== undefined && o !== e) visit(o);
    }
    state.set(e, 2);
    out.push(e);
  };
  for (const e of set.list) if (e.type.kind === 'instance') visit(e);
  for (const e of set.list) if (e.type.kind !== 'instance') visit(e);
  return out;
}

function resourcesUsed(t: ExternT): Set<Resource> {
  const out = new Set<Resource>();
  const seen = new Set<object>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if ((x as { kind?: string }).kind === 'resource') {
      out.add(x as Resource);
      return;
    }
    if (x instanceof Map) for (const v of x.values()) walk(v);
    else if (Array.isArray(x)) for (const v of x) walk(v);
    else for (const v of Object.values(x)) walk(v);
  };
  walk(t);
  return out;
}

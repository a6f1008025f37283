/**
 * Subtyping of component-level types, as the component model defines it for
 * instantiation arguments: an instance may export more than the import asks
 * for; functions match by parameter names and types and result; records and
 * variants match by field and case names, in order (as wasmparser, the
 * validator behind jco, requires); resources match by identity, where
 * the resources an import introduces are bound to the argument's on first
 * sight (in export order).
 */
import { FlotillaError } from '../errors.ts';
import { type ExternT, type Resource, Substitution, type VType } from './types.ts';
import { printExtern, printVType } from './wit-print.ts';

/** Where in a type two sides differ: export names, `param x`, `result`, `field f` … from the outside in. */
export class TypeMismatchError extends FlotillaError {
  readonly path: string[];
  readonly reason: string;

  constructor(path: string[], reason: string) {
    super('TYPE_MISMATCH', `type mismatch${path.length > 0 ? ` at ${path.join(' > ')}` : ''}: ${reason}`);
    this.path = path;
    this.reason = reason;
  }
}

/** A type whose effective size (its nodes counted as a tree) is over MAX_TYPE_SIZE: refused before comparing. */
export class TypeTooLargeError extends FlotillaError {
  readonly size: number;

  constructor(path: string[], side: string, size: number) {
    super(
      'TYPE_TOO_LARGE',
      `${side} type${path.length > 0 ? ` at ${path.join(' > ')}` : ''} has an effective size of ${size >= MAX_TYPE_SIZE ? `more than ${MAX_TYPE_SIZE}` : size} ` +
        `(the component model validators refuse types over ${MAX_TYPE_SIZE}); the component is malformed or hostile: rebuild it or remove it from the composition`,
    );
    this.size = size;
  }
}

/** The largest effective type size accepted, as wasmparser's validator (MAX_TYPE_SIZE). */
export const MAX_TYPE_SIZE = 1_000_000;
/** Characters of a type printed in an error at most. */
const PRINT_LIMIT = 200;

export interface SubtypeContext {
  /** Expected-side resources → actual-side resources, grown as resources are bound. */
  subst: Substitution;
  /** Expected-side resources that may be bound (the resources the import introduces). */
  bindable: Set<Resource>;
  /** Pairs (actual, expected) of value types already found compatible under the current substitution. */
  memo?: WeakMap<VType, WeakSet<VType>>;
  /** Counts the value-type comparisons made (for tests and benchmarks). */
  stats?: { comparisons: number };
}

const sizes = new WeakMap<object, number>();

/** The effective size of a value type: its nodes counted as if it were a tree (capped just over MAX_TYPE_SIZE). */
export function vtypeSize(t: VType): number {
  const known = sizes.get(t);
  if (known !== undefined) return known;
  let n = 1;
  const add = (x: VType | null) => {
    if (x !== null) n = Math.min(n + vtypeSize(x), MAX_TYPE_SIZE + 1);
  };
  switch (t.kind) {
    case 'record':
      for (const f of t.fields) add(f.type);
      break;
    case 'variant':
      for (const k of t.cases) add(k.type);
      break;
    case 'tuple':
      for (const x of t.types) add(x);
      break;
    case 'list':
      add(t.element);
      break;
    case 'option':
      add(t.type);
      break;
    case 'result':
      add(t.ok);
      add(t.err);
      break;
    case 'stream':
    case 'future':
      add(t.type);
      break;
    case 'map':
      add(t.key);
      add(t.value);
      break;
    case 'flags':
    case 'enum':
      n += t.names.length;
      break;
    default:
      break;
  }
  sizes.set(t, n);
  return n;
}

/** The effective size of an extern type (capped just over MAX_TYPE_SIZE). */
export function externSize(t: ExternT): number {
  const known = sizes.get(t);
  if (known !== undefined) return known;
  let n = 1;
  const add = (k: number) => {
    n = Math.min(n + k, MAX_TYPE_SIZE + 1);
  };
  switch (t.kind) {
    case 'value':
      add(vtypeSize(t.type));
      break;
    case 'type':
      if (t.type.kind !== 'resource') add(vtypeSize(t.type));
      break;
    case 'func':
      for (const p of t.params) add(vtypeSize(p.type));
      if (t.result) add(vtypeSize(t.result));
      break;
    case 'instance':
      for (const x of t.exports.values()) add(externSize(x));
      break;
    case 'component':
      for (const x of t.imports.values()) add(externSize(x));
      for (const x of t.exports.values()) add(externSize(x));
      break;
    default:
      break;
  }
  sizes.set(t, n);
  return n;
}

/**
 * Throws TypeMismatchError unless `actual` can be given where `expected` is
 * wanted, and TypeTooLargeError (before comparing) when either side is over
 * MAX_TYPE_SIZE. Value-type pairs found compatible are remembered, so the
 * comparison visits each pair of a DAG once, not each path through it.
 */
export function checkSubtype(actual: ExternT, expected: ExternT, ctx?: Partial<SubtypeContext>, path: string[] = []): void {
  if (externSize(actual) > MAX_TYPE_SIZE) throw new TypeTooLargeError(path, 'the given', externSize(actual));
  if (externSize(expected) > MAX_TYPE_SIZE) throw new TypeTooLargeError(path, 'the expected', externSize(expected));
  const c: SubtypeContext = {
    subst: ctx?.subst ?? new Substitution(),
    bindable: ctx?.bindable ?? new Set(),
    memo: new WeakMap(),
    ...(ctx?.stats ? { stats: ctx.stats } : {}),
  };
  extern(actual, expected, c, path);
}

/** A type for an error message: at most PRINT_LIMIT characters. */
function shown(t: VType | { kind: 'resource'; name: string }): string {
  return printVType(t, PRINT_LIMIT);
}

/** True when `actual` is a subtype of `expected` (no binding context). */
export function isSubtype(actual: ExternT, expected: ExternT): boolean {
  try {
    checkSubtype(actual, expected);
    return true;
  } catch (e) {
    if (e instanceof TypeMismatchError) return false;
    throw e;
  }
}

function extern(a: ExternT, e: ExternT, c: SubtypeContext, path: string[]): void {
  if (a.kind !== e.kind) throw new TypeMismatchError(path, `expected a ${e.kind}, found a ${a.kind}`);
  switch (e.kind) {
    case 'module':
      return;
    case 'value':
      vtype((a as typeof e).type, e.type, c, path);
      return;
    case 'type': {
      const at = (a as typeof e).type;
      if (e.type.kind === 'resource') {
        const er = c.subst.resource(e.type);
        if (at.kind !== 'resource') throw new TypeMismatchError(path, `expected resource \`${er.name}\`, found ${shown(at)}`);
        if (c.bindable.has(er)) {
          c.subst.set(er, at);
          c.bindable.delete(er);
          // pairs compared before this binding were compared under another substitution
          c.memo = new WeakMap();
          return;
        }
        if (er !== at) throw new TypeMismatchError(path, `expected resource \`${er.name}\`, found a different resource \`${at.name}\``);
        return;
      }
      if (at.kind === 'resource') throw new TypeMismatchError(path, `expected ${shown(e.type)}, found resource \`${at.name}\``);
      vtype(at, e.type, c, path);
      return;
    }
    case 'func': {
      const af = a as typeof e;
      if (af.async !== e.async) throw new TypeMismatchError(path, `expected ${e.async ? 'an async' : 'a sync'} function`);
      if (af.params.length !== e.params.length) {
        throw new TypeMismatchError(path, `expected ${e.params.length} parameters, found ${af.params.length}`);
      }
      e.params.forEach((p, i) => {
        const ap = af.params[i] as (typeof af.params)[number];
        if (ap.name !== p.name) throw new TypeMismatchError(path, `expected parameter \`${p.name}\`, found \`${ap.name}\``);
        vtype(ap.type, p.type, c, [...path, `param ${p.name}`]);
      });
      if ((af.result === null) !== (e.result === null)) {
        throw new TypeMismatchError(path, e.result === null ? 'expected no result, found one' : 'expected a result, found none');
      }
      if (af.result !== null && e.result !== null) vtype(af.result, e.result, c, [...path, 'result']);
      return;
    }
    case 'instance': {
      const ai = a as typeof e;
      for (const [name, et] of e.exports) {
        const at = ai.exports.get(name);
        if (at === undefined)
          throw new TypeMismatchError(
            [...path, name],
            `missing export \`${name}\` (${externSize(et) <= PRINT_LIMIT ? printExtern(et) : `a ${et.kind}`})`,
          );
        extern(at, et, c, [...path, name]);
      }
      return;
    }
    case 'component': {
      const ac = a as typeof e;
      // contravariant imports: the actual component may import less
      for (const [name, at] of ac.imports) {
        const et = e.imports.get(name);
        if (et === undefined) throw new TypeMismatchError([...path, name], `imports \`${name}\`, which the expected type does not provide`);
        extern(et, at, { subst: new Substitution(), bindable: new Set(), memo: new WeakMap(), ...(c.stats ? { stats: c.stats } : {}) }, [
          ...path,
          name,
        ]);
      }
      for (const [name, et] of e.exports) {
        const at = ac.exports.get(name);
        if (at === undefined) throw new TypeMismatchError([...path, name], `missing export \`${name}\``);
        extern(at, et, c, [...path, name]);
      }
      return;
    }
  }
}

function vtype(a: VType, e: VType, c: SubtypeContext, path: string[]): void {
  if (a === e && c.subst.size === 0) return;
  let seen = c.memo?.get(a);
  if (seen?.has(e)) return;
  if (c.stats) c.stats.comparisons++;
  vtypeOnce(a, e, c, path);
  // only reached when compatible (a mismatch throws)
  if (c.memo) {
    if (!seen) {
      seen = new WeakSet();
      c.memo.set(a, seen);
    }
    seen.add(e);
  }
}

function vtypeOnce(a: VType, e: VType, c: SubtypeContext, path: string[]): void {
  const fail = (why?: string): never => {
    throw new TypeMismatchError(path, why ?? `expected ${shown(c.subst.vtype(e))}, found ${shown(a)}`);
  };
  if (a.kind !== e.kind) fail();
  switch (e.kind) {
    case 'prim':
      if ((a as typeof e).name !== e.name) fail();
      return;
    case 'record': {
      const ar = a as typeof e;
      if (ar.fields.length !== e.fields.length) fail(`expected a record with ${e.fields.length} fields, found ${ar.fields.length}`);
      e.fields.forEach((f, i) => {
        const af = ar.fields[i] as (typeof ar.fields)[number];
        if (af.name !== f.name) fail(`expected field \`${f.name}\`, found \`${af.name}\` (fields match by name, in order)`);
        vtype(af.type, f.type, c, [...path, `field ${f.name}`]);
      });
      return;
    }
    case 'variant': {
      const av = a as typeof e;
      if (av.cases.length !== e.cases.length) fail(`expected a variant with ${e.cases.length} cases, found ${av.cases.length}`);
      e.cases.forEach((k, i) => {
        const ak = av.cases[i] as (typeof av.cases)[number];
        if (ak.name !== k.name) fail(`expected case \`${k.name}\`, found \`${ak.name}\` (cases match by name, in order)`);
        if ((ak.type === null) !== (k.type === null)) fail(`case \`${k.name}\` payloads differ`);
        if (ak.type !== null && k.type !== null) vtype(ak.type, k.type, c, [...path, `case ${k.name}`]);
      });
      return;
    }
    case 'flags':
    case 'enum': {
      const an = (a as typeof e).names;
      if (an.length !== e.names.length || e.names.some((n, i) => an[i] !== n)) fail();
      return;
    }
    case 'list': {
      const al = a as typeof e;
      if (al.length !== e.length) fail();
      vtype(al.element, e.element, c, [...path, 'list element']);
      return;
    }
    case 'tuple': {
      const at = a as typeof e;
      if (at.types.length !== e.types.length) fail();
      e.types.forEach((t, i) => {
        vtype(at.types[i] as VType, t, c, [...path, `tuple ${i}`]);
      });
      return;
    }
    case 'option':
      vtype((a as typeof e).type, e.type, c, [...path, 'option']);
      return;
    case 'result': {
      const ar = a as typeof e;
      if ((ar.ok === null) !== (e.ok === null) || (ar.err === null) !== (e.err === null)) fail();
      if (ar.ok && e.ok) vtype(ar.ok, e.ok, c, [...path, 'ok']);
      if (ar.err && e.err) vtype(ar.err, e.err, c, [...path, 'error']);
      return;
    }
    case 'own':
    case 'borrow': {
      const er = c.subst.resource(e.resource);
      const ar = (a as typeof e).resource;
      if (er !== ar) fail(`expected ${e.kind}<${er.name}>, found ${e.kind}<${ar.name}> (a different resource)`);
      return;
    }
    case 'stream':
    case 'future': {
      const as = a as typeof e;
      if ((as.type === null) !== (e.type === null)) fail();
      if (as.type && e.type) vtype(as.type, e.type, c, [...path, e.kind]);
      return;
    }
    case 'map': {
      const am = a as typeof e;
      vtype(am.key, e.key, c, [...path, 'key']);
      vtype(am.value, e.value, c, [...path, 'value']);
      return;
    }
  }
}

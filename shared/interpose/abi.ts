/**
 * The parts of the canonical ABI an interposer needs, over the resolved types
 * of shared/component/types.ts: how a value flattens into core values, its
 * size and alignment in linear memory, and the core signature of a function
 * once lifted (an export) or lowered (an import). Definitions follow
 * WebAssembly/component-model design/mvp/CanonicalABI.md (`flatten_type`,
 * `elem_size`, `alignment`, `discriminant_type`, `join`, `flatten_functype`),
 * for 32-bit memories.
 */
import type { FuncT, VType } from '../component/types.ts';
import type { NumType } from './wasm.ts';

export const MAX_FLAT_PARAMS = 16;
export const MAX_FLAT_RESULTS = 1;

/** Variant-like view of a type: options, results and enums are variants (`despecialize`). */
export type Case = { name: string; type: VType | null };

export function variantCases(t: VType): Case[] | null {
  switch (t.kind) {
    case 'variant':
      return t.cases;
    case 'enum':
      return t.names.map((name) => ({ name, type: null }));
    case 'option':
      return [
        { name: 'none', type: null },
        { name: 'some', type: t.type },
      ];
    case 'result':
      return [
        { name: 'ok', type: t.ok },
        { name: 'error', type: t.err },
      ];
    default:
      return null;
  }
}

/** Record-like view: tuples are records with fields named 0, 1, … */
export function recordFields(t: VType): VType[] | null {
  if (t.kind === 'record') return t.fields.map((f) => f.type);
  if (t.kind === 'tuple') return t.types;
  return null;
}

/** Bytes of the discriminant of a variant with `n` cases. */
export function discriminantSize(n: number): 1 | 2 | 4 {
  if (n <= 256) return 1;
  if (n <= 65536) return 2;
  return 4;
}

export function alignment(t: VType): number {
  switch (t.kind) {
    case 'prim':
      switch (t.name) {
        case 'bool':
        case 's8':
        case 'u8':
          return 1;
        case 's16':
        case 'u16':
          return 2;
        case 's64':
        case 'u64':
        case 'f64':
          return 8;
        default:
          // s32 u32 f32 char string error-context
          return 4;
      }
    case 'list':
      return t.length === null ? 4 : alignment(t.element);
    case 'map':
      return 4;
    case 'flags':
      return t.names.length <= 8 ? 1 : t.names.length <= 16 ? 2 : 4;
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      return 4;
    default: {
      const fields = recordFields(t);
      if (fields !== null) return fields.reduce((a, f) => Math.max(a, alignment(f)), 1);
      const cases = variantCases(t) as Case[];
      return Math.max(discriminantSize(cases.length), maxCaseAlignment(cases));
    }
  }
}

function maxCaseAlignment(cases: Case[]): number {
  let a = 1;
  for (const c of cases) if (c.type !== null) a = Math.max(a, alignment(c.type));
  return a;
}

export function alignTo(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

export function elemSize(t: VType): number {
  switch (t.kind) {
    case 'prim':
      switch (t.name) {
        case 'bool':
        case 's8':
        case 'u8':
          return 1;
        case 's16':
        case 'u16':
          return 2;
        case 's64':
        case 'u64':
        case 'f64':
        case 'string':
          return 8;
        default:
          return 4;
      }
    case 'list':
      return t.length === null ? 8 : t.length * elemSize(t.element);
    case 'map':
      return 8;
    case 'flags':
      return t.names.length <= 8 ? 1 : t.names.length <= 16 ? 2 : 4;
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      return 4;
    default: {
      const fields = recordFields(t);
      if (fields !== null) {
        let s = 0;
        for (const f of fields) s = alignTo(s, alignment(f)) + elemSize(f);
        return alignTo(s, alignment(t));
      }
      const cases = variantCases(t) as Case[];
      let s = alignTo(discriminantSize(cases.length), maxCaseAlignment(cases));
      let cs = 0;
      for (const c of cases) if (c.type !== null) cs = Math.max(cs, elemSize(c.type));
      s += cs;
      return alignTo(s, alignment(t));
    }
  }
}

/** Byte offsets of the fields of a record or tuple. */
export function fieldOffsets(fields: VType[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (const f of fields) {
    s = alignTo(s, alignment(f));
    out.push(s);
    s += elemSize(f);
  }
  return out;
}

/** Offset of a variant's payload from its start. */
export function payloadOffset(cases: Case[]): number {
  return alignTo(discriminantSize(cases.length), maxCaseAlignment(cases));
}

export function join(a: NumType, b: NumType): NumType {
  if (a === b) return a;
  if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32')) return 'i32';
  return 'i64';
}

export function flatten(t: VType): NumType[] {
  switch (t.kind) {
    case 'prim':
      switch (t.name) {
        case 's64':
        case 'u64':
          return ['i64'];
        case 'f32':
          return ['f32'];
        case 'f64':
          return ['f64'];
        case 'string':
          return ['i32', 'i32'];
        default:
          return ['i32'];
      }
    case 'list':
      if (t.length === null) return ['i32', 'i32'];
      return Array.from({ length: t.length }, () => flatten(t.element)).flat();
    case 'map':
      return ['i32', 'i32'];
    case 'flags':
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      return ['i32'];
    default: {
      const fields = recordFields(t);
      if (fields !== null) return fields.flatMap(flatten);
      const cases = variantCases(t) as Case[];
      return ['i32', ...joinedPayload(cases)];
    }
  }
}

/** The joined flat payload of a variant's cases (without the discriminant). */
export function joinedPayload(cases: Case[]): NumType[] {
  const flat: NumType[] = [];
  for (const c of cases) {
    if (c.type === null) continue;
    for (const [i, ft] of flatten(c.type).entries()) flat[i] = i < flat.length ? join(flat[i] as NumType, ft) : ft;
  }
  return flat;
}

/** How a function's values cross the boundary once flattened. */
export interface FlatFunc {
  /** The flat parameters of the function type (before the limit applies). */
  params: NumType[];
  results: NumType[];
  /** Parameters are passed as one pointer to a tuple in memory. */
  paramsInMemory: boolean;
  /** Results are passed through memory (a returned pointer when lifted, a return pointer when lowered). */
  resultsInMemory: boolean;
  /** Core signature of the lifted function (what an export's core function has). */
  lift: { params: NumType[]; results: NumType[] };
  /** Core signature of the lowered function (what calling an import takes). */
  lower: { params: NumType[]; results: NumType[] };
}

export function flattenFunc(f: FuncT): FlatFunc {
  const params = f.params.flatMap((p) => flatten(p.type));
  const results = f.result === null ? [] : flatten(f.result);
  const paramsInMemory = params.length > MAX_FLAT_PARAMS;
  const resultsInMemory = results.length > MAX_FLAT_RESULTS;
  const coreParams: NumType[] = paramsInMemory ? ['i32'] : params;
  return {
    params,
    results,
    paramsInMemory,
    resultsInMemory,
    lift: { params: coreParams, results: resultsInMemory ? ['i32'] : results },
    lower: { params: resultsInMemory ? [...coreParams, 'i32'] : coreParams, results: resultsInMemory ? [] : results },
  };
}

/** The parameters of a function as the record they form in memory when passed by pointer. */
export function paramsTuple(f: FuncT): VType {
  return { kind: 'tuple', types: f.params.map((p) => p.type) };
}

/** Whether any part of `t` satisfies `p` (options, results, lists… included). */
export function contains(t: VType | null, p: (t: VType) => boolean, seen = new Set<VType>()): boolean {
  if (t === null || seen.has(t)) return false;
  seen.add(t);
  if (p(t)) return true;
  switch (t.kind) {
    case 'list':
      return contains(t.element, p, seen);
    case 'map':
      return contains(t.key, p, seen) || contains(t.value, p, seen);
    case 'stream':
    case 'future':
      return contains(t.type, p, seen);
    default: {
      const fields = recordFields(t);
      if (fields !== null) return fields.some((f) => contains(f, p, seen));
      const cases = variantCases(t);
      if (cases !== null) return cases.some((c) => contains(c.type, p, seen));
      return false;
    }
  }
}

/** Whether a value lives partly in linear memory (strings, lists, maps). */
export function hasPointers(t: VType | null): boolean {
  return contains(t, (u) => (u.kind === 'prim' && u.name === 'string') || u.kind === 'list' || u.kind === 'map');
}

/** Which canonical options a function needs, lifted (export) and lowered (import), and whether a call allocates. */
export interface OptionNeeds {
  liftMemory: boolean;
  liftRealloc: boolean;
  lowerMemory: boolean;
  lowerRealloc: boolean;
  /** A call uses the allocator (arguments, a return area, results): it needs post-return to free. */
  allocates: boolean;
}

export function optionNeeds(f: FuncT): OptionNeeds {
  const flat = flattenFunc(f);
  const params = f.params.some((p) => hasPointers(p.type));
  const results = hasPointers(f.result);
  const memory = params || results || flat.paramsInMemory || flat.resultsInMemory;
  return {
    liftMemory: memory,
    // the caller lowers the arguments (and the parameter tuple) into the interposer with its realloc
    liftRealloc: params || flat.paramsInMemory,
    lowerMemory: memory,
    // the callee's results are lowered into the interposer with its realloc
    lowerRealloc: results,
    allocates: memory,
  };
}

/**
 * The component binary format as data: one object per section and per item,
 * index-based exactly as in the binary (see WebAssembly/component-model
 * design/mvp/Binary.md). `readComponent` builds it, `writeComponent` turns it
 * back into bytes; reading then writing gives the same bytes.
 *
 * Large payloads (core modules, custom section data, nested components'
 * modules) are subarray views of the input: nothing is copied on read.
 */

export type PrimValType =
  | 'bool'
  | 's8'
  | 'u8'
  | 's16'
  | 'u16'
  | 's32'
  | 'u32'
  | 's64'
  | 'u64'
  | 'f32'
  | 'f64'
  | 'char'
  | 'string'
  | 'error-context';

/** A value type: a primitive, or an index into the type index space. */
export type ValType = PrimValType | number;

export interface VariantCase {
  name: string;
  type: ValType | null;
  /** Old encoders' `refines` clause (case index); null when absent. */
  refines: number | null;
}

export type DefValType =
  | { kind: 'prim'; type: PrimValType }
  | { kind: 'record'; fields: { name: string; type: ValType }[] }
  | { kind: 'variant'; cases: VariantCase[] }
  | { kind: 'list'; element: ValType; length: number | null }
  | { kind: 'tuple'; types: ValType[] }
  | { kind: 'flags'; names: string[] }
  | { kind: 'enum'; names: string[] }
  | { kind: 'option'; type: ValType }
  | { kind: 'result'; ok: ValType | null; err: ValType | null }
  | { kind: 'own'; type: number }
  | { kind: 'borrow'; type: number }
  | { kind: 'stream'; type: ValType | null }
  | { kind: 'future'; type: ValType | null }
  | { kind: 'map'; key: ValType; value: ValType };

export interface FuncType {
  kind: 'func';
  async: boolean;
  params: { name: string; type: ValType }[];
  /** The single result type, or null for none. */
  result: ValType | null;
}

/** Component-level extern types (`externtype` in the spec). */
export type ExternType =
  | { kind: 'module'; type: number }
  | { kind: 'func'; type: number }
  | { kind: 'value'; bound: { eq: number } | { type: ValType } }
  | { kind: 'type'; bound: { eq: number } | 'sub-resource' }
  | { kind: 'component'; type: number }
  | { kind: 'instance'; type: number };

export interface NameAttribute {
  /** 0x00 implements, 0x01 versionsuffix, 0x02 external-id. */
  tag: number;
  value: string;
}

/** An import or export name with its encoding tag (0x00/0x01 plain, 0x02 with attributes). */
export interface ExternName {
  tag: number;
  name: string;
  attributes: NameAttribute[];
}

export type InstanceDecl =
  | { kind: 'coreType'; type: CoreType }
  | { kind: 'type'; type: TypeDef }
  | { kind: 'alias'; alias: Alias }
  | { kind: 'export'; name: ExternName; type: ExternType };

export type ComponentDecl = InstanceDecl | { kind: 'import'; name: ExternName; type: ExternType };

export interface ResourceType {
  kind: 'resource';
  /** The core representation type (0x7f: i32). */
  rep: number;
  dtor: number | null;
}

export type TypeDef =
  | DefValType
  | FuncType
  | ResourceType
  | { kind: 'component'; decls: ComponentDecl[] }
  | { kind: 'instance'; decls: InstanceDecl[] };

/** A core value type kept as its encoded bytes (numeric, vector or reference type). */
export type CoreValType = Uint8Array;

export type CoreModuleDecl =
  | { kind: 'import'; module: string; name: string; desc: Uint8Array }
  | { kind: 'type'; type: CoreType }
  | { kind: 'alias'; count: number; index: number }
  | { kind: 'export'; name: string; desc: Uint8Array };

export type CoreType =
  | { kind: 'func'; params: CoreValType[]; results: CoreValType[] }
  | { kind: 'module'; decls: CoreModuleDecl[] }
  /** GC proposal types (rec, sub, struct, array): carried byte-exact. */
  | { kind: 'gc'; bytes: Uint8Array };

/** Core sorts: func 0x00, table 0x01, memory 0x02, global 0x03, tag 0x04, type 0x10, module 0x11, instance 0x12. */
export type CoreSort = 0x00 | 0x01 | 0x02 | 0x03 | 0x04 | 0x10 | 0x11 | 0x12;

/** Component sorts, plus `core` sorts. */
export type Sort =
  | { kind: 'core'; sort: CoreSort }
  | { kind: 'func' }
  | { kind: 'value' }
  | { kind: 'type' }
  | { kind: 'component' }
  | { kind: 'instance' };

export interface SortIdx {
  sort: Sort;
  index: number;
}

export type CoreInstance =
  | { kind: 'instantiate'; module: number; args: { name: string; instance: number }[] }
  | { kind: 'exports'; exports: { name: string; sort: CoreSort; index: number }[] };

export type Instance =
  | { kind: 'instantiate'; component: number; args: { name: string; item: SortIdx }[] }
  | { kind: 'exports'; exports: { name: ExternName; item: SortIdx }[] };

export type Alias =
  | { kind: 'export'; sort: Sort; instance: number; name: string }
  | { kind: 'coreExport'; sort: Sort; instance: number; name: string }
  | { kind: 'outer'; sort: Sort; count: number; index: number };

export type CanonOpt =
  | { kind: 'utf8' }
  | { kind: 'utf16' }
  | { kind: 'latin1+utf16' }
  | { kind: 'memory'; index: number }
  | { kind: 'realloc'; index: number }
  | { kind: 'post-return'; index: number }
  | { kind: 'async' }
  | { kind: 'callback'; index: number };

/** An immediate of a canonical built-in, in binary order. */
export type CanonImmediate =
  | { kind: 'u32'; value: number }
  | { kind: 'flag'; value: number }
  | { kind: 'opts'; opts: CanonOpt[] }
  | { kind: 'resultlist'; type: ValType | null }
  | { kind: 'coreValType'; type: CoreValType };

export type Canon =
  | { kind: 'lift'; coreFunc: number; opts: CanonOpt[]; type: number }
  | { kind: 'lower'; func: number; opts: CanonOpt[] }
  | { kind: 'resource.new' | 'resource.drop' | 'resource.rep'; type: number }
  /** Every other built-in (async, streams, futures, threads, error-context): opcode and immediates. */
  | { kind: 'builtin'; opcode: number; name: string; immediates: CanonImmediate[] };

export interface Start {
  func: number;
  args: number[];
  results: number;
}

export interface Import {
  name: ExternName;
  type: ExternType;
}

export interface Export {
  name: ExternName;
  item: SortIdx;
  type: ExternType | null;
}

export interface Value {
  type: ValType;
  bytes: Uint8Array;
}

export type Section =
  | { id: 'custom'; name: string; data: Uint8Array }
  | { id: 'coreModule'; bytes: Uint8Array }
  | { id: 'coreInstance'; items: CoreInstance[] }
  | { id: 'coreType'; items: CoreType[] }
  | { id: 'component'; component: Component }
  | { id: 'instance'; items: Instance[] }
  | { id: 'alias'; items: Alias[] }
  | { id: 'type'; items: TypeDef[] }
  | { id: 'canon'; items: Canon[] }
  | { id: 'start'; start: Start }
  | { id: 'import'; items: Import[] }
  | { id: 'export'; items: Export[] }
  | { id: 'value'; items: Value[] }
  /** A section id this reader does not know (> 12): carried byte-exact. */
  | { id: 'unknown'; sectionId: number; bytes: Uint8Array };

export interface Component {
  /** The preamble's version field (0x0d at the time of writing). */
  version: number;
  sections: Section[];
  /** The bytes this component was read from (a view), when read. */
  source?: Uint8Array;
}

/** The syntax tree of a WIT file (wit-parser's grammar, as far as WIT packages need it). */
import type { Span } from '../diagnostics.ts';

export interface WitIdent {
  name: string;
  span: Span;
}

/** `ns:name@1.2.3` (nested namespaces `a:b:c` are joined with `:` into `namespace`). */
export interface WitPackageName {
  namespace: string;
  name: string;
  version?: string;
  span: Span;
}

/** `local-name` or `ns:pkg/iface@1.0.0` as a `use` or `import`/`include` target. */
export type WitUsePath =
  | { kind: 'local'; name: WitIdent; span: Span }
  | { kind: 'package'; package: WitPackageName; item: WitIdent; span: Span };

/** `@since(version = …)`, `@unstable(feature = …)`, `@deprecated(version = …)`. */
export interface WitGate {
  unstable?: string;
  since?: string;
  deprecated?: string;
}

export interface WitFile {
  file: string;
  text: string;
  package?: WitPackageName;
  /** File-level `use a:b/c@v as x;` / `use iface as x;`. */
  uses: { path: WitUsePath; as?: WitIdent; span: Span }[];
  interfaces: WitInterface[];
  worlds: WitWorld[];
  /** `package a:b { … }` blocks. */
  nested: { package: WitPackageName; interfaces: WitInterface[]; worlds: WitWorld[]; span: Span }[];
}

export interface WitInterface {
  name: WitIdent;
  gate: WitGate;
  items: WitInterfaceItem[];
  span: Span;
}

export type WitInterfaceItem = WitUse | WitTypeDef | WitFuncItem;

export interface WitUse {
  kind: 'use';
  gate: WitGate;
  from: WitUsePath;
  names: { name: WitIdent; as?: WitIdent }[];
  span: Span;
}

export interface WitFuncItem {
  kind: 'func';
  gate: WitGate;
  name: WitIdent;
  func: WitFuncType;
  span: Span;
}

export interface WitFuncType {
  async: boolean;
  params: { name: WitIdent; type: WitType }[];
  result?: WitType;
  span: Span;
}

export type WitTypeDef =
  | { kind: 'resource'; gate: WitGate; name: WitIdent; methods: WitResourceMethod[]; span: Span }
  | { kind: 'record'; gate: WitGate; name: WitIdent; fields: { name: WitIdent; type: WitType }[]; span: Span }
  | { kind: 'variant'; gate: WitGate; name: WitIdent; cases: { name: WitIdent; type?: WitType }[]; span: Span }
  | { kind: 'enum'; gate: WitGate; name: WitIdent; cases: WitIdent[]; span: Span }
  | { kind: 'flags'; gate: WitGate; name: WitIdent; flags: WitIdent[]; span: Span }
  | { kind: 'alias'; gate: WitGate; name: WitIdent; type: WitType; span: Span };

export type WitResourceMethod =
  | { kind: 'constructor'; gate: WitGate; func: WitFuncType; span: Span }
  | { kind: 'method' | 'static'; gate: WitGate; name: WitIdent; func: WitFuncType; span: Span };

export type WitPrimitive = 'u8' | 'u16' | 'u32' | 'u64' | 's8' | 's16' | 's32' | 's64' | 'f32' | 'f64' | 'char' | 'bool' | 'string';

export type WitType =
  | { kind: 'prim'; name: WitPrimitive; span: Span }
  | { kind: 'list'; element: WitType; length?: number; span: Span }
  | { kind: 'option'; type: WitType; span: Span }
  | { kind: 'result'; ok?: WitType; err?: WitType; span: Span }
  | { kind: 'tuple'; types: WitType[]; span: Span }
  | { kind: 'own' | 'borrow'; resource: WitIdent; span: Span }
  | { kind: 'future' | 'stream'; type?: WitType; span: Span }
  | { kind: 'error-context'; span: Span }
  | { kind: 'named'; name: WitIdent; span: Span };

export interface WitWorld {
  name: WitIdent;
  gate: WitGate;
  items: WitWorldItem[];
  span: Span;
}

export type WitExtern =
  | { kind: 'path'; path: WitUsePath; span: Span }
  | { kind: 'func'; name: WitIdent; func: WitFuncType; span: Span }
  | { kind: 'interface'; name: WitIdent; items: WitInterfaceItem[]; span: Span };

export type WitWorldItem =
  | { kind: 'import' | 'export'; gate: WitGate; extern: WitExtern; span: Span }
  | WitUse
  | WitTypeDef
  | { kind: 'include'; gate: WitGate; path: WitUsePath; with: { from: WitIdent; to: WitIdent }[]; span: Span };

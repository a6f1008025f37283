/**
 * The syntax tree of a WAC document, as the bytecodealliance/wac grammar
 * (LANGUAGE.md) defines it. Every node carries the source span it was parsed from.
 */
import type { Span } from './diagnostics.ts';
import type { DocComment } from './lexer.ts';

export type { DocComment, Span };

export interface Ident {
  /** The identifier without its `%` escape. */
  name: string;
  span: Span;
}

export interface StringLit {
  /** The text between the quotes. */
  value: string;
  span: Span;
}

/** `ns:name@1.2.3` (a package, as in `package` directives and `new` expressions). */
export interface PackageName {
  /** The whole token text. */
  text: string;
  /** `ns:name`, without the version. */
  name: string;
  version?: string;
  span: Span;
}

/** `ns:name/iface@1.2.3` (an item inside a package). */
export interface PackagePath {
  text: string;
  /** `ns:name`. */
  name: string;
  /** The `/`-separated segments after the package name. */
  segments: string[];
  version?: string;
  span: Span;
}

export interface Document {
  docs: DocComment[];
  directive: PackageDirective;
  statements: Statement[];
  span: Span;
}

export interface PackageDirective {
  package: PackageName;
  targets?: PackagePath;
  span: Span;
}

export type Statement = ImportStatement | TypeStatement | LetStatement | ExportStatement;

/** `import name` or `"name"` after `as` / `with`. */
export type ExternName = { kind: 'ident'; ident: Ident; span: Span } | { kind: 'string'; string: StringLit; span: Span };

export interface ImportStatement {
  kind: 'import';
  docs: DocComment[];
  id: Ident;
  name?: ExternName;
  type: ImportType;
  span: Span;
}

export type ImportType =
  | { kind: 'package'; path: PackagePath; span: Span }
  | { kind: 'func'; func: FuncType; span: Span }
  | { kind: 'interface'; iface: InlineInterface; span: Span }
  | { kind: 'ident'; ident: Ident; span: Span };

export type TypeStatement = InterfaceDecl | WorldDecl | TypeDecl;

export type TypeDecl = VariantDecl | RecordDecl | FlagsDecl | EnumDecl | TypeAlias;
export type ItemTypeDecl = ResourceDecl | TypeDecl;

export interface InterfaceDecl {
  kind: 'interface';
  docs: DocComment[];
  id: Ident;
  items: InterfaceItem[];
  span: Span;
}

export interface InlineInterface {
  items: InterfaceItem[];
  span: Span;
}

export type InterfaceItem = UseDecl | ItemTypeDecl | InterfaceExport;

export interface InterfaceExport {
  kind: 'interface-export';
  docs: DocComment[];
  id: Ident;
  type: FuncTypeRef;
  span: Span;
}

export type FuncTypeRef = { kind: 'func'; func: FuncType; span: Span } | { kind: 'ident'; ident: Ident; span: Span };

export interface UseDecl {
  kind: 'use';
  docs: DocComment[];
  path: UsePath;
  items: UseItem[];
  span: Span;
}

export type UsePath = { kind: 'package'; path: PackagePath; span: Span } | { kind: 'ident'; ident: Ident; span: Span };

export interface UseItem {
  id: Ident;
  as?: Ident;
  span: Span;
}

export interface WorldDecl {
  kind: 'world';
  docs: DocComment[];
  id: Ident;
  items: WorldItem[];
  span: Span;
}

export type WorldItem = UseDecl | ItemTypeDecl | WorldImport | WorldExport | WorldInclude;

export interface WorldImport {
  kind: 'world-import';
  docs: DocComment[];
  path: WorldItemPath;
  span: Span;
}

export interface WorldExport {
  kind: 'world-export';
  docs: DocComment[];
  path: WorldItemPath;
  span: Span;
}

export type WorldItemPath =
  | { kind: 'named'; id: Ident; type: ExternType; span: Span }
  | { kind: 'package'; path: PackagePath; span: Span }
  | { kind: 'ident'; ident: Ident; span: Span };

export type ExternType =
  | { kind: 'ident'; ident: Ident; span: Span }
  | { kind: 'func'; func: FuncType; span: Span }
  | { kind: 'interface'; iface: InlineInterface; span: Span };

export interface WorldInclude {
  kind: 'include';
  docs: DocComment[];
  world: { kind: 'package'; path: PackagePath; span: Span } | { kind: 'ident'; ident: Ident; span: Span };
  with: { from: Ident; to: Ident; span: Span }[];
  span: Span;
}

export interface ResourceDecl {
  kind: 'resource';
  docs: DocComment[];
  id: Ident;
  methods: ResourceMethod[];
  span: Span;
}

export type ResourceMethod =
  | { kind: 'constructor'; docs: DocComment[]; params: NamedType[]; span: Span }
  | { kind: 'method'; docs: DocComment[]; id: Ident; isStatic: boolean; func: FuncType; span: Span };

export interface VariantDecl {
  kind: 'variant';
  docs: DocComment[];
  id: Ident;
  cases: { docs: DocComment[]; id: Ident; type?: Type; span: Span }[];
  span: Span;
}

export interface RecordDecl {
  kind: 'record';
  docs: DocComment[];
  id: Ident;
  fields: { docs: DocComment[]; id: Ident; type: Type; span: Span }[];
  span: Span;
}

export interface FlagsDecl {
  kind: 'flags';
  docs: DocComment[];
  id: Ident;
  flags: { docs: DocComment[]; id: Ident; span: Span }[];
  span: Span;
}

export interface EnumDecl {
  kind: 'enum';
  docs: DocComment[];
  id: Ident;
  cases: { docs: DocComment[]; id: Ident; span: Span }[];
  span: Span;
}

export interface TypeAlias {
  kind: 'alias';
  docs: DocComment[];
  id: Ident;
  target: { kind: 'func'; func: FuncType; span: Span } | { kind: 'type'; type: Type; span: Span };
  span: Span;
}

export interface FuncType {
  params: NamedType[];
  /** Undefined when the function returns nothing. */
  result?: Type;
  span: Span;
}

export interface NamedType {
  id: Ident;
  type: Type;
  span: Span;
}

export type PrimitiveTypeName = 'u8' | 's8' | 'u16' | 's16' | 'u32' | 's32' | 'u64' | 's64' | 'f32' | 'f64' | 'char' | 'bool' | 'string';

export type Type =
  | { kind: 'primitive'; name: PrimitiveTypeName; span: Span }
  | { kind: 'tuple'; types: Type[]; span: Span }
  | { kind: 'list'; element: Type; span: Span }
  | { kind: 'option'; inner: Type; span: Span }
  | { kind: 'result'; ok?: Type; err?: Type; span: Span }
  | { kind: 'borrow'; resource: Ident; span: Span }
  | { kind: 'ident'; ident: Ident; span: Span };

export interface LetStatement {
  kind: 'let';
  docs: DocComment[];
  id: Ident;
  expr: Expr;
  span: Span;
}

export interface ExportStatement {
  kind: 'export';
  docs: DocComment[];
  expr: Expr;
  options: ExportOptions;
  span: Span;
}

export type ExportOptions = { kind: 'none' } | { kind: 'spread'; span: Span } | { kind: 'rename'; name: ExternName };

export interface Expr {
  primary: PrimaryExpr;
  postfix: PostfixExpr[];
  span: Span;
}

export type PrimaryExpr = NewExpr | { kind: 'nested'; inner: Expr; span: Span } | { kind: 'ident'; ident: Ident; span: Span };

export interface NewExpr {
  kind: 'new';
  package: PackageName;
  args: InstantiationArgument[];
  span: Span;
}

export type InstantiationArgument =
  | { kind: 'inferred'; id: Ident; span: Span }
  | { kind: 'spread'; id: Ident; span: Span }
  | { kind: 'named'; name: ExternName; expr: Expr; span: Span }
  | { kind: 'fill'; span: Span };

export type PostfixExpr = { kind: 'access'; id: Ident; span: Span } | { kind: 'named-access'; name: StringLit; span: Span };

/**
 * Resolves a parsed WAC document against its packages, top-down as wac does:
 * names, imports (explicit and implicit), instantiations and their arguments,
 * instance export accesses, exports and the target world. The result is a
 * `CompositionPlan`: the nodes of the composition graph in the order they were
 * created, which the graph/encoder turns into a component.
 *
 * What is checked here is what names and kinds decide (wac's messages and
 * source spans); structural type checking of arguments against imports is the
 * component type model's job and happens when the plan is built into a graph.
 */
import type * as A from './ast.ts';
import { type Span, WacDiagnosticError, type WacSource } from './diagnostics.ts';
import { type ItemShape, type PackageShape, packageShape } from './package-shape.ts';
import { isValidSemver } from './parser.ts';
import type { ResolvedPackage } from './wit/resolve.ts';

/**
 * A package the document may instantiate or refer to: its name (`ns:name`), optional version, and
 * either component bytes (a component, or a WIT package encoded as wit-component does) or a WIT
 * package read from text (`wit/load.ts`).
 */
export interface WacPackage {
  name: string;
  version?: string;
  bytes?: Uint8Array;
  wit?: ResolvedPackage;
  /** The file the package was read from, for messages (a package that cannot be read names it). */
  file?: string;
}

export type WacResolutionErrorKind =
  | 'undefined-name'
  | 'duplicate-name'
  | 'duplicate-extern-name'
  | 'invalid-extern-name'
  | 'unknown-package'
  | 'package-resolution-failure'
  | 'package-parse-failure'
  | 'package-missing-export'
  | 'missing-component-import'
  | 'mismatched-instantiation-arg'
  | 'duplicate-instantiation-arg'
  | 'missing-instantiation-arg'
  | 'fill-argument-not-last'
  | 'spread-instantiation-no-match'
  | 'spread-export-no-effect'
  | 'not-an-instance'
  | 'missing-instance-export'
  | 'export-requires-as'
  | 'export-conflict'
  | 'declaration-conflict'
  | 'import-conflict'
  | 'implicit-import-merge'
  | 'not-world'
  | 'not-interface'
  | 'not-value-type'
  | 'not-resource-type'
  | 'not-func-type'
  | 'invalid-alias-type'
  | 'duplicate-member'
  | 'borrow-in-result'
  | 'import-not-in-target'
  | 'missing-target-export'
  | 'target-mismatch';

/** A document that parses but does not resolve. Code `WAC_` + the kind in upper snake case. */
export class WacResolutionError extends WacDiagnosticError {
  readonly kind: WacResolutionErrorKind;

  constructor(
    kind: WacResolutionErrorKind,
    source: WacSource,
    message: string,
    span: Span,
    label?: string,
    options?: { cause?: unknown; reasons?: string[] },
  ) {
    super(`WAC_${kind.toUpperCase().replaceAll('-', '_')}`, source, message, span, label, options);
    this.kind = kind;
  }
}

/** A node of the composition, in creation order (ids are indices into `CompositionPlan.nodes`). */
export type PlanNode =
  | {
      /** An explicit `import` statement (implicit imports are what instantiations with `...` leave unsatisfied). */
      kind: 'import';
      name: string;
      shape: ItemShape;
      span: Span;
      type: A.ImportType;
    }
  | { kind: 'definition'; name: string; decl: A.TypeStatement; span: Span }
  | {
      kind: 'instantiation';
      package: string;
      version?: string;
      shape: PackageShape;
      /** Argument name → node id, in the order they were set. */
      args: Map<string, number>;
      /** Argument name → where it was given (for type errors found when the graph checks it). */
      argSpans: Map<string, Span>;
      /** Whether `...` was given: unsatisfied imports become (shared) imports of the composition. */
      fill: boolean;
      span: Span;
    }
  | { kind: 'alias'; instance: number; export: string; shape: ItemShape; span: Span };

export interface CompositionPlan {
  package: { name: string; version?: string };
  targets?: string;
  nodes: PlanNode[];
  /** First local name bound to each node (for the `component-name` section). */
  names: Map<number, string>;
  /** Export name → node id, in order. */
  exports: Map<string, number>;
  /** Export name → where the export statement names it. */
  exportSpans: Map<string, Span>;
  /** The packages used, by `name` or `name@version`. */
  packages: Map<string, WacPackage>;
}

// --- names -------------------------------------------------------------------

const WORD = '(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)';
const KEBAB = `${WORD}(?:-${WORD})*`;
const KEBAB_RE = new RegExp(`^${KEBAB}$`);
const INTERFACE_RE = new RegExp(`^(${KEBAB}):(${KEBAB})/(${KEBAB})(?:@(.+))?$`);

/** Whether a name is a valid component import/export name (a kebab-case label or `ns:pkg/iface[@version]`). */
export function validExternName(name: string): string | undefined {
  if (KEBAB_RE.test(name)) return undefined;
  const m = INTERFACE_RE.exec(name);
  if (m) {
    if (m[4] !== undefined && !isValidSemver(m[4])) return `\`${m[4]}\` is not a valid semantic version`;
    return undefined;
  }
  if (name.includes(':') || name.includes('/')) return `\`${name}\` is not a valid interface name`;
  return `\`${name}\` is not in kebab case`;
}

/** `foo:bar/baz@1.0.0` has the interface short name `baz`. */
function interfaceShortName(name: string): string | undefined {
  const slash = name.lastIndexOf('/');
  if (slash < 0) return undefined;
  const rest = name.slice(slash + 1);
  const at = rest.indexOf('@');
  return at < 0 ? rest : rest.slice(0, at);
}

/** wac's rule: `baz` names `foo:bar/baz` when that is the only extern whose last path segment is `baz`. */
function findMatchingInterfaceName(name: string, externs: Iterable<string>): string | undefined {
  const all = [...externs];
  if (all.includes(name)) return undefined;
  const matches = all.filter((n) => interfaceShortName(n) === name);
  return matches.length === 1 ? matches[0] : undefined;
}

const KIND_DESC: Record<ItemShape['kind'], string> = {
  func: 'function',
  instance: 'instance',
  component: 'component',
  module: 'module',
  value: 'value',
  type: 'type',
};

// --- local types (WAC declarations, at the level of kinds) -------------------------

type TypeCategory = 'value' | 'resource' | 'func' | 'interface' | 'world';

interface LocalType {
  category: TypeCategory;
  /** wac's description: `record`, `u32`, `resource`, `function type`, `interface`, `world` … */
  desc: string;
  containsBorrow: boolean;
  /** Interfaces: export names and kinds; worlds: their exports. */
  exports?: Map<string, ItemShape>;
  /** Worlds: their imports. */
  imports?: Map<string, ItemShape>;
}

interface ScopeItem {
  span: Span;
  node?: number;
  type?: LocalType;
}

// --- the resolver ------------------------------------------------------------

class Resolver {
  private readonly source: WacSource;
  private readonly doc: A.Document;
  private readonly available: WacPackage[];
  private readonly scopes: Map<string, ScopeItem>[] = [new Map()];
  private readonly nodes: PlanNode[] = [];
  private readonly names = new Map<number, string>();
  private readonly exports = new Map<string, number>();
  private readonly exportSpans = new Map<string, Span>();
  private readonly importsByName = new Map<string, number>();
  private readonly packagesUsed = new Map<string, WacPackage>();
  private readonly shapes = new Map<WacPackage, PackageShape>();
  private readonly importNames = new Map<number, string>();
  private readonly aliasNames = new Map<number, string>();

  constructor(source: WacSource, doc: A.Document, packages: WacPackage[]) {
    this.source = source;
    this.doc = doc;
    this.available = packages;
  }

  private error(kind: WacResolutionErrorKind, message: string, span: Span, label?: string, cause?: unknown): WacResolutionError {
    return new WacResolutionError(kind, this.source, message, span, label, cause === undefined ? undefined : { cause });
  }

  resolve(): CompositionPlan {
    for (const stmt of this.doc.statements) {
      switch (stmt.kind) {
        case 'import':
          this.importStatement(stmt);
          break;
        case 'let':
          this.register(stmt.id, this.expr(stmt.expr));
          break;
        case 'export':
          this.exportStatement(stmt);
          break;
        default:
          this.typeStatement(stmt);
      }
    }
    this.checkImplicitImports();
    const targets = this.doc.directive.targets;
    if (targets) this.validateTarget(targets);
    const pkg = this.doc.directive.package;
    return {
      package: { name: pkg.name, ...(pkg.version ? { version: pkg.version } : {}) },
      ...(targets ? { targets: targets.text } : {}),
      nodes: this.nodes,
      names: this.names,
      exports: this.exports,
      exportSpans: this.exportSpans,
      packages: this.packagesUsed,
    };
  }

  // --- scopes ---------------------------------------------------------------

  private get current(): Map<string, ScopeItem> {
    return this.scopes[this.scopes.length - 1] as Map<string, ScopeItem>;
  }

  private get root(): Map<string, ScopeItem> {
    return this.scopes[0] as Map<string, ScopeItem>;
  }

  private register(id: A.Ident, item: ScopeItem): void {
    const previous = this.current.get(id.name);
    if (previous) throw this.error('duplicate-name', `\`${id.name}\` is already defined`, id.span, `\`${id.name}\` redefined here`);
    this.current.set(id.name, { ...item, span: id.span });
    if (item.node !== undefined && !this.names.has(item.node)) this.names.set(item.node, id.name);
  }

  private lookup(id: A.Ident, rootToo = true): ScopeItem {
    const item = this.current.get(id.name) ?? (rootToo ? this.root.get(id.name) : undefined);
    if (!item) throw this.error('undefined-name', `undefined name \`${id.name}\``, id.span, `undefined name \`${id.name}\``);
    return item;
  }

  private addNode(node: PlanNode): number {
    this.nodes.push(node);
    return this.nodes.length - 1;
  }

  private shapeOf(item: ScopeItem): ItemShape {
    if (item.type === undefined) return nodeShape(this.nodes[item.node as number] as PlanNode);
    const t = item.type;
    switch (t.category) {
      case 'interface':
        return { kind: 'instance', ...(t.exports ? { exports: t.exports } : {}) };
      case 'world':
        return { kind: 'component', ...(t.exports ? { exports: t.exports } : {}), ...(t.imports ? { imports: t.imports } : {}) };
      case 'func':
        return { kind: 'func' };
      default:
        return { kind: 'type' };
    }
  }

  private describe(item: ScopeItem): string {
    if (item.type) return item.type.desc;
    return KIND_DESC[this.shapeOf(item).kind];
  }

  // --- packages -------------------------------------------------------------

  private findPackage(name: string, version: string | undefined, span: Span): { pkg: WacPackage; shape: PackageShape } {
    const candidates = this.available.filter((p) => p.name === name);
    let pkg = version === undefined ? candidates.find((p) => p.version === undefined) : candidates.find((p) => p.version === version);
    if (!pkg && candidates.length === 1) pkg = candidates[0];
    if (!pkg || name === this.doc.directive.package.name) {
      throw this.error('unknown-package', `unknown package \`${name}\``, span, `unknown package \`${name}\``);
    }
    let shape = this.shapes.get(pkg);
    if (!shape) {
      try {
        shape = packageShape(pkg);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const why = pkg.file !== undefined ? `${pkg.file}: ${message}` : message;
        throw new WacResolutionError(
          'package-parse-failure',
          this.source,
          `failed to parse package \`${name}\``,
          span,
          `package \`${name}\` failed to parse`,
          { cause: err, reasons: [why] },
        );
      }
      this.shapes.set(pkg, shape);
    }
    this.packagesUsed.set(version ? `${name}@${version}` : name, pkg);
    return { pkg, shape };
  }

  /** What a package defines at its top level: for a WIT package its interfaces and worlds, for a component its exports. */
  private definitions(shape: PackageShape): Map<string, ItemShape> {
    const defs = new Map<string, ItemShape>();
    for (const [name, item] of shape.exports) {
      if (shape.wit && item.definition) {
        typeDefinitions.add(item.definition);
        defs.set(name, item.definition);
      } else {
        defs.set(name, item);
      }
    }
    return defs;
  }

  private resolvePackagePath(path: A.PackagePath): { shape: ItemShape; local?: ScopeItem } {
    const segSpans = segmentSpans(path);
    if (path.name === this.doc.directive.package.name) {
      const [first, ...rest] = segSpans;
      const firstSeg = first as { name: string; span: Span };
      let item = this.lookup({ name: firstSeg.name, span: firstSeg.span });
      let shape = this.shapeOf(item);
      let current = firstSeg.name;
      for (const seg of rest) {
        const next = shape.exports?.get(seg.name);
        if (!next) {
          throw this.error(
            'package-missing-export',
            `\`${current}\` (${this.describe(item)}) has no export named \`${seg.name}\``,
            seg.span,
            `unknown export \`${seg.name}\``,
          );
        }
        shape = next;
        item = { span: seg.span, type: { category: 'value', desc: KIND_DESC[next.kind], containsBorrow: false } };
        current = seg.name;
      }
      return rest.length === 0 ? { shape, local: item } : { shape };
    }
    const { shape: pkgShape } = this.findPackage(path.name, path.version, {
      start: path.span.start,
      end: path.span.start + path.name.length,
    });
    let found: ItemShape | undefined;
    let parentDesc: string | undefined;
    let prev = '';
    for (const [i, seg] of segSpans.entries()) {
      if (i === 0) {
        found = this.definitions(pkgShape).get(seg.name);
      } else {
        parentDesc = found ? descOfShape(found) : undefined;
        found = found?.exports?.get(seg.name);
      }
      if (!found) {
        const prefix = i === 0 ? '' : `${parentDesc} \`${prev}\` in `;
        throw this.error(
          'package-missing-export',
          `${prefix}package \`${path.name}\` has no export named \`${seg.name}\``,
          seg.span,
          `unknown export \`${seg.name}\``,
        );
      }
      prev = prev ? `${prev}/${seg.name}` : seg.name;
    }
    return { shape: found as ItemShape };
  }

  // --- statements -----------------------------------------------------------

  private importStatement(stmt: A.ImportStatement): void {
    let name: string;
    let span: Span;
    if (stmt.name) {
      name = stmt.name.kind === 'ident' ? stmt.name.ident.name : stmt.name.string.value;
      span = stmt.name.span;
    } else if (stmt.type.kind === 'package') {
      name = stmt.type.path.text;
      span = stmt.type.path.span;
    } else {
      name = stmt.id.name;
      span = stmt.id.span;
      if (stmt.type.kind === 'ident') {
        // wac: an imported interface or world declared in the document is imported under its id
        const category = this.current.get(stmt.type.ident.name)?.type?.category;
        if (category === 'interface' || category === 'world') {
          const pkg = this.doc.directive.package;
          name = `${pkg.name}/${stmt.type.ident.name}${pkg.version ? `@${pkg.version}` : ''}`;
        }
      }
    }
    let shape: ItemShape;
    switch (stmt.type.kind) {
      case 'package':
        shape = promote(this.resolvePackagePath(stmt.type.path).shape);
        break;
      case 'func':
        this.funcType(stmt.type.func);
        shape = { kind: 'func' };
        break;
      case 'interface':
        shape = { kind: 'instance', exports: this.interfaceItems(stmt.type.iface.items) };
        break;
      case 'ident':
        shape = promote(this.shapeOf(this.lookup(stmt.type.ident, false)));
        break;
    }
    const invalid = validExternName(name);
    if (invalid)
      throw this.error('invalid-extern-name', `import name \`${name}\` is not valid: ${invalid}`, span, `invalid name \`${name}\``);
    const previous = this.importsByName.get(name);
    if (previous !== undefined) {
      throw this.error(
        'duplicate-extern-name',
        `duplicate import \`${name}\``,
        span,
        stmt.name
          ? `duplicate import name \`${name}\``
          : `duplicate import name \`${name}\` (consider using an \`as\` clause to use a different name)`,
      );
    }
    const node = this.addNode({ kind: 'import', name, shape, span, type: stmt.type });
    this.importsByName.set(name, node);
    this.importNames.set(node, name);
    this.register(stmt.id, { span: stmt.id.span, node });
  }

  private typeStatement(stmt: A.TypeStatement): void {
    let type: LocalType;
    switch (stmt.kind) {
      case 'interface':
        type = {
          category: 'interface',
          desc: 'interface',
          containsBorrow: false,
          exports: this.withScope(() => this.interfaceItems(stmt.items)),
        };
        break;
      case 'world':
        type = this.worldDecl(stmt);
        break;
      default:
        type = this.typeDecl(stmt);
    }
    const name = stmt.id.name;
    if (this.exports.has(name)) {
      throw this.error(
        'declaration-conflict',
        `type declaration \`${name}\` conflicts with a previous export of the same name`,
        stmt.id.span,
        'conflicting type declaration',
      );
    }
    const node = this.addNode({ kind: 'definition', name, decl: stmt, span: stmt.id.span });
    this.register(stmt.id, { span: stmt.id.span, node, type });
  }

  private exportStatement(stmt: A.ExportStatement): void {
    const item = this.expr(stmt.expr);
    const options = stmt.options;
    if (options.kind === 'none') {
      const name = this.inferExportName(item);
      if (name === undefined) {
        throw this.error(
          'export-requires-as',
          'export statement requires an `as` clause as the export name cannot be inferred',
          stmt.expr.span,
          'an `as` clause is required',
        );
      }
      this.exportItem(item, name, stmt.expr.span, true);
    } else if (options.kind === 'rename') {
      const name = options.name.kind === 'ident' ? options.name.ident.name : options.name.string.value;
      this.exportItem(item, name, options.name.span, false);
    } else {
      const shape = this.shapeOf(item);
      if (shape.kind !== 'instance') throw this.notAnInstance(item, 'a spread operation', stmt.expr.span);
      let exported = false;
      for (const [name, exportShape] of shape.exports ?? []) {
        if (this.exports.has(name)) continue;
        const alias = this.alias(item, name, exportShape, stmt.expr.span);
        this.exportItem({ span: stmt.expr.span, node: alias }, name, options.span, false);
        exported = true;
      }
      if (!exported) {
        throw this.error(
          'spread-export-no-effect',
          'instance has no exports or all exports of the instance match previously exported names',
          stmt.expr.span,
          'spreading the exports of this instance has no effect',
        );
      }
    }
  }

  private inferExportName(item: ScopeItem): string | undefined {
    if (item.node === undefined) return undefined;
    return this.importNames.get(item.node) ?? this.aliasNames.get(item.node);
  }

  private exportItem(item: ScopeItem, name: string, span: Span, hint: boolean): void {
    const definition = this.root.get(name);
    if (definition?.node !== undefined && this.nodes[definition.node]?.kind === 'definition') {
      throw this.error(
        'export-conflict',
        `export \`${name}\` conflicts with ${this.describe(definition)} definition`,
        span,
        `conflicting export of \`${name}\``,
      );
    }
    const invalid = validExternName(name);
    if (invalid)
      throw this.error('invalid-extern-name', `export name \`${name}\` is not valid: ${invalid}`, span, `invalid name \`${name}\``);
    if (this.exports.has(name)) {
      throw this.error(
        'duplicate-extern-name',
        `duplicate export \`${name}\``,
        span,
        hint
          ? `duplicate export name \`${name}\` (consider using an \`as\` clause to use a different name)`
          : `duplicate export name \`${name}\``,
      );
    }
    if (item.node === undefined) throw this.error('not-value-type', `\`${name}\` cannot be exported`, span);
    this.exports.set(name, item.node);
    this.exportSpans.set(name, span);
  }

  // --- expressions ----------------------------------------------------------

  private expr(expr: A.Expr): ScopeItem {
    let item = this.primary(expr.primary);
    let parentSpan = expr.primary.span;
    for (const postfix of expr.postfix) {
      item = this.postfix(item, postfix, parentSpan);
      parentSpan = postfix.span;
    }
    return item;
  }

  private primary(expr: A.PrimaryExpr): ScopeItem {
    switch (expr.kind) {
      case 'new':
        return this.newExpr(expr);
      case 'nested':
        return this.expr(expr.inner);
      case 'ident':
        return this.lookup(expr.ident, false);
    }
  }

  private notAnInstance(item: ScopeItem, operation: string, span: Span): WacResolutionError {
    return this.error(
      'not-an-instance',
      `an instance is required to perform ${operation}`,
      span,
      `this evaluated to a ${this.describe(item)} when an instance was expected`,
    );
  }

  private alias(item: ScopeItem, name: string, shape: ItemShape, span: Span): number {
    const instance = item.node as number;
    const existing = this.nodes.findIndex((n) => n.kind === 'alias' && n.instance === instance && n.export === name);
    if (existing >= 0) return existing;
    const node = this.addNode({ kind: 'alias', instance, export: name, shape, span });
    this.aliasNames.set(node, name);
    return node;
  }

  private postfix(item: ScopeItem, expr: A.PostfixExpr, parentSpan: Span): ScopeItem {
    const shape = this.shapeOf(item);
    if (shape.kind !== 'instance' || item.node === undefined) throw this.notAnInstance(item, 'an access operation', parentSpan);
    const exports = shape.exports;
    let name: string;
    if (expr.kind === 'access') {
      name = (exports && findMatchingInterfaceName(expr.id.name, exports.keys())) ?? expr.id.name;
    } else {
      name = expr.name.value;
    }
    const exportShape = exports?.get(name);
    if (exports && !exportShape) {
      throw this.error('missing-instance-export', `the instance has no export named \`${name}\``, expr.span, `unknown export \`${name}\``);
    }
    return { span: expr.span, node: this.alias(item, name, exportShape ?? { kind: 'instance' }, parentSpan) };
  }

  private newExpr(expr: A.NewExpr): ScopeItem {
    const { shape } = this.findPackage(expr.package.name, expr.package.version, expr.package.span);
    if (shape.wit) {
      throw new WacResolutionError(
        'package-parse-failure',
        this.source,
        `failed to parse package \`${expr.package.name}\``,
        expr.package.span,
        `package \`${expr.package.name}\` failed to parse`,
        {
          reasons: [
            `package \`${expr.package.name}\` is a WIT package, not a component: it can give types (\`import\`, \`use\`, \`targets\`), but \`new\` needs a component (.wasm or .wat)`,
          ],
        },
      );
    }
    const expected = shape.imports;
    const args = new Map<string, { node: number; span: Span }>();
    let fill = false;
    for (const [i, arg] of expr.args.entries()) {
      let name: string;
      let item: ScopeItem;
      let span: Span;
      if (arg.kind === 'spread') continue;
      if (arg.kind === 'fill') {
        if (i !== expr.args.length - 1) {
          throw this.error(
            'fill-argument-not-last',
            'implicit import argument `...` must be the last argument',
            arg.span,
            'must be last argument',
          );
        }
        fill = true;
        continue;
      }
      if (arg.kind === 'inferred') {
        item = this.lookup(arg.id, false);
        span = arg.id.span;
        name = this.inferArgumentName(item, arg.id.name, expected);
      } else {
        item = this.expr(arg.expr);
        span = arg.name.span;
        name =
          arg.name.kind === 'ident'
            ? (findMatchingInterfaceName(arg.name.ident.name, expected.keys()) ?? arg.name.ident.name)
            : arg.name.string.value;
      }
      if (args.has(name)) {
        throw this.error(
          'duplicate-instantiation-arg',
          `duplicate instantiation argument \`${name}\``,
          span,
          `duplicate argument \`${name}\``,
        );
      }
      if (item.node === undefined) {
        throw this.error(
          'mismatched-instantiation-arg',
          `mismatched instantiation argument \`${name}\``,
          span,
          `a ${this.describe(item)} is not a value`,
        );
      }
      args.set(name, { node: item.node, span });
    }
    for (const arg of expr.args) {
      if (arg.kind !== 'spread') continue;
      const item = this.lookup(arg.id, false);
      const itemShape = this.shapeOf(item);
      if (itemShape.kind !== 'instance' || item.node === undefined) throw this.notAnInstance(item, 'a spread operation', arg.id.span);
      let spread = false;
      for (const name of expected.keys()) {
        if (args.has(name)) continue;
        const exportShape = itemShape.exports?.get(name);
        if (!exportShape) continue;
        args.set(name, { node: this.alias(item, name, exportShape, arg.id.span), span: arg.id.span });
        spread = true;
      }
      if (!spread) {
        throw this.error(
          'spread-instantiation-no-match',
          'the instance has no matching exports for the remaining unsatisfied arguments',
          arg.id.span,
          'no matching exports for the instance',
        );
      }
    }
    for (const [name, { node, span }] of args) {
      const wanted = expected.get(name);
      if (!wanted) {
        throw this.error(
          'missing-component-import',
          `component \`${expr.package.name}\` has no import named \`${name}\``,
          span,
          `unknown import \`${name}\``,
        );
      }
      const given = nodeShape(this.nodes[node] as PlanNode);
      if (given.kind !== wanted.kind) {
        throw this.error(
          'mismatched-instantiation-arg',
          `mismatched instantiation argument \`${name}\`: expected ${KIND_DESC[wanted.kind]}, found ${KIND_DESC[given.kind]}`,
          span,
          `mismatched argument \`${name}\``,
        );
      }
    }
    if (!fill) {
      for (const name of expected.keys()) {
        if (!args.has(name)) {
          throw this.error(
            'missing-instantiation-arg',
            `missing instantiation argument \`${name}\` for package \`${expr.package.text}\``,
            expr.package.span,
            `missing argument \`${name}\``,
          );
        }
      }
    }
    const node = this.addNode({
      kind: 'instantiation',
      package: expr.package.name,
      ...(expr.package.version ? { version: expr.package.version } : {}),
      shape,
      args: new Map([...args].map(([name, a]) => [name, a.node])),
      argSpans: new Map([...args].map(([name, a]) => [name, a.span])),
      fill,
      span: expr.package.span,
    });
    return { span: expr.span, node };
  }

  private inferArgumentName(item: ScopeItem, id: string, expected: Map<string, ItemShape>): string {
    if (item.node !== undefined) {
      const source = this.importNames.get(item.node) ?? this.aliasNames.get(item.node);
      if (source !== undefined && expected.has(source)) return source;
    }
    return findMatchingInterfaceName(id, expected.keys()) ?? id;
  }

  /** Implicit imports (from `...`) may not clash with explicit imports; two implicit imports of one name must agree in kind. */
  private checkImplicitImports(): void {
    const implicit = new Map<string, { shape: ItemShape; from: number }>();
    for (const [id, node] of this.nodes.entries()) {
      if (node.kind !== 'instantiation' || !node.fill) continue;
      for (const [name, shape] of node.shape.imports) {
        if (node.args.has(name)) continue;
        if (this.importsByName.has(name)) {
          throw this.error(
            'import-conflict',
            `import \`${name}\` conflicts with an item that was implicitly imported by an instantiation of \`${node.package}\``,
            node.span,
            `conflicting instantiation of \`${node.package}\``,
          );
        }
        const previous = implicit.get(name);
        if (previous && previous.shape.kind !== shape.kind) {
          throw this.error(
            'implicit-import-merge',
            `failed to merge the type definition for implicit import \`${name}\` due to conflicting types`,
            node.span,
            `conflicting instantiation of \`${node.package}\``,
          );
        }
        if (!previous) implicit.set(name, { shape, from: id });
      }
    }
  }

  private validateTarget(path: A.PackagePath): void {
    const { shape } = this.resolvePackagePath(path);
    if (shape.kind !== 'component') {
      throw this.error(
        'not-world',
        `\`${path.text}\` (${descOfShape(shape)}) is not a world`,
        path.span,
        `\`${path.text}\` is not a world`,
      );
    }
    const worldImports = shape.imports ?? new Map<string, ItemShape>();
    const check = (name: string, given: ItemShape, span: Span) => {
      const wanted = worldImports.get(name);
      if (!wanted) {
        throw this.error(
          'import-not-in-target',
          `target world \`${path.text}\` does not have an import named \`${name}\``,
          span,
          'import not in target world',
        );
      }
      if (promote(wanted).kind !== given.kind) {
        throw this.error(
          'target-mismatch',
          `import \`${name}\` has a mismatched type for target world \`${path.text}\``,
          span,
          'mismatched type',
        );
      }
    };
    for (const node of this.nodes) {
      if (node.kind === 'import') check(node.name, node.shape, node.span);
      if (node.kind === 'instantiation' && node.fill) {
        for (const [name, s] of node.shape.imports) if (!node.args.has(name)) check(name, s, node.span);
      }
    }
    for (const [name, wanted] of shape.exports ?? []) {
      const node = this.exports.get(name);
      if (node === undefined) {
        throw this.error(
          'missing-target-export',
          `target world \`${path.text}\` requires an export named \`${name}\``,
          path.span,
          `must export a ${descOfShape(wanted)} named \`${name}\` to target this world`,
        );
      }
      const given = nodeShape(this.nodes[node] as PlanNode);
      if (given.kind !== promote(wanted).kind) {
        throw this.error(
          'target-mismatch',
          `export \`${name}\` has a mismatched type for target world \`${path.text}\``,
          this.exportSpans.get(name) ?? path.span,
          'mismatched type',
        );
      }
    }
  }

  // --- type declarations (checked at the level of names and kinds) ---------------

  private withScope<T>(f: () => T): T {
    this.scopes.push(new Map());
    try {
      return f();
    } finally {
      this.scopes.pop();
    }
  }

  private duplicate(what: string, span: Span): WacResolutionError {
    return this.error('duplicate-member', what, span, 'duplicate here');
  }

  private lookupType(id: A.Ident): ScopeItem {
    return this.lookup(id, true);
  }

  private valueType(type: A.Type): { desc: string; containsBorrow: boolean } {
    switch (type.kind) {
      case 'primitive':
        return { desc: type.name, containsBorrow: false };
      case 'tuple': {
        const inner = type.types.map((t) => this.valueType(t));
        return { desc: 'tuple', containsBorrow: inner.some((t) => t.containsBorrow) };
      }
      case 'list':
        return { desc: 'list', containsBorrow: this.valueType(type.element).containsBorrow };
      case 'option':
        return { desc: 'option', containsBorrow: this.valueType(type.inner).containsBorrow };
      case 'result': {
        const ok = type.ok ? this.valueType(type.ok).containsBorrow : false;
        const err = type.err ? this.valueType(type.err).containsBorrow : false;
        return { desc: 'result', containsBorrow: ok || err };
      }
      case 'borrow': {
        const item = this.lookupType(type.resource);
        if (item.type?.category !== 'resource') {
          throw this.error(
            'not-resource-type',
            `\`${type.resource.name}\` (${this.describe(item)}) is not a resource type`,
            type.resource.span,
            `\`${type.resource.name}\` is not a resource type`,
          );
        }
        return { desc: 'borrow', containsBorrow: true };
      }
      case 'ident': {
        const item = this.lookupType(type.ident);
        const category = item.type?.category;
        if (category !== 'value' && category !== 'resource') {
          throw this.error(
            'not-value-type',
            `\`${type.ident.name}\` (${this.describe(item)}) cannot be used as a value type`,
            type.ident.span,
            `\`${type.ident.name}\` not a value type`,
          );
        }
        return { desc: category === 'resource' ? 'own' : (item.type?.desc ?? 'type'), containsBorrow: item.type?.containsBorrow ?? false };
      }
    }
  }

  private funcType(func: A.FuncType, kind = 'function'): void {
    const seen = new Set<string>();
    for (const p of func.params) {
      if (seen.has(p.id.name)) throw this.duplicate(`duplicate ${kind} parameter \`${p.id.name}\``, p.id.span);
      seen.add(p.id.name);
      this.valueType(p.type);
    }
    if (func.result && this.valueType(func.result).containsBorrow) {
      throw this.error(
        'borrow-in-result',
        'function result cannot recursively contain a borrow type',
        func.result.span,
        'borrow type in result',
      );
    }
  }

  private typeDecl(decl: A.ItemTypeDecl): LocalType {
    switch (decl.kind) {
      case 'record': {
        const seen = new Set<string>();
        let containsBorrow = false;
        for (const f of decl.fields) {
          if (seen.has(f.id.name)) throw this.duplicate(`duplicate field \`${f.id.name}\` for record type \`${decl.id.name}\``, f.id.span);
          seen.add(f.id.name);
          containsBorrow ||= this.valueType(f.type).containsBorrow;
        }
        return { category: 'value', desc: 'record', containsBorrow };
      }
      case 'variant': {
        const seen = new Set<string>();
        let containsBorrow = false;
        for (const c of decl.cases) {
          if (seen.has(c.id.name)) throw this.duplicate(`duplicate case \`${c.id.name}\` for variant type \`${decl.id.name}\``, c.id.span);
          seen.add(c.id.name);
          if (c.type) containsBorrow ||= this.valueType(c.type).containsBorrow;
        }
        return { category: 'value', desc: 'variant', containsBorrow };
      }
      case 'enum': {
        const seen = new Set<string>();
        for (const c of decl.cases) {
          if (seen.has(c.id.name)) throw this.duplicate(`duplicate case \`${c.id.name}\` for enum type \`${decl.id.name}\``, c.id.span);
          seen.add(c.id.name);
        }
        return { category: 'value', desc: 'enum', containsBorrow: false };
      }
      case 'flags': {
        const seen = new Set<string>();
        for (const f of decl.flags) {
          if (seen.has(f.id.name)) throw this.duplicate(`duplicate flag \`${f.id.name}\` for flags type \`${decl.id.name}\``, f.id.span);
          seen.add(f.id.name);
        }
        return { category: 'value', desc: 'flags', containsBorrow: false };
      }
      case 'alias': {
        if (decl.target.kind === 'func') {
          this.funcType(decl.target.func);
          return { category: 'func', desc: 'function type', containsBorrow: false };
        }
        const t = decl.target.type;
        if (t.kind === 'ident') {
          const item = this.lookupType(t.ident);
          const category = item.type?.category;
          if (category === 'value' || category === 'func' || category === 'resource') {
            return { ...(item.type as LocalType) };
          }
          throw this.error(
            'invalid-alias-type',
            `\`${t.ident.name}\` (${this.describe(item)}) cannot be used in a type alias`,
            t.ident.span,
            `\`${t.ident.name}\` cannot be aliased`,
          );
        }
        return { category: 'value', ...this.valueType(t) };
      }
      case 'resource': {
        let hasConstructor = false;
        const methods = new Set<string>();
        for (const m of decl.methods) {
          if (m.kind === 'constructor') {
            if (hasConstructor) throw this.duplicate(`duplicate constructor for resource \`${decl.id.name}\``, m.span);
            hasConstructor = true;
            this.funcType({ params: m.params, span: m.span }, 'constructor');
          } else {
            if (methods.has(m.id.name))
              throw this.duplicate(`duplicate method \`${m.id.name}\` for resource \`${decl.id.name}\``, m.id.span);
            methods.add(m.id.name);
            this.funcType(m.func, m.isStatic ? 'static method' : 'method');
          }
        }
        return { category: 'resource', desc: 'resource', containsBorrow: false };
      }
    }
  }

  private useDecl(use: A.UseDecl): void {
    let exports: Map<string, ItemShape> | undefined;
    let ifaceName: string;
    if (use.path.kind === 'ident') {
      const item = this.lookupType(use.path.ident);
      ifaceName = use.path.ident.name;
      if (item.type?.category !== 'interface') {
        throw this.error(
          'not-interface',
          `\`${ifaceName}\` (${this.describe(item)}) is not an interface`,
          use.path.ident.span,
          `\`${ifaceName}\` is not an interface`,
        );
      }
      exports = item.type.exports;
    } else {
      ifaceName = use.path.path.text;
      const shape = this.resolvePackagePath(use.path.path).shape;
      if (shape.kind !== 'instance') {
        throw this.error(
          'not-interface',
          `\`${ifaceName}\` (${descOfShape(shape)}) is not an interface`,
          use.path.span,
          `\`${ifaceName}\` is not an interface`,
        );
      }
      exports = shape.exports;
    }
    for (const item of use.items) {
      const found = exports?.get(item.id.name);
      if (exports && found?.kind !== 'type') {
        throw this.error(
          found ? 'not-value-type' : 'package-missing-export',
          found
            ? `\`${item.id.name}\` (${descOfShape(found)}) is not a value type in interface \`${ifaceName}\``
            : `a type named \`${item.id.name}\` is not defined in interface \`${ifaceName}\``,
          item.id.span,
          found ? `\`${item.id.name}\` is not a value type` : `\`${item.id.name}\` is not a type`,
        );
      }
      const local = item.as ?? item.id;
      const category = found?.resource ? 'resource' : 'value';
      this.register(local, {
        span: local.span,
        type: { category, desc: category === 'resource' ? 'resource' : 'type', containsBorrow: false },
      });
    }
  }

  private interfaceItems(items: A.InterfaceItem[]): Map<string, ItemShape> {
    return this.withScope(() => {
      const exports = new Map<string, ItemShape>();
      for (const item of items) {
        if (item.kind === 'use') {
          this.useDecl(item);
        } else if (item.kind === 'interface-export') {
          if (exports.has(item.id.name)) throw this.duplicate(`duplicate interface export \`${item.id.name}\``, item.id.span);
          if (item.type.kind === 'func') this.funcType(item.type.func);
          else {
            const t = this.lookupType(item.type.ident);
            if (t.type?.category !== 'func') {
              throw this.error(
                'not-func-type',
                `\`${item.type.ident.name}\` (${this.describe(t)}) is not a function type`,
                item.type.ident.span,
                `\`${item.type.ident.name}\` is not a function type`,
              );
            }
          }
          exports.set(item.id.name, { kind: 'func' });
        } else {
          const type = this.typeDecl(item);
          this.register(item.id, { span: item.id.span, type });
          exports.set(item.id.name, item.kind === 'resource' ? { kind: 'type', resource: true } : { kind: 'type' });
        }
      }
      return exports;
    });
  }

  private worldDecl(world: A.WorldDecl): LocalType {
    return this.withScope(() => {
      const imports = new Map<string, ItemShape>();
      const exports = new Map<string, ItemShape>();
      for (const item of world.items) {
        if (item.kind === 'use') this.useDecl(item);
        else if (item.kind === 'world-import' || item.kind === 'world-export') {
          const into = item.kind === 'world-import' ? imports : exports;
          const what = item.kind === 'world-import' ? 'import' : 'export';
          const { name, shape, span } = this.worldItemPath(item.path);
          if (into.has(name)) {
            throw this.error(
              'duplicate-name',
              `${what} \`${name}\` conflicts with existing ${what} of the same name in world \`${world.id.name}\``,
              span,
              `conflicting ${what} \`${name}\``,
            );
          }
          into.set(name, shape);
        } else if (item.kind === 'include') {
          const source =
            item.world.kind === 'ident' ? this.shapeOf(this.lookupType(item.world.ident)) : this.resolvePackagePath(item.world.path).shape;
          if (source.kind !== 'component') {
            throw this.error(
              'not-world',
              `\`${item.world.kind === 'ident' ? item.world.ident.name : item.world.path.text}\` is not a world`,
              item.world.span,
            );
          }
          const renames = new Map(item.with.map((w) => [w.from.name, w.to.name]));
          for (const [name, shape] of source.imports ?? []) imports.set(renames.get(name) ?? name, shape);
          for (const [name, shape] of source.exports ?? []) exports.set(renames.get(name) ?? name, shape);
        } else {
          const type = this.typeDecl(item);
          this.register(item.id, { span: item.id.span, type });
        }
      }
      return { category: 'world', desc: 'world', containsBorrow: false, imports, exports };
    });
  }

  private worldItemPath(path: A.WorldItemPath): { name: string; shape: ItemShape; span: Span } {
    if (path.kind === 'package') return { name: path.path.text, shape: promote(this.resolvePackagePath(path.path).shape), span: path.span };
    if (path.kind === 'ident') {
      const item = this.lookupType(path.ident);
      if (item.type?.category !== 'interface') {
        throw this.error(
          'not-interface',
          `\`${path.ident.name}\` (${this.describe(item)}) is not an interface`,
          path.ident.span,
          `\`${path.ident.name}\` is not an interface`,
        );
      }
      return { name: path.ident.name, shape: this.shapeOf(item), span: path.span };
    }
    const t = path.type;
    if (t.kind === 'func') {
      this.funcType(t.func);
      return { name: path.id.name, shape: { kind: 'func' }, span: path.id.span };
    }
    if (t.kind === 'interface')
      return { name: path.id.name, shape: { kind: 'instance', exports: this.interfaceItems(t.iface.items) }, span: path.id.span };
    const item = this.lookupType(t.ident);
    const category = item.type?.category;
    if (category !== 'func' && category !== 'interface') {
      throw this.error(
        'not-func-type',
        `\`${t.ident.name}\` (${this.describe(item)}) is not a function type or interface`,
        t.ident.span,
        `\`${t.ident.name}\` is not a function type or interface`,
      );
    }
    return { name: path.id.name, shape: this.shapeOf(item), span: path.id.span };
  }
}

function segmentSpans(path: A.PackagePath): { name: string; span: Span }[] {
  let offset = path.span.start + path.name.length + 1;
  return path.segments.map((name) => {
    const span = { start: offset, end: offset + name.length };
    offset += name.length + 1;
    return { name, span };
  });
}

/** A type used as an extern (an interface used as an instance, a world as a component). */
function promote(shape: ItemShape): ItemShape {
  if (shape.kind === 'type' && shape.definition) return promote(shape.definition);
  return shape;
}

/** Shapes that a WIT package declares (`interface`, `world`) rather than a component's items. */
const typeDefinitions = new WeakSet<ItemShape>();

function descOfShape(shape: ItemShape): string {
  if (typeDefinitions.has(shape))
    return shape.kind === 'component' ? 'world' : shape.kind === 'instance' ? 'interface' : KIND_DESC[shape.kind];
  return KIND_DESC[shape.kind];
}

function nodeShape(node: PlanNode): ItemShape {
  switch (node.kind) {
    case 'import':
    case 'alias':
      return node.shape;
    case 'instantiation':
      return { kind: 'instance', exports: node.shape.exports };
    case 'definition':
      return { kind: 'type' };
  }
}

/** Resolves a parsed document; throws `WacResolutionError` (file, line, column, caret) on the first problem. */
export function resolveWac(source: WacSource, doc: A.Document, packages: WacPackage[]): CompositionPlan {
  return new Resolver(source, doc, packages).resolve();
}

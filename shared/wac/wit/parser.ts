/**
 * A recursive-descent parser for WIT files (wit-parser's grammar): a package
 * header, file-level `use`s, interfaces, worlds and nested `package … { }`
 * blocks, with feature gates (`@since`, `@unstable`, `@deprecated`). Errors
 * name the file, line and column with a caret.
 */
import { type Span, WacDiagnosticError, type WacSource } from '../diagnostics.ts';
import { isValidSemver } from '../parser.ts';
import type * as W from './ast.ts';
import { lexWit, type WitToken, type WitTokenKind } from './lexer.ts';

/** A WIT file that does not parse (`WIT_SYNTAX`) or a WIT package that does not resolve (`WIT_RESOLUTION`). */
export class WitError extends WacDiagnosticError {
  override get header(): string {
    return 'failed to parse WIT';
  }
}

const MAX_DEPTH = 100;
const PRIMS: Record<string, W.WitPrimitive> = {
  u8: 'u8',
  u16: 'u16',
  u32: 'u32',
  u64: 'u64',
  s8: 's8',
  s16: 's16',
  s32: 's32',
  s64: 's64',
  f32: 'f32',
  f64: 'f64',
  float32: 'f32',
  float64: 'f64',
  char: 'char',
  bool: 'bool',
  string: 'string',
};

function describe(kind: WitTokenKind | undefined): string {
  if (kind === undefined) return 'end of file';
  if (kind === 'id') return 'an identifier';
  if (kind === 'integer') return 'an integer';
  return `\`${kind}\``;
}

class WitParser {
  private readonly tokens: WitToken[];
  private pos = 0;
  private depth = 0;
  private readonly source: WacSource;

  constructor(source: WacSource) {
    this.source = source;
    const { tokens, error } = lexWit(source.text);
    if (error) throw new WitError('WIT_SYNTAX', source, error.message, error.span);
    this.tokens = tokens;
  }

  private fail(message: string, span: Span, label?: string): never {
    throw new WitError('WIT_SYNTAX', this.source, message, span, label);
  }

  private peek(offset = 0): WitToken | undefined {
    return this.tokens[this.pos + offset];
  }

  private get here(): Span {
    const t = this.peek();
    if (t) return t.span;
    const n = this.source.text.length;
    return { start: Math.max(0, n - 1), end: n };
  }

  private is(kind: WitTokenKind, offset = 0): boolean {
    return this.peek(offset)?.kind === kind;
  }

  private eat(kind: WitTokenKind): WitToken | undefined {
    if (this.is(kind)) return this.tokens[this.pos++];
    return undefined;
  }

  private expect(kind: WitTokenKind, what?: string): WitToken {
    const t = this.peek();
    if (t?.kind === kind) {
      this.pos++;
      return t;
    }
    this.fail(`expected ${what ?? describe(kind)}, found ${describe(t?.kind)}`, this.here, `expected ${what ?? describe(kind)}`);
  }

  private ident(): W.WitIdent {
    const t = this.peek();
    if (t?.kind === 'id') {
      this.pos++;
      return { name: t.text.startsWith('%') ? t.text.slice(1) : t.text, span: t.span };
    }
    this.fail(`expected an identifier, found ${describe(t?.kind)}`, this.here, 'expected an identifier');
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`type nesting is too deep (more than ${MAX_DEPTH} levels)`, this.here);
  }

  // --- versions and package names -------------------------------------------

  /** A semver after `@`: the adjacent tokens `1 . 2 . 3 - rc-1 + build`. */
  private version(): string {
    const first = this.peek();
    if (first?.kind !== 'integer') this.fail(`expected a version, found ${describe(first?.kind)}`, this.here, 'expected a version');
    let text = '';
    let end = first.span.start;
    const start = first.span.start;
    for (;;) {
      const t = this.peek();
      if (!t || t.span.start !== end) break;
      if (t.kind === '.') {
        const next = this.peek(1);
        if (!next || next.span.start !== t.span.end || (next.kind !== 'integer' && next.kind !== 'id')) break;
      } else if (t.kind !== 'integer' && t.kind !== 'id' && t.kind !== '-' && t.kind !== '+') break;
      text += t.text;
      end = t.span.end;
      this.pos++;
    }
    if (!isValidSemver(text)) this.fail(`\`${text}\` is not a valid semantic version`, { start, end }, 'invalid version');
    return text;
  }

  /** `ns:name@1.2.3` (`ns:nested:name` allowed). */
  private packageName(): W.WitPackageName {
    const first = this.ident();
    const parts = [first.name];
    this.expect(':');
    parts.push(this.ident().name);
    while (this.is(':') && this.is('id', 1)) {
      this.pos++;
      parts.push(this.ident().name);
    }
    const name = parts.pop() as string;
    const version = this.eat('@') ? this.version() : undefined;
    return { namespace: parts.join(':'), name, ...(version ? { version } : {}), span: { start: first.span.start, end: this.prevEnd() } };
  }

  private prevEnd(): number {
    return this.tokens[this.pos - 1]?.span.end ?? 0;
  }

  /** `name` or `ns:pkg/name@1.0.0`. */
  private usePath(): W.WitUsePath {
    const start = this.here.start;
    if (this.is('id') && this.is(':', 1)) {
      const first = this.ident();
      const parts = [first.name];
      this.expect(':');
      parts.push(this.ident().name);
      while (this.eat(':')) parts.push(this.ident().name);
      this.expect('/', '`/` and an interface or world name');
      const item = this.ident();
      const version = this.eat('@') ? this.version() : undefined;
      const name = parts.pop() as string;
      const span = { start, end: this.prevEnd() };
      return {
        kind: 'package',
        package: { namespace: parts.join(':'), name, ...(version ? { version } : {}), span },
        item,
        span,
      };
    }
    const name = this.ident();
    return { kind: 'local', name, span: name.span };
  }

  // --- gates ----------------------------------------------------------------

  private gate(): W.WitGate {
    const gate: W.WitGate = {};
    while (this.is('@')) {
      const at = this.expect('@');
      const which = this.ident();
      this.expect('(');
      const key = this.peek();
      if (key?.kind !== 'id' && key?.kind !== 'integer') this.fail('expected `version` or `feature`', this.here);
      const keyName = this.ident().name;
      this.expect('=');
      if (keyName === 'version') {
        const v = this.version();
        if (which.name === 'since') gate.since = v;
        else if (which.name === 'deprecated') gate.deprecated = v;
        else this.fail(`unknown attribute \`@${which.name}(version = …)\``, { start: at.span.start, end: which.span.end });
      } else if (keyName === 'feature') {
        const f = this.ident().name;
        if (which.name === 'unstable') gate.unstable = f;
        else this.fail(`unknown attribute \`@${which.name}(feature = …)\``, { start: at.span.start, end: which.span.end });
      } else {
        this.fail(`unknown attribute key \`${keyName}\``, this.here);
      }
      // `@since(version = x, feature = y)` (older WIT) is still read
      while (this.eat(',')) {
        const k = this.ident().name;
        this.expect('=');
        if (k === 'feature') this.ident();
        else this.version();
      }
      this.expect(')');
    }
    return gate;
  }

  // --- file -----------------------------------------------------------------

  file(): W.WitFile {
    const out: W.WitFile = { file: this.source.file, text: this.source.text, uses: [], interfaces: [], worlds: [], nested: [] };
    // the package header: `package a:b@1.0.0;` (a `package a:b { … }` block is a nested package)
    if (this.is('package') && !this.isNestedPackage()) {
      this.pos++;
      out.package = this.packageName();
      this.expect(';');
    }
    while (this.peek()) {
      const start = this.here.start;
      if (this.is('package')) {
        this.pos++;
        const pkg = this.packageName();
        this.expect('{');
        const interfaces: W.WitInterface[] = [];
        const worlds: W.WitWorld[] = [];
        while (!this.eat('}')) {
          const gate = this.gate();
          if (this.is('interface')) interfaces.push(this.interface(gate));
          else if (this.is('world')) worlds.push(this.world(gate));
          else this.fail(`expected \`interface\` or \`world\`, found ${describe(this.peek()?.kind)}`, this.here);
        }
        out.nested.push({ package: pkg, interfaces, worlds, span: { start, end: this.prevEnd() } });
        continue;
      }
      const gate = this.gate();
      if (this.is('use')) {
        this.pos++;
        const path = this.usePath();
        const as = this.eat('as') ? this.ident() : undefined;
        this.expect(';');
        out.uses.push({ path, ...(as ? { as } : {}), span: { start, end: this.prevEnd() } });
      } else if (this.is('interface')) out.interfaces.push(this.interface(gate));
      else if (this.is('world')) out.worlds.push(this.world(gate));
      else this.fail(`expected \`world\`, \`interface\` or \`use\`, found ${describe(this.peek()?.kind)}`, this.here);
    }
    return out;
  }

  private isNestedPackage(): boolean {
    // package a:b[:c][@v] {
    let i = this.pos + 1;
    while (this.tokens[i] && this.tokens[i]?.kind !== ';' && this.tokens[i]?.kind !== '{') i++;
    return this.tokens[i]?.kind === '{';
  }

  // --- interfaces -------------------------------------------------------------

  private interface(gate: W.WitGate): W.WitInterface {
    const start = this.expect('interface').span.start;
    const name = this.ident();
    this.expect('{');
    const items = this.interfaceItems();
    return { name, gate, items, span: { start, end: this.prevEnd() } };
  }

  private interfaceItems(): W.WitInterfaceItem[] {
    const items: W.WitInterfaceItem[] = [];
    while (!this.eat('}')) {
      if (!this.peek()) this.fail('expected `}`, found end of file', this.here);
      const gate = this.gate();
      if (this.is('use')) items.push(this.use(gate));
      else if (this.is('id') || (this.peek()?.text.startsWith('%') ?? false)) {
        const start = this.here.start;
        const name = this.ident();
        this.expect(':');
        const func = this.funcType();
        this.expect(';');
        items.push({ kind: 'func', gate, name, func, span: { start, end: this.prevEnd() } });
      } else items.push(this.typeDef(gate));
    }
    return items;
  }

  private use(gate: W.WitGate): W.WitUse {
    const start = this.expect('use').span.start;
    const from = this.usePath();
    this.expect('.');
    this.expect('{');
    const names: W.WitUse['names'] = [];
    while (!this.eat('}')) {
      const name = this.ident();
      const as = this.eat('as') ? this.ident() : undefined;
      names.push({ name, ...(as ? { as } : {}) });
      if (!this.eat(',')) {
        this.expect('}');
        break;
      }
    }
    this.expect(';');
    return { kind: 'use', gate, from, names, span: { start, end: this.prevEnd() } };
  }

  private typeDef(gate: W.WitGate): W.WitTypeDef {
    const t = this.peek();
    const start = this.here.start;
    const span = () => ({ start, end: this.prevEnd() });
    switch (t?.kind) {
      case 'resource': {
        this.pos++;
        const name = this.ident();
        const methods: W.WitResourceMethod[] = [];
        if (this.eat('{')) {
          while (!this.eat('}')) {
            const mGate = this.gate();
            const mStart = this.here.start;
            if (this.eat('constructor')) {
              const func = this.paramsAndResult(false, mStart);
              this.expect(';');
              methods.push({ kind: 'constructor', gate: mGate, func, span: { start: mStart, end: this.prevEnd() } });
            } else {
              const mName = this.ident();
              this.expect(':');
              const isStatic = this.eat('static') !== undefined;
              const func = this.funcType();
              this.expect(';');
              methods.push({
                kind: isStatic ? 'static' : 'method',
                gate: mGate,
                name: mName,
                func,
                span: { start: mStart, end: this.prevEnd() },
              });
            }
          }
        } else this.expect(';', '`;` or `{`');
        return { kind: 'resource', gate, name, methods, span: span() };
      }
      case 'record': {
        this.pos++;
        const name = this.ident();
        this.expect('{');
        const fields = this.list(() => {
          const fieldName = this.ident();
          this.expect(':');
          return { name: fieldName, type: this.type() };
        });
        return { kind: 'record', gate, name, fields, span: span() };
      }
      case 'variant': {
        this.pos++;
        const name = this.ident();
        this.expect('{');
        const cases = this.list(() => {
          const caseName = this.ident();
          if (this.eat('(')) {
            const type = this.type();
            this.expect(')');
            return { name: caseName, type };
          }
          return { name: caseName };
        });
        return { kind: 'variant', gate, name, cases, span: span() };
      }
      case 'enum':
      case 'flags': {
        this.pos++;
        const name = this.ident();
        this.expect('{');
        const names = this.list(() => {
          this.gate();
          return this.ident();
        });
        return t.kind === 'enum'
          ? { kind: 'enum', gate, name, cases: names, span: span() }
          : { kind: 'flags', gate, name, flags: names, span: span() };
      }
      case 'type': {
        this.pos++;
        const name = this.ident();
        this.expect('=');
        const type = this.type();
        this.expect(';');
        return { kind: 'alias', gate, name, type, span: span() };
      }
      default:
        this.fail(
          `expected \`type\`, \`resource\`, \`record\`, \`variant\`, \`enum\`, \`flags\`, \`use\` or a function, found ${describe(t?.kind)}`,
          this.here,
        );
    }
  }

  /** `a, b, c }` with an optional trailing comma; the `{` is already read. */
  private list<T>(item: () => T): T[] {
    const out: T[] = [];
    while (!this.eat('}')) {
      out.push(item());
      if (!this.eat(',')) {
        this.expect('}', '`,` or `}`');
        break;
      }
    }
    return out;
  }

  private funcType(): W.WitFuncType {
    const start = this.here.start;
    const isAsync = this.eat('async') !== undefined;
    this.expect('func');
    return this.paramsAndResult(isAsync, start);
  }

  private paramsAndResult(isAsync: boolean, start: number): W.WitFuncType {
    this.expect('(');
    const params: W.WitFuncType['params'] = [];
    while (!this.eat(')')) {
      const name = this.ident();
      this.expect(':');
      params.push({ name, type: this.type() });
      if (!this.eat(',')) {
        this.expect(')', '`,` or `)`');
        break;
      }
    }
    let result: W.WitType | undefined;
    if (this.eat('->')) {
      if (this.is('(')) this.fail('named results are not supported: give a single result type', this.here);
      result = this.type();
    }
    return { async: isAsync, params, ...(result ? { result } : {}), span: { start, end: this.prevEnd() } };
  }

  type(): W.WitType {
    this.enter();
    try {
      return this.typeInner();
    } finally {
      this.depth--;
    }
  }

  private typeInner(): W.WitType {
    const t = this.peek();
    if (!t) this.fail('expected a type, found end of file', this.here);
    const start = t.span.start;
    const span = () => ({ start, end: this.prevEnd() });
    const prim = PRIMS[t.kind];
    if (prim) {
      this.pos++;
      return { kind: 'prim', name: prim, span: t.span };
    }
    switch (t.kind) {
      case 'list': {
        this.pos++;
        this.expect('<');
        const element = this.type();
        let length: number | undefined;
        if (this.eat(',')) length = Number(this.expect('integer', 'a list length').text);
        this.expect('>');
        return { kind: 'list', element, ...(length !== undefined ? { length } : {}), span: span() };
      }
      case 'option': {
        this.pos++;
        this.expect('<');
        const type = this.type();
        this.expect('>');
        return { kind: 'option', type, span: span() };
      }
      case 'result': {
        this.pos++;
        if (!this.eat('<')) return { kind: 'result', span: t.span };
        let ok: W.WitType | undefined;
        let err: W.WitType | undefined;
        if (this.eat('_')) {
          this.expect(',');
          err = this.type();
        } else {
          ok = this.type();
          if (this.eat(',')) err = this.type();
        }
        this.expect('>');
        return { kind: 'result', ...(ok ? { ok } : {}), ...(err ? { err } : {}), span: span() };
      }
      case 'tuple': {
        this.pos++;
        this.expect('<');
        const types: W.WitType[] = [];
        do types.push(this.type());
        while (this.eat(',') && !this.is('>'));
        this.expect('>');
        return { kind: 'tuple', types, span: span() };
      }
      case 'own':
      case 'borrow': {
        this.pos++;
        this.expect('<');
        const resource = this.ident();
        this.expect('>');
        return { kind: t.kind, resource, span: span() };
      }
      case 'future':
      case 'stream': {
        this.pos++;
        if (!this.eat('<')) return { kind: t.kind, span: t.span };
        const type = this.type();
        this.expect('>');
        return { kind: t.kind, type, span: span() };
      }
      case 'error-context':
        this.pos++;
        return { kind: 'error-context', span: t.span };
      case 'id': {
        const name = this.ident();
        return { kind: 'named', name, span: name.span };
      }
      default:
        this.fail(`expected a type, found ${describe(t.kind)}`, t.span, 'expected a type');
    }
  }

  // --- worlds -------------------------------------------------------------------

  private world(gate: W.WitGate): W.WitWorld {
    const start = this.expect('world').span.start;
    const name = this.ident();
    this.expect('{');
    const items: W.WitWorldItem[] = [];
    while (!this.eat('}')) {
      if (!this.peek()) this.fail('expected `}`, found end of file', this.here);
      const itemGate = this.gate();
      const itemStart = this.here.start;
      if (this.is('import') || this.is('export')) {
        const kind = this.expect(this.is('import') ? 'import' : 'export').kind as 'import' | 'export';
        const extern = this.extern();
        items.push({ kind, gate: itemGate, extern, span: { start: itemStart, end: this.prevEnd() } });
      } else if (this.is('use')) items.push(this.use(itemGate));
      else if (this.eat('include')) {
        const path = this.usePath();
        const withs: { from: W.WitIdent; to: W.WitIdent }[] = [];
        if (this.eat('with')) {
          this.expect('{');
          while (!this.eat('}')) {
            const from = this.ident();
            this.expect('as');
            withs.push({ from, to: this.ident() });
            if (!this.eat(',')) {
              this.expect('}');
              break;
            }
          }
        } else this.expect(';');
        items.push({ kind: 'include', gate: itemGate, path, with: withs, span: { start: itemStart, end: this.prevEnd() } });
      } else items.push(this.typeDef(itemGate));
    }
    return { name, gate, items, span: { start, end: this.prevEnd() } };
  }

  private extern(): W.WitExtern {
    const start = this.here.start;
    if (this.is('id') && this.is(':', 1) && !this.is('id', 2)) {
      const name = this.ident();
      this.expect(':');
      if (this.eat('interface')) {
        this.expect('{');
        const items = this.interfaceItems();
        return { kind: 'interface', name, items, span: { start, end: this.prevEnd() } };
      }
      const func = this.funcType();
      this.expect(';');
      return { kind: 'func', name, func, span: { start, end: this.prevEnd() } };
    }
    const path = this.usePath();
    this.expect(';');
    return { kind: 'path', path, span: path.span };
  }
}

/** Parses one WIT file; throws WitError (code `WIT_SYNTAX`) with file, line, column and caret. */
export function parseWit(source: WacSource): W.WitFile {
  return new WitParser(source).file();
}

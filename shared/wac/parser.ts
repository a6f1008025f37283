/**
 * A recursive-descent parser for WAC, following the bytecodealliance/wac
 * grammar and its error messages (one token of lookahead, with the list of
 * tokens that would have been accepted).
 */
import type * as A from './ast.ts';
import { type Span, type WacSource, WacSyntaxError } from './diagnostics.ts';
import { type DocComment, describeToken, type LexError, lex, type Token, type TokenKind } from './lexer.ts';

const MAX_ATTEMPTS = 10;
/** Nesting limit for expressions and types (the parser is recursive; deeper input is refused, not a stack overflow). */
const MAX_DEPTH = 200;

/** Strict semantic version (as the `semver` crate accepts it). */
const SEMVER_RE =
  /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isValidSemver(version: string): boolean {
  return SEMVER_RE.test(version);
}

type Peeked = { kind: 'token'; token: Token } | { kind: 'error'; error: LexError } | { kind: 'eof' };

class Lookahead {
  readonly attempts: TokenKind[] = [];
  count = 0;
  private readonly parser: Parser;
  readonly next: Peeked;
  readonly span: Span;

  constructor(parser: Parser, next: Peeked, span: Span) {
    this.parser = parser;
    this.next = next;
    this.span = span;
  }

  peek(expected: TokenKind): boolean {
    if (this.next.kind === 'token' && this.next.token.kind === expected) return true;
    if (this.attempts.length < MAX_ATTEMPTS) this.attempts.push(expected);
    this.count++;
    return false;
  }

  error(): WacSyntaxError {
    const next = this.next;
    if (next.kind === 'error') return this.parser.lexError(next.error);
    const found = next.kind === 'token' ? next.token.kind : undefined;
    const span = next.kind === 'token' ? next.token.span : this.span;
    const foundText = describeToken(found);
    let expected: string;
    if (this.count === 1) {
      expected = `expected ${describeToken(this.attempts[0])}`;
    } else if (this.count === 2) {
      expected = `expected ${describeToken(this.attempts[0])} or ${describeToken(this.attempts[1])}`;
    } else {
      const parts = this.attempts.map((t, i) => `${i === this.count - 1 ? 'or ' : ''}${describeToken(t)}`);
      expected = `expected either ${parts.join(', ')}${this.count > this.attempts.length ? ', or more...' : ''}`;
    }
    return this.parser.syntaxError('expected', `${expected}, found ${foundText}`, span, `unexpected ${foundText}`);
  }
}

export class Parser {
  private readonly tokens: Token[];
  private readonly lexErr: LexError | undefined;
  private readonly trailingDocs: DocComment[];
  private pos = 0;
  private depth = 0;
  private lastSpan: Span = { start: 0, end: 0 };
  private readonly source: WacSource;

  constructor(source: WacSource) {
    this.source = source;
    const result = lex(source.text);
    this.tokens = result.tokens;
    this.lexErr = result.error;
    this.trailingDocs = result.trailingDocs;
  }

  syntaxError(kind: WacSyntaxError['kind'], message: string, span: Span, label?: string): WacSyntaxError {
    return new WacSyntaxError(kind, this.source, message, span, label);
  }

  lexError(error: LexError): WacSyntaxError {
    return this.syntaxError('lexer', error.message, error.span);
  }

  // --- token access -------------------------------------------------------

  private peekAt(offset: number): Peeked {
    const i = this.pos + offset;
    const token = this.tokens[i];
    if (token) return { kind: 'token', token };
    if (i === this.tokens.length && this.lexErr) return { kind: 'error', error: this.lexErr };
    return { kind: 'eof' };
  }

  private peekKind(offset = 0): TokenKind | undefined {
    const p = this.peekAt(offset);
    return p.kind === 'token' ? p.token.kind : undefined;
  }

  /** The span wac points at for "end of input": the last token read, moved back one if it ends the text. */
  private currentSpan(base: Span = this.lastSpan): Span {
    const len = this.source.text.length;
    if (base.end === len) {
      const start = Math.max(0, base.start - 1);
      return { start, end: start + 1 };
    }
    return base;
  }

  private lookahead(): Lookahead {
    return new Lookahead(this, this.peekAt(0), this.currentSpan());
  }

  private advance(): Token {
    const token = this.tokens[this.pos] as Token;
    this.pos++;
    this.lastSpan = token.span;
    return token;
  }

  private expect(kind: TokenKind): Token {
    const p = this.peekAt(0);
    if (p.kind === 'error') throw this.lexError(p.error);
    if (p.kind === 'eof') {
      const len = this.source.text.length;
      const span = this.currentSpan({ start: len, end: len });
      throw this.syntaxError('expected', `expected ${describeToken(kind)}, found end of input`, span, 'unexpected end of input');
    }
    if (p.token.kind !== kind) {
      this.pos++;
      this.lastSpan = p.token.span;
      const found = describeToken(p.token.kind);
      throw this.syntaxError('expected', `expected ${describeToken(kind)}, found ${found}`, p.token.span, `unexpected ${found}`);
    }
    return this.advance();
  }

  /** Consumes `kind` if it is next; a lexer error there is raised. */
  private optional(kind: TokenKind): Token | undefined {
    const p = this.peekAt(0);
    if (p.kind === 'error') throw this.lexError(p.error);
    if (p.kind === 'token' && p.token.kind === kind) return this.advance();
    return undefined;
  }

  private docs(): DocComment[] {
    const p = this.peekAt(0);
    if (p.kind === 'token') return p.token.docs;
    return this.pos >= this.tokens.length ? this.trailingDocs : [];
  }

  private from(start: Span): Span {
    return { start: start.start, end: Math.max(start.end, this.lastSpan.end) };
  }

  private startSpan(): Span {
    const p = this.peekAt(0);
    if (p.kind === 'token') return { start: p.token.span.start, end: p.token.span.start };
    return this.currentSpan();
  }

  private delimited<T>(until: TokenKind, withCommas: boolean, peek: (la: Lookahead) => boolean, parse: () => T): T[] {
    const items: T[] = [];
    for (;;) {
      const la = this.lookahead();
      if (la.peek(until)) break;
      if (!peek(la)) throw la.error();
      items.push(parse());
      const next = this.peekAt(0);
      if (next.kind === 'token') {
        if (next.token.kind === until) break;
        if (withCommas) this.expect(',');
      }
    }
    return items;
  }

  // --- leaves -------------------------------------------------------------

  private ident(): A.Ident {
    const t = this.expect('ident');
    return { name: t.text.startsWith('%') ? t.text.slice(1) : t.text, span: t.span };
  }

  private string(): A.StringLit {
    const t = this.expect('string');
    return { value: t.text.slice(1, -1), span: t.span };
  }

  private version(text: string, tokenSpan: Span): string | undefined {
    const at = text.indexOf('@');
    if (at < 0) return undefined;
    const version = text.slice(at + 1);
    if (!isValidSemver(version)) {
      throw this.syntaxError(
        'invalid-version',
        `\`${version}\` is not a valid semantic version`,
        { start: tokenSpan.start + at + 1, end: tokenSpan.end },
        'invalid version',
      );
    }
    return version;
  }

  private packageName(): A.PackageName {
    const t = this.expect('package-name');
    const version = this.version(t.text, t.span);
    const at = t.text.indexOf('@');
    return { text: t.text, name: at < 0 ? t.text : t.text.slice(0, at), ...(version ? { version } : {}), span: t.span };
  }

  private packagePath(): A.PackagePath {
    const t = this.expect('package-path');
    const version = this.version(t.text, t.span);
    const at = t.text.indexOf('@');
    const bare = at < 0 ? t.text : t.text.slice(0, at);
    const slash = bare.indexOf('/');
    return {
      text: t.text,
      name: bare.slice(0, slash),
      segments: bare.slice(slash + 1).split('/'),
      ...(version ? { version } : {}),
      span: t.span,
    };
  }

  private externName(): A.ExternName {
    const la = this.lookahead();
    if (la.peek('ident')) {
      const ident = this.ident();
      return { kind: 'ident', ident, span: ident.span };
    }
    if (la.peek('string')) {
      const string = this.string();
      return { kind: 'string', string, span: string.span };
    }
    throw la.error();
  }

  // --- document -----------------------------------------------------------

  document(): A.Document {
    const docs = this.docs();
    const start = this.startSpan();
    this.expect('package');
    const pkg = this.packageName();
    const targets = this.optional('targets') ? this.packagePath() : undefined;
    this.expect(';');
    const directive: A.PackageDirective = { package: pkg, ...(targets ? { targets } : {}), span: this.from(start) };
    const statements: A.Statement[] = [];
    for (;;) {
      const p = this.peekAt(0);
      if (p.kind === 'eof') break;
      statements.push(this.statement());
    }
    return { docs, directive, statements, span: { start: 0, end: this.source.text.length } };
  }

  private statement(): A.Statement {
    const la = this.lookahead();
    if (la.peek('import')) return this.importStatement();
    if (la.peek('let')) return this.letStatement();
    if (la.peek('export')) return this.exportStatement();
    if (la.peek('interface')) return this.interfaceDecl();
    if (la.peek('world')) return this.worldDecl();
    if (peekTypeDecl(la)) return this.typeDecl();
    throw la.error();
  }

  private importStatement(): A.ImportStatement {
    const docs = this.docs();
    const start = this.startSpan();
    this.expect('import');
    const id = this.ident();
    // `as` is wac's current spelling; `with` is the older one and is still accepted.
    const name = this.optional('as') || this.optional('with') ? this.externName() : undefined;
    this.expect(':');
    const type = this.importType();
    this.expect(';');
    return { kind: 'import', docs, id, ...(name ? { name } : {}), type, span: this.from(start) };
  }

  private importType(): A.ImportType {
    const la = this.lookahead();
    if (la.peek('func')) {
      const func = this.funcType();
      return { kind: 'func', func, span: func.span };
    }
    if (la.peek('interface')) {
      const iface = this.inlineInterface();
      return { kind: 'interface', iface, span: iface.span };
    }
    if (la.peek('package-path')) {
      const path = this.packagePath();
      return { kind: 'package', path, span: path.span };
    }
    if (la.peek('ident')) {
      const ident = this.ident();
      return { kind: 'ident', ident, span: ident.span };
    }
    throw la.error();
  }

  private letStatement(): A.LetStatement {
    const docs = this.docs();
    const start = this.startSpan();
    this.expect('let');
    const id = this.ident();
    this.expect('=');
    const expr = this.expr();
    this.expect(';');
    return { kind: 'let', docs, id, expr, span: this.from(start) };
  }

  private exportStatement(): A.ExportStatement {
    const docs = this.docs();
    const start = this.startSpan();
    this.expect('export');
    const expr = this.expr();
    let options: A.ExportOptions = { kind: 'none' };
    const next = this.peekKind();
    if (next === '...') {
      options = { kind: 'spread', span: this.advance().span };
    } else if (next === 'as') {
      this.advance();
      options = { kind: 'rename', name: this.externName() };
    }
    this.expect(';');
    return { kind: 'export', docs, expr, options, span: this.from(start) };
  }

  // --- expressions --------------------------------------------------------

  private enter(): void {
    if (++this.depth > MAX_DEPTH) {
      throw this.syntaxError('too-deep', `nesting is too deep (more than ${MAX_DEPTH} levels)`, this.startSpan(), 'nested too deeply');
    }
  }

  private expr(): A.Expr {
    this.enter();
    try {
      return this.exprInner();
    } finally {
      this.depth--;
    }
  }

  private exprInner(): A.Expr {
    const primary = this.primaryExpr();
    const postfix: A.PostfixExpr[] = [];
    for (;;) {
      const next = this.peekKind();
      if (next === '.') {
        const dot = this.advance();
        const id = this.ident();
        postfix.push({ kind: 'access', id, span: { start: dot.span.start, end: id.span.end } });
      } else if (next === '[') {
        const open = this.advance();
        const name = this.string();
        const close = this.expect(']');
        postfix.push({ kind: 'named-access', name, span: { start: open.span.start, end: close.span.end } });
      } else {
        break;
      }
    }
    const last = postfix[postfix.length - 1];
    return { primary, postfix, span: { start: primary.span.start, end: last ? last.span.end : primary.span.end } };
  }

  private primaryExpr(): A.PrimaryExpr {
    const la = this.lookahead();
    if (la.peek('new')) return this.newExpr();
    if (la.peek('(')) {
      const open = this.advance();
      const inner = this.expr();
      const close = this.expect(')');
      return { kind: 'nested', inner, span: { start: open.span.start, end: close.span.end } };
    }
    if (la.peek('ident')) {
      const ident = this.ident();
      return { kind: 'ident', ident, span: ident.span };
    }
    throw la.error();
  }

  private newExpr(): A.NewExpr {
    const start = this.expect('new').span;
    const pkg = this.packageName();
    this.expect('{');
    const args = this.delimited(
      '}',
      true,
      (la) => la.peek('...') || la.peek('ident') || la.peek('string'),
      () => this.instantiationArgument(),
    );
    const end = this.expect('}').span;
    return { kind: 'new', package: pkg, args, span: { start: start.start, end: end.end } };
  }

  private instantiationArgument(): A.InstantiationArgument {
    const la = this.lookahead();
    if (la.peek('...')) {
      const ellipsis = this.advance();
      const next = this.peekKind();
      if (next === ',' || next === '}') return { kind: 'fill', span: ellipsis.span };
      const id = this.ident();
      return { kind: 'spread', id, span: { start: ellipsis.span.start, end: id.span.end } };
    }
    if (la.peek('ident') || la.peek('string')) {
      if (this.peekKind(1) === ':') {
        const name = this.externName();
        this.expect(':');
        const expr = this.expr();
        return { kind: 'named', name, expr, span: { start: name.span.start, end: expr.span.end } };
      }
      const id = this.ident();
      return { kind: 'inferred', id, span: id.span };
    }
    throw la.error();
  }

  // --- types --------------------------------------------------------------

  private typeDecl(): A.TypeDecl {
    const la = this.lookahead();
    if (la.peek('variant')) return this.variantDecl();
    if (la.peek('record')) return this.recordDecl();
    if (la.peek('flags')) return this.flagsDecl();
    if (la.peek('enum')) return this.enumDecl();
    if (la.peek('type')) return this.typeAlias();
    throw la.error();
  }

  private itemTypeDecl(): A.ItemTypeDecl {
    const la = this.lookahead();
    if (la.peek('resource')) return this.resourceDecl();
    if (la.peek('variant')) return this.variantDecl();
    if (la.peek('record')) return this.recordDecl();
    if (la.peek('flags')) return this.flagsDecl();
    if (la.peek('enum')) return this.enumDecl();
    if (la.peek('type')) return this.typeAlias();
    throw la.error();
  }

  private resourceDecl(): A.ResourceDecl {
    const docs = this.docs();
    const start = this.expect('resource').span;
    const id = this.ident();
    const la = this.lookahead();
    let methods: A.ResourceMethod[] = [];
    if (la.peek(';')) {
      this.advance();
    } else if (la.peek('{')) {
      this.advance();
      methods = this.delimited(
        '}',
        false,
        (l) => l.peek('constructor') || l.peek('ident'),
        () => this.resourceMethod(),
      );
      this.expect('}');
    } else {
      throw la.error();
    }
    return { kind: 'resource', docs, id, methods, span: this.from(start) };
  }

  private resourceMethod(): A.ResourceMethod {
    const la = this.lookahead();
    if (la.peek('constructor')) {
      const docs = this.docs();
      const start = this.advance().span;
      this.expect('(');
      const params = this.delimited(
        ')',
        true,
        (l) => l.peek('ident'),
        () => this.namedType(),
      );
      this.expect(')');
      this.expect(';');
      return { kind: 'constructor', docs, params, span: this.from(start) };
    }
    if (la.peek('ident')) {
      const docs = this.docs();
      const id = this.ident();
      this.expect(':');
      const isStatic = this.peekKind() === 'static';
      if (isStatic) this.advance();
      const func = this.funcType();
      this.expect(';');
      return { kind: 'method', docs, id, isStatic, func, span: this.from(id.span) };
    }
    throw la.error();
  }

  private variantDecl(): A.VariantDecl {
    const docs = this.docs();
    const start = this.expect('variant').span;
    const id = this.ident();
    this.expect('{');
    const cases = this.delimited(
      '}',
      true,
      (la) => la.peek('ident'),
      () => {
        const caseDocs = this.docs();
        const caseId = this.ident();
        let type: A.Type | undefined;
        if (this.optional('(')) {
          type = this.type();
          this.expect(')');
        }
        return { docs: caseDocs, id: caseId, ...(type ? { type } : {}), span: this.from(caseId.span) };
      },
    );
    const close = this.expect('}').span;
    if (cases.length === 0) throw this.syntaxError('empty-type', 'variant must contain at least one case', close, 'empty variant');
    return { kind: 'variant', docs, id, cases, span: this.from(start) };
  }

  private recordDecl(): A.RecordDecl {
    const docs = this.docs();
    const start = this.expect('record').span;
    const id = this.ident();
    this.expect('{');
    const fields = this.delimited(
      '}',
      true,
      (la) => la.peek('ident'),
      () => {
        const fieldDocs = this.docs();
        const named = this.namedType();
        return { docs: fieldDocs, id: named.id, type: named.type, span: named.span };
      },
    );
    const close = this.expect('}').span;
    if (fields.length === 0) throw this.syntaxError('empty-type', 'record must contain at least one field', close, 'empty record');
    return { kind: 'record', docs, id, fields, span: this.from(start) };
  }

  private flagsDecl(): A.FlagsDecl {
    const { docs, start, id, items } = this.namedIdentList('flags', 'flags must contain at least one flag', 'empty flags');
    return { kind: 'flags', docs, id, flags: items, span: this.from(start) };
  }

  private enumDecl(): A.EnumDecl {
    const { docs, start, id, items } = this.namedIdentList('enum', 'enum must contain at least one case', 'empty enum');
    return { kind: 'enum', docs, id, cases: items, span: this.from(start) };
  }

  /** `<keyword> id { a, b, … }` with doc comments on each name (flags and enums); an empty list is an error. */
  private namedIdentList(keyword: 'flags' | 'enum', emptyMessage: string, emptyLabel: string) {
    const docs = this.docs();
    const start = this.expect(keyword).span;
    const id = this.ident();
    this.expect('{');
    const items = this.delimited(
      '}',
      true,
      (la) => la.peek('ident'),
      () => {
        const itemDocs = this.docs();
        const itemId = this.ident();
        return { docs: itemDocs, id: itemId, span: itemId.span };
      },
    );
    const close = this.expect('}').span;
    if (items.length === 0) throw this.syntaxError('empty-type', emptyMessage, close, emptyLabel);
    return { docs, start, id, items };
  }

  private typeAlias(): A.TypeAlias {
    const docs = this.docs();
    const start = this.expect('type').span;
    const id = this.ident();
    this.expect('=');
    const la = this.lookahead();
    let target: A.TypeAlias['target'];
    if (la.peek('func')) {
      const func = this.funcType();
      target = { kind: 'func', func, span: func.span };
    } else if (peekType(la)) {
      const type = this.type();
      target = { kind: 'type', type, span: type.span };
    } else {
      throw la.error();
    }
    this.expect(';');
    return { kind: 'alias', docs, id, target, span: this.from(start) };
  }

  private funcType(): A.FuncType {
    const start = this.expect('func').span;
    this.expect('(');
    const params = this.delimited(
      ')',
      true,
      (la) => la.peek('ident'),
      () => this.namedType(),
    );
    this.expect(')');
    let result: A.Type | undefined;
    if (this.optional('->')) {
      const la = this.lookahead();
      if (peekType(la)) result = this.type();
    }
    return { params, ...(result ? { result } : {}), span: this.from(start) };
  }

  private namedType(): A.NamedType {
    const id = this.ident();
    this.expect(':');
    const type = this.type();
    return { id, type, span: { start: id.span.start, end: type.span.end } };
  }

  private type(): A.Type {
    this.enter();
    try {
      return this.typeInner();
    } finally {
      this.depth--;
    }
  }

  private typeInner(): A.Type {
    const la = this.lookahead();
    for (const name of PRIMITIVES) {
      if (la.peek(name)) return { kind: 'primitive', name, span: this.advance().span };
    }
    if (la.peek('tuple')) {
      const start = this.advance().span;
      this.expect('<');
      const inner = this.lookahead();
      if (!peekType(inner)) throw inner.error();
      const types = this.delimited('>', true, peekType, () => this.type());
      const close = this.expect('>').span;
      return { kind: 'tuple', types, span: { start: start.start, end: close.end } };
    }
    if (la.peek('list')) {
      const start = this.advance().span;
      this.expect('<');
      const element = this.type();
      const close = this.expect('>').span;
      return { kind: 'list', element, span: { start: start.start, end: close.end } };
    }
    if (la.peek('option')) {
      const start = this.advance().span;
      this.expect('<');
      const inner = this.type();
      const close = this.expect('>').span;
      return { kind: 'option', inner, span: { start: start.start, end: close.end } };
    }
    if (la.peek('result')) {
      const start = this.advance().span;
      if (!this.optional('<')) return { kind: 'result', span: start };
      const okOrUnderscore = (): A.Type | undefined => {
        const l = this.lookahead();
        if (l.peek('_')) {
          this.advance();
          return undefined;
        }
        if (peekType(l)) return this.type();
        throw l.error();
      };
      const ok = okOrUnderscore();
      const err = this.optional(',') ? okOrUnderscore() : undefined;
      const close = this.expect('>').span;
      return { kind: 'result', ...(ok ? { ok } : {}), ...(err ? { err } : {}), span: { start: start.start, end: close.end } };
    }
    if (la.peek('borrow')) {
      const start = this.advance().span;
      this.expect('<');
      const resource = this.ident();
      const close = this.expect('>').span;
      return { kind: 'borrow', resource, span: { start: start.start, end: close.end } };
    }
    if (la.peek('ident')) {
      const ident = this.ident();
      return { kind: 'ident', ident, span: ident.span };
    }
    throw la.error();
  }

  // --- interfaces and worlds -------------------------------------------------

  private interfaceDecl(): A.InterfaceDecl {
    const docs = this.docs();
    const start = this.expect('interface').span;
    const id = this.ident();
    this.expect('{');
    const items = this.delimited('}', false, peekInterfaceItem, () => this.interfaceItem());
    this.expect('}');
    return { kind: 'interface', docs, id, items, span: this.from(start) };
  }

  private inlineInterface(): A.InlineInterface {
    const start = this.expect('interface').span;
    this.expect('{');
    const items = this.delimited('}', false, peekInterfaceItem, () => this.interfaceItem());
    this.expect('}');
    return { items, span: this.from(start) };
  }

  private interfaceItem(): A.InterfaceItem {
    const la = this.lookahead();
    if (la.peek('use')) return this.useDecl();
    if (la.peek('ident')) {
      const docs = this.docs();
      const id = this.ident();
      this.expect(':');
      const l = this.lookahead();
      let type: A.FuncTypeRef;
      if (l.peek('func')) {
        const func = this.funcType();
        type = { kind: 'func', func, span: func.span };
      } else if (l.peek('ident')) {
        const ident = this.ident();
        type = { kind: 'ident', ident, span: ident.span };
      } else {
        throw l.error();
      }
      this.expect(';');
      return { kind: 'interface-export', docs, id, type, span: this.from(id.span) };
    }
    if (peekItemTypeDecl(la)) return this.itemTypeDecl();
    throw la.error();
  }

  private useDecl(): A.UseDecl {
    const docs = this.docs();
    const start = this.expect('use').span;
    const la = this.lookahead();
    let path: A.UsePath;
    if (la.peek('package-path')) {
      const p = this.packagePath();
      path = { kind: 'package', path: p, span: p.span };
    } else if (la.peek('ident')) {
      const ident = this.ident();
      path = { kind: 'ident', ident, span: ident.span };
    } else {
      throw la.error();
    }
    this.expect('.');
    this.expect('{');
    const items = this.delimited(
      '}',
      true,
      (l) => l.peek('ident'),
      () => {
        const id = this.ident();
        const as = this.optional('as') ? this.ident() : undefined;
        return { id, ...(as ? { as } : {}), span: this.from(id.span) };
      },
    );
    this.expect('}');
    this.expect(';');
    return { kind: 'use', docs, path, items, span: this.from(start) };
  }

  private worldDecl(): A.WorldDecl {
    const docs = this.docs();
    const start = this.expect('world').span;
    const id = this.ident();
    this.expect('{');
    const items = this.delimited(
      '}',
      false,
      (la) => la.peek('use') || la.peek('import') || la.peek('export') || la.peek('include') || peekItemTypeDecl(la),
      () => this.worldItem(),
    );
    this.expect('}');
    return { kind: 'world', docs, id, items, span: this.from(start) };
  }

  private worldItem(): A.WorldItem {
    const la = this.lookahead();
    if (la.peek('use')) return this.useDecl();
    if (la.peek('import') || la.peek('export')) {
      const docs = this.docs();
      const keyword = this.advance();
      const path = this.worldItemPath();
      this.expect(';');
      const kind = keyword.kind === 'import' ? 'world-import' : 'world-export';
      return { kind, docs, path, span: this.from(keyword.span) };
    }
    if (la.peek('include')) {
      const docs = this.docs();
      const start = this.advance().span;
      const l = this.lookahead();
      let world: A.WorldInclude['world'];
      if (l.peek('package-path')) {
        const p = this.packagePath();
        world = { kind: 'package', path: p, span: p.span };
      } else if (l.peek('ident')) {
        const ident = this.ident();
        world = { kind: 'ident', ident, span: ident.span };
      } else {
        throw l.error();
      }
      let withItems: A.WorldInclude['with'] = [];
      if (this.optional('with')) {
        this.expect('{');
        withItems = this.delimited(
          '}',
          true,
          (x) => x.peek('ident'),
          () => {
            const from = this.ident();
            this.expect('as');
            const to = this.ident();
            return { from, to, span: { start: from.span.start, end: to.span.end } };
          },
        );
        this.expect('}');
      }
      this.expect(';');
      return { kind: 'include', docs, world, with: withItems, span: this.from(start) };
    }
    if (peekItemTypeDecl(la)) return this.itemTypeDecl();
    throw la.error();
  }

  private worldItemPath(): A.WorldItemPath {
    const la = this.lookahead();
    if (la.peek('package-path')) {
      const path = this.packagePath();
      return { kind: 'package', path, span: path.span };
    }
    if (la.peek('ident')) {
      if (this.peekKind(1) === ':') {
        const id = this.ident();
        this.expect(':');
        const l = this.lookahead();
        let type: A.ExternType;
        if (l.peek('ident')) {
          const ident = this.ident();
          type = { kind: 'ident', ident, span: ident.span };
        } else if (l.peek('func')) {
          const func = this.funcType();
          type = { kind: 'func', func, span: func.span };
        } else if (l.peek('interface')) {
          const iface = this.inlineInterface();
          type = { kind: 'interface', iface, span: iface.span };
        } else {
          throw l.error();
        }
        return { kind: 'named', id, type, span: this.from(id.span) };
      }
      const ident = this.ident();
      return { kind: 'ident', ident, span: ident.span };
    }
    throw la.error();
  }
}

const PRIMITIVES = ['u8', 's8', 'u16', 's16', 'u32', 's32', 'u64', 's64', 'f32', 'f64', 'char', 'bool', 'string'] as const;

function peekType(la: Lookahead): boolean {
  for (const name of PRIMITIVES) if (la.peek(name)) return true;
  return la.peek('tuple') || la.peek('list') || la.peek('option') || la.peek('result') || la.peek('borrow') || la.peek('ident');
}

function peekTypeDecl(la: Lookahead): boolean {
  return la.peek('variant') || la.peek('record') || la.peek('flags') || la.peek('enum') || la.peek('type');
}

function peekItemTypeDecl(la: Lookahead): boolean {
  return la.peek('resource') || peekTypeDecl(la);
}

function peekInterfaceItem(la: Lookahead): boolean {
  return la.peek('use') || la.peek('ident') || peekItemTypeDecl(la);
}

/** Parses a WAC document; throws `WacSyntaxError` (code `WAC_SYNTAX`) with file, line, column and caret. */
export function parseWac(source: WacSource): A.Document {
  return new Parser(source).document();
}

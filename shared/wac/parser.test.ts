import { describe, expect, it } from 'vitest';
import type { LetStatement, NewExpr } from './ast.ts';
import { WacSyntaxError } from './diagnostics.ts';
import { lex } from './lexer.ts';
import { isValidSemver, parseWac } from './parser.ts';

const src = (text: string) => ({ file: 'test.wac', text });

describe('lexer', () => {
  it('prefers keywords over identifiers, longest match for package names and paths', () => {
    const { tokens } = lex('import u32 u32-x %import foo:bar foo:bar@1.2.3 foo:bar/baz@0.2.0-rc.1 a:b:c/d/e');
    expect(tokens.map((t) => t.kind)).toEqual([
      'import',
      'u32',
      'ident',
      'ident',
      'package-name',
      'package-name',
      'package-path',
      'package-path',
    ]);
  });

  it('skips nested block comments and collects doc comments for the next token', () => {
    const { tokens } = lex('/* a /* b */ c */ /// doc one\n/** doc two */ let');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.docs.map((d) => d.text)).toEqual(['doc one', 'doc two']);
  });

  it('reports the first invalid character with its span', () => {
    expect(lex('let x = $;').error).toEqual({ message: 'unexpected token was encountered', span: { start: 8, end: 9 } });
    expect(lex('a\u0007').error?.message).toBe("disallowed control code '\\u{7}'");
  });

  it('splits symbols, with `...` and `->` as single tokens', () => {
    expect(lex('{...x}.y["z"]->_').tokens.map((t) => t.kind)).toEqual([
      '{',
      '...',
      'ident',
      '}',
      '.',
      'ident',
      '[',
      'string',
      ']',
      '->',
      '_',
    ]);
  });
});

describe('parser', () => {
  it('parses every statement form with spans', () => {
    const text = [
      '/// Doc.',
      'package test:comp@1.0.0 targets test:world/w;',
      'import a: func(x: u32) -> string;',
      'import b as "b-name": test:dep/iface@0.1.0;',
      'import c with "c": interface { f: func(); };',
      'record r { x: list<tuple<u8, s8>>, y: option<result<_, string>> }',
      'variant v { none, some(r) }',
      'enum e { one, two }',
      'flags f { read, write }',
      'type t = func(a: borrow<res>) -> result<u32, e>;',
      'interface i { use test:dep/types@1.0.0.{x as y}; resource res { constructor(n: u32); get: func() -> u32; make: static func() -> res; } g: t; }',
      'world w { import i; export run: func(); include test:other/w2 with { a as b }; export n: interface { h: func(); }; }',
      'let x = new test:pkg { a, named: b.c, "str": (d)["e"], ...f, ... };',
      'export x;',
      'export x as "name";',
      'export x...;',
    ].join('\n');
    const doc = parseWac(src(text));
    expect(doc.docs.map((d) => d.text)).toEqual(['Doc.']);
    expect(doc.directive.package).toMatchObject({ name: 'test:comp', version: '1.0.0' });
    expect(doc.directive.targets).toMatchObject({ name: 'test:world', segments: ['w'] });
    expect(doc.statements.map((s) => s.kind)).toEqual([
      'import',
      'import',
      'import',
      'record',
      'variant',
      'enum',
      'flags',
      'alias',
      'interface',
      'world',
      'let',
      'export',
      'export',
      'export',
    ]);
    const letStmt = doc.statements[10] as LetStatement;
    const newExpr = letStmt.expr.primary as NewExpr;
    expect(newExpr.args.map((a) => a.kind)).toEqual(['inferred', 'named', 'named', 'spread', 'fill']);
    expect(text.slice(newExpr.span.start, newExpr.span.end)).toBe('new test:pkg { a, named: b.c, "str": (d)["e"], ...f, ... }');
    expect(text.slice(letStmt.span.start, letStmt.span.end)).toBe('let x = new test:pkg { a, named: b.c, "str": (d)["e"], ...f, ... };');
  });

  it('errors carry file, line, column, a caret and a code', () => {
    let err: unknown;
    try {
      parseWac(src('package a:b;\n\nlet x = new a:b { c d };\n'));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WacSyntaxError);
    const e = err as WacSyntaxError;
    expect(e.code).toBe('WAC_SYNTAX');
    expect([e.file, e.line, e.column]).toEqual(['test.wac', 3, 21]);
    expect(e.message).toBe(
      [
        'error: expected `,`, found identifier',
        '  --> test.wac:3:21',
        '   |',
        ' 3 | let x = new a:b { c d };',
        '   |                     ^ unexpected identifier',
      ].join('\n'),
    );
  });

  it('validates semantic versions strictly', () => {
    expect(isValidSemver('1.2.3-rc.1+build.5')).toBe(true);
    expect(isValidSemver('01.2.3')).toBe(false);
    expect(isValidSemver('1.2')).toBe(false);
  });
});

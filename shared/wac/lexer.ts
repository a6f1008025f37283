import { type Span, type WacSource, WacSyntaxError } from './diagnostics.ts';

/** The keywords of WAC (a token whose text is exactly one of these is the keyword, never an identifier). */
export const KEYWORDS = [
  'import',
  'with',
  'type',
  'tuple',
  'list',
  'option',
  'result',
  'borrow',
  'resource',
  'variant',
  'record',
  'flags',
  'enum',
  'func',
  'static',
  'constructor',
  'u8',
  's8',
  'u16',
  's16',
  'u32',
  's32',
  'u64',
  's64',
  'f32',
  'f64',
  'char',
  'bool',
  'string',
  'interface',
  'world',
  'export',
  'new',
  'let',
  'use',
  'include',
  'as',
  'package',
  'targets',
] as const;

export type Keyword = (typeof KEYWORDS)[number];

export const SYMBOLS = [';', '{', '}', ':', '=', '(', ')', '->', '<', '>', '_', '[', ']', '.', '...', ',', '/', '@'] as const;

export type SymbolToken = (typeof SYMBOLS)[number];

/** Every kind of token: identifiers, string literals, package names and paths, keywords and symbols. */
export type TokenKind = 'ident' | 'string' | 'package-name' | 'package-path' | Keyword | SymbolToken;

export interface DocComment {
  /** The comment text without `///` or `/** *\/`, trimmed. */
  text: string;
  span: Span;
}

export interface Token {
  kind: TokenKind;
  span: Span;
  /** Source text of the token. */
  text: string;
  /** `///` and `/** *\/` comments between the previous token and this one. */
  docs: DocComment[];
}

/** A lexer failure, surfaced by the parser when it reaches that position (as wac does). */
export interface LexError {
  message: string;
  span: Span;
}

export interface LexResult {
  tokens: Token[];
  /** Set when lexing stopped at an invalid character, string or comment; it comes after the last token. */
  error?: LexError;
  /** Doc comments after the last token (at the end of input). */
  trailingDocs: DocComment[];
}

/** How a token kind is named in messages: ``identifier``, `` `import` keyword ``, `` `;` ``. */
export function describeToken(kind: TokenKind | undefined): string {
  if (kind === undefined) return 'end of input';
  switch (kind) {
    case 'ident':
      return 'identifier';
    case 'string':
      return 'string literal';
    case 'package-name':
      return 'package name';
    case 'package-path':
      return 'package path';
    default:
      return (KEYWORDS as readonly string[]).includes(kind) ? `\`${kind}\` keyword` : `\`${kind}\``;
  }
}

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);
const WORD = '(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)';
const ID = `%?${WORD}(?:-${WORD})*`;
const PACKAGE_NAME = `${ID}(?::${ID})+`;
const SEMVER = '[0-9]+(?:\\.[0-9a-zA-Z\\-+]+)*';
const ID_RE = new RegExp(ID, 'y');
const PACKAGE_NAME_RE = new RegExp(`${PACKAGE_NAME}(?:@${SEMVER})?`, 'y');
const PACKAGE_PATH_RE = new RegExp(`${PACKAGE_NAME}(?:/${ID})+(?:@${SEMVER})?`, 'y');

const BIDI = new Set([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);
const DISCOURAGED = new Set([0x149, 0x673, 0xf77, 0xf79, 0x17a3, 0x17a4, 0x17b4, 0x17b5]);

function escapeUnicode(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

/** wac refuses bidirectional overrides, discouraged code points and control codes anywhere in the text. */
function detectInvalidInput(text: string): LexError | undefined {
  let offset = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const span = { start: offset, end: offset + ch.length };
    if (cp === 0x0d || cp === 0x09 || cp === 0x0a) {
      // allowed
    } else if (BIDI.has(cp)) {
      return { message: `disallowed bidirectional override codepoint \`${escapeUnicode(cp)}\``, span };
    } else if (DISCOURAGED.has(cp)) {
      return { message: `codepoint \`${escapeUnicode(cp)}\` is discouraged by Unicode`, span };
    } else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      return { message: `disallowed control code '${escapeUnicode(cp)}'`, span };
    }
    offset += ch.length;
  }
  return undefined;
}

/** Length of a block comment starting at `start` (which is `/*`), nested comments included; undefined if unterminated. */
function blockCommentEnd(text: string, start: number): number | undefined {
  let depth = 1;
  let i = start + 2;
  while (depth > 0) {
    if (i >= text.length) return undefined;
    if (text[i] === '/' && text[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
    } else {
      i++;
    }
  }
  return i;
}

function docText(comment: string): string | undefined {
  if (comment.startsWith('///')) return comment.slice(3).trim();
  if (comment.startsWith('/**')) {
    const rest = comment.slice(3);
    if (rest === '/') return undefined; // `/**/` is an empty block comment, not a doc comment
    return rest.slice(0, -2).trim();
  }
  return undefined;
}

function matchAt(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m ? m[0].length : 0;
}

/** Splits WAC text into tokens (longest match, keywords over identifiers), collecting doc comments. */
export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const invalid = detectInvalidInput(text);
  if (invalid) return { tokens, error: invalid, trailingDocs: [] };

  let docs: DocComment[] = [];
  let pos = 0;
  const push = (kind: TokenKind, len: number) => {
    tokens.push({ kind, span: { start: pos, end: pos + len }, text: text.slice(pos, pos + len), docs });
    docs = [];
    pos += len;
  };

  while (pos < text.length) {
    const c = text[pos] as string;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f') {
      pos++;
      continue;
    }
    if (c === '/' && text[pos + 1] === '/') {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const doc = docText(text.slice(pos, end));
      if (doc !== undefined) docs.push({ text: doc, span: { start: pos, end } });
      pos = end;
      continue;
    }
    if (c === '/' && text[pos + 1] === '*') {
      const end = blockCommentEnd(text, pos);
      if (end === undefined) {
        return {
          tokens,
          error: { message: 'an unterminated comment was encountered', span: { start: pos, end: text.length } },
          trailingDocs: [],
        };
      }
      const doc = docText(text.slice(pos, end));
      if (doc !== undefined) docs.push({ text: doc, span: { start: pos, end } });
      pos = end;
      continue;
    }
    if (c === '"') {
      const close = text.indexOf('"', pos + 1);
      if (close < 0) {
        return {
          tokens,
          error: { message: 'an unterminated string was encountered', span: { start: pos, end: text.length } },
          trailingDocs: [],
        };
      }
      push('string', close + 1 - pos);
      continue;
    }
    const idLen = matchAt(ID_RE, text, pos);
    if (idLen > 0) {
      const nameLen = matchAt(PACKAGE_NAME_RE, text, pos);
      const pathLen = matchAt(PACKAGE_PATH_RE, text, pos);
      if (pathLen > 0 && pathLen >= nameLen && pathLen >= idLen) {
        push('package-path', pathLen);
      } else if (nameLen > idLen) {
        push('package-name', nameLen);
      } else {
        const word = text.slice(pos, pos + idLen);
        push(KEYWORD_SET.has(word) ? (word as Keyword) : 'ident', idLen);
      }
      continue;
    }
    if (text.startsWith('...', pos)) {
      push('...', 3);
      continue;
    }
    if (text.startsWith('->', pos)) {
      push('->', 2);
      continue;
    }
    if ((SYMBOLS as readonly string[]).includes(c)) {
      push(c as SymbolToken, 1);
      continue;
    }
    const cp = text.codePointAt(pos) ?? 0;
    const len = cp > 0xffff ? 2 : 1;
    return { tokens, error: { message: 'unexpected token was encountered', span: { start: pos, end: pos + len } }, trailingDocs: [] };
  }
  return { tokens, trailingDocs: docs };
}

/** Throws the lexer's error as a typed syntax error (for callers that only want tokens). */
export function lexOrThrow(source: WacSource): Token[] {
  const result = lex(source.text);
  if (result.error) throw new WacSyntaxError('lexer', source, result.error.message, result.error.span);
  return result.tokens;
}

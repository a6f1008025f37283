/**
 * Tokens of WIT (the interface language wit-parser reads). Unlike WAC's lexer,
 * package names and paths are not single tokens: `wasi:io/streams@0.2.0` is
 * `id : id / id @ version`, because WIT writes `name:type` without spaces as
 * often as `name: type`. Keywords are WIT's (`own`, `stream`, `async` … are
 * keywords here; `new`, `let`, `targets` are identifiers).
 */
import type { Span } from '../diagnostics.ts';

export const WIT_KEYWORDS = [
  'use',
  'type',
  'func',
  'u8',
  'u16',
  'u32',
  'u64',
  's8',
  's16',
  's32',
  's64',
  'f32',
  'f64',
  'float32',
  'float64',
  'char',
  'bool',
  'string',
  'resource',
  'own',
  'borrow',
  'record',
  'flags',
  'variant',
  'enum',
  'option',
  'result',
  'future',
  'stream',
  'error-context',
  'list',
  'tuple',
  'as',
  'from',
  'static',
  'interface',
  'import',
  'export',
  'world',
  'package',
  'constructor',
  'include',
  'with',
  'async',
] as const;

export type WitKeyword = (typeof WIT_KEYWORDS)[number];

export type WitTokenKind =
  | 'id'
  | 'integer'
  | WitKeyword
  | ';'
  | ':'
  | ','
  | '.'
  | '/'
  | '@'
  | '='
  | '{'
  | '}'
  | '('
  | ')'
  | '<'
  | '>'
  | '->'
  | '*'
  | '_'
  | '+'
  | '-';

export interface WitToken {
  kind: WitTokenKind;
  text: string;
  span: Span;
  /** `///` and `/** … *\/` comments before the token. */
  docs: string[];
}

export interface WitLexError {
  message: string;
  span: Span;
}

const KEYWORDS: ReadonlySet<string> = new Set(WIT_KEYWORDS);
// An identifier: kebab words of lower-case or upper-case letters and digits, the first starting with a letter;
// `%` escapes a keyword. (Words after the first may start with a digit: `rfc3339`, `b2`.)
const ID_RE = /%?[a-zA-Z][a-zA-Z0-9]*(?:-[a-zA-Z0-9]+)*/y;
const INT_RE = /[0-9]+/y;

function docText(comment: string): string | undefined {
  if (comment.startsWith('///') && !comment.startsWith('////')) return comment.slice(3).trim();
  if (comment.startsWith('/**') && comment !== '/**/' && !comment.startsWith('/***')) return comment.slice(3, -2).trim();
  return undefined;
}

/** Splits WIT text into tokens; stops at the first invalid character with an error. */
export function lexWit(text: string): { tokens: WitToken[]; error?: WitLexError } {
  const tokens: WitToken[] = [];
  let docs: string[] = [];
  let pos = 0;
  const push = (kind: WitTokenKind, len: number) => {
    tokens.push({ kind, text: text.slice(pos, pos + len), span: { start: pos, end: pos + len }, docs });
    docs = [];
    pos += len;
  };
  while (pos < text.length) {
    const c = text[pos] as string;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      pos++;
      continue;
    }
    const cp = c.charCodeAt(0);
    if (cp === 0xfeff && pos === 0) {
      pos++;
      continue;
    }
    if (c === '/' && text[pos + 1] === '/') {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const doc = docText(text.slice(pos, end));
      if (doc !== undefined) docs.push(doc);
      pos = end;
      continue;
    }
    if (c === '/' && text[pos + 1] === '*') {
      let depth = 1;
      let i = pos + 2;
      while (depth > 0 && i < text.length) {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0) return { tokens, error: { message: 'unterminated block comment', span: { start: pos, end: text.length } } };
      const doc = docText(text.slice(pos, i));
      if (doc !== undefined) docs.push(doc);
      pos = i;
      continue;
    }
    ID_RE.lastIndex = pos;
    const id = ID_RE.exec(text);
    if (id) {
      const word = id[0];
      push(KEYWORDS.has(word) ? (word as WitKeyword) : 'id', word.length);
      continue;
    }
    INT_RE.lastIndex = pos;
    const int = INT_RE.exec(text);
    if (int) {
      push('integer', int[0].length);
      continue;
    }
    if (c === '-' && text[pos + 1] === '>') {
      push('->', 2);
      continue;
    }
    if (';:,./@={}()<>*_+-'.includes(c)) {
      push(c as WitTokenKind, 1);
      continue;
    }
    const len = (text.codePointAt(pos) ?? 0) > 0xffff ? 2 : 1;
    const shown = cp < 0x20 || cp === 0x7f ? `\\u{${cp.toString(16)}}` : text.slice(pos, pos + len);
    return { tokens, error: { message: `invalid character in identifier \`${shown}\``, span: { start: pos, end: pos + len } } };
  }
  return { tokens };
}

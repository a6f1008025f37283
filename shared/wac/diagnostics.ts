import { FlotillaError } from '../errors.ts';

/** A half-open range of UTF-16 offsets into a WAC source text. */
export interface Span {
  start: number;
  end: number;
}

/** A WAC document as the library receives it: a file name for messages and its text. */
export interface WacSource {
  file: string;
  text: string;
}

/** Line and column (both 1-based; the column counts code points) of an offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number; lineStart: number; lineEnd: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const column = Array.from(text.slice(lineStart, at)).length + 1;
  return { line, column, lineStart, lineEnd };
}

/**
 * Renders a diagnostic the way wac (and rustc) print them:
 *
 * ```text
 * error: expected `;`, found end of input
 *   --> file.wac:3:12
 *    |
 *  3 | type x = u32
 *    |            ^ unexpected end of input
 * ```
 */
export function renderDiagnostic(source: WacSource, message: string, span: Span, label?: string): string {
  const { line, column, lineStart, lineEnd } = lineColumn(source.text, span.start);
  const width = String(line).length;
  const pad = ' '.repeat(width);
  const lineText = source.text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const startCol = Array.from(source.text.slice(lineStart, Math.max(lineStart, span.start))).length;
  const spanEnd = Math.min(Math.max(span.end, span.start), lineStart + lineText.length);
  const underlineLen = Math.max(1, Array.from(source.text.slice(Math.max(lineStart, span.start), spanEnd)).length);
  const carets = underlineLen <= 2 ? '^'.repeat(underlineLen) : `^${'-'.repeat(underlineLen - 2)}^`;
  const indent = Array.from(lineText.slice(0, startCol))
    .map((c) => (c === '\t' ? '\t' : ' '))
    .join('');
  return [
    `error: ${message}`,
    `${pad} --> ${source.file}:${line}:${column}`,
    `${pad}  |`,
    ` ${String(line)} | ${lineText}`,
    `${pad}  | ${indent}${carets}${label ? ` ${label}` : ''}`,
  ].join('\n');
}

/**
 * Base class of every error about a WAC document: it knows the file, the
 * source span it is about, its line and column, and its message is the fully
 * rendered diagnostic (so printing `err.message` shows the caret).
 */
export class WacDiagnosticError extends FlotillaError {
  /** The one-line description, without the location and source excerpt. */
  readonly description: string;
  readonly file: string;
  readonly span: Span;
  readonly line: number;
  readonly column: number;
  readonly label: string | undefined;

  constructor(code: string, source: WacSource, description: string, span: Span, label?: string, options?: { cause?: unknown }) {
    super(code, renderDiagnostic(source, description, span, label), options);
    this.description = description;
    this.file = source.file;
    this.span = span;
    const { line, column } = lineColumn(source.text, span.start);
    this.line = line;
    this.column = column;
    this.label = label;
  }
}

/** The kinds of syntax error the lexer and parser report (the same as wac's). */
export type WacSyntaxErrorKind = 'lexer' | 'expected' | 'empty-type' | 'invalid-version' | 'too-deep';

/** A document that does not lex or parse. Code `WAC_SYNTAX`. */
export class WacSyntaxError extends WacDiagnosticError {
  readonly kind: WacSyntaxErrorKind;

  constructor(kind: WacSyntaxErrorKind, source: WacSource, description: string, span: Span, label?: string) {
    super('WAC_SYNTAX', source, description, span, label);
    this.kind = kind;
  }
}

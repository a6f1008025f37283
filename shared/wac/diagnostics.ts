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

// --- wac's own report format (miette's graphical handler, no colour) --------------------

/** Width miette wraps messages at (its default terminal width, 200, less 2). */
const REPORT_WIDTH = 198;

/** Greedy word wrap as textwrap does it: the first line after `first`, the others after `rest`. */
function wrap(text: string, first: string, rest: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = out.length === 0 ? first : rest;
    let empty = true;
    for (const word of paragraph.split(' ')) {
      const candidate = empty ? `${line}${word}` : `${line} ${word}`;
      if (!empty && Array.from(candidate).length > REPORT_WIDTH) {
        out.push(line);
        line = `${rest}${word}`;
      } else {
        line = candidate;
      }
      empty = false;
    }
    out.push(line);
  }
  return out;
}

export interface ReportOptions {
  /** The diagnostic's code line (`failed to parse document`, `failed to resolve document`); none for plain errors. */
  header?: string;
  message: string;
  /** The cause chain, outermost first (`╰─▶ …`). */
  causes?: string[];
  /** The source excerpt: the file, the span and the label under it. */
  snippet?: { source: WacSource; span: Span; label?: string };
}

/**
 * Renders an error the way the `wac` binary prints it (miette's graphical report
 * without colour, its default for a stream that is not a terminal):
 *
 * ```text
 * failed to resolve document
 *
 *   × missing instantiation argument `foo` for package `foo:bar`
 *    ╭─[composition.wac:3:13]
 *  2 │
 *  3 │ let x = new foo:bar {};
 *    ·             ───┬───
 *    ·                ╰── missing argument `foo`
 *    ╰────
 * ```
 */
export function renderReport(options: ReportOptions): string {
  const lines: string[] = [];
  if (options.header) lines.push(options.header, '');
  lines.push(...wrap(options.message, '  × ', '  │ '));
  const causes = options.causes ?? [];
  causes.forEach((cause, i) => {
    const last = i === causes.length - 1;
    lines.push(...wrap(cause, last ? '  ╰─▶ ' : '  ├─▶ ', last ? '      ' : '  │   '));
  });
  const snippet = options.snippet;
  if (snippet) {
    const { source, span, label } = snippet;
    const text = source.text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10 && i + 1 < text.length) starts.push(i + 1);
    const lineText = (n: number) => {
      const start = starts[n] as number;
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      return text.slice(start, end).replace(/\r$/, '');
    };
    const at = lineColumn(text, span.start);
    const index = at.line - 1;
    const first = Math.max(0, index - 1);
    const last = Math.min(starts.length - 1, index + 1);
    const width = String(last + 1).length;
    const pad = ' '.repeat(width + 2);
    lines.push(`${pad}╭─[${source.file}:${at.line}:${at.column}]`);
    for (let n = first; n <= last; n++) {
      lines.push(` ${String(n + 1).padStart(width)} │ ${lineText(n)}`);
      if (n !== index) continue;
      const content = Array.from(lineText(n));
      const col = at.column - 1;
      const endOffset = Math.min(Math.max(span.end, span.start), (starts[n] as number) + lineText(n).length);
      const len = Math.max(1, Array.from(text.slice(span.start, endOffset)).length);
      const indent = content
        .slice(0, col)
        .map((c) => (c === '\t' ? '\t' : ' '))
        .join('');
      if (label) {
        const mid = Math.floor(len / 2);
        lines.push(`${pad}· ${indent}${'─'.repeat(mid)}┬${'─'.repeat(len - mid - 1)}`);
        lines.push(`${pad}· ${indent}${' '.repeat(mid)}╰── ${label}`);
      } else {
        lines.push(`${pad}· ${indent}${'─'.repeat(len)}`);
      }
    }
    lines.push(`${pad}╰────`);
  }
  return lines.join('\n');
}

/**
 * Base class of every error about a WAC document: it knows the file, the
 * source span it is about, its line and column, and its message is the fully
 * rendered diagnostic (so printing `err.message` shows the caret). `report()`
 * renders it as the `wac` binary prints it.
 */
export class WacDiagnosticError extends FlotillaError {
  /** The one-line description, without the location and source excerpt. */
  readonly description: string;
  readonly file: string;
  readonly span: Span;
  readonly line: number;
  readonly column: number;
  readonly label: string | undefined;
  /** The document the error is about. */
  readonly source: WacSource;
  /** Why, outermost first (e.g. why a package could not be read); printed as wac's cause chain. */
  readonly reasons: string[];

  constructor(
    code: string,
    source: WacSource,
    description: string,
    span: Span,
    label?: string,
    options?: { cause?: unknown; reasons?: string[] },
  ) {
    const reasons = options?.reasons ?? [];
    const rendered = renderDiagnostic(source, description, span, label);
    super(code, reasons.length === 0 ? rendered : `${rendered}\n${reasons.map((r) => `   = ${r}`).join('\n')}`, options);
    this.description = description;
    this.file = source.file;
    this.span = span;
    const { line, column } = lineColumn(source.text, span.start);
    this.line = line;
    this.column = column;
    this.label = label;
    this.source = source;
    this.reasons = reasons;
  }

  /** wac's code line for this kind of error. */
  get header(): string {
    return 'failed to resolve document';
  }

  /** The error as the `wac` binary prints it after `error: `. */
  report(): string {
    return renderReport({
      header: this.header,
      message: this.description,
      causes: this.reasons,
      snippet: { source: this.source, span: this.span, ...(this.label ? { label: this.label } : {}) },
    });
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

  override get header(): string {
    return 'failed to parse document';
  }
}

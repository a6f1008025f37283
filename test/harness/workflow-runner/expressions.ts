import { createHash } from 'node:crypto';
import { globSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { WorkflowError } from './errors.ts';

/** The contexts an expression may read (`github`, `inputs`, `needs`, …), as plain JSON values. */
export type Contexts = Record<string, unknown>;

/**
 * The status functions' answers where the expression is evaluated: for a
 * step, the job's status so far; for a job, its needs' results.
 */
export interface Status {
  success(): boolean;
  failure(): boolean;
  cancelled(): boolean;
}

export interface Scope {
  contexts: Contexts;
  status?: Status;
  /** Folder `hashFiles()` resolves patterns in (GITHUB_WORKSPACE). */
  workspace?: string;
}

const NO_STATUS: Status = { success: () => true, failure: () => false, cancelled: () => false };

/** JSON value → the expression library's data (dictionaries are case-insensitive, as GitHub's are). */
export function toData(value: unknown): data.ExpressionData {
  if (value === null || value === undefined) return new data.Null();
  if (typeof value === 'string') return new data.StringData(value);
  if (typeof value === 'number') return new data.NumberData(value);
  if (typeof value === 'boolean') return new data.BooleanData(value);
  if (Array.isArray(value)) return new data.Array(...value.map(toData));
  if (typeof value === 'object') {
    return new data.Dictionary(
      ...Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([key, v]) => ({ key, value: toData(v) })),
    );
  }
  return new data.StringData(String(value));
}

/** The expression library's data → JSON value. */
export function fromData(d: data.ExpressionData): unknown {
  switch (d.kind) {
    case data.Kind.Null:
      return null;
    case data.Kind.String:
      return (d as data.StringData).value;
    case data.Kind.Number:
      return d.number();
    case data.Kind.Boolean:
      return (d as data.BooleanData).value;
    case data.Kind.Array:
      return (d as data.Array).values().map(fromData);
    default: {
      const out: Record<string, unknown> = {};
      for (const p of (d as data.Dictionary).pairs()) out[p.key] = fromData(p.value);
      return out;
    }
  }
}

/**
 * A value as GitHub writes it into a string (an `env` value, a `run:`
 * script, an action input): null is empty, booleans and numbers in their
 * JSON spelling, objects and arrays as JSON.
 */
export function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

/** GitHub's truthiness: false, 0, -0, '', null and NaN are falsy; everything else truthy. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value !== '';
  return true;
}

function hashFiles(workspace: string, patterns: string[]): string {
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const files = new Set<string>();
  for (const pattern of include) {
    for (const match of globSync(pattern, { cwd: workspace, exclude })) {
      const abs = join(workspace, match);
      if (statSync(abs).isFile()) files.add(abs);
    }
  }
  if (files.size === 0) return '';
  // as the runner does: sha256 over the sha256 of each file, in path order
  const outer = createHash('sha256');
  for (const f of [...files].sort((a, b) => relative(workspace, a).localeCompare(relative(workspace, b)))) {
    outer.update(createHash('sha256').update(readFileSync(f)).digest());
  }
  return outer.digest('hex');
}

function functions(scope: Scope): Map<string, FunctionDefinition> {
  const status = scope.status ?? NO_STATUS;
  const fns: FunctionDefinition[] = [
    { name: 'success', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.success()) },
    { name: 'failure', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.failure()) },
    { name: 'cancelled', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.cancelled()) },
    { name: 'always', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
    {
      name: 'hashFiles',
      minArgs: 1,
      maxArgs: 255,
      call: (...args) => {
        if (scope.workspace === undefined)
          throw new WorkflowError('EXPRESSION_INVALID', 'hashFiles() is not available here (no workspace)');
        return new data.StringData(
          hashFiles(
            scope.workspace,
            args.map((a) => a.coerceString()),
          ),
        );
      },
    },
  ];
  return new Map(fns.map((f) => [f.name.toLowerCase(), f]));
}

/**
 * Evaluates one expression (the text between `${{` and `}}`) with GitHub's
 * own expression library against `scope.contexts`, with the status
 * functions and hashFiles() added. Returns a JSON value.
 */
export function evaluate(expression: string, scope: Scope): unknown {
  const fns = functions(scope);
  try {
    const lexed = new Lexer(expression).lex();
    const tree = new Parser(lexed.tokens, Object.keys(scope.contexts), [...fns.values()]).parse();
    return fromData(new Evaluator(tree, toData(scope.contexts) as data.Dictionary, fns).evaluate());
  } catch (err) {
    if (err instanceof WorkflowError) throw err;
    throw new WorkflowError('EXPRESSION_INVALID', `\${{ ${expression} }}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

/** Whether an expression calls one of the status functions (then `if:` is not wrapped in `success() && …`). */
export function hasStatusFunction(expression: string): boolean {
  const tokens = new Lexer(expression).lex().tokens;
  return tokens.some((t, i) => /^(success|failure|always|cancelled)$/i.test(t.lexeme) && tokens[i + 1]?.lexeme === '(');
}

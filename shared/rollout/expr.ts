/**
 * A small, safe expression language for analysis conditions, the subset of
 * expr (expr-lang/expr, which Argo Rollouts evaluates `successCondition` and
 * `failureCondition` with) that conditions use:
 *
 *   result[0] >= 0.95            result < 0.05 && baseline < 0.05
 *   len(result) == 0             !isNaN(result[0]) || default(result, 0) > 1
 *   all(result, {# < 0.01})      result.status == "ok" and result.count > 10
 *
 * Literals (numbers, 'strings' or "strings", true, false, nil), the
 * variables the caller names (`result`, `baseline`), indexing (`a[0]`,
 * `a[-1]` counts from the end), members (`a.b`), `! not - +`, `* / % **`,
 * `+ -`, comparisons, `in`, `&& and`, `|| or`, `c ? a : b`, and the
 * functions listed in FUNCTIONS. No eval, no host objects, no loops beyond
 * the closures of `all/any/none/filter/map/count` over arrays the provider
 * already bounded; every evaluation has a step budget.
 *
 * Errors are ExpressionErrors with the 1-based column in the expression.
 */
import { FlotillaError } from '../errors.ts';

export type Value = number | string | boolean | null | Value[] | { [key: string]: Value };

export type ExpressionErrorCode = 'EXPR_SYNTAX' | 'EXPR_UNKNOWN' | 'EXPR_TYPE' | 'EXPR_EVAL';

/** A condition that does not parse, names something unknown, or fails when evaluated; `column` counts from 1. */
export class ExpressionError extends FlotillaError {
  declare readonly code: ExpressionErrorCode;
  readonly column: number;
  readonly expression: string;
  /** The message without the column prefix. */
  readonly reason: string;

  constructor(code: ExpressionErrorCode, expression: string, offset: number, reason: string) {
    super(code, `column ${offset + 1}: ${reason}`);
    this.column = offset + 1;
    this.expression = expression;
    this.reason = reason;
  }

  /** The expression with a caret under the column, for terminals and summaries. */
  pointer(): string {
    return `${this.expression}\n${' '.repeat(Math.max(0, this.column - 1))}^`;
  }
}

export const MAX_EXPRESSION_LENGTH = 4096;
const MAX_DEPTH = 64;
const STEP_BUDGET = 200_000;

// ---- lexer -----------------------------------------------------------------

type TokenKind = 'num' | 'str' | 'ident' | 'op' | 'hash' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
  value?: number | string;
}

const OPERATORS = [
  '**',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '!',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  '?',
  ':',
];

function lex(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (at: number, why: string): never => {
    throw new ExpressionError('EXPR_SYNTAX', src, at, why);
  };
  while (i < src.length) {
    const c = src[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9_]+(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(i));
      const text = m?.[0] ?? c;
      const value = Number(text.replace(/_/g, ''));
      if (!Number.isFinite(value)) fail(start, `'${text}' is not a number`);
      if (/[A-Za-z_]/.test(src[i + text.length] ?? ''))
        fail(i + text.length, `unexpected '${src[i + text.length]}' after the number ${text}`);
      out.push({ kind: 'num', text, pos: start, value });
      i += text.length;
      continue;
    }
    if (c === '"' || c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) fail(start, 'this string is not closed');
        const d = src[i] ?? '';
        if (d === c) {
          i++;
          break;
        }
        if (d === '\\') {
          const e = src[i + 1] ?? '';
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
          const mapped = map[e];
          if (mapped === undefined) fail(i, `unknown escape '\\${e}' (use \\n \\t \\r \\\\ \\' \\")`);
          s += mapped;
          i += 2;
          continue;
        }
        s += d;
        i++;
      }
      out.push({ kind: 'str', text: src.slice(start, i), pos: start, value: s });
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i));
      const text = m?.[0] ?? c;
      out.push({ kind: 'ident', text, pos: start });
      i += text.length;
      continue;
    }
    if (c === '#') {
      out.push({ kind: 'hash', text: '#', pos: start });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op === undefined) {
      if (c === '=') fail(start, "'=' is not an operator; compare with '=='");
      if (c === '&' || c === '|') fail(start, `'${c}' is not an operator; use '${c}${c}'`);
      fail(start, `unexpected character '${c}'`);
    }
    out.push({ kind: 'op', text: op as string, pos: start });
    i += (op as string).length;
  }
  out.push({ kind: 'eof', text: '', pos: src.length });
  return out;
}

// ---- parser ----------------------------------------------------------------

export type Node =
  | { type: 'lit'; pos: number; value: Value }
  | { type: 'var'; pos: number; name: string }
  | { type: 'hash'; pos: number }
  | { type: 'array'; pos: number; items: Node[] }
  | { type: 'unary'; pos: number; op: '!' | '-' | '+'; arg: Node }
  | { type: 'binary'; pos: number; op: string; left: Node; right: Node }
  | { type: 'cond'; pos: number; test: Node; then: Node; else: Node }
  | { type: 'index'; pos: number; target: Node; index: Node }
  | { type: 'member'; pos: number; target: Node; name: string }
  | { type: 'call'; pos: number; name: string; args: Node[] }
  | { type: 'closure'; pos: number; body: Node };

interface FunctionSpec {
  /** Minimum and maximum number of arguments (-1: any). */
  arity: [number, number];
  /** Which argument is a `{…}` closure, if any. */
  closureArg?: number;
}

/** The functions conditions may call. */
export const FUNCTIONS: Record<string, FunctionSpec> = {
  len: { arity: [1, 1] },
  isNaN: { arity: [1, 1] },
  isInf: { arity: [1, 1] },
  isNil: { arity: [1, 1] },
  asInt: { arity: [1, 1] },
  asFloat: { arity: [1, 1] },
  default: { arity: [2, 2] },
  abs: { arity: [1, 1] },
  min: { arity: [1, -1] },
  max: { arity: [1, -1] },
  sum: { arity: [1, 1] },
  mean: { arity: [1, 1] },
  all: { arity: [2, 2], closureArg: 1 },
  any: { arity: [2, 2], closureArg: 1 },
  none: { arity: [2, 2], closureArg: 1 },
  filter: { arity: [2, 2], closureArg: 1 },
  map: { arity: [2, 2], closureArg: 1 },
  count: { arity: [2, 2], closureArg: 1 },
};

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  or: 1,
  '&&': 2,
  and: 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  in: 3,
  'not in': 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
  '**': 6,
  '^': 6,
};

class Parser {
  private i = 0;
  private depth = 0;
  private closureDepth = 0;
  private readonly tokens: Token[];
  private readonly src: string;
  private readonly variables: ReadonlySet<string>;

  constructor(src: string, variables: ReadonlySet<string>) {
    this.src = src;
    this.tokens = lex(src);
    this.variables = variables;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.i + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private fail(at: number, why: string, code: ExpressionErrorCode = 'EXPR_SYNTAX'): never {
    throw new ExpressionError(code, this.src, at, why);
  }

  private isOp(text: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.text === text;
  }

  private expect(text: string, what: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) this.fail(t.pos, `expected '${text}' ${what}, found ${describeToken(t)}`);
    return this.next();
  }

  parseAll(): Node {
    if (this.peek().kind === 'eof') this.fail(0, 'the condition is empty');
    const node = this.expression(0);
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(t.pos, `unexpected ${describeToken(t)} after a complete expression`);
    return node;
  }

  private binaryOp(): { op: string; width: number } | undefined {
    const t = this.peek();
    if (t.kind === 'op' && BINARY_PRECEDENCE[t.text] !== undefined) return { op: t.text, width: 1 };
    if (t.kind === 'ident' && (t.text === 'and' || t.text === 'or' || t.text === 'in')) return { op: t.text, width: 1 };
    if (t.kind === 'ident' && t.text === 'not' && this.peek(1).kind === 'ident' && this.peek(1).text === 'in')
      return { op: 'not in', width: 2 };
    return undefined;
  }

  private expression(minPrec: number): Node {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek().pos, `the expression nests deeper than ${MAX_DEPTH} levels`);
    let left = this.unary();
    for (;;) {
      const found = this.binaryOp();
      if (!found) break;
      const prec = BINARY_PRECEDENCE[found.op] ?? 0;
      if (prec <= minPrec) break;
      const opTok = this.peek();
      for (let k = 0; k < found.width; k++) this.next();
      // ** and ^ are right-associative; comparisons do not chain (a < b < c is a mistake)
      const right = this.expression(found.op === '**' || found.op === '^' ? prec - 1 : prec);
      if (prec === 3 && left.type === 'binary' && BINARY_PRECEDENCE[left.op] === 3) {
        this.fail(opTok.pos, `comparisons do not chain; write '(a ${left.op} b) && (b ${found.op} c)'`);
      }
      const op = found.op === 'and' ? '&&' : found.op === 'or' ? '||' : found.op === '^' ? '**' : found.op;
      left = { type: 'binary', pos: opTok.pos, op, left, right };
    }
    if (minPrec === 0 && this.isOp('?')) {
      const q = this.next();
      const then = this.expression(0);
      this.expect(':', "after the '?' branch of a conditional");
      const otherwise = this.expression(0);
      left = { type: 'cond', pos: q.pos, test: left, then, else: otherwise };
    }
    this.depth--;
    return left;
  }

  private unary(): Node {
    const t = this.peek();
    if ((t.kind === 'op' && (t.text === '!' || t.text === '-' || t.text === '+')) || (t.kind === 'ident' && t.text === 'not')) {
      this.next();
      if (++this.depth > MAX_DEPTH) this.fail(t.pos, `the expression nests deeper than ${MAX_DEPTH} levels`);
      const arg = this.unaryOperand();
      this.depth--;
      return { type: 'unary', pos: t.pos, op: t.text === 'not' ? '!' : (t.text as '!' | '-' | '+'), arg };
    }
    return this.postfix(this.primary());
  }

  /** The operand of a unary operator binds tighter than any binary operator except `**`. */
  private unaryOperand(): Node {
    const base = this.unary();
    if (this.isOp('**') || this.isOp('^')) {
      const op = this.next();
      const right = this.expression(BINARY_PRECEDENCE['**'] ?? 6);
      return { type: 'binary', pos: op.pos, op: '**', left: base, right };
    }
    return base;
  }

  private postfix(node: Node): Node {
    let out = node;
    for (;;) {
      if (this.isOp('[')) {
        const t = this.next();
        if (this.isOp(']')) this.fail(this.peek().pos, 'an index is missing between [ and ]');
        const index = this.expression(0);
        this.expect(']', 'to close the index');
        out = { type: 'index', pos: t.pos, target: out, index };
      } else if (this.isOp('.')) {
        const t = this.next();
        const name = this.peek();
        if (name.kind !== 'ident') this.fail(name.pos, `expected a field name after '.', found ${describeToken(name)}`);
        this.next();
        out = { type: 'member', pos: t.pos, target: out, name: name.text };
      } else {
        return out;
      }
    }
  }

  private primary(): Node {
    const t = this.peek();
    switch (t.kind) {
      case 'num':
        this.next();
        return { type: 'lit', pos: t.pos, value: t.value as number };
      case 'str':
        this.next();
        return { type: 'lit', pos: t.pos, value: t.value as string };
      case 'hash':
        if (this.closureDepth === 0) this.fail(t.pos, "'#' stands for the element inside a closure such as all(result, {# > 0.9}) only");
        this.next();
        return { type: 'hash', pos: t.pos };
      case 'ident': {
        this.next();
        if (t.text === 'true' || t.text === 'false') return { type: 'lit', pos: t.pos, value: t.text === 'true' };
        if (t.text === 'nil' || t.text === 'null') return { type: 'lit', pos: t.pos, value: null };
        if (this.isOp('(')) return this.call(t);
        if (FUNCTIONS[t.text]) this.fail(t.pos, `'${t.text}' is a function; call it as ${t.text}(…)`, 'EXPR_UNKNOWN');
        if (!this.variables.has(t.text)) {
          const known = [...this.variables].map((v) => `'${v}'`).join(', ');
          this.fail(
            t.pos,
            `unknown name '${t.text}'; a condition can use ${known} and the functions ${Object.keys(FUNCTIONS).join(', ')}`,
            'EXPR_UNKNOWN',
          );
        }
        return { type: 'var', pos: t.pos, name: t.text };
      }
      case 'op':
        if (t.text === '(') {
          this.next();
          const inner = this.expression(0);
          this.expect(')', 'to close the parenthesis');
          return inner;
        }
        if (t.text === '[') {
          this.next();
          const items: Node[] = [];
          while (!this.isOp(']')) {
            items.push(this.expression(0));
            if (!this.isOp(',')) break;
            this.next();
          }
          this.expect(']', 'to close the array');
          return { type: 'array', pos: t.pos, items };
        }
        if (t.text === '{')
          this.fail(t.pos, 'a {…} closure is allowed only as the second argument of all, any, none, filter, map or count');
        return this.fail(t.pos, `unexpected ${describeToken(t)}`);
      default:
        return this.fail(t.pos, 'the condition ends too early');
    }
  }

  private call(name: Token): Node {
    const spec = FUNCTIONS[name.text];
    if (!spec) this.fail(name.pos, `unknown function '${name.text}'; known: ${Object.keys(FUNCTIONS).join(', ')}`, 'EXPR_UNKNOWN');
    this.expect('(', 'to start the arguments');
    const args: Node[] = [];
    while (!this.isOp(')')) {
      if (spec.closureArg === args.length) {
        const open = this.expect(
          '{',
          `: the argument ${args.length + 1} of ${name.text} is a closure, as in ${name.text}(result, {# > 0.9})`,
        );
        this.closureDepth++;
        const body = this.expression(0);
        this.closureDepth--;
        this.expect('}', 'to close the closure');
        args.push({ type: 'closure', pos: open.pos, body });
      } else {
        args.push(this.expression(0));
      }
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expect(')', `to close the arguments of ${name.text}`);
    const [lo, hi] = spec.arity;
    if (args.length < lo || (hi >= 0 && args.length > hi)) {
      const want = lo === hi ? `${lo}` : hi < 0 ? `at least ${lo}` : `${lo} to ${hi}`;
      this.fail(name.pos, `${name.text} takes ${want} argument${want === '1' ? '' : 's'}, got ${args.length}`);
    }
    return { type: 'call', pos: name.pos, name: name.text, args };
  }
}

function describeToken(t: Token): string {
  if (t.kind === 'eof') return 'the end of the condition';
  if (t.kind === 'num' || t.kind === 'str') return `${t.text}`;
  return `'${t.text}'`;
}

// ---- evaluation ------------------------------------------------------------

export interface Compiled {
  source: string;
  ast: Node;
  /** Evaluates to a boolean; anything else is an EXPR_TYPE error. */
  evaluate(vars: Record<string, Value>): boolean;
  /** Evaluates to any value. */
  evaluateValue(vars: Record<string, Value>): Value;
}

/** Parses a condition; `variables` are the names it may use (default `result` and `baseline`). */
export function compileExpression(source: string, variables: readonly string[] = ['result', 'baseline']): Compiled {
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      'EXPR_SYNTAX',
      source.slice(0, 80),
      0,
      `the condition is ${source.length} characters long, over ${MAX_EXPRESSION_LENGTH}`,
    );
  }
  const ast = new Parser(source, new Set(variables)).parseAll();
  const evaluateValue = (vars: Record<string, Value>): Value => new Evaluator(source, vars).eval(ast, undefined);
  return {
    source,
    ast,
    evaluateValue,
    evaluate(vars) {
      const v = evaluateValue(vars);
      if (typeof v !== 'boolean')
        throw new ExpressionError('EXPR_TYPE', source, 0, `the condition gives ${typeName(v)} ${formatValue(v)}, not true or false`);
      return v;
    },
  };
}

export function typeName(v: Value | undefined): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'string') return 'a string';
  return 'a boolean';
}

/** A value as a condition would write it, bounded for messages. */
export function formatValue(v: Value | undefined, limit = 200): string {
  const text = (() => {
    if (v === null || v === undefined) return 'nil';
    if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return `[${v.map((x) => formatValue(x, limit)).join(', ')}]`;
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}: ${formatValue(x, limit)}`)
      .join(', ')}}`;
  })();
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function equal(a: Value, b: Value): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i] as Value));
  const ka = Object.keys(a);
  const ob = b as Record<string, Value>;
  return (
    ka.length === Object.keys(ob).length && ka.every((k) => k in ob && equal((a as Record<string, Value>)[k] as Value, ob[k] as Value))
  );
}

class Evaluator {
  private steps = 0;
  private readonly src: string;
  private readonly vars: Record<string, Value>;

  constructor(src: string, vars: Record<string, Value>) {
    this.src = src;
    this.vars = vars;
  }

  private fail(node: { pos: number }, why: string, code: ExpressionErrorCode = 'EXPR_EVAL'): never {
    throw new ExpressionError(code, this.src, node.pos, why);
  }

  private num(node: Node, v: Value, what: string): number {
    if (typeof v !== 'number') this.fail(node, `${what} needs a number, got ${typeName(v)} ${formatValue(v)}`, 'EXPR_TYPE');
    return v;
  }

  private bool(node: Node, v: Value, what: string): boolean {
    if (typeof v !== 'boolean') this.fail(node, `${what} needs true or false, got ${typeName(v)} ${formatValue(v)}`, 'EXPR_TYPE');
    return v;
  }

  private array(node: Node, v: Value, what: string): Value[] {
    if (!Array.isArray(v)) this.fail(node, `${what} needs an array, got ${typeName(v)} ${formatValue(v)}`, 'EXPR_TYPE');
    return v;
  }

  private numbers(node: Node, v: Value[], what: string): number[] {
    return v.map((x) => this.num(node, x, what));
  }

  eval(node: Node, hash: Value | undefined): Value {
    if (++this.steps > STEP_BUDGET) this.fail(node, `the condition took more than ${STEP_BUDGET} steps`);
    switch (node.type) {
      case 'lit':
        return node.value;
      case 'var': {
        const v = this.vars[node.name];
        return v === undefined ? null : v;
      }
      case 'hash':
        return hash === undefined ? null : hash;
      case 'array':
        return node.items.map((n) => this.eval(n, hash));
      case 'closure':
        return this.fail(node, 'a closure is not a value');
      case 'unary': {
        const v = this.eval(node.arg, hash);
        if (node.op === '!') return !this.bool(node, v, "'!'");
        const n = this.num(node, v, `unary '${node.op}'`);
        return node.op === '-' ? -n : n;
      }
      case 'cond': {
        const test = this.bool(node, this.eval(node.test, hash), "'?:'");
        return test ? this.eval(node.then, hash) : this.eval(node.else, hash);
      }
      case 'binary':
        return this.binary(node, hash);
      case 'index': {
        const target = this.eval(node.target, hash);
        const index = this.eval(node.index, hash);
        if (Array.isArray(target)) {
          const i = this.num(node, index, 'an array index');
          if (!Number.isInteger(i)) this.fail(node, `the index ${i} is not a whole number`);
          const at = i < 0 ? target.length + i : i;
          if (at < 0 || at >= target.length) {
            this.fail(
              node,
              `index ${i} is out of range: the array has ${target.length} element${target.length === 1 ? '' : 's'}${target.length === 0 ? ' (no data)' : ''}`,
            );
          }
          return target[at] as Value;
        }
        if (typeof target === 'string') {
          const i = this.num(node, index, 'a string index');
          const at = i < 0 ? target.length + i : i;
          if (!Number.isInteger(i) || at < 0 || at >= target.length)
            this.fail(node, `index ${i} is out of range of a string of ${target.length} characters`);
          return target[at] as string;
        }
        if (target !== null && typeof target === 'object') {
          if (typeof index !== 'string') this.fail(node, `a map is indexed by a string, got ${typeName(index)}`, 'EXPR_TYPE');
          return Object.hasOwn(target, index) ? (target[index] as Value) : null;
        }
        return this.fail(node, `cannot index ${typeName(target)}${target === null ? ' (no data)' : ''}`, 'EXPR_TYPE');
      }
      case 'member': {
        const target = this.eval(node.target, hash);
        if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
          return Object.hasOwn(target, node.name) ? (target[node.name] as Value) : null;
        }
        return this.fail(
          node,
          `cannot read field '${node.name}' of ${typeName(target)}${target === null ? ' (no data)' : ''}`,
          'EXPR_TYPE',
        );
      }
      case 'call':
        return this.call(node, hash);
    }
  }

  private binary(node: Extract<Node, { type: 'binary' }>, hash: Value | undefined): Value {
    if (node.op === '&&' || node.op === '||') {
      const left = this.bool(node, this.eval(node.left, hash), `'${node.op}'`);
      if (node.op === '&&' && !left) return false;
      if (node.op === '||' && left) return true;
      return this.bool(node, this.eval(node.right, hash), `'${node.op}'`);
    }
    const a = this.eval(node.left, hash);
    const b = this.eval(node.right, hash);
    switch (node.op) {
      case '==':
        return equal(a, b);
      case '!=':
        return !equal(a, b);
      case 'in':
      case 'not in': {
        let found: boolean;
        if (Array.isArray(b)) found = b.some((x) => equal(x, a));
        else if (typeof b === 'string' && typeof a === 'string') found = b.includes(a);
        else if (b !== null && typeof b === 'object') {
          if (typeof a !== 'string') this.fail(node, `'in' a map needs a string key, got ${typeName(a)}`, 'EXPR_TYPE');
          found = Object.hasOwn(b, a);
        } else return this.fail(node, `'${node.op}' needs an array, a map or a string on its right, got ${typeName(b)}`, 'EXPR_TYPE');
        return node.op === 'in' ? found : !found;
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (typeof a === 'string' && typeof b === 'string') {
          return node.op === '<' ? a < b : node.op === '<=' ? a <= b : node.op === '>' ? a > b : a >= b;
        }
        const x = this.num(node, a, `'${node.op}'`);
        const y = this.num(node, b, `'${node.op}'`);
        return node.op === '<' ? x < y : node.op === '<=' ? x <= y : node.op === '>' ? x > y : x >= y;
      }
      case '+':
        if (typeof a === 'string' && typeof b === 'string') return a + b;
        return this.num(node, a, "'+'") + this.num(node, b, "'+'");
      case '-':
        return this.num(node, a, "'-'") - this.num(node, b, "'-'");
      case '*':
        return this.num(node, a, "'*'") * this.num(node, b, "'*'");
      case '/':
        // as in expr (and Go's float division): x / 0 is ±Inf or NaN, which isInf / isNaN can test
        return this.num(node, a, "'/'") / this.num(node, b, "'/'");
      case '%': {
        const x = this.num(node, a, "'%'");
        const y = this.num(node, b, "'%'");
        if (!Number.isInteger(x) || !Number.isInteger(y)) this.fail(node, "'%' needs whole numbers");
        if (y === 0) this.fail(node, 'modulo by zero');
        return x % y;
      }
      case '**':
        return this.num(node, a, "'**'") ** this.num(node, b, "'**'");
      default:
        return this.fail(node, `unknown operator '${node.op}'`);
    }
  }

  private call(node: Extract<Node, { type: 'call' }>, hash: Value | undefined): Value {
    const spec = FUNCTIONS[node.name];
    if (spec?.closureArg !== undefined) {
      const list = this.array(node, this.eval(node.args[0] as Node, hash), `${node.name}`);
      const body = (node.args[1] as Extract<Node, { type: 'closure' }>).body;
      const results = list.map((item) => this.eval(body, item));
      switch (node.name) {
        case 'all':
          return results.every((r) => this.bool(node, r, 'the closure of all'));
        case 'any':
          return results.some((r) => this.bool(node, r, 'the closure of any'));
        case 'none':
          return !results.some((r) => this.bool(node, r, 'the closure of none'));
        case 'count':
          return results.filter((r) => this.bool(node, r, 'the closure of count')).length;
        case 'filter':
          return list.filter((_, i) => this.bool(node, results[i] as Value, 'the closure of filter'));
        default:
          return results;
      }
    }
    const args = node.args.map((a) => this.eval(a, hash));
    const first = args[0] as Value;
    switch (node.name) {
      case 'len':
        if (Array.isArray(first) || typeof first === 'string') return first.length;
        if (first !== null && typeof first === 'object') return Object.keys(first).length;
        return this.fail(node, `len needs an array, a string or a map, got ${typeName(first)}`, 'EXPR_TYPE');
      case 'isNaN':
        return Number.isNaN(this.num(node, first, 'isNaN'));
      case 'isInf': {
        const n = this.num(node, first, 'isInf');
        return n === Number.POSITIVE_INFINITY || n === Number.NEGATIVE_INFINITY;
      }
      case 'isNil':
        return first === null || (Array.isArray(first) && first.length === 0);
      case 'asInt': {
        if (typeof first === 'number') return Math.trunc(first);
        if (typeof first === 'string' && /^\s*[-+]?\d+\s*$/.test(first)) return Number.parseInt(first, 10);
        return this.fail(node, `asInt cannot convert ${typeName(first)} ${formatValue(first)}`, 'EXPR_TYPE');
      }
      case 'asFloat': {
        if (typeof first === 'number') return first;
        if (typeof first === 'string' && first.trim() !== '' && Number.isFinite(Number(first))) return Number(first);
        return this.fail(node, `asFloat cannot convert ${typeName(first)} ${formatValue(first)}`, 'EXPR_TYPE');
      }
      case 'default':
        return first === null || (Array.isArray(first) && first.length === 0) ? (args[1] as Value) : first;
      case 'abs':
        return Math.abs(this.num(node, first, 'abs'));
      case 'min':
      case 'max': {
        const list = args.length === 1 && Array.isArray(first) ? this.numbers(node, first, node.name) : this.numbers(node, args, node.name);
        if (list.length === 0) this.fail(node, `${node.name} of an empty array (no data)`);
        return node.name === 'min' ? Math.min(...list) : Math.max(...list);
      }
      case 'sum':
        return this.numbers(node, this.array(node, first, 'sum'), 'sum').reduce((s, x) => s + x, 0);
      case 'mean': {
        const list = this.numbers(node, this.array(node, first, 'mean'), 'mean');
        if (list.length === 0) this.fail(node, 'mean of an empty array (no data)');
        return list.reduce((s, x) => s + x, 0) / list.length;
      }
      default:
        return this.fail(node, `unknown function '${node.name}'`, 'EXPR_UNKNOWN');
    }
  }
}

/**
 * A threshold a condition compares the result against, when it is that
 * simple (`result[0] >= 0.95`, `result < 0.05`, `0.9 <= result`), so that a
 * chart can draw it as a line. Undefined for anything else.
 */
export function thresholdOf(c: Compiled): { op: string; value: number } | undefined {
  const n = c.ast;
  if (n.type !== 'binary' || !['<', '<=', '>', '>='].includes(n.op)) return undefined;
  const isResult = (x: Node): boolean =>
    (x.type === 'var' && x.name === 'result') ||
    (x.type === 'index' &&
      x.target.type === 'var' &&
      x.target.name === 'result' &&
      x.index.type === 'lit' &&
      typeof x.index.value === 'number');
  const litValue = (x: Node): number | undefined =>
    x.type === 'lit' && typeof x.value === 'number'
      ? x.value
      : x.type === 'unary' && x.op === '-' && x.arg.type === 'lit' && typeof x.arg.value === 'number'
        ? -x.arg.value
        : undefined;
  const flip: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
  if (isResult(n.left) && litValue(n.right) !== undefined) return { op: n.op, value: litValue(n.right) as number };
  if (isResult(n.right) && litValue(n.left) !== undefined) return { op: flip[n.op] as string, value: litValue(n.left) as number };
  return undefined;
}

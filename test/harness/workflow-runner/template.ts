import { WorkflowError } from './errors.ts';
import { asString, evaluate, type Scope } from './expressions.ts';
import { decodedString, type MappingToken, type TemplateToken, type tokens } from './parser.ts';

// TokenType of @actions/workflow-parser (templates/tokens/types.ts)
const STRING = 0;
const SEQUENCE = 1;
const MAPPING = 2;
const BASIC_EXPRESSION = 3;
const INSERT_EXPRESSION = 4;
const BOOLEAN = 5;
const NUMBER = 6;
const NULL = 7;

/** A mapping token's entries by key (keys are literal strings in a validated workflow). */
export function entries(token: TemplateToken | undefined): Map<string, TemplateToken> {
  const out = new Map<string, TemplateToken>();
  if (token === undefined || token.templateTokenType !== MAPPING) return out;
  for (const pair of token as MappingToken) out.set(pair.key.assertString('mapping key').value, pair.value);
  return out;
}

export function isMapping(token: TemplateToken | undefined): token is MappingToken {
  return token !== undefined && token.templateTokenType === MAPPING;
}

/** `file:line:column` of a token, for messages. */
export function where(file: string, token: TemplateToken | undefined): string {
  return `${file}:${token?.range?.start.line ?? 1}:${token?.range?.start.column ?? 1}`;
}

/**
 * Evaluates a template token to a JSON value: literals as they are,
 * `${{ }}` through the expression library (a string with several
 * expressions was turned into one `format(…)` by the parser), sequences and
 * mappings item by item.
 */
export function evaluateToken(token: TemplateToken | undefined, scope: Scope, file = 'workflow'): unknown {
  if (token === undefined) return undefined;
  switch (token.templateTokenType) {
    case STRING:
      return (token as InstanceType<typeof tokens.StringToken>).value;
    case NUMBER:
      return (token as InstanceType<typeof tokens.NumberToken>).value;
    case BOOLEAN:
      return (token as InstanceType<typeof tokens.BooleanToken>).value;
    case NULL:
      return null;
    case BASIC_EXPRESSION:
      try {
        const text = decodedString(token);
        if (text !== undefined) return interpolate(text, scope);
        return evaluate((token as InstanceType<typeof tokens.BasicExpressionToken>).expression, scope);
      } catch (err) {
        if (err instanceof WorkflowError) throw new WorkflowError(err.code, `${where(file, token)}: ${err.message}`, { cause: err });
        throw err;
      }
    case SEQUENCE: {
      const out: unknown[] = [];
      for (const item of token as InstanceType<typeof tokens.SequenceToken>) out.push(evaluateToken(item, scope, file));
      return out;
    }
    case MAPPING: {
      const out: Record<string, unknown> = {};
      for (const pair of token as MappingToken) {
        out[asString(evaluateToken(pair.key, scope, file))] = evaluateToken(pair.value, scope, file);
      }
      return out;
    }
    case INSERT_EXPRESSION:
      throw new WorkflowError('RUNNER_UNSUPPORTED', `${where(file, token)}: \${{ insert }} is not supported by the local runner`);
    default:
      throw new WorkflowError('RUNNER_UNSUPPORTED', `${where(file, token)}: unknown template token type ${token.templateTokenType}`);
  }
}

/**
 * `a ${{ x }} b` → `a <x> b`: each expression evaluated and written as a
 * string, the text around them kept as it is (the parser found the
 * expressions the same way: `}}` inside a quoted string does not end one).
 */
export function interpolate(text: string, scope: Scope): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = text.indexOf('${{', i);
    if (start < 0) return out + text.slice(i);
    out += text.slice(i, start);
    let inString = false;
    let end = -1;
    for (let j = start + 3; j < text.length; j++) {
      if (text[j] === "'") inString = !inString;
      else if (!inString && text[j] === '}' && text[j - 1] === '}') {
        end = j;
        break;
      }
    }
    if (end < 0) throw new WorkflowError('EXPRESSION_INVALID', `an unclosed \${{ in ${JSON.stringify(text.slice(start, start + 40))}`);
    out += asString(evaluate(text.slice(start + 3, end - 1).trim(), scope));
    i = end + 1;
  }
}

/** Evaluates a token that must come out as a string (env values, inputs, scripts). */
export function evaluateString(token: TemplateToken | undefined, scope: Scope, file?: string): string {
  return asString(evaluateToken(token, scope, file));
}

/** Evaluates a mapping of strings (`env:`, `with:`, `outputs:`), each value to a string. */
export function evaluateStringMap(token: TemplateToken | undefined, scope: Scope, file?: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (token === undefined) return out;
  if (token.templateTokenType === BASIC_EXPRESSION) {
    // `env: ${{ fromJSON(…) }}`: a whole mapping from one expression
    const value = evaluateToken(token, scope, file);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) out[k] = asString(v);
      return out;
    }
    throw new WorkflowError('EXPRESSION_INVALID', `${where(file ?? 'workflow', token)}: expected a mapping, got ${asString(value)}`);
  }
  for (const [key, value] of entries(token)) out[key] = evaluateString(value, scope, file);
  return out;
}

/** The raw text of a literal token (or the expression source), for display names. */
export function literal(token: TemplateToken | undefined): string | undefined {
  if (token === undefined) return undefined;
  if (token.templateTokenType === STRING) return (token as InstanceType<typeof tokens.StringToken>).value;
  if (token.templateTokenType === BASIC_EXPRESSION)
    return decodedString(token) ?? (token as InstanceType<typeof tokens.BasicExpressionToken>).source;
  if (token.templateTokenType === NUMBER || token.templateTokenType === BOOLEAN)
    return String((token as unknown as { value: unknown }).value);
  return undefined;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionError, thresholdOf, type Value } from './expr.ts';

const run = (src: string, result: Value, baseline: Value = null) => compileExpression(src).evaluate({ result, baseline });

describe('conditions as Argo Rollouts writes them', () => {
  it.each<[string, Value, boolean]>([
    ['result[0] >= 0.95', [0.97], true],
    ['result[0] >= 0.95', [0.9], false],
    ['result < 0.05', 0.01, true],
    ['len(result) == 0', [], true],
    ['len(result) == 0', [1], false],
    ['result[0] > 0.9 && result[1] > 0.9', [0.95, 0.91], true],
    ['result[0] > 0.9 || result[1] > 0.9', [0.5, 0.91], true],
    ['!(result[0] > 0.9)', [0.5], true],
    ['not (result > 1) and result != 0', 0.5, true],
    ['result[-1] == 3', [1, 2, 3], true],
    ['isNaN(result[0])', [Number.NaN], true],
    ['isInf(result)', Number.POSITIVE_INFINITY, true],
    ['default(result, [0])[0] == 0', [], true],
    ['isNil(result)', null, true],
    ['asInt("42") == 42 && asFloat("0.5") == 0.5', null, true],
    ['all(result, {# < 0.01})', [0.001, 0.002], true],
    ['any(result, {# > 0.5})', [0.001, 0.9], true],
    ['none(result, {# > 0.5})', [0.001, 0.2], true],
    ['count(result, {# > 0.5}) == 1', [0.1, 0.9], true],
    ['len(filter(result, {# > 0.5})) == 2', [0.6, 0.9, 0.1], true],
    ['sum(map(result, {# * 2})) == 6', [1, 2], true],
    ['mean(result) == 2 && min(result) == 1 && max(result) == 3', [1, 2, 3], true],
    ['max(1, 5, 3) == 5', null, true],
    ['result.status == "ok" && result.count >= 10', { status: 'ok', count: 12 }, true],
    ["result['status'] == 'ok'", { status: 'ok' }, true],
    ['"ok" in result.tags', { tags: ['ok', 'fast'] }, true],
    ['"x" not in result', { y: 1 }, true],
    ['2 ** 3 ** 2 == 512', null, true],
    ['-2 ** 2 == -4', null, true],
    ['1 + 2 * 3 == 7 && (1 + 2) * 3 == 9 && 7 % 3 == 1', null, true],
    ['result > 0 ? result < 10 : false', 5, true],
    ['1_000 == 1000 && 1e3 == 1000 && .5 == 0.5 && 0x10 == 16', null, true],
    ['result == nil', null, true],
    ['result == [1, 2]', [1, 2], true],
    ['"a" + "b" == "ab"', null, true],
  ])('%s with result %j is %s', (src, result, want) => {
    expect(run(src, result)).toBe(want);
  });

  it('compares the canary with the stable through baseline', () => {
    expect(run('result[0] >= baseline[0] - 0.01', [0.985], [0.99])).toBe(true);
    expect(run('result[0] >= baseline[0] - 0.01', [0.9], [0.99])).toBe(false);
  });
});

describe('errors name the column', () => {
  const err = (src: string, vars: Record<string, Value> = { result: null, baseline: null }): ExpressionError => {
    try {
      compileExpression(src).evaluate(vars);
    } catch (e) {
      if (e instanceof ExpressionError) return e;
      throw e;
    }
    throw new Error(`no error for ${src}`);
  };

  it.each<[string, string, number, RegExp]>([
    ['result[0] >= ', 'EXPR_SYNTAX', 14, /ends too early/],
    ['result[0] = 0.95', 'EXPR_SYNTAX', 11, /'=' is not an operator; compare with '=='/],
    ['result & 1', 'EXPR_SYNTAX', 8, /use '&&'/],
    ['(result > 1', 'EXPR_SYNTAX', 12, /expected '\)' to close the parenthesis/],
    ['rezult > 1', 'EXPR_UNKNOWN', 1, /unknown name 'rezult'; a condition can use 'result', 'baseline'/],
    ['lenn(result) == 0', 'EXPR_UNKNOWN', 1, /unknown function 'lenn'/],
    ['len(result, 1) == 0', 'EXPR_SYNTAX', 1, /len takes 1 argument, got 2/],
    ['0.1 < result < 0.5', 'EXPR_SYNTAX', 14, /comparisons do not chain/],
    ['result > 1 result', 'EXPR_SYNTAX', 12, /unexpected 'result' after a complete expression/],
    ['"open', 'EXPR_SYNTAX', 1, /not closed/],
    ['all(result, # > 1)', 'EXPR_SYNTAX', 13, /is a closure/],
    ['# > 1', 'EXPR_SYNTAX', 1, /inside a closure/],
    ['', 'EXPR_SYNTAX', 1, /empty/],
  ])('%j → %s at column %d', (src, code, column, message) => {
    const e = err(src);
    expect(e.code).toBe(code);
    expect(e.column).toBe(column);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`column ${column}: `)).toBe(true);
  });

  it('an index out of range says there was no data', () => {
    const e = err('result[0] >= 0.95', { result: [], baseline: null });
    expect(e.code).toBe('EXPR_EVAL');
    expect(e.column).toBe(7);
    expect(e.message).toBe('column 7: index 0 is out of range: the array has 0 elements (no data)');
    expect(e.pointer()).toBe('result[0] >= 0.95\n      ^');
  });

  it('type errors name the value', () => {
    expect(err('result > 1', { result: 'abc', baseline: null }).message).toBe(`column 8: '>' needs a number, got a string "abc"`);
    expect(err('result && true', { result: 1, baseline: null }).message).toMatch(/'&&' needs true or false, got a number 1/);
    expect(err('result + 1', { result: 1, baseline: null }).message).toMatch(/not true or false/);
  });

  it('refuses what is too long or too deep', () => {
    expect(() => compileExpression(`${'('.repeat(100)}1${')'.repeat(100)} == 1`)).toThrow(/deeper than 64/);
    expect(() => compileExpression(`result == ${'1 + '.repeat(2000)}1`)).toThrow(/over 4096/);
  });
});

describe('thresholds for charts', () => {
  it.each<[string, { op: string; value: number } | undefined]>([
    ['result[0] >= 0.95', { op: '>=', value: 0.95 }],
    ['result < 0.05', { op: '<', value: 0.05 }],
    ['0.9 <= result[0]', { op: '>=', value: 0.9 }],
    ['result > -1', { op: '>', value: -1 }],
    ['len(result) == 0', undefined],
    ['result[0] >= baseline[0]', undefined],
  ])('%s', (src, want) => {
    expect(thresholdOf(compileExpression(src))).toEqual(want);
  });
});

it('never throws anything but an ExpressionError, whatever the text', () => {
  const alphabet = fc.constantFrom(...'result[0]>=<!&|().,{}#"\'+-*/%?: 0123456789lenallbaseline'.split(''));
  fc.assert(
    fc.property(
      fc.array(alphabet, { maxLength: 40 }),
      fc.oneof(fc.constant(null), fc.double(), fc.array(fc.double(), { maxLength: 3 })),
      (chars, result) => {
        const src = chars.join('');
        try {
          compileExpression(src).evaluate({ result, baseline: result });
        } catch (e) {
          if (!(e instanceof ExpressionError)) throw e;
          expect(e.column).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeLessThanOrEqual(src.length + 1);
        }
      },
    ),
    { numRuns: 3000 },
  );
});

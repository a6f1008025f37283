import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { plug } from '../wac/plug.ts';
import { checkSubtype, isSubtype, MAX_TYPE_SIZE, TypeMismatchError, TypeTooLargeError } from './subtype.ts';
import { componentType, type FuncT, type VType } from './types.ts';

/** t0 = leaf, tN = tuple<tN-1, tN-1>: a DAG of N+1 nodes whose tree has 2^N leaves. */
function doubling(n: number, leaf: 'u8' | 'u16'): VType {
  let t: VType = { kind: 'prim', name: leaf };
  for (let i = 0; i < n; i++) t = { kind: 'tuple', types: [t, t] };
  return t;
}
const fn = (t: VType): FuncT => ({ kind: 'func', async: false, params: [{ name: 'x', type: t }], result: null });

describe('type comparison bounds', () => {
  it('refuses a type of 2^26 leaves before comparing, naming the limit', () => {
    const stats = { comparisons: 0 };
    let err: unknown;
    try {
      checkSubtype(fn(doubling(26, 'u8')), fn(doubling(26, 'u8')), { stats }, ['f']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TypeTooLargeError);
    expect((err as TypeTooLargeError).code).toBe('TYPE_TOO_LARGE');
    expect((err as Error).message).toContain(String(MAX_TYPE_SIZE));
    expect((err as Error).message).toContain('at f');
    expect(stats.comparisons).toBe(0);
    expect(() => isSubtype(fn(doubling(26, 'u8')), fn(doubling(26, 'u8')))).toThrow(TypeTooLargeError);
  });

  it('compares each pair of a type DAG once (2^18 leaves: N+1 comparisons per side, not 2^18)', () => {
    const stats = { comparisons: 0 };
    // two separately built DAGs: no identity shortcut
    checkSubtype(fn(doubling(18, 'u8')), fn(doubling(18, 'u8')), { stats });
    expect(stats.comparisons).toBeGreaterThan(0);
    expect(stats.comparisons).toBeLessThanOrEqual(18 + 1);
  });

  it('cuts a large type in a mismatch message with an ellipsis', () => {
    let err: unknown;
    try {
      const t = doubling(17, 'u8');
      const three: VType = { kind: 'tuple', types: [t, t, t] };
      checkSubtype({ kind: 'value', type: three }, { kind: 'value', type: doubling(18, 'u8') });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TypeMismatchError);
    const message = (err as Error).message;
    expect(message.length).toBeLessThan(2000);
    expect(message).toContain('…');
    expect(message).toContain('expected');
  });

  it('refuses the doubling type of a real ~300-byte component (N=26) instead of walking 2^26 leaves', async () => {
    let defs = '(type $t0 u8)';
    for (let i = 1; i <= 26; i++) defs += ` (type $t${i} (tuple $t${i - 1} $t${i - 1}))`;
    const bytes = await parse(`(component ${defs} (import "f" (func $f (param "x" $t26))) (export "g" (func $f)))`);
    expect(bytes.byteLength).toBeLessThan(400);
    const t = componentType(bytes);
    const g = t.exports.get('g');
    const f = t.imports.get('f');
    if (!g || !f) throw new Error('the fixture lacks its import or export');
    expect(() => checkSubtype(g, f, {}, ['f'])).toThrow(TypeTooLargeError);
  });

  it('wac plug of two such components is refused with TYPE_TOO_LARGE instead of walking the type', async () => {
    let defs = '(type $t0 u8)';
    for (let i = 1; i <= 26; i++) defs += ` (type $t${i} (tuple $t${i - 1} $t${i - 1}))`;
    const plugged = await parse(`(component ${defs} (import "f" (func $f (param "x" $t26))) (export "g" (func $f)))`);
    const socket = await parse(`(component ${defs} (import "g" (func $g (param "x" $t26))) (export "h" (func $g)))`);
    const err = await plug(socket, [plugged]).catch((e: unknown) => e);
    expect((err as TypeTooLargeError).code).toBe('TYPE_TOO_LARGE');
    expect((err as Error).message).toContain('at g');
  });
});

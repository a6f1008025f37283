// The splitter over every flattening case of the canonical ABI, with real
// components: two WAT implementations of test:flat/api (results differ by a
// tag), the generated splitter, composed by the composition graph, validated
// and run by jco. Every call's result must equal what the implementation
// that got it returns when called directly.
import { parse } from '@bytecodealliance/jco';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComponent } from '../../test/support/run-component.ts';
import { generateSplitter } from './generate.ts';
import { FLAT_API, flatApiWat } from './testdata/flat-api.ts';
import { callsOf, canaryAt, composeInterposer, type JsReport, outcome, snapshot, totalCalls } from './testdata/support.ts';

type Api = Record<string, (...args: unknown[]) => unknown>;

const disposers: (() => Promise<void>)[] = [];
async function load(bytes: Uint8Array, name: string): Promise<Record<string, unknown>> {
  const { module, dispose } = await loadComponent(bytes, name);
  disposers.push(dispose);
  return module;
}

let stableBytes: Uint8Array;
let canaryBytes: Uint8Array;
let direct: { stable: Api; canary: Api };
const split: Record<number, { module: Record<string, unknown>; api: Api }> = {};

beforeAll(async () => {
  stableBytes = await parse(flatApiWat(0));
  canaryBytes = await parse(flatApiWat(1));
  direct = {
    stable: (await load(stableBytes, 'stable')).api as Api,
    canary: (await load(canaryBytes, 'canary')).api as Api,
  };
  for (const weight of [0, 10, 100]) {
    const splitter = generateSplitter(stableBytes, { interface: FLAT_API, weight, label: 'flat' });
    const module = await load(
      await composeInterposer(splitter, FLAT_API, { stable: stableBytes, canary: canaryBytes }, { label: 'flat' }),
      `w${weight}`,
    );
    split[weight] = { module, api: module.api as Api };
  }
}, 120_000);

afterAll(async () => {
  for (const d of disposers) await d();
});

const shapes = [{ tag: 'circle', val: 1.5 }, { tag: 'rect', val: { x: 3, y: -4 } }, { tag: 'label', val: 'ünïcode ✓' }, { tag: 'none' }];

/** Each case: the function (jco's camelCase name), its WIT name, and the arguments of call i. */
const cases: [string, string, (i: number) => unknown[]][] = [
  ['add', 'add', (i) => [i, 2 * i]],
  [
    'mix',
    'mix',
    (i) => [(i % 256) - 128, (i * 7) % 65536, BigInt(i) * -1000n, 1.5, i / 3, String.fromCodePoint(0x1f600 + (i % 50)), i % 2 === 0],
  ],
  ['sixteen', 'sixteen', (i) => Array.from({ length: 16 }, (_, k) => i + k)],
  ['wide', 'wide', (i) => Array.from({ length: 17 }, (_, k) => i * k)],
  ['pair', 'pair', (i) => [BigInt(i) << 40n, i * 0.5]],
  ['echo', 'echo', (i) => [`héllo ${i} € 𝄞`]],
  ['sum', 'sum', (i) => [[i, i + 1, 0xffffffff]]],
  ['range', 'range', (i) => [i % 9]],
  ['move', 'move', (i) => [{ x: i, y: -i }, 3]],
  ['area', 'area', (i) => [shapes[i % 4]]],
  ['grow', 'grow', (i) => [shapes[i % 4]]],
  [
    'numValue',
    'num-value',
    (i) => [
      [
        { tag: 'small', val: i },
        { tag: 'big', val: BigInt(i) * 1_000_000_007n },
        { tag: 'real', val: i / 7 },
      ][i % 3],
    ],
  ],
  ['next', 'next', (i) => [['red', 'green', 'blue'][i % 3]]],
  ['toggle', 'toggle', (i) => [{ read: i % 2 === 0, write: i % 3 === 0, exec: i % 5 === 0 }]],
  ['find', 'find', (i) => [['a', 'bb', `c${i}`], i % 2 === 0 ? 'bb' : `c${i}`]],
  ['check', 'check', (i) => [i]],
  ['ok', 'ok', (i) => [i]],
  ['older', 'older', (i) => [{ name: `Zoë ${i}`, age: i % 200, tags: ['x', `ü${i}`, ''] }]],
  ['ping', 'ping', () => []],
];

describe('a generated splitter over every flattening case (WAT implementations, composed, run by jco)', () => {
  it.each(cases)(
    '%s: 1,000 calls at weight 10 give the result of the implementation that got each call; exactly 100 reach canary',
    (js, wit, args) => {
      const { module, api } = split[10] as { module: Record<string, unknown>; api: Api };
      const before = snapshot(module, 'flat');
      // the splitter counts calls across every function of the interface: continue from where it is
      let n = totalCalls(before);
      let canaryCalls = 0;
      for (let i = 0; i < 1000; i++, n++) {
        const toCanary = canaryAt(n, 10);
        if (toCanary) canaryCalls++;
        const impl = toCanary ? direct.canary : direct.stable;
        const a = args(i);
        expect(outcome(() => (api[js] as (...x: unknown[]) => unknown)(...a))).toEqual(
          outcome(() => (impl[js] as (...x: unknown[]) => unknown)(...a)),
        );
      }
      expect(canaryCalls).toBe(100);
      const after = snapshot(module, 'flat');
      expect(callsOf(after, 'canary', wit) - callsOf(before, 'canary', wit)).toBe(100);
      expect(callsOf(after, 'stable', wit) - callsOf(before, 'stable', wit)).toBe(900);
    },
  );

  it('the two implementations really differ, so the comparison above sees where each call went', () => {
    for (const [js, , args] of cases) {
      if (js === 'ping' || js === 'ok') continue;
      const a = args(2);
      expect(
        outcome(() => (direct.stable[js] as (...x: unknown[]) => unknown)(...a)),
        js,
      ).not.toEqual(outcome(() => (direct.canary[js] as (...x: unknown[]) => unknown)(...a)));
    }
  });

  it('weight 0 sends every call to stable and weight 100 every call to canary', () => {
    for (const [weight, impl] of [
      [0, direct.stable],
      [100, direct.canary],
    ] as const) {
      const { module, api } = split[weight] as { module: Record<string, unknown>; api: Api };
      for (const [js, , args] of cases) {
        for (let i = 0; i < 20; i++) {
          const a = args(i);
          expect(outcome(() => (api[js] as (...x: unknown[]) => unknown)(...a))).toEqual(
            outcome(() => (impl[js] as (...x: unknown[]) => unknown)(...a)),
          );
        }
      }
      const r = snapshot(module, 'flat');
      const other = weight === 0 ? 'canary' : 'stable';
      expect(r.functions.filter((f) => f.backend === other).every((f) => f.calls === 0n)).toBe(true);
      expect(totalCalls(r)).toBeGreaterThanOrEqual(20 * cases.length);
    }
  });

  it('strings of 100 kB and non-ASCII text pass intact both ways', () => {
    const api = (split[100] as { api: Api }).api;
    const big = 'aé€𝄞'.repeat(10_000); // 100,000 bytes of UTF-8
    expect(new TextEncoder().encode(big).length).toBe(100_000);
    for (let i = 0; i < 5; i++) expect(api.echo?.(big)).toBe(`${big}1`);
    const person = { name: `Ωmega ${big}`, age: 7, tags: [big, '日本語', '', 'ﬁ'] };
    expect(api.older?.(person)).toEqual({ name: `Ωmega ${big}1`, age: 8, tags: [big, '日本語', '', 'ﬁ'] });
    expect(api.find?.([big, 'x', '日本語'], '日本語')).toBe(102);
    expect(api.grow?.({ tag: 'label', val: big })).toEqual({ tag: 'label', val: `${big}1` });
  });

  it('errors count the results returned as err, on the backend that returned them', () => {
    const { module, api } = split[0] as { module: Record<string, unknown>; api: Api };
    const before = snapshot(module, 'flat');
    const errs = (r: JsReport, fn: string) => Number(r.functions.find((f) => f.backend === 'stable' && f.function === fn)?.errors);
    for (let i = 0; i < 10; i++) {
      outcome(() => api.check?.(i));
      outcome(() => api.ok?.(i));
      api.add?.(i, i);
    }
    const after = snapshot(module, 'flat');
    expect(errs(after, 'check') - errs(before, 'check')).toBe(5);
    expect(errs(after, 'ok') - errs(before, 'ok')).toBe(5);
    expect(errs(after, 'add') - errs(before, 'add')).toBe(0);
  });

  it('the report names the splitter and its latency histogram adds up to its calls', () => {
    const r = snapshot((split[10] as { module: Record<string, unknown> }).module, 'flat');
    expect(r).toMatchObject({ label: 'flat', interfaceName: FLAT_API, role: 'splitter', weight: 10 });
    expect(r.sticky).toBeUndefined();
    expect(r.functions.map((f) => `${f.backend}/${f.function}`)).toEqual(
      ['stable', 'canary'].flatMap((b) => cases.map(([, wit]) => `${b}/${wit}`)),
    );
    expect([...r.bucketBoundsNs].every((b, i, all) => i === 0 || b > (all[i - 1] as bigint))).toBe(true);
    for (const f of r.functions) {
      expect(f.buckets.length).toBe(r.bucketBoundsNs.length + 1);
      expect([...f.buckets].reduce((a, b) => a + b, 0n)).toBe(f.calls);
      if (f.calls > 0n) {
        expect(f.maxLatencyNs).toBeGreaterThan(0n);
        expect(f.totalLatencyNs).toBeGreaterThanOrEqual(f.maxLatencyNs);
        expect(f.maxLatencyNs).toBeLessThan(10_000_000_000n);
      }
    }
  });

  it('no memory growth over 100,000 calls (post-return frees what each call used)', () => {
    const { module, api } = split[10] as { module: Record<string, unknown>; api: Api };
    const big = 'x'.repeat(100_000);
    // warm: the largest call of the loop below, once
    api.echo?.(big);
    const before = snapshot(module, 'flat').memoryBytes;
    for (let i = 0; i < 100_000; i++) {
      switch (i % 5) {
        case 0:
          api.echo?.(`call ${i} ✓`);
          break;
        case 1:
          api.older?.({ name: 'n', age: 1, tags: ['a', 'b'] });
          break;
        case 2:
          api.range?.(16);
          break;
        case 3:
          api.wide?.(...Array.from({ length: 17 }, () => i));
          break;
        default:
          if (i % 1000 === 4) api.echo?.(big);
          else api.find?.(['a', 'b'], 'b');
      }
    }
    expect(snapshot(module, 'flat').memoryBytes).toBe(before);
    expect(before).toBeLessThan(1024n * 1024n);
  }, 120_000);

  it('random values (any Unicode text, lists, records, variants, u64 extremes) come back as the implementation returns them', () => {
    const { module, api } = split[10] as { module: Record<string, unknown>; api: Api };
    const text = fc.string({ unit: 'grapheme', maxLength: 200 });
    const shape = fc.oneof(
      fc.float({ noNaN: true }).map((val) => ({ tag: 'circle', val: Math.fround(val) })),
      fc
        .record({ x: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), y: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) })
        .map((val) => ({ tag: 'rect', val })),
      text.map((val) => ({ tag: 'label', val })),
      fc.constant({ tag: 'none' }),
    );
    const call = fc.oneof(
      text.map((s) => ['echo', [s]] as const),
      fc
        .record({ name: text, age: fc.integer({ min: 0, max: 254 }), tags: fc.array(text, { maxLength: 8 }) })
        .map((p) => ['older', [p]] as const),
      fc.tuple(fc.array(text, { maxLength: 8 }), text).map(([xs, x]) => ['find', [xs, x]] as const),
      fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 50 }).map((xs) => ['sum', [xs]] as const),
      shape.map((x) => ['grow', [x]] as const),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((b) => ['numValue', [{ tag: 'big', val: b }]] as const),
      fc
        .tuple(fc.bigInt({ min: 0n, max: 2n ** 64n - 2n }), fc.float({ noNaN: true }))
        .map(([a, b]) => ['pair', [a, Math.fround(b)]] as const),
    );
    fc.assert(
      fc.property(call, ([fn, args]) => {
        const toCanary = canaryAt(totalCalls(snapshot(module, 'flat')), 10);
        const impl = toCanary ? direct.canary : direct.stable;
        expect(outcome(() => (api[fn] as (...x: unknown[]) => unknown)(...args))).toEqual(
          outcome(() => (impl[fn] as (...x: unknown[]) => unknown)(...args)),
        );
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * Validation of a composition's outer layer only (shared/component/validate.ts, validateOuterLayer):
 * the packages validated before (cache entries `nested`: valid on their own and a subtype of the
 * type the composition declares for them) are not validated again, and the outer layer is checked
 * by wasmparser against their types. What it must keep: it accepts exactly what the whole
 * validation accepts (fuzzed on the outer layer of compositions with instance imports, resources
 * and several packages), and a refusal carries wasmparser's message for the real bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterProvider, counterUser, stdoutWriter, textLeaf, textWrapper } from '../../test/support/wat-components.ts';
import { coreModules, validateComponent, validateComponentModel, validationCounts } from '../component/validate.ts';
import { VALIDATOR_ID, ValidationCache } from '../component/validation-cache.ts';
import { encodeGraphSync, packageTypes } from './encode.ts';
import { CompositionGraph } from './graph.ts';
import { plug } from './plug.ts';

const TEXT = 'test:demo/text@0.1.0';
const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let work: string;
let leaf: Uint8Array;
let mid: Uint8Array;
let top: Uint8Array;
let counters: Uint8Array;
let user: Uint8Array;
let writer: Uint8Array;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'flotilla-validate-outer-'));
  const built = await Promise.all(
    [
      textLeaf('base', 5),
      textWrapper('mid', 7),
      textWrapper('top', 11),
      counterProvider(3),
      counterUser(),
      stdoutWriter('one', 'hello', 1, '0.2.0'),
    ].map((w) => parse(w)),
  );
  [leaf, mid, top, counters, user, writer] = built as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function freshCache(): ValidationCache {
  return new ValidationCache(join(work, `cache-${n++}`));
}

function entries(cache: ValidationCache, kind: string): string[] {
  const dir = join(cache.dir, VALIDATOR_ID, kind);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** leaf → mid (→ top), exported under `as`. */
function chain(as = TEXT, withTop = false): CompositionGraph {
  const g = new CompositionGraph();
  const l = g.instantiate(g.registerPackage({ name: 'test:leaf', bytes: leaf }), 'leaf');
  const m = g.instantiate(g.registerPackage({ name: 'test:mid', bytes: mid }), 'mid');
  g.setArgument(m, TEXT, g.aliasExport(l, TEXT));
  let last = m;
  if (withTop) {
    const t = g.instantiate(g.registerPackage({ name: 'test:top', bytes: top }), 'top');
    g.setArgument(t, TEXT, g.aliasExport(m, TEXT));
    last = t;
  }
  g.export(g.aliasExport(last, TEXT), as);
  return g;
}

/** Resources passed between two packages, and a WASI writer whose imports stay imports of the composition. */
function resourcesAndImports(): CompositionGraph {
  const g = new CompositionGraph();
  const p = g.instantiate(g.registerPackage({ name: 'test:counters', bytes: counters }), 'counters');
  const u = g.instantiate(g.registerPackage({ name: 'test:user', bytes: user }), 'user');
  g.setArgument(u, 'test:demo/counters', g.aliasExport(p, 'test:demo/counters'));
  g.export(g.aliasExport(u, 'test:demo/runner'), 'test:demo/runner');
  const one = g.registerPackage({ name: 'test:one', bytes: writer });
  const w = g.instantiate(one, 'one');
  for (const name of g.getPackage(one).type.exports.keys()) g.export(g.aliasExport(w, name), name);
  return g;
}

/** The whole validation, without cache or shortcut: wasmparser over the real bytes, V8 for every core module. */
async function reference(bytes: Uint8Array): Promise<boolean> {
  try {
    await validateComponentModel(bytes);
  } catch {
    return false;
  }
  return coreModules(bytes).every((m) => wasm.validate(m));
}

describe('outer-layer validation of a composition of packages validated before', () => {
  it('validates a new composition of cached packages without their bodies; a new package is validated on its own first', async () => {
    const cache = freshCache();
    const one = encodeGraphSync(chain());
    await validateComponent(one, { cache, nestedType: packageTypes(chain()) });
    expect(entries(cache, 'nested')).toHaveLength(2); // leaf and mid, each with its declared type
    expect(entries(cache, 'component')).toEqual([hex(one)]);
    expect(entries(cache, 'core').length).toBeGreaterThan(0);

    // the core-module entries gone: a shortcut that looked into the packages would validate and record them again
    rmSync(join(cache.dir, VALIDATOR_ID, 'core'), { recursive: true });
    const g2 = chain('test:demo/other@0.1.0');
    const two = encodeGraphSync(g2);
    const before = validationCounts.outerLayer;
    await validateComponent(two, { cache, nestedType: packageTypes(g2) });
    expect(validationCounts.outerLayer).toBe(before + 1);
    expect(entries(cache, 'core')).toEqual([]);
    expect(entries(cache, 'nested')).toHaveLength(2);
    expect(entries(cache, 'component')).toEqual([hex(one), hex(two)].sort());

    // a third package: only its own core modules are validated (and recorded), then the outer layer
    const g3 = chain(TEXT, true);
    const three = encodeGraphSync(g3);
    await validateComponent(three, { cache, nestedType: packageTypes(g3) });
    expect(entries(cache, 'core')).toEqual([...new Set(coreModules(top).map(hex))].sort());
    expect(entries(cache, 'nested')).toHaveLength(3);
  });

  it('wac plug with a cache: plugging the same components again into a new output checks the outer layer only', async () => {
    const cache = freshCache();
    const one = await plug(mid, [leaf], { validationCache: cache });
    expect(entries(cache, 'nested')).toHaveLength(2);
    rmSync(join(cache.dir, VALIDATOR_ID, 'component'), { recursive: true }); // as if the output were new
    const before = validationCounts.outerLayer;
    const two = await plug(mid, [leaf], { validationCache: cache, names: ['base'] }); // another component-name section
    expect(Buffer.from(two).equals(Buffer.from(one))).toBe(false);
    expect(validationCounts.outerLayer).toBe(before + 1);
    expect(entries(cache, 'component')).toEqual([hex(two)]);
  });

  it('a type that does not fit the package is no shortcut: the whole validation decides, and nothing is recorded for it', async () => {
    const cache = freshCache();
    const g = chain();
    const bytes = encodeGraphSync(g);
    const honest = packageTypes(g);
    // each package given the other's type (mid imports text, leaf does not)
    const swapped = (c: Uint8Array) => honest(Buffer.from(c).equals(Buffer.from(leaf)) ? mid : leaf);
    await validateComponent(bytes, { cache, nestedType: swapped });
    expect(entries(cache, 'nested')).toEqual([]);
    expect(entries(cache, 'component')).toEqual([hex(bytes)]); // valid all the same (the whole validation said so)
  });

  it('a refused outer layer is refused with wasmparser’s message for the real bytes', async () => {
    const cache = freshCache();
    const g = chain();
    const bytes = encodeGraphSync(g);
    await validateComponent(bytes, { cache, nestedType: packageTypes(g) });
    // the export's alias names an export the instance does not have
    const bad = new Uint8Array(bytes);
    const name = Buffer.from(TEXT);
    const last = Buffer.from(bad).lastIndexOf(name, Buffer.from(bad).lastIndexOf(name) - 1);
    bad[last + 5] = 'x'.charCodeAt(0); // test:xemo/text@0.1.0
    const alone = await validateComponent(bad).catch((e: unknown) => e as Error);
    const shortcut = await validateComponent(bad, { cache, nestedType: packageTypes(g) }).catch((e: unknown) => e as Error);
    expect(alone).toBeInstanceOf(Error);
    expect((shortcut as Error).message).toBe((alone as Error).message);
    expect(entries(cache, 'component')).toEqual([hex(bytes)]);
  });

  it('accepts a mutated outer layer exactly when the whole validation does', async () => {
    const graphs = [chain('test:demo/other@0.1.0', true), resourcesAndImports()];
    const seeds = graphs.map((g) => ({ bytes: encodeGraphSync(g), types: packageTypes(g), outer: [] as number[] }));
    const cache = freshCache();
    for (const s of seeds) {
      await validateComponent(s.bytes, { cache, nestedType: s.types });
      // the byte positions of the outer layer: everything but the bodies of the nested components
      const packages = [leaf, mid, top, counters, user, writer].map((p) => Buffer.from(s.bytes).indexOf(Buffer.from(p)));
      const inside = (i: number) =>
        packages.some((at, k) => at >= 0 && i >= at && i < at + ([leaf, mid, top, counters, user, writer][k] as Uint8Array).length);
      for (let i = 8; i < s.bytes.length; i++) if (!inside(i)) s.outer.push(i);
    }
    expect(entries(cache, 'nested')).toHaveLength(6);
    let accepted = 0;
    let refused = 0;
    const outerBefore = validationCounts.outerLayer;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 2 }),
        async (seed, muts) => {
          const s = seeds[seed % seeds.length] as (typeof seeds)[number];
          const input = new Uint8Array(s.bytes);
          for (const m of muts) input[s.outer[m.at % s.outer.length] as number] = m.value;
          const expected = await reference(input);
          const got = await validateComponent(input, { cache, nestedType: s.types }).then(
            () => true,
            () => false,
          );
          expect(got).toBe(expected);
          if (got) accepted++;
          else refused++;
        },
      ),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
    // most accepted inputs took the shortcut (the others changed where a package starts or ends)
    expect(validationCounts.outerLayer - outerBefore).toBeGreaterThan(accepted / 2);
  }, 120_000);
});

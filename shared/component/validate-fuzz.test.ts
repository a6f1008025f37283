// The validator against the reference it replaces, on mutated components: the component layer over
// core-module stubs plus V8 for the modules must accept exactly what wasmparser over the real bytes
// plus V8 for every module accepts (the stub keeps every section that makes a module's type).
import { parse } from '@bytecodealliance/jco';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { counterProvider, counterUser, stdoutWriter, textLeaf, textWrapper } from '../../test/support/wat-components.ts';
import { coreModules, validateComponent, validateComponentModel } from './validate.ts';
import { warmUpComponent } from './validator-warm-up.ts';

const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;

let seeds: Uint8Array[] = [];
beforeAll(async () => {
  seeds = [
    ...(await Promise.all(
      [textLeaf('l', 2), textWrapper('w', 1), counterProvider(3), counterUser(), stdoutWriter('s', 'hi', 1, '0.2.0')].map((w) => parse(w)),
    )),
    warmUpComponent(),
  ];
});

type Mutation = { kind: 'set'; at: number; value: number } | { kind: 'flip'; at: number; bit: number } | { kind: 'cut'; at: number };

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = new Uint8Array(bytes);
  for (const m of mutations) {
    const at = m.at % b.length;
    if (m.kind === 'cut') b = b.slice(0, Math.max(8, at));
    else b[at] = m.kind === 'set' ? m.value : (b[at] as number) ^ (1 << m.bit);
  }
  return b;
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);

/** The validation of 2411d2a: wasmparser over the whole component, then V8 for every core module. */
async function reference(bytes: Uint8Array): Promise<boolean> {
  try {
    await validateComponentModel(bytes);
  } catch {
    return false;
  }
  return coreModules(bytes).every((m) => wasm.validate(m));
}

describe('validator fuzz', () => {
  it('accepts a mutated component exactly when wasmparser over the real bytes and V8 do', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (seed, muts) => {
        const input = mutate(seeds[seed % seeds.length] as Uint8Array, muts);
        const expected = await reference(input);
        const got = await validateComponent(input).then(
          () => true,
          () => false,
        );
        expect(got).toBe(expected);
        if (got) accepted++;
        else refused++;
      }),
      { numRuns: 1000 },
    );
    // both outcomes were exercised
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  }, 120_000);
});

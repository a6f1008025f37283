import { parse } from '@bytecodealliance/jco';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { counterUser, stdoutWriter, textWrapper } from '../../../test/support/wat-components.ts';
import { FlotillaError } from '../../errors.ts';
import { componentType } from '../types.ts';
import { readComponent } from './read.ts';
import { writeComponent } from './write.ts';

let seeds: Uint8Array[] = [];

beforeAll(async () => {
  seeds = await Promise.all([textWrapper('w', 1), counterUser(), stdoutWriter('s', 'hi', 1, '0.2.0')].map((w) => parse(w)));
});

type Mutation = { kind: 'set'; at: number; value: number } | { kind: 'cut'; at: number } | { kind: 'insert'; at: number; value: number };

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = Array.from(bytes);
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.kind === 'set') b[at] = m.value;
    else if (m.kind === 'cut') b = b.slice(0, at);
    else b.splice(at, 0, m.value);
  }
  return Uint8Array.from(b);
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
);

describe('reader fuzz', () => {
  it('gives a result or a typed error for mutated components, never a crash', () => {
    let typed = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, muts) => {
        const input = mutate(seeds[seed % seeds.length] as Uint8Array, muts);
        try {
          const c = readComponent(input);
          writeComponent(c);
          componentType(c);
        } catch (e) {
          if (!(e instanceof FlotillaError)) throw e;
          typed++;
        }
      }),
      { numRuns: 3000 },
    );
    expect(typed).toBeGreaterThan(0);
  });
});

/**
 * Property tests: mutated WAC text fed to the lexer, parser and resolver is
 * always either a result or a typed error (a FlotillaError with a code),
 * never a crash or a hang.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseWat } from '@bytecodealliance/jco';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FlotillaError } from '../errors.ts';
import { buildGraph } from './build-graph.ts';
import { encodeGraphSync } from './encode.ts';
import { lex } from './lexer.ts';
import { parseWac } from './parser.ts';
import { resolveWac, type WacPackage } from './resolver.ts';
import { checkTarget } from './target-check.ts';

const root = join(import.meta.dirname, 'testdata');
const corpus: string[] = [];
for (const dir of [root, join(root, 'fail')]) {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, 'composition.wac');
    if (statSync(join(dir, name)).isDirectory() && existsSync(file)) corpus.push(readFileSync(file, 'utf8'));
  }
}

const TOKENS = [
  'package',
  'let',
  'new',
  'export',
  'import',
  '...',
  '.',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ':',
  ',',
  '"',
  '/*',
  '*/',
  '//',
  'a:b',
  'x',
  '@1.0.0',
  '->',
  '<',
  '>',
  '\n',
  ' ',
];

/** A document from the corpus with some edits: deletions, insertions of tokens or random text, duplications. */
const mutated = fc
  .tuple(
    fc.constantFrom(...corpus),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.constant(''))), {
      maxLength: 6,
    }),
  )
  .map(([text, edits]) => {
    let s = text;
    for (const [at, del, ins] of edits) {
      const pos = s.length === 0 ? 0 : at % (s.length + 1);
      s = s.slice(0, pos) + ins + s.slice(pos + del);
    }
    return s;
  });

function typedOrResult(f: () => unknown): void {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(FlotillaError);
    expect((err as FlotillaError).code).toMatch(/^[A-Z_]+$/);
  }
}

let packages: WacPackage[] = [];
beforeAll(async () => {
  // the packages of a few cases, so that mutated documents often resolve far enough to reach the graph
  const byName = new Map<string, WacPackage>();
  for (const dir of ['three-components-spread-all', 'targets-world', 'resources-crossing', 'strings-and-lists']) {
    for (const f of readdirSync(join(root, dir)).filter((x) => x.endsWith('.wat'))) {
      const name = f.slice(0, -4).replace('_', ':');
      if (!byName.has(name)) byName.set(name, { name, bytes: await parseWat(readFileSync(join(root, dir, f), 'utf8')) });
    }
  }
  packages = [...byName.values()];
});

describe('WAC fuzzing', () => {
  it('the lexer never throws', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ maxLength: 200 })), (text) => {
        const result = lex(text);
        expect(Array.isArray(result.tokens)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('the parser returns a document or a typed syntax error', () => {
    fc.assert(
      fc.property(mutated, (text) => typedOrResult(() => parseWac({ file: 'f.wac', text }))),
      { numRuns: 2000 },
    );
  });

  it('the resolver returns a plan or a typed error', () => {
    fc.assert(
      fc.property(mutated, (text) =>
        typedOrResult(() => {
          const source = { file: 'f.wac', text };
          resolveWac(source, parseWac(source), packages);
        }),
      ),
      { numRuns: 1000 },
    );
  });

  it('resolving, building the graph, checking the target and encoding give bytes or a typed error', () => {
    fc.assert(
      fc.property(mutated, (text) =>
        typedOrResult(() => {
          const source = { file: 'f.wac', text };
          const doc = parseWac(source);
          const plan = resolveWac(source, doc, packages);
          const { graph } = buildGraph(source, doc, plan);
          const bytes = encodeGraphSync(graph);
          checkTarget(source, doc, plan, bytes);
        }),
      ),
      { numRuns: 300 },
    );
  });

  it('deeply nested input does not overflow the stack', () => {
    const text = `package a:b;\nlet x = ${'('.repeat(5000)}y${')'.repeat(5000)};\n`;
    typedOrResult(() => parseWac({ file: 'deep.wac', text }));
  });
});

describe('nesting limit', () => {
  it('refuses 5000 nested parentheses with a typed error', () => {
    expect(() => parseWac({ file: 'deep.wac', text: `package a:b;\nlet x = ${'('.repeat(5000)}y${')'.repeat(5000)};\n` })).toThrow(
      /nesting is too deep/,
    );
  });

  it('refuses deeply nested types with a typed error', () => {
    expect(() => parseWac({ file: 'deep.wac', text: `package a:b;\ntype t = ${'list<'.repeat(5000)}u8${'>'.repeat(5000)};\n` })).toThrow(
      /nesting is too deep/,
    );
  });
});

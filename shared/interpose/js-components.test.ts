// The splitter between components built from JavaScript with
// componentize-qjs (QuickJS): strings and records (nested, with lists and
// options), and a `result` whose err counts as an error.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { componentize } from 'componentize-qjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComponent } from '../../test/support/run-component.ts';
import { generateSplitter } from './generate.ts';
import { callsOf, canaryAt, composeInterposer, outcome, snapshot, totalCalls } from './testdata/support.ts';

const IFACE = 'test:js/text@1.0.0';
const dir = join(import.meta.dirname, 'testdata', 'js');

interface Doc {
  title: string;
  body: string;
  words: string[];
  meta?: { author: string; tags: string[]; score: number };
}
interface Text {
  shout(s: string): string;
  summarize(d: Doc): Doc;
  review(d: Doc, strict: boolean): Doc;
}

async function build(version: 'stable' | 'canary'): Promise<Uint8Array> {
  const source = (await readFile(join(dir, 'text.js'), 'utf8')).replace('__VERSION__', version);
  const { component } = await componentize({
    witPath: join(dir, 'text.wit'),
    world: 'text-impl',
    jsSource: source,
    stubWasi: true,
    sync: true,
    optSize: true,
  });
  return new Uint8Array(component);
}

const disposers: (() => Promise<void>)[] = [];
let direct: { stable: Text; canary: Text };
let split: { module: Record<string, unknown>; text: Text };

beforeAll(async () => {
  const [stable, canary] = await Promise.all([build('stable'), build('canary')]);
  const load = async (bytes: Uint8Array, name: string) => {
    const l = await loadComponent(bytes, name);
    disposers.push(l.dispose);
    return l.module;
  };
  direct = { stable: (await load(stable, 'stable')).text as Text, canary: (await load(canary, 'canary')).text as Text };
  const splitter = generateSplitter(stable, { interface: IFACE, weight: 10, label: 'text' });
  const module = await load(await composeInterposer(splitter, IFACE, { stable, canary }, { label: 'text' }), 'split');
  split = { module, text: module.text as Text };
}, 180_000);
afterAll(async () => {
  for (const d of disposers) await d();
});

const docs = (i: number): Doc => ({
  title: `Dokument №${i}`,
  body: i % 3 === 0 ? 'kurz' : `Grüße aus Köln, ${'word '.repeat(i % 7)}日本語 ✓`,
  words: [],
  ...(i % 2 === 0 ? { meta: { author: `Zoë ${i}`, tags: ['a', `t${i}`], score: i / 4 } } : {}),
});

describe('a splitter between two componentize-qjs (JavaScript) components', () => {
  it.each([
    ['shout', (i: number) => [`héllo wörld ${i} 𝄞`]],
    ['summarize', (i: number) => [docs(i)]],
    ['review', (i: number) => [docs(i), i % 2 === 0]],
  ] as const)('%s: 1,000 calls at weight 10, each result that of the implementation that got it; exactly 100 on canary', (fn, args) => {
    let n = totalCalls(snapshot(split.module, 'text'));
    const before = callsOf(snapshot(split.module, 'text'), 'canary', fn);
    for (let i = 0; i < 1000; i++, n++) {
      const impl = canaryAt(n, 10) ? direct.canary : direct.stable;
      const a = args(i) as unknown as never[];
      expect(outcome(() => (split.text[fn] as (...x: never[]) => unknown)(...a))).toEqual(
        outcome(() => (impl[fn] as (...x: never[]) => unknown)(...a)),
      );
    }
    expect(callsOf(snapshot(split.module, 'text'), 'canary', fn) - before).toBe(100);
  });

  it('a rejected review is an error of the backend that rejected it', () => {
    const r = snapshot(split.module, 'text');
    const errors = r.functions.filter((f) => f.function === 'review').reduce((a, f) => a + Number(f.errors), 0);
    // i % 3 === 0 bodies are short; strict when i is even: i % 6 === 0, 167 of 1,000
    expect(errors).toBe(167);
  });

  it('100 kB of non-ASCII text, inside records and lists, comes back intact', () => {
    const big = 'Grüße 日本 𝄞 '.repeat(5_000);
    expect(new TextEncoder().encode(big).length).toBe(100_000);
    let n = totalCalls(snapshot(split.module, 'text'));
    for (let i = 0; i < 20; i++, n++) {
      const version = canaryAt(n, 10) ? 'canary' : 'stable';
      const d = split.text.summarize({ title: big, body: big, words: [], meta: { author: big, tags: [big, 'ü'], score: 1.5 } });
      expect(d.title).toBe(`${big} (${version})`);
      expect(d.body).toBe(big);
      expect(d.words).toEqual(big.split(' ').filter((w) => w !== ''));
      expect(d.meta).toEqual({ author: big, tags: [big, 'ü', version], score: 1.5 });
    }
  });

  it('no memory growth in the splitter over 100,000 calls', () => {
    const before = snapshot(split.module, 'text').memoryBytes;
    for (let i = 0; i < 100_000; i++) {
      if (i % 2 === 0) split.text.shout(`call ${i} ✓`);
      else split.text.summarize(docs(i));
    }
    expect(snapshot(split.module, 'text').memoryBytes).toBe(before);
  }, 180_000);
});

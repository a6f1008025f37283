// Interposing in a composition: a WAC file whose `leaf` serves two
// consumers and is exported itself; splitInGraph and tapInGraph put one
// interposer on every edge out of it without the WAC file changing.
import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { loadComponent } from '../../test/support/run-component.ts';
import { textLeaf, textWrapper } from '../../test/support/wat-components.ts';
import { encodeGraph } from '../wac/encode.ts';
import { plugGraph } from '../wac/plug.ts';
import { InterposeError } from './errors.ts';
import { findInstance, splitInGraph, tapInGraph, wacGraph } from './graph.ts';
import { callsOf, canaryAt, snapshot, totalCalls } from './testdata/support.ts';

const TEXT = 'test:demo/text@0.1.0';
const WAC = `package test:composition;

let leaf = new test:leaf {};
let front = new test:front { "${TEXT}": leaf["${TEXT}"] };
let audit = new test:audit { "${TEXT}": leaf["${TEXT}"] };

export front["${TEXT}"] as "front";
export audit["${TEXT}"] as "audit";
export leaf["${TEXT}"];
`;

interface Text {
  label(s: string): string;
  total(xs: number[]): number;
}

async function packages() {
  return [
    { name: 'test:leaf', bytes: await parse(textLeaf('stable', 5)) },
    { name: 'test:front', bytes: await parse(textWrapper('front', 1)) },
    { name: 'test:audit', bytes: await parse(textWrapper('audit', 2)) },
  ];
}

describe('splitInGraph: a splitter on every edge out of one component of a WAC composition', () => {
  it('both consumers and the composition export see the splitter; one counter: exactly 100 of 1,000 calls reach canary', async () => {
    const graph = await wacGraph({ file: 'c.wac', text: WAC }, await packages());
    const leaf = findInstance(graph, 'leaf');
    const result = splitInGraph(graph, leaf, { canary: { bytes: await parse(textLeaf('canary', 500)) }, weight: 10 });
    expect(result.edges.map((e) => [e.interface, e.label, e.statsExport])).toEqual([[TEXT, 'text', 'flotilla-stats-text']]);
    expect(result.edges[0]?.consumers).toEqual([
      `instance \`front\` (import \`${TEXT}\`)`,
      `instance \`audit\` (import \`${TEXT}\`)`,
      `export \`${TEXT}\``,
    ]);
    // the composition's exports keep their order; the stats come last
    expect([...graph.exports.keys()]).toEqual(['front', 'audit', TEXT, 'flotilla-stats-text']);
    const { module, dispose } = await loadComponent(await encodeGraph(graph), 'split-graph');
    try {
      const front = module.front as Text;
      const audit = module.audit as Text;
      const leafApi = module.text as Text;
      let n = 0;
      for (let i = 0; i < 1000; i++, n++) {
        const v = canaryAt(n, 10) ? 'canary' : 'stable';
        if (i % 3 === 0) expect(front.label(`x${i}`)).toBe(`front(${v}(x${i}))`);
        else if (i % 3 === 1) expect(audit.label('ü')).toBe(`audit(${v}(ü))`);
        else expect(leafApi.total([i, 1])).toBe(i + 1 + (v === 'canary' ? 500 : 5));
      }
      const r = snapshot(module, 'text');
      expect(totalCalls(r)).toBe(1000);
      expect(callsOf(r, 'canary', 'label') + callsOf(r, 'canary', 'total')).toBe(100);
    } finally {
      await dispose();
    }
  });

  it('in a plug composition, the plug is split the same way', async () => {
    const graph = plugGraph(await parse(textWrapper('socket', 3)), [await parse(textLeaf('stable', 5))]);
    splitInGraph(graph, findInstance(graph, 'plug'), { canary: { bytes: await parse(textLeaf('canary', 500)) }, weight: 50 });
    const { module, dispose } = await loadComponent(await encodeGraph(graph), 'split-plug');
    try {
      const text = module.text as Text;
      expect([text.label('a'), text.label('b'), text.label('c'), text.label('d')]).toEqual([
        'socket(stable(a))',
        'socket(canary(b))',
        'socket(stable(c))',
        'socket(canary(d))',
      ]);
    } finally {
      await dispose();
    }
  });

  it('says what is wrong: no such instance, no such interface, nothing to interpose, a canary without the interface', async () => {
    const graph = await wacGraph({ file: 'c.wac', text: WAC }, await packages());
    expect(() => findInstance(graph, 'nope')).toThrow(/no instance `nope` \(its instances: `leaf` \(test:leaf\), `front`/);
    const leaf = findInstance(graph, 'leaf');
    const canary = { bytes: await parse(textLeaf('canary', 500)) };
    expect(() => splitInGraph(graph, leaf, { canary, weight: 10, interfaces: ['test:demo/other@1.0.0'] })).toThrow(
      /exports no interface `test:demo\/other@1.0.0` \(its interfaces: test:demo\/text@0.1.0\)/,
    );
    const lonely = await wacGraph({ file: 'l.wac', text: 'package test:l;\nlet leaf = new test:leaf {};\n' }, await packages());
    const err = (() => {
      try {
        tapInGraph(lonely, findInstance(lonely, 'leaf'));
      } catch (e) {
        return e as InterposeError;
      }
    })();
    expect(err).toBeInstanceOf(InterposeError);
    expect(err?.message).toMatch(/nothing in the composition uses an interface of instance `leaf`/);
    const other = {
      bytes: await parse(
        textWrapper('x', 1, '0.1.0', '0.2.0').replace(`"${TEXT}" (instance $out)`, '"test:demo/else@1.0.0" (instance $out)'),
      ),
    };
    expect(() => splitInGraph(graph, leaf, { canary: other, weight: 10 })).toThrow(/does not export `test:demo\/text@0.1.0`/);
  });
});

describe('tapInGraph: a tap on every edge', () => {
  it('calls pass through unchanged and are counted; two taps in one composition get distinct stats exports', async () => {
    const graph = await wacGraph({ file: 'c.wac', text: WAC }, await packages());
    const first = tapInGraph(graph, findInstance(graph, 'leaf'));
    // tap the front wrapper's interface too: the same interface name, so its label says whose it is
    const second = tapInGraph(graph, findInstance(graph, 'front'));
    expect(first.edges.map((e) => e.statsExport)).toEqual(['flotilla-stats-text']);
    expect(second.edges.map((e) => e.statsExport)).toEqual(['flotilla-stats-front-text']);
    const { module, dispose } = await loadComponent(await encodeGraph(graph), 'tapped');
    try {
      for (let i = 0; i < 10; i++) expect((module.front as Text).label(`${i}`)).toBe(`front(stable(${i}))`);
      expect((module.audit as Text).label('z')).toBe('audit(stable(z))');
      const leafStats = snapshot(module, 'text');
      expect(leafStats).toMatchObject({ role: 'tap', weight: 0, interfaceName: TEXT });
      expect(leafStats.functions.map((f) => [f.backend, f.function, Number(f.calls)])).toEqual([
        ['target', 'label', 11],
        ['target', 'total', 0],
      ]);
      expect(callsOf(snapshot(module, 'front-text'), 'target', 'label')).toBe(10);
    } finally {
      await dispose();
    }
  });
});

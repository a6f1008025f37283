import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { componentWit, parse } from '@bytecodealliance/jco';
import { componentize } from 'componentize-qjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadComponent, runInChild } from '../../test/support/run-component.ts';
import { counterProvider, counterUser, JS_TEXT_WRAPPER, stdoutWriter, textLeaf, textWrapper } from '../../test/support/wat-components.ts';
import { readComponent } from '../component/binary/read.ts';
import { writeComponent } from '../component/binary/write.ts';
import { describeWasm } from '../component/describe.ts';
import { componentType } from '../component/types.ts';
import { ComponentValidationError, validateComponent } from '../component/validate.ts';
import { encodeGraph, encodeGraphSync, linkDependencies } from './encode.ts';
import { CompositionGraph } from './graph.ts';

const TEXT = 'test:demo/text@0.1.0';

function expectRoundTrip(bytes: Uint8Array): void {
  expect(Buffer.from(writeComponent(readComponent(bytes))).equals(Buffer.from(bytes))).toBe(true);
}

let leafBytes: Uint8Array;
let midBytes: Uint8Array;
let topBytes: Uint8Array;

beforeAll(async () => {
  leafBytes = await parse(textLeaf('base', 5));
  midBytes = await parse(textWrapper('mid', 7));
  topBytes = await parse(textWrapper('top', 11));
});

function textChain(): CompositionGraph {
  const g = new CompositionGraph();
  const leaf = g.instantiate(g.registerPackage({ name: 'test:leaf', version: '0.1.0', bytes: leafBytes }), 'leaf');
  const mid = g.instantiate(g.registerPackage({ name: 'test:mid', bytes: midBytes }), 'mid');
  const top = g.instantiate(g.registerPackage({ name: 'test:top', bytes: topBytes }), 'top');
  g.setArgument(mid, TEXT, g.aliasExport(leaf, TEXT));
  g.setArgument(top, TEXT, g.aliasExport(mid, TEXT));
  g.export(g.aliasExport(top, TEXT), TEXT);
  return g;
}

describe('composition proven by running it', () => {
  const disposers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const d of disposers) await d();
  });

  it('passes strings and lists through three components', async () => {
    const bytes = await encodeGraph(textChain());
    expectRoundTrip(bytes);
    for (const input of [leafBytes, midBytes, topBytes]) expectRoundTrip(input);
    const { module, dispose } = await loadComponent(bytes);
    disposers.push(dispose);
    const text = module.text as { label(s: string): string; total(xs: Uint32Array): number };
    expect(text.label('héllo')).toBe('top(mid(base(héllo)))');
    // 1 + 2 + 3, plus each component's bonus: top 11, mid 7, leaf 5
    expect(text.total(new Uint32Array([1, 2, 3]))).toBe(6 + 11 + 7 + 5);
  });

  it('passes resources between components', async () => {
    const g = new CompositionGraph();
    const provider = g.instantiate(g.registerPackage({ name: 'test:counters', bytes: await parse(counterProvider(3)) }), 'counters');
    const user = g.instantiate(g.registerPackage({ name: 'test:user', bytes: await parse(counterUser()) }), 'user');
    g.setArgument(user, 'test:demo/counters', g.aliasExport(provider, 'test:demo/counters'));
    g.export(g.aliasExport(user, 'test:demo/runner'), 'test:demo/runner');
    const bytes = await encodeGraph(g);
    expectRoundTrip(bytes);
    const { module, dispose } = await loadComponent(bytes);
    disposers.push(dispose);
    // start 10, incremented twice by the provider's step 3, plus the user's 1000
    expect((module.runner as { run(n: number): number }).run(10)).toBe(1016);
  });

  it('leaves WASI imports to the host, merging semver-compatible ones under the highest version', async () => {
    const g = new CompositionGraph();
    const one = g.instantiate(
      g.registerPackage({ name: 'test:one', bytes: await parse(stdoutWriter('one', 'hello from one', 1, '0.2.0')) }),
      'one',
    );
    const two = g.instantiate(
      g.registerPackage({ name: 'test:two', bytes: await parse(stdoutWriter('two', 'hello from two', 20, '0.2.3', 'one')) }),
      'two',
    );
    g.setArgument(two, 'test:demo/hello-one', g.aliasExport(one, 'test:demo/hello-one'));
    g.export(g.aliasExport(two, 'test:demo/hello-two'), 'test:demo/hello-two');
    const bytes = await encodeGraph(g);
    expectRoundTrip(bytes);
    // one import each, at the highest version; wasi:io/streams aliases `error` from wasi:io/error
    expect(describeWasm(bytes).imports).toEqual(['wasi:io/error@0.2.3', 'wasi:io/streams@0.2.3', 'wasi:cli/stdout@0.2.3']);
    const wit = await componentWit(bytes);
    expect(wit).toContain('import wasi:io/streams@0.2.3;');
    const world = componentType(bytes);
    const streams = world.imports.get('wasi:io/streams@0.2.3');
    const error = world.imports.get('wasi:io/error@0.2.3');
    expect(streams?.kind === 'instance' && error?.kind === 'instance').toBe(true);
    if (streams?.kind === 'instance' && error?.kind === 'instance') {
      const a = streams.exports.get('error');
      const b = error.exports.get('error');
      expect(a?.kind === 'type' && b?.kind === 'type' && a.type === b.type).toBe(true);
    }
    const out = await runInChild(bytes, 'console.log("result", component.helloTwo.run());');
    expect(out).toBe('hello from one\nhello from two\nresult 21\n');
  });

  it('composes a component built from JavaScript (componentize-qjs) between WAT components, with real WASI imports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flotilla-qjs-'));
    let jsBytes: Uint8Array;
    try {
      await writeFile(join(dir, 'world.wit'), JS_TEXT_WRAPPER.wit);
      await writeFile(join(dir, 'main.js'), JS_TEXT_WRAPPER.js);
      const built = await componentize({
        witPath: join(dir, 'world.wit'),
        jsSource: JS_TEXT_WRAPPER.js,
        jsPath: join(dir, 'main.js'),
        optSize: true,
        sync: true,
      });
      jsBytes = new Uint8Array(built.component);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expectRoundTrip(jsBytes);
    const g = new CompositionGraph();
    const leaf = g.instantiate(g.registerPackage({ name: 'test:leaf', bytes: leafBytes }), 'leaf');
    const js = g.instantiate(g.registerPackage({ name: 'test:js', bytes: jsBytes }), 'js');
    const top = g.instantiate(g.registerPackage({ name: 'test:top', bytes: topBytes }), 'top');
    const hello = g.instantiate(
      g.registerPackage({ name: 'test:hello', bytes: await parse(stdoutWriter('one', 'hello from one', 1, '0.2.0')) }),
      'hello',
    );
    g.setArgument(js, TEXT, g.aliasExport(leaf, TEXT));
    g.setArgument(top, TEXT, g.aliasExport(js, TEXT));
    g.export(g.aliasExport(top, TEXT), TEXT);
    g.export(g.aliasExport(hello, 'test:demo/hello-one'), 'test:demo/hello-one');
    const bytes = await encodeGraph(g);
    expectRoundTrip(bytes);
    const imports = describeWasm(bytes).imports;
    // the JS component's WASI imports (0.2.12) and the WAT writer's (0.2.0) merged under 0.2.12
    expect(imports).toContain('wasi:io/streams@0.2.12');
    expect(imports).toContain('wasi:filesystem/types@0.2.12');
    expect(imports.filter((i) => i.endsWith('@0.2.0'))).toEqual([]);
    const out = await runInChild(
      bytes,
      'console.log(component.text.label("x"), component.text.total(new Uint32Array([1]))); console.log(component.helloOne.run());',
    );
    // 1 + js 100 + leaf 5 + top 11
    expect(out).toBe('top(js(base(x))) 117\nhello from one\n1\n');
  }, 60_000);
});

describe('encoding', () => {
  it('is deterministic and embeds packages byte for byte, with a component-name section', () => {
    const a = encodeGraphSync(textChain());
    const b = encodeGraphSync(textChain());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    for (const pkg of [leafBytes, midBytes, topBytes]) expect(Buffer.from(a).indexOf(Buffer.from(pkg))).toBeGreaterThan(0);
    const c = readComponent(a);
    const names = c.sections.find((s) => s.id === 'custom' && s.name === 'component-name');
    expect(names?.id).toBe('custom');
    const text = names?.id === 'custom' ? Buffer.from(names.data).toString('latin1') : '';
    for (const n of ['leaf', 'mid', 'top', 'test:leaf']) expect(text).toContain(n);
  });

  it('imports the packages instead of embedding them with importDependencies', async () => {
    const g = textChain();
    const bytes = await encodeGraph(g, { importDependencies: true });
    // linked with the real packages, it runs
    const { module, dispose } = await loadComponent(linkDependencies(g, bytes));
    expect((module.text as { label(s: string): string }).label('d')).toBe('top(mid(base(d)))');
    await dispose();
    expectRoundTrip(bytes);
    for (const pkg of [leafBytes, midBytes, topBytes]) expect(Buffer.from(bytes).indexOf(Buffer.from(pkg))).toBe(-1);
    expect(describeWasm(bytes).imports).toEqual([
      'unlocked-dep=<test:leaf@{>=0.1.0}>',
      'unlocked-dep=<test:mid>',
      'unlocked-dep=<test:top>',
    ]);
    const t = componentType(bytes);
    const leaf = t.imports.get('unlocked-dep=<test:mid>');
    expect(leaf?.kind).toBe('component');
    if (leaf?.kind === 'component') expect([...leaf.imports.keys(), ...leaf.exports.keys()]).toEqual([TEXT, TEXT]);
  });

  it('imports packages that export resources with importDependencies, and linked they run', async () => {
    const g = new CompositionGraph();
    const provider = g.instantiate(g.registerPackage({ name: 'test:counters', bytes: await parse(counterProvider(3)) }), 'counters');
    const user = g.instantiate(g.registerPackage({ name: 'test:user', bytes: await parse(counterUser()) }), 'user');
    g.setArgument(user, 'test:demo/counters', g.aliasExport(provider, 'test:demo/counters'));
    g.export(g.aliasExport(user, 'test:demo/runner'), 'test:demo/runner');
    // validated linked: wasmparser checks each package against the component type declared for it
    const bytes = await encodeGraph(g, { importDependencies: true });
    await validateComponent(bytes);
    const { module, dispose } = await loadComponent(linkDependencies(g, bytes));
    expect((module.runner as { run(n: number): number }).run(10)).toBe(1016);
    await dispose();
  });

  it('turns an invalid component into a typed validation error', async () => {
    const bad = await parse('(component (import "f" (func (param "x" u32))) (export "g" (func 1)))');
    await expect(validateComponent(bad)).rejects.toThrow(ComponentValidationError);
  });
});

import { parse } from '@bytecodealliance/jco';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  counterProvider,
  errorProvider,
  otherTextImporter,
  stdoutWriter,
  textLeaf,
  textWrapper,
  wrongText,
} from '../../test/support/wat-components.ts';
import { readComponent } from '../component/binary/read.ts';
import { writeComponent } from '../component/binary/write.ts';
import { describeWasm } from '../component/describe.ts';
import type { ExternT } from '../component/types.ts';
import { encodeGraph, encodeGraphSync } from './encode.ts';
import {
  ArgumentAlreadyPassedError,
  ArgumentTypeMismatchError,
  CycleError,
  ExportAlreadyExistsError,
  GraphError,
  ImplicitImportConflictError,
  ImportAlreadyExistsError,
  MissingArgumentError,
  PackageError,
  UnknownExportError,
  UnknownImportError,
} from './errors.ts';
import { CompositionGraph } from './graph.ts';

const TEXT = 'test:demo/text@0.1.0';
const wats: Record<string, string> = {
  leaf: textLeaf('leaf', 1),
  mid: textWrapper('mid', 2),
  counters: counterProvider(1),
  wrongName: wrongText('n', 'u32'),
  wrongType: wrongText('s', 'u32'),
  other: otherTextImporter(),
};
const bin: Record<string, Uint8Array> = {};

beforeAll(async () => {
  for (const [k, w] of Object.entries(wats)) bin[k] = await parse(w);
});

function graphWith(...names: string[]): { g: CompositionGraph; pkg: Record<string, number> } {
  const g = new CompositionGraph();
  const pkg: Record<string, number> = {};
  for (const n of names) pkg[n] = g.registerPackage({ name: `test:${n}`, bytes: bin[n] as Uint8Array });
  return { g, pkg };
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return expect.unreachable('no error thrown');
}

describe('CompositionGraph', () => {
  it('reports a missing export with its path', () => {
    const { g, pkg } = graphWith('counters', 'mid');
    const c = g.instantiate(pkg.counters as number);
    const m = g.instantiate(pkg.mid as number, 'mid');
    const e = thrown(() => g.setArgument(m, TEXT, g.aliasExport(c, 'test:demo/counters')));
    expect(e).toBeInstanceOf(ArgumentTypeMismatchError);
    expect((e as ArgumentTypeMismatchError).mismatch.path).toEqual([TEXT, 'label']);
    expect((e as Error).message).toMatch(/missing export `label`/);
    expect((e as ArgumentTypeMismatchError).code).toBe('TYPE_MISMATCH');
  });

  it('reports a parameter name and a parameter type mismatch with their paths', () => {
    const { g, pkg } = graphWith('wrongName', 'wrongType', 'mid');
    const m = g.instantiate(pkg.mid as number);
    const n = g.instantiate(pkg.wrongName as number);
    const t = g.instantiate(pkg.wrongType as number);
    const byName = thrown(() => g.setArgument(m, TEXT, g.aliasExport(n, TEXT))) as ArgumentTypeMismatchError;
    expect(byName.mismatch.path).toEqual([TEXT, 'label']);
    expect(byName.mismatch.reason).toBe('expected parameter `s`, found `n`');
    const byType = thrown(() => g.setArgument(m, TEXT, g.aliasExport(t, TEXT))) as ArgumentTypeMismatchError;
    expect(byType.mismatch.path).toEqual([TEXT, 'label', 'param s']);
    expect(byType.mismatch.reason).toBe('expected string, found u32');
    expect(g.missingArguments(m)).toEqual([TEXT]);
  });

  it('refuses unknown exports and imports, naming what exists', () => {
    const { g, pkg } = graphWith('leaf', 'mid');
    const l = g.instantiate(pkg.leaf as number, 'leaf');
    const m = g.instantiate(pkg.mid as number, 'mid');
    expect(() => g.aliasExport(l, 'nope')).toThrow(UnknownExportError);
    expect(() => g.aliasExport(l, 'nope')).toThrow(`instance \`leaf\` has no export named \`nope\` (it exports: ${TEXT})`);
    expect(() => g.setArgument(m, 'nope', l)).toThrow(UnknownImportError);
  });

  it('refuses duplicate exports, duplicate arguments, cycles and missing arguments', () => {
    const { g, pkg } = graphWith('leaf', 'mid');
    const l = g.instantiate(pkg.leaf as number);
    const a = g.instantiate(pkg.mid as number, 'a');
    const b = g.instantiate(pkg.mid as number, 'b');
    expect(() => g.requireAllArguments(a)).toThrow(MissingArgumentError);
    g.setArgument(a, TEXT, g.aliasExport(b, TEXT));
    expect(() => g.setArgument(a, TEXT, g.aliasExport(l, TEXT))).toThrow(ArgumentAlreadyPassedError);
    const cycle = thrown(() => g.setArgument(b, TEXT, g.aliasExport(a, TEXT)));
    expect(cycle).toBeInstanceOf(CycleError);
    expect((cycle as CycleError).code).toBe('CYCLE');
    g.export(g.aliasExport(a, TEXT), 'x');
    expect(() => g.export(l, 'x')).toThrow(ExportAlreadyExistsError);
    expect(() => g.registerPackage({ name: 'test:leaf', bytes: bin.leaf as Uint8Array })).toThrow(PackageError);
    expect(() => g.registerPackage({ name: 'test:junk', bytes: new Uint8Array([1, 2, 3]) })).toThrow(/not a usable component/);
  });

  it('refuses to merge implicit imports of the same name with incompatible types', () => {
    const { g, pkg } = graphWith('mid', 'other');
    g.export(g.aliasExport(g.instantiate(pkg.mid as number), TEXT), TEXT);
    g.export(g.aliasExport(g.instantiate(pkg.other as number), 'test:demo/other'), 'test:demo/other');
    const e = thrown(() => encodeGraphSync(g));
    expect(e).toBeInstanceOf(ImplicitImportConflictError);
    expect((e as Error).message).toMatch(/implicit import `test:demo\/text@0.1.0`.*export `label`/);
  });

  it('wires an explicit import as an argument, shares it with implicit imports of the same name, and aliases its exports', async () => {
    const { g, pkg } = graphWith('mid');
    const a = g.instantiate(pkg.mid as number, 'a');
    const b = g.instantiate(pkg.mid as number, 'b');
    const imp = g.addImport(TEXT, g.importsOf(a).get(TEXT) as ExternT);
    expect(() => g.addImport(TEXT, g.importsOf(a).get(TEXT) as ExternT)).toThrow(ImportAlreadyExistsError);
    g.setArgument(a, TEXT, imp);
    g.export(g.aliasExport(a, TEXT), 'a');
    g.export(g.aliasExport(b, TEXT), 'b');
    const out = await encodeGraph(g);
    expect(describeWasm(out)).toEqual({ kind: 'component', imports: [TEXT], exports: ['a', 'b'] });
    // re-exporting an imported function is valid, but jco cannot translate it: encode without validation
    g.export(g.aliasExport(imp, 'label'), 'label');
    const more = encodeGraphSync(g);
    expect(describeWasm(more)).toEqual({ kind: 'component', imports: [TEXT], exports: ['a', 'b', 'label'] });
    expect(writeComponent(readComponent(more))).toEqual(more);
  });

  it('refuses to leave to the host an import whose type uses a resource made inside the composition', async () => {
    const g = new CompositionGraph();
    const provider = g.instantiate(g.registerPackage({ name: 'test:errors', bytes: await parse(errorProvider('0.2.0')) }), 'errors');
    const writer = g.instantiate(
      g.registerPackage({ name: 'test:writer', bytes: await parse(stdoutWriter('w', 'hi', 1, '0.2.0')) }),
      'writer',
    );
    g.setArgument(writer, 'wasi:io/error@0.2.0', g.aliasExport(provider, 'wasi:io/error@0.2.0'));
    g.export(g.aliasExport(writer, 'test:demo/hello-w'), 'test:demo/hello-w');
    const e = thrown(() => encodeGraphSync(g));
    expect(e).toBeInstanceOf(GraphError);
    expect((e as GraphError).code).toBe('ENCODE_RESOURCE');
    expect((e as Error).message).toMatch(/resource `error`/);
  });

  it('shares one implicit import between instances that leave the same import unsatisfied', () => {
    const { g, pkg } = graphWith('mid');
    const a = g.instantiate(pkg.mid as number, 'a');
    const b = g.instantiate(pkg.mid as number, 'b');
    g.export(g.aliasExport(a, TEXT), 'a');
    g.export(g.aliasExport(b, TEXT), 'b');
    const out = encodeGraphSync(g);
    expect(describeWasm(out)).toEqual({ kind: 'component', imports: [TEXT], exports: ['a', 'b'] });
  });
});

describe('CompositionGraph at scale', () => {
  it('types a diamond-shaped graph of 40 instances (2^40 paths) without walking every path', async () => {
    const pair = await parse(`(component
      (import "a" (instance $a (export "f" (func (result u32)))))
      (import "b" (instance $b (export "f" (func (result u32)))))
      (alias export $a "f" (func $f))
      (instance $out (export "f" (func $f)))
      (export "out" (instance $out)))`);
    const g = new CompositionGraph();
    const p = g.registerPackage({ name: 'test:pair', bytes: pair });
    let prev = g.addImport('seed', {
      kind: 'instance',
      exports: new Map([['f', { kind: 'func', async: false, params: [], result: { kind: 'prim', name: 'u32' } }]]),
      declared: [],
    });
    for (let i = 0; i < 40; i++) {
      const n = g.instantiate(p, `n${i}`);
      const src = i === 0 ? prev : g.aliasExport(prev, 'out');
      g.setArgument(n, 'a', src);
      g.setArgument(n, 'b', src);
      prev = n;
    }
    g.export(g.aliasExport(prev, 'out'), 'out');
    const bytes = encodeGraphSync(g);
    expect(describeWasm(bytes).exports).toEqual(['out']);
  });
});

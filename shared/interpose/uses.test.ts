// Types an interface `use`s from another interface are imported by the
// splitter once, from the same instance both backends get.
import { parse } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { loadComponent } from '../../test/support/run-component.ts';
import { describeWasm } from '../component/describe.ts';
import { generateSplitter } from './generate.ts';
import { readInterface } from './interface.ts';
import { canaryAt, composeInterposer } from './testdata/support.ts';
import { typesProviderWat, VT_API, VT_TYPES, vtApiWat } from './testdata/uses.ts';

describe('an interface that uses a record of another interface', () => {
  it('the splitter imports that interface once, with the record, and forwards calls', async () => {
    const stable = await parse(vtApiWat(0));
    const model = readInterface(stable, VT_API);
    expect(model.imports.map((u) => [u.name, [...u.type.exports.keys()]])).toEqual([[VT_TYPES, ['point']]]);
    const splitter = generateSplitter(stable, { interface: VT_API, weight: 50 });
    expect(describeWasm(splitter).imports).toEqual([VT_TYPES, 'wasi:clocks/monotonic-clock@0.2.0', 'stable', 'canary']);
    const bytes = await composeInterposer(
      splitter,
      VT_API,
      { stable, canary: await parse(vtApiWat(100)) },
      { label: 'vt', shared: { bytes: await parse(typesProviderWat), exports: [VT_TYPES] } },
    );
    const { module, dispose } = await loadComponent(bytes, 'uses');
    try {
      const swap = (module.api as { swap(p: { x: number; y: number }): { x: number; y: number } }).swap;
      for (let n = 0; n < 20; n++) expect(swap({ x: n, y: 7 })).toEqual({ x: 7 + (canaryAt(n, 50) ? 100 : 0), y: n });
    } finally {
      await dispose();
    }
  });
});

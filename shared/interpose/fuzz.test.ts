/**
 * Property test: for random interfaces (records, variants, enums, flags,
 * options, results, tuples, lists and every primitive, nested, with up to 20
 * parameters so that some go through memory), the generated splitter and tap
 * are components jco's validator accepts: every lifted and lowered core
 * signature matches the canonical ABI's flattening, every named type is named
 * by the export, and the core modules are valid.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readComponent } from '../component/binary/read.ts';
import type { ComponentT, ExternT, FuncT, InstanceT, VType } from '../component/types.ts';
import { validateComponent } from '../component/validate.ts';
import { flattenFunc } from './abi.ts';
import { buildInterposer } from './generate.ts';
import { interfaceFromType } from './interface.ts';

const IFACE = 'test:fuzz/api@1.0.0';
const PRIMS = ['bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string'] as const;

const prim = fc.constantFrom(...PRIMS).map((name): VType => ({ kind: 'prim', name }));
const { vtype } = fc.letrec<{ vtype: VType }>((tie) => ({
  vtype: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    prim,
    prim,
    tie('vtype').map((element): VType => ({ kind: 'list', element, length: null })),
    tie('vtype').map((type): VType => ({ kind: 'option', type })),
    fc
      .tuple(fc.option(tie('vtype'), { nil: null }), fc.option(tie('vtype'), { nil: null }))
      .map(([ok, err]): VType => ({ kind: 'result', ok, err })),
    fc.array(tie('vtype'), { minLength: 1, maxLength: 3 }).map((types): VType => ({ kind: 'tuple', types })),
    fc
      .array(tie('vtype'), { minLength: 1, maxLength: 4 })
      .map((ts): VType => ({ kind: 'record', fields: ts.map((type, i) => ({ name: `f${i}`, type })) })),
    fc
      .array(fc.option(tie('vtype'), { nil: null }), { minLength: 1, maxLength: 4 })
      .map((ts): VType => ({ kind: 'variant', cases: ts.map((type, i) => ({ name: `c${i}`, type })) })),
    fc.integer({ min: 1, max: 5 }).map((n): VType => ({ kind: 'enum', names: Array.from({ length: n }, (_, i) => `e${i}`) })),
    fc.integer({ min: 1, max: 20 }).map((n): VType => ({ kind: 'flags', names: Array.from({ length: n }, (_, i) => `g${i}`) })),
  ),
}));

const func = fc
  .tuple(fc.array(vtype, { maxLength: 20 }), fc.option(vtype, { nil: null }))
  .map(([params, result]): FuncT => ({ kind: 'func', async: false, params: params.map((type, i) => ({ name: `p${i}`, type })), result }));

/** An instance type exporting every named type the functions use (dependencies first), then the functions. */
function instanceOf(funcs: FuncT[]): InstanceT {
  const named: VType[] = [];
  const seen = new Set<VType>();
  const visit = (v: VType | null): void => {
    if (v === null || seen.has(v)) return;
    seen.add(v);
    switch (v.kind) {
      case 'record':
        for (const f of v.fields) visit(f.type);
        break;
      case 'variant':
        for (const c of v.cases) visit(c.type);
        break;
      case 'list':
        visit(v.element);
        break;
      case 'option':
        visit(v.type);
        break;
      case 'result':
        visit(v.ok);
        visit(v.err);
        break;
      case 'tuple':
        for (const t of v.types) visit(t);
        break;
      default:
        break;
    }
    if (['record', 'variant', 'enum', 'flags'].includes(v.kind)) named.push(v);
  };
  for (const f of funcs) {
    for (const p of f.params) visit(p.type);
    visit(f.result);
  }
  const exports = new Map<string, ExternT>();
  for (const [i, t] of named.entries()) exports.set(`t${i}`, { kind: 'type', type: t });
  for (const [i, f] of funcs.entries()) exports.set(`fn${i}`, f);
  return { kind: 'instance', exports, declared: [] };
}

describe('generated interposers for random interfaces', () => {
  it('are valid components (jco validates them), splitter and tap alike', async () => {
    let inMemory = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(func, { minLength: 1, maxLength: 4 }), async (funcs) => {
        const iface = instanceOf(funcs);
        const ct: ComponentT = {
          kind: 'component',
          imports: new Map([[IFACE, iface]]),
          exports: new Map(),
          importedResources: [],
          exportedResources: [],
        };
        const model = interfaceFromType(ct, IFACE, 'a random component');
        if (funcs.some((f) => flattenFunc(f).paramsInMemory || flattenFunc(f).resultsInMemory)) inMemory++;
        for (const role of ['splitter', 'tap'] as const) {
          const bytes = buildInterposer(model, role, { interface: IFACE, weight: 37 });
          const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
          for (const s of readComponent(bytes).sections) if (s.id === 'coreModule') expect(wasm.validate(s.bytes)).toBe(true);
          await validateComponent(bytes, { level: 'transpile' });
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 25) },
    );
    // the property saw parameters or results through memory, not only flat ones
    expect(inMemory).toBeGreaterThan(0);
  }, 300_000);
});

/**
 * How an interposer exports an interface: through a nested "shim" component,
 * the shape wit-component gives exported interfaces. The shim imports the
 * interface's named types (`import-type-<name>`: resources as `sub resource`,
 * value types as `eq` of a local definition) and its functions
 * (`import-func-<name>`), and exports them again: value types redefined under
 * their names, resources re-exported (so they stay the imported ones: a `use`
 * in WIT), functions with a type ascription that refers to the exported
 * types. Every type an exported function mentions is then named by the
 * export, which is what validators require, and a resource the interface
 * takes from an imported interface keeps its identity.
 */
import type { ExternType, Section, TypeDef } from '../component/binary/ast.ts';
import type { FuncT, InstanceT, Resource, VType } from '../component/types.ts';
import { funcTypeIndex, TypeScope, typeIndex } from '../wac/type-encoder.ts';
import { COMPONENT_VERSION } from './assembler.ts';

/** What the outer component passes to the shim's imports. */
export interface ShimArg {
  name: string;
  sort: 'type' | 'func';
  /** The object whose outer index is passed: a resource or value type (sort type), or the function's name (sort func). */
  value: Resource | VType | string;
}

class ShimBody {
  readonly sections: Section[] = [];
  types = 0;
  funcs = 0;

  push(id: 'type' | 'import' | 'export', item: unknown): void {
    const last = this.sections[this.sections.length - 1];
    if (last !== undefined && last.id === id) (last as { items: unknown[] }).items.push(item);
    else this.sections.push({ id, items: [item] } as unknown as Section);
  }
}

/** One view of the shim's type index space: imports and exports name the same objects differently. */
class View extends TypeScope {
  private readonly body: ShimBody;

  constructor(body: ShimBody) {
    super(null);
    this.body = body;
  }

  addTypeDef(def: TypeDef): number {
    this.body.push('type', def);
    this.typeCount = this.body.types + 1;
    return this.body.types++;
  }

  addOuterAlias(): number {
    throw new Error('a shim refers to nothing outside it: everything comes in through its imports');
  }

  addExportAlias(): number {
    throw new Error('a shim has no instances');
  }
}

const name = (n: string) => ({ tag: 0, name: n, attributes: [] });

/** The shim component for exporting an instance of type `t`, and the arguments to instantiate it with. */
export function buildShim(t: InstanceT): { component: { version: number; sections: Section[] }; args: ShimArg[] } {
  const body = new ShimBody();
  const inView = new View(body);
  const outView = new View(body);
  const args: ShimArg[] = [];
  const importType = (n: string, bound: ExternType): number => {
    body.push('import', { name: name(n), type: bound });
    return body.types++;
  };
  // 1. named types in, in the interface's order (a resource twice under two names is imported once)
  const imported = new Map<object, number>();
  for (const [tname, x] of t.exports) {
    if (x.kind !== 'type' || imported.has(x.type)) continue;
    let idx: number;
    if (x.type.kind === 'resource') idx = importType(`import-type-${tname}`, { kind: 'type', bound: 'sub-resource' });
    else {
      const def = typeIndex(inView, x.type);
      idx = importType(`import-type-${tname}`, { kind: 'type', bound: { eq: def } });
    }
    inView.local.set(x.type, idx);
    imported.set(x.type, idx);
    args.push({ name: `import-type-${tname}`, sort: 'type', value: x.type });
  }
  // 2. functions in
  const funcIndex = new Map<string, number>();
  for (const [fname, x] of t.exports) {
    if (x.kind !== 'func') continue;
    const ty = funcTypeIndex(inView, x);
    body.push('import', { name: name(`import-func-${fname}`), type: { kind: 'func', type: ty } });
    funcIndex.set(fname, body.funcs++);
    args.push({ name: `import-func-${fname}`, sort: 'func', value: fname });
  }
  // 3. types out: value types redefined under their names, resources re-exported
  for (const [tname, x] of t.exports) {
    if (x.kind !== 'type') continue;
    const local = x.type.kind === 'resource' ? (imported.get(x.type) as number) : typeIndex(outView, x.type as VType);
    body.push('export', { name: name(tname), item: { sort: { kind: 'type' }, index: local }, type: null });
    outView.local.set(x.type, body.types++);
  }
  // 4. functions out, ascribed the types that refer to the exported names
  for (const [fname, x] of t.exports) {
    if (x.kind !== 'func') continue;
    const ty = funcTypeIndex(outView, x as FuncT);
    body.push('export', {
      name: name(fname),
      item: { sort: { kind: 'func' }, index: funcIndex.get(fname) as number },
      type: { kind: 'func', type: ty },
    });
    body.funcs++;
  }
  return { component: { version: COMPONENT_VERSION, sections: body.sections }, args };
}

/**
 * The outer component of an interposer under construction: every index space
 * counted as items are added, sections merged when consecutive items are of
 * one kind, types re-encoded from resolved objects through the WAC type
 * encoder (named types and resources of imported instances are aliased, not
 * redefined: that is what keeps them shared).
 */
import type { Alias, CanonOpt, Component, ExternType, Section, SortIdx, TypeDef } from '../component/binary/ast.ts';
import { writeComponent } from '../component/binary/write.ts';
import type { InstanceT } from '../component/types.ts';
import { instanceTypeDef, TypeScope } from '../wac/type-encoder.ts';

export const COMPONENT_VERSION = 0x0d;

type Kind = 'func' | 'type' | 'instance' | 'component' | 'coreFunc' | 'coreInstance' | 'coreModule' | 'coreMemory';

const CORE_FUNC = { kind: 'core', sort: 0x00 } as const;
const CORE_MEMORY = { kind: 'core', sort: 0x02 } as const;

export class ComponentAssembler extends TypeScope {
  private readonly sections: Section[] = [];
  private readonly counts: Record<Kind, number> = {
    func: 0,
    type: 0,
    instance: 0,
    component: 0,
    coreFunc: 0,
    coreInstance: 0,
    coreModule: 0,
    coreMemory: 0,
  };
  constructor() {
    super(null);
  }

  private push(id: 'type' | 'alias' | 'import' | 'instance' | 'export' | 'canon' | 'coreInstance', item: unknown): void {
    const last = this.sections[this.sections.length - 1];
    if (last !== undefined && last.id === id) (last as { items: unknown[] }).items.push(item);
    else this.sections.push({ id, items: [item] } as unknown as Section);
  }

  addTypeDef(def: TypeDef): number {
    this.push('type', def);
    this.typeCount = this.counts.type + 1;
    return this.counts.type++;
  }

  addOuterAlias(): number {
    throw new Error('the outer component has no enclosing scope');
  }

  /** Types of imported instances (see importInstance) are aliased on first use. */
  addExportAlias(instance: number, name: string): number {
    return this.alias({ kind: 'export', sort: { kind: 'type' }, instance, name }, 'type');
  }

  private alias(a: Alias, kind: Kind): number {
    this.push('alias', a);
    if (kind === 'type') this.typeCount = this.counts.type + 1;
    return this.counts[kind]++;
  }

  /**
   * Imports an instance of a type re-encoded from `t`. With `share`, its type
   * exports become available to later types (aliased from this import): for
   * the interfaces whose types are shared. Without, nothing refers to them:
   * each backend import has its own copy of the interface's value types, as
   * WIT wants (one interface per type definition).
   */
  importInstance(name: string, t: InstanceT, share: boolean): number {
    const type = this.instanceType(t);
    this.push('import', { name: { tag: 0, name, attributes: [] }, type: { kind: 'instance', type } satisfies ExternType });
    const instance = this.counts.instance++;
    if (share) {
      for (const [ename, x] of t.exports)
        if (x.kind === 'type' && !this.available.has(x.type)) this.available.set(x.type, { instance, name: ename });
    }
    return instance;
  }

  instanceType(t: InstanceT): number {
    return this.addTypeDef(instanceTypeDef(this, t));
  }

  aliasFunc(instance: number, name: string): number {
    return this.alias({ kind: 'export', sort: { kind: 'func' }, instance, name }, 'func');
  }

  coreModule(bytes: Uint8Array): number {
    this.sections.push({ id: 'coreModule', bytes });
    return this.counts.coreModule++;
  }

  coreInstantiate(module: number, args: { name: string; instance: number }[]): number {
    this.push('coreInstance', { kind: 'instantiate', module, args });
    return this.counts.coreInstance++;
  }

  coreInstanceOf(funcs: { name: string; index: number }[]): number {
    this.push('coreInstance', { kind: 'exports', exports: funcs.map((f) => ({ name: f.name, sort: 0x00, index: f.index })) });
    return this.counts.coreInstance++;
  }

  coreFuncExport(instance: number, name: string): number {
    return this.alias({ kind: 'coreExport', sort: CORE_FUNC, instance, name }, 'coreFunc');
  }

  coreMemoryExport(instance: number, name: string): number {
    return this.alias({ kind: 'coreExport', sort: CORE_MEMORY, instance, name }, 'coreMemory');
  }

  lower(func: number, opts: CanonOpt[]): number {
    this.push('canon', { kind: 'lower', func, opts });
    return this.counts.coreFunc++;
  }

  lift(coreFunc: number, type: number, opts: CanonOpt[]): number {
    this.push('canon', { kind: 'lift', coreFunc, opts, type });
    return this.counts.func++;
  }

  resourceDrop(type: number): number {
    this.push('canon', { kind: 'resource.drop', type });
    return this.counts.coreFunc++;
  }

  /** A nested component. */
  component(c: Component): number {
    this.sections.push({ id: 'component', component: c });
    return this.counts.component++;
  }

  instantiate(component: number, args: { name: string; item: SortIdx }[]): number {
    this.push('instance', { kind: 'instantiate', component, args });
    return this.counts.instance++;
  }

  /** An instance made of the given items (functions and types), for export. */
  instanceOf(items: { name: string; item: SortIdx }[]): number {
    this.push('instance', {
      kind: 'exports',
      exports: items.map((i) => ({ name: { tag: 0, name: i.name, attributes: [] }, item: i.item })),
    });
    return this.counts.instance++;
  }

  export(name: string, item: SortIdx): void {
    this.push('export', { name: { tag: 0, name, attributes: [] }, item, type: null });
    const k = item.sort.kind;
    if (k === 'instance' || k === 'func' || k === 'type') {
      if (k === 'type') this.typeCount = this.counts.type + 1;
      this.counts[k]++;
    }
  }

  custom(name: string, data: Uint8Array): void {
    this.sections.push({ id: 'custom', name, data });
  }

  encode(): Uint8Array {
    return writeComponent({ version: COMPONENT_VERSION, sections: this.sections });
  }
}

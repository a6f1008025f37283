/**
 * The outline of a package that name resolution needs (its imports and
 * exports with their kinds, the export names of instances; for a WIT package
 * its interfaces and worlds), read from the component type model: one reader
 * of the binary (shared/component/binary), one type model
 * (shared/component/types.ts). A WIT package comes either as text (parsed
 * and resolved by `wit/`) or as a component that exports component-type
 * definitions, as wit-component encodes packages.
 */
import type { ComponentT, ExternT } from '../component/types.ts';
import { cachedComponentType, packageDefinitions } from './package-definitions.ts';
import type { WacPackage } from './resolver.ts';
import { packageDefinitionsOf } from './wit/resolve.ts';

export type ShapeKind = 'module' | 'func' | 'value' | 'type' | 'component' | 'instance';

export interface ItemShape {
  kind: ShapeKind;
  /** For instances and components: their export names and kinds (undefined when not known). */
  exports?: Map<string, ItemShape>;
  /** For components: their import names and kinds. */
  imports?: Map<string, ItemShape>;
  /** For WIT packages' items: the interface (instance) or world (component) they define. */
  definition?: ItemShape;
  /** For types: whether it is a resource. */
  resource?: boolean;
}

export interface PackageShape {
  imports: Map<string, ItemShape>;
  exports: Map<string, ItemShape>;
  /** True for a WIT package (its exports are definitions, not items to instantiate). */
  wit: boolean;
}

export function externShape(t: ExternT): ItemShape {
  switch (t.kind) {
    case 'instance':
      return { kind: 'instance', exports: new Map([...t.exports].map(([n, x]) => [n, externShape(x)])) };
    case 'component':
      return {
        kind: 'component',
        imports: new Map([...t.imports].map(([n, x]) => [n, externShape(x)])),
        exports: new Map([...t.exports].map(([n, x]) => [n, externShape(x)])),
      };
    case 'type':
      return t.type.kind === 'resource' ? { kind: 'type', resource: true } : { kind: 'type' };
    default:
      return { kind: t.kind };
  }
}

/** The definitions of a package (WIT text, WIT encoded as a component, or a component's exports). */
export function definitionsOf(pkg: WacPackage): Map<string, ExternT> {
  if (pkg.wit) return packageDefinitionsOf(pkg.wit);
  return packageDefinitions(pkg.bytes as Uint8Array);
}

/** Whether the package is a WIT package (text, or a component exporting only type definitions). */
export function isWitPackage(pkg: WacPackage): boolean {
  if (pkg.wit) return true;
  return packageDefinitions(pkg.bytes as Uint8Array, { witOnly: true }).size > 0;
}

/** The outline of a package; throws the type model's error (`WASM_INVALID`, `COMPONENT_TYPE` …) for a package it cannot read. */
export function packageShape(pkg: WacPackage): PackageShape {
  if (pkg.wit || isWitPackage(pkg)) {
    const exports = new Map<string, ItemShape>();
    for (const [name, t] of definitionsOf(pkg)) exports.set(name, { kind: 'type', definition: externShape(t) });
    return { imports: new Map(), exports, wit: true };
  }
  const t: ComponentT = cachedComponentType(pkg.bytes as Uint8Array);
  return {
    imports: new Map([...t.imports].map(([n, x]) => [n, externShape(x)])),
    exports: new Map([...t.exports].map(([n, x]) => [n, externShape(x)])),
    wit: false,
  };
}

/**
 * What a package defines, in the component type model: for a WIT package
 * (a component that exports component types, as wit-component encodes
 * `interface` and `world` declarations) its interfaces (instance types) and
 * worlds (component types) by short name; for any other component its exports.
 *
 * The type model reads types of imports and exports, not exported type
 * definitions of component types; so each exported definition is read as the
 * type of an import of a one-type synthetic component (the definition is
 * self-contained in wit-component's encoding).
 */
import type { Component, TypeDef } from '../component/binary/ast.ts';
import { readComponent } from '../component/binary/read.ts';
import { type ComponentT, componentType, type ExternT } from '../component/types.ts';

function definitionType(version: number, def: TypeDef): ExternT | undefined {
  const synthetic: Component = {
    version,
    sections: [
      { id: 'type', items: [def] },
      { id: 'import', items: [{ name: { tag: 0, name: 'def', attributes: [] }, type: { kind: 'component', type: 0 } }] },
    ],
  };
  try {
    const t = componentType(synthetic).imports.get('def');
    if (t?.kind !== 'component') return undefined;
    // wit-component: the definition's single export `ns:pkg/name` is the interface (instance) or world (component)
    if (t.exports.size === 1 && t.imports.size === 0) return [...t.exports.values()][0];
    return t;
  } catch {
    return undefined;
  }
}

/** Definitions of a package by name; undefined for names whose types the model cannot read. */
export function packageDefinitions(bytes: Uint8Array): Map<string, ExternT> {
  const component = readComponent(bytes);
  const defs = new Map<string, ExternT>();
  const typeSpace: (TypeDef | null)[] = [];
  let exportsTypes = false;
  for (const section of component.sections) {
    if (section.id === 'type') typeSpace.push(...section.items);
    else if (section.id === 'import') {
      for (const item of section.items) if (item.type.kind === 'type') typeSpace.push(null);
    } else if (section.id === 'alias') {
      for (const item of section.items) if (item.sort.kind === 'type') typeSpace.push(null);
    } else if (section.id === 'export') {
      for (const item of section.items) {
        if (item.item.sort.kind !== 'type') continue;
        const def = typeSpace[item.item.index] ?? null;
        typeSpace.push(def);
        if (def && (def.kind === 'component' || def.kind === 'instance')) {
          exportsTypes = true;
          const t = definitionType(component.version, def);
          if (t) defs.set(item.name.name, t);
        }
      }
    }
  }
  if (!exportsTypes) {
    let t: ComponentT;
    try {
      t = componentType(component);
    } catch {
      return defs;
    }
    for (const [name, x] of t.exports) defs.set(name, x);
  }
  return defs;
}

/** Follows `a/b/c` through a package's definitions and their exports. */
export function definitionAtPath(defs: Map<string, ExternT>, segments: string[]): ExternT | undefined {
  let current: ExternT | undefined = defs.get(segments[0] ?? '');
  for (const seg of segments.slice(1)) {
    if (current?.kind !== 'instance' && current?.kind !== 'component') return undefined;
    current = current.exports.get(seg);
  }
  return current;
}

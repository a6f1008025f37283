/**
 * What a package defines, in the component type model: for a WIT package
 * (a component that exports component types, as wit-component encodes
 * `interface` and `world` declarations) its interfaces (instance types) and
 * worlds (component types) by short name; for any other component its exports.
 *
 * The type model reads types of imports and exports, not exported type
 * definitions of component types; so each exported definition is read as the
 * type of an import of a one-type synthetic component (the definition is
 * self-contained in wit-component's encoding: an interface's definition
 * imports the interfaces it uses, which are recorded as its dependencies).
 */
import type { Component, TypeDef } from '../component/binary/ast.ts';
import { readComponent } from '../component/binary/read.ts';
import { type ComponentT, componentType, type ExternT, type InstanceT } from '../component/types.ts';
import { type ResolvedInterface, setInterfaceOrigin } from './wit/resolve.ts';

const types = new WeakMap<Uint8Array, ComponentT>();
const components = new WeakMap<Uint8Array, Component>();

/** `readComponent(bytes)`, once per byte array (views into it: no copy). */
export function cachedComponent(bytes: Uint8Array): Component {
  let c = components.get(bytes);
  if (c === undefined) {
    c = readComponent(bytes);
    components.set(bytes, c);
  }
  return c;
}

/** `componentType(bytes)`, computed once per byte array (the resolver and the graph both need it). */
export function cachedComponentType(bytes: Uint8Array): ComponentT {
  let t = types.get(bytes);
  if (t === undefined) {
    t = componentType(cachedComponent(bytes));
    types.set(bytes, t);
  }
  return t;
}

function definitionType(version: number, def: TypeDef, exportName: string): ExternT | undefined {
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
    if (t.exports.size === 1 && [...t.imports.values()].every((x) => x.kind === 'instance')) {
      const [id, inner] = [...t.exports][0] as [string, ExternT];
      if (inner.kind === 'instance') {
        // the imports are the interfaces it uses, dependencies first
        const uses: ResolvedInterface[] = [...t.imports].map(([depId, x]) => ({ id: depId, name: depId, type: x as InstanceT, uses: [] }));
        for (const u of uses) setInterfaceOrigin(u.type, u);
        setInterfaceOrigin(inner, { id, name: exportName, type: inner, uses });
      }
      return inner;
    }
    return t;
  } catch {
    return undefined;
  }
}

const definitions = new WeakMap<Uint8Array, Map<string, ExternT>>();
const witDefinitions = new WeakMap<Uint8Array, Map<string, ExternT>>();

/**
 * Definitions of a package by name; undefined for names whose types the model cannot read.
 * With `witOnly`, only a WIT package's definitions (empty for a component).
 */
export function packageDefinitions(bytes: Uint8Array, options: { witOnly?: boolean } = {}): Map<string, ExternT> {
  let wit = witDefinitions.get(bytes);
  if (wit === undefined) {
    wit = new Map();
    const component = cachedComponent(bytes);
    const typeSpace: (TypeDef | null)[] = [];
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
            const t = definitionType(component.version, def, item.name.name);
            if (t) wit.set(item.name.name, t);
          }
        }
      }
    }
    witDefinitions.set(bytes, wit);
  }
  if (options.witOnly || wit.size > 0) return wit;
  let defs = definitions.get(bytes);
  if (defs === undefined) {
    defs = new Map();
    try {
      for (const [name, x] of cachedComponentType(bytes).exports) defs.set(name, x);
    } catch {
      // an unreadable component defines nothing; its reader's error is reported where it is instantiated
    }
    definitions.set(bytes, defs);
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

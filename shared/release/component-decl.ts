import { isAbsolute, resolve } from 'node:path';
import { type Origin, originOf } from '../config/origin.ts';
import type { YamlPath, YamlSource } from '../config/yaml-source.ts';
import { InvalidReferenceError, parseReference, type Reference } from '../oci/reference.ts';

/** Where a component comes from, as declared (before environment overrides). */
export type DeclaredSource =
  | { kind: 'path' /** as written */; written: string /** absolute */; path: string }
  | { kind: 'ref'; written: string /** parsed; an `oci:` folder stays as written (relative to the spec) */; ref: Reference };

/** One component as written in `components` (or in an environment's `components`). */
export interface ComponentDecl {
  name: string;
  source: DeclaredSource;
  /** WAC package name given explicitly, else undefined (the default is computed by the spec). */
  package?: string;
  version?: string;
  /** Position of the component's entry. */
  origin: Origin;
  /** Position of its path or ref value. */
  sourceOrigin: Origin;
}

/**
 * The short form is a path when it ends in `.wasm` (or `.wat`) or starts with `./`, `../`
 * or `/`; anything else is an OCI reference (`oci:<dir>` included).
 */
export function looksLikePath(value: string): boolean {
  // `.wat` too: a local file of the text format is a path (compose then says to build it), never docker.io/library/x.wat
  return value.endsWith('.wasm') || value.endsWith('.wat') || value.startsWith('./') || value.startsWith('../') || value.startsWith('/');
}

/**
 * Reads one component entry at `path`. `hint` is the seed grouping the entry
 * sits in (`local:` entries are paths, `oci:` entries are refs) or undefined.
 */
export function readComponentDecl(
  src: YamlSource,
  path: YamlPath,
  name: string,
  value: unknown,
  specDir: string,
  hint?: 'local' | 'oci',
): ComponentDecl {
  const origin = originOf(src, path, 'key');
  if (typeof value === 'string') {
    const kind = hint === 'local' ? 'path' : hint === 'oci' ? 'ref' : looksLikePath(value) ? 'path' : 'ref';
    return { name, source: readSource(src, path, kind, value, specDir, hint), origin, sourceOrigin: originOf(src, path) };
  }
  const map = value as Record<string, unknown>;
  const hasPath = map.path !== undefined;
  const hasRef = map.ref !== undefined;
  if (hasPath && hasRef) {
    throw src.error(
      path,
      `component '${name}' has both path and ref; give one (a local file or an OCI reference)`,
      'SPEC_COMPONENT_SOURCE',
    );
  }
  if (!hasPath && !hasRef) {
    throw src.error(path, `component '${name}' needs a path (a local .wasm file) or a ref (an OCI reference)`, 'SPEC_COMPONENT_SOURCE');
  }
  if (hint === 'local' && hasRef)
    throw src.error([...path, 'ref'], `component '${name}' is under local: but has a ref; move it under oci:`, 'SPEC_COMPONENT_SOURCE');
  if (hint === 'oci' && hasPath)
    throw src.error([...path, 'path'], `component '${name}' is under oci: but has a path; move it under local:`, 'SPEC_COMPONENT_SOURCE');
  const field = hasPath ? 'path' : 'ref';
  const decl: ComponentDecl = {
    name,
    source: readSource(src, [...path, field], hasPath ? 'path' : 'ref', String(map[field]), specDir, hint),
    origin,
    sourceOrigin: originOf(src, [...path, field]),
  };
  if (typeof map.package === 'string') decl.package = map.package;
  if (typeof map.version === 'string') decl.version = map.version;
  return decl;
}

function readSource(src: YamlSource, path: YamlPath, kind: 'path' | 'ref', value: string, specDir: string, hint?: string): DeclaredSource {
  if (kind === 'path') return { kind: 'path', written: value, path: isAbsolute(value) ? value : resolve(specDir, value) };
  try {
    return { kind: 'ref', written: value, ref: parseReference(value) };
  } catch (err) {
    if (err instanceof InvalidReferenceError) {
      const tip = hint === undefined ? ' (a local file must end in .wasm or start with ./, ../ or /)' : '';
      throw src.error(path, `${err.message}${tip}`, 'SPEC_REFERENCE_INVALID');
    }
    throw err;
  }
}

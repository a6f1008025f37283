/**
 * What the `compose` command needs to compose from files: the packages a
 * document refers to, read from `--dep ns:name=path` pairs or a deps directory
 * laid out `ns/name.wasm` (as wac's is), `.wat` files parsed to binaries.
 * The library itself (parser, resolver, encoder) does no I/O.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FlotillaError } from '../errors.ts';
import type * as A from './ast.ts';
import type { WacPackage } from './resolver.ts';

/** A dependency that could not be found or read. Code `WAC_DEPENDENCY`. */
export class WacDependencyError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('WAC_DEPENDENCY', message, options);
  }
}

export interface PackageRef {
  name: string;
  version?: string;
}

/** Every package a document instantiates or refers to by path (targets, imports, `use`, `include`), once each. */
export function referencedPackages(doc: A.Document): PackageRef[] {
  const seen = new Map<string, PackageRef>();
  const own = doc.directive.package.name;
  const add = (name: string, version: string | undefined) => {
    if (name === own) return;
    const key = version ? `${name}@${version}` : name;
    if (!seen.has(key)) seen.set(key, { name, ...(version ? { version } : {}) });
  };
  const path = (p: A.PackagePath) => add(p.name, p.version);
  const expr = (e: A.Expr): void => {
    const p = e.primary;
    if (p.kind === 'new') {
      add(p.package.name, p.package.version);
      for (const arg of p.args) if (arg.kind === 'named') expr(arg.expr);
    } else if (p.kind === 'nested') expr(p.inner);
  };
  const items = (list: (A.InterfaceItem | A.WorldItem)[]): void => {
    for (const item of list) {
      if (item.kind === 'use' && item.path.kind === 'package') path(item.path.path);
      if (item.kind === 'include' && item.world.kind === 'package') path(item.world.path);
      if ((item.kind === 'world-import' || item.kind === 'world-export') && item.path.kind === 'package') path(item.path.path);
      if (
        (item.kind === 'world-import' || item.kind === 'world-export') &&
        item.path.kind === 'named' &&
        item.path.type.kind === 'interface'
      ) {
        items(item.path.type.iface.items);
      }
    }
  };
  if (doc.directive.targets) path(doc.directive.targets);
  for (const s of doc.statements) {
    if (s.kind === 'import') {
      if (s.type.kind === 'package') path(s.type.path);
      if (s.type.kind === 'interface') items(s.type.iface.items);
    } else if (s.kind === 'let' || s.kind === 'export') expr(s.expr);
    else if (s.kind === 'interface' || s.kind === 'world') items(s.items);
  }
  return [...seen.values()];
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Reads a `.wasm` file, or parses a `.wat` file (component text format) with jco. */
export async function readComponentFile(file: string): Promise<Uint8Array> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (err) {
    throw new WacDependencyError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (!file.endsWith('.wat')) return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  const { parse } = await import('@bytecodealliance/jco');
  try {
    return await parse(content.toString('utf8'));
  } catch (err) {
    throw new WacDependencyError(`${file} is not valid WebAssembly text: ${(err as Error).message}`, { cause: err });
  }
}

export interface LoadOptions {
  /** Explicit `ns:name[@version]` → file (`--dep`); wins over the deps directory. */
  deps?: Record<string, string>;
  /** A directory laid out `ns/name.wasm` (or `.wat`; `ns/name@1.0.0.wasm` for a version). */
  depsDir?: string;
}

/** Loads the packages the document refers to; a package found nowhere is left out (the resolver reports it with its span). */
export async function loadPackagesFromFiles(doc: A.Document, options: LoadOptions): Promise<WacPackage[]> {
  const packages: WacPackage[] = [];
  for (const ref of referencedPackages(doc)) {
    const key = ref.version ? `${ref.name}@${ref.version}` : ref.name;
    let file = options.deps?.[key] ?? options.deps?.[ref.name];
    if (file === undefined && options.depsDir) {
      const [ns, name] = ref.name.split(':') as [string, string];
      const stems = ref.version ? [`${name}@${ref.version}`, name] : [name];
      for (const stem of stems) {
        for (const ext of ['.wasm', '.wat']) {
          const candidate = join(options.depsDir, ns, `${stem}${ext}`);
          if (file === undefined && (await exists(candidate))) file = candidate;
        }
      }
    }
    if (file === undefined) continue;
    packages.push({ name: ref.name, ...(ref.version ? { version: ref.version } : {}), bytes: await readComponentFile(file) });
  }
  return packages;
}

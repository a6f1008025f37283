/**
 * What `flotilla wac compose` needs to compose from files: the packages a
 * document refers to, found as wac's file-system resolver finds them:
 *
 * - `--dep ns:name=path` first (`ns:name@1.2.3=path` for one version; wac reads a name-only `--dep` for
 *   unversioned references only, this reads it for any version of the name);
 * - else under the deps directory: `ns/name` (or `ns/name/1.2.3` for a version) is a folder holding a
 *   WIT package (its `*.wit` files and `deps/`), else `ns/name.wat`, else `ns/name.wasm`. Also read:
 *   `ns/name.wit` (one WIT file), `ns/name@1.2.3.{wasm,wat,wit}`, and for a versioned reference the
 *   unversioned `ns/name` folder or file when wac's `ns/name/1.2.3` is not there.
 *
 * Components stay bytes (`.wat` parsed by jco); WIT packages are parsed and resolved here (`wit/`).
 * A package found nowhere is left out: the resolver reports it with its span ("unknown package").
 * The library itself (parser, resolver, encoder) does no I/O.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FlotillaError } from '../errors.ts';
import type * as A from './ast.ts';
import type { Span, WacSource } from './diagnostics.ts';
import { type WacPackage, WacResolutionError } from './resolver.ts';
import { loadWitPackage } from './wit/load.ts';

/** A dependency that could not be found or read (without a document to point into). Code `WAC_DEPENDENCY`. */
export class WacDependencyError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('WAC_DEPENDENCY', message, options);
  }
}

export interface PackageRef {
  name: string;
  version?: string;
  /** Where the document first refers to it. */
  span: Span;
}

/** Every package a document instantiates or refers to by path (targets, imports, `use`, `include`), once each, in order. */
export function referencedPackages(doc: A.Document): PackageRef[] {
  const seen = new Map<string, PackageRef>();
  const own = doc.directive.package.name;
  const add = (name: string, version: string | undefined, span: Span) => {
    if (name === own) return;
    const key = version ? `${name}@${version}` : name;
    if (!seen.has(key))
      seen.set(key, { name, ...(version ? { version } : {}), span: { start: span.start, end: span.start + name.length } });
  };
  const path = (p: A.PackagePath) => add(p.name, p.version, p.span);
  const expr = (e: A.Expr): void => {
    const p = e.primary;
    if (p.kind === 'new') {
      add(p.package.name, p.package.version, p.package.span);
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
  const targets = doc.directive.targets;
  if (targets) path(targets);
  for (const s of doc.statements) {
    if (s.kind === 'import') {
      if (s.type.kind === 'package') path(s.type.path);
      if (s.type.kind === 'interface') items(s.type.iface.items);
    } else if (s.kind === 'let' || s.kind === 'export') expr(s.expr);
    else if (s.kind === 'interface' || s.kind === 'world') items(s.items);
  }
  return [...seen.values()];
}

async function kind(file: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(file);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
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
  /** Explicit `ns:name[@version]` → file or WIT folder (`--dep`); wins over the deps directory. */
  deps?: Record<string, string>;
  /** wac's `--deps-dir` (laid out `ns/name.wasm`, `ns/name.wat`, `ns/name/` WIT folders, `ns/name/1.2.3.wasm`). */
  depsDir?: string;
  /** The document (for errors that point at the reference, as wac prints them). */
  source?: WacSource;
}

/** Where a reference's package is, wac's way (undefined: nowhere; the resolver reports it). */
async function locate(
  ref: PackageRef,
  options: LoadOptions,
): Promise<{ path: string; kind: 'dir' | 'file'; explicit: boolean } | undefined> {
  const key = ref.version ? `${ref.name}@${ref.version}` : ref.name;
  const override = options.deps?.[key] ?? options.deps?.[ref.name];
  if (override !== undefined) {
    const k = await kind(override);
    if (!k) throw new Error(`local path \`${override}\` for package \`${ref.name}\` does not exist`);
    return { path: override, kind: k, explicit: true };
  }
  if (!options.depsDir) return undefined;
  const base = join(options.depsDir, ...ref.name.split(':'));
  // wac's layout first (`ns/name/1.2.3`), then `ns/name@1.2.3`, then the unversioned `ns/name` (a WIT package's own
  // version is checked against the reference once it is read)
  const candidates = ref.version ? [join(base, ref.version), `${base}@${ref.version}`, base] : [base];
  for (const c of candidates) {
    if ((await kind(c)) === 'dir') return { path: c, kind: 'dir', explicit: false };
    for (const ext of ['.wat', '.wasm', '.wit']) {
      if ((await kind(`${c}${ext}`)) === 'file') return { path: `${c}${ext}`, kind: 'file', explicit: false };
    }
  }
  return undefined;
}

/** Loads the packages the document refers to; a package found nowhere is left out (the resolver reports it with its span). */
export async function loadPackagesFromFiles(doc: A.Document, options: LoadOptions): Promise<WacPackage[]> {
  const packages: WacPackage[] = [];
  for (const ref of referencedPackages(doc)) {
    const failure = (reason: string, cause?: unknown): Error =>
      options.source
        ? new WacResolutionError(
            'package-resolution-failure',
            options.source,
            `failed to resolve package \`${ref.name}\``,
            ref.span,
            `package \`${ref.name}\` failed to resolve`,
            { cause, reasons: [reason] },
          )
        : new WacDependencyError(`failed to resolve package \`${ref.name}\`: ${reason}`, cause !== undefined ? { cause } : undefined);
    let found: Awaited<ReturnType<typeof locate>>;
    try {
      found = await locate(ref, options);
    } catch (err) {
      throw failure((err as Error).message, err);
    }
    if (!found) continue;
    const version = ref.version ? { version: ref.version } : {};
    if (found.kind === 'dir' || found.path.endsWith('.wit')) {
      let wit: Awaited<ReturnType<typeof loadWitPackage>>;
      try {
        wit = await loadWitPackage(found.path);
      } catch (err) {
        throw failure(
          err instanceof FlotillaError ? err.message : `cannot read the WIT package at ${found.path}: ${(err as Error).message}`,
          err,
        );
      }
      const got = wit.package.name;
      if (got !== ref.name || (ref.version !== undefined && wit.package.version !== ref.version)) {
        const gotKey = wit.package.version ? `${got}@${wit.package.version}` : got;
        throw failure(
          `the WIT package at ${found.path} is \`${gotKey}\`, not \`${ref.version ? `${ref.name}@${ref.version}` : ref.name}\``,
        );
      }
      packages.push({ name: ref.name, ...version, wit: wit.package });
      continue;
    }
    try {
      packages.push({ name: ref.name, ...version, bytes: await readComponentFile(found.path), file: found.path });
    } catch (err) {
      throw failure((err as Error).message, err);
    }
  }
  return packages;
}

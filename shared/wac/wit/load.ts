/**
 * Reads WIT packages from the file system as wit-parser lays them out:
 *
 * - a directory: its `*.wit` files are one package; its `deps/` folder holds
 *   the packages it depends on, each a directory of `*.wit` files (not
 *   recursive: a dependency's own dependencies sit beside it in the same
 *   `deps/`) or a single `.wit` file;
 * - a single `.wit` file: one package (and any nested `package … { }` blocks).
 *
 * Sizes are bounded (hostile input): at most MAX_FILES files of MAX_FILE_BYTES each.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FlotillaError } from '../../errors.ts';
import type * as W from './ast.ts';
import { parseWit } from './parser.ts';
import { packageKey, packagesOfFiles, type ResolvedPackage, type UnresolvedPackage, WitResolver } from './resolve.ts';

const MAX_FILES = 2000;
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** A WIT folder or file that cannot be read. Code `WIT_READ`. */
export class WitReadError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('WIT_READ', message, options);
  }
}

class Budget {
  files = 0;
  take(path: string): void {
    if (++this.files > MAX_FILES) throw new WitReadError(`too many WIT files under ${path} (more than ${MAX_FILES})`);
  }
}

async function readWitFile(path: string, budget: Budget): Promise<W.WitFile> {
  budget.take(path);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    throw new WitReadError(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (info.size > MAX_FILE_BYTES) throw new WitReadError(`${path} is larger than ${MAX_FILE_BYTES} bytes; is it a WIT file?`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (err) {
    throw new WitReadError(`cannot read ${path} as UTF-8 text: ${(err as Error).message}`, { cause: err });
  }
  return parseWit({ file: path, text });
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    throw new WitReadError(`cannot read the folder ${dir}: ${(err as Error).message}`, { cause: err });
  }
}

async function readPackageDir(dir: string, budget: Budget): Promise<W.WitFile[]> {
  const files: W.WitFile[] = [];
  for (const name of await entries(dir)) {
    if (!name.endsWith('.wit')) continue;
    const path = join(dir, name);
    if (await isDirectory(path)) continue;
    files.push(await readWitFile(path, budget));
  }
  if (files.length === 0) throw new WitReadError(`${dir} holds no .wit file; a WIT package folder has its *.wit files at its top level`);
  return files;
}

export interface LoadedWit {
  /** The package at the path. */
  package: ResolvedPackage;
  /** Every package read (the package and its deps), resolved. */
  all: ResolvedPackage[];
  /** Number of .wit files read. */
  files: number;
}

export interface LoadWitOptions {
  /** `@unstable(feature = …)` features to include. */
  features?: ReadonlySet<string>;
}

/** Reads the WIT package at `path` (a folder with optional `deps/`, or one `.wit` file) and resolves it with its dependencies. */
export async function loadWitPackage(path: string, options: LoadWitOptions = {}): Promise<LoadedWit> {
  const budget = new Budget();
  let top: UnresolvedPackage[];
  const deps: UnresolvedPackage[] = [];
  if (await isDirectory(path)) {
    top = packagesOfFiles(await readPackageDir(path, budget), path);
    const depsDir = join(path, 'deps');
    if (await isDirectory(depsDir)) {
      for (const name of await entries(depsDir)) {
        const entry = join(depsDir, name);
        if (await isDirectory(entry)) deps.push(...packagesOfFiles(await readPackageDir(entry, budget), entry));
        else if (name.endsWith('.wit')) deps.push(...packagesOfFiles([await readWitFile(entry, budget)], entry));
        else if (name.endsWith('.wasm') || name.endsWith('.wat')) {
          throw new WitReadError(`${entry}: WIT packages encoded as WebAssembly are not read from deps/; give the package as .wit text`);
        }
      }
    }
  } else {
    const file = await readWitFile(path, budget);
    top = packagesOfFiles([file], path);
  }
  const main = top[0];
  if (!main) throw new WitReadError(`${path} defines no WIT package`);
  const resolver = new WitResolver([...deps, ...top], options.features ? { features: options.features } : {});
  const name = `${main.name.namespace}:${main.name.name}`;
  const pkg = resolver.resolvePackage(name, main.name.version) as ResolvedPackage;
  return { package: pkg, all: resolver.resolveAll(), files: budget.files };
}

export { packageKey };

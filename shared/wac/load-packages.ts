/**
 * What the `compose` command needs to compose from files: the packages a
 * document refers to, read from `--dep ns:name=path` pairs or a deps directory
 * laid out `ns/name.wasm` (as wac's is), `.wat` files parsed to binaries.
 * The library itself (parser, resolver, encoder) does no I/O.
 */
import { access, readFile, stat } from 'node:fs/promises';
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
  /** Worlds of this package the document targets (`targets ns:pkg/world`): what a `.wit` dependency is encoded for. */
  targetWorlds?: string[];
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
  const targets = doc.directive.targets;
  if (targets) {
    path(targets);
    const ref = seen.get(targets.version ? `${targets.name}@${targets.version}` : targets.name);
    if (ref) ref.targetWorlds = [targets.segments[0] as string];
  }
  for (const s of doc.statements) {
    if (s.kind === 'import') {
      if (s.type.kind === 'package') path(s.type.path);
      if (s.type.kind === 'interface') items(s.type.iface.items);
    } else if (s.kind === 'let' || s.kind === 'export') expr(s.expr);
    else if (s.kind === 'interface' || s.kind === 'world') items(s.items);
  }
  return [...seen.values()];
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** The payload of the first `component-type*` custom section of a core module (how wit-component encodes a world). */
function componentTypeSection(module: Uint8Array): Uint8Array | undefined {
  let pos = 8;
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = module[pos++] ?? 0;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0 || pos >= module.length) return result;
      shift += 7;
    }
  };
  while (pos < module.length) {
    const id = module[pos++];
    const size = u32();
    const end = pos + size;
    if (id === 0) {
      const nameLen = u32();
      const name = new TextDecoder().decode(module.subarray(pos, pos + nameLen));
      if (name.startsWith('component-type')) return module.subarray(pos + nameLen, end);
    }
    pos = end;
  }
  return undefined;
}

/**
 * Encodes a world of a WIT package (one `.wit` file, self-contained) as wit-component does, so that it
 * can be a target: jco embeds it into a dummy module, whose `component-type` section is the package.
 * (jco's `witPath` cannot read files here, so the text is passed; WIT directories with `deps/` are not
 * supported.)
 */
export async function witWorldPackage(witPath: string, world: string): Promise<Uint8Array> {
  const { componentEmbed } = await import('@bytecodealliance/jco');
  let witSource: string;
  try {
    witSource = await readFile(witPath, 'utf8');
  } catch (err) {
    throw new WacDependencyError(`cannot read ${witPath}: ${(err as Error).message}`, { cause: err });
  }
  let module: Uint8Array;
  try {
    module = await componentEmbed({ dummy: true, witSource, world });
  } catch (err) {
    throw new WacDependencyError(`cannot read world \`${world}\` from the WIT at ${witPath}: ${(err as Error).message}`, { cause: err });
  }
  const payload = componentTypeSection(module);
  if (!payload) throw new WacDependencyError(`jco did not encode world \`${world}\` of ${witPath}`);
  return payload;
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
  /** A directory laid out `ns/name.wasm` (or `.wat`, or `.wit` for a target world; `ns/name@1.0.0.wasm` for a version). */
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
        for (const ext of ['.wasm', '.wat', '.wit']) {
          const candidate = join(options.depsDir, ns, `${stem}${ext}`);
          if (file === undefined && (await exists(candidate))) file = candidate;
        }
      }
    }
    if (file === undefined) continue;
    let bytes: Uint8Array;
    if (await isDirectory(file)) {
      throw new WacDependencyError(`${file} is a directory; give the package as one .wasm, .wat or self-contained .wit file`);
    }
    if (file.endsWith('.wit')) {
      const world = ref.targetWorlds?.[0];
      if (world === undefined) {
        throw new WacDependencyError(
          `${file} is a WIT package; WIT can give the target world, but \`${key}\` needs a component (.wasm or .wat)`,
        );
      }
      bytes = await witWorldPackage(file, world);
    } else {
      bytes = await readComponentFile(file);
    }
    packages.push({ name: ref.name, ...(ref.version ? { version: ref.version } : {}), bytes });
  }
  return packages;
}

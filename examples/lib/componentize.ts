// Builds one JavaScript component with a componentizer from the npm registry,
// skipping the build when a content hash of everything that goes into it
// (componentizer and version, options, world, sources, WIT) matches the stamp
// left by the previous build.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire, registerHooks } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FlotillaError } from '../../shared/errors.ts';

export type Componentizer = 'componentize-qjs' | 'componentize-js';

/**
 * What a componentize-qjs build does with WASI imports:
 * - `false` (stub): every WASI import is replaced by a trap stub; the component imports only its own interfaces.
 * - `true` (all): the world's WASI imports and the QuickJS runtime's own (wasi:cli, wasi:filesystem, …) stay.
 * - `'world'`: the world's WASI imports stay (wasi:http/types, wasi:clocks, …), the runtime's are stubbed:
 *   the component imports exactly what its world says, and no filesystem or CLI.
 */
export type WasiMode = boolean | 'world';

const require = createRequire(import.meta.url);

export class ComponentBuildError extends FlotillaError {
  constructor(name: string, entry: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('COMPONENT_BUILD_FAILED', `building ${name} from ${entry} failed: ${detail}`, { cause });
  }
}

export interface BuildInput {
  name: string;
  componentizer: Componentizer;
  /** Absolute path of the JavaScript entry module. */
  entry: string;
  /** Every file under it is an input (hashed). */
  sourceDir: string;
  /**
   * Folders of JavaScript modules the entry imports by relative path (`../lib/sha256.js`);
   * hashed like the sources. Module resolution is rooted at `moduleRoot`.
   */
  sharedSources?: string[];
  /** The folder JavaScript imports are resolved in during pre-initialization (default `sourceDir`). */
  moduleRoot?: string;
  /** Absolute path of the WIT folder (with deps/ where needed); hashed. */
  witDir: string;
  world: string;
  /** componentize-qjs: which WASI imports to keep (default false: none). */
  wasi?: WasiMode;
  /** Where the component goes; `<outPath>.inputs` holds the stamp. */
  outPath: string;
}

export interface BuildResult {
  name: string;
  outPath: string;
  /** true when the previous build was up to date and reused. */
  cached: boolean;
  /** Wall time of this call in milliseconds. */
  ms: number;
  size: number;
  /** sha256 of the inputs. */
  inputsDigest: string;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out.sort();
}

function componentizerVersion(componentizer: Componentizer): string {
  // componentize-js exports only its ESM entry (src/componentize.js): find package.json beside it.
  const packageJson =
    componentizer === 'componentize-qjs'
      ? require.resolve('componentize-qjs/package.json')
      : join(dirname(dirname(fileURLToPath(import.meta.resolve('@bytecodealliance/componentize-js')))), 'package.json');
  return String(JSON.parse(readFileSync(packageJson, 'utf8')).version);
}

let shimPrepared = false;

/**
 * componentize-js 0.23 imports @bytecodealliance/preview2-shim without
 * declaring it; npm keeps the one copy of that package nested under jco (an
 * optional peer of jco-std asks for another version, so it is not hoisted).
 * Resolve the shim's specifiers as if jco imported them.
 */
async function preparePreview2Shim(): Promise<void> {
  if (shimPrepared) return;
  shimPrepared = true;
  const jcoEntry = import.meta.resolve('@bytecodealliance/jco');
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === '@bytecodealliance/preview2-shim' || specifier.startsWith('@bytecodealliance/preview2-shim/')) {
        return nextResolve(specifier, { ...context, parentURL: jcoEntry });
      }
      return nextResolve(specifier, context);
    },
  });
  // preview2-shim 0.26 preopens nothing by default; the splicer componentize-js
  // runs reads the WIT and the sources by absolute host paths, as older shims allowed.
  // Imported by path (as jco would resolve it), so that test runners that resolve modules themselves load the same file.
  const shimFilesystem = pathToFileURL(createRequire(jcoEntry).resolve('@bytecodealliance/preview2-shim/filesystem')).href;
  const filesystem = (await import(shimFilesystem)) as {
    _getPreopens(): [unknown, string][];
    _addPreopen(virtualPath: string, hostPath: string): void;
  };
  if (!filesystem._getPreopens().some(([, virtualPath]) => virtualPath === '/')) filesystem._addPreopen('/', '/');
}

/** Options passed to each componentizer (part of the hash). */
function qjsOptions(input: BuildInput) {
  return { stubWasi: input.wasi !== true, sync: true, optSize: true };
}

/** Everything about the build that is not a file: part of the hash. */
function buildOptionsForHash(input: BuildInput): unknown {
  if (input.componentizer !== 'componentize-qjs') return CJS_DISABLED_FEATURES;
  return input.wasi === 'world' ? { ...qjsOptions(input), wasi: 'world' } : qjsOptions(input);
}
const CJS_DISABLED_FEATURES = ['random'] as ('stdio' | 'random' | 'clocks' | 'http' | 'fetch-event')[];

export async function inputsDigest(input: BuildInput): Promise<string> {
  const h = createHash('sha256');
  const add = (s: string | Uint8Array) => {
    const b = typeof s === 'string' ? Buffer.from(s) : s;
    h.update(`${b.length}:`);
    h.update(b);
  };
  add(`${input.componentizer}@${componentizerVersion(input.componentizer)}`);
  add(JSON.stringify(buildOptionsForHash(input)));
  add(input.world);
  add(relative(input.sourceDir, input.entry));
  for (const [label, dir] of [
    ['src', input.sourceDir],
    ['wit', input.witDir],
    ...(input.sharedSources ?? []).map((d) => [`lib:${relative(input.moduleRoot ?? input.sourceDir, d)}`, d] as const),
  ] as const) {
    for (const file of await listFiles(dir)) {
      add(`${label}:${relative(dir, file)}`);
      add(await readFile(file));
    }
  }
  return h.digest('hex');
}

async function readStamp(outPath: string): Promise<string | undefined> {
  try {
    await stat(outPath);
    return (await readFile(`${outPath}.inputs`, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/**
 * componentize-qjs 0.4.5 cannot pre-initialize (Wizer) a component that
 * imports wasi:http/types: its linker defines unknown imports as traps before
 * adding the real WASI, so the trap wasi:http/types refers to a trap
 * wasi:io/error resource that the real wasi:io/error then replaces, and
 * linking fails ("mismatched resource types"). The way around it: build
 * against WASI at a placeholder version no WASI implementation claims (every
 * one of those imports then becomes a consistent trap during Wizer), and put
 * the real version back into the finished binary. The placeholder has the
 * same length as the real version, so the bytes are patched in place.
 */
export const WASI_VERSION = '0.2.10';
const WASI_PLACEHOLDER = '9.9.99';

async function copyReplacing(from: string, to: string, replace: (text: string) => string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  for (const file of await listFiles(from)) {
    const target = join(to, relative(from, file));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, replace(await readFile(file, 'utf8')));
  }
}

/** Writes `to` over every occurrence of `from` (same length) in the bytes; fails if there is none. */
function patchInPlace(bytes: Uint8Array, fromText: string, toText: string, hint: string): Uint8Array {
  const buf = Buffer.from(bytes);
  const from = Buffer.from(fromText);
  const to = Buffer.from(toText);
  if (from.length !== to.length) throw new Error(`cannot patch ${fromText} with ${toText}: the lengths differ`);
  let count = 0;
  for (let i = buf.indexOf(from); i >= 0; i = buf.indexOf(from, i + from.length)) {
    to.copy(buf, i);
    count++;
  }
  if (count === 0) throw new Error(`no ${fromText} in the component: ${hint}`);
  return buf;
}

/**
 * The `'world'` WASI mode: componentize-qjs's `stubWasi` stubs every import
 * in the `wasi` namespace, the world's as well as the QuickJS runtime's. So
 * the world's WASI packages are renamed to a namespace of the same length
 * (`wasx`) in a staged copy of the WIT and the sources, the build stubs only
 * the runtime's (wasi:cli, wasi:filesystem, wasi:random …), and the finished
 * binary gets `wasi:` back, patched in place. jco validates the result when it
 * transpiles it; the tests run it.
 */
const WORLD_WASI_NAMESPACE = 'wasx:';

/** Copies `dirs` (folders under `root`) into `stageRoot` at the same relative paths, rewriting each file. */
async function stageSources(root: string, dirs: string[], stageRoot: string, replace: (text: string) => string): Promise<void> {
  for (const dir of dirs) await copyReplacing(dir, join(stageRoot, relative(root, dir)), replace);
}

async function componentizeQjs(input: BuildInput): Promise<Uint8Array> {
  const { componentize: qjs } = await import('componentize-qjs');
  const root = input.moduleRoot ?? input.sourceDir;
  const sources = [input.sourceDir, ...(input.sharedSources ?? [])];
  let witDir = input.witDir;
  let moduleRoot = root;
  const stage = join(dirname(input.outPath), '.stage', `${input.name}-${process.pid}`);
  const staged = input.wasi !== false && input.wasi !== undefined;
  if (input.wasi === true) {
    // One staging folder per process: test files building at the same time do not share it.
    witDir = join(stage, 'wit');
    moduleRoot = join(stage, 'src');
    await copyReplacing(input.witDir, witDir, (t) => t.replaceAll(WASI_VERSION, WASI_PLACEHOLDER));
    const wasiSpecifier = new RegExp(`(['"]wasi:[a-z-]+/[a-z-]+@)${WASI_VERSION.replaceAll('.', '\\.')}(['"])`, 'g');
    await stageSources(root, sources, moduleRoot, (t) => t.replace(wasiSpecifier, `$1${WASI_PLACEHOLDER}$2`));
  } else if (input.wasi === 'world') {
    witDir = join(stage, 'wit');
    moduleRoot = join(stage, 'src');
    // In WIT every `wasi:` is a package name (package, use, import, export); in JavaScript only import specifiers.
    await copyReplacing(input.witDir, witDir, (t) => t.replaceAll('wasi:', WORLD_WASI_NAMESPACE));
    const wasiSpecifier = /(['"])wasi:([a-z-]+\/[a-z-]+(?:@[0-9.]+)?['"])/g;
    await stageSources(root, sources, moduleRoot, (t) => t.replace(wasiSpecifier, `$1${WORLD_WASI_NAMESPACE}$2`));
  }
  const entry = join(moduleRoot, relative(root, input.entry));
  try {
    const { component } = await qjs({
      witPath: witDir,
      world: input.world,
      jsSource: await readFile(entry, 'utf8'),
      jsPath: entry,
      moduleRoot,
      ...qjsOptions(input),
    });
    if (input.wasi === true) {
      return patchInPlace(component, `@${WASI_PLACEHOLDER}`, `@${WASI_VERSION}`, `does the world import wasi:*@${WASI_VERSION}?`);
    }
    if (input.wasi === 'world') return patchInPlace(component, WORLD_WASI_NAMESPACE, 'wasi:', 'does the world import any wasi: interface?');
    return component;
  } finally {
    if (staged) await rm(stage, { recursive: true, force: true });
  }
}

async function componentize(input: BuildInput): Promise<Uint8Array> {
  if (input.componentizer === 'componentize-qjs') return componentizeQjs(input);
  await preparePreview2Shim();
  const { componentize: cjs } = await import('@bytecodealliance/componentize-js');
  const { component } = await cjs({
    sourcePath: input.entry,
    witPath: input.witDir,
    worldName: input.world,
    disableFeatures: CJS_DISABLED_FEATURES,
  });
  return component;
}

/** Builds `input` unless its stamp says the component is up to date (or `force`). */
export async function buildComponent(input: BuildInput, options: { force?: boolean } = {}): Promise<BuildResult> {
  const started = performance.now();
  const digest = await inputsDigest(input);
  if (!options.force && (await readStamp(input.outPath)) === digest) {
    const size = (await stat(input.outPath)).size;
    return { name: input.name, outPath: input.outPath, cached: true, ms: performance.now() - started, size, inputsDigest: digest };
  }
  let bytes: Uint8Array;
  try {
    bytes = await componentize(input);
  } catch (err) {
    throw new ComponentBuildError(input.name, input.entry, err);
  }
  await mkdir(dirname(input.outPath), { recursive: true });
  // Write beside, then rename: a reader never sees half a component, and the
  // stamp is written only once the component is in place.
  const tmp = `${input.outPath}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rm(`${input.outPath}.inputs`, { force: true });
  await rename(tmp, input.outPath);
  await writeFile(`${input.outPath}.inputs`, `${digest}\n`);
  return {
    name: input.name,
    outPath: input.outPath,
    cached: false,
    ms: performance.now() - started,
    size: bytes.length,
    inputsDigest: digest,
  };
}

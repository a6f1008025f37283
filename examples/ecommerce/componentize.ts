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
import type { Componentizer } from './components.ts';

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
  /** Absolute path of the WIT folder (with deps/ where needed); hashed. */
  witDir: string;
  world: string;
  /** componentize-qjs: keep WASI imports instead of stubbing them (default false). */
  wasi?: boolean;
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
  return { stubWasi: !input.wasi, sync: true, optSize: true };
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
  add(JSON.stringify(input.componentizer === 'componentize-qjs' ? qjsOptions(input) : CJS_DISABLED_FEATURES));
  add(input.world);
  add(relative(input.sourceDir, input.entry));
  for (const [label, dir] of [
    ['src', input.sourceDir],
    ['wit', input.witDir],
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

function patchPlaceholder(bytes: Uint8Array): Uint8Array {
  const buf = Buffer.from(bytes);
  const from = Buffer.from(`@${WASI_PLACEHOLDER}`);
  const to = Buffer.from(`@${WASI_VERSION}`);
  let count = 0;
  for (let i = buf.indexOf(from); i >= 0; i = buf.indexOf(from, i + from.length)) {
    to.copy(buf, i);
    count++;
  }
  if (count === 0) throw new Error(`no @${WASI_PLACEHOLDER} in the component: does the world import wasi:*@${WASI_VERSION}?`);
  return buf;
}

async function componentizeQjs(input: BuildInput): Promise<Uint8Array> {
  const { componentize: qjs } = await import('componentize-qjs');
  let witDir = input.witDir;
  let sourceDir = input.sourceDir;
  if (input.wasi) {
    // One staging folder per process: test files building at the same time do not share it.
    const stage = join(dirname(input.outPath), '.stage', `${input.name}-${process.pid}`);
    witDir = join(stage, 'wit');
    sourceDir = join(stage, 'src');
    await copyReplacing(input.witDir, witDir, (t) => t.replaceAll(WASI_VERSION, WASI_PLACEHOLDER));
    const wasiSpecifier = new RegExp(`(['"]wasi:[a-z-]+/[a-z-]+@)${WASI_VERSION.replaceAll('.', '\\.')}(['"])`, 'g');
    await copyReplacing(input.sourceDir, sourceDir, (t) => t.replace(wasiSpecifier, `$1${WASI_PLACEHOLDER}$2`));
  }
  const entry = join(sourceDir, relative(input.sourceDir, input.entry));
  try {
    const { component } = await qjs({
      witPath: witDir,
      world: input.world,
      jsSource: await readFile(entry, 'utf8'),
      jsPath: entry,
      moduleRoot: sourceDir,
      ...qjsOptions(input),
    });
    return input.wasi ? patchPlaceholder(component) : component;
  } finally {
    if (input.wasi) await rm(dirname(witDir), { recursive: true, force: true });
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

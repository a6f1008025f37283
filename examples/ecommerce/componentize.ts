// Builds one JavaScript component with a componentizer from the npm registry,
// skipping the build when a content hash of everything that goes into it
// (componentizer and version, options, world, sources, WIT) matches the stamp
// left by the previous build.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire, registerHooks } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  const filesystem = (await import('@bytecodealliance/preview2-shim/filesystem' as string)) as {
    _getPreopens(): [unknown, string][];
    _addPreopen(virtualPath: string, hostPath: string): void;
  };
  if (!filesystem._getPreopens().some(([, virtualPath]) => virtualPath === '/')) filesystem._addPreopen('/', '/');
}

/** Options passed to each componentizer (part of the hash). */
const QJS_OPTIONS = { stubWasi: true, sync: true, optSize: true } as const;
const CJS_DISABLED_FEATURES = ['random'] as ('stdio' | 'random' | 'clocks' | 'http' | 'fetch-event')[];

export async function inputsDigest(input: BuildInput): Promise<string> {
  const h = createHash('sha256');
  const add = (s: string | Uint8Array) => {
    const b = typeof s === 'string' ? Buffer.from(s) : s;
    h.update(`${b.length}:`);
    h.update(b);
  };
  add(`${input.componentizer}@${componentizerVersion(input.componentizer)}`);
  add(JSON.stringify(input.componentizer === 'componentize-qjs' ? QJS_OPTIONS : CJS_DISABLED_FEATURES));
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

async function componentize(input: BuildInput): Promise<Uint8Array> {
  if (input.componentizer === 'componentize-qjs') {
    const { componentize: qjs } = await import('componentize-qjs');
    const { component } = await qjs({
      witPath: input.witDir,
      world: input.world,
      jsSource: await readFile(input.entry, 'utf8'),
      jsPath: input.entry,
      moduleRoot: input.sourceDir,
      ...QJS_OPTIONS,
    });
    return component;
  }
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
  return { name: input.name, outPath: input.outPath, cached: false, ms: performance.now() - started, size: bytes.length, inputsDigest: digest };
}

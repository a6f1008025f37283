// Transpiles a component to JavaScript with jco (synchronous instantiation
// mode: every import is passed in explicitly), into a cache folder named by
// the component's digest, compiles its core modules once, and instantiates it
// as often as asked (synchronously, so a server can make one per request).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco';
import { FlotillaError } from '../errors.ts';

export class TranspileError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('TRANSPILE_FAILED', message, options);
  }
}

/** Imports of a component instance: interface name (without version) -> functions and resources. */
export type ImportObject = Record<string, Record<string, unknown>>;
/** Exports of an instance: interface name (short `cart` and full `ecommerce:platform/cart@1.0.0`) -> members. */
export type InstanceExports = Record<string, Record<string, (...args: never[]) => unknown>>;

export interface TranspiledComponent {
  /** sha256 hex of the component bytes. */
  digest: string;
  /** Folder holding `component.js` and its core modules. */
  dir: string;
  instantiate(imports: ImportObject): InstanceExports;
}

/** Where transpiled components are kept between runs. */
export function defaultTranspileCacheDir(): string {
  return process.env.FLOTILLA_TRANSPILE_CACHE ?? join(tmpdir(), 'flotilla-transpiled');
}

/** The part of the WebAssembly JS API used here (the project's TypeScript libs have no DOM types). */
type CoreModule = object;
interface WasmApi {
  compile(bytes: Uint8Array): Promise<CoreModule>;
  Instance: new (module: CoreModule, imports: unknown) => unknown;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface TranspiledModule {
  instantiate(
    getCoreModule: (path: string) => CoreModule,
    imports: ImportObject,
    instantiateCore: (module: CoreModule, imports: unknown) => unknown,
  ): InstanceExports;
}

let cachedJcoVersion: string | undefined;
function jcoVersion(): string {
  if (cachedJcoVersion === undefined) {
    // dist/api.js -> package.json (jco's exports map does not expose it)
    const api = createRequire(import.meta.url).resolve('@bytecodealliance/jco');
    cachedJcoVersion = String(JSON.parse(readFileSync(join(dirname(dirname(api)), 'package.json'), 'utf8')).version);
  }
  return cachedJcoVersion;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export interface TranspileOptions {
  cacheDir?: string | undefined;
  /**
   * Transpile in a worker thread, so that the process keeps answering
   * requests meanwhile (jco's transpile is one long synchronous run: 1.2 s
   * for the composed e-commerce platform). What serve --follow uses.
   */
  worker?: boolean;
  /** Abandon a worker's transpile after this many milliseconds (the worker is terminated). */
  timeoutMs?: number | undefined;
  /** Heap limit of the worker in MiB (default 2048): a hostile component cannot take the process' memory. */
  workerHeapMb?: number;
  /** Stops a worker's transpile (serve is stopping). */
  signal?: AbortSignal | undefined;
}

/** The jco options of every transpile here (sync instantiation: every import passed in explicitly). */
const JCO_OPTIONS = { name: 'component', instantiation: { tag: 'sync' }, noTypescript: true, quiet: true };

// The worker's code, evaluated as CommonJS: jco is loaded from where this
// module resolves it (a path, so that the CLI bundle, which has no worker
// file of its own, can start it too). It does the whole job off the main
// thread: transpile (unless cached), write the cache folder (a sibling
// folder, then a rename), compile the core modules, and post them back
// (compiled WebAssembly.Module objects cross threads without a copy).
const WORKER_CODE = `
const { parentPort, workerData, threadId } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const fs = require('node:fs');
const path = require('node:path');
async function main() {
  const { bytes, dir, jcoEntry, options } = workerData;
  const entry = path.join(dir, 'component.js');
  if (!fs.existsSync(entry)) {
    let files;
    try {
      const jco = await import(pathToFileURL(jcoEntry).href);
      ({ files } = await jco.transpile(bytes, options));
    } catch (err) {
      return { error: err && err.message ? err.message : String(err), stage: 'transpile' };
    }
    const tmp = dir + '.' + process.pid + '.' + threadId + '.' + Date.now() + '.tmp';
    await Promise.all(Object.entries(files).map(async ([name, content]) => {
      await fs.promises.mkdir(path.dirname(path.join(tmp, name)), { recursive: true });
      await fs.promises.writeFile(path.join(tmp, name), content);
    }));
    await fs.promises.writeFile(path.join(tmp, 'package.json'), '{"type":"module"}\\n');
    try {
      fs.renameSync(tmp, dir);
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      if (!fs.existsSync(entry)) throw err;
    }
  }
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.wasm'));
  const modules = await Promise.all(
    names.map(async (n) => [n, await WebAssembly.compile(await fs.promises.readFile(path.join(dir, n)))]),
  );
  return { modules };
}
main().then(
  (answer) => parentPort.postMessage(answer),
  (err) => parentPort.postMessage({ error: err && err.message ? err.message : String(err), stage: 'write' }),
);
`;

interface WorkerAnswer {
  modules?: [string, CoreModule][];
  error?: string;
  stage?: 'transpile' | 'write';
}

async function prepareInWorker(bytes: Uint8Array, dir: string, options: TranspileOptions): Promise<Map<string, CoreModule>> {
  const { Worker } = await import('node:worker_threads');
  const jcoEntry = createRequire(import.meta.url).resolve('@bytecodealliance/jco');
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: { jcoEntry, bytes, dir, options: JCO_OPTIONS },
    resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? 2048 },
    stdout: true,
    stderr: true,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the transpile worker exited with code ${code}`)));
      if (options.timeoutMs !== undefined) {
        timer = setTimeout(
          () => reject(new Error(`it took longer than ${Math.round(options.timeoutMs as number) / 1000} s`)),
          options.timeoutMs,
        );
      }
      if (options.signal?.aborted) reject(new Error('it was stopped'));
      options.signal?.addEventListener('abort', () => reject(new Error('it was stopped')), { once: true });
    });
    if (answer.error !== undefined || answer.modules === undefined) {
      throw new Error(answer.error ?? 'the transpile worker answered nothing');
    }
    return new Map(answer.modules);
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

async function writeTranspiled(dir: string, files: Record<string, Uint8Array>): Promise<void> {
  // Write into a sibling folder, then rename: concurrent runs never see half a transpile.
  const tmp = `${dir}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  await Promise.all(
    Object.entries(files).map(async ([name, content]) => {
      await mkdir(dirname(join(tmp, name)), { recursive: true });
      await writeFile(join(tmp, name), content);
    }),
  );
  await writeFile(join(tmp, 'package.json'), '{"type":"module"}\n');
  try {
    await rename(tmp, dir);
  } catch (err) {
    // Another process got there first: keep its copy.
    await rm(tmp, { recursive: true, force: true });
    if (!(await exists(join(dir, 'component.js')))) throw err;
  }
}

export async function transpileComponent(bytes: Uint8Array, options: TranspileOptions = {}): Promise<TranspiledComponent> {
  const digest = createHash('sha256').update(bytes).digest('hex');
  // jco's glue code and the shim it talks to change with jco's version: part of the key.
  const dir = join(options.cacheDir ?? defaultTranspileCacheDir(), `${digest}-jco${jcoVersion()}-sync`);
  const entry = join(dir, 'component.js');
  const failed = (err: unknown) =>
    new TranspileError(`jco could not transpile the component (sha256:${digest}): ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  let cores: Map<string, CoreModule>;
  if (options.worker) {
    await mkdir(dirname(dir), { recursive: true });
    try {
      cores = await prepareInWorker(bytes, dir, options);
    } catch (err) {
      throw failed(err);
    }
  } else {
    if (!(await exists(entry))) {
      let files: Record<string, Uint8Array>;
      try {
        ({ files } = await transpile(bytes, JCO_OPTIONS as never));
      } catch (err) {
        throw failed(err);
      }
      await writeTranspiled(dir, files);
    }
    const names = (await readdir(dir)).filter((f) => f.endsWith('.wasm'));
    cores = new Map(await Promise.all(names.map(async (n) => [n, await wasm.compile(await readFile(join(dir, n)))] as const)));
  }
  const mod = (await import(pathToFileURL(entry).href)) as TranspiledModule;
  const getCoreModule = (path: string): CoreModule => {
    const m = cores.get(path);
    if (m === undefined) throw new TranspileError(`jco's output asks for a core module ${path} that is not in ${dir}`);
    return m;
  };
  return {
    digest,
    dir,
    instantiate(imports: ImportObject): InstanceExports {
      try {
        return mod.instantiate(getCoreModule, imports, (m, i) => new wasm.Instance(m, i));
      } catch (err) {
        throw new TranspileError(
          `instantiating the component (sha256:${digest}) failed: ${err instanceof Error ? err.message : String(err)}; ` +
            'every import must be given (see its imports with `flotilla inspect`)',
          { cause: err },
        );
      }
    },
  };
}

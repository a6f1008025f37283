// Builds every component of the e-commerce example into build/<name>.wasm.
//   node examples/ecommerce/build.ts [--force] [name...]
// A component whose inputs (sources, WIT, componentizer version) did not
// change since its last build is reused. Builds run two at a time (the slow
// componentize-js gateway first), which is what a 2-core machine affords.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLES_DIR, SHARED_JS_DIR } from '../lib/example.ts';
import { type BuildResult, buildComponent } from './componentize.ts';
import { componentNamed, components, type ExampleComponent } from './components.ts';
import { stageWit } from './wit-staging.ts';

export const EXAMPLE_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(EXAMPLE_DIR, '..', '..');
export const BUILD_DIR = join(EXAMPLE_DIR, 'build');
export const WIT_SOURCE_DIR = join(REPO_ROOT, 'wit', 'ecommerce');
/** The platform interfaces of wit/ (flotilla:platform: the web frontend, the api-client) the package uses. */
export const WIT_DEPS = { 'flotilla-platform': join(REPO_ROOT, 'wit'), 'flotilla-observe': join(REPO_ROOT, 'wit', 'observe') };

export function componentPath(name: string): string {
  return join(BUILD_DIR, `${name}.wasm`);
}

export interface BuildOptions {
  /** Only these components (default: all). */
  names?: string[] | undefined;
  force?: boolean;
  /** How many componentizer runs at once (default 2). */
  concurrency?: number;
  onBuilt?: (result: BuildResult) => void;
}

async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function buildExample(options: BuildOptions = {}): Promise<BuildResult[]> {
  const selected: ExampleComponent[] = options.names ? options.names.map(componentNamed) : components;
  const witDir = join(BUILD_DIR, 'wit');
  await stageWit(WIT_SOURCE_DIR, witDir, '0.2.10', WIT_DEPS);
  // The slowest first, so that the quick ones fill the other slot meanwhile.
  const ordered = [...selected].sort(
    (a, b) => Number(b.componentizer === 'componentize-js') - Number(a.componentizer === 'componentize-js'),
  );
  const results = await pool(ordered, options.concurrency ?? 2, async (c) => {
    const sourceDir = join(EXAMPLE_DIR, 'services', c.name);
    const result = await buildComponent(
      {
        name: c.name,
        componentizer: c.componentizer,
        entry: join(sourceDir, 'index.js'),
        sourceDir,
        // Components import the shared modules of examples/lib/js by relative path.
        sharedSources: [SHARED_JS_DIR],
        moduleRoot: EXAMPLES_DIR,
        witDir,
        world: c.world,
        wasi: c.wasi ?? false,
        outPath: componentPath(c.name),
      },
      { force: options.force ?? false },
    );
    options.onBuilt?.(result);
    return result;
  });
  const byName = new Map(results.map((r) => [r.name, r]));
  return selected.map((c) => byName.get(c.name) as BuildResult);
}

async function main(argv: string[]): Promise<void> {
  const force = argv.includes('--force');
  const names = argv.filter((a) => !a.startsWith('--'));
  const started = performance.now();
  await buildExample({
    names: names.length > 0 ? names : undefined,
    force,
    onBuilt: (r) => {
      const what = r.cached ? 'up to date' : `built in ${(r.ms / 1000).toFixed(2)} s`;
      process.stdout.write(`${r.name.padEnd(18)} ${(r.size / 1024).toFixed(0).padStart(6)} KiB  ${what}\n`);
    },
  });
  process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(2)} s -> ${BUILD_DIR}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`build failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

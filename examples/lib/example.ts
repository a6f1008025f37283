// What every example platform has in common: a list of components built from
// JavaScript in `<example>/services/<name>/` against a WIT package, cached by
// a hash of their inputs (componentize.ts), published under their seed refs
// into the embedded registry (an OCI image layout per repository under
// `<example>/.flotilla/registry`) or to a registry host, and composed from the
// example's flotilla.yaml.
import { join, resolve } from 'node:path';
import { pushFile } from '../../shared/artifact/operations.ts';
import { parseReference } from '../../shared/oci/reference.ts';
import { type BuildResult, buildComponent, type Componentizer, type WasiMode } from './componentize.ts';
import { stageWit } from './wit-staging.ts';

export const EXAMPLES_DIR = resolve(import.meta.dirname, '..');
export const REPO_ROOT = resolve(EXAMPLES_DIR, '..');
/** Shared JavaScript modules (hashing, signatures) any component may import by relative path. */
export const SHARED_JS_DIR = join(EXAMPLES_DIR, 'lib', 'js');

export interface ExampleComponent {
  /** File name under build/ (`<name>.wasm`) and, unless `source` says otherwise, folder under services/. */
  name: string;
  /** Package name in the WAC file and the composition spec. */
  wacPackage: string;
  /** The seed's OCI reference; none for the local components and the development mocks. */
  ref?: string;
  /** World of the example's WIT package. */
  world: string;
  /** Default componentize-qjs. */
  componentizer?: Componentizer;
  /** Default false: every WASI import stubbed. */
  wasi?: WasiMode;
  /** Folder under services/ (default `name`). */
  source?: string;
}

export interface Example {
  /** `fintech`, `iot-edge`, … */
  name: string;
  /** Absolute folder of the example (flotilla.yaml, services/, build/). */
  dir: string;
  /** The example's own WIT package (a folder of .wit files). */
  witDir: string;
  /** Packages it uses: `deps/<name>/` of the staged WIT. */
  witDeps?: Record<string, string>;
  components: ExampleComponent[];
  /** Folders of JavaScript modules the example's components share (hashed into each build). */
  sharedSources?: string[];
}

export function buildDir(example: Example): string {
  return join(example.dir, 'build');
}

export function componentFile(example: Example, name: string): string {
  return join(buildDir(example), `${name}.wasm`);
}

export function embeddedRegistry(example: Example): string {
  return join(example.dir, '.flotilla', 'registry');
}

export function componentOf(example: Example, name: string): ExampleComponent {
  const c = example.components.find((x) => x.name === name);
  if (c === undefined) {
    throw new Error(`${example.name} has no component named ${name}; known: ${example.components.map((x) => x.name).join(', ')}`);
  }
  return c;
}

export interface BuildOptions {
  /** Only these components (default: all). */
  names?: string[];
  force?: boolean;
  /** How many componentizer runs at once (default 2: the machine has 2 cores). */
  concurrency?: number;
  onBuilt?: (result: BuildResult) => void;
}

export async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
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

/** Builds the example's components into build/<name>.wasm, reusing those whose inputs did not change. */
export async function buildExampleComponents(example: Example, options: BuildOptions = {}): Promise<BuildResult[]> {
  const selected = options.names ? options.names.map((n) => componentOf(example, n)) : example.components;
  const witDir = join(buildDir(example), 'wit');
  await stageWit(example.witDir, witDir, '0.2.10', example.witDeps ?? {});
  return pool(selected, options.concurrency ?? 2, async (c) => {
    const sourceDir = join(example.dir, 'services', c.source ?? c.name);
    const result = await buildComponent(
      {
        name: c.name,
        componentizer: c.componentizer ?? 'componentize-qjs',
        entry: join(sourceDir, 'index.js'),
        sourceDir,
        sharedSources: [SHARED_JS_DIR, ...(example.sharedSources ?? [])],
        moduleRoot: EXAMPLES_DIR,
        witDir,
        world: c.world,
        wasi: c.wasi ?? false,
        outPath: componentFile(example, c.name),
      },
      { force: options.force ?? false },
    );
    options.onBuilt?.(result);
    return result;
  });
}

export interface PublishOptions {
  /** `embedded` (the default) or a registry host such as `127.0.0.1:5000`. */
  target?: string | undefined;
  /** Appended to every tag (`-staging`). */
  tagSuffix?: string | undefined;
  /** The embedded registry folder (default `<example>/.flotilla/registry`). */
  registryDir?: string;
  /** Registry configuration file (credentials), as `flotilla push --registries`. */
  registries?: string;
  env?: NodeJS.ProcessEnv;
  /** Only these components (default: every one with a seed ref). */
  names?: string[];
}

export interface Published {
  name: string;
  ref: string;
  digest: string;
}

/** The target reference of a seed ref (`ghcr.io/bank/core/accounts:v3.0.0`) in the chosen registry. */
export function publishTarget(seedRef: string, target: string, tagSuffix: string, registryDir: string): string {
  const ref = parseReference(seedRef);
  if (ref.kind !== 'registry' || ref.tag === undefined) throw new Error(`seed ref ${seedRef} has no registry and tag`);
  const tag = `${ref.tag}${tagSuffix}`;
  return target === 'embedded' ? `oci:${join(registryDir, ref.repository)}:${tag}` : `${target}/${ref.repository}:${tag}`;
}

/** Pushes every built component that has a seed ref (local components and mocks stay files). */
export async function publishExampleComponents(example: Example, options: PublishOptions = {}): Promise<Published[]> {
  const target = options.target ?? 'embedded';
  const env = options.env ?? process.env;
  const registryDir = options.registryDir ?? embeddedRegistry(example);
  const selected = options.names ? options.names.map((n) => componentOf(example, n)) : example.components;
  return Promise.all(
    selected.flatMap((c) => {
      if (c.ref === undefined) return [];
      const ref = publishTarget(c.ref, target, options.tagSuffix ?? '', registryDir);
      return [
        pushFile(componentFile(example, c.name), ref, {
          cwd: example.dir,
          env,
          registries: options.registries,
        }).then((r) => ({ name: c.name, ref, digest: r.descriptor.digest })),
      ];
    }),
  );
}

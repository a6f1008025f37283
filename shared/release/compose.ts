import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeWasm } from '../component/describe.ts';
import { preloadValidator } from '../component/validate.ts';
import { storeValidationCache } from '../component/validation-cache.ts';
import { NotImplementedError } from '../errors.ts';
import { writeFileAtomically } from '../fs/atomic-write.ts';
import { type Digest, sha256 } from '../oci/digest.ts';
import { cacheDir } from '../oci/open.ts';
import { loadRegistryConfig } from '../registry-config/load.ts';
import type { RegistryConfig } from '../registry-config/types.ts';
import { composeWac, planWac } from '../wac/compose.ts';
import { plug } from '../wac/plug.ts';
import {
  buildLock,
  frozenComponents,
  LOCK_FILE_NAME,
  type LockedComponent,
  type LockFile,
  readLock,
  requireDigests,
  writeLock,
} from './lock.ts';
import { type Plan, resolvePlan } from './plan.ts';
import { type FetchedComponent, fetchComponents } from './pull.ts';
import { registryConfigOf } from './registries.ts';
import { loadSpec } from './spec.ts';
import { compositionEdges, type Edge } from './wiring.ts';

export interface ComposeOptions {
  /** Path of flotilla.yaml. */
  specFile: string;
  environment?: string;
  /** Where to write the component (default `<spec folder>/<name>.wasm`). */
  output?: string;
  /** Lock file (default `flotilla.lock.json` beside the spec). */
  lockFile?: string;
  /** Compose exactly the locked digests; the lock is read, not written. */
  frozen?: boolean;
  /** Validate the composed component (default true). */
  validate?: boolean;
  /** A registry configuration file whose entries come before the spec's own. */
  registries?: string;
  /** Every registry ref goes to this target (`host[:port][/prefix]`, `oci:<dir>` or a registry name of the spec). */
  registryOverride?: string;
  /** Variables for `${VAR}` in the spec, and credentials (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The store (default `storeDir(env)`). */
  storeDir?: string;
  /** Components resolved and pulled at once (default 8). */
  concurrency?: number;
}

/** One component as composed, for outputs and summaries. */
export interface ComposedComponent {
  name: string;
  package: string;
  /** The ref after the environment's overrides, or the local path relative to the spec. */
  source: string;
  /** The spec's registry entry serving the ref, else its host or `oci:` folder; `local` for a file. */
  registry: string;
  /** Manifest digest for a ref, file digest for a local file. */
  digest: Digest;
  /** Size of the component binary. */
  size: number;
  fetched: FetchedComponent['fetched'];
  imports: readonly string[];
  exports: readonly string[];
}

export interface ComposeResult {
  plan: Plan;
  lock: LockFile;
  lockFile: string;
  /** False under `--frozen` (the lock was input). */
  lockWritten: boolean;
  output: string;
  digest: Digest;
  size: number;
  imports: string[];
  exports: string[];
  components: ComposedComponent[];
  /** Which component feeds which import (for the summary's graph). */
  edges: Edge[];
  storeDir: string;
  /** The composed bytes. */
  bytes: Uint8Array;
}

/** The on-disk store (pull cache): `$FLOTILLA_CACHE`, else `$XDG_CACHE_HOME/flotilla/oci`, else `~/.cache/flotilla/oci`. */
export function storeDir(env: NodeJS.ProcessEnv): string {
  return cacheDir(env);
}

/** The spec's remote registries, after those of `--registries` (which win for the hosts they name). */
function registryConfig(plan: Plan, file: string | undefined): RegistryConfig {
  const own = registryConfigOf(plan.registries);
  if (file === undefined) return own;
  return { entries: [...loadRegistryConfig(file).entries, ...own.entries] };
}

/** Composes a spec for an environment; see the module comment. */
export async function composeSpec(options: ComposeOptions): Promise<ComposeResult> {
  const env = options.env ?? process.env;
  const specFile = resolve(options.specFile);
  const spec = loadSpec(specFile);
  const plan = resolvePlan(spec, options.environment, {
    vars: env,
    ...(options.registryOverride !== undefined ? { registryOverride: options.registryOverride } : {}),
  });
  if (plan.policy.requireDigest) requireDigests(plan);
  if (plan.policy.requireSignature || plan.policy.file !== undefined) {
    // The verify step (policy engine over the pulled components' signatures) is not wired into compose yet.
    throw new NotImplementedError(
      `verifying signatures and the policy before composing (${plan.policy.requireSignature ? 'require-signature' : 'policy'} in ${plan.environment !== undefined ? `environment '${plan.environment}'` : 'the spec'})`,
    );
  }
  const lockFile = resolve(options.lockFile ?? join(plan.specDir, LOCK_FILE_NAME));
  let locked: Map<string, LockedComponent> | undefined;
  let lock: LockFile | undefined;
  if (options.frozen) {
    lock = readLock(lockFile);
    locked = new Map(frozenComponents(plan, lock, lockFile).map((f) => [f.component.name, f.locked]));
  }
  const store = resolve(options.storeDir ?? storeDir(env));
  // what this store's components were validated for (their core modules are the composition's)
  const validationCache = storeValidationCache(store);
  // A store that never validated is cold: everything is pulled, and the validator loads and warms up
  // while the pulls wait on the network. From a warm store the pulls are short and the validation
  // may find the output cached; there the preload costs more main-thread time than it hides
  // (bench/compose-platform.ts).
  if (options.validate !== false && validationCache.isEmpty()) preloadValidator();
  const fetched = await fetchComponents(plan.components, {
    storeDir: store,
    registries: registryConfig(plan, options.registries !== undefined ? resolve(options.registries) : undefined),
    env,
    ...(locked !== undefined ? { locked } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });

  const validate = options.validate !== false;
  let bytes: Uint8Array;
  let edges: Edge[];
  if (plan.composition.kind === 'wac') {
    const source = { file: plan.composition.file, text: readFileSync(plan.composition.file, 'utf8') };
    const packages = fetched.map((f) => ({
      name: f.component.package,
      ...(f.component.version !== undefined ? { version: f.component.version } : {}),
      bytes: f.bytes,
    }));
    bytes = await composeWac(source, packages, { validate, validationCache });
    edges = compositionEdges(planWac(source, packages), fetched);
  } else {
    const byName = new Map(fetched.map((f) => [f.component.name, f]));
    const socket = byName.get(plan.composition.socket) as FetchedComponent;
    const plugs = plan.composition.plugs.map((n) => byName.get(n) as FetchedComponent);
    bytes = await plug(
      socket.bytes,
      plugs.map((p) => p.bytes),
      { validate, validationCache },
    );
    edges = plugEdges(socket, plugs);
  }

  const output = resolve(options.output ?? join(plan.specDir, `${plan.name}.wasm`));
  await writeFileAtomically(output, bytes, { createFolder: true });
  if (lock === undefined) {
    lock = buildLock(
      plan,
      fetched.map((f) => f.resolved),
    );
    writeLock(lockFile, lock);
  }
  const { imports, exports } = describeWasm(bytes);
  return {
    plan,
    lock,
    lockFile,
    lockWritten: !options.frozen,
    output,
    digest: sha256(bytes),
    size: bytes.length,
    imports,
    exports,
    components: fetched.map((f) => ({
      name: f.component.name,
      package: f.component.package,
      source: f.component.source.kind === 'ref' ? f.component.source.text : f.component.source.relative,
      registry:
        f.component.source.kind === 'path'
          ? 'local'
          : (f.component.registry ?? (f.component.source.ref.kind === 'registry' ? f.component.source.ref.registry : 'oci')),
      digest: f.resolved.digest,
      size: f.bytes.length,
      fetched: f.fetched,
      imports: f.resolved.imports,
      exports: f.resolved.exports,
    })),
    edges,
    storeDir: store,
    bytes,
  };
}

/** Plug mode: each plug feeds the socket's imports it exports. */
function plugEdges(socket: FetchedComponent, plugs: FetchedComponent[]): Edge[] {
  const wanted = new Set(socket.resolved.imports);
  return plugs.flatMap((p) =>
    p.resolved.exports.filter((e) => wanted.has(e)).map((e) => ({ from: p.component.name, to: socket.component.name, import: e })),
  );
}

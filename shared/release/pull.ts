/**
 * Resolve and pull the components of a plan through the on-disk store: one
 * OCI image layout used as a content-addressed cache (every artifact kept by
 * digest, untagged). A manifest the store already holds is not fetched again;
 * resolution and pulls run concurrently.
 */
import { readFile } from 'node:fs/promises';
import { pullWasmArtifact } from '../artifact/wasm-artifact.ts';
import { describeWasm } from '../component/describe.ts';
import { checkWasmBinary } from '../component/wasm-file.ts';
import { formatOrigin, type Origin } from '../config/origin.ts';
import { errorMessage, FlotillaError } from '../errors.ts';
import { Copier } from '../oci/copy.ts';
import { type Digest, sha256 } from '../oci/digest.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import { MediaType } from '../oci/media-types.ts';
import type { Reference } from '../oci/reference.ts';
import { createPool } from '../oci/remote/pool.ts';
import type { ContentStore } from '../oci/store.ts';
import { withTagHint } from '../oci/tag-not-found.ts';
import type { Descriptor } from '../oci/types.ts';
import { Stores } from '../registry-config/stores.ts';
import type { RegistryConfig } from '../registry-config/types.ts';
import type { LockedComponent, ResolvedComponent } from './lock.ts';
import type { PlannedComponent } from './plan.ts';

/** How a component's bytes were obtained. */
export type Fetched = 'local' | 'cache' | 'pull';

/** A component ready to compose: its bytes and what the lock records. */
export interface FetchedComponent {
  component: PlannedComponent;
  bytes: Uint8Array;
  resolved: ResolvedComponent;
  fetched: Fetched;
}

/** A component could not be resolved or pulled. Code `COMPOSE_PULL`. */
export class PullError extends FlotillaError {
  /** The spec line of the component. */
  readonly origin: Origin | undefined;
  constructor(message: string, options?: { cause?: unknown; origin?: Origin }) {
    super('COMPOSE_PULL', message, options);
    this.origin = options?.origin;
  }
}

/** A local file does not have the digest the lock records (`--frozen`). Code `LOCK_FROZEN_MISMATCH`. */
export class FrozenFileError extends FlotillaError {
  readonly origin: Origin;
  constructor(origin: Origin, message: string) {
    super('LOCK_FROZEN_MISMATCH', message);
    this.origin = origin;
  }
}

export interface PullOptions {
  /** Folder of the store (an OCI image layout). */
  storeDir: string;
  /** Credentials and transport per registry host. */
  registries: RegistryConfig;
  env: NodeJS.ProcessEnv;
  /** With `--frozen`: the locked entry of each component, by name. */
  locked?: ReadonlyMap<string, LockedComponent> | undefined;
  /** Components resolved and pulled at once (default 8). */
  concurrency?: number | undefined;
  /** The stores to share with the caller (registry connections, tokens); default: opened from `registries`. */
  stores?: Stores;
}

function targetOf(ref: Reference): string {
  const t = ref.digest ?? ref.tag;
  if (t === undefined) throw new PullError(`'${ref.kind === 'layout' ? `oci:${ref.path}` : ref.repository}' names no tag or digest`);
  return t;
}

/** Resolves, pulls (through the store) and describes every planned component, in plan order. */
export async function fetchComponents(components: readonly PlannedComponent[], options: PullOptions): Promise<FetchedComponent[]> {
  const store = new LayoutStore(options.storeDir);
  const stores = options.stores ?? new Stores({ config: options.registries, env: options.env });
  const open = (ref: Reference): Promise<ContentStore> => stores.open(ref);
  const limiter = createPool(options.concurrency ?? 8);
  return Promise.all(
    components.map((c) =>
      limiter.run(async () => {
        try {
          return await fetchOne(c, store, open, options.locked?.get(c.name));
        } catch (err) {
          if (err instanceof FrozenFileError) throw err;
          const what = c.source.kind === 'ref' ? c.source.text : c.source.relative;
          throw new PullError(`${formatOrigin(c.origin)}: component '${c.name}' (${what}): ${errorMessage(err)}`, {
            cause: err,
            origin: c.origin,
          });
        }
      }),
    ),
  );
}

async function fetchOne(
  c: PlannedComponent,
  store: LayoutStore,
  open: (ref: Reference) => Promise<ContentStore>,
  locked: LockedComponent | undefined,
): Promise<FetchedComponent> {
  if (c.source.kind === 'path') {
    const bytes = new Uint8Array(await readFile(c.source.path));
    checkWasmBinary(bytes, c.source.relative);
    const digest = sha256(bytes);
    if (locked !== undefined && locked.digest !== digest) {
      throw new FrozenFileError(
        c.origin,
        `${formatOrigin(c.origin)}: --frozen: '${c.source.relative}' of component '${c.name}' is ${digest}, the lock says ${locked.digest}; rebuild the file the lock was made from, or compose without --frozen to update the lock`,
      );
    }
    const { imports, exports } = describeWasm(bytes);
    return {
      component: c,
      bytes,
      fetched: 'local',
      resolved: { name: c.name, digest, size: bytes.length, mediaType: MediaType.Wasm, imports, exports },
    };
  }
  const ref = c.source.ref;
  const source = await open(ref);
  let descriptor: Descriptor;
  if (locked !== undefined) descriptor = { mediaType: locked.mediaType, digest: locked.digest as Digest, size: locked.size };
  else if (ref.digest !== undefined)
    descriptor = (await store.resolve(ref.digest).catch(() => undefined)) ?? (await source.resolve(ref.digest));
  else {
    // a tag can move: ask its registry every time
    const tag = targetOf(ref);
    descriptor = await withTagHint(source, tag, () => source.resolve(tag));
  }
  let fetched: Fetched = 'cache';
  if (!(await store.exists(descriptor))) {
    descriptor = (await new Copier(source, store).copy(descriptor.digest, null)).descriptor;
    fetched = 'pull';
  }
  const pulled = await pullWasmArtifact(store, descriptor);
  const { imports, exports } = describeWasm(pulled.wasm);
  return {
    component: c,
    bytes: pulled.wasm,
    fetched,
    resolved: {
      name: c.name,
      digest: pulled.descriptor.digest,
      size: pulled.descriptor.size,
      mediaType: pulled.descriptor.mediaType,
      layer: { digest: pulled.layer.digest, size: pulled.layer.size, mediaType: pulled.layer.mediaType },
      imports,
      exports,
    },
  };
}

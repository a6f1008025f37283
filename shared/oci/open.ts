import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { NotImplementedError } from '../errors.ts';
import { LayoutStore } from './layout/store.ts';
import type { Reference, RegistryReference } from './reference.ts';
import type { ContentStore } from './store.ts';

export interface OpenStoreOptions {
  /** Folder relative layout paths are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Registry configuration file (`--registries`); else `FLOTILLA_REGISTRIES`. */
  registries?: string;
}

/**
 * Opens the store a reference names: an OCI image layout for `oci:<dir>`,
 * a repository of a remote registry otherwise (loaded on demand, so that
 * commands working on layouts do not load the HTTP stack).
 */
export async function openStore(ref: Reference, opts: OpenStoreOptions): Promise<ContentStore> {
  if (ref.kind === 'layout') return new LayoutStore(resolve(opts.cwd, ref.path));
  return openRemote(ref, opts);
}

/** Registries opened in this process, by host: repositories of one host share connections, tokens and mount sources. */
const registries = new Map<string, Promise<import('./remote/registry.ts').RemoteRegistry>>();

async function openRemote(ref: RegistryReference, opts: OpenStoreOptions): Promise<ContentStore> {
  const configFile = opts.registries ?? opts.env.FLOTILLA_REGISTRIES;
  if (configFile) {
    // TODO(issue #4, oci-remote): open through the registry configuration once its parser and factory land
    throw new NotImplementedError('registry configuration (--registries / FLOTILLA_REGISTRIES)');
  }
  let registry = registries.get(ref.registry);
  if (!registry) {
    registry = import('./remote/registry.ts').then(({ RemoteRegistry }) => new RemoteRegistry({ host: ref.registry }));
    registries.set(ref.registry, registry);
  }
  return (await registry).repository(ref.repository);
}

/** The tag or digest a reference names inside its store, if any (the digest wins). */
export function referenceTarget(ref: Reference): string | undefined {
  return ref.digest ?? ref.tag;
}

/**
 * The pull cache: an OCI image layout shared by every pull of the machine,
 * keyed by digest. `FLOTILLA_CACHE`, else `$XDG_CACHE_HOME/flotilla/oci`,
 * else `~/.cache/flotilla/oci`.
 */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.FLOTILLA_CACHE) return resolve(env.FLOTILLA_CACHE);
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'flotilla', 'oci');
}

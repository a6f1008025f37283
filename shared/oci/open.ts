import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
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

/** The registry clients of this process, by configuration source: repositories of one host share connections, tokens and mount sources. */
const clientsBySource = new Map<string, Promise<import('../registry-config/open.ts').RegistryClients>>();

async function openRemote(ref: RegistryReference, opts: OpenStoreOptions): Promise<ContentStore> {
  const file = opts.registries !== undefined ? resolve(opts.cwd, opts.registries) : undefined;
  const fromEnv = opts.env.FLOTILLA_REGISTRIES;
  const key = file !== undefined ? `file:${file}` : fromEnv ? `env:${fromEnv}` : 'none';
  let clients = clientsBySource.get(key);
  if (!clients) {
    clients = (async () => {
      const [{ RegistryClients }, { httpTransport }] = await Promise.all([
        import('../registry-config/open.ts'),
        import('./http-transport.ts'),
      ]);
      // the YAML and schema stack loads only when there is a configuration to read
      const config =
        key === 'none'
          ? { entries: [] }
          : (await import('../registry-config/load.ts')).resolveRegistryConfig({ ...(file !== undefined ? { file } : {}), env: opts.env });
      // node:http rather than fetch: a short-lived CLI process does not pay for loading undici
      return new RegistryClients(config, { env: opts.env, transport: httpTransport() });
    })();
    clientsBySource.set(key, clients);
    clients.catch(() => clientsBySource.delete(key));
  }
  return (await clients).repository(ref);
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

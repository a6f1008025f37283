import { resolve } from 'node:path';
import { LayoutStore } from '../oci/layout/store.ts';
import type { Reference, RegistryReference } from '../oci/reference.ts';
import type { ContentStore } from '../oci/store.ts';

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
const clientsBySource = new Map<string, Promise<import('./open.ts').RegistryClients>>();

async function openRemote(ref: RegistryReference, opts: OpenStoreOptions): Promise<ContentStore> {
  const file = opts.registries !== undefined ? resolve(opts.cwd, opts.registries) : undefined;
  const fromEnv = opts.env.FLOTILLA_REGISTRIES;
  const key = file !== undefined ? `file:${file}` : fromEnv ? `env:${fromEnv}` : 'none';
  let clients = clientsBySource.get(key);
  if (!clients) {
    clients = (async () => {
      const [{ RegistryClients }, { httpTransport }] = await Promise.all([import('./open.ts'), import('../transport/http-transport.ts')]);
      // the YAML and schema stack loads only when there is a configuration to read
      const config =
        key === 'none'
          ? { entries: [] }
          : (await import('./load.ts')).resolveRegistryConfig({ ...(file !== undefined ? { file } : {}), env: opts.env });
      // node:http rather than fetch: a short-lived CLI process does not pay for loading undici
      return new RegistryClients(config, { env: opts.env, transport: httpTransport() });
    })();
    clientsBySource.set(key, clients);
    clients.catch(() => clientsBySource.delete(key));
  }
  return (await clients).repository(ref);
}

import { resolve } from 'node:path';
import { LayoutStore } from '../oci/layout/store.ts';
import { parseReference, type Reference, type RegistryReference } from '../oci/reference.ts';
import type { RemoteRepository } from '../oci/remote/repository.ts';
import type { ContentStore } from '../oci/store.ts';
import type { ClientOptions, RegistryClients } from './open.ts';
import type { RegistryConfig } from './types.ts';

export interface StoresOptions {
  /** Folder relative layout paths (and `registries`) are resolved against; default the process's. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The registry configuration, when the caller has it (a spec's registries, a loaded file). */
  config?: RegistryConfig;
  /**
   * Else: the registry configuration file (`--registries`), read on the first
   * remote store; else `FLOTILLA_REGISTRIES`; else none (defaults per host).
   */
  registries?: string | undefined;
  /**
   * Client tuning (tests and benchmarks). Default transport: `fetch` with a
   * `config`; the `node:http` transport when the configuration is read here
   * (the CLI's way: a short-lived process does not pay for loading undici).
   */
  client?: ClientOptions;
}

/** What the commands that only name stores by reference accept: the stores to use, or what to open them from. */
export interface OpenStoreOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Registry configuration file (`--registries`); else `FLOTILLA_REGISTRIES`. Ignored with `stores`. */
  registries?: string | undefined;
  /** The stores of the command (shared connections, tokens and mount sources); default: opened from the above. */
  stores?: Stores;
}

/**
 * The stores of one command: it opens the store a reference names (an OCI
 * image layout for `oci:<dir>`, a repository of a remote registry
 * otherwise) with the registry clients of that command, one per host, so that
 * every repository of a host shares connections, tokens and known blob
 * locations (a copy between two repositories of a registry mounts instead of
 * uploading). Commands create one and pass it down; there is no process-wide
 * cache. The HTTP stack, and the YAML stack of a registry file, load on the
 * first remote store only.
 */
export class Stores {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  private readonly options: StoresOptions;
  private clientsPromise: Promise<RegistryClients> | undefined;

  constructor(options: StoresOptions = {}) {
    this.options = options;
    this.cwd = options.cwd ?? process.cwd();
    this.env = options.env ?? process.env;
  }

  /** The stores of `opts.stores`, else new ones for its configuration. */
  static of(opts: OpenStoreOptions): Stores {
    return opts.stores ?? new Stores({ cwd: opts.cwd, env: opts.env, registries: opts.registries });
  }

  /** The registry clients (one per host), created on first use. */
  clients(): Promise<RegistryClients> {
    if (!this.clientsPromise) {
      const created = this.createClients();
      this.clientsPromise = created;
      // a configuration that failed to load is read again next time
      created.catch(() => {
        if (this.clientsPromise === created) this.clientsPromise = undefined;
      });
    }
    return this.clientsPromise;
  }

  private async createClients(): Promise<RegistryClients> {
    const { RegistryClients } = await import('./open.ts');
    const { config, registries, client } = this.options;
    if (config) return new RegistryClients(config, { env: this.env, ...client });
    const file = registries !== undefined ? resolve(this.cwd, registries) : undefined;
    // the YAML and schema stack loads only when there is a configuration to read
    const loaded =
      file === undefined && !this.env.FLOTILLA_REGISTRIES
        ? { entries: [] }
        : (await import('./load.ts')).resolveRegistryConfig({ file, env: this.env });
    const transport = client?.transport ?? (await import('../transport/http-transport.ts')).httpTransport();
    return new RegistryClients(loaded, { env: this.env, ...client, transport });
  }

  /** The repository of a registry reference (`ghcr.io/a/b:tag`, or parsed). */
  async repository(ref: string | RegistryReference): Promise<RemoteRepository> {
    return (await this.clients()).repository(ref);
  }

  /** The store `ref` names; a relative layout path is resolved against `baseDir` (default: `cwd`). */
  async open(ref: Reference | string, baseDir: string = this.cwd): Promise<ContentStore> {
    const parsed = typeof ref === 'string' ? parseReference(ref) : ref;
    if (parsed.kind === 'layout') return new LayoutStore(resolve(baseDir, parsed.path));
    return this.repository(parsed);
  }
}

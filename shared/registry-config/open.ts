import { TokenCache } from '../auth/token-cache.ts';
import { UsageError } from '../errors.ts';
import { parseReference, type RegistryReference } from '../oci/reference.ts';
import { RemoteRegistry, type RemoteRegistryOptions } from '../oci/remote/registry.ts';
import type { RemoteRepository } from '../oci/remote/repository.ts';
import { credentialFor } from './credentials.ts';
import { findRegistryEntry } from './host-match.ts';
import type { RegistryConfig, RegistryEntry } from './types.ts';

/** Options for the clients a configuration opens (tests and the benchmark tune them). */
export type ClientOptions = Omit<RemoteRegistryOptions, 'host' | 'insecure' | 'credential' | 'tokenCache'> & {
  env?: NodeJS.ProcessEnv;
};

/** The entry that applies to `host`: the configured one, or the default (Docker config, GITHUB_TOKEN for ghcr.io). */
export function registryEntryFor(config: RegistryConfig, host: string): RegistryEntry {
  return (
    findRegistryEntry(config, host) ?? {
      name: host,
      host,
      protocol: 'oci',
      insecure: false,
      auth: { type: 'default' },
      source: 'default',
    }
  );
}

/**
 * The registries of one process: one RemoteRegistry per host (so that
 * connections, tokens and known blob locations are shared between its
 * repositories), authenticated as the configuration says.
 */
export class RegistryClients {
  readonly config: RegistryConfig;
  private readonly options: ClientOptions;
  private readonly registries = new Map<string, RemoteRegistry>();
  private readonly tokens = new TokenCache();

  constructor(config: RegistryConfig = { entries: [] }, options: ClientOptions = {}) {
    this.config = config;
    this.options = options;
  }

  /** The client of a registry host (`ghcr.io`, `127.0.0.1:5000`). */
  registry(host: string): RemoteRegistry {
    let r = this.registries.get(host);
    if (!r) {
      const entry = registryEntryFor(this.config, host);
      const { env, ...rest } = this.options;
      const where = entry.source === 'default' ? `registry ${host}` : `registry '${entry.name}' (${entry.source})`;
      r = new RemoteRegistry({
        ...rest,
        host,
        insecure: entry.insecure,
        ...(entry.tokenRealms ? { tokenRealms: entry.tokenRealms } : {}),
        credential: () => credentialFor(entry.auth, host, where, env ?? process.env),
        tokenCache: this.tokens,
      });
      this.registries.set(host, r);
    }
    return r;
  }

  /** The repository of a reference (`ghcr.io/a/b:tag`, or a parsed registry reference). */
  repository(ref: string | RegistryReference): RemoteRepository {
    const parsed = typeof ref === 'string' ? parseReference(ref) : ref;
    if (parsed.kind !== 'registry')
      throw new UsageError(`'${typeof ref === 'string' ? ref : ''}' is an OCI layout, not a registry reference`);
    return this.registry(parsed.registry).repository(parsed.repository);
  }
}

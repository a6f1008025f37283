import { withAuth } from '../../auth/authenticator.ts';
import type { Credential } from '../../auth/credentials.ts';
import { ANONYMOUS } from '../../auth/credentials.ts';
import { TokenCache } from '../../auth/token-cache.ts';
import { isLoopbackHost } from '../../transport/loopback.ts';
import { DEFAULT_BODY_DEADLINE_MS, fetchTransport, type Transport } from '../../transport/transport.ts';
import type { Digest } from '../digest.ts';
import { type RetryOptions, withRetry } from '../retry.ts';
import { RemoteRepository } from './repository.ts';

export interface RemoteRegistryOptions {
  /** Registry host as written in references: `ghcr.io`, `127.0.0.1:5000`, `docker.io`. */
  host: string;
  /** Plain HTTP for a host that is not loopback (loopback hosts always use HTTP). */
  insecure?: boolean;
  /** Credentials, or a function that finds them on first use; anonymous when absent. */
  credential?: Credential | (() => Promise<Credential>);
  /** Token cache shared between registries of one process. */
  tokenCache?: TokenCache;
  /** The base transport (default: Node's fetch with keep-alive). */
  transport?: Transport;
  /** Retry policy of the retry layer; `false` for none. */
  retry?: RetryOptions | false;
  /** Timeout of every request (until headers, and between two body chunks). Default 30 s. */
  timeoutMs?: number;
  /**
   * Deadline of a whole response body (manifests, lists, tokens, errors), from
   * its headers to its last byte. Default 120 s. Blob bodies get at least
   * this, more for large blobs (as if read at 64 KiB/s).
   */
  bodyDeadlineMs?: number;
  /** Blobs larger than this are uploaded in chunks (PATCH). Default 16 MiB. */
  chunkThreshold?: number;
  /** Size of upload chunks (raised to the registry's OCI-Chunk-Min-Length). Default 8 MiB. */
  chunkSize?: number;
  /** Largest blob `fetch()` buffers whole (use `fetchStream` above). Default 512 MiB. */
  blobBufferLimit?: number;
  /** Token realms on another host than the registry that may receive its credentials (origins or host names). */
  tokenRealms?: readonly string[];
  /** Referrers: ask the API first (`auto`), or always use the tag schema. Default `auto`. */
  referrers?: 'auto' | 'tag-schema';
}

export { hostName, isLoopbackHost } from '../../transport/loopback.ts';

/** The base URL of the registry API for a host (`docker.io` is served by `registry-1.docker.io`). */
export function registryBaseUrl(host: string, insecure = false): URL {
  const apiHost = host === 'docker.io' || host === 'index.docker.io' ? 'registry-1.docker.io' : host;
  const plain = isLoopbackHost(host) || insecure;
  return new URL(`${plain ? 'http' : 'https'}://${apiHost}`);
}

/** What a registry is known to do for referrers (OCI distribution 1.1). */
export type ReferrersSupport = 'unknown' | 'api' | 'tag-schema';

/** The settings every repository of a registry reads. */
export interface RegistrySettings {
  chunkThreshold: number;
  chunkSize: number;
  blobBufferLimit: number;
  manifestLimit: number;
  /** Deadline of a whole response body (see RemoteRegistryOptions.bodyDeadlineMs). */
  bodyDeadlineMs: number;
  referrers: 'auto' | 'tag-schema';
  retry: RetryOptions | false;
}

/** Manifests larger than this are refused (the distribution spec's recommended minimum). */
export const MANIFEST_LIMIT = 4 * 1024 * 1024;

/**
 * One registry host: its transport stack (fetch with keep-alive, retries,
 * authentication), the settings of its repositories, and what it learned
 * (where blobs already are, for cross-repository mounts; whether it has the
 * referrers API). Repositories are made with `repository(name)`.
 */
export class RemoteRegistry {
  readonly host: string;
  readonly baseUrl: URL;
  readonly transport: Transport;
  readonly settings: RegistrySettings;
  /** Known repositories holding a blob, for `?mount=&from=`. */
  private readonly blobHomes = new Map<Digest, Set<string>>();
  /** Whether the registry has the referrers API: set once, from the first answer that tells. */
  #referrers: ReferrersSupport = 'unknown';
  /** Serialises the updates of one referrers tag-schema index (by repository and subject). */
  private readonly indexLocks = new Map<string, Promise<unknown>>();

  constructor(opts: RemoteRegistryOptions) {
    this.host = opts.host;
    this.baseUrl = registryBaseUrl(opts.host, opts.insecure ?? false);
    const base =
      opts.transport ??
      fetchTransport({
        ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.bodyDeadlineMs !== undefined ? { deadlineMs: opts.bodyDeadlineMs } : {}),
      });
    const retried = opts.retry === false ? base : withRetry(base, opts.retry ?? {});
    this.transport = withAuth(retried, {
      host: opts.host,
      credential: opts.credential ?? ANONYMOUS,
      cache: opts.tokenCache ?? new TokenCache(),
      allowHttpRealm: this.baseUrl.protocol === 'http:',
      origin: this.baseUrl,
      ...(opts.tokenRealms ? { tokenRealms: opts.tokenRealms } : {}),
    });
    this.settings = {
      chunkThreshold: opts.chunkThreshold ?? 16 * 1024 * 1024,
      chunkSize: opts.chunkSize ?? 8 * 1024 * 1024,
      blobBufferLimit: opts.blobBufferLimit ?? 512 * 1024 * 1024,
      manifestLimit: MANIFEST_LIMIT,
      bodyDeadlineMs: opts.bodyDeadlineMs ?? DEFAULT_BODY_DEADLINE_MS,
      referrers: opts.referrers ?? 'auto',
      retry: opts.retry ?? {},
    };
    if (this.settings.referrers === 'tag-schema') this.#referrers = 'tag-schema';
  }

  /** What is known of the referrers API: `api`, `tag-schema` (none: the tag schema is used), or `unknown` until a request tells. */
  get referrersSupport(): ReferrersSupport {
    return this.#referrers;
  }

  /** Records what a response showed of the referrers API; the first answer stands. */
  learnReferrers(support: 'api' | 'tag-schema'): void {
    if (this.#referrers === 'unknown') this.#referrers = support;
  }

  /** Runs `update` after every earlier update of the same `key` (one referrers index) has settled. */
  async withIndexLock<T>(key: string, update: () => Promise<T>): Promise<T> {
    const previous = this.indexLocks.get(key) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(update);
    this.indexLocks.set(key, run);
    try {
      return await run;
    } finally {
      if (this.indexLocks.get(key) === run) this.indexLocks.delete(key);
    }
  }

  repository(name: string): RemoteRepository {
    return new RemoteRepository(this, name);
  }

  /** Records that `repository` of this registry holds blob `digest` (a mount source). */
  noteBlob(digest: Digest, repository: string): void {
    let homes = this.blobHomes.get(digest);
    if (!homes) {
      homes = new Set();
      this.blobHomes.set(digest, homes);
    }
    homes.add(repository);
  }

  /** Repositories other than `except` known to hold `digest`. */
  blobSources(digest: Digest, except: string): string[] {
    return [...(this.blobHomes.get(digest) ?? [])].filter((r) => r !== except);
  }
}

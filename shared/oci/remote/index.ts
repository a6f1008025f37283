export * from '../../transport/errors.ts';
export { DEFAULT_TIMEOUT_MS, fetchTransport, type HttpMethod, type HttpRequest, type Transport } from '../../transport/transport.ts';
export { createPool, mapPool, type Pool } from './pool.ts';
export {
  hostName,
  isLoopbackHost,
  MANIFEST_LIMIT,
  RemoteRegistry,
  type RemoteRegistryOptions,
  registryBaseUrl,
} from './registry.ts';
export { nextLink, type PushBlobOptions, RemoteRepository, referrersTag } from './repository.ts';

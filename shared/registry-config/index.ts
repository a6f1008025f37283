export { credentialFor, MissingCredentialError } from './credentials.ts';
export { findRegistryEntry, matchHost } from './host-match.ts';
export {
  loadRegistryConfig,
  parseRegistryConfig,
  REGISTRIES_ENV,
  registryConfigFromEnvValue,
  registryConfigFromYaml,
  resolveRegistryConfig,
} from './load.ts';
export { type ClientOptions, RegistryClients, registryEntryFor } from './open.ts';
export { ELLIPSIS, parseRegistryString } from './seed-string.ts';
export { type OpenStoreOptions, Stores, type StoresOptions } from './stores.ts';
export { AUTH_TYPES, type AuthConfig, type AuthType, type RegistryConfig, type RegistryEntry } from './types.ts';

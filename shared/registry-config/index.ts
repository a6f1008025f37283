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
export { type ClientOptions, openRemote, RegistryClients, registryEntryFor } from './open.ts';
export { ELLIPSIS, parseRegistryString } from './seed-string.ts';
export { AUTH_TYPES, type AuthConfig, type AuthType, type RegistryConfig, type RegistryEntry } from './types.ts';

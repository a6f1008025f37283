export { type AuthOptions, withAuth } from './authenticator.ts';
export { CredentialHelperError, credentialFromHelper } from './credential-helper.ts';
export {
  ANONYMOUS,
  basicCredential,
  bearerCredential,
  type Credential,
  type CredentialProvider,
  describeCredential,
  refreshTokenCredential,
} from './credentials.ts';
export {
  credentialFromDockerConfig,
  type DockerConfig,
  DockerConfigError,
  dockerConfigPath,
  dockerServerUrl,
  readDockerConfig,
} from './docker-config.ts';
export { onSecret, redact, registerBasicSecret, registerSecret, type SecretHook } from './secrets.ts';
export { type CachedToken, TokenCache } from './token-cache.ts';
export { type Challenge, challengeScopes, parseWwwAuthenticate } from './www-authenticate.ts';

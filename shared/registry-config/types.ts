/**
 * How Flotilla finds credentials for a registry. Fields ending in `Env`
 * name environment variables: a configuration never holds a secret itself.
 *
 * - `default`: GITHUB_TOKEN for ghcr.io when set, else Docker's config.json
 *   (auths, credsStore, credHelpers), else anonymous.
 * - `anonymous`: no credentials.
 * - `basic`: user name (`username` or `usernameEnv`) and password
 *   (`passwordEnv`); with neither, the Docker config's credentials for the host.
 * - `bearer`: a registry access token (`tokenEnv`) sent as `Authorization: Bearer`.
 * - `env`: a token (`tokenEnv`) used as the password of the registry's login
 *   (basic, or exchanged at the token realm), user name from `usernameEnv`,
 *   else GITHUB_ACTOR (ghcr.io), DOCKER_USERNAME (docker.io) or `flotilla`.
 *   When the variable is unset, the `default` chain applies.
 * - `oauth`: an OAuth2 refresh token (`refreshTokenEnv`, as Docker's
 *   `identitytoken`) posted to the token realm; with no variable, the Docker
 *   config's credentials for the host (cloud login actions leave them there).
 * - `docker-config`: Docker's config.json (`configPath`, default
 *   $DOCKER_CONFIG/config.json or ~/.docker/config.json).
 */
export type AuthConfig =
  | { type: 'default' }
  | { type: 'anonymous' }
  | { type: 'basic'; username?: string; usernameEnv?: string; passwordEnv?: string }
  | { type: 'bearer'; tokenEnv: string }
  | { type: 'env'; tokenEnv: string; usernameEnv?: string }
  | { type: 'oauth'; refreshTokenEnv?: string; clientId?: string }
  | { type: 'docker-config'; configPath?: string };

export type AuthType = AuthConfig['type'];

export const AUTH_TYPES: readonly AuthType[] = ['default', 'anonymous', 'basic', 'bearer', 'env', 'oauth', 'docker-config'];

/** One registry of the configuration. */
export interface RegistryEntry {
  name: string;
  /** `host[:port]`, or a wildcard `*.azurecr.io` (`*` is one DNS label). */
  host: string;
  protocol: 'oci';
  /** Plain HTTP for a host that is not loopback (loopback hosts always use HTTP). */
  insecure: boolean;
  /** Token realms on another host that may receive the credentials (origins or host names). */
  tokenRealms?: string[];
  auth: AuthConfig;
  /** Where the entry was written, for messages: `registries.yaml:4:5`, `FLOTILLA_REGISTRIES`. */
  source: string;
}

export interface RegistryConfig {
  entries: RegistryEntry[];
}

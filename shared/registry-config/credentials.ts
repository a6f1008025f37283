import { ANONYMOUS, basicCredential, bearerCredential, type Credential, refreshTokenCredential } from '../auth/credentials.ts';
import { credentialFromDockerConfig } from '../auth/docker-config.ts';
import { FlotillaError } from '../errors.ts';
import type { AuthConfig } from './types.ts';

export class MissingCredentialError extends FlotillaError {
  constructor(message: string) {
    super('CREDENTIALS_MISSING', message);
  }
}

/** Default user name to pair with a token for `host`. */
function defaultUsername(host: string, env: NodeJS.ProcessEnv): string {
  if (host === 'ghcr.io') return env.GITHUB_ACTOR || 'flotilla';
  if (host === 'docker.io') return env.DOCKER_USERNAME || 'flotilla';
  return 'flotilla';
}

async function defaultChain(host: string, env: NodeJS.ProcessEnv, configPath?: string): Promise<Credential> {
  if (host === 'ghcr.io' && env.GITHUB_TOKEN) return basicCredential(defaultUsername(host, env), env.GITHUB_TOKEN);
  return (await credentialFromDockerConfig(host, { env, ...(configPath ? { path: configPath } : {}) })) ?? ANONYMOUS;
}

/**
 * The credential an auth configuration gives for `host` (resolved lazily:
 * helpers run only when the registry is contacted). `where` names the entry
 * for messages. Secrets are registered as they are read.
 */
export async function credentialFor(
  auth: AuthConfig,
  host: string,
  where: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Credential> {
  const read = (name: string, what: string): string => {
    const v = env[name];
    if (!v) throw new MissingCredentialError(`${where}: the ${what} for ${host} is read from $${name}, which is not set`);
    return v;
  };
  switch (auth.type) {
    case 'anonymous':
      return ANONYMOUS;
    case 'default':
      return defaultChain(host, env);
    case 'docker-config':
      return (await credentialFromDockerConfig(host, { env, ...(auth.configPath ? { path: auth.configPath } : {}) })) ?? ANONYMOUS;
    case 'basic': {
      if (!auth.passwordEnv) {
        const c = await credentialFromDockerConfig(host, { env });
        if (!c)
          throw new MissingCredentialError(
            `${where}: basic credentials for ${host} are expected in Docker's config.json (docker login ${host}), none found`,
          );
        return c;
      }
      const username = auth.username ?? read(auth.usernameEnv ?? '', 'user name');
      return basicCredential(username, read(auth.passwordEnv, 'password'));
    }
    case 'bearer':
      return bearerCredential(read(auth.tokenEnv, 'token'));
    case 'env': {
      const token = env[auth.tokenEnv];
      if (!token) return defaultChain(host, env);
      const username = auth.usernameEnv ? read(auth.usernameEnv, 'user name') : defaultUsername(host, env);
      return basicCredential(username, token);
    }
    case 'oauth': {
      if (auth.refreshTokenEnv)
        return refreshTokenCredential(read(auth.refreshTokenEnv, 'refresh token'), auth.clientId ? { clientId: auth.clientId } : {});
      const c = await credentialFromDockerConfig(host, { env });
      if (!c)
        throw new MissingCredentialError(
          `${where}: OAuth credentials for ${host} are expected in Docker's config.json (a cloud login action or docker login), none found`,
        );
      return c;
    }
  }
}

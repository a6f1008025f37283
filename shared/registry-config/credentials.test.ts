import { describe, expect, it } from 'vitest';
import { credentialFor, MissingCredentialError } from './credentials.ts';

const noDocker = { DOCKER_CONFIG: '/nonexistent-flotilla-docker-config' };

describe('credentials from the configuration', () => {
  it('uses GITHUB_TOKEN for ghcr.io by default, with GITHUB_ACTOR as user', async () => {
    const env = { ...noDocker, GITHUB_TOKEN: 'ghs_example_token', GITHUB_ACTOR: 'octocat' };
    expect(await credentialFor({ type: 'default' }, 'ghcr.io', 'x', env)).toEqual({
      kind: 'basic',
      username: 'octocat',
      password: 'ghs_example_token',
    });
    expect(await credentialFor({ type: 'default' }, 'quay.io', 'x', env)).toEqual({ kind: 'anonymous' });
    expect(await credentialFor({ type: 'env', tokenEnv: 'GITHUB_TOKEN' }, 'ghcr.io', 'x', env)).toMatchObject({
      kind: 'basic',
      password: 'ghs_example_token',
    });
  });

  it('reads each auth type from its variables', async () => {
    const env = { ...noDocker, U: 'me', P: 'pw-1234', T: 'tok-1234', R: 'refresh-1234' };
    expect(await credentialFor({ type: 'basic', usernameEnv: 'U', passwordEnv: 'P' }, 'r.io', 'x', env)).toEqual({
      kind: 'basic',
      username: 'me',
      password: 'pw-1234',
    });
    expect(await credentialFor({ type: 'bearer', tokenEnv: 'T' }, 'r.io', 'x', env)).toEqual({ kind: 'bearer', token: 'tok-1234' });
    expect(await credentialFor({ type: 'oauth', refreshTokenEnv: 'R', clientId: 'c' }, 'r.io', 'x', env)).toEqual({
      kind: 'refresh-token',
      refreshToken: 'refresh-1234',
      clientId: 'c',
    });
    expect(await credentialFor({ type: 'env', tokenEnv: 'T', usernameEnv: 'U' }, 'r.io', 'x', env)).toEqual({
      kind: 'basic',
      username: 'me',
      password: 'tok-1234',
    });
    // env token unset: the default chain (here: anonymous)
    expect(await credentialFor({ type: 'env', tokenEnv: 'UNSET_VAR' }, 'r.io', 'x', env)).toEqual({ kind: 'anonymous' });
  });

  it('names the entry and the variable, never a value, when one is missing', async () => {
    const err = await credentialFor({ type: 'basic', usernameEnv: 'U', passwordEnv: 'NOPE' }, 'r.io', "registry 'corp' (r.yaml:3:5)", {
      ...noDocker,
      U: 'me',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingCredentialError);
    expect((err as Error).message).toBe("registry 'corp' (r.yaml:3:5): the password for r.io is read from $NOPE, which is not set");
    await expect(credentialFor({ type: 'oauth' }, 'x.azurecr.io', 'registry azure', noDocker)).rejects.toThrow(
      /expected in Docker's config.json/,
    );
  });
});

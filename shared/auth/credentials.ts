import { registerBasicSecret, registerSecret } from './secrets.ts';

/**
 * Credentials for one registry host. They never appear in messages: build
 * them through the functions here so that each secret is registered.
 */
export type Credential =
  | { kind: 'anonymous' }
  /** Username and password (or a token used as password: GITHUB_TOKEN, a PAT, an ECR password). */
  | { kind: 'basic'; username: string; password: string }
  /** A registry access token sent as `Authorization: Bearer` as is. */
  | { kind: 'bearer'; token: string }
  /** An OAuth2 refresh token (Docker's `identitytoken`) exchanged at the token realm by POST. */
  | { kind: 'refresh-token'; refreshToken: string; clientId?: string; username?: string };

export const ANONYMOUS: Credential = { kind: 'anonymous' };

export function basicCredential(username: string, password: string): Credential {
  registerBasicSecret(username, password);
  return { kind: 'basic', username, password };
}

export function bearerCredential(token: string): Credential {
  registerSecret(token);
  return { kind: 'bearer', token };
}

export function refreshTokenCredential(refreshToken: string, opts: { clientId?: string; username?: string } = {}): Credential {
  registerSecret(refreshToken);
  return { kind: 'refresh-token', refreshToken, ...opts };
}

/** Finds the credential for a registry host (`ghcr.io`, `127.0.0.1:5000`). */
export type CredentialProvider = (host: string) => Promise<Credential>;

/** What a credential is, for messages: never the secret. */
export function describeCredential(c: Credential): string {
  switch (c.kind) {
    case 'anonymous':
      return 'no credentials';
    case 'basic':
      return `user '${c.username}' (basic)`;
    case 'bearer':
      return 'a bearer token';
    case 'refresh-token':
      return 'an OAuth2 refresh token';
  }
}

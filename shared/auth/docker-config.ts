import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FlotillaError } from '../errors.ts';
import { credentialFromHelper } from './credential-helper.ts';
import { basicCredential, bearerCredential, type Credential, refreshTokenCredential } from './credentials.ts';

export class DockerConfigError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DOCKER_CONFIG_INVALID', message, options);
  }
}

/** The parts of Docker's `config.json` that hold credentials. */
export interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker'), 'config.json');
}

/** Reads a Docker config; undefined when the file does not exist. */
export function readDockerConfig(path: string): DockerConfig | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DockerConfigError(`cannot read the Docker config ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
    return parsed as DockerConfig;
  } catch (err) {
    throw new DockerConfigError(`the Docker config ${path} is not a JSON object; fix or remove it`, { cause: err });
  }
}

/** The key Docker uses for a host: Docker Hub is `https://index.docker.io/v1/`. */
export function dockerServerUrl(host: string): string {
  return host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'https://index.docker.io/v1/' : host;
}

/** A host from an `auths` key: `https://ghcr.io/v1/` → `ghcr.io`. */
function normaliseKey(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? '';
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host.toLowerCase();
}

function fromAuthEntry(entry: NonNullable<DockerConfig['auths']>[string], where: string): Credential | undefined {
  let username = entry.username;
  let password = entry.password;
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new DockerConfigError(`${where}: 'auth' is not base64 of user:password`);
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  if (entry.identitytoken) return refreshTokenCredential(entry.identitytoken, username ? { username } : {});
  if (entry.registrytoken) return bearerCredential(entry.registrytoken);
  if (username && password) return basicCredential(username, password);
  return undefined;
}

/**
 * The credential Docker would use for `host` from a config file: its
 * `credHelpers` entry, else the `credsStore` helper, else the `auths` entry
 * (`auth` user:password in base64, `identitytoken` as an OAuth2 refresh
 * token). Undefined when the file has nothing for the host.
 */
export async function credentialFromDockerConfig(
  host: string,
  opts: { path?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Credential | undefined> {
  const env = opts.env ?? process.env;
  const path = opts.path ?? dockerConfigPath(env);
  const config = readDockerConfig(path);
  if (!config) return undefined;
  const want = normaliseKey(host);
  const server = dockerServerUrl(host);
  const helper = Object.entries(config.credHelpers ?? {}).find(([k]) => normaliseKey(k) === want)?.[1];
  if (helper) return credentialFromHelper(helper, server, env);
  if (config.credsStore) {
    const fromStore = await credentialFromHelper(config.credsStore, server, env);
    if (fromStore) return fromStore;
  }
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (normaliseKey(key) !== want || !entry || typeof entry !== 'object') continue;
    const c = fromAuthEntry(entry, `${path}: auths["${key}"]`);
    if (c) return c;
  }
  return undefined;
}

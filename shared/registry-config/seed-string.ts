import { ConfigError, type SourcePosition } from '../config/yaml-source.ts';
import { AUTH_TYPES, type AuthConfig, type AuthType, type RegistryEntry } from './types.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
export const HOST_PATTERN = /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Auth data left out: the credentials come from Docker's config.json for the host. */
export const ELLIPSIS = '...';

/**
 * Parses the seed's registry string, `name|host|protocol[|auth-type[|auth-data...]]`:
 *
 * - `protocol`: `oci`, or `oci+http` for plain HTTP to a host that is not loopback.
 * - `auth-type` and its data (data are names of environment variables, never secrets):
 *   `anonymous`; `default`; `env|TOKEN_VAR[|USER_VAR]`; `bearer|TOKEN_VAR`;
 *   `basic|USER_VAR|PASS_VAR`; `oauth|REFRESH_TOKEN_VAR[|client-id]`;
 *   `docker-config[|path]`. No auth type means `default`.
 * - `...` as auth data means "not written here": the credentials for the host
 *   come from Docker's config.json (auths, credsStore, credHelpers), where
 *   `docker login`, `aws-actions/amazon-ecr-login`, `azure/docker-login` and
 *   `gcloud auth configure-docker` leave them.
 *
 * `at` is where the string was written; errors point at the offending field.
 */
export function parseRegistryString(text: string, at: SourcePosition): RegistryEntry {
  const fields = text.split('|');
  const offsets: number[] = [];
  let o = 0;
  for (const f of fields) {
    offsets.push(o);
    o += f.length + 1;
  }
  const fail = (index: number, field: string, expected: string): never => {
    const pos = { ...at, column: at.column + (offsets[index] ?? 0) };
    throw new ConfigError(pos, field, `in registry entry '${text}': ${expected}`, { code: 'CONFIG_SCHEMA' });
  };
  const [name = '', host = '', protocol = '', authType, ...data] = fields.map((f) => f.trim());
  if (fields.length < 3) fail(0, 'registry', 'expected name|host|oci[|auth-type[|auth-data]] (at least 3 fields separated by |)');
  if (!NAME.test(name)) fail(0, 'name', `'${name}' is not a name (letters, digits, '.', '_', '-')`);
  if (!HOST_PATTERN.test(host)) fail(1, 'host', `'${host}' is not host[:port] or *.domain`);
  if (protocol !== 'oci' && protocol !== 'oci+http')
    fail(2, 'protocol', `'${protocol}' is not a protocol: expected 'oci' (or 'oci+http' for plain HTTP)`);
  const insecure = protocol === 'oci+http';
  const type = (authType === undefined || authType === '' ? 'default' : authType) as AuthType;
  if (!AUTH_TYPES.includes(type)) fail(3, 'auth-type', `'${authType}' is not one of ${AUTH_TYPES.join(', ')}`);
  const ellipsis = data.length === 1 && data[0] === ELLIPSIS;
  const envVar = (i: number, what: string): string => {
    const v = data[i] ?? '';
    if (!ENV_NAME.test(v)) fail(4 + i, 'auth-data', `expected the name of the environment variable holding ${what}, got '${v}'`);
    return v;
  };
  const arity = (min: number, max: number, shape: string) => {
    if (data.length < min || data.length > max) fail(Math.min(4, fields.length - 1), 'auth-data', `'${type}' takes ${shape}`);
  };
  let auth: AuthConfig;
  if (ellipsis) {
    auth =
      type === 'basic'
        ? { type: 'basic' }
        : type === 'oauth'
          ? { type: 'oauth' }
          : type === 'anonymous'
            ? { type }
            : { type: 'docker-config' };
  } else {
    switch (type) {
      case 'default':
      case 'anonymous':
        arity(0, 0, 'no data');
        auth = { type };
        break;
      case 'env':
        arity(1, 2, 'TOKEN_VAR[|USER_VAR]');
        auth = { type, tokenEnv: envVar(0, 'the token') };
        if (data.length > 1) auth.usernameEnv = envVar(1, 'the user name');
        break;
      case 'bearer':
        arity(1, 1, 'TOKEN_VAR');
        auth = { type, tokenEnv: envVar(0, 'the token') };
        break;
      case 'basic':
        arity(2, 2, 'USER_VAR|PASS_VAR (or ... for the Docker config)');
        auth = { type, usernameEnv: envVar(0, 'the user name'), passwordEnv: envVar(1, 'the password') };
        break;
      case 'oauth':
        arity(1, 2, 'REFRESH_TOKEN_VAR[|client-id] (or ... for the Docker config)');
        auth = { type, refreshTokenEnv: envVar(0, 'the refresh token') };
        if (data[1]) auth.clientId = data[1];
        break;
      case 'docker-config':
        arity(0, 1, '[path of config.json]');
        auth = data[0] ? { type, configPath: data[0] } : { type };
        break;
    }
  }
  return { name, host: host.toLowerCase(), protocol: 'oci', insecure, auth, source: `${at.file}:${at.line}:${at.column}` };
}

import { isAbsolute, join, resolve } from 'node:path';
import { redact } from '../auth/secrets.ts';
import { type Origin, SpecError } from '../config/origin.ts';
import { InvalidReferenceError, parseReference, type Reference, type RegistryReference } from '../oci/reference.ts';
import { hostMatches, type RegistryEntry } from './registries.ts';
import type { RewriteRule } from './spec.ts';

/** Which variables `${VAR}` may read, and which values must never come out of an expansion. */
export interface VariablePolicy {
  /** Names listed in the spec's `variables:` (FLOTILLA_* are always allowed). */
  allowed: ReadonlySet<string>;
  /** Variables that hold credentials, with why (`registry 'corp' reads its password from it`). */
  credentials: ReadonlyMap<string, string>;
}

/** Variables that hold credentials in GitHub Actions and Docker tooling, whatever the spec says. */
const CREDENTIAL_VARIABLES = [
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'DOCKER_PASSWORD',
  'DOCKER_AUTH_CONFIG',
  'REGISTRY_PASSWORD',
];
/** A name that looks like it holds a secret. */
const SECRET_NAME =
  /(^|_)(TOKEN|PASSWORD|PASSWD|PASS|SECRET|SECRETS|CREDENTIAL|CREDENTIALS|KEY|PRIVATE|AUTH|AUTHORIZATION|COOKIE|SESSION)(_|$)/i;

/** The variable policy of a spec: its `variables:` list, and the credential variables its registry entries read. */
export function variablePolicy(variables: readonly string[], registries: readonly RegistryEntry[]): VariablePolicy {
  const credentials = new Map<string, string>();
  for (const name of CREDENTIAL_VARIABLES) credentials.set(name, 'it holds credentials in GitHub Actions or Docker tooling');
  for (const e of registries) {
    const auth = e.remote?.auth as Record<string, unknown> | undefined;
    if (!auth) continue;
    for (const field of ['passwordEnv', 'tokenEnv', 'refreshTokenEnv', 'usernameEnv']) {
      const name = auth[field];
      if (typeof name === 'string' && name) credentials.set(name, `registry '${e.name}' reads its credentials from it (${field})`);
    }
  }
  return { allowed: new Set(variables), credentials };
}

/**
 * Expands `${VAR}` and `${VAR:-default}` from `vars`. Only variables named
 * FLOTILLA_* or listed in the spec's `variables:` are read; a variable that
 * holds credentials (a registry entry's passwordEnv/tokenEnv, GITHUB_TOKEN,
 * a name like …TOKEN or …PASSWORD) never is, listed or not, and neither is
 * any value that holds a credential variable's value or a registered
 * secret. An unset variable
 * without default is an error at `origin`. Messages never show a value.
 */
export function expandVariables(
  text: string,
  vars: Readonly<Record<string, string | undefined>>,
  origin: Origin,
  policy: VariablePolicy = { allowed: new Set(), credentials: new Map() },
): string {
  const secretValues = [...policy.credentials.keys()].map((k) => vars[k]).filter((v): v is string => v !== undefined && v.length >= 4);
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback: string | undefined) => {
    const why = policy.credentials.get(name) ?? (SECRET_NAME.test(name) ? 'its name says it holds a secret' : undefined);
    if (why !== undefined) {
      throw new SpecError(
        origin,
        `\${${name}} is not expanded: ${why}, and a spec may not put credentials into references; use a FLOTILLA_* variable that holds a host or path`,
        'SPEC_VARIABLE_FORBIDDEN',
      );
    }
    if (!name.startsWith('FLOTILLA_') && !policy.allowed.has(name)) {
      throw new SpecError(
        origin,
        `\${${name}} is not expanded: only variables named FLOTILLA_* or listed under the spec's 'variables:' are; rename it or add it to 'variables:' (never a variable holding a secret)`,
        'SPEC_VARIABLE_NOT_ALLOWED',
      );
    }
    const v = vars[name];
    const value = v !== undefined && v !== '' ? v : fallback;
    if (value === undefined) {
      throw new SpecError(origin, `environment variable ${name} is not set; set it, or write \${${name}:-default}`, 'SPEC_VARIABLE_UNSET');
    }
    if (secretValues.some((s) => value.includes(s)) || redact(value) !== value) {
      throw new SpecError(
        origin,
        `\${${name}} holds the value of a credential variable; a spec may not put credentials into references`,
        'SPEC_VARIABLE_FORBIDDEN',
      );
    }
    return value;
  });
}

/** The rule that applies to a registry host: a host or registry-name match in the order written, else `*`. */
export function ruleFor(rules: readonly RewriteRule[], host: string, registries: readonly RegistryEntry[]): RewriteRule | undefined {
  const specific = rules.find((r) => {
    if (r.match === '*') return false;
    const named = registries.find((e) => e.name === r.match);
    if (named) return named.host !== undefined && hostMatches(named.host, host);
    return hostMatches(r.match, host);
  });
  return specific ?? rules.find((r) => r.match === '*');
}

/**
 * Moves a registry reference to a rewrite target, keeping its repository, tag
 * and digest: a registry name of the spec, `oci:<dir>` (one OCI image layout
 * per repository below the folder, relative to the spec), or
 * `host[:port][/prefix]`. An empty target leaves the reference alone.
 */
export function applyRewrite(
  ref: RegistryReference,
  target: string,
  origin: Origin,
  registries: readonly RegistryEntry[],
  specDir: string,
): Reference {
  const t = target.trim();
  if (t === '') return ref;
  const named = registries.find((e) => e.name === t);
  if (named?.layout !== undefined) return toLayout(ref, named.layout);
  if (named?.host !== undefined) {
    if (named.host.includes('*')) {
      throw new SpecError(
        origin,
        `cannot rewrite to registry '${t}': its host '${named.host}' is a pattern; give a host`,
        'SPEC_REWRITE_INVALID',
      );
    }
    return toRegistry(ref, named.host, origin);
  }
  if (t.startsWith('oci:')) {
    const dir = t.slice(4);
    if (dir === '') throw new SpecError(origin, `'${target}' needs a folder, as in oci:.flotilla/registry`, 'SPEC_REWRITE_INVALID');
    return toLayout(ref, isAbsolute(dir) ? dir : resolve(specDir, dir));
  }
  return toRegistry(ref, t, origin);
}

function toLayout(ref: RegistryReference, dir: string): Reference {
  const out: Reference = { kind: 'layout', path: join(dir, ...ref.repository.split('/')) };
  if (ref.tag !== undefined) out.tag = ref.tag;
  if (ref.digest !== undefined) out.digest = ref.digest;
  return out;
}

function toRegistry(ref: RegistryReference, target: string, origin: Origin): Reference {
  const slash = target.indexOf('/');
  const host = slash >= 0 ? target.slice(0, slash) : target;
  const prefix = slash >= 0 ? target.slice(slash + 1).replace(/\/+$/, '') : '';
  const text = `${host}/${prefix ? `${prefix}/` : ''}${ref.repository}`;
  let parsed: Reference;
  try {
    parsed = parseReference(text);
  } catch (err) {
    if (err instanceof InvalidReferenceError)
      throw new SpecError(
        origin,
        redact(`rewrite target '${target}' does not give a valid reference: ${err.message}`),
        'SPEC_REWRITE_INVALID',
      );
    throw err;
  }
  if (parsed.kind !== 'registry' || parsed.registry !== host) {
    throw new SpecError(
      origin,
      redact(
        `rewrite target '${target}' must be host[:port][/prefix] (a host has a '.' or ':' or is localhost), oci:<dir> or a registry name`,
      ),
      'SPEC_REWRITE_INVALID',
    );
  }
  const out: RegistryReference = { kind: 'registry', registry: parsed.registry, repository: parsed.repository };
  if (ref.tag !== undefined) out.tag = ref.tag;
  if (ref.digest !== undefined) out.digest = ref.digest;
  return out;
}

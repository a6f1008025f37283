import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import policySchema from '../../schemas/policy.schema.json' with { type: 'json' };
import {
  loadYamlFile,
  parseYaml,
  type SourcePosition,
  validateAgainstSchema,
  type YamlPath,
  type YamlSource,
} from '../config/yaml-source.ts';
import { compileGlob, type Glob, type GlobKind, GlobSyntaxError } from './glob.ts';
import { parsePublicKeyPem, spkiSha256 } from './keys.ts';
import type {
  Authority,
  AuthorityKey,
  CapabilityRule,
  EnvironmentPolicy,
  Mode,
  Policy,
  Rule,
  RuleScope,
  Signing,
  StringMatcher,
} from './types.ts';

export { policySchema };

/** Reads and checks a policy file; every error is a ConfigError naming the file, line and field. */
export function loadPolicy(file: string): Policy {
  return buildPolicy(loadYamlFile(file));
}

/** Parses policy text; key file paths are relative to `file`'s folder. */
export function parsePolicy(file: string, text: string): Policy {
  return buildPolicy(parseYaml(file, text));
}

// --- raw shapes, as the schema admits them -------------------------------------------

interface RawCapabilities {
  deny?: string[];
  allow?: string[];
}
interface RawRuleBody {
  signing?: Signing;
  authorities?: string[];
  'require-digest'?: boolean;
  capabilities?: RawCapabilities;
}
interface RawRule extends RawRuleBody {
  name?: string;
  match: string;
}
interface RawAuthority {
  description?: string;
  key?: string | string[];
  keyless?: { issuer?: string; 'issuer-regexp'?: string; subject?: string; 'subject-regexp'?: string };
  static?: 'pass' | 'fail';
}
interface RawEnvironment extends RawRuleBody {
  mode?: Mode;
  'unknown-registries'?: 'allow' | 'deny';
  registries?: (string | RawRule)[];
  components?: (string | RawRule)[];
}
interface RawPolicy {
  name?: string;
  mode?: Mode;
  default?: RawRuleBody;
  default_signing_required?: boolean;
  'unknown-registries'?: 'allow' | 'deny';
  capabilities?: RawCapabilities;
  authorities?: Record<string, RawAuthority>;
  registries?: (string | RawRule)[];
  components?: (string | RawRule)[];
  environments?: Record<string, RawEnvironment>;
}

// --- building ---------------------------------------------------------------------------

function buildPolicy(src: YamlSource): Policy {
  if (src.value === null || src.value === undefined) throw src.error([], 'the policy is empty', 'CONFIG_SCHEMA');
  validateAgainstSchema(src, policySchema);
  const raw = src.value as RawPolicy;
  const baseDir = dirname(resolve(src.file));

  const authorities = new Map<string, Authority>();
  for (const [name, entry] of Object.entries(raw.authorities ?? {})) {
    authorities.set(name, buildAuthority(src, baseDir, name, entry));
  }
  const ctx: Ctx = { src, authorities };

  const registries = (raw.registries ?? []).map((r, i) => buildRule(ctx, ['registries', i], 'registry', r));
  const components = (raw.components ?? []).map((r, i) => buildRule(ctx, ['components', i], 'component', r));

  let defaultRule: Rule | undefined;
  if (raw.default !== undefined || raw.default_signing_required !== undefined) {
    const body: RawRuleBody = { ...(raw.default ?? {}) };
    if (raw.default_signing_required !== undefined) {
      const fromSeed: Signing = raw.default_signing_required ? 'required' : 'optional';
      if (body.signing !== undefined && body.signing !== fromSeed) {
        throw src.error(['default_signing_required'], `contradicts default.signing '${body.signing}': keep one of them`, 'POLICY_BAD_RULE');
      }
      body.signing = fromSeed;
    }
    const path: YamlPath = raw.default !== undefined ? ['default'] : ['default_signing_required'];
    const label = raw.default !== undefined ? 'default' : `default (default_signing_required: ${String(raw.default_signing_required)})`;
    defaultRule = buildBody(ctx, path, 'default', label, 'default', body);
  }

  const global = raw.capabilities
    ? buildBody(ctx, ['capabilities'], 'capabilities', 'capabilities', 'global', { capabilities: raw.capabilities })
    : undefined;

  const environments = new Map<string, EnvironmentPolicy>();
  for (const [name, env] of Object.entries(raw.environments ?? {})) {
    environments.set(name, buildEnvironment(ctx, name, env));
  }

  return {
    file: src.file,
    ...(raw.name !== undefined ? { name: raw.name } : {}),
    mode: raw.mode ?? 'enforce',
    authorities,
    registries,
    components,
    ...(defaultRule ? { default: defaultRule } : {}),
    ...(global ? { global } : {}),
    unknownRegistries: raw['unknown-registries'] ?? 'allow',
    ...(raw['unknown-registries'] !== undefined ? { unknownRegistriesPosition: src.positionOf(['unknown-registries']) } : {}),
    environments,
  };
}

interface Ctx {
  src: YamlSource;
  authorities: ReadonlyMap<string, Authority>;
}

function buildEnvironment(ctx: Ctx, name: string, env: RawEnvironment): EnvironmentPolicy {
  const base: YamlPath = ['environments', name];
  const id = `environments.${name}`;
  if (env.signing === 'optional' && env.authorities !== undefined) {
    throw ctx.src.error(
      [...base, 'authorities'],
      "lists authorities while 'signing: optional' relaxes signing in this environment: remove one of them",
      'POLICY_BAD_RULE',
    );
  }
  const addsRule = env.signing === 'required' || env.authorities !== undefined || env['require-digest'] === true || env.capabilities;
  const body: RawRuleBody = {
    ...(env.signing === 'required' ? { signing: 'required' } : {}),
    ...(env.authorities !== undefined ? { authorities: env.authorities } : {}),
    ...(env['require-digest'] !== undefined ? { 'require-digest': env['require-digest'] } : {}),
    ...(env.capabilities ? { capabilities: env.capabilities } : {}),
  };
  const rule = addsRule ? { ...buildBody(ctx, base, id, id, 'environment', body), position: ctx.src.positionOf(base, 'key') } : undefined;
  return {
    name,
    position: ctx.src.positionOf(base, 'key'),
    ...(env.mode !== undefined ? { mode: env.mode } : {}),
    ...(env.signing !== undefined ? { signing: env.signing } : {}),
    ...(rule ? { rule } : {}),
    registries: (env.registries ?? []).map((r, i) => buildRule(ctx, [...base, 'registries', i], 'registry', r, `${id}.`)),
    components: (env.components ?? []).map((r, i) => buildRule(ctx, [...base, 'components', i], 'component', r, `${id}.`)),
    ...(env['unknown-registries'] !== undefined
      ? { unknownRegistries: env['unknown-registries'], unknownRegistriesPosition: ctx.src.positionOf([...base, 'unknown-registries']) }
      : {}),
  };
}

/** A `registries:`/`components:` entry: the seed's string form or an object. */
function buildRule(ctx: Ctx, path: YamlPath, scope: 'registry' | 'component', raw: string | RawRule, idPrefix = ''): Rule {
  const listId = `${idPrefix}${String(path[path.length - 2])}[${String(path[path.length - 1])}]`;
  const kind: GlobKind = scope === 'registry' ? 'host' : 'path';
  if (typeof raw === 'string') {
    const parts = raw.split('|');
    const [pattern = '', signing = '', names] = parts;
    if (parts.length < 2 || parts.length > 3 || (signing !== 'required' && signing !== 'optional')) {
      throw ctx.src.error(
        path,
        `'${raw}' is not a rule: write 'pattern|required|authority[,authority]' or 'pattern|optional'`,
        'POLICY_BAD_RULE',
      );
    }
    const authorities =
      names === undefined
        ? []
        : names
            .split(',')
            .map((n) => n.trim())
            .filter((n) => n !== '');
    const match = compileMatch(ctx, path, pattern, kind);
    return buildBody(ctx, path, listId, `${listId} \`${raw}\``, scope, { signing, authorities }, match, true);
  }
  const match = compileMatch(ctx, [...path, 'match'], raw.match, kind);
  const body: RawRuleBody = {
    ...(raw.signing !== undefined ? { signing: raw.signing } : {}),
    ...(raw.authorities !== undefined ? { authorities: raw.authorities } : {}),
    ...(raw['require-digest'] !== undefined ? { 'require-digest': raw['require-digest'] } : {}),
    ...(raw.capabilities ? { capabilities: raw.capabilities } : {}),
  };
  return buildBody(ctx, path, listId, `${listId} \`${raw.name ?? raw.match}\``, scope, body, match);
}

function compileMatch(ctx: Ctx, path: YamlPath, pattern: string, kind: GlobKind): Glob | 'local' {
  if (kind === 'host' && pattern === 'local') return 'local';
  return compileAt(ctx, path, pattern, kind);
}

function compileAt(ctx: Ctx, path: YamlPath, pattern: string, kind: GlobKind): Glob {
  try {
    return compileGlob(pattern, kind);
  } catch (err) {
    if (err instanceof GlobSyntaxError) throw ctx.src.error(path, err.message, 'POLICY_BAD_GLOB');
    throw err;
  }
}

function buildBody(
  ctx: Ctx,
  path: YamlPath,
  id: string,
  label: string,
  scope: RuleScope,
  body: RawRuleBody,
  match?: Glob | 'local',
  seedString = false,
): Rule {
  const names = body.authorities ?? [];
  names.forEach((name, i) => {
    if (!ctx.authorities.has(name)) {
      const known = [...ctx.authorities.keys()];
      throw ctx.src.error(
        seedString ? path : [...path, 'authorities', i],
        `unknown authority '${name}': declare it under 'authorities:'${known.length ? ` (declared: ${known.join(', ')})` : ' (none declared)'}`,
        'POLICY_UNKNOWN_AUTHORITY',
      );
    }
  });
  // Naming authorities without saying `signing` means they must sign.
  const signing: Signing | undefined = body.signing ?? (names.length > 0 ? 'required' : undefined);
  return {
    id,
    label,
    scope,
    position: ctx.src.positionOf(path),
    ...(match !== undefined ? { match } : {}),
    ...(signing !== undefined ? { signing } : {}),
    authorities: names,
    requireDigest: body['require-digest'] === true,
    ...(body.capabilities
      ? { capabilities: buildCapabilities(ctx, scope === 'global' ? path : [...path, 'capabilities'], body.capabilities) }
      : {}),
  };
}

function buildCapabilities(ctx: Ctx, path: YamlPath, raw: RawCapabilities): CapabilityRule {
  const deny = (raw.deny ?? []).map((g, i) => compileAt(ctx, [...path, 'deny', i], g, 'path'));
  const allow = raw.allow?.map((g, i) => compileAt(ctx, [...path, 'allow', i], g, 'path'));
  return allow ? { deny, allow } : { deny };
}

function buildAuthority(src: YamlSource, baseDir: string, name: string, raw: RawAuthority): Authority {
  const path: YamlPath = ['authorities', name];
  const position: SourcePosition = src.positionOf(path, 'key');
  const kinds = (['key', 'keyless', 'static'] as const).filter((k) => raw[k] !== undefined);
  if (kinds.length !== 1) {
    throw src.error(
      path,
      kinds.length === 0
        ? "an authority needs one of 'key', 'keyless' or 'static'"
        : `an authority is one kind: found ${kinds.map((k) => `'${k}'`).join(' and ')}`,
      'POLICY_BAD_AUTHORITY',
    );
  }
  if (raw.static !== undefined) return { name, position, kind: 'static', result: raw.static };
  if (raw.keyless !== undefined) {
    const k = raw.keyless;
    const issuer = stringMatcher(src, [...path, 'keyless'], 'issuer', k.issuer, k['issuer-regexp']);
    const subject = stringMatcher(src, [...path, 'keyless'], 'subject', k.subject, k['subject-regexp']);
    return { name, position, kind: 'keyless', issuer, subject };
  }
  const entries = typeof raw.key === 'string' ? [raw.key] : (raw.key ?? []);
  if (entries.length === 0) throw src.error([...path, 'key'], 'lists no key', 'POLICY_BAD_AUTHORITY');
  const keys = entries.map((entry, i) =>
    readKey(src, baseDir, typeof raw.key === 'string' ? [...path, 'key'] : [...path, 'key', i], entry),
  );
  return { name, position, kind: 'key', keys };
}

function stringMatcher(src: YamlSource, path: YamlPath, field: string, exact?: string, regexp?: string): StringMatcher {
  if ((exact === undefined) === (regexp === undefined)) {
    throw src.error(path, `give exactly one of '${field}' (exact) or '${field}-regexp'`, 'POLICY_BAD_AUTHORITY');
  }
  if (exact !== undefined) return { text: exact };
  const text = regexp as string;
  try {
    return { text, regex: new RegExp(`^(?:${text})$`) };
  } catch (err) {
    throw src.error([...path, `${field}-regexp`], `bad regular expression: ${(err as Error).message}`, 'POLICY_BAD_REGEX');
  }
}

function readKey(src: YamlSource, baseDir: string, path: YamlPath, entry: string): AuthorityKey {
  let pem = entry;
  let source = 'inline';
  if (!entry.includes('-----BEGIN')) {
    const file = resolve(baseDir, entry);
    source = entry;
    try {
      pem = readFileSync(file, 'utf8');
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
      throw src.error(path, `cannot read key file '${entry}' (${file}): ${why}`, 'POLICY_KEY_UNREADABLE');
    }
  }
  try {
    const key = parsePublicKeyPem(pem);
    return { pem, spkiSha256: spkiSha256(key), source };
  } catch (err) {
    const what = source === 'inline' ? 'inline key' : `key file '${source}'`;
    throw src.error(path, `${what} is not a PEM public key: ${(err as Error).message}`, 'POLICY_BAD_PEM');
  }
}

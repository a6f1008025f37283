import { existsSync } from 'node:fs';
import schema from '../../schemas/registries.schema.json' with { type: 'json' };
import { ConfigError, loadYamlFile, parseYaml, validateAgainstSchema, type YamlSource } from '../config/yaml-source.ts';
import { parseRegistryString } from './seed-string.ts';
import type { AuthConfig, RegistryConfig, RegistryEntry } from './types.ts';

export const REGISTRIES_ENV = 'FLOTILLA_REGISTRIES';

function entryFromObject(src: YamlSource, index: number, raw: Record<string, unknown>): RegistryEntry {
  const path = ['registries', index];
  const auth = (raw.auth ?? { type: 'default' }) as AuthConfig & Record<string, unknown>;
  const need = (field: string) => {
    if (typeof auth[field] !== 'string' || auth[field] === '') {
      throw src.error([...path, 'auth'], `auth type '${auth.type}' needs '${field}'`, 'CONFIG_SCHEMA');
    }
  };
  if (auth.type === 'bearer' || auth.type === 'env') need('tokenEnv');
  if (auth.type === 'basic' && (auth.passwordEnv !== undefined || auth.username !== undefined || auth.usernameEnv !== undefined)) {
    need('passwordEnv');
    if (auth.username === undefined) need('usernameEnv');
  }
  const pos = src.positionOf(path);
  return {
    name: String(raw.name),
    host: String(raw.host).toLowerCase(),
    protocol: 'oci',
    insecure: raw.insecure === true,
    ...(Array.isArray(raw.tokenRealms) ? { tokenRealms: raw.tokenRealms.map(String) } : {}),
    auth,
    source: `${pos.file}:${pos.line}:${pos.column}`,
  };
}

/** Registry entries from a parsed YAML source (validated against schemas/registries.schema.json). */
export function registryConfigFromYaml(src: YamlSource): RegistryConfig {
  validateAgainstSchema(src, schema);
  const items = (src.value as { registries: unknown[] }).registries;
  const entries = items.map((item, i) => {
    if (typeof item === 'string') {
      const pos = src.positionOf(['registries', i]);
      // a quoted scalar starts one column before its text
      const quoted = /^["']/.test(src.text.split('\n')[pos.line - 1]?.slice(pos.column - 1) ?? '');
      return parseRegistryString(item, { ...pos, column: pos.column + (quoted ? 1 : 0) });
    }
    return entryFromObject(src, i, item as Record<string, unknown>);
  });
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const prev = seen.get(e.name);
    if (prev !== undefined)
      throw src.error(['registries', i], `registry name '${e.name}' is already used by entry ${prev + 1}`, 'CONFIG_SCHEMA');
    seen.set(e.name, i);
  });
  return { entries };
}

/** Reads a registry configuration file (YAML). */
export function loadRegistryConfig(file: string): RegistryConfig {
  return registryConfigFromYaml(loadYamlFile(file));
}

/** Parses registry configuration text (YAML) named `file` in messages. */
export function parseRegistryConfig(file: string, text: string): RegistryConfig {
  return registryConfigFromYaml(parseYaml(file, text));
}

/**
 * The value of FLOTILLA_REGISTRIES: the path of a YAML file, or seed
 * strings separated by newlines, `;` or `,`.
 */
export function registryConfigFromEnvValue(value: string): RegistryConfig {
  const trimmed = value.trim();
  if (trimmed === '') return { entries: [] };
  if (!trimmed.includes('|') && (/\.(ya?ml|json)$/i.test(trimmed) || existsSync(trimmed))) return loadRegistryConfig(trimmed);
  const entries: RegistryEntry[] = [];
  let offset = 0;
  for (const part of value.split(/([\n;,])/)) {
    if (part !== '\n' && part !== ';' && part !== ',' && part.trim() !== '') {
      const lead = part.length - part.trimStart().length;
      entries.push(parseRegistryString(part.trim(), { file: REGISTRIES_ENV, line: 1, column: offset + lead + 1 }));
    }
    offset += part.length;
  }
  return { entries };
}

/**
 * The configuration a command uses: `--registries <file>` when given, else
 * FLOTILLA_REGISTRIES, else none (every host gets the default credentials).
 */
export function resolveRegistryConfig(opts: { file?: string | undefined; env?: NodeJS.ProcessEnv } = {}): RegistryConfig {
  if (opts.file) return loadRegistryConfig(opts.file);
  const env = opts.env ?? process.env;
  const fromEnv = env[REGISTRIES_ENV];
  return fromEnv ? registryConfigFromEnvValue(fromEnv) : { entries: [] };
}

export { ConfigError };

import { isAbsolute, resolve } from 'node:path';
import { ConfigError, loadYamlFile, type YamlPath, type YamlSource } from '../config/yaml-source.ts';
import { type Origin, originOf } from './origin.ts';

/**
 * One entry of a spec's registry list, kept as written: the seed's string
 * form `name|host|oci|auth-type|auth-data` or a YAML map. Only the fields
 * resolution needs are read here (name, host pattern, layout folder); the
 * registry configuration parser (credentials, auth flows) reads `raw`.
 */
export interface RegistryEntry {
  name: string;
  /** Host pattern of a remote registry (`ghcr.io`, `*.azurecr.io`, `localhost:5000`). */
  host?: string;
  /** Absolute folder of an on-disk store (one OCI image layout per repository below it). */
  layout?: string;
  raw: string | Record<string, unknown>;
  origin: Origin;
}

export interface RegistryList {
  entries: RegistryEntry[];
  /** Absolute path of the registry file when the spec named one. */
  file?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** True when `host` (a ref's registry) matches an entry's host pattern; `*` matches within a host name. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.includes('*')) return p === h;
  const re = new RegExp(`^${p.split('*').map(escapeRegExp).join('[^/]+')}$`);
  return re.test(h);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** The first entry whose host pattern matches `host`. */
export function registryFor(entries: readonly RegistryEntry[], host: string): RegistryEntry | undefined {
  return entries.find((e) => e.host !== undefined && hostMatches(e.host, host));
}

/**
 * Reads the `registries` value of a spec: inline entries, or a file path
 * (relative to the spec) holding a list or `{ registries: [...] }`.
 */
export function readRegistries(src: YamlSource, specDir: string): RegistryList {
  const value = (src.value as Record<string, unknown>).registries;
  if (value === undefined) return { entries: [] };
  if (typeof value === 'string') {
    const file = isAbsolute(value) ? value : resolve(specDir, value);
    let fileSrc: YamlSource;
    try {
      fileSrc = loadYamlFile(file);
    } catch (err) {
      if (err instanceof ConfigError && err.code === 'CONFIG_UNREADABLE') {
        throw src.error(['registries'], `registry file '${value}' not found (looked for ${file})`, 'SPEC_REGISTRIES_MISSING');
      }
      throw err;
    }
    const v = fileSrc.value;
    if (Array.isArray(v)) return { entries: readEntries(fileSrc, [], resolve(file, '..')), file };
    if (v !== null && typeof v === 'object' && Array.isArray((v as Record<string, unknown>).registries)) {
      return { entries: readEntries(fileSrc, ['registries'], resolve(file, '..')), file };
    }
    throw fileSrc.error([], 'a registry file holds a list of entries, or a map with a `registries:` list', 'SPEC_REGISTRIES_INVALID');
  }
  return { entries: readEntries(src, ['registries'], specDir) };
}

function readEntries(src: YamlSource, base: YamlPath, dir: string): RegistryEntry[] {
  let list: unknown = src.value;
  for (const k of base) list = (list as Record<string, unknown>)[k as string];
  const entries: RegistryEntry[] = [];
  const seen = new Map<string, Origin>();
  (list as unknown[]).forEach((item, i) => {
    const path = [...base, i];
    const entry = readEntry(src, path, item, dir);
    const first = seen.get(entry.name);
    if (first) throw src.error(path, `registry '${entry.name}' is defined twice (first at line ${first.line})`, 'SPEC_REGISTRY_DUPLICATE');
    seen.set(entry.name, entry.origin);
    entries.push(entry);
  });
  return entries;
}

function readEntry(src: YamlSource, path: YamlPath, item: unknown, dir: string): RegistryEntry {
  const origin = originOf(src, path);
  if (typeof item === 'string') {
    const fields = item.split('|').map((f) => f.trim());
    const [name = '', host = '', type = ''] = fields;
    if (fields.length < 3 || fields.length > 5 || name === '' || host === '') {
      throw src.error(path, `'${item}' is not a registry entry: expected name|host|oci|auth-type|auth-data`, 'SPEC_REGISTRY_INVALID');
    }
    if (!NAME.test(name))
      throw src.error(path, `registry name '${name}' must be letters, digits, '.', '_' or '-'`, 'SPEC_REGISTRY_INVALID');
    if (type !== 'oci') throw src.error(path, `registry '${name}': type '${type}' is not supported (use oci)`, 'SPEC_REGISTRY_INVALID');
    return { name, host, raw: item, origin };
  }
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw src.error(
      path,
      'a registry entry is a string name|host|oci|... or a map with name and host (or layout)',
      'SPEC_REGISTRY_INVALID',
    );
  }
  const map = item as Record<string, unknown>;
  const name = map.name;
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw src.error([...path, 'name'], 'a registry entry needs a name of letters, digits, ., _ or -', 'SPEC_REGISTRY_INVALID');
  }
  const host = map.host;
  const layout = map.layout;
  if ((host === undefined) === (layout === undefined)) {
    throw src.error(
      path,
      `registry '${name}' needs exactly one of host (a registry server) or layout (an on-disk store)`,
      'SPEC_REGISTRY_INVALID',
    );
  }
  if (host !== undefined && (typeof host !== 'string' || host === ''))
    throw src.error([...path, 'host'], 'must be a host[:port]', 'SPEC_REGISTRY_INVALID');
  if (layout !== undefined && (typeof layout !== 'string' || layout === ''))
    throw src.error([...path, 'layout'], 'must be a folder', 'SPEC_REGISTRY_INVALID');
  const entry: RegistryEntry = { name, raw: map, origin };
  if (typeof host === 'string') entry.host = host;
  if (typeof layout === 'string') entry.layout = isAbsolute(layout) ? layout : resolve(dir, layout);
  return entry;
}

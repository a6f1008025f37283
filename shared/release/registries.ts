import { isAbsolute, resolve } from 'node:path';
import { type Origin, originOf } from '../config/origin.ts';
import { ConfigError, type YamlSource } from '../config/yaml-source.ts';
import { findRegistryEntry, loadRegistryConfig, matchHost, registryConfigFromYaml } from '../registry-config/index.ts';
import type { RegistryConfig, RegistryEntry as RemoteRegistryEntry } from '../registry-config/types.ts';

/**
 * One registry of a spec: a remote registry (the seed's string
 * `name|host|oci|auth-type|auth-data` or a map `{ name, host, auth, … }`,
 * parsed by shared/registry-config), or an on-disk store `{ name, layout }`
 * (a folder holding one OCI image layout per repository).
 */
export interface RegistryEntry {
  name: string;
  /** Host pattern of a remote registry (`ghcr.io`, `*.azurecr.io`, `localhost:5000`). */
  host?: string;
  /** The remote entry as the registry configuration parsed it (auth, insecure). */
  remote?: RemoteRegistryEntry;
  /** Absolute folder of an on-disk store (one OCI image layout per repository below it). */
  layout?: string;
  origin: Origin;
}

export interface RegistryList {
  entries: RegistryEntry[];
  /** Absolute path of the registry file when the spec named one. */
  file?: string;
}

/** True when `host` (a ref's registry) matches a host pattern (`*` is one DNS label, as shared/registry-config says). */
export function hostMatches(pattern: string, host: string): boolean {
  return matchHost(pattern, host);
}

/** The remote entries as a registry configuration, for RegistryClients / Stores. */
export function registryConfigOf(entries: readonly RegistryEntry[]): RegistryConfig {
  return { entries: entries.flatMap((e) => (e.remote ? [e.remote] : [])) };
}

/** The entry serving `host`: an exact host wins over wildcards, the longest wildcard over shorter ones. */
export function registryFor(entries: readonly RegistryEntry[], host: string): RegistryEntry | undefined {
  const remote = findRegistryEntry(registryConfigOf(entries), host);
  return remote ? entries.find((e) => e.remote === remote) : undefined;
}

const LAYOUT_KEYS = new Set(['name', 'layout']);
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function isLayoutEntry(item: unknown): item is Record<string, unknown> {
  return item !== null && typeof item === 'object' && !Array.isArray(item) && 'layout' in item;
}

/**
 * Reads the `registries` value of a spec: inline entries, or the path
 * (relative to the spec) of a registry configuration file (the format of
 * schemas/registries.schema.json: `registries:` and a list).
 */
export function readRegistries(src: YamlSource, specDir: string): RegistryList {
  const value = (src.value as Record<string, unknown>).registries;
  if (value === undefined) return { entries: [] };
  if (typeof value === 'string') {
    const file = isAbsolute(value) ? value : resolve(specDir, value);
    let config: RegistryConfig;
    try {
      config = loadRegistryConfig(file);
    } catch (err) {
      if (err instanceof ConfigError && err.code === 'CONFIG_UNREADABLE') {
        throw src.error(['registries'], `registry file '${value}' not found (looked for ${file})`, 'SPEC_REGISTRIES_MISSING');
      }
      throw err;
    }
    return { entries: config.entries.map((remote) => fromRemote(remote)), file };
  }
  return { entries: readInline(src, value as unknown[], specDir) };
}

function fromRemote(remote: RemoteRegistryEntry, origin?: Origin): RegistryEntry {
  if (origin) return { name: remote.name, host: remote.host, remote, origin };
  const m = /^(.*):(\d+):(\d+)$/.exec(remote.source);
  const at: Origin = m
    ? { file: m[1] ?? remote.source, line: Number(m[2]), column: Number(m[3]), field: remote.name }
    : { file: remote.source, line: 1, column: 1, field: remote.name };
  return { name: remote.name, host: remote.host, remote, origin: at };
}

function readInline(src: YamlSource, list: unknown[], specDir: string): RegistryEntry[] {
  // Layout entries are this module's; the others go to the registry configuration parser with their
  // indices kept (a layout entry is replaced by a placeholder it accepts), so its messages point at the
  // spec's own lines and fields.
  const placeholder = (i: number) => `flotilla-layout-placeholder-${i}|layout.invalid|oci|anonymous`;
  const forParser = list.map((item, i) => (isLayoutEntry(item) ? placeholder(i) : item));
  const config = registryConfigFromYaml({ ...src, value: { registries: forParser } });
  const entries: RegistryEntry[] = [];
  const seen = new Map<string, Origin>();
  list.forEach((item, i) => {
    const path = ['registries', i];
    const origin = originOf(src, path);
    let entry: RegistryEntry;
    if (isLayoutEntry(item)) {
      const extra = Object.keys(item).find((k) => !LAYOUT_KEYS.has(k));
      if (extra)
        throw src.error(
          [...path, extra],
          `a layout registry has only name and layout; '${extra}' is not one of them`,
          'SPEC_REGISTRY_INVALID',
        );
      if (typeof item.name !== 'string' || !NAME.test(item.name)) {
        throw src.error([...path, 'name'], 'a registry needs a name of letters, digits, ., _ or -', 'SPEC_REGISTRY_INVALID');
      }
      if (typeof item.layout !== 'string' || item.layout === '')
        throw src.error([...path, 'layout'], 'must be a folder', 'SPEC_REGISTRY_INVALID');
      entry = { name: item.name, layout: isAbsolute(item.layout) ? item.layout : resolve(specDir, item.layout), origin };
    } else {
      const remote = config.entries[i] as RemoteRegistryEntry;
      entry = fromRemote(remote, origin);
    }
    const first = seen.get(entry.name);
    if (first) throw src.error(path, `registry '${entry.name}' is defined twice (first at line ${first.line})`, 'SPEC_REGISTRY_DUPLICATE');
    seen.set(entry.name, origin);
    entries.push(entry);
  });
  return entries;
}

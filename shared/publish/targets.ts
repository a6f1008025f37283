import { UsageError } from '../errors.ts';
import { formatReference, parseReference, type RegistryReference } from '../oci/reference.ts';
import type { RegistryConfig } from '../registry-config/types.ts';

/**
 * Where a publish goes. A `--to` value is one of:
 *
 * - a registry reference with a tag: `ghcr.io/acme/cart:1.4.0`;
 * - a registry name from the registry configuration followed by the
 *   repository and tag: `prod/acme/cart:1.4.0` (the name stands for its host);
 * - a registry name alone, `prod`: the repository is the component's name
 *   (under `repositoryPrefix` when given) and the tag is the one given for
 *   the publish (`--tag`, or the component's version).
 */
export interface PublishTarget {
  /** What was written (`--to` value). */
  input: string;
  ref: RegistryReference & { tag: string };
  /** `host/repo:tag` */
  display: string;
  /** The configured registry name, when the target named one. */
  registryName?: string;
}

export interface TargetDefaults {
  /** Repository used for a bare registry name (the component's name). */
  repository: string;
  /** Tag used for a bare registry name, and for a ref without a tag. */
  tag?: string | undefined;
  /** Tags for a bare registry name and a ref without a tag, one target each (the Git context's, with `tag` first). */
  tags?: readonly string[] | undefined;
}

/** Every tag a target without one gets: `tag`, then `tags`. */
function defaultTags(defaults: TargetDefaults): string[] {
  const out = defaults.tag !== undefined ? [defaults.tag] : [];
  for (const t of defaults.tags ?? []) if (!out.includes(t)) out.push(t);
  return out;
}

function configuredEntry(config: RegistryConfig, name: string) {
  return config.entries.find((e) => e.name === name && !e.host.startsWith('*.'));
}

function parseTarget(input: string, what: string): RegistryReference {
  let ref: ReturnType<typeof parseReference>;
  try {
    ref = parseReference(input);
  } catch (err) {
    throw new UsageError(`${what} '${input}': ${(err as Error).message}`, { cause: err });
  }
  if (ref.kind !== 'registry') throw new UsageError(`${what} '${input}' is an OCI layout; publish pushes to registries`);
  return ref;
}

/** Resolves `--to` values against the registry configuration; refuses duplicates and digests. */
export function resolveTargets(inputs: readonly string[], config: RegistryConfig, defaults: TargetDefaults): PublishTarget[] {
  if (inputs.length === 0) throw new UsageError('publish needs at least one target: --to <ref> or --to <registry name>');
  const out: PublishTarget[] = [];
  const seen = new Set<string>();
  for (const raw of inputs) {
    const input = raw.trim();
    const what = '--to';
    const slash = input.indexOf('/');
    const head = slash < 0 ? input : input.slice(0, slash);
    const entry = configuredEntry(config, head.includes(':') ? '' : head);
    let ref: RegistryReference;
    const fallback = defaultTags(defaults);
    if (entry && slash < 0) {
      if (fallback.length === 0) {
        throw new UsageError(
          `--to '${input}' names registry '${entry.name}' (${entry.source}) without a tag: give --tag <tag>, or a ref as in ${input}/${defaults.repository}:1.0.0`,
        );
      }
      ref = parseTarget(`${entry.host}/${defaults.repository}`, what);
    } else if (entry) {
      ref = parseTarget(`${entry.host}${input.slice(slash)}`, what);
    } else {
      ref = parseTarget(input, what);
      if (slash < 0 || (ref.registry === 'docker.io' && !input.startsWith('docker.io/'))) {
        const names = config.entries.map((e) => e.name);
        throw new UsageError(
          `--to '${input}' is neither a registry ref with a host (as in ghcr.io/acme/cart:1.0.0) nor a registry name of the configuration${names.length ? ` (${names.join(', ')})` : ' (none is configured: --registries <file> or FLOTILLA_REGISTRIES)'}`,
        );
      }
    }
    if (ref.digest !== undefined) throw new UsageError(`--to '${input}' names a digest; a publish target names a tag`);
    const tags = ref.tag !== undefined ? [ref.tag] : fallback;
    if (tags.length === 0) throw new UsageError(`--to '${input}' names no tag: add one, as in ${input}:1.0.0, or give --tag`);
    for (const tag of tags) {
      const full = { ...ref, tag };
      const display = formatReference(full);
      if (seen.has(display)) throw new UsageError(`--to '${input}' repeats target ${display}`);
      seen.add(display);
      out.push({ input, ref: full, display, ...(entry ? { registryName: entry.name } : {}) });
    }
  }
  return out;
}

/**
 * `--to` values for one component of a lock: a registry name or host alone
 * becomes `<host>/<component>:<tag>`, a repository prefix
 * (`prod/acme`, `ghcr.io/acme`) becomes `<prefix>/<component>:<tag>`.
 */
export function prefixTargets(inputs: readonly string[], config: RegistryConfig, component: string, tag: string): string[] {
  return inputs.map((raw) => {
    const input = raw.trim().replace(/\/+$/, '');
    const slash = input.indexOf('/');
    const last = input.slice(input.lastIndexOf('/') + 1);
    if (input.includes('@') || (slash >= 0 && last.includes(':'))) {
      throw new UsageError(
        `--to '${raw}' names a tag or digest; when publishing every component of a lock, give registries or repository prefixes (as in ghcr.io/acme)`,
      );
    }
    const head = slash < 0 ? input : input.slice(0, slash);
    if (slash < 0 && !configuredEntry(config, head) && !head.includes('.') && !head.includes(':') && head !== 'localhost') {
      // a bare word that is no configured registry: resolveTargets explains
      return input;
    }
    return `${input}/${component}:${tag}`;
  });
}

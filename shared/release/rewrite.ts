import { isAbsolute, join, resolve } from 'node:path';
import { type Origin, SpecError } from '../config/origin.ts';
import { InvalidReferenceError, parseReference, type Reference, type RegistryReference } from '../oci/reference.ts';
import { hostMatches, type RegistryEntry } from './registries.ts';
import type { RewriteRule } from './spec.ts';

/** Expands `${VAR}` and `${VAR:-default}` from `vars`; an unset variable without default is an error at `origin`. */
export function expandVariables(text: string, vars: Readonly<Record<string, string | undefined>>, origin: Origin): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback: string | undefined) => {
    const v = vars[name];
    if (v !== undefined && v !== '') return v;
    if (fallback !== undefined) return fallback;
    throw new SpecError(origin, `environment variable ${name} is not set; set it, or write \${${name}:-default}`, 'SPEC_VARIABLE_UNSET');
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
      throw new SpecError(origin, `rewrite target '${target}' does not give a valid reference: ${err.message}`, 'SPEC_REWRITE_INVALID');
    throw err;
  }
  if (parsed.kind !== 'registry' || parsed.registry !== host) {
    throw new SpecError(
      origin,
      `rewrite target '${target}' must be host[:port][/prefix] (a host has a '.' or ':' or is localhost), oci:<dir> or a registry name`,
      'SPEC_REWRITE_INVALID',
    );
  }
  const out: RegistryReference = { kind: 'registry', registry: parsed.registry, repository: parsed.repository };
  if (ref.tag !== undefined) out.tag = ref.tag;
  if (ref.digest !== undefined) out.digest = ref.digest;
  return out;
}

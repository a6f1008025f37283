import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import schema from '../../schemas/flotilla.schema.json' with { type: 'json' };
import { type Origin, originOf, SpecError } from '../config/origin.ts';
import { loadYamlFile, parseYaml, validateAgainstSchema, type YamlPath, type YamlSource } from '../config/yaml-source.ts';
import { type RolloutConfig, readRolloutConfig } from '../rollout/config.ts';
import { type ComponentDecl, readComponentDecl } from './component-decl.ts';
import { type RegistryEntry, type RegistryList, readRegistries, registryFor } from './registries.ts';

export { type Origin, SpecError } from '../config/origin.ts';
export type { ComponentDecl, DeclaredSource } from './component-decl.ts';
export type { RegistryEntry, RegistryList } from './registries.ts';

/** The package of the composed component: `namespace:name@version`. */
export interface PackageName {
  namespace: string;
  name: string;
  version?: string;
  /** `namespace:name` */
  id: string;
}

/** A component of the spec with its WAC package name settled. */
export interface SpecComponent extends ComponentDecl {
  package: string;
}

export type CompositionDecl =
  | { kind: 'wac'; written: string /** absolute */; file: string; origin: Origin }
  | { kind: 'plug'; socket: string; origin: Origin };

/** Policy settings; each may be left unset at one level and set at another. */
export interface PolicyDecl {
  /** Absolute path of the policy file. */
  file?: string;
  requireDigest?: boolean;
  requireSignature?: boolean;
  /** Where each was written. */
  fileOrigin?: Origin;
  requireDigestOrigin?: Origin;
  requireSignatureOrigin?: Origin;
}

export interface RewriteRule {
  /** `*`, a registry name of the spec, or a host pattern (`ghcr.io`, `*.azurecr.io`). */
  match: string;
  /** As written; `${VAR}` and `${VAR:-default}` are expanded when the plan is made. */
  target: string;
  origin: Origin;
}

export interface EnvironmentDecl {
  name: string;
  origin: Origin;
  rewrite: RewriteRule[];
  tagSuffix?: { value: string; origin: Origin };
  /** Replacement components, by name (each names a component of the spec). */
  components: SpecComponent[];
  policy: PolicyDecl;
  /** `observability:` of the environment, when written. */
  observability?: ObservabilityDecl;
}

/** `observability: true|false`: a tracing tap on every service edge (shared/interpose/graph.ts tapEveryEdge). */
export interface ObservabilityDecl {
  enabled: boolean;
  origin: Origin;
}

/** A loaded, validated `flotilla.yaml`. */
export interface Spec {
  /** Absolute path of the spec file. */
  file: string;
  /** Folder every relative path of the spec is resolved against. */
  dir: string;
  source: YamlSource;
  name: string;
  package: PackageName;
  registries: RegistryList;
  /** In the order written. */
  components: SpecComponent[];
  composition: CompositionDecl;
  /** `observability:` at the top level, when written. */
  observability?: ObservabilityDecl;
  policy: PolicyDecl;
  /** In the order written. */
  environments: EnvironmentDecl[];
  /** Variables `${VAR}` may read besides FLOTILLA_* (the spec's `variables:` list). */
  variables: string[];
  /** The `rollout:` section (canary and blue-green releases), when the spec has one: shared/rollout/config.ts. */
  rollout?: RolloutConfig;
}

/** Reads, validates and checks a composition spec; every error is a ConfigError naming file:line:column and field. */
export function loadSpec(file: string): Spec {
  const abs = resolve(file);
  return buildSpec(loadYamlFile(abs), abs);
}

/** Same as loadSpec for text already in memory (`file` is used for messages and relative paths). */
export function parseSpec(file: string, text: string): Spec {
  const abs = resolve(file);
  return buildSpec(parseYaml(abs, text), abs);
}

type Json = Record<string, unknown>;

function buildSpec(src: YamlSource, file: string): Spec {
  validateAgainstSchema(src, schema);
  const value = src.value as Json;
  const dir = dirname(file);
  const pkg = readPackage(value.package as string);
  const registries = readRegistries(src, dir);
  const components = readComponents(src, value.components as Json, dir, pkg, registries.entries);
  const composition = readComposition(src, value.composition as Json, dir, components);
  const policy = readPolicy(src, [], value, dir);
  const environments = readEnvironments(src, (value.environments ?? {}) as Json, dir, components, registries.entries);
  const spec: Spec = {
    file,
    dir,
    source: src,
    name: value.name as string,
    package: pkg,
    registries,
    components,
    composition,
    policy,
    environments,
    variables: Array.isArray(value.variables) ? (value.variables as unknown[]).map(String) : [],
  };
  const rollout = readRolloutConfig(src, {
    specName: spec.name,
    dir,
    components: components.map((c) => c.name),
    environments: environments.map((e) => e.name),
  });
  if (rollout) spec.rollout = rollout;
  const observability = readObservability(src, [], value);
  if (observability) spec.observability = observability;
  checkObservability(observability, composition);
  for (const env of environments) checkObservability(env.observability ?? observability, composition);
  return spec;
}

function readObservability(src: YamlSource, base: YamlPath, value: Json): ObservabilityDecl | undefined {
  if (typeof value.observability !== 'boolean') return undefined;
  return { enabled: value.observability, origin: originOf(src, [...base, 'observability']) };
}

/** Taps are put into a WAC composition's graph; plug mode composes by wac-graph's plug, without one to interpose in. */
function checkObservability(o: ObservabilityDecl | undefined, composition: CompositionDecl): void {
  if (o?.enabled && composition.kind !== 'wac') {
    throw new SpecError(
      o.origin,
      'observability: true needs a WAC composition (composition: { wac: <file.wac> }); plug mode has no graph to put taps in',
      'SPEC_OBSERVABILITY_PLUG',
    );
  }
}

function readPackage(text: string): PackageName {
  const at = text.indexOf('@');
  const id = at >= 0 ? text.slice(0, at) : text;
  const [namespace = '', name = ''] = id.split(':');
  const pkg: PackageName = { namespace, name, id };
  if (at >= 0) pkg.version = text.slice(at + 1);
  return pkg;
}

/** The default WAC package name of a component: `<namespace>:<name>` with `_` written as `-`. */
export function defaultPackageName(pkg: PackageName, component: string): string {
  return `${pkg.namespace}:${component.replace(/_/g, '-')}`;
}

/** The seed's `{ local: {...}, oci: {...} }` grouping: only those keys, each a map of entries (not a long-form component). */
function isGrouped(components: Json): boolean {
  const keys = Object.keys(components);
  if (keys.length === 0 || keys.some((k) => k !== 'local' && k !== 'oci')) return false;
  return keys.every((k) => {
    const v = components[k];
    return v !== null && typeof v === 'object' && !['ref', 'path', 'package', 'version'].some((f) => f in (v as Json));
  });
}

function readComponents(src: YamlSource, components: Json, dir: string, pkg: PackageName, registries: RegistryEntry[]): SpecComponent[] {
  const entries: { path: YamlPath; name: string; value: unknown; hint?: 'local' | 'oci' }[] = [];
  if (isGrouped(components)) {
    for (const group of ['local', 'oci'] as const) {
      for (const [name, value] of Object.entries((components[group] ?? {}) as Json)) {
        entries.push({ path: ['components', group, name], name, value, hint: group });
      }
    }
  } else {
    for (const [name, value] of Object.entries(components)) entries.push({ path: ['components', name], name, value });
  }
  if (entries.length === 0) throw src.error(['components'], 'a composition needs at least one component', 'SPEC_NO_COMPONENTS');
  const out: SpecComponent[] = [];
  const seen = new Map<string, Origin>();
  for (const e of entries) {
    const decl = readComponentDecl(src, e.path, e.name, e.value, dir, e.hint);
    const first = seen.get(e.name);
    if (first) throw src.error(e.path, `component '${e.name}' is declared twice (first at line ${first.line})`, 'SPEC_COMPONENT_DUPLICATE');
    seen.set(e.name, decl.origin);
    checkRegistryKnown(decl, registries);
    out.push({ ...decl, package: decl.package ?? defaultPackageName(pkg, e.name) });
  }
  const packages = new Map<string, string>();
  for (const c of out) {
    const other = packages.get(c.package);
    if (other) {
      throw new SpecError(
        c.origin,
        `components '${other}' and '${c.name}' have the same package name '${c.package}'; give one a package:`,
        'SPEC_PACKAGE_DUPLICATE',
      );
    }
    packages.set(c.package, c.name);
  }
  return out;
}

/** When the spec lists registries, every registry ref must point at one of them. */
function checkRegistryKnown(decl: ComponentDecl, registries: RegistryEntry[]): void {
  if (registries.length === 0 || decl.source.kind !== 'ref' || decl.source.ref.kind !== 'registry') return;
  const host = decl.source.ref.registry;
  if (registryFor(registries, host)) return;
  const known = registries.map((r) => (r.host ? `${r.name} (${r.host})` : `${r.name} (layout)`)).join(', ');
  throw new SpecError(
    decl.sourceOrigin,
    `component '${decl.name}': registry '${host}' of '${decl.source.written}' is not in registries; known: ${known}`,
    'SPEC_REGISTRY_UNKNOWN',
  );
}

function readComposition(src: YamlSource, composition: Json, dir: string, components: SpecComponent[]): CompositionDecl {
  const hasWac = composition.wac !== undefined;
  const hasPlug = composition.plug !== undefined;
  if (hasWac === hasPlug) {
    throw src.error(
      ['composition'],
      hasWac ? 'give either wac or plug, not both' : 'give either wac: <file.wac> or plug: { socket: <component> }',
      'SPEC_COMPOSITION',
    );
  }
  if (hasWac) {
    const written = composition.wac as string;
    const file = isAbsolute(written) ? written : resolve(dir, written);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw src.error(['composition', 'wac'], `WAC file '${written}' does not exist (looked for ${file})`, 'SPEC_WAC_MISSING');
    }
    return { kind: 'wac', written, file, origin: originOf(src, ['composition', 'wac']) };
  }
  const socket = (composition.plug as Json).socket as string;
  const path = ['composition', 'plug', 'socket'];
  if (!components.some((c) => c.name === socket)) {
    throw src.error(
      path,
      `socket '${socket}' is not a component; known: ${components.map((c) => c.name).join(', ')}`,
      'SPEC_SOCKET_UNKNOWN',
    );
  }
  if (components.length < 2)
    throw src.error(path, `plug mode needs at least one component besides the socket '${socket}'`, 'SPEC_SOCKET_ALONE');
  return { kind: 'plug', socket, origin: originOf(src, path) };
}

function readPolicy(src: YamlSource, base: YamlPath, value: Json, dir: string): PolicyDecl {
  const policy: PolicyDecl = {};
  if (typeof value.policy === 'string') {
    const file = isAbsolute(value.policy) ? value.policy : resolve(dir, value.policy);
    if (!existsSync(file))
      throw src.error([...base, 'policy'], `policy file '${value.policy}' does not exist (looked for ${file})`, 'SPEC_POLICY_MISSING');
    policy.file = file;
    policy.fileOrigin = originOf(src, [...base, 'policy']);
  }
  if (typeof value['require-digest'] === 'boolean') {
    policy.requireDigest = value['require-digest'];
    policy.requireDigestOrigin = originOf(src, [...base, 'require-digest']);
  }
  if (typeof value['require-signature'] === 'boolean') {
    policy.requireSignature = value['require-signature'];
    policy.requireSignatureOrigin = originOf(src, [...base, 'require-signature']);
  }
  return policy;
}

function readEnvironments(
  src: YamlSource,
  envs: Json,
  dir: string,
  components: SpecComponent[],
  registries: RegistryEntry[],
): EnvironmentDecl[] {
  const out: EnvironmentDecl[] = [];
  for (const [name, raw] of Object.entries(envs)) {
    const base = ['environments', name];
    const env = (raw ?? {}) as Json;
    const decl: EnvironmentDecl = {
      name,
      origin: originOf(src, base, 'key'),
      rewrite: [],
      components: [],
      policy: readPolicy(src, base, env, dir),
    };
    const observability = readObservability(src, base, env);
    if (observability) decl.observability = observability;
    for (const [match, target] of Object.entries((env.rewrite ?? {}) as Record<string, string>)) {
      const path = [...base, 'rewrite', match];
      const hostLike = match.includes('.') || match.includes(':') || match.includes('*') || match === 'localhost';
      if (match !== '*' && !hostLike && !registries.some((r) => r.name === match)) {
        const names = registries.map((r) => r.name);
        throw new SpecError(
          originOf(src, path, 'key'),
          `'${match}' is neither a registry of the spec${names.length > 0 ? ` (${names.join(', ')})` : ''} nor a host (a host has a '.' or ':')`,
          'SPEC_REWRITE_INVALID',
        );
      }
      if (match !== '*' && !/^[A-Za-z0-9*][A-Za-z0-9.*_:-]*$/.test(match)) {
        throw new SpecError(originOf(src, path, 'key'), `'${match}' is not *, a registry name or a host pattern`, 'SPEC_REWRITE_INVALID');
      }
      decl.rewrite.push({ match, target, origin: originOf(src, path) });
    }
    if (typeof env['tag-suffix'] === 'string')
      decl.tagSuffix = { value: env['tag-suffix'], origin: originOf(src, [...base, 'tag-suffix']) };
    for (const [cname, value] of Object.entries((env.components ?? {}) as Json)) {
      const path = [...base, 'components', cname];
      const original = components.find((c) => c.name === cname);
      if (!original) {
        throw src.error(
          path,
          `environment '${name}' overrides '${cname}', which is not a component; known: ${components.map((c) => c.name).join(', ')}`,
          'SPEC_OVERRIDE_UNKNOWN',
        );
      }
      const over = readComponentDecl(src, path, cname, value, dir);
      checkRegistryKnown(over, registries);
      decl.components.push({
        ...over,
        package: over.package ?? original.package,
        ...((over.version ?? original.version) ? { version: over.version ?? original.version } : {}),
      });
    }
    out.push(decl);
  }
  return out;
}

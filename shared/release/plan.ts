import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type Origin, SpecError } from '../config/origin.ts';
import { UsageError } from '../errors.ts';
import { formatReference, type Reference } from '../oci/reference.ts';
import { type RegistryEntry, registryFor } from './registries.ts';
import { applyRewrite, expandVariables, ruleFor, variablePolicy } from './rewrite.ts';
import type { EnvironmentDecl, PackageName, Spec, SpecComponent } from './spec.ts';

/** Where a planned component comes from, after the environment's overrides. */
export type PlannedSource =
  | { kind: 'path' /** absolute */; path: string /** relative to the spec folder, `/`-separated (for lock files) */; relative: string }
  | {
      kind: 'ref';
      /** Parsed; an `oci:` folder is absolute. */
      ref: Reference;
      /** The reference after overrides, an `oci:` folder relative to the spec (for lock files and messages). */
      text: string;
      /** The reference as written in the spec, before rewrites and tag suffixes. */
      written: string;
    };

export interface PlannedComponent {
  name: string;
  /** WAC package name (`ecommerce:user-service`). */
  package: string;
  version?: string;
  source: PlannedSource;
  /** Where the effective path or ref was written (the environment's line when it replaced the component). */
  origin: Origin;
  /** True when the environment replaced the component. */
  overridden: boolean;
  /** The rewrite rule that moved the ref, if any (`--registry-override` has no origin). */
  rewrittenBy?: Origin | 'registry-override';
  /** Name of the spec's registry entry that serves the effective ref, if any. */
  registry?: string;
}

export type PlannedComposition =
  | { kind: 'wac' /** absolute */; file: string; origin: Origin }
  | { kind: 'plug'; socket: string /** every other component, in spec order */; plugs: string[]; origin: Origin };

export interface PlannedPolicy {
  /** Absolute path of the policy file, if any. */
  file?: string;
  requireDigest: boolean;
  requireSignature: boolean;
  /** Where the settings in effect were written (the environment's line when it set them). */
  fileOrigin?: Origin;
  requireSignatureOrigin?: Origin;
}

/** The effective composition for one environment: what compose resolves, pulls and composes. */
export interface Plan {
  specFile: string;
  specDir: string;
  name: string;
  package: PackageName;
  /** Undefined when no environment was chosen (the spec as written). */
  environment?: string;
  /** In spec order. */
  components: PlannedComponent[];
  composition: PlannedComposition;
  policy: PlannedPolicy;
  registries: RegistryEntry[];
  /** A tracing tap on every service edge (`observability: true`, the environment's or the spec's). */
  observability: boolean;
}

export interface PlanOptions {
  /** Values for `${VAR}` in rewrite targets (the CLI and action pass process.env). */
  vars?: Readonly<Record<string, string | undefined>>;
  /**
   * Sends every registry ref to this target instead of the environment's
   * rewrites (`host[:port][/prefix]`, `oci:<dir>` or a registry name), e.g.
   * `127.0.0.1:5000` for a test registry. Tag suffixes still apply.
   */
  registryOverride?: string | undefined;
}

/** Looks an environment up; an unknown name is a SpecError at `environments` listing the known ones. */
export function findEnvironment(spec: Spec, name: string): EnvironmentDecl {
  const env = spec.environments.find((e) => e.name === name);
  if (env) return env;
  const known = spec.environments.map((e) => e.name);
  const origin: Origin =
    known.length > 0
      ? { ...spec.source.positionOf(['environments'], 'key'), field: 'environments' }
      : { file: spec.file, line: 1, column: 1, field: 'environments' };
  throw new SpecError(
    origin,
    known.length > 0
      ? `environment '${name}' is not defined; known environments: ${known.join(', ')}`
      : `environment '${name}' is not defined; the spec has no environments`,
    'SPEC_ENVIRONMENT_UNKNOWN',
  );
}

/**
 * The effective component list of `spec` for `envName` (or the spec as
 * written when undefined): the environment's component replacements, registry
 * rewrites (or `options.registryOverride`), tag suffix and policy settings.
 * Pure: reads no file.
 */
export function resolvePlan(spec: Spec, envName?: string, options: PlanOptions = {}): Plan {
  const env = envName === undefined ? undefined : findEnvironment(spec, envName);
  const vars = options.vars ?? {};
  const override = options.registryOverride?.trim();
  if (override !== undefined && override === '')
    throw new UsageError('--registry-override is empty: give host[:port][/prefix], oci:<dir> or a registry name');
  const registries = spec.registries.entries;
  const components = spec.components.map((c) => planComponent(spec, c, env, vars, override));
  const composition: PlannedComposition =
    spec.composition.kind === 'wac'
      ? { kind: 'wac', file: spec.composition.file, origin: spec.composition.origin }
      : {
          kind: 'plug',
          socket: spec.composition.socket,
          plugs: spec.components.filter((c) => c.name !== (spec.composition as { socket: string }).socket).map((c) => c.name),
          origin: spec.composition.origin,
        };
  const policy: PlannedPolicy = {
    requireDigest: env?.policy.requireDigest ?? spec.policy.requireDigest ?? false,
    requireSignature: env?.policy.requireSignature ?? spec.policy.requireSignature ?? false,
  };
  const policyFile = env?.policy.file ?? spec.policy.file;
  if (policyFile !== undefined) policy.file = policyFile;
  const fileOrigin = env?.policy.file !== undefined ? env.policy.fileOrigin : spec.policy.fileOrigin;
  if (policyFile !== undefined && fileOrigin !== undefined) policy.fileOrigin = fileOrigin;
  const signatureOrigin =
    env?.policy.requireSignature !== undefined ? env.policy.requireSignatureOrigin : spec.policy.requireSignatureOrigin;
  if (policy.requireSignature && signatureOrigin !== undefined) policy.requireSignatureOrigin = signatureOrigin;
  const plan: Plan = {
    specFile: spec.file,
    specDir: spec.dir,
    name: spec.name,
    package: spec.package,
    components,
    composition,
    policy,
    registries,
    observability: (env?.observability ?? spec.observability)?.enabled ?? false,
  };
  if (envName !== undefined) plan.environment = envName;
  return plan;
}

function planComponent(
  spec: Spec,
  base: SpecComponent,
  env: EnvironmentDecl | undefined,
  vars: Readonly<Record<string, string | undefined>>,
  override: string | undefined,
): PlannedComponent {
  const replacement = env?.components.find((c) => c.name === base.name);
  const decl = replacement ?? base;
  const out: PlannedComponent = {
    name: decl.name,
    package: decl.package,
    source: { kind: 'path', path: '', relative: '' },
    origin: decl.sourceOrigin,
    overridden: replacement !== undefined,
  };
  if (decl.version !== undefined) out.version = decl.version;
  if (decl.source.kind === 'path') {
    out.source = { kind: 'path', path: decl.source.path, relative: relativeToSpec(spec.dir, decl.source.path) };
    return out;
  }
  let ref: Reference = decl.source.ref;
  if (ref.kind === 'layout') {
    ref = { ...ref, path: resolveFrom(spec.dir, ref.path) };
  } else if (override !== undefined) {
    ref = applyRewrite(ref, override, overrideOrigin(override), spec.registries.entries, process.cwd());
    out.rewrittenBy = 'registry-override';
  } else if (env) {
    const rule = ruleFor(env.rewrite, ref.registry, spec.registries.entries);
    if (rule) {
      const moved = applyRewrite(
        ref,
        expandVariables(rule.target, vars, rule.origin, variablePolicy(spec.variables, spec.registries.entries)),
        rule.origin,
        spec.registries.entries,
        spec.dir,
      );
      if (moved !== ref) out.rewrittenBy = rule.origin;
      ref = moved;
    }
  }
  const suffix = env?.tagSuffix?.value;
  if (suffix && !replacement && ref.tag !== undefined) ref = { ...ref, tag: `${ref.tag}${suffix}` };
  out.source = { kind: 'ref', ref, text: referenceText(spec.dir, ref), written: decl.source.written };
  if (ref.kind === 'registry') {
    const entry = registryFor(spec.registries.entries, ref.registry);
    if (entry) out.registry = entry.name;
  } else {
    const entry = spec.registries.entries.find((e) => e.layout !== undefined && ref.kind === 'layout' && isInside(e.layout, ref.path));
    if (entry) out.registry = entry.name;
  }
  return out;
}

function overrideOrigin(value: string): Origin {
  return { file: '--registry-override', line: 1, column: 1, field: value };
}

function resolveFrom(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..');
}

/** A path relative to the spec folder with `/` separators, so lock files read the same on every machine. */
export function relativeToSpec(specDir: string, path: string): string {
  return relative(specDir, path).split(sep).join('/');
}

/** A reference as lock files and messages show it: `oci:` folders relative to the spec. */
export function referenceText(specDir: string, ref: Reference): string {
  if (ref.kind === 'registry') return formatReference(ref);
  const rel = relativeToSpec(specDir, ref.path);
  return formatReference({ ...ref, path: rel === '' ? '.' : rel });
}

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import lockSchema from '../../schemas/flotilla-lock.schema.json' with { type: 'json' };
import { redact } from '../auth/secrets.ts';
import { formatOrigin, type Origin } from '../config/origin.ts';
import { ConfigError, parseYaml, validateAgainstSchema } from '../config/yaml-source.ts';
import { FlotillaError } from '../errors.ts';
import type { Digest } from '../oci/digest.ts';
import type { Reference } from '../oci/reference.ts';
import { type Plan, type PlannedComponent, referenceText } from './plan.ts';

/** The lock of the spec as written (no environment). */
export const LOCK_FILE_NAME = 'flotilla.lock.json';
export const LOCK_VERSION = 1;

/**
 * One lock per environment: `flotilla.<environment>.lock.json` beside the
 * spec (`flotilla.lock.json` for the spec as written), so composing staging
 * never overwrites what production was composed from.
 */
export function lockFileName(environment?: string): string {
  return environment === undefined ? LOCK_FILE_NAME : `flotilla.${environment}.lock.json`;
}

/** The default lock of an environment: `lockFileName(environment)` in the spec's folder. */
export function defaultLockFile(specDir: string, environment?: string): string {
  return join(specDir, lockFileName(environment));
}

/** How messages name a lock: `the lock of environment 'staging'`, or of the spec as written. */
export function lockLabel(environment: string | undefined): string {
  return environment === undefined ? 'the lock of the spec without an environment' : `the lock of environment '${environment}'`;
}

/**
 * Every relative path in a lock (a `path`, an `oci:` folder in `ref` and
 * `registry`) is relative to the lock file's folder, `/`-separated: one rule
 * for compose, which writes them, and for `verify --lock` and
 * `publish --lock`, which read them, wherever the lock is and wherever the
 * command runs.
 */
export function lockRelativePath(lockDir: string, path: string): string {
  const rel = relative(lockDir, path).split(sep).join('/');
  return rel === '' ? '.' : rel;
}

/** A lock path read back: absolute, against the lock file's folder. */
export function resolveLockPath(lockFile: string, path: string): string {
  return resolve(dirname(lockFile), path);
}

export interface LockedLayer {
  digest: Digest;
  size: number;
  mediaType: string;
}

/** What every component of a lock records, whatever its source. */
interface LockedComponentCommon {
  name: string;
  package: string;
  version?: string;
  /** Manifest digest (ref) or the file's digest (path). */
  digest: Digest;
  /** Manifest size (ref) or file size (path). */
  size: number;
  /** Manifest media type (ref) or `application/wasm` (path). */
  mediaType: string;
  imports: string[];
  exports: string[];
  /** Promotion: the ref (with the same digest) the component was copied or taken from, in the source environment. */
  promotedFrom?: string;
}

/** A component taken from a registry or an `oci:` store. */
export interface LockedRefComponent extends LockedComponentCommon {
  source: 'ref';
  /** The reference after overrides (`oci:` folders relative to the lock file's folder). */
  ref: string;
  /** Where the ref was resolved: `host[:port]`, or `oci:<dir>` (relative to the lock's folder) for an on-disk store. */
  registry: string;
  /** The spec's registry entry serving it, if any. */
  registryName?: string;
  /** The component layer of the manifest. */
  layer: LockedLayer;
}

/** A component read from a local file. */
export interface LockedFileComponent extends LockedComponentCommon {
  source: 'path';
  /** The local file relative to the lock file's folder, `/`-separated. */
  path: string;
}

/** One component of a lock file: from a registry (`source: 'ref'`) or from a file (`source: 'path'`); narrow on `source`. */
export type LockedComponent = LockedRefComponent | LockedFileComponent;

/** Where a promoted lock came from. */
export interface LockPromotion {
  /** The environment whose lock was promoted (absent: the spec as written). */
  environment?: string;
  /** That lock file, relative to this lock's folder. */
  lock: string;
}

export interface LockFile {
  lockVersion: 1;
  /** The spec's name. */
  spec: string;
  /** `namespace:name@version` of the composed component. */
  package: string;
  environment?: string;
  /** Set when this lock was made by promoting another environment's lock (`--promote-from`). */
  promotedFrom?: LockPromotion;
  /** Sorted by name. */
  components: LockedComponent[];
}

/** What compose learned about one planned component (from the registry or the local file). */
export interface ResolvedComponent {
  name: string;
  digest: Digest;
  size: number;
  mediaType: string;
  /** Refs only: the component layer. */
  layer?: LockedLayer;
  imports: readonly string[];
  exports: readonly string[];
}

export class LockError extends FlotillaError {}

function packageText(plan: Plan): string {
  return `${plan.package.id}${plan.package.version !== undefined ? `@${plan.package.version}` : ''}`;
}

/** Where a planned ref is resolved: the registry host, or the `oci:` folder relative to `lockDir`. */
export function sourceRegistry(lockDir: string, ref: Reference): string {
  if (ref.kind === 'registry') return ref.registry;
  return `oci:${lockRelativePath(lockDir, ref.path)}`;
}

/** What a lock in `lockDir` records as a planned component's source: `ref` (oci: folders relative to it) or `path`. */
export function lockedSource(c: PlannedComponent, lockDir: string): { ref: string } | { path: string } {
  return c.source.kind === 'path' ? { path: lockRelativePath(lockDir, c.source.path) } : { ref: referenceText(lockDir, c.source.ref) };
}

/**
 * Builds the lock of a plan from what compose resolved; every planned
 * component must be resolved once. Relative paths are written against
 * `lockDir`, the folder of the lock file (default the spec's).
 */
export function buildLock(plan: Plan, resolved: readonly ResolvedComponent[], lockDir: string = plan.specDir): LockFile {
  const byName = new Map(resolved.map((r) => [r.name, r]));
  const components = plan.components.map((c): LockedComponent => {
    const r = byName.get(c.name);
    if (!r)
      throw new LockError(
        'LOCK_INCOMPLETE',
        `component '${c.name}' was not resolved; every planned component needs a digest before ${lockLabel(plan.environment)} is written`,
      );
    const common: LockedComponentCommon = {
      name: c.name,
      package: c.package,
      digest: r.digest,
      size: r.size,
      mediaType: r.mediaType,
      imports: [...r.imports].sort(),
      exports: [...r.exports].sort(),
    };
    if (c.version !== undefined) common.version = c.version;
    if (c.source.kind === 'path') return { ...common, source: 'path', path: lockRelativePath(lockDir, c.source.path) };
    if (!r.layer)
      throw new LockError('LOCK_INCOMPLETE', `component '${c.name}' (${c.source.text}) was resolved without its component layer`);
    const out: LockedRefComponent = {
      ...common,
      source: 'ref',
      ref: referenceText(lockDir, c.source.ref),
      registry: sourceRegistry(lockDir, c.source.ref),
      layer: { digest: r.layer.digest, size: r.layer.size, mediaType: r.layer.mediaType },
    };
    if (c.registry !== undefined) out.registryName = c.registry;
    return out;
  });
  const extra = resolved.filter((r) => !plan.components.some((c) => c.name === r.name));
  if (extra.length > 0)
    throw new LockError(
      'LOCK_INCOMPLETE',
      `resolved components not in the plan of ${lockLabel(plan.environment)}: ${extra.map((r) => r.name).join(', ')}`,
    );
  const lock: LockFile = {
    lockVersion: 1,
    spec: plan.name,
    package: packageText(plan),
    components: components.sort((a, b) => compare(a.name, b.name)),
  };
  if (plan.environment !== undefined) lock.environment = plan.environment;
  return lock;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(compare)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The lock as written: keys sorted, components by name, two-space indent, trailing newline. Same lock, same bytes. */
export function formatLock(lock: LockFile): string {
  const ordered = { ...lock, components: [...lock.components].sort((a, b) => compare(a.name, b.name)) };
  return `${JSON.stringify(sortKeys(ordered), null, 2)}\n`;
}

/** Writes the lock through a temporary file and a rename, so a reader never sees half a lock. */
export function writeLock(file: string, lock: LockFile): void {
  const text = formatLock(lock);
  if (redact(text) !== text) {
    throw new LockError(
      'LOCK_HOLDS_SECRET',
      `${file} was not written: the lock would hold a credential (a reference or rewrite target of the spec carries one); remove it from the spec and the variables it reads`,
    );
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export interface ReadLockOptions {
  /** The environment the caller expects the lock to be for, named in every error (default: the one the lock says). */
  environment?: string;
}

/**
 * Reads and validates a lock file; errors name the file, line, column and
 * JSON path, and which environment's lock it is.
 */
export function readLock(file: string, options: ReadLockOptions = {}): LockFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError({ file, line: 1, column: 1 }, '', `cannot read ${lockLabel(options.environment)}: ${why}`, {
      cause: err,
      code: 'LOCK_UNREADABLE',
    });
  }
  return parseLock(file, text, options);
}

/** The environment a lock's text says it is for, if it can be read at all (for messages about a broken lock). */
function declaredEnvironment(text: string): string | undefined {
  try {
    const v = (JSON.parse(text) as { environment?: unknown }).environment;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A ConfigError about a lock with `(the lock of environment 'x')` after its message. */
function aboutLock(err: ConfigError, label: string): ConfigError {
  const where = `${err.position.file}:${err.position.line}:${err.position.column}: ${err.field ? `${err.field}: ` : ''}`;
  const message = err.message.startsWith(where) ? err.message.slice(where.length) : err.message;
  return new ConfigError(err.position, err.field, `${message} (${label})`, { cause: err, code: err.code });
}

/** Parses lock text (`file` names it in messages). */
export function parseLock(file: string, text: string, options: ReadLockOptions = {}): LockFile {
  try {
    JSON.parse(text);
  } catch (err) {
    throw new ConfigError(
      jsonErrorPosition(file, text, err as Error),
      '',
      `not valid JSON: ${jsonErrorText(err as Error)} (${lockLabel(options.environment)})`,
      { cause: err, code: 'LOCK_SYNTAX' },
    );
  }
  const label = lockLabel(options.environment ?? declaredEnvironment(text));
  // JSON is YAML: parsing it as YAML keeps the line and column of every value for messages.
  const src = parseYaml(file, text);
  try {
    validateAgainstSchema(src, lockSchema);
  } catch (err) {
    throw err instanceof ConfigError ? aboutLock(err, label) : err;
  }
  const lock = src.value as LockFile;
  const seen = new Set<string>();
  lock.components.forEach((c, i) => {
    if (seen.has(c.name)) throw src.error(['components', i, 'name'], `component '${c.name}' is locked twice (${label})`, 'LOCK_INVALID');
    seen.add(c.name);
  });
  return lock;
}

/** Where V8 says a JSON syntax error is (`line L column C`, or `position N`); the start of the file when it does not say. */
function jsonErrorPosition(file: string, text: string, err: Error): { file: string; line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(err.message);
  if (lc) return { file, line: Number(lc[1]), column: Number(lc[2]) };
  const p = /position (\d+)/.exec(err.message);
  if (!p) return { file, line: 1, column: 1 };
  const before = text.slice(0, Number(p[1])).split('\n');
  return { file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** V8's message without the copy of the input it sometimes quotes, and without the position (already in front). */
function jsonErrorText(err: Error): string {
  return err.message
    .replace(/, ".*" is not valid JSON$/s, ' (not valid JSON)')
    .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?$/, '');
}

/** One way in which a plan and a lock disagree. */
export interface Disagreement {
  kind: 'spec' | 'environment' | 'package' | 'added' | 'removed' | 'source' | 'ref' | 'path' | 'component-package' | 'pinned-digest';
  /** The component concerned, if any. */
  component?: string;
  /** Where the spec says what it says (for annotations), if known. */
  origin?: Origin;
  message: string;
}

/**
 * Compares a plan with a lock in `lockDir` (default the spec's folder):
 * everything that `--frozen` refuses. An empty list means the lock's digests
 * are exactly what the plan asks for.
 */
export function checkFrozen(plan: Plan, lock: LockFile, lockDir: string = plan.specDir): Disagreement[] {
  const out: Disagreement[] = [];
  if (lock.spec !== plan.name) out.push({ kind: 'spec', message: `the lock is for spec '${lock.spec}', the spec is '${plan.name}'` });
  if ((lock.environment ?? '') !== (plan.environment ?? '')) {
    const name = (e: string | undefined) => (e === undefined ? 'no environment' : `environment '${e}'`);
    out.push({
      kind: 'environment',
      message: `the lock was made for ${name(lock.environment)}, this compose is for ${name(plan.environment)}`,
    });
  }
  const pkg = packageText(plan);
  if (lock.package !== pkg) out.push({ kind: 'package', message: `the lock is for package '${lock.package}', the spec says '${pkg}'` });
  const locked = new Map(lock.components.map((c) => [c.name, c]));
  for (const c of plan.components) {
    const l = locked.get(c.name);
    // a disagreement about this planned component, at its place in the spec
    const say = (kind: Disagreement['kind'], what: string) =>
      out.push({ kind, component: c.name, origin: c.origin, message: `${formatOrigin(c.origin)}: component '${c.name}'${what}` });
    if (!l) {
      say('added', ' is in the spec but not in the lock');
      continue;
    }
    if (l.package !== c.package) say('component-package', `: package changed from '${l.package}' (lock) to '${c.package}' (spec)`);
    if (l.source !== c.source.kind) {
      say('source', ` is a ${c.source.kind} in the spec but a ${l.source} in the lock`);
      continue;
    }
    const planned = lockedSource(c, lockDir);
    if (l.source === 'path' || 'path' in planned) {
      const was = l.source === 'path' ? l.path : undefined;
      const now = 'path' in planned ? planned.path : undefined;
      if (was !== now) say('path', `: path changed from '${was}' (lock) to '${now}' (spec)`);
      continue;
    }
    if (l.ref !== planned.ref) {
      say('ref', `: ref changed from '${l.ref}' (lock) to '${planned.ref}' (spec)`);
      continue;
    }
    if (c.source.kind !== 'ref') continue;
    const pinned = c.source.ref.digest;
    if (pinned !== undefined && pinned !== l.digest) say('pinned-digest', ` is pinned to ${pinned} but the lock has ${l.digest}`);
  }
  const planned = new Set(plan.components.map((c) => c.name));
  for (const l of lock.components) {
    if (!planned.has(l.name))
      out.push({ kind: 'removed', component: l.name, message: `component '${l.name}' is in the lock but no longer in the spec` });
  }
  return out;
}

export class FrozenLockError extends FlotillaError {
  readonly disagreements: Disagreement[];
  constructor(lockFile: string, disagreements: Disagreement[], environment?: string) {
    super(
      'LOCK_FROZEN_MISMATCH',
      `--frozen: the spec and ${lockFile} (${lockLabel(environment)}) disagree (${disagreements.length}):\n${disagreements.map((d) => `  ${d.message}`).join('\n')}\nCompose without --frozen to update the lock, or restore the spec the lock was made from.`,
    );
    this.disagreements = disagreements;
  }
}

/** A planned component with what the lock says it must be. */
export interface FrozenComponent {
  component: PlannedComponent;
  locked: LockedComponent;
  /** Refs only: the planned ref pinned to the locked manifest digest (what to pull). */
  pull?: Reference;
}

/**
 * For `--frozen`: throws FrozenLockError listing every disagreement, else
 * gives each component with the locked digest to pull (refs) or to check the
 * local file against (paths).
 */
export function frozenComponents(plan: Plan, lock: LockFile, lockFile = lockFileName(plan.environment)): FrozenComponent[] {
  const disagreements = checkFrozen(plan, lock, dirname(resolve(plan.specDir, lockFile)));
  if (disagreements.length > 0) throw new FrozenLockError(lockFile, disagreements, lock.environment);
  const locked = new Map(lock.components.map((c) => [c.name, c]));
  return plan.components.map((component) => {
    const l = locked.get(component.name) as LockedComponent;
    const out: FrozenComponent = { component, locked: l };
    if (component.source.kind === 'ref') out.pull = { ...component.source.ref, digest: l.digest };
    return out;
  });
}

/** A component whose ref is not pinned by digest. */
export interface UnpinnedComponent {
  name: string;
  ref: string;
  origin: Origin;
}

export function unpinnedComponents(plan: Plan): UnpinnedComponent[] {
  return plan.components.flatMap((c) =>
    c.source.kind === 'ref' && c.source.ref.digest === undefined ? [{ name: c.name, ref: c.source.text, origin: c.origin }] : [],
  );
}

export class UnpinnedReferencesError extends FlotillaError {
  readonly unpinned: UnpinnedComponent[];
  constructor(plan: Plan, unpinned: UnpinnedComponent[]) {
    const env = plan.environment !== undefined ? `environment '${plan.environment}'` : 'this spec';
    super(
      'SPEC_UNPINNED',
      `${env} requires every ref pinned by digest (require-digest); ${unpinned.length} ${unpinned.length === 1 ? 'is' : 'are'} not:\n${unpinned
        .map((u) => `  ${formatOrigin(u.origin)}: ${u.name}: '${u.ref}' has no @sha256:<digest>`)
        .join('\n')}\nPin each as <ref>@sha256:<digest> (the digests are in the lock file of a staging compose).`,
    );
    this.unpinned = unpinned;
  }
}

/** Throws UnpinnedReferencesError naming each component (with its spec line) whose ref has no digest. */
export function requireDigests(plan: Plan): void {
  const unpinned = unpinnedComponents(plan);
  if (unpinned.length > 0) throw new UnpinnedReferencesError(plan, unpinned);
}

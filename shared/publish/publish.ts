import { basename, dirname, join, resolve } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { readWasmFile } from '../artifact/operations.ts';
import { buildWasmArtifact, pushWasmArtifact, type WasmArtifact } from '../artifact/wasm-artifact.ts';
import { errorMessage, FlotillaError, UsageError } from '../errors.ts';
import { writeFileAtomically } from '../fs/atomic-write.ts';
import { Copier } from '../oci/copy.ts';
import { type Digest, sha256 } from '../oci/digest.ts';
import { parseReference } from '../oci/reference.ts';
import type { ContentStore, CopyTarget } from '../oci/store.ts';
import type { Descriptor } from '../oci/types.ts';
import { loadPolicy } from '../policy/load.ts';
import { checkPublish, PolicyRefusalError, type PublishRefusal } from '../policy/publish-gate.ts';
import type { Policy } from '../policy/types.ts';
import { resolveRegistryConfig } from '../registry-config/load.ts';
import { Stores } from '../registry-config/stores.ts';
import type { RegistryConfig } from '../registry-config/types.ts';
import { lockLabel, readLock } from '../release/lock.ts';
import { type BundleReferrer, bundleReferrer } from '../sign/referrer.ts';
import type { SignedBundle, StatementSigner } from '../sign/signer.ts';
import { type CompositionComponent, compositionStatement, signStatement } from '../sign/statement.ts';
import { publishCreated } from './created.ts';
import { type PreparedSigner, prepareSigner, type SigningRequest, signedBy } from './signing.ts';
import { type PublishTarget, prefixTargets, resolveTargets } from './targets.ts';

/**
 * `flotilla publish` and the publish action: one component to one or many
 * registries. In order, and before any upload: read the binary and build
 * its Wasm OCI artifact (deterministic bytes, so the manifest digest is the
 * same in every registry), resolve the targets, load the signing key, ask
 * the policy gate for every target; then sign once (the signature and the
 * composition attestation are about the digest, which every registry
 * shares), push to every registry concurrently (targets of one registry one
 * after the other, so that the second mounts the blobs the first uploaded),
 * and attach the bundles to each as referrers.
 */

export interface PublishOptions {
  /** The component (.wasm). */
  file: string;
  /** `--to` values: refs, or registry names of the configuration (see resolveTargets). */
  to: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Registry configuration file; else FLOTILLA_REGISTRIES. Ignored when `config` is given. */
  registries?: string | undefined;
  config?: RegistryConfig;
  /**
   * The stores of the command (registry clients sharing connections, tokens
   * and mount sources), e.g. for many publishes in one process; their
   * configuration then wins over `config` and `registries`.
   */
  stores?: Stores;
  /** Component name for the policy and for bare registry targets; default the file name without `.wasm`. */
  name?: string | undefined;
  /** Tag for bare registry targets and refs without one. */
  tag?: string;
  /** More tags for bare registry targets and refs without one (the Git context's, see git-tags.ts): one target each. */
  tags?: readonly string[] | undefined;
  /** `org.opencontainers.image.version` annotation. */
  version?: string;
  /** RFC 3339 creation time; default SOURCE_DATE_EPOCH, else the commit's time (see created.ts), else the epoch. */
  created?: string | undefined;
  annotations?: Record<string, string> | undefined;
  /**
   * Labels, as build-push-action takes them: a Wasm artifact has no image
   * config to hold them, so they are manifest annotations too (where OCI
   * tools and registries read `org.opencontainers.image.*`); `annotations`
   * win over labels of the same key.
   */
  labels?: Record<string, string> | undefined;
  /** `false`: build the artifacts and check the policy, but push and sign nothing (default true). */
  push?: boolean;
  /** Policy file checked before any upload. */
  policy?: string;
  environment?: string;
  signing: SigningRequest;
  /** Lock of the composition that produced the component: its inputs go into the composition attestation. */
  lock?: string | undefined;
  /** Folder the bundles are written to (default `cwd`). */
  bundleDir?: string;
  /** Clock for the referrers' creation time (tests). */
  now?: () => Date;
}

export interface PublishedTarget {
  ref: string;
  registry: string;
  repository: string;
  tag: string;
  /** Digest of the signature's referrer manifest in this registry. */
  signatureReferrer?: Digest;
  /** Digest of the composition attestation's referrer manifest. */
  attestationReferrer?: Digest;
}

export interface PublishResult {
  name: string;
  descriptor: Descriptor;
  digest: Digest;
  /** The `application/wasm` layer. */
  layer: Descriptor;
  kind: 'component' | 'module';
  /** Every ref pushed (`host/repo:tag`). */
  refs: string[];
  targets: PublishedTarget[];
  /** Who signed (`key <id>`, or the keyless identity), when signed. */
  signedBy?: string;
  /** Path of the signature bundle JSON. */
  bundle?: string;
  /** Path of the composition attestation bundle JSON (with a lock). */
  attestationBundle?: string;
  /** The composition inputs attested. */
  composition?: CompositionComponent[];
  /** Policy refusals reported as warnings (mode `warn`). */
  warnings: string[];
  /** False when `push: false`: `refs` are what would be pushed; nothing was signed. */
  pushed: boolean;
  /** The creation time written into the artifact (built here; a copied artifact keeps its own). */
  created?: string;
  /** The manifest annotations of the artifact built here. */
  annotations?: Record<string, string>;
}

/**
 * Some targets could not be pushed (every target is tried): says which were
 * published (and signed) and why each other one failed.
 */
export class PublishFailedError extends FlotillaError {
  readonly published: readonly PublishedTarget[];
  readonly failures: readonly { ref: string; error: unknown }[];
  constructor(name: string, digest: Digest, published: PublishedTarget[], failed: Map<PublishTarget, unknown>) {
    const failures = [...failed].map(([t, error]) => ({ ref: t.display, error }));
    const done = published.length ? `published to ${published.map((p) => p.ref).join(', ')}` : 'nothing was published';
    super(
      'PUBLISH_FAILED',
      `publishing \`${name}\` (${digest}) failed on ${failures.length} of ${failures.length + published.length} target(s); ${done}:\n${failures
        .map((f) => `  - ${f.ref}: ${errorMessage(f.error)}`)
        .join('\n')}\nFix the cause and publish again: what is already there is not uploaded twice.`,
      { cause: failures[0]?.error },
    );
    this.published = published;
    this.failures = failures;
  }
}

/** A file of a lock is not what the lock recorded. */
export class LockMismatchError extends FlotillaError {
  constructor(message: string) {
    super('LOCK_MISMATCH', message);
  }
}

/** The composition inputs of a lock, as the attestation lists them. */
export function compositionFromLock(lockFile: string): { package: string; components: CompositionComponent[] } {
  const lock = readLock(lockFile);
  return {
    package: lock.package,
    components: lock.components.map((c) => ({
      name: c.name,
      ref: c.source === 'ref' ? c.ref : c.path,
      digest: c.digest,
      size: c.size,
    })),
  };
}

/**
 * Asks the policy gate about every target before anything is uploaded;
 * throws PolicyRefusalError naming every rule that refuses.
 */
export function gatePublish(
  policy: Policy,
  req: {
    environment?: string | undefined;
    name: string;
    targets: readonly PublishTarget[];
    /** `true`: a signer whose identity is not known yet (a dry run of a signing publish). */
    signer: PreparedSigner | true | undefined;
    imports: readonly string[];
  },
): string[] {
  const byRepository = new Map<string, string[]>();
  for (const t of req.targets) {
    const hosts = byRepository.get(t.ref.repository) ?? [];
    if (!hosts.includes(t.ref.registry)) hosts.push(t.ref.registry);
    byRepository.set(t.ref.repository, hosts);
  }
  const refusals: PublishRefusal[] = [];
  const messages: string[] = [];
  const warnings: string[] = [];
  for (const [repository, registries] of byRepository) {
    const decision = checkPublish(policy, {
      environment: req.environment,
      registries,
      component: req.name,
      ...(repository !== req.name ? { repository } : {}),
      signer: req.signer === true ? true : req.signer ? req.signer.identity : false,
      imports: req.imports,
    });
    if (decision.allowed) warnings.push(...decision.warnings.map((w) => w.reason));
    else {
      refusals.push(...decision.refusals);
      messages.push(decision.message);
    }
  }
  if (refusals.length > 0) throw new PolicyRefusalError(messages.join('\n'), refusals);
  return warnings;
}

interface Signatures {
  signature: SignedBundle;
  attestation?: SignedBundle;
}

async function signOnce(
  signer: StatementSigner,
  subjectName: string,
  digest: Digest,
  composition: { package: string; components: CompositionComponent[] } | undefined,
): Promise<Signatures> {
  const subject = { name: subjectName, digest };
  const signature = await signer.signStatement(signStatement(subject));
  if (!composition) return { signature };
  const attestation = await signer.signStatement(
    compositionStatement(subject, { version: pkg.version, package: composition.package, components: composition.components }),
  );
  return { signature, attestation };
}

/**
 * One component ready to go, built without any request: its manifest
 * descriptor (the digest every registry will hold), where it goes, and how
 * its content is uploaded to a store.
 */
interface PlannedPublish {
  name: string;
  targets: PublishTarget[];
  descriptor: Descriptor;
  layer: Descriptor;
  kind: 'component' | 'module';
  imports: readonly string[];
  upload(store: CopyTarget, tag: string): Promise<void>;
  composition?: { package: string; components: CompositionComponent[] };
  /** Built here: the creation time and manifest annotations. */
  created?: string | undefined;
  annotations?: Record<string, string>;
}

async function pushTo(
  store: CopyTarget,
  target: PublishTarget,
  plan: PlannedPublish,
  signatures: Signatures | undefined,
  created: Date,
): Promise<PublishedTarget> {
  const sig = signatures ? bundleReferrer(signatures.signature.bytes, plan.descriptor, { created }) : undefined;
  const att = signatures?.attestation ? bundleReferrer(signatures.attestation.bytes, plan.descriptor, { created }) : undefined;
  const referrers = [sig, att].filter((r): r is BundleReferrer => r !== undefined);
  // The referrers' blobs go up beside the artifact; their manifests only
  // after the artifact's, so a reader never finds a referrer of a missing
  // manifest, nor a referrer whose blobs are missing.
  await Promise.all([
    plan.upload(store, target.ref.tag),
    ...referrers.flatMap((r) => [
      store.push(r.config.descriptor, r.config.bytes),
      // a new signature's bytes are new (ECDSA signatures are randomized): no need to ask first
      store.push(r.layer.descriptor, r.layer.bytes, { knownAbsent: true }),
    ]),
  ]);
  for (const r of referrers) await store.pushManifest(r.descriptor, r.manifestBytes);
  return {
    ref: target.display,
    registry: target.ref.registry,
    repository: target.ref.repository,
    tag: target.ref.tag,
    ...(sig ? { signatureReferrer: sig.descriptor.digest } : {}),
    ...(att ? { attestationReferrer: att.descriptor.digest } : {}),
  };
}

/** The name a component is published under by default: its file name without `.wasm`, lower-cased. */
export function defaultComponentName(file: string): string {
  return basename(file)
    .replace(/\.wasm$/i, '')
    .toLowerCase();
}

/** What every publish shares: registry configuration, stores, signer, policy. */
interface PublishContext {
  config: RegistryConfig;
  stores: Stores;
  signer: PreparedSigner | undefined;
  policy: Policy | undefined;
  /** `push: false`: nothing is pushed or signed; the policy gate assumes the configured signing would sign. */
  dryRun: boolean;
  willSign: boolean;
}

type CommonOptions = Omit<PublishOptions, 'file' | 'name' | 'lock' | 'version' | 'annotations' | 'labels' | 'created'>;

async function openContext(opts: CommonOptions): Promise<PublishContext> {
  if (opts.environment !== undefined && opts.policy === undefined) {
    throw new UsageError(`--env ${opts.environment} given without --policy: the environment selects rules of a policy file`);
  }
  const config = opts.stores
    ? (await opts.stores.clients()).config
    : (opts.config ?? resolveRegistryConfig({ ...(opts.registries ? { file: resolve(opts.cwd, opts.registries) } : {}), env: opts.env }));
  const dryRun = opts.push === false;
  // a dry run signs nothing: no key is read and no OIDC token asked for (a pull request has neither)
  const signer = dryRun ? undefined : await prepareSigner(opts.signing, { env: opts.env, cwd: opts.cwd });
  const policy = opts.policy !== undefined ? loadPolicy(resolve(opts.cwd, opts.policy)) : undefined;
  return {
    config,
    stores: opts.stores ?? new Stores({ cwd: opts.cwd, env: opts.env, config }),
    signer,
    policy,
    dryRun,
    willSign: opts.signing.kind !== 'none',
  };
}

function gateAll(ctx: PublishContext, plans: readonly PlannedPublish[], environment: string | undefined): string[] {
  if (!ctx.policy) return [];
  const warnings: string[] = [];
  const refusals: PublishRefusal[] = [];
  const messages: string[] = [];
  for (const plan of plans) {
    try {
      warnings.push(
        ...gatePublish(ctx.policy, {
          environment,
          name: plan.name,
          targets: plan.targets,
          signer: ctx.signer ?? (ctx.dryRun && ctx.willSign ? true : undefined),
          imports: plan.imports,
        }),
      );
    } catch (err) {
      if (!(err instanceof PolicyRefusalError)) throw err;
      refusals.push(...err.refusals);
      messages.push(err.message);
    }
  }
  if (refusals.length > 0) throw new PolicyRefusalError(messages.join('\n'), refusals);
  return warnings;
}

/** Signs once, pushes to every target (registries concurrently, one registry's targets in turn), writes the bundles. */
async function executePlan(
  ctx: PublishContext,
  plan: PlannedPublish,
  opts: Pick<PublishOptions, 'cwd' | 'bundleDir' | 'now'>,
  warnings: string[],
): Promise<PublishResult> {
  const digest = plan.descriptor.digest;
  if (ctx.dryRun) {
    // push: false: what would be pushed, with the digest every registry would hold; nothing signed or sent
    return {
      name: plan.name,
      descriptor: plan.descriptor,
      digest,
      layer: plan.layer,
      kind: plan.kind,
      refs: plan.targets.map((t) => t.display),
      targets: plan.targets.map((t) => ({ ref: t.display, registry: t.ref.registry, repository: t.ref.repository, tag: t.ref.tag })),
      warnings,
      pushed: false,
      ...(plan.created !== undefined ? { created: plan.created } : {}),
      ...(plan.annotations !== undefined ? { annotations: plan.annotations } : {}),
      ...(plan.composition ? { composition: plan.composition.components } : {}),
    };
  }
  // the statement names the first target's repository; the digest is what binds it to every copy
  const first = plan.targets[0]?.ref;
  const subjectName = first ? `${first.registry}/${first.repository}` : plan.name;
  const signatures = ctx.signer ? await signOnce(ctx.signer.signer, subjectName, digest, plan.composition) : undefined;
  const created = (opts.now ?? (() => new Date()))();
  const byHost = new Map<string, PublishTarget[]>();
  for (const t of plan.targets) byHost.set(t.ref.registry, [...(byHost.get(t.ref.registry) ?? []), t]);
  const pushed = new Map<PublishTarget, PublishedTarget>();
  const failed = new Map<PublishTarget, unknown>();
  await Promise.all(
    [...byHost.values()].map(async (group) => {
      for (const t of group) {
        try {
          pushed.set(t, await pushTo(await ctx.stores.repository(t.ref), t, plan, signatures, created));
        } catch (err) {
          failed.set(t, err);
        }
      }
    }),
  );
  if (failed.size > 0) throw new PublishFailedError(plan.name, plan.descriptor.digest, [...pushed.values()], failed);
  const result: PublishResult = {
    name: plan.name,
    descriptor: plan.descriptor,
    digest,
    layer: plan.layer,
    kind: plan.kind,
    refs: plan.targets.map((t) => t.display),
    targets: plan.targets.map((t) => pushed.get(t) as PublishedTarget),
    warnings,
    pushed: true,
    ...(plan.created !== undefined ? { created: plan.created } : {}),
    ...(plan.annotations !== undefined ? { annotations: plan.annotations } : {}),
  };
  if (ctx.signer && signatures) {
    const dir = resolve(opts.cwd, opts.bundleDir ?? '.');
    result.signedBy = signedBy(signatures.signature, ctx.signer.signer);
    result.bundle = join(dir, `${plan.name}.sigstore.json`);
    await writeFileAtomically(result.bundle, signatures.signature.bytes, { createFolder: true });
    if (signatures.attestation && plan.composition) {
      result.attestationBundle = join(dir, `${plan.name}.composition.sigstore.json`);
      await writeFileAtomically(result.attestationBundle, signatures.attestation.bytes, { createFolder: true });
      result.composition = plan.composition.components;
    }
  }
  return result;
}

function builtPlan(name: string, targets: PublishTarget[], artifact: WasmArtifact): PlannedPublish {
  return {
    name,
    targets,
    descriptor: artifact.descriptor,
    layer: artifact.layer,
    kind: artifact.description.kind,
    imports: artifact.description.imports,
    created: artifact.config.created,
    annotations: artifact.manifest.annotations ?? {},
    upload: async (store, tag) => {
      await pushWasmArtifact(store, artifact, tag);
    },
  };
}

/** Publishes one component (see the module comment). */
export async function publishComponent(opts: PublishOptions): Promise<PublishResult> {
  const path = resolve(opts.cwd, opts.file);
  const name = opts.name ?? defaultComponentName(path);
  const ctx = await openContext(opts);
  const targets = resolveTargets(opts.to, ctx.config, {
    repository: name,
    tag: opts.tag,
    tags: opts.tags,
  });
  const annotations = { ...(opts.labels ?? {}), ...(opts.annotations ?? {}) };
  const artifact = buildWasmArtifact({
    wasm: await readWasmFile(path),
    created: (await publishCreated(opts.env, opts.cwd, opts.created)).created,
    title: basename(path),
    version: opts.version,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  });
  const plan = builtPlan(name, targets, artifact);
  if (opts.lock !== undefined) {
    if (!ctx.signer && !(ctx.dryRun && ctx.willSign)) {
      throw new UsageError(`--lock ${opts.lock} asks for the composition attestation, which is signed: add --key <file> or --keyless`);
    }
    plan.composition = compositionFromLock(resolve(opts.cwd, opts.lock));
  }
  const warnings = gateAll(ctx, [plan], opts.environment);
  // everything above made no request; from here on, services are contacted
  return executePlan(ctx, plan, opts, warnings);
}

export interface PublishLockOptions extends CommonOptions {
  /** The lock whose components are all published. */
  lock: string;
}

/**
 * Publishes every component of a lock to every target. A target is a
 * registry name (`prod`: the component goes to `<host>/<name>:<tag>`) or a
 * repository prefix (`prod/acme`, `ghcr.io/acme`: `<host>/acme/<name>:<tag>`);
 * the tag is the component's locked version, else `tag`. A component locked
 * from a registry or layout is copied with its manifest as locked (its
 * digest does not change); one locked from a local file is built into a Wasm
 * artifact. The policy gate sees every component before anything is pushed.
 */
export async function publishLock(opts: PublishLockOptions): Promise<PublishResult[]> {
  const lockFile = resolve(opts.cwd, opts.lock);
  const lock = readLock(lockFile);
  if (opts.tags !== undefined && opts.tags.length > 0) {
    throw new UsageError(
      `tags from the Git context apply to one component; every component of ${opts.lock} is tagged with its locked version (or --tag)`,
    );
  }
  const ctx = await openContext(opts);
  const created = (await publishCreated(opts.env, opts.cwd)).created;
  const plans: PlannedPublish[] = [];
  for (const c of lock.components) {
    const tag = c.version ?? opts.tag;
    if (tag === undefined) {
      throw new UsageError(
        `component '${c.name}' of ${opts.lock} (${lockLabel(lock.environment)}) has no version: give a tag for the publish (--tag / input 'tag')`,
      );
    }
    const targets = resolveTargets(prefixTargets(opts.to, ctx.config, c.name, tag), ctx.config, { repository: c.name, tag });
    if (c.source === 'path') {
      const file = resolve(dirname(lockFile), c.path);
      const wasm = await readWasmFile(file);
      if (sha256(wasm) !== c.digest) {
        throw new LockMismatchError(
          `${file} (component '${c.name}' of ${opts.lock}, ${lockLabel(lock.environment)}) is ${sha256(wasm)}, but the lock says ${c.digest}: the file changed since it was locked; compose again to update the lock`,
        );
      }
      const artifact = buildWasmArtifact({ wasm, created, title: basename(file) });
      plans.push(builtPlan(c.name, targets, artifact));
      continue;
    }
    // a ref component: the lock's schema (readLock) guarantees its ref, registry and layer
    const sourceRef = parseReference(c.ref);
    const descriptor: Descriptor = { mediaType: c.mediaType, digest: c.digest, size: c.size };
    let source: Promise<ContentStore> | undefined;
    const openSource = () => {
      // a registry source goes through the same clients as the targets: a
      // target in the same registry then mounts the blobs instead of uploading them
      source ??= ctx.stores.open(sourceRef, dirname(lockFile));
      return source;
    };
    plans.push({
      name: c.name,
      targets,
      descriptor,
      layer: { mediaType: c.layer.mediaType, digest: c.layer.digest, size: c.layer.size },
      kind: 'component',
      imports: c.imports,
      upload: async (store, tag) => {
        await new Copier(await openSource(), store).copy(c.digest, tag);
      },
    });
  }
  const warnings = gateAll(ctx, plans, opts.environment);
  const results: PublishResult[] = [];
  for (const plan of plans) results.push(await executePlan(ctx, plan, opts, warnings));
  return results;
}

/**
 * The in-app deployer: a canary of one component of the composition
 * (`rollout.canary.component`), with the traffic split inside the app by a
 * generated splitter (shared/interpose) rather than by a cluster.
 *
 * - `prepare(ref)`: composes the spec's app for the environment with the
 *   canary version of the component in place of the stable one (compose
 *   with the policy: shared/release), publishes it to the rollout
 *   repository, signed, with its composition attestation (shared/publish),
 *   and returns its digest: the canary version of the app. The ref is
 *   pinned by digest in the state, so that every step, in any later run,
 *   composes the very bytes that were checked.
 * - `setWeight(w)`: 0 is the stable app and 100 the canary app; in between,
 *   the spec's app composed with a splitter on every edge out of the
 *   component and the canary behind it at `w` percent, published and signed
 *   the same way (its composition attestation names both versions, its
 *   annotations both and the weight). The engine moves the live tag.
 * - `promote`: the canary app (composed with the canary alone, no
 *   splitter, published and signed at `prepare`) becomes the stable.
 * - `rollback`: the stable digest, the same bytes that served before.
 *
 * Every app it publishes is content-addressed (the same inputs give the
 * same digest) and tagged `<canary tag>-alone` or `<canary tag>-w<weight>`
 * so that registry garbage collection keeps it; hosts never follow those.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FlotillaError } from '../errors.ts';
import { type Digest, isDigest } from '../oci/digest.ts';
import { formatReference, parseReference } from '../oci/reference.ts';
import type { ContentStore } from '../oci/store.ts';
import type { SigningRequest } from '../publish/signing.ts';
import { CANARY_SUFFIX, type ComposeResult, composeSpec } from '../release/compose.ts';
import type { Spec } from '../release/spec.ts';
import type { EnvironmentRollout, Strategy } from './config.ts';
import type { DeployContext, Deployer, DeployOutcome, PreparedVersion } from './deployer.ts';
import { publishStepApp } from './publish-step.ts';
import { short } from './state.ts';

/** Annotations of every app the in-app deployer publishes. */
export const ROLLOUT_ANNOTATIONS = {
  environment: 'dev.flotilla.rollout.environment',
  component: 'dev.flotilla.rollout.component',
  stable: 'dev.flotilla.rollout.stable',
  canary: 'dev.flotilla.rollout.canary',
  weight: 'dev.flotilla.rollout.weight',
} as const;

/** The canary's app could not be made (compose, policy or publish refused it); nothing was deployed. */
export class InAppDeployError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ROLLOUT_IN_APP', message, options);
  }
}

export interface InAppOptions {
  spec: Spec;
  /** The spec's component that gets the canary. */
  component: string;
  /** The app's repository store, and its name (`host/path`). */
  store: ContentStore;
  repository: string;
  env: NodeJS.ProcessEnv;
  /** A registry configuration file (credentials), as compose and publish take it. */
  registries?: string;
  /** How the published apps are signed (as `flotilla publish --key/--keyless`). */
  signing: SigningRequest;
  /** Where the composed files, locks and bundles go (default: a temporary folder). */
  workDir?: string;
  /** The store of pulled components (default: compose's, `$FLOTILLA_CACHE`). */
  storeDir?: string | undefined;
  log?: (line: string) => void;
}

export class InAppDeployer implements Deployer {
  readonly name = 'in-app';
  private readonly o: InAppOptions;
  private workDir: string | undefined;

  constructor(options: InAppOptions) {
    this.o = options;
    this.workDir = options.workDir;
  }

  /** Made on first use: a status, promote or rollback composes nothing. */
  private get work(): string {
    this.workDir ??= mkdtempSync(join(tmpdir(), 'flotilla-in-app-'));
    return this.workDir;
  }

  check(): void {
    // every weight from 0 to 100 is a splitter's weight
  }

  async prepare(ref: string, ctx: { environment: EnvironmentRollout; strategy: Strategy }): Promise<PreparedVersion> {
    const made = await this.make(ctx.environment, ref, null, undefined);
    const canary = made.composed.components.find((c) => c.name === this.o.component);
    const pinned = pin(ref, canary?.digest);
    return {
      ref: pinned,
      digest: made.digest,
      note: `composed ${this.o.spec.name} with ${this.o.component} ${pinned} alone, published ${made.where} (${made.signed})`,
    };
  }

  async setWeight(weight: number, ctx: DeployContext): Promise<DeployOutcome> {
    if (weight === 0) return { live: ctx.stable.digest ?? '', note: `all traffic on the stable app ${short(ctx.stable.digest)}` };
    if (weight === 100) return { live: ctx.canary.digest ?? '', note: `all traffic on the canary app ${short(ctx.canary.digest)}` };
    const ref = ctx.canary.ref;
    if (!ref) throw new InAppDeployError(`the rollout in ${ctx.environment.name} records no canary ref of ${this.o.component}`);
    const made = await this.make(ctx.environment, ref, weight, ctx.stable.digest);
    return {
      live: made.digest,
      note: `${this.o.component} split ${100 - weight}/${weight} (stable/canary ${ref}) by a generated splitter on ${made.edges}; published ${made.where} (${made.signed})`,
    };
  }

  async promote(ctx: DeployContext): Promise<DeployOutcome> {
    const d = ctx.canary.digest;
    if (!d) throw new InAppDeployError(`the rollout in ${ctx.environment.name} records no canary app`);
    // the app composed with the canary alone was published and signed at start; it must still be there
    await this.o.store.resolve(d);
    return { live: d, note: `the app with ${this.o.component} ${ctx.canary.ref ?? ''} alone (${short(d)}) is the new stable` };
  }

  async rollback(ctx: DeployContext): Promise<DeployOutcome> {
    return { live: ctx.stable.digest ?? '', note: `live is the stable app ${short(ctx.stable.digest)} again` };
  }

  /** Composes (with the canary alone, or split at `weight`), publishes and signs; the app's digest. */
  private async make(
    environment: EnvironmentRollout,
    ref: string,
    weight: number | null,
    stable: string | undefined,
  ): Promise<{ digest: string; where: string; signed: string; edges: string; composed: ComposeResult }> {
    const o = this.o;
    const name = weight === null ? 'alone' : `w${weight}`;
    const dir = join(this.work, environment.name, name);
    const log = o.log ?? (() => {});
    let composed: ComposeResult;
    try {
      composed = await composeSpec({
        specFile: o.spec.file,
        environment: environment.name,
        output: join(dir, `${o.spec.name}.wasm`),
        lockFile: join(dir, 'flotilla.lock.json'),
        env: o.env,
        registries: o.registries,
        storeDir: o.storeDir,
        canary: { component: o.component, ref, weight },
      });
    } catch (e) {
      if (e instanceof FlotillaError)
        throw new InAppDeployError(
          `composing ${o.spec.name} with ${o.component} ${ref}${weight === null ? '' : ` at ${weight}%`}: ${e.message}; nothing was deployed`,
          {
            cause: e,
          },
        );
      throw e;
    }
    const stableC = composed.components.find((c) => c.name === o.component);
    const canaryC = composed.components.find((c) => c.name === (weight === null ? o.component : `${o.component}${CANARY_SUFFIX}`));
    const tag = `${environment.canaryTag}-${name}`;
    const annotations: Record<string, string> = {
      [ROLLOUT_ANNOTATIONS.environment]: environment.name,
      [ROLLOUT_ANNOTATIONS.component]: o.component,
      [ROLLOUT_ANNOTATIONS.canary]: pin(ref, canaryC?.digest),
      [ROLLOUT_ANNOTATIONS.weight]: String(weight ?? 100),
    };
    if (weight !== null && stableC) annotations[ROLLOUT_ANNOTATIONS.stable] = `${stableC.source}@${stableC.digest}`;
    if (weight !== null && stable) annotations['dev.flotilla.rollout.stable-app'] = stable;
    const published = await publishStepApp(
      o,
      { file: composed.output, lockFile: composed.lockFile, tag, environment: environment.name, annotations, bundleDir: dir },
      (message, cause) => new InAppDeployError(message, { cause }),
    );
    const where = `${o.repository}:${tag}@${published.digest}`;
    log(
      `${where}: ${composed.components.length} components, ${composed.size} bytes${published.signedBy ? `, signed by ${published.signedBy}` : ''}`,
    );
    const edges = weight === null ? '' : `every edge out of ${o.component}`;
    return {
      digest: published.digest,
      where,
      signed: published.signedBy ? `signed by ${published.signedBy}` : 'unsigned',
      edges,
      composed,
    };
  }
}

/** `ref` pinned by `digest` (`host/repo:tag@sha256:…`), unless it already names one. */
function pin(ref: string, digest: string | undefined): string {
  if (!digest || !isDigest(digest)) return ref;
  const parsed = parseReference(ref);
  if (parsed.digest !== undefined) return ref;
  return formatReference({ ...parsed, digest: digest as Digest });
}

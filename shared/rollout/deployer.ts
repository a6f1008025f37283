/**
 * What the rollout engine asks of the thing that deploys: the Deployer.
 * The engine decides (steps, analysis, abort, promotion) and keeps the tags
 * and the state; a Deployer makes the artifacts and routes the traffic.
 *
 * Phase 1 ships two:
 * - `AppRefDeployer`: the version to roll out is an app already published
 *   (an OCI reference of the composed app). Blue-green needs nothing more:
 *   hosts follow the preview and live tags (`serve --follow`). A canary
 *   needs something that splits traffic: a weight other than 0 or 100 is
 *   refused here.
 * - `GatewayApiDeployer` (gateway-api.ts): the same, plus two SpinApps and a
 *   weighted HTTPRoute for clusters.
 *
 * Phase 2 plugs in the in-app deployer (in-app.ts): `prepare` composes the
 * app with the canary component (compose with the policy), publishes and
 * signs it; `setWeight` composes with the generated splitter at the weight,
 * publishes, signs, and returns that digest for the live tag; `promote`
 * composes with the canary alone; `rollback` returns the stable digest.
 * And the HTTP-edge deployer (http-edge.ts), an AppRefDeployer whose
 * weights between 0 and 100 are an HTTP splitter in front of the two apps.
 */

import { checkWasmManifest } from '../artifact/wasm-artifact.ts';
import { FlotillaError, UsageError } from '../errors.ts';
import { Copier } from '../oci/copy.ts';
import { parseManifest } from '../oci/manifest.ts';
import { formatReference, parseReference, type Reference } from '../oci/reference.ts';
import type { ContentStore } from '../oci/store.ts';
import { isIndex } from '../oci/types.ts';
import type { EnvironmentRollout, Strategy } from './config.ts';
import type { Version } from './state.ts';

/** A canary step between 0 and 100 % with nothing to split the traffic. Code `ROLLOUT_NEEDS_SPLITTER`. */
export class SplitterNeededError extends FlotillaError {
  constructor(message: string) {
    super('ROLLOUT_NEEDS_SPLITTER', message);
  }
}

export interface DeployContext {
  environment: EnvironmentRollout;
  /** The app's repository (`host/path` or `oci:<dir>`). */
  repository: string;
  /** The app that was live when the rollout started (undefined: nothing yet, a first release). */
  stable: Version;
  canary: Version;
  /** The canary step being run. */
  step?: number;
  signal?: AbortSignal;
}

export interface DeployOutcome {
  /** The manifest digest the live tag must name after this action (the engine moves the tag). */
  live: string;
  /** What was done, for the state and the summary (`HTTPRoute shop: 90/10`). */
  note: string;
  /** Files written (gateway-api). */
  files?: string[];
}

export interface PreparedVersion {
  ref: string;
  /** Manifest digest in the app's repository. */
  digest: string;
  note: string;
}

export interface Deployer {
  readonly name: string;
  /** Refuses, before anything is written, a rollout it cannot carry out (the weights of a canary's steps). */
  check?(plan: { strategy: Strategy; weights: number[] }): void;
  /** Resolves (in-app: composes, publishes, signs) the version to roll out, into the app's repository. Idempotent. */
  prepare(
    ref: string,
    ctx: { environment: EnvironmentRollout; strategy: Strategy; stable: Version; signal?: AbortSignal },
  ): Promise<PreparedVersion>;
  /** Puts `weight` percent of the traffic on the canary. Idempotent. */
  setWeight(weight: number, ctx: DeployContext): Promise<DeployOutcome>;
  /** Everything to the canary, which becomes the stable (in-app: the app composed with the canary alone). Idempotent. */
  promote(ctx: DeployContext): Promise<DeployOutcome>;
  /** Everything back to the stable, at once. Idempotent. */
  rollback(ctx: DeployContext): Promise<DeployOutcome>;
}

/**
 * The version to roll out is a composed app already published: `ref` names
 * it (a tag or digest of the app's repository, or of another repository,
 * copied in by digest with its referrers, signatures included).
 */
export class AppRefDeployer implements Deployer {
  readonly name: string = 'app-ref';
  protected readonly app: ContentStore;
  protected readonly appRepository: string;
  private readonly open: (ref: Reference) => Promise<ContentStore>;

  constructor(app: ContentStore, appRepository: string, open: (ref: Reference) => Promise<ContentStore>) {
    this.app = app;
    this.appRepository = appRepository;
    this.open = open;
  }

  async prepare(ref: string, _ctx?: { environment: EnvironmentRollout; strategy: Strategy; stable: Version }): Promise<PreparedVersion> {
    let parsed: Reference;
    try {
      parsed = parseReference(ref);
    } catch (e) {
      throw new UsageError(`canary ref '${ref}': ${(e as Error).message}`, { cause: e });
    }
    const target = parsed.digest ?? parsed.tag;
    if (target === undefined) throw new UsageError(`canary ref '${ref}' names no tag or digest; add one, as in ${ref}:2.1.0`);
    const base = parsed.kind === 'layout' ? `oci:${parsed.path}` : `${parsed.registry}/${parsed.repository}`;
    const same = base === this.appRepository || `oci:${parsed.kind === 'layout' ? parsed.path : ''}` === this.appRepository;
    const source = same ? this.app : await this.open(parsed);
    const fetched = await source.fetchManifest(target);
    const where = formatReference(parsed);
    const manifest = parseManifest(fetched.bytes, where);
    if (isIndex(manifest)) throw new UsageError(`canary ref '${ref}' is an image index; give the app's Wasm artifact`);
    checkWasmManifest(manifest, where);
    if (!same) {
      // tags live in one repository: bring the app (and its signatures) into the app's repository by digest
      const copier = new Copier(source, this.app, { referrers: true });
      await copier.copyFetched(fetched, null);
      return { ref, digest: fetched.descriptor.digest, note: `copied ${where} into ${this.appRepository} as ${fetched.descriptor.digest}` };
    }
    return { ref, digest: fetched.descriptor.digest, note: `${where} is ${fetched.descriptor.digest}` };
  }

  check(plan: { strategy: Strategy; weights: number[] }): void {
    const split = plan.weights.find((w) => w !== 0 && w !== 100);
    if (plan.strategy === 'canary' && split !== undefined) throw this.needsSplitter(split);
  }

  protected needsSplitter(weight: number): SplitterNeededError {
    return new SplitterNeededError(
      `a canary step at ${weight}% needs something that splits the traffic: name the component that gets the canary (rollout.canary.component: the in-app splitter, then --canary is that component's new version), or use traffic.provider gateway-api (clusters); with an app ref alone only 0 and 100 are possible`,
    );
  }

  async setWeight(weight: number, ctx: DeployContext): Promise<DeployOutcome> {
    if (weight === 0) return { live: ctx.stable.digest ?? '', note: 'all traffic on stable' };
    if (weight === 100) return { live: ctx.canary.digest ?? '', note: 'all traffic on the canary' };
    throw this.needsSplitter(weight);
  }

  async promote(ctx: DeployContext): Promise<DeployOutcome> {
    return { live: ctx.canary.digest ?? '', note: `live is the new version ${ctx.canary.digest}` };
  }

  async rollback(ctx: DeployContext): Promise<DeployOutcome> {
    return { live: ctx.stable.digest ?? '', note: `live is the stable version ${ctx.stable.digest}` };
  }
}

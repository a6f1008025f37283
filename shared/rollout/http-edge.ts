/**
 * The whole-app canary, split at the wasi:http edge: no
 * `rollout.canary.component` and no traffic provider. `--canary` is an OCI
 * reference of a composed app (as for blue-green); each weight step between
 * 0 and 100 publishes an app that is a generated HTTP splitter
 * (shared/interpose, `wasi:http/incoming-handler`: the
 * `x-flotilla-canary: always|never` override, sticky routing by a header or
 * cookie hash) in front of the stable app and the canary app:
 *
 *   imports:  the union of both apps' imports (one instance of each, wired to
 *             both: the WASI clocks, wasi:http/types and its resources, …)
 *   stable  = the stable app      canary = the canary app
 *   splitter(stable, canary) ─→ export wasi:http/incoming-handler
 *                              export flotilla-stats-<label>
 *
 * built with the composition graph (shared/wac/graph.ts) and splitInGraph
 * (shared/interpose/graph.ts): nothing is written per interface. The app is
 * published signed, with its composition attestation naming both apps'
 * digests (a lock of two components, `stable` and `canary`) and manifest
 * annotations naming them and the weight; the engine moves the live tag.
 * Promotion makes the canary app itself (no splitter) the live version;
 * abort goes back to the stable app's digest.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type PulledWasmArtifact, pullWasmArtifact } from '../artifact/wasm-artifact.ts';
import { componentType } from '../component/types.ts';
import { FlotillaError } from '../errors.ts';
import type { Sticky } from '../interpose/generate.ts';
import { splitInGraph } from '../interpose/graph.ts';
import type { Reference } from '../oci/reference.ts';
import type { ContentStore } from '../oci/store.ts';
import type { SigningRequest } from '../publish/signing.ts';
import type { LockedRefComponent, LockFile } from '../release/lock.ts';
import type { Spec } from '../release/spec.ts';
import { encodeGraph } from '../wac/encode.ts';
import { CompositionGraph } from '../wac/graph.ts';
import type { EnvironmentRollout, Strategy } from './config.ts';
import { AppRefDeployer, type DeployContext, type DeployOutcome, type PreparedVersion, SplitterNeededError } from './deployer.ts';
import { ROLLOUT_ANNOTATIONS } from './in-app.ts';
import { publishStepApp } from './publish-step.ts';
import { short, type Version } from './state.ts';

/** The HTTP handler interface a whole-app canary is split on (any 0.2.x). */
export const HTTP_HANDLER = /^wasi:http\/incoming-handler@0\.2\.\d+$/;

/** The split app could not be made (compose or publish refused it); nothing was deployed. */
export class HttpEdgeDeployError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ROLLOUT_HTTP_EDGE', message, options);
  }
}

/** The `wasi:http/incoming-handler@0.2.x` export of a component, or a SplitterNeededError naming it and what it exports. */
export function httpHandlerExport(wasm: Uint8Array, where: string): string {
  let exports: string[];
  try {
    exports = [...componentType(wasm).exports.keys()];
  } catch (e) {
    throw new SplitterNeededError(
      `${where} is not a component whose type can be read (${(e as Error).message}): it cannot be split at its wasi:http edge`,
    );
  }
  const handler = exports.find((e) => HTTP_HANDLER.test(e));
  if (handler === undefined) {
    throw new SplitterNeededError(
      `${where} exports no wasi:http/incoming-handler@0.2.x (its exports: ${exports.join(', ') || 'none'}), so a canary of the whole app cannot be split at its HTTP edge; name the component that gets the canary (rollout.canary.component: then --canary is that component's new version), or use traffic.provider gateway-api`,
    );
  }
  return handler;
}

export interface EdgeSplitOptions {
  weight: number;
  sticky?: Sticky | null;
  /** For messages: what the two apps are. */
  stableName?: string;
  canaryName?: string;
}

/**
 * The app that is an HTTP splitter in front of two apps, at `weight` percent
 * to the canary: both apps instantiated with nothing given (their imports
 * become the composition's, one of each name shared by both and by the
 * splitter), the splitter on the stable app's handler export, and the
 * handler and the splitter's stats exported. Validated.
 */
export async function splitAppsAtHttpEdge(stable: Uint8Array, canary: Uint8Array, options: EdgeSplitOptions): Promise<Uint8Array> {
  const stableName = options.stableName ?? 'the stable app';
  const canaryName = options.canaryName ?? 'the canary app';
  const handler = httpHandlerExport(stable, stableName);
  const canaryHandler = httpHandlerExport(canary, canaryName);
  if (canaryHandler !== handler) {
    throw new SplitterNeededError(
      `${stableName} exports ${handler} but ${canaryName} exports ${canaryHandler}: one splitter forwards one version of the interface; build both apps against the same wasi:http version`,
    );
  }
  const g = new CompositionGraph();
  const app = g.instantiate(g.registerPackage({ name: 'flotilla:stable-app', bytes: stable }), 'stable');
  g.export(g.aliasExport(app, handler), handler);
  splitInGraph(g, app, {
    canary: { bytes: canary, name: 'flotilla:canary-app' },
    weight: options.weight,
    sticky: options.sticky ?? null,
    interfaces: [handler],
  });
  return encodeGraph(g);
}

export interface HttpEdgeOptions {
  spec: Spec;
  store: ContentStore;
  /** `host/path` of the app's repository. */
  repository: string;
  open: (ref: Reference) => Promise<ContentStore>;
  env: NodeJS.ProcessEnv;
  registries?: string | undefined;
  signing: SigningRequest;
  sticky?: Sticky | undefined;
  workDir?: string;
  log?: (line: string) => void;
}

/** A canary of the whole app (an app ref), split at its wasi:http edge by a generated splitter. */
export class HttpEdgeDeployer extends AppRefDeployer {
  override readonly name = 'http-edge';
  private readonly o: HttpEdgeOptions;
  private workDir: string | undefined;
  /** The first weight between 0 and 100 of the canary's steps (start: checked before anything is written). */
  private firstSplit: number | undefined;

  constructor(options: HttpEdgeOptions) {
    super(options.store, options.repository, options.open);
    this.o = options;
    this.workDir = options.workDir;
  }

  private get work(): string {
    this.workDir ??= mkdtempSync(join(tmpdir(), 'flotilla-http-edge-'));
    return this.workDir;
  }

  override check(plan: { strategy: Strategy; weights: number[] }): void {
    this.firstSplit = plan.strategy === 'canary' ? plan.weights.find((w) => w !== 0 && w !== 100) : undefined;
  }

  override async prepare(
    ref: string,
    ctx?: { environment: EnvironmentRollout; strategy: Strategy; stable: Version },
  ): Promise<PreparedVersion> {
    const prepared = await super.prepare(ref);
    if (this.firstSplit !== undefined && ctx?.stable.digest && ctx.stable.digest !== prepared.digest) {
      // both apps must be splittable, and compose together, before anything is written: refused here, not at the first step
      const [stable, canary] = await Promise.all([this.pull(ctx.stable.digest), this.pull(prepared.digest)]);
      await this.split(
        stable.wasm,
        `${this.o.repository}@${ctx.stable.digest}`,
        canary.wasm,
        `${ref} (${prepared.digest})`,
        this.firstSplit,
      );
    }
    return prepared;
  }

  override async setWeight(weight: number, ctx: DeployContext): Promise<DeployOutcome> {
    if (weight === 0) return { live: ctx.stable.digest ?? '', note: `all traffic on the stable app ${short(ctx.stable.digest)}` };
    if (weight === 100) return { live: ctx.canary.digest ?? '', note: `all traffic on the canary app ${short(ctx.canary.digest)}` };
    const o = this.o;
    const stableDigest = ctx.stable.digest;
    const canaryDigest = ctx.canary.digest;
    if (!stableDigest || !canaryDigest)
      throw new HttpEdgeDeployError(
        `the rollout in ${ctx.environment.name} records no ${stableDigest ? 'canary' : 'stable'} app to split between`,
      );
    const [stable, canary] = await Promise.all([this.pull(stableDigest), this.pull(canaryDigest)]);
    const stableRef = `${o.repository}@${stableDigest}`;
    const canaryRef = `${o.repository}@${canaryDigest}`;
    const bytes = await this.split(stable.wasm, stableRef, canary.wasm, canaryRef, weight);
    const dir = join(this.work, ctx.environment.name, `w${weight}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${o.spec.name}.wasm`);
    writeFileSync(file, bytes);
    const lockFile = join(dir, 'flotilla.lock.json');
    writeFileSync(lockFile, `${JSON.stringify(this.lock(ctx.environment.name, stable, stableRef, canary, canaryRef), null, 2)}\n`);
    const tag = `${ctx.environment.canaryTag}-w${weight}`;
    const annotations: Record<string, string> = {
      [ROLLOUT_ANNOTATIONS.environment]: ctx.environment.name,
      [ROLLOUT_ANNOTATIONS.component]: 'wasi:http edge',
      [ROLLOUT_ANNOTATIONS.stable]: stableRef,
      [ROLLOUT_ANNOTATIONS.canary]: canaryRef,
      [ROLLOUT_ANNOTATIONS.weight]: String(weight),
      ...(o.sticky
        ? { 'dev.flotilla.rollout.sticky': 'header' in o.sticky ? `header:${o.sticky.header}` : `cookie:${o.sticky.cookie}` }
        : {}),
    };
    const published = await publishStepApp(
      o,
      { file, lockFile, tag, environment: ctx.environment.name, annotations, bundleDir: dir },
      (message, cause) => new HttpEdgeDeployError(message, { cause }),
    );
    const where = `${o.repository}:${tag}@${published.digest}`;
    o.log?.(`${where}: HTTP splitter in front of ${short(stableDigest)} and ${short(canaryDigest)}, ${bytes.byteLength} bytes`);
    const sticky = o.sticky ? `, sticky by ${'header' in o.sticky ? `header ${o.sticky.header}` : `cookie ${o.sticky.cookie}`}` : '';
    return {
      live: published.digest,
      note: `the app split ${100 - weight}/${weight} (stable ${short(stableDigest)} / canary ${short(canaryDigest)}) at its wasi:http edge by a generated splitter${sticky}; published ${where} (${published.signedBy ? `signed by ${published.signedBy}` : 'unsigned'})`,
    };
  }

  override async promote(ctx: DeployContext): Promise<DeployOutcome> {
    const d = ctx.canary.digest;
    if (!d) throw new HttpEdgeDeployError(`the rollout in ${ctx.environment.name} records no canary app`);
    await this.o.store.resolve(d);
    return { live: d, note: `the canary app ${short(d)} itself (no splitter) is the new stable` };
  }

  /** The split app, or a typed error naming both apps. */
  private async split(stable: Uint8Array, stableRef: string, canary: Uint8Array, canaryRef: string, weight: number): Promise<Uint8Array> {
    try {
      return await splitAppsAtHttpEdge(stable, canary, {
        weight,
        sticky: this.o.sticky ?? null,
        stableName: `the stable app ${stableRef}`,
        canaryName: `the canary app ${canaryRef}`,
      });
    } catch (e) {
      if (e instanceof SplitterNeededError) throw e;
      if (e instanceof FlotillaError)
        throw new HttpEdgeDeployError(
          `composing the HTTP splitter in front of the stable app ${stableRef} and the canary app ${canaryRef} at ${weight}%: ${e.message}; nothing was deployed`,
          { cause: e },
        );
      throw e;
    }
  }

  private pull(digest: string): Promise<PulledWasmArtifact> {
    return pullWasmArtifact(this.o.store, digest);
  }

  /** The split app's inputs: the two apps, as the composition attestation lists them. */
  private lock(
    environment: string,
    stable: PulledWasmArtifact,
    stableRef: string,
    canary: PulledWasmArtifact,
    canaryRef: string,
  ): LockFile {
    const registry = this.o.repository.startsWith('oci:') ? this.o.repository : this.o.repository.slice(0, this.o.repository.indexOf('/'));
    const entry = (name: string, app: PulledWasmArtifact, ref: string): LockedRefComponent => {
      const t = componentType(app.wasm);
      return {
        name,
        package: this.o.spec.package.id,
        ...(this.o.spec.package.version !== undefined ? { version: this.o.spec.package.version } : {}),
        source: 'ref',
        ref,
        registry,
        digest: app.descriptor.digest,
        size: app.descriptor.size,
        mediaType: app.descriptor.mediaType,
        layer: { digest: app.layer.digest, size: app.layer.size, mediaType: app.layer.mediaType },
        imports: [...t.imports.keys()].sort(),
        exports: [...t.exports.keys()].sort(),
      };
    };
    return {
      lockVersion: 1,
      spec: this.o.spec.name,
      package: `${this.o.spec.package.id}${this.o.spec.package.version !== undefined ? `@${this.o.spec.package.version}` : ''}`,
      environment,
      components: [entry('canary', canary, canaryRef), entry('stable', stable, stableRef)],
    };
  }
}

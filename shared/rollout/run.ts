/**
 * `runRollout(options)`: one command of a rollout (start, continue, status,
 * promote, abort, retry, rollback) run to its next safe point: the state
 * read from the registry, the lease taken, the steps performed through the
 * Deployer with the tags moved and the state written between intent and
 * completion of each step, the analyses run, the lease given back. The CLI
 * and actions/canary are thin adapters over it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FlotillaError, UsageError } from '../errors.ts';
import type { Digest } from '../oci/digest.ts';
import { parseReference, type Reference } from '../oci/reference.ts';
import type { ContentStore } from '../oci/store.ts';
import type { SigningRequest } from '../publish/signing.ts';
import { type OpenStoreOptions, Stores } from '../registry-config/stores.ts';
import { loadSpec, type Spec } from '../release/spec.ts';
import { type AnalysisKind, type AnalysisRecord, isComplete, newAnalysisRecord, runAnalysis } from './analysis.ts';
import {
  type AnalysisRef,
  type EnvironmentRollout,
  environmentRollout,
  type MetricConfig,
  type RolloutConfig,
  strategyFor,
} from './config.ts';
import type { DeployContext, Deployer } from './deployer.ts';
import { formatDuration } from './duration.ts';
import { GatewayApiDeployer } from './gateway-api.ts';
import { HttpEdgeDeployer } from './http-edge.ts';
import { InAppDeployer } from './in-app.ts';
import { startLoad } from './load.ts';
import { applyAbort, applyPromote, applyRetry, by, describeState, initialState, nextAction, stepsFingerprint } from './machine.ts';
import { providerMeasure } from './providers.ts';
import {
  type Actor,
  actorFromEnv,
  addDecision,
  addRun,
  COMMANDS,
  type Command,
  type Decision,
  describeActor,
  type Lease,
  leaseAvailable,
  newRolloutId,
  RolloutLockedError,
  type RolloutState,
  RolloutStateError,
  StateConflictError,
  short,
} from './state.ts';
import { moveTag, resolveTag, StateStore } from './state-store.ts';

/** The version to roll out fails the environment's security policy. */
export class PolicyRefusedError extends FlotillaError {
  constructor(message: string) {
    super('ROLLOUT_POLICY_REFUSED', message);
  }
}

export interface RunRolloutOptions {
  /** The spec file (or a loaded spec). */
  spec: string | Spec;
  environment: string;
  command: Command;
  /** start: the version to roll out: the canary component's new version (rollout.canary.component), else the composed app's (an OCI reference). */
  canary?: string | undefined;
  strategy?: string | undefined;
  /** promote --full */
  full?: boolean;
  /** Stop at the next safe point after this long; a later `continue` goes on. */
  maxDurationMs?: number | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
  registries?: string | undefined;
  /** The stores of the command (shared registry clients); default opened from cwd, env and registries. */
  stores?: Stores;
  /** The deployer; default from the spec: gateway-api, the in-app splitter (rollout.canary.component), or the whole app split at its wasi:http edge. */
  deployer?: Deployer;
  /** How the apps the in-app and HTTP-edge deployers publish are signed (as `flotilla publish --key/--keyless`); default unsigned. */
  signing?: SigningRequest;
  /** The in-app deployer's store of pulled components (default compose's). */
  storeDir?: string;
  /** The app's repository store (tests may give one); default opened from rollout.repository. */
  store?: ContentStore;
  log?: (line: string) => void;
  /** Aborting it stops the run at once, at a safe point (SIGTERM). */
  signal?: AbortSignal;
  /** Retry delay after a measurement error (default: min(interval, 10 s)). */
  errorRetryMs?: number;
}

export interface RolloutOutputs {
  phase: string;
  /** 1-based index of the step being run (or the last one), 0 before any. */
  step: number;
  steps: number;
  weight: number;
  stableDigest: string;
  canaryDigest: string;
  liveDigest: string;
}

export interface RolloutResult {
  state: RolloutState | undefined;
  environment: EnvironmentRollout;
  config: RolloutConfig;
  /** What is serving and what to do next. */
  text: string;
  outputs: RolloutOutputs;
  /** The rollout was aborted during this run (by analysis or by the abort command). */
  abortedNow: boolean;
  /** Why the run stopped before the rollout ended (a pause, max-duration), when it did. */
  stopped?: string;
}

export function outputsOf(s: RolloutState | undefined): RolloutOutputs {
  if (!s) return { phase: 'None', step: 0, steps: 0, weight: 0, stableDigest: '', canaryDigest: '', liveDigest: '' };
  const done = s.steps.filter((x) => x.status !== 'pending').length;
  return {
    phase: s.phase,
    step: Math.min(Math.max(done, s.currentStep + (s.steps[s.currentStep]?.status === 'started' ? 1 : 0)), s.steps.length),
    steps: s.steps.length,
    weight: s.weight,
    stableDigest: s.stable.digest ?? '',
    canaryDigest: s.canary.digest ?? '',
    liveDigest: s.live.digest ?? '',
  };
}

function specOf(spec: string | Spec, cwd: string): Spec & { rollout: RolloutConfig } {
  const s = typeof spec === 'string' ? loadSpec(resolve(cwd, spec)) : spec;
  if (!s.rollout)
    throw new UsageError(
      `${s.file} has no rollout: section; add rollout.repository (and steps) to release with canary or blue-green (docs/rollouts.md)`,
    );
  return s as Spec & { rollout: RolloutConfig };
}

/** Runs one command of a rollout to its next safe point. */
export async function runRollout(opts: RunRolloutOptions): Promise<RolloutResult> {
  if (!COMMANDS.includes(opts.command)) throw new UsageError(`unknown command '${opts.command}'; one of ${COMMANDS.join(', ')}`);
  const spec = specOf(opts.spec, opts.cwd);
  const config = spec.rollout;
  const env = environmentRollout(config, opts.environment, spec.file);
  const storeOpts: OpenStoreOptions = {
    cwd: spec.dir,
    env: opts.env,
    ...(opts.registries !== undefined ? { registries: opts.registries } : {}),
  };
  const repoRef = parseReference(config.repository.startsWith('oci:') ? config.repository : `${config.repository}:x`);
  const stores = opts.stores ?? Stores.of(storeOpts);
  const store = opts.store ?? (await stores.open(repoRef, spec.dir));
  const open = (ref: Reference) => stores.open(ref, spec.dir);
  const deployer =
    opts.deployer ??
    (config.canary.traffic === 'gateway-api' && env.gatewayApi
      ? new GatewayApiDeployer(store, config.repository, open, env.gatewayApi, opts.env, mkdtempSync(join(tmpdir(), 'flotilla-gateway-')))
      : config.canary.component !== undefined
        ? new InAppDeployer({
            spec,
            component: config.canary.component,
            store,
            repository: config.repository,
            env: opts.env,
            ...(opts.registries !== undefined ? { registries: resolve(opts.cwd, opts.registries) } : {}),
            storeDir: opts.storeDir,
            signing: opts.signing ?? { kind: 'none' },
            ...(opts.log ? { log: opts.log } : {}),
          })
        : new HttpEdgeDeployer({
            spec,
            store,
            repository: config.repository,
            open,
            env: opts.env,
            ...(opts.registries !== undefined ? { registries: resolve(opts.cwd, opts.registries) } : {}),
            signing: opts.signing ?? { kind: 'none' },
            ...(config.canary.sticky ? { sticky: config.canary.sticky } : {}),
            ...(opts.log ? { log: opts.log } : {}),
          }));
  const run = new Run(opts, spec, config, env, store, deployer);
  return run.execute();
}

class Run {
  private readonly opts: RunRolloutOptions;
  private readonly spec: Spec;
  private readonly config: RolloutConfig;
  private readonly env: EnvironmentRollout;
  private readonly store: ContentStore;
  private readonly states: StateStore;
  private readonly deployer: Deployer;
  private readonly actor: Actor;
  private readonly log: (line: string) => void;
  private readonly deadline: number | undefined;
  private st: RolloutState | undefined;
  private digest: Digest | undefined;
  private holding = false;
  private chain: Promise<unknown> = Promise.resolve();
  private heartbeat: NodeJS.Timeout | undefined;
  private abortedNow = false;
  /** Set when another writer changed the state under this run: it stops, deploying nothing more. */
  private conflict: StateConflictError | undefined;
  private stopped: string | undefined;
  /** Woken when the background analysis ends badly, or the process is told to stop. */
  private wake = new AbortController();
  private background: { stop: AbortController; cancel: AbortController; done: Promise<AnalysisRecord> } | undefined;
  private backgroundVerdict: AnalysisRecord | undefined;

  constructor(
    opts: RunRolloutOptions,
    spec: Spec,
    config: RolloutConfig,
    env: EnvironmentRollout,
    store: ContentStore,
    deployer: Deployer,
  ) {
    this.opts = opts;
    this.spec = spec;
    this.config = config;
    this.env = env;
    this.store = store;
    this.states = new StateStore(store, env.stateTag);
    this.deployer = deployer;
    this.actor = actorFromEnv(opts.env);
    this.log = opts.log ?? (() => {});
    this.deadline = opts.maxDurationMs !== undefined ? Date.now() + opts.maxDurationMs : undefined;
    opts.signal?.addEventListener('abort', () => this.wake.abort(), { once: true });
  }

  private get state(): RolloutState {
    if (!this.st) throw new RolloutStateError(`no rollout in ${this.env.name}`);
    return this.st;
  }

  private now(): string {
    return new Date().toISOString();
  }

  private result(): RolloutResult {
    const r: RolloutResult = {
      state: this.st,
      environment: this.env,
      config: this.config,
      text: describeState(this.st, this.env),
      outputs: outputsOf(this.st),
      abortedNow: this.abortedNow,
    };
    if (this.stopped !== undefined) r.stopped = this.stopped;
    return r;
  }

  /** Writes the state after `mutate`, compare-and-write; serialized (the background analysis writes too). */
  private commit(mutate: (s: RolloutState) => RolloutState): Promise<void> {
    const next = this.chain.then(async () => {
      const s = mutate(this.state);
      const nowMs = Date.now();
      const out: RolloutState = { ...s, revision: this.state.revision + 1, updatedAt: new Date(nowMs).toISOString() };
      if (this.holding && out.lease) out.lease = { ...out.lease, expiresAt: new Date(nowMs + this.config.leaseMs).toISOString() };
      try {
        this.digest = await this.states.write(out, this.digest);
      } catch (e) {
        if (e instanceof StateConflictError) {
          this.conflict = e;
          // whatever this run is waiting for (a pause, an analysis) ends now
          this.wake.abort();
          await this.afterConflict();
        }
        throw e;
      }
      this.st = out;
    });
    this.chain = next.catch(() => {});
    return next;
  }

  /** Someone else wrote the state: if they aborted, make sure stable serves (a deploy of ours may have landed after their rollback). */
  private async afterConflict(): Promise<void> {
    this.holding = false;
    try {
      const { state } = await this.states.read();
      if (state?.phase === 'Aborted' && state.live.digest) {
        await this.deployer.rollback(this.ctx(state));
        await moveTag(this.store, this.env.tag, state.live.digest);
      }
    } catch {
      // the conflict error says what to do
    }
  }

  private ctx(s: RolloutState = this.state, step?: number): DeployContext {
    const c: DeployContext = { environment: this.env, repository: this.config.repository, stable: s.stable, canary: s.canary };
    if (step !== undefined) c.step = step;
    if (this.opts.signal) c.signal = this.opts.signal;
    return c;
  }

  async execute(): Promise<RolloutResult> {
    const read = await this.states.read();
    this.st = read.state;
    this.digest = read.digest;
    if (this.opts.command === 'status') return this.result();
    try {
      await this.beginChecked();
      if (this.opts.command !== 'abort' || this.st?.abort?.finishedAt === undefined) await this.drive();
      return this.result();
    } finally {
      await this.end();
    }
  }

  /**
   * Takes the lease (or refuses, naming its holder) and applies the command.
   * A write that finds the state changed since it was read is not, by
   * itself, a conflict to report: the holder's heartbeat may have renewed a
   * lease that looked expired (a late timer on a loaded machine), and the
   * answer is then the refusal naming that run. The state is read again and
   * the command tried once more; a conflict is reported only when it stays.
   */
  private async beginChecked(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const lease = this.st?.lease;
      const available = leaseAvailable(lease, this.actor, Date.now());
      if (!available && this.opts.command !== 'abort') throw new RolloutLockedError(this.env.name, lease as NonNullable<typeof lease>);
      try {
        await this.begin(available);
        return;
      } catch (e) {
        if (!(e instanceof StateConflictError) || this.holding || attempt >= 2) throw e;
        const again = await this.states.read();
        this.st = again.state;
        this.digest = again.digest;
        this.log(`the state of ${this.env.name} changed while this run started (${e.message}); read again`);
      }
    }
  }

  private leaseFor(): Lease {
    const now = Date.now();
    return {
      holder: this.actor,
      command: this.opts.command,
      acquiredAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.config.leaseMs).toISOString(),
    };
  }

  /** Applies the command and takes the lease, in one write. */
  private async begin(leaseFree: boolean): Promise<void> {
    const now = this.now();
    const who = by(this.actor);
    const cmd = this.opts.command;
    const run = { at: now, command: cmd, actor: this.actor };
    if (cmd === 'start') {
      const cur = this.st;
      if (cur && (cur.phase === 'Progressing' || cur.phase === 'Paused' || cur.phase === 'Inconclusive')) {
        throw new RolloutStateError(
          `a rollout of ${cur.canary.ref ?? short(cur.canary.digest)} is in progress in ${this.env.name} (${cur.phase}, started ${cur.startedAt}); continue, promote or abort it before starting another`,
        );
      }
      if (!this.opts.canary) throw new UsageError(`start needs the version to roll out: --canary <ref> (the canary input of the action)`);
      const strategy = strategyFor(this.env, this.opts.strategy);
      this.deployer.check?.({ strategy, weights: this.config.canary.steps.flatMap((st) => (st.kind === 'setWeight' ? [st.weight] : [])) });
      const stableDesc = (await resolveTag(this.store, this.env.stableTag)) ?? (await resolveTag(this.store, this.env.tag));
      const stable = stableDesc ? { digest: stableDesc.digest } : {};
      const prepared = await this.deployer.prepare(this.opts.canary, { environment: this.env, strategy, stable });
      await this.admit(prepared.digest);
      if (prepared.digest === stable.digest) {
        throw new RolloutStateError(
          `${this.opts.canary} is ${short(prepared.digest)}, which is already the stable version of ${this.env.name}; nothing to roll out`,
        );
      }
      this.log(
        `${strategy} of ${this.opts.canary} (${short(prepared.digest)}) in ${this.env.name}; stable ${short(stable.digest)}; ${prepared.note}`,
      );
      let s = initialState({
        id: newRolloutId(),
        config: this.config,
        environment: this.env,
        strategy,
        stable,
        canary: { ref: prepared.ref, digest: prepared.digest },
        now,
        actor: this.actor,
        ...(cur ? { previous: cur } : {}),
      });
      s = addRun(s, run);
      s.lease = this.leaseFor();
      s.revision = (cur?.revision ?? 0) + 1;
      this.digest = await this.states.write(s, this.digest);
      this.st = s;
      this.holding = true;
      if (strategy === 'canary' && prepared.digest) await moveTag(this.store, this.env.canaryTag, prepared.digest);
      return;
    }
    if (!this.st) throw new RolloutStateError(`no rollout in ${this.env.name} yet; start one with --canary <ref>`);
    const s0 = this.st;
    if (
      cmd === 'continue' &&
      s0.strategy === 'canary' &&
      s0.phase !== 'Healthy' &&
      s0.phase !== 'Aborted' &&
      s0.stepsFingerprint !== stepsFingerprint(this.config.canary.steps)
    ) {
      throw new RolloutStateError(
        `the canary steps of ${this.spec.file} changed since this rollout started; abort it and start again (or retry it after an abort) to use the new steps`,
      );
    }
    const mutate = (s: RolloutState): RolloutState => {
      let out = addRun(s, run);
      if (leaseFree) out.lease = this.leaseFor();
      switch (cmd) {
        case 'continue':
          if (out.phase === 'Inconclusive') out = this.remeasure(out, who, now);
          return out;
        case 'promote':
          return applyPromote(out, this.opts.full === true, who, now);
        case 'abort': {
          const held =
            !leaseFree && s.lease ? ` (while ${describeActor(s.lease.holder)} held the lease; that run stops at its next write)` : '';
          const aborted = applyAbort(out, `aborted by ${who}${held}`, { by: who }, now);
          // the run that held the lease stops at its next write: nothing is left to wait for
          if (!leaseFree) delete aborted.lease;
          return aborted;
        }
        case 'retry':
          return applyRetry(out, this.config, who, now);
        case 'rollback':
          return out;
        default:
          return out;
      }
    };
    await this.commitFirst(mutate);
    this.holding = leaseFree;
    if (cmd === 'rollback') await this.rollbackToPrevious();
  }

  /**
   * Nothing is deployed that the policy would refuse: when the spec (or the
   * environment) names a policy, the version to roll out is verified against
   * it (signatures as referrers, capabilities) before any state or tag moves.
   */
  private async admit(digest: string): Promise<void> {
    const envDecl = this.spec.environments.find((e) => e.name === this.env.name);
    const policyFile = envDecl?.policy.file ?? this.spec.policy.file;
    if (policyFile === undefined) return;
    const { verify } = await import('../verify/verify.ts');
    const { violationsOf } = await import('../verify/report.ts');
    const ref = `${this.config.repository}@${digest}`;
    const { report } = await verify({
      target: { kind: 'ref', ref },
      policyFile,
      environment: this.env.name,
      cwd: this.spec.dir,
      env: this.opts.env,
      registries: this.opts.registries,
    });
    if (report.verdict === 'fail') {
      const why = violationsOf(report)
        .map((v) => v.message)
        .join('; ');
      throw new PolicyRefusedError(
        `${ref} is refused by the policy ${policyFile} (environment ${this.env.name}): ${why}; nothing was deployed`,
      );
    }
    this.log(`${ref} passes the policy ${policyFile} (${report.verdict})`);
  }

  private async commitFirst(mutate: (s: RolloutState) => RolloutState): Promise<void> {
    const s = mutate(this.state);
    const out: RolloutState = { ...s, revision: this.state.revision + 1, updatedAt: this.now() };
    this.digest = await this.states.write(out, this.digest);
    this.st = out;
  }

  /** continue on an inconclusive analysis: measure again (the inconclusive run is kept in the decisions). */
  private remeasure(s: RolloutState, who: string, now: string): RolloutState {
    let out: RolloutState = { ...s, phase: 'Progressing', steps: s.steps.map((x) => ({ ...x })) };
    delete out.pause;
    if (s.strategy === 'canary') {
      const step = out.steps[s.currentStep];
      if (step?.kind === 'analysis') {
        step.status = 'pending';
        delete step.analysis;
      }
      if (s.background && s.background.phase === 'Inconclusive') delete out.background;
    } else if (out.blueGreen) {
      out.blueGreen = { ...out.blueGreen };
      if (out.blueGreen.stage === 'pre-promotion') delete out.blueGreen.pre;
      if (out.blueGreen.stage === 'post-promotion') delete out.blueGreen.post;
    }
    out = addDecision(out, { at: now, by: who, action: 'resume', reason: 'continue after an inconclusive analysis: measuring again' });
    return out;
  }

  private async end(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.stopBackground(true);
    if (this.holding && this.st && !this.conflict) {
      const result = this.stopped ?? this.st.phase;
      await this.commit((s) => {
        const out: RolloutState = {
          ...s,
          runs: s.runs.map((r, i) => (i === s.runs.length - 1 && r.actor.id === this.actor.id ? { ...r, result } : r)),
        };
        delete out.lease;
        return out;
      }).catch((e: unknown) => this.log(`could not give the lease back: ${(e as Error).message}`));
      this.holding = false;
    }
  }

  private cancelled(): boolean {
    return this.opts.signal?.aborted === true;
  }

  private pastDeadline(at = Date.now()): boolean {
    return this.deadline !== undefined && at >= this.deadline;
  }

  private async stopHere(why: string): Promise<void> {
    this.stopped = why;
    this.log(why);
    await this.commit((s) => ({ ...s, message: why }));
  }

  private async drive(): Promise<void> {
    if (this.holding) {
      this.heartbeat = setInterval(
        () => {
          void this.commit((s) => s).catch(() => {});
        },
        Math.max(500, Math.floor(this.config.leaseMs / 3)),
      );
      this.heartbeat.unref();
    }
    for (let guard = 0; guard < 10_000; guard++) {
      if (this.conflict) throw this.conflict;
      if (this.backgroundVerdict) {
        await this.backgroundDecides(this.backgroundVerdict);
        this.backgroundVerdict = undefined;
        continue;
      }
      const action = nextAction(this.state, this.config);
      if (action.kind === 'done' || action.kind === 'wait') {
        if (action.kind === 'wait')
          this.stopped =
            this.state.phase === 'Inconclusive'
              ? 'the analysis was inconclusive: waiting for promote, continue or abort'
              : 'paused: waiting for promote';
        return;
      }
      if (this.cancelled()) return this.stopHere('stopped on request (signal) at a safe point; continue resumes');
      if (this.pastDeadline() && action.kind !== 'finish-abort')
        return this.stopHere(
          `stopped at a safe point: max-duration ${formatDuration(this.opts.maxDurationMs ?? 0)} reached; continue resumes`,
        );
      this.maybeStartBackground();
      let go: boolean;
      switch (action.kind) {
        case 'finish-abort':
          go = await this.finishAbort();
          break;
        case 'promote':
          go = await this.promote();
          break;
        case 'step':
          go = await this.step(action.index);
          break;
        case 'preview':
          go = await this.preview();
          break;
        case 'pre-promotion':
        case 'post-promotion':
          go = await this.blueGreenAnalysis(action.kind);
          break;
      }
      if (!go) return;
    }
  }

  // ---- canary steps ------------------------------------------------------

  private async step(i: number): Promise<boolean> {
    const cfg = this.config.canary.steps[i];
    const rec = this.state.steps[i];
    if (!cfg || !rec) throw new RolloutStateError(`step ${i + 1} is not in the spec any more`);
    const now = this.now();
    const startIntent = (extra: Partial<RolloutState['steps'][number]> = {}) =>
      this.commit((s) => ({
        ...s,
        message: `step ${i + 1}: ${cfg.kind}`,
        steps: s.steps.map((x) => (x.index === i ? { ...x, status: 'started', startedAt: x.startedAt ?? now, ...extra } : x)),
      }));
    const finish = (patch: (s: RolloutState) => RolloutState, note: string, d: Omit<Decision, 'at' | 'by'>) =>
      this.commit((s) =>
        addDecision(
          patch({
            ...s,
            currentStep: i + 1,
            steps: s.steps.map((x) => (x.index === i ? { ...x, status: 'done', finishedAt: this.now(), note } : x)),
          }),
          { at: this.now(), by: 'flotilla', ...d },
        ),
      );
    switch (cfg.kind) {
      case 'setWeight': {
        if (rec.status !== 'started') await startIntent();
        const outcome = await this.deployer.setWeight(cfg.weight, this.ctx(this.state, i));
        // an app made for this step (the in-app splitter's) passes the policy before it goes live, as the canary did
        const made = outcome.live && outcome.live !== this.state.stable.digest && outcome.live !== this.state.canary.digest;
        if (made) await this.admit(outcome.live);
        if (outcome.live) await moveTag(this.store, this.env.tag, outcome.live);
        await finish(
          (s) => ({ ...s, weight: cfg.weight, live: { ...s.live, digest: outcome.live || (s.live.digest ?? '') } }),
          outcome.note,
          {
            action: 'step',
            reason: `step ${i + 1}: weight ${cfg.weight}%: ${outcome.note}`,
          },
        );
        this.log(`step ${i + 1}/${this.state.steps.length}: setWeight ${cfg.weight}: ${outcome.note}`);
        return true;
      }
      case 'pause': {
        if (cfg.durationMs === undefined) {
          await this.commit((s) => ({
            ...s,
            phase: 'Paused',
            pause: { reason: 'step', since: now },
            message: `paused at step ${i + 1} until promote`,
            steps: s.steps.map((x) => (x.index === i ? { ...x, status: 'started', startedAt: x.startedAt ?? now } : x)),
          }));
          this.log(`step ${i + 1}/${this.state.steps.length}: pause until promote`);
          this.stopped = 'paused: waiting for promote';
          return false;
        }
        const until = rec.until ?? new Date(Date.now() + cfg.durationMs).toISOString();
        if (rec.status !== 'started' || this.state.phase !== 'Paused') {
          await this.commit((s) => ({
            ...s,
            phase: 'Paused',
            pause: { reason: 'step', since: now, until },
            message: `paused at step ${i + 1} until ${until}`,
            steps: s.steps.map((x) => (x.index === i ? { ...x, status: 'started', startedAt: x.startedAt ?? now, until } : x)),
          }));
        }
        const untilMs = Date.parse(until);
        const waitTo = this.deadline !== undefined ? Math.min(untilMs, this.deadline) : untilMs;
        await sleep(waitTo - Date.now(), this.wake.signal);
        if (this.conflict) throw this.conflict;
        if (Date.now() < untilMs) {
          if (this.backgroundVerdict || this.cancelled()) return true;
          await this.stopHere(
            `stopped at a safe point during the pause of step ${i + 1} (max-duration); it ends at ${until}; continue resumes`,
          );
          return false;
        }
        await finish(
          (s) => {
            const out: RolloutState = { ...s, phase: 'Progressing' };
            delete out.pause;
            return out;
          },
          `paused ${formatDuration(cfg.durationMs)}`,
          { action: 'pause', reason: `step ${i + 1}: the pause of ${formatDuration(cfg.durationMs)} ended` } as never,
        );
        return true;
      }
      case 'analysis': {
        const record =
          rec.analysis ??
          newAnalysisRecord(
            'step',
            cfg.analysis.templates.map((t) => t.name),
            this.metricsOf(cfg.analysis),
            now,
            i,
          );
        if (rec.status !== 'started' || !rec.analysis) await startIntent({ analysis: record });
        const r = await this.analyse(cfg.analysis, record, 'canary', 'stable', i, (rec2) =>
          this.commit((s) => ({ ...s, steps: s.steps.map((x) => (x.index === i ? { ...x, analysis: rec2 } : x)) })),
        );
        if (!r) return false;
        if (r.phase === 'Successful') {
          await finish((s) => s, r.message ?? 'passed', {
            action: 'step',
            reason: `step ${i + 1}: analysis ${r.templates.join(', ')} passed: ${r.message ?? ''}`,
          });
          this.log(`step ${i + 1}/${this.state.steps.length}: analysis passed`);
          return true;
        }
        return this.analysisDecides(r, `step ${i + 1}`);
      }
    }
  }

  private metricsOf(ref: AnalysisRef): MetricConfig[] {
    return ref.templates.flatMap((t) => this.config.templates.get(t.name)?.metrics ?? []);
  }

  /** Runs an analysis to completion or to a safe point; undefined when the run stopped before it completed. */
  private async analyse(
    ref: AnalysisRef,
    record: AnalysisRecord,
    version: string,
    baselineVersion: string,
    step: number | undefined,
    save: (r: AnalysisRecord) => Promise<void>,
    stop?: AbortSignal,
  ): Promise<AnalysisRecord | undefined> {
    const s = this.state;
    const digests: Record<string, string> = {
      canary: s.canary.digest ?? '',
      stable: s.stable.digest ?? '',
      preview: s.canary.digest ?? '',
      active: s.live.digest ?? '',
    };
    const shared: Record<string, string> = {
      env: this.env.name,
      step: String(step !== undefined ? step + 1 : ''),
      weight: String(s.weight),
      'stable.digest': digests.stable ?? '',
      'canary.digest': digests.canary ?? '',
      'live.digest': s.live.digest ?? '',
    };
    for (const [k, v] of Object.entries(ref.args)) shared[`args.${k}`] = v;
    const load = ref.load ?? this.config.load;
    const running = load ? startLoad(load, this.opts.env) : undefined;
    const where: { step?: number; weight?: number } = { weight: s.weight };
    if (step !== undefined) where.step = step;
    try {
      const r = await runAnalysis({
        record,
        metrics: this.metricsOf(ref),
        measure: providerMeasure({ shared, digests, env: this.opts.env, cwd: this.spec.dir }),
        version,
        baselineVersion,
        where,
        onUpdate: save,
        deadline: this.deadline,
        ...(stop ? { stop } : {}),
        cancel: this.wake.signal,
        errorRetryMs: this.opts.errorRetryMs,
      });
      if (running) {
        const stats = await running.stop();
        const withLoad: AnalysisRecord = {
          ...r.record,
          load: { sent: stats.sent, ok: stats.ok, failed: stats.failed, statuses: stats.statuses },
        };
        await save(withLoad);
        r.record = withLoad;
      }
      if (this.conflict) throw this.conflict;
      if (r.suspended) {
        if (this.backgroundVerdict || this.cancelled()) return undefined;
        await this.stopHere(
          `stopped at a safe point during the analysis${step !== undefined ? ` of step ${step + 1}` : ''} (max-duration); continue resumes it where it stopped`,
        );
        return undefined;
      }
      return r.record;
    } finally {
      await running?.stop();
    }
  }

  /** Failed or Error aborts; Inconclusive pauses. */
  private async analysisDecides(r: AnalysisRecord, where: string): Promise<boolean> {
    const bad = r.metrics.find((m) => !m.dryRun && (m.phase === 'Failed' || m.phase === 'Error' || m.phase === 'Inconclusive'));
    const last = bad?.measurements[bad.measurements.length - 1];
    const detail: Omit<Decision, 'at' | 'by' | 'action' | 'reason'> = {};
    if (bad) detail.metric = `${bad.template}/${bad.name}`;
    if (last?.value !== undefined) detail.value = last.value;
    if (last?.baseline !== undefined) detail.baseline = last.baseline;
    const cond = [
      bad?.successCondition && `successCondition ${bad.successCondition}`,
      bad?.failureCondition && `failureCondition ${bad.failureCondition}`,
    ]
      .filter(Boolean)
      .join('; ');
    if (cond) detail.condition = cond;
    if (r.phase === 'Inconclusive') {
      const limit = bad?.message?.split('; last:')[0];
      const why = last?.message ?? last?.decision ?? '';
      const reason = `${where}: analysis inconclusive: ${bad ? `metric ${bad.template}/${bad.name}: ` : ''}${why}${limit ? `; ${limit}` : ''}`;
      await this.commit((s) =>
        addDecision(
          { ...s, phase: 'Inconclusive', pause: { reason: 'inconclusive', since: this.now() }, message: reason },
          { at: this.now(), by: 'analysis', action: 'inconclusive', reason, ...detail },
        ),
      );
      this.log(reason);
      this.stopped = 'the analysis was inconclusive: waiting for promote, continue or abort';
      return false;
    }
    const reason = `${where}: analysis ${r.phase === 'Error' ? 'could not measure' : 'failed'}: ${bad ? `metric ${bad.template}/${bad.name}` : ''}${last?.value !== undefined ? ` = ${last.value}` : ''}${last?.baseline !== undefined ? ` (stable ${last.baseline})` : ''}${last?.decision ? `, ${last.decision}` : cond ? `, ${cond}` : ''}${last?.message ? ` (${last.message})` : ''}${bad?.message ? `; ${bad.message.split('; last:')[0]}` : ''}`;
    await this.commit((s) => applyAbort(s, reason, { by: 'analysis', ...detail }, this.now()));
    this.log(reason);
    return true;
  }

  private maybeStartBackground(): void {
    const bg = this.config.canary.background;
    const s = this.state;
    if (!bg || s.strategy !== 'canary' || this.background || s.phase === 'Aborted' || s.phase === 'Healthy' || s.abort) return;
    if (s.currentStep < (bg.startingStep ?? 0) || s.currentStep >= s.steps.length) return;
    if (s.background && isComplete(s.background.phase)) return;
    const record =
      s.background ??
      newAnalysisRecord(
        'background',
        bg.templates.map((t) => t.name),
        this.metricsOf(bg),
        this.now(),
        bg.startingStep ?? 0,
      );
    const stop = new AbortController();
    const cancel = new AbortController();
    const done = (async () => {
      if (!s.background) await this.commit((x) => ({ ...x, background: record }));
      const save = (r: AnalysisRecord) => this.commit((x) => ({ ...x, background: r }));
      const prevWake = this.wake;
      const r = await runAnalysis({
        record,
        metrics: this.metricsOf(bg),
        measure: providerMeasure({
          shared: {
            env: this.env.name,
            weight: String(s.weight),
            step: String(s.currentStep + 1),
            'stable.digest': s.stable.digest ?? '',
            'canary.digest': s.canary.digest ?? '',
            'live.digest': s.live.digest ?? '',
            ...Object.fromEntries(Object.entries(bg.args).map(([k, v]) => [`args.${k}`, v])),
          },
          digests: { canary: s.canary.digest ?? '', stable: s.stable.digest ?? '' },
          env: this.opts.env,
          cwd: this.spec.dir,
        }),
        version: 'canary',
        onUpdate: save,
        stop: stop.signal,
        cancel: cancel.signal,
        errorRetryMs: this.opts.errorRetryMs,
      });
      if (isComplete(r.record.phase) && r.record.phase !== 'Successful' && !stop.signal.aborted) {
        this.backgroundVerdict = r.record;
        prevWake.abort();
        this.wake = new AbortController();
        this.opts.signal?.addEventListener('abort', () => this.wake.abort(), { once: true });
      }
      return r.record;
    })();
    this.background = { stop, cancel, done };
  }

  /** Ends the background analysis: `stop` (the steps are done: it completes) or cancel (the process stops: it continues later). */
  private async stopBackground(cancel: boolean): Promise<AnalysisRecord | undefined> {
    const bg = this.background;
    if (!bg) return undefined;
    if (cancel) bg.cancel.abort();
    else bg.stop.abort();
    const r = await bg.done.catch(() => undefined);
    this.background = undefined;
    return r;
  }

  private async backgroundDecides(r: AnalysisRecord): Promise<void> {
    this.background = undefined;
    await this.analysisDecides(r, 'background analysis');
  }

  // ---- promotion and abort ------------------------------------------------

  private async promote(): Promise<boolean> {
    if (!this.state.promotion)
      await this.commit((s) => ({ ...s, promotion: { full: false, startedAt: this.now() }, message: 'promoting' }));
    if (this.state.strategy === 'canary' && this.background) {
      const r = await this.stopBackground(false);
      if (r && r.phase !== 'Successful' && !this.state.promotion?.full) {
        await this.analysisDecides(r, 'background analysis');
        return true;
      }
    }
    const s = this.state;
    const outcome = await this.deployer.promote(this.ctx(s));
    const newDigest = outcome.live;
    const bgState = s.strategy === 'blue-green' ? { ...(s.blueGreen ?? { stage: 'preview' as const }) } : undefined;
    if (bgState && bgState.previousActive === undefined && s.stable.digest) {
      bgState.previousActive = s.stable.digest;
      const prev = await resolveTag(this.store, this.env.previousTag);
      if (prev) bgState.previousTagBefore = prev.digest;
    }
    // the previous stable stays reachable under a tag of its own: rollback is one move to a digest that has run
    if (s.stable.digest && s.stable.digest !== newDigest) await moveTag(this.store, this.env.previousTag, s.stable.digest);
    await moveTag(this.store, this.env.stableTag, newDigest);
    await moveTag(this.store, this.env.tag, newDigest);
    const full = s.promotion?.full === true;
    const hasPost = s.strategy === 'blue-green' && this.config.blueGreen.postPromotionAnalysis !== undefined && !full;
    await this.commit((x) => {
      const out: RolloutState = {
        ...x,
        weight: 100,
        live: { ...x.live, digest: newDigest },
        promotion: { ...(x.promotion ?? { full, startedAt: this.now() }), finishedAt: this.now() },
      };
      if (bgState) out.blueGreen = { ...bgState, stage: hasPost ? 'post-promotion' : 'done' };
      if (!hasPost) {
        out.phase = 'Healthy';
        out.finishedAt = this.now();
        out.message = `promoted: ${outcome.note}`;
      } else out.message = `switched active to ${short(newDigest)}; post-promotion analysis next`;
      return addDecision(out, {
        at: this.now(),
        by: 'flotilla',
        action: s.strategy === 'blue-green' ? 'switch' : 'promote',
        reason: `${s.strategy === 'blue-green' ? 'active switched' : 'promoted'} to ${short(newDigest)}: ${outcome.note}`,
      });
    });
    this.log(`${s.strategy === 'blue-green' ? 'switched' : 'promoted'}: ${this.env.tag} → ${short(newDigest)}`);
    return true;
  }

  private async finishAbort(): Promise<boolean> {
    await this.stopBackground(false);
    const s = this.state;
    const switchedBack = s.strategy === 'blue-green' && (s.blueGreen?.stage === 'post-promotion' || s.blueGreen?.stage === 'switched');
    const outcome = await this.deployer.rollback(this.ctx(s));
    const stable = outcome.live || s.stable.digest;
    if (stable) {
      await moveTag(this.store, this.env.tag, stable);
      if (switchedBack) {
        await moveTag(this.store, this.env.stableTag, stable);
        if (s.blueGreen?.previousTagBefore) await moveTag(this.store, this.env.previousTag, s.blueGreen.previousTagBefore);
      }
    }
    await this.commit((x) => {
      const out: RolloutState = {
        ...x,
        phase: 'Aborted',
        weight: 0,
        live: { ...x.live, digest: stable ?? '' },
        abort: { ...(x.abort ?? { startedAt: this.now(), reason: 'aborted' }), finishedAt: this.now() },
        finishedAt: this.now(),
      };
      delete out.pause;
      delete out.promotion;
      if (out.blueGreen) out.blueGreen = { ...out.blueGreen, stage: 'done' };
      out.message = `aborted: ${x.abort?.reason ?? ''}`;
      return switchedBack
        ? addDecision(out, { at: this.now(), by: 'flotilla', action: 'switch-back', reason: `active switched back to ${short(stable)}` })
        : out;
    });
    this.abortedNow = true;
    this.log(`aborted: ${this.env.tag} → stable ${short(stable)} (${outcome.note}); ${s.abort?.reason ?? ''}`);
    return true;
  }

  /** rollback: after a promotion, the previous stable (kept under the previous tag) goes live again. */
  private async rollbackToPrevious(): Promise<void> {
    const s = this.state;
    if (s.phase !== 'Healthy')
      throw new RolloutStateError(
        `rollback undoes a promotion; the rollout of ${this.env.name} is ${s.phase}${s.phase === 'Aborted' ? ' (stable is already serving)' : ': abort it instead'}`,
      );
    const prev = await resolveTag(this.store, this.env.previousTag);
    if (!prev)
      throw new RolloutStateError(
        `there is no ${this.env.previousTag} tag in ${this.config.repository}: nothing was live before the last promotion`,
      );
    const current = s.live.digest;
    const outcome = await this.deployer.rollback({ ...this.ctx(s), stable: { digest: prev.digest }, canary: { digest: current ?? '' } });
    await moveTag(this.store, this.env.tag, outcome.live || prev.digest);
    await moveTag(this.store, this.env.stableTag, prev.digest);
    if (current) await moveTag(this.store, this.env.previousTag, current);
    await this.commit((x) =>
      addDecision(
        {
          ...x,
          live: { digest: prev.digest },
          stable: { digest: current ?? '' },
          canary: { ...x.canary },
          weight: 0,
          message: `rolled back to ${short(prev.digest)}; ${short(current)} is kept as ${this.env.previousTag}`,
        },
        {
          at: this.now(),
          by: by(this.actor),
          action: 'rollback',
          reason: `rollback: ${this.env.tag} back to the previous stable ${short(prev.digest)} (from ${short(current)})`,
        },
      ),
    );
    this.log(`rolled back: ${this.env.tag} → ${short(prev.digest)}`);
  }

  // ---- blue-green ---------------------------------------------------------

  private async preview(): Promise<boolean> {
    const d = this.state.canary.digest ?? '';
    await moveTag(this.store, this.env.previewTag, d);
    await this.commit((s) =>
      addDecision(
        {
          ...s,
          blueGreen: { ...(s.blueGreen ?? { stage: 'preview' }), stage: 'pre-promotion' },
          message: `${this.env.previewTag} → ${short(d)}`,
        },
        {
          at: this.now(),
          by: 'flotilla',
          action: 'step',
          reason: `published the new version to ${this.env.previewTag} (${short(d)}); active untouched`,
        },
      ),
    );
    this.log(`preview: ${this.env.previewTag} → ${short(d)}`);
    return true;
  }

  private async blueGreenAnalysis(kind: 'pre-promotion' | 'post-promotion'): Promise<boolean> {
    const ref = kind === 'pre-promotion' ? this.config.blueGreen.prePromotionAnalysis : this.config.blueGreen.postPromotionAnalysis;
    const field = kind === 'pre-promotion' ? 'pre' : 'post';
    const advance = (s: RolloutState): RolloutState => {
      if (kind === 'post-promotion')
        return {
          ...s,
          phase: 'Healthy',
          finishedAt: this.now(),
          blueGreen: { ...(s.blueGreen ?? { stage: 'done' }), stage: 'done' },
          message: 'post-promotion analysis passed',
        };
      if (this.config.blueGreen.autoPromotion)
        return { ...s, blueGreen: { ...(s.blueGreen ?? { stage: 'preview' }), stage: 'awaiting-promotion' } };
      return {
        ...s,
        phase: 'Paused',
        pause: { reason: 'awaiting-promotion', since: this.now() },
        blueGreen: { ...(s.blueGreen ?? { stage: 'preview' }), stage: 'awaiting-promotion' },
        message: 'waiting for promote (autoPromotion is off)',
      };
    };
    if (!ref) {
      await this.commit(advance);
      return true;
    }
    const existing = this.state.blueGreen?.[field];
    const record =
      existing ??
      newAnalysisRecord(
        kind as AnalysisKind,
        ref.templates.map((t) => t.name),
        this.metricsOf(ref),
        this.now(),
      );
    if (!existing) await this.commit((s) => ({ ...s, blueGreen: { ...(s.blueGreen ?? { stage: kind }), [field]: record } }));
    const r = await this.analyse(
      ref,
      record,
      kind === 'pre-promotion' ? 'preview' : 'active',
      kind === 'pre-promotion' ? 'active' : 'stable',
      undefined,
      (x) => this.commit((s) => ({ ...s, blueGreen: { ...(s.blueGreen ?? { stage: kind }), [field]: x } })),
    );
    if (!r) return false;
    if (r.phase === 'Successful') {
      await this.commit((s) =>
        addDecision(advance(s), { at: this.now(), by: 'analysis', action: 'step', reason: `${kind} analysis passed: ${r.message ?? ''}` }),
      );
      this.log(`${kind} analysis passed`);
      return true;
    }
    return this.analysisDecides(r, `${kind} analysis`);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The state of a rollout, as kept in the registry (state-store.ts): what
 * is serving, which steps are done, every measurement and decision, who ran
 * which command from which workflow run, and the lease of the run that
 * holds it. Pure data and pure helpers; JSON in and out.
 *
 * A step is recorded twice: its intent (`status: started`, before anything
 * is deployed) and its completion (`done`). Every step is idempotent (a
 * weight set again is the same manifests and tags; a pause has its end time
 * written down; an analysis keeps its measurements), so a run that dies
 * between the two repeats only the unfinished step, and never a finished one.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { FlotillaError } from '../errors.ts';
import type { AnalysisRecord } from './analysis.ts';
import type { Strategy } from './config.ts';

export const STATE_SCHEMA_VERSION = 1;
/** The artifact type of a rollout state manifest (and the media type of its one layer). */
export const STATE_ARTIFACT_TYPE = 'application/vnd.flotilla.rollout.state.v1+json';
/** State bigger than this is refused when read (measurements are bounded per metric). */
export const STATE_LIMIT = 4 * 1024 * 1024;

export type RolloutPhase = 'Progressing' | 'Paused' | 'Inconclusive' | 'Healthy' | 'Aborted';
export type Command = 'start' | 'continue' | 'status' | 'promote' | 'abort' | 'retry' | 'rollback';
export const COMMANDS: readonly Command[] = ['start', 'continue', 'status', 'promote', 'abort', 'retry', 'rollback'];

/** Who runs a command: this process, and the GitHub workflow run it belongs to (GITHUB_* variables). */
export interface Actor {
  /** Random per process: the lease's identity. */
  id: string;
  host: string;
  pid: number;
  /** GITHUB_ACTOR, else USER. */
  user?: string;
  run?: {
    id: string;
    attempt: string;
    url: string;
    workflow?: string;
    job?: string;
    repository?: string;
    ref?: string;
    sha?: string;
    event?: string;
  };
}

export interface Lease {
  holder: Actor;
  command: Command;
  acquiredAt: string;
  expiresAt: string;
}

export type StepStatus = 'pending' | 'started' | 'done' | 'skipped';

export interface StepRecord {
  index: number;
  kind: 'setWeight' | 'pause' | 'analysis';
  /** setWeight: the weight; pause: its duration (absent: until promote). */
  weight?: number;
  durationMs?: number;
  status: StepStatus;
  startedAt?: string;
  finishedAt?: string;
  /** A timed pause: when it ends (written with the intent, so a resumed run waits only the rest). */
  until?: string;
  analysis?: AnalysisRecord;
  /** What the deployer said it did. */
  note?: string;
}

export interface Decision {
  at: string;
  /** `analysis`, or the user (and run) who gave the command. */
  by: string;
  action:
    | 'start'
    | 'step'
    | 'pause'
    | 'promote'
    | 'promote-full'
    | 'abort'
    | 'retry'
    | 'rollback'
    | 'inconclusive'
    | 'switch'
    | 'switch-back'
    | 'resume';
  reason: string;
  /** The metric, its value and the condition behind an analysis decision. */
  metric?: string;
  value?: string;
  baseline?: string;
  condition?: string;
}

export interface RunRecord {
  at: string;
  command: Command;
  actor: Actor;
  /** How the run ended: the phase it left, or why it stopped. */
  result?: string;
}

export interface Version {
  /** The reference as given (`ghcr.io/acme/shop:2.1.0`, or a component ref in phase 2). */
  ref?: string;
  /** Manifest digest of the app (or the component) in the app's repository. */
  digest?: string;
}

export type BlueGreenStage = 'preview' | 'pre-promotion' | 'awaiting-promotion' | 'switched' | 'post-promotion' | 'done';

export interface RolloutState {
  schemaVersion: typeof STATE_SCHEMA_VERSION;
  /** Identifies one rollout (start to Healthy/Aborted); retry keeps it. */
  id: string;
  /** Increments at every write. */
  revision: number;
  environment: string;
  repository: string;
  strategy: Strategy;
  phase: RolloutPhase;
  /** What is serving and what to do next, in a sentence or two. */
  message: string;
  pause?: { reason: 'step' | 'inconclusive' | 'awaiting-promotion'; since: string; until?: string };
  /** The version that was live when the rollout started, and serves again after an abort. */
  stable: Version;
  /** The version being rolled out (blue-green: the new version, published to preview). */
  canary: Version;
  /** What the live tag names now. */
  live: Version;
  /** Percent of traffic on the canary now (blue-green: 0 before the switch, 100 after). */
  weight: number;
  /** Index of the step being run, or of the next one. */
  currentStep: number;
  steps: StepRecord[];
  /** Fingerprint of the steps of the spec the rollout started with (an edited spec is noticed). */
  stepsFingerprint: string;
  background?: AnalysisRecord;
  blueGreen?: { stage: BlueGreenStage; previousActive?: string; previousTagBefore?: string; pre?: AnalysisRecord; post?: AnalysisRecord };
  /** Set while a promotion is under way (intent), so that a resumed run finishes it. */
  promotion?: { full: boolean; startedAt: string; finishedAt?: string };
  abort?: { startedAt: string; finishedAt?: string; reason: string };
  decisions: Decision[];
  runs: RunRecord[];
  lease?: Lease;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  /** Earlier rollouts of this environment, newest first (bounded). */
  history: {
    id: string;
    strategy: Strategy;
    phase: RolloutPhase;
    canary: Version;
    stable: Version;
    startedAt: string;
    finishedAt?: string;
  }[];
}

/** A second run while the first still holds the lease. */
export class RolloutLockedError extends FlotillaError {
  readonly holder: Lease;
  constructor(environment: string, lease: Lease) {
    super(
      'ROLLOUT_LOCKED',
      `the rollout of ${environment} is held by ${describeActor(lease.holder)} (${lease.command}, since ${lease.acquiredAt}) until ${lease.expiresAt}; wait for that run to end or cancel it (its lease then expires), or run abort, which always goes through`,
    );
    this.holder = lease;
  }
}

/** The state changed between this run's read and its write (another writer). */
export class StateConflictError extends FlotillaError {
  constructor(message: string) {
    super('ROLLOUT_STATE_CONFLICT', message);
  }
}

/** A command that does not fit the rollout's phase (promote with nothing to promote, start while one is in progress). */
export class RolloutStateError extends FlotillaError {
  constructor(message: string) {
    super('ROLLOUT_STATE', message);
  }
}

/** The actor of this process, from the GitHub Actions variables where they are set. */
export function actorFromEnv(env: NodeJS.ProcessEnv): Actor {
  const a: Actor = { id: randomBytes(8).toString('hex'), host: hostname(), pid: process.pid };
  const user = env.GITHUB_ACTOR ?? env.USER ?? env.LOGNAME;
  if (user) a.user = user;
  if (env.GITHUB_RUN_ID) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    a.run = {
      id: env.GITHUB_RUN_ID,
      attempt: env.GITHUB_RUN_ATTEMPT ?? '1',
      url: `${server}/${env.GITHUB_REPOSITORY ?? '<repository>'}/actions/runs/${env.GITHUB_RUN_ID}`,
    };
    const opt: [keyof NonNullable<Actor['run']>, string | undefined][] = [
      ['workflow', env.GITHUB_WORKFLOW],
      ['job', env.GITHUB_JOB],
      ['repository', env.GITHUB_REPOSITORY],
      ['ref', env.GITHUB_REF],
      ['sha', env.GITHUB_SHA],
      ['event', env.GITHUB_EVENT_NAME],
    ];
    for (const [k, v] of opt) if (v) (a.run as Record<string, string>)[k] = v;
  }
  return a;
}

export function describeActor(a: Actor): string {
  if (a.run)
    return `workflow run ${a.run.url} (attempt ${a.run.attempt}${a.run.job ? `, job ${a.run.job}` : ''}${a.user ? `, by ${a.user}` : ''})`;
  return `${a.user ?? 'a process'} on ${a.host} (pid ${a.pid})`;
}

/** Whether `me` may take the lease: none, expired, mine, or held by an earlier attempt of my own workflow run (GitHub runs attempts one after another). */
export function leaseAvailable(lease: Lease | undefined, me: Actor, now: number): boolean {
  if (!lease) return true;
  if (lease.holder.id === me.id) return true;
  if (Date.parse(lease.expiresAt) <= now) return true;
  const mine = me.run;
  const theirs = lease.holder.run;
  return mine !== undefined && theirs !== undefined && mine.id === theirs.id && Number(mine.attempt) > Number(theirs.attempt);
}

const HISTORY_LIMIT = 20;
const RUNS_LIMIT = 50;
const DECISIONS_LIMIT = 200;

/** Appends bounded lists (runs, decisions, history). Pure. */
export function bounded<T>(list: T[], item: T, limit: number): T[] {
  return [...list, item].slice(-limit);
}

export function addDecision(s: RolloutState, d: Decision): RolloutState {
  return { ...s, decisions: bounded(s.decisions, d, DECISIONS_LIMIT) };
}

export function addRun(s: RolloutState, r: RunRecord): RolloutState {
  return { ...s, runs: bounded(s.runs, r, RUNS_LIMIT) };
}

/** The previous rollout, summarised into the history of a new one. Pure. */
export function archived(previous: RolloutState | undefined): RolloutState['history'] {
  if (!previous) return [];
  const entry: RolloutState['history'][number] = {
    id: previous.id,
    strategy: previous.strategy,
    phase: previous.phase,
    canary: previous.canary,
    stable: previous.stable,
    startedAt: previous.startedAt,
  };
  if (previous.finishedAt) entry.finishedAt = previous.finishedAt;
  return [entry, ...previous.history].slice(0, HISTORY_LIMIT);
}

export function newRolloutId(): string {
  return `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}

/** Parses state bytes read from the registry; anything unexpected is a typed error naming where it came from. */
export function parseState(bytes: Uint8Array, where: string): RolloutState {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw new FlotillaError('ROLLOUT_STATE_INVALID', `${where}: the rollout state is not UTF-8 JSON: ${(e as Error).message}`);
  }
  const s = v as Partial<RolloutState> | null;
  if (s === null || typeof s !== 'object' || Array.isArray(s))
    throw new FlotillaError('ROLLOUT_STATE_INVALID', `${where}: the rollout state is not a JSON object`);
  if (s.schemaVersion !== STATE_SCHEMA_VERSION) {
    throw new FlotillaError(
      'ROLLOUT_STATE_INVALID',
      `${where}: rollout state schema version ${JSON.stringify(s.schemaVersion)} is not ${STATE_SCHEMA_VERSION}; a newer Flotilla wrote it`,
    );
  }
  for (const field of ['id', 'environment', 'strategy', 'phase'] as const) {
    if (typeof s[field] !== 'string') throw new FlotillaError('ROLLOUT_STATE_INVALID', `${where}: the rollout state has no ${field}`);
  }
  if (!Array.isArray(s.steps) || !Array.isArray(s.decisions) || !Array.isArray(s.runs))
    throw new FlotillaError('ROLLOUT_STATE_INVALID', `${where}: the rollout state lacks steps, decisions or runs`);
  return s as RolloutState;
}

export function short(digest: string | undefined): string {
  return digest ? digest.slice(0, 19) : 'nothing';
}

import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { GitHubApiStandIn } from '../github-api/index.ts';
import type { GitHubOidcStandIn } from '../sigstore/oidc.ts';
import { ArtifactStore } from './artifacts.ts';
import { type Annotation, CommandProcessor } from './commands.ts';
import { ConcurrencyGroups, type ConcurrencyRecord, type Lease } from './concurrency.ts';
import { WorkflowError } from './errors.ts';
import { asString, type Contexts, type Status, truthy } from './expressions.ts';
import { parseFileCommand, parsePathFile } from './files.ts';
import { SecretMasker } from './masker.ts';
import { expandMatrix, type MatrixCombination, matrixJobName } from './matrix.ts';
import {
  type LoadedAction,
  type LoadedWorkflow,
  loadAction,
  loadWorkflow,
  parseFileReference,
  type ReusableWorkflowJob,
  type Step,
  type TemplateToken,
  type WorkflowFetcher,
  type WorkflowJob,
} from './parser.ts';
import { defaultPermissions, exceeding, granted, normalizePermissions, type Permissions } from './permissions.ts';
import { runProcess } from './process.ts';
import type { Repositories } from './repositories.ts';
import { findStandIn, type StandInContext, StepFailure } from './standins.ts';
import { entries, evaluateString, evaluateStringMap, evaluateToken, isMapping, literal, where } from './template.ts';

export type JobResult = 'success' | 'failure' | 'cancelled' | 'skipped';
export type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface EnvironmentConfig {
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /**
   * The environment's protection rules (required reviewers, wait timers):
   * asked before a job in the environment starts; `false` rejects the job,
   * which then fails without running a step, as a rejected review does.
   */
  approve?: (request: { job: string; environment: string }) => boolean | Promise<boolean>;
}

export interface RunnerOptions {
  repositories: Repositories;
  /** Artifact store; pass the same one to several runners or runs to share artifacts across runs. */
  artifacts?: ArtifactStore;
  /** GitHub REST stand-in: jobs get GITHUB_TOKENs it accepts, with their permissions; GITHUB_API_URL points at it. */
  githubApi?: GitHubApiStandIn;
  /** GitHub OIDC stand-in: jobs with `id-token: write` get an ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN of their own from it. */
  oidc?: GitHubOidcStandIn;
  /** The repository's default token permissions for workflows that declare none (default `restricted`). */
  defaultPermissions?: 'restricted' | 'permissive';
  /** Environment variables of the "runner machine" every process gets (default: PATH and LANG of this process). */
  machineEnv?: Record<string, string>;
  /** Jobs running at once (default 2: this machine has 2 cores). */
  maxParallel?: number;
  /** Folder for workspaces and logs (default: a new temporary folder, removed by close()). */
  workDir?: string;
  /** RUNNER_DEBUG / ACTIONS_STEP_DEBUG: keep `::debug::` lines. */
  debug?: boolean;
}

export interface RunRequest {
  /** `owner/name` of the repository whose workflow runs (among the runner's repositories). */
  repository: string;
  /** Path of the workflow file in it (`.github/workflows/release.yml`). */
  workflow: string;
  /** Ref of the run (default: the repository's default branch). */
  ref?: string;
  /** `push` (default), `workflow_dispatch`, `pull_request`… */
  event?: string;
  /** The event's webhook payload (`github.event`). */
  payload?: Record<string, unknown>;
  /** workflow_dispatch inputs. */
  inputs?: Record<string, string | number | boolean>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  environments?: Record<string, EnvironmentConfig>;
  runId?: string;
  runNumber?: string;
  runAttempt?: string;
  actor?: string;
}

export interface StepRecord {
  id: string;
  name: string;
  uses?: string;
  outcome: StepOutcome;
  conclusion: StepOutcome;
  outputs: Record<string, string>;
  log: string[];
}

export interface JobRecord {
  /** Path of the job: `build`, `build (24)`, `release / publish`. */
  id: string;
  /** Its key in its workflow file. */
  key: string;
  name: string;
  /** The workflow file it is defined in (`owner/repo/path@ref` for another repository's). */
  workflow: string;
  /** `reusable` for a job that calls a workflow (its jobs are records of their own). */
  kind: 'job' | 'reusable';
  /** Result as `needs.<job>.result` shows it (`success` for a failed job with continue-on-error). */
  result: JobResult;
  /** What happened before continue-on-error. */
  outcome: JobResult;
  outputs: Record<string, string>;
  matrix?: MatrixCombination;
  /** Effective GITHUB_TOKEN permissions (scopes that are not `none`). */
  permissions: Record<string, string>;
  environment?: { name: string; url?: string; deployment: boolean; approved: boolean };
  concurrency?: { group: string; cancelInProgress: boolean };
  runsOn?: unknown;
  /** The job had ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN (id-token: write). */
  idToken: boolean;
  /** `job.workflow_*`: the workflow file the job is defined in. */
  workflowContext: { repository: string; sha: string; ref: string; filePath: string };
  /** For a reusable-workflow call: what was passed. */
  call?: { uses: string; inputs: Record<string, unknown>; secrets: string[]; inheritSecrets: boolean };
  steps: StepRecord[];
  log: string[];
  summary: string;
  annotations: Annotation[];
  /** The job's workspace (kept until WorkflowRunner.close()). */
  workspace?: string;
}

export interface RunResult {
  runId: string;
  conclusion: 'success' | 'failure' | 'cancelled';
  jobs: JobRecord[];
  /** A job by path (`deploy / publish`), or by key when unique; throws when there is none. */
  job(id: string): JobRecord;
  concurrency: ConcurrencyRecord[];
  /** Every log line, summary and annotation of the run (masked), for searching. */
  text(): string;
}

const MAX_CALL_DEPTH = 10;
const MAX_SUMMARY = 1024 * 1024;
const DEFAULT_JOB_TIMEOUT_MINUTES = 360;

interface RunState {
  runId: string;
  runNumber: string;
  runAttempt: string;
  request: RunRequest;
  github: Record<string, unknown>;
  masker: SecretMasker;
  records: JobRecord[];
  concurrency: ConcurrencyRecord[];
  dir: string;
  abort: AbortController;
  top: { repository: string; path: string; ref: string; sha: string; name: string };
  jobCounter: number;
}

interface WorkflowIdentity {
  repository: string;
  sha: string;
  ref: string;
  path: string;
  /** Name in diagnostics: the path for the run's repository, `owner/repo/path@ref` for another. */
  display: string;
}

interface Scope {
  run: RunState;
  loaded: LoadedWorkflow;
  identity: WorkflowIdentity;
  inputs: Record<string, unknown>;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  prefix: string;
  depth: number;
  chain: string[];
  /** Permissions the caller granted (called workflows only). */
  ceiling: Permissions | undefined;
  signal: AbortSignal;
}

interface NeedResult {
  result: JobResult;
  outputs: Record<string, string>;
}

/** A job's live state while its steps run. */
interface JobState {
  record: JobRecord;
  scope: Scope;
  dir: string;
  workspace: string;
  temp: string;
  home: string;
  env: Record<string, string>;
  pathAdds: string[];
  status: 'success' | 'failure' | 'cancelled';
  contexts: Contexts;
  posts: Array<{ name: string; postIf: 'success' | 'always'; run: () => Promise<void> }>;
  signal: AbortSignal;
  /** Only the job's timeout: steps that run after a cancellation (`if: always()` / `cancelled()`) and post steps. */
  timeoutSignal: AbortSignal;
  /** The signal the current step's process obeys. */
  stepSignal: AbortSignal;
  defaults: { shell?: string | undefined; workingDirectory?: string | undefined };
  processEnv: Record<string, string>;
  deadline: number;
}

/** A step list's own `steps` context (a job's, or a composite action's). */
interface StepsFrame {
  steps: Record<string, { outputs: Record<string, string>; outcome: StepOutcome; conclusion: StepOutcome }>;
  inputs: Record<string, unknown> | undefined;
  actionPath?: string;
  actionRepository?: string;
  actionRef?: string;
  depth: number;
}

function fail(code: WorkflowError['code'], message: string): never {
  throw new WorkflowError(code, message);
}

function stepFailure(message: string): never {
  throw new StepFailure(message);
}

function num(value: unknown, what: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n <= 0) fail('WORKFLOW_INVALID', `${what} must be a positive number, got ${asString(value)}`);
  return n;
}

/**
 * Runs GitHub Actions workflows on this machine for tests: GitHub's own
 * parser validates each workflow and the workflows it calls, GitHub's own
 * expression library evaluates every `${{ }}`, and jobs run their `run:`
 * steps in bash and their actions as the runner runs them (Flotilla's from
 * their `dist/index.js` bundles, third-party ones as stand-ins). See
 * README.md for what is supported and what each stand-in does.
 */
export class WorkflowRunner {
  readonly repositories: Repositories;
  readonly artifacts: ArtifactStore;
  readonly #opts: RunnerOptions;
  readonly #dir: string;
  readonly #ownsDir: boolean;
  readonly #groups = new ConcurrencyGroups();
  readonly #cacheRoot: string;
  readonly #actionsDir: string;
  #running = 0;
  readonly #queue: Array<() => void> = [];
  #runCounter = 7000;

  constructor(opts: RunnerOptions) {
    this.#opts = opts;
    this.repositories = opts.repositories;
    this.artifacts = opts.artifacts ?? new ArtifactStore();
    this.#ownsDir = opts.workDir === undefined;
    this.#dir = opts.workDir ?? mkdtempSync(join(tmpdir(), 'flotilla-runner-'));
    this.#cacheRoot = join(this.#dir, '_cache');
    this.#actionsDir = join(this.#dir, '_actions');
    mkdirSync(this.#cacheRoot, { recursive: true });
  }

  /** Removes workspaces and logs (and the artifact store when this runner made it). */
  close(): void {
    if (this.#ownsDir) rmSync(this.#dir, { recursive: true, force: true });
    if (this.#opts.artifacts === undefined) this.artifacts.remove();
  }

  async #slot<T>(fn: () => Promise<T>): Promise<T> {
    const max = this.#opts.maxParallel ?? 2;
    if (this.#running >= max) await new Promise<void>((r) => this.#queue.push(r));
    this.#running++;
    try {
      return await fn();
    } finally {
      this.#running--;
      this.#queue.shift()?.();
    }
  }

  /** Runs a workflow as GitHub would for `request.event` on `request.ref`. */
  async run(request: RunRequest): Promise<RunResult> {
    const event = request.event ?? 'push';
    const resolved = this.repositories.resolve(request.repository, request.ref);
    const ref = resolved.ref === resolved.sha ? (request.ref ?? resolved.sha) : resolved.ref;
    const runId = request.runId ?? String(++this.#runCounter);
    const masker = new SecretMasker();
    for (const v of Object.values(request.secrets ?? {})) masker.add(v);
    for (const env of Object.values(request.environments ?? {})) for (const v of Object.values(env.secrets ?? {})) masker.add(v);
    const content = this.repositories.readFile(request.repository, resolved.sha, request.workflow);
    const identity: WorkflowIdentity = {
      repository: request.repository,
      sha: resolved.sha,
      ref,
      path: request.workflow,
      display: request.workflow,
    };
    const loaded = await loadWorkflow({ name: request.workflow, content }, this.#fetcher(identity));
    const events = loaded.template.events ?? {};
    if (!(event in events)) {
      fail(
        'WORKFLOW_INVALID',
        `${request.workflow} is not triggered by ${event} (its on: has ${Object.keys(events).join(', ') || 'nothing'})`,
      );
    }
    const name = literal(entries(loaded.root).get('name')) ?? request.workflow;
    const inputs = event === 'workflow_dispatch' ? this.#dispatchInputs(loaded, request) : {};
    const owner = request.repository.split('/')[0] ?? '';
    const shortRef = ref.replace(/^refs\/(heads|tags)\//, '');
    const github: Record<string, unknown> = {
      action: '',
      action_path: '',
      action_ref: '',
      action_repository: '',
      action_status: '',
      actor: request.actor ?? 'octocat',
      actor_id: '583231',
      api_url: this.#opts.githubApi?.url ?? 'https://api.github.com',
      base_ref: '',
      event: this.#payload(event, request, ref, resolved.sha, inputs),
      event_name: event,
      graphql_url: `${this.#opts.githubApi?.url ?? 'https://api.github.com'}/graphql`,
      head_ref: '',
      ref,
      ref_name: shortRef,
      ref_protected: false,
      ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      repository: request.repository,
      repository_id: '123456',
      repository_owner: owner,
      repository_owner_id: '90001',
      repositoryUrl: `git://github.com/${request.repository}.git`,
      retention_days: '90',
      run_id: runId,
      run_number: request.runNumber ?? '1',
      run_attempt: request.runAttempt ?? '1',
      secret_source: 'Actions',
      server_url: 'https://github.com',
      sha: resolved.sha,
      triggering_actor: request.actor ?? 'octocat',
      workflow: name,
      workflow_ref: `${request.repository}/${request.workflow}@${ref}`,
      workflow_sha: resolved.sha,
    };
    const dir = join(this.#dir, `run-${runId}-${randomBytes(3).toString('hex')}`);
    mkdirSync(dir, { recursive: true });
    const run: RunState = {
      runId,
      runNumber: request.runNumber ?? '1',
      runAttempt: request.runAttempt ?? '1',
      request,
      github,
      masker,
      records: [],
      concurrency: [],
      dir,
      abort: new AbortController(),
      top: { repository: request.repository, path: request.workflow, ref, sha: resolved.sha, name },
      jobCounter: 0,
    };
    const scope: Scope = {
      run,
      loaded,
      identity,
      inputs,
      secrets: { ...(request.secrets ?? {}) },
      vars: { ...(request.vars ?? {}) },
      prefix: '',
      depth: 0,
      chain: [`${request.repository}/${request.workflow}@${resolved.sha}`],
      ceiling: undefined,
      signal: run.abort.signal,
    };
    // workflow-level concurrency
    let lease: Lease | undefined;
    const concurrency = entries(loaded.root).get('concurrency');
    if (concurrency !== undefined) {
      const c = this.#concurrency(concurrency, { github, inputs, vars: scope.vars }, request.workflow);
      lease = await this.#groups.acquire(c.group, c.cancelInProgress, { cancel: () => run.abort.abort() });
      run.concurrency.push({
        scope: 'workflow',
        group: c.group,
        cancelInProgress: c.cancelInProgress,
        waited: lease.waited,
        cancelled: !lease.acquired,
      });
      if (!lease.acquired) {
        return this.#result(run, 'cancelled');
      }
    }
    try {
      const results = await this.#runGraph(scope);
      const all = [...results.values()].map((r) => r.result);
      const conclusion = run.abort.signal.aborted
        ? 'cancelled'
        : all.includes('failure')
          ? 'failure'
          : all.includes('cancelled')
            ? 'cancelled'
            : 'success';
      const record = run.concurrency.find((c) => c.scope === 'workflow');
      if (record && run.abort.signal.aborted) record.cancelled = true;
      return this.#result(run, conclusion);
    } finally {
      lease?.release();
    }
  }

  /** `github.event`: the test's payload over the fields GitHub's payload of the event always has. */
  #payload(event: string, request: RunRequest, ref: string, sha: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const [owner, name] = request.repository.split('/');
    const repository = { full_name: request.repository, name, owner: { login: owner } };
    const sender = { login: request.actor ?? 'octocat' };
    const base: Record<string, unknown> =
      event === 'push'
        ? { ref, after: sha, before: '0'.repeat(40), repository, sender }
        : event === 'workflow_dispatch'
          ? {
              ref,
              inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, asString(v)])),
              workflow: request.workflow,
              repository,
              sender,
            }
          : { repository, sender };
    return { ...base, ...(request.payload ?? {}) };
  }

  #result(run: RunState, conclusion: RunResult['conclusion']): RunResult {
    const jobs = run.records;
    return {
      runId: run.runId,
      conclusion,
      jobs,
      concurrency: run.concurrency,
      job(id: string) {
        const exact = jobs.find((j) => j.id === id);
        if (exact) return exact;
        const byKey = jobs.filter((j) => j.key === id || j.id.endsWith(` / ${id}`));
        if (byKey.length === 1 && byKey[0]) return byKey[0];
        throw new Error(`no job ${id} in the run (jobs: ${jobs.map((j) => j.id).join(', ')})`);
      },
      text: () =>
        jobs
          .map((j) =>
            [
              `== ${j.id}: ${j.result}`,
              ...j.log,
              j.summary,
              ...j.annotations.map((a) => `${a.level}: ${a.message}`),
              JSON.stringify(j.outputs),
            ].join('\n'),
          )
          .join('\n'),
    };
  }

  /** Fetches files a workflow names in `uses:`: `./` in its own repository at its commit, others from the repositories. */
  #fetcher(identity: WorkflowIdentity): WorkflowFetcher {
    return async (ref) => {
      if (!('repository' in ref)) {
        return {
          name: this.#display(identity, ref.path),
          content: this.repositories.readFile(identity.repository, identity.sha, ref.path),
        };
      }
      const repo = `${ref.owner}/${ref.repository}`;
      const resolved = this.repositories.resolve(repo, ref.version);
      return { name: `${repo}/${ref.path}@${ref.version}`, content: this.repositories.readFile(repo, resolved.sha, ref.path) };
    };
  }

  #display(identity: WorkflowIdentity, path: string): string {
    return identity.display.includes('@') ? `${identity.repository}/${path}@${identity.ref}` : path;
  }

  #dispatchInputs(loaded: LoadedWorkflow, request: RunRequest): Record<string, unknown> {
    const defs = loaded.template.events?.workflow_dispatch?.inputs ?? {};
    const given = request.inputs ?? {};
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(given)) {
      if (!(key in defs))
        fail('WORKFLOW_INPUT', `${request.workflow}: unexpected input '${key}' (inputs: ${Object.keys(defs).join(', ') || 'none'})`);
    }
    for (const [key, def] of Object.entries(defs)) {
      const raw = given[key] ?? def.default;
      if (raw === undefined || raw === '') {
        if (def.required) fail('WORKFLOW_INPUT', `${request.workflow}: input '${key}' is required`);
        out[key] = def.type === 'boolean' ? false : '';
        continue;
      }
      const value = typeof raw === 'object' ? asString(raw) : raw;
      switch (def.type) {
        case 'boolean':
          if (typeof value === 'boolean') out[key] = value;
          else if (/^(true|false)$/.test(String(value))) out[key] = value === 'true';
          else fail('WORKFLOW_INPUT', `${request.workflow}: input '${key}' is a boolean, got ${JSON.stringify(value)}`);
          break;
        case 'choice':
          if (!(def.options ?? []).includes(String(value))) {
            fail(
              'WORKFLOW_INPUT',
              `${request.workflow}: input '${key}' must be one of ${(def.options ?? []).join(', ')}, got ${JSON.stringify(value)}`,
            );
          }
          out[key] = String(value);
          break;
        case 'environment':
          if (request.environments && !(String(value) in request.environments)) {
            fail(
              'WORKFLOW_INPUT',
              `${request.workflow}: input '${key}' must name an environment (${Object.keys(request.environments).join(', ')}), got ${JSON.stringify(value)}`,
            );
          }
          out[key] = String(value);
          break;
        default:
          if (String(def.type) === 'number') {
            const n = Number(value);
            if (!Number.isFinite(n))
              fail('WORKFLOW_INPUT', `${request.workflow}: input '${key}' is a number, got ${JSON.stringify(value)}`);
            out[key] = n;
          } else out[key] = String(value);
      }
    }
    return out;
  }

  #concurrency(token: TemplateToken, contexts: Contexts, file: string): { group: string; cancelInProgress: boolean } {
    const value = evaluateToken(token, { contexts }, file);
    if (typeof value === 'string') return { group: value, cancelInProgress: false };
    const v = (value ?? {}) as Record<string, unknown>;
    return { group: asString(v.group), cancelInProgress: truthy(v['cancel-in-progress']) };
  }

  /** Runs the jobs of one workflow file in `needs` order, up to the parallel limit. */
  async #runGraph(scope: Scope): Promise<Map<string, NeedResult>> {
    const jobs = scope.loaded.template.jobs ?? [];
    const raw = entries(entries(scope.loaded.root).get('jobs'));
    const results = new Map<string, NeedResult>();
    const pending = new Map(jobs.map((j) => [j.id.value, j]));
    const running = new Map<string, Promise<void>>();
    const byKey = new Map(jobs.map((j) => [j.id.value, j]));
    const needsOf = (j: WorkflowJob | undefined) => (j?.needs ?? []).map((n) => n.value);
    const ancestors = (key: string, seen = new Set<string>()): Set<string> => {
      for (const n of needsOf(byKey.get(key))) {
        if (!seen.has(n)) {
          seen.add(n);
          ancestors(n, seen);
        }
      }
      return seen;
    };
    let thrown: unknown;
    while (pending.size > 0 || running.size > 0) {
      for (const [key, job] of [...pending]) {
        if (thrown !== undefined) break;
        if (!needsOf(job).every((n) => results.has(n))) continue;
        pending.delete(key);
        const p = this.#runWorkflowJob(scope, job, raw.get(key), results, ancestors(key))
          .then((r) => {
            results.set(key, r);
          })
          .catch((err: unknown) => {
            thrown ??= err;
            results.set(key, { result: 'failure', outputs: {} });
            scope.run.abort.abort();
          })
          .finally(() => running.delete(key));
        running.set(key, p);
      }
      if (running.size === 0) {
        if (thrown !== undefined) break;
        if (pending.size > 0)
          fail('WORKFLOW_INVALID', `${scope.identity.display}: jobs ${[...pending.keys()].join(', ')} need each other (a cycle)`);
        break;
      }
      await Promise.race(running.values());
    }
    if (thrown !== undefined) throw thrown;
    return results;
  }

  async #runWorkflowJob(
    scope: Scope,
    job: WorkflowJob,
    raw: TemplateToken | undefined,
    results: Map<string, NeedResult>,
    ancestors: Set<string>,
  ): Promise<NeedResult> {
    const key = job.id.value;
    const file = scope.identity.display;
    const fields = entries(raw);
    const needs: Record<string, unknown> = {};
    for (const n of job.needs ?? []) needs[n.value] = results.get(n.value);
    const cancelled = () => scope.signal.aborted;
    const status: Status = {
      success: () => !cancelled() && (job.needs ?? []).every((n) => results.get(n.value)?.result === 'success'),
      failure: () => [...ancestors].some((a) => results.get(a)?.result === 'failure'),
      cancelled,
    };
    const base: Contexts = { github: { ...scope.run.github, job: key }, needs, vars: scope.vars, inputs: scope.inputs };
    const condition = job.if?.expression ?? 'success()';
    const shouldRun = job.if === undefined ? status.success() : truthy(evaluateToken(job.if, { contexts: base, status }, file));
    if (!shouldRun) {
      this.#skipped(scope, job, fields, condition);
      return { result: 'skipped', outputs: {} };
    }
    // strategy and matrix
    const strategyValue = (evaluateToken(fields.get('strategy'), { contexts: base }, file) ?? {}) as Record<string, unknown>;
    const matrixValue = strategyValue.matrix;
    const combos: Array<MatrixCombination | undefined> =
      matrixValue === undefined
        ? [undefined]
        : expandMatrix(matrixValue as Record<string, unknown>, `${where(file, fields.get('strategy'))} ${key}.strategy.matrix`);
    const failFast = strategyValue['fail-fast'] === undefined ? true : truthy(strategyValue['fail-fast']);
    const maxParallel = num(strategyValue['max-parallel'], `${key}.strategy.max-parallel`, combos.length);
    const group = new AbortController();
    const signal = AbortSignal.any([scope.signal, group.signal]);
    const outcomes: NeedResult[] = [];
    let next = 0;
    const worker = async () => {
      while (next < combos.length) {
        const index = next++;
        const combo = combos[index];
        const strategy = { 'fail-fast': failFast, 'job-index': index, 'job-total': combos.length, 'max-parallel': maxParallel };
        const instance: Instance = { key, combo, strategy, needs, base, signal, fields, job };
        const r =
          signal.aborted && group.signal.aborted
            ? this.#cancelledInstance(scope, instance)
            : job.type === 'reusableWorkflowJob'
              ? await this.#runCall(scope, instance)
              : await this.#runJob(scope, instance);
        outcomes.push(r);
        if (r.result === 'failure' && failFast && combos.length > 1) group.abort();
      }
    };
    await Promise.all(Array.from({ length: Math.min(maxParallel, combos.length) }, worker));
    const all = outcomes.map((o) => o.result);
    const result: JobResult = all.includes('failure') ? 'failure' : all.includes('cancelled') ? 'cancelled' : 'success';
    const outputs: Record<string, string> = {};
    for (const o of outcomes) for (const [k, v] of Object.entries(o.outputs)) if (v !== '' || !(k in outputs)) outputs[k] = v;
    return { result, outputs };
  }

  #cancelledInstance(scope: Scope, instance: Instance): NeedResult {
    const record = this.#newRecord(scope, instance, instance.job.type === 'reusableWorkflowJob' ? 'reusable' : 'job');
    record.result = 'cancelled';
    record.outcome = 'cancelled';
    record.log.push('The strategy configuration was canceled because another job of the matrix failed (fail-fast)');
    return { result: 'cancelled', outputs: {} };
  }

  #skipped(scope: Scope, job: WorkflowJob, fields: Map<string, TemplateToken>, condition: string): void {
    const record = this.#newRecord(
      scope,
      { key: job.id.value, combo: undefined, fields, job },
      job.type === 'reusableWorkflowJob' ? 'reusable' : 'job',
    );
    record.result = 'skipped';
    record.outcome = 'skipped';
    record.log.push(`Skipped: the condition ${condition} was false`);
  }

  #newRecord(scope: Scope, instance: Pick<Instance, 'key' | 'combo' | 'fields' | 'job'>, kind: JobRecord['kind']): JobRecord {
    const display = literal(instance.fields.get('name')) ?? instance.key;
    const id = `${scope.prefix}${matrixJobName(instance.key, instance.combo)}`;
    const record: JobRecord = {
      id,
      key: instance.key,
      name: matrixJobName(display, instance.combo),
      workflow: scope.identity.display,
      kind,
      result: 'success',
      outcome: 'success',
      outputs: {},
      permissions: {},
      idToken: false,
      workflowContext: {
        repository: scope.identity.repository,
        sha: scope.identity.sha,
        ref: `${scope.identity.repository}/${scope.identity.path}@${scope.identity.ref}`,
        filePath: scope.identity.path,
      },
      steps: [],
      log: [],
      summary: '',
      annotations: [],
    };
    if (instance.combo !== undefined) record.matrix = instance.combo;
    scope.run.records.push(record);
    return record;
  }

  #permissions(scope: Scope, fields: Map<string, TemplateToken>, file: string): Permissions {
    const token = fields.get('permissions') ?? entries(scope.loaded.root).get('permissions');
    if (token === undefined) return scope.ceiling ?? defaultPermissions(this.#opts.defaultPermissions ?? 'restricted');
    return normalizePermissions(evaluateToken(token, { contexts: {} }, file), where(file, token));
  }

  // ---- a job that runs steps -------------------------------------------------------------

  async #runJob(scope: Scope, instance: Instance): Promise<NeedResult> {
    const { key, combo, fields } = instance;
    const file = scope.identity.display;
    const run = scope.run;
    const record = this.#newRecord(scope, instance, 'job');
    for (const unsupported of ['container', 'services']) {
      if (fields.has(unsupported))
        fail(
          'RUNNER_UNSUPPORTED',
          `${where(file, fields.get(unsupported))}: job ${key} uses ${unsupported}:, which the local runner does not run`,
        );
    }
    const contexts: Contexts = { ...instance.base, matrix: combo ?? {}, strategy: instance.strategy };
    if (fields.has('name')) record.name = matrixJobName(evaluateString(fields.get('name'), { contexts }, file), combo);
    record.runsOn = evaluateToken(fields.get('runs-on'), { contexts }, file);
    const permissions = this.#permissions(scope, fields, file);
    if (scope.ceiling) this.#checkCeiling(key, permissions, scope.ceiling, file, fields);
    record.permissions = granted(permissions);

    const jobAbort = new AbortController();
    const signal = AbortSignal.any([instance.signal, jobAbort.signal]);
    // job-level concurrency
    let lease: Lease | undefined;
    if (fields.has('concurrency')) {
      const c = this.#concurrency(fields.get('concurrency') as TemplateToken, contexts, file);
      record.concurrency = c;
      lease = await this.#groups.acquire(c.group, c.cancelInProgress, { cancel: () => jobAbort.abort() });
      run.concurrency.push({
        scope: 'job',
        job: record.id,
        group: c.group,
        cancelInProgress: c.cancelInProgress,
        waited: lease.waited,
        cancelled: !lease.acquired,
      });
      if (!lease.acquired) {
        record.result = record.outcome = 'cancelled';
        record.log.push(`Canceling since a higher priority waiting request for ${c.group} exists`);
        return { result: 'cancelled', outputs: {} };
      }
    }
    try {
      // a runner slot is taken only once the group lets the job run: a waiting job holds none
      return await this.#slot(() => this.#runJobSteps(scope, instance, record, contexts, permissions, signal));
    } finally {
      lease?.release();
    }
  }

  async #runJobSteps(
    scope: Scope,
    instance: Instance,
    record: JobRecord,
    contexts: Contexts,
    permissions: Permissions,
    signal: AbortSignal,
  ): Promise<NeedResult> {
    const { key, fields } = instance;
    const file = scope.identity.display;
    const run = scope.run;
    const secrets: Record<string, string> = { ...scope.secrets };
    const vars: Record<string, string> = { ...scope.vars };
    // environment
    const envToken = fields.get('environment');
    let environment: JobRecord['environment'];
    let envConfig: EnvironmentConfig | undefined;
    if (envToken !== undefined) {
      const envValue = isMapping(envToken)
        ? {
            name: evaluateString(entries(envToken).get('name'), { contexts }, file),
            deployment: evaluateToken(entries(envToken).get('deployment'), { contexts }, file),
          }
        : { name: evaluateString(envToken, { contexts }, file), deployment: true };
      environment = { name: envValue.name, deployment: envValue.deployment !== false, approved: true };
      record.environment = environment;
      envConfig = run.request.environments?.[envValue.name];
      Object.assign(secrets, envConfig?.secrets ?? {});
      Object.assign(vars, envConfig?.vars ?? {});
    }
    const n = ++run.jobCounter;
    const dir = join(run.dir, `${n}-${key}`.replace(/[^A-Za-z0-9._-]/g, '_'));
    const repoName = (run.github.repository as string).split('/')[1] ?? 'repo';
    const workspace = join(dir, 'work', repoName, repoName);
    const temp = join(dir, 'temp');
    const home = join(dir, 'home');
    for (const d of [workspace, temp, home, join(dir, 'tool-cache')]) mkdirSync(d, { recursive: true });
    record.workspace = workspace;
    // GITHUB_TOKEN for this job, with its permissions
    const token = this.#opts.githubApi
      ? this.#opts.githubApi.issueToken({ repositories: [run.github.repository as string], permissions, login: 'github-actions[bot]' })
      : `ghs_${randomBytes(18).toString('base64url')}`;
    run.masker.add(token);
    secrets.GITHUB_TOKEN = token;
    const github: Record<string, unknown> = {
      ...(contexts.github as Record<string, unknown>),
      token,
      workspace,
      event_path: join(dir, 'event.json'),
      job: key,
    };
    writeFileSync(join(dir, 'event.json'), JSON.stringify(github.event ?? {}, null, 2));
    // OIDC
    let oidcEnv: Record<string, string> = {};
    if (permissions['id-token'] === 'write' && this.#opts.oidc) {
      oidcEnv = this.#opts.oidc.issueJob({
        repository: run.top.repository,
        workflowPath: run.top.path,
        ref: run.top.ref,
        sha: run.top.sha,
        eventName: String(run.github.event_name),
        workflowName: run.top.name,
        runId: run.runId,
        runAttempt: run.runAttempt,
        jobWorkflowRef: record.workflowContext.ref,
        jobWorkflowSha: record.workflowContext.sha,
        ...(environment ? { environment: environment.name } : {}),
      });
      run.masker.add(oidcEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
      record.idToken = true;
    }
    const jobContext = {
      status: 'success',
      container: { id: '', network: '' },
      services: {},
      workflow_ref: record.workflowContext.ref,
      workflow_sha: record.workflowContext.sha,
      workflow_repository: record.workflowContext.repository,
      workflow_file_path: record.workflowContext.filePath,
    };
    const runner = {
      name: 'flotilla-local',
      os: 'Linux',
      arch: process.arch === 'arm64' ? 'ARM64' : 'X64',
      temp,
      tool_cache: join(dir, 'tool-cache'),
      debug: this.#opts.debug ? '1' : '',
      environment: 'github-hosted',
    };
    const fullContexts: Contexts = { ...contexts, github, vars, secrets, job: jobContext, runner, env: {}, steps: {} };
    // env: the workflow's, then the job's
    const workflowEnv = evaluateStringMap(entries(scope.loaded.root).get('env'), { contexts: { ...fullContexts, env: {} } }, file);
    const jobEnv = { ...workflowEnv, ...evaluateStringMap(fields.get('env'), { contexts: { ...fullContexts, env: workflowEnv } }, file) };
    const defaultsToken = entries(entries(fields.get('defaults') ?? entries(scope.loaded.root).get('defaults')).get('run'));
    const workflowDefaults = entries(entries(entries(scope.loaded.root).get('defaults')).get('run'));
    const defaults = {
      shell: literal(defaultsToken.get('shell') ?? workflowDefaults.get('shell')),
      workingDirectory: evaluateToken(
        defaultsToken.get('working-directory') ?? workflowDefaults.get('working-directory'),
        { contexts: fullContexts },
        file,
      ) as string | undefined,
    };
    const timeoutMinutes = num(
      evaluateToken(fields.get('timeout-minutes'), { contexts: fullContexts }, file),
      `${key}.timeout-minutes`,
      DEFAULT_JOB_TIMEOUT_MINUTES,
    );
    const continueOnError = truthy(evaluateToken(fields.get('continue-on-error'), { contexts: fullContexts }, file));
    const machine = this.#opts.machineEnv ?? { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: process.env.LANG ?? 'C.UTF-8' };
    const processEnv: Record<string, string> = {
      ...machine,
      HOME: home,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTOR: String(github.actor),
      GITHUB_ACTOR_ID: String(github.actor_id),
      GITHUB_API_URL: String(github.api_url),
      GITHUB_GRAPHQL_URL: String(github.graphql_url),
      GITHUB_SERVER_URL: String(github.server_url),
      GITHUB_REPOSITORY: String(github.repository),
      GITHUB_REPOSITORY_OWNER: String(github.repository_owner),
      GITHUB_REPOSITORY_ID: String(github.repository_id),
      GITHUB_REPOSITORY_OWNER_ID: String(github.repository_owner_id),
      GITHUB_SHA: String(github.sha),
      GITHUB_REF: String(github.ref),
      GITHUB_REF_NAME: String(github.ref_name),
      GITHUB_REF_TYPE: String(github.ref_type),
      GITHUB_REF_PROTECTED: 'false',
      GITHUB_HEAD_REF: '',
      GITHUB_BASE_REF: '',
      GITHUB_EVENT_NAME: String(github.event_name),
      GITHUB_EVENT_PATH: String(github.event_path),
      GITHUB_WORKSPACE: workspace,
      GITHUB_WORKFLOW: String(github.workflow),
      GITHUB_WORKFLOW_REF: String(github.workflow_ref),
      GITHUB_WORKFLOW_SHA: String(github.workflow_sha),
      GITHUB_JOB: key,
      GITHUB_RUN_ID: run.runId,
      GITHUB_RUN_NUMBER: run.runNumber,
      GITHUB_RUN_ATTEMPT: run.runAttempt,
      GITHUB_RETENTION_DAYS: '90',
      GITHUB_TRIGGERING_ACTOR: String(github.triggering_actor),
      RUNNER_NAME: runner.name,
      RUNNER_OS: runner.os,
      RUNNER_ARCH: runner.arch,
      RUNNER_TEMP: temp,
      RUNNER_TOOL_CACHE: runner.tool_cache,
      RUNNER_ENVIRONMENT: 'github-hosted',
      ...(this.#opts.debug ? { RUNNER_DEBUG: '1' } : {}),
      ...oidcEnv,
    };
    const job: JobState = {
      record,
      scope,
      dir,
      workspace,
      temp,
      home,
      env: jobEnv,
      pathAdds: [],
      status: 'success',
      contexts: fullContexts,
      posts: [],
      signal,
      timeoutSignal: signal,
      stepSignal: signal,
      defaults,
      processEnv,
      deadline: Date.now() + timeoutMinutes * 60_000,
    };
    const timeoutAbort = new AbortController();
    const timer = setTimeout(() => {
      job.record.log.push(
        `##[error]The job running on runner flotilla-local has exceeded the maximum execution time of ${timeoutMinutes} minutes.`,
      );
      timeoutAbort.abort();
    }, timeoutMinutes * 60_000);
    job.signal = AbortSignal.any([signal, timeoutAbort.signal]);
    job.timeoutSignal = timeoutAbort.signal;
    job.stepSignal = job.signal;

    // environment protection rules, then the deployment GitHub records for the environment
    let deploymentId: number | undefined;
    try {
      if (environment && envConfig?.approve) {
        const approved = await envConfig.approve({ job: record.id, environment: environment.name });
        environment.approved = approved;
        if (!approved) {
          record.log.push(`##[error]Deployment to ${environment.name} was rejected; the job did not run.`);
          record.annotations.push({ level: 'error', message: `Deployment to ${environment.name} was rejected`, job: record.id, step: '' });
          record.result = record.outcome = 'failure';
          return { result: 'failure', outputs: {} };
        }
      }
      if (environment?.deployment && this.#opts.githubApi) {
        const d = this.#opts.githubApi.recordJobDeployment(String(github.repository), {
          ref: String(github.ref),
          sha: String(github.sha),
          environment: environment.name,
        });
        deploymentId = d.id;
        this.#opts.githubApi.recordJobDeploymentStatus(String(github.repository), d.id, {
          state: 'in_progress',
          logUrl: this.#logUrl(run),
        });
      }
      const frame: StepsFrame = { steps: job.contexts.steps as StepsFrame['steps'], inputs: undefined, depth: 0 };
      // actions are resolved when the job is set up, before any step runs (as GitHub does)
      const steps = instance.job.type === 'job' ? instance.job.steps : [];
      const rawSteps = [...((fields.get('steps') as unknown as Iterable<TemplateToken>) ?? [])];
      const unresolved = this.#unresolvedActions(steps);
      if (unresolved.length > 0) {
        for (const u of unresolved) {
          record.annotations.push({ level: 'error', message: u, job: record.id, step: 'Set up job' });
          record.log.push(`##[error]${u}`);
        }
        job.status = 'failure';
      } else {
        await this.#runSteps(job, steps, rawSteps, frame, file);
      }
      // post steps, last registered first
      for (const post of job.posts.reverse()) {
        if (post.postIf === 'success' && job.status !== 'success') continue;
        try {
          await post.run();
        } catch (err) {
          record.log.push(run.masker.mask(`##[error]Post ${post.name}: ${err instanceof Error ? err.message : String(err)}`));
          job.status = 'failure';
        }
      }
      const stepsContext = job.contexts.steps;
      const outputContexts = { ...job.contexts, env: job.env, steps: stepsContext, job: { ...jobContext, status: job.status } };
      const outputs: Record<string, string> = {};
      for (const [name, token] of entries(fields.get('outputs'))) {
        const value = evaluateString(token, { contexts: outputContexts, workspace }, file);
        if (run.masker.has(value)) {
          record.annotations.push({
            level: 'warning',
            message: `Skip output '${name}' since it may contain secret.`,
            job: record.id,
            step: 'Complete job',
          });
          record.log.push(`##[warning]Skip output '${name}' since it may contain secret.`);
          continue;
        }
        outputs[name] = value;
      }
      if (envToken !== undefined && isMapping(envToken) && entries(envToken).has('url') && environment) {
        const url = evaluateString(entries(envToken).get('url'), { contexts: outputContexts }, file);
        if (url !== '') environment.url = url;
      }
      const outcome: JobResult = timeoutAbort.signal.aborted
        ? 'failure'
        : job.signal.aborted
          ? 'cancelled'
          : job.status === 'success'
            ? 'success'
            : 'failure';
      record.outcome = outcome;
      record.result = outcome === 'failure' && continueOnError ? 'success' : outcome;
      record.outputs = outputs;
      if (deploymentId !== undefined && this.#opts.githubApi) {
        this.#opts.githubApi.recordJobDeploymentStatus(String(github.repository), deploymentId, {
          state: outcome === 'success' ? 'success' : 'failure',
          logUrl: this.#logUrl(run),
          ...(environment?.url ? { environmentUrl: environment.url } : {}),
        });
      }
      return { result: record.result, outputs };
    } finally {
      clearTimeout(timer);
      this.#opts.githubApi?.revokeToken(token);
    }
  }

  #logUrl(run: RunState): string {
    return `${String(run.github.server_url)}/${String(run.github.repository)}/actions/runs/${run.runId}`;
  }

  #checkCeiling(key: string, asked: Permissions, ceiling: Permissions, file: string, fields: Map<string, TemplateToken>): void {
    const over = exceeding(asked, ceiling);
    if (over.length > 0) {
      const o = over[0];
      fail(
        'WORKFLOW_PERMISSIONS',
        `${where(file, fields.get('permissions') ?? fields.get('runs-on'))}: The nested job '${key}' is requesting '${over.map((x) => `${x.scope}: ${x.asked}`).join(', ')}', but is only allowed '${over.map((x) => `${x.scope}: ${x.allowed}`).join(', ')}'.${o ? ` Grant ${o.scope}: ${o.asked} in the calling job's permissions.` : ''}`,
      );
    }
  }

  #unresolvedActions(steps: Step[]): string[] {
    const out: string[] = [];
    for (const step of steps) {
      if (!('uses' in step)) continue;
      const uses = step.uses.value;
      if (uses.startsWith('./') || uses.startsWith('docker://') || findStandIn(uses)) continue;
      const m = /^([^/@]+)\/([^/@]+)(\/[^@]*)?@(.+)$/.exec(uses);
      if (!m) {
        out.push(`Unable to resolve action \`${uses}\`: expected owner/repo[/path]@ref`);
        continue;
      }
      const repo = `${m[1]}/${m[2]}`;
      if (!this.repositories.has(repo)) {
        out.push(
          `Unable to resolve action \`${uses}\`, repository not found: the local runner has no stand-in for ${repo}${m[3] ?? ''} and ${repo} is not among its repositories`,
        );
        continue;
      }
      try {
        this.repositories.resolve(repo, m[4]);
      } catch (err) {
        out.push(
          `Unable to resolve action \`${uses}\`, unable to find version \`${m[4]}\`: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return out;
  }

  // ---- steps -----------------------------------------------------------------------------

  async #runSteps(job: JobState, steps: Step[], rawSteps: TemplateToken[], frame: StepsFrame, file: string): Promise<void> {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as Step;
      const raw = entries(rawSteps[i]);
      await this.#runStep(job, step, raw, frame, file);
    }
  }

  #stepContexts(job: JobState, frame: StepsFrame, extraEnv: Record<string, string> = {}): Contexts {
    return {
      ...job.contexts,
      env: { ...job.env, ...extraEnv },
      steps: frame.steps,
      job: { ...(job.contexts.job as Record<string, unknown>), status: job.status },
      ...(frame.inputs === undefined ? {} : { inputs: frame.inputs }),
    };
  }

  async #runStep(job: JobState, step: Step, raw: Map<string, TemplateToken>, frame: StepsFrame, file: string): Promise<void> {
    const run = job.scope.run;
    const masker = run.masker;
    const cancelled = () => job.signal.aborted;
    const status: Status = { success: () => !cancelled() && job.status === 'success', failure: () => job.status === 'failure', cancelled };
    const contexts = this.#stepContexts(job, frame);
    const scope = { contexts, status, workspace: job.workspace };
    const uses = 'uses' in step ? step.uses.value : undefined;
    const script = 'run' in step ? step.run : undefined;
    const defaultName = uses ? `Run ${uses}` : `Run ${(literal(script) ?? '').trim().split('\n')[0]}`;
    let name = defaultName;
    try {
      if (step.name) name = evaluateString(step.name, { contexts }, file);
    } catch {
      name = literal(step.name) ?? defaultName;
    }
    const record: StepRecord = { id: step.id, name: masker.mask(name), outcome: 'skipped', conclusion: 'skipped', outputs: {}, log: [] };
    if (uses) record.uses = uses;
    if (frame.depth === 0) job.record.steps.push(record);
    const processor = new CommandProcessor(masker, { job: job.record.id, step: record.name }, { debug: this.#opts.debug ?? false });
    const finish = () => {
      record.log = processor.log;
      // the steps context keeps the values; the record, like the log, is masked
      const outputs = record.outputs;
      record.outputs = Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, masker.mask(v)]));
      job.record.log.push(`##[group]${record.name}`, ...processor.log, '##[endgroup]');
      job.record.annotations.push(...processor.annotations);
      frame.steps[step.id] = { outputs, outcome: record.outcome, conclusion: record.conclusion };
    };
    const shouldRun = truthy(evaluateToken(step.if, scope, file));
    // after a cancellation GitHub still runs the steps whose if: asks for it
    // (always(), cancelled()); they are then stopped only by the job's timeout
    job.stepSignal = cancelled() ? job.timeoutSignal : job.signal;
    if (!shouldRun) {
      processor.info(`Skipped: ${step.if?.expression ?? 'success()'} was false`);
      finish();
      return;
    }
    const outputFiles = this.#fileCommands(job);
    let outcome: StepOutcome = 'success';
    let continueOnError = false;
    try {
      continueOnError =
        typeof step['continue-on-error'] === 'boolean'
          ? step['continue-on-error']
          : truthy(evaluateToken(step['continue-on-error'], scope, file));
      const stepEnv = evaluateStringMap((step as { env?: TemplateToken }).env, scope, file);
      const env = { ...job.env, ...stepEnv };
      const envScope = { ...scope, contexts: this.#stepContexts(job, frame, stepEnv) };
      const stepTimeout = num(evaluateToken(raw.get('timeout-minutes'), envScope, file), 'timeout-minutes', Number.POSITIVE_INFINITY);
      const timeoutMs = Math.max(1, Math.min(stepTimeout * 60_000, job.deadline - Date.now()));
      const processEnv: Record<string, string> = {
        ...job.processEnv,
        ...env,
        PATH: [...job.pathAdds]
          .reverse()
          .concat(job.processEnv.PATH ?? '')
          .join(':'),
        GITHUB_OUTPUT: outputFiles.output,
        GITHUB_ENV: outputFiles.env,
        GITHUB_PATH: outputFiles.path,
        GITHUB_STEP_SUMMARY: outputFiles.summary,
        GITHUB_STATE: outputFiles.state,
        GITHUB_ACTION: step.id,
        ...(frame.actionPath ? { GITHUB_ACTION_PATH: frame.actionPath } : {}),
        ...(frame.actionRepository ? { GITHUB_ACTION_REPOSITORY: frame.actionRepository, GITHUB_ACTION_REF: frame.actionRef ?? '' } : {}),
      };
      if (script !== undefined) {
        const text = evaluateString(script, envScope, file);
        processor.info(
          text
            .split('\n')
            .map((l) => `  ${l}`)
            .join('\n'),
        );
        const shell = literal(raw.get('shell')) ?? job.defaults.shell;
        if (frame.actionPath !== undefined && shell === undefined && raw.get('shell') === undefined) {
          stepFailure(`${where(file, raw.get('run'))}: a run step of a composite action needs shell:`);
        }
        const wd = raw.has('working-directory')
          ? evaluateString(raw.get('working-directory'), envScope, file)
          : job.defaults.workingDirectory;
        outcome = await this.#runScript(job, text, shell, wd, processEnv, timeoutMs, processor);
      } else if (uses !== undefined) {
        const inputs = evaluateStringMap(raw.get('with'), envScope, file);
        outcome = await this.#runAction(job, uses, inputs, processEnv, timeoutMs, processor, record, frame, envScope.contexts, file);
      } else {
        fail('RUNNER_UNSUPPORTED', `${file}: step ${step.id}: only run: and uses: steps are run by the local runner`);
      }
      if (processor.failure) outcome = 'failure';
      // file commands the step wrote
      const applied = this.#applyFileCommands(job, outputFiles, record, processor);
      if (!applied) outcome = 'failure';
    } catch (err) {
      if (
        err instanceof WorkflowError &&
        err.code !== 'EXPRESSION_INVALID' &&
        err.code !== 'FILE_COMMAND_INVALID' &&
        err.code !== 'REPOSITORY_UNKNOWN' &&
        err.code !== 'WORKFLOW_INVALID'
      )
        throw err;
      processor.annotate('error', err instanceof Error ? err.message : String(err));
      outcome = 'failure';
    }
    if (outcome === 'failure' && cancelled()) outcome = 'cancelled';
    record.outcome = outcome;
    record.conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
    if (record.conclusion === 'failure') job.status = 'failure';
    finish();
  }

  #fileCommands(job: JobState): { output: string; env: string; path: string; summary: string; state: string } {
    const dir = join(job.dir, 'file-commands');
    mkdirSync(dir, { recursive: true });
    const id = randomUUID();
    const files = {
      output: join(dir, `set_output_${id}`),
      env: join(dir, `set_env_${id}`),
      path: join(dir, `add_path_${id}`),
      summary: join(dir, `step_summary_${id}`),
      state: join(dir, `save_state_${id}`),
    };
    for (const f of Object.values(files)) writeFileSync(f, '');
    return files;
  }

  #applyFileCommands(
    job: JobState,
    files: { output: string; env: string; path: string; summary: string; state: string },
    record: StepRecord,
    processor: CommandProcessor,
    state?: Record<string, string>,
  ): boolean {
    const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
    try {
      for (const [k, v] of parseFileCommand(read(files.output), 'GITHUB_OUTPUT')) record.outputs[k] = v;
      for (const [k, v] of parseFileCommand(read(files.env), 'GITHUB_ENV')) {
        if (k.toUpperCase() === 'NODE_OPTIONS') {
          processor.annotate('warning', "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.");
          continue;
        }
        job.env[k] = v;
      }
      for (const [k, v] of parseFileCommand(read(files.state), 'GITHUB_STATE')) if (state) state[k] = v;
      job.pathAdds.push(...parsePathFile(read(files.path)));
    } catch (err) {
      processor.annotate('error', err instanceof Error ? err.message : String(err));
      return false;
    }
    const summary = read(files.summary);
    if (summary.length > MAX_SUMMARY) {
      processor.annotate(
        'warning',
        `$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k, got ${Math.ceil(summary.length / 1024)}k`,
      );
    } else if (summary !== '') {
      job.record.summary += job.scope.run.masker.mask(summary);
    }
    return true;
  }

  async #runScript(
    job: JobState,
    text: string,
    shellName: string | undefined,
    workingDirectory: string | undefined,
    env: Record<string, string>,
    timeoutMs: number,
    processor: CommandProcessor,
  ): Promise<StepOutcome> {
    const scriptFile = join(job.temp, `${randomUUID()}.sh`);
    let argv: string[];
    switch (shellName) {
      case undefined:
        // no shell: given, on Linux: bash -e {0} (without pipefail)
        argv = ['bash', '-e', '{0}'];
        break;
      case 'bash':
        argv = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '{0}'];
        break;
      case 'sh':
        argv = ['sh', '-e', '{0}'];
        break;
      case 'python':
        argv = ['python3', '{0}'];
        break;
      default:
        if (!shellName.includes('{0}')) {
          stepFailure(
            `Invalid shell option ${shellName}: a shell must be bash, sh, python or a command with {0} (pwsh, cmd and powershell are not on this runner)`,
          );
        }
        argv = shellName.split(/\s+/);
    }
    writeFileSync(scriptFile, text);
    const cwd = workingDirectory ? resolve(job.workspace, workingDirectory) : job.workspace;
    if (!existsSync(cwd) || !statSync(cwd).isDirectory())
      stepFailure(`An error occurred trying to start process: working directory '${cwd}' does not exist`);
    const [command, ...args] = argv.map((a) => a.replace('{0}', scriptFile));
    const end = await runProcess(command ?? 'bash', args, { env, cwd, timeoutMs, signal: job.stepSignal, processor });
    return this.#outcome(end, processor);
  }

  #outcome(end: Awaited<ReturnType<typeof runProcess>>, processor: CommandProcessor): StepOutcome {
    switch (end.kind) {
      case 'exit':
        if (end.code !== 0) processor.annotate('error', `Process completed with exit code ${end.code}.`);
        return end.code === 0 ? 'success' : 'failure';
      case 'timeout':
        processor.annotate('error', 'The action has timed out.');
        return 'failure';
      case 'cancelled':
        processor.info('##[error]The operation was canceled.');
        return 'cancelled';
      default:
        processor.annotate('error', `An error occurred trying to start process: ${end.message}`);
        return 'failure';
    }
  }

  // ---- actions ---------------------------------------------------------------------------

  async #runAction(
    job: JobState,
    uses: string,
    inputs: Record<string, string>,
    env: Record<string, string>,
    timeoutMs: number,
    processor: CommandProcessor,
    record: StepRecord,
    frame: StepsFrame,
    contexts: Contexts,
    file: string,
  ): Promise<StepOutcome> {
    if (uses.startsWith('docker://')) fail('RUNNER_UNSUPPORTED', `${file}: ${uses}: docker actions are not supported by the local runner`);
    const standIn = uses.startsWith('./') ? undefined : findStandIn(uses);
    if (standIn) return this.#runStandIn(job, standIn, inputs, env, processor, record);
    let dir: string;
    let repository = '';
    let ref = '';
    if (uses.startsWith('./')) {
      dir = join(job.workspace, uses);
      if (!['action.yml', 'action.yaml'].some((f) => existsSync(join(dir, f)))) {
        stepFailure(
          `Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '${dir}'. Did you forget to run actions/checkout before running your local action?`,
        );
      }
    } else {
      const m = /^([^/@]+)\/([^/@]+)(\/[^@]*)?@(.+)$/.exec(uses);
      if (!m) stepFailure(`Unable to resolve action \`${uses}\``);
      repository = `${m[1]}/${m[2]}`;
      ref = m[4] ?? '';
      const resolved = this.repositories.resolve(repository, ref);
      const root = join(this.#actionsDir, repository, resolved.sha);
      if (!existsSync(join(root, '.git'))) this.repositories.checkout(repository, resolved.sha, root);
      dir = join(root, (m[3] ?? '').replace(/^\//, ''));
    }
    const actionFile = ['action.yml', 'action.yaml'].map((f) => join(dir, f)).find((f) => existsSync(f)) ?? join(dir, 'action.yml');
    const action: LoadedAction = loadAction({ name: actionFile, content: readFileSync(actionFile, 'utf8') });
    const defs = action.template.inputs ?? [];
    const known = new Set(defs.map((d) => d.id.toLowerCase()));
    const unexpected = Object.keys(inputs).filter((k) => !known.has(k.toLowerCase()));
    if (unexpected.length > 0) {
      processor.annotate(
        'warning',
        `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${defs.map((d) => d.id).join("', '")}']`,
      );
    }
    const values: Record<string, string> = {};
    for (const d of defs) {
      const given = Object.entries(inputs).find(([k]) => k.toLowerCase() === d.id.toLowerCase());
      if (given) {
        values[d.id] = given[1];
        if (d.deprecationMessage)
          processor.annotate('warning', `Input '${d.id}' has been deprecated with message: ${d.deprecationMessage}`);
      } else if (d.default !== undefined) {
        values[d.id] = evaluateString(d.default, { contexts, workspace: job.workspace }, actionFile);
      }
    }
    const runs = action.template.runs;
    const actionEnv: Record<string, string> = {
      ...env,
      GITHUB_ACTION_PATH: dir,
      GITHUB_ACTION_REPOSITORY: repository,
      GITHUB_ACTION_REF: ref,
    };
    for (const [k, v] of Object.entries(values)) actionEnv[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
    if (runs.using === 'docker') fail('RUNNER_UNSUPPORTED', `${actionFile}: docker actions are not supported by the local runner`);
    if (runs.using === 'composite') {
      if (frame.depth >= 9) stepFailure(`${actionFile}: composite actions nested more than 9 deep`);
      const child: StepsFrame = {
        steps: {},
        inputs: values,
        actionPath: dir,
        actionRepository: repository,
        actionRef: ref,
        depth: frame.depth + 1,
      };
      const rawSteps = [...((entries(entries(action.root).get('runs')).get('steps') as unknown as Iterable<TemplateToken>) ?? [])];
      const before = job.status;
      await this.#runSteps(job, runs.steps, rawSteps, child, actionFile);
      for (const o of action.template.outputs ?? []) {
        if (o.value)
          record.outputs[o.id] = evaluateString(o.value, { contexts: { ...this.#stepContexts(job, child), inputs: values } }, actionFile);
      }
      const failed = job.status === 'failure' && before !== 'failure';
      if (failed) job.status = before;
      return failed ? 'failure' : 'success';
    }
    if (runs.pre) fail('RUNNER_UNSUPPORTED', `${actionFile}: runs.pre is not supported by the local runner`);
    const state: Record<string, string> = {};
    const main = join(dir, runs.main);
    const end = await runProcess(process.execPath, [main], {
      env: actionEnv,
      cwd: job.workspace,
      timeoutMs,
      signal: job.stepSignal,
      processor,
    });
    const outcome = this.#outcome(end, processor);
    if (runs.post) {
      const postIf = (runs.postIf ?? 'always()').includes('success') ? 'success' : 'always';
      const files = this.#fileCommands(job);
      job.posts.push({
        name: record.name,
        postIf,
        run: async () => {
          const post = new CommandProcessor(job.scope.run.masker, { job: job.record.id, step: `Post ${record.name}` });
          const postEnv: Record<string, string> = {
            ...actionEnv,
            GITHUB_STATE: files.state,
            GITHUB_OUTPUT: files.output,
            GITHUB_ENV: files.env,
            GITHUB_PATH: files.path,
            GITHUB_STEP_SUMMARY: files.summary,
          };
          for (const [k, v] of Object.entries(state)) postEnv[`STATE_${k}`] = v;
          const e = await runProcess(process.execPath, [join(dir, runs.post as string)], {
            env: postEnv,
            cwd: job.workspace,
            timeoutMs: 10 * 60_000,
            signal: job.timeoutSignal,
            processor: post,
          });
          job.record.log.push(`##[group]Post ${record.name}`, ...post.log, '##[endgroup]');
          job.record.annotations.push(...post.annotations);
          if (this.#outcome(e, post) !== 'success') job.status = 'failure';
        },
      });
      // the main step's GITHUB_STATE is read by the runner when the step ends
      const mainState = env.GITHUB_STATE;
      if (mainState && existsSync(mainState))
        for (const [k, v] of parseFileCommand(readFileSync(mainState, 'utf8'), 'GITHUB_STATE')) state[k] = v;
    }
    return outcome;
  }

  async #runStandIn(
    job: JobState,
    standIn: NonNullable<ReturnType<typeof findStandIn>>,
    inputs: Record<string, string>,
    env: Record<string, string>,
    processor: CommandProcessor,
    record: StepRecord,
  ): Promise<StepOutcome> {
    const ctx: StandInContext = {
      inputs,
      workspace: job.workspace,
      env,
      github: job.contexts.github as Record<string, unknown>,
      repositories: this.repositories,
      artifacts: this.artifacts,
      cacheRoot: this.#cacheRoot,
      log: (line) => processor.info(line),
      warning: (message) => processor.annotate('warning', message),
      setOutput: (name, value) => {
        record.outputs[name] = value;
      },
      addPath: (d) => {
        job.pathAdds.push(d);
      },
      exportVariable: (name, value) => {
        job.env[name] = value;
      },
      registerPost: (run, postIf = 'success') => {
        job.posts.push({
          name: record.name,
          postIf,
          run: async () => {
            const post = new CommandProcessor(job.scope.run.masker, { job: job.record.id, step: `Post ${record.name}` });
            const postCtx = { ...ctx, log: (l: string) => post.info(l), warning: (m: string) => post.annotate('warning', m) };
            try {
              await run({ ...postCtx, jobStatus: job.status });
            } finally {
              job.record.log.push(`##[group]Post ${record.name}`, ...post.log, '##[endgroup]');
              job.record.annotations.push(...post.annotations);
            }
          },
        });
      },
    };
    try {
      await standIn.run(ctx);
      return 'success';
    } catch (err) {
      if (err instanceof WorkflowError && err.code !== 'REPOSITORY_UNKNOWN') throw err;
      processor.annotate('error', err instanceof Error ? err.message : String(err));
      return 'failure';
    }
  }

  // ---- reusable workflows ----------------------------------------------------------------

  async #runCall(scope: Scope, instance: Instance): Promise<NeedResult> {
    const job = instance.job as ReusableWorkflowJob;
    const { key, combo, fields } = instance;
    const file = scope.identity.display;
    const run = scope.run;
    const record = this.#newRecord(scope, instance, 'reusable');
    const contexts: Contexts = { ...instance.base, matrix: combo ?? {}, strategy: instance.strategy };
    if (fields.has('name')) record.name = matrixJobName(evaluateString(fields.get('name'), { contexts }, file), combo);
    const uses = job.ref.value;
    if (scope.depth + 1 >= MAX_CALL_DEPTH) {
      fail(
        'WORKFLOW_CALL_DEPTH',
        `${where(file, job.ref)}: ${uses}: reusable workflows can be nested at most ${MAX_CALL_DEPTH} levels deep (the top-level workflow included)`,
      );
    }
    const ref = parseFileReference(uses);
    let identity: WorkflowIdentity;
    if (!('repository' in ref)) {
      identity = {
        ...scope.identity,
        path: ref.path.replace(/^\.\//, ''),
        display: this.#display(scope.identity, ref.path.replace(/^\.\//, '')),
      };
    } else {
      const repository = `${ref.owner}/${ref.repository}`;
      const resolved = this.repositories.resolve(repository, ref.version);
      identity = { repository, sha: resolved.sha, ref: resolved.ref, path: ref.path, display: `${repository}/${ref.path}@${ref.version}` };
    }
    const chainKey = `${identity.repository}/${identity.path}@${identity.sha}`;
    if (scope.chain.includes(chainKey))
      fail('WORKFLOW_CALL_DEPTH', `${where(file, job.ref)}: ${uses} calls itself (${[...scope.chain, chainKey].join(' → ')})`);
    const content = this.repositories.readFile(identity.repository, identity.sha, identity.path);
    const loaded = await loadWorkflow({ name: identity.display, content }, this.#fetcher(identity));
    const call = loaded.template.events?.workflow_call;
    if (call === undefined)
      fail('WORKFLOW_INVALID', `${where(file, job.ref)}: ${uses} is not a reusable workflow (it has no on: workflow_call)`);
    record.workflowContext = {
      repository: identity.repository,
      sha: identity.sha,
      ref: `${identity.repository}/${identity.path}@${identity.ref}`,
      filePath: identity.path,
    };
    // inputs: evaluated in the caller, typed and defaulted by the called workflow
    const onCall = entries(entries(entries(loaded.root).get('on')).get('workflow_call'));
    const inputDefs = entries(onCall.get('inputs'));
    const withTokens = entries(fields.get('with'));
    const inputs: Record<string, unknown> = {};
    for (const [name, defToken] of inputDefs) {
      const def = entries(defToken);
      const type = literal(def.get('type')) ?? 'string';
      const givenToken = [...withTokens].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      let value: unknown;
      if (givenToken !== undefined) value = evaluateToken(givenToken, { contexts }, file);
      else if (def.has('default'))
        value = evaluateToken(
          def.get('default'),
          { contexts: { github: contexts.github, vars: scope.vars, inputs: {} } },
          identity.display,
        );
      else value = type === 'boolean' ? false : type === 'number' ? 0 : '';
      const at = where(givenToken ? file : identity.display, givenToken ?? defToken);
      if (type === 'boolean') {
        if (typeof value === 'string' && /^(true|false)$/i.test(value)) value = value.toLowerCase() === 'true';
        if (typeof value !== 'boolean')
          fail('WORKFLOW_INPUT', `${at}: input ${name} of ${uses} is a boolean, got ${JSON.stringify(value)}`);
      } else if (type === 'number') {
        const n = typeof value === 'number' ? value : Number(value);
        if (typeof value === 'boolean' || !Number.isFinite(n))
          fail('WORKFLOW_INPUT', `${at}: input ${name} of ${uses} is a number, got ${JSON.stringify(value)}`);
        value = n;
      } else if (value !== null && typeof value === 'object') {
        fail('WORKFLOW_INPUT', `${at}: input ${name} of ${uses} is a string, got ${JSON.stringify(value)}`);
      } else value = asString(value);
      inputs[name] = value;
    }
    // secrets
    const secrets: Record<string, string> = {};
    if (job['inherit-secrets']) Object.assign(secrets, scope.secrets);
    else
      for (const [name, value] of entries(fields.get('secrets')))
        secrets[name] = evaluateString(value, { contexts: { ...contexts, secrets: scope.secrets } }, file);
    for (const v of Object.values(secrets)) run.masker.add(v);
    record.call = { uses, inputs, secrets: Object.keys(secrets).sort(), inheritSecrets: job['inherit-secrets'] === true };
    // permissions: what the caller grants is the most the called jobs may have
    const ceiling = this.#permissions(scope, fields, file);
    if (scope.ceiling) this.#checkCeiling(key, ceiling, scope.ceiling, file, fields);
    record.permissions = granted(ceiling);
    const calledJobs = entries(entries(loaded.root).get('jobs'));
    const childCeilingScope = { ...scope, loaded, ceiling };
    for (const [jobKey, jobToken] of calledJobs) {
      const jf = entries(jobToken);
      if (jf.has('uses') && !jf.has('permissions')) continue;
      this.#checkCeiling(jobKey, this.#permissions(childCeilingScope, jf, identity.display), ceiling, identity.display, jf);
    }
    // concurrency of the calling job, then of the called workflow
    const jobAbort = new AbortController();
    const leases: Lease[] = [];
    const concurrencyTokens: Array<[TemplateToken | undefined, Contexts, string]> = [
      [fields.get('concurrency'), contexts, file],
      [entries(loaded.root).get('concurrency'), { github: contexts.github, inputs, vars: scope.vars }, identity.display],
    ];
    try {
      for (const [token, ctx, f] of concurrencyTokens) {
        if (token === undefined) continue;
        const c = this.#concurrency(token, ctx, f);
        record.concurrency ??= c;
        const lease = await this.#groups.acquire(c.group, c.cancelInProgress, { cancel: () => jobAbort.abort() });
        leases.push(lease);
        run.concurrency.push({
          scope: 'job',
          job: record.id,
          group: c.group,
          cancelInProgress: c.cancelInProgress,
          waited: lease.waited,
          cancelled: !lease.acquired,
        });
        if (!lease.acquired) {
          record.result = record.outcome = 'cancelled';
          return { result: 'cancelled', outputs: {} };
        }
      }
      const child: Scope = {
        run,
        loaded,
        identity,
        inputs,
        secrets,
        vars: scope.vars,
        prefix: `${record.id} / `,
        depth: scope.depth + 1,
        chain: [...scope.chain, chainKey],
        ceiling,
        signal: AbortSignal.any([instance.signal, jobAbort.signal]),
      };
      const results = await this.#runGraph(child);
      const jobsContext: Record<string, unknown> = {};
      for (const [k, v] of results) jobsContext[k] = v;
      const outputs: Record<string, string> = {};
      for (const [name, defToken] of entries(onCall.get('outputs'))) {
        const value = evaluateString(
          entries(defToken).get('value'),
          { contexts: { github: contexts.github, inputs, vars: scope.vars, jobs: jobsContext } },
          identity.display,
        );
        if (run.masker.has(value)) {
          record.annotations.push({
            level: 'warning',
            message: `Skip output '${name}' since it may contain secret.`,
            job: record.id,
            step: '',
          });
          continue;
        }
        outputs[name] = value;
      }
      const all = [...results.values()].map((r) => r.result);
      const result: JobResult = child.signal.aborted
        ? 'cancelled'
        : all.includes('failure')
          ? 'failure'
          : all.includes('cancelled')
            ? 'cancelled'
            : 'success';
      record.result = record.outcome = result;
      record.outputs = outputs;
      return { result, outputs };
    } finally {
      for (const l of leases) l.release();
    }
  }
}

interface Instance {
  key: string;
  combo: MatrixCombination | undefined;
  strategy: Record<string, unknown>;
  needs: Record<string, unknown>;
  base: Contexts;
  signal: AbortSignal;
  fields: Map<string, TemplateToken>;
  job: WorkflowJob;
}

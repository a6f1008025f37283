import { getOctokit } from '@actions/github';
import { FlotillaError } from '../errors.ts';

/**
 * GitHub deployments for Flotilla's publishes and rollout steps, through
 * the REST API with `@actions/github`'s Octokit: a deployment per
 * environment change (`auto_merge: false`, `required_contexts: []`, the
 * composed app's digests in its payload), its statuses `in_progress` →
 * `success` | `failure`, and `inactive` on the deployments it replaced.
 */

export type DeploymentErrorCode = 'DEPLOYMENT_INPUT' | 'DEPLOYMENT_REQUEST';

export class DeploymentError extends FlotillaError {
  declare readonly code: DeploymentErrorCode;
  /** HTTP status GitHub answered, when it answered. */
  readonly status: number | undefined;

  constructor(code: DeploymentErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }
}

/** Where deployments are recorded: the API, the repository and the token (GITHUB_TOKEN with `deployments: write`). */
export interface DeploymentTarget {
  /** `https://api.github.com`, or GITHUB_API_URL on GitHub Enterprise and in tests. */
  apiUrl: string;
  /** `owner/name` */
  repository: string;
  token: string;
}

/** What the deployment's payload says: the digests deployed, so anyone can see what runs where. */
export interface DeploymentPayload {
  /** sha256 digest of the composed app. */
  digest: string;
  /** Each component's digest, by component name. */
  components?: Record<string, string>;
  /** Where the app was published (`registry/repo@digest`, one per registry). */
  references?: string[];
  /** Rollout step (`setWeight 20`, `promote`) for a rollout's deployments. */
  step?: string;
  [key: string]: unknown;
}

export interface StartDeployment {
  /** The ref or sha deployed (GITHUB_SHA of the run). */
  ref: string;
  environment: string;
  payload: DeploymentPayload;
  /** URL of the run's log (`<server>/<repo>/actions/runs/<id>`). */
  logUrl: string;
  /** URL where the environment can be reached, when known at the start. */
  environmentUrl?: string;
  /** `deploy` (default) or a task of Flotilla's (`deploy:canary`). */
  task?: string;
  description?: string;
  /** A production environment (default: the name is `production` or starts with `prod`). */
  production?: boolean;
  /** An environment that will not exist after the deployment (a preview). */
  transient?: boolean;
}

export interface RecordedDeployment {
  id: number;
  environment: string;
  url: string;
  logUrl: string;
  environmentUrl: string | undefined;
}

export interface FinishedDeployment {
  state: 'success' | 'failure';
  /** Ids of older deployments in the environment marked `inactive` (only after success). */
  replaced: number[];
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const MAX_DESCRIPTION = 140;

function checkUrl(field: string, value: string | undefined): void {
  if (value === undefined) return;
  let ok = false;
  try {
    const u = new URL(value);
    ok = u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    ok = false;
  }
  if (!ok) throw new DeploymentError('DEPLOYMENT_INPUT', `${field} must be an http(s) URL, got ${JSON.stringify(value)}`);
}

function description(text: string): string;
function description(text: string | undefined): string | undefined;
function description(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  // GitHub refuses descriptions over 140 characters (422): shorten, never fail a deploy on prose
  return text.length <= MAX_DESCRIPTION ? text : `${text.slice(0, MAX_DESCRIPTION - 1)}…`;
}

/**
 * The run's log URL, as GitHub shows it: `<GITHUB_SERVER_URL>/<GITHUB_REPOSITORY>/actions/runs/<GITHUB_RUN_ID>`
 * (with `/attempts/<n>` past the first attempt).
 */
export function runLogUrl(env: Record<string, string | undefined> = process.env): string {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const { GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run, GITHUB_RUN_ATTEMPT: attempt } = env;
  if (!repo || !run)
    throw new DeploymentError(
      'DEPLOYMENT_INPUT',
      'GITHUB_REPOSITORY and GITHUB_RUN_ID are needed for the log URL (is this running in GitHub Actions?)',
    );
  return `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${run}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}

/** The target from the Actions environment: GITHUB_API_URL, GITHUB_REPOSITORY and a token. */
export function targetFromEnv(token: string, env: Record<string, string | undefined> = process.env): DeploymentTarget {
  const repository = env.GITHUB_REPOSITORY;
  if (!repository)
    throw new DeploymentError('DEPLOYMENT_INPUT', 'GITHUB_REPOSITORY is not set: deployments are recorded only in GitHub Actions');
  if (!token)
    throw new DeploymentError(
      'DEPLOYMENT_INPUT',
      'no token to record deployments with: pass github.token and give the job `permissions: deployments: write`',
    );
  return { apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com', repository, token };
}

function requestError(what: string, target: DeploymentTarget, err: unknown): DeploymentError {
  const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : undefined;
  const message = err instanceof Error ? err.message : String(err);
  const hint =
    status === 403
      ? ': the token may not write deployments; give the job `permissions: deployments: write`'
      : status === 401
        ? ': the token was refused; pass github.token (or a token of the repository)'
        : status === 404
          ? `: the token cannot see ${target.repository}`
          : status === 409
            ? ': commit status checks failed; Flotilla sends required_contexts: [] so this should not happen — check the API URL'
            : '';
  return new DeploymentError(
    'DEPLOYMENT_REQUEST',
    `${what} in ${target.repository} at ${target.apiUrl} failed${status ? ` (HTTP ${status})` : ''}: ${message}${hint}`,
    status === undefined ? { cause: err } : { cause: err, status },
  );
}

export class Deployments {
  readonly #target: DeploymentTarget;
  readonly #octokit: ReturnType<typeof getOctokit>;
  readonly #owner: string;
  readonly #repo: string;

  constructor(target: DeploymentTarget) {
    const [owner, repo, ...rest] = target.repository.split('/');
    if (!owner || !repo || rest.length > 0)
      throw new DeploymentError('DEPLOYMENT_INPUT', `repository must be owner/name, got ${JSON.stringify(target.repository)}`);
    checkUrl('apiUrl', target.apiUrl);
    this.#target = target;
    this.#owner = owner;
    this.#repo = repo;
    this.#octokit = getOctokit(target.token, { baseUrl: target.apiUrl.replace(/\/+$/, '') });
  }

  /** Creates the deployment and its `in_progress` status. Everything is checked before the first request. */
  async start(input: StartDeployment): Promise<RecordedDeployment> {
    if (!input.ref) throw new DeploymentError('DEPLOYMENT_INPUT', 'a deployment needs a ref (the commit deployed)');
    if (!/^[A-Za-z0-9._/-]{1,255}$/.test(input.environment)) {
      throw new DeploymentError(
        'DEPLOYMENT_INPUT',
        `environment must be a name of letters, digits, '.', '_', '-' or '/', got ${JSON.stringify(input.environment)}`,
      );
    }
    if (!DIGEST.test(input.payload.digest)) {
      throw new DeploymentError('DEPLOYMENT_INPUT', `payload.digest must be sha256:<64 hex>, got ${JSON.stringify(input.payload.digest)}`);
    }
    for (const [name, digest] of Object.entries(input.payload.components ?? {})) {
      if (!DIGEST.test(digest))
        throw new DeploymentError('DEPLOYMENT_INPUT', `payload.components.${name} must be sha256:<64 hex>, got ${JSON.stringify(digest)}`);
    }
    checkUrl('logUrl', input.logUrl);
    checkUrl('environmentUrl', input.environmentUrl);
    const production = input.production ?? /^prod(uction)?([-_/.]|$)/i.test(input.environment);
    let id: number;
    try {
      const res = await this.#octokit.rest.repos.createDeployment({
        owner: this.#owner,
        repo: this.#repo,
        ref: input.ref,
        task: input.task ?? 'deploy',
        environment: input.environment,
        // GitHub's default (true) would merge the default branch into the ref first
        auto_merge: false,
        // GitHub's default (every commit status) would refuse a deploy while any check is pending
        required_contexts: [],
        payload: input.payload as Record<string, unknown>,
        production_environment: production,
        transient_environment: input.transient ?? false,
        ...(input.description === undefined ? {} : { description: description(input.description) }),
      });
      // 202 is GitHub's "auto-merged" answer, impossible with auto_merge false
      if (res.status !== 201 || !('id' in res.data)) throw new Error(`unexpected answer ${res.status}: ${JSON.stringify(res.data)}`);
      id = res.data.id;
    } catch (err) {
      throw requestError(`creating a deployment to ${input.environment}`, this.#target, err);
    }
    await this.#status(id, 'in_progress', {
      logUrl: input.logUrl,
      environmentUrl: input.environmentUrl,
      description: description(input.description),
    });
    return {
      id,
      environment: input.environment,
      url: `${this.#target.apiUrl.replace(/\/+$/, '')}/repos/${this.#target.repository}/deployments/${id}`,
      logUrl: input.logUrl,
      environmentUrl: input.environmentUrl,
    };
  }

  /**
   * Ends a deployment: `success` or `failure`. After success, every older
   * deployment of the environment whose latest status is `success` gets
   * `inactive` (GitHub's own auto_inactive skips production environments,
   * so Flotilla records what it replaced itself, everywhere alike).
   */
  async finish(
    deployment: RecordedDeployment,
    state: 'success' | 'failure',
    opts: { environmentUrl?: string; description?: string } = {},
  ): Promise<FinishedDeployment> {
    checkUrl('environmentUrl', opts.environmentUrl);
    const environmentUrl = opts.environmentUrl ?? deployment.environmentUrl;
    await this.#status(deployment.id, state, {
      logUrl: deployment.logUrl,
      environmentUrl,
      description: description(opts.description),
      autoInactive: false,
    });
    const replaced: number[] = [];
    if (state !== 'success') return { state, replaced };
    let older: Array<{ id: number }>;
    try {
      older = await this.#octokit.paginate(this.#octokit.rest.repos.listDeployments, {
        owner: this.#owner,
        repo: this.#repo,
        environment: deployment.environment,
        per_page: 100,
      });
    } catch (err) {
      throw requestError(`listing the deployments of ${deployment.environment}`, this.#target, err);
    }
    for (const d of older) {
      if (d.id >= deployment.id) continue;
      let latest: string | undefined;
      try {
        const res = await this.#octokit.rest.repos.listDeploymentStatuses({
          owner: this.#owner,
          repo: this.#repo,
          deployment_id: d.id,
          per_page: 1,
        });
        latest = res.data[0]?.state;
      } catch (err) {
        throw requestError(`reading the statuses of deployment ${d.id}`, this.#target, err);
      }
      if (latest !== 'success') continue;
      await this.#status(d.id, 'inactive', { description: `Replaced by deployment ${deployment.id}` });
      replaced.push(d.id);
    }
    return { state, replaced };
  }

  async #status(
    id: number,
    state: 'in_progress' | 'success' | 'failure' | 'inactive',
    opts: { logUrl?: string; environmentUrl?: string | undefined; description?: string | undefined; autoInactive?: boolean },
  ): Promise<void> {
    try {
      await this.#octokit.rest.repos.createDeploymentStatus({
        owner: this.#owner,
        repo: this.#repo,
        deployment_id: id,
        state,
        ...(opts.logUrl === undefined ? {} : { log_url: opts.logUrl }),
        ...(opts.environmentUrl === undefined ? {} : { environment_url: opts.environmentUrl }),
        ...(opts.description === undefined ? {} : { description: opts.description }),
        ...(opts.autoInactive === undefined ? {} : { auto_inactive: opts.autoInactive }),
      });
    } catch (err) {
      throw requestError(`setting deployment ${id} to ${state}`, this.#target, err);
    }
  }
}

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A stand-in for the parts of GitHub's REST API that Flotilla's workflows
 * use (api.github.com cannot be reached here): deployments and deployment
 * statuses, with GitHub's requests, answers, defaults, validation and
 * errors, and bearer tokens carrying the permissions a workflow job's
 * GITHUB_TOKEN would have. Every request is recorded for tests.
 */

export type PermissionLevel = 'read' | 'write' | 'none';

export interface TokenGrant {
  /** Repositories (`owner/name`) the token may reach; `*` for any. */
  repositories: string[] | '*';
  /** GITHUB_TOKEN scopes (`deployments`, `contents`, …); an absent scope is `none`. */
  permissions: Record<string, PermissionLevel>;
  /** `login` of the creator recorded on what the token makes. */
  login?: string;
}

export interface RepositoryState {
  /** Branch and tag names → commit; a full 40-hex sha is always accepted as a ref. */
  refs?: Record<string, string>;
  defaultBranch?: string;
  /** Commit statuses per sha (the checks `required_contexts` is compared with). */
  commitStatuses?: Record<string, Array<{ context: string; state: 'success' | 'failure' | 'pending' | 'error' }>>;
  /** Refs behind the default branch: with `auto_merge` (GitHub's default) a deployment of them is a merge, not a deployment. */
  behindDefaultBranch?: string[];
}

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, string>;
  /** Request headers, with `authorization` shown as its scheme and `***`. */
  headers: Record<string, string>;
  /** Parsed JSON body (undefined for none). */
  body: unknown;
  status: number;
  response: unknown;
}

export interface Deployment {
  url: string;
  id: number;
  node_id: string;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  original_environment: string;
  environment: string;
  description: string | null;
  creator: User;
  created_at: string;
  updated_at: string;
  statuses_url: string;
  repository_url: string;
  transient_environment: boolean;
  production_environment: boolean;
  performed_via_github_app: null;
}

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface DeploymentStatus {
  url: string;
  id: number;
  node_id: string;
  state: DeploymentState;
  creator: User;
  description: string;
  environment: string;
  target_url: string;
  created_at: string;
  updated_at: string;
  deployment_url: string;
  repository_url: string;
  environment_url: string;
  log_url: string;
  performed_via_github_app: null;
}

interface User {
  login: string;
  id: number;
  node_id: string;
  type: 'Bot' | 'User';
  url: string;
}

export interface GitHubApiStandIn {
  /** `http://127.0.0.1:<port>`: the value for GITHUB_API_URL and Octokit's `baseUrl`. */
  url: string;
  requests: RecordedRequest[];
  /** Every deployment, by repository (`owner/name`), oldest first. */
  deployments(repository: string): Deployment[];
  /** A deployment's statuses, oldest first. */
  statuses(repository: string, deploymentId: number): DeploymentStatus[];
  /** The state of a deployment's latest status (`undefined` when it has none). */
  latestState(repository: string, deploymentId: number): DeploymentState | undefined;
  /** Makes a token with these grants (a workflow job's GITHUB_TOKEN) and returns it. */
  issueToken(grant: TokenGrant): string;
  revokeToken(token: string): void;
  /** Sets or replaces what the stand-in knows of a repository (refs, statuses). */
  setRepository(name: string, state: RepositoryState): void;
  /**
   * Records a deployment as GitHub itself does for a job that runs in an
   * `environment:` (no HTTP request, not recorded in `requests`).
   */
  recordJobDeployment(repository: string, input: { ref: string; sha: string; environment: string; login?: string }): Deployment;
  /** Adds a status as GitHub does for such a job. */
  recordJobDeploymentStatus(
    repository: string,
    id: number,
    input: { state: DeploymentState; environmentUrl?: string; logUrl?: string; login?: string },
  ): DeploymentStatus;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest/deployments';
const STATES: DeploymentState[] = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];

class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function failure(status: number, message: string, doc: string, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(status, { message, documentation_url: doc, status: String(status), ...extra });
}

function validationFailed(resource: string, field: string, code: string, message?: string): ApiError {
  return failure(422, 'Validation Failed', DOCS, { errors: [{ resource, field, code, ...(message ? { message } : {}) }] });
}

function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}${id}`).toString('base64url');
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export async function startGitHubApi(opts: { repositories?: Record<string, RepositoryState> } = {}): Promise<GitHubApiStandIn> {
  const requests: RecordedRequest[] = [];
  const tokens = new Map<string, TokenGrant>();
  const repos = new Map<string, RepositoryState>(Object.entries(opts.repositories ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const deployments = new Map<string, Deployment[]>();
  const statuses = new Map<number, DeploymentStatus[]>();
  let nextDeploymentId = 1000;
  let nextStatusId = 5000;
  let base = '';

  const user = (login: string): User => ({
    login,
    id: login === 'github-actions[bot]' ? 41898282 : 583231,
    node_id: nodeId('User', 1),
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    url: `${base}/users/${encodeURIComponent(login)}`,
  });

  const repoUrl = (name: string) => `${base}/repos/${name}`;
  const listOf = (name: string) => {
    const key = name.toLowerCase();
    let list = deployments.get(key);
    if (!list) {
      list = [];
      deployments.set(key, list);
    }
    return list;
  };
  const latest = (id: number) => statuses.get(id)?.at(-1);

  function authorize(req: IncomingMessage, repository: string, scope: string, level: 'read' | 'write'): TokenGrant {
    const header = req.headers.authorization;
    if (!header) throw failure(401, 'Requires authentication', 'https://docs.github.com/rest');
    const m = /^(token|bearer)\s+(\S+)$/i.exec(header);
    const grant = m ? tokens.get(m[2] ?? '') : undefined;
    if (!grant) throw failure(401, 'Bad credentials', 'https://docs.github.com/rest');
    const reachable = grant.repositories === '*' || grant.repositories.some((r) => r.toLowerCase() === repository.toLowerCase());
    if (!reachable) throw failure(404, 'Not Found', 'https://docs.github.com/rest');
    const have = grant.permissions[scope] ?? 'none';
    if (have === 'none' || (level === 'write' && have !== 'write')) {
      throw failure(403, 'Resource not accessible by integration', DOCS);
    }
    return grant;
  }

  function resolveRef(repository: string, ref: string): string {
    const state = repos.get(repository.toLowerCase());
    if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase();
    const short = ref.replace(/^refs\/(heads|tags)\//, '');
    const sha = state?.refs?.[ref] ?? state?.refs?.[short];
    if (!sha) throw failure(422, `No ref found for: ${ref}`, `${DOCS}/deployments#create-a-deployment`);
    return sha;
  }

  function createDeployment(repository: string, body: Record<string, unknown>, login: string): { status: number; value: unknown } {
    if (typeof body.ref !== 'string' || body.ref === '') throw validationFailed('Deployment', 'ref', 'missing_field');
    const ref = body.ref;
    const sha = resolveRef(repository, ref);
    const state = repos.get(repository.toLowerCase());
    const autoMerge = body.auto_merge === undefined ? true : body.auto_merge === true;
    const defaultBranch = state?.defaultBranch ?? 'main';
    if (autoMerge && state?.behindDefaultBranch?.includes(ref)) {
      // GitHub merges the default branch into the ref and answers 202 without a deployment
      return { status: 202, value: { message: `Auto-merged ${defaultBranch} into ${ref} on deployment.` } };
    }
    // required_contexts: absent means every context of the commit must be success
    const checks = state?.commitStatuses?.[sha] ?? [];
    const required = Array.isArray(body.required_contexts) ? (body.required_contexts as string[]) : checks.map((c) => c.context);
    const unmet = checks.filter((c) => required.includes(c.context) && c.state !== 'success');
    const missing = required.filter((r) => !checks.some((c) => c.context === r));
    if (unmet.length > 0 || missing.length > 0) {
      throw failure(409, `Conflict: Commit status checks failed for ${ref}.`, `${DOCS}/deployments#create-a-deployment`, {
        errors: [
          {
            contexts: [
              ...unmet.map((c) => ({ context: c.context, state: c.state })),
              ...missing.map((m) => ({ context: m, state: 'missing' })),
            ],
            resource: 'Deployment',
            field: 'required_contexts',
            code: 'invalid',
          },
        ],
      });
    }
    if (body.environment !== undefined && typeof body.environment !== 'string')
      throw validationFailed('Deployment', 'environment', 'invalid');
    if (body.task !== undefined && typeof body.task !== 'string') throw validationFailed('Deployment', 'task', 'invalid');
    if (body.description !== undefined && body.description !== null && typeof body.description !== 'string')
      throw validationFailed('Deployment', 'description', 'invalid');
    const environment = (body.environment as string | undefined) ?? 'production';
    const id = nextDeploymentId++;
    const at = now();
    let payload: unknown = body.payload ?? {};
    if (typeof payload === 'string' && payload !== '') {
      try {
        payload = JSON.parse(payload);
      } catch {
        throw validationFailed('Deployment', 'payload', 'invalid', 'payload must be a JSON object or a string of JSON');
      }
    } else if (payload === '') payload = {};
    const deployment: Deployment = {
      url: `${repoUrl(repository)}/deployments/${id}`,
      id,
      node_id: nodeId('Deployment', id),
      sha,
      ref,
      task: (body.task as string | undefined) ?? 'deploy',
      payload,
      original_environment: environment,
      environment,
      description: (body.description as string | undefined) ?? null,
      creator: user(login),
      created_at: at,
      updated_at: at,
      statuses_url: `${repoUrl(repository)}/deployments/${id}/statuses`,
      repository_url: repoUrl(repository),
      transient_environment: body.transient_environment === true,
      production_environment:
        body.production_environment === undefined ? environment === 'production' : body.production_environment === true,
      performed_via_github_app: null,
    };
    listOf(repository).push(deployment);
    return { status: 201, value: deployment };
  }

  function addStatus(repository: string, deployment: Deployment, body: Record<string, unknown>, login: string): DeploymentStatus {
    const state = body.state;
    if (typeof state !== 'string') throw validationFailed('DeploymentStatus', 'state', 'missing_field');
    if (!STATES.includes(state as DeploymentState)) throw validationFailed('DeploymentStatus', 'state', 'invalid');
    const description = (body.description as string | undefined) ?? '';
    if (typeof description !== 'string' || description.length > 140) {
      throw validationFailed('DeploymentStatus', 'description', 'invalid', 'description is too long (maximum is 140 characters)');
    }
    for (const field of ['log_url', 'target_url', 'environment_url'] as const) {
      const v = body[field];
      if (v !== undefined && v !== '' && (typeof v !== 'string' || !/^https?:\/\//.test(v))) {
        throw validationFailed('DeploymentStatus', field, 'invalid', `${field} must be an http(s) URL`);
      }
    }
    if (typeof body.environment === 'string' && body.environment !== '') {
      // a status may move its deployment to another environment
      deployment.environment = body.environment;
    }
    const logUrl = (body.log_url as string | undefined) ?? (body.target_url as string | undefined) ?? '';
    const id = nextStatusId++;
    const at = now();
    const status: DeploymentStatus = {
      url: `${repoUrl(repository)}/deployments/${deployment.id}/statuses/${id}`,
      id,
      node_id: nodeId('DeploymentStatus', id),
      state: state as DeploymentState,
      creator: user(login),
      description,
      environment: deployment.environment,
      // setting log_url sets target_url to the same value
      target_url: logUrl,
      created_at: at,
      updated_at: at,
      deployment_url: deployment.url,
      repository_url: repoUrl(repository),
      environment_url: (body.environment_url as string | undefined) ?? '',
      log_url: logUrl,
      performed_via_github_app: null,
    };
    const list = statuses.get(deployment.id) ?? [];
    list.push(status);
    statuses.set(deployment.id, list);
    deployment.updated_at = at;
    // auto_inactive (default true): on success, older deployments of the same
    // environment whose latest status is success get an inactive status, but
    // only non-transient, non-production ones (GitHub leaves production
    // deployments active: replacing them is the caller's to record)
    if (status.state === 'success' && body.auto_inactive !== false) {
      for (const older of listOf(repository)) {
        if (older.id >= deployment.id || older.environment !== deployment.environment) continue;
        if (older.transient_environment || older.production_environment) continue;
        if (latest(older.id)?.state !== 'success') continue;
        addStatus(
          repository,
          older,
          { state: 'inactive', description: `Superseded by deployment ${deployment.id}` },
          'github-actions[bot]',
        );
      }
    }
    return status;
  }

  function findDeployment(repository: string, id: string): Deployment {
    const d = listOf(repository).find((x) => String(x.id) === id);
    if (!d) throw failure(404, 'Not Found', DOCS);
    return d;
  }

  function paginate<T>(items: T[], url: URL, res: ServerResponse): T[] {
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const link = (p: number, rel: string) => {
      const u = new URL(url.pathname + url.search, base);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(p));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    if (links.length > 0) res.setHeader('link', links.join(', '));
    return items.slice((page - 1) * perPage, page * perPage);
  }

  async function route(req: IncomingMessage, url: URL, body: unknown, res: ServerResponse): Promise<{ status: number; value: unknown }> {
    const m = /^\/repos\/([^/]+)\/([^/]+)\/deployments(?:\/(\d+)(?:\/statuses(?:\/(\d+))?)?)?\/?$/.exec(url.pathname);
    if (!m) throw failure(404, 'Not Found', 'https://docs.github.com/rest');
    const repository = `${decodeURIComponent(m[1] ?? '')}/${decodeURIComponent(m[2] ?? '')}`;
    const [, , , deploymentId, statusId] = m;
    const method = req.method ?? 'GET';
    const fields = (body ?? {}) as Record<string, unknown>;
    if (deploymentId === undefined) {
      if (method === 'POST') {
        const grant = authorize(req, repository, 'deployments', 'write');
        return createDeployment(repository, fields, grant.login ?? 'github-actions[bot]');
      }
      if (method === 'GET') {
        authorize(req, repository, 'deployments', 'read');
        let list = [...listOf(repository)].reverse();
        for (const key of ['sha', 'ref', 'task', 'environment'] as const) {
          const v = url.searchParams.get(key);
          if (v !== null && v !== 'none') list = list.filter((d) => d[key] === v);
        }
        return { status: 200, value: paginate(list, url, res) };
      }
    } else if (url.pathname.includes('/statuses')) {
      const deployment = findDeployment(repository, deploymentId);
      if (statusId !== undefined && method === 'GET') {
        authorize(req, repository, 'deployments', 'read');
        const s = statuses.get(deployment.id)?.find((x) => String(x.id) === statusId);
        if (!s) throw failure(404, 'Not Found', DOCS);
        return { status: 200, value: s };
      }
      if (statusId === undefined && method === 'POST') {
        const grant = authorize(req, repository, 'deployments', 'write');
        return { status: 201, value: addStatus(repository, deployment, fields, grant.login ?? 'github-actions[bot]') };
      }
      if (statusId === undefined && method === 'GET') {
        authorize(req, repository, 'deployments', 'read');
        return { status: 200, value: paginate([...(statuses.get(deployment.id) ?? [])].reverse(), url, res) };
      }
    } else {
      if (method === 'GET') {
        authorize(req, repository, 'deployments', 'read');
        return { status: 200, value: findDeployment(repository, deploymentId) };
      }
      if (method === 'DELETE') {
        authorize(req, repository, 'deployments', 'write');
        const list = listOf(repository);
        const d = findDeployment(repository, deploymentId);
        if (list.length > 1 && latest(d.id)?.state !== 'inactive') {
          throw failure(422, 'We cannot delete an active deployment unless it is the only deployment in a given environment.', DOCS);
        }
        list.splice(list.indexOf(d), 1);
        statuses.delete(d.id);
        return { status: 204, value: undefined };
      }
    }
    throw failure(404, 'Not Found', 'https://docs.github.com/rest');
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 1024 * 1024) chunks.push(c);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue;
        headers[k] = k === 'authorization' ? `${String(v).split(/\s+/)[0]} ***` : Array.isArray(v) ? v.join(', ') : v;
      }
      let body: unknown;
      const text = Buffer.concat(chunks).toString('utf8');
      const done = (status: number, value: unknown) => {
        requests.push({
          method: req.method ?? '',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers,
          body,
          status,
          response: value,
        });
        res.statusCode = status;
        res.setHeader('x-github-request-id', randomBytes(8).toString('hex').toUpperCase());
        res.setHeader('x-github-api-version-selected', String(req.headers['x-github-api-version'] ?? '2022-11-28'));
        if (value === undefined) {
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(value));
      };
      if (size > 1024 * 1024) return done(413, { message: 'Payload too large', documentation_url: 'https://docs.github.com/rest' });
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          return done(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' });
        }
      }
      route(req, url, body, res).then(
        (r) => done(r.status, r.value),
        (err: unknown) => {
          if (err instanceof ApiError) done(err.status, err.body);
          else done(500, { message: `GitHub API stand-in failed: ${String(err)}` });
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('GitHub API stand-in has no TCP address');
  base = `http://127.0.0.1:${addr.port}`;

  return {
    url: base,
    requests,
    deployments: (repository) => [...listOf(repository)],
    statuses: (repository, id) => {
      findDeployment(repository, String(id));
      return [...(statuses.get(id) ?? [])];
    },
    latestState: (_repository, id) => latest(id)?.state,
    issueToken(grant) {
      const token = `ghs_${randomBytes(18).toString('base64url')}`;
      tokens.set(token, grant);
      return token;
    },
    revokeToken(token) {
      tokens.delete(token);
    },
    setRepository(name, state) {
      repos.set(name.toLowerCase(), state);
    },
    recordJobDeployment(repository, input) {
      const r = createDeployment(
        repository,
        { ref: input.sha, environment: input.environment, auto_merge: false, required_contexts: [] },
        input.login ?? 'github-actions[bot]',
      );
      const d = r.value as Deployment;
      d.ref = input.ref;
      return d;
    },
    recordJobDeploymentStatus(repository, id, input) {
      return addStatus(
        repository,
        findDeployment(repository, String(id)),
        { state: input.state, environment_url: input.environmentUrl ?? '', log_url: input.logUrl ?? '' },
        input.login ?? 'github-actions[bot]',
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

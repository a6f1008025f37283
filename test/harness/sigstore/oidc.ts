import { createHash, generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';
import { type HttpStandIn, json, startHttp } from './http.ts';

/** `iss` of GitHub Actions OIDC tokens. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/** The workflow run a token speaks for; the claims are derived from it as GitHub does. */
export interface WorkflowRun {
  /** `owner/name` */
  repository: string;
  /** Path of the workflow file in the repository (`.github/workflows/release.yml`). */
  workflowPath: string;
  /** Git ref of the run (`refs/heads/main`, `refs/tags/v1.2.0`). */
  ref: string;
  sha: string;
  eventName?: string;
  workflowName?: string;
  visibility?: 'public' | 'private' | 'internal';
  runId?: string;
  runAttempt?: string;
  /** `job_workflow_ref` when the job is defined in a called workflow (`owner/repo/path@ref`); else the run's workflow. */
  jobWorkflowRef?: string;
  /** `job_workflow_sha`: the commit of the called workflow's file; else the run's sha. */
  jobWorkflowSha?: string;
  /** `environment`, when the job runs in one. */
  environment?: string;
}

export const DEFAULT_RUN: WorkflowRun = {
  repository: 'acme/shop',
  workflowPath: '.github/workflows/release.yml',
  ref: 'refs/heads/main',
  sha: '4f2b1c9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c',
  eventName: 'push',
  workflowName: 'release',
  visibility: 'public',
  runId: '7301',
  runAttempt: '1',
};

/** The claims GitHub puts in an Actions OIDC token for `run`. */
export function githubClaims(run: WorkflowRun, audience: string, issuer = GITHUB_ACTIONS_ISSUER): Record<string, unknown> {
  const owner = run.repository.split('/')[0] ?? '';
  const now = Math.floor(Date.now() / 1000);
  const workflowRef = `${run.repository}/${run.workflowPath}@${run.ref}`;
  const refType = run.ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  // a job in an environment gets `sub: repo:o/r:environment:<name>` (GitHub's default subject)
  const sub = run.environment ? `repo:${run.repository}:environment:${run.environment}` : `repo:${run.repository}:ref:${run.ref}`;
  return {
    jti: randomUUID(),
    sub,
    aud: audience,
    ref: run.ref,
    sha: run.sha,
    repository: run.repository,
    repository_owner: owner,
    repository_owner_id: '90001',
    repository_id: '123456',
    repository_visibility: run.visibility ?? 'public',
    run_id: run.runId ?? '7301',
    run_number: '12',
    run_attempt: run.runAttempt ?? '1',
    runner_environment: 'github-hosted',
    actor: 'octocat',
    actor_id: '583231',
    workflow: run.workflowName ?? 'release',
    workflow_ref: workflowRef,
    workflow_sha: run.sha,
    job_workflow_ref: run.jobWorkflowRef ?? workflowRef,
    job_workflow_sha: run.jobWorkflowSha ?? run.sha,
    ...(run.environment ? { environment: run.environment } : {}),
    head_ref: '',
    base_ref: '',
    event_name: run.eventName ?? 'push',
    ref_type: refType,
    ref_protected: 'true',
    iss: issuer,
    nbf: now - 5,
    exp: now + 300,
    iat: now - 5,
  };
}

export interface TokenRequest {
  audience: string | null;
  authorized: boolean;
  status: number;
}

export interface GitHubOidcStandIn {
  /** Value for ACTIONS_ID_TOKEN_REQUEST_URL (already has a query string, as GitHub's does). */
  requestUrl: string;
  /** Value for ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  requestToken: string;
  /** Base URL serving `/.well-known/openid-configuration` and the JWKS. */
  discoveryUrl: string;
  issuer: string;
  /** The run the next tokens speak for; change it to sign as another workflow. */
  run: WorkflowRun;
  tokenRequests: TokenRequest[];
  http: HttpStandIn;
  /** `{ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN}` */
  env(): Record<string, string>;
  /**
   * A token endpoint of its own for one job, as GitHub gives each job with
   * `id-token: write`: tokens fetched with this pair carry `run`'s claims
   * (its job_workflow_ref, environment), whatever `run` the stand-in has.
   */
  issueJob(run: WorkflowRun): { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
  close(): Promise<void>;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${b64url(signature)}`;
}

/**
 * GitHub's Actions OIDC token endpoint, over HTTP on 127.0.0.1: `GET
 * <requestUrl>&audience=<aud>` with `Authorization: Bearer <requestToken>`
 * answers `{"count": 1, "value": "<JWT>"}`, an RS256 JWT with GitHub's
 * claims for `run`. Its keys are published at
 * `<discoveryUrl>/.well-known/openid-configuration` → `jwks_uri`, as the
 * real issuer publishes them (Fulcio checks tokens with them).
 */
export async function startGitHubOidc(opts: { run?: WorkflowRun; issuer?: string } = {}): Promise<GitHubOidcStandIn> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 40);
  const requestToken = randomBytes(24).toString('hex');
  const issuer = opts.issuer ?? GITHUB_ACTIONS_ISSUER;
  const plan = randomUUID();
  const job = randomUUID();
  const tokenPath = `/_apis/distributedtask/hubs/Actions/plans/${plan}/jobs/${job}/idtoken`;
  const tokenRequests: TokenRequest[] = [];
  let baseUrl = '';
  const jobs = new Map<string, { requestToken: string; run: WorkflowRun }>();

  const state: GitHubOidcStandIn = {
    requestUrl: '',
    requestToken,
    discoveryUrl: '',
    issuer,
    run: opts.run ?? DEFAULT_RUN,
    tokenRequests,
    http: undefined as unknown as HttpStandIn,
    env: () => ({ ACTIONS_ID_TOKEN_REQUEST_URL: state.requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken }),
    issueJob: (run) => {
      const path = `/_apis/distributedtask/hubs/Actions/plans/${plan}/jobs/${randomUUID()}/idtoken`;
      const token = randomBytes(24).toString('hex');
      jobs.set(path, { requestToken: token, run });
      return { ACTIONS_ID_TOKEN_REQUEST_URL: `${baseUrl}${path}?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: token };
    },
    close: () => state.http.close(),
  };

  state.http = await startHttp('GitHub OIDC', async (req, _body, url) => {
    if (req.method !== 'GET') return undefined;
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        jwks_uri: `${baseUrl}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        id_token_signing_alg_values_supported: ['RS256'],
        claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'sha', 'repository', 'job_workflow_ref'],
        scopes_supported: ['openid'],
      });
    }
    if (url.pathname === '/.well-known/jwks') {
      return json(200, { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] });
    }
    const job = jobs.get(url.pathname);
    if (url.pathname !== tokenPath && job === undefined) return undefined;
    const audience = url.searchParams.get('audience');
    const auth = req.headers.authorization ?? '';
    const authorized = /^bearer /i.test(auth) && auth.slice(7) === (job?.requestToken ?? requestToken);
    if (!authorized || url.searchParams.get('api-version') === null) {
      const status = authorized ? 400 : 401;
      tokenRequests.push({ audience, authorized, status });
      return json(status, { message: authorized ? 'api-version is required' : 'Unauthorized' });
    }
    tokenRequests.push({ audience, authorized, status: 200 });
    const run = job?.run ?? state.run;
    const owner = run.repository.split('/')[0] ?? '';
    const claims = githubClaims(run, audience ?? `https://github.com/${owner}`, issuer);
    return json(200, { count: 1, value: signJwt(claims, privateKey, kid) });
  });
  baseUrl = state.http.url;
  state.discoveryUrl = baseUrl;
  state.requestUrl = `${baseUrl}${tokenPath}?api-version=2.0`;
  return state;
}

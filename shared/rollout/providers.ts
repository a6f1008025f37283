/**
 * Analysis providers: Prometheus (an instant query through its HTTP API, as
 * Argo's prometheus provider runs it), web (an HTTP request and a JSONPath
 * into the answer) and command (a process: its exit code, or the last number
 * it prints). Every answer is bounded in size and time; secrets from
 * `valueFrom.env` headers never reach a message.
 */
import { spawn } from 'node:child_process';
import { FlotillaError } from '../errors.ts';
import type { MeasureFunction, ProviderAnswer } from './analysis.ts';
import type { HeaderConfig, MetricConfig, ProviderConfig } from './config.ts';
import { formatValue, type Value } from './expr.ts';

/** A measurement that could not be taken: the provider's answer or the process failed. */
export class MeasurementError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ANALYSIS_MEASUREMENT', message, options);
  }
}

export const ANSWER_LIMIT = 1024 * 1024;
const DISPLAY_LIMIT = 300;

/** Values {{placeholders}} take, for one version. */
export type Variables = Record<string, string>;

/** Replaces {{name}} with its value; `encode` URL-encodes values (for URLs). */
export function substitute(text: string, vars: Variables, encode = false): string {
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) => {
    const v = vars[name];
    if (v === undefined) return whole;
    return encode ? encodeURIComponent(v) : v;
  });
}

function headerValues(
  headers: HeaderConfig[],
  vars: Variables,
  env: NodeJS.ProcessEnv,
): { headers: Record<string, string>; secrets: string[] } {
  const out: Record<string, string> = {};
  const secrets: string[] = [];
  for (const h of headers) {
    if (h.valueFromEnv !== undefined) {
      const v = env[h.valueFromEnv];
      if (v === undefined || v === '')
        throw new MeasurementError(`header ${h.name}: the environment variable ${h.valueFromEnv} is not set`);
      out[h.name] = v;
      secrets.push(v);
    } else out[h.name] = substitute(h.value ?? '', vars);
  }
  return { headers: out, secrets };
}

function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}

async function readBounded(res: Response, what: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > ANSWER_LIMIT) {
    await res.body?.cancel().catch(() => {});
    throw new MeasurementError(`${what} is ${declared} bytes, over the ${ANSWER_LIMIT} accepted`);
  }
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const r = reader ? await reader.read() : { done: true as const, value: undefined };
    if (r.done) break;
    size += r.value.byteLength;
    if (size > ANSWER_LIMIT) {
      await reader?.cancel().catch(() => {});
      throw new MeasurementError(`${what} is over the ${ANSWER_LIMIT} bytes accepted`);
    }
    chunks.push(r.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function request(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  signal: AbortSignal,
  secrets: string[],
  what: string,
): Promise<{ status: number; text: string }> {
  const timeout = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.any([signal, timeout]), redirect: 'error' });
  } catch (e) {
    const why = timeout.aborted
      ? `no answer within ${timeoutMs / 1000} s`
      : ((e as Error & { cause?: Error }).cause?.message ?? (e as Error).message);
    throw new MeasurementError(redact(`${what} ${url}: ${why}`, secrets), { cause: e });
  }
  let text: string;
  try {
    text = await readBounded(res, `the answer of ${url}`);
  } catch (e) {
    if (e instanceof MeasurementError) throw e;
    const why = timeout.aborted ? `the answer did not end within ${timeoutMs / 1000} s` : (e as Error).message;
    throw new MeasurementError(redact(`${what} ${url}: ${why}`, secrets), { cause: e });
  }
  return { status: res.status, text };
}

function display(v: Value): string {
  return formatValue(v, DISPLAY_LIMIT);
}

function promNumber(s: unknown): number {
  if (s === 'NaN') return Number.NaN;
  if (s === '+Inf') return Number.POSITIVE_INFINITY;
  if (s === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(s);
}

/** Runs a PromQL instant query; a vector is a list of numbers, a scalar a number, a matrix every sample's value. */
export async function queryPrometheus(
  p: Extract<ProviderConfig, { kind: 'prometheus' }>,
  vars: Variables,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<ProviderAnswer> {
  const query = substitute(p.query, vars);
  const { headers, secrets } = headerValues(p.headers, vars, env);
  const url = new URL('api/v1/query', substitute(p.address, vars, true).replace(/\/?$/, '/'));
  url.searchParams.set('query', query);
  const where = `prometheus ${url.origin}`;
  const { status, text } = await request(
    url.toString(),
    { method: 'GET', headers: { accept: 'application/json', ...headers } },
    p.timeoutMs,
    signal,
    secrets,
    'prometheus',
  );
  let body: { status?: string; errorType?: string; error?: string; data?: { resultType?: string; result?: unknown } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new MeasurementError(`${where} answered HTTP ${status} with something that is not JSON: ${JSON.stringify(text.slice(0, 120))}`);
  }
  if (body.status !== 'success') {
    throw new MeasurementError(
      `${where} refused the query ${JSON.stringify(query)} (HTTP ${status}): ${body.errorType ?? 'error'}: ${body.error ?? 'no reason given'}`,
    );
  }
  const data = body.data ?? {};
  const q = JSON.stringify(query);
  switch (data.resultType) {
    case 'scalar': {
      const v = promNumber((data.result as unknown[])[1]);
      return Number.isNaN(v)
        ? { result: v, display: 'NaN', noData: `the query ${q} gave NaN (nothing to divide: no traffic?)` }
        : { result: v, display: display(v) };
    }
    case 'vector': {
      const values = ((data.result ?? []) as { value: [number, string] }[]).map((s) => promNumber(s.value?.[1]));
      if (values.length === 0) return { result: [], display: '[]', noData: `prometheus returned an empty vector for ${q}` };
      if (values.every((v) => Number.isNaN(v)))
        return { result: values, display: display(values), noData: `the query ${q} gave only NaN (nothing to divide: no traffic?)` };
      return { result: values, display: display(values) };
    }
    case 'matrix': {
      const values = ((data.result ?? []) as { values: [number, string][] }[]).flatMap((s) =>
        (s.values ?? []).map((v) => promNumber(v[1])),
      );
      if (values.length === 0) return { result: [], display: '[]', noData: `prometheus returned an empty matrix for ${q}` };
      return { result: values, display: display(values) };
    }
    case 'string':
      return { result: String((data.result as unknown[])[1]), display: display(String((data.result as unknown[])[1])) };
    default:
      throw new MeasurementError(`${where}: result type ${String(data.resultType)} is not supported`);
  }
}

function toValue(v: unknown, depth = 0): Value {
  if (depth > 32) throw new MeasurementError('the answer nests deeper than 32 levels');
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => toValue(x, depth + 1));
  if (typeof v === 'object') {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toValue(x, depth + 1);
    return out;
  }
  return String(v);
}

/** Follows a JSONPath of the forms `$.a.b[0]`, `$['a']`, in Argo's `{…}` or bare; undefined when it finds nothing. */
export function followJsonPath(value: unknown, path: string): unknown {
  const inner = (path.startsWith('{') && path.endsWith('}') ? path.slice(1, -1) : path).trim();
  let cur: unknown = value;
  const re = /\.([A-Za-z_][\w-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g;
  const rest = inner.slice(1);
  for (const m of rest.matchAll(re)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (m[2] !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[Number(m[2])];
    } else {
      const key = m[1] ?? m[3] ?? m[4] ?? '';
      if (Array.isArray(cur) || !Object.hasOwn(cur, key)) return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
  }
  return cur;
}

/** Sends the web provider's request; 2xx answers are parsed as JSON (then the JSONPath is followed) or kept as text. */
export async function queryWeb(
  p: Extract<ProviderConfig, { kind: 'web' }>,
  vars: Variables,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<ProviderAnswer> {
  const url = substitute(p.url, vars, true);
  const { headers, secrets } = headerValues(p.headers, vars, env);
  const init: { method: string; headers: Record<string, string>; body?: string } = {
    method: p.method,
    headers: { accept: 'application/json, text/plain;q=0.5', ...headers },
  };
  if (p.body !== undefined) {
    init.body = substitute(p.body, vars);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) init.headers['content-type'] = 'application/json';
  }
  const { status, text } = await request(url, init, p.timeoutMs, signal, secrets, `web ${p.method}`);
  if (status < 200 || status >= 300)
    throw new MeasurementError(redact(`web ${p.method} ${url} answered HTTP ${status}: ${JSON.stringify(text.slice(0, 200))}`, secrets));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const s = text.trim();
    if (p.jsonPath !== undefined)
      throw new MeasurementError(
        `web ${url}: the answer is not JSON, so jsonPath ${p.jsonPath} cannot be followed: ${JSON.stringify(s.slice(0, 120))}`,
      );
    return s === '' ? { result: null, display: '""', noData: `web ${url} answered an empty body` } : { result: s, display: display(s) };
  }
  if (p.jsonPath === undefined) {
    const v = toValue(parsed);
    return { result: v, display: display(v) };
  }
  const found = followJsonPath(parsed, p.jsonPath);
  if (found === undefined)
    throw new MeasurementError(`web ${url}: jsonPath ${p.jsonPath} finds nothing in the answer ${JSON.stringify(text.slice(0, 160))}`);
  const v = toValue(found);
  if (v === null) return { result: null, display: 'null', noData: `jsonPath ${p.jsonPath} is null in the answer of ${url}` };
  return { result: v, display: display(v) };
}

/** Runs the command (no shell) with a timeout; the result is its exit code, or the last number it printed. */
export function runCommand(
  p: Extract<ProviderConfig, { kind: 'command' }>,
  vars: Variables,
  env: NodeJS.ProcessEnv,
  cwd: string,
  signal: AbortSignal,
): Promise<ProviderAnswer> {
  const argv = p.argv.map((a) => substitute(a, vars));
  const [file, ...args] = argv as [string, ...string[]];
  const childEnv: NodeJS.ProcessEnv = { ...env, ...p.env };
  for (const [k, v] of Object.entries(vars)) childEnv[`FLOTILLA_${k.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`] = v;
  return new Promise((resolve, reject) => {
    // its own process group, so that a timeout kills what it started too (a shell's sleep holds the pipes open)
    const child = spawn(file, args, { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killAll = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    let out = '';
    let err = '';
    let over = false;
    const take = (which: 'out' | 'err') => (c: Buffer) => {
      if (which === 'out') out += c.toString('utf8');
      else err = `${err}${c.toString('utf8')}`.slice(-4000);
      if (out.length > ANSWER_LIMIT && !over) {
        over = true;
        killAll();
      }
    };
    child.stdout.on('data', take('out'));
    child.stderr.on('data', take('err'));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killAll();
    }, p.timeoutMs);
    const onAbort = () => killAll();
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      reject(
        new MeasurementError(`command ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : e.message}`, { cause: e }),
      );
    });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      const tail = err.trim().split('\n').slice(-3).join(' | ');
      if (over) return reject(new MeasurementError(`command ${file} printed more than ${ANSWER_LIMIT} bytes; stopped`));
      if (timedOut) return reject(new MeasurementError(`command ${file} did not finish within ${p.timeoutMs / 1000} s; killed`));
      if (sig !== null) return reject(new MeasurementError(`command ${file} was killed by ${sig}`));
      if (p.result === 'exitCode')
        return resolve({ result: code ?? -1, display: `exit code ${code}${code !== 0 && tail ? ` (${tail.slice(0, 200)})` : ''}` });
      if (code !== 0)
        return reject(new MeasurementError(`command ${file} exited with code ${code}${tail ? `: ${tail.slice(0, 300)}` : ''}`));
      const numbers = out.match(/[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|NaN/g);
      const last = numbers?.[numbers.length - 1];
      if (last === undefined) return resolve({ result: null, display: 'nothing', noData: `command ${file} printed no number` });
      const n = Number(last);
      return resolve(
        Number.isNaN(n) ? { result: n, display: 'NaN', noData: `command ${file} printed NaN` } : { result: n, display: String(n) },
      );
    });
  });
}

export interface MeasureContext {
  /** Variables shared by every version: env, step, weight, stable.digest, canary.digest, args.* */
  shared: Variables;
  /** Digest of each version, for {{digest}}. */
  digests: Record<string, string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The measure function the engine calls: variables for the version, then the metric's provider. */
export function providerMeasure(ctx: MeasureContext): MeasureFunction {
  return (metric: MetricConfig, version: string, signal: AbortSignal) => {
    const vars: Variables = { ...ctx.shared, version, digest: ctx.digests[version] ?? '' };
    const p = metric.provider;
    switch (p.kind) {
      case 'prometheus':
        return queryPrometheus(p, vars, ctx.env, signal);
      case 'web':
        return queryWeb(p, vars, ctx.env, signal);
      case 'command':
        return runCommand(p, vars, ctx.env, ctx.cwd, signal);
    }
  };
}

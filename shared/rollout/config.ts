/**
 * The `rollout:` section of a composition spec (and each environment's
 * `rollout:`), read from the parsed YAML with its positions, so that every
 * bad input is reported at its line: an unknown step kind, a weight out of
 * range, an analysis naming a template that does not exist, a canary
 * component that is not in the composition, a condition that does not
 * parse (at its column), a strategy the environment does not allow.
 *
 * Names follow Argo Rollouts (setWeight, pause, analysis, successCondition,
 * failureLimit, prePromotionAnalysis…), so that its templates can be pasted.
 * The JSON Schema (schemas/flotilla.schema.json) checks shapes and types;
 * this module checks meaning. Pure: no I/O.
 */

import { type Origin, originOf, SpecError } from '../config/origin.ts';
import { ConfigError, type SourcePosition, type YamlPath, type YamlSource } from '../config/yaml-source.ts';
import { parseDuration } from './duration.ts';
import { type Compiled, compileExpression, ExpressionError } from './expr.ts';

export type Strategy = 'canary' | 'blue-green';
export const STRATEGIES: readonly Strategy[] = ['canary', 'blue-green'];

/** What a measurement with no data (an empty result, or only NaN) counts as; Inconclusive unless the metric says otherwise. */
export type NoDataOutcome = 'inconclusive' | 'failed' | 'successful' | 'error';

export interface HeaderConfig {
  name: string;
  /** Literal value (may hold {{placeholders}}). */
  value?: string;
  /** Name of an environment variable holding a secret value; it is never logged. */
  valueFromEnv?: string;
}

export type ProviderConfig =
  | { kind: 'prometheus'; address: string; query: string; timeoutMs: number; headers: HeaderConfig[] }
  | {
      kind: 'web';
      url: string;
      method: 'GET' | 'POST' | 'PUT';
      headers: HeaderConfig[];
      body?: string;
      /** `$.a.b[0]` or Argo's `{$.a.b[0]}`; absent: the whole JSON answer (or its text). */
      jsonPath?: string;
      timeoutMs: number;
    }
  | { kind: 'command'; argv: string[]; result: 'exitCode' | 'number'; timeoutMs: number; env: Record<string, string> };

export interface MetricConfig {
  /** Unique inside its template. */
  name: string;
  template: string;
  provider: ProviderConfig;
  successCondition?: Compiled;
  failureCondition?: Compiled;
  /** Absent: one measurement (unless count says more). */
  intervalMs?: number;
  /** Absent with an interval: measured until the analysis is stopped (background analysis). */
  count?: number;
  initialDelayMs: number;
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
  noData: NoDataOutcome;
  /** Also measure the stable version ({{version}} = stable) each time; conditions see it as `baseline`. */
  compare: boolean;
  dryRun: boolean;
  origin: Origin;
}

export interface TemplateConfig {
  name: string;
  metrics: MetricConfig[];
  origin: Origin;
}

export interface LoadConfig {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'HEAD';
  headers: HeaderConfig[];
  body?: string;
  /** Requests per second. */
  rate: number;
  durationMs: number;
  maxRequests: number;
  /** Requests in flight at most. */
  concurrency: number;
  timeoutMs: number;
  origin: Origin;
}

export interface AnalysisRef {
  templates: { name: string; origin: Origin }[];
  args: Record<string, string>;
  load?: LoadConfig;
  /** Background analysis only: the index of the step from which it runs. */
  startingStep?: number;
  origin: Origin;
}

export type StepConfig =
  | { kind: 'setWeight'; weight: number; origin: Origin }
  | { kind: 'pause'; durationMs?: number; origin: Origin }
  | { kind: 'analysis'; analysis: AnalysisRef; origin: Origin };

export interface SpinAppSettings {
  executor: string;
  replicas: number;
  imagePullSecrets: string[];
}

export interface GatewayApiConfig {
  /** Base name: SpinApps `<name>-stable` and `<name>-canary`. */
  name: string;
  namespace: string;
  /** HTTPRoute name; default `name`. */
  route: string;
  parentRefs: { name: string; namespace?: string; sectionName?: string }[];
  hostnames: string[];
  /** Path prefixes, one rule each; default `/`. */
  paths: string[];
  /** The port of the Service spin-operator makes for a SpinApp (80). */
  port: number;
  spinApp: SpinAppSettings;
  /** Absolute folder the manifests are written to (for GitOps). */
  output?: string;
  kubectl?: { context?: string; args: string[] };
  origin: Origin;
}

export interface EnvironmentRollout {
  name: string;
  /** The live tag: what hosts run (`serve --follow repo:<tag>`). */
  tag: string;
  /** The last promoted version. */
  stableTag: string;
  /** The stable before the last promotion, kept for a one-command rollback. */
  previousTag: string;
  canaryTag: string;
  previewTag: string;
  /** Where the rollout's state artifact is tagged. */
  stateTag: string;
  strategies: Strategy[];
  strategy: Strategy;
  gatewayApi?: GatewayApiConfig;
  origin: Origin;
  /** Where `strategies` was written (or the environment, or the spec's rollout). */
  strategiesOrigin: Origin;
}

export interface RolloutConfig {
  /** `host/path` of the composed app's repository (or `oci:<dir>`). */
  repository: string;
  repositoryOrigin: Origin;
  leaseMs: number;
  canary: {
    component?: string;
    componentOrigin?: Origin;
    /** A whole-app canary split at the wasi:http edge: route by a hash of this header or cookie, so one user stays on one version. */
    sticky?: { header: string } | { cookie: string };
    stickyOrigin?: Origin;
    steps: StepConfig[];
    background?: AnalysisRef;
    traffic: 'splitter' | 'gateway-api';
  };
  blueGreen: {
    prePromotionAnalysis?: AnalysisRef;
    postPromotionAnalysis?: AnalysisRef;
    autoPromotion: boolean;
  };
  templates: Map<string, TemplateConfig>;
  load?: LoadConfig;
  environments: Map<string, EnvironmentRollout>;
  origin: Origin;
}

/** What the rest of the spec tells the rollout reader. */
export interface RolloutContext {
  specName: string;
  dir: string;
  components: string[];
  environments: string[];
}

type Json = Record<string, unknown>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const BUILTIN_VARIABLES = ['version', 'env', 'digest', 'weight', 'step', 'stable.digest', 'canary.digest', 'live.digest'];
const DEFAULT_LEASE_MS = 120_000;
const MAX_STEPS = 100;
const MAX_METRICS = 20;

const LIMITS = {
  intervalMs: 24 * 3_600_000,
  pauseMs: 7 * 24 * 3_600_000,
  count: 10_000,
  timeoutMs: 10 * 60_000,
  rate: 1000,
  loadDurationMs: 3_600_000,
  maxRequests: 1_000_000,
  concurrency: 256,
} as const;

function closest(word: string, options: readonly string[]): string | undefined {
  const dist = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
    for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++) {
        const row = d[i] as number[];
        const prev = d[i - 1] as number[];
        row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
    return (d[a.length] as number[])[b.length] as number;
  };
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const o of options) {
    const dd = dist(word.toLowerCase(), o.toLowerCase());
    if (dd < bestD) {
      bestD = dd;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

class Reader {
  readonly src: YamlSource;
  readonly ctx: RolloutContext;

  constructor(src: YamlSource, ctx: RolloutContext) {
    this.src = src;
    this.ctx = ctx;
  }

  err(path: YamlPath, message: string, code = 'SPEC_ROLLOUT_INVALID'): ConfigError {
    return this.src.error(path, message, code);
  }

  keyErr(path: YamlPath, message: string, code = 'SPEC_ROLLOUT_INVALID'): ConfigError {
    return new SpecError(originOf(this.src, path, 'key'), message, code);
  }

  origin(path: YamlPath, which: 'key' | 'value' = 'value'): Origin {
    return originOf(this.src, path, which);
  }

  duration(path: YamlPath, value: unknown, max: number, what: string): number {
    const d = parseDuration(value);
    if ('error' in d) throw this.err(path, d.error, 'SPEC_ROLLOUT_DURATION');
    if (d.ms > max)
      throw this.err(path, `${what} of ${String(value)} is longer than the ${Math.round(max / 1000)} s allowed`, 'SPEC_ROLLOUT_DURATION');
    return d.ms;
  }

  int(path: YamlPath, value: unknown, lo: number, hi: number, what: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < lo || value > hi) {
      throw this.err(path, `${what} must be a whole number from ${lo} to ${hi}, got ${JSON.stringify(value)}`, 'SPEC_ROLLOUT_RANGE');
    }
    return value;
  }

  /** Checks every {{placeholder}} of a text against what an analysis can substitute. */
  placeholders(path: YamlPath, text: string, args: ReadonlySet<string> | undefined): void {
    for (const m of text.matchAll(PLACEHOLDER)) {
      const name = m[1] ?? '';
      if (BUILTIN_VARIABLES.includes(name)) continue;
      if (name.startsWith('args.')) {
        if (args === undefined || args.has(name.slice(5))) continue;
        throw this.err(
          path,
          `'{{${name}}}' names an argument the template does not declare (args: ${[...args].join(', ') || 'none'})`,
          'SPEC_ROLLOUT_PLACEHOLDER',
        );
      }
      throw this.err(
        path,
        `unknown placeholder '{{${name}}}'; known: ${BUILTIN_VARIABLES.map((v) => `{{${v}}}`).join(', ')} and {{args.<name>}}`,
        'SPEC_ROLLOUT_PLACEHOLDER',
      );
    }
  }

  condition(path: YamlPath, text: unknown): Compiled {
    if (typeof text !== 'string') throw this.err(path, 'a condition is text such as result[0] >= 0.95', 'SPEC_ROLLOUT_CONDITION');
    try {
      return compileExpression(text);
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      throw new ConfigError(
        this.conditionPosition(path, text, e.column),
        this.src.fieldName(path),
        `${e.reason} (column ${e.column} of the condition)\n${e.pointer()}`,
        {
          code: 'SPEC_ROLLOUT_CONDITION',
          cause: e,
        },
      );
    }
  }

  /** Where column `column` of a condition is in the spec, when the condition is written on one line. */
  private conditionPosition(path: YamlPath, text: string, column: number): SourcePosition {
    const at = this.src.positionOf(path);
    const line = this.src.text.split(/\r?\n/)[at.line - 1] ?? '';
    const start = at.column - 1;
    const quote = line[start] === '"' || line[start] === "'" ? 1 : 0;
    if (line.slice(start + quote, start + quote + text.length) === text) return { ...at, column: at.column + quote + column - 1 };
    return at;
  }

  headers(path: YamlPath, value: unknown, args: ReadonlySet<string> | undefined): HeaderConfig[] {
    if (value === undefined) return [];
    const out: HeaderConfig[] = [];
    const list: [YamlPath, Json][] = Array.isArray(value)
      ? value.map((h, i) => [[...path, i], h as Json])
      : Object.entries(value as Json).map(([k, v]) => [
          [...path, k],
          typeof v === 'string' ? { key: k, value: v } : { key: k, ...(v as Json) },
        ]);
    for (const [p, h] of list) {
      const name = String(h.key ?? h.name ?? '');
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw this.err(p, `'${name}' is not an HTTP header name`, 'SPEC_ROLLOUT_HEADER');
      const fromEnv = (h.valueFrom as Json | undefined)?.env ?? h.valueFromEnv;
      if (fromEnv !== undefined) {
        if (typeof fromEnv !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(fromEnv))
          throw this.err(p, 'valueFrom.env names an environment variable', 'SPEC_ROLLOUT_HEADER');
        out.push({ name, valueFromEnv: fromEnv });
      } else {
        const v = String(h.value ?? '');
        if (/[\r\n]/.test(v)) throw this.err(p, `header '${name}' holds a line break`, 'SPEC_ROLLOUT_HEADER');
        this.placeholders(p, v, args);
        out.push({ name, value: v });
      }
    }
    return out;
  }

  url(path: YamlPath, value: unknown, args: ReadonlySet<string> | undefined): string {
    const text = String(value ?? '');
    const probe = text.replace(PLACEHOLDER, 'x');
    let u: URL;
    try {
      u = new URL(probe);
    } catch {
      throw this.err(path, `'${text}' is not an http or https URL`, 'SPEC_ROLLOUT_URL');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw this.err(path, `'${text}' is not an http or https URL`, 'SPEC_ROLLOUT_URL');
    if (u.username || u.password)
      throw this.err(path, 'credentials do not belong in a URL of the spec; use headers with valueFrom.env', 'SPEC_ROLLOUT_URL');
    this.placeholders(path, text, args);
    return text;
  }

  provider(path: YamlPath, value: Json, args: ReadonlySet<string> | undefined): ProviderConfig {
    const kinds = Object.keys(value);
    if (kinds.length !== 1) {
      throw this.err(
        path,
        `a metric's provider is exactly one of prometheus, web, command; got ${kinds.length === 0 ? 'none' : kinds.join(', ')}`,
        'SPEC_ROLLOUT_PROVIDER',
      );
    }
    const kind = kinds[0] as string;
    const p = (value[kind] ?? {}) as Json;
    const at = [...path, kind];
    const timeout = (d: number) =>
      p.timeout !== undefined ? this.duration([...at, 'timeout'], p.timeout, LIMITS.timeoutMs, 'timeout') : d;
    switch (kind) {
      case 'prometheus': {
        const query = String(p.query ?? '');
        if (query.trim() === '') throw this.err([...at, 'query'], 'the PromQL query is empty', 'SPEC_ROLLOUT_PROVIDER');
        this.placeholders([...at, 'query'], query, args);
        return {
          kind,
          address: this.url([...at, 'address'], p.address, args),
          query,
          timeoutMs: timeout(30_000),
          headers: this.headers([...at, 'headers'], p.headers, args),
        };
      }
      case 'web': {
        const method = String(p.method ?? 'GET').toUpperCase();
        if (method !== 'GET' && method !== 'POST' && method !== 'PUT')
          throw this.err([...at, 'method'], `method must be GET, POST or PUT, got '${method}'`, 'SPEC_ROLLOUT_PROVIDER');
        const body = p.body === undefined ? undefined : typeof p.body === 'string' ? p.body : JSON.stringify(p.body);
        if (body !== undefined && method === 'GET')
          throw this.err([...at, 'body'], 'a body goes with POST or PUT, not GET', 'SPEC_ROLLOUT_PROVIDER');
        if (body !== undefined) this.placeholders([...at, 'body'], body, args);
        const jsonPath = p.jsonPath === undefined ? undefined : String(p.jsonPath);
        if (jsonPath !== undefined) {
          const why = checkJsonPath(jsonPath);
          if (why) throw this.err([...at, 'jsonPath'], why, 'SPEC_ROLLOUT_PROVIDER');
        }
        const timeoutMs =
          p.timeoutSeconds !== undefined
            ? this.int([...at, 'timeoutSeconds'], p.timeoutSeconds, 1, 600, 'timeoutSeconds') * 1000
            : timeout(10_000);
        return {
          kind,
          url: this.url([...at, 'url'], p.url, args),
          method,
          headers: this.headers([...at, 'headers'], p.headers, args),
          ...(body !== undefined ? { body } : {}),
          ...(jsonPath !== undefined ? { jsonPath } : {}),
          timeoutMs,
        };
      }
      case 'command': {
        const argv = p.argv;
        if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== 'string' || a === '')) {
          throw this.err(
            [...at, 'argv'],
            'argv is the program and its arguments, a list of non-empty strings (no shell)',
            'SPEC_ROLLOUT_PROVIDER',
          );
        }
        argv.forEach((a, i) => {
          this.placeholders([...at, 'argv', i], a as string, args);
        });
        const result = p.result ?? 'exitCode';
        if (result !== 'exitCode' && result !== 'number')
          throw this.err(
            [...at, 'result'],
            "result is 'exitCode' or 'number' (the last number the command prints)",
            'SPEC_ROLLOUT_PROVIDER',
          );
        const env: Record<string, string> = {};
        for (const [k, v] of Object.entries((p.env ?? {}) as Json)) env[k] = String(v);
        return { kind, argv: argv as string[], result, timeoutMs: timeout(60_000), env };
      }
      default: {
        const hint = closest(kind, ['prometheus', 'web', 'command']);
        throw this.keyErr(
          at,
          `unknown provider '${kind}'${hint ? ` (did you mean ${hint}?)` : ''}; known: prometheus, web, command`,
          'SPEC_ROLLOUT_PROVIDER',
        );
      }
    }
  }

  metric(path: YamlPath, m: Json, template: string, fallbackName: string, args: ReadonlySet<string> | undefined): MetricConfig {
    const name = String(m.name ?? fallbackName);
    if (m.provider === undefined || m.provider === null || typeof m.provider !== 'object') {
      throw this.err(path, `metric '${name}' has no provider: give prometheus, web or command`, 'SPEC_ROLLOUT_PROVIDER');
    }
    const provider = this.provider([...path, 'provider'], m.provider as Json, args);
    const metric: MetricConfig = {
      name,
      template,
      provider,
      initialDelayMs:
        m.initialDelay !== undefined ? this.duration([...path, 'initialDelay'], m.initialDelay, LIMITS.intervalMs, 'initialDelay') : 0,
      failureLimit:
        m.failureLimit !== undefined ? this.int([...path, 'failureLimit'], m.failureLimit, -1, LIMITS.count, 'failureLimit') : 0,
      inconclusiveLimit:
        m.inconclusiveLimit !== undefined
          ? this.int([...path, 'inconclusiveLimit'], m.inconclusiveLimit, 0, LIMITS.count, 'inconclusiveLimit')
          : 0,
      consecutiveErrorLimit:
        m.consecutiveErrorLimit !== undefined
          ? this.int([...path, 'consecutiveErrorLimit'], m.consecutiveErrorLimit, 0, LIMITS.count, 'consecutiveErrorLimit')
          : 4,
      noData: 'inconclusive',
      compare: false,
      dryRun: m.dryRun === true,
      origin: this.origin(path),
    };
    if (m.successCondition !== undefined) metric.successCondition = this.condition([...path, 'successCondition'], m.successCondition);
    if (m.failureCondition !== undefined) metric.failureCondition = this.condition([...path, 'failureCondition'], m.failureCondition);
    // a command judged by its exit code, with no condition, passes on 0 (as a Job does in Argo)
    if (provider.kind === 'command' && provider.result === 'exitCode' && !metric.successCondition && !metric.failureCondition) {
      metric.successCondition = compileExpression('result == 0');
    }
    if (m.interval !== undefined) metric.intervalMs = this.duration([...path, 'interval'], m.interval, LIMITS.intervalMs, 'interval');
    if (metric.intervalMs === 0)
      throw this.err(
        [...path, 'interval'],
        'an interval of 0 would measure without pause; give 1s or more, or leave it out for one measurement',
        'SPEC_ROLLOUT_RANGE',
      );
    if (m.count !== undefined) metric.count = this.int([...path, 'count'], m.count, 1, LIMITS.count, 'count');
    if (metric.count !== undefined && metric.count > 1 && metric.intervalMs === undefined) {
      throw this.err([...path, 'count'], `count ${metric.count} needs an interval between the measurements`, 'SPEC_ROLLOUT_RANGE');
    }
    if (m.noData !== undefined) {
      const v = String(m.noData).toLowerCase();
      if (v !== 'inconclusive' && v !== 'failed' && v !== 'successful' && v !== 'error') {
        throw this.err(
          [...path, 'noData'],
          `noData is inconclusive (the default), failed, successful or error; got '${String(m.noData)}'`,
          'SPEC_ROLLOUT_RANGE',
        );
      }
      metric.noData = v;
    }
    if (m.compare !== undefined) {
      if (m.compare !== 'stable' && m.compare !== true && m.compare !== false)
        throw this.err([...path, 'compare'], "compare is 'stable' (or true) or false", 'SPEC_ROLLOUT_RANGE');
      metric.compare = m.compare !== false;
      if (metric.compare && !JSON.stringify(provider).includes('{{version}}')) {
        throw this.err(
          [...path, 'compare'],
          'comparing with the stable version needs {{version}} in the query, URL or command, so that the two measurements differ',
          'SPEC_ROLLOUT_RANGE',
        );
      }
    }
    return metric;
  }

  template(name: string, value: Json): TemplateConfig {
    const path = ['rollout', 'analysisTemplates', name];
    const declared = Array.isArray(value.args)
      ? new Set((value.args as Json[]).map((a) => String(typeof a === 'string' ? a : a.name)))
      : undefined;
    const metrics: MetricConfig[] = [];
    if (Array.isArray(value.metrics)) {
      if (value.metrics.length === 0 || value.metrics.length > MAX_METRICS)
        throw this.err([...path, 'metrics'], `a template has 1 to ${MAX_METRICS} metrics`, 'SPEC_ROLLOUT_RANGE');
      const seen = new Set<string>();
      value.metrics.forEach((m, i) => {
        const metric = this.metric([...path, 'metrics', i], m as Json, name, `${name}-${i + 1}`, declared);
        if (seen.has(metric.name))
          throw this.err(
            [...path, 'metrics', i, 'name'],
            `metric '${metric.name}' is named twice in template '${name}'`,
            'SPEC_ROLLOUT_DUPLICATE',
          );
        seen.add(metric.name);
        metrics.push(metric);
      });
    } else {
      // shorthand: the template is one metric named after it
      const { args: _args, ...metric } = value;
      metrics.push(this.metric(path, metric, name, name, declared));
    }
    return { name, metrics, origin: this.origin(path, 'key') };
  }

  load(path: YamlPath, value: Json): LoadConfig {
    const rate = typeof value.rate === 'number' && value.rate > 0 && value.rate <= LIMITS.rate ? value.rate : undefined;
    if (rate === undefined)
      throw this.err([...path, 'rate'], `rate is requests per second, more than 0 and at most ${LIMITS.rate}`, 'SPEC_ROLLOUT_RANGE');
    const durationMs = this.duration([...path, 'duration'], value.duration ?? '30s', LIMITS.loadDurationMs, 'the load');
    const maxRequests =
      value.maxRequests !== undefined
        ? this.int([...path, 'maxRequests'], value.maxRequests, 1, LIMITS.maxRequests, 'maxRequests')
        : Math.min(LIMITS.maxRequests, Math.ceil((rate * durationMs) / 1000));
    const method = String(value.method ?? 'GET').toUpperCase();
    if (!['GET', 'POST', 'PUT', 'HEAD'].includes(method))
      throw this.err([...path, 'method'], 'method is GET, POST, PUT or HEAD', 'SPEC_ROLLOUT_RANGE');
    return {
      url: this.url([...path, 'url'], value.url, new Set()),
      method: method as LoadConfig['method'],
      headers: this.headers([...path, 'headers'], value.headers, new Set()),
      ...(value.body !== undefined ? { body: typeof value.body === 'string' ? value.body : JSON.stringify(value.body) } : {}),
      rate,
      durationMs,
      maxRequests,
      concurrency:
        value.concurrency !== undefined
          ? this.int([...path, 'concurrency'], value.concurrency, 1, LIMITS.concurrency, 'concurrency')
          : Math.min(LIMITS.concurrency, Math.max(4, Math.ceil(rate / 10))),
      timeoutMs: value.timeout !== undefined ? this.duration([...path, 'timeout'], value.timeout, LIMITS.timeoutMs, 'timeout') : 10_000,
      origin: this.origin(path),
    };
  }

  analysisRef(path: YamlPath, value: unknown, templates: Map<string, TemplateConfig>, background: boolean): AnalysisRef {
    const v = (value ?? {}) as Json;
    const list = v.templates;
    if (!Array.isArray(list) || list.length === 0)
      throw this.err(path, 'an analysis names one or more templates: templates: [<name>]', 'SPEC_ROLLOUT_ANALYSIS');
    const refs = list.map((t, i) => {
      const name = typeof t === 'string' ? t : String((t as Json).templateName ?? (t as Json).name ?? '');
      const p =
        typeof t === 'string'
          ? [...path, 'templates', i]
          : [...path, 'templates', i, (t as Json).templateName !== undefined ? 'templateName' : 'name'];
      if (!templates.has(name)) {
        const known = [...templates.keys()];
        const hint = closest(name, known);
        throw this.err(
          p,
          `analysis template '${name}' does not exist${hint ? ` (did you mean ${hint}?)` : ''}; ${known.length > 0 ? `known: ${known.join(', ')}` : 'define it under rollout.analysisTemplates'}`,
          'SPEC_ROLLOUT_TEMPLATE_UNKNOWN',
        );
      }
      return { name, origin: this.origin(p) };
    });
    const args: Record<string, string> = {};
    if (Array.isArray(v.args)) for (const a of v.args as Json[]) args[String(a.name)] = String(a.value ?? '');
    else for (const [k, a] of Object.entries((v.args ?? {}) as Json)) args[k] = String(a);
    for (const [k, a] of Object.entries(args)) {
      if (/[{}]/.test(a)) throw this.err([...path, 'args', k], 'an argument value cannot hold { or }', 'SPEC_ROLLOUT_PLACEHOLDER');
    }
    // every {{args.x}} of the templates must be given
    for (const ref of refs) {
      const t = templates.get(ref.name) as TemplateConfig;
      const used = new Set(
        [...JSON.stringify(t.metrics.map((m) => m.provider)).matchAll(/\{\{\s*args\.([^{}\s]+)\s*\}\}/g)].map((m) => m[1] ?? ''),
      );
      for (const u of used)
        if (!(u in args))
          throw this.err(
            path,
            `template '${ref.name}' uses {{args.${u}}}, which this analysis does not give (args: {${u}: …})`,
            'SPEC_ROLLOUT_PLACEHOLDER',
          );
    }
    const out: AnalysisRef = { templates: refs, args, origin: this.origin(path) };
    if (v.load !== undefined) out.load = this.load([...path, 'load'], v.load as Json);
    if (v.startingStep !== undefined) {
      if (!background)
        throw this.keyErr(
          [...path, 'startingStep'],
          'startingStep belongs to the background analysis (canary.analysis)',
          'SPEC_ROLLOUT_ANALYSIS',
        );
      out.startingStep = this.int([...path, 'startingStep'], v.startingStep, 0, MAX_STEPS, 'startingStep');
    }
    return out;
  }

  steps(path: YamlPath, value: unknown, templates: Map<string, TemplateConfig>): StepConfig[] {
    if (!Array.isArray(value))
      throw this.err(
        path,
        'steps is a list: - setWeight: 10, - pause: {duration: 1m}, - analysis: {templates: [...]}',
        'SPEC_ROLLOUT_STEP',
      );
    if (value.length > MAX_STEPS) throw this.err(path, `at most ${MAX_STEPS} steps`, 'SPEC_ROLLOUT_STEP');
    const kinds = ['setWeight', 'pause', 'analysis'];
    return value.map((raw, i): StepConfig => {
      const at = [...path, i];
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
        throw this.err(at, 'a step is a map with one key: setWeight, pause or analysis', 'SPEC_ROLLOUT_STEP');
      const keys = Object.keys(raw as Json);
      if (keys.length !== 1)
        throw this.err(
          at,
          `a step has exactly one key (setWeight, pause or analysis), this one has ${keys.length}: ${keys.join(', ')}`,
          'SPEC_ROLLOUT_STEP',
        );
      const kind = keys[0] as string;
      const v = (raw as Json)[kind];
      switch (kind) {
        case 'setWeight': {
          if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100) {
            throw this.err(
              [...at, kind],
              `setWeight ${JSON.stringify(v)} is out of range: a weight is a whole percent from 0 to 100`,
              'SPEC_ROLLOUT_WEIGHT',
            );
          }
          return { kind, weight: v, origin: this.origin([...at, kind], 'key') };
        }
        case 'pause': {
          const p = (v ?? {}) as Json;
          if (typeof p !== 'object')
            throw this.err([...at, kind], 'pause is {} (wait for promote) or {duration: 30s}', 'SPEC_ROLLOUT_STEP');
          const extra = Object.keys(p).filter((k) => k !== 'duration');
          if (extra.length > 0)
            throw this.keyErr(
              [...at, kind, extra[0] as string],
              `unknown field '${extra[0]}' of pause; it has only duration`,
              'SPEC_ROLLOUT_STEP',
            );
          const step: StepConfig = { kind, origin: this.origin([...at, kind], 'key') };
          if (p.duration !== undefined) step.durationMs = this.duration([...at, kind, 'duration'], p.duration, LIMITS.pauseMs, 'a pause');
          return step;
        }
        case 'analysis':
          return { kind, analysis: this.analysisRef([...at, kind], v, templates, false), origin: this.origin([...at, kind], 'key') };
        default: {
          const hint = closest(kind, [...kinds, 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute']);
          const unsupported = ['setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'plugin'].includes(kind);
          throw this.keyErr(
            [...at, kind],
            unsupported
              ? `step '${kind}' of Argo Rollouts is not supported: Flotilla's steps are setWeight, pause and analysis`
              : `unknown step kind '${kind}'${hint && kinds.includes(hint) ? ` (did you mean ${hint}?)` : ''}; a step is setWeight, pause or analysis`,
            'SPEC_ROLLOUT_STEP',
          );
        }
      }
    });
  }

  /** `final`: the settings an environment uses (the spec-level ones may leave output to each environment). */
  gatewayApi(path: YamlPath, value: Json, base: GatewayApiConfig | undefined, final: boolean): GatewayApiConfig {
    const dns = (p: YamlPath, v: unknown, what: string): string => {
      const s = String(v ?? '');
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s) || s.length > 63) {
        throw this.err(p, `${what} '${s}' is not a Kubernetes name (lower-case letters, digits and -, at most 63)`, 'SPEC_ROLLOUT_GATEWAY');
      }
      return s;
    };
    const defaultName =
      this.ctx.specName
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 50) || 'app';
    const name = value.name !== undefined ? dns([...path, 'name'], value.name, 'name') : (base?.name ?? defaultName);
    if (name.length > 56)
      throw this.err(
        [...path, 'name'],
        `name '${name}' is too long: '${name}-stable' must stay within 63 characters`,
        'SPEC_ROLLOUT_GATEWAY',
      );
    const parentRefs =
      value.parentRefs !== undefined
        ? (value.parentRefs as Json[]).map((r, i) => {
            const ref: GatewayApiConfig['parentRefs'][number] = {
              name: dns([...path, 'parentRefs', i, 'name'], r.name, 'parentRefs name'),
            };
            if (r.namespace !== undefined) ref.namespace = dns([...path, 'parentRefs', i, 'namespace'], r.namespace, 'namespace');
            if (r.sectionName !== undefined) ref.sectionName = String(r.sectionName);
            return ref;
          })
        : (base?.parentRefs ?? []);
    if (parentRefs.length === 0)
      throw this.err(
        path,
        'gatewayApi needs parentRefs: the Gateway the HTTPRoute attaches to ([{name: <gateway>}])',
        'SPEC_ROLLOUT_GATEWAY',
      );
    const paths = value.paths !== undefined ? (value.paths as unknown[]).map(String) : (base?.paths ?? ['/']);
    paths.forEach((p, i) => {
      if (!p.startsWith('/')) throw this.err([...path, 'paths', i], `path '${p}' must start with /`, 'SPEC_ROLLOUT_GATEWAY');
    });
    if (paths.length === 0 || paths.length > 16)
      throw this.err([...path, 'paths'], 'an HTTPRoute has 1 to 16 rules (one per path)', 'SPEC_ROLLOUT_GATEWAY');
    const spin = (value.spinApp ?? {}) as Json;
    const out: GatewayApiConfig = {
      name,
      namespace: value.namespace !== undefined ? dns([...path, 'namespace'], value.namespace, 'namespace') : (base?.namespace ?? 'default'),
      route: value.route !== undefined ? dns([...path, 'route'], value.route, 'route') : (base?.route ?? name),
      parentRefs,
      hostnames: value.hostnames !== undefined ? (value.hostnames as unknown[]).map(String) : (base?.hostnames ?? []),
      paths,
      port: value.port !== undefined ? this.int([...path, 'port'], value.port, 1, 65535, 'port') : (base?.port ?? 80),
      spinApp: {
        executor: spin.executor !== undefined ? String(spin.executor) : (base?.spinApp.executor ?? 'containerd-shim-spin'),
        replicas:
          spin.replicas !== undefined
            ? this.int([...path, 'spinApp', 'replicas'], spin.replicas, 1, 1000, 'replicas')
            : (base?.spinApp.replicas ?? 1),
        imagePullSecrets:
          spin.imagePullSecrets !== undefined ? (spin.imagePullSecrets as unknown[]).map(String) : (base?.spinApp.imagePullSecrets ?? []),
      },
      origin: this.origin(path),
    };
    if (value.output !== undefined) {
      const o = String(value.output);
      out.output = o.startsWith('/') ? o : `${this.ctx.dir}/${o}`.replace(/\/\.\//g, '/');
    } else if (base?.output !== undefined) out.output = base.output;
    if (value.kubectl !== undefined && value.kubectl !== false) {
      const k = (value.kubectl === true ? {} : value.kubectl) as Json;
      out.kubectl = { args: Array.isArray(k.args) ? k.args.map(String) : [] };
      if (k.context !== undefined) out.kubectl.context = String(k.context);
    } else if (value.kubectl === undefined && base?.kubectl) out.kubectl = base.kubectl;
    if (final && out.output === undefined && out.kubectl === undefined) {
      throw this.err(
        path,
        'gatewayApi writes its manifests somewhere: give output: <folder> (GitOps), kubectl: true, or both',
        'SPEC_ROLLOUT_GATEWAY',
      );
    }
    return out;
  }

  strategies(path: YamlPath, value: unknown): Strategy[] {
    const list = Array.isArray(value) ? value : [value];
    return list.map((s, i) => {
      if (s !== 'canary' && s !== 'blue-green')
        throw this.err(
          Array.isArray(value) ? [...path, i] : path,
          `strategy '${String(s)}' is neither canary nor blue-green`,
          'SPEC_ROLLOUT_STRATEGY',
        );
      return s;
    });
  }
}

/** Checks a JSONPath the web provider accepts: `$`, `.field`, `['field']`, `[index]`, optionally in Argo's `{…}`. */
export function checkJsonPath(path: string): string | undefined {
  const inner = path.startsWith('{') && path.endsWith('}') ? path.slice(1, -1) : path;
  if (!/^\$(?:\.[A-Za-z_][\w-]*|\[\d+\]|\['[^']*'\]|\["[^"]*"\])*$/.test(inner.trim())) {
    return `jsonPath '${path}' is not supported: write $.field.sub[0] or ['field'] segments (in {…} as Argo writes them, or bare)`;
  }
  return undefined;
}

/**
 * Reads `rollout:` and every `environments.<name>.rollout:` of a spec
 * already validated against the JSON Schema; undefined when the spec has
 * no rollout section.
 */
export function readRolloutConfig(src: YamlSource, ctx: RolloutContext): RolloutConfig | undefined {
  const root = src.value as Json;
  const raw = root.rollout as Json | undefined;
  const envs = (root.environments ?? {}) as Json;
  const r = new Reader(src, ctx);
  if (raw === undefined || raw === null) {
    const withRollout = Object.entries(envs).find(([, e]) => (e as Json | null)?.rollout !== undefined);
    if (withRollout)
      throw r.keyErr(
        ['environments', withRollout[0], 'rollout'],
        'an environment rollout needs the spec-level rollout: section (rollout.repository at least)',
        'SPEC_ROLLOUT_INVALID',
      );
    return undefined;
  }
  const repository = String(raw.repository ?? '');
  if (!/^(oci:.+|[A-Za-z0-9.-]+(:\d+)?(\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)+)$/.test(repository)) {
    throw r.err(
      ['rollout', 'repository'],
      `'${repository}' is not a repository: write host/path (ghcr.io/acme/shop), without a tag`,
      'SPEC_ROLLOUT_REPOSITORY',
    );
  }

  const templates = new Map<string, TemplateConfig>();
  for (const [name, t] of Object.entries((raw.analysisTemplates ?? {}) as Json)) {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name))
      throw r.keyErr(
        ['rollout', 'analysisTemplates', name],
        `template name '${name}' must be lower-case letters, digits, - and .`,
        'SPEC_ROLLOUT_TEMPLATE',
      );
    templates.set(name, r.template(name, (t ?? {}) as Json));
  }

  const canaryRaw = (raw.canary ?? {}) as Json;
  const canary: RolloutConfig['canary'] = {
    steps:
      canaryRaw.steps !== undefined
        ? r.steps(['rollout', 'canary', 'steps'], canaryRaw.steps, templates)
        : defaultSteps(r.origin(['rollout'])),
    traffic: 'splitter',
  };
  if (canaryRaw.component !== undefined) {
    const c = String(canaryRaw.component);
    if (!ctx.components.includes(c)) {
      const hint = closest(c, ctx.components);
      throw r.err(
        ['rollout', 'canary', 'component'],
        `canary component '${c}' is not in the composition${hint ? ` (did you mean ${hint}?)` : ''}; components: ${ctx.components.join(', ')}`,
        'SPEC_ROLLOUT_COMPONENT',
      );
    }
    canary.component = c;
    canary.componentOrigin = r.origin(['rollout', 'canary', 'component']);
  }
  if (canaryRaw.sticky !== undefined) {
    const st = canaryRaw.sticky as Json;
    const keys = st !== null && typeof st === 'object' && !Array.isArray(st) ? Object.keys(st) : [];
    const key = keys[0];
    const value = key !== undefined ? st[key] : undefined;
    if (
      keys.length !== 1 ||
      (key !== 'header' && key !== 'cookie') ||
      typeof value !== 'string' ||
      !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value)
    ) {
      throw r.err(
        ['rollout', 'canary', 'sticky'],
        'sticky is {header: <name>} or {cookie: <name>} (an HTTP token, e.g. {header: x-user} or {cookie: session})',
        'SPEC_ROLLOUT_STICKY',
      );
    }
    if (canary.component !== undefined) {
      throw r.err(
        ['rollout', 'canary', 'sticky'],
        `sticky routing reads an HTTP header or cookie: it applies to a canary of the whole app, split at its wasi:http edge; remove it, or remove canary.component '${canary.component}'`,
        'SPEC_ROLLOUT_STICKY',
      );
    }
    canary.sticky = key === 'header' ? { header: value } : { cookie: value };
    canary.stickyOrigin = r.origin(['rollout', 'canary', 'sticky']);
  }
  if (canaryRaw.analysis !== undefined) {
    canary.background = r.analysisRef(['rollout', 'canary', 'analysis'], canaryRaw.analysis, templates, true);
    const start = canary.background.startingStep;
    if (start !== undefined && start >= canary.steps.length) {
      throw r.err(
        ['rollout', 'canary', 'analysis', 'startingStep'],
        `startingStep ${start} is past the last step (steps 0 to ${canary.steps.length - 1})`,
        'SPEC_ROLLOUT_RANGE',
      );
    }
  }
  const traffic = (canaryRaw.trafficRouting ?? raw.traffic ?? {}) as Json;
  const provider = traffic.provider ?? (traffic.gatewayApi !== undefined ? 'gateway-api' : 'splitter');
  if (provider !== 'splitter' && provider !== 'gateway-api')
    throw r.err(
      ['rollout', 'traffic', 'provider'],
      `traffic provider '${String(provider)}' is neither splitter nor gateway-api`,
      'SPEC_ROLLOUT_GATEWAY',
    );
  canary.traffic = provider;
  let gateway: GatewayApiConfig | undefined;
  if (traffic.gatewayApi !== undefined)
    gateway = r.gatewayApi(['rollout', 'traffic', 'gatewayApi'], traffic.gatewayApi as Json, undefined, ctx.environments.length === 0);

  const bg = (raw.blueGreen ?? {}) as Json;
  const blueGreen: RolloutConfig['blueGreen'] = { autoPromotion: bg.autoPromotion !== false && bg.autoPromotionEnabled !== false };
  if (bg.prePromotionAnalysis !== undefined)
    blueGreen.prePromotionAnalysis = r.analysisRef(
      ['rollout', 'blueGreen', 'prePromotionAnalysis'],
      bg.prePromotionAnalysis,
      templates,
      false,
    );
  if (bg.postPromotionAnalysis !== undefined)
    blueGreen.postPromotionAnalysis = r.analysisRef(
      ['rollout', 'blueGreen', 'postPromotionAnalysis'],
      bg.postPromotionAnalysis,
      templates,
      false,
    );

  const topStrategies = raw.strategies !== undefined ? r.strategies(['rollout', 'strategies'], raw.strategies) : [...STRATEGIES];
  const topStrategy = raw.strategy !== undefined ? r.strategies(['rollout', 'strategy'], raw.strategy)[0] : undefined;
  if (topStrategy !== undefined && !topStrategies.includes(topStrategy)) {
    throw r.err(
      ['rollout', 'strategy'],
      `the default strategy '${topStrategy}' is not in rollout.strategies (${topStrategies.join(', ')})`,
      'SPEC_ROLLOUT_STRATEGY',
    );
  }

  const config: RolloutConfig = {
    repository,
    repositoryOrigin: r.origin(['rollout', 'repository']),
    leaseMs:
      raw.leaseDuration !== undefined
        ? r.duration(['rollout', 'leaseDuration'], raw.leaseDuration, 3_600_000, 'leaseDuration')
        : DEFAULT_LEASE_MS,
    canary,
    blueGreen,
    templates,
    environments: new Map(),
    origin: r.origin(['rollout'], 'key'),
  };
  if (config.leaseMs < 1000) throw r.err(['rollout', 'leaseDuration'], 'leaseDuration is 1s or more', 'SPEC_ROLLOUT_DURATION');
  if (raw.load !== undefined) config.load = r.load(['rollout', 'load'], raw.load as Json);

  const tags = new Map<string, string>();
  for (const name of ctx.environments) {
    const e = ((envs[name] as Json | null)?.rollout ?? {}) as Json;
    const base = ['environments', name, 'rollout'];
    const has = (envs[name] as Json | null)?.rollout !== undefined;
    const tag = e.tag !== undefined ? String(e.tag) : name;
    const strategiesGiven = e.strategies !== undefined;
    const strategies = strategiesGiven ? r.strategies([...base, 'strategies'], e.strategies) : topStrategies;
    const strategiesOrigin = strategiesGiven
      ? r.origin([...base, 'strategies'])
      : raw.strategies !== undefined
        ? r.origin(['rollout', 'strategies'])
        : r.origin(['environments', name], 'key');
    const wanted = e.strategy !== undefined ? r.strategies([...base, 'strategy'], e.strategy)[0] : topStrategy;
    if (wanted !== undefined && !strategies.includes(wanted)) {
      throw r.err(
        e.strategy !== undefined ? [...base, 'strategy'] : ['rollout', 'strategy'],
        `strategy '${wanted}' is not allowed in environment '${name}' (strategies: ${strategies.join(', ')})`,
        'SPEC_ROLLOUT_STRATEGY',
      );
    }
    const env: EnvironmentRollout = {
      name,
      tag,
      stableTag: e.stableTag !== undefined ? String(e.stableTag) : `${tag}-stable`,
      previousTag: e.previousTag !== undefined ? String(e.previousTag) : `${tag}-previous`,
      canaryTag: e.canaryTag !== undefined ? String(e.canaryTag) : `${tag}-canary`,
      previewTag: e.previewTag !== undefined ? String(e.previewTag) : `${tag}-preview`,
      stateTag: `flotilla-rollout-${name}`.slice(0, 128),
      strategies,
      strategy: wanted ?? (strategies[0] as Strategy),
      origin: has ? r.origin(base, 'key') : r.origin(['environments', name], 'key'),
      strategiesOrigin,
    };
    for (const [field, t] of [
      ['tag', env.tag],
      ['stableTag', env.stableTag],
      ['previousTag', env.previousTag],
      ['canaryTag', env.canaryTag],
      ['previewTag', env.previewTag],
    ] as const) {
      if (!/^[\w][\w.-]{0,127}$/.test(t))
        throw r.err(
          e[field] !== undefined ? [...base, field] : ['environments', name],
          `'${t}' is not a valid OCI tag (letters, digits, _ . -, at most 128)`,
          'SPEC_ROLLOUT_TAG',
        );
      const other = tags.get(t);
      if (other !== undefined && other !== name) {
        throw r.err(
          e[field] !== undefined ? [...base, field] : ['environments', name],
          `tag '${t}' is used by environments '${other}' and '${name}' of the same repository; give one its own tag`,
          'SPEC_ROLLOUT_TAG',
        );
      }
      tags.set(t, name);
    }
    const gw =
      e.gatewayApi !== undefined
        ? r.gatewayApi([...base, 'gatewayApi'], e.gatewayApi as Json, gateway, true)
        : gateway && r.gatewayApi(['rollout', 'traffic', 'gatewayApi'], traffic.gatewayApi as Json, undefined, true);
    if (gw !== undefined) env.gatewayApi = gw;
    if (canary.traffic === 'gateway-api' && gw === undefined && strategies.includes('canary')) {
      throw r.err(
        ['rollout', 'traffic'],
        'traffic provider gateway-api needs gatewayApi settings (parentRefs, output or kubectl)',
        'SPEC_ROLLOUT_GATEWAY',
      );
    }
    config.environments.set(name, env);
  }
  return config;
}

function defaultSteps(origin: Origin): StepConfig[] {
  return [
    { kind: 'setWeight', weight: 10, origin },
    { kind: 'pause', origin },
    { kind: 'setWeight', weight: 50, origin },
    { kind: 'pause', origin },
  ];
}

/** The rollout settings of one environment; an unknown environment is a typed error listing the known ones. */
export function environmentRollout(config: RolloutConfig, env: string, specFile: string): EnvironmentRollout {
  const found = config.environments.get(env);
  if (!found) {
    const known = [...config.environments.keys()];
    throw new SpecError(
      config.origin,
      `environment '${env}' is not in ${specFile}; ${known.length > 0 ? `known: ${known.join(', ')}` : 'add it under environments:'}`,
      'SPEC_ENVIRONMENT_UNKNOWN',
    );
  }
  return found;
}

/** The strategy a run uses: the one asked for if the environment allows it, else a SpecError at the environment's strategies. */
export function strategyFor(env: EnvironmentRollout, asked: string | undefined): Strategy {
  if (asked === undefined || asked === '') return env.strategy;
  if (asked !== 'canary' && asked !== 'blue-green')
    throw new SpecError(env.strategiesOrigin, `strategy '${asked}' is neither canary nor blue-green`, 'SPEC_ROLLOUT_STRATEGY');
  if (!env.strategies.includes(asked)) {
    throw new SpecError(
      env.strategiesOrigin,
      `strategy '${asked}' is not allowed in environment '${env.name}' (allowed: ${env.strategies.join(', ')})`,
      'SPEC_ROLLOUT_STRATEGY',
    );
  }
  return asked;
}

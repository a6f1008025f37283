// Serves a wasi:http/incoming-handler component on Node: jco transpiles it,
// preview2-shim provides WASI and runs the HTTP server (as `jco serve` does),
// and the caller may satisfy the component's other imports (e.g. the services
// a gateway imports) with the exports of other instances.
//
// One listener, many components over time: `switchTo(prepared)` replaces the
// component being served without closing the listener. The shim runs a
// component's handler synchronously on the main thread (its I/O is in a
// worker), so a request is running exactly while its handler runs: the switch,
// one assignment between two handler calls, never splits a request, and the
// component it replaces keeps the requests it has (it is "draining" until
// they are done; then it is released).
//
// Every request is observed on the way: a request id and a W3C trace context
// (trace.ts) passed to the component as `x-request-id` and `traceparent`, the
// status the component answered, the time spent in its handler; then one log
// line (log.ts) and the request metrics (metrics.ts) with a bounded route
// label (routes.ts).
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { metadataShow } from '@bytecodealliance/jco';
import { describeWasm } from '../component/describe.ts';
import { FlotillaError } from '../errors.ts';
import { errorFields, type Logger, logRequest, type RequestObserver, type RequestRecord, silentLogger } from './log.ts';
import type { Counter, Histogram, MetricsRegistry, MetricsSource, ServedInstance } from './metrics.ts';
import { inRequestScope, newRequestScope, OBSERVE_INTERFACES, observeImports, setComponentLogger } from './observe.ts';
import { routeLabeler } from './routes.ts';
import { formatTraceparent, requestIdFor, traceContextFor } from './trace.ts';
import { type ImportObject, type InstanceExports, type TranspiledComponent, transpileComponent } from './transpile.ts';
import { httpServerClass, type IncomingHandler, wasiImports } from './wasi.ts';

export class NotAnHttpComponentError extends FlotillaError {
  constructor(source: string, exports: string[]) {
    super(
      'NOT_HTTP_COMPONENT',
      `${source} does not export wasi:http/incoming-handler (it exports: ${exports.length > 0 ? exports.join(', ') : 'nothing'}); ` +
        'serve runs HTTP components only: build or compose one whose world exports wasi:http/incoming-handler@0.2.x',
    );
  }
}

export class UnsatisfiedImportsError extends FlotillaError {
  constructor(source: string, missing: string[]) {
    super(
      'UNSATISFIED_IMPORTS',
      `${source} imports ${missing.join(', ')}, which serve cannot provide (it provides WASI only): ` +
        'compose the component with what it imports first (flotilla compose), then serve the result',
    );
  }
}

export class ServeError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SERVE_FAILED', message, options);
  }
}

/** A component that could not be made ready to serve (transpile, instantiate). Code `SERVE_PREPARE_FAILED`. */
export class PrepareError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SERVE_PREPARE_FAILED', message, options);
  }
}

export interface PrepareOptions {
  /** Imports beyond WASI, by unversioned interface name (`ecommerce:platform/cart`). */
  imports?: ImportObject;
  /** Names the component in errors and logs (a path or a reference). */
  source?: string;
  /** The digest serve reports (`/version`, metrics, logs): the manifest's when pulled; default the .wasm's sha256. */
  digest?: string;
  /** The reference it was pulled by, and its tag. */
  reference?: string;
  tag?: string;
  cacheDir?: string | undefined;
  /** Transpile in a worker thread (serve --follow: the process keeps serving meanwhile). */
  worker?: boolean;
  /** Give up preparing after this many milliseconds (with `worker`, the transpile is stopped). */
  timeoutMs?: number;
  /** Stops the preparation (with `worker`, the transpile worker is terminated). */
  signal?: AbortSignal | undefined;
  /**
   * A fresh instance of the component for every request (what `wasmtime
   * serve` does). Components built with componentize-js (StarlingMonkey)
   * answer one request per instance and need it. Default: on for those
   * (found by their producers section), otherwise off: one instance serves
   * every request, so state (carts, counters) lives across requests.
   */
  instancePerRequest?: boolean | undefined;
}

/** A component transpiled, instantiated once (so that it is known to start) and ready to be served. */
export interface PreparedComponent {
  readonly digest: string;
  /** sha256 of the .wasm. */
  readonly wasmDigest: string;
  readonly source: string;
  readonly reference?: string;
  readonly tag?: string;
  readonly instancePerRequest: boolean;
  /** Milliseconds spent preparing it. */
  readonly preparedMs: number;
  /** @internal */
  readonly transpiled: TranspiledComponent;
  /** @internal */
  readonly imports: ImportObject;
  /** @internal the instance made while preparing, served first */
  readonly firstInstance: InstanceExports;
}

export interface ServeOptions extends PrepareOptions {
  /** 0 (the default) picks a free port. */
  port?: number | undefined;
  host?: string | undefined;
  /**
   * Where traps and other problems are reported as text (default: standard
   * error), when no `logger` is given.
   */
  onError?: (message: string) => void;
  /** The structured log (one JSON object a line); default none (problems go to `onError`). */
  logger?: Logger;
  /** Log one line per request (default true when a logger is given). */
  logRequests?: boolean;
  /** Called with every answered request (after the log line and the metrics). */
  observers?: RequestObserver[] | undefined;
  /** Metrics of requests go here (the admin listener serves it); default none. */
  metrics?: MetricsRegistry;
  /** Route patterns for the `route` label (see routes.ts); default the first path segment. */
  routes?: readonly string[] | undefined;
  /** At most this many route label values (default 100). */
  maxRoutes?: number | undefined;
}

/** The component being served, as /version reports it. */
export interface ServingInfo {
  digest: string;
  wasmDigest: string;
  source: string;
  reference?: string;
  tag?: string;
  instancePerRequest: boolean;
  /** When it began to serve (ISO 8601). */
  since: string;
}

export interface RunningServer {
  /** `http://<host>:<port>` */
  url: string;
  port: number;
  /** The exports of the first instance, for tests that look inside. */
  instance: InstanceExports;
  /** Whether every request of the first component gets a fresh instance. */
  instancePerRequest: boolean;
  /** The component being served now. */
  serving(): ServingInfo;
  /** Every live instance: the one serving, and any still finishing requests (for metrics sources). */
  instances(): ServedInstance[];
  /** Serves `next` from the next request on; requests already running finish on the component they started on. */
  switchTo(next: PreparedComponent): void;
  /** Adds a source of metrics read at each scrape (needs `metrics`); returns a function that removes it. */
  addMetricsSource(source: MetricsSource): () => void;
  /** Requests answered so far. */
  requestCount(): number;
  close(): Promise<void>;
}

interface HttpTypes {
  Fields: (new () => FieldsLike) & { fromList(entries: [string, Uint8Array][]): FieldsLike };
  IncomingRequest: { prototype: object };
  OutgoingResponse: new (headers: unknown) => { setStatusCode(code: number): void; statusCode(): number; body(): unknown };
  OutgoingBody: { finish(body: unknown, trailers: undefined): void };
  ResponseOutparam: { set(out: unknown, response: { tag: 'ok' | 'err'; val: unknown }): void };
}

interface FieldsLike {
  entries(): [string, Uint8Array][];
  set(name: string, values: Uint8Array[]): void;
  append(name: string, value: Uint8Array): void;
  delete(name: string): void;
}

interface ShimRequest {
  method(): { tag: string; val?: string };
  pathWithQuery(): string | undefined;
  scheme(): unknown;
  authority(): string | undefined;
  headers(): FieldsLike;
  consume(): unknown;
}

/** What serve learns of a response while the component answers. */
interface Outcome {
  status?: number;
  failure?: string;
}

/** Outcomes by response-outparam, filled by the ResponseOutparam.set that components are given. */
const outcomes = new WeakMap<object, Outcome>();

/** Answers through the shim's wasi:http types. */
function respondWithError(types: HttpTypes, responseOut: unknown, status: number, text: string): void {
  try {
    const response = new types.OutgoingResponse(new types.Fields());
    response.setStatusCode(status);
    const body = response.body() as { write(): { blockingWriteAndFlush(b: Uint8Array): void; [Symbol.dispose]?(): void } };
    types.ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
    const stream = body.write();
    stream.blockingWriteAndFlush(new TextEncoder().encode(text));
    stream[Symbol.dispose]?.();
    types.OutgoingBody.finish(body, undefined);
  } catch {
    // the component had set its response before failing: that one stands
  }
}

/**
 * The wasi:http/types given to components: the shim's, with a
 * ResponseOutparam.set that records the status, and that turns an error-code
 * answer into a 500 (the shim's own set ends the process on one).
 */
function observedHttpTypes(shimTypes: HttpTypes): HttpTypes {
  const set = (out: object, response: { tag: 'ok' | 'err'; val: unknown }) => {
    const outcome = outcomes.get(out);
    if (response.tag === 'ok') {
      if (outcome) outcome.status = (response.val as { statusCode(): number }).statusCode();
      shimTypes.ResponseOutparam.set(out, response);
      return;
    }
    const code = (response.val as { tag?: string } | undefined)?.tag ?? 'unknown';
    if (outcome) {
      outcome.status = 500;
      outcome.failure = `the component answered with the wasi:http error-code ${code}`;
    }
    respondWithError(shimTypes, out, 500, `the component answered with an error (${code})\n`);
  };
  // A proxy, not a subclass: `instanceof` (which jco checks on every outparam) still sees the shim's class.
  const ResponseOutparam = new Proxy(shimTypes.ResponseOutparam, {
    get: (target, key, receiver) => (key === 'set' ? set : Reflect.get(target, key, receiver)),
  });
  return { ...shimTypes, ResponseOutparam };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function refuseChange(): never {
  throw { tag: 'immutable' };
}

/** What makes a Fields refuse changes: own properties over the shim's methods (one set, shared by every request). */
const IMMUTABLE: PropertyDescriptorMap = { set: { value: refuseChange }, append: { value: refuseChange }, delete: { value: refuseChange } };

/** Fields that refuse changes, as the request headers a component is given must (wasi:http: immutable). */
function immutableFields(types: HttpTypes, entries: [string, Uint8Array][]): FieldsLike {
  return Object.defineProperties(types.Fields.fromList(entries), IMMUTABLE);
}

const INNER = Symbol('flotilla.request');
const HEADERS = Symbol('flotilla.headers');
type Traced = ShimRequest & { [INNER]: ShimRequest; [HEADERS]: FieldsLike };
const tracedPrototypes = new WeakMap<object, object>();

/**
 * The request as the component sees it: the shim's request with the headers
 * serve sets. jco accepts any object whose prototype chain has the shim's
 * IncomingRequest (it checks `instanceof`, then calls the methods), so the
 * methods here, on one prototype below the shim's, delegate to the shim's
 * request.
 */
function withHeaders(types: HttpTypes, request: ShimRequest, headers: FieldsLike): ShimRequest {
  let proto = tracedPrototypes.get(types.IncomingRequest.prototype);
  if (proto === undefined) {
    const methods = {
      method(this: Traced) {
        return this[INNER].method();
      },
      pathWithQuery(this: Traced) {
        return this[INNER].pathWithQuery();
      },
      scheme(this: Traced) {
        return this[INNER].scheme();
      },
      authority(this: Traced) {
        return this[INNER].authority();
      },
      headers(this: Traced) {
        return this[HEADERS];
      },
      consume(this: Traced) {
        return this[INNER].consume();
      },
      [Symbol.dispose](this: Traced) {
        (this[INNER] as unknown as { [Symbol.dispose]?(): void })[Symbol.dispose]?.();
      },
    };
    proto = Object.create(types.IncomingRequest.prototype, Object.getOwnPropertyDescriptors(methods)) as object;
    tracedPrototypes.set(types.IncomingRequest.prototype, proto);
  }
  const r = Object.create(proto) as Traced;
  r[INNER] = request;
  r[HEADERS] = headers;
  return r;
}

function checkBindable(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      const hint = err.code === 'EADDRINUSE' ? `port ${port} is taken: pick another with --port` : err.message;
      reject(new ServeError(`cannot listen on ${host}:${port}: ${hint}`, { cause: err }));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

const HANDLER_EXPORT = /^wasi:http\/incoming-handler@0\.2\.\d+$/;

/** The export name of the component's HTTP handler, or an error saying it has none. */
export function httpHandlerExport(bytes: Uint8Array, source = 'the component'): string {
  const { kind, exports } = describeWasm(bytes);
  if (kind !== 'component') {
    throw new NotAnHttpComponentError(`${source} (a core module, not a component)`, exports);
  }
  const name = exports.find((e) => HANDLER_EXPORT.test(e));
  if (name === undefined) throw new NotAnHttpComponentError(source, exports);
  return name;
}

/**
 * Whether the component, or one nested in it, was built by ComponentizeJS
 * (StarlingMonkey), whose fetch event serves one request per instance.
 */
export async function builtByComponentizeJs(bytes: Uint8Array): Promise<boolean> {
  const entries = (await metadataShow(bytes)) as { producers: [string, [string, string][]][] }[];
  return entries.some((e) =>
    e.producers.some(([field, values]) => field === 'processed-by' && values.some(([tool]) => tool === 'ComponentizeJS')),
  );
}

/** Non-WASI imports of the component that `provided` (unversioned names) and serve (observe.ts) do not cover. */
export function unsatisfiedImports(bytes: Uint8Array, provided: string[]): string[] {
  const have = new Set([...provided, ...OBSERVE_INTERFACES]);
  return describeWasm(bytes).imports.filter((name) => !name.startsWith('wasi:') && !have.has(name.replace(/@[^@/]*$/, '')));
}

let hostImportsPromise: Promise<{ imports: ImportObject; types: HttpTypes }> | undefined;

/** WASI from the shim (one instance per process: the HTTP server is the shim's too), with the observed wasi:http/types. */
function hostImports(): Promise<{ imports: ImportObject; types: HttpTypes }> {
  hostImportsPromise ??= wasiImports().then((wasi) => {
    const types = wasi['wasi:http/types'] as unknown as HttpTypes;
    return {
      types,
      imports: { ...wasi, 'wasi:http/types': observedHttpTypes(types) as unknown as Record<string, unknown>, ...observeImports() },
    };
  });
  return hostImportsPromise;
}

function withTimeout<T>(work: Promise<T>, ms: number | undefined, what: () => string): Promise<T> {
  if (ms === undefined) return work;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PrepareError(what())), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Checks that the component serves HTTP and that its imports are provided,
 * transpiles it, and instantiates it once. Every failure is a typed error
 * naming `source`; nothing is served yet.
 */
export async function prepareComponent(bytes: Uint8Array, options: PrepareOptions = {}): Promise<PreparedComponent> {
  const started = performance.now();
  const source = options.source ?? 'the component';
  httpHandlerExport(bytes, source);
  const missing = unsatisfiedImports(bytes, Object.keys(options.imports ?? {}));
  if (missing.length > 0) throw new UnsatisfiedImportsError(source, missing);
  const wasmDigest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const work = (async () => {
    const transpiled = await transpileComponent(bytes, {
      cacheDir: options.cacheDir,
      ...(options.worker ? { worker: true } : {}),
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    if (options.signal?.aborted) throw new PrepareError(`preparing ${source} was stopped`);
    const host = await hostImports();
    const imports = { ...host.imports, ...(options.imports ?? {}) };
    let firstInstance: InstanceExports;
    try {
      firstInstance = transpiled.instantiate(imports);
    } catch (err) {
      throw new PrepareError(`${source} could not be instantiated: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const handler = firstInstance.incomingHandler as unknown as IncomingHandler | undefined;
    if (typeof handler?.handle !== 'function') throw new NotAnHttpComponentError(source, Object.keys(firstInstance));
    const perRequest = options.instancePerRequest ?? (await builtByComponentizeJs(bytes));
    return { transpiled, imports, firstInstance, perRequest };
  })();
  const ready = await withTimeout(
    work,
    options.timeoutMs,
    () => `preparing ${source} took longer than ${(options.timeoutMs as number) / 1000} s: it is not served`,
  );
  return {
    digest: options.digest ?? wasmDigest,
    wasmDigest,
    source,
    ...(options.reference !== undefined ? { reference: options.reference } : {}),
    ...(options.tag !== undefined ? { tag: options.tag } : {}),
    instancePerRequest: ready.perRequest,
    preparedMs: performance.now() - started,
    transpiled: ready.transpiled,
    imports: ready.imports,
    firstInstance: ready.firstInstance,
  };
}

/** One component being served (or finishing its requests after a switch). */
class Generation {
  readonly since = new Date().toISOString();
  inflight = 0;
  draining = false;
  #current: InstanceExports | undefined;
  #last: InstanceExports;
  readonly prepared: PreparedComponent;
  constructor(prepared: PreparedComponent) {
    this.prepared = prepared;
    this.#current = prepared.firstInstance;
    this.#last = prepared.firstInstance;
  }
  /** The handler for the next request (a fresh instance when per request, or after a trap). */
  handler(): IncomingHandler {
    let instance = this.#current;
    if (instance === undefined) {
      instance = this.prepared.transpiled.instantiate(this.prepared.imports);
      this.#last = instance;
    }
    // One request per instance: the next request gets a fresh one.
    this.#current = this.prepared.instancePerRequest ? undefined : instance;
    return instance.incomingHandler as unknown as IncomingHandler;
  }
  /** After a trap the instance is not entered again: the next request gets a fresh one (its state is lost). */
  discard(): void {
    this.#current = undefined;
  }
  lastInstance(): InstanceExports {
    return this.#last;
  }
  info(): ServingInfo {
    const p = this.prepared;
    return {
      digest: p.digest,
      wasmDigest: p.wasmDigest,
      source: p.source,
      ...(p.reference !== undefined ? { reference: p.reference } : {}),
      ...(p.tag !== undefined ? { tag: p.tag } : {}),
      instancePerRequest: p.instancePerRequest,
      since: this.since,
    };
  }
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

interface RequestMetrics {
  requests: Counter;
  duration: Histogram;
  failures: Counter;
  info: Counter;
  switches: Counter;
}

function requestMetrics(registry: MetricsRegistry): RequestMetrics {
  return {
    requests: registry.counter(
      'flotilla_serve_requests_total',
      'HTTP requests answered, by method, route (bounded: a configured pattern or the first path segment) and status code.',
      ['method', 'route', 'status'],
    ),
    duration: registry.histogram(
      'flotilla_serve_request_duration_seconds',
      "Time spent in the component's HTTP handler, by method and route.",
      ['method', 'route'],
    ),
    failures: registry.counter(
      'flotilla_serve_component_failures_total',
      'Requests serve answered for the component: trap (it trapped), no-response (it returned without one), error-code (it answered with one).',
      ['kind'],
    ),
    info: registry.gauge(
      'flotilla_serve_component_info',
      'The component being served (always 1): its digest, the reference and tag it was pulled by, its source.',
      ['digest', 'reference', 'tag', 'source'],
    ),
    switches: registry.counter('flotilla_serve_switches_total', 'Times serve switched to another component.', []),
  };
}

function setInfo(metrics: RequestMetrics | undefined, p: PreparedComponent): void {
  if (!metrics) return;
  metrics.info.reset();
  metrics.info.set([p.digest, p.reference ?? '', p.tag ?? '', p.source], 1);
}

function failureKind(failure: string): string {
  if (failure.startsWith('trapped')) return 'trap';
  if (failure.startsWith('no response')) return 'no-response';
  return 'error-code';
}

export async function startServer(component: Uint8Array | PreparedComponent, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const wanted = options.port ?? 0;
  // preview2-shim's server reports a failed listen with an unrelated TypeError:
  // find out first, with Node's own server, whether the address can be bound.
  if (component instanceof Uint8Array) {
    httpHandlerExport(component, options.source ?? 'the component');
    const missing = unsatisfiedImports(component, Object.keys(options.imports ?? {}));
    if (missing.length > 0) throw new UnsatisfiedImportsError(options.source ?? 'the component', missing);
  }
  await checkBindable(host, wanted);
  const first = component instanceof Uint8Array ? await prepareComponent(component, options) : component;
  const { types } = await hostImports();
  const logger = options.logger ?? silentLogger;
  const report =
    options.logger !== undefined
      ? (msg: string, fields: Record<string, unknown>) => logger.error(msg, fields)
      : (msg: string, fields: Record<string, unknown>) =>
          (options.onError ?? ((m: string) => process.stderr.write(`${m}\n`)))(
            `${String(fields.source)} ${msg}${fields.error !== undefined ? `: ${String(fields.error)}` : ''}${fields.consequence !== undefined ? `; ${String(fields.consequence)}` : ''}`,
          );
  const logRequests = options.logRequests ?? options.logger !== undefined;
  const metrics = options.metrics ? requestMetrics(options.metrics) : undefined;
  const routeOf = routeLabeler({
    routes: options.routes,
    maxRoutes: options.maxRoutes,
  });
  const observers = options.observers ?? [];
  setComponentLogger(options.logger);

  let current = new Generation(first);
  setInfo(metrics, first);
  const draining = new Set<Generation>();
  let answered = 0;

  const observe = (record: RequestRecord) => {
    answered++;
    if (metrics) {
      const method = KNOWN_METHODS.has(record.method) ? record.method : 'other';
      metrics.requests.inc([method, record.route, String(record.status)]);
      metrics.duration.observe([method, record.route], record.durationMs / 1000);
      if (record.failure !== undefined) metrics.failures.inc([failureKind(record.failure)]);
    }
    if (logRequests) logRequest(logger, record);
    for (const o of observers) {
      try {
        o(record);
      } catch (err) {
        logger.warn('a request observer failed', errorFields(err));
      }
    }
  };

  const handler: IncomingHandler = {
    handle(rawRequest, responseOut) {
      const startedAt = Date.now();
      const started = performance.now();
      const gen = current;
      gen.inflight++;
      const request = rawRequest as ShimRequest;
      const m = request.method();
      const method = (m.tag === 'other' ? (m.val ?? 'other') : m.tag).toUpperCase();
      const pathWithQuery = request.pathWithQuery() ?? '/';
      const q = pathWithQuery.indexOf('?');
      const path = q >= 0 ? pathWithQuery.slice(0, q) : pathWithQuery;
      const incoming = request.headers().entries();
      const traceparents: string[] = [];
      const requestIds: string[] = [];
      for (const [name, value] of incoming) {
        const lower = name.toLowerCase();
        if (lower === 'traceparent') traceparents.push(decoder.decode(value));
        else if (lower === 'x-request-id') requestIds.push(decoder.decode(value));
      }
      const trace = traceContextFor(traceparents);
      const rid = requestIdFor(requestIds);
      const headers: [string, Uint8Array][] = [];
      for (const entry of incoming) {
        const lower = entry[0].toLowerCase();
        if (lower === 'traceparent' || (lower === 'tracestate' && !trace.continued) || (lower === 'x-request-id' && !rid.fromCaller))
          continue;
        headers.push(entry);
      }
      headers.push(['traceparent', encoder.encode(formatTraceparent(trace))]);
      if (!rid.fromCaller) headers.push(['x-request-id', encoder.encode(rid.id)]);
      const outcome: Outcome = {};
      outcomes.set(responseOut as object, outcome);
      const source = gen.prepared.source;
      let given: ShimRequest = request;
      try {
        given = withHeaders(types, request, immutableFields(types, headers));
      } catch (err) {
        // a header the shim took but its Fields refuse: the component gets the request as it came
        logger.warn('could not pass traceparent and x-request-id to the component', { request_id: rid.id, ...errorFields(err) });
      }
      const scope = newRequestScope(rid.id, formatTraceparent(trace), logger);
      try {
        const h = gen.handler();
        inRequestScope(scope, () => h.handle(given, responseOut));
        if (outcome.status === undefined) {
          outcome.failure = 'no response: the handler returned without setting one';
          report('returned from its handler without setting a response', {
            source,
            request_id: rid.id,
            trace_id: trace.traceId,
            consequence: 'answered 500',
          });
          respondWithError(types, responseOut, 500, 'the component returned no response\n');
          outcome.status = 500;
        }
      } catch (err) {
        // A trap must not take the server down. The trapped instance is not
        // entered again: later requests get a fresh one (its state is lost).
        const message = err instanceof Error ? err.message : String(err);
        gen.discard();
        outcome.failure = `trapped: ${message}`;
        report('trapped while handling a request', {
          source,
          error: message,
          request_id: rid.id,
          trace_id: trace.traceId,
          consequence: 'later requests get a fresh instance',
        });
        if (outcome.status === undefined) {
          respondWithError(types, responseOut, 500, `the component trapped: ${message}\n`);
          outcome.status = 500;
        }
      } finally {
        outcomes.delete(responseOut as object);
        gen.inflight--;
        if (gen.draining && gen.inflight === 0) draining.delete(gen);
      }
      observe({
        requestId: rid.id,
        trace,
        method,
        path,
        route: routeOf(path),
        status: outcome.status ?? 500,
        startedAt,
        durationMs: performance.now() - started,
        digest: gen.prepared.digest,
        failure: outcome.failure,
        ...(scope.calls.length > 0 ? { calls: scope.calls, callsStartedAt: scope.startEpochMs } : {}),
        ...(scope.droppedCalls > 0 ? { droppedCalls: scope.droppedCalls } : {}),
      });
    },
  };

  const HTTPServer = await httpServerClass();
  const server = new HTTPServer(handler);
  let port: number | undefined;
  try {
    server.listen(wanted, host);
    port = server.address()?.port;
  } catch (err) {
    throw new ServeError(`cannot listen on ${host}:${wanted}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (port === undefined) {
    server.stop();
    throw new ServeError(`the HTTP server on ${host} reported no port`);
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed = false;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    instance: first.firstInstance,
    instancePerRequest: first.instancePerRequest,
    serving: () => current.info(),
    instances: () => {
      const served = (g: Generation, state: 'serving' | 'draining'): ServedInstance => ({
        digest: g.prepared.digest,
        ...(g.prepared.reference !== undefined ? { reference: g.prepared.reference } : {}),
        ...(g.prepared.tag !== undefined ? { tag: g.prepared.tag } : {}),
        state,
        exports: g.lastInstance(),
      });
      return [served(current, 'serving'), ...[...draining].map((g) => served(g, 'draining'))];
    },
    switchTo(next) {
      if (closed) throw new ServeError('the server is closed');
      const old = current;
      current = new Generation(next);
      setInfo(metrics, next);
      metrics?.switches.inc();
      old.draining = true;
      if (old.inflight > 0) draining.add(old);
    },
    addMetricsSource(source) {
      if (!options.metrics) throw new ServeError('addMetricsSource needs a server started with a metrics registry (options.metrics)');
      return options.metrics.addSource(source);
    },
    requestCount: () => answered,
    close: async () => {
      closed = true;
      server.stop();
    },
  };
}

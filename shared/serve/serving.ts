// What `flotilla serve` runs, as one library call: a component from a file
// or from a followed tag, the HTTP listener, the admin listener, the
// follower, the structured log. The CLI only parses flags, prints the URL
// and turns signals into `reload()` (SIGHUP) and `close()` (SIGINT/SIGTERM).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FlotillaError, UsageError } from '../errors.ts';
import { interposerMetricsSource } from '../interpose/metrics.ts';
import { type AdminAddress, type AdminServer, startAdmin } from './admin.ts';
import { explainObserver } from './explain.ts';
import {
  type CheckOutcome,
  DEFAULT_POLL_SECONDS,
  DEFAULT_PREPARE_TIMEOUT_SECONDS,
  type FollowedReference,
  Follower,
  type FollowSourceOptions,
  fileReference,
  MAX_POLL_SECONDS,
  MIN_POLL_SECONDS,
  openFollowedReference,
  type PulledComponent,
} from './follow.ts';
import { errorFields, type Logger, type RequestObserver, silentLogger } from './log.ts';
import { MetricsRegistry, type MetricsSource } from './metrics.ts';
import { otlpTracesEndpoint, requestTraceExporter } from './otlp.ts';
import { type PreparedComponent, prepareComponent, type RunningServer, startServer } from './server.ts';

export class ComponentFileError extends FlotillaError {
  constructor(path: string, cause: unknown) {
    const code = (cause as { code?: string }).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : String(cause);
    super('COMPONENT_UNREADABLE', `cannot read the component ${path}: ${what}`, { cause });
  }
}

export interface ServingOptions extends Omit<FollowSourceOptions, 'cwd' | 'env'> {
  /** A .wasm file to serve (SIGHUP serves it anew when it changed). */
  file?: string | undefined;
  /** A reference whose tag to follow (`host/repo:tag` or `oci:<dir>:tag`). */
  follow?: string | undefined;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How often the tag is checked (default 30 s). */
  pollSeconds?: number | undefined;
  /** How long preparing a new digest may take (default 300 s). */
  prepareTimeoutSeconds?: number | undefined;
  port?: number;
  host?: string;
  /** The admin listener (/metrics, /healthz, /version); none when absent. */
  admin?: AdminAddress | undefined;
  instancePerRequest?: boolean;
  routes?: readonly string[];
  maxRoutes?: number;
  /** Transpile cache folder. */
  cacheDir?: string;
  logger?: Logger;
  /** Log one line per request (default true). */
  logRequests?: boolean;
  observers?: RequestObserver[];
  /** The flotilla version /version reports. */
  version?: string;
  /**
   * Where spans go (OTLP/HTTP, otlp.ts): a traces URL (…/v1/traces), or false
   * for none. Default: from the environment (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
   * OTEL_EXPORTER_OTLP_ENDPOINT; none when neither is set).
   */
  traces?: { url: string; serviceName?: string; scheduledDelayMillis?: number } | false;
  /** `--explain <path>`: the first request to this path (or route pattern) drawn as a Mermaid sequence diagram, given to `write`. */
  explain?: { path: string; write: (diagram: string) => void };
}

export interface Serving {
  server: RunningServer;
  admin: AdminServer | undefined;
  follower: Follower<PreparedComponent>;
  metrics: MetricsRegistry;
  /** The reference followed (or the file served). */
  reference: FollowedReference;
  url: string;
  /** Checks the tag (or the file) now, as SIGHUP does; a digest refused before is tried again. */
  reload(): Promise<CheckOutcome>;
  addMetricsSource(source: MetricsSource): () => void;
  /** The traces URL spans are exported to, when any. */
  tracesUrl: string | undefined;
  /** Sends the spans queued now (tests, before reading a receiver). */
  flushTraces(): Promise<void>;
  close(): Promise<void>;
}

async function readComponentFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw new ComponentFileError(path, err);
  }
}

export async function startServing(options: ServingOptions): Promise<Serving> {
  if ((options.file === undefined) === (options.follow === undefined)) {
    throw new UsageError('serve needs either a component file or --follow <ref>, not both');
  }
  // every bound checked before anything starts
  const poll = options.pollSeconds ?? DEFAULT_POLL_SECONDS;
  if (!(poll >= MIN_POLL_SECONDS && poll <= MAX_POLL_SECONDS)) {
    throw new UsageError(`pollSeconds must be from ${MIN_POLL_SECONDS} to ${MAX_POLL_SECONDS}, got ${poll}`);
  }
  const prepareSeconds = options.prepareTimeoutSeconds ?? DEFAULT_PREPARE_TIMEOUT_SECONDS;
  if (!(prepareSeconds > 0 && prepareSeconds <= 3600)) {
    throw new UsageError(`prepareTimeoutSeconds must be more than 0 and at most 3600, got ${prepareSeconds}`);
  }
  const maxBytes = options.maxComponentBytes;
  if (maxBytes !== undefined && !(Number.isInteger(maxBytes) && maxBytes > 0)) {
    throw new UsageError(`maxComponentBytes must be a positive integer, got ${maxBytes}`);
  }
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const logger = options.logger ?? silentLogger;
  const timeoutMs = prepareSeconds * 1000;
  const reference =
    options.follow !== undefined
      ? await openFollowedReference(options.follow, {
          cwd,
          env,
          registries: options.registries,
          storeDir: options.storeDir,
          maxComponentBytes: options.maxComponentBytes,
        })
      : fileReference(resolve(cwd, options.file as string), readComponentFile);
  const followed = options.follow !== undefined;
  const prepare = (pulled: PulledComponent, background: boolean, signal?: AbortSignal) =>
    prepareComponent(pulled.wasm, {
      source: pulled.pinned,
      ...(followed ? { digest: pulled.descriptor.digest, reference: reference.text } : {}),
      ...(followed && reference.tag !== undefined ? { tag: reference.tag } : {}),
      instancePerRequest: options.instancePerRequest,
      cacheDir: options.cacheDir,
      // in the background the process keeps serving: jco runs in a worker thread
      worker: background,
      timeoutMs,
      signal,
    });

  // the trace exporter and --explain are checked before anything is pulled
  const tracesUrl = options.traces === false ? undefined : (options.traces?.url ?? otlpTracesEndpoint(env));
  const observers = [...(options.observers ?? [])];
  if (options.explain !== undefined) observers.push(explainObserver(options.explain.path, options.explain.write));
  const traceExporter =
    tracesUrl !== undefined
      ? requestTraceExporter({
          url: tracesUrl,
          ...(env.OTEL_SERVICE_NAME ? { serviceName: env.OTEL_SERVICE_NAME } : {}),
          ...(options.traces ? options.traces : {}),
        })
      : undefined;
  if (traceExporter) observers.push(traceExporter.observer);

  const initialDescriptor = await reference.resolve();
  const initialPull = await reference.pull(initialDescriptor);
  const first = await prepare(initialPull, false);
  const metrics = new MetricsRegistry((err) => logger.warn('a metrics source failed', errorFields(err)));
  // every interposer (splitter or tap) the served app holds: its calls, errors and latency by backend (version)
  metrics.addSource(interposerMetricsSource);
  const server = await startServer(first, {
    port: options.port,
    host: options.host,
    logger,
    logRequests: options.logRequests ?? true,
    metrics,
    routes: options.routes,
    maxRoutes: options.maxRoutes,
    observers,
  });
  const checks = metrics.counter(
    'flotilla_serve_follow_checks_total',
    'Checks of the followed tag (or of the file, on SIGHUP), by outcome: unchanged, switched, failed, known-bad.',
    ['outcome'],
  );
  const follower = new Follower<PreparedComponent>({
    reference,
    serving: first.digest,
    pollSeconds: poll,
    logger,
    prepare: (pulled, signal) => prepare(pulled, true, signal),
    switchTo: (prepared) => server.switchTo(prepared),
    onCheck: (outcome) => checks.inc([outcome.kind]),
  });
  let admin: AdminServer | undefined;
  try {
    if (options.admin !== undefined) {
      admin = await startAdmin({
        ...options.admin,
        metrics,
        logger,
        target: {
          serving: () => server.serving(),
          instances: () => server.instances(),
          versionExtra: () => (followed ? { follow: follower.status() } : {}),
        },
        version: options.version,
      });
    }
  } catch (err) {
    await server.close();
    throw err;
  }
  if (followed) follower.start();
  logger.info('serving', {
    url: server.url,
    admin: admin?.url,
    digest: first.digest,
    source: first.source,
    reference: followed ? reference.text : undefined,
    poll_seconds: followed && reference.tag !== undefined ? (options.pollSeconds ?? DEFAULT_POLL_SECONDS) : undefined,
    instance_per_request: first.instancePerRequest,
    prepare_ms: Math.round(first.preparedMs),
    traces: tracesUrl !== undefined ? tracesUrl.replace(/\/\/[^@/]*@/, '//') : undefined,
  });
  return {
    server,
    admin,
    follower,
    metrics,
    reference,
    url: server.url,
    reload: () => follower.check('signal'),
    addMetricsSource: (source) => metrics.addSource(source),
    tracesUrl,
    flushTraces: async () => {
      await traceExporter?.flush();
    },
    async close() {
      follower.stop();
      admin?.markStopping();
      await server.close();
      await admin?.close();
      // what is queued still goes out (a receiver that is gone: the exporter gives up after its timeout)
      await traceExporter?.shutdown().catch((err: unknown) => logger.warn('exporting the last spans failed', errorFields(err)));
    },
  };
}

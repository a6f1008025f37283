// serve's structured log: one JSON object a line, in the shape of Go's slog
// JSON handler (`time`, `level`, `msg`, then the event's own fields), which
// log shippers (Vector, Fluent Bit, Loki's promtail, the Kubernetes log
// pipeline) parse without configuration. Every request ends in one `request`
// line carrying its request id and its trace and span ids (see trace.ts).
//
// Nothing secret is logged: no header values, no query strings (tokens live
// there), no bodies.
import { FlotillaError } from '../errors.ts';
import type { ComponentCall } from './observe.ts';
import type { TraceContext } from './trace.ts';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export type LogFields = Record<string, unknown>;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** The fields of an error: its message, and its code when it is one of ours. */
export function errorFields(err: unknown): LogFields {
  if (err instanceof FlotillaError) return { error: err.message, error_code: err.code };
  if (err instanceof Error) return { error: err.message };
  return { error: String(err) };
}

function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return value.message;
  return value;
}

/** A logger writing one JSON object per line through `write` (which gets the line with its newline). */
export function jsonLogger(write: (line: string) => void, options: { now?: () => Date } = {}): Logger {
  const now = options.now ?? (() => new Date());
  const log = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    const record: LogFields = { time: now().toISOString(), level, msg };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined && !(k in record)) record[k] = v;
    let line: string;
    try {
      line = JSON.stringify(record, jsonSafe);
    } catch {
      line = JSON.stringify({ time: record.time, level, msg, error: 'log fields could not be written as JSON' });
    }
    write(`${line}\n`);
  };
  return {
    log,
    info: (msg, fields) => log('INFO', msg, fields),
    warn: (msg, fields) => log('WARN', msg, fields),
    error: (msg, fields) => log('ERROR', msg, fields),
  };
}

/** A logger that drops everything (the library's default when no logger is given: tests, embedding). */
export const silentLogger: Logger = { log() {}, info() {}, warn() {}, error() {} };

/** What serve knows about a request once it is answered: the log line, the metrics and (issue 18) the span. */
export interface RequestRecord {
  requestId: string;
  trace: TraceContext;
  /** Upper-case method as received (`GET`, `PATCH`, or an extension method). */
  method: string;
  /** The path without its query string. */
  path: string;
  /** The bounded route label the metrics use (see routes.ts). */
  route: string;
  status: number;
  /** Wall-clock start, milliseconds since the epoch. */
  startedAt: number;
  /** Time spent in the component's handler, in milliseconds. */
  durationMs: number;
  /** Digest of the component that answered. */
  digest: string;
  /** Why serve answered for the component (a trap, no response, an error-code response). */
  failure?: string | undefined;
  /** The calls between components the request made, as tracing taps reported them (observability: true). */
  calls?: ComponentCall[];
  /** Calls past the per-request bound (observe.ts), not kept. */
  droppedCalls?: number;
  /** When the handler was entered, epoch milliseconds with a fraction: the origin of the calls' `startNs`/`endNs`. */
  callsStartedAt?: number;
}

/** Something that wants every answered request: the log line, metrics, a span exporter. */
export type RequestObserver = (record: RequestRecord) => void;

/** The `request` log line of a request. */
export function logRequest(logger: Logger, r: RequestRecord): void {
  logger.log(r.failure !== undefined || r.status >= 500 ? 'ERROR' : 'INFO', 'request', {
    request_id: r.requestId,
    trace_id: r.trace.traceId,
    span_id: r.trace.spanId,
    parent_span_id: r.trace.parentSpanId,
    method: r.method,
    path: r.path,
    route: r.route,
    status: r.status,
    duration_ms: Math.round(r.durationMs * 1000) / 1000,
    digest: r.digest,
    failure: r.failure,
    component_calls: r.calls?.length,
  });
}

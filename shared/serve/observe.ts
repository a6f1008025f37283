// What serve gives a composed app beyond WASI, for observability:
//
// - `flotilla:interpose/trace@0.1.0` (wit/interpose/trace.wit): the tracing
//   taps `observability: true` puts on every edge call `call-ended` after each
//   forwarded call; the calls made while a request is handled are kept with
//   the request (RequestRecord.calls) and become its child spans (otlp.ts).
// - `flotilla:observe/context@0.1.0` (wit/observe/context.wit): the
//   correlation id of the request being handled, its traceparent, and a
//   structured log line written to serve's log.
//
// serve runs a component's handler synchronously on the main thread (see
// server.ts), so "the request being handled" is well defined: the scope is
// set for the length of one `handle` call. Outside a request (while an
// instance starts) there is no scope: no request id, calls are not kept.
import type { Logger, LogLevel } from './log.ts';
import type { ImportObject } from './transpile.ts';

/** One forwarded call a tracing tap reported. */
export interface ComponentCall {
  /** The instance called (its WAC `let` name). */
  component: string;
  interface: string;
  function: string;
  /** Nanoseconds from the start of the request (serve's clock, the same monotonic clock as the taps'). */
  startNs: number;
  endNs: number;
  failed: boolean;
}

/** Names in a reported call (component, interface, function) are cut to this many characters. */
export const MAX_CALL_NAME = 256;

/** At most this many calls are kept per request (the rest are counted in `droppedCalls`). */
export const MAX_CALLS_PER_REQUEST = 10_000;
/** Component log lines longer than this are cut (and said to be). */
export const MAX_LOG_LINE_BYTES = 16 * 1024;
/** At most this many log lines per request from components (the rest are counted and dropped). */
export const MAX_LOG_LINES_PER_REQUEST = 1_000;

export interface RequestScope {
  requestId: string;
  traceparent: string;
  /** process.hrtime.bigint() when the handler was entered: the origin of the calls' times. */
  startMono: bigint;
  /** The same moment in epoch milliseconds (fractional). */
  startEpochMs: number;
  calls: ComponentCall[];
  droppedCalls: number;
  logLines: number;
  logger: Logger;
}

let current: RequestScope | undefined;

/** Runs `f` (a handler call) with `scope` as the request being handled. */
export function inRequestScope<T>(scope: RequestScope, f: () => T): T {
  const outer = current;
  current = scope;
  try {
    return f();
  } finally {
    current = outer;
  }
}

export function newRequestScope(requestId: string, traceparent: string, logger: Logger): RequestScope {
  const startEpochMs = performance.timeOrigin + performance.now();
  return { requestId, traceparent, startMono: process.hrtime.bigint(), startEpochMs, calls: [], droppedCalls: 0, logLines: 0, logger };
}

const LEVELS: Record<string, LogLevel> = { DEBUG: 'DEBUG', INFO: 'INFO', WARN: 'WARN', WARNING: 'WARN', ERROR: 'ERROR' };

/**
 * A component's log line: a JSON object, written to serve's log with its
 * `level` and `msg` (the other fields as the component wrote them, its
 * `request_id` included). Anything else is logged as text, marked so.
 */
function componentLog(scope: RequestScope | undefined, line: string): void {
  const logger = scope?.logger ?? fallbackLogger;
  if (logger === undefined) return;
  if (scope !== undefined && ++scope.logLines > MAX_LOG_LINES_PER_REQUEST) {
    if (scope.logLines === MAX_LOG_LINES_PER_REQUEST + 1) {
      logger.warn('component log lines dropped', { request_id: scope.requestId, limit: MAX_LOG_LINES_PER_REQUEST });
    }
    return;
  }
  const bytes = Buffer.byteLength(line);
  if (bytes > MAX_LOG_LINE_BYTES) {
    logger.warn('component log line too long', { request_id: scope?.requestId, bytes, limit: MAX_LOG_LINE_BYTES });
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    logger.log('INFO', 'component log', { request_id: scope?.requestId, text: line, not_json: true });
    return;
  }
  const { level, msg, time: _time, ...fields } = parsed as Record<string, unknown>;
  const lvl = LEVELS[String(level ?? 'INFO').toUpperCase()] ?? 'INFO';
  logger.log(lvl, typeof msg === 'string' ? msg : 'component log', { source: 'component', ...fields });
}

/** Where component log lines go outside a request (set by the server that instantiates). */
let fallbackLogger: Logger | undefined;
export function setComponentLogger(logger: Logger | undefined): void {
  fallbackLogger = logger;
}

/** The host side of both interfaces, by jco's unversioned import names. */
export function observeImports(): ImportObject {
  return {
    'flotilla:interpose/trace': {
      callEnded(component: string, iface: string, fn: string, startNs: bigint, endNs: bigint, failed: boolean) {
        const scope = current;
        if (scope === undefined) return;
        if (scope.calls.length >= MAX_CALLS_PER_REQUEST) {
          scope.droppedCalls++;
          return;
        }
        // any component may import the interface: what it passes is bounded like everything else from outside
        const cut = (v: unknown) => String(v).slice(0, MAX_CALL_NAME);
        scope.calls.push({
          component: cut(component),
          interface: cut(iface),
          function: cut(fn),
          startNs: Number(BigInt(startNs) - scope.startMono),
          endNs: Number(BigInt(endNs) - scope.startMono),
          failed: failed === true,
        });
      },
    },
    'flotilla:observe/context': {
      requestId: () => current?.requestId ?? '',
      traceparent: () => current?.traceparent ?? '',
      log: (line: string) => componentLog(current, line),
    },
  };
}

/** The interfaces serve provides besides WASI (unversioned). */
export const OBSERVE_INTERFACES = ['flotilla:interpose/trace', 'flotilla:observe/context'];

/** A call and the calls made inside it: the tree of one request's calls, by their intervals. */
export interface CallNode {
  call: ComponentCall;
  children: CallNode[];
}

/**
 * The calls of a request as a tree: a call whose interval holds another's is
 * its parent (the innermost such call). Calls in one composed app are
 * synchronous, so intervals nest or are disjoint. Roots in start order.
 */
export function callTree(calls: readonly ComponentCall[]): CallNode[] {
  // by start; at the same start, the longer (the outer) first
  const sorted = [...calls].sort((a, b) => a.startNs - b.startNs || b.endNs - a.endNs);
  const roots: CallNode[] = [];
  const stack: CallNode[] = [];
  for (const call of sorted) {
    const node: CallNode = { call, children: [] };
    while (stack.length > 0 && (stack[stack.length - 1] as CallNode).call.endNs < call.endNs) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent !== undefined && parent.call.startNs <= call.startNs && call.endNs <= parent.call.endNs) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  }
  return roots;
}

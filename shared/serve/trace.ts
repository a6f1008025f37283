// W3C Trace Context (https://www.w3.org/TR/trace-context/) and request ids for
// the requests serve hands to a component. serve takes part in the trace as
// one span per request: it keeps the caller's trace id, makes a span id of its
// own, and passes `traceparent: 00-<trace id>-<its span id>-<flags>` on to the
// component, so that whatever the component calls next is a child of that
// span. Issue 18 (OTLP traces) exports these spans; today the request's log
// line carries them (trace_id, span_id, parent_span_id).
import { randomFillSync, randomUUID } from 'node:crypto';

export interface TraceContext {
  /** 32 lower-case hex digits, not all zero. */
  traceId: string;
  /** serve's span for this request: 16 lower-case hex digits, not all zero. */
  spanId: string;
  /** The caller's span, when a valid traceparent came in. */
  parentSpanId?: string;
  /** Trace flags as two hex digits (`01`: sampled). */
  flags: string;
  /** Whether the caller's traceparent was valid and taken over (else a new trace began). */
  continued: boolean;
}

export interface ParsedTraceparent {
  traceId: string;
  parentId: string;
  flags: string;
}

const HEX2 = /^[0-9a-f]{2}$/;
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/**
 * Parses one `traceparent` value as the spec's section 3.2 says: version 00 is
 * exactly 55 characters; a later version may carry more fields after a dash,
 * of which the first four are read as version 00 defines them; version ff,
 * upper-case hex, an all-zero trace or parent id are invalid.
 */
export function parseTraceparent(value: string): ParsedTraceparent | undefined {
  const v = value.trim();
  if (v.length < 55) return undefined;
  const version = v.slice(0, 2);
  if (!HEX2.test(version) || version === 'ff') return undefined;
  if (version === '00' && v.length !== 55) return undefined;
  if (v.length > 55 && v[55] !== '-') return undefined;
  if (v[2] !== '-' || v[35] !== '-' || v[52] !== '-') return undefined;
  const traceId = v.slice(3, 35);
  const parentId = v.slice(36, 52);
  const flags = v.slice(53, 55);
  if (!TRACE_ID.test(traceId) || traceId === ZERO_TRACE) return undefined;
  if (!SPAN_ID.test(parentId) || parentId === ZERO_SPAN) return undefined;
  if (!HEX2.test(flags)) return undefined;
  return { traceId, parentId, flags };
}

// Ids come from a pool of random bytes refilled 4 KiB at a time (as Node's
// randomUUID does): one system call per 170 requests instead of two each.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomHex(bytes: number, zero: string): string {
  for (;;) {
    if (poolAt + bytes > pool.length) {
      randomFillSync(pool);
      poolAt = 0;
    }
    const hex = pool.toString('hex', poolAt, poolAt + bytes);
    poolAt += bytes;
    if (hex !== zero) return hex;
  }
}

export function newTraceId(): string {
  return randomHex(16, ZERO_TRACE);
}

export function newSpanId(): string {
  return randomHex(8, ZERO_SPAN);
}

/**
 * The trace context of a request from the `traceparent` values it came with:
 * exactly one valid value continues that trace (same trace id and flags, the
 * caller's id as parent); none, several or an invalid one start a new trace,
 * sampled.
 */
export function traceContextFor(traceparents: readonly string[]): TraceContext {
  const parsed = traceparents.length === 1 ? parseTraceparent(traceparents[0] as string) : undefined;
  if (parsed === undefined) return { traceId: newTraceId(), spanId: newSpanId(), flags: '01', continued: false };
  // only the sampled bit is defined; later bits are not passed on (section 3.2.2.5)
  const flags = (Number.parseInt(parsed.flags, 16) & 0x01) === 1 ? '01' : '00';
  return { traceId: parsed.traceId, spanId: newSpanId(), parentSpanId: parsed.parentId, flags, continued: true };
}

/** The `traceparent` serve passes on: version 00, its own span as the parent. */
export function formatTraceparent(ctx: TraceContext): string {
  return `00-${ctx.traceId}-${ctx.spanId}-${ctx.flags}`;
}

/** A request id a caller may send (`x-request-id`): visible ASCII, at most 128 characters. */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** The caller's `x-request-id` when there is exactly one acceptable value, else a new UUID. */
export function requestIdFor(values: readonly string[]): { id: string; fromCaller: boolean } {
  const v = values.length === 1 ? (values[0] as string).trim() : undefined;
  if (v !== undefined && REQUEST_ID.test(v)) return { id: v, fromCaller: true };
  return { id: randomUUID(), fromCaller: false };
}

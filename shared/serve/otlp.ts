// Traces of the requests serve answers, exported with OpenTelemetry's
// OTLP/HTTP exporter (@opentelemetry/exporter-trace-otlp-http: OTLP JSON over
// HTTP POST to <endpoint>/v1/traces) through the SDK's batch span processor.
//
// One span per request (kind SERVER): serve's span of trace.ts, with the id
// passed to the component in `traceparent`, a child of the caller's span when
// a valid traceparent came in. Under it, one span per component call the
// tracing taps reported (observability: true; observe.ts), kind INTERNAL,
// each a child of the call it was made in (intervals nest: callTree).
//
// Configured as OpenTelemetry SDKs are, by environment:
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is) or
// OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces); OTEL_EXPORTER_OTLP_HEADERS and
// _TIMEOUT (read by the exporter); OTEL_SERVICE_NAME (default flotilla-serve);
// OTEL_TRACES_EXPORTER=none turns it off.
import { type Attributes, type HrTime, type SpanContext, SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { UsageError } from '../errors.ts';
import type { RequestObserver, RequestRecord } from './log.ts';
import { type CallNode, callTree } from './observe.ts';
import { newSpanId } from './trace.ts';

/** The traces endpoint from the environment, as the OTLP exporter specification says; undefined when none (or turned off). */
export function otlpTracesEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  if ((env.OTEL_TRACES_EXPORTER ?? '').trim().toLowerCase() === 'none') return undefined;
  const specific = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const url = specific ? specific : base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      `${specific ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT'} is not a URL (got '${specific ?? base}'): give http(s)://host:port, as in http://127.0.0.1:4318`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`the OTLP endpoint must be http:// or https:// (OTLP/HTTP), got ${parsed.protocol}//…`);
  }
  return parsed.href;
}

const SCOPE = { name: '@flotilla/cli serve', version: '0.1.0' };

function hrTime(epochMs: number): HrTime {
  const seconds = Math.floor(epochMs / 1000);
  return [seconds, Math.round((epochMs - seconds * 1000) * 1e6)];
}

function hrDuration(ms: number): HrTime {
  const d = Math.max(0, ms);
  const seconds = Math.floor(d / 1000);
  return [seconds, Math.round((d - seconds * 1000) * 1e6)];
}

interface SpanInput {
  name: string;
  kind: SpanKind;
  context: SpanContext;
  parent?: SpanContext;
  startMs: number;
  endMs: number;
  attributes: Attributes;
  error?: string;
}

function readable(s: SpanInput, resource: Resource): ReadableSpan {
  return {
    name: s.name,
    kind: s.kind,
    spanContext: () => s.context,
    ...(s.parent !== undefined ? { parentSpanContext: s.parent } : {}),
    startTime: hrTime(s.startMs),
    endTime: hrTime(s.endMs),
    duration: hrDuration(s.endMs - s.startMs),
    status: s.error !== undefined ? { code: SpanStatusCode.ERROR, message: s.error } : { code: SpanStatusCode.UNSET },
    attributes: s.attributes,
    links: [],
    events: [],
    ended: true,
    resource,
    instrumentationScope: SCOPE,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

/** A span of a request or of a component call, as exported (and as --explain draws it). */
export interface RequestSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  /** Epoch milliseconds. */
  startMs: number;
  endMs: number;
  kind: 'server' | 'internal';
  attributes: Record<string, string | number | boolean>;
  error?: string;
  /** For a component call: who called (the parent call's component, or `serve` for the request's first calls). */
  caller?: string;
  component?: string;
}

/**
 * The spans of one answered request: the request's, then one per component
 * call (depth first, in call order), each with its parent. Component call
 * times are clamped into the request's (they were measured by the same
 * monotonic clock, from the start of the handler).
 */
export function requestSpans(r: RequestRecord): RequestSpan[] {
  const startMs = r.callsStartedAt ?? r.startedAt;
  const endMs = startMs + r.durationMs;
  const failed = r.failure ?? (r.status >= 500 ? `HTTP ${r.status}` : undefined);
  const root: RequestSpan = {
    name: `${r.method} ${r.route}`,
    spanId: r.trace.spanId,
    ...(r.trace.parentSpanId !== undefined ? { parentSpanId: r.trace.parentSpanId } : {}),
    startMs,
    endMs,
    kind: 'server',
    attributes: {
      'http.request.method': r.method,
      'url.path': r.path,
      'http.route': r.route,
      'http.response.status_code': r.status,
      'flotilla.request_id': r.requestId,
      'flotilla.digest': r.digest,
      ...(r.calls !== undefined ? { 'flotilla.component_calls': r.calls.length } : {}),
      ...(r.droppedCalls !== undefined ? { 'flotilla.component_calls_dropped': r.droppedCalls } : {}),
    },
    ...(failed !== undefined ? { error: failed } : {}),
  };
  const out: RequestSpan[] = [root];
  const clamp = (ms: number) => Math.min(endMs, Math.max(startMs, ms));
  const walk = (nodes: CallNode[], parent: RequestSpan, caller: string) => {
    for (const n of nodes) {
      const c = n.call;
      const span: RequestSpan = {
        name: `${c.component} ${c.function}`,
        spanId: newSpanId(),
        parentSpanId: parent.spanId,
        startMs: clamp(startMs + c.startNs / 1e6),
        endMs: clamp(startMs + c.endNs / 1e6),
        kind: 'internal',
        attributes: {
          'flotilla.component': c.component,
          'rpc.system': 'wasm-component-model',
          'rpc.service': c.interface,
          'rpc.method': c.function,
        },
        caller,
        component: c.component,
        ...(c.failed ? { error: `${c.function} returned an error` } : {}),
      };
      out.push(span);
      walk(n.children, span, c.component);
    }
  };
  walk(callTree(r.calls ?? []), root, 'serve');
  return out;
}

export interface TraceExporterOptions {
  /** The traces URL (…/v1/traces). */
  url: string;
  serviceName?: string;
  /** Milliseconds between two exports (default 1000). */
  scheduledDelayMillis?: number;
  /** Spans waiting at most (default 8192; more are dropped until the next export). */
  maxQueueSize?: number;
}

export interface RequestTraceExporter {
  observer: RequestObserver;
  /** Sends what is queued now. */
  flush(): Promise<void>;
  /** Sends what is queued and stops. */
  shutdown(): Promise<void>;
}

/** Exports every request's spans (requestSpans) with the OTLP/HTTP exporter through a batch span processor. */
export function requestTraceExporter(options: TraceExporterOptions): RequestTraceExporter {
  const resource = resourceFromAttributes({
    'service.name': options.serviceName ?? 'flotilla-serve',
    'telemetry.sdk.language': 'nodejs',
  });
  const exporter = new OTLPTraceExporter({ url: options.url });
  const processor = new BatchSpanProcessor({
    exporter,
    scheduledDelayMillis: options.scheduledDelayMillis ?? 1000,
    maxQueueSize: options.maxQueueSize ?? 8192,
    maxExportBatchSize: 512,
  });
  const observer: RequestObserver = (r) => {
    const traceFlags = r.trace.flags === '01' ? TraceFlags.SAMPLED : TraceFlags.NONE;
    if (traceFlags === TraceFlags.NONE) return;
    const ctx = (spanId: string, remote = false): SpanContext => ({ traceId: r.trace.traceId, spanId, traceFlags, isRemote: remote });
    for (const s of requestSpans(r)) {
      const isRoot = s.spanId === r.trace.spanId;
      processor.onEnd(
        readable(
          {
            name: s.name,
            kind: s.kind === 'server' ? SpanKind.SERVER : SpanKind.INTERNAL,
            context: ctx(s.spanId),
            ...(s.parentSpanId !== undefined ? { parent: ctx(s.parentSpanId, isRoot) } : {}),
            startMs: s.startMs,
            endMs: s.endMs,
            attributes: s.attributes,
            ...(s.error !== undefined ? { error: s.error } : {}),
          },
          resource,
        ),
      );
    }
  };
  return {
    observer,
    flush: () => processor.forceFlush(),
    shutdown: () => processor.shutdown(),
  };
}

// The host side of observability without a component: the call tree from
// intervals, the spans of a request record, the OTLP endpoint from the
// environment, the component log lines, and --explain's diagram.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.ts';
import { explainObserver, mermaidSequence } from './explain.ts';
import { jsonLogger, type RequestRecord } from './log.ts';
import { type ComponentCall, callTree, inRequestScope, MAX_CALLS_PER_REQUEST, newRequestScope, observeImports } from './observe.ts';
import { otlpTracesEndpoint, requestSpans } from './otlp.ts';

const call = (component: string, fn: string, startNs: number, endNs: number, failed = false): ComponentCall => ({
  component,
  interface: `test:app/${component}@1.0.0`,
  function: fn,
  startNs,
  endNs,
  failed,
});

// as taps report them: the inner call ends (and is reported) first
const CALLS = [
  call('users', 'authenticate', 100, 200),
  call('cart', 'get-cart', 400, 500),
  call('payment', 'authorize', 600, 700, true),
  call('orders', 'place-order', 300, 800),
  call('gateway', 'handle', 50, 900),
];

function record(calls: ComponentCall[] = CALLS): RequestRecord {
  return {
    requestId: 'req-1',
    trace: { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), parentSpanId: 'c'.repeat(16), flags: '01', continued: true },
    method: 'POST',
    path: '/checkout/bob',
    route: '/checkout',
    status: 201,
    startedAt: 1_700_000_000_000,
    durationMs: 0.001,
    digest: 'sha256:00',
    calls,
    callsStartedAt: 1_700_000_000_000,
  };
}

describe('callTree', () => {
  it('nests each call under the innermost call whose interval holds it, in start order', () => {
    const tree = callTree(CALLS);
    expect(tree.map((n) => n.call.function)).toEqual(['handle']);
    const gateway = tree[0];
    expect(gateway?.children.map((n) => n.call.function)).toEqual(['authenticate', 'place-order']);
    expect(gateway?.children[1]?.children.map((n) => n.call.function)).toEqual(['get-cart', 'authorize']);
  });

  it('disjoint calls are siblings; no calls, no tree', () => {
    expect(callTree([call('a', 'x', 0, 10), call('b', 'y', 20, 30)]).map((n) => n.children.length)).toEqual([0, 0]);
    expect(callTree([])).toEqual([]);
  });
});

describe('requestSpans', () => {
  it('the request span keeps serve’s span id and the caller’s parent; each call is a child of its caller, errors marked', () => {
    const spans = requestSpans(record());
    const [root, ...calls] = spans;
    expect(root).toMatchObject({ name: 'POST /checkout', spanId: 'b'.repeat(16), parentSpanId: 'c'.repeat(16), kind: 'server' });
    const byName = new Map(calls.map((s) => [s.name, s]));
    expect(byName.get('gateway handle')?.parentSpanId).toBe(root?.spanId);
    expect(byName.get('orders place-order')?.parentSpanId).toBe(byName.get('gateway handle')?.spanId);
    expect(byName.get('payment authorize')?.parentSpanId).toBe(byName.get('orders place-order')?.spanId);
    expect(byName.get('payment authorize')?.error).toBe('authorize returned an error');
    expect(byName.get('payment authorize')?.caller).toBe('orders');
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
    // times are the call's, from the handler's start (ns -> ms; an epoch in ms as a double keeps about 0.25 µs)
    expect((byName.get('cart get-cart')?.startMs ?? 0) - (root?.startMs ?? 0)).toBeCloseTo(0.0004, 3);
    for (const s of calls) {
      expect(s.startMs).toBeGreaterThanOrEqual(root?.startMs ?? Number.NaN);
      expect(s.endMs).toBeLessThanOrEqual(root?.endMs ?? Number.NaN);
    }
  });
});

describe('otlpTracesEndpoint', () => {
  it('the traces endpoint is used as is; the base one gets /v1/traces; none, or none at all when turned off', () => {
    expect(otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' })).toBe('http://127.0.0.1:4318/v1/traces');
    expect(
      otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b:2/custom' }),
    ).toBe('https://b:2/custom');
    expect(otlpTracesEndpoint({})).toBeUndefined();
    expect(otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });

  it('an endpoint that is not an http(s) URL is a usage error naming the variable', () => {
    expect(() => otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost 4318' })).toThrow(UsageError);
    expect(() => otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost 4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT is not a URL/);
    expect(() => otlpTracesEndpoint({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://a:4317' })).toThrow(/http:\/\/ or https:\/\//);
  });
});

describe('the host imports', () => {
  it('calls are kept for the request in scope only, and bounded', () => {
    const trace = observeImports()['flotilla:interpose/trace'] as { callEnded: (...a: unknown[]) => void };
    trace.callEnded('a', 'i', 'f', 1n, 2n, false); // outside a request: dropped
    const scope = newRequestScope(
      'r',
      'tp',
      jsonLogger(() => {}),
    );
    inRequestScope(scope, () => {
      for (let i = 0; i < MAX_CALLS_PER_REQUEST + 5; i++)
        trace.callEnded('a', 'i', 'f', scope.startMono + 10n, scope.startMono + 20n, false);
    });
    expect(scope.calls).toHaveLength(MAX_CALLS_PER_REQUEST);
    expect(scope.droppedCalls).toBe(5);
    expect(scope.calls[0]).toEqual({ component: 'a', interface: 'i', function: 'f', startNs: 10, endNs: 20, failed: false });
    // names from outside are bounded
    const other = newRequestScope(
      'r2',
      'tp',
      jsonLogger(() => {}),
    );
    inRequestScope(other, () => trace.callEnded('x'.repeat(10_000), 'i', 'f', other.startMono, other.startMono, true));
    expect(other.calls[0]?.component).toHaveLength(256);
  });

  it('context: the request id and traceparent of the request in scope; log lines are JSON objects, checked', () => {
    const lines: Record<string, unknown>[] = [];
    const scope = newRequestScope(
      'req-9',
      '00-x-y-01',
      jsonLogger((l) => lines.push(JSON.parse(l))),
    );
    const ctx = observeImports()['flotilla:observe/context'] as { requestId(): string; traceparent(): string; log(l: string): void };
    expect(ctx.requestId()).toBe('');
    inRequestScope(scope, () => {
      expect(ctx.requestId()).toBe('req-9');
      expect(ctx.traceparent()).toBe('00-x-y-01');
      ctx.log(JSON.stringify({ level: 'warn', msg: 'low stock', component: 'inventory', request_id: ctx.requestId(), sku: 'p-1' }));
      ctx.log('plain text');
      ctx.log(JSON.stringify({ msg: 'x'.repeat(17 * 1024) }));
      ctx.log('[1,2]');
    });
    expect(lines[0]).toMatchObject({
      level: 'WARN',
      msg: 'low stock',
      source: 'component',
      component: 'inventory',
      request_id: 'req-9',
      sku: 'p-1',
    });
    expect(lines[1]).toMatchObject({ level: 'INFO', msg: 'component log', text: 'plain text', not_json: true, request_id: 'req-9' });
    expect(lines[2]).toMatchObject({ level: 'WARN', msg: 'component log line too long', limit: 16384 });
    expect(lines[3]).toMatchObject({ not_json: true, text: '[1,2]' });
    expect(lines).toHaveLength(4);
  });
});

describe('--explain', () => {
  it('draws the request: the client, serve, each call from its caller with its return, the answer', () => {
    const d = mermaidSequence(record());
    expect(d.split('\n').slice(0, 3)).toEqual(['sequenceDiagram', '  participant client', '  participant serve as flotilla serve']);
    expect(d).toContain('  client->>serve: POST /checkout/bob');
    expect(d).toContain('  serve->>+gateway: handle (test:app/gateway)');
    expect(d).toContain('  orders->>+payment: authorize (test:app/payment)');
    expect(d).toContain('  payment-->>-orders: error, 0.00 ms');
    expect(d.trim().endsWith('serve-->>client: 201, 0.00 ms')).toBe(true);
    // participant names Mermaid cannot take as ids get an alias
    expect(mermaidSequence(record([call('web-frontend', 'render', 1, 2)]))).toContain('participant web_frontend as web-frontend');
    // without calls, a note says how to get them
    expect(mermaidSequence(record([]))).toContain('compose with observability: true');
  });

  it('the observer draws the first matching request only; a bad pattern is refused at once', () => {
    const out: string[] = [];
    const o = explainObserver('/checkout/:user', (d) => out.push(d));
    o({ ...record(), path: '/products' });
    o(record());
    o(record());
    expect(out).toHaveLength(1);
    expect(() => explainObserver('checkout', () => {})).toThrow(UsageError);
  });
});

// Observability across components, end to end on the e-commerce platform:
// composed from flotilla.yaml's `observed` environment (development with
// `observability: true`: a tracing tap on every service edge), served by
// startServing (what `flotilla serve` runs) with its admin listener, a JSON
// log, OTEL_EXPORTER_OTLP_ENDPOINT pointing at an OTLP receiver, and
// --explain on the checkout path. One checkout (and one refused checkout)
// then shows: calls, errors and latency per component and function in the
// admin /metrics (scraped by a real Prometheus too), the request's
// correlation id in the services' own log lines, a span per component call
// under the request's span with the right parents, and the Mermaid diagram.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComposeResult, composeSpec } from '../../shared/release/compose.ts';
import { jsonLogger } from '../../shared/serve/log.ts';
import { type Serving, startServing } from '../../shared/serve/serving.ts';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from '../../test/harness/otlp-receiver.ts';
import { type Prometheus, startPrometheus } from '../../test/harness/prometheus.ts';
import { buildExample, EXAMPLE_DIR } from './build.ts';
import { publishExample } from './publish.ts';

let work: string;
let composed: ComposeResult;
let serving: Serving;
let receiver: OtlpReceiver;
const logLines: Record<string, unknown>[] = [];
const diagrams: string[] = [];
const CHECKOUT_ID = 'checkout-obs-0001';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'flotilla-observed-'));
  await buildExample();
  await publishExample();
  composed = await composeSpec({
    specFile: join(EXAMPLE_DIR, 'flotilla.yaml'),
    environment: 'observed',
    output: join(work, 'platform.wasm'),
    storeDir: join(work, 'store'),
  });
  receiver = await startOtlpReceiver();
  serving = await startServing({
    file: composed.output,
    port: 0,
    admin: { host: '127.0.0.1', port: 0 },
    instancePerRequest: false,
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_SERVICE_NAME: 'ecommerce-observed' },
    logger: jsonLogger((line) => logLines.push(JSON.parse(line) as Record<string, unknown>)),
    explain: { path: '/checkout/:user', write: (d) => diagrams.push(d) },
    cacheDir: join(work, 'transpiled'),
  });
}, 600_000);

afterAll(async () => {
  await serving?.close();
  await receiver?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function checkout(user: string, token: string, requestId: string): Promise<number> {
  const res = await fetch(`${serving.url}/checkout/${user}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
    body: JSON.stringify({ cardToken: 'tok_visa' }),
  });
  await res.arrayBuffer();
  return res.status;
}

/** `name{labels} value` lines of a Prometheus text exposition, for one metric name. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  const out: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const close = line.lastIndexOf('}');
    const labels: Record<string, string> = {};
    for (const m of line.slice(name.length + 1, close).matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)) labels[m[1] as string] = m[2] as string;
    out.push({ labels, value: Number(line.slice(close + 1).trim()) });
  }
  return out;
}

describe('observability: true on the e-commerce platform', () => {
  it('compose puts a tracing tap on every service edge, and the app imports the trace interface serve provides', () => {
    expect(composed.plan.observability).toBe(true);
    expect(composed.observability?.skipped).toEqual([]);
    const labels = composed.observability?.tapped.map((t) => t.label).sort();
    expect(labels).toEqual(
      [
        'cart',
        'catalog',
        'fraud',
        'frontend-ui',
        'gateway-api-client',
        'gateway-incoming-handler',
        'inventory',
        'orders',
        'payment',
        'recommendations',
        'search',
        'storefront-incoming-handler',
        'users',
      ].sort(),
    );
    expect(composed.imports).toContain('flotilla:interpose/trace@0.1.0');
    expect(composed.imports).toContain('flotilla:observe/context@0.1.0');
    expect(composed.exports.filter((e) => e.startsWith('flotilla-stats-'))).toHaveLength(labels?.length ?? -1);
  });

  it('a checkout: per component and function calls, errors and latency in the admin /metrics', async () => {
    const add = await fetch(`${serving.url}/cart/bob/items`, {
      method: 'POST',
      body: JSON.stringify({ productId: 'p-2003', quantity: 2 }),
    });
    expect(add.status).toBe(201);
    expect(await checkout('bob', 'tok-bob-19c2', CHECKOUT_ID)).toBe(201);
    // carol's cart is empty: the orders service refuses (an `err` result, counted as an error)
    expect(await checkout('carol', 'tok-carol-5be8', 'checkout-obs-empty')).toBe(400);
    const text = await (await fetch(`${serving.admin?.url}/metrics`)).text();
    const calls = samples(text, 'flotilla_interposer_calls_total');
    const errors = samples(text, 'flotilla_interposer_errors_total');
    const one = (list: typeof calls, interposer: string, fn: string) =>
      list.filter((s) => s.labels.interposer === interposer && s.labels.function === fn).reduce((a, s) => a + s.value, 0);
    expect(one(calls, 'orders', 'place-order')).toBe(2);
    expect(one(errors, 'orders', 'place-order')).toBe(1);
    expect(one(calls, 'payment', 'authorize')).toBe(1);
    expect(one(calls, 'payment', 'capture')).toBe(1);
    expect(one(calls, 'fraud', 'assess')).toBe(1);
    expect(one(calls, 'inventory', 'reserve')).toBe(1);
    expect(one(calls, 'storefront-incoming-handler', 'handle')).toBe(3);
    expect(one(calls, 'gateway-incoming-handler', 'handle')).toBe(3);
    expect(one(errors, 'payment', 'authorize')).toBe(0);
    const latencyCount = samples(text, 'flotilla_interposer_latency_seconds_count').find(
      (s) => s.labels.interposer === 'orders' && s.labels.function === 'place-order',
    );
    expect(latencyCount?.value).toBe(2);
    const latencySum = samples(text, 'flotilla_interposer_latency_seconds_sum').find(
      (s) => s.labels.interposer === 'orders' && s.labels.function === 'place-order',
    );
    expect(latencySum?.value).toBeGreaterThan(0);
    expect(latencyCount?.labels.interface).toBe('ecommerce:platform/orders@1.0.0');
  });

  it('the request’s correlation id is in every log line the services wrote while handling it', () => {
    const mine = logLines.filter((l) => l.request_id === CHECKOUT_ID && l.source === 'component');
    const components = new Set(mine.map((l) => l.component));
    for (const c of ['user-service', 'cart', 'orders', 'inventory', 'payment-mock', 'fraud-mock', 'product-catalog']) {
      expect(components, `log lines of ${c}`).toContain(c);
    }
    const placed = mine.find((l) => l.msg === 'order placed');
    expect(placed).toMatchObject({ level: 'INFO', component: 'orders', user_id: 'bob', status: 'confirmed' });
    expect(typeof placed?.time).toBe('string');
    // the refused checkout has its own id, and says what failed
    expect(logLines.find((l) => l.request_id === 'checkout-obs-empty' && l.component === 'orders')).toMatchObject({
      level: 'WARN',
      function: 'place-order',
      outcome: 'error',
      error: 'empty-cart',
    });
    // serve's own request line carries the same id and the number of component calls
    const request = logLines.find((l) => l.msg === 'request' && l.request_id === CHECKOUT_ID);
    expect(Number(request?.component_calls)).toBeGreaterThan(5);
    // nothing secret: no card token, no API token in any line
    expect(JSON.stringify(logLines)).not.toMatch(/tok_visa|tok-bob-19c2/);
  });

  it('the checkout’s trace reaches the OTLP receiver: a span per component it touched, each under its caller', async () => {
    await serving.flushTraces();
    const all = await receiver.waitFor((spans) => spans.some((s) => s.attributes['flotilla.request_id'] === CHECKOUT_ID));
    const root = all.find((s) => s.attributes['flotilla.request_id'] === CHECKOUT_ID) as ReceivedSpan;
    expect(root).toMatchObject({ name: 'POST /checkout', kind: 2 });
    expect(root.parentSpanId).toBeUndefined();
    expect(root.attributes['http.response.status_code']).toBe(201);
    expect(root.resource['service.name']).toBe('ecommerce-observed');
    const trace = all.filter((s) => s.traceId === root.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    const named = (name: string) => trace.filter((s) => s.name === name);
    const only = (name: string) => {
      const list = named(name);
      expect(list, name).toHaveLength(1);
      return list[0] as ReceivedSpan;
    };
    const parentName = (s: ReceivedSpan) => (s.parentSpanId === undefined ? undefined : byId.get(s.parentSpanId)?.name);
    // every span but the root has its parent in the trace, and lies within it
    for (const s of trace) {
      if (s === root) continue;
      const p = byId.get(s.parentSpanId as string);
      expect(p, `parent of ${s.name}`).toBeDefined();
      expect(s.startTimeUnixNano >= (p as ReceivedSpan).startTimeUnixNano).toBe(true);
      expect(s.endTimeUnixNano <= (p as ReceivedSpan).endTimeUnixNano).toBe(true);
      expect(s.kind).toBe(1);
    }
    const components = new Set(trace.map((s) => s.attributes['flotilla.component']).filter((c) => c !== undefined));
    expect([...components].sort()).toEqual(
      [
        'cart',
        'catalog',
        'fraud',
        'gateway',
        'inventory',
        'orders',
        'payment',
        // the gateway records the purchase for the co-purchase recommendations
        'recommendations',
        'storefront',
        'users',
      ].sort(),
    );
    expect(parentName(only('storefront handle'))).toBe('POST /checkout');
    expect(parentName(only('gateway handle'))).toBe('storefront handle');
    // the gateway authenticates (twice: the rate limit, then the checkout)
    expect(named('users authenticate').length).toBeGreaterThanOrEqual(1);
    for (const s of named('users authenticate')) expect(parentName(s)).toBe('gateway handle');
    expect(parentName(only('orders place-order'))).toBe('gateway handle');
    // the checkout's steps, in the orders service, each once (the gateway reads the cart and stock again after it)
    for (const child of [
      'cart get-cart',
      'inventory reserve',
      'fraud assess',
      'payment authorize',
      'payment capture',
      'inventory commit',
      'cart clear',
    ]) {
      expect(
        named(child).filter((s) => parentName(s) === 'orders place-order'),
        child,
      ).toHaveLength(1);
    }
    expect(parentName(only('recommendations record-purchase'))).toBe('gateway handle');
    // the cart prices from the catalog: those calls are the cart's children
    expect(named('catalog get-product').every((s) => parentName(s) === 'cart get-cart' || parentName(s) === 'gateway handle')).toBe(true);
    expect(only('orders place-order').attributes).toMatchObject({
      'rpc.service': 'ecommerce:platform/orders@1.0.0',
      'rpc.method': 'place-order',
      'flotilla.component': 'orders',
    });
    // the refused checkout: its orders span is marked as an error
    const refused = all.find((s) => s.attributes['flotilla.request_id'] === 'checkout-obs-empty') as ReceivedSpan;
    expect(refused.attributes['http.response.status_code']).toBe(400);
    const failed = all.find((s) => s.traceId === refused.traceId && s.name === 'orders place-order');
    expect(failed?.status).toEqual({ code: 2, message: 'place-order returned an error' });
    expect(receiver.problems()).toEqual([]);
  });

  it('--explain: a Mermaid sequence diagram of the first checkout', () => {
    expect(diagrams).toHaveLength(1);
    const d = diagrams[0] as string;
    expect(d.startsWith('sequenceDiagram\n')).toBe(true);
    expect(d).toContain('client->>serve: POST /checkout/bob');
    expect(d).toContain('serve->>+storefront: handle (wasi:http/incoming-handler)');
    expect(d).toContain('storefront->>+gateway: handle (wasi:http/incoming-handler)');
    expect(d).toContain('orders->>+payment: authorize (ecommerce:platform/payment)');
    expect(d).toMatch(/payment-->>-orders: ok, [\d.]+ ms/);
    expect(d).toMatch(/serve-->>client: 201, [\d.]+ ms/);
    expect(d).toContain(`request ${CHECKOUT_ID}`);
  });

  it('a real Prometheus scraping the admin listener sums the calls by component', async () => {
    let prom: Prometheus | undefined;
    try {
      prom = await startPrometheus({ scrape: [{ job: 'serve', targets: [new URL(serving.admin?.url as string).host] }] });
      await prom.waitForScrapes(1);
      const v = await prom.query('sum by (interposer) (flotilla_interposer_calls_total{function="place-order"})');
      expect(v.map((s) => [s.metric.interposer, s.value])).toEqual([['orders', 2]]);
      const e = await prom.query('sum(flotilla_interposer_errors_total{interposer="orders"})');
      expect(e[0]?.value).toBe(1);
    } finally {
      await prom?.stop();
    }
  }, 60_000);
});

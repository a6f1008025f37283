// An OTLP/HTTP trace receiver for tests: what an OpenTelemetry Collector's
// otlp receiver does for `POST /v1/traces` with the JSON encoding
// (application/json, the OTLP JSON mapping of ExportTraceServiceRequest:
// ids as hex strings, 64-bit integers as decimal strings or numbers, enums
// as numbers). Every span is decoded and checked (id lengths, times, kinds)
// and kept; a malformed request is answered 400 and recorded as a problem,
// so a test sees what was refused. Protobuf bodies are answered 415 (the
// exporter flotilla uses sends JSON).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type AttributeValue = string | number | boolean | AttributeValue[] | null;

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** Absent for a root span. */
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer (0 unspecified). */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Record<string, AttributeValue>;
  /** 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
  resource: Record<string, AttributeValue>;
  scope: { name: string; version?: string };
}

export interface OtlpReceiver {
  /** `http://127.0.0.1:<port>`: what OTEL_EXPORTER_OTLP_ENDPOINT takes (the exporter adds /v1/traces). */
  endpoint: string;
  spans(): ReceivedSpan[];
  /** Export requests received and accepted. */
  requests(): number;
  /** Requests refused, with why. */
  problems(): string[];
  /** Waits until `done(spans)` holds (checked on every request), or fails after `timeoutMs` (default 10 s) saying what arrived. */
  waitFor(done: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number): Promise<ReceivedSpan[]>;
  stop(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;
const HEX32 = /^[0-9a-f]{32}$/;
const HEX16 = /^[0-9a-f]{16}$/;

class Malformed extends Error {}

function need(cond: unknown, what: string): asserts cond {
  if (!cond) throw new Malformed(what);
}

function anyValue(v: unknown, depth = 0): AttributeValue {
  need(depth < 8 && v !== null && typeof v === 'object', 'an attribute value is not an AnyValue object');
  const o = v as Record<string, unknown>;
  if ('stringValue' in o) return String(o.stringValue);
  if ('boolValue' in o) return Boolean(o.boolValue);
  if ('intValue' in o) {
    const n = Number(o.intValue);
    need(Number.isFinite(n), 'intValue is not an integer');
    return n;
  }
  if ('doubleValue' in o) return Number(o.doubleValue);
  if ('arrayValue' in o) {
    const values = ((o.arrayValue as { values?: unknown[] }).values ?? []) as unknown[];
    return values.map((x) => anyValue(x, depth + 1));
  }
  return null;
}

function attributes(list: unknown): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  if (list === undefined) return out;
  need(Array.isArray(list), 'attributes is not a list');
  for (const kv of list as { key?: unknown; value?: unknown }[]) {
    need(typeof kv.key === 'string', 'an attribute has no key');
    out[kv.key] = anyValue(kv.value ?? {});
  }
  return out;
}

function nanos(v: unknown, what: string): bigint {
  need(typeof v === 'string' || typeof v === 'number', `${what} is missing`);
  need(/^\d+$/.test(String(v)), `${what} is not a whole number of nanoseconds`);
  return BigInt(String(v));
}

/** Decodes an ExportTraceServiceRequest in the OTLP JSON mapping; throws Malformed naming the first problem. */
export function decodeTraceRequest(body: unknown): ReceivedSpan[] {
  need(body !== null && typeof body === 'object', 'the body is not a JSON object');
  const resourceSpans = (body as { resourceSpans?: unknown }).resourceSpans;
  need(Array.isArray(resourceSpans), 'resourceSpans is not a list');
  const out: ReceivedSpan[] = [];
  for (const rs of resourceSpans as { resource?: { attributes?: unknown }; scopeSpans?: unknown }[]) {
    const resource = attributes(rs.resource?.attributes);
    need(Array.isArray(rs.scopeSpans), 'scopeSpans is not a list');
    for (const ss of rs.scopeSpans as { scope?: { name?: string; version?: string }; spans?: unknown }[]) {
      need(Array.isArray(ss.spans), 'spans is not a list');
      const scope = { name: ss.scope?.name ?? '', ...(ss.scope?.version ? { version: ss.scope.version } : {}) };
      for (const s of ss.spans as Record<string, unknown>[]) {
        need(typeof s.traceId === 'string' && HEX32.test(s.traceId), `traceId ${String(s.traceId)} is not 32 hex digits`);
        need(typeof s.spanId === 'string' && HEX16.test(s.spanId), `spanId ${String(s.spanId)} is not 16 hex digits`);
        const parent = s.parentSpanId === undefined || s.parentSpanId === '' ? undefined : s.parentSpanId;
        need(
          parent === undefined || (typeof parent === 'string' && HEX16.test(parent)),
          `parentSpanId ${String(parent)} is not 16 hex digits`,
        );
        need(typeof s.name === 'string' && s.name !== '', 'a span has no name');
        const kind = Number(s.kind ?? 0);
        need(Number.isInteger(kind) && kind >= 0 && kind <= 5, `kind ${String(s.kind)} is not a SpanKind`);
        const start = nanos(s.startTimeUnixNano, 'startTimeUnixNano');
        const end = nanos(s.endTimeUnixNano, 'endTimeUnixNano');
        need(end >= start, `span ${s.name} ends before it starts`);
        const status = (s.status ?? {}) as { code?: unknown; message?: unknown };
        out.push({
          traceId: s.traceId,
          spanId: s.spanId,
          ...(parent !== undefined ? { parentSpanId: parent as string } : {}),
          name: s.name,
          kind,
          startTimeUnixNano: start,
          endTimeUnixNano: end,
          attributes: attributes(s.attributes),
          status: {
            code: Number(status.code ?? 0),
            ...(typeof status.message === 'string' && status.message !== '' ? { message: status.message } : {}),
          },
          resource,
          scope,
        });
      }
    }
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const problems: string[] = [];
  let accepted = 0;
  const waiters = new Set<() => void>();
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/traces') {
        answer(res, 404, { code: 5, message: `no ${req.method} ${req.url}: this receiver takes POST /v1/traces` });
        return;
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
      const body = await readBody(req);
      if (body === undefined) {
        problems.push('a request body was over 8 MiB');
        answer(res, 413, { code: 8, message: 'body too large' });
        return;
      }
      if (type !== 'application/json') {
        problems.push(`content-type ${type}`);
        answer(res, 415, { code: 3, message: 'this receiver decodes the JSON encoding only (application/json)' });
        return;
      }
      let decoded: ReceivedSpan[];
      try {
        decoded = decodeTraceRequest(JSON.parse(body.toString('utf8')));
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
        answer(res, 400, { code: 3, message: err instanceof Error ? err.message : String(err) });
        return;
      }
      spans.push(...decoded);
      accepted++;
      answer(res, 200, {});
      for (const w of waiters) w();
    } catch (err) {
      answer(res, 500, { code: 13, message: String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans: () => [...spans],
    requests: () => accepted,
    problems: () => [...problems],
    waitFor(done, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (done(spans)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve([...spans]);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `the OTLP receiver did not get the spans waited for in ${timeoutMs} ms: ${spans.length} spans (${spans.map((s) => s.name).join(', ') || 'none'}), problems: ${problems.join('; ') || 'none'}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

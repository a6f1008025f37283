// iot:edge-gateway — the edge's HTTP front door (local component).
// Exports wasi:http/incoming-handler@0.2.10; imports the device registry,
// configuration, OTA, the time-series store, the anomaly model, the stream
// processor and the warehouse (iot:platform/*@1.0.0) and the wall clock.
//
// Devices post batches of readings; the gateway checks that each device is
// registered, stamps readings that carry no time, and hands the batch to the
// stream processor (windows, storage, anomaly scores) in one call. Operator
// routes (configuration, firmware manifests) need the operator token.
import analytics from 'iot:platform/analytics@1.0.0';
import anomaly from 'iot:platform/anomaly@1.0.0';
import configuration from 'iot:platform/configuration@1.0.0';
import ota from 'iot:platform/ota@1.0.0';
import processing from 'iot:platform/processing@1.0.0';
import registry from 'iot:platform/registry@1.0.0';
import timeSeries from 'iot:platform/time-series@1.0.0';
import wall from 'wasi:clocks/wall-clock@0.2.10';
import { readRequest, writeResponse } from '../../../lib/js/http-server.js';
import { attempt, describeError, num, payloadOf, toJson } from '../../../lib/js/wit.js';

const OPERATOR_TOKEN = 'op-iot-7d1e'; // demo value
const MAX_BATCH = 5000;
const METRIC = /^[a-z][a-z0-9_]{0,31}$/;

class HttpError extends Error {
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

function nowMs() {
  const t = wall.now();
  return num(t.seconds) * 1000 + Math.floor(t.nanoseconds / 1e6);
}

function json(status, body, headers = {}) {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: toJson(body) };
}

function readJson(req) {
  try {
    const v = JSON.parse(req.body === '' ? '{}' : req.body);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v;
  } catch {
    throw new HttpError(400, 'bad-json', 'the request body is not a JSON object');
  }
}

function requireOperator(req) {
  if (req.headers.authorization !== `Bearer ${OPERATOR_TOKEN}`)
    throw new HttpError(401, 'unauthenticated', 'operator routes need Authorization: Bearer <operator token>');
}

function intParam(url, name, fallback) {
  const v = url.searchParams.get(name);
  if (v === null) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new HttpError(400, 'bad-parameter', `${name} must be a whole number`);
  return n;
}

function settingsOf(body) {
  if (body.settings === null || typeof body.settings !== 'object')
    throw new HttpError(400, 'bad-body', 'expected {"settings": {"key": "value", ...}}');
  return Object.entries(body.settings).map(([key, value]) => ({ key, value: String(value) }));
}

const OTA_ERRORS = {
  unsigned: [400, 'the manifest is not signed: send its signature (base64) with it'],
  'bad-signature': [403, 'the manifest signature does not verify against a trusted vendor key'],
  malformed: [400, 'the manifest is malformed'],
  'unknown-device': [404, 'unknown device'],
  'not-newer': [409, 'that version is already published'],
};

function otaError(e) {
  const [status, message] = OTA_ERRORS[e?.tag] ?? [500, describeError(e)];
  return new HttpError(status, e?.tag ?? 'ota', e?.val === undefined ? message : `${message}: ${e.val}`);
}

const routes = [
  [
    'GET',
    /^\/health$/,
    'health',
    () =>
      json(200, {
        status: 'ok',
        devices: registry.listDevices(undefined).length,
        points: num(timeSeries.pointCount()),
        model: anomaly.model(),
      }),
  ],
  [
    'POST',
    /^\/devices$/,
    'register',
    (req) => {
      const b = readJson(req);
      const r = attempt(() =>
        registry.register({
          id: String(b.id ?? ''),
          model: String(b.model ?? ''),
          firmware: String(b.firmware ?? ''),
          site: String(b.site ?? ''),
        }),
      );
      if (!r.ok) throw new HttpError(r.error?.tag === 'duplicate' ? 409 : 400, r.error?.tag ?? 'invalid', describeError(r.error));
      return json(201, r.value);
    },
  ],
  [
    'GET',
    /^\/devices$/,
    'devices',
    (_req, _m, url) => json(200, { devices: registry.listDevices(url.searchParams.get('model') ?? undefined) }),
  ],
  [
    'GET',
    /^\/devices\/([^/]+)$/,
    'device',
    (_req, m) => {
      const d = registry.get(m[1]);
      if (d == null) throw new HttpError(404, 'not-found', `no device ${m[1]}`);
      const [version, settings] = configuration.effective(d.id, d.model);
      return json(200, { ...d, config: { version, settings: Object.fromEntries(settings.map((s) => [s.key, s.value])) } });
    },
  ],
  [
    'PUT',
    /^\/(models|devices)\/([^/]+)\/config$/,
    'config',
    (req, m) => {
      requireOperator(req);
      const settings = settingsOf(readJson(req));
      const r = attempt(() => (m[1] === 'models' ? configuration.setModel(m[2], settings) : configuration.setDevice(m[2], settings)));
      if (!r.ok) throw new HttpError(400, 'bad-config', describeError(r.error));
      return json(200, { version: r.value });
    },
  ],
  [
    'POST',
    /^\/readings$/,
    'ingest',
    (req) => {
      const b = readJson(req);
      if (!Array.isArray(b.readings) || b.readings.length === 0 || b.readings.length > MAX_BATCH) {
        throw new HttpError(400, 'bad-body', `expected {"readings": [...]} with 1 to ${MAX_BATCH} readings`);
      }
      const now = nowMs();
      const known = new Map();
      const readings = [];
      let refused = 0;
      for (const r of b.readings) {
        const id = typeof r?.deviceId === 'string' ? r.deviceId : '';
        if (!known.has(id)) known.set(id, registry.get(id) != null);
        if (!known.get(id) || typeof r.metric !== 'string' || !METRIC.test(r.metric) || typeof r.value !== 'number') {
          refused += 1;
          continue;
        }
        readings.push({ deviceId: id, metric: r.metric, value: r.value, atMs: Number.isSafeInteger(r.atMs) && r.atMs >= 0 ? r.atMs : now });
      }
      const result = readings.length > 0 ? processing.ingest(readings) : { accepted: 0, rejected: 0, closedWindows: 0, anomalies: [] };
      return json(202, {
        ...result,
        rejected: result.rejected + refused,
        unknownDevices: [...known].filter(([, ok]) => !ok).map(([id]) => id),
      });
    },
  ],
  [
    'GET',
    /^\/devices\/([^/]+)\/windows$/,
    'windows',
    (_req, m, url) =>
      json(200, {
        windowMs: num(processing.windowMs()),
        windows: processing.windows(m[1], url.searchParams.get('metric') ?? 'temperature', intParam(url, 'limit', 20)),
      }),
  ],
  [
    'GET',
    /^\/devices\/([^/]+)\/series\/([^/]+)$/,
    'series',
    (_req, m, url) => {
      const from = intParam(url, 'from', 0);
      const to = intParam(url, 'to', Number.MAX_SAFE_INTEGER);
      const step = intParam(url, 'step', 60_000);
      if (step === 0) throw new HttpError(400, 'bad-parameter', 'step must be positive');
      return json(200, { series: `raw:${m[1]}:${m[2]}`, buckets: timeSeries.downsample(`raw:${m[1]}:${m[2]}`, from, to, step) });
    },
  ],
  [
    'GET',
    /^\/anomalies$/,
    'anomalies',
    (_req, _m, url) =>
      json(200, { model: anomaly.model(), anomalies: anomaly.anomalies(intParam(url, 'since', 0), intParam(url, 'limit', 100)) }),
  ],
  [
    'POST',
    /^\/ota\/manifests$/,
    'publish-manifest',
    (req) => {
      requireOperator(req);
      const b = readJson(req);
      if (typeof b.manifest !== 'string')
        throw new HttpError(400, 'bad-body', 'expected {"manifest": "<JSON text>", "signature": "<base64>"}');
      const r = attempt(() => ota.publish(b.manifest, typeof b.signature === 'string' ? b.signature : undefined));
      if (!r.ok) throw otaError(r.error);
      return json(201, r.value);
    },
  ],
  ['GET', /^\/ota\/manifests$/, 'manifests', () => json(200, { manifests: ota.manifests() })],
  [
    'GET',
    /^\/devices\/([^/]+)\/ota$/,
    'offer',
    (_req, m) => {
      const r = attempt(() => ota.offer(m[1]));
      if (!r.ok) throw otaError(r.error);
      return json(200, { deviceId: m[1], offer: r.value ?? null });
    },
  ],
  [
    'POST',
    /^\/analytics\/runs$/,
    'analytics',
    (req) => {
      const b = readJson(req);
      const metric = typeof b.metric === 'string' && METRIC.test(b.metric) ? b.metric : 'temperature';
      const from = Number.isSafeInteger(b.fromMs) ? b.fromMs : 0;
      const to = Number.isSafeInteger(b.toMs) ? b.toMs : Number.MAX_SAFE_INTEGER;
      return json(200, { metric, reports: analytics.run(metric, from, to) });
    },
  ],
  ['GET', /^\/metrics$/, 'metrics', () => json(200, { requests, routes: Object.fromEntries(counts) })],
];

let requests = 0;
const counts = new Map();

function route(req) {
  requests += 1;
  const requestId = `req-${String(requests).padStart(6, '0')}`;
  let matched = false;
  for (const [method, pattern, name, handler] of routes) {
    const m = pattern.exec(req.url.pathname);
    if (m === null) continue;
    matched = true;
    if (method !== req.method) continue;
    let response;
    try {
      response = handler(req, m, req.url);
    } catch (err) {
      response =
        err instanceof HttpError
          ? json(err.status, { error: err.code, message: err.message, ...err.extra })
          : json(500, { error: 'internal', message: describeError(payloadOf(err)) });
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
    response.headers['x-request-id'] = requestId;
    return response;
  }
  return json(
    matched ? 405 : 404,
    { error: matched ? 'method-not-allowed' : 'not-found', path: req.url.pathname },
    { 'x-request-id': requestId },
  );
}

export const incomingHandler = {
  handle(request, responseOut) {
    let response;
    try {
      response = route(readRequest(request));
    } catch (err) {
      response = json(400, { error: 'bad-request', message: describeError(payloadOf(err)) });
    }
    writeResponse(responseOut, response);
  },
};

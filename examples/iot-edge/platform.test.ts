// The IoT edge platform end to end: built from source, published into the
// embedded registry, composed for development from flotilla.yaml, served,
// and run through a day at the edge: devices registered, 10,000 readings
// streamed into windows with one injected spike flagged by the anomaly model,
// batch analytics per model, configuration, and OTA updates that are offered
// only with a verified signature and only to devices of the right model.
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../../shared/serve/log.ts';
import { client, type ServedExample, serveExample } from '../lib/testing.ts';
import { iotEdge } from './components.ts';

let app: ServedExample;
const call = client(() => app.server.url);
const OPERATOR = { token: 'op-iot-7d1e' };
const VENDOR_KEY = readFileSync(join(import.meta.dirname, 'keys', 'firmware-vendor.demo.pem'), 'utf8');

const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  app = await serveExample(iotEdge, { logger: jsonLogger((line) => logLines.push(JSON.parse(line) as Record<string, unknown>)) });
}, 300_000);
afterAll(async () => {
  await app?.close();
});

const DEVICES = [
  { id: 'thermo-0001', model: 'thermo-x1', firmware: '1.4.2', site: 'plant-a' },
  { id: 'thermo-0002', model: 'thermo-x1', firmware: '1.4.2', site: 'plant-a' },
  { id: 'thermo-0003', model: 'thermo-x1', firmware: '2.0.0', site: 'plant-b' },
  { id: 'vibra-0001', model: 'vibra-s2', firmware: '0.9.0', site: 'plant-a' },
  { id: 'vibra-0002', model: 'vibra-s2', firmware: '0.9.0', site: 'plant-b' },
];
const START = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const PER_DEVICE = 2000; // one reading a second: 10,000 in all
const SPIKE = { deviceId: 'thermo-0002', at: START + 1234 * 1000, add: 9 };

/** A deterministic signal per device: a slow sine, a little bounded noise (xorshift), and one spike. */
function readings() {
  let seed = 0x2545f491;
  const noise = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) / 0xffffffff - 0.5) * 0.6;
  };
  const all: { deviceId: string; metric: string; value: number; atMs: number }[] = [];
  for (let i = 0; i < PER_DEVICE; i++) {
    DEVICES.forEach((d, k) => {
      const atMs = START + i * 1000;
      let value = 20 + k + 2 * Math.sin((2 * Math.PI * i) / 600) + noise();
      if (d.id === SPIKE.deviceId && atMs === SPIKE.at) value += SPIKE.add;
      all.push({ deviceId: d.id, metric: 'temperature', value: Math.round(value * 1000) / 1000, atMs });
    });
  }
  return all;
}

function signManifest(manifest: string, key: string = VENDOR_KEY): string {
  return sign('sha256', Buffer.from(manifest), key).toString('base64');
}

const MANIFEST = JSON.stringify({
  model: 'thermo-x1',
  version: '2.1.0',
  firmware: { url: 'https://firmware.example.com/thermo-x1/2.1.0.bin', sha256: 'ab'.repeat(32), size: 524_288 },
});

describe('the composed IoT edge platform', () => {
  it('is the development composition: the gateway local, seven services from the embedded registry, WASI imports only', () => {
    expect(app.composed.components.map((c) => c.name).sort()).toEqual(
      [
        'data_warehouse',
        'device_config',
        'device_registry',
        'edge_gateway',
        'ml_inference',
        'ota_updates',
        'stream_processor',
        'time_series_db',
      ].sort(),
    );
    expect(app.composed.components.find((c) => c.name === 'edge_gateway')?.registry).toBe('local');
    expect(app.composed.exports).toEqual(['wasi:http/incoming-handler@0.2.10']);
    // WASI, and the request context every service imports (flotilla serve provides it)
    expect(app.composed.imports.filter((i) => !i.startsWith('wasi:'))).toEqual(['flotilla:observe/context@0.1.0']);
  });

  it('registers devices, refusing a duplicate and a bad firmware version', async () => {
    for (const d of DEVICES) expect((await call('POST', '/devices', d)).status).toBe(201);
    expect((await call('POST', '/devices', DEVICES[0])).status).toBe(409);
    const bad = await call('POST', '/devices', { ...DEVICES[0], id: 'thermo-9999', firmware: 'latest' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain("firmware 'latest' is not a version x.y.z");
    expect((await call('GET', '/devices?model=vibra-s2')).json.devices.map((d: { id: string }) => d.id)).toEqual([
      'vibra-0001',
      'vibra-0002',
    ]);
  });

  it('each service writes its log lines with the correlation id of the request it works for', async () => {
    const r = await call('GET', '/devices?model=thermo-x1', undefined, { headers: { 'x-request-id': 'req-iot-0001' } });
    expect(r.status).toBe(200);
    const mine = logLines.filter((l) => l.request_id === 'req-iot-0001');
    expect(mine).toContainEqual(
      expect.objectContaining({ msg: 'call', source: 'component', component: 'device-registry', outcome: 'ok', level: 'INFO' }),
    );
    // the duplicate registration above was refused by the registry: its line says so, under that request's own id
    const refused = logLines.find((l) => l.component === 'device-registry' && l.outcome === 'error');
    expect(refused).toMatchObject({ level: 'WARN', function: 'register' });
    expect(refused?.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('streams 10,000 readings into 10-second windows and flags the injected spike, and nothing else', async () => {
    const all = readings();
    expect(all).toHaveLength(10_000);
    let accepted = 0;
    let closed = 0;
    const flagged: { deviceId: string; atMs: number; zScore: number; value: number }[] = [];
    for (let i = 0; i < all.length; i += 500) {
      const r = await call('POST', '/readings', { readings: all.slice(i, i + 500) });
      expect(r.status).toBe(202);
      accepted += r.json.accepted;
      closed += r.json.closedWindows;
      flagged.push(...r.json.anomalies);
    }
    expect(accepted).toBe(10_000);
    expect(closed).toBe(DEVICES.length * (PER_DEVICE / 10 - 1)); // the last window of each device is still open
    expect(flagged.map((a) => [a.deviceId, a.atMs])).toEqual([[SPIKE.deviceId, SPIKE.at]]);
    expect(flagged[0]?.zScore).toBeGreaterThan(4);
    const listed = await call('GET', `/anomalies?since=${START}`);
    expect(listed.json.anomalies).toHaveLength(1);
    expect(listed.json.model).toMatchObject({ kind: 'ewma-zscore', threshold: 4, warmup: 30, series: 5 });

    // a window's statistics are the readings' own
    const w = await call('GET', '/devices/vibra-0001/windows?metric=temperature&limit=200');
    const window = (w.json.windows as { startMs: number; count: number; mean: number; min: number; max: number }[]).find(
      (x) => x.startMs === START + 500_000,
    );
    const inside = all
      .filter((r) => r.deviceId === 'vibra-0001' && r.atMs >= START + 500_000 && r.atMs < START + 510_000)
      .map((r) => r.value);
    expect(window?.count).toBe(10);
    expect(window?.mean).toBeCloseTo(inside.reduce((s, v) => s + v, 0) / 10, 9);
    expect(window?.min).toBe(Math.min(...inside));
    expect(window?.max).toBe(Math.max(...inside));

    // late readings (before a series' open window) and unknown devices are refused
    const late = await call('POST', '/readings', {
      readings: [
        { deviceId: 'vibra-0001', metric: 'temperature', value: 1, atMs: START },
        { deviceId: 'ghost-0001', metric: 'temperature', value: 1, atMs: START + 3_000_000 },
      ],
    });
    expect(late.json).toMatchObject({ accepted: 0, rejected: 2, unknownDevices: ['ghost-0001'] });

    // the stored series downsamples
    const series = await call('GET', `/devices/thermo-0001/series/temperature?from=${START}&to=${START + 600_000}&step=60000`);
    expect(series.json.buckets).toHaveLength(10);
    expect(series.json.buckets[0].count).toBe(60);
  });

  it('runs batch analytics per device model over the stored readings', async () => {
    const r = await call('POST', '/analytics/runs', { metric: 'temperature', fromMs: START, toMs: START + PER_DEVICE * 1000 });
    expect(r.status).toBe(200);
    const byModel = new Map(
      (r.json.reports as { model: string; devices: number; readings: number; p50: number; p95: number; max: number }[]).map((x) => [
        x.model,
        x,
      ]),
    );
    expect(byModel.get('thermo-x1')).toMatchObject({ devices: 3, readings: 6000 });
    expect(byModel.get('vibra-s2')).toMatchObject({ devices: 2, readings: 4000 });
    const thermo = byModel.get('thermo-x1');
    expect(thermo?.p50).toBeLessThan(thermo?.p95 ?? 0);
    expect(thermo?.max).toBeGreaterThan(30); // the spike
  });

  it('applies configuration: defaults, then the model, then the device; bad values are refused', async () => {
    expect((await call('PUT', '/models/thermo-x1/config', { settings: { 'sample-interval-ms': '5000' } })).status).toBe(401);
    expect((await call('PUT', '/models/thermo-x1/config', { settings: { 'sample-interval-ms': '5000' } }, OPERATOR)).status).toBe(200);
    expect((await call('PUT', '/devices/thermo-0002/config', { settings: { 'temperature-unit': 'fahrenheit' } }, OPERATOR)).status).toBe(
      200,
    );
    const bad = await call('PUT', '/devices/thermo-0002/config', { settings: { 'sample-interval-ms': '5' } }, OPERATOR);
    expect(bad.json.message).toContain("bad value '5' for sample-interval-ms");
    const d = await call('GET', '/devices/thermo-0002');
    expect(d.json.config.settings).toEqual({
      'sample-interval-ms': '5000',
      'report-batch': '100',
      'temperature-unit': 'fahrenheit',
      'alert-threshold-z': '4',
    });
    expect((await call('GET', '/devices/thermo-0001')).json.config.settings['temperature-unit']).toBe('celsius');
  });

  it('refuses an unsigned manifest, one signed by another key, and a tampered one; offers a signed update only to older devices of its model', async () => {
    const unsigned = await call('POST', '/ota/manifests', { manifest: MANIFEST }, OPERATOR);
    expect(unsigned.status).toBe(400);
    expect(unsigned.json.error).toBe('unsigned');
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const wrongKey = await call('POST', '/ota/manifests', { manifest: MANIFEST, signature: signManifest(MANIFEST, stranger) }, OPERATOR);
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.json.error).toBe('bad-signature');
    const tampered = MANIFEST.replace('2.1.0.bin', '2.1.0-evil.bin');
    expect((await call('POST', '/ota/manifests', { manifest: tampered, signature: signManifest(MANIFEST) }, OPERATOR)).status).toBe(403);
    expect((await call('GET', '/ota/manifests')).json.manifests).toEqual([]);
    for (const d of DEVICES) expect((await call('GET', `/devices/${d.id}/ota`)).json.offer, d.id).toBeNull();

    const published = await call('POST', '/ota/manifests', { manifest: MANIFEST, signature: signManifest(MANIFEST) }, OPERATOR);
    expect(published.status, JSON.stringify(published.json)).toBe(201);
    expect(published.json).toMatchObject({ model: 'thermo-x1', version: '2.1.0', firmwareSize: 524_288 });
    expect(published.json.signedBy).toMatch(/^[0-9a-f]{64}$/);
    const offers = Object.fromEntries(
      await Promise.all(DEVICES.map(async (d) => [d.id, (await call('GET', `/devices/${d.id}/ota`)).json.offer?.version ?? null] as const)),
    );
    expect(offers).toEqual({
      'thermo-0001': '2.1.0',
      'thermo-0002': '2.1.0',
      'thermo-0003': '2.1.0',
      'vibra-0001': null,
      'vibra-0002': null,
    });
    // a signed manifest that is not valid is refused after its signature checks out
    const malformed = '{"model":"thermo-x1","version":"two"}';
    const m = await call('POST', '/ota/manifests', { manifest: malformed, signature: signManifest(malformed) }, OPERATOR);
    expect(m.status).toBe(400);
    expect(m.json.message).toContain('version must be x.y.z');
    expect((await call('GET', '/devices/ghost/ota')).status).toBe(404);
  });

  it('the OTA service trusts exactly the vendor key in keys/', () => {
    const source = readFileSync(join(import.meta.dirname, 'services', 'ota-updates', 'trusted-keys.js'), 'utf8');
    const pub = readFileSync(join(import.meta.dirname, 'keys', 'firmware-vendor.pub'), 'utf8').trim();
    expect(source).toContain(pub);
    expect(source.match(/BEGIN PUBLIC KEY/g)).toHaveLength(1);
  });
});

// `npm run demo -- iot-edge`: build, publish, compose for development and
// serve the IoT edge platform, then a minute at the edge: devices registered,
// readings streamed with a spike in them, the spike flagged, windows and
// analytics read back, and a signed firmware manifest offered to its model.
import { sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildComposeServe, curl, finish, say } from '../lib/demo.ts';
import { iotEdge } from './components.ts';

const OPERATOR = { authorization: 'Bearer op-iot-7d1e' };

export async function runIotDemo(options: { port: number; keepServing: boolean }): Promise<void> {
  const { server } = await buildComposeServe(iotEdge, options.port);
  const call = curl(server.url);
  try {
    say('\n5. devices, 2,000 readings with one spike, the anomaly, a window, analytics, an OTA update');
    await call('POST', '/devices', { id: 'thermo-0001', model: 'thermo-x1', firmware: '1.4.2', site: 'plant-a' }, {}, 3);
    await call('POST', '/devices', { id: 'vibra-0001', model: 'vibra-s2', firmware: '0.9.0', site: 'plant-a' }, {}, 3);
    const start = Date.UTC(2026, 0, 1);
    const readings = [];
    for (let i = 0; i < 1000; i++) {
      for (const [k, id] of ['thermo-0001', 'vibra-0001'].entries()) {
        const spike = id === 'thermo-0001' && i === 700 ? 9 : 0;
        readings.push({
          deviceId: id,
          metric: 'temperature',
          value: 20 + k + 2 * Math.sin(i / 95) + ((i * 7919) % 100) / 400 + spike,
          atMs: start + i * 1000,
        });
      }
    }
    say(`\n$ # POST /readings, 4 batches of 500 readings (2 devices, one a second for 1,000 s)`);
    let flagged = 0;
    for (let i = 0; i < readings.length; i += 500) {
      const r = (await fetch(`${server.url}/readings`, {
        method: 'POST',
        body: JSON.stringify({ readings: readings.slice(i, i + 500) }),
      }).then((x) => x.json())) as {
        accepted: number;
        closedWindows: number;
        anomalies: unknown[];
      };
      flagged += r.anomalies.length;
      say(`   batch ${i / 500 + 1}: accepted ${r.accepted}, windows closed ${r.closedWindows}, anomalies ${r.anomalies.length}`);
    }
    say(`   ${flagged} anomaly flagged`);
    await call('GET', `/anomalies?since=${start}`, undefined, {}, 20);
    await call('GET', '/devices/thermo-0001/windows?metric=temperature&limit=1', undefined, {}, 16);
    await call('POST', '/analytics/runs', { metric: 'temperature' }, {}, 24);
    const manifest = JSON.stringify({
      model: 'thermo-x1',
      version: '2.1.0',
      firmware: { url: 'https://firmware.example.com/thermo-x1/2.1.0.bin', sha256: 'ab'.repeat(32), size: 524_288 },
    });
    const key = readFileSync(join(iotEdge.dir, 'keys', 'firmware-vendor.demo.pem'), 'utf8');
    await call('POST', '/ota/manifests', { manifest }, OPERATOR, 4);
    await call(
      'POST',
      '/ota/manifests',
      { manifest, signature: sign('sha256', Buffer.from(manifest), key).toString('base64') },
      OPERATOR,
      10,
    );
    await call('GET', '/devices/thermo-0001/ota', undefined, {}, 12);
    await call('GET', '/devices/vibra-0001/ota', undefined, {}, 4);
  } catch (err) {
    await server.close();
    throw err;
  }
  await finish(server, options.keepServing, '/health');
}

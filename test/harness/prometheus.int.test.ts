import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Prometheus, startPrometheus } from './prometheus.ts';

let prom: Prometheus;
let server: ReturnType<typeof createServer>;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    hits++;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(
      ['# TYPE demo_calls_total counter', 'demo_calls_total{version="stable"} 900', 'demo_calls_total{version="canary"} 100', ''].join(
        '\n',
      ),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  prom = await startPrometheus({ scrape: [{ job: 'demo', targets: [`127.0.0.1:${port}`] }] });
});

afterAll(async () => {
  await prom?.stop();
  await new Promise((r) => server?.close(r));
});

test('a real Prometheus scrapes a target and answers PromQL through its HTTP API', async () => {
  await prom.waitForScrapes(1);
  expect(hits).toBeGreaterThan(0);
  const share = await prom.query('sum(demo_calls_total{version="canary"}) / sum(demo_calls_total)');
  expect(share).toHaveLength(1);
  expect(share[0]?.value).toBeCloseTo(0.1, 10);
  const byVersion = await prom.query('demo_calls_total');
  expect(byVersion.map((s) => s.metric.version).sort()).toEqual(['canary', 'stable']);
  expect(await prom.query('demo_calls_total{version="none"}')).toEqual([]);
});

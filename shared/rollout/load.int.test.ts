import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startLoad } from './load.ts';
import { specWith } from './test-fixtures.ts';

let server: Server;
let url = '';
let hits = 0;
let concurrent = 0;
let maxConcurrent = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    const delay = req.url === '/slow' ? 200 : 0;
    setTimeout(() => {
      concurrent--;
      res.writeHead(req.url === '/fail' ? 500 : 200).end('ok');
    }, delay);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => server?.close());

const loadOf = (yaml: string) => {
  const load = specWith(`repository: ghcr.io/acme/shop\nload: ${yaml}`).rollout.load;
  if (!load) throw new Error('no load');
  return load;
};

it('sends at the rate for the duration, then stops by itself', async () => {
  hits = 0;
  const t0 = Date.now();
  const stats = await startLoad(loadOf(`{url: "${url}/", rate: 50, duration: 1s}`)).done;
  const took = Date.now() - t0;
  expect(took).toBeGreaterThanOrEqual(1000);
  expect(took).toBeLessThan(4000);
  // the schedule catches up when timers run late (a busy machine), and never goes past rate × duration
  expect(stats.sent).toBeGreaterThanOrEqual(35);
  expect(stats.sent).toBeLessThanOrEqual(50);
  expect(stats.ok).toBe(stats.sent);
  expect(hits).toBe(stats.sent);
  expect(stats.statuses['200']).toBe(stats.sent);
});

it('never sends more than maxRequests, and counts failures by status', async () => {
  const stats = await startLoad(loadOf(`{url: "${url}/fail", rate: 200, duration: 10s, maxRequests: 25}`)).done;
  expect(stats.sent).toBe(25);
  expect(stats.failed).toBe(25);
  expect(stats.statuses['500']).toBe(25);
  expect(stats.durationMs).toBeLessThan(2000);
});

it('keeps at most concurrency requests in flight, and stop() ends it early', async () => {
  maxConcurrent = 0;
  const load = startLoad(loadOf(`{url: "${url}/slow", rate: 100, duration: 30s, concurrency: 3}`));
  await new Promise((r) => setTimeout(r, 600));
  const stats = await load.stop();
  expect(maxConcurrent).toBeLessThanOrEqual(3);
  expect(stats.skipped).toBeGreaterThan(0);
  expect(stats.durationMs).toBeLessThan(2000);
  expect(concurrent).toBe(0);
});

it('the spec bounds the rate', () => {
  expect(() => loadOf(`{url: "${url}/", rate: 5000}`)).toThrow(/rate is requests per second, more than 0 and at most 1000/);
});

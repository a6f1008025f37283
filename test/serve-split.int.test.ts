// `flotilla serve --follow` over the e-commerce platform with the user
// service split at weight 10 (a splitter between the gateway and the user
// service, put there by splitInGraph; platform.wac unchanged), pushed to a
// registry with token auth and served by following its tag: 1,000
// authenticated requests, each calling the user service once, and the admin
// /metrics counts exactly 100 calls on the canary backend; a real Prometheus
// scrapes it and PromQL puts the canary's share at 0.1. Moving the tag to
// the same platform split at weight 50 switches without a failed request
// while 50 requests at a time run, and the new digest's series show the new
// weight.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushFile } from '../shared/artifact/operations.ts';
import { composePlatform } from '../shared/interpose/testdata/ecommerce.ts';
import { type Serving, startServing } from '../shared/serve/serving.ts';
import { type Prometheus, startPrometheus } from './harness/prometheus.ts';
import { type Registry, startRegistry } from './harness/registry.ts';

const TOKENS = ['tok-alice-7f3a', 'tok-bob-19c2', 'tok-carol-5be8'];

let reg: Registry;
let work: string;
let env: NodeJS.ProcessEnv;
let tagRef: string;
let digest10: string;
let serving: Serving;
let prometheus: Prometheus | undefined;

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' });
  work = mkdtempSync(join(tmpdir(), 'flotilla-serve-split-'));
  env = {
    ...process.env,
    FLOTILLA_REGISTRIES: `test|${reg.host}|oci|basic|REG_USER|REG_PASSWORD`,
    REG_USER: reg.username ?? '',
    REG_PASSWORD: reg.password ?? '',
  };
  for (const weight of [10, 50]) writeFileSync(join(work, `split-${weight}.wasm`), (await composePlatform({ weight })).bytes);
  tagRef = `${reg.host}/company/ecommerce/platform:canary`;
  digest10 = (await pushFile(join(work, 'split-10.wasm'), tagRef, { cwd: work, env })).descriptor.digest;
  serving = await startServing({
    follow: tagRef,
    cwd: work,
    env,
    pollSeconds: 1,
    admin: { host: '127.0.0.1', port: 0 },
    storeDir: join(work, 'serve-store'),
    cacheDir: join(work, 'transpiled'),
  });
}, 900_000);

afterAll(async () => {
  await serving?.close();
  await prometheus?.stop();
  await reg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function metrics(): Promise<string> {
  const res = await fetch(`${serving.admin?.url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of the interposer calls counter for one function and version (and digest). */
function calls(text: string, fn: string, version: string, digest: string): number {
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('flotilla_interposer_calls_total{') &&
        l.includes(`function="${fn}"`) &&
        l.includes(`version="${version}"`) &&
        l.includes(`digest="${digest}"`),
    );
  return line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('serve --follow over the e-commerce platform with the user service split at weight 10', () => {
  it('1,000 authenticated requests, each calling the user service once: /metrics counts exactly 100 on canary', async () => {
    for (let i = 0; i < 1000; i++) {
      const res = await fetch(`${serving.url}/products/p-1001`, { headers: { authorization: `Bearer ${TOKENS[i % 3]}` } });
      // the gateway authenticates every request, then limits each user to 120 a minute
      expect([200, 429]).toContain(res.status);
      await res.arrayBuffer();
    }
    const text = await metrics();
    expect(calls(text, 'authenticate', 'canary', digest10)).toBe(100);
    expect(calls(text, 'authenticate', 'stable', digest10)).toBe(900);
    expect(text).toMatch(/^# TYPE flotilla_interposer_latency_seconds histogram$/m);
    expect(text).toContain(
      `flotilla_interposer_weight{interposer="users",interface="ecommerce:platform/users@1.0.0",digest="${digest10}",role="splitter"} 10`,
    );
  }, 300_000);

  it('a real Prometheus scrapes the admin listener and PromQL puts the canary’s share of calls at 0.1', async () => {
    prometheus = await startPrometheus({ scrape: [{ job: 'serve', targets: [`127.0.0.1:${serving.admin?.port}`] }] });
    await prometheus.waitForScrapes(2);
    const share = await prometheus.query(
      'sum(flotilla_interposer_calls_total{job="serve",version="canary"}) / sum(flotilla_interposer_calls_total{job="serve"})',
    );
    expect(share).toEqual([{ metric: {}, value: 0.1 }]);
    const byVersion = await prometheus.query('sum by (version) (flotilla_interposer_calls_total{job="serve",function="authenticate"})');
    expect(Object.fromEntries(byVersion.map((s) => [s.metric.version, s.value]))).toEqual({ stable: 900, canary: 100 });
    const p99 = await prometheus.query(
      'histogram_quantile(0.99, sum by (le, version) (flotilla_interposer_latency_seconds_bucket{job="serve",function="authenticate"}))',
    );
    // a latency per version, since the start, from the histogram's cumulative buckets
    expect(p99.map((s) => s.metric.version).sort()).toEqual(['canary', 'stable']);
    for (const s of p99) expect(s.value).toBeGreaterThan(0);
  }, 120_000);

  it('moving the tag to the platform split at weight 50 switches under 50 concurrent requests without a failed one', async () => {
    const digest50 = (await pushFile(join(work, 'split-50.wasm'), tagRef, { cwd: work, env })).descriptor.digest;
    const failures: string[] = [];
    const deadline = Date.now() + 300_000;
    for (let round = 0; serving.server.serving().digest !== digest50 && Date.now() < deadline; round++) {
      const began = Date.now();
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const res = await fetch(`${serving.url}/health?r=${round}-${i}`);
          if (res.status !== 200 && res.status !== 429) failures.push(`${res.status}`);
          await res.arrayBuffer();
        }),
      );
      // a round a second at most, while the new digest is prepared in the background
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - began))));
    }
    expect(failures).toEqual([]);
    expect(serving.server.serving().digest).toBe(digest50);
    for (let i = 0; i < 100; i++)
      await (await fetch(`${serving.url}/products/p-1001`, { headers: { authorization: `Bearer ${TOKENS[i % 3]}` } })).arrayBuffer();
    const text = await metrics();
    expect(calls(text, 'authenticate', 'canary', digest50)).toBe(50);
    expect(calls(text, 'authenticate', 'stable', digest50)).toBe(50);
  }, 600_000);
});

// `serve --follow` as the runtime the rollouts are tested against, over the
// e-commerce platform: composed twice (development, with the payment and
// fraud mocks; staging, with the real services pulled from the registry),
// pushed to a registry with token auth under one tag, served by following
// the tag. Moving the tag switches without a failed request while bursts of
// 50 concurrent requests run; a digest that fails to prepare (the gateway
// alone, its imports unsatisfied) is not switched to; a real Prometheus
// scrapes the admin listener and a PromQL query counts the requests.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentPath, EXAMPLE_DIR } from '../examples/ecommerce/build.ts';
import { publishExample } from '../examples/ecommerce/publish.ts';
import { ensureBuilt } from '../examples/ecommerce/test-support.ts';
import { pushFile } from '../shared/artifact/operations.ts';
import { composeSpec } from '../shared/release/compose.ts';
import { jsonLogger } from '../shared/serve/log.ts';
import { type Serving, startServing } from '../shared/serve/serving.ts';
import { transpileComponent } from '../shared/serve/transpile.ts';
import { type Prometheus, startPrometheus } from './harness/prometheus.ts';
import { type Registry, startRegistry } from './harness/registry.ts';

const TOKENS = ['tok-alice-7f3a', 'tok-bob-19c2', 'tok-carol-5be8', undefined];

let reg: Registry;
let work: string;
let env: NodeJS.ProcessEnv;
let tagRef: string;
let devDigest: string;
let stagingDigest: string;
let serving: Serving;
let prometheus: Prometheus | undefined;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  await ensureBuilt();
  reg = await startRegistry({ auth: 'token' });
  work = mkdtempSync(join(tmpdir(), 'flotilla-serve-follow-'));
  env = {
    ...process.env,
    FLOTILLA_REGISTRIES: `test|${reg.host}|oci|basic|REG_USER|REG_PASSWORD`,
    REG_USER: reg.username ?? '',
    REG_PASSWORD: reg.password ?? '',
    FLOTILLA_STAGING_REGISTRY: reg.host,
    SOURCE_DATE_EPOCH: '1767225600',
  };
  const registries = join(work, 'registries.yaml');
  writeFileSync(registries, `registries:\n  - test|${reg.host}|oci|basic|REG_USER|REG_PASSWORD\n`);
  await publishExample(); // the embedded registry, for development
  await publishExample({ target: reg.host, tagSuffix: '-staging', env });
  const compose = (environment: string) =>
    composeSpec({
      specFile: join(EXAMPLE_DIR, 'flotilla.yaml'),
      environment,
      output: join(work, `${environment}.wasm`),
      lockFile: join(work, `${environment}.lock.json`),
      storeDir: join(work, 'compose-store'),
      registries,
      env,
    });
  await compose('development');
  await compose('staging');
  // The staging platform is transpiled ahead, as a previous run of serve on this machine would
  // have left it: the switch is then the pull and the instantiation, quick enough for the load
  // below to stay within the gateway's own rate limit (120 requests a minute per client) on the
  // old instance. The cold switch (a first transpile) is measured in bench/serve.ts.
  await transpileComponent(new Uint8Array(readFileSync(join(work, 'staging.wasm'))), { cacheDir: join(work, 'transpiled') });
  tagRef = `${reg.host}/company/ecommerce/platform:live`;
  devDigest = (await pushFile(join(work, 'development.wasm'), tagRef, { cwd: work, env })).descriptor.digest;
  serving = await startServing({
    follow: tagRef,
    cwd: work,
    env,
    pollSeconds: 1,
    admin: { host: '127.0.0.1', port: 0 },
    storeDir: join(work, 'serve-store'),
    cacheDir: join(work, 'transpiled'),
    logger: jsonLogger((line) => logLines.push(JSON.parse(line) as Record<string, unknown>)),
  });
}, 600_000);

afterAll(async () => {
  await serving?.close();
  await prometheus?.stop();
  await reg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function call(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(serving.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function checkoutProcessor(user: string, token: string): Promise<unknown> {
  expect((await call('POST', `/cart/${user}/items`, undefined, { productId: 'p-2002', quantity: 1 })).status).toBe(201);
  const r = await call('POST', `/checkout/${user}`, token, { cardToken: 'tok_visa' });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return (r.json.order as { paymentProcessor: unknown }).paymentProcessor;
}

async function version(): Promise<Record<string, unknown>> {
  return (await (await fetch(`${serving.admin?.url}/version`)).json()) as Record<string, unknown>;
}

describe('flotilla serve --follow over the composed e-commerce platform', () => {
  it('serves the digest the tag points at; /healthz and /version say which', async () => {
    expect(await version()).toMatchObject({ digest: devDigest, tag: 'live', reference: tagRef });
    expect((await fetch(`${serving.admin?.url}/healthz`)).status).toBe(200);
    expect((await call('GET', '/health')).json.status).toBe('ok');
    expect(await checkoutProcessor('bob', 'tok-bob-19c2')).toBe('payment-mock'); // development: the mock
  });

  it('moving the tag to a new digest switches without a failed request while bursts of 50 concurrent requests run', async () => {
    const failures: string[] = [];
    let moved = false;
    let switchedAt = -1;
    let rounds = 0;
    // at most 8 bursts on the old instance: 100 requests per client, within its rate limit
    for (let round = 0; round < 8 || (switchedAt >= 0 && round < 30); round++) {
      rounds++;
      const began = Date.now();
      // 50 requests at once, each as one of the four clients the rate limit counts apart
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          try {
            const r = await call('GET', '/products?category=kitchen', TOKENS[i % TOKENS.length]);
            if (r.status !== 200) failures.push(`round ${round}: ${r.status} ${JSON.stringify(r.json)}`);
          } catch (err) {
            failures.push(`round ${round}: ${String(err)}`);
          }
        }),
      );
      if (!moved) {
        stagingDigest = (await pushFile(join(work, 'staging.wasm'), tagRef, { cwd: work, env })).descriptor.digest;
        moved = true;
      } else if (switchedAt < 0 && serving.server.serving().digest === stagingDigest) switchedAt = round;
      if (switchedAt >= 0 && round >= switchedAt + 2) break;
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - began))));
    }
    expect(switchedAt, `not switched within ${rounds} bursts a second apart`).toBeGreaterThan(0);
    expect(failures).toEqual([]);
    expect(stagingDigest).not.toBe(devDigest);
    expect(await version()).toMatchObject({ digest: stagingDigest, tag: 'live' });
    // the new composition runs: staging has the real payment processor
    expect(await checkoutProcessor('carol', 'tok-carol-5be8')).toBe('stripe/payment-processor@3.2.0');
    // each request's log line names the digest that answered: the old one, then the new one, never back
    const digests = logLines.filter((l) => l.msg === 'request' && l.path === '/products').map((l) => l.digest);
    const first = digests.indexOf(stagingDigest);
    expect(first).toBeGreaterThan(0);
    expect(digests.slice(0, first).every((d) => d === devDigest)).toBe(true);
    expect(digests.slice(first).every((d) => d === stagingDigest)).toBe(true);
    expect(logLines.find((l) => l.msg === 'switched to the new digest')).toMatchObject({
      digest: stagingDigest,
      previous: devDigest,
      fetched: 'pull',
    });
  }, 120_000);

  it('a digest that fails to prepare is not switched to, and the error is logged', async () => {
    // the gateway alone: a real HTTP component whose service imports nothing satisfies
    const gateway = (await pushFile(componentPath('gateway'), tagRef, { cwd: work, env })).descriptor.digest;
    const outcome = await serving.reload();
    expect(outcome).toMatchObject({ kind: 'failed', digest: gateway, stage: 'prepare' });
    const error = logLines.find((l) => l.msg === 'the new digest failed to prepare: not switched to; still serving the current one');
    expect(error).toMatchObject({ level: 'ERROR', digest: gateway, serving: stagingDigest, error_code: 'UNSATISFIED_IMPORTS' });
    expect(String(error?.error)).toContain('imports ecommerce:platform/');
    expect(await version()).toMatchObject({ digest: stagingDigest });
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('a real Prometheus scrapes /metrics, and PromQL over the request metrics returns the count served', async () => {
    prometheus = await startPrometheus({ scrape: [{ job: 'serve', targets: [`127.0.0.1:${serving.admin?.port}`] }] });
    for (let i = 0; i < 17; i++) expect((await call('GET', `/search?q=coffee&n=${i}`)).status).toBe(200);
    await prometheus.waitForScrapes(2);
    const searches = await prometheus.query('sum(flotilla_serve_requests_total{job="serve",route="/search",method="GET",status="200"})');
    expect(searches).toEqual([{ metric: {}, value: 17 }]);
    const latency = await prometheus.query('sum(flotilla_serve_request_duration_seconds_count{job="serve",route="/search"})');
    expect(latency[0]?.value).toBe(17);
    const info = await prometheus.query('flotilla_serve_component_info{job="serve"}');
    expect(info).toHaveLength(1);
    expect(info[0]?.metric).toMatchObject({ digest: stagingDigest, tag: 'live', reference: tagRef });
    const up = await prometheus.query('up{job="serve"}');
    expect(up[0]?.value).toBe(1);
    const checks = await prometheus.query('sum by (outcome) (flotilla_serve_follow_checks_total{job="serve"})');
    const byOutcome = Object.fromEntries(checks.map((s) => [s.metric.outcome, s.value]));
    expect(byOutcome.switched).toBe(1);
    expect(byOutcome.failed).toBe(1);
  }, 60_000);
});

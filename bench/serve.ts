/**
 * `flotilla serve` as a runtime, measured against peers in the same run:
 *
 * 1. Per-request cost of what serve adds to every request (request id and
 *    traceparent passed to the component, status capture, the metrics, the
 *    JSON log line), against the shim's own HTTP server calling the same
 *    component's handler directly (what `jco serve` does). The
 *    versioned-http test fixture (componentize-qjs, a trivial handler) is the
 *    strictest case: the overhead is compared with almost nothing.
 * 2. The switch of `serve --follow`: from the moment the tag is moved in a
 *    real registry (docker-registry on 127.0.0.1) to the first request served
 *    by the new digest, with a poll interval of 1 s and on demand (SIGHUP),
 *    for the fixture and for the composed e-commerce platform (11 MiB:
 *    development and staging compositions), cold (never transpiled) and warm.
 * 3. The longest request while a new platform digest is prepared in the
 *    background: jco in a worker thread (what serve does) against jco on the
 *    main thread.
 *
 *   node bench/serve.ts [--rounds 5] [--requests 2000]
 */
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXAMPLE_DIR } from '../examples/ecommerce/build.ts';
import { publishExample } from '../examples/ecommerce/publish.ts';
import { ensureBuilt } from '../examples/ecommerce/test-support.ts';
import { pushFile } from '../shared/artifact/operations.ts';
import { composeSpec } from '../shared/release/compose.ts';
import { jsonLogger } from '../shared/serve/log.ts';
import { MetricsRegistry } from '../shared/serve/metrics.ts';
import { prepareComponent, startServer } from '../shared/serve/server.ts';
import { startServing } from '../shared/serve/serving.ts';
import { transpileComponent } from '../shared/serve/transpile.ts';
import { httpServerClass, type IncomingHandler, wasiImports } from '../shared/serve/wasi.ts';
import { startRegistry } from '../test/harness/registry.ts';
import { versionedComponent } from '../test/harness/serve-fixtures.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, requests: { type: 'string' }, only: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 5);
const REQUESTS = Number(values.requests ?? 2000);
const CONCURRENCY = 8;

const work = mkdtempSync(join(tmpdir(), 'flotilla-bench-serve-'));
const say = (s: string) => process.stdout.write(`${s}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function load(url: string, n: number, concurrency: number): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        const res = await fetch(`${url}/r/${i % 20}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`status ${res.status}`);
      }
    }),
  );
  return performance.now() - t;
}

async function rawServer(bytes: Uint8Array): Promise<{ url: string; close(): void }> {
  const component = await transpileComponent(bytes, { cacheDir: join(work, 'transpiled') });
  const instance = component.instantiate(await wasiImports());
  const HTTPServer = await httpServerClass();
  const server = new HTTPServer(instance.incomingHandler as unknown as IncomingHandler);
  server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${server.address()?.port}`, close: () => server.stop() };
}

async function overhead(): Promise<void> {
  const v1 = await versionedComponent('v1');
  const devNull = createWriteStream('/dev/null');
  const cacheDir = join(work, 'transpiled');
  // the three servers run side by side and take turns in batches, so that
  // each batch of one is next in time to a batch of the others (this machine
  // is shared: its load drifts within seconds)
  const servers: Record<string, { url: string; close(): unknown }> = {
    'shim server, handler called directly (peer)': await rawServer(v1.bytes),
    'serve: trace context + metrics, no log line': await startServer(v1.bytes, { metrics: new MetricsRegistry(), cacheDir }),
    'serve: trace context + metrics + JSON log line (default)': await startServer(v1.bytes, {
      metrics: new MetricsRegistry(),
      logger: jsonLogger((l) => devNull.write(l)),
      cacheDir,
    }),
  };
  const names = Object.keys(servers);
  const wall: Record<string, number> = Object.fromEntries(names.map((k) => [k, 0]));
  const cpu: Record<string, number> = Object.fromEntries(names.map((k) => [k, 0]));
  for (const name of names) await load((servers[name] as { url: string }).url, 200, CONCURRENCY); // warm-up
  const BATCH = 100;
  const batches = Math.ceil((REQUESTS * ROUNDS) / BATCH);
  for (let b = 0; b < batches; b++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(b + k) % names.length] as string;
      const c = process.cpuUsage();
      wall[name] = (wall[name] as number) + (await load((servers[name] as { url: string }).url, BATCH, CONCURRENCY));
      const used = process.cpuUsage(c);
      cpu[name] = (cpu[name] as number) + (used.user + used.system) / 1000;
    }
  }
  for (const s of Object.values(servers)) await s.close();
  const n = batches * BATCH;
  const peer = names[0] as string;
  say(`\n## 1. Per-request cost (${n} requests each, ${CONCURRENCY} at a time, in alternating batches of ${BATCH})\n`);
  say('| server | wall per request | ratio | CPU per request (whole process, client included) | CPU added |');
  say('| --- | --- | --- | --- | --- |');
  for (const name of names) {
    const w = ((wall[name] as number) / n) * 1000;
    const c = ((cpu[name] as number) / n) * 1000;
    const cPeer = ((cpu[peer] as number) / n) * 1000;
    say(
      `| ${name} | ${w.toFixed(0)} µs | ${((wall[name] as number) / (wall[peer] as number)).toFixed(3)}× | ${c.toFixed(0)} µs | ${name === peer ? '' : `${(c - cPeer).toFixed(0)} µs`} |`,
    );
  }
  // the scrape: /metrics after those requests (20 routes)
  const metrics = new MetricsRegistry();
  const s = await startServer(v1.bytes, { metrics, cacheDir });
  await load(s.url, REQUESTS, CONCURRENCY);
  const renders: number[] = [];
  let size = 0;
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    size = (await metrics.render({ instances: s.instances() })).length;
    renders.push(performance.now() - t);
  }
  await s.close();
  say(`\nRendering /metrics (20 routes, ${(size / 1024).toFixed(1)} KiB): median ${median(renders).toFixed(2)} ms.`);
}

interface SwitchTarget {
  name: string;
  files: [string, string];
}

async function switches(host: string, env: NodeJS.ProcessEnv, target: SwitchTarget, runs: number): Promise<void> {
  const ref = `${host}/bench/${target.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}:live`;
  const results: Record<string, number[]> = {};
  const prepareMs: Record<string, number[]> = {};
  const record = (key: string, total: number, prep: number) => {
    results[key] = [...(results[key] ?? []), total];
    prepareMs[key] = [...(prepareMs[key] ?? []), prep];
  };
  for (let run = 0; run < runs; run++) {
    const cacheDir = join(work, `transpiled-${run}-${Math.random().toString(36).slice(2)}`); // cold: nothing transpiled yet
    await pushFile(target.files[0], ref, { cwd: work, env });
    const lines: Record<string, unknown>[] = [];
    const serving = await startServing({
      follow: ref,
      cwd: work,
      env,
      pollSeconds: 1,
      cacheDir,
      storeDir: join(work, 'store'),
      logger: jsonLogger((l) => lines.push(JSON.parse(l) as Record<string, unknown>)),
    });
    const lastPrepare = () => Number([...lines].reverse().find((l) => l.msg === 'switched to the new digest')?.prepare_ms);
    const measure = async (file: string, how: 'poll' | 'signal') => {
      const d = (await pushFile(file, ref, { cwd: work, env })).descriptor.digest;
      const t = performance.now();
      if (how === 'signal') await serving.reload();
      while (serving.server.serving().digest !== d) await new Promise((r) => setTimeout(r, 5));
      // the first request served by the new digest
      await (await fetch(`${serving.url}/`)).arrayBuffer();
      return performance.now() - t;
    };
    // cold by poll, then back (warm, poll), then on demand cold-equivalent is impossible: report warm on demand
    record('poll 1 s, cold (first transpile)', await measure(target.files[1], 'poll'), lastPrepare());
    record('poll 1 s, warm (transpiled before)', await measure(target.files[0], 'poll'), lastPrepare());
    record('on demand (SIGHUP), warm', await measure(target.files[1], 'signal'), lastPrepare());
    await serving.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
  say(`\n### ${target.name} (median of ${runs})\n`);
  say('| switch | tag move → first request on the new digest | of which: pull + prepare |');
  say('| --- | --- | --- |');
  for (const [k, xs] of Object.entries(results))
    say(`| ${k} | ${ms(median(xs))} (${xs.map((x) => x.toFixed(0)).join(', ')}) | ${ms(median(prepareMs[k] as number[]))} |`);
}

async function stall(platformFile: string, fixture: Uint8Array): Promise<void> {
  const { readFile } = await import('node:fs/promises');
  const platform = new Uint8Array(await readFile(platformFile));
  const server = await startServer(fixture, { cacheDir: join(work, 'transpiled') });
  const rows: string[] = [];
  for (const worker of [true, false]) {
    const cacheDir = join(work, `stall-${worker}`);
    let done = false;
    const latencies: number[] = [];
    const client = (async () => {
      while (!done) {
        const t = performance.now();
        await (await fetch(`${server.url}/`)).arrayBuffer();
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    const t = performance.now();
    const prepared = await prepareComponent(platform, { worker, cacheDir });
    const prep = performance.now() - t;
    done = true;
    await client;
    void prepared;
    rows.push(
      `| ${worker ? 'worker thread (serve)' : 'main thread (peer)'} | ${ms(prep)} | ${ms(Math.max(...latencies))} | ${ms(median(latencies))} | ${latencies.length} |`,
    );
    rmSync(cacheDir, { recursive: true, force: true });
  }
  await server.close();
  say('\n## 3. Requests while the platform is prepared in the background (one client, a request every 10 ms)\n');
  say('| jco runs on | prepare | longest request | median request | requests |');
  say('| --- | --- | --- | --- | --- |');
  for (const r of rows) say(r);
}

try {
  say(`# serve bench — ${new Date().toISOString()}`);
  say(
    `Machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}, load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  await overhead();
  if (values.only === 'overhead') process.exit(0);

  await ensureBuilt();
  const reg = await startRegistry();
  try {
    const env = { ...process.env, FLOTILLA_STAGING_REGISTRY: reg.host, SOURCE_DATE_EPOCH: '1767225600' };
    await publishExample();
    await publishExample({ target: reg.host, tagSuffix: '-staging', env });
    for (const environment of ['development', 'staging']) {
      await composeSpec({
        specFile: join(EXAMPLE_DIR, 'flotilla.yaml'),
        environment,
        output: join(work, `${environment}.wasm`),
        lockFile: join(work, `${environment}.lock.json`),
        storeDir: join(work, 'compose-store'),
        env,
      });
    }
    const [v1, v2] = await Promise.all([versionedComponent('v1'), versionedComponent('v2')]);
    say('\n## 2. The switch of serve --follow (registry on 127.0.0.1, poll interval 1 s)');
    await switches(reg.host, env, { name: 'versioned-http fixture', files: [v1.path, v2.path] }, ROUNDS);
    await switches(
      reg.host,
      env,
      { name: 'e-commerce platform', files: [join(work, 'development.wasm'), join(work, 'staging.wasm')] },
      Math.max(3, Math.ceil(ROUNDS / 2)),
    );
    await stall(join(work, 'staging.wasm'), v1.bytes);
  } finally {
    await reg.stop();
  }
  writeFileSync(join(work, 'done'), '');
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(0);

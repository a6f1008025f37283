// Build times (cold and cached) and sizes of the e-commerce example's components,
// jco transpile time, and request latency of the wired platform.
//   node bench/examples-build.ts

import { readFile, rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR, buildExample, componentPath } from '../examples/ecommerce/build.ts';
import { components } from '../examples/ecommerce/components.ts';
import { servePlatform } from '../examples/ecommerce/wiring.ts';
import { transpileComponent } from '../shared/serve/transpile.ts';

const s = (ms: number) => (ms / 1000).toFixed(2);
const out = (line: string) => process.stdout.write(`${line}\n`);

out(`machine: ${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);

// 1. cold, one at a time: the time of each component alone
const alone = await buildExample({ force: true, concurrency: 1 });
// 2. cold, all of them the way build.ts runs them (2 at a time)
let t = performance.now();
await buildExample({ force: true });
const coldAll = performance.now() - t;
// 3. cached: nothing changed
t = performance.now();
const cached = await buildExample();
const cachedAll = performance.now() - t;

// 4. jco transpile, cold cache
const cacheDir = join(BUILD_DIR, '.bench-transpiled');
await rm(cacheDir, { recursive: true, force: true });
const transpileMs = new Map<string, number>();
for (const c of components) {
  const t0 = performance.now();
  await transpileComponent(await readFile(componentPath(c.name)), { cacheDir });
  transpileMs.set(c.name, performance.now() - t0);
}
await rm(cacheDir, { recursive: true, force: true });

out('');
out('| component | componentizer | size (KiB) | cold build alone (s) | cached (ms) | jco transpile (s) |');
out('| --- | --- | ---: | ---: | ---: | ---: |');
for (const r of alone) {
  const c = components.find((x) => x.name === r.name);
  const w = cached.find((x) => x.name === r.name);
  out(
    `| ${r.name} | ${c?.componentizer} | ${(r.size / 1024).toFixed(0)} | ${s(r.ms)} | ${(w?.ms ?? 0).toFixed(1)} | ${s(transpileMs.get(r.name) ?? 0)} |`,
  );
}
const sum = alone.reduce((a, r) => a + r.ms, 0);
out('');
out(`sum of cold builds one at a time: ${s(sum)} s`);
out(`all ${alone.length} cold, 2 at a time (build.ts): ${s(coldAll)} s`);
out(`all ${alone.length} cached (nothing changed): ${cachedAll.toFixed(0)} ms`);
out(`total size: ${(alone.reduce((a, r) => a + r.size, 0) / 1024 / 1024).toFixed(2)} MiB`);

// 5. the wired platform over HTTP on localhost
t = performance.now();
// development wiring (mocks): the real fraud detection rightly rejects the 10th checkout of one user in a session
const platform = await servePlatform({ payment: 'payment-mock', fraud: 'fraud-mock' });
const startMs = performance.now() - t;
const time = async (n: number, f: (i: number) => Promise<unknown>) => {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f(i);
  return (performance.now() - t0) / n;
};
// The gateway allows 120 requests a minute per user: each measurement uses its own user.
const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const ok = async (r: Promise<Response>, status: number) => {
  const res = await r;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${await res.text()}`);
  await res.text();
};
const get = await time(100, () => ok(fetch(`${platform.url}/products/p-2001`, as('tok-alice-7f3a')), 200));
const search = await time(100, () => ok(fetch(`${platform.url}/search?q=coffee+grinder`, as('tok-bob-19c2')), 200));
const carol = as('tok-carol-5be8');
const checkout = await time(50, async () => {
  await ok(fetch(`${platform.url}/cart/carol/items`, { method: 'POST', body: '{"productId":"p-3002","quantity":1}', ...carol }), 201);
  await ok(fetch(`${platform.url}/checkout/carol`, { method: 'POST', body: '{}', ...carol }), 201);
});
await platform.close();
out('');
out(`platform start (transpile cached, 10 instances, server): ${startMs.toFixed(0)} ms`);
out(`GET /products/:id mean ${get.toFixed(2)} ms; GET /search mean ${search.toFixed(2)} ms (100 each, sequential)`);
out(`POST /cart/:user/items + POST /checkout/:user mean ${checkout.toFixed(2)} ms per pair (50 orders, sequential)`);

// 6. the peer: componentize-js (StarlingMonkey) on the serve tests' HTTP fixture
const { buildComponent } = await import('../examples/ecommerce/componentize.ts');
const { stageWit } = await import('../examples/ecommerce/wit-staging.ts');
const fixture = join(import.meta.dirname, '..', 'shared', 'serve', 'testdata', 'hello-http');
const fixtureOut = join(BUILD_DIR, '.bench-hello');
await stageWit(fixture, join(fixtureOut, 'wit'), '0.2.10');
const peer = await buildComponent(
  {
    name: 'hello-http',
    componentizer: 'componentize-js',
    entry: join(fixture, 'index.js'),
    sourceDir: fixture,
    witDir: join(fixtureOut, 'wit'),
    world: 'hello-http',
    outPath: join(fixtureOut, 'hello-http.wasm'),
  },
  { force: true },
);
await rm(fixtureOut, { recursive: true, force: true });
out(`peer: componentize-js hello-http (a 20-line HTTP handler): ${(peer.size / 1024).toFixed(0)} KiB, cold build ${s(peer.ms)} s`);

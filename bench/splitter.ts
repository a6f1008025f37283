/**
 * The splitter's cost, against the same thing without it in the same run:
 *
 * 1. Per HTTP request served by the e-commerce platform: platform.wac
 *    composed twice, as it is and with a splitter between the gateway and the
 *    user service (weight 10), both served in this process by shared/serve;
 *    the same requests (an authenticated GET /products/:id and GET /health,
 *    alternately: each calls the user service once) sent one at a time over
 *    keep-alive, the two servers taking turns round by round.
 * 2. Per call of a trivial function (`add(u32, u32) -> u32` of the WAT
 *    fixture): the implementation composed alone, with a tap, and with a
 *    splitter, called in a loop from JavaScript (jco).
 * 3. Per call of the user service's `authenticate` (what each request of 1.
 *    calls once), alone and behind the splitter.
 *
 * Times are the CPU time of this process (client, server and components all
 * run in it, on one thread), which other processes on the machine do not
 * inflate; wall time is reported beside it for HTTP.
 *
 * The gateway limits each user to 120 requests a minute by the wall clock;
 * so that the runs measure served requests and not 429s, the servers get a
 * wall clock (wasi:clocks/wall-clock) that moves a minute ahead at every
 * reading. The splitter times calls with the monotonic clock, which is the
 * real one.
 *
 *   node bench/splitter.ts [--rounds 7] [--requests 400] [--calls 200000]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { parse } from '@bytecodealliance/jco';
import { generateSplitter, generateTap } from '../shared/interpose/generate.ts';
import { composePlatform } from '../shared/interpose/testdata/ecommerce.ts';
import { FLAT_API, flatApiWat } from '../shared/interpose/testdata/flat-api.ts';
import { composeInterposer } from '../shared/interpose/testdata/support.ts';
import { startServer } from '../shared/serve/server.ts';
import { encodeGraph } from '../shared/wac/encode.ts';
import { CompositionGraph } from '../shared/wac/graph.ts';
import { loadComponent } from '../test/support/run-component.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    requests: { type: 'string', default: '400' },
    calls: { type: 'string', default: '200000' },
  },
});
const ROUNDS = Number(values.rounds);
const REQUESTS = Number(values.requests);
const CALLS = Number(values.calls);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const fmt = (x: number, d = 1) => x.toFixed(d);

process.stdout.write(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);

// ---- 1. HTTP ------------------------------------------------------------------------

let fakeNowMs = Date.now();
const wallClock = {
  now() {
    fakeNowMs += 61_000;
    return { seconds: BigInt(Math.floor(fakeNowMs / 1000)), nanoseconds: (fakeNowMs % 1000) * 1_000_000 };
  },
  resolution() {
    return { seconds: 0n, nanoseconds: 1_000_000 };
  },
};

const plain = await composePlatform(null);
const split = await composePlatform({ weight: 10 });
const servers = {
  plain: await startServer(plain.bytes, { instancePerRequest: false, imports: { 'wasi:clocks/wall-clock': wallClock } }),
  split: await startServer(split.bytes, { instancePerRequest: false, imports: { 'wasi:clocks/wall-clock': wallClock } }),
};
const paths = ['/products/p-1001', '/health'];
/** Wall and CPU time (this process: client, server and components) per request, in ms. */
async function run(url: string, n: number): Promise<{ wall: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const res = await fetch(url + (paths[i % 2] as string), { headers: { authorization: 'Bearer tok-alice-7f3a' } });
    if (res.status !== 200) throw new Error(`${url}${paths[i % 2]} answered ${res.status}`);
    await res.arrayBuffer();
  }
  const cpu = process.cpuUsage(c);
  return { wall: (performance.now() - t) / n, cpu: (cpu.user + cpu.system) / 1000 / n };
}
// warm both (jco's first calls, the JIT)
await run(servers.plain.url, 100);
await run(servers.split.url, 100);
const httpRounds: { plain: { wall: number; cpu: number }; split: { wall: number; cpu: number } }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? (['plain', 'split'] as const) : (['split', 'plain'] as const);
  const round = { plain: { wall: 0, cpu: 0 }, split: { wall: 0, cpu: 0 } };
  for (const k of order) round[k] = await run(servers[k].url, REQUESTS);
  httpRounds.push(round);
  process.stdout.write(
    `http round ${r + 1}: without ${fmt(round.plain.wall * 1000, 0)} µs wall / ${fmt(round.plain.cpu * 1000, 0)} µs CPU per request, ` +
      `with splitter ${fmt(round.split.wall * 1000, 0)} / ${fmt(round.split.cpu * 1000, 0)} (CPU ${fmt(round.split.cpu / round.plain.cpu, 3)}×)\n`,
  );
}
await servers.plain.close();
await servers.split.close();

// ---- 2. a trivial function -------------------------------------------------------------

const stable = await parse(flatApiWat(0));
const canary = await parse(flatApiWat(1));
const alone = new CompositionGraph();
alone.export(alone.aliasExport(alone.instantiate(alone.registerPackage({ name: 'test:stable', bytes: stable })), FLAT_API), FLAT_API);
const variants = {
  direct: (await loadComponent(await encodeGraph(alone), 'bench-direct')).module,
  tap: (await loadComponent(await composeInterposer(generateTap(stable, { interface: FLAT_API }), FLAT_API, { stable }), 'bench-tap'))
    .module,
  splitter: (
    await loadComponent(
      await composeInterposer(generateSplitter(stable, { interface: FLAT_API, weight: 10 }), FLAT_API, { stable, canary }),
      'bench-split',
    )
  ).module,
};
type Add = (a: number, b: number) => number;
const adds = Object.fromEntries(Object.entries(variants).map(([k, m]) => [k, (m.api as { add: Add }).add])) as Record<
  keyof typeof variants,
  Add
>;
/** CPU nanoseconds per call (the loop runs on one thread: CPU time is what it cost, whatever else the machine runs). */
function loop(add: Add, n: number): number {
  let acc = 0;
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) acc += add(i, 1);
  const cpu = process.cpuUsage(c);
  if (acc === -1) throw new Error('unreachable');
  return ((cpu.user + cpu.system) * 1000) / n;
}
for (const k of Object.keys(adds) as (keyof typeof adds)[]) loop(adds[k], 20_000);
const callRounds: Record<keyof typeof adds, number>[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const round = { direct: 0, tap: 0, splitter: 0 };
  const order = (['direct', 'tap', 'splitter'] as const).slice().sort(() => (r % 2 === 0 ? 0 : -1));
  for (const k of order) round[k] = loop(adds[k], CALLS);
  callRounds.push(round);
  process.stdout.write(
    `call round ${r + 1}: direct ${fmt(round.direct / 1000, 2)} µs, tap ${fmt(round.tap / 1000, 2)} µs, splitter ${fmt(round.splitter / 1000, 2)} µs CPU per call\n`,
  );
}

// ---- 3. the user service's authenticate (what each HTTP request above calls) ---------------

const { canaryUserService, USERS } = await import('../shared/interpose/testdata/ecommerce.ts');
const { readFile } = await import('node:fs/promises');
const { componentPath } = await import('../examples/ecommerce/build.ts');
const usersStable = new Uint8Array(await readFile(componentPath('user-service')));
const usersAlone = new CompositionGraph();
usersAlone.export(
  usersAlone.aliasExport(usersAlone.instantiate(usersAlone.registerPackage({ name: 'ecommerce:user-service', bytes: usersStable })), USERS),
  USERS,
);
type Auth = (token: string) => unknown;
const auth = {
  direct: ((await loadComponent(await encodeGraph(usersAlone), 'bench-users')).module.users as { authenticate: Auth }).authenticate,
  splitter: (
    (
      await loadComponent(
        await composeInterposer(generateSplitter(usersStable, { interface: USERS, weight: 10 }), USERS, {
          stable: usersStable,
          canary: await canaryUserService(),
        }),
        'bench-users-split',
      )
    ).module.users as { authenticate: Auth }
  ).authenticate,
};
function authLoop(f: Auth, n: number): number {
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) f('tok-alice-7f3a');
  const cpu = process.cpuUsage(c);
  return (cpu.user + cpu.system) / n;
}
authLoop(auth.direct, 2000);
authLoop(auth.splitter, 2000);
const authRounds: { direct: number; splitter: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const round =
    r % 2 === 0
      ? { direct: authLoop(auth.direct, 20_000), splitter: authLoop(auth.splitter, 20_000) }
      : { splitter: authLoop(auth.splitter, 20_000), direct: authLoop(auth.direct, 20_000) };
  authRounds.push(round);
  process.stdout.write(
    `authenticate round ${r + 1}: direct ${fmt(round.direct, 1)} µs, splitter ${fmt(round.splitter, 1)} µs CPU per call\n`,
  );
}

// ---- summary -----------------------------------------------------------------------------

const httpPlain = median(httpRounds.map((r) => r.plain.cpu)) * 1000;
const httpSplit = median(httpRounds.map((r) => r.split.cpu)) * 1000;
const httpRatio = median(httpRounds.map((r) => r.split.cpu / r.plain.cpu));
const wallPlain = median(httpRounds.map((r) => r.plain.wall)) * 1000;
const wallSplit = median(httpRounds.map((r) => r.split.wall)) * 1000;
const wallRatio = median(httpRounds.map((r) => r.split.wall / r.plain.wall));
const direct = median(callRounds.map((r) => r.direct)) / 1000;
const tapUs = median(callRounds.map((r) => r.tap)) / 1000;
const splitUs = median(callRounds.map((r) => r.splitter)) / 1000;
process.stdout.write(
  [
    '',
    `| measure | without | with | ratio (median of ${ROUNDS} rounds) | added |`,
    '| --- | --- | --- | --- | --- |',
    `| HTTP request, e-commerce platform (${REQUESTS} sequential requests a round), CPU | ${fmt(httpPlain, 0)} µs | ${fmt(httpSplit, 0)} µs (splitter on users) | ${fmt(httpRatio, 3)}× | ${fmt(httpSplit - httpPlain, 0)} µs (${fmt((httpRatio - 1) * 100, 1)}%) |`,
    `| same, wall | ${fmt(wallPlain, 0)} µs | ${fmt(wallSplit, 0)} µs | ${fmt(wallRatio, 3)}× | ${fmt(wallSplit - wallPlain, 0)} µs |`,
    `| call of add(u32, u32) from JS (${CALLS} calls a round), CPU | ${fmt(direct, 2)} µs | tap ${fmt(tapUs, 2)} µs | ${fmt(tapUs / direct, 2)}× | ${fmt(tapUs - direct, 2)} µs |`,
    `| same | ${fmt(direct, 2)} µs | splitter ${fmt(splitUs, 2)} µs | ${fmt(splitUs / direct, 2)}× | ${fmt(splitUs - direct, 2)} µs |`,
    `| users.authenticate(token) -> result<user, string> (a record of 4 strings), CPU | ${fmt(median(authRounds.map((r) => r.direct)), 1)} µs | splitter ${fmt(median(authRounds.map((r) => r.splitter)), 1)} µs | ${fmt(median(authRounds.map((r) => r.splitter / r.direct)), 2)}× | ${fmt(median(authRounds.map((r) => r.splitter - r.direct)), 1)} µs |`,
    '',
  ].join('\n'),
);
process.exit(0);

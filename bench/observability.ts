/**
 * What `observability: true` costs per HTTP request, against the same
 * platform without it in the same run: platform.wac composed as it is and
 * with a tracing tap on every edge (tapEveryEdge with trace, as compose does
 * for `observability: true`: 13 taps on the e-commerce platform), served in
 * this process by shared/serve, the second twice: with the calls collected
 * only (metrics, --explain), and with every span exported by OTLP/HTTP to a
 * receiver (test/harness/otlp-receiver.ts, in this process too: its decoding
 * is counted). The same requests (an authenticated GET /products/:id and GET
 * /health, alternately) one at a time over keep-alive, the servers taking
 * turns round by round.
 *
 * Times are the CPU time of this process (client, server, components and
 * receiver all run in it), which other processes on the machine do not
 * inflate; wall time beside it.
 *
 *   node bench/observability.ts [--rounds 7] [--requests 300]
 */
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXAMPLE_DIR } from '../examples/ecommerce/build.ts';
import { tapEveryEdge, wacGraph } from '../shared/interpose/graph.ts';
import { composePlatform, platformPackages } from '../shared/interpose/testdata/ecommerce.ts';
import { requestTraceExporter } from '../shared/serve/otlp.ts';
import { startServer } from '../shared/serve/server.ts';
import { encodeGraph } from '../shared/wac/encode.ts';
import { startOtlpReceiver } from '../test/harness/otlp-receiver.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '7' },
    requests: { type: 'string', default: '300' },
  },
});
const ROUNDS = Number(values.rounds);
const REQUESTS = Number(values.requests);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const fmt = (x: number, d = 0) => x.toFixed(d);
process.stdout.write(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);

// the gateway's rate limit (120 a minute by the wall clock): a wall clock a minute ahead at every reading
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
const imports = { 'wasi:clocks/wall-clock': wallClock };

const plain = await composePlatform(null);
const graph = await wacGraph(
  { file: join(EXAMPLE_DIR, 'platform.wac'), text: await readFile(join(EXAMPLE_DIR, 'platform.wac'), 'utf8') },
  await platformPackages(),
);
const tapped = tapEveryEdge(graph, { trace: true });
const observedBytes = await encodeGraph(graph);
process.stdout.write(`taps: ${tapped.edges.length}; composed ${plain.bytes.length} -> ${observedBytes.length} bytes\n`);

const receiver = await startOtlpReceiver();
const exporter = requestTraceExporter({ url: `${receiver.endpoint}/v1/traces`, scheduledDelayMillis: 200 });
let calls = 0;
const servers = {
  plain: await startServer(plain.bytes, { instancePerRequest: false, imports }),
  observed: await startServer(observedBytes, {
    instancePerRequest: false,
    imports,
    observers: [(r) => (calls += r.calls?.length ?? 0)],
  }),
  exported: await startServer(observedBytes, { instancePerRequest: false, imports, observers: [exporter.observer] }),
};
const paths = ['/products/p-1001', '/health'];
async function run(url: string, n: number): Promise<{ wall: number; cpu: number }> {
  const t = performance.now();
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const res = await fetch(url + (paths[i % 2] as string), { headers: { authorization: 'Bearer tok-alice-7f3a' } });
    if (res.status !== 200) throw new Error(`${url}${paths[i % 2]} answered ${res.status}`);
    await res.arrayBuffer();
  }
  await exporter.flush();
  const cpu = process.cpuUsage(c);
  return { wall: (performance.now() - t) / n, cpu: (cpu.user + cpu.system) / n };
}
type Kind = keyof typeof servers;
const kinds: Kind[] = ['plain', 'observed', 'exported'];
for (const k of kinds) await run(servers[k].url, 100);
calls = 0;
const rounds: Record<Kind, { wall: number; cpu: number }>[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? kinds : [...kinds].reverse();
  const round = {} as Record<Kind, { wall: number; cpu: number }>;
  for (const k of order) round[k] = await run(servers[k].url, REQUESTS);
  rounds.push(round);
  process.stdout.write(
    `round ${r + 1}: µs CPU per request: without ${fmt(round.plain.cpu)}, taps ${fmt(round.observed.cpu)} (${fmt(round.observed.cpu / round.plain.cpu, 3)}×), ` +
      `taps + OTLP ${fmt(round.exported.cpu)} (${fmt(round.exported.cpu / round.plain.cpu, 3)}×); wall ${fmt(round.plain.wall * 1000)} / ${fmt(round.observed.wall * 1000)} / ${fmt(round.exported.wall * 1000)} µs\n`,
  );
}
for (const s of Object.values(servers)) await s.close();
await exporter.shutdown();
const spans = receiver.spans().length;
await receiver.stop();
const m = (k: Kind, f: 'cpu' | 'wall') => median(rounds.map((r) => r[k][f]));
const ratios = (k: Kind) => rounds.map((r) => r[k].cpu / r.plain.cpu);
process.stdout.write(
  `\nmedian µs CPU per request: without ${fmt(m('plain', 'cpu'))}, with taps ${fmt(m('observed', 'cpu'))} (median ratio ${fmt(median(ratios('observed')), 3)}×, ` +
    `rounds ${fmt(Math.min(...ratios('observed')), 2)}–${fmt(Math.max(...ratios('observed')), 2)}), with taps and OTLP export ${fmt(m('exported', 'cpu'))} ` +
    `(${fmt(median(ratios('exported')), 3)}×, rounds ${fmt(Math.min(...ratios('exported')), 2)}–${fmt(Math.max(...ratios('exported')), 2)})\n` +
    `component calls per request (taps): ${fmt(calls / (ROUNDS * REQUESTS), 1)}; spans received: ${spans}; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
);

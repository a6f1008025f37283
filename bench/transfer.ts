// Transfer benchmark: Flotilla against skopeo, on Debian's docker-registry.
//
//   node bench/transfer.ts [--rounds 3] [--count 30] [--size 1048576] [--json bench/results/transfer.json]
//
// N Wasm artifacts of S bytes each, as N tags of one repository:
//  - one process each way: `flotilla copy oci:<layout> <registry>/<repo>` against
//    `skopeo sync --src dir --dest docker` (skopeo 1.9's sync reads `dir:` trees, not
//    OCI layouts), and `flotilla copy <registry>/<repo> oci:<layout>` against
//    `skopeo sync --src docker --dest dir`;
//  - one process per artifact: `flotilla copy` against `skopeo copy`, both between
//    the same OCI layout and the registry, taking turns artifact by artifact with a
//    third runner, bench/node-floor.cjs (the same requests in the plainest Node
//    script: the floor any Node CLI starts from);
//  - a second pull into the same layout, counting the blob requests in the
//    registry's access log (expected: none).
// Every round starts a fresh registry; each phase moves content the registry has not
// seen in that repository, and the order of the two tools alternates between rounds.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildWasmArtifact, pushWasmArtifact } from '../shared/artifact/wasm-artifact.ts';
import { LayoutStore } from '../shared/oci/layout/store.ts';
import { type Registry, startRegistry } from '../test/harness/registry.ts';
import { makeSizedModule } from '../test/harness/wasm-fixtures.ts';
import { settledLog } from '../test/oci/artifacts.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    count: { type: 'string', default: '30' },
    size: { type: 'string', default: String(1024 * 1024) },
    json: { type: 'string' },
  },
});
const ROUNDS = Number(values.rounds);
const COUNT = Number(values.count);
const SIZE = Number(values.size);

const root = join(import.meta.dirname, '..');
const flotillaBin = join(root, 'bin', 'flotilla.js');
const work = mkdtempSync(join(tmpdir(), 'flotilla-bench-'));
const tags = Array.from({ length: COUNT }, (_, i) => `t${String(i).padStart(2, '0')}`);

async function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const started = performance.now();
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${err.slice(-2000)}`);
  return ms;
}

const flotillaEnv = { ...process.env, FLOTILLA_CACHE: join(work, 'cache') };
const flotilla = (...args: string[]) => exec(process.execPath, [flotillaBin, ...args], flotillaEnv);
const skopeo = (...args: string[]) => exec('skopeo', args);
// the same requests in the plainest Node script: what Node's own start costs (bench/node-floor.cjs)
const nodeFloor = (...args: string[]) => exec(process.execPath, [join(root, 'bench', 'node-floor.cjs'), ...args]);

async function makeLayout(dir: string, seedBase: number): Promise<LayoutStore> {
  const store = new LayoutStore(dir);
  for (const [i, tag] of tags.entries()) {
    const a = buildWasmArtifact({ wasm: makeSizedModule(SIZE, seedBase + i), created: '2026-01-01T00:00:00Z', title: `${tag}.wasm` });
    await pushWasmArtifact(store, a, tag);
  }
  return store;
}

function blobRequests(reg: Registry): number {
  return reg.accessLog().filter((e) => e.path.includes('/blobs/')).length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

type Phase = 'push-one' | 'pull-one' | 'push-each' | 'pull-each';
const times: Record<Phase, { flotilla: number[]; skopeo: number[]; floor: number[] }> = {
  'push-one': { flotilla: [], skopeo: [], floor: [] },
  'pull-one': { flotilla: [], skopeo: [], floor: [] },
  'push-each': { flotilla: [], skopeo: [], floor: [] },
  'pull-each': { flotilla: [], skopeo: [], floor: [] },
};
const requests: Record<string, number[]> = {};
const secondPull: { ms: number[]; blobRequests: number[]; requests: number[] } = { ms: [], blobRequests: [], requests: [] };
const startup: number[] = [];

function note(key: string, n: number): void {
  requests[key] ??= [];
  requests[key].push(n);
}

const loads: number[] = [];

async function main(): Promise<void> {
  process.stderr.write(`work folder ${work}\n`);
  loads.push(loadavg()[0] ?? 0);
  // content: set A for the one-process runs, set B for the per-artifact runs, new for every round
  // skopeo's sync reads `dir:` trees: the same artifacts copied out of the layout (not timed)
  await flotilla('--help'); // fills the compile cache
  for (let i = 0; i < 10; i++) startup.push(await flotilla('--help'));

  for (let round = 0; round < ROUNDS; round++) {
    const r = join(work, `round${round}`);
    const srcA = join(r, 'srcA');
    const srcB = join(r, 'srcB');
    await makeLayout(srcA, 1000 * round);
    await makeLayout(srcB, 1000 * round + 500);
    for (const t of tags) {
      mkdirSync(join(r, 'dirA'), { recursive: true });
      await skopeo('copy', '-q', `oci:${srcA}:${t}`, `dir:${join(r, 'dirA', `repo:${t}`)}`);
    }
    const reg = await startRegistry();
    try {
      const host = reg.host;
      const flotillaFirst = round % 2 === 0;
      const pair = async (phase: Phase, f: () => Promise<number>, s: () => Promise<number>) => {
        const runF = async () => {
          await settledLog(reg);
          reg.clearAccessLog();
          times[phase].flotilla.push(await f());
          await settledLog(reg);
          note(`${phase} flotilla`, reg.accessLog().length);
        };
        const runS = async () => {
          await settledLog(reg);
          reg.clearAccessLog();
          times[phase].skopeo.push(await s());
          await settledLog(reg);
          note(`${phase} skopeo`, reg.accessLog().length);
        };
        if (flotillaFirst) {
          await runF();
          await runS();
        } else {
          await runS();
          await runF();
        }
      };

      await pair(
        'push-one',
        () => flotilla('copy', '-q', `oci:${srcA}`, `${host}/bench/f-push`),
        () => skopeo('sync', '--src', 'dir', '--dest', 'docker', '--dest-tls-verify=false', join(r, 'dirA'), `${host}/bench/s-push`),
      );
      await pair(
        'pull-one',
        () => flotilla('copy', '-q', `${host}/bench/f-push`, `oci:${join(r, 'pullF')}`),
        () => skopeo('sync', '--src', 'docker', '--dest', 'dir', '--src-tls-verify=false', `${host}/bench/f-push`, join(r, 'pullS')),
      );
      // the plainest Node script pulling the same tags the same way (8 at a time), after both
      await settledLog(reg);
      times['pull-one'].floor.push(await nodeFloor('pull-all', `${host}/bench/f-push`, join(r, 'pullN')));
      // a second pull of the same digests into the same layout
      await settledLog(reg);
      reg.clearAccessLog();
      secondPull.ms.push(await flotilla('copy', '-q', `${host}/bench/f-push`, `oci:${join(r, 'pullF')}`));
      await settledLog(reg);
      secondPull.blobRequests.push(blobRequests(reg));
      secondPull.requests.push(reg.accessLog().length);

      // one process per artifact: the tools take turns artifact by artifact (the order
      // rotating), so that all see the same load from whatever else runs on the machine
      type Tool = 'flotilla' | 'skopeo' | 'floor';
      const interleaved = async (phase: Phase, run: Record<Tool, (t: string) => Promise<number>>) => {
        const ms: Record<Tool, number> = { flotilla: 0, skopeo: 0, floor: 0 };
        const req: Record<Tool, number> = { flotilla: 0, skopeo: 0, floor: 0 };
        const order: Tool[] = ['flotilla', 'skopeo', 'floor'];
        for (const [i, t] of tags.entries()) {
          for (let k = 0; k < order.length; k++) {
            const tool = order[(i + round + k) % order.length] as Tool;
            await settledLog(reg);
            reg.clearAccessLog();
            ms[tool] += await run[tool](t);
            await settledLog(reg);
            req[tool] += reg.accessLog().length;
          }
        }
        times[phase].flotilla.push(ms.flotilla);
        times[phase].skopeo.push(ms.skopeo);
        times[phase].floor.push(ms.floor);
        note(`${phase} flotilla`, req.flotilla);
        note(`${phase} skopeo`, req.skopeo);
        note(`${phase} floor`, req.floor);
      };
      await interleaved('push-each', {
        flotilla: (t) => flotilla('copy', '-q', `oci:${srcB}:${t}`, `${host}/bench/f-each:${t}`),
        skopeo: (t) => skopeo('copy', '-q', '--dest-tls-verify=false', `oci:${srcB}:${t}`, `docker://${host}/bench/s-each:${t}`),
        floor: (t) => nodeFloor('push', srcB, t, `${host}/bench/n-each:${t}`),
      });
      await interleaved('pull-each', {
        flotilla: (t) => flotilla('copy', '-q', `${host}/bench/f-each:${t}`, `oci:${join(r, 'eachF')}:${t}`),
        skopeo: (t) => skopeo('copy', '-q', '--src-tls-verify=false', `docker://${host}/bench/f-each:${t}`, `oci:${join(r, 'eachS')}:${t}`),
        floor: (t) => nodeFloor('pull', `${host}/bench/f-each:${t}`, join(r, 'eachN'), t),
      });
      // both tools delivered every tag
      for (const repo of ['f-push', 's-push/repo', 'f-each', 's-each', 'n-each']) {
        const list = JSON.parse(
          execFileSync('skopeo', ['list-tags', '--tls-verify=false', `docker://${host}/bench/${repo}`], { encoding: 'utf8' }),
        );
        if (list.Tags.length !== COUNT) throw new Error(`${repo} has ${list.Tags.length} tags, expected ${COUNT}`);
      }
      for (const dir of ['pullF', 'pullN', 'eachF', 'eachS', 'eachN']) {
        const n = (await new LayoutStore(join(r, dir)).listTags()).length;
        if (n !== COUNT) throw new Error(`${dir} has ${n} tags, expected ${COUNT}`);
      }
    } finally {
      await reg.stop();
      rmSync(r, { recursive: true, force: true });
    }
    loads.push(loadavg()[0] ?? 0);
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
}

/** The bare Node script's time for a phase, against skopeo and against flotilla: the part of the ratio that is Node's own. */
function floorLine(phase: Phase): string {
  const n = median(times[phase].floor);
  const s = median(times[phase].skopeo);
  const f = median(times[phase].flotilla);
  return (
    `Node floor, ${phase} (\`bench/node-floor.cjs\`: the same requests in plain node:http, no config, auth or retries): ` +
    `${(n / 1000).toFixed(2)} s, ${(n / s).toFixed(2)}× skopeo; flotilla is ${(f / n).toFixed(2)}× the floor.`
  );
}

function report(): string {
  const mib = ((COUNT * SIZE) / 1048576).toFixed(0);
  const row = (label: string, phase: Phase, goal: string) => {
    const f = median(times[phase].flotilla);
    const s = median(times[phase].skopeo);
    return `| ${label} | ${(f / 1000).toFixed(2)} s | ${(s / 1000).toFixed(2)} s | ${(f / s).toFixed(2)} | ${goal} |`;
  };
  const skopeoVersion = execFileSync('skopeo', ['--version'], { encoding: 'utf8' }).trim();
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${skopeoVersion}, docker-registry (distribution) on 127.0.0.1.`,
    `Load average (1 min) at the start and after each round: ${loads.map((l) => l.toFixed(1)).join(', ')} (other work shared the 2 cores).`,
    `Workload: ${COUNT} Wasm artifacts of ${SIZE} bytes (${mib} MiB of layers), ${COUNT} tags of one repository. Median of ${ROUNDS} round(s), a fresh registry each round.`,
    '',
    '| phase | flotilla | skopeo | ratio (flotilla / skopeo) | goal |',
    '| --- | --- | --- | --- | --- |',
    row('push, one process (`copy oci:<dir> <repo>` / `sync --src dir --dest docker`)', 'push-one', '≤ 0.5'),
    row('pull, one process (`copy <repo> oci:<dir>` / `sync --src docker --dest dir`)', 'pull-one', '≤ 0.5'),
    row(`push, one process per artifact (${COUNT} × \`copy\`)`, 'push-each', '≤ 1.5'),
    row(`pull, one process per artifact (${COUNT} × \`copy\`)`, 'pull-each', '≤ 1.5'),
    '',
    floorLine('pull-one'),
    floorLine('push-each'),
    floorLine('pull-each'),
    '',
    `Second pull of the same digests into the same layout: median ${(median(secondPull.ms) / 1000).toFixed(2)} s, ` +
      `blob requests per round ${JSON.stringify(secondPull.blobRequests)}, all requests per round ${JSON.stringify(secondPull.requests)}.`,
    `CLI start (\`node bin/flotilla.js --help\`, compile cache warm): median ${median(startup).toFixed(0)} ms over ${startup.length} runs.`,
    '',
    'Registry requests per phase (median over rounds):',
    '',
    '| phase | flotilla | skopeo | Node floor |',
    '| --- | --- | --- | --- |',
    ...(['push-one', 'pull-one', 'push-each', 'pull-each'] as Phase[]).map(
      (p) =>
        `| ${p} | ${median(requests[`${p} flotilla`] ?? [0])} | ${median(requests[`${p} skopeo`] ?? [0])} | ${requests[`${p} floor`] ? median(requests[`${p} floor`] ?? [0]) : ''} |`,
    ),
  ];
  return lines.join('\n');
}

try {
  await main();
  const text = report();
  process.stdout.write(`${text}\n`);
  if (values.json) {
    mkdirSync(dirname(values.json), { recursive: true });
    writeFileSync(values.json, JSON.stringify({ count: COUNT, size: SIZE, rounds: ROUNDS, times, requests, secondPull, startup }, null, 2));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

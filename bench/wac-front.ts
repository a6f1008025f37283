/**
 * What the WAC front end (parse, resolve, build the graph, check) adds to a
 * composition: the 10 × 2 MiB chain of bench/compose.ts composed from a WAC
 * document with `composeWac` (validation off), against the same composition
 * built directly on the graph API and encoded with `encodeGraphSync`. Both in
 * one process, alternating, median of the runs.
 *
 *   node bench/wac-front.ts [runs]
 */
import { cpus, totalmem } from 'node:os';
import { parse } from '@bytecodealliance/jco';
import { readComponent, writeComponent } from '../shared/component/binary/index.ts';
import { composeWac } from '../shared/wac/compose.ts';
import { encodeGraphSync } from '../shared/wac/encode.ts';
import { CompositionGraph } from '../shared/wac/graph.ts';
import { textLeaf, textWrapper } from '../test/support/wat-components.ts';

const COUNT = 10;
const PAD = 2 * 1024 * 1024;
const TEXT = 'test:demo/text@0.1.0';
const runs = Number(process.argv[2] ?? 7);

const packages: { name: string; bytes: Uint8Array }[] = [];
for (let i = 0; i < COUNT; i++) {
  const c = readComponent(await parse(i === 0 ? textLeaf('c0', 1) : textWrapper(`c${i}`, i + 1)));
  const data = new Uint8Array(PAD);
  for (let j = 0; j < data.length; j++) data[j] = (j * 2654435761 + i) >>> 24;
  c.sections.push({ id: 'custom', name: `bench-padding-${i}`, data });
  packages.push({ name: `bench:c${i}`, bytes: writeComponent(c) });
}
const inputBytes = packages.reduce((n, p) => n + p.bytes.length, 0);

const lines = ['package bench:chain;', '', 'let c0 = new bench:c0 {};'];
for (let i = 1; i < COUNT; i++) lines.push(`let c${i} = new bench:c${i} { ...c${i - 1} };`);
lines.push(`export c${COUNT - 1}...;`, '');
const source = { file: 'chain.wac', text: lines.join('\n') };

function direct(): Uint8Array {
  const g = new CompositionGraph();
  let prev: number | null = null;
  for (const [i, p] of packages.entries()) {
    const inst = g.instantiate(g.registerPackage(p), `c${i}`);
    if (prev !== null) g.setArgument(inst, TEXT, g.aliasExport(prev, TEXT));
    prev = inst;
  }
  g.export(g.aliasExport(prev as number, TEXT), TEXT);
  return encodeGraphSync(g);
}

const times = { direct: [] as number[], wac: [] as number[] };
let outBytes = 0;
for (let r = 0; r < runs + 1; r++) {
  let t = performance.now();
  const a = direct();
  const tDirect = performance.now() - t;
  t = performance.now();
  const b = await composeWac(source, packages, { validate: false });
  const tWac = performance.now() - t;
  if (r === 0) continue; // warm-up
  if (a.length !== b.length) throw new Error('the two paths disagree on the output size');
  outBytes = b.length;
  times.direct.push(tDirect);
  times.wac.push(tWac);
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
const mib = (n: number) => (n / 1024 / 1024).toFixed(2);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${mib(totalmem())} MiB, Node ${process.version}`);
console.log(`inputs: ${COUNT} components, ${mib(inputBytes)} MiB; output ${mib(outBytes)} MiB; runs: ${runs} (median)`);
console.log(`graph API + encodeGraphSync: ${median(times.direct).toFixed(1)} ms`);
console.log(`composeWac (parse, resolve, graph, target check, encode): ${median(times.wac).toFixed(1)} ms`);
console.log(`ratio: ${(median(times.wac) / median(times.direct)).toFixed(2)}×`);

/**
 * Reading WIT packages: wasi:http 0.2.12 as a folder with its six WASI
 * dependencies in deps/ (7 files, 755 lines, the WIT jco ships), read and
 * resolved into the component type model by shared/wac/wit (fs reads
 * included), against wit-parser itself on the same packages (jco's
 * componentEmbed: wit-parser parses and resolves them and wit-component
 * encodes the world, in wasm) given the same text in one string. Both in one
 * process, alternating, after one warm-up each; median of the runs.
 *
 *   node bench/wit.ts [runs]
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { componentEmbed } from '@bytecodealliance/jco';
import { loadWitPackage } from '../shared/wac/wit/load.ts';

const runs = Number(process.argv[2] ?? 21);
const WASI = join(dirname(createRequire(import.meta.url).resolve('@bytecodealliance/jco')), '..', 'lib', 'wit', 'builtin', '0.2.12');
const packages = readdirSync(WASI).filter((d) => d.startsWith('wasi-'));
const dir = mkdtempSync(join(tmpdir(), 'bench-wit-'));
cpSync(join(WASI, 'wasi-http', 'package.wit'), join(dir, 'package.wit'));
for (const p of packages.filter((x) => x !== 'wasi-http')) {
  mkdirSync(join(dir, 'deps', p), { recursive: true });
  cpSync(join(WASI, p, 'package.wit'), join(dir, 'deps', p, 'package.wit'));
}
const oneSource = [
  readFileSync(join(WASI, 'wasi-http', 'package.wit'), 'utf8'),
  ...packages
    .filter((p) => p !== 'wasi-http')
    .map((p) => `${readFileSync(join(WASI, p, 'package.wit'), 'utf8').replace(/^package ([^;]+);/m, 'package $1 {')}\n}\n`),
].join('\n');
const lines = oneSource.split('\n').length;

async function ours(): Promise<number> {
  const t = performance.now();
  const { package: pkg } = await loadWitPackage(dir);
  if (!pkg.worlds.get('proxy')) throw new Error('no proxy world');
  return performance.now() - t;
}

async function witParser(): Promise<number> {
  const t = performance.now();
  await componentEmbed({ dummy: true, witSource: oneSource, world: 'proxy' });
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const first = { ours: await ours(), witParser: await witParser() };
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < runs; i++) {
  a.push(await ours());
  b.push(await witParser());
}
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`read wasi:http 0.2.12 and its 6 WASI deps (${lines} lines of WIT), ${runs} runs, medians\n`);
process.stdout.write('| reader | first call | median | \n| --- | --- | --- |\n');
process.stdout.write(
  `| shared/wac/wit (folder with deps/, parse + resolve into the type model) | ${first.ours.toFixed(1)} ms | ${median(a).toFixed(2)} ms |\n`,
);
process.stdout.write(
  `| wit-parser + wit-component (jco componentEmbed, one source string) | ${first.witParser.toFixed(1)} ms | ${median(b).toFixed(2)} ms |\n`,
);
process.stdout.write(`\nratio (median): ${(median(a) / median(b)).toFixed(2)}×\n`);
process.stdout.write(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}\n`,
);

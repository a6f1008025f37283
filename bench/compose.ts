/**
 * Composition benchmark: 10 components of 2 MiB or more each (a chain of the
 * WAT text components from test/support, each carrying a generated 2 MiB
 * custom section) composed into one (validation off), against a plain Node script that reads
 * the same 10 files and writes their concatenation. Each measured side runs
 * in its own child process; peak memory is the child's maxRSS.
 *
 *   node bench/compose.ts [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildResult } from './compose-child.ts';

const COUNT = 10;
const PAD = 2 * 1024 * 1024;

async function generate(dir: string): Promise<number> {
  const { parse } = await import('@bytecodealliance/jco');
  const { readComponent, writeComponent } = await import('../shared/component/binary/index.ts');
  const { textLeaf, textWrapper } = await import('../test/support/wat-components.ts');
  let total = 0;
  for (let i = 0; i < COUNT; i++) {
    const wat = i === 0 ? textLeaf('c0', 1) : textWrapper(`c${i}`, i + 1);
    const c = readComponent(await parse(wat));
    const data = new Uint8Array(PAD);
    for (let j = 0; j < data.length; j++) data[j] = (j * 2654435761 + i) >>> 24;
    c.sections.push({ id: 'custom', name: `bench-padding-${i}`, data });
    const bytes = writeComponent(c);
    writeFileSync(join(dir, `c${i}.wasm`), bytes);
    total += bytes.length;
  }
  return total;
}

/**
 * Compiles the child and the library modules it loads to JavaScript (as the
 * shipped CLI and actions are), so that neither side pays for Node's
 * TypeScript type stripping at load time.
 */
async function compileChild(dir: string): Promise<string> {
  const { default: ts } = await import('typescript');
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = join(dir, 'js');
  const sources = ['bench/compose-child.ts', 'shared/errors.ts'];
  for (const sub of ['shared/component', 'shared/component/binary', 'shared/wac']) {
    for (const f of readdirSync(join(root, sub))) if (f.endsWith('.ts') && !f.endsWith('.test.ts')) sources.push(`${sub}/${f}`);
  }
  for (const rel of sources) {
    const js = ts.transpileModule(readFileSync(join(root, rel), 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2023,
        rewriteRelativeImportExtensions: true,
        verbatimModuleSyntax: true,
      },
    }).outputText;
    mkdirSync(dirname(join(outDir, rel)), { recursive: true });
    writeFileSync(join(outDir, rel.replace(/\.ts$/, '.js')), js);
  }
  writeFileSync(join(outDir, 'package.json'), '{"type":"module"}');
  return join(outDir, 'bench/compose-child.js');
}

let childScript = '';

function measure(mode: string, dir: string): ChildResult & { wallMs: number } {
  const out = join(dir, `out-${mode}.wasm`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [childScript, mode, dir, out], { encoding: 'utf8' });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${mode} child failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as ChildResult), wallMs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const parentRss = process.memoryUsage().rss;
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-compose-'));
  try {
    // inputs are generated (and the child compiled) in a separate process, so that this process stays
    // small: a child's maxRSS starts from its parent's resident size at fork time on Linux
    const prep = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--prepare', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (prep.status !== 0) throw new Error('preparing the inputs failed');
    const { inputBytes, script } = JSON.parse(prep.stdout) as { inputBytes: number; script: string };
    childScript = script;
    const results: Record<string, (ChildResult & { wallMs: number })[]> = { copy: [], compose: [] };
    for (let i = 0; i < runs; i++) {
      results.copy?.push(measure('copy', dir));
      results.compose?.push(measure('compose', dir));
    }
    const composed = readFileSync(join(dir, 'out-compose.wasm'));
    const { validateComponent } = await import('../shared/component/validate.ts');
    const v0 = performance.now();
    await validateComponent(composed);
    const validateMs = performance.now() - v0;
    const { loadComponent } = await import('../test/support/run-component.ts');
    const { module, dispose } = await loadComponent(composed);
    const label = (module.text as { label(s: string): string }).label('x');
    await dispose();
    const MiB = 1024 * 1024;
    const row = (name: string, rs: (ChildResult & { wallMs: number })[]) => {
      const wall = median(rs.map((r) => r.wallMs));
      const work = median(rs.map((r) => r.workMs));
      const rss = Math.max(...rs.map((r) => r.maxRssBytes));
      const load = median(rs.map((r) => r.loadMs));
      return { name, wall, work, load, rss, out: rs[0]?.outBytes ?? 0 };
    };
    const copy = row('copy (read 10 files, write concatenation)', results.copy ?? []);
    const comp = row('compose, validation off', results.compose ?? []);
    const lines = [
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`,
      `inputs: ${COUNT} components, ${(inputBytes / MiB).toFixed(2)} MiB in all; composed output ${(comp.out / MiB).toFixed(2)} MiB; runs: ${runs} (median; peak RSS = max)`,
      '',
      '| side | wall (process) ms | work (in process) ms | of which loading the library ms | peak RSS MiB |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...[copy, comp].map(
        (r) => `| ${r.name} | ${r.wall.toFixed(0)} | ${r.work.toFixed(1)} | ${r.load.toFixed(1)} | ${(r.rss / MiB).toFixed(1)} |`,
      ),
      '',
      `ratio compose/copy: wall ${(comp.wall / copy.wall).toFixed(2)}×, work ${(comp.work / copy.work).toFixed(2)}× (goal ≤ 1.5× wall)`,
      `peak memory budget: 2 × output + 100 MiB = ${((2 * comp.out) / MiB + 100).toFixed(1)} MiB; compose used ${(comp.rss / MiB).toFixed(1)} MiB`,
      `validation (jco transpile, in process): ${validateMs.toFixed(0)} ms`,
      `(peak RSS cross-check from /proc VmHWM, max: copy ${(Math.max(...(results.copy ?? []).map((r) => r.hwmBytes)) / MiB).toFixed(1)} MiB, compose ${(Math.max(...(results.compose ?? []).map((r) => r.hwmBytes)) / MiB).toFixed(1)} MiB; parent RSS at spawn ${(parentRss / MiB).toFixed(1)} MiB)`,
      `composed component runs: text.label("x") = ${label}`,
    ];
    console.log(lines.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--prepare') {
  const dir = process.argv[3] as string;
  const inputBytes = await generate(dir);
  process.stdout.write(JSON.stringify({ inputBytes, script: await compileChild(dir) }));
} else await main();

/**
 * Composing the e-commerce platform (examples/ecommerce/flotilla.yaml, the
 * `staging` environment: nine services pulled from a local docker-registry,
 * the gateway a local file) from a cold store (empty: every component pulled)
 * and from a warm one (every component present by digest: only the tags are
 * resolved), with validation (the default: wasmparser for the component
 * layer, V8 for core function bodies), with the validation this project had
 * before (a jco transpile of the result), and without any; against a plain copy
 * of the same ten component files in the same run. Each measured run is its
 * own child process; peak memory is the child's maxRSS; `call` is the time of
 * the composeSpec call (or the copies) alone, `process` the child's whole life
 * (Node start and module loading included).
 *
 *   node bench/compose-platform.ts [runs]
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);

interface ChildResult {
  callMs: number;
  maxRssMiB: number;
  fetched?: string;
}

async function child(mode: string, dir: string, store: string, host: string): Promise<void> {
  const t = performance.now();
  let fetched: string | undefined;
  if (mode === 'copy') {
    const { components } = await import('../examples/ecommerce/components.ts');
    const out = join(dir, 'copy');
    mkdirSync(out, { recursive: true });
    for (const c of components.filter((x) => !x.name.endsWith('-mock'))) {
      copyFileSync(join(dir, 'build', `${c.name}.wasm`), join(out, `${c.name}.wasm`));
    }
  } else {
    const { composeSpec } = await import('../shared/release/compose.ts');
    const r = await composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      environment: 'staging',
      storeDir: store,
      output: join(dir, 'platform.wasm'),
      validate: !mode.endsWith('-novalidate') && !mode.endsWith('-transpile'),
      env: { ...process.env, FLOTILLA_STAGING_REGISTRY: host },
    });
    if (mode.endsWith('-transpile')) {
      // the validation before this change: jco's transpile of the result (what validateComponent was)
      const { transpile } = await import('@bytecodealliance/jco');
      await transpile(new Uint8Array(readFileSync(r.output)), { name: 'component', noTypescript: true, quiet: true });
    }
    const counts = new Map<string, number>();
    for (const c of r.components) counts.set(c.fetched, (counts.get(c.fetched) ?? 0) + 1);
    fetched = [...counts].map(([k, v]) => `${v} ${k}`).join(', ');
  }
  const callMs = performance.now() - t;
  const result: ChildResult = { callMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, ...(fetched ? { fetched } : {}) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function main(runs: number): Promise<void> {
  const { startRegistry } = await import('../test/harness/registry.ts');
  const { EXAMPLE_DIR, buildExample } = await import('../examples/ecommerce/build.ts');
  const { publishExample } = await import('../examples/ecommerce/publish.ts');
  await buildExample();
  const reg = await startRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-compose-'));
  try {
    writeFileSync(join(dir, 'flotilla.yaml'), readFileSync(join(EXAMPLE_DIR, 'flotilla.yaml')));
    writeFileSync(join(dir, 'platform.wac'), readFileSync(join(EXAMPLE_DIR, 'platform.wac')));
    symlinkSync(join(EXAMPLE_DIR, 'build'), join(dir, 'build'));
    await publishExample({ target: reg.host, tagSuffix: '-staging', env: {} });
    const { components } = await import('../examples/ecommerce/components.ts');
    const inputBytes = components
      .filter((c) => !c.name.endsWith('-mock'))
      .reduce((n, c) => n + statSync(join(EXAMPLE_DIR, 'build', `${c.name}.wasm`)).size, 0);

    // Asynchronous children: the parent's event loop keeps draining the registry's log pipe
    // (a blocked parent would leave the registry blocked on writing its access log).
    const measure = async (mode: string, store: string): Promise<ChildResult & { processMs: number }> => {
      const t = performance.now();
      const proc = spawn(process.execPath, [SELF, '--child', mode, dir, store, reg.host], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stdout.on('data', (c: Buffer) => {
        out += c.toString();
      });
      proc.stderr.on('data', (c: Buffer) => {
        err += c.toString();
      });
      const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
      const processMs = performance.now() - t;
      if (code !== 0) throw new Error(`${mode} failed: ${err}`);
      return { ...(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildResult), processMs };
    };
    const rows: string[] = [];
    const report = (label: string, results: (ChildResult & { processMs: number })[]) => {
      const line = `| ${label} | ${median(results.map((r) => r.callMs)).toFixed(0)} ms | ${median(results.map((r) => r.processMs)).toFixed(0)} ms | ${median(results.map((r) => r.maxRssMiB)).toFixed(0)} MiB | ${results[0]?.fetched ?? 'n/a'} |`;
      rows.push(line);
      process.stdout.write(`${line}\n`);
    };
    process.stdout.write(
      `compose the e-commerce platform (staging, ${reg.host}), ${runs} runs each, medians; inputs ${(inputBytes / 1024 / 1024).toFixed(1)} MiB in 10 components\n`,
    );
    process.stdout.write('| run | call | process | peak RSS | components |\n| --- | --- | --- | --- | --- |\n');
    const labels: Record<string, string> = {
      '': 'validation on (wasmparser + V8, the default)',
      '-transpile': 'validation as before (jco transpile)',
      '-novalidate': 'no validation',
    };
    const calls: Record<string, number> = {};
    for (const suffix of ['', '-transpile', '-novalidate']) {
      const cold: (ChildResult & { processMs: number })[] = [];
      const warm: (ChildResult & { processMs: number })[] = [];
      for (let i = 0; i < runs; i++) {
        const store = join(dir, `store-${suffix}-${i}`);
        cold.push(await measure(`cold${suffix}`, store));
        warm.push(await measure(`warm${suffix}`, store));
        rmSync(store, { recursive: true, force: true });
      }
      report(`cold store, ${labels[suffix]}`, cold);
      report(`warm store, ${labels[suffix]}`, warm);
      calls[`cold${suffix}`] = median(cold.map((r) => r.callMs));
      calls[`warm${suffix}`] = median(warm.map((r) => r.callMs));
    }
    const copies: (ChildResult & { processMs: number })[] = [];
    for (let i = 0; i < runs; i++) copies.push(await measure('copy', ''));
    report('plain copy of the 10 input files (peer)', copies);
    const ratio = (a: string, b: string) => ((calls[a] ?? Number.NaN) / (calls[b] ?? Number.NaN)).toFixed(2);
    process.stdout.write(
      `\nvalidation over no validation (call): cold ${ratio('cold', 'cold-novalidate')}×, warm ${ratio('warm', 'warm-novalidate')}×; ` +
        `before (transpile): cold ${ratio('cold-transpile', 'cold-novalidate')}×, warm ${ratio('warm-transpile', 'warm-novalidate')}×\n`,
    );
    process.stdout.write(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}\n`,
    );
  } finally {
    await reg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  await child(argv[1] ?? '', argv[2] ?? '', argv[3] ?? '', argv[4] ?? '');
} else {
  await main(Number(argv[0] ?? 5));
}

/**
 * Composing the e-commerce platform (examples/ecommerce/flotilla.yaml, the
 * `staging` environment: its twelve components pulled from a local
 * docker-registry), with and without validation, against a plain copy of the
 * same twelve component files.
 *
 * Variants, each one its own child process, alternated within every round
 * (the machine is shared and its load moves: a ratio is taken between the
 * variants of one round, then the median of the rounds' ratios is reported):
 *
 * - `none`: `validate: false`.
 * - `validate`: the default (shared/component/validate.ts: V8 for every core
 *   module, wasmparser for the component layer over core-module stubs, the
 *   store's validation cache; into a cold store the validator is preloaded
 *   while the components are pulled).
 * - `whole`: the validation of c1fe935 (issue 14's second pass), for comparison:
 *   `validate: false`, then validateComponent with the store's cache but without
 *   the packages' types, so that every nested package's component layer is
 *   checked again (wasmparser over the core-module stubs of the whole output;
 *   the core modules cached).
 * - `before`: the validation of issue 14's first version, for comparison:
 *   `validate: false`, then wasmparser over the whole composition and V8's
 *   synchronous `WebAssembly.validate` of every core module, no cache, no
 *   preload (what validateComponent did at 2411d2a).
 * - `transpile` (with `--transpile`): the validation before issue 14, a jco
 *   transpile of the result.
 *
 * Store states: `cold` (an empty store: everything pulled, nothing cached),
 * `warm` (the same store again: components by digest, and for `validate` the
 * composed output already validated), and for `validate` also `warm, new
 * output` (the warm store with its validated-component entries removed: what a
 * changed composition of the same cached components costs; the core modules
 * stay cached).
 *
 * `call` is the time of the composeSpec call (the module import included), `cpu`
 * the main thread's CPU time in it, `process` the child's whole life; peak
 * memory is the child's maxRSS.
 *
 *   node bench/compose-platform.ts [rounds] [--transpile] [--without-2411d2a]
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);

interface ChildResult {
  callMs: number;
  cpuMs: number;
  /** CPU time of the whole child (every thread, start to exit). */
  processCpuMs?: number;
  maxRssMiB: number;
  fetched?: string;
  /** How the validator accepted (validationCounts). */
  ways?: string;
}

interface Measured extends ChildResult {
  processMs: number;
}

/** The validation of 2411d2a (issue 14's first version), kept here to compare against. */
async function validateBefore(bytes: Uint8Array): Promise<void> {
  const { coreModules, validateComponentModel } = await import('../shared/component/validate.ts');
  await validateComponentModel(bytes); // wasmparser over the whole composition, core modules and all
  const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
  for (const m of coreModules(bytes)) if (!wasm.validate(m)) throw new Error('invalid core module');
}

async function child(variant: string, dir: string, store: string, host: string): Promise<void> {
  const c0 = process.threadCpuUsage();
  const t = performance.now();
  let fetched: string | undefined;
  if (variant === 'copy') {
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
      output: join(dir, `platform-${process.pid}.wasm`),
      validate: variant === 'validate',
      env: { ...process.env, FLOTILLA_STAGING_REGISTRY: host },
    });
    if (variant === 'before') await validateBefore(r.bytes);
    if (variant === 'whole') {
      const { validateComponent } = await import('../shared/component/validate.ts');
      const { storeValidationCache } = await import('../shared/component/validation-cache.ts');
      await validateComponent(r.bytes, { cache: storeValidationCache(store) });
    }
    if (variant === 'transpile') {
      const { transpile } = await import('@bytecodealliance/jco');
      await transpile(r.bytes, { name: 'component', noTypescript: true, quiet: true });
    }
    const counts = new Map<string, number>();
    for (const c of r.components) counts.set(c.fetched, (counts.get(c.fetched) ?? 0) + 1);
    fetched = [...counts].map(([k, v]) => `${v} ${k}`).join(', ');
    rmSync(r.output, { force: true });
  }
  const callMs = performance.now() - t;
  const u = process.threadCpuUsage(c0);
  const { validationCounts } = await import('../shared/component/validate.ts');
  const result: ChildResult = {
    callMs,
    ways: `${validationCounts.outerLayer} outer, ${validationCounts.whole} whole`,
    cpuMs: (u.user + u.system) / 1000,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    ...(fetched ? { fetched } : {}),
  };
  // the child's whole CPU time (every thread), once everything it started has finished
  process.on('exit', () => {
    const all = process.cpuUsage();
    process.stdout.write(`${JSON.stringify({ ...result, processCpuMs: (all.user + all.system) / 1000 })}\n`);
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Removes the validated-component entries of a store's validation cache (the core-module entries stay). */
function forgetValidatedOutputs(store: string): void {
  const root = join(store, 'validated');
  for (const validator of readdirSync(root)) rmSync(join(root, validator, 'component'), { recursive: true, force: true });
}

async function main(rounds: number, withTranspile: boolean, withBefore: boolean): Promise<void> {
  const { startRegistry } = await import('../test/harness/registry.ts');
  const { EXAMPLE_DIR, buildExample } = await import('../examples/ecommerce/build.ts');
  const { publishExample } = await import('../examples/ecommerce/publish.ts');
  await buildExample();
  const reg = await startRegistry();
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-bench-compose-'));
  const loads: number[] = [];
  try {
    writeFileSync(join(dir, 'flotilla.yaml'), readFileSync(join(EXAMPLE_DIR, 'flotilla.yaml')));
    writeFileSync(join(dir, 'platform.wac'), readFileSync(join(EXAMPLE_DIR, 'platform.wac')));
    // the spec's production environment names a policy and its keys
    cpSync(join(EXAMPLE_DIR, 'policy.yaml'), join(dir, 'policy.yaml'));
    cpSync(join(EXAMPLE_DIR, 'keys'), join(dir, 'keys'), { recursive: true });
    symlinkSync(join(EXAMPLE_DIR, 'build'), join(dir, 'build'));
    await publishExample({ target: reg.host, tagSuffix: '-staging', env: {} });
    const { components } = await import('../examples/ecommerce/components.ts');
    const inputs = components.filter((c) => !c.name.endsWith('-mock'));
    const inputBytes = inputs.reduce((n, c) => n + statSync(join(EXAMPLE_DIR, 'build', `${c.name}.wasm`)).size, 0);

    // Asynchronous children: the parent's event loop keeps draining the registry's log pipe
    // (a blocked parent would leave the registry blocked on writing its access log).
    const measure = async (variant: string, store: string): Promise<Measured> => {
      loads.push(loadavg()[0] ?? Number.NaN);
      const t = performance.now();
      const proc = spawn(process.execPath, [SELF, '--child', variant, dir, store, reg.host], { stdio: ['ignore', 'pipe', 'pipe'] });
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
      if (code !== 0) throw new Error(`${variant} failed: ${err}`);
      return { ...(JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildResult), processMs };
    };

    const variants = ['none', 'validate', 'whole', ...(withBefore ? ['before'] : []), ...(withTranspile ? ['transpile'] : [])];
    /** results[row][round] */
    const results = new Map<string, Measured[]>();
    const add = (row: string, m: Measured) => {
      const list = results.get(row) ?? [];
      list.push(m);
      results.set(row, list);
    };
    for (let round = 0; round < rounds; round++) {
      // rotate the order, so that no variant always runs first (or right after the same one)
      const order = variants.map((_, i) => variants[(i + round) % variants.length] as string);
      for (const variant of order) {
        const store = join(dir, `store-${variant}-${round}`);
        add(`cold ${variant}`, await measure(variant, store));
        add(`warm ${variant}`, await measure(variant, store));
        if (variant === 'validate' || variant === 'whole') {
          forgetValidatedOutputs(store);
          add(`warm-new ${variant}`, await measure(variant, store));
        }
        rmSync(store, { recursive: true, force: true });
      }
      add('copy', await measure('copy', ''));
      process.stdout.write(`round ${round + 1}/${rounds} done (load ${loadavg()[0]?.toFixed(1)})\n`);
    }

    const labels: [string, string][] = [
      ['cold validate', 'cold store, validation on (the default)'],
      ['cold whole', 'cold store, validation of c1fe935'],
      ...(withBefore ? ([['cold before', 'cold store, validation of 2411d2a']] as [string, string][]) : []),
      ...(withTranspile ? ([['cold transpile', 'cold store, jco transpile (before issue 14)']] as [string, string][]) : []),
      ['cold none', 'cold store, no validation'],
      ['warm validate', 'warm store, validation on, output validated before'],
      ['warm-new validate', 'warm store, validation on, new output (packages cached)'],
      ['warm whole', 'warm store, validation of c1fe935, output validated before'],
      ['warm-new whole', 'warm store, validation of c1fe935, new output (core modules cached)'],
      ...(withBefore ? ([['warm before', 'warm store, validation of 2411d2a']] as [string, string][]) : []),
      ...(withTranspile ? ([['warm transpile', 'warm store, jco transpile (before issue 14)']] as [string, string][]) : []),
      ['warm none', 'warm store, no validation'],
      ['copy', `plain copy of the ${inputs.length} input files (peer)`],
    ];
    process.stdout.write(
      `\ncompose the e-commerce platform (staging, ${reg.host}), ${rounds} rounds, variants alternated, medians; inputs ${(inputBytes / 1024 / 1024).toFixed(1)} MiB in ${inputs.length} components\n\n`,
    );
    process.stdout.write(
      '| run | call (median) | fastest call | main-thread CPU | process | process CPU | peak RSS | components | validated |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n',
    );
    for (const [row, label] of labels) {
      const rs = results.get(row) ?? [];
      process.stdout.write(
        `| ${label} | ${median(rs.map((r) => r.callMs)).toFixed(0)} ms | ${Math.min(...rs.map((r) => r.callMs)).toFixed(0)} ms | ${median(rs.map((r) => r.cpuMs)).toFixed(0)} ms | ${median(rs.map((r) => r.processMs)).toFixed(0)} ms | ${median(rs.map((r) => r.processCpuMs ?? Number.NaN)).toFixed(0)} ms | ${median(rs.map((r) => r.maxRssMiB)).toFixed(0)} MiB | ${rs[0]?.fetched ?? 'n/a'} | ${rs[0]?.ways ?? ''} |\n`,
      );
    }
    /** Per-round ratio of `a` over `b` (call time and main-thread CPU), with the median. */
    const ratio = (a: string, b: string): string => {
      const ra = results.get(a) ?? [];
      const rb = results.get(b) ?? [];
      const calls = ra.map((r, i) => r.callMs / (rb[i]?.callMs ?? Number.NaN));
      const cpu = ra.map((r, i) => r.cpuMs / (rb[i]?.cpuMs ?? Number.NaN));
      const all = ra.map((r, i) => (r.processCpuMs ?? Number.NaN) / (rb[i]?.processCpuMs ?? Number.NaN));
      // the fastest run of each: the least disturbed by the other processes on the machine
      const best = Math.min(...ra.map((r) => r.callMs)) / Math.min(...rb.map((r) => r.callMs));
      return `${median(calls).toFixed(2)}× (rounds ${calls.map((x) => x.toFixed(2)).join(' ')}); fastest over fastest ${best.toFixed(2)}×; main-thread CPU ${median(cpu).toFixed(2)}×, process CPU ${median(all).toFixed(2)}×`;
    };
    process.stdout.write('\nratios over no validation, per round (call time), median first:\n');
    process.stdout.write(`- cold, validation on: ${ratio('cold validate', 'cold none')}\n`);
    process.stdout.write(`- warm, validation on, output validated before: ${ratio('warm validate', 'warm none')}\n`);
    process.stdout.write(`- warm, validation on, new output: ${ratio('warm-new validate', 'warm none')}\n`);
    process.stdout.write(`- cold, validation of c1fe935: ${ratio('cold whole', 'cold none')}\n`);
    process.stdout.write(`- warm, validation of c1fe935, new output: ${ratio('warm-new whole', 'warm none')}\n`);
    if (withBefore) {
      process.stdout.write(`- cold, validation of 2411d2a: ${ratio('cold before', 'cold none')}\n`);
      process.stdout.write(`- warm, validation of 2411d2a: ${ratio('warm before', 'warm none')}\n`);
    }
    if (withTranspile) {
      process.stdout.write(`- cold, jco transpile: ${ratio('cold transpile', 'cold none')}\n`);
      process.stdout.write(`- warm, jco transpile: ${ratio('warm transpile', 'warm none')}\n`);
    }
    process.stdout.write(
      `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ` +
        `1-minute load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (median ${median(loads).toFixed(1)}) during the run\n`,
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
  const positional = argv.filter((a) => !a.startsWith('--'));
  await main(Number(positional[0] ?? 5), argv.includes('--transpile'), !argv.includes('--without-2411d2a'));
}

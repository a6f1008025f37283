/**
 * One measured side of bench/compose.ts, run in its own process:
 *   node compose-child.js copy|compose <inputs dir> <output file>
 * Prints {workMs, loadMs, maxRssBytes, outBytes} as JSON.
 */
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const COUNT = 10;
const TEXT = 'test:demo/text@0.1.0';

export interface ChildResult {
  workMs: number;
  /** Time spent loading the library's modules, part of workMs. */
  loadMs: number;
  maxRssBytes: number;
  /** VmHWM from /proc/self/status (peak resident size of this process image). */
  hwmBytes: number;
  outBytes: number;
}

export async function child(mode: string, dir: string, out: string): Promise<void> {
  const t0 = performance.now();
  let loadMs = 0;
  const files = Array.from({ length: COUNT }, (_, i) => join(dir, `c${i}.wasm`));
  if (mode === 'copy') {
    const fd = openSync(out, 'w');
    for (const f of files) {
      const b = readFileSync(f);
      writeSync(fd, b);
    }
    closeSync(fd);
  } else {
    const { CompositionGraph } = await import('../shared/wac/graph.ts');
    const { encodeGraphParts } = await import('../shared/wac/encode.ts');
    loadMs = performance.now() - t0;
    const g = new CompositionGraph();
    let prev: number | null = null;
    files.forEach((f, i) => {
      const pkg = g.registerPackage({ name: `bench:c${i}`, bytes: readFileSync(f) });
      const inst = g.instantiate(pkg, `c${i}`);
      if (prev !== null) g.setArgument(inst, TEXT, g.aliasExport(prev, TEXT));
      prev = inst;
    });
    g.export(g.aliasExport(prev as unknown as number, TEXT), TEXT);
    const fd = openSync(out, 'w');
    for (const part of encodeGraphParts(g).parts()) writeSync(fd, part);
    closeSync(fd);
  }
  const workMs = performance.now() - t0;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  const result: ChildResult = {
    workMs,
    loadMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    hwmBytes: Number(hwm?.[1] ?? 0) * 1024,
    outBytes: statSync(out).size,
  };
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[1]?.endsWith('compose-child.js') || process.argv[1]?.endsWith('compose-child.ts')) {
  await child(process.argv[2] as string, process.argv[3] as string, process.argv[4] as string);
}

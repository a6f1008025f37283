import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/harness/wasm-fixtures.ts';
import { loadComponent } from '../../../test/support/run-component.ts';
import { describeWasm } from '../../component/describe.ts';
import { FLAT_API, flatApiWat } from '../../interpose/testdata/flat-api.ts';
import { composeInterposer, snapshot } from '../../interpose/testdata/support.ts';
import { runCli } from '../main.ts';

async function cli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => {
    stdout += d;
  });
  err.on('data', (d) => {
    stderr += d;
  });
  const code = await runCli(args, { stdout: out as never, stderr: err as never, cwd, env: {} });
  return { code, stdout, stderr };
}

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('flotilla-splitter-cli-'));
  writeFileSync(join(dir, 'stable.wasm'), await parse(flatApiWat(0)));
  writeFileSync(join(dir, 'canary.wasm'), await parse(flatApiWat(1)));
});
afterAll(() => cleanup?.());

describe('flotilla splitter', () => {
  it('writes a splitter that imports stable and canary and exports the interface and its stats; it runs', async () => {
    const r = await cli(
      dir,
      'splitter',
      'stable.wasm',
      '--interface',
      FLAT_API,
      '--weight',
      '25',
      '-o',
      'out/split.wasm',
      '--label',
      'flat',
    );
    expect(r.stderr).toContain(`splitter for ${FLAT_API} (19 functions: add, mix,`);
    expect(r.stderr).toContain('weight 25: of every 100 calls exactly 25 go to canary, spread evenly');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(join(dir, 'out', 'split.wasm'));
    const bytes = readFileSync(join(dir, 'out', 'split.wasm'));
    const d = describeWasm(bytes);
    expect(d.imports).toEqual(['wasi:clocks/monotonic-clock@0.2.0', 'stable', 'canary']);
    expect(d.exports).toEqual([FLAT_API, 'flotilla:interpose/stats@0.1.0']);
    const composed = await composeInterposer(
      bytes,
      FLAT_API,
      { stable: readFileSync(join(dir, 'stable.wasm')), canary: readFileSync(join(dir, 'canary.wasm')) },
      { label: 'flat' },
    );
    const { module, dispose } = await loadComponent(composed, 'cli-split');
    try {
      const add = (module.api as { add(a: number, b: number): number }).add;
      expect([0, 1, 2, 3, 4, 5, 6, 7].map(() => add(1, 1))).toEqual([2, 2, 2, 3, 2, 2, 2, 3]);
      expect(snapshot(module, 'flat')).toMatchObject({ label: 'flat', weight: 25, role: 'splitter' });
    } finally {
      await dispose();
    }
  });

  it('defaults: weight 0, splitter.wasm in the current folder, the label from the interface', async () => {
    const r = await cli(dir, 'splitter', 'stable.wasm', '-i', 'test:flat/api');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('weight 0: every call goes to stable');
    expect(describeWasm(readFileSync(join(dir, 'splitter.wasm'))).exports).toContain(FLAT_API);
  });

  it('bad input: exit 2 for usage, 1 with the error code for what the generator refuses', async () => {
    const missing = await cli(dir, 'splitter', 'stable.wasm');
    expect([missing.code, missing.stderr]).toEqual([2, 'flotilla splitter: --interface is required (see --help)\n']);
    for (const w of ['-1', '101', '2.5', 'ten']) {
      const bad = await cli(dir, 'splitter', 'stable.wasm', '-i', FLAT_API, `--weight=${w}`);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(
        `--weight expects a whole number of percent from 0 to 100 (the share of calls sent to canary), got '${w}'`,
      );
    }
    const both = await cli(dir, 'splitter', 'stable.wasm', '-i', FLAT_API, '--sticky-header', 'x', '--sticky-cookie', 'y');
    expect(both.code).toBe(2);
    const notHttp = await cli(dir, 'splitter', 'stable.wasm', '-i', FLAT_API, '--sticky-header', 'x-user');
    expect(notHttp.code).toBe(1);
    expect(notHttp.stderr).toMatch(/error \[INTERPOSE_OPTIONS\]: sticky routing reads an HTTP header or cookie/);
    const unknown = await cli(dir, 'splitter', 'stable.wasm', '-i', 'test:flat/nope@1.0.0');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      `error [INTERPOSE_NO_INTERFACE]: ${join(dir, 'stable.wasm')} neither exports nor imports the interface`,
    );
    const absent = await cli(dir, 'splitter', 'absent.wasm', '-i', FLAT_API);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toContain('no such file');
  });
});

describe('flotilla tap', () => {
  it('writes a pass-through that imports and exports the interface under its own name', async () => {
    const r = await cli(dir, 'tap', 'stable.wasm', '--interface', FLAT_API);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`tap for ${FLAT_API}`);
    expect(r.stderr).toContain(`forwards every call to its import \`${FLAT_API}\``);
    const d = describeWasm(readFileSync(join(dir, 'tap.wasm')));
    expect(d.imports).toEqual(['wasi:clocks/monotonic-clock@0.2.0', FLAT_API]);
    expect(d.exports).toEqual([FLAT_API, 'flotilla:interpose/stats@0.1.0']);
    // tap takes no weight
    expect((await cli(dir, 'tap', 'stable.wasm', '-i', FLAT_API, '--weight', '5')).code).toBe(2);
  });
});

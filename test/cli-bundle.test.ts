// The bundled CLI (scripts/bundle-cli.ts → dist/cli/) and the check that
// decides whether bin/flotilla.js runs it (bin/cli-bundle.cjs).
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../scripts/bundle-cli.ts';
import { makeComponent, tempDir } from './harness/wasm-fixtures.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const { currentBundle } = createRequire(import.meta.url)('../bin/cli-bundle.cjs') as {
  currentBundle(root: string, why?: { reason?: string }): string | undefined;
};

describe('the bundled CLI', () => {
  let dir: string;
  let cleanup: () => void;
  let out: string;
  let inputs: string[];
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('flotilla-bundle-'));
    out = join(dir, 'cli');
    inputs = await bundleCli(root, out);
  }, 60_000);
  afterAll(() => cleanup?.());

  /** Runs the bundle's runCli in a fresh Node process, as bin/flotilla.js does. */
  async function bundled(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const script = join(dir, 'run.cjs');
    writeFileSync(
      script,
      `require(${JSON.stringify(join(out, 'main.cjs'))}).runCli(process.argv.slice(2)).then((c) => { process.exitCode = c; });\n`,
    );
    try {
      const { stdout, stderr } = await run(process.execPath, [script, ...args], { cwd: dir, timeout: 30_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('records every bundled source with its size and time, and no npm package', () => {
    expect(inputs).toContain('shared/cli/main.ts');
    expect(inputs).toContain('shared/oci/copy.ts');
    expect(inputs.some((f) => f.includes('node_modules'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(out, 'inputs.json'), 'utf8'));
    expect(manifest.entry).toBe('main.cjs');
    expect(Object.keys(manifest.inputs).sort()).toEqual([...inputs].sort());
    expect(manifest.inputs['shared/cli/main.ts'].size).toBe(readFileSync(join(root, 'shared/cli/main.ts')).byteLength);
  });

  it('keeps npm packages and lazily loaded commands out of the start file', () => {
    const main = readFileSync(join(out, 'main.cjs'), 'utf8');
    expect(main).not.toMatch(/require\("@bytecodealliance\/jco"\)/);
    expect(main).not.toMatch(/require\("(sigstore|@sigstore\/[a-z-]+|yaml|ajv)"\)/);
    expect(main).not.toContain('class Copier');
  });

  it('runs: --version, --help, a usage error', async () => {
    const version = await bundled('--version');
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
    expect((await bundled('--help')).stdout).toContain('Usage: flotilla <command>');
    const bad = await bundled('pull');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected 1 argument(s)');
  });

  it('pushes a component into a layout, copies it, pulls it back byte-identical and inspects it', async () => {
    const wasm = await makeComponent('get', 41);
    writeFileSync(join(dir, 'c.wasm'), wasm);
    const pushed = await bundled('push', 'c.wasm', 'oci:layout-a:v1');
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toMatch(/sha256:[0-9a-f]{64}/);
    const copied = await bundled('copy', 'oci:layout-a', 'oci:layout-b');
    expect(copied.code, copied.stderr).toBe(0);
    const pulled = await bundled('pull', 'oci:layout-b:v1', '-o', 'back.wasm');
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(Buffer.from(readFileSync(join(dir, 'back.wasm'))).equals(Buffer.from(wasm))).toBe(true);
    const inspected = await bundled('inspect', 'back.wasm', '--json');
    expect(inspected.code, inspected.stderr).toBe(0);
    expect(JSON.parse(inspected.stdout).exports).toEqual(expect.arrayContaining([expect.stringContaining('get')]));
  });
});

describe('currentBundle (which CLI bin/flotilla.js runs)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir('flotilla-bundle-check-'));
    mkdirSync(join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  });
  afterAll(() => cleanup?.());

  function writeBundle(files: Record<string, string>): void {
    const inputs: Record<string, { size: number; mtimeMs: number }> = {};
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(join(dir, name), text);
      utimesSync(join(dir, name), 1_700_000_000, 1_700_000_000);
      inputs[name] = { size: Buffer.byteLength(text), mtimeMs: 1_700_000_000_000 };
    }
    writeFileSync(join(dir, 'dist', 'cli', 'inputs.json'), JSON.stringify({ entry: 'main.cjs', inputs }));
  }

  it('names the entry while every source is as recorded', () => {
    writeBundle({ 'src/a.ts': 'export const a = 1;\n', 'src/b.ts': 'export const b = 2;\n' });
    expect(currentBundle(dir)).toBe(join(dir, 'dist', 'cli', 'main.cjs'));
  });

  it('is stale when a source is edited, even to the same size, or removed', () => {
    writeBundle({ 'src/a.ts': 'export const a = 1;\n' });
    writeFileSync(join(dir, 'src/a.ts'), 'export const a = 2;\n'); // same size, new time
    const why: { reason?: string } = {};
    expect(currentBundle(dir, why)).toBeUndefined();
    expect(why.reason).toBe('src/a.ts changed since the bundle was built');

    writeBundle({ 'src/a.ts': 'export const a = 1;\n', 'src/gone.ts': 'x' });
    rmSync(join(dir, 'src/gone.ts'));
    expect(currentBundle(dir, why)).toBeUndefined();
    expect(why.reason).toBe('src/gone.ts is gone');
  });

  it('is absent without inputs.json, saying how to build it', () => {
    rmSync(join(dir, 'dist', 'cli', 'inputs.json'));
    const why: { reason?: string } = {};
    expect(currentBundle(dir, why)).toBeUndefined();
    expect(why.reason).toMatch(/no bundle \(ENOENT\): run 'npm run bundle'/);
  });
});

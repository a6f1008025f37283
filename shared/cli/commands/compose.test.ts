// `flotilla compose` on the e-commerce example (development: the embedded registry).
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXAMPLE_DIR } from '../../../examples/ecommerce/build.ts';
import { publishExample } from '../../../examples/ecommerce/publish.ts';
import { ensureBuilt } from '../../../examples/ecommerce/test-support.ts';
import { sha256 } from '../../oci/digest.ts';
import { runCli } from '../main.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'flotilla-cli-compose-'));
  writeFileSync(join(dir, 'flotilla.yaml'), readFileSync(join(EXAMPLE_DIR, 'flotilla.yaml')));
  writeFileSync(join(dir, 'platform.wac'), readFileSync(join(EXAMPLE_DIR, 'platform.wac')));
  writeFileSync(join(dir, 'policy.yaml'), readFileSync(join(EXAMPLE_DIR, 'policy.yaml')));
  symlinkSync(join(EXAMPLE_DIR, 'build'), join(dir, 'build'));
  await publishExample({ registryDir: join(dir, '.flotilla', 'registry') });
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function flotilla(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, cwd: dir, env: { FLOTILLA_CACHE: join(dir, 'store') } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

it('compose prints the digest of the component it wrote; --frozen composes the same; --no-validate too', async () => {
  const one = await flotilla(['compose', 'flotilla.yaml', '--env', 'development', '-o', 'out.wasm']);
  expect(one.code).toBe(0);
  expect(one.stdout).toBe(`${sha256(readFileSync(join(dir, 'out.wasm')))}\n`);
  expect(one.stderr).toMatch(/cart +pull +sha256:/);
  expect(one.stderr).toContain(`lock ${join(dir, 'flotilla.development.lock.json')}`);

  const frozen = await flotilla(['compose', 'flotilla.yaml', '--env', 'development', '-o', 'frozen.wasm', '--frozen', '--no-validate']);
  expect(frozen.code).toBe(0);
  expect(frozen.stdout).toBe(one.stdout);
  expect(frozen.stderr).toMatch(/cart +cache +sha256:/);
  expect(frozen.stderr).toContain('lock unchanged (--frozen)');
}, 120_000);

it('a spec error exits 1 naming the file, line and field', async () => {
  const r = await flotilla(['compose', 'flotilla.yaml', '--env', 'nowhere']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/flotilla\.yaml:\d+:\d+: environments/);
  expect(r.stderr).toContain('nowhere');
  expect(r.stdout).toBe('');
}, 60_000);

it('--registry-override sends every ref of the environment to another registry (here the embedded one, staging tags)', async () => {
  await publishExample({ registryDir: join(dir, '.flotilla', 'registry'), tagSuffix: '-staging' });
  const r = await flotilla([
    'compose',
    'flotilla.yaml',
    '--env',
    'staging',
    '--registry-override',
    'embedded',
    '-o',
    'staging.wasm',
    '--lock',
    'staging.lock.json',
  ]);
  expect(r.stderr).toMatch(/cart +(pull|cache) +sha256:[0-9a-f]+ +oci:\.flotilla\/registry\/company\/ecommerce\/cart:v1\.2\.0-staging/);
  expect(r.code).toBe(0);
  const lock = JSON.parse(readFileSync(join(dir, 'staging.lock.json'), 'utf8')) as {
    environment: string;
    components: { name: string; ref?: string }[];
  };
  expect(lock.environment).toBe('staging');
  expect(lock.components.find((c) => c.name === 'payment-processor')?.ref).toBe(
    'oci:.flotilla/registry/stripe/payment-processor:v3.2.0-staging',
  );
}, 120_000);

// docs/getting-started.md, followed as written: its flotilla.yaml and
// policy.yaml copied out of the guide, and its CLI commands run in order
// against a registry harness (every ref sent there with --registry-override,
// the guide's ghcr.io being out of reach). Components are real (WAT parsed by
// jco): the cart socket doubles what the catalog adds; the result runs.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../shared/cli/main.ts';
import { readLock } from '../shared/release/lock.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { componentWat, tempDir } from './harness/wasm-fixtures.ts';
import { loadComponent } from './support/run-component.ts';

const GUIDE = readFileSync(join(import.meta.dirname, '..', 'docs', 'getting-started.md'), 'utf8');
const TESTDATA = join(import.meta.dirname, '..', 'shared', 'wac', 'testdata', 'instantiation');

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** The guide's fenced YAML blocks. */
function yamlBlocks(): string[] {
  return [...GUIDE.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

let reg: Registry;
let work: { dir: string; cleanup: () => void };
let repo: string;

async function flotilla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, {
    stdout,
    stderr,
    cwd: repo,
    env: { FLOTILLA_CACHE: join(work.dir, 'cache'), PATH: process.env.PATH ?? '' },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

beforeAll(async () => {
  reg = await startRegistry();
  work = tempDir('flotilla-getting-started-');
  repo = join(work.dir, 'shop');
  mkdirSync(join(repo, 'build'), { recursive: true });
  const spec = yamlBlocks().find((b) => b.includes('composition:'));
  const policy = yamlBlocks().find((b) => b.includes('authorities:'));
  if (!spec || !policy) throw new Error('docs/getting-started.md lost its flotilla.yaml or policy.yaml block');
  writeFileSync(join(repo, 'flotilla.yaml'), spec);
  writeFileSync(join(repo, 'policy.yaml'), policy);
  const cart = await parse(readFileSync(join(TESTDATA, 'example_doubler.wat'), 'utf8'));
  const catalog = await parse(readFileSync(join(TESTDATA, 'example_adder.wat'), 'utf8'));
  const payments = await parse(componentWat('pay', 1));
  writeFileSync(join(repo, 'build', 'cart.wasm'), cart);
  writeFileSync(join(repo, 'build', 'catalog.wasm'), catalog);
  writeFileSync(join(repo, 'build', 'payments.wasm'), payments);
  writeFileSync(join(repo, 'build', 'payments-mock.wasm'), payments);
}, 60_000);
afterAll(async () => {
  await reg?.stop();
  work?.cleanup();
});

async function runs(file: string): Promise<number> {
  const { module, dispose } = await loadComponent(readFileSync(join(repo, file)), 'shop');
  try {
    return (module.run as (x: number) => number)(20);
  } finally {
    await dispose();
  }
}

describe('docs/getting-started.md, step by step', () => {
  const to = (ref: string) => ref.replace('ghcr.io', reg.host);
  const override = () => ['--registry-override', reg.host];

  it('2. composes in development, with the guide’s spec', async () => {
    // the other teams' catalog, as released
    expect((await flotilla('push', 'build/catalog.wasm', to('ghcr.io/acme/catalog:v1.8.0'))).code).toBe(0);
    const r = await flotilla('compose', 'flotilla.yaml', '--env', 'development', ...override());
    expect(r.code, r.stderr).toBe(0);
    expect(readLock(join(repo, 'flotilla.development.lock.json')).environment).toBe('development');
    expect(await runs('shop.wasm')).toBe(40);
  });

  it('3-4. a key, the guide’s policy; the cart and the other teams’ services published signed for staging', async () => {
    const key = await flotilla('keygen', '--output', 'release', '--unencrypted');
    expect(key.code, key.stderr).toBe(0);
    mkdirSync(join(repo, 'keys'));
    renameSync(join(repo, 'release.pub'), join(repo, 'keys', 'release.pub'));
    for (const [file, ref] of [
      ['build/cart.wasm', 'ghcr.io/acme/shop/cart:v1.0.0-staging'],
      ['build/catalog.wasm', 'ghcr.io/acme/catalog:v1.8.0-staging'],
      ['build/payments.wasm', 'ghcr.io/acme/payments:v3.2.0-staging'],
    ] as const) {
      const p = await flotilla('publish', file, '--to', to(ref), '--key', 'release.key', '--policy', 'policy.yaml', '--env', 'staging');
      expect(p.code, p.stderr).toBe(0);
    }
  });

  it('5. composes staging and verifies its lock and the cart with --key', async () => {
    const c = await flotilla('compose', 'flotilla.yaml', '--env', 'staging', ...override());
    expect(c.code, c.stderr).toBe(0);
    const v = await flotilla('verify', '--lock', 'flotilla.staging.lock.json', '--policy', 'policy.yaml');
    expect(v.code, v.stdout + v.stderr).toBe(0);
    const k = await flotilla('verify', '--key', 'keys/release.pub', to('ghcr.io/acme/shop/cart:v1.0.0-staging'));
    expect(k.code, k.stdout).toBe(0);
    // production's rules on staging's lock: what the promotion will check
    const pre = await flotilla('verify', '--lock', 'flotilla.staging.lock.json', '--policy', 'policy.yaml', '--env', 'production');
    expect(pre.code, pre.stdout).toBe(0);
  });

  it('6. promotes staging’s lock to production: the same digests, production’s refs, and it runs', async () => {
    const p = await flotilla('compose', 'flotilla.yaml', '--env', 'production', '--promote-from', 'staging', ...override());
    expect(p.code, p.stderr).toBe(0);
    const staging = readLock(join(repo, 'flotilla.staging.lock.json'));
    const production = readLock(join(repo, 'flotilla.production.lock.json'));
    expect(production.components.map((c) => c.digest)).toEqual(staging.components.map((c) => c.digest));
    const cart = production.components.find((c) => c.name === 'cart');
    expect(cart?.source === 'ref' ? cart.ref : cart?.source).toBe(to('ghcr.io/acme/shop/cart:v1.0.0'));
    expect(p.stderr).toContain(`to   ${to('ghcr.io/acme/shop/cart:v1.0.0')}@`);
    expect(p.stderr).toContain('tagged v1.0.0');
    expect(await runs('shop.wasm')).toBe(40);
  });

  it('7. publishes the release with its composition attestation, and verifies it with its parts', async () => {
    const p = await flotilla(
      'publish',
      'shop.wasm',
      '--to',
      to('ghcr.io/acme/shop:1.0.0'),
      '--lock',
      'flotilla.production.lock.json',
      '--key',
      'release.key',
      '--policy',
      'policy.yaml',
      '--env',
      'production',
    );
    expect(p.code, p.stderr).toBe(0);
    const digest = p.stdout.split('\n')[0] ?? '';
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const v = await flotilla('verify', to(`ghcr.io/acme/shop@${digest}`), '--policy', 'policy.yaml', '--env', 'production');
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toContain('all 3 parts pass');
    // by its tag, production's require-digest refuses it
    const tagged = await flotilla('verify', to('ghcr.io/acme/shop:1.0.0'), '--policy', 'policy.yaml', '--env', 'production');
    expect(tagged.code).toBe(1);
    expect(tagged.stdout).toContain('is not pinned by a digest');
  });
});

// Compose enforces the policy, locks per environment with paths relative to
// the lock file, and promotion between environments, against real registries
// (Debian's docker-registry) with real signatures. The components are real
// (WAT parsed by jco: a doubler socket importing an adder), and a composition
// is proven by running it (jco transpile + call).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import { tempDir } from '../../test/harness/wasm-fixtures.ts';
import { loadComponent } from '../../test/support/run-component.ts';
import { runCli } from '../cli/main.ts';
import type { Digest } from '../oci/digest.ts';
import { RegistryClients } from '../registry-config/open.ts';
import { generateKeyPair, parsePrivateKey } from '../sign/keys.ts';
import { keyPairSigner, type StatementSigner } from '../sign/signer.ts';
import { pushComponent } from '../verify/test-fixtures.ts';
import { composeSpec } from './compose.ts';
import { errorPlaces } from './error-places.ts';
import { type LockFile, readLock } from './lock.ts';
import { ComposeRefusedError } from './policy-check.ts';
import { lineOf } from './test-fixtures.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

const WAC_TESTDATA = join(import.meta.dirname, '..', 'wac', 'testdata', 'instantiation');
const wat = (file: string) => parse(readFileSync(join(WAC_TESTDATA, file), 'utf8'));

let staging: Registry;
let prod: Registry;
let dir: string;
let cleanup: () => void;
let signer: StatementSigner;
let publicKeyPem: string;
let doublerWasm: Uint8Array;
let adderWasm: Uint8Array;
const store = () => join(dir, 'store');

async function runs(bytes: Uint8Array): Promise<number> {
  const { module, dispose } = await loadComponent(bytes, 'calc');
  try {
    return (module.run as (x: number) => number)(7);
  } finally {
    await dispose();
  }
}

async function flotilla(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, cwd, env: { FLOTILLA_CACHE: store(), PATH: process.env.PATH ?? '' } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const POLICY = [
  'authorities:',
  '  release:',
  '    key: release.pub',
  'registries:',
  '  - 127.0.0.1:*|required|release',
  'environments:',
  '  staging:',
  '    signing: optional',
  '  production:',
  '    require-digest: true',
  '',
].join('\n');

beforeAll(async () => {
  [staging, prod] = await Promise.all([startRegistry(), startRegistry()]);
  ({ dir, cleanup } = tempDir('flotilla-compose-policy-'));
  const pair = generateKeyPair({ unencrypted: true });
  publicKeyPem = pair.publicKeyPem;
  signer = keyPairSigner(parsePrivateKey(pair.privateKeyPem, 'release key'));
  [doublerWasm, adderWasm] = await Promise.all([wat('example_doubler.wat'), wat('example_adder.wat')]);
}, 120_000);
afterAll(async () => {
  await Promise.all([staging?.stop(), prod?.stop()]);
  cleanup?.();
});

/** A service repository: its spec (production: pinned refs, require-signature, the policy), the policy and its key. */
function repo(name: string, components: Record<string, string>, policy = POLICY): { dir: string; spec: string; text: string } {
  const root = join(dir, name);
  const text = [
    'name: calc',
    'package: example:calc@1.0.0',
    'registries:',
    `  - staging|${staging.host}|oci`,
    `  - prod|${prod.host}|oci`,
    'components:',
    ...Object.entries(components).map(([k, v]) => `  ${k}: ${v}`),
    'composition:',
    '  plug:',
    '    socket: doubler',
    'environments:',
    '  staging:',
    '    tag-suffix: -staging',
    '  production:',
    '    rewrite:',
    '      "*": prod',
    '    require-digest: true',
    '    require-signature: true',
    '    policy: policy.yaml',
    '',
  ].join('\n');
  const spec = write(join(root, 'flotilla.yaml'), text);
  write(join(root, 'policy.yaml'), policy);
  write(join(root, 'release.pub'), publicKeyPem);
  return { dir: root, spec, text };
}

describe('compose enforces the policy (production, pinned refs)', () => {
  let signedDoubler: string;
  let signedAdder: string;
  let unsignedAdder: string;
  beforeAll(async () => {
    const d = await pushComponent(prod.host, 'calc/doubler', doublerWasm, { signer });
    const a = await pushComponent(prod.host, 'calc/adder', adderWasm, { signer });
    const u = await pushComponent(prod.host, 'calc/adder-unsigned', adderWasm);
    signedDoubler = `${d.ref}@${d.digest}`;
    signedAdder = `${a.ref}@${a.digest}`;
    unsignedAdder = `${u.ref}@${u.digest}`;
  }, 60_000);

  it('composes signed, pinned components and the result runs; every verdict is in the result; the lock is production’s', async () => {
    const r = repo('signed', { doubler: signedDoubler, adder: signedAdder });
    const result = await composeSpec({ specFile: r.spec, environment: 'production', storeDir: store() });
    expect(result.verification?.verdict).toBe('pass');
    expect(result.verification?.components.map((c) => [c.name, c.verdict])).toEqual([
      ['doubler', 'pass'],
      ['adder', 'pass'],
    ]);
    expect(result.verification?.components[1]?.signers.join()).toContain('[release]');
    // the spec's require-signature is a rule of its own, on its line
    expect(result.verification?.components[1]?.rules).toContain('require-signature');
    expect(result.lockFile).toBe(join(r.dir, 'flotilla.production.lock.json'));
    expect(readLock(result.lockFile).environment).toBe('production');
    expect(await runs(result.bytes)).toBe(14);
  }, 120_000);

  it('one unsigned component is refused by name, with its spec line and the policy rule’s line; nothing is written', async () => {
    const r = repo('unsigned', { doubler: signedDoubler, adder: unsignedAdder });
    const output = join(r.dir, 'calc.wasm');
    const err = await composeSpec({ specFile: r.spec, environment: 'production', storeDir: store(), output }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ComposeRefusedError);
    const refused = err as ComposeRefusedError;
    expect(refused.code).toBe('COMPOSE_POLICY_REFUSED');
    expect(refused.refused.map((c) => c.name)).toEqual(['adder']);
    const specLine = lineOf(r.spec, '  adder: ');
    const ruleLine = lineOf(join(r.dir, 'policy.yaml'), '127.0.0.1:*|required|release');
    const sigLine = lineOf(r.spec, 'require-signature: true');
    expect(refused.message).toContain(
      `policy ${join(r.dir, 'policy.yaml')} refuses 1 of 2 component(s) of calc in environment production; nothing was composed, no component or lock written:`,
    );
    expect(refused.message).toContain(`  - adder ${unsignedAdder.replace(/@sha256:.*/, '')}`);
    expect(refused.message).toContain(`at ${r.spec}:${specLine}:10:`);
    expect(refused.message).toContain(
      `signing required by registries[0] \`127.0.0.1:*|required|release\`: no signature by an authority of release (the component has no signature) (${join(r.dir, 'policy.yaml')}:${ruleLine}:5)`,
    );
    expect(refused.message).toContain(
      `signing required by \`require-signature\` of the spec: no signature by an authority of the policy (the component has no signature) (${r.spec}:${sigLine}:24)`,
    );
    expect(refused.message).not.toContain('doubler');
    expect(existsSync(output)).toBe(false);
    expect(existsSync(join(r.dir, 'flotilla.production.lock.json'))).toBe(false);
    // the annotation goes on the component's line
    expect(errorPlaces(err)).toEqual([expect.objectContaining({ file: r.spec, line: specLine })]);
    expect(errorPlaces(err)[0]?.message).toContain(`(${join(r.dir, 'policy.yaml')}:${ruleLine}:5)`);

    // the CLI: exit 1 with the whole message, nothing on stdout
    const cli = await flotilla(r.dir, 'compose', 'flotilla.yaml', '--env', 'production');
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('error [COMPOSE_POLICY_REFUSED]: policy');
    expect(cli.stderr).toContain('  - adder ');
    expect(cli.stdout).toBe('');
    expect(existsSync(output)).toBe(false);
  }, 120_000);

  it('warn mode composes and reports every failed check', async () => {
    const r = repo('warn', { doubler: signedDoubler, adder: unsignedAdder }, `mode: warn\n${POLICY}`);
    const result = await composeSpec({ specFile: r.spec, environment: 'production', storeDir: store() });
    expect(result.verification?.verdict).toBe('warn');
    expect(result.verification?.components.map((c) => [c.name, c.verdict])).toEqual([
      ['doubler', 'pass'],
      ['adder', 'warn'],
    ]);
    expect(existsSync(result.output)).toBe(true);
    expect(await runs(result.bytes)).toBe(14);
    const cli = await flotilla(r.dir, 'compose', 'flotilla.yaml', '--env', 'production', '-o', 'cli.wasm');
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain('(mode warn, environment production): WARN');
    expect(cli.stderr).toMatch(/WARN adder .*\n.*signers: \(none\)/);
    expect(cli.stderr).toContain('warning: composed although 2 check(s) fail: the policy is in mode warn');
  }, 120_000);

  it('a local file in an environment that requires signatures is refused, unless the policy says local|optional', async () => {
    const policy = ['authorities:', '  release:', '    key: release.pub', 'registries:', '  - 127.0.0.1:*|required|release', ''].join('\n');
    const r = repo('local', { doubler: signedDoubler, adder: 'adder.wasm' }, policy);
    writeFileSync(join(r.dir, 'adder.wasm'), adderWasm);
    const spec = readFileSync(r.spec, 'utf8').replace('    require-digest: true\n', '');
    writeFileSync(r.spec, spec);
    const err = await composeSpec({ specFile: r.spec, environment: 'production', storeDir: store() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ComposeRefusedError);
    expect((err as ComposeRefusedError).refused.map((c) => [c.name, c.violations.map((v) => v.message)])).toEqual([
      [
        'adder',
        [
          'signing required by `require-signature` of the spec: no signature by an authority of the policy (the component has no signature)',
        ],
      ],
    ]);

    writeFileSync(join(r.dir, 'policy.yaml'), `${policy}  - local|optional\n`);
    const ok = await composeSpec({ specFile: r.spec, environment: 'production', storeDir: store() });
    expect(ok.verification?.verdict).toBe('pass');
    expect(ok.verification?.components.find((c) => c.name === 'adder')?.rules).toEqual(['registries[1]']);
    expect(await runs(ok.bytes)).toBe(14);
  }, 120_000);
});

describe('lock paths are relative to the lock file', () => {
  it('a lock written in another folder is read by compose --frozen, verify --lock and publish --lock from a third', async () => {
    const d = await pushComponent(prod.host, 'paths/doubler', doublerWasm, { signer });
    const service = join(dir, 'paths', 'service');
    const spec = write(
      join(service, 'flotilla.yaml'),
      [
        'name: calc',
        'package: example:calc@1.0.0',
        `registries: ["prod|${prod.host}|oci"]`,
        'components:',
        `  doubler: ${d.ref}`,
        '  adder: { path: build/adder.wasm, version: 1.0.0 }',
        'composition: { plug: { socket: doubler } }',
        '',
      ].join('\n'),
    );
    mkdirSync(join(service, 'build'), { recursive: true });
    writeFileSync(join(service, 'build', 'adder.wasm'), adderWasm);
    const locks = join(dir, 'paths', 'locks', 'ci');
    const third = join(dir, 'paths', 'elsewhere', 'job');
    mkdirSync(third, { recursive: true });
    mkdirSync(locks, { recursive: true });
    const lockArg = relative(third, join(locks, 'calc.lock.json'));

    const composed = await flotilla(third, 'compose', relative(third, spec), '--lock', lockArg, '-o', 'calc.wasm');
    expect(composed.code, composed.stderr).toBe(0);
    const lock = JSON.parse(readFileSync(join(locks, 'calc.lock.json'), 'utf8')) as LockFile;
    const adder = lock.components.find((c) => c.name === 'adder');
    expect(adder?.source === 'path' ? adder.path : adder?.source).toBe('../../service/build/adder.wasm');

    const fourth = join(dir, 'paths', 'other');
    mkdirSync(fourth, { recursive: true });
    const fromFourth = relative(fourth, join(locks, 'calc.lock.json'));
    const frozen = await flotilla(fourth, 'compose', relative(fourth, spec), '--lock', fromFourth, '--frozen', '-o', 'again.wasm');
    expect(frozen.code, frozen.stderr).toBe(0);
    expect(frozen.stdout).toBe(composed.stdout);

    write(join(fourth, 'optional.yaml'), 'default: { signing: optional }\n');
    const verified = await flotilla(fourth, 'verify', '--lock', fromFourth, '--policy', 'optional.yaml');
    expect(verified.code, verified.stderr + verified.stdout).toBe(0);
    expect(verified.stdout).toContain('PASS adder  ../../service/build/adder.wasm');

    const published = await flotilla(fourth, 'publish', '--lock', fromFourth, '--to', `${prod.host}/published`, '--tag', '2.0.0');
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toContain(`pushed ${prod.host}/published/adder:1.0.0`);
    expect(published.stdout).toContain(`pushed ${prod.host}/published/doubler:2.0.0`);

    // a file changed since the lock: an error that says whose lock it is
    writeFileSync(join(service, 'build', 'adder.wasm'), doublerWasm);
    const changed = await flotilla(fourth, 'verify', '--lock', fromFourth, '--policy', 'optional.yaml');
    expect(changed.code).toBe(2);
    expect(changed.stderr).toContain('[VERIFY_DIGEST_MISMATCH]');
    expect(changed.stderr).toContain(`(${join(locks, 'calc.lock.json')}, the lock of the spec without an environment)`);
    writeFileSync(join(service, 'build', 'adder.wasm'), adderWasm);
  }, 120_000);
});

describe('promotion: production composed from staging’s lock', () => {
  let r: { dir: string; spec: string; text: string };
  let stagingLock: LockFile;
  let stagingOut: string;
  beforeAll(async () => {
    r = repo('promote', { doubler: `${staging.host}/promo/doubler:1.0.0`, adder: `${staging.host}/promo/adder:1.0.0` });
    await pushComponent(staging.host, 'promo/doubler', doublerWasm, { signer, tag: '1.0.0-staging' });
    await pushComponent(staging.host, 'promo/adder', adderWasm, { signer, tag: '1.0.0-staging' });
    const s = await flotilla(r.dir, 'compose', 'flotilla.yaml', '--env', 'staging', '-o', 'staging.wasm');
    expect(s.code, s.stderr).toBe(0);
    stagingOut = s.stdout;
    stagingLock = readLock(join(r.dir, 'flotilla.staging.lock.json'));
  }, 120_000);

  it('require-digest without a lock still asks for pinned refs', async () => {
    const p = await flotilla(r.dir, 'compose', 'flotilla.yaml', '--env', 'production');
    expect(p.code).toBe(1);
    expect(p.stderr).toContain("environment 'production' requires every ref pinned by digest (require-digest); 2 are not:");
  });

  it('copies by digest with the signatures, keeps a release tag that names another digest, composes the very same bytes', async () => {
    // the production registry already has a doubler:1.0.0, another artifact: its tag is not moved
    const other = await pushComponent(prod.host, 'promo/doubler', adderWasm, { tag: '1.0.0' });
    const p = await flotilla(r.dir, 'compose', 'flotilla.yaml', '--env', 'production', '--promote-from', 'staging', '-o', 'prod.wasm');
    expect(p.code, p.stderr).toBe(0);
    const digest = (name: string) => stagingLock.components.find((c) => c.name === name)?.digest as Digest;
    expect(p.stderr).toContain(`promoted the lock of environment 'staging' (${join(r.dir, 'flotilla.staging.lock.json')}):`);
    expect(p.stderr).toContain(`from ${staging.host}/promo/adder:1.0.0-staging@${digest('adder')}`);
    expect(p.stderr).toContain(`to   ${prod.host}/promo/adder:1.0.0@${digest('adder')}  (copied, 1 referrer(s) copied, tagged 1.0.0)`);
    expect(p.stderr).toContain(
      `(copied, 1 referrer(s) copied, tag 1.0.0 left at ${other.digest} (not moved; the composition uses the digest))`,
    );
    // the policy ran (signatures as the staging registry holds them) and passed
    expect(p.stderr).toMatch(/PASS adder +\S+ +sha256:/);
    // the same digests, so the same composed bytes as staging
    expect(p.stdout).toBe(stagingOut);
    const lock = readLock(join(r.dir, 'flotilla.production.lock.json'));
    expect(lock.environment).toBe('production');
    expect(lock.promotedFrom).toEqual({ environment: 'staging', lock: 'flotilla.staging.lock.json' });
    for (const c of lock.components) {
      expect(c.digest).toBe(digest(c.name));
      expect(c.source === 'ref' ? c.ref : c.source).toBe(`${prod.host}/promo/${c.name}:1.0.0`);
      expect(c.promotedFrom).toBe(`${staging.host}/promo/${c.name}:1.0.0-staging@${c.digest}`);
    }
    // the production registry now has each artifact by digest, with its signature as a referrer
    const adder = new RegistryClients().repository(`${prod.host}/promo/adder`);
    const desc = await adder.resolve(digest('adder'));
    expect((await adder.referrers(desc)).map((d) => d.artifactType)).toEqual(['application/vnd.dev.sigstore.bundle.v0.3+json']);
    expect((await adder.resolve('1.0.0')).digest).toBe(digest('adder'));
    expect((await new RegistryClients().repository(`${prod.host}/promo/doubler`).resolve('1.0.0')).digest).toBe(other.digest);

    // promoting again finds everything there
    const again = await flotilla(r.dir, 'compose', 'flotilla.yaml', '--env', 'production', '--promote-from', 'staging', '-o', 'prod.wasm');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('(already there, tag 1.0.0 already there)');
    expect(await runs(readFileSync(join(r.dir, 'prod.wasm')))).toBe(14);
  }, 180_000);

  it('an unsigned component in staging’s lock is refused before anything is copied', async () => {
    // staging now composes an unsigned adder from another repository
    const unsigned = await pushComponent(staging.host, 'promo/adder-next', adderWasm, { tag: '1.0.0-staging' });
    const text = r.text.replace(`adder: ${staging.host}/promo/adder:1.0.0`, `adder: ${staging.host}/promo/adder-next:1.0.0`);
    writeFileSync(r.spec, text);
    const s = await flotilla(r.dir, 'compose', 'flotilla.yaml', '--env', 'staging', '-o', 'staging2.wasm');
    expect(s.code, s.stderr).toBe(0);
    const p = await flotilla(r.dir, 'compose', 'flotilla.yaml', '--env', 'production', '--promote-from', 'staging', '-o', 'prod2.wasm');
    expect(p.code).toBe(1);
    expect(p.stderr).toContain('nothing was composed, nothing copied, no component or lock written:');
    expect(p.stderr).toContain(`  - adder ${prod.host}/promo/adder-next:1.0.0`);
    expect(existsSync(join(r.dir, 'prod2.wasm'))).toBe(false);
    await expect(new RegistryClients().repository(`${prod.host}/promo/adder-next`).resolve(unsigned.digest)).rejects.toThrow(
      /404|not found/i,
    );
    writeFileSync(r.spec, r.text);
  }, 180_000);

  it('every lock error names the environment', async () => {
    const wrong = await flotilla(
      r.dir,
      'compose',
      'flotilla.yaml',
      '--env',
      'production',
      '--promote-from',
      'development',
      '--from-lock',
      'flotilla.staging.lock.json',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      `--promote-from development: ${join(r.dir, 'flotilla.staging.lock.json')} is the lock of environment 'staging', not the lock of environment 'development'`,
    );
    const missing = await flotilla(r.dir, 'compose', 'flotilla.yaml', '--env', 'production', '--promote-from', 'qa');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`flotilla.qa.lock.json:1:1: cannot read the lock of environment 'qa': file not found`);
    const frozen = await flotilla(
      r.dir,
      'compose',
      'flotilla.yaml',
      '--env',
      'staging',
      '--frozen',
      '--lock',
      'flotilla.production.lock.json',
    );
    expect(frozen.code).toBe(1);
    expect(frozen.stderr).toContain("(the lock of environment 'production') disagree");
    expect(frozen.stderr).toContain("the lock was made for environment 'production', this compose is for environment 'staging'");
  }, 60_000);
});

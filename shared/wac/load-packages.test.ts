import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeWac } from './compose.ts';
import { loadPackagesFromFiles, referencedPackages, WacDependencyError } from './load-packages.ts';
import { parseWac } from './parser.ts';
import { WacResolutionError } from './resolver.ts';

const testdata = join(import.meta.dirname, 'testdata');

describe('loading packages from files', () => {
  it('lists the packages a document refers to', () => {
    const doc = parseWac({
      file: 'x.wac',
      text: 'package me:app targets wasi:cli/command@0.2.0;\nimport a: wasi:io/streams@0.2.0;\nlet x = new ex:one { b: new ex:two@1.0.0 {} };\nlet y = new me:app {};\n',
    });
    expect(referencedPackages(doc).map(({ name, version }) => ({ name, version }))).toEqual([
      { name: 'wasi:cli', version: '0.2.0' },
      { name: 'wasi:io', version: '0.2.0' },
      { name: 'ex:one', version: undefined },
      { name: 'ex:two', version: '1.0.0' },
    ]);
    // each with the span of its first reference (the package name)
    expect(referencedPackages(doc)[2]?.span).toEqual({ start: 92, end: 98 });
  });

  it('reads a deps directory laid out ns/name.wat and composes from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wac-deps-'));
    mkdirSync(join(dir, 'example'));
    cpSync(join(testdata, 'instantiation', 'example_adder.wat'), join(dir, 'example', 'adder.wat'));
    cpSync(join(testdata, 'instantiation', 'example_doubler.wat'), join(dir, 'example', 'doubler.wat'));
    const source = {
      file: 'c.wac',
      text: 'package a:b;\nlet adder = new example:adder {};\nexport new example:doubler { ...adder }.run;\n',
    };
    const packages = await loadPackagesFromFiles(parseWac(source), { depsDir: dir });
    expect(packages.map((p) => p.name)).toEqual(['example:adder', 'example:doubler']);
    const bytes = await composeWac(source, packages, { validate: false });
    expect(bytes.length).toBeGreaterThan(100);
  });

  it('explicit --dep paths win, and unreadable files are typed errors', async () => {
    const doc = parseWac({ file: 'c.wac', text: 'package a:b;\nlet x = new example:adder {};\n' });
    const packages = await loadPackagesFromFiles(doc, { deps: { 'example:adder': join(testdata, 'instantiation', 'example_adder.wat') } });
    expect(packages).toHaveLength(1);
    await expect(loadPackagesFromFiles(doc, { deps: { 'example:adder': '/nonexistent/adder.wasm' } })).rejects.toBeInstanceOf(
      WacDependencyError,
    );
  });
});

describe('a target world from WIT', () => {
  it('encodes the targeted world of a .wit dependency and checks the composition against it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wac-wit-'));
    mkdirSync(join(dir, 'example'));
    cpSync(join(testdata, 'targets-wit-package', 'example_doubler.wat'), join(dir, 'example', 'doubler.wat'));
    const text = 'package example:app targets example:target/runner@0.1.0;\nlet d = new example:doubler { ... };\nexport d.run;\n';
    const source = { file: 'app.wac', text };
    const packages = await loadPackagesFromFiles(parseWac(source), {
      depsDir: dir,
      deps: { 'example:target': join(testdata, 'wit', 'target.wit') },
    });
    expect(packages.map((p) => p.name)).toEqual(['example:target', 'example:doubler']);
    expect((await composeWac(source, packages)).length).toBeGreaterThan(100);
    // the same document without the export no longer satisfies the world
    const missing = {
      file: 'app.wac',
      text: 'package example:app targets example:target/runner@0.1.0;\nlet d = new example:doubler { ... };\n',
    };
    await expect(composeWac(missing, packages)).rejects.toThrow(/requires an export named `run`/);
  });

  it('refuses WIT for a package that must be instantiated', async () => {
    const source = { file: 'c.wac', text: 'package a:b;\nlet x = new example:target {};\n' };
    const packages = await loadPackagesFromFiles(parseWac(source), { deps: { 'example:target': join(testdata, 'wit', 'target.wit') } });
    await expect(composeWac(source, packages)).rejects.toThrow(/is a WIT package, not a component/);
  });
});

describe('a package file the binary reader refuses', () => {
  const doc = { file: 'c.wac', text: 'package a:b;\nlet x = new example:broken {};\n' };
  const header = [0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0];

  async function failure(bytes: number[]): Promise<WacResolutionError> {
    const dir = mkdtempSync(join(tmpdir(), 'wac-broken-'));
    const file = join(dir, 'broken.wasm');
    writeFileSync(file, new Uint8Array(bytes));
    const packages = await loadPackagesFromFiles(parseWac(doc), { deps: { 'example:broken': file }, source: doc });
    try {
      await composeWac(doc, packages, { validate: false });
    } catch (err) {
      expect(err).toBeInstanceOf(WacResolutionError);
      expect((err as WacResolutionError).message).toContain(`${file}: `);
      return err as WacResolutionError;
    }
    throw new Error('the composition was accepted');
  }

  it('a truncated LEB128 is a typed error naming the file and the offset', async () => {
    // a component whose first section's size is a LEB128 cut after its first byte
    const err = await failure([...header, 1, 0x80]);
    expect(err.reasons).toEqual([expect.stringMatching(/broken\.wasm: unexpected end of data \(at byte 10\)$/)]);
    expect((err.cause as { code?: string }).code).toBe('WASM_INVALID');
  });

  it('an overflowing LEB128 is a typed error naming the file and the offset', async () => {
    const err = await failure([...header, 1, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    expect(err.reasons).toEqual([expect.stringMatching(/broken\.wasm: LEB128 u32 out of range \(at byte 9\)$/)]);
  });
});

import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeWac } from './compose.ts';
import { loadPackagesFromFiles, referencedPackages, WacDependencyError } from './load-packages.ts';
import { parseWac } from './parser.ts';

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

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
    expect(referencedPackages(doc)).toEqual([
      { name: 'wasi:cli', version: '0.2.0' },
      { name: 'wasi:io', version: '0.2.0' },
      { name: 'ex:one' },
      { name: 'ex:two', version: '1.0.0' },
    ]);
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

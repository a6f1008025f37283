/**
 * The WIT reader checked against wit-parser itself: every world of the WASI
 * 0.2 packages jco ships is resolved here (from a folder with nested deps/)
 * and by wit-parser (jco's componentEmbed, which encodes the world as
 * wit-component does); the two component types must be subtypes of each
 * other, import and export names in the same order.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { componentEmbed } from '@bytecodealliance/jco';
import { afterAll, describe, expect, it } from 'vitest';
import { readComponent } from '../../component/binary/read.ts';
import { checkSubtype } from '../../component/subtype.ts';
import { type ComponentT, type ExternT, Substitution } from '../../component/types.ts';
import { packageDefinitions } from '../package-definitions.ts';
import { loadWitPackage } from './load.ts';
import { parseWit, WitError } from './parser.ts';

const WASI = join(dirname(createRequire(import.meta.url).resolve('@bytecodealliance/jco')), '..', 'lib', 'wit', 'builtin', '0.2.12');
const packages = readdirSync(WASI).filter((d) => d.startsWith('wasi-'));
const work = mkdtempSync(join(tmpdir(), 'wit-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `pkg` as a folder with every other WASI package in its deps/ (wit-parser's layout). */
function folder(pkg: string): string {
  const out = join(work, pkg);
  mkdirSync(join(out, 'deps'), { recursive: true });
  cpSync(join(WASI, pkg, 'package.wit'), join(out, 'package.wit'));
  for (const other of packages) {
    if (other === pkg) continue;
    mkdirSync(join(out, 'deps', other), { recursive: true });
    cpSync(join(WASI, other, 'package.wit'), join(out, 'deps', other, 'package.wit'));
  }
  return out;
}

/** The same packages as one WIT source (the deps as nested `package … { }` blocks), for componentEmbed. */
function oneSource(pkg: string): string {
  const nested = packages
    .filter((p) => p !== pkg)
    .map((p) => `${readFileSync(join(WASI, p, 'package.wit'), 'utf8').replace(/^package ([^;]+);/m, 'package $1 {')}\n}\n`);
  return `${readFileSync(join(WASI, pkg, 'package.wit'), 'utf8')}\n${nested.join('\n')}`;
}

/** wit-parser's world, read back through the component type model. */
async function witParserWorld(pkg: string, world: string): Promise<ComponentT> {
  const module = await componentEmbed({ dummy: true, witSource: oneSource(pkg), world });
  // the `component-type` custom section of the dummy module holds the world, as wit-component encodes it
  const custom = readCustomSection(module, 'component-type');
  const defs = packageDefinitions(custom);
  const t = [...defs.values()].find((x) => x.kind === 'component');
  if (t?.kind !== 'component') throw new Error(`no world in the encoding of ${pkg}/${world}`);
  return t;
}

function readCustomSection(module: Uint8Array, prefix: string): Uint8Array {
  let pos = 8;
  const leb = (): number => {
    let r = 0;
    let shift = 0;
    for (;;) {
      const b = module[pos++] as number;
      r += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return r;
      shift += 7;
    }
  };
  while (pos < module.length) {
    const id = module[pos++];
    const size = leb();
    const end = pos + size;
    if (id === 0) {
      const nameLen = leb();
      const name = new TextDecoder().decode(module.subarray(pos, pos + nameLen));
      if (name.startsWith(prefix)) return module.subarray(pos + nameLen, end);
    }
    pos = end;
  }
  throw new Error(`no ${prefix} section`);
}

/**
 * Each import and export of `a` fits the one of `b` of the same name, resources bound in order
 * (an imported interface's resources are bound where it is imported, then used by the next).
 */
function sameWorld(a: ComponentT, b: ComponentT): void {
  const subst = new Substitution();
  const bindable = new Set([...b.importedResources, ...b.exportedResources]);
  for (const [name, t] of a.imports) checkSubtype(t, b.imports.get(name) as ExternT, { subst, bindable }, [name]);
  for (const [name, t] of a.exports) checkSubtype(t, b.exports.get(name) as ExternT, { subst, bindable }, [name]);
}

describe('WIT packages read as wit-parser reads them', () => {
  const cases = packages.flatMap((pkg) => {
    const text = readFileSync(join(WASI, pkg, 'package.wit'), 'utf8');
    return [...text.matchAll(/^world ([a-z-]+)/gm)].map((m) => [pkg, m[1] as string] as const);
  });

  it('covers the WASI 0.2 worlds jco ships', () => {
    expect(cases.map(([p, w]) => `${p}/${w}`)).toEqual(expect.arrayContaining(['wasi-http/proxy', 'wasi-cli/command', 'wasi-cli/imports']));
  });

  it.each(cases)('%s: world %s is the same component type as wit-parser gives', async (pkg, world) => {
    const { package: resolved } = await loadWitPackage(folder(pkg));
    const ours = resolved.worlds.get(world)?.type;
    expect(ours).toBeDefined();
    const theirs = await witParserWorld(pkg, world);
    if (!ours) return;
    expect([...ours.imports.keys()].sort()).toEqual([...theirs.imports.keys()].sort());
    expect([...ours.exports.keys()]).toEqual([...theirs.exports.keys()]);
    sameWorld(ours, theirs);
    sameWorld(theirs, ours);
  });

  it('reports a syntax error with the file, line and column', () => {
    let err: unknown;
    try {
      parseWit({ file: 'x.wit', text: 'package a:b;\ninterface i {\n  f: func() -> ;\n}\n' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WitError);
    expect((err as WitError).message).toBe(
      [
        'error: expected a type, found `;`',
        '  --> x.wit:3:16',
        '   |',
        ' 3 |   f: func() -> ;',
        '   |                ^ expected a type',
      ].join('\n'),
    );
  });

  it('leaves out @unstable items unless their feature is on, and reads @since gates', async () => {
    const dir = join(work, 'gates');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'a.wit'),
      'package a:b@1.0.0;\n\n@since(version = 1.0.0)\ninterface i {\n  @since(version = 1.0.0)\n  f: func();\n  @unstable(feature = extra)\n  g: func();\n}\n',
    );
    const plain = await loadWitPackage(dir);
    expect([...(plain.package.interfaces.get('i')?.type.exports.keys() ?? [])]).toEqual(['f']);
    const extra = await loadWitPackage(dir, { features: new Set(['extra']) });
    expect([...(extra.package.interfaces.get('i')?.type.exports.keys() ?? [])]).toEqual(['f', 'g']);
  });

  it('refuses a package whose dependency is missing, naming it and where it is used', async () => {
    const dir = join(work, 'missing');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.wit'), 'package a:b;\n\ninterface i {\n  use c:d/e.{t};\n}\n');
    await expect(loadWitPackage(dir)).rejects.toThrow(/package `c:d` not found \(known packages: a:b\)[\s\S]*a\.wit:4:7/);
  });

  it('reads every module of the component binary the encoding came from (sanity)', async () => {
    const module = await componentEmbed({ dummy: true, witSource: oneSource('wasi-io'), world: 'imports' });
    expect(() => readComponent(readCustomSection(module, 'component-type'))).not.toThrow();
  });
});

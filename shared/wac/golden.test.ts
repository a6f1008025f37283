/**
 * Golden-file tests in the style of wac's own suite. Each folder under
 * `testdata/` holds a `composition.wac` and its dependencies as `.wat` files
 * named by package (`foo_bar.wat` is `foo:bar`, `foo_bar@1.0.0.wat` is
 * `foo:bar@1.0.0`), and WIT packages as `ns_name.wit` files or `ns_name/`
 * folders (with their own `deps/`); a passing case has `result.wit` (the world
 * of the composed component, from jco's `componentWit`), a failing case (under
 * `testdata/fail/`) has `error.txt`. `UPDATE_GOLDEN=1` rewrites the expectations.
 *
 * A composition exports its type definitions (wac exports every WAC type
 * statement); a WIT world cannot say that, so for such a case `result.wit` is
 * the world of the same graph without those exports, followed by the list of
 * exported definitions, and `result.wat` pins the whole encoding (jco's print).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { componentWit, print } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { componentType } from '../component/types.ts';
import { printExtern, printVType, printWorld } from '../component/wit-print.ts';
import { buildGraph } from './build-graph.ts';
import { composeWac } from './compose.ts';
import { encodeGraphSync } from './encode.ts';
import { loadPackagesFromFiles } from './load-packages.ts';
import { parseWac } from './parser.ts';
import { resolveWac, type WacPackage } from './resolver.ts';

const root = join(import.meta.dirname, 'testdata');
const update = process.env.UPDATE_GOLDEN === '1';

function caseDirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'composition.wac')))
    .sort();
}

const JCO_WASI = join(dirname(createRequire(import.meta.url).resolve('@bytecodealliance/jco')), '..', 'lib', 'wit', 'builtin', '0.2.12');

/**
 * A WASI 0.2.12 package as a WIT folder with nested `deps/` (`wasi_cli.jco-wasi` holds `cli`): the
 * package's `package.wit` from the WASI WIT jco ships, and every other WASI package jco ships under
 * `deps/wasi-<name>/` (staged at test time, not copied into the repository).
 */
function stageJcoWasi(file: string): string {
  const name = readFileSync(file, 'utf8').trim();
  const out = mkdtempSync(join(tmpdir(), `wac-golden-wasi-${name}-`));
  cpSync(join(JCO_WASI, `wasi-${name}`, 'package.wit'), join(out, 'package.wit'));
  for (const other of readdirSync(JCO_WASI)) {
    if (other === `wasi-${name}`) continue;
    mkdirSync(join(out, 'deps', other), { recursive: true });
    cpSync(join(JCO_WASI, other, 'package.wit'), join(out, 'deps', other, 'package.wit'));
  }
  return out;
}

/** Every `ns_name[@version].wat|.wit` file, `ns_name/` WIT folder and `ns_name.jco-wasi` of a case, as `--dep` entries. */
function depsOf(dir: string): Record<string, string> {
  const deps: Record<string, string> = {};
  for (const file of readdirSync(dir).sort()) {
    if (!file.includes('_') || file === 'result.wit') continue;
    if (file.endsWith('.jco-wasi')) {
      deps[file.replace(/\.jco-wasi$/, '').replace('_', ':')] = stageJcoWasi(join(dir, file));
      continue;
    }
    const isDir = statSync(join(dir, file)).isDirectory();
    if (!isDir && !file.endsWith('.wat') && !file.endsWith('.wit')) continue;
    const stem = file.replace(/\.(wat|wit)$/, '');
    // relative to the repository, so messages that name the file read the same on every machine
    deps[stem.replace('_', ':')] = relative(process.cwd(), join(dir, file));
  }
  return deps;
}

async function compose(dir: string): Promise<{ bytes: Uint8Array; text: string; packages: WacPackage[] }> {
  const text = readFileSync(join(dir, 'composition.wac'), 'utf8');
  const source = { file: 'composition.wac', text };
  // the CLI's loader, so WIT folders, their deps/ and bad packages are read and reported as `flotilla wac compose` does
  const packages = await loadPackagesFromFiles(parseWac(source), { deps: depsOf(dir), source });
  return { bytes: await composeWac(source, packages), text, packages };
}

/** The world of the composition, and the definitions it exports (see the module comment). */
async function world(text: string, packages: WacPackage[], bytes: Uint8Array): Promise<{ wit: string; definitions: boolean }> {
  const source = { file: 'composition.wac', text };
  const doc = parseWac(source);
  const { graph } = buildGraph(source, doc, resolveWac(source, doc, packages));
  const definitions = [...graph.exports].filter(([, id]) => graph.node(id).kind === 'definition');
  if (definitions.length === 0) return { wit: await worldText(bytes), definitions: false };
  for (const [name] of definitions) graph.unexport(name);
  const lines = ['', '// type definitions the composition exports:'];
  for (const [name, id] of definitions) {
    const n = graph.node(id);
    if (n.kind !== 'definition') continue;
    const t = n.type;
    const shown =
      t.kind === 'component'
        ? [...t.exports].map(([k, v]) => `${k}: ${printExtern(v)}`).join('; ')
        : t.kind === 'func'
          ? printExtern(t)
          : `type ${printVType(t)}`;
    lines.push(`//   ${name} = ${shown.replace(/\s*\n\s*/g, ' ')}`);
  }
  return { wit: `${await worldText(encodeGraphSync(graph))}${lines.join('\n')}\n`, definitions: true };
}

/** jco's world of a component; for one WIT cannot write (it exports a component), flotilla's printer of its type. */
async function worldText(bytes: Uint8Array): Promise<string> {
  try {
    return await componentWit(bytes);
  } catch (err) {
    if (!/was not a function or instance|cannot represent this component in WIT/.test((err as Error).message)) throw err;
    return `// jco cannot print this world (${(err as Error).message.split('\n').pop()}); flotilla's printer:\n${printWorld(componentType(bytes))}\n`;
  }
}

function check(file: string, actual: string): void {
  if (update || !existsSync(file)) {
    writeFileSync(file, actual);
    if (!update) throw new Error(`${file} did not exist; it was written, check it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('WAC golden cases', () => {
  it.each(caseDirs(root))('%s composes to the expected world', async (name) => {
    const dir = join(root, name);
    const { bytes, text, packages } = await compose(dir);
    const { wit, definitions } = await world(text, packages, bytes);
    check(join(dir, 'result.wit'), wit);
    if (definitions) check(join(dir, 'result.wat'), `${await print(bytes)}\n`);
  });
});

describe('WAC golden failures', () => {
  it.each(caseDirs(join(root, 'fail')))('%s fails with the expected error', async (name) => {
    const dir = join(root, 'fail', name);
    let message: string | undefined;
    try {
      await compose(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(Error);
      expect((err as { code?: unknown }).code).toMatch(/^WAC_/);
      message = (err as Error).message;
    }
    expect(message, 'the composition should have failed').toBeDefined();
    check(join(dir, 'error.txt'), `${message}\n`);
  });
});

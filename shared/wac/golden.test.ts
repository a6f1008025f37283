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
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentWit, parse as parseWat, print } from '@bytecodealliance/jco';
import { describe, expect, it } from 'vitest';
import { printExtern, printVType } from '../component/wit-print.ts';
import { buildGraph } from './build-graph.ts';
import { composeWac } from './compose.ts';
import { encodeGraphSync } from './encode.ts';
import { parseWac } from './parser.ts';
import { resolveWac, type WacPackage } from './resolver.ts';
import { loadWitPackage } from './wit/load.ts';

const root = join(import.meta.dirname, 'testdata');
const update = process.env.UPDATE_GOLDEN === '1';

function caseDirs(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'composition.wac')))
    .sort();
}

async function loadPackages(dir: string): Promise<WacPackage[]> {
  const packages: WacPackage[] = [];
  for (const file of readdirSync(dir).sort()) {
    const wat = file.endsWith('.wat');
    const wit = file.includes('_') && (file.endsWith('.wit') || statSync(join(dir, file)).isDirectory());
    if (!wat && !wit) continue;
    const stem = file.replace(/\.(wat|wit)$/, '');
    const at = stem.indexOf('@');
    const name = (at < 0 ? stem : stem.slice(0, at)).replace('_', ':');
    const version = at < 0 ? {} : { version: stem.slice(at + 1) };
    if (wat) packages.push({ name, ...version, bytes: await parseWat(readFileSync(join(dir, file), 'utf8')) });
    else packages.push({ name, ...version, wit: (await loadWitPackage(join(dir, file))).package });
  }
  return packages;
}

async function compose(dir: string): Promise<{ bytes: Uint8Array; text: string; packages: WacPackage[] }> {
  const text = readFileSync(join(dir, 'composition.wac'), 'utf8');
  const packages = await loadPackages(dir);
  return { bytes: await composeWac({ file: 'composition.wac', text }, packages), text, packages };
}

/** The world of the composition, and the definitions it exports (see the module comment). */
async function world(text: string, packages: WacPackage[], bytes: Uint8Array): Promise<{ wit: string; definitions: boolean }> {
  const source = { file: 'composition.wac', text };
  const doc = parseWac(source);
  const { graph } = buildGraph(source, doc, resolveWac(source, doc, packages));
  const definitions = [...graph.exports].filter(([, id]) => graph.node(id).kind === 'definition');
  if (definitions.length === 0) return { wit: await componentWit(bytes), definitions: false };
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
  return { wit: `${await componentWit(encodeGraphSync(graph))}${lines.join('\n')}\n`, definitions: true };
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

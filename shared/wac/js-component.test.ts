/**
 * A component built from JavaScript (componentize-qjs) composed with a WAT
 * component; its WASI imports are left for the host (implicit imports of the
 * composition), and the composition runs under jco with preview2-shim.
 */
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentWit, parse as parseWat, transpile } from '@bytecodealliance/jco';
import { componentize } from 'componentize-qjs';
import { describe, expect, it } from 'vitest';
import { composeWac } from './compose.ts';

const testdata = join(import.meta.dirname, 'testdata');
const shim = resolve(import.meta.dirname, '../../node_modules/@bytecodealliance/jco/node_modules/@bytecodealliance/preview2-shim');

/** Transpiles and imports a component whose WASI imports are served by preview2-shim. */
async function loadWithWasi(bytes: Uint8Array, name: string): Promise<Record<string, unknown>> {
  const { files } = await transpile(bytes, { name, noTypescript: true, quiet: true });
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-wac-js-'));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  await mkdir(join(dir, 'node_modules', '@bytecodealliance'), { recursive: true });
  await symlink(shim, join(dir, 'node_modules', '@bytecodealliance', 'preview2-shim'));
  for (const [file, data] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), data);
  }
  return (await import(pathToFileURL(join(dir, `${name}.js`)).href)) as Record<string, unknown>;
}

describe('a JavaScript component in a composition', () => {
  it('composes with WASI imports left for the host and runs through both components', async () => {
    const js = await componentize({
      witPath: join(testdata, 'js', 'adder.wit'),
      jsSource: await readFile(join(testdata, 'js', 'adder.js'), 'utf8'),
      sync: true,
      optSize: true,
    });
    const packages = [
      { name: 'example:js-adder', bytes: new Uint8Array(js.component) },
      { name: 'example:doubler', bytes: await parseWat(await readFile(join(testdata, 'instantiation', 'example_doubler.wat'), 'utf8')) },
    ];
    const text = [
      'package example:composition;',
      '',
      '// the JS adder needs WASI: `...` leaves those imports to the host',
      'let adder = new example:js-adder { ... };',
      'let doubler = new example:doubler { ...adder };',
      '',
      'export doubler.run;',
      '',
    ].join('\n');
    const bytes = await composeWac({ file: 'composition.wac', text }, packages);
    const world = await componentWit(bytes);
    expect(world).toContain('import wasi:io/streams@');
    expect(world).toContain('export run: func(x: u32) -> u32;');
    const m = await loadWithWasi(bytes, 'jsdoubler');
    // doubler.run(x) = adder.add(x, x), and the JS adder adds 1000
    expect((m.run as (x: number) => number)(21)).toBe(1042);
  });
});

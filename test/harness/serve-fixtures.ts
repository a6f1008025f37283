// Components the serve tests and bench run: built from shared/serve/testdata/ with the example's
// componentizer wrapper, cached between runs by the build's content stamp.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildComponent } from '../../examples/ecommerce/componentize.ts';
import { stageWit } from '../../examples/ecommerce/wit-staging.ts';

const FIXTURES = join(tmpdir(), 'flotilla-test-fixtures');

/** testdata/versioned-http built with `VERSION = version` (each version is another digest). */
export async function versionedComponent(version: string): Promise<{ path: string; bytes: Uint8Array }> {
  const source = join(import.meta.dirname, '..', '..', 'shared', 'serve', 'testdata', 'versioned-http');
  const dir = join(FIXTURES, `versioned-http-${version}`);
  const src = join(dir, 'src');
  await mkdir(src, { recursive: true });
  const code = (await readFile(join(source, 'index.js'), 'utf8')).replace("const VERSION = 'v1';", `const VERSION = '${version}';`);
  await writeFile(join(src, 'index.js'), code);
  await stageWit(source, join(dir, 'wit'), '0.2.10');
  const built = await buildComponent({
    name: `versioned-http-${version}`,
    componentizer: 'componentize-qjs',
    wasi: true,
    entry: join(src, 'index.js'),
    sourceDir: src,
    witDir: join(dir, 'wit'),
    world: 'versioned-http',
    outPath: join(dir, 'versioned-http.wasm'),
  });
  return { path: built.outPath, bytes: new Uint8Array(await readFile(built.outPath)) };
}

/**
 * Test helper: transpiles a component with jco into a temporary directory and
 * imports the generated module, so tests can call what a composition exports.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function instantiateComponent(bytes: Uint8Array, name = 'composed'): Promise<Record<string, unknown>> {
  const { transpile } = await import('@bytecodealliance/jco');
  const out = await transpile(bytes, { name, noTypescript: true, quiet: true });
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-wac-'));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  for (const [file, content] of Object.entries(out.files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content as Uint8Array);
  }
  return (await import(pathToFileURL(join(dir, `${name}.js`)).href)) as Record<string, unknown>;
}

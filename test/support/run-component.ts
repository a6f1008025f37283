import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco';

/**
 * Transpiles a component with jco into a temporary directory (an ES module
 * package) and imports it. `dispose` removes the directory.
 */
export async function loadComponent(
  bytes: Uint8Array,
  name = 'composed',
): Promise<{ module: Record<string, unknown>; dir: string; dispose: () => Promise<void> }> {
  const { files } = await transpile(bytes, { name, noTypescript: true, quiet: true });
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-component-'));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  for (const [file, data] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), data);
  }
  const module = (await import(pathToFileURL(join(dir, `${name}.js`)).href)) as Record<string, unknown>;
  return { module, dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

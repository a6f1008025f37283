import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { transpile } from '@bytecodealliance/jco';

/** The node_modules folder that holds the WASI shim jco's output imports. */
function shimModules(): string {
  // jco's package.json is not exported; find the package folder from its main entry (dist/api.js)
  const require = createRequire(import.meta.url);
  return join(dirname(dirname(require.resolve('@bytecodealliance/jco'))), 'node_modules');
}

/**
 * Transpiles a component with jco into a temporary ES module package (with the
 * WASI shim resolvable) and returns its directory.
 */
export async function transpileToDir(
  bytes: Uint8Array,
  name = 'composed',
): Promise<{ dir: string; entry: string; dispose: () => Promise<void> }> {
  const { files } = await transpile(bytes, { name, noTypescript: true, quiet: true });
  const dir = await mkdtemp(join(tmpdir(), 'flotilla-component-'));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  await symlink(shimModules(), join(dir, 'node_modules'), 'dir');
  for (const [file, data] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), data);
  }
  return { dir, entry: join(dir, `${name}.js`), dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Transpiles and imports a component in this process. */
export async function loadComponent(
  bytes: Uint8Array,
  name = 'composed',
): Promise<{ module: Record<string, unknown>; dispose: () => Promise<void> }> {
  const t = await transpileToDir(bytes, name);
  const module = (await import(pathToFileURL(t.entry).href)) as Record<string, unknown>;
  return { module, dispose: t.dispose };
}

/**
 * Transpiles a component and runs `script` (an ES module body where
 * `component` is the imported bindings) in a child Node process; returns its
 * stdout (what the component wrote through WASI included).
 */
export async function runInChild(bytes: Uint8Array, script: string): Promise<string> {
  const t = await transpileToDir(bytes);
  try {
    await writeFile(join(t.dir, 'main.js'), `import * as component from './composed.js';\n${script}\n`);
    const { stdout } = await promisify(execFile)(process.execPath, [join(t.dir, 'main.js')], { cwd: t.dir });
    return stdout;
  } finally {
    await t.dispose();
  }
}

// Prepares a WIT folder a componentizer can read: the package's own .wit files
// plus deps/ holding the WASI 0.2 packages jco ships (lib/wit/builtin/0.2.12),
// at 0.2.12 (what componentize-qjs links against) or rewritten to 0.2.10 (the
// version componentize-js 0.23, StarlingMonkey, implements wasi:http at).
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const JCO_WASI_VERSION = '0.2.12';

function jcoBuiltinWitDir(): string {
  // dist/api.js -> package root
  const root = dirname(dirname(require.resolve('@bytecodealliance/jco')));
  return join(root, 'lib', 'wit', 'builtin', JCO_WASI_VERSION);
}

async function writeIfChanged(path: string, text: string): Promise<void> {
  try {
    if ((await readFile(path, 'utf8')) === text) return;
  } catch {
    // absent: write it
  }
  await mkdir(dirname(path), { recursive: true });
  // Beside, then rename: another process building at the same time never reads half a file.
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/** The `.wit` files of `from` into `to`; staged `.wit` files that are no longer in `from` are removed. */
async function copyWitFiles(from: string, to: string): Promise<void> {
  const own = (await readdir(from)).filter((f) => f.endsWith('.wit')).sort();
  const existing = await readdir(to).catch(() => [] as string[]);
  for (const f of existing) if (f.endsWith('.wit') && !own.includes(f)) await rm(join(to, f));
  for (const f of own) await writeIfChanged(join(to, f), await readFile(join(from, f), 'utf8'));
}

/**
 * Copies the `.wit` files of `sourceDir` into `stagedDir` and writes
 * `stagedDir/deps/wasi-*`; files that already hold the same text are left
 * alone, so the staged folder's content (and its hash) is stable.
 */
export async function stageWit(
  sourceDir: string,
  stagedDir: string,
  wasiVersion: '0.2.10' | '0.2.12',
  /** More WIT packages the package uses: `deps/<name>/` gets the `.wit` files of each folder (not its subfolders). */
  deps: Record<string, string> = {},
): Promise<void> {
  await copyWitFiles(sourceDir, stagedDir);
  for (const [name, dir] of Object.entries(deps).sort(([a], [b]) => a.localeCompare(b))) {
    await copyWitFiles(dir, join(stagedDir, 'deps', name));
  }
  const builtin = jcoBuiltinWitDir();
  for (const pkg of (await readdir(builtin)).sort()) {
    for (const f of (await readdir(join(builtin, pkg))).filter((x) => x.endsWith('.wit'))) {
      const text = (await readFile(join(builtin, pkg, f), 'utf8')).replaceAll(JCO_WASI_VERSION, wasiVersion);
      await writeIfChanged(join(stagedDir, 'deps', pkg, f), text);
    }
  }
}

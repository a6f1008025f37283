// Bundles the CLI (shared/cli/main.ts) into dist/cli/ with rolldown, for a
// fast start: one CommonJS file for what every command needs and one chunk
// per lazily loaded part (a command's own code, jco, sigstore stay out of the
// start path). CommonJS, because an ES import of a Node built-in reads every
// export of the module, lazy getters included (node:fs loads fs/promises,
// node:util and node:crypto load more), which costs a short-lived process
// 5-10 ms; npm packages stay external and load from node_modules.
//
// dist/cli/inputs.json lists every source file in the bundle with its size
// and modification time: bin/flotilla.js runs the bundle only while all of
// them are unchanged, and the TypeScript sources otherwise (see
// bin/cli-bundle.cjs). dist/ is not committed: `npm ci` (prepare) and
// `npm run bundle` write it.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const CLI_ENTRY = 'shared/cli/main.ts';
/** The bundle's folder, relative to the repository root: where bin/cli-bundle.cjs looks for it. */
const { CLI_BUNDLE_DIR } = createRequire(import.meta.url)('../bin/cli-bundle.cjs') as { CLI_BUNDLE_DIR: string };

export interface BundleInput {
  size: number;
  mtimeMs: number;
}

/** Builds dist/cli/ (or `finalDir`) from the sources under `root`; returns the bundled source files (relative to `root`). */
export async function bundleCli(root: string, finalDir = join(root, CLI_BUNDLE_DIR)): Promise<string[]> {
  const tempDir = `${finalDir}.tmp-${randomBytes(4).toString('hex')}`;
  mkdirSync(dirname(finalDir), { recursive: true });
  try {
    const result = await build({
      cwd: root,
      input: { main: join(root, CLI_ENTRY) },
      platform: 'node',
      // npm packages and Node built-ins load at run time; only the project's own sources are bundled
      external: (id) => !id.startsWith('.') && !isAbsolute(id),
      logLevel: 'warn',
      onLog(level, log, handler) {
        // jco's validator is imported both lazily and statically: it just stays in one chunk
        if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT') return;
        handler(level, log);
      },
      output: {
        dir: tempDir,
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: '[name]-[hash].cjs',
        sourcemap: true,
      },
    });
    const sources = new Set<string>();
    for (const out of result.output) {
      if (out.type !== 'chunk') continue;
      for (const id of out.moduleIds) if (isAbsolute(id) && !id.includes('/node_modules/')) sources.add(relative(root, id));
    }
    const inputs: Record<string, BundleInput> = {};
    for (const file of [...sources].sort()) {
      const st = statSync(join(root, file));
      inputs[file] = { size: st.size, mtimeMs: st.mtimeMs };
    }
    // written last: a bundle without it is never run
    writeFileSync(join(tempDir, 'inputs.json'), `${JSON.stringify({ entry: 'main.cjs', inputs }, null, 1)}\n`);
    const oldDir = `${finalDir}.old-${randomBytes(4).toString('hex')}`;
    let hadOld = true;
    try {
      renameSync(finalDir, oldDir);
    } catch {
      hadOld = false;
    }
    renameSync(tempDir, finalDir);
    if (hadOld) rmSync(oldDir, { recursive: true, force: true });
    return Object.keys(inputs);
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const started = performance.now();
  const files = await bundleCli(root);
  process.stdout.write(
    `bundled ${CLI_BUNDLE_DIR}/main.cjs (${files.length} source files) in ${Math.round(performance.now() - started)} ms\n`,
  );
}

// Bundles each action into actions/<name>/dist/index.js with @vercel/ncc:
// TypeScript is first compiled to build/ by tsc (which rewrites the .ts
// import extensions), then ncc bundles the JavaScript, and licenses.txt lists every bundled
// package with its license text (from ncc's stats).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './bundle-cli.ts';
import { writeBundleLicenses } from './bundle-licenses.ts';
import { restoreWasmAssets } from './restore-wasm-assets.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);
const actions = readdirSync(join(root, 'actions')).filter(
  (name) => existsSync(join(root, 'actions', name, 'action.yml')) && (only.length === 0 || only.includes(name)),
);

rmSync(join(root, 'build'), { recursive: true, force: true });
execFileSync(bin('tsc'), ['-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
for (const name of actions) {
  const out = join(root, 'actions', name, 'dist');
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    bin('ncc'),
    [
      'build',
      join(root, 'build', 'actions', name, 'src', 'main.js'),
      '-o',
      out,
      '--stats-out',
      join(root, 'build', `${name}.stats.json`),
      '--quiet',
      '--target',
      'es2024',
    ],
    { stdio: 'inherit', cwd: root },
  );
  restoreWasmAssets(root, [out]); // ncc writes jco's .wasm assets as text
  // ncc's --license keeps only the last chunk's packages: licenses come from the stats instead
  writeBundleLicenses(join(root, 'build', `${name}.stats.json`), root, join(out, 'licenses.txt'));
  process.stdout.write(`bundled actions/${name}/dist/index.js\n`);
}
rmSync(join(root, 'build'), { recursive: true, force: true });
// the CLI too (dist/cli/, not committed): `npm run bundle` leaves everything current
if (only.length === 0) {
  const files = await bundleCli(root);
  process.stdout.write(`bundled dist/cli/main.cjs (${files.length} source files)\n`);
}

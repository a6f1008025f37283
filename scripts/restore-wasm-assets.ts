// ncc emits the binary assets an ES module names with `new URL('./x.wasm',
// import.meta.url)` (jco's vendored core modules) as text: every byte that is
// not valid UTF-8 becomes U+FFFD, and the module no longer compiles. This
// puts the original bytes back: each .wasm of a dist folder whose content is
// the UTF-8 round trip of a .wasm under node_modules is replaced by that file.
//   node scripts/restore-wasm-assets.ts actions/compose/dist [...]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function wasmFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) wasmFiles(path, out);
    else if (name.endsWith('.wasm')) out.push(path);
  }
  return out;
}

/** Restores the corrupted assets of `distDirs`; returns how many were replaced. */
export function restoreWasmAssets(root: string, distDirs: string[]): number {
  const originals = wasmFiles(join(root, 'node_modules', '@bytecodealliance')).map((path) => {
    const bytes = readFileSync(path);
    return { path, bytes, mangled: Buffer.from(bytes.toString('utf8'), 'utf8') };
  });
  let replaced = 0;
  for (const dir of distDirs) {
    for (const asset of readdirSync(dir).filter((n) => n.endsWith('.wasm'))) {
      const path = join(dir, asset);
      const bytes = readFileSync(path);
      if (originals.some((o) => o.bytes.equals(bytes))) continue;
      const match = originals.find((o) => o.mangled.equals(bytes));
      if (match === undefined) throw new Error(`${path} is no .wasm of node_modules/@bytecodealliance, mangled or not`);
      writeFileSync(path, match.bytes);
      replaced++;
    }
  }
  return replaced;
}

if (import.meta.main) {
  const n = restoreWasmAssets(process.cwd(), process.argv.slice(2));
  process.stdout.write(`restored ${n} wasm asset(s)\n`);
}

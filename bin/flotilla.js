#!/usr/bin/env node
// The flotilla CLI. It runs on Node 24 or newer: when started by an older
// Node (the system Node of a machine), it re-runs itself with the Node 24
// binary the project installs as a dev dependency.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const node24 = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(node24)) {
    process.stderr.write(
      `flotilla needs Node.js 24 or newer (this is ${process.version}). Run 'npm ci' in the flotilla checkout to install it, or install Node 24.\n`,
    );
    process.exit(2);
  }
  const res = spawnSync(node24, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(res.status ?? 1);
}

// Start fast: V8's compile cache (in the OS temp folder, or NODE_COMPILE_CACHE)
// keeps the compiled TypeScript stripper and our modules between runs; it
// cuts the start of a command from about 150 ms to about 60 ms here.
nodeModule.enableCompileCache?.();

const { runCli } = await import('../shared/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));

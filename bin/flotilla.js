#!/usr/bin/env node
// The flotilla CLI.
//
// Installed from the package (npm install @flotilla/cli), it is the bundled
// CLI in dist/cli (scripts/bundle-cli.ts, plain CommonJS with lazy chunks)
// and runs on the Node of the installing project, 22.12 or newer: the first
// Node 22 that loads ES module dependencies (jco) with require().
//
// In a checkout of this repository (the TypeScript sources beside it), it
// runs on Node 24 or newer: when started by an older Node (the system Node
// of a machine), it re-runs itself with the Node 24 binary the project
// installs as a dev dependency. It runs the bundled CLI (dist/cli/main.cjs)
// when that bundle matches the sources, and the TypeScript sources otherwise
// (FLOTILLA_FROM_SOURCE=1 forces them; FLOTILLA_DEBUG_BUNDLE=1 says which
// one runs and why). CommonJS (bin/package.json): a CommonJS entry starts
// about 2 ms sooner than an ES module one, and requires load only what they
// name (an ES import of a built-in evaluates all of its lazy exports).
'use strict';
const path = require('node:path');
const { existsSync } = require('node:fs');

const root = path.join(__dirname, '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (!existsSync(path.join(root, 'shared', 'cli', 'main.ts'))) {
  // an installed package: the bundle only, on this Node
  if (major < 22 || (major === 22 && minor < 12)) {
    process.stderr.write(`flotilla needs Node.js 22.12 or newer (this is ${process.version}); install Node 22 or 24.\n`);
    process.exit(2);
  }
  const bundle = path.join(root, 'dist', 'cli', 'main.cjs');
  if (!existsSync(bundle)) {
    process.stderr.write(`flotilla: ${bundle} is missing: the package is incomplete; install it again (npm install @flotilla/cli)\n`);
    process.exit(2);
  }
  if (process.env.FLOTILLA_DEBUG_BUNDLE) process.stderr.write(`flotilla: running the installed bundle ${bundle}\n`);
  require('node:module').enableCompileCache?.();
  require(bundle)
    .runCli(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
} else if (major < 24) {
  const { spawn } = require('node:child_process');
  const node24 = path.join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(node24)) {
    process.stderr.write(
      `flotilla needs Node.js 24 or newer (this is ${process.version}). Run 'npm ci' in the flotilla checkout to install it, or install Node 24.\n`,
    );
    process.exit(2);
  }
  const child = spawn(node24, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' });
  // signals sent to this process (kill, a CI runner's cancel) reach the Node 24 child too
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)));
} else {
  // V8's compile cache (in the OS temp folder, or NODE_COMPILE_CACHE) keeps
  // the compiled bundle (or the stripped TypeScript) between runs
  require('node:module').enableCompileCache?.();
  const { currentBundle } = require('./cli-bundle.cjs');
  const why = {};
  const bundle = process.env.FLOTILLA_FROM_SOURCE ? undefined : currentBundle(root, why);
  if (process.env.FLOTILLA_DEBUG_BUNDLE) {
    process.stderr.write(
      bundle
        ? `flotilla: running the bundle ${bundle}\n`
        : `flotilla: running the sources: ${why.reason ?? 'FLOTILLA_FROM_SOURCE is set'}\n`,
    );
  }
  const cli = bundle ? Promise.resolve(require(bundle)) : import('../shared/cli/main.ts');
  cli
    .then(({ runCli }) => runCli(process.argv.slice(2)))
    .then((code) => {
      process.exitCode = code;
    });
}

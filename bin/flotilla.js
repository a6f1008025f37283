#!/usr/bin/env node
// The flotilla CLI. It runs on Node 24 or newer: when started by an older
// Node (the system Node of a machine), it re-runs itself with the Node 24
// binary the project installs as a dev dependency.
//
// It runs the bundled CLI (dist/cli/main.cjs, see scripts/bundle-cli.ts) when
// that bundle matches the sources, and the TypeScript sources otherwise
// (FLOTILLA_FROM_SOURCE=1 forces them; FLOTILLA_DEBUG_BUNDLE=1 says which
// one runs and why). CommonJS (bin/package.json): a CommonJS entry starts
// about 2 ms sooner than an ES module one, and requires load only what they
// name (an ES import of a built-in evaluates all of its lazy exports).
'use strict';
const path = require('node:path');

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  const { spawn } = require('node:child_process');
  const { existsSync } = require('node:fs');
  const node24 = path.join(__dirname, '..', 'node_modules', 'node', 'bin', 'node');
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
  const bundle = process.env.FLOTILLA_FROM_SOURCE ? undefined : currentBundle(path.join(__dirname, '..'), why);
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

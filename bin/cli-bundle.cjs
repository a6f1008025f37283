// Finds the bundled CLI (dist/cli/, written by `npm run bundle` or by
// `npm ci`) and tells whether it is current: every source file it was built
// from must still have the size and modification time recorded in
// dist/cli/inputs.json. One stat per source file (well under a millisecond
// for the whole CLI) instead of hashing them; an edited, added-to or
// checked-out source makes the bundle stale, and the CLI then runs from the
// TypeScript sources.
// CommonJS: an ES import of node:fs would load fs/promises too.
const { readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const CLI_BUNDLE_DIR = 'dist/cli';

/**
 * The path of the bundle's entry file under `root` when the bundle exists and
 * matches the sources; otherwise undefined, with the reason in `why` (for
 * FLOTILLA_DEBUG_BUNDLE and the tests).
 */
function currentBundle(root, why = {}) {
  const dir = join(root, CLI_BUNDLE_DIR);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8'));
  } catch (err) {
    why.reason = `no bundle (${err.code ?? err.message}): run 'npm run bundle'`;
    return undefined;
  }
  for (const [file, recorded] of Object.entries(manifest.inputs ?? {})) {
    let st;
    try {
      st = statSync(join(root, file));
    } catch {
      why.reason = `${file} is gone`;
      return undefined;
    }
    if (st.size !== recorded.size || st.mtimeMs !== recorded.mtimeMs) {
      why.reason = `${file} changed since the bundle was built`;
      return undefined;
    }
  }
  if (typeof manifest.entry !== 'string') {
    why.reason = 'inputs.json names no entry';
    return undefined;
  }
  return join(dir, manifest.entry);
}

module.exports = { CLI_BUNDLE_DIR, currentBundle };

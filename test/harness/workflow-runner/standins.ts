import { cpSync, existsSync, globSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ArtifactStore } from './artifacts.ts';
import type { Repositories } from './repositories.ts';

/** What a stand-in action sees and may do, given by the runner for one step. */
export interface StandInContext {
  /** The step's `with:`, as strings; missing inputs are absent. */
  inputs: Record<string, string>;
  workspace: string;
  /** The step's process environment (GITHUB_*, RUNNER_*, env: values). */
  env: Record<string, string>;
  /** The `github` context of the job. */
  github: Record<string, unknown>;
  repositories: Repositories;
  artifacts: ArtifactStore;
  /** Folder of the actions/cache stand-in's entries (per runner). */
  cacheRoot: string;
  log(line: string): void;
  warning(message: string): void;
  setOutput(name: string, value: string): void;
  addPath(dir: string): void;
  exportVariable(name: string, value: string): void;
  /** Registers the action's post step (`post-if` defaults to `success()` as actions/cache has). */
  registerPost(
    run: (ctx: StandInContext & { jobStatus: 'success' | 'failure' | 'cancelled' }) => Promise<void> | void,
    postIf?: 'success' | 'always',
  ): void;
}

export interface StandIn {
  /** `owner/name[/path]` matched against `uses:` without its `@ref`. */
  name: string;
  description: string;
  run(ctx: StandInContext): Promise<void> | void;
}

class StepFailure extends Error {}

function fail(message: string): never {
  throw new StepFailure(message);
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  fail(
    `Input does not meet YAML 1.2 "Core Schema" specification: ${value}. Support boolean input list: \`true | True | TRUE | false | False | FALSE\``,
  );
}

function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

function insideWorkspace(workspace: string, path: string, what: string): string {
  const abs = resolve(workspace, path);
  if (abs !== workspace && !abs.startsWith(workspace + sep)) fail(`${what} '${path}' is not under the workspace ${workspace}`);
  return abs;
}

function filesUnder(dir: string, includeHidden: boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!includeHidden && e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, includeHidden));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

// the folder a pattern searches from: its path up to the first segment with a glob character
function searchPath(abs: string): string {
  const parts = abs.split(sep);
  const i = parts.findIndex((p) => /[*?[\]{}]/.test(p));
  return i < 0 ? abs : parts.slice(0, i).join(sep) || sep;
}

function commonAncestor(paths: string[]): string {
  if (paths.length === 0) return sep;
  let parts = (paths[0] ?? '').split(sep);
  for (const p of paths.slice(1)) {
    const other = p.split(sep);
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i++;
    parts = parts.slice(0, i);
  }
  return parts.join(sep) || sep;
}

/** Files an upload-artifact `path:` names, and the root their names are relative to (as upload-artifact v4 computes it). */
export function findUploadFiles(workspace: string, pathInput: string, includeHidden: boolean): { root: string; files: string[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const l of lines(pathInput)) (l.startsWith('!') ? exclude : include).push(l.replace(/^!/, ''));
  const found = new Set<string>();
  const roots: string[] = [];
  for (const pattern of include) {
    const abs = resolve(workspace, pattern.replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
    if (/[*?[\]{}]/.test(abs)) {
      roots.push(searchPath(abs));
      for (const m of globSync(relative(sep, abs), { cwd: sep })) {
        const p = join(sep, m);
        if (
          !includeHidden &&
          relative(searchPath(abs), p)
            .split(sep)
            .some((s) => s.startsWith('.'))
        )
          continue;
        const st = statSync(p);
        if (st.isFile()) found.add(p);
        else if (st.isDirectory()) for (const f of filesUnder(p, includeHidden)) found.add(f);
      }
    } else if (existsSync(abs)) {
      const st = statSync(abs);
      roots.push(st.isDirectory() ? abs : dirname(abs));
      if (st.isDirectory()) for (const f of filesUnder(abs, includeHidden)) found.add(f);
      else found.add(abs);
    }
  }
  const excluded = new Set<string>();
  for (const pattern of exclude) {
    const abs = resolve(workspace, pattern);
    for (const f of found) {
      if (f === abs || f.startsWith(abs + sep) || globSync(relative(sep, abs), { cwd: sep }).includes(relative(sep, f))) excluded.add(f);
    }
  }
  const files = [...found].filter((f) => !excluded.has(f)).sort();
  return { root: roots.length === 1 ? (roots[0] ?? workspace) : commonAncestor(roots), files };
}

const checkout: StandIn = {
  name: 'actions/checkout',
  description:
    "Checks out `repository` (default: the run's) at `ref` (default: the run's sha) into `path` with real git from the local repositories; `sparse-checkout`, `fetch-depth`, `clean`. Outputs `ref`, `commit`.",
  run(ctx) {
    const repository = ctx.inputs.repository || String(ctx.github.repository);
    const sameRepo = repository.toLowerCase() === String(ctx.github.repository).toLowerCase();
    const wanted = ctx.inputs.ref || (sameRepo ? String(ctx.github.sha) : undefined);
    const dest = insideWorkspace(ctx.workspace, ctx.inputs.path ?? '.', 'path');
    const resolved = ctx.repositories.resolve(repository, wanted);
    if (bool(ctx.inputs.clean, true) && existsSync(dest)) {
      for (const e of readdirSync(dest)) rmSync(join(dest, e), { recursive: true, force: true });
    }
    const sparse = lines(ctx.inputs['sparse-checkout']);
    const depth = Number(ctx.inputs['fetch-depth'] ?? '1');
    if (!Number.isInteger(depth) || depth < 0) fail(`fetch-depth must be a whole number, got ${ctx.inputs['fetch-depth']}`);
    ctx.log(`Syncing repository: ${repository}`);
    ctx.repositories.checkout(repository, resolved.sha, dest, { sparse, depth });
    ctx.log(`HEAD is now at ${resolved.sha.slice(0, 7)} (${resolved.ref})`);
    if (!bool(ctx.inputs['persist-credentials'], true)) ctx.log('persist-credentials: false (no token written to .git/config)');
    ctx.setOutput('ref', resolved.ref === resolved.sha ? '' : resolved.ref);
    ctx.setOutput('commit', resolved.sha);
  },
};

const setupNode: StandIn = {
  name: 'actions/setup-node',
  description:
    "Puts this machine's Node (the one running the runner) first on PATH when `node-version` (or `node-version-file`) names its major version, and fails for any other; `cache:` is noted, not restored. Output `node-version`.",
  run(ctx) {
    let wanted = ctx.inputs['node-version'] ?? '';
    if (!wanted && ctx.inputs['node-version-file']) {
      const file = insideWorkspace(ctx.workspace, ctx.inputs['node-version-file'], 'node-version-file');
      const text = readFileSync(file, 'utf8').trim();
      wanted = basename(file) === 'package.json' ? String(JSON.parse(text).engines?.node ?? '') : text;
    }
    const have = process.versions.node;
    const major = have.split('.')[0] ?? '';
    if (wanted) {
      const m = /(\d+)/.exec(wanted.replace(/^[v^~>=<\s]+/, ''));
      const wantedMajor = /^(lts\/\*|latest|current|node)$/.test(wanted) ? major : m?.[1];
      if (wantedMajor !== major)
        fail(`Node ${wanted} is not available on this runner: it has Node ${have} (the local runner does not download Node)`);
    }
    ctx.addPath(dirname(process.execPath));
    if (ctx.inputs.cache) ctx.log(`cache: ${ctx.inputs.cache}: the local runner keeps no package cache; nothing restored`);
    ctx.setOutput('node-version', `v${have}`);
    ctx.log(`Found in cache @ ${process.execPath}`);
  },
};

function artifactRunId(ctx: StandInContext): { runId: string; repository: string } {
  const runId = ctx.inputs['run-id'] || String(ctx.github.run_id);
  const repository = ctx.inputs.repository || String(ctx.github.repository);
  if (runId !== String(ctx.github.run_id) && !ctx.inputs['github-token']) {
    fail('Downloading artifacts of another run needs github-token (a token with actions: read on the repository)');
  }
  return { runId, repository };
}

const uploadArtifact: StandIn = {
  name: 'actions/upload-artifact',
  description:
    "Stores the files `path` names (lines, globs, `!` excludes; the root as v4 computes it) in the run's artifact store under `name` (default `artifact`); `if-no-files-found`, `overwrite`, `include-hidden-files`. Outputs `artifact-id`, `artifact-url`, `artifact-digest`.",
  run(ctx) {
    const name = ctx.inputs.name || 'artifact';
    if (/[":<>|*?\\/\r\n]/.test(name))
      fail(`The artifact name is not valid: ${name}. Contains the following character: one of " : < > | * ? \\ / \\r \\n`);
    if (!ctx.inputs.path) fail('Input required and not supplied: path');
    const { root, files } = findUploadFiles(ctx.workspace, ctx.inputs.path, bool(ctx.inputs['include-hidden-files'], false));
    if (files.length === 0) {
      const mode = ctx.inputs['if-no-files-found'] || 'warn';
      const message = `No files were found with the provided path: ${ctx.inputs.path}. No artifacts will be uploaded.`;
      if (mode === 'error') fail(message);
      if (mode === 'warn') ctx.warning(message);
      else ctx.log(message);
      return;
    }
    const artifact = ctx.artifacts.upload(
      String(ctx.github.run_id),
      String(ctx.github.repository),
      name,
      files.map((f) => ({ path: f, name: relative(root, f) })),
      { overwrite: bool(ctx.inputs.overwrite, false) },
    );
    ctx.log(`Artifact ${name} has been successfully uploaded! Final size is ${artifact.size} bytes. Artifact ID is ${artifact.id}`);
    ctx.setOutput('artifact-id', String(artifact.id));
    ctx.setOutput(
      'artifact-url',
      `${String(ctx.github.server_url)}/${String(ctx.github.repository)}/actions/runs/${artifact.runId}/artifacts/${artifact.id}`,
    );
    ctx.setOutput('artifact-digest', artifact.digest);
  },
};

const downloadArtifact: StandIn = {
  name: 'actions/download-artifact',
  description:
    'Copies artifacts of this run (or of `run-id` with `github-token`, from a store the runs share) into `path` (default the workspace): one by `name`, or all (each in a folder of its name unless `merge-multiple`), filtered by `pattern`. Output `download-path`.',
  run(ctx) {
    const { runId, repository } = artifactRunId(ctx);
    const dest = resolve(ctx.workspace, (ctx.inputs.path || '.').replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
    if (ctx.inputs.name) {
      const a = ctx.artifacts.list(runId, repository).find((x) => x.name === ctx.inputs.name);
      if (!a) fail(`Unable to download artifact(s): Artifact not found for name: ${ctx.inputs.name}`);
      ctx.artifacts.download(a, dest);
      ctx.log(`Artifact download completed successfully: ${a.name} (${a.files.length} files)`);
    } else {
      let all = ctx.artifacts.list(runId, repository);
      if (ctx.inputs.pattern) {
        const re = new RegExp(
          `^${ctx.inputs.pattern
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        );
        all = all.filter((a) => re.test(a.name));
      }
      const merge = bool(ctx.inputs['merge-multiple'], false);
      for (const a of all) ctx.artifacts.download(a, merge ? dest : join(dest, a.name));
      ctx.log(`Total of ${all.length} artifact(s) downloaded`);
    }
    ctx.setOutput('download-path', dest);
  },
};

function cacheDir(ctx: StandInContext, key: string): string {
  return join(ctx.cacheRoot, String(ctx.github.repository).replace('/', '__'), Buffer.from(key).toString('base64url'));
}

function restoreCache(ctx: StandInContext): { hit: boolean; matched?: string } {
  const key = ctx.inputs.key;
  if (!key) fail('Input required and not supplied: key');
  if (key.length > 512) fail(`Key Validation Error: ${key.slice(0, 40)}… cannot be larger than 512 characters.`);
  if (key.includes(',')) fail(`Key Validation Error: ${key} cannot contain commas.`);
  const root = join(ctx.cacheRoot, String(ctx.github.repository).replace('/', '__'));
  const stored = existsSync(root)
    ? readdirSync(root)
        .map((d) => ({ key: Buffer.from(d, 'base64url').toString('utf8'), dir: join(root, d), at: statSync(join(root, d)).mtimeMs }))
        .sort((a, b) => b.at - a.at)
    : [];
  let match = stored.find((s) => s.key === key);
  const exact = match !== undefined;
  for (const prefix of lines(ctx.inputs['restore-keys'])) {
    if (match) break;
    match = stored.find((s) => s.key.startsWith(prefix));
  }
  if (!match) {
    ctx.log(`Cache not found for input keys: ${[key, ...lines(ctx.inputs['restore-keys'])].join(', ')}`);
    return { hit: false };
  }
  cpSync(match.dir, ctx.workspace, { recursive: true });
  ctx.log(`Cache restored from key: ${match.key}`);
  return { hit: exact, matched: match.key };
}

function saveCache(ctx: StandInContext, key: string): void {
  const dir = cacheDir(ctx, key);
  if (existsSync(dir)) {
    ctx.log(`Failed to save: Unable to reserve cache with key ${key}, another job may be creating this cache.`);
    return;
  }
  let any = false;
  for (const p of lines(ctx.inputs.path)) {
    const abs = resolve(ctx.workspace, p.replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
    if (isAbsolute(p) && !abs.startsWith(ctx.workspace)) {
      ctx.warning(`The local cache stand-in keeps only paths under the workspace; skipped ${p}`);
      continue;
    }
    if (!existsSync(abs)) continue;
    mkdirSync(join(dir, relative(ctx.workspace, abs), '..'), { recursive: true });
    cpSync(abs, join(dir, relative(ctx.workspace, abs)), { recursive: true });
    any = true;
  }
  if (!any) {
    ctx.warning('Path Validation Error: Path(s) specified in the action for caching do(es) not exist, hence no cache is being saved.');
    return;
  }
  ctx.log(`Cache saved with key: ${key}`);
}

const cache: StandIn = {
  name: 'actions/cache',
  description:
    "Restores `path` from the runner's cache folder by `key`, then `restore-keys` prefixes (newest first), and saves it in a post step when the job succeeded and the key was not an exact hit. Outputs `cache-hit`, `cache-primary-key`, `cache-matched-key`.",
  run(ctx) {
    if (!ctx.inputs.path) fail('Input required and not supplied: path');
    const r = restoreCache(ctx);
    ctx.setOutput('cache-hit', String(r.hit));
    ctx.setOutput('cache-primary-key', ctx.inputs.key ?? '');
    ctx.setOutput('cache-matched-key', r.matched ?? '');
    const key = ctx.inputs.key ?? '';
    if (!r.hit && !bool(ctx.inputs['lookup-only'], false)) ctx.registerPost((post) => saveCache(post, key), 'success');
  },
};

const cacheRestore: StandIn = {
  name: 'actions/cache/restore',
  description: 'The restore half of actions/cache (no post step). Outputs `cache-hit`, `cache-primary-key`, `cache-matched-key`.',
  run(ctx) {
    const r = restoreCache(ctx);
    ctx.setOutput('cache-hit', String(r.hit));
    ctx.setOutput('cache-primary-key', ctx.inputs.key ?? '');
    ctx.setOutput('cache-matched-key', r.matched ?? '');
  },
};

const cacheSave: StandIn = {
  name: 'actions/cache/save',
  description: 'The save half of actions/cache, run where the step is.',
  run(ctx) {
    if (!ctx.inputs.key) fail('Input required and not supplied: key');
    saveCache(ctx, ctx.inputs.key);
  },
};

/** The third-party actions the local runner has stand-ins for (README.md lists them). */
export const STAND_INS: StandIn[] = [checkout, setupNode, uploadArtifact, downloadArtifact, cache, cacheRestore, cacheSave];

/** The stand-in for `uses: owner/name[/path]@ref`, if there is one. */
export function findStandIn(uses: string): StandIn | undefined {
  const name = uses.split('@')[0]?.toLowerCase() ?? '';
  return STAND_INS.find((s) => s.name === name);
}

export { StepFailure };

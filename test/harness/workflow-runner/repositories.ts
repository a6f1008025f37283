import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WorkflowError } from './errors.ts';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Flotilla Tests',
  GIT_AUTHOR_EMAIL: 'tests@flotilla.invalid',
  GIT_COMMITTER_NAME: 'Flotilla Tests',
  GIT_COMMITTER_EMAIL: 'tests@flotilla.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV, HOME: process.env.HOME ?? tmpdir() },
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    ...(input === undefined ? {} : { input }),
  });
}

/** A resolved ref: the commit and the fully formed ref it came from (`refs/tags/v1`), if any. */
export interface ResolvedRef {
  sha: string;
  /** `refs/heads/main`, `refs/tags/v1`, or the sha itself when the ref was a commit. */
  ref: string;
}

/**
 * The GitHub repositories a local run can reach, each a real git repository
 * on disk under its `owner/name`: reusable workflows, actions and checkouts
 * are read from them at the commit a ref resolves to, as GitHub resolves
 * `uses: owner/repo/…@ref` (a tag wins over a branch of the same name).
 */
export class Repositories {
  readonly #dirs = new Map<string, string>();
  readonly #defaultBranches = new Map<string, string>();

  add(name: string, dir: string, opts: { defaultBranch?: string } = {}): this {
    this.#dirs.set(name.toLowerCase(), dir);
    this.#defaultBranches.set(name.toLowerCase(), opts.defaultBranch ?? 'main');
    return this;
  }

  has(name: string): boolean {
    return this.#dirs.has(name.toLowerCase());
  }

  names(): string[] {
    return [...this.#dirs.keys()];
  }

  dir(name: string): string {
    const dir = this.#dirs.get(name.toLowerCase());
    if (dir === undefined) {
      throw new WorkflowError(
        'REPOSITORY_UNKNOWN',
        `repository ${name} is not known to the local runner (known: ${this.names().join(', ') || 'none'}); add it with Repositories.add()`,
      );
    }
    return dir;
  }

  defaultBranch(name: string): string {
    return this.#defaultBranches.get(name.toLowerCase()) ?? 'main';
  }

  /** Resolves a ref (`v1`, `main`, `refs/tags/v1`, a full sha) in repository `name`. */
  resolve(name: string, ref?: string): ResolvedRef {
    const dir = this.dir(name);
    const wanted = ref ?? `refs/heads/${this.defaultBranch(name)}`;
    const candidates = /^[0-9a-f]{40}$/.test(wanted)
      ? [wanted]
      : wanted.startsWith('refs/')
        ? [wanted]
        : [`refs/tags/${wanted}`, `refs/heads/${wanted}`];
    for (const candidate of candidates) {
      try {
        const sha = git(dir, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]).trim();
        if (sha) return { sha, ref: candidate };
      } catch {
        // try the next form
      }
    }
    throw new WorkflowError('REPOSITORY_UNKNOWN', `ref ${wanted} is not in repository ${name} (${dir})`);
  }

  /** A file at a commit; throws WORKFLOW_NOT_FOUND when it is not there. */
  readFile(name: string, sha: string, path: string): string {
    const dir = this.dir(name);
    try {
      return git(dir, ['show', `${sha}:${path.replace(/^\.\//, '')}`]);
    } catch (err) {
      throw new WorkflowError('WORKFLOW_NOT_FOUND', `${name}/${path}@${sha.slice(0, 12)} does not exist`, { cause: err });
    }
  }

  /**
   * Checks repository `name` out at `sha` into `dest` as actions/checkout
   * does with `fetch-depth: 1`: a git repository whose HEAD is that commit
   * (detached), `origin` pointing at the source, optionally sparse.
   */
  checkout(name: string, sha: string, dest: string, opts: { sparse?: string[]; depth?: number } = {}): void {
    const src = this.dir(name);
    mkdirSync(dest, { recursive: true });
    git(dest, ['init', '-q']);
    git(dest, ['remote', 'add', 'origin', `file://${src}`]);
    const depth = opts.depth === 0 ? [] : [`--depth=${opts.depth ?? 1}`];
    git(dest, ['fetch', '-q', '--no-tags', ...depth, 'origin', sha]);
    if (opts.sparse && opts.sparse.length > 0) git(dest, ['sparse-checkout', 'set', '--no-cone', ...opts.sparse]);
    git(dest, ['-c', 'advice.detachedHead=false', 'checkout', '-q', '--detach', 'FETCH_HEAD']);
  }
}

export interface MadeRepository {
  dir: string;
  sha: string;
  /** Adds files and commits them; returns the new sha. */
  commit(files: Record<string, string | Uint8Array>, message?: string): string;
  /** Tags the current HEAD (lightweight). */
  tag(name: string): void;
  remove(): void;
}

/**
 * Makes a git repository in a temporary folder with one commit on `main`:
 * `files` (path → text) and folders copied from disk (`copy`: source path →
 * path in the repository), so a test can run workflows of a repository it
 * describes, or of this repository's current working tree at a real commit.
 */
export function makeRepository(
  opts: { files?: Record<string, string | Uint8Array>; copy?: Record<string, string>; branch?: string } = {},
): MadeRepository {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-repo-'));
  git(dir, ['init', '-q', '-b', opts.branch ?? 'main']);
  const write = (files: Record<string, string | Uint8Array>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  for (const [from, to] of Object.entries(opts.copy ?? {})) {
    cpSync(from, join(dir, to), { recursive: true, filter: (src) => !/\/(node_modules|\.git)(\/|$)/.test(src) });
  }
  write(opts.files ?? {});
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', 'initial']);
  const repo: MadeRepository = {
    dir,
    sha: git(dir, ['rev-parse', 'HEAD']).trim(),
    commit(files, message = 'change') {
      write(files);
      git(dir, ['add', '-A']);
      git(dir, ['commit', '-q', '--allow-empty', '-m', message]);
      repo.sha = git(dir, ['rev-parse', 'HEAD']).trim();
      return repo.sha;
    },
    tag(name) {
      git(dir, ['tag', name]);
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return repo;
}

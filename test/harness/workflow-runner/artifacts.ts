import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export interface StoredArtifact {
  id: number;
  name: string;
  /** `github.run_id` of the run that uploaded it. */
  runId: string;
  repository: string;
  /** Total bytes of its files. */
  size: number;
  /** sha256 over the sorted (path, sha256 of content) list: equal files, equal digest. */
  digest: string;
  files: string[];
  createdAt: string;
  /** Folder holding its files. */
  dir: string;
}

function walk(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, base));
    else if (e.isFile()) out.push(relative(base, p));
  }
  return out.sort();
}

/**
 * The artifact service of a local run: what actions/upload-artifact stores
 * and actions/download-artifact reads, per workflow run. One store shared by
 * several runs lets a later run download an earlier run's artifacts by
 * `run-id`, as on GitHub.
 */
export class ArtifactStore {
  readonly root: string;
  readonly #artifacts: StoredArtifact[] = [];
  #nextId = 1;

  constructor(root?: string) {
    this.root = root ?? mkdtempSync(join(tmpdir(), 'flotilla-artifacts-'));
  }

  list(runId: string, repository?: string): StoredArtifact[] {
    return this.#artifacts.filter(
      (a) => a.runId === runId && (repository === undefined || a.repository.toLowerCase() === repository.toLowerCase()),
    );
  }

  get(runId: string, name: string): StoredArtifact | undefined {
    return this.#artifacts.find((a) => a.runId === runId && a.name === name);
  }

  /** Stores `files` (absolute path → path inside the artifact). Refuses a name already in the run unless `overwrite`. */
  upload(
    runId: string,
    repository: string,
    name: string,
    files: Array<{ path: string; name: string }>,
    opts: { overwrite?: boolean } = {},
  ): StoredArtifact {
    const existing = this.get(runId, name);
    if (existing && !opts.overwrite) {
      throw new Error(
        `Failed to CreateArtifact: Received non-retryable error: Failed request: (409) Conflict: an artifact with this name already exists on the workflow run`,
      );
    }
    if (existing) {
      this.#artifacts.splice(this.#artifacts.indexOf(existing), 1);
      rmSync(existing.dir, { recursive: true, force: true });
    }
    const id = this.#nextId++;
    const dir = join(this.root, runId, String(id));
    mkdirSync(dir, { recursive: true });
    let size = 0;
    for (const f of files) {
      mkdirSync(join(dir, f.name, '..'), { recursive: true });
      cpSync(f.path, join(dir, f.name));
      size += statSync(f.path).size;
    }
    const listing = walk(dir);
    const digest = createHash('sha256');
    for (const f of listing)
      digest.update(
        `${f}\0${createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex')}\n`,
      );
    const artifact: StoredArtifact = {
      id,
      name,
      runId,
      repository,
      size,
      digest: digest.digest('hex'),
      files: listing,
      createdAt: new Date().toISOString(),
      dir,
    };
    writeFileSync(join(this.root, runId, `${id}.json`), JSON.stringify({ ...artifact, dir: undefined }, null, 2));
    this.#artifacts.push(artifact);
    return artifact;
  }

  /** Copies an artifact's files into `dest`. */
  download(artifact: StoredArtifact, dest: string): void {
    mkdirSync(dest, { recursive: true });
    cpSync(artifact.dir, dest, { recursive: true });
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

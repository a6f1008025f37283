/**
 * The creation time of what a publish builds, deterministic for a given
 * commit: `--created` when given, else `SOURCE_DATE_EPOCH` (the
 * reproducible-builds convention), else the commit's time (`GITHUB_SHA`, or
 * HEAD, of the Git repository the publish runs in), else the Unix epoch. So
 * the same commit gives the same digest, and the registry shows when the
 * code was committed rather than 1970-01-01.
 */
import { execFile } from 'node:child_process';
import { createdTime, normalizeCreated } from '../artifact/wasm-artifact.ts';

/** The committer time of `rev` (default HEAD) in the repository at `cwd`; undefined outside a repository or without git. */
export function commitTime(cwd: string, rev = 'HEAD'): Promise<string | undefined> {
  // a revision is a hex SHA or HEAD here: nothing else reaches the command line
  if (!/^(HEAD|[0-9a-f]{7,64})$/i.test(rev)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile('git', ['-C', cwd, 'log', '-1', '--format=%ct', rev], { timeout: 10_000, windowsHide: true }, (err, stdout) => {
      const seconds = err ? Number.NaN : Number(stdout.trim());
      resolve(Number.isSafeInteger(seconds) && seconds > 0 ? normalizeCreated(new Date(seconds * 1000)) : undefined);
    });
  });
}

/** How the creation time was chosen, for logs. */
export type CreatedSource = 'input' | 'SOURCE_DATE_EPOCH' | 'commit' | 'epoch';

/** The creation time of a publish (see the module comment), and where it came from. */
export async function publishCreated(
  env: NodeJS.ProcessEnv,
  cwd: string,
  explicit?: string,
): Promise<{ created: string; source: CreatedSource }> {
  if (explicit !== undefined) return { created: createdTime(env, explicit), source: 'input' };
  if (env.SOURCE_DATE_EPOCH !== undefined && env.SOURCE_DATE_EPOCH !== '')
    return { created: createdTime(env), source: 'SOURCE_DATE_EPOCH' };
  const commit = (await commitTime(cwd, env.GITHUB_SHA || 'HEAD')) ?? (env.GITHUB_SHA ? await commitTime(cwd) : undefined);
  if (commit !== undefined) return { created: commit, source: 'commit' };
  return { created: createdTime(env), source: 'epoch' };
}

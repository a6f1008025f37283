import { open, stat, unlink } from 'node:fs/promises';
import { FlotillaError } from '../../errors.ts';

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call with the same key has settled: the
 * index.json updates of one layout, from any number of stores opened on it
 * in this process, happen one at a time.
 */
export function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

export class LayoutLockError extends FlotillaError {
  constructor(path: string, waitedMs: number) {
    super(
      'LAYOUT_LOCKED',
      `${path} has been held by another process for ${Math.round(waitedMs / 1000)} s; if no flotilla process is using this layout, delete the lock file`,
    );
  }
}

const STALE_MS = 30_000;
const WAIT_MS = 20_000;

/**
 * Holds the lock file `path` (created exclusively) while `fn` runs, so that
 * flotilla processes sharing a layout do not lose each other's index
 * updates. A lock older than 30 s is taken to be left by a crashed process
 * and removed.
 */
export async function withLockFile<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  let delay = 2;
  for (;;) {
    try {
      const fh = await open(path, 'wx');
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) {
        await unlink(path).catch(() => {});
        continue;
      }
      if (Date.now() - started > WAIT_MS) throw new LayoutLockError(path, Date.now() - started);
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 100);
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => {});
  }
}

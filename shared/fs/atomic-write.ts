import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file through a temporary file in the same folder, then renames it
 * into place: a reader never sees half a file, and a failed write leaves
 * nothing behind. With `createFolder`, missing parent folders are made.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array, opts: { createFolder?: boolean } = {}): Promise<void> {
  if (opts.createFolder) await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
}

/** `writeFileAtomically` without the event loop, for small files written many at a time (a synchronous write of a few hundred bytes costs less than the promises around an asynchronous one). */
export function writeFileAtomicallySync(path: string, bytes: Uint8Array | string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // never written
    }
    throw err;
  }
}

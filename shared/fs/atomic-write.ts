import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file through a temporary file in the same folder, then renames it
 * into place: a reader never sees half a file, and a failed write leaves
 * nothing behind. With `createFolder`, missing parent folders are made;
 * with `noOverwrite`, an existing file is left alone (the error is EEXIST).
 */
export async function writeFileAtomically(
  path: string,
  bytes: Uint8Array,
  opts: { createFolder?: boolean; noOverwrite?: boolean } = {},
): Promise<void> {
  if (opts.createFolder) await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, bytes);
    if (opts.noOverwrite) {
      // link fails with EEXIST when the file is there: no window between a check and the write
      await link(tmp, path);
      await unlink(tmp);
    } else await rename(tmp, path);
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

import { randomBytes } from 'node:crypto';
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

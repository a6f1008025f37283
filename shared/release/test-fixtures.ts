import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary folder holding `files` (path → text); returns its absolute path. */
export function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-spec-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Lines joined with newlines and a trailing newline, so tests can count lines. */
export function lines(...ls: string[]): string {
  return `${ls.join('\n')}\n`;
}

/** The 1-based number of the first line of `file` that contains `needle` (the test fails if none does). */
export function lineOf(file: string, needle: string): number {
  const index = readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`no line of ${file} contains '${needle}'`);
  return index + 1;
}

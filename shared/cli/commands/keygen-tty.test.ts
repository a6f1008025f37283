// `flotilla keygen` on a real terminal: a pseudo-terminal made by `script`
// (util-linux), the CLI started as a user starts it (bin/flotilla.js). The
// password is typed after each prompt; nothing typed may appear in what the
// terminal shows, the key must decrypt with it, and a mismatch or Ctrl-C
// writes nothing.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrivateKey, loadPublicKey } from '../../sign/keys.ts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'flotilla.js');
let dir: string;

beforeAll(() => {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error("the terminal tests need 'script' from util-linux: apt-get install bsdutils (Debian) or util-linux");
  }
  dir = mkdtempSync(join(tmpdir(), 'flotilla-keygen-tty-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Session {
  child: ChildProcess;
  /** Everything the terminal showed so far. */
  screen(): string;
  /** Resolves when the screen shows `text` for the `n`th time. */
  waitFor(text: string, n?: number): Promise<void>;
  type(keys: string): void;
  exit: Promise<number>;
}

/** Runs `flotilla <args>` on a pseudo-terminal; what is typed goes to its terminal, what it writes comes back. */
function onTerminal(args: string[]): Session {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'dumb' };
  delete env.FLOTILLA_KEY_PASSWORD;
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  // -q: no banner, -e: its exit code, -f: flush as it goes; the log goes nowhere
  const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  const waiters: { text: string; n: number; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      if (screen.split(w.text).length - 1 >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout?.on('data', (c: Buffer) => {
    screen += c.toString('utf8');
    check();
  });
  child.stderr?.on('data', (c: Buffer) => {
    screen += c.toString('utf8');
    check();
  });
  const exit = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return {
    child,
    screen: () => screen,
    waitFor: (text, n = 1) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the terminal never showed '${text}' (${n}); it showed:\n${screen}`)), 20_000);
        waiters.push({
          text,
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        check();
      }),
    type: (keys) => child.stdin?.write(keys),
    exit: exit.finally(() => child.stdin?.end()),
  };
}

describe('flotilla keygen on a terminal (FLOTILLA_KEY_PASSWORD unset)', () => {
  it('asks for the password twice, hidden, and encrypts the key with it', async () => {
    const password = 'correct horse battery';
    const s = onTerminal(['keygen', '-o', 'typed']);
    await s.waitFor('Enter password for private key: ');
    s.type(`${password}\r`);
    await s.waitFor('Enter password for private key again: ');
    // a typo erased with Backspace is not part of the password
    s.type(`${password}x\u007f\r`);
    expect(await s.exit, s.screen()).toBe(0);
    expect(s.screen()).not.toContain('correct');
    expect(s.screen()).toContain('encrypted with FLOTILLA_KEY_PASSWORD');
    const key = await loadPrivateKey('typed.key', { cwd: dir, env: { FLOTILLA_KEY_PASSWORD: password } });
    expect(key.keyId).toBe((await loadPublicKey(join(dir, 'typed.pub'))).keyId);
  }, 60_000);

  it('refuses two different passwords and writes nothing', async () => {
    const s = onTerminal(['keygen', '-o', 'mismatch']);
    await s.waitFor('Enter password for private key: ');
    s.type('one\r');
    await s.waitFor('again: ');
    s.type('two\r');
    expect(await s.exit).toBe(2);
    expect(s.screen()).toContain('flotilla keygen: the passwords do not match; nothing was written');
    expect(existsSync(join(dir, 'mismatch.key'))).toBe(false);
    expect(existsSync(join(dir, 'mismatch.pub'))).toBe(false);
  }, 60_000);

  it('Ctrl-C at the prompt stops without a key', async () => {
    const s = onTerminal(['keygen', '-o', 'interrupted']);
    await s.waitFor('Enter password for private key: ');
    s.type('abc\u0003');
    expect(await s.exit).toBe(1);
    expect(s.screen()).toContain('[PROMPT_ABORTED]: no password read: interrupted (Ctrl-C)');
    expect(existsSync(join(dir, 'interrupted.key'))).toBe(false);
  }, 60_000);
});

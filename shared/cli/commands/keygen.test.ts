import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrivateKey, loadPublicKey } from '../../sign/keys.ts';
import { runCli } from '../main.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-keygen-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  // not a terminal: no password is asked for (keygen-tty.test.ts runs it on a pseudo-terminal)
  const code = await runCli(args, { stdout, stderr, env, cwd: dir, stdin: new PassThrough() });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('flotilla keygen', () => {
  it('writes an encrypted pair with FLOTILLA_KEY_PASSWORD and prints the key id', async () => {
    const res = await cli(['keygen', '--output', 'release'], { FLOTILLA_KEY_PASSWORD: 's3cret' });
    expect(res.code).toBe(0);
    const pub = await loadPublicKey(join(dir, 'release.pub'));
    expect(res.stdout).toContain(`key id ${pub.keyId}`);
    expect(res.stdout).toContain('encrypted with FLOTILLA_KEY_PASSWORD');
    expect(res.stdout).not.toContain('s3cret');
    const key = await loadPrivateKey('release.key', { cwd: dir, env: { FLOTILLA_KEY_PASSWORD: 's3cret' } });
    expect(key.keyId).toBe(pub.keyId);
  });

  it('without a terminal, refuses to write an unencrypted key without --unencrypted', async () => {
    const res = await cli(['keygen', '-o', 'nopass'], {});
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'flotilla keygen: error [KEY_PASSWORD_REQUIRED]: no password to encrypt the private key: set FLOTILLA_KEY_PASSWORD, or pass --unencrypted to write it in the clear\n',
    );
    await expect(readFile(join(dir, 'nopass.key'))).rejects.toThrow(/ENOENT/);
  });

  it('writes an unencrypted key with --unencrypted, saying so', async () => {
    const res = await cli(['keygen', '-o', 'clear', '--unencrypted'], { FLOTILLA_KEY_PASSWORD: 'ignored' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('NOT encrypted');
    expect(res.stderr).toContain('FLOTILLA_KEY_PASSWORD is ignored');
    expect(await readFile(join(dir, 'clear.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('requires --output, and never overwrites', async () => {
    const missing = await cli(['keygen'], { FLOTILLA_KEY_PASSWORD: 'x' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--output <prefix> is required');
    const again = await cli(['keygen', '-o', 'release'], { FLOTILLA_KEY_PASSWORD: 'x' });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[KEY_EXISTS]');
  });
});

import { execFile, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commands } from '../shared/cli/commands/index.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'bin', 'flotilla.js');

async function flotilla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('flotilla CLI', () => {
  it('--help lists every subcommand', async () => {
    const res = await flotilla('--help');
    expect(res.code).toBe(0);
    for (const cmd of commands) expect(res.stdout).toMatch(new RegExp(`^  ${cmd.name} +\\S`, 'm'));
  });

  it('npx flotilla resolves to the bin entry', async () => {
    const { stdout } = await run('npx', ['--no-install', 'flotilla', '--help'], { cwd: join(import.meta.dirname, '..') });
    expect(stdout).toContain('Usage: flotilla <command> [options]');
  });

  it.each(commands.map((c) => c.name))('%s --help lists its options', async (name) => {
    const res = await flotilla(name, '--help');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Usage: flotilla ${name}`);
    const cmd = commands.find((c) => c.name === name);
    for (const opt of Object.keys(cmd?.options ?? {})) expect(res.stdout).toContain(`--${opt}`);
  });

  it('fails on an unknown option, naming it', async () => {
    const res = await flotilla('push', '--nope', 'a.wasm', 'r/x:1');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Unknown option '--nope'");
  });

  it('fails on an unknown command', async () => {
    const res = await flotilla('launch');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("unknown command 'launch'");
  });

  it('fails on a wrong number of arguments', async () => {
    const res = await flotilla('pull');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('expected 1 argument(s) (<ref>), got 0');
  });

  it('re-runs itself on Node 24 when started by an older system Node', async () => {
    // /usr/bin/node is the machine's Node 20 here; where it is missing or new enough there is nothing to check
    const system = await run('sh', ['-c', 'command -v /usr/bin/node && /usr/bin/node --version']).catch(() => null);
    const major = Number(system?.stdout.trim().split('\n')[1]?.replace('v', '').split('.')[0] ?? 0);
    const res = await run(major > 0 ? '/usr/bin/node' : process.execPath, [bin, '--version']);
    expect(res.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('forwards SIGTERM to the Node 24 child it re-ran itself on (no orphan left)', async () => {
    const system = await run('/usr/bin/node', ['--version']).catch(() => null);
    const major = Number(system?.stdout.trim().replace('v', '').split('.')[0] ?? 0);
    // only meaningful where the system Node is older than 24 (here: Node 20)
    const node = major > 0 && major < 24 ? '/usr/bin/node' : process.execPath;
    const marker = `signal-check-${process.pid}-${Date.now()}`;
    // a pull from a closed port keeps retrying with backoff for a few seconds
    const child = spawn(node, [bin, 'pull', `127.0.0.1:9/${marker}/x:1`, '-o', join(tmpdir(), `${marker}.wasm`)], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code === 143 || code === null).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const left = await run('pgrep', ['-f', marker]).then(
      (r) => r.stdout.trim(),
      () => '',
    );
    expect(left).toBe('');
  });
});

import { spawn } from 'node:child_process';
import type { CommandProcessor } from './commands.ts';

export type ProcessEnd = { kind: 'exit'; code: number } | { kind: 'timeout' } | { kind: 'cancelled' } | { kind: 'error'; message: string };

/**
 * Runs one step's process in its own process group, its stdout and stderr
 * through the workflow-command processor line by line; a timeout or a
 * cancellation kills the whole group (the script and what it started).
 */
export function runProcess(
  command: string,
  args: string[],
  opts: { env: Record<string, string>; cwd: string; timeoutMs: number; signal: AbortSignal; processor: CommandProcessor },
): Promise<ProcessEnd> {
  return new Promise((resolve) => {
    if (opts.signal.aborted) {
      resolve({ kind: 'cancelled' });
      return;
    }
    let settled = false;
    let ending: ProcessEnd | undefined;
    const child = spawn(command, args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const kill = (why: ProcessEnd) => {
      ending ??= why;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => kill({ kind: 'timeout' }), opts.timeoutMs);
    const onAbort = () => kill({ kind: 'cancelled' });
    opts.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (c: string) => opts.processor.write(c, 'stdout'));
    child.stderr.setEncoding('utf8').on('data', (c: string) => opts.processor.write(c, 'stderr'));
    const finish = (end: ProcessEnd) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      opts.processor.end();
      resolve(ending ?? end);
    };
    child.on('error', (err) => finish({ kind: 'error', message: err.message }));
    child.on('close', (code, sig) => finish({ kind: 'exit', code: code ?? (sig ? 128 : 1) }));
  });
}

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Outputs written to GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>;
  /** Markdown written to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** `::error …::` and `::warning …::` commands printed. */
  annotations: string[];
}

/** Parses the `name<<delimiter` / `name=value` file format of GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '');
      out[name ?? ''] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/**
 * Runs a bundled action (`actions/<name>/dist/index.js`) the way the runner
 * does: on this Node (24), inputs as `INPUT_<NAME>` variables, with
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and returns what it wrote.
 */
export async function runActionDist(
  distIndex: string,
  inputs: Record<string, string>,
  opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'flotilla-action-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.cwd ?? process.cwd(),
    ...opts.env,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  try {
    const child = spawn(process.execPath, [distIndex], { env, cwd: opts.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
    clearTimeout(timer);
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      annotations: stdout.split('\n').filter((l) => /^::(error|warning|notice)/.test(l)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

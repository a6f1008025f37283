import { parseArgs } from 'node:util';
import { maskSecretsInActionsLog } from '../actions/mask.ts';
import { errorMessage, FlotillaError, UsageError } from '../errors.ts';
import { type Command, type CommandContext, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type OptionSpec } from './command.ts';
import { commands } from './commands/index.ts';

const PROGRAM = 'flotilla';

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : '';
  const many = spec.multiple ? '…' : '';
  return `  ${short}--${name}${value}${many}`;
}

export function commandHelp(cmd: Command, prefix = ''): string {
  if (cmd.subcommands) return groupHelp(cmd);
  const lines = [`Usage: ${PROGRAM} ${prefix}${cmd.name}${cmd.args ? ` ${cmd.args}` : ''} [options]`, '', cmd.summary, '', 'Options:'];
  const entries: [string, OptionSpec][] = [
    ...Object.entries(cmd.options),
    ['help', { type: 'boolean', short: 'h', description: 'show this help' }],
  ];
  const labels = entries.map(([name, spec]) => optionLabel(name, spec));
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  entries.forEach(([, spec], i) => {
    lines.push(`${(labels[i] ?? '').padEnd(width)}${spec.description}`);
  });
  return `${lines.join('\n')}\n`;
}

function groupHelp(group: Command): string {
  const subs = group.subcommands ?? [];
  const width = Math.max(...subs.map((c) => c.name.length)) + 4;
  const lines = [
    `Usage: ${PROGRAM} ${group.name} <command> [options]`,
    '',
    group.summary,
    '',
    'Commands:',
    ...subs.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run '${PROGRAM} ${group.name} <command> --help' for the options of a command.`,
  ];
  return `${lines.join('\n')}\n`;
}

export function programHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4;
  const lines = [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Compose WebAssembly components with WAC, move them through OCI registries,',
    'sign and verify them, and release them with canary promotions.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run '${PROGRAM} <command> --help' for the options of a command.`,
  ];
  return `${lines.join('\n')}\n`;
}

export interface RunOptions {
  stdout?: NodeJS.WritableStream & CommandContext['stdout'];
  stderr?: NodeJS.WritableStream & CommandContext['stderr'];
  /** Default process.stdin. */
  stdin?: CommandContext['stdin'];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[], io: RunOptions = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    stdout.write(programHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    const { version } = await import('./version.ts');
    stdout.write(`${version}\n`);
    return EXIT_OK;
  }
  let cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    stderr.write(`${PROGRAM}: unknown command '${name}'. Run '${PROGRAM} --help' for the list of commands.\n`);
    return EXIT_USAGE;
  }
  let prefix = '';
  if (cmd.subcommands) {
    const group = cmd;
    const [subName, ...subRest] = rest;
    if (subName === undefined || subName === '--help' || subName === '-h' || subName === 'help') {
      stdout.write(groupHelp(group));
      return subName === undefined ? EXIT_USAGE : EXIT_OK;
    }
    const sub = group.subcommands?.find((c) => c.name === subName);
    if (!sub) {
      stderr.write(
        `${PROGRAM} ${group.name}: unknown command '${subName}'. Run '${PROGRAM} ${group.name} --help' for the list of commands.\n`,
      );
      return EXIT_USAGE;
    }
    cmd = sub;
    prefix = `${group.name} `;
    rest.splice(0, rest.length, ...subRest);
  }
  const label = `${prefix}${cmd.name}`;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    const options = Object.fromEntries(
      Object.entries(cmd.options).map(([k, spec]) => [
        k,
        { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
      ]),
    );
    parsed = parseArgs({
      args: rest,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    });
  } catch (err) {
    stderr.write(`${PROGRAM} ${label}: ${errorMessage(err)}\nRun '${PROGRAM} ${label} --help' for its options.\n`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    stdout.write(commandHelp(cmd, prefix));
    return EXIT_OK;
  }
  const [min, max] = cmd.positionals;
  const count = parsed.positionals.length;
  if (count < min || (max >= 0 && count > max)) {
    const expected = min === max ? `${min}` : max < 0 ? `at least ${min}` : `${min} to ${max}`;
    stderr.write(
      `${PROGRAM} ${label}: expected ${expected} argument(s) (${cmd.args}), got ${count}.\nRun '${PROGRAM} ${label} --help' for usage.\n`,
    );
    return EXIT_USAGE;
  }
  // in a GitHub Actions job, every secret the library meets is masked in the log (as the actions do)
  maskSecretsInActionsLog(io.env ?? process.env);
  try {
    return await cmd.run({
      values: parsed.values as CommandContext['values'],
      positionals: parsed.positionals,
      stdout,
      stderr,
      stdin: io.stdin ?? process.stdin,
      env: io.env ?? process.env,
      cwd: io.cwd ?? process.cwd(),
    });
  } catch (err) {
    if (err instanceof UsageError) {
      stderr.write(`${PROGRAM} ${label}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const code = err instanceof FlotillaError ? ` [${err.code}]` : '';
    stderr.write(`${PROGRAM} ${label}: error${code}: ${errorMessage(err)}\n`);
    if (process.env.FLOTILLA_DEBUG && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
    return EXIT_FAILURE;
  }
}

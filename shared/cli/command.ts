import type { Writable } from 'node:stream';
import type { TerminalInput } from './prompt.ts';

/** One option of a subcommand, as `flotilla <cmd> --help` lists it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Name of the value in help text, e.g. `file` for `--output <file>`. */
  valueName?: string;
  description: string;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  values: OptionValues;
  positionals: string[];
  stdout: Writable;
  stderr: Writable;
  /** Where a password is asked for when it is a terminal (process.stdin). */
  stdin?: TerminalInput;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** A `flotilla` subcommand. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  /** Positional arguments as shown in the usage line, e.g. `<file.wasm> <ref>`. */
  args: string;
  /** Minimum and maximum number of positional arguments (max -1: unbounded). */
  positionals: [min: number, max: number];
  options: Record<string, OptionSpec>;
  run(ctx: CommandContext): Promise<number>;
  /** A command group (`flotilla wac compose …`): the first argument names one of these, which then runs. */
  subcommands?: Command[];
}

/** Exit codes shared by every subcommand. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Options every command that talks to registries accepts. */
export const registryOptions: Record<string, OptionSpec> = {
  registries: {
    type: 'string',
    valueName: 'file',
    description: 'registry configuration (YAML); defaults to $FLOTILLA_REGISTRIES',
  },
};

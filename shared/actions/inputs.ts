import * as core from '@actions/core';
import { UsageError } from '../errors.ts';

/**
 * Typed readers for action inputs. The runner passes each input as
 * `INPUT_<NAME>` (upper case, spaces as underscores); `@actions/core` reads
 * them, and these helpers turn the strings into values or fail with a
 * message naming the input.
 */
export function stringInput(name: string, opts: { required?: boolean; default?: string } = {}): string | undefined {
  const value = core.getInput(name, { required: false, trimWhitespace: true });
  if (value === '') {
    if (opts.required) throw new UsageError(`input '${name}' is required; set it under 'with:' in the step`);
    return opts.default;
  }
  return value;
}

export function requiredInput(name: string): string {
  const value = stringInput(name, { required: true });
  if (value === undefined) throw new UsageError(`input '${name}' is required; set it under 'with:' in the step`);
  return value;
}

export function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  throw new UsageError(`input '${name}' must be true or false, got '${value}'`);
}

/** A list input: one item a line, or comma-separated; blank lines and `#` comments ignored. */
export function listInput(name: string): string[] {
  return core
    .getInput(name)
    .split(/\r?\n/)
    .flatMap((line) => (line.includes(',') ? line.split(',') : [line]))
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

/** A multi-line input, one entry a line (commas kept: `type=ref,event=branch`, `key=a,b`); blank lines and `#` comments ignored. */
export function linesInput(name: string): string[] {
  return core
    .getInput(name)
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !s.startsWith('#'));
}

/**
 * The deployment inputs (`deployment`, `deployment-environment`,
 * `environment-url`, `github-token`) of the actions that move an
 * environment; see shared/actions/deployments.ts. The token is masked.
 */
export function deploymentInputs(): {
  enabled: boolean;
  environment: string | undefined;
  environmentUrl: string | undefined;
  token: string;
} {
  const enabled = booleanInput('deployment', false);
  const token = stringInput('github-token') ?? process.env.GITHUB_TOKEN ?? '';
  if (token) core.setSecret(token);
  if (enabled && !token)
    throw new UsageError(
      "input 'deployment' is true but there is no token: set 'github-token' (default github.token) and give the job `permissions: deployments: write`",
    );
  return {
    enabled,
    environment: stringInput('deployment-environment'),
    environmentUrl: stringInput('environment-url'),
    token,
  };
}

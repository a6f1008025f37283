import * as core from '@actions/core';
import { ConfigError } from '../config/config-error.ts';
import { errorMessage, FlotillaError } from '../errors.ts';
import { annotateError } from './annotate.ts';
import { maskSecretsInActionsLog } from './mask.ts';

/**
 * Runs the body of an action: any error fails the step with its message
 * (and its code), never a stack trace unless ACTIONS_STEP_DEBUG is on. An
 * error in a file the user wrote becomes an annotation on its line.
 */
export async function runAction(name: string, body: () => Promise<void>): Promise<void> {
  maskSecretsInActionsLog();
  try {
    await body();
  } catch (err) {
    if (err instanceof Error && err.stack) core.debug(err.stack);
    if (err instanceof ConfigError) {
      annotateError(err);
      process.exitCode = 1;
      return;
    }
    const code = err instanceof FlotillaError ? ` [${err.code}]` : '';
    core.setFailed(`flotilla ${name}${code}: ${errorMessage(err)}`);
  }
}

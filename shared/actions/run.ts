import * as core from '@actions/core';
import { errorMessage, FlotillaError } from '../errors.ts';

/**
 * Runs the body of an action: any error fails the step with its message
 * (and its code), never a stack trace unless ACTIONS_STEP_DEBUG is on.
 */
export async function runAction(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const code = err instanceof FlotillaError ? ` [${err.code}]` : '';
    if (err instanceof Error && err.stack) core.debug(err.stack);
    core.setFailed(`flotilla ${name}${code}: ${errorMessage(err)}`);
  }
}

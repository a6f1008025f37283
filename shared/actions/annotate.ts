import * as core from '@actions/core';
import { ConfigError } from '../config/config-error.ts';
import { errorMessage } from '../errors.ts';

/**
 * Writes an error as a GitHub annotation: on the file, line and column when
 * it is a ConfigError (spec, policy, registry list), else without a place.
 * Paths are made relative to the workspace so the annotation lands on the
 * file in the pull request view.
 */
export function annotateError(err: unknown, workspace: string = process.env.GITHUB_WORKSPACE ?? process.cwd()): void {
  if (err instanceof ConfigError) {
    const { file, line, column } = err.position;
    const rel = file.startsWith(`${workspace}/`) ? file.slice(workspace.length + 1) : file;
    core.error(err.message, { file: rel, startLine: line, startColumn: column, title: err.code });
    return;
  }
  core.error(errorMessage(err));
}

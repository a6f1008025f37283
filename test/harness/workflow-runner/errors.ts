import { FlotillaError } from '../../../shared/errors.ts';

/** A place in a workflow or action file; lines and columns count from 1. */
export interface WorkflowDiagnostic {
  /** File as the runner names it: a repository path, `owner/repo/path@ref` for another repository's file. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export type WorkflowErrorCode =
  /** The workflow (or a workflow it calls) does not parse or does not validate. */
  | 'WORKFLOW_INVALID'
  /** A file named by `uses:` is not in the repositories the runner was given. */
  | 'WORKFLOW_NOT_FOUND'
  /** Reusable workflows nested deeper than GitHub allows, or calling themselves. */
  | 'WORKFLOW_CALL_DEPTH'
  /** A called workflow's job asks for more GITHUB_TOKEN permissions than its caller has. */
  | 'WORKFLOW_PERMISSIONS'
  /** Dispatch or call inputs that the workflow's `inputs` do not accept. */
  | 'WORKFLOW_INPUT'
  /** A step's `uses:` names an action the runner cannot find or has no stand-in for. */
  | 'ACTION_NOT_FOUND'
  /** A feature of GitHub Actions this runner does not run (containers, services, docker actions). */
  | 'RUNNER_UNSUPPORTED'
  /** An expression failed to evaluate (unknown function, bad argument). */
  | 'EXPRESSION_INVALID'
  /** A repository or ref the run needs is not among the local repositories. */
  | 'REPOSITORY_UNKNOWN'
  /** A GITHUB_OUTPUT / GITHUB_ENV file a step wrote is malformed. */
  | 'FILE_COMMAND_INVALID';

/**
 * Why the local workflow runner refused or failed to run something. For a
 * file problem the message starts with `file:line:column`, as GitHub's own
 * annotations do, and `diagnostics` lists every finding.
 */
export class WorkflowError extends FlotillaError {
  declare readonly code: WorkflowErrorCode;
  readonly diagnostics: WorkflowDiagnostic[];

  constructor(code: WorkflowErrorCode, message: string, options: { cause?: unknown; diagnostics?: WorkflowDiagnostic[] } = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.diagnostics = options.diagnostics ?? [];
  }
}

export function formatDiagnostic(d: WorkflowDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

export { ArtifactStore, type StoredArtifact } from './artifacts.ts';
export type { Annotation } from './commands.ts';
export type { ConcurrencyRecord } from './concurrency.ts';
export { formatDiagnostic, type WorkflowDiagnostic, WorkflowError, type WorkflowErrorCode } from './errors.ts';
export { evaluate, type Scope, type Status } from './expressions.ts';
export { parseFileCommand } from './files.ts';
export { SecretMasker } from './masker.ts';
export { expandMatrix } from './matrix.ts';
export { loadAction, loadWorkflow } from './parser.ts';
export { type MadeRepository, makeRepository, Repositories } from './repositories.ts';
export {
  type EnvironmentConfig,
  type JobRecord,
  type RunnerOptions,
  type RunRequest,
  type RunResult,
  type StepRecord,
  WorkflowRunner,
} from './runner.ts';
export { STAND_INS } from './standins.ts';

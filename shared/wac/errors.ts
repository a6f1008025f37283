import { TypeMismatchError } from '../component/subtype.ts';
import { FlotillaError } from '../errors.ts';

/** Composition graph errors; each has a `code` the WAC resolver maps to a diagnostic with a source span. */
export class GraphError extends FlotillaError {}

export { TypeMismatchError };

/** An argument's type does not fit the import it is given for (wraps the mismatch path). */
export class ArgumentTypeMismatchError extends GraphError {
  readonly importName: string;
  readonly mismatch: TypeMismatchError;

  constructor(instanceName: string, importName: string, mismatch: TypeMismatchError) {
    super('TYPE_MISMATCH', `argument \`${importName}\` of ${instanceName} does not fit its import: ${mismatch.message}`, {
      cause: mismatch,
    });
    this.importName = importName;
    this.mismatch = mismatch;
  }
}

export class MissingArgumentError extends GraphError {
  readonly importName: string;
  constructor(instanceName: string, importName: string) {
    super('MISSING_ARGUMENT', `missing argument \`${importName}\` for ${instanceName}; pass it, or allow implicit imports`);
    this.importName = importName;
  }
}

export class UnknownImportError extends GraphError {
  constructor(instanceName: string, importName: string, known: string[]) {
    super('UNKNOWN_IMPORT', `${instanceName} has no import named \`${importName}\` (it imports: ${known.join(', ') || 'nothing'})`);
  }
}

export class UnknownExportError extends GraphError {
  constructor(what: string, exportName: string, known: string[]) {
    super('UNKNOWN_EXPORT', `${what} has no export named \`${exportName}\` (it exports: ${known.join(', ') || 'nothing'})`);
  }
}

export class ExportAlreadyExistsError extends GraphError {
  constructor(name: string) {
    super('EXPORT_ALREADY_EXISTS', `the composition already exports \`${name}\`; export it under another name`);
  }
}

export class ImportAlreadyExistsError extends GraphError {
  constructor(name: string) {
    super('IMPORT_ALREADY_EXISTS', `the composition already imports \`${name}\``);
  }
}

export class ArgumentAlreadyPassedError extends GraphError {
  constructor(instanceName: string, importName: string) {
    super('ARGUMENT_ALREADY_PASSED', `argument \`${importName}\` of ${instanceName} is already set`);
  }
}

export class CycleError extends GraphError {
  constructor(description: string) {
    super('CYCLE', `instantiation cycle: ${description}`);
  }
}

/** Two instances import the same name (or semver-compatible names) with types that cannot be merged. */
export class ImplicitImportConflictError extends GraphError {
  constructor(name: string, detail: string) {
    super('IMPLICIT_IMPORT_CONFLICT', `implicit import \`${name}\` is needed with two incompatible types: ${detail}`);
  }
}

export class PackageError extends GraphError {}

export class UnknownNodeError extends GraphError {
  constructor(id: number) {
    super('UNKNOWN_NODE', `no node with id ${id} in the composition graph`);
  }
}

import { FlotillaError } from '../errors.ts';

/** A place in a file users wrote; lines and columns count from 1. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * An error in a file users wrote (spec, policy, registry list): the message
 * starts with `file:line:column` and names the field, so that an editor or a
 * GitHub annotation can point at it.
 */
export class ConfigError extends FlotillaError {
  readonly position: SourcePosition;
  readonly field: string;

  constructor(position: SourcePosition, field: string, message: string, options?: { cause?: unknown; code?: string }) {
    const where = `${position.file}:${position.line}:${position.column}`;
    super(options?.code ?? 'CONFIG_INVALID', `${where}: ${field ? `${field}: ` : ''}${message}`, options);
    this.position = position;
    this.field = field;
  }
}

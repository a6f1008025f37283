/**
 * The error type every layer of the library throws. A code that callers and
 * tests can match on, a message that says what happened and what to do, and
 * the underlying cause kept for debugging.
 */
export class FlotillaError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Raised for a feature whose issue has not landed yet; never a silent success. */
export class NotImplementedError extends FlotillaError {
  constructor(what: string) {
    super('NOT_IMPLEMENTED', `${what} is not implemented yet`);
  }
}

/** Bad command-line or action input: the message names the option and what was expected. */
export class UsageError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('USAGE', message, options);
  }
}

/** Text of an unknown thrown value, for messages. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

import { FlotillaError } from '../../errors.ts';

/** The bytes are not a well-formed component or module: truncated, bad LEB128, bad UTF-8, unknown opcode. */
export class BinaryFormatError extends FlotillaError {
  /** Byte offset in the outermost binary where the problem was found. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super('WASM_INVALID', `${message} (at byte ${offset})`);
    this.offset = offset;
  }
}

/**
 * A construct this reader knows exists but cannot carry through byte-exact
 * (for example a GC core type inside a component type whose length it cannot
 * know). Refused rather than mangled.
 */
export class UnsupportedConstructError extends FlotillaError {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super('WASM_UNSUPPORTED', `${message} (at byte ${offset}); this construct is not supported by the component reader yet`);
    this.offset = offset;
  }
}

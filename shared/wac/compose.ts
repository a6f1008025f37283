/**
 * The entry points the `compose` command calls: WAC text and packages in,
 * component bytes out.
 */
import { FlotillaError } from '../errors.ts';
import type { WacSource } from './diagnostics.ts';
import { encodeClosedPlan } from './encode-closed.ts';
import { parseWac } from './parser.ts';
import { type CompositionPlan, resolveWac, type WacPackage } from './resolver.ts';
import { validateComponent } from './validate.ts';

export interface ComposeOptions {
  /** Validate the composed component (default true). */
  validate?: boolean;
}

/** The composed component failed validation. Code `WAC_VALIDATION`. */
export class WacValidationError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('WAC_VALIDATION', `the encoding of the composition failed validation: ${message}`, options);
  }
}

/** Parses and resolves a WAC document into its composition plan (no encoding). */
export function planWac(source: WacSource, packages: WacPackage[]): CompositionPlan {
  return resolveWac(source, parseWac(source), packages);
}

/**
 * Composes the document's components into one: parse, resolve against the
 * packages, encode, and (unless `validate: false`) validate the result.
 */
export async function composeWac(source: WacSource, packages: WacPackage[], options: ComposeOptions = {}): Promise<Uint8Array> {
  const plan = planWac(source, packages);
  const bytes = encodeClosedPlan(plan);
  if (options.validate !== false) {
    try {
      await validateComponent(bytes);
    } catch (err) {
      throw new WacValidationError(err instanceof Error ? err.message : String(err), { cause: err });
    }
  }
  return bytes;
}

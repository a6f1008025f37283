/**
 * The entry points the `compose` command calls: WAC text and packages in,
 * component bytes out.
 */
import { FlotillaError } from '../errors.ts';
import { buildGraph } from './build-graph.ts';
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
  const doc = parseWac(source);
  const plan = resolveWac(source, doc, packages);
  // The graph type checks every argument (errors point at the argument in the source).
  buildGraph(source, doc, plan);
  // TODO(issue #5): encode the graph with component-binary's `encodeGraph` once it lands; until then only
  // closed compositions (no imports left to the host, no type definitions) are encoded.
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

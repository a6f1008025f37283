/**
 * The entry points the `compose` command calls: WAC text and packages in,
 * component bytes out.
 */
import { ComponentValidationError, validateComponent } from '../component/validate.ts';
import type { ValidationCache } from '../component/validation-cache.ts';
import { FlotillaError } from '../errors.ts';
import { buildGraph } from './build-graph.ts';
import type { WacSource } from './diagnostics.ts';
import { encodeGraphSync, linkDependencies, packageTypes } from './encode.ts';
import { ImplicitImportConflictError } from './errors.ts';
import type { CompositionGraph } from './graph.ts';
import { parseWac } from './parser.ts';
import { type CompositionPlan, resolveWac, type WacPackage, WacResolutionError } from './resolver.ts';
import { checkTarget } from './target-check.ts';

export interface ComposeOptions {
  /**
   * Validate the composed component (default true: the component model's rules and every core
   * function body); `'transpile'` also transpiles it with jco (a deeper check: jco can run it).
   */
  validate?: boolean | 'transpile';
  /** What was validated before (a compose passes its store's): the packages' core modules are not validated again. */
  validationCache?: ValidationCache;
  /** Import the packages as components instead of embedding them (wac's `--import-dependencies`). */
  importDependencies?: boolean;
  /** Called once the document has resolved and its graph is built, before encoding (the CLI checks its output there, as wac does). */
  onResolved?: () => void;
  /**
   * Changes the built graph before it is encoded (compose puts a generated
   * splitter on the edges out of a component there: shared/interpose/graph.ts).
   */
  transform?: (graph: CompositionGraph) => void;
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
  const { graph } = buildGraph(source, doc, plan);
  options.onResolved?.();
  options.transform?.(graph);
  let bytes: Uint8Array;
  try {
    bytes = encodeGraphSync(graph, { importDependencies: options.importDependencies === true });
  } catch (err) {
    if (err instanceof ImplicitImportConflictError) {
      const at = plan.nodes.find((n) => n.kind === 'instantiation' && n.fill);
      throw new WacResolutionError(
        'implicit-import-merge',
        source,
        err.message,
        at?.span ?? doc.directive.package.span,
        'implicit imports of this instantiation',
        { cause: err },
      );
    }
    throw err;
  }
  checkTarget(source, doc, plan, bytes);
  if (options.validate !== false) {
    try {
      // with --import-dependencies the packages are linked into a wrapper for validation
      const linked = options.importDependencies === true;
      await validateComponent(linked ? linkDependencies(graph, bytes) : bytes, {
        level: options.validate === 'transpile' ? 'transpile' : 'model',
        cache: options.validationCache,
        ...(options.validationCache !== undefined ? { nestedType: packageTypes(graph) } : {}),
      });
    } catch (err) {
      const detail = err instanceof ComponentValidationError ? err.message : String(err);
      throw new WacValidationError(detail, { cause: err });
    }
  }
  return bytes;
}

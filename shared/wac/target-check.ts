/**
 * Type-level check of a composition against its target world (`package …
 * targets ns:pkg/world;`): the composed component may import only what the
 * world imports, with types the world's imports satisfy, and must export all
 * the world exports, with types that satisfy them. Names were already checked
 * by the resolver; this compares the composed component's real types.
 */
import { checkSubtype, TypeMismatchError } from '../component/subtype.ts';
import { componentType, Substitution } from '../component/types.ts';
import type * as A from './ast.ts';
import { pathType } from './build-graph.ts';
import type { Span, WacSource } from './diagnostics.ts';
import type { CompositionPlan } from './resolver.ts';
import { WacResolutionError } from './resolver.ts';
import { semverKey } from './semver.ts';

function importSpan(plan: CompositionPlan, name: string, fallback: Span): Span {
  for (const node of plan.nodes) {
    if (node.kind === 'import' && node.name === name) return node.span;
  }
  for (const node of plan.nodes) {
    if (node.kind !== 'instantiation' || !node.fill) continue;
    for (const imported of node.shape.imports.keys()) {
      if (!node.args.has(imported) && semverKey(imported) === semverKey(name)) return node.span;
    }
  }
  return fallback;
}

export function checkTarget(source: WacSource, doc: A.Document, plan: CompositionPlan, bytes: Uint8Array): void {
  const targets = doc.directive.targets;
  if (!targets) return;
  const world = pathType(plan, targets);
  if (world?.kind !== 'component') return; // the resolver has checked what the outline of the package allows
  const result = componentType(bytes);
  const subst = new Substitution();
  const mismatch = (kind: 'import' | 'export', name: string, span: Span, err: TypeMismatchError) =>
    new WacResolutionError(
      'target-mismatch',
      source,
      `${kind} \`${name}\` has a mismatched type for target world \`${targets.text}\`: ${err.message}`,
      span,
      'mismatched type',
      { cause: err },
    );
  // the host provides the world's imports: they must fit what the composition imports
  const bindImports = new Set(result.importedResources);
  for (const [name, wanted] of result.imports) {
    const span = importSpan(plan, name, targets.span);
    const given = world.imports.get(name);
    if (!given) {
      throw new WacResolutionError(
        'import-not-in-target',
        source,
        `target world \`${targets.text}\` does not have an import named \`${name}\``,
        span,
        'import not in target world',
      );
    }
    try {
      checkSubtype(given, wanted, { subst, bindable: bindImports }, [name]);
    } catch (err) {
      if (err instanceof TypeMismatchError) throw mismatch('import', name, span, err);
      throw err;
    }
  }
  // the composition's exports must fit what the world exports
  const reverse = new Substitution([...subst.map].map(([a, b]) => [b, a]));
  const bindExports = new Set([...world.exportedResources, ...world.importedResources.filter((r) => !reverse.map.has(r))]);
  for (const [name, wanted] of world.exports) {
    const given = result.exports.get(name);
    const span = plan.exportSpans.get(name) ?? targets.span;
    if (!given) continue; // reported by the resolver
    try {
      checkSubtype(given, wanted, { subst: reverse, bindable: bindExports }, [name]);
    } catch (err) {
      if (err instanceof TypeMismatchError) throw mismatch('export', name, span, err);
      throw err;
    }
  }
}

/**
 * Builds the composition graph (component-binary's `CompositionGraph`) from a
 * resolved plan. The graph type checks every argument against the import it
 * satisfies (subtyping, resources); its errors come back as WAC diagnostics
 * pointing at the argument in the source.
 */
import type { ExternT } from '../component/types.ts';
import { FlotillaError, NotImplementedError } from '../errors.ts';
import type * as A from './ast.ts';
import type { WacSource } from './diagnostics.ts';
import { ArgumentTypeMismatchError, GraphError, UnknownExportError } from './errors.ts';
import { CompositionGraph, type NodeId } from './graph.ts';
import { definitionAtPath, packageDefinitions } from './package-definitions.ts';
import type { CompositionPlan } from './resolver.ts';
import { WacResolutionError } from './resolver.ts';
import { importExternType, typeEnv } from './wac-types.ts';

export interface BuiltGraph {
  graph: CompositionGraph;
  /** Plan node id → graph node id (type definitions have none). */
  nodeIds: Map<number, NodeId>;
}

/** The type a package path names (`ns:pkg/iface`, `ns:pkg/world`, `ns:pkg/iface/export`), from the package's definitions. */
export function pathType(plan: CompositionPlan, path: A.PackagePath): ExternT | undefined {
  const pkg = plan.packages.get(path.version ? `${path.name}@${path.version}` : path.name) ?? plan.packages.get(path.name);
  if (!pkg) return undefined;
  return definitionAtPath(packageDefinitions(pkg.bytes), path.segments);
}

export function buildGraph(source: WacSource, doc: A.Document, plan: CompositionPlan): BuiltGraph {
  const graph = new CompositionGraph();
  const env = typeEnv(doc);
  const packageIds = new Map<string, number>();
  const nodeIds = new Map<number, NodeId>();
  const fail = (kind: WacResolutionError['kind'], message: string, span: { start: number; end: number }, label: string, cause: unknown) =>
    new WacResolutionError(kind, source, message, span, label, { cause });

  const instantiated = new Set(
    plan.nodes.flatMap((n) => (n.kind === 'instantiation' ? [n.version ? `${n.package}@${n.version}` : n.package] : [])),
  );
  for (const [key, pkg] of plan.packages) {
    // Packages only referred to by path (targets, `use`, imports by path) are WIT packages, read by the resolver.
    if (!instantiated.has(key)) continue;
    try {
      packageIds.set(key, graph.registerPackage({ name: pkg.name, version: pkg.version ?? null, bytes: pkg.bytes }));
    } catch (err) {
      if (!(err instanceof FlotillaError)) throw err;
      const at = plan.nodes.find((n) => n.kind === 'instantiation' && (n.version ? `${n.package}@${n.version}` : n.package) === key);
      throw fail(
        'package-parse-failure',
        `failed to parse package \`${pkg.name}\`: ${err.message}`,
        at?.span ?? { start: 0, end: 0 },
        'package could not be read',
        err,
      );
    }
  }

  for (const [id, node] of plan.nodes.entries()) {
    switch (node.kind) {
      case 'definition':
        break;
      case 'import': {
        nodeIds.set(
          id,
          graph.addImport(
            node.name,
            importExternType(node.type, env, (path) => pathType(plan, path)),
          ),
        );
        break;
      }
      case 'instantiation': {
        const key = node.version ? `${node.package}@${node.version}` : node.package;
        const instance = graph.instantiate(packageIds.get(key) as number, plan.names.get(id) ?? node.package);
        nodeIds.set(id, instance);
        for (const [name, argNode] of node.args) {
          const span = node.argSpans.get(name) ?? node.span;
          try {
            graph.setArgument(instance, name, nodeIds.get(argNode) as NodeId);
          } catch (err) {
            if (err instanceof ArgumentTypeMismatchError) {
              throw fail(
                'mismatched-instantiation-arg',
                `mismatched instantiation argument \`${name}\`: ${err.mismatch.message}`,
                span,
                `mismatched argument \`${name}\``,
                err,
              );
            }
            if (err instanceof GraphError) throw fail('mismatched-instantiation-arg', err.message, span, `argument \`${name}\``, err);
            throw err;
          }
        }
        break;
      }
      case 'alias': {
        try {
          nodeIds.set(id, graph.aliasExport(nodeIds.get(node.instance) as NodeId, node.export));
        } catch (err) {
          if (err instanceof UnknownExportError) {
            throw fail(
              'missing-instance-export',
              `the instance has no export named \`${node.export}\``,
              node.span,
              `unknown export \`${node.export}\``,
              err,
            );
          }
          throw err;
        }
        break;
      }
    }
  }
  for (const [name, node] of plan.exports) {
    const graphNode = nodeIds.get(node);
    if (graphNode === undefined) {
      throw new NotImplementedError(`Exporting the WAC type definition \`${name}\` from a composition`);
    }
    graph.export(graphNode, name);
  }
  return { graph, nodeIds };
}

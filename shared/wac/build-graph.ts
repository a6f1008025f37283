/**
 * Builds the composition graph (component-binary's `CompositionGraph`) from a
 * resolved plan. The graph type checks every argument against the import it
 * satisfies (subtyping, resources); its errors come back as WAC diagnostics
 * pointing at the argument in the source.
 *
 * As wac does: every type statement of the document is a type definition the
 * composition exports under its name (`export t as n` moves that export to
 * `n`); an imported interface that uses types of other interfaces is imported
 * after them (the interfaces it depends on become imports of the composition,
 * named by their ids, unless the document imports them already).
 */
import { type ComponentT, type ExternT, type InstanceT, Substitution } from '../component/types.ts';
import { FlotillaError } from '../errors.ts';
import type * as A from './ast.ts';
import type { WacSource } from './diagnostics.ts';
import { ArgumentTypeMismatchError, GraphError, UnknownExportError } from './errors.ts';
import { CompositionGraph, type NodeId } from './graph.ts';
import { definitionAtPath } from './package-definitions.ts';
import { definitionsOf } from './package-shape.ts';
import type { CompositionPlan } from './resolver.ts';
import { WacResolutionError } from './resolver.ts';
import { type Definition, interfaceImports, WacTypes } from './wac-types.ts';
import { interfaceOrigin } from './wit/resolve.ts';

export interface BuiltGraph {
  graph: CompositionGraph;
  /** Plan node id → graph node id. */
  nodeIds: Map<number, NodeId>;
}

/** The type a package path names (`ns:pkg/iface`, `ns:pkg/world`, `ns:pkg/iface/export`), from the package's definitions. */
export function pathType(plan: CompositionPlan, path: A.PackagePath): ExternT | undefined {
  const pkg = plan.packages.get(path.version ? `${path.name}@${path.version}` : path.name) ?? plan.packages.get(path.name);
  if (!pkg) return undefined;
  return definitionAtPath(definitionsOf(pkg), path.segments);
}

/** The type a definition has in the graph: value and function types as they are, interfaces and worlds wrapped as wit-component does. */
export function definitionGraphType(d: Definition): Parameters<CompositionGraph['defineType']>[1] {
  switch (d.kind) {
    case 'value':
    case 'func':
      return d.type;
    case 'interface': {
      const deps = interfaceImports(d.type);
      return {
        kind: 'component',
        imports: new Map<string, ExternT>(deps),
        exports: new Map<string, ExternT>([[d.id, d.type]]),
        importedResources: deps.flatMap(([, t]) => t.declared),
        exportedResources: [...d.type.declared],
      } satisfies ComponentT;
    }
    case 'world':
      return {
        kind: 'component',
        imports: new Map(),
        exports: new Map<string, ExternT>([[d.id, d.type]]),
        importedResources: [],
        exportedResources: [],
      } satisfies ComponentT;
  }
}

export function buildGraph(source: WacSource, doc: A.Document, plan: CompositionPlan): BuiltGraph {
  const graph = new CompositionGraph();
  const types = new WacTypes(doc, (path) => pathType(plan, path));
  const packageIds = new Map<string, number>();
  const nodeIds = new Map<number, NodeId>();
  const fail = (
    kind: WacResolutionError['kind'],
    message: string,
    span: { start: number; end: number },
    label: string,
    cause: unknown,
    reasons?: string[],
  ) => new WacResolutionError(kind, source, message, span, label, { cause, ...(reasons ? { reasons } : {}) });

  const instantiated = new Set(
    plan.nodes.flatMap((n) => (n.kind === 'instantiation' ? [n.version ? `${n.package}@${n.version}` : n.package] : [])),
  );
  for (const [key, pkg] of plan.packages) {
    // Packages only referred to by path (targets, `use`, imports by path) are WIT packages, read by the resolver.
    if (!instantiated.has(key) || pkg.bytes === undefined) continue;
    try {
      packageIds.set(key, graph.registerPackage({ name: pkg.name, version: pkg.version ?? null, bytes: pkg.bytes }));
    } catch (err) {
      if (!(err instanceof FlotillaError)) throw err;
      const at = plan.nodes.find((n) => n.kind === 'instantiation' && (n.version ? `${n.package}@${n.version}` : n.package) === key);
      throw fail(
        'package-parse-failure',
        `failed to parse package \`${pkg.name}\``,
        at?.span ?? { start: 0, end: 0 },
        `package \`${pkg.name}\` failed to parse`,
        err,
        [err.message],
      );
    }
  }

  // interface id → import name, for the interfaces the composition imports
  const importedInterfaces = new Map<string, string>();
  const importNodes = new Map<string, NodeId>();
  const typeOf = (node: { type: A.ImportType; span: { start: number; end: number } }): ExternT => {
    try {
      return types.importType(node.type);
    } catch (err) {
      if (!(err instanceof FlotillaError)) throw err;
      throw fail('not-value-type', err.message, node.span, 'this type cannot be built', err);
    }
  };
  const addImport = (name: string, type: ExternT): NodeId => {
    let t = type;
    if (t.kind === 'instance') {
      // the interfaces it uses come first, sharing their resources with it
      const s = new Substitution();
      for (const [depId, depType] of interfaceImports(t)) {
        let depName = importedInterfaces.get(depId);
        if (depName === undefined) {
          if (!importNodes.has(depId)) importNodes.set(depId, graph.addImport(depId, s.extern(depType)));
          importedInterfaces.set(depId, depId);
          depName = depId;
        }
        for (const r of depType.declared) s.set(r, graph.importedResource(depName, r.name));
      }
      t = s.extern(t) as InstanceT;
    }
    const existing = importNodes.get(name);
    // an interface imported before as another one's dependency is the same import
    const node = existing ?? graph.addImport(name, t);
    importNodes.set(name, node);
    const id = type.kind === 'instance' ? interfaceOrigin(type)?.id : undefined;
    if (id && !importedInterfaces.has(id)) importedInterfaces.set(id, name);
    return node;
  };

  const definitions: [number, string][] = [];
  for (const [id, node] of plan.nodes.entries()) {
    switch (node.kind) {
      case 'definition': {
        let d: Definition;
        try {
          d = types.definition(node.decl);
        } catch (err) {
          if (!(err instanceof FlotillaError)) throw err;
          throw fail('not-value-type', err.message, node.span, 'this type cannot be built', err);
        }
        nodeIds.set(id, graph.defineType(node.name, definitionGraphType(d)));
        definitions.push([id, node.name]);
        break;
      }
      case 'import':
        nodeIds.set(id, addImport(node.name, typeOf(node)));
        break;
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
  // definitions first, each under the last name it was exported as (wac keeps one export per definition)
  const exportedAs = new Map<number, string>();
  for (const [name, node] of plan.exports) if (plan.nodes[node]?.kind === 'definition') exportedAs.set(node, name);
  for (const [id, name] of definitions) graph.export(nodeIds.get(id) as NodeId, exportedAs.get(id) ?? name);
  for (const [name, node] of plan.exports) {
    if (plan.nodes[node]?.kind === 'definition') continue;
    graph.export(nodeIds.get(node) as NodeId, name);
  }
  return { graph, nodeIds };
}

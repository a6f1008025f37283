/**
 * Which component feeds which import of which other component, read from a
 * resolved WAC plan: the composition graph that job summaries draw.
 */
import type { CompositionPlan, PlanNode } from '../wac/resolver.ts';
import type { FetchedComponent } from './pull.ts';

export interface Edge {
  /** Component name, or `host` for an import left to the host. */
  from: string;
  /** Component name. */
  to: string;
  /** The import of `to` it satisfies. */
  import: string;
}

/** The edges of a WAC composition: for each instantiation argument, the component whose instance provides it. */
export function compositionEdges(plan: CompositionPlan, components: readonly FetchedComponent[]): Edge[] {
  const byPackage = new Map(components.map((c) => [c.component.package, c.component.name]));
  const nameOf = (node: PlanNode | undefined): string | undefined =>
    node?.kind === 'instantiation' ? (byPackage.get(node.package) ?? node.package) : undefined;
  const providerOf = (id: number, depth = 0): string => {
    const node = plan.nodes[id];
    if (node === undefined || depth > 64) return 'host';
    if (node.kind === 'alias') return providerOf(node.instance, depth + 1);
    if (node.kind === 'import') return 'host';
    return nameOf(node) ?? 'host';
  };
  const edges: Edge[] = [];
  for (const node of plan.nodes) {
    const to = nameOf(node);
    if (node.kind !== 'instantiation' || to === undefined) continue;
    for (const [name, id] of node.args) edges.push({ from: providerOf(id), to, import: name });
  }
  return edges;
}

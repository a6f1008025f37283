/**
 * `wac plug` semantics: the socket is instantiated; every export of each plug
 * that matches a socket import, by name or a semver-compatible name, and whose
 * type fits that import, is wired in (the plug is instantiated only if one of
 * its exports is used); the socket's exports are re-exported. A plug run in
 * which nothing was plugged is an error.
 */
import { isSubtype } from '../component/subtype.ts';
import { FlotillaError } from '../errors.ts';
import { encodeClosedPlan } from './encode-closed.ts';
import { GraphError } from './errors.ts';
import { CompositionGraph, type NodeId } from './graph.ts';
import type { ItemShape } from './package-shape.ts';
import { readPackageShape } from './package-shape.ts';
import type { CompositionPlan, PlanNode, WacPackage } from './resolver.ts';
import { semverKey } from './semver.ts';
import { validateComponent } from './validate.ts';

export interface PlugOptions {
  /** Validate the composed component (default true). */
  validate?: boolean;
}

/** Plugging failed: nothing matched (`WAC_NO_PLUG`) or the graph refused a wiring (`WAC_PLUG`). */
export class PlugError extends FlotillaError {}

const NO_SPAN = { start: 0, end: 0 };

/** Wires the plugs into the socket; returns the composition plan (already type checked by the graph). */
export function planPlug(socket: Uint8Array, plugs: Uint8Array[]): { plan: CompositionPlan; graph: CompositionGraph } {
  const graph = new CompositionGraph();
  const packages = new Map<string, WacPackage>();
  const register = (name: string, bytes: Uint8Array) => {
    packages.set(name, { name, bytes });
    try {
      return graph.registerPackage({ name, bytes });
    } catch (err) {
      if (err instanceof FlotillaError)
        throw new PlugError('WAC_PLUG', `${name} is not a usable component: ${err.message}`, { cause: err });
      throw err;
    }
  };
  const socketId = register('socket', socket);
  const plugIds = plugs.map((bytes, i) => register(plugs.length === 1 ? 'plug' : `plug${i + 1}`, bytes));
  const socketType = graph.getPackage(socketId).type;
  const socketShape = readPackageShape(socket);

  const nodes: PlanNode[] = [];
  const planIds = new Map<NodeId, number>();
  const add = (graphId: NodeId, node: PlanNode) => {
    nodes.push(node);
    planIds.set(graphId, nodes.length - 1);
  };
  const shapeOfExport = (bytes: Uint8Array, name: string): ItemShape => readPackageShape(bytes).exports.get(name) ?? { kind: 'instance' };

  const socketNode = graph.instantiate(socketId, 'socket');
  const socketArgs = new Map<string, number>();
  const pendingSocket: PlanNode = {
    kind: 'instantiation',
    package: 'socket',
    shape: socketShape,
    args: socketArgs,
    argSpans: new Map(),
    fill: true,
    span: NO_SPAN,
  };

  for (const [i, plugId] of plugIds.entries()) {
    const plugPkg = graph.getPackage(plugId);
    let plugNode: NodeId | undefined;
    for (const [exportName, exportType] of plugPkg.type.exports) {
      let socketName: string | undefined = socketType.imports.has(exportName) ? exportName : undefined;
      if (socketName === undefined) {
        const key = semverKey(exportName);
        socketName = [...socketType.imports.keys()].find((n) => semverKey(n) === key);
      }
      if (socketName === undefined) continue;
      if (!isSubtype(exportType, socketType.imports.get(socketName) as NonNullable<ReturnType<typeof socketType.imports.get>>)) continue;
      if (plugNode === undefined) {
        plugNode = graph.instantiate(plugId, plugPkg.name);
        const plugShape = readPackageShape(plugs[i] as Uint8Array);
        add(plugNode, {
          kind: 'instantiation',
          package: plugPkg.name,
          shape: plugShape,
          args: new Map(),
          argSpans: new Map(),
          fill: true,
          span: NO_SPAN,
        });
      }
      try {
        const alias = graph.aliasExport(plugNode, exportName);
        add(alias, {
          kind: 'alias',
          instance: planIds.get(plugNode) as number,
          export: exportName,
          shape: shapeOfExport(plugs[i] as Uint8Array, exportName),
          span: NO_SPAN,
        });
        graph.setArgument(socketNode, socketName, alias);
        socketArgs.set(socketName, planIds.get(alias) as number);
      } catch (err) {
        if (err instanceof GraphError)
          throw new PlugError('WAC_PLUG', `cannot plug \`${exportName}\` of ${plugPkg.name} into the socket: ${err.message}`, {
            cause: err,
          });
        throw err;
      }
    }
  }
  if (socketArgs.size === 0) {
    throw new PlugError('WAC_NO_PLUG', 'the socket component had no matching imports for the plugs that were provided');
  }
  add(socketNode, pendingSocket);

  const exports = new Map<string, number>();
  for (const name of socketType.exports.keys()) {
    const alias = graph.aliasExport(socketNode, name);
    add(alias, {
      kind: 'alias',
      instance: planIds.get(socketNode) as number,
      export: name,
      shape: socketShape.exports.get(name) ?? { kind: 'instance' },
      span: NO_SPAN,
    });
    graph.export(alias, name);
    exports.set(name, planIds.get(alias) as number);
  }
  const names = new Map<number, string>();
  for (const [graphId, planId] of planIds) {
    const n = graph.node(graphId);
    if (n.kind === 'instance') names.set(planId, n.name);
  }
  return { plan: { package: { name: 'root:component' }, nodes, names, exports, packages }, graph };
}

/** `wac plug`: the composed component's bytes (validated unless `validate: false`). */
export async function plug(socket: Uint8Array, plugs: Uint8Array[], options: PlugOptions = {}): Promise<Uint8Array> {
  const { plan } = planPlug(socket, plugs);
  // TODO(issue #5): encode through component-binary's `encodeGraph` once it lands (plugs or sockets with imports left to the host).
  const bytes = encodeClosedPlan(plan);
  if (options.validate !== false) await validateComponent(bytes);
  return bytes;
}

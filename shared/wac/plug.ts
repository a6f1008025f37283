/**
 * `wac plug` semantics: the socket is instantiated; every export of each plug
 * that matches a socket import, by name or a semver-compatible name, and whose
 * type fits that import, is wired in (the plug is instantiated only if one of
 * its exports is used); the socket's exports are re-exported, and imports
 * left unsatisfied become imports of the result. A plug run in which nothing
 * was plugged is an error.
 */
import { isSubtype } from '../component/subtype.ts';
import { validateComponent } from '../component/validate.ts';
import type { ValidationCache } from '../component/validation-cache.ts';
import { FlotillaError } from '../errors.ts';
import { encodeGraphSync, linkDependencies } from './encode.ts';
import { GraphError } from './errors.ts';
import { CompositionGraph, type NodeId } from './graph.ts';
import { semverKey } from './semver.ts';

export interface PlugOptions {
  /** Validate the composed component (default true); `'transpile'` also transpiles it with jco. */
  validate?: boolean | 'transpile';
  /** What was validated before (a compose passes its store's). */
  validationCache?: ValidationCache;
  /** Import the packages as components instead of embedding them. */
  importDependencies?: boolean;
  /** Package names of the plugs (for the component-name section; default `plug`, `plug1` …). */
  names?: string[];
}

/** Plugging failed: nothing matched (`WAC_NO_PLUG`) or the graph refused a wiring (`WAC_PLUG`). */
export class PlugError extends FlotillaError {}

/** Wires the plugs into the socket in a composition graph (type checked as it is built). */
export function plugGraph(socket: Uint8Array, plugs: Uint8Array[], names?: string[]): CompositionGraph {
  const graph = new CompositionGraph();
  const register = (name: string, bytes: Uint8Array) => {
    try {
      return graph.registerPackage({ name, bytes });
    } catch (err) {
      if (err instanceof FlotillaError)
        throw new PlugError('WAC_PLUG', `${name} is not a usable component: ${err.message}`, { cause: err });
      throw err;
    }
  };
  const socketId = register('socket', socket);
  const plugIds = plugs.map((bytes, i) => register(names?.[i] ?? (plugs.length === 1 ? 'plug' : `plug${i + 1}`), bytes));
  const socketType = graph.getPackage(socketId).type;
  const socketNode = graph.instantiate(socketId, 'socket');
  let plugged = 0;

  for (const plugId of plugIds) {
    const plugPkg = graph.getPackage(plugId);
    let plugNode: NodeId | undefined;
    for (const [exportName, exportType] of plugPkg.type.exports) {
      let socketName: string | undefined = socketType.imports.has(exportName) ? exportName : undefined;
      if (socketName === undefined) {
        const key = semverKey(exportName);
        socketName = [...socketType.imports.keys()].find((n) => semverKey(n) === key);
      }
      const wanted = socketName === undefined ? undefined : socketType.imports.get(socketName);
      if (socketName === undefined || wanted === undefined || !isSubtype(exportType, wanted)) continue;
      plugNode ??= graph.instantiate(plugId, plugPkg.name);
      try {
        graph.setArgument(socketNode, socketName, graph.aliasExport(plugNode, exportName));
        plugged++;
      } catch (err) {
        if (err instanceof GraphError) {
          throw new PlugError('WAC_PLUG', `cannot plug \`${exportName}\` of ${plugPkg.name} into the socket: ${err.message}`, {
            cause: err,
          });
        }
        throw err;
      }
    }
  }
  if (plugged === 0) {
    throw new PlugError('WAC_NO_PLUG', 'the socket component had no matching imports for the plugs that were provided');
  }
  for (const name of socketType.exports.keys()) graph.export(graph.aliasExport(socketNode, name), name);
  return graph;
}

/** `wac plug`: the composed component's bytes (validated unless `validate: false`). */
export async function plug(socket: Uint8Array, plugs: Uint8Array[], options: PlugOptions = {}): Promise<Uint8Array> {
  const graph = plugGraph(socket, plugs, options.names);
  const bytes = encodeGraphSync(graph, { importDependencies: options.importDependencies === true });
  if (options.validate !== false) {
    await validateComponent(options.importDependencies === true ? linkDependencies(graph, bytes) : bytes, {
      level: options.validate === 'transpile' ? 'transpile' : 'model',
      ...(options.validationCache !== undefined ? { cache: options.validationCache } : {}),
    });
  }
  return bytes;
}

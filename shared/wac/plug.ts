/**
 * `wac plug` semantics: the socket is instantiated; every export of each plug
 * that matches a socket import, by name or a semver-compatible name, and whose
 * type fits that import, is wired in (the plug is instantiated only if one of
 * its exports is used); the socket's exports are re-exported, and imports
 * left unsatisfied become imports of the result. A plug run in which nothing
 * was plugged is an error.
 */
import { checkSubtype, TypeMismatchError } from '../component/subtype.ts';
import type { ExternT } from '../component/types.ts';
import { validateComponent } from '../component/validate.ts';
import type { ValidationCache } from '../component/validation-cache.ts';
import { FlotillaError } from '../errors.ts';
import { encodeGraphSync, linkDependencies, packageTypes } from './encode.ts';
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
  /**
   * When nothing plugs, say after wac's one line which socket imports and plug
   * exports were compared and why each did not match (compose's plug mode);
   * `labels` are what the message calls them (a spec's component names; not encoded).
   * Without it the message is wac's own line, word for word (`flotilla wac plug`).
   */
  explain?: boolean;
  labels?: { socket: string; plugs: string[] };
  /** Changes the built graph before it is encoded (instances: `socket`, and each plug under its package name). */
  transform?: (graph: CompositionGraph) => void;
}

/** Plugging failed: nothing matched (`WAC_NO_PLUG`) or the graph refused a wiring (`WAC_PLUG`). */
export class PlugError extends FlotillaError {}

/** The type mismatch of `actual` given for `expected`, as WAC mode prints it; undefined when it fits. */
function mismatch(actual: ExternT, expected: ExternT, name: string): string | undefined {
  try {
    checkSubtype(actual, expected, {}, [name]);
    return undefined;
  } catch (e) {
    if (e instanceof TypeMismatchError) return e.message;
    throw e;
  }
}

/** Without `@version`: `a:b/c@1.2.0` → `a:b/c`. */
function unversioned(name: string): string {
  const at = name.lastIndexOf('@');
  return at > 0 ? name.slice(0, at) : name;
}

/** Why no export of any plug was plugged: each socket import and each plug export compared, and why each pair did not match. */
function noMatchMessage(
  socketName: string,
  imports: ReadonlyMap<string, ExternT>,
  plugs: { name: string; exports: ReadonlyMap<string, ExternT> }[],
): string {
  const lines = [
    `the socket component had no matching imports for the plugs that were provided: nothing of ${plugs.map((p) => p.name).join(', ')} fits an import of ${socketName}`,
    `  ${socketName} imports: ${imports.size > 0 ? [...imports.keys()].map((n) => `\`${n}\``).join(', ') : '(nothing)'}`,
  ];
  for (const p of plugs) {
    lines.push(`  ${p.name} exports:${p.exports.size === 0 ? ' (nothing)' : ''}`);
    for (const [exportName, exportType] of p.exports) {
      const exact = imports.get(exportName);
      const compatible = [...imports.keys()].find((n) => n !== exportName && semverKey(n) === semverKey(exportName));
      const sameInterface = [...imports.keys()].filter(
        (n) => unversioned(n) === unversioned(exportName) && n !== exportName && n !== compatible,
      );
      let why: string;
      if (exact !== undefined) why = `imported by that name, but ${mismatch(exportType, exact, exportName) ?? 'its type does not fit'}`;
      else if (compatible !== undefined)
        why = `semver-compatible with the import \`${compatible}\`, but ${mismatch(exportType, imports.get(compatible) as ExternT, compatible) ?? 'its type does not fit'}`;
      else if (sameInterface.length > 0)
        why = `the socket imports ${sameInterface.map((n) => `\`${n}\``).join(', ')}: another version, not semver-compatible with ${exportName.slice(exportName.lastIndexOf('@') + 1)}`;
      else why = 'no import of that name (nor a semver-compatible version of it)';
      lines.push(`    - \`${exportName}\`: ${why}`);
    }
  }
  return lines.join('\n');
}

/** Wires the plugs into the socket in a composition graph (type checked as it is built). */
export function plugGraph(
  socket: Uint8Array,
  plugs: Uint8Array[],
  names?: string[],
  explain?: Pick<PlugOptions, 'explain' | 'labels'>,
): CompositionGraph {
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
      if (socketName === undefined || wanted === undefined || mismatch(exportType, wanted, socketName) !== undefined) continue;
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
    if (!explain?.explain)
      throw new PlugError('WAC_NO_PLUG', 'the socket component had no matching imports for the plugs that were provided');
    const labels = explain.labels;
    const plugInfo = plugIds.map((id, i) => ({
      name: labels?.plugs[i] ?? graph.getPackage(id).name,
      exports: graph.getPackage(id).type.exports,
    }));
    throw new PlugError('WAC_NO_PLUG', noMatchMessage(labels?.socket ?? 'socket', socketType.imports, plugInfo));
  }
  for (const name of socketType.exports.keys()) graph.export(graph.aliasExport(socketNode, name), name);
  return graph;
}

/** `wac plug`: the composed component's bytes (validated unless `validate: false`). */
export async function plug(socket: Uint8Array, plugs: Uint8Array[], options: PlugOptions = {}): Promise<Uint8Array> {
  const graph = plugGraph(socket, plugs, options.names, options);
  options.transform?.(graph);
  const bytes = encodeGraphSync(graph, { importDependencies: options.importDependencies === true });
  if (options.validate !== false) {
    await validateComponent(options.importDependencies === true ? linkDependencies(graph, bytes) : bytes, {
      level: options.validate === 'transpile' ? 'transpile' : 'model',
      cache: options.validationCache,
      ...(options.validationCache !== undefined ? { nestedType: packageTypes(graph) } : {}),
    });
  }
  return bytes;
}

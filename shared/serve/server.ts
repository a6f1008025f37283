// Serves a wasi:http/incoming-handler component on Node: jco transpiles it,
// preview2-shim provides WASI and runs the HTTP server (as `jco serve` does),
// and the caller may satisfy the component's other imports (e.g. the services
// a gateway imports) with the exports of other instances.
import { describeWasm } from '../component/describe.ts';
import { FlotillaError } from '../errors.ts';
import { type ImportObject, type InstanceExports, transpileComponent } from './transpile.ts';
import { httpServerClass, type IncomingHandler, wasiImports } from './wasi.ts';

export class NotAnHttpComponentError extends FlotillaError {
  constructor(source: string, exports: string[]) {
    super(
      'NOT_HTTP_COMPONENT',
      `${source} does not export wasi:http/incoming-handler (it exports: ${exports.length > 0 ? exports.join(', ') : 'nothing'}); ` +
        'serve runs HTTP components only: build or compose one whose world exports wasi:http/incoming-handler@0.2.x',
    );
  }
}

export class ServeError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('SERVE_FAILED', message, options);
  }
}

export interface ServeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Imports beyond WASI, by unversioned interface name (`ecommerce:platform/cart`). */
  imports?: ImportObject;
  /** Names the component in errors (a path). */
  source?: string;
  cacheDir?: string;
  /**
   * A fresh instance of the component for every request (what `wasmtime
   * serve` does). Components built with componentize-js (StarlingMonkey)
   * answer one request per instance and need it; the default keeps one
   * instance, so state (carts, counters) lives across requests.
   */
  instancePerRequest?: boolean;
}

export interface RunningServer {
  /** `http://<host>:<port>` */
  url: string;
  port: number;
  /** The component's exports, for tests that look inside. */
  instance: InstanceExports;
  close(): Promise<void>;
}

const HANDLER_EXPORT = /^wasi:http\/incoming-handler@0\.2\.\d+$/;

/** The export name of the component's HTTP handler, or an error saying it has none. */
export function httpHandlerExport(bytes: Uint8Array, source = 'the component'): string {
  const { kind, exports } = describeWasm(bytes);
  if (kind !== 'component') {
    throw new NotAnHttpComponentError(`${source} (a core module, not a component)`, exports);
  }
  const name = exports.find((e) => HANDLER_EXPORT.test(e));
  if (name === undefined) throw new NotAnHttpComponentError(source, exports);
  return name;
}

export async function startServer(componentBytes: Uint8Array, options: ServeOptions = {}): Promise<RunningServer> {
  const source = options.source ?? 'the component';
  httpHandlerExport(componentBytes, source);
  const component = await transpileComponent(componentBytes, options.cacheDir ? { cacheDir: options.cacheDir } : {});
  const imports = { ...(await wasiImports()), ...(options.imports ?? {}) };
  const instance = component.instantiate(imports);
  const first = instance.incomingHandler as unknown as IncomingHandler | undefined;
  if (typeof first?.handle !== 'function') throw new NotAnHttpComponentError(source, Object.keys(instance));
  let spare: IncomingHandler | undefined = first;
  const handler: IncomingHandler = options.instancePerRequest
    ? {
        handle(request, responseOut) {
          const h = spare ?? (component.instantiate(imports).incomingHandler as unknown as IncomingHandler);
          spare = undefined;
          h.handle(request, responseOut);
        },
      }
    : first;
  const HTTPServer = await httpServerClass();
  const server = new HTTPServer(handler);
  const host = options.host ?? '127.0.0.1';
  try {
    server.listen(options.port ?? 0, host);
  } catch (err) {
    server.stop();
    const code = (err as { code?: string }).code;
    const hint = code === 'EADDRINUSE' ? `; port ${options.port} is taken: pick another with --port` : '';
    throw new ServeError(`cannot listen on ${host}:${options.port ?? 0}: ${err instanceof Error ? err.message : String(err)}${hint}`, {
      cause: err,
    });
  }
  const port = server.address()?.port;
  if (port === undefined) {
    server.stop();
    throw new ServeError(`the HTTP server on ${host} reported no port`);
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    instance,
    close: async () => server.stop(),
  };
}

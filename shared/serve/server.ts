// Serves a wasi:http/incoming-handler component on Node: jco transpiles it,
// preview2-shim provides WASI and runs the HTTP server (as `jco serve` does),
// and the caller may satisfy the component's other imports (e.g. the services
// a gateway imports) with the exports of other instances.
import { createServer } from 'node:net';
import { metadataShow } from '@bytecodealliance/jco';
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

export class UnsatisfiedImportsError extends FlotillaError {
  constructor(source: string, missing: string[]) {
    super(
      'UNSATISFIED_IMPORTS',
      `${source} imports ${missing.join(', ')}, which serve cannot provide (it provides WASI only): ` +
        'compose the component with what it imports first (flotilla compose), then serve the result',
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
  /** Where traps are reported (default: standard error). */
  onError?: (message: string) => void;
  /**
   * A fresh instance of the component for every request (what `wasmtime
   * serve` does). Components built with componentize-js (StarlingMonkey)
   * answer one request per instance and need it. Default: on for those
   * (found by their producers section), otherwise off: one instance serves
   * every request, so state (carts, counters) lives across requests.
   */
  instancePerRequest?: boolean;
}

export interface RunningServer {
  /** `http://<host>:<port>` */
  url: string;
  port: number;
  /** The component's exports, for tests that look inside. */
  instance: InstanceExports;
  /** Whether every request gets a fresh instance. */
  instancePerRequest: boolean;
  close(): Promise<void>;
}

interface HttpTypes {
  Fields: new () => unknown;
  OutgoingResponse: new (headers: unknown) => { setStatusCode(code: number): void; body(): unknown };
  OutgoingBody: { finish(body: unknown, trailers: undefined): void };
  ResponseOutparam: { set(out: unknown, response: { tag: 'ok'; val: unknown }): void };
}

/** Answers through the shim's wasi:http types, unless the component already answered. */
function respondWithError(imports: ImportObject, responseOut: unknown, status: number, text: string): void {
  const t = imports['wasi:http/types'] as unknown as HttpTypes;
  try {
    const response = new t.OutgoingResponse(new t.Fields());
    response.setStatusCode(status);
    const body = response.body() as { write(): { blockingWriteAndFlush(b: Uint8Array): void; [Symbol.dispose]?(): void } };
    t.ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
    const stream = body.write();
    stream.blockingWriteAndFlush(new TextEncoder().encode(text));
    stream[Symbol.dispose]?.();
    t.OutgoingBody.finish(body, undefined);
  } catch {
    // the component had set its response before trapping: that one stands
  }
}

function checkBindable(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      const hint = err.code === 'EADDRINUSE' ? `port ${port} is taken: pick another with --port` : err.message;
      reject(new ServeError(`cannot listen on ${host}:${port}: ${hint}`, { cause: err }));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
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

/**
 * Whether the component, or one nested in it, was built by ComponentizeJS
 * (StarlingMonkey), whose fetch event serves one request per instance.
 */
export async function builtByComponentizeJs(bytes: Uint8Array): Promise<boolean> {
  const entries = (await metadataShow(bytes)) as { producers: [string, [string, string][]][] }[];
  return entries.some((e) =>
    e.producers.some(([field, values]) => field === 'processed-by' && values.some(([tool]) => tool === 'ComponentizeJS')),
  );
}

/** Non-WASI imports of the component that `provided` (unversioned names) does not cover. */
export function unsatisfiedImports(bytes: Uint8Array, provided: string[]): string[] {
  const have = new Set(provided);
  return describeWasm(bytes).imports.filter((name) => !name.startsWith('wasi:') && !have.has(name.replace(/@[^@/]*$/, '')));
}

export async function startServer(componentBytes: Uint8Array, options: ServeOptions = {}): Promise<RunningServer> {
  const source = options.source ?? 'the component';
  httpHandlerExport(componentBytes, source);
  const missing = unsatisfiedImports(componentBytes, Object.keys(options.imports ?? {}));
  if (missing.length > 0) throw new UnsatisfiedImportsError(source, missing);
  const host = options.host ?? '127.0.0.1';
  const wanted = options.port ?? 0;
  // preview2-shim's server reports a failed listen with an unrelated TypeError:
  // find out first, with Node's own server, whether the address can be bound.
  await checkBindable(host, wanted);
  const component = await transpileComponent(componentBytes, options.cacheDir ? { cacheDir: options.cacheDir } : {});
  const imports = { ...(await wasiImports()), ...(options.imports ?? {}) };
  const instance = component.instantiate(imports);
  const first = instance.incomingHandler as unknown as IncomingHandler | undefined;
  if (typeof first?.handle !== 'function') throw new NotAnHttpComponentError(source, Object.keys(instance));
  const perRequest = options.instancePerRequest ?? (await builtByComponentizeJs(componentBytes));
  const log = options.onError ?? ((message: string) => process.stderr.write(`${message}\n`));
  const fresh = () => component.instantiate(imports).incomingHandler as unknown as IncomingHandler;
  let current: IncomingHandler | undefined = first;
  const handler: IncomingHandler = {
    handle(request, responseOut) {
      const h = current ?? fresh();
      // One request per instance: the next request gets a fresh one.
      if (perRequest) current = undefined;
      try {
        h.handle(request, responseOut);
      } catch (err) {
        // A trap must not take the server down. The trapped instance is not
        // entered again: later requests get a fresh one (its state is lost).
        const message = err instanceof Error ? err.message : String(err);
        current = undefined;
        log(`${source} trapped while handling a request: ${message}; later requests get a fresh instance`);
        respondWithError(imports, responseOut, 500, `the component trapped: ${message}\n`);
      }
    },
  };
  const HTTPServer = await httpServerClass();
  const server = new HTTPServer(handler);
  let port: number | undefined;
  try {
    server.listen(wanted, host);
    port = server.address()?.port;
  } catch (err) {
    throw new ServeError(`cannot listen on ${host}:${wanted}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (port === undefined) {
    server.stop();
    throw new ServeError(`the HTTP server on ${host} reported no port`);
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    instance,
    instancePerRequest: perRequest,
    close: async () => server.stop(),
  };
}

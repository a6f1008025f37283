// The WASI host jco's output runs on: @bytecodealliance/preview2-shim, loaded
// from where jco resolves it (npm keeps it nested under jco), so that the
// shim instance the component talks to and the HTTP server are one.
import type { ImportObject } from './transpile.ts';

async function importShim<T>(subpath: string): Promise<T> {
  const { createRequire } = await import('node:module');
  // jco's entry, resolved from here (a path: the CLI bundle is CommonJS, without import.meta.resolve)
  const jcoEntry = createRequire(import.meta.url).resolve('@bytecodealliance/jco');
  const require = createRequire(jcoEntry);
  const { pathToFileURL } = await import('node:url');
  return (await import(pathToFileURL(require.resolve(`@bytecodealliance/preview2-shim/${subpath}`)).href)) as T;
}

export interface IncomingHandler {
  handle(request: unknown, responseOut: unknown): void;
}

export interface ShimHttpServer {
  listen(port: number, host: string): void;
  address(): { port: number; address?: string } | undefined;
  stop(): void;
}

interface InstantiationModule {
  WASIShim: new () => { getImportObject(): ImportObject };
}

interface HttpModule {
  HTTPServer: new (handler: IncomingHandler) => ShimHttpServer;
}

/** The WASI 0.2 imports (cli, clocks, filesystem with no preopens, io, random, sockets, http), by unversioned name. */
export async function wasiImports(): Promise<ImportObject> {
  const { WASIShim } = await importShim<InstantiationModule>('instantiation');
  return new WASIShim().getImportObject();
}

export async function httpServerClass(): Promise<HttpModule['HTTPServer']> {
  return (await importShim<HttpModule>('http')).HTTPServer;
}

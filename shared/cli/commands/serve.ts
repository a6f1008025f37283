import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FlotillaError, UsageError } from '../../errors.ts';
import { type Command, EXIT_OK } from '../command.ts';

export class ComponentFileError extends FlotillaError {
  constructor(path: string, cause: unknown) {
    const code = (cause as { code?: string }).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : String(cause);
    super('COMPONENT_UNREADABLE', `cannot read the component ${path}: ${what}`, { cause });
  }
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return 8080;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port expects a port number from 0 to 65535, got '${value}'`);
  return port;
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopped(): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      done(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

export const serve: Command = {
  name: 'serve',
  summary: 'run a wasi:http/incoming-handler component on Node until stopped',
  args: '<component.wasm>',
  positionals: [1, 1],
  options: {
    port: { type: 'string', short: 'p', valueName: 'port', description: 'port to listen on (default 8080; 0 picks a free one)' },
    host: { type: 'string', valueName: 'host', description: 'address to listen on (default 127.0.0.1)' },
    'instance-per-request': {
      type: 'boolean',
      description:
        'a fresh instance for every request, as wasmtime serve does (default: on for componentize-js components, which need it; --no-instance-per-request to share one)',
    },
  },
  async run(ctx) {
    const file = resolve(ctx.cwd, ctx.positionals[0] as string);
    const port = parsePort(ctx.values.port as string | undefined);
    const host = (ctx.values.host as string | undefined) ?? '127.0.0.1';
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new ComponentFileError(file, err);
    }
    // jco (transpile) is loaded only when serving: every other command starts without it
    const { startServer } = await import('../../serve/server.ts');
    const server = await startServer(bytes, {
      port,
      host,
      source: file,
      instancePerRequest: ctx.values['instance-per-request'] as boolean | undefined,
      onError: (message) => ctx.stderr.write(`${message}\n`),
    });
    const mode = server.instancePerRequest ? 'a fresh instance per request' : 'one instance for every request';
    ctx.stdout.write(`Serving ${file} at ${server.url} with ${mode} (Ctrl-C to stop)\n`);
    const signal = await untilStopped();
    await server.close();
    ctx.stderr.write(`Stopped (${signal}).\n`);
    return EXIT_OK;
  },
};

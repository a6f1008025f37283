import { UsageError } from '../../errors.ts';
import { type Command, EXIT_OK, registryOptions } from '../command.ts';

function parsePort(value: string | undefined): number {
  if (value === undefined) return 8080;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--port expects a port number from 0 to 65535, got '${value}'`);
  return port;
}

function parseSeconds(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new UsageError(`${flag} expects whole seconds from ${min} to ${max}, got '${value}'`);
  return n;
}

function parseBytes(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1024 || n > 4 * 1024 ** 3) {
    throw new UsageError(`--max-component-bytes expects a byte count from 1024 to 4294967296, got '${value}'`);
  }
  return n;
}

/** A URL without its user and password (an OTLP endpoint may carry them). */
function redactUrl(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.href;
}

/** Resolves on the first SIGINT or SIGTERM; SIGHUP meanwhile calls `onHangup`. */
function untilStopped(onHangup: () => void): Promise<string> {
  return new Promise((done) => {
    const stop = (signal: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHangup);
      done(signal);
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    process.on('SIGHUP', onHangup);
  });
}

export const serve: Command = {
  name: 'serve',
  summary: 'run a wasi:http/incoming-handler component on Node, from a file or following a tag, until stopped',
  args: '[<component.wasm>]',
  positionals: [0, 1],
  options: {
    follow: {
      type: 'string',
      valueName: 'ref',
      description:
        'serve what this tag points at (host/repo:tag or oci:<dir>:tag), checked every --poll seconds and on SIGHUP; a new digest is pulled and prepared in the background, then switched to',
    },
    poll: { type: 'string', valueName: 'seconds', description: 'how often --follow checks the tag (default 30; 1 to 86400)' },
    'prepare-timeout': {
      type: 'string',
      valueName: 'seconds',
      description: 'give up preparing a new digest after this long; it is not switched to (default 300)',
    },
    'max-component-bytes': {
      type: 'string',
      valueName: 'bytes',
      description: 'largest component layer --follow pulls (default 268435456)',
    },
    admin: {
      type: 'string',
      valueName: 'host:port',
      description: 'admin listener: /metrics (Prometheus), /healthz, /version (e.g. 127.0.0.1:9090; none by default)',
    },
    route: {
      type: 'string',
      multiple: true,
      valueName: 'pattern',
      description: "a route for the metrics' route label, as in /products/:id or /static/* (default: the first path segment)",
    },
    port: { type: 'string', short: 'p', valueName: 'port', description: 'port to listen on (default 8080; 0 picks a free one)' },
    host: { type: 'string', valueName: 'host', description: 'address to listen on (default 127.0.0.1)' },
    'instance-per-request': {
      type: 'boolean',
      description:
        'a fresh instance for every request, as wasmtime serve does (default: on for componentize-js components, which need it; --no-instance-per-request to share one)',
    },
    explain: {
      type: 'string',
      valueName: 'path',
      description:
        'print a Mermaid sequence diagram of the first request to this path (or route pattern, as in /checkout/:user) on standard output: the component calls it made (compose with observability: true)',
    },
    'log-requests': { type: 'boolean', description: 'one JSON log line per request on standard error (default; --no-log-requests)' },
    ...registryOptions,
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    const follow = ctx.values.follow as string | undefined;
    if ((file === undefined) === (follow === undefined)) {
      throw new UsageError('serve needs a component file or --follow <ref> (one of them)');
    }
    if (follow === undefined && ctx.values.poll !== undefined) throw new UsageError('--poll goes with --follow');
    const port = parsePort(ctx.values.port as string | undefined);
    const host = (ctx.values.host as string | undefined) ?? '127.0.0.1';
    const pollSeconds = parseSeconds('--poll', ctx.values.poll as string | undefined, 1, 86_400);
    const prepareTimeoutSeconds = parseSeconds('--prepare-timeout', ctx.values['prepare-timeout'] as string | undefined, 1, 3600);
    const maxComponentBytes = parseBytes(ctx.values['max-component-bytes'] as string | undefined);
    // jco (transpile) is loaded only when serving: every other command starts without it
    const [{ parseListenAddress }, { parseRoutePattern }, { jsonLogger }, { startServing }, { version }] = await Promise.all([
      import('../../serve/admin.ts'),
      import('../../serve/routes.ts'),
      import('../../serve/log.ts'),
      import('../../serve/serving.ts'),
      import('../version.ts'),
    ]);
    const admin = typeof ctx.values.admin === 'string' ? parseListenAddress(ctx.values.admin) : undefined;
    const routes = (ctx.values.route as string[] | undefined) ?? [];
    for (const r of routes) parseRoutePattern(r);
    const explain = ctx.values.explain as string | undefined;
    if (explain !== undefined) parseRoutePattern(explain);
    const logger = jsonLogger((line) => ctx.stderr.write(line));
    const serving = await startServing({
      file,
      follow,
      cwd: ctx.cwd,
      env: ctx.env,
      ...(typeof ctx.values.registries === 'string' ? { registries: ctx.values.registries } : {}),
      pollSeconds,
      prepareTimeoutSeconds,
      maxComponentBytes,
      port,
      host,
      admin,
      ...(routes.length > 0 ? { routes } : {}),
      ...(typeof ctx.values['instance-per-request'] === 'boolean' ? { instancePerRequest: ctx.values['instance-per-request'] } : {}),
      logRequests: ctx.values['log-requests'] !== false,
      logger,
      version,
      ...(explain !== undefined
        ? {
            explain: {
              path: explain,
              write: (diagram: string) => ctx.stdout.write(`Explain ${explain}:\n\n\`\`\`mermaid\n${diagram}\`\`\`\n`),
            },
          }
        : {}),
    });
    const s = serving.server.serving();
    const mode = s.instancePerRequest ? 'a fresh instance per request' : 'one instance for every request';
    ctx.stdout.write(`Serving ${s.source} at ${serving.url} with ${mode} (Ctrl-C to stop)\n`);
    if (follow !== undefined) {
      const status = serving.follower.status();
      ctx.stdout.write(
        status.tag === null
          ? `Pinned by digest: ${status.reference} (nothing to follow)\n`
          : `Following ${status.reference} every ${status.poll_seconds} s (SIGHUP checks now)\n`,
      );
    }
    if (serving.admin) ctx.stdout.write(`Admin at ${serving.admin.url} (/metrics, /healthz, /version)\n`);
    if (serving.tracesUrl !== undefined) ctx.stdout.write(`Exporting traces to ${redactUrl(serving.tracesUrl)} (OTLP/HTTP JSON)\n`);
    if (explain !== undefined) ctx.stdout.write(`Waiting for a request to ${explain} to explain\n`);
    const signal = await untilStopped(() => {
      logger.info('SIGHUP: checking now', { reference: serving.reference.text });
      void serving.reload();
    });
    await serving.close();
    logger.info('stopped', { signal });
    return EXIT_OK;
  },
};

// The admin listener of serve, on its own address (`--admin 127.0.0.1:9090`),
// apart from the component's traffic so that it can be firewalled apart and
// scraped even when the component misbehaves:
//   GET /metrics  the Prometheus text exposition (metrics.ts)
//   GET /healthz  200 {"status":"ok",…} while a component is served, 503 once stopping
//   GET /version  the digest, tag and reference being served, as JSON
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { UsageError } from '../errors.ts';
import { errorFields, type Logger, silentLogger } from './log.ts';
import { CONTENT_TYPE, type MetricsRegistry, type ServedInstance } from './metrics.ts';
import { ServeError, type ServingInfo } from './server.ts';

export interface AdminAddress {
  host: string;
  port: number;
}

/**
 * Parses an admin address as Go servers (Prometheus' own --web.listen-address)
 * take it: `host:port`, `[v6]:port`, `:port` (every interface), or a bare
 * port (127.0.0.1).
 */
export function parseListenAddress(value: string, flag = '--admin'): AdminAddress {
  const bad = () => new UsageError(`${flag} expects host:port (as in 127.0.0.1:9090), [::1]:9090, :9090 or a port number, got '${value}'`);
  let host: string;
  let port: string;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(\d+)$/.exec(value);
  if (v6) [, host = '', port = ''] = v6;
  else if (/^\d+$/.test(value)) [host, port] = ['127.0.0.1', value];
  else {
    const i = value.lastIndexOf(':');
    if (i < 0 || value.slice(0, i).includes(':')) throw bad();
    host = value.slice(0, i) === '' ? '0.0.0.0' : value.slice(0, i);
    port = value.slice(i + 1);
  }
  const n = Number(port);
  if (!/^\d+$/.test(port) || n > 65535 || !/^[A-Za-z0-9.:-]+$/.test(host)) throw bad();
  return { host, port: n };
}

/** What the admin listener reports on. */
export interface AdminTarget {
  serving(): ServingInfo;
  instances(): ServedInstance[];
  /** Further fields of /version (the follower's state). */
  versionExtra?(): Record<string, unknown>;
}

export interface AdminOptions extends AdminAddress {
  metrics: MetricsRegistry;
  target: AdminTarget;
  logger?: Logger;
  /** The flotilla version for /version. */
  version?: string | undefined;
}

export interface AdminServer {
  /** `http://host:port` */
  url: string;
  port: number;
  /** Stops answering /healthz with 200 (the process is stopping), before close. */
  markStopping(): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string, head: boolean): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(head ? undefined : body);
}

function json(res: ServerResponse, status: number, value: unknown, head: boolean): void {
  send(res, status, 'application/json', `${JSON.stringify(value)}\n`, head);
}

export async function startAdmin(options: AdminOptions): Promise<AdminServer> {
  const logger = options.logger ?? silentLogger;
  let stopping = false;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      return json(res, 405, { error: 'method not allowed' }, false);
    }
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      const text = await options.metrics.render({ instances: options.target.instances() });
      return send(res, 200, CONTENT_TYPE, text, head);
    }
    if (path === '/healthz') {
      const s = options.target.serving();
      return json(res, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ok', digest: s.digest }, head);
    }
    if (path === '/version') {
      const s = options.target.serving();
      return json(
        res,
        200,
        {
          digest: s.digest,
          tag: s.tag ?? null,
          reference: s.reference ?? null,
          source: s.source,
          wasm_digest: s.wasmDigest,
          since: s.since,
          instance_per_request: s.instancePerRequest,
          ...(options.version !== undefined ? { flotilla: options.version } : {}),
          ...(options.target.versionExtra?.() ?? {}),
        },
        head,
      );
    }
    return json(res, 404, { error: 'not found', endpoints: ['/metrics', '/healthz', '/version'] }, head);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      logger.error('the admin listener failed to answer', { path: req.url, ...errorFields(err) });
      if (!res.headersSent) json(res, 500, { error: 'internal error' }, false);
      else res.destroy();
    });
  });
  // a scraper holds no connection open for long; a slow client is cut off
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const hint = err.code === 'EADDRINUSE' ? `port ${options.port} is taken: pick another with --admin` : err.message;
      reject(new ServeError(`the admin listener cannot listen on ${options.host}:${options.port}: ${hint}`, { cause: err }));
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const urlHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    markStopping() {
      stopping = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

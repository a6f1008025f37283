import { createServer, type IncomingMessage, type Server } from 'node:http';

/** One request a stand-in answered. */
export interface ServedRequest {
  method: string;
  /** Path and query as requested. */
  url: string;
  status: number;
}

export interface Reply {
  status: number;
  body: string | Uint8Array;
  contentType?: string;
}

export type Route = (req: IncomingMessage, body: Buffer, url: URL) => Promise<Reply | undefined>;

export interface HttpStandIn {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: ServedRequest[];
  close(): Promise<void>;
}

/** JSON reply. */
export function json(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value), contentType: 'application/json' };
}

/**
 * An HTTP server on 127.0.0.1 (a free port) that hands each request with its
 * whole body to `route`; `undefined` from the route is a 404. Every
 * request is recorded with the status it got.
 */
export async function startHttp(name: string, route: Route): Promise<HttpStandIn> {
  const requests: ServedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      route(req, Buffer.concat(chunks), url)
        .catch((err: unknown): Reply => json(500, { code: 500, message: `${name} stand-in failed: ${String(err)}` }))
        .then((reply) => {
          const r = reply ?? json(404, { code: 404, message: `${name} stand-in has no ${req.method} ${url.pathname}` });
          requests.push({ method: req.method ?? '', url: req.url ?? '', status: r.status });
          res.writeHead(r.status, { 'content-type': r.contentType ?? 'text/plain' });
          res.end(r.body);
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error(`${name} stand-in has no TCP address`);
  return {
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

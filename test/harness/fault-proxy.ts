import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { freePort } from './ports.ts';

/** What the proxy does to one request. */
export type Fault = 'drop' | 'drop-after' | '503' | '429' | 'truncate';

export interface FaultProxyOptions {
  /** The upstream, e.g. the harness registry's url (`http://127.0.0.1:<port>`). */
  target: string;
  /** Share of requests (0..1) that get a fault. */
  rate: number;
  /** Faults to draw from, evenly; default all. */
  faults?: Fault[];
  /** Seconds in the Retry-After of 429 answers. Default 1. */
  retryAfterSeconds?: number;
  /** Seed of the pseudo-random draw, for reproducible runs. */
  seed?: number;
  /** Which requests may get a fault (default: every one), e.g. only the PATCHes of uploads. */
  only?: (method: string, path: string) => boolean;
  /** Headers added to forwarded responses (e.g. OCI-Chunk-Min-Length on upload sessions). */
  addHeaders?: (method: string, path: string, status: number) => Record<string, string>;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`: the registry part of references through the proxy. */
  host: string;
  /** How many requests got each fault, and how many passed untouched. */
  counts: Record<Fault | 'pass', number>;
  /** Turns faults on or off (e.g. off to check the result). */
  setRate(rate: number): void;
  stop(): Promise<void>;
}

/** mulberry32: a small seeded generator. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An HTTP proxy for tests, in front of a real registry: on a share of
 * requests it drops the connection before forwarding, drops it after the
 * registry handled the request (the answer is lost), answers 503, answers
 * 429 with Retry-After, or forwards and cuts the response body half-way.
 * The Host header is forwarded as is, so the registry's Location headers
 * keep pointing at the proxy.
 */
export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(opts.target);
  const faults: Fault[] = opts.faults ?? ['drop', 'drop-after', '503', '429', 'truncate'];
  const random = seeded(opts.seed ?? 42);
  let rate = opts.rate;
  const counts: Record<Fault | 'pass', number> = { drop: 0, 'drop-after': 0, '503': 0, '429': 0, truncate: 0, pass: 0 };
  const sockets = new Set<Socket>();

  function forward(req: IncomingMessage, res: ServerResponse, fault: Fault | 'pass'): void {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        if (fault === 'drop-after') {
          up.resume();
          up.on('end', () => req.socket.destroy());
          return;
        }
        const extra = opts.addHeaders?.(req.method ?? '', req.url ?? '', up.statusCode ?? 502) ?? {};
        const headers = [...up.rawHeaders];
        for (const [k, v] of Object.entries(extra)) headers.push(k, v);
        res.writeHead(up.statusCode ?? 502, headers);
        if (fault !== 'truncate') {
          up.pipe(res);
          return;
        }
        const length = Number(up.headers['content-length'] ?? 0);
        const keep = Math.floor(length / 2);
        let sent = 0;
        up.on('data', (chunk: Buffer) => {
          if (sent >= keep) return;
          const part = chunk.subarray(0, keep - sent);
          sent += part.length;
          res.write(part);
        });
        up.on('end', () => {
          // headers promised `length` bytes: cut the connection short of them
          res.socket?.destroy();
        });
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  }

  const server: Server = createServer((req, res) => {
    const eligible = opts.only ? opts.only(req.method ?? '', req.url ?? '') : true;
    const fault: Fault | 'pass' = eligible && random() < rate ? (faults[Math.floor(random() * faults.length)] ?? 'drop') : 'pass';
    counts[fault]++;
    switch (fault) {
      case 'drop':
        req.socket.destroy();
        return;
      case '503':
        req.resume();
        res.writeHead(503, { 'content-type': 'application/json', connection: 'close' });
        res.end('{"errors":[{"code":"UNAVAILABLE","message":"fault proxy"}]}');
        return;
      case '429':
        req.resume();
        res.writeHead(429, { 'retry-after': String(opts.retryAfterSeconds ?? 1), 'content-type': 'application/json', connection: 'close' });
        res.end('{"errors":[{"code":"TOOMANYREQUESTS","message":"fault proxy"}]}');
        return;
      default:
        forward(req, res, fault);
    }
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    counts,
    setRate: (r) => {
      rate = r;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

import type { IncomingMessage, ClientRequest as NodeClientRequest } from 'node:http';
import { createRequire } from 'node:module';
import type { ReadableStreamReadResult, StreamPipeOptions } from 'node:stream/web';
import { TransportError } from './errors.ts';
import { causeText, DEFAULT_TIMEOUT_MS, type HttpRequest, type Transport } from './transport.ts';

/**
 * A base Transport on `node:http` and `node:https` with keep-alive agents,
 * for the CLI: the same contract as `fetchTransport` (a timeout until the
 * headers and between two body chunks, redirects followed by hand when asked
 * and without `Authorization` once the origin changes, https never
 * downgraded, failures as TransportError), without loading Node's fetch
 * (undici), which costs a short-lived process 60-80 ms here.
 *
 * The answer has the part of `Response` the registry client uses: `status`,
 * `statusText`, `headers.get()` and `body` (null for HEAD, 204 and 304;
 * otherwise a NodeResponseBody: a ReadableStream to the client, built on
 * Node's stream until something needs a real one).
 */

const MAX_REDIRECTS = 5;

// `require`, not `import`: an ES import of node:http reads every export of the
// module, its lazy WebSocket getter included, which loads undici (20-40 ms)
const require = createRequire(import.meta.url);
type HttpModule = typeof import('node:http');
type HttpsModule = typeof import('node:https');

/** The members of `Response` the registry client reads. */
interface ResponseLike {
  status: number;
  statusText: string;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
}

function headersOf(res: IncomingMessage): ResponseLike['headers'] {
  return {
    get(name: string): string | null {
      const v = res.headers[name.toLowerCase()];
      if (v === undefined) return null;
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'authorization') out[k] = v;
  return out;
}

/**
 * The body of a response: what the registry client reads of a web
 * ReadableStream (`getReader()` and `cancel()`), served straight from Node's
 * stream without loading Node's web streams, which costs a short CLI run
 * 3-5 ms. Anything else (pipeThrough, pipeTo, tee, iteration) first turns it
 * into a real ReadableStream. A connection cut before the end of the body
 * becomes a TransportError either way.
 */
class NodeResponseBody {
  readonly #res: IncomingMessage;
  readonly #url: URL;
  readonly #method: string;
  #taken = false;
  #web: ReadableStream<Uint8Array> | undefined;

  constructor(res: IncomingMessage, url: URL, method: string) {
    this.#res = res;
    this.#url = url;
    this.#method = method;
  }

  get locked(): boolean {
    return this.#web ? this.#web.locked : this.#taken;
  }

  #failure(err: unknown): TransportError {
    const why =
      (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE'
        ? 'the connection closed before the end of the body'
        : causeText(err);
    return new TransportError(
      { registry: this.#url.host },
      `reading the response of ${this.#method} ${this.#url.pathname} failed: ${why}`,
      {
        cause: err,
      },
    );
  }

  getReader(): ReadableStreamDefaultReader<Uint8Array> {
    if (this.#web) return this.#web.getReader();
    if (this.#taken) throw new TypeError('the response body is already being read');
    this.#taken = true;
    const chunks = this.#res[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let closed = false;
    const reader = {
      read: async (): Promise<ReadableStreamReadResult<Uint8Array>> => {
        if (closed) return { done: true, value: undefined };
        try {
          const next = await chunks.next();
          if (next.done) {
            closed = true;
            return { done: true, value: undefined };
          }
          const b = next.value;
          return { done: false, value: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
        } catch (err) {
          closed = true;
          throw this.#failure(err);
        }
      },
      cancel: async (): Promise<void> => {
        closed = true;
        this.#res.destroy();
      },
      releaseLock: (): void => {},
      get closed(): Promise<undefined> {
        return Promise.resolve(undefined);
      },
    };
    return reader as unknown as ReadableStreamDefaultReader<Uint8Array>;
  }

  async cancel(): Promise<void> {
    if (this.#web) return this.#web.cancel();
    this.#taken = true;
    this.#res.destroy();
  }

  #toWeb(): ReadableStream<Uint8Array> {
    if (!this.#web) {
      if (this.#taken) throw new TypeError('the response body is already being read');
      this.#web = bodyStream(this.#res, (err) => this.#failure(err));
    }
    return this.#web;
  }

  pipeThrough<T>(transform: ReadableWritablePair<T, Uint8Array>, options?: StreamPipeOptions): ReadableStream<T> {
    return this.#toWeb().pipeThrough(transform, options);
  }

  pipeTo(destination: WritableStream<Uint8Array>, options?: StreamPipeOptions): Promise<void> {
    return this.#toWeb().pipeTo(destination, options);
  }

  tee(): [ReadableStream<Uint8Array>, ReadableStream<Uint8Array>] {
    return this.#toWeb().tee();
  }

  values(options?: { preventCancel?: boolean }): AsyncIterableIterator<Uint8Array> {
    return this.#toWeb().values(options) as AsyncIterableIterator<Uint8Array>;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this.values();
  }
}

/** The body as a real web stream that respects back-pressure (for the uses NodeResponseBody does not serve itself). */
function bodyStream(res: IncomingMessage, failure: (err: unknown) => TransportError): ReadableStream<Uint8Array> {
  let ended = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (err: unknown) => {
        if (ended) return;
        ended = true;
        controller.error(failure(err));
      };
      res.on('data', (chunk: Buffer) => {
        if (ended) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) res.pause();
      });
      res.on('end', () => {
        if (ended) return;
        ended = true;
        controller.close();
      });
      res.on('error', (err) => fail(err));
      res.on('close', () => fail(Object.assign(new Error('premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })));
    },
    pull() {
      res.resume();
    },
    cancel() {
      ended = true;
      res.destroy();
    },
  });
}

export interface HttpTransportOptions {
  timeoutMs?: number;
  /** Connections per registry host (default 16). */
  maxSockets?: number;
}

export function httpTransport(defaults: HttpTransportOptions = {}): Transport {
  const maxSockets = defaults.maxSockets ?? 16;
  // node:https (and TLS) loads on the first https request only
  let http: { mod: HttpModule; agent: InstanceType<HttpModule['Agent']> } | undefined;
  let https: { mod: HttpsModule; agent: InstanceType<HttpsModule['Agent']> } | undefined;
  const client = (secure: boolean) => {
    if (secure) {
      if (!https) {
        const mod = require('node:https') as HttpsModule;
        https = { mod, agent: new mod.Agent({ keepAlive: true, maxSockets }) };
      }
      return https;
    }
    if (!http) {
      const mod = require('node:http') as HttpModule;
      http = { mod, agent: new mod.Agent({ keepAlive: true, maxSockets }) };
    }
    return http;
  };

  const once = (method: string, url: URL, headers: Record<string, string>, body: Uint8Array | undefined, timeoutMs: number) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const { mod, agent } = client(url.protocol === 'https:');
      const hdrs: Record<string, string> = { ...headers };
      if (body !== undefined && !Object.keys(hdrs).some((k) => k.toLowerCase() === 'content-length')) {
        hdrs['content-length'] = String(body.byteLength);
      }
      let req: NodeClientRequest;
      try {
        req = mod.request(url, { method, headers: hdrs, agent }, resolve);
      } catch (err) {
        reject(err);
        return;
      }
      // socket inactivity: no answer, or no chunk of the body, for timeoutMs
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`no data within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });

  return async (req: HttpRequest) => {
    const timeoutMs = req.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let url = req.url;
    let headers = req.headers ?? {};
    let method: string = req.method;
    for (let hop = 0; ; hop++) {
      let res: IncomingMessage;
      try {
        res = await once(
          method,
          url,
          headers,
          req.body !== undefined && method !== 'GET' && method !== 'HEAD' ? req.body : undefined,
          timeoutMs,
        );
      } catch (err) {
        throw new TransportError({ registry: url.host }, `${method} ${url.pathname} failed: ${causeText(err)}`, { cause: err });
      }
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (req.followRedirects && status >= 300 && status < 400 && status !== 304 && location) {
        res.resume();
        if (hop >= MAX_REDIRECTS) {
          throw new TransportError({ registry: req.url.host, status }, `more than ${MAX_REDIRECTS} redirects for ${req.url.pathname}`);
        }
        const next = new URL(location, url);
        if (next.protocol !== 'https:' && next.protocol !== 'http:') {
          throw new TransportError({ registry: req.url.host, status }, `redirect to an unsupported scheme ${next.protocol}`);
        }
        if (url.protocol === 'https:' && next.protocol === 'http:') {
          throw new TransportError({ registry: req.url.host, status }, 'redirect from https to plain http refused');
        }
        if (next.origin !== url.origin) headers = withoutAuthorization(headers);
        if (status === 303) method = 'GET';
        url = next;
        continue;
      }
      const noBody = method === 'HEAD' || status === 204 || status === 304;
      if (noBody) res.resume();
      const answer: ResponseLike = {
        status,
        statusText: res.statusMessage ?? '',
        headers: headersOf(res),
        body: noBody ? null : (new NodeResponseBody(res, url, method) as unknown as ReadableStream<Uint8Array>),
      };
      return answer as unknown as Response;
    }
  };
}

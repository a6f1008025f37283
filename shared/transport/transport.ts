import { TransportError } from './errors.ts';
import { discard } from './http.ts';
import { CrossOriginAuthError, handedUrl } from './origin.ts';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One HTTP request of the registry client. Bodies are whole buffers, so a layer may resend them. */
export interface HttpRequest {
  method: HttpMethod;
  url: URL;
  headers?: Record<string, string>;
  body?: Uint8Array;
  /**
   * Safe to send again as is after a failure (GET, HEAD, a manifest PUT, the
   * POST that opens an upload session). Defaults to true for GET/HEAD/DELETE
   * only; the steps of an upload are never resent alone.
   */
  idempotent?: boolean;
  /** Registry scopes the request needs (`repository:a/b:pull`), for the auth layer. */
  scopes?: readonly string[];
  /** Follow redirects (blob GETs); Authorization is dropped when the origin changes. */
  followRedirects?: boolean;
  /** Milliseconds until the response headers, and between two chunks of the body. */
  timeoutMs?: number;
  /** Milliseconds for the whole body, from the headers to its last byte (default DEFAULT_BODY_DEADLINE_MS). */
  deadlineMs?: number;
}

/** A layer of the client: the base fetch, retries, authentication. */
export type Transport = (req: HttpRequest) => Promise<Response>;

export const DEFAULT_TIMEOUT_MS = 30_000;
/** The whole body of a response that sets no deadline of its own. */
export const DEFAULT_BODY_DEADLINE_MS = 120_000;
const MAX_REDIRECTS = 5;

export function isIdempotent(req: HttpRequest): boolean {
  return req.idempotent ?? (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE');
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'authorization') out[k] = v;
  return out;
}

/**
 * Wraps a body so that it errors when no chunk arrives for `ms`, or when the
 * whole body takes longer than `deadlineMs`: a stalled registry, or one that
 * sends a byte now and then, cannot hold a read forever.
 */
function boundedBody(
  body: ReadableStream<Uint8Array>,
  ms: number,
  deadlineMs: number,
  abort: AbortController,
  url: URL,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const deadline = setTimeout(
    () =>
      abort.abort(
        new Error(`the response took longer than ${deadlineMs} ms as a whole (the overall deadline); the registry is too slow or stalled`),
      ),
    deadlineMs,
  );
  deadline.unref?.();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const timer = setTimeout(() => abort.abort(new Error(`no data from ${url.host} for ${ms} ms`)), ms);
      try {
        const { done, value } = await reader.read();
        if (done) {
          clearTimeout(deadline);
          controller.close();
        } else controller.enqueue(value);
      } catch (err) {
        clearTimeout(deadline);
        const why = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason.message : causeText(err);
        controller.error(
          new TransportError({ registry: url.host }, `reading the response of ${url.pathname} failed: ${why}`, { cause: err }),
        );
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      clearTimeout(deadline);
      return reader.cancel(reason);
    },
  });
}

export function causeText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? `: ${(cause as NodeJS.ErrnoException).code ?? cause.message}` : '';
  return `${err.message}${inner}`;
}

/**
 * The base transport: Node's fetch (undici, keep-alive connections reused
 * across requests), a timeout on every request, redirects followed by hand
 * for requests that ask for it, without `Authorization` once the origin
 * changes. Connection failures become TransportError.
 */
export function fetchTransport(defaults: { timeoutMs?: number; deadlineMs?: number } = {}): Transport {
  return async (req) => {
    const timeoutMs = req.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let url = req.url;
    let headers = req.headers ?? {};
    let method = req.method;
    for (let hop = 0; ; hop++) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers,
          ...(req.body !== undefined && method !== 'GET' && method !== 'HEAD' ? { body: req.body } : {}),
          redirect: 'manual',
          signal: abort.signal,
        });
      } catch (err) {
        const why = abort.signal.aborted ? String((abort.signal.reason as Error)?.message ?? 'timed out') : causeText(err);
        throw new TransportError({ registry: url.host }, `${method} ${url.pathname} failed: ${why}`, { cause: err });
      } finally {
        clearTimeout(timer);
      }
      const location = res.headers.get('location');
      if (req.followRedirects && res.status >= 300 && res.status < 400 && res.status !== 304 && location) {
        await discard(res);
        if (hop >= MAX_REDIRECTS) {
          throw new TransportError(
            { registry: req.url.host, status: res.status },
            `more than ${MAX_REDIRECTS} redirects for ${req.url.pathname}`,
          );
        }
        const next = handedUrl(
          location,
          url,
          req.url,
          { registry: req.url.host, status: res.status },
          `the redirect of ${req.url.pathname}`,
        );
        if (next.origin !== url.origin) headers = withoutAuthorization(headers);
        if (res.status === 303) method = 'GET';
        url = next;
        continue;
      }
      if (res.status === 401 && url.origin !== req.url.origin) {
        await discard(res);
        throw new CrossOriginAuthError(
          { registry: req.url.host, status: 401 },
          `the redirect of ${req.url.pathname}`,
          url.origin,
          `the registry's credentials are not sent where it redirects; ask the operator of ${req.url.host} to redirect to URLs that need no authentication (signed URLs)`,
        );
      }
      if (!res.body) return res;
      const empty = method === 'HEAD' || res.status === 204 || res.status === 304;
      if (empty) await discard(res);
      const body = empty
        ? null
        : boundedBody(res.body, timeoutMs, req.deadlineMs ?? defaults.deadlineMs ?? DEFAULT_BODY_DEADLINE_MS, abort, url);
      return new Response(body, {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    }
  };
}

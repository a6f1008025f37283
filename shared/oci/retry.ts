import { TransportError } from '../transport/errors.ts';
import { type HttpRequest, isIdempotent, type Transport } from '../transport/transport.ts';

/** How often and how long to retry. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the first retry, milliseconds; doubles each time. */
  baseDelayMs: number;
  /** No delay longer than this (Retry-After included). */
  maxDelayMs: number;
  /** 0..1: share of each delay drawn at random ("full jitter" on that share). */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 10_000, jitter: 0.5 };

/** Statuses worth a retry: too many requests, and the server errors that say "try again". */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Errors worth a retry: connection failures and timeouts. */
export function isRetryableError(err: unknown): boolean {
  return err instanceof TransportError;
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date; undefined
 * when absent or unreadable. Never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (v === '' || /^[\d.+-]+$/.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Delay before retry number `retry` (1 for the first retry): exponential
 * from `baseDelayMs`, capped at `maxDelayMs`, with jitter taking away up to
 * `jitter` of it; a Retry-After wins when given (also capped).
 */
export function backoffDelay(policy: RetryPolicy, retry: number, retryAfterMs?: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(exp * (1 - policy.jitter * random()));
}

export interface RetryOptions {
  policy?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each retry (for logs and tests). */
  onRetry?: (info: { req: HttpRequest; attempt: number; delayMs: number; reason: string }) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * The retry layer. Resends an idempotent request after a connection error,
 * a timeout, 429 (honouring Retry-After) or a 5xx, with exponential backoff
 * and jitter. A request that is not idempotent (a step of an upload) is
 * never resent: its caller restarts the whole operation from a fresh session.
 */
export function withRetry(next: Transport, opts: RetryOptions = {}): Transport {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.policy };
  const sleep = opts.sleep ?? defaultSleep;
  return async (req) => {
    if (!isIdempotent(req)) return next(req);
    for (let attempt = 1; ; attempt++) {
      let res: Response | undefined;
      let error: unknown;
      try {
        res = await next(req);
      } catch (err) {
        if (!isRetryableError(err) || attempt >= policy.attempts) throw err;
        error = err;
      }
      if (res && (!isRetryableStatus(res.status) || attempt >= policy.attempts)) return res;
      const retryAfter = res ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
      if (res) await res.body?.cancel().catch(() => {});
      const delayMs = backoffDelay(policy, attempt, retryAfter, opts.random);
      opts.onRetry?.({ req, attempt, delayMs, reason: res ? `HTTP ${res.status}` : String((error as Error).message) });
      await sleep(delayMs);
    }
  };
}

/**
 * Runs a whole operation (an upload session, a verified read) again when it
 * failed in a retryable way; `retryable` decides which errors qualify.
 */
export async function retryOperation<T>(
  op: (attempt: number) => Promise<T>,
  retryable: (err: unknown) => boolean,
  opts: RetryOptions = {},
): Promise<T> {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.policy };
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (err) {
      if (attempt >= policy.attempts || !retryable(err)) throw err;
      await sleep(backoffDelay(policy, attempt, undefined, opts.random));
    }
  }
}

import { describe, expect, it } from 'vitest';
import { TransportError } from '../transport/errors.ts';
import type { HttpRequest } from '../transport/transport.ts';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry } from './retry.ts';

const req = (method: HttpRequest['method'], idempotent?: boolean): HttpRequest => ({
  method,
  url: new URL('http://127.0.0.1:1/v2/'),
  ...(idempotent !== undefined ? { idempotent } : {}),
});

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates, refuses junk', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    const now = Date.parse('Wed, 25 Nov 2026 03:00:00 GMT');
    expect(parseRetryAfter('Wed, 25 Nov 2026 03:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 02:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter('1.5')).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('backoff', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 };
  it('doubles, stays within [exp*(1-jitter), exp], and is capped', () => {
    for (let retry = 1; retry <= 8; retry++) {
      const exp = Math.min(1000, 100 * 2 ** (retry - 1));
      expect(backoffDelay(policy, retry, undefined, () => 0)).toBe(exp);
      expect(backoffDelay(policy, retry, undefined, () => 0.999999)).toBeGreaterThanOrEqual(Math.floor(exp * 0.5));
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(policy, retry);
        expect(d).toBeGreaterThanOrEqual(exp * 0.5 - 1);
        expect(d).toBeLessThanOrEqual(exp);
      }
    }
  });
  it('honours Retry-After up to the cap', () => {
    expect(backoffDelay(policy, 1, 700)).toBe(700);
    expect(backoffDelay(policy, 1, 60_000)).toBe(1000);
  });
});

describe('withRetry', () => {
  const noSleep = { sleep: async () => {}, policy: { attempts: 4 } };

  it('retries 503, 429 (with its Retry-After) and connection errors for idempotent requests', async () => {
    const answers: (number | 'drop')[] = [503, 'drop', 429, 200];
    const delays: number[] = [];
    let calls = 0;
    const t = withRetry(
      async () => {
        const a = answers[calls++];
        if (a === 'drop') throw new TransportError({ registry: 'x' }, 'connection reset');
        return new Response(null, { status: a ?? 500, headers: a === 429 ? { 'retry-after': '2' } : {} });
      },
      { ...noSleep, sleep: async (ms) => void delays.push(ms) },
    );
    const res = await t(req('GET'));
    expect(res.status).toBe(200);
    expect(calls).toBe(4);
    expect(delays[2]).toBe(2000);
  });

  it('gives up after the attempts and returns the last answer', async () => {
    let calls = 0;
    const t = withRetry(async () => {
      calls++;
      return new Response(null, { status: 503 });
    }, noSleep);
    expect((await t(req('HEAD'))).status).toBe(503);
    expect(calls).toBe(4);
  });

  it('never resends a non-idempotent step, and does not retry 4xx', async () => {
    let calls = 0;
    const t = withRetry(async () => {
      calls++;
      throw new TransportError({ registry: 'x' }, 'connection reset');
    }, noSleep);
    await expect(t(req('PATCH'))).rejects.toBeInstanceOf(TransportError);
    await expect(t(req('PUT'))).rejects.toBeInstanceOf(TransportError);
    expect(calls).toBe(2);
    calls = 0;
    const t404 = withRetry(async () => {
      calls++;
      return new Response(null, { status: 404 });
    }, noSleep);
    expect((await t404(req('GET'))).status).toBe(404);
    expect(calls).toBe(1);
    calls = 0;
    const tPost = withRetry(async () => {
      calls++;
      return new Response(null, { status: calls < 2 ? 502 : 202 });
    }, noSleep);
    expect((await tPost(req('POST', true))).status).toBe(202);
    expect(calls).toBe(2);
  });
});

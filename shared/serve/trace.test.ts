import { describe, expect, it } from 'vitest';
import { formatTraceparent, parseTraceparent, requestIdFor, traceContextFor } from './trace.ts';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = '00f067aa0ba902b7';

describe('parseTraceparent (W3C Trace Context, section 3.2)', () => {
  it('reads version 00 and its four fields', () => {
    expect(parseTraceparent(`00-${TRACE}-${PARENT}-01`)).toEqual({ traceId: TRACE, parentId: PARENT, flags: '01' });
    expect(parseTraceparent(` 00-${TRACE}-${PARENT}-00 `)).toEqual({ traceId: TRACE, parentId: PARENT, flags: '00' });
  });

  it('reads the first four fields of a later version, which may carry more after a dash', () => {
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-01-what-the-future-holds`)?.traceId).toBe(TRACE);
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-01`)?.parentId).toBe(PARENT);
    expect(parseTraceparent(`cc-${TRACE}-${PARENT}-01x`)).toBeUndefined();
  });

  it.each([
    ['version ff', `ff-${TRACE}-${PARENT}-01`],
    ['version 00 with more fields', `00-${TRACE}-${PARENT}-01-extra`],
    ['upper-case hex', `00-${TRACE.toUpperCase()}-${PARENT}-01`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${PARENT}-01`],
    ['an all-zero parent id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['a short trace id', `00-${TRACE.slice(1)}-${PARENT}-01`],
    ['bad flags', `00-${TRACE}-${PARENT}-0g`],
    ['wrong separators', `00_${TRACE}_${PARENT}_01`],
    ['nothing', ''],
  ])('refuses %s', (_what, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });
});

describe('traceContextFor', () => {
  it('continues a valid trace: same trace id, the caller as parent, a new span of its own', () => {
    const ctx = traceContextFor([`00-${TRACE}-${PARENT}-01`]);
    expect(ctx).toMatchObject({ traceId: TRACE, parentSpanId: PARENT, flags: '01', continued: true });
    expect(ctx.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(ctx.spanId).not.toBe(PARENT);
    expect(formatTraceparent(ctx)).toBe(`00-${TRACE}-${ctx.spanId}-01`);
  });

  it('passes on only the sampled flag (later bits are not defined for version 00)', () => {
    expect(traceContextFor([`00-${TRACE}-${PARENT}-03`]).flags).toBe('01');
    expect(traceContextFor([`00-${TRACE}-${PARENT}-02`]).flags).toBe('00');
  });

  it('starts a new sampled trace when there is none, an invalid one, or several', () => {
    for (const given of [[], ['garbage'], [`00-${TRACE}-${PARENT}-01`, `00-${TRACE}-${PARENT}-01`]]) {
      const ctx = traceContextFor(given);
      expect(ctx.continued).toBe(false);
      expect(ctx.parentSpanId).toBeUndefined();
      expect(ctx.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(ctx.traceId).not.toBe(TRACE);
      expect(parseTraceparent(formatTraceparent(ctx))).toEqual({ traceId: ctx.traceId, parentId: ctx.spanId, flags: '01' });
    }
    const a = traceContextFor([]);
    const b = traceContextFor([]);
    expect(a.traceId).not.toBe(b.traceId);
  });
});

describe('requestIdFor', () => {
  it('keeps one acceptable caller id, else mints a UUID', () => {
    expect(requestIdFor(['req-42'])).toEqual({ id: 'req-42', fromCaller: true });
    for (const bad of [[], ['has space'], ['x'.repeat(129)], ['a', 'b'], ['é']]) {
      const r = requestIdFor(bad);
      expect(r.fromCaller).toBe(false);
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

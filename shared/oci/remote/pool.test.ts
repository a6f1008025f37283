import { describe, expect, it } from 'vitest';
import { createPool, mapPool } from './pool.ts';

describe('pool', () => {
  it('never runs more than the limit at once and keeps result order', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapPool([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n * 3));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });

  it('createPool queues tasks and releases on failure', async () => {
    const pool = createPool(2);
    let active = 0;
    let peak = 0;
    const task = (fail: boolean) =>
      pool.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (fail) throw new Error('boom');
        return 1;
      });
    const results = await Promise.allSettled([task(true), task(false), task(true), task(false), task(false)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(peak).toBe(2);
    expect(() => createPool(0)).toThrow(RangeError);
  });
});

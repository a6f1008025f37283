import { describe, expect, it } from 'vitest';
import { createPool } from './pool.ts';

describe('the one concurrency limiter (createPool)', () => {
  it('hands a freed slot to the next waiter: a task started right after a release waits its turn', async () => {
    for (const limit of [1, 2, 3]) {
      const pool = createPool(limit);
      let active = 0;
      let peak = 0;
      const started: number[] = [];
      const task = (id: number, ms: number) =>
        pool.run(async () => {
          active++;
          peak = Math.max(peak, active);
          started.push(id);
          await new Promise((r) => setTimeout(r, ms));
          active--;
        });
      // more tasks than slots
      const first = Array.from({ length: limit * 3 }, (_, i) => task(i, 2));
      // the moment one task ends (its release just ran), start another in the same tick
      const late = first[0]?.then(() => task(100, 1));
      await Promise.all([...first, late]);
      expect(peak).toBe(limit);
      expect(started.length).toBe(limit * 3 + 1);
      // queued tasks start in order, the late one after them
      expect(started.slice(0, limit * 3)).toEqual(Array.from({ length: limit * 3 }, (_, i) => i));
    }
  });

  it('with a limit of 1 never runs two tasks at once, whatever the microtask a new task arrives in', async () => {
    for (let ticks = 0; ticks < 8; ticks++) {
      const pool = createPool(1);
      let active = 0;
      let peak = 0;
      const body = async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 1));
        active--;
      };
      let late: Promise<void> | undefined;
      const a = pool.run(async () => {
        await body();
        // a caller that arrives `ticks` microtasks after this task ends: around the moment its slot is handed over
        let p: Promise<void> = Promise.resolve();
        for (let i = 0; i < ticks; i++) p = p.then(() => {});
        late = p.then(() => pool.run(body));
      });
      const waiting = pool.run(body);
      await Promise.all([a, waiting]);
      await late;
      expect({ ticks, peak }).toEqual({ ticks, peak: 1 });
    }
  });
});

/**
 * Built-in load for analyses in environments with no real traffic (the role
 * of Flagger's load tester): requests at a steady rate, with at most
 * `concurrency` in flight, stopping at whichever comes first of its
 * duration, its request count, or `stop()`. Never unbounded.
 */
import type { LoadConfig } from './config.ts';

export interface LoadStats {
  sent: number;
  ok: number;
  failed: number;
  /** Answers by status (`200`, `503`) and transport errors (`error`). */
  statuses: Record<string, number>;
  /** Requests skipped because `concurrency` were in flight. */
  skipped: number;
  durationMs: number;
}

export interface RunningLoad {
  /** Stops sending, waits for the requests in flight, and returns the counts. */
  stop(): Promise<LoadStats>;
  /** Resolves when the load ends by itself (duration or count). */
  done: Promise<LoadStats>;
}

export function startLoad(config: LoadConfig, env: NodeJS.ProcessEnv = process.env): RunningLoad {
  const stats: LoadStats = { sent: 0, ok: 0, failed: 0, statuses: {}, skipped: 0, durationMs: 0 };
  const headers: Record<string, string> = {};
  for (const h of config.headers) headers[h.name] = h.valueFromEnv !== undefined ? (env[h.valueFromEnv] ?? '') : (h.value ?? '');
  const started = Date.now();
  const period = 1000 / config.rate;
  const inFlight = new Set<Promise<void>>();
  const controller = new AbortController();
  let stopped = false;
  let tick = 0;
  let timer: NodeJS.Timeout | undefined;
  let finish: (s: LoadStats) => void = () => {};
  const done = new Promise<LoadStats>((resolve) => {
    finish = resolve;
  });

  const end = async (): Promise<LoadStats> => {
    if (!stopped) {
      stopped = true;
      if (timer) clearTimeout(timer);
    }
    await Promise.allSettled([...inFlight]);
    stats.durationMs = Date.now() - started;
    finish(stats);
    return stats;
  };

  const one = async () => {
    stats.sent++;
    try {
      const init: RequestInit = {
        method: config.method,
        headers,
        signal: AbortSignal.any([controller.signal, AbortSignal.timeout(config.timeoutMs)]),
      };
      if (config.body !== undefined && config.method !== 'GET' && config.method !== 'HEAD') init.body = config.body;
      const res = await fetch(config.url, init);
      await res.arrayBuffer().catch(() => undefined);
      const key = String(res.status);
      stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
      if (res.status < 400) stats.ok++;
      else stats.failed++;
    } catch {
      stats.statuses.error = (stats.statuses.error ?? 0) + 1;
      stats.failed++;
    }
  };

  const schedule = () => {
    if (stopped) return;
    const elapsed = Date.now() - started;
    if (elapsed >= config.durationMs || stats.sent + stats.skipped >= config.maxRequests) {
      void end();
      return;
    }
    // catch up to the schedule (timers drift), within the bounds
    const due = Math.min(Math.floor(elapsed / period) + 1, config.maxRequests - stats.skipped);
    while (tick < due && stats.sent + stats.skipped < config.maxRequests) {
      tick++;
      if (inFlight.size >= config.concurrency) {
        stats.skipped++;
        continue;
      }
      const p = one().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    timer = setTimeout(schedule, Math.max(1, tick * period - (Date.now() - started)));
  };
  schedule();

  return {
    done,
    stop: async () => {
      if (!stopped) {
        stopped = true;
        if (timer) clearTimeout(timer);
      }
      return end();
    },
  };
}

/**
 * Durations as Argo Rollouts and Go write them: `500ms`, `30s`, `5m`,
 * `1h30m`, or a bare number of seconds. Parsed into milliseconds.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;

/** Milliseconds of a duration, or a reason it is not one. */
export function parseDuration(value: unknown): { ms: number } | { error: string } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return { error: `${value} is not a duration; write 30s, 5m or 1h` };
    return { ms: Math.round(value * 1000) };
  }
  if (typeof value !== 'string') return { error: 'a duration is a number of seconds or text such as 30s, 5m, 1h30m' };
  const text = value.trim();
  if (!DURATION.test(text)) return { error: `'${value}' is not a duration; write 500ms, 30s, 5m or 1h30m` };
  let ms = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 1000);
  return { ms: Math.round(ms) };
}

/** `1h2m3s`, `1.5s`, `250ms`: short and exact enough for messages. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}` || '0s';
}

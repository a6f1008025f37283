// iot:stream-processor — real-time processing at the edge (ghcr.io/iot/data/stream).
// Imports the time-series store and the anomaly model; exports stream.
//
// Readings go into tumbling windows of 10 seconds per device and metric
// (count, mean, min, max, standard deviation by Welford's method). A reading
// past the end of the open window closes it: the window's mean is written to
// the series `agg:<device>:<metric>`; every reading is written to
// `raw:<device>:<metric>` and scored by the anomaly model. A reading older
// than its series' open window is late and refused.
import anomaly from 'iot:platform/anomaly@1.0.0';
import timeSeries from 'iot:platform/time-series@1.0.0';
import { withCallLog } from '../../../lib/js/observe.js';
import { withNumbers } from '../../../lib/js/wit.js';

const WINDOW_MS = 10_000;
const KEEP_WINDOWS = 1000;
/** key -> { open: {start, n, mean, m2, min, max}, closed: [] } */
const state = new Map();

function keyOf(r) {
  return `${r.deviceId}\u0000${r.metric}`;
}

function closeWindow(r, s) {
  const w = s.open;
  const closed = {
    deviceId: r.deviceId,
    metric: r.metric,
    startMs: w.start,
    endMs: w.start + WINDOW_MS,
    count: w.n,
    mean: w.mean,
    min: w.min,
    max: w.max,
    stddev: w.n > 1 ? Math.sqrt(w.m2 / (w.n - 1)) : 0,
  };
  s.closed.push(closed);
  if (s.closed.length > KEEP_WINDOWS) s.closed.shift();
  return closed;
}

const processingImpl = {
  ingest(readings) {
    let accepted = 0;
    let rejected = 0;
    const points = [];
    const closed = [];
    const scored = [];
    for (const r of readings) {
      if (!Number.isFinite(r.value) || !(r.atMs >= 0)) {
        rejected += 1;
        continue;
      }
      const key = keyOf(r);
      let s = state.get(key);
      if (s === undefined) {
        s = { open: undefined, closed: [] };
        state.set(key, s);
      }
      const start = Math.floor(r.atMs / WINDOW_MS) * WINDOW_MS;
      if (s.open !== undefined && start < s.open.start) {
        rejected += 1;
        continue;
      }
      if (s.open !== undefined && start > s.open.start) {
        const w = closeWindow(r, s);
        closed.push(w);
        points.push({ series: `agg:${r.deviceId}:${r.metric}`, atMs: w.startMs, value: w.mean });
        s.open = undefined;
      }
      if (s.open === undefined) s.open = { start, n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity };
      const w = s.open;
      w.n += 1;
      const d = r.value - w.mean;
      w.mean += d / w.n;
      w.m2 += d * (r.value - w.mean);
      w.min = Math.min(w.min, r.value);
      w.max = Math.max(w.max, r.value);
      points.push({ series: `raw:${r.deviceId}:${r.metric}`, atMs: r.atMs, value: r.value });
      scored.push(r);
      accepted += 1;
    }
    timeSeries.write(points);
    const anomalies = scored.length > 0 ? anomaly.score(scored) : [];
    return { accepted, rejected, closedWindows: closed.length, anomalies };
  },
  windows(deviceId, metric, limit) {
    const s = state.get(`${deviceId}\u0000${metric}`);
    if (s === undefined) return [];
    return s.closed.slice(-Math.min(limit === 0 ? 100 : limit, KEEP_WINDOWS)).reverse();
  },
  windowMs() {
    return WINDOW_MS;
  },
};
export const processing = withCallLog('stream-processor', withNumbers(processingImpl));

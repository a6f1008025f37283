// iot:time-series-db — the time-series store (docker.io/influxdata/influxdb-wasm).
// Points per series in time order (an append is the common case; a late point
// is inserted in place), bounded retention per series, range queries by binary
// search, and downsampling into fixed buckets.
import { withCallLog } from '../../../lib/js/observe.js';
import { withNumbers } from '../../../lib/js/wit.js';

const MAX_POINTS_PER_SERIES = 200_000;
/** series -> { t: number[], v: number[] } */
const store = new Map();
let total = 0;

function lowerBound(arr, x) {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function seriesOf(name) {
  let s = store.get(name);
  if (s === undefined) {
    s = { t: [], v: [] };
    store.set(name, s);
  }
  return s;
}

const timeSeriesImpl = {
  write(points) {
    let written = 0;
    for (const p of points) {
      if (!Number.isFinite(p.value) || p.series === '') continue;
      const s = seriesOf(p.series);
      if (s.t.length === 0 || p.atMs >= s.t[s.t.length - 1]) {
        s.t.push(p.atMs);
        s.v.push(p.value);
      } else {
        const i = lowerBound(s.t, p.atMs);
        s.t.splice(i, 0, p.atMs);
        s.v.splice(i, 0, p.value);
      }
      written += 1;
      total += 1;
      if (s.t.length > MAX_POINTS_PER_SERIES) {
        s.t.shift();
        s.v.shift();
        total -= 1;
      }
    }
    return written;
  },
  query(series, fromMs, toMs) {
    const s = store.get(series);
    if (s === undefined) return [];
    const out = [];
    for (let i = lowerBound(s.t, fromMs); i < s.t.length && s.t[i] < toMs; i++) out.push({ series, atMs: s.t[i], value: s.v[i] });
    return out;
  },
  downsample(series, fromMs, toMs, stepMs) {
    if (!(stepMs > 0)) throw new Error('step must be positive');
    const s = store.get(series);
    if (s === undefined) return [];
    const buckets = new Map();
    for (let i = lowerBound(s.t, fromMs); i < s.t.length && s.t[i] < toMs; i++) {
      const start = fromMs + Math.floor((s.t[i] - fromMs) / stepMs) * stepMs;
      let b = buckets.get(start);
      if (b === undefined) {
        b = { startMs: start, count: 0, sum: 0, min: Infinity, max: -Infinity };
        buckets.set(start, b);
      }
      b.count += 1;
      b.sum += s.v[i];
      b.min = Math.min(b.min, s.v[i]);
      b.max = Math.max(b.max, s.v[i]);
    }
    return [...buckets.values()].map((b) => ({ startMs: b.startMs, count: b.count, mean: b.sum / b.count, min: b.min, max: b.max }));
  },
  series(prefix) {
    return [...store.keys()].filter((k) => k.startsWith(prefix)).sort();
  },
  pointCount() {
    return total;
  },
};
export const timeSeries = withCallLog('time-series-db', withNumbers(timeSeriesImpl));

// iot:ml-inference — anomaly detection (us-central1-docker.pkg.dev/iot/ml/inference).
//
// One model per series (device and metric): an exponentially weighted moving
// average and variance (alpha 0.05),
//   mean <- mean + alpha (x - mean),  var <- (1 - alpha)(var + alpha (x - mean)²),
// and a reading is anomalous when, after a warm-up of 30 readings, it lies
// more than 4 standard deviations from the mean. An anomalous reading does
// not move the baseline (a spike must not teach the model that spikes are
// normal); a level shift that persists for 20 readings is accepted as the new
// normal (the model is reset to it).
import { withCallLog } from '../../../lib/js/observe.js';
import { withNumbers } from '../../../lib/js/wit.js';

const ALPHA = 0.05;
const THRESHOLD = 4;
const WARMUP = 30;
const RESET_AFTER = 20;
const MAX_KEPT = 10_000;
const models = new Map();
const anomalies = [];

function modelOf(key) {
  let m = models.get(key);
  if (m === undefined) {
    m = { n: 0, mean: 0, variance: 0, streak: 0 };
    models.set(key, m);
  }
  return m;
}

function learn(m, x) {
  if (m.n === 0) {
    m.mean = x;
    m.variance = 0;
  } else {
    const d = x - m.mean;
    m.mean += ALPHA * d;
    m.variance = (1 - ALPHA) * (m.variance + ALPHA * d * d);
  }
  m.n += 1;
}

const anomalyImpl = {
  score(readings) {
    const flagged = [];
    for (const r of readings) {
      if (!Number.isFinite(r.value)) continue;
      const m = modelOf(`${r.deviceId}\u0000${r.metric}`);
      const sd = Math.sqrt(m.variance);
      // a floor on the deviation: a perfectly flat signal must not flag every wobble of its last digit
      const z = m.n === 0 ? 0 : (r.value - m.mean) / Math.max(sd, 1e-3 * Math.max(1, Math.abs(m.mean)));
      if (m.n >= WARMUP && Math.abs(z) > THRESHOLD) {
        const v = { deviceId: r.deviceId, metric: r.metric, atMs: r.atMs, value: r.value, zScore: z, expected: m.mean, stddev: sd };
        flagged.push(v);
        anomalies.push(v);
        if (anomalies.length > MAX_KEPT) anomalies.shift();
        m.streak += 1;
        if (m.streak >= RESET_AFTER) {
          m.n = 1;
          m.mean = r.value;
          m.variance = 0;
          m.streak = 0;
        }
        continue;
      }
      m.streak = 0;
      learn(m, r.value);
    }
    return flagged;
  },
  anomalies(sinceMs, limit) {
    return anomalies.filter((a) => a.atMs >= sinceMs).slice(-Math.min(limit === 0 ? 100 : limit, MAX_KEPT));
  },
  model() {
    return { kind: 'ewma-zscore', alpha: ALPHA, threshold: THRESHOLD, warmup: WARMUP, series: models.size };
  },
};
export const anomaly = withCallLog('ml-inference', withNumbers(anomalyImpl));

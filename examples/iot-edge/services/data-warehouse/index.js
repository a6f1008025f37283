// iot:data-warehouse — batch analytics (us-central1-docker.pkg.dev/iot/analytics/warehouse).
// Imports the time-series store and the device registry; exports analytics.
// A run reads every device's raw series of a metric over a time range and
// reports per device model: devices, readings, mean, median, 95th percentile, max.
import registry from 'iot:platform/registry@1.0.0';
import timeSeries from 'iot:platform/time-series@1.0.0';
import { withCallLog } from '../../../lib/js/observe.js';
import { withNumbers } from '../../../lib/js/wit.js';

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  // nearest rank
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const analyticsImpl = {
  run(metric, fromMs, toMs) {
    const byModel = new Map();
    for (const d of registry.listDevices(undefined)) {
      const values = timeSeries.query(`raw:${d.id}:${metric}`, fromMs, toMs).map((p) => p.value);
      if (values.length === 0) continue;
      let m = byModel.get(d.model);
      if (m === undefined) {
        m = { devices: 0, values: [] };
        byModel.set(d.model, m);
      }
      m.devices += 1;
      for (const v of values) m.values.push(v);
    }
    return [...byModel.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([model, m]) => {
        const sorted = Float64Array.from(m.values).sort();
        const sum = m.values.reduce((s, v) => s + v, 0);
        return {
          model,
          metric,
          devices: m.devices,
          readings: m.values.length,
          mean: sum / m.values.length,
          p50: percentile(sorted, 0.5),
          p95: percentile(sorted, 0.95),
          max: sorted[sorted.length - 1],
        };
      });
  },
};
export const analytics = withCallLog('data-warehouse', withNumbers(analyticsImpl));

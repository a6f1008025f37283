// iot:device-config — device configuration (ghcr.io/iot/devices/config).
// Effective settings: the built-in defaults, overridden by the model's, then
// by the device's own. Every change bumps the version a device compares with
// the one it runs to know it must reload. Values are checked against the
// known keys' ranges.
import { withCallLog } from '../../../lib/js/observe.js';
import { withNumbers } from '../../../lib/js/wit.js';

const DEFAULTS = { 'sample-interval-ms': '1000', 'report-batch': '100', 'temperature-unit': 'celsius', 'alert-threshold-z': '4' };
const CHECKS = {
  'sample-interval-ms': (v) => /^\d+$/.test(v) && Number(v) >= 100 && Number(v) <= 3_600_000,
  'report-batch': (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 1000,
  'temperature-unit': (v) => v === 'celsius' || v === 'fahrenheit',
  'alert-threshold-z': (v) => /^\d+(\.\d+)?$/.test(v) && Number(v) >= 1 && Number(v) <= 20,
};
const byModel = new Map();
const byDevice = new Map();
let version = 1;

function validate(settings) {
  const out = {};
  for (const { key, value } of settings) {
    const check = CHECKS[key];
    if (check === undefined) throw `unknown setting '${key}' (known: ${Object.keys(CHECKS).join(', ')})`;
    if (!check(value)) throw `bad value '${value}' for ${key}`;
    out[key] = value;
  }
  return out;
}

const configurationImpl = {
  setModel(model, settings) {
    byModel.set(model, validate(settings));
    return ++version;
  },
  setDevice(deviceId, settings) {
    byDevice.set(deviceId, validate(settings));
    return ++version;
  },
  effective(deviceId, model) {
    const merged = { ...DEFAULTS, ...(byModel.get(model) ?? {}), ...(byDevice.get(deviceId) ?? {}) };
    return [version, Object.entries(merged).map(([key, value]) => ({ key, value }))];
  },
};
export const configuration = withCallLog('device-config', withNumbers(configurationImpl));

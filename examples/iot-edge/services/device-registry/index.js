// iot:device-registry — the devices the edge accepts readings from (ghcr.io/iot/devices/registry).
import { withCallLog } from '../../../lib/js/observe.js';
import { withNumbers } from '../../../lib/js/wit.js';

const MAX_DEVICES = 100_000;
const ID = /^[a-z0-9][a-z0-9-]{2,63}$/;
const SEMVER = /^\d+\.\d+\.\d+$/;
const devices = new Map();

const registryImpl = {
  register(device) {
    if (!ID.test(device.id)) throw { tag: 'invalid', val: `device id '${device.id}': 3 to 64 of a-z, 0-9, -` };
    if (!ID.test(device.model)) throw { tag: 'invalid', val: `model '${device.model}': 3 to 64 of a-z, 0-9, -` };
    if (!SEMVER.test(device.firmware)) throw { tag: 'invalid', val: `firmware '${device.firmware}' is not a version x.y.z` };
    if (devices.has(device.id)) throw { tag: 'duplicate', val: device.id };
    if (devices.size >= MAX_DEVICES) throw { tag: 'invalid', val: 'the registry is full' };
    const d = { id: device.id, model: device.model, firmware: device.firmware, site: device.site };
    devices.set(d.id, d);
    return d;
  },
  get(id) {
    return devices.get(id);
  },
  listDevices(model) {
    return [...devices.values()].filter((d) => model == null || d.model === model);
  },
  setFirmware(id, version) {
    const d = devices.get(id);
    if (d === undefined) throw { tag: 'unknown', val: id };
    if (!SEMVER.test(version)) throw { tag: 'invalid', val: `firmware '${version}' is not a version x.y.z` };
    d.firmware = version;
    return d;
  },
};
export const registry = withCallLog('device-registry', withNumbers(registryImpl));

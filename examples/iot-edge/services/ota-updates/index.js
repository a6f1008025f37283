// iot:ota-updates — over-the-air firmware updates (ghcr.io/iot/devices/ota).
// Imports the device registry; exports ota.
//
// A manifest is JSON text: {"model", "version", "firmware": {"url", "sha256", "size"}}.
// publish() verifies its ECDSA P-256 / SHA-256 signature (base64, DER or raw
// r||s) over the manifest's exact UTF-8 bytes against the trusted vendor
// keys before anything else: an unsigned manifest, or one whose signature
// does not verify, is refused and never offered. offer() gives a device the
// newest verified manifest of its own model whose version is above the
// device's firmware.
import registry from 'iot:platform/registry@1.0.0';
import { fromBase64, toHex, utf8 } from '../../../lib/js/bytes.js';
import { parsePublicKey, verifyP256 } from '../../../lib/js/ecdsa-p256.js';
import { withCallLog } from '../../../lib/js/observe.js';
import { sha256 } from '../../../lib/js/sha256.js';
import { withNumbers } from '../../../lib/js/wit.js';
import { TRUSTED_KEYS } from './trusted-keys.js';

const MAX_MANIFEST_BYTES = 16 * 1024;
const trusted = TRUSTED_KEYS.map((pem) => {
  parsePublicKey(pem); // a bad key fails the build (pre-initialization), not the first update
  const der = fromBase64(pem.replace(/-----[A-Z ]+-----/g, ''));
  return { pem, id: toHex(sha256(der)) };
});
/** model -> manifests sorted by version, newest last */
const byModel = new Map();

function parseVersion(v) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  return m === null ? undefined : [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compare(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

function check(manifest) {
  let m;
  try {
    m = JSON.parse(manifest);
  } catch {
    throw { tag: 'malformed', val: 'the manifest is not JSON' };
  }
  const f = m?.firmware;
  if (typeof m?.model !== 'string' || m.model === '') throw { tag: 'malformed', val: 'model is missing' };
  if (typeof m.version !== 'string' || parseVersion(m.version) === undefined) throw { tag: 'malformed', val: 'version must be x.y.z' };
  if (typeof f?.url !== 'string' || !/^https:\/\//.test(f.url)) throw { tag: 'malformed', val: 'firmware.url must be https' };
  if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256))
    throw { tag: 'malformed', val: 'firmware.sha256 must be 64 hex digits' };
  if (!Number.isSafeInteger(f.size) || f.size <= 0) throw { tag: 'malformed', val: 'firmware.size must be a positive integer' };
  return m;
}

const otaImpl = {
  publish(manifest, signature) {
    const bytes = utf8(manifest);
    if (bytes.length > MAX_MANIFEST_BYTES) throw { tag: 'malformed', val: `the manifest is larger than ${MAX_MANIFEST_BYTES} bytes` };
    if (signature == null || signature.trim() === '') throw { tag: 'unsigned' };
    let sig;
    try {
      sig = fromBase64(signature);
    } catch {
      throw { tag: 'bad-signature' };
    }
    // The signature first: nothing of an unverified manifest is parsed into state.
    const signer = trusted.find((k) => verifyP256(k.pem, bytes, sig));
    if (signer === undefined) throw { tag: 'bad-signature' };
    const m = check(manifest);
    const list = byModel.get(m.model) ?? [];
    if (list.some((x) => x.version === m.version)) throw { tag: 'not-newer', val: `${m.model} ${m.version} is already published` };
    const info = {
      model: m.model,
      version: m.version,
      firmwareUrl: m.firmware.url,
      firmwareSha256: m.firmware.sha256,
      firmwareSize: m.firmware.size,
      signedBy: signer.id,
    };
    list.push(info);
    list.sort((a, b) => compare(a.version, b.version));
    byModel.set(m.model, list);
    return info;
  },
  offer(deviceId) {
    const d = registry.get(deviceId);
    if (d == null) throw { tag: 'unknown-device', val: deviceId };
    const list = byModel.get(d.model) ?? [];
    const newest = list[list.length - 1];
    if (newest === undefined || parseVersion(d.firmware) === undefined || compare(newest.version, d.firmware) <= 0) return undefined;
    return newest;
  },
  manifests() {
    return [...byModel.values()].flat();
  },
};
export const ota = withCallLog('ota-updates', withNumbers(otaImpl));

// ECDSA verification over NIST P-256 with SHA-256 (FIPS 186-4, SEC 1), in
// BigInt arithmetic, for components without a crypto API (QuickJS). Public
// keys: SubjectPublicKeyInfo PEM or DER, or an uncompressed point (65 bytes).
// Signatures: DER (what OpenSSL and Node's crypto.sign give) or raw r||s
// (64 bytes, IEEE P1363). Checked against Node's crypto by crypto.test.ts.
import { fromBase64 } from './bytes.js';
import { sha256 } from './sha256.js';

const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n;
const GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n;

/** DER prefix of a P-256 SubjectPublicKeyInfo (id-ecPublicKey, prime256v1, BIT STRING of 66 bytes). */
const SPKI_PREFIX = [
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
  0x03, 0x42, 0x00,
];

function mod(a, m) {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function modPow(b, e, m) {
  let result = 1n;
  let base = mod(b, m);
  let exp = e;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % m;
    base = (base * base) % m;
    exp >>= 1n;
  }
  return result;
}

/** Inverse modulo a prime (Fermat). */
function inv(a, m) {
  return modPow(a, m - 2n, m);
}

function bytesToBigInt(bytes) {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

// Points in Jacobian coordinates [X, Y, Z] (x = X/Z², y = Y/Z³); Z = 0 is the point at infinity.
const INFINITY = [0n, 1n, 0n];

function double([x, y, z]) {
  if (z === 0n || y === 0n) return INFINITY;
  // a = -3: M = 3(X - Z²)(X + Z²)
  const zz = (z * z) % P;
  const m = mod(3n * (x - zz) * (x + zz), P);
  const yy = (y * y) % P;
  const s = (4n * x * yy) % P;
  const x3 = mod(m * m - 2n * s, P);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, P);
  const z3 = (2n * y * z) % P;
  return [x3, y3, z3];
}

function add(p1, p2) {
  if (p1[2] === 0n) return p2;
  if (p2[2] === 0n) return p1;
  const [x1, y1, z1] = p1;
  const [x2, y2, z2] = p2;
  const z1z1 = (z1 * z1) % P;
  const z2z2 = (z2 * z2) % P;
  const u1 = (x1 * z2z2) % P;
  const u2 = (x2 * z1z1) % P;
  const s1 = (y1 * z2 * z2z2) % P;
  const s2 = (y2 * z1 * z1z1) % P;
  if (u1 === u2) return s1 === s2 ? double(p1) : INFINITY;
  const h = mod(u2 - u1, P);
  const r = mod(s2 - s1, P);
  const hh = (h * h) % P;
  const hhh = (h * hh) % P;
  const v = (u1 * hh) % P;
  const x3 = mod(r * r - hhh - 2n * v, P);
  const y3 = mod(r * (v - x3) - s1 * hhh, P);
  const z3 = (h * z1 * z2) % P;
  return [x3, y3, z3];
}

/** u1·G + u2·Q in one pass (Shamir's trick). */
function doubleMultiply(u1, u2, q) {
  const g = [GX, GY, 1n];
  const gq = add(g, q);
  let r = INFINITY;
  for (let i = 255; i >= 0; i--) {
    r = double(r);
    const b1 = (u1 >> BigInt(i)) & 1n;
    const b2 = (u2 >> BigInt(i)) & 1n;
    if (b1 && b2) r = add(r, gq);
    else if (b1) r = add(r, g);
    else if (b2) r = add(r, q);
  }
  return r;
}

function affineX([x, , z]) {
  const zi = inv(z, P);
  return (x * zi * zi) % P;
}

/** A public key's point from PEM, DER SPKI or an uncompressed point; throws on anything else. */
export function parsePublicKey(key) {
  let bytes = key;
  if (typeof key === 'string') {
    const m = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(key);
    if (m === null) throw new Error('not a PEM public key (BEGIN PUBLIC KEY)');
    bytes = fromBase64(m[1]);
  }
  let point = bytes;
  if (bytes.length === SPKI_PREFIX.length + 65) {
    for (let i = 0; i < SPKI_PREFIX.length; i++) {
      if (bytes[i] !== SPKI_PREFIX[i]) throw new Error('not a P-256 public key (SubjectPublicKeyInfo of another algorithm or curve)');
    }
    point = bytes.subarray(SPKI_PREFIX.length);
  }
  if (point.length !== 65 || point[0] !== 4) throw new Error('not an uncompressed P-256 point');
  const x = bytesToBigInt(point.subarray(1, 33));
  const y = bytesToBigInt(point.subarray(33));
  if (x >= P || y >= P || mod(y * y - (x * x * x - 3n * x + B), P) !== 0n) throw new Error('the point is not on P-256');
  return [x, y, 1n];
}

/** [r, s] from a DER ECDSA-Sig-Value or a raw 64-byte r||s; throws on anything else. */
export function parseSignature(sig) {
  if (sig.length === 64) return [bytesToBigInt(sig.subarray(0, 32)), bytesToBigInt(sig.subarray(32))];
  // SEQUENCE { INTEGER r, INTEGER s }, short-form lengths only (a P-256 signature is at most 72 bytes)
  if (sig[0] !== 0x30 || sig[1] !== sig.length - 2) throw new Error('not a DER ECDSA signature');
  const ints = [];
  let at = 2;
  for (let k = 0; k < 2; k++) {
    if (sig[at] !== 0x02) throw new Error('not a DER ECDSA signature (INTEGER expected)');
    const len = sig[at + 1];
    if (len === 0 || len > 33 || at + 2 + len > sig.length) throw new Error('not a DER ECDSA signature (bad INTEGER length)');
    ints.push(bytesToBigInt(sig.subarray(at + 2, at + 2 + len)));
    at += 2 + len;
  }
  if (at !== sig.length) throw new Error('not a DER ECDSA signature (trailing bytes)');
  return ints;
}

/** Whether `signature` is a valid ECDSA P-256 / SHA-256 signature of `message` (bytes) by `publicKey`. */
export function verifyP256(publicKey, message, signature) {
  const q = parsePublicKey(publicKey);
  let r;
  let s;
  try {
    [r, s] = parseSignature(signature);
  } catch {
    return false;
  }
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const e = bytesToBigInt(sha256(message));
  const w = inv(s, N);
  const point = doubleMultiply((e * w) % N, (r * w) % N, q);
  if (point[2] === 0n) return false;
  return affineX(point) % N === r;
}

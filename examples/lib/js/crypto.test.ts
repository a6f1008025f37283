// The components' hand-written SHA-256, HMAC and ECDSA P-256 verification
// against Node's crypto, on fixed vectors and random inputs.
import { createHash, createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromUtf8, toBase64, toHex, utf8 } from './bytes.js';
import { parsePublicKey, verifyP256 } from './ecdsa-p256.js';
import { hmacSha256, sha256 } from './sha256.js';

describe('sha256 and hmacSha256', () => {
  it('match the FIPS vectors and Node on random inputs of every length up to 300 bytes', () => {
    expect(toHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let n = 0; n <= 300; n++) {
      const data = randomBytes(n);
      expect(toHex(sha256(new Uint8Array(data))), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
    }
    for (const keyLength of [0, 16, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const msg = randomBytes(100);
      expect(toHex(hmacSha256(new Uint8Array(key), new Uint8Array(msg)))).toBe(createHmac('sha256', key).update(msg).digest('hex'));
    }
  });
});

describe('bytes', () => {
  it('UTF-8 and base64 round trips agree with Node', () => {
    const text = 'Grüße, 世界 🚀';
    expect(Buffer.from(utf8(text)).toString('utf8')).toBe(text);
    expect(fromUtf8(Buffer.from(text))).toBe(text);
    for (let n = 0; n < 40; n++) {
      const b = randomBytes(n);
      expect(toBase64(new Uint8Array(b))).toBe(b.toString('base64'));
      expect(Buffer.from(fromBase64(b.toString('base64url')))).toEqual(b);
    }
    expect(() => fromBase64('ab$c')).toThrow('not base64');
  });
});

describe('verifyP256', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('accepts signatures by the key (DER and raw r||s) and refuses another message, key or a flipped bit', () => {
    for (let i = 0; i < 8; i++) {
      const msg = new Uint8Array(randomBytes(20 + i * 37));
      const der = new Uint8Array(sign('sha256', msg, privateKey));
      const raw = new Uint8Array(sign('sha256', msg, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
      expect(verifyP256(pem, msg, der)).toBe(true);
      expect(verifyP256(pem, msg, raw)).toBe(true);
      const other = new Uint8Array(msg);
      other[0] = (other[0] ?? 0) ^ 1;
      expect(verifyP256(pem, other, der)).toBe(false);
      const flipped = new Uint8Array(raw);
      flipped[40] = (flipped[40] ?? 0) ^ 0x10;
      expect(verifyP256(pem, msg, flipped)).toBe(false);
    }
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const msg = utf8('{"version":"2.0.0"}');
    expect(verifyP256(stranger, msg, new Uint8Array(sign('sha256', msg, privateKey)))).toBe(false);
    expect(verifyP256(pem, msg, new Uint8Array(10))).toBe(false);
  });

  it('refuses keys that are not P-256 points', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => parsePublicKey(rsa)).toThrow(/not a P-256|not an uncompressed/);
    const bad = new Uint8Array(65);
    bad[0] = 4;
    bad[1] = 1;
    expect(() => parsePublicKey(bad)).toThrow('not on P-256');
    expect(() => parsePublicKey('hello')).toThrow('not a PEM public key');
  });
});

import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

/** Reads a PEM public key (SPKI, or a certificate's key); throws with the parser's reason. */
export function parsePublicKeyPem(pem: string): KeyObject {
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(pem)) throw new Error('not PEM: no -----BEGIN ...----- line');
  if (/-----BEGIN (?:[A-Z0-9]+ )?PRIVATE KEY-----/.test(pem)) {
    throw new Error('this is a private key: an authority names the public key (the .pub file)');
  }
  const key = createPublicKey({ key: pem, format: 'pem' });
  if (key.type !== 'public') throw new Error(`expected a public key, got a ${key.type} key`);
  return key;
}

/** `sha256:<hex>` of the DER SubjectPublicKeyInfo: the same key gives the same digest in any PEM layout. */
export function spkiSha256(key: string | KeyObject): string {
  const object = typeof key === 'string' ? parsePublicKeyPem(key) : key;
  const der = object.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** Short form for reports: `sha256:0123456789ab`. */
export function shortDigest(digest: string): string {
  return digest.slice(0, 'sha256:'.length + 12);
}

/** `sha256:<hex>` from `sha256:<hex>` or bare `<hex>` (64 hex digits); undefined for anything else. */
export function normalizeSpkiDigest(value: string): string | undefined {
  const m = /^(?:sha256:)?([0-9a-fA-F]{64})$/.exec(value);
  return m ? `sha256:${(m[1] as string).toLowerCase()}` : undefined;
}

import { createHash } from 'node:crypto';
import { FlotillaError } from '../errors.ts';

/** `sha256:<64 hex>`; other algorithms are refused until needed. */
export type Digest = `sha256:${string}`;

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export class DigestError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DIGEST_INVALID', message, options);
  }
}

export function isDigest(value: string): value is Digest {
  return DIGEST.test(value);
}

export function parseDigest(value: string): Digest {
  if (!isDigest(value)) throw new DigestError(`'${value}' is not a sha256 digest (expected sha256: and 64 lower-case hex digits)`);
  return value;
}

export function sha256(data: Uint8Array | string): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** The hex part of a digest. */
export function digestHex(digest: Digest): string {
  return digest.slice('sha256:'.length);
}

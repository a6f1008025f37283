import { createHash } from 'node:crypto';
import { FlotillaError } from '../errors.ts';
import type { Digest } from './digest.ts';
import type { Descriptor } from './types.ts';

/** Bytes that do not match the digest or size of their descriptor. Nothing is kept. */
export class ContentMismatchError extends FlotillaError {
  readonly expected: Descriptor;

  constructor(where: string, expected: Descriptor, what: string) {
    super(
      'CONTENT_MISMATCH',
      `${where}: content of ${expected.digest} does not match its descriptor (${what}); it was refused and nothing was stored`,
    );
    this.expected = expected;
  }
}

/** Hex sha256 of bytes, as a digest. */
function digestOf(bytes: Uint8Array): Digest {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Throws unless `bytes` has exactly the size and digest of `desc`. */
export function verifyBytes(where: string, desc: Descriptor, bytes: Uint8Array): void {
  if (bytes.byteLength !== desc.size) {
    throw new ContentMismatchError(where, desc, `expected ${desc.size} bytes, got ${bytes.byteLength}`);
  }
  const actual = digestOf(bytes);
  if (actual !== desc.digest) throw new ContentMismatchError(where, desc, `the bytes hash to ${actual}`);
}

/**
 * A pass-through stream that hashes and counts what flows through it and
 * errors as soon as more than `desc.size` bytes arrive, or at the end when
 * the size or the digest differ. Whoever writes the output somewhere must
 * discard it when the stream errors.
 */
export function verifyingStream(where: string, desc: Descriptor): TransformStream<Uint8Array, Uint8Array> {
  const hash = createHash('sha256');
  let seen = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > desc.size) {
        controller.error(new ContentMismatchError(where, desc, `more than the expected ${desc.size} bytes`));
        return;
      }
      hash.update(chunk);
      controller.enqueue(chunk);
    },
    flush(controller) {
      if (seen !== desc.size) {
        controller.error(new ContentMismatchError(where, desc, `expected ${desc.size} bytes, got ${seen}`));
        return;
      }
      const actual: Digest = `sha256:${hash.digest('hex')}`;
      if (actual !== desc.digest) controller.error(new ContentMismatchError(where, desc, `the bytes hash to ${actual}`));
    },
  });
}

/** The largest manifest any store reads or writes (the distribution spec's usual limit). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

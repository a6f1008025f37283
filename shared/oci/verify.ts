import { FlotillaError } from '../errors.ts';
import { CONTENT_MISMATCH } from '../transport/errors.ts';
import { DigestVerifier } from '../transport/verify.ts';
import type { Descriptor } from './types.ts';

export { CONTENT_MISMATCH };

/** Bytes that do not match the digest or size of their descriptor (an OCI layout, a file). Nothing is kept. */
export class ContentMismatchError extends FlotillaError {
  readonly expected: Descriptor;

  constructor(where: string, expected: Descriptor, what: string) {
    super(
      CONTENT_MISMATCH,
      `${where}: content of ${expected.digest} does not match its descriptor (${what}); it was refused and nothing was stored`,
    );
    this.expected = expected;
  }
}

/** The one content verifier lives with the transport (shared/transport/verify.ts); stores here use it. */
export { DigestVerifier };

/** Throws unless `bytes` has exactly the size and digest of `desc` (the size first: no hashing of what cannot match). */
export function verifyBytes(where: string, desc: Descriptor, bytes: Uint8Array): void {
  if (bytes.byteLength !== desc.size) {
    throw new ContentMismatchError(where, desc, `expected ${desc.size} bytes, got ${bytes.byteLength}`);
  }
  const v = new DigestVerifier(desc, (what: string) => new ContentMismatchError(where, desc, what));
  v.update(bytes);
  v.finish();
}

/**
 * A pass-through stream that verifies what flows through it (DigestVerifier):
 * it errors as soon as more than `desc.size` bytes arrive, or at the end when
 * the size or the digest differ. Whoever writes the output somewhere must
 * discard it when the stream errors.
 */
export function verifyingStream(where: string | ((what: string) => Error), desc: Descriptor): TransformStream<Uint8Array, Uint8Array> {
  const v = new DigestVerifier(desc, typeof where === 'string' ? (what: string) => new ContentMismatchError(where, desc, what) : where);
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      v.update(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      v.finish();
    },
  });
}

/** The largest manifest any store reads or writes (the distribution spec's usual limit). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

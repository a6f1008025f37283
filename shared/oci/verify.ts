import { createHash, type Hash } from 'node:crypto';
import { FlotillaError } from '../errors.ts';
import { CONTENT_MISMATCH } from '../transport/errors.ts';
import type { Digest } from './digest.ts';
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

/**
 * The one content verifier: counts and hashes bytes as they pass, fails as
 * soon as more than `desc.size` bytes arrive, and at `finish()` unless
 * exactly `desc.size` bytes with `desc.digest` were seen. `fail` makes the
 * error from what went wrong (a registry's error carries its registry and
 * status); by default a ContentMismatchError naming `where`.
 */
export class DigestVerifier {
  readonly desc: Descriptor;
  private readonly fail: (what: string) => Error;
  private readonly hash: Hash = createHash('sha256');
  received = 0;

  constructor(desc: Descriptor, fail: string | ((what: string) => Error)) {
    this.desc = desc;
    this.fail = typeof fail === 'string' ? (what) => new ContentMismatchError(fail, desc, what) : fail;
  }

  update(chunk: Uint8Array): void {
    this.received += chunk.byteLength;
    if (this.received > this.desc.size) throw this.fail(`more than the expected ${this.desc.size} bytes arrived`);
    this.hash.update(chunk);
  }

  /** Throws unless exactly `size` bytes with the expected digest were seen. */
  finish(): void {
    if (this.received !== this.desc.size) {
      throw this.fail(`expected ${this.desc.size} bytes, got ${this.received} (truncated)`);
    }
    const actual: Digest = `sha256:${this.hash.digest('hex')}`;
    if (actual !== this.desc.digest) throw this.fail(`the bytes hash to ${actual}, expected ${this.desc.digest}`);
  }
}

/** Throws unless `bytes` has exactly the size and digest of `desc` (the size first: no hashing of what cannot match). */
export function verifyBytes(where: string, desc: Descriptor, bytes: Uint8Array): void {
  if (bytes.byteLength !== desc.size) {
    throw new ContentMismatchError(where, desc, `expected ${desc.size} bytes, got ${bytes.byteLength}`);
  }
  const v = new DigestVerifier(desc, where);
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
  const v = new DigestVerifier(desc, where);
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

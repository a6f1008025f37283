import { createHash, type Hash } from 'node:crypto';
import { ContentVerificationError, type RegistryErrorContext, ResponseTooLargeError } from './errors.ts';

/** What bytes must be: an OCI descriptor's digest and size (the transport layer knows no more of it). */
export interface ExpectedContent {
  digest: string;
  size: number;
}

/**
 * The one content verifier: counts and hashes bytes as they pass, fails as
 * soon as more than `desc.size` bytes arrive, and at `finish()` unless
 * exactly `desc.size` bytes with `desc.digest` were seen. `fail` makes the
 * error from what went wrong: by default a registry's ContentVerificationError
 * carrying its registry, reference and status; shared/oci/verify.ts passes one
 * that names a layout or a file.
 */
export class DigestVerifier<D extends ExpectedContent = ExpectedContent> {
  readonly desc: D;
  private readonly fail: (what: string) => Error;
  private readonly hash: Hash = createHash('sha256');
  received = 0;

  constructor(desc: D, fail: RegistryErrorContext | ((what: string) => Error)) {
    this.desc = desc;
    this.fail = typeof fail === 'function' ? fail : (what) => new ContentVerificationError(fail, `${what}; refused`);
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
    const actual = `sha256:${this.hash.digest('hex')}`;
    if (actual !== this.desc.digest) throw this.fail(`the bytes hash to ${actual}, expected ${this.desc.digest}`);
  }
}

/**
 * Reads a body whole, refusing more than `limit` bytes (checked against
 * Content-Length first, then while reading).
 */
export async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
  ctx: RegistryErrorContext,
  what: string,
  contentLength?: string | null,
): Promise<Uint8Array> {
  if (contentLength && Number(contentLength) > limit) {
    await body?.cancel().catch(() => {});
    throw new ResponseTooLargeError(ctx, `${what} is ${contentLength} bytes, more than the ${limit} accepted`);
  }
  if (!body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new ResponseTooLargeError(ctx, `${what} is more than the ${limit} bytes accepted`);
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

export function concat(chunks: readonly Uint8Array[], total?: number): Uint8Array {
  const size = total ?? chunks.reduce((n, c) => n + c.byteLength, 0);
  if (chunks.length === 1 && chunks[0]?.byteLength === size) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

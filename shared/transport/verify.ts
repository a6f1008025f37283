import { createHash, type Hash } from 'node:crypto';
import { ContentVerificationError, type RegistryErrorContext, ResponseTooLargeError } from './errors.ts';

/** What bytes must be: an OCI descriptor's digest and size (the transport layer knows no more of it). */
export interface ExpectedContent {
  digest: string;
  size: number;
}

/** Counts and hashes bytes as they pass; `check()` says whether they match a descriptor. */
export class DigestVerifier {
  readonly desc: ExpectedContent;
  private readonly ctx: RegistryErrorContext;
  private readonly hash: Hash = createHash('sha256');
  received = 0;

  constructor(desc: ExpectedContent, ctx: RegistryErrorContext) {
    this.desc = desc;
    this.ctx = ctx;
  }

  update(chunk: Uint8Array): void {
    this.received += chunk.byteLength;
    if (this.received > this.desc.size) {
      throw new ContentVerificationError(this.ctx, `received more than the ${this.desc.size} bytes of ${this.desc.digest}; refused`);
    }
    this.hash.update(chunk);
  }

  /** Throws unless exactly `size` bytes with the expected digest were seen. */
  finish(): void {
    if (this.received !== this.desc.size) {
      throw new ContentVerificationError(
        this.ctx,
        `received ${this.received} of the ${this.desc.size} bytes of ${this.desc.digest} (truncated); refused`,
      );
    }
    const got = `sha256:${this.hash.digest('hex')}`;
    if (got !== this.desc.digest) {
      throw new ContentVerificationError(this.ctx, `content has digest ${got}, expected ${this.desc.digest}; refused`);
    }
  }
}

/** A stream that passes `source` through and errors unless the bytes match `desc`. */
export function verifyingStream(
  source: ReadableStream<Uint8Array>,
  desc: ExpectedContent,
  ctx: RegistryErrorContext,
): ReadableStream<Uint8Array> {
  const verifier = new DigestVerifier(desc, ctx);
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        verifier.update(chunk);
        controller.enqueue(chunk);
      },
      flush() {
        verifier.finish();
      },
    }),
  );
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

import { type RegistryErrorContext, ResponseTooLargeError } from './errors.ts';

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

/**
 * The one DER string reader of the code base: Fulcio writes its certificate
 * extensions (OIDs 1.3.6.1.4.1.57264.1.8 and up) as DER UTF8Strings. Strict:
 * the tag, a definite length in short or long form (at most 4 length bytes),
 * exactly the bytes the length says (no more, no fewer), and valid UTF-8.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Content of a DER UTF8String (tag 0x0c), or undefined when `value` is not exactly one well-formed UTF8String. */
export function derUtf8String(value: Uint8Array): string | undefined {
  if (value.length < 2 || value[0] !== 0x0c) return undefined;
  let len = value[1] as number;
  let offset = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    // 0: the indefinite form (not DER); more than 4 length bytes cannot describe a certificate extension
    if (n === 0 || n > 4 || value.length < 2 + n) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (value[2 + i] as number);
    offset = 2 + n;
  }
  if (offset + len !== value.length) return undefined;
  try {
    return utf8.decode(value.subarray(offset));
  } catch {
    return undefined;
  }
}

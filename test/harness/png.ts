// Decodes a PNG (8-bit greyscale, RGB or RGBA, non-interlaced: what Chromium's
// screenshots are) into pixels, and measures how much they vary: a screenshot
// test checks that the page drew something rather than a blank frame.
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** Channels per pixel: 1, 3 or 4. */
  channels: number;
  /** Row-major samples, `channels` per pixel. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_PIXELS = 50_000_000;

export function decodePng(bytes: Uint8Array): DecodedPng {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG: bad signature');
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (at + 8 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + length);
    if (data.length !== length) throw new Error(`truncated PNG chunk ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      channels = colour === 0 ? 1 : colour === 2 ? 3 : colour === 6 ? 4 : 0;
      if (depth !== 8 || channels === 0 || interlace !== 0)
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      if (width * height > MAX_PIXELS) throw new Error(`PNG too large: ${width}x${height}`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (width === 0 || height === 0) throw new Error('PNG without IHDR');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error(`PNG image data is ${raw.length} bytes, expected ${height * (stride + 1)}`);
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (row[x - channels] ?? 0) : 0;
      const b = prev[x] ?? 0;
      const c = x >= channels ? (prev[x - channels] ?? 0) : 0;
      const s = src[x] ?? 0;
      let v: number;
      if (filter === 0) v = s;
      else if (filter === 1) v = s + a;
      else if (filter === 2) v = s + b;
      else if (filter === 3) v = s + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = s + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new Error(`bad PNG filter ${filter} on row ${y}`);
      row[x] = v & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Variance of the pixels' luminance (0 for a blank, single-colour image), and how many distinct colours there are (up to a cap). */
export function pixelStats(png: DecodedPng): { variance: number; colours: number } {
  const n = png.width * png.height;
  let sum = 0;
  let sumSq = 0;
  const colours = new Set<number>();
  for (let i = 0; i < n; i++) {
    const o = i * png.channels;
    const r = png.pixels[o] ?? 0;
    const g = png.channels >= 3 ? (png.pixels[o + 1] ?? 0) : r;
    const b = png.channels >= 3 ? (png.pixels[o + 2] ?? 0) : r;
    const y = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += y;
    sumSq += y * y;
    if (colours.size < 10_000) colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / n;
  return { variance: sumSq / n - mean * mean, colours: colours.size };
}

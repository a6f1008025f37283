// wasi:http/types@0.2.10 for the gateways built in the `world` WASI mode: an
// incoming request read into a plain object, a plain response object written
// out. QuickJS has no URL or fetch API, so the query string and UTF-8 are here.
import types from 'wasi:http/types@0.2.10';

const { Fields, OutgoingBody, OutgoingResponse, ResponseOutparam } = types;

/** The largest write blocking-write-and-flush accepts. */
const WRITE_CHUNK = 4096;
const MAX_BODY_BYTES = 1 << 20;

function utf8Encode(text) {
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

function utf8Decode(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let c;
    let n;
    if (b < 0x80) [c, n] = [b, 1];
    else if (b >= 0xf0) [c, n] = [b & 7, 4];
    else if (b >= 0xe0) [c, n] = [b & 15, 3];
    else [c, n] = [b & 31, 2];
    for (let k = 1; k < n; k++) c = (c << 6) | ((bytes[i + k] ?? 0) & 63);
    s += String.fromCodePoint(c);
    i += n;
  }
  return s;
}

function decodeComponent(text) {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** `/path?a=1&b=2` -> { pathname, searchParams: { get(name) } } */
export function parseTarget(pathWithQuery) {
  const q = pathWithQuery.indexOf('?');
  const pathname = q < 0 ? pathWithQuery : pathWithQuery.slice(0, q);
  const params = new Map();
  if (q >= 0) {
    for (const pair of pathWithQuery.slice(q + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
      if (!params.has(name)) params.set(name, eq < 0 ? '' : decodeComponent(pair.slice(eq + 1)));
    }
  }
  return { pathname, search: q < 0 ? '' : pathWithQuery.slice(q), searchParams: { get: (name) => params.get(name) ?? null } };
}

function methodName(method) {
  return method.tag === 'other' ? method.val : method.tag.toUpperCase();
}

function readBody(request) {
  const body = request.consume();
  const stream = body.stream();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      let chunk;
      try {
        chunk = stream.blockingRead(65536);
      } catch (err) {
        // QuickJS raises result errors as an Error carrying the WIT value in `payload`.
        const e = err && typeof err === 'object' && 'payload' in err ? err.payload : err;
        if (e && e.tag === 'closed') break;
        throw err;
      }
      total += chunk.length;
      if (total > MAX_BODY_BYTES) throw 'request body larger than 1 MiB';
      chunks.push(chunk);
    }
  } finally {
    stream[Symbol.dispose]();
    body[Symbol.dispose]();
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return utf8Decode(all);
}

/** { method, url, headers (lower-case name -> first value), body (text) } */
export function readRequest(request) {
  const headers = {};
  const fields = request.headers();
  for (const [name, value] of fields.entries()) {
    const key = name.toLowerCase();
    if (!(key in headers)) headers[key] = utf8Decode(value);
  }
  fields[Symbol.dispose]();
  const method = methodName(request.method());
  const url = parseTarget(request.pathWithQuery() ?? '/');
  const body = method === 'GET' || method === 'HEAD' ? '' : readBody(request);
  return { method, url, headers, body };
}

/** Sends { status, headers, body } through the response outparam. */
export function writeResponse(responseOut, response) {
  const bytes = utf8Encode(response.body);
  const headerList = Object.entries(response.headers).map(([name, value]) => [name, utf8Encode(value)]);
  headerList.push(['content-length', utf8Encode(String(bytes.length))]);
  const outgoing = new OutgoingResponse(Fields.fromList(headerList));
  outgoing.setStatusCode(response.status);
  const body = outgoing.body();
  ResponseOutparam.set(responseOut, { tag: 'ok', val: outgoing });
  const stream = body.write();
  for (let at = 0; at < bytes.length; at += WRITE_CHUNK) stream.blockingWriteAndFlush(bytes.subarray(at, at + WRITE_CHUNK));
  stream[Symbol.dispose]();
  OutgoingBody.finish(body, null);
}

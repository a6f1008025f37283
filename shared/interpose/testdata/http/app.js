// An HTTP backend that answers which version it is, with what it was sent:
// method, path, the headers the splitter routes by, and the body.
import types from 'wasi:http/types@0.2.10';

const { Fields, OutgoingBody, OutgoingResponse, ResponseOutparam } = types;

// QuickJS has no TextEncoder: UTF-8 by hand
const encoder = {
  encode(text) {
    const out = [];
    for (const ch of text) {
      const c = ch.codePointAt(0);
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return new Uint8Array(out);
  },
};
const decoder = {
  decode(bytes) {
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
  },
};

function header(fields, name) {
  const values = fields.get(name);
  return values.length === 0 ? null : decoder.decode(values[0]);
}

function readBody(request) {
  const body = request.consume();
  const stream = body.stream();
  const chunks = [];
  try {
    for (;;) {
      try {
        chunks.push(stream.blockingRead(65536));
      } catch (err) {
        const e = err && typeof err === 'object' && 'payload' in err ? err.payload : err;
        if (e && e.tag === 'closed') break;
        throw err;
      }
    }
  } finally {
    stream[Symbol.dispose]();
    body[Symbol.dispose]();
  }
  let n = 0;
  for (const c of chunks) n += c.length;
  const all = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return decoder.decode(all);
}

export function app(version) {
  let served = 0;
  return {
    handle(request, responseOut) {
      served += 1;
      const fields = request.headers();
      const seen = {
        version,
        served,
        method: request.method().tag,
        path: request.pathWithQuery() ?? '/',
        user: header(fields, 'x-user'),
        cookie: header(fields, 'cookie'),
        canary: header(fields, 'x-flotilla-canary'),
      };
      fields[Symbol.dispose]();
      seen.body = seen.method === 'get' ? '' : readBody(request);
      const bytes = encoder.encode(JSON.stringify(seen));
      const out = new OutgoingResponse(
        Fields.fromList([
          ['content-type', encoder.encode('application/json')],
          ['x-version', encoder.encode(version)],
          ['content-length', encoder.encode(String(bytes.length))],
        ]),
      );
      out.setStatusCode(200);
      const body = out.body();
      ResponseOutparam.set(responseOut, { tag: 'ok', val: out });
      const stream = body.write();
      for (let at = 0; at < bytes.length; at += 4096) stream.blockingWriteAndFlush(bytes.subarray(at, at + 4096));
      stream[Symbol.dispose]();
      OutgoingBody.finish(body, null);
    },
  };
}

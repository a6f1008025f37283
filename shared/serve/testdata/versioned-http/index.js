// Serve-test fixture (componentize-qjs, raw wasi:http): answers with its
// VERSION (the tests build it as v1 and v2: two digests), the request headers
// serve passes on, and a counter of the requests this instance served.
//   /no-response  returns without setting a response
//   /error-code   answers the outparam with a wasi:http error-code
//   /spin?ms=N    spins N milliseconds before answering (at most 1000)
import types from 'wasi:http/types@0.2.10';

const VERSION = 'v1';
let served = 0;

function header(fields, name) {
  const values = fields.get(name);
  return values.length === 0 ? null : values.map((v) => String.fromCharCode(...v)).join(',');
}

function answer(responseOut, status, value) {
  const text = JSON.stringify(value);
  const bytes = new Uint8Array([...text].map((c) => c.charCodeAt(0) & 0xff));
  const headers = new types.Fields();
  headers.append('content-type', new Uint8Array([...'application/json'].map((c) => c.charCodeAt(0))));
  const response = new types.OutgoingResponse(headers);
  response.setStatusCode(status);
  const body = response.body();
  types.ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
  const stream = body.write();
  stream.blockingWriteAndFlush(bytes);
  stream[Symbol.dispose]();
  types.OutgoingBody.finish(body, null);
}

export const incomingHandler = {
  handle(request, responseOut) {
    served += 1;
    const target = request.pathWithQuery() ?? '/';
    const path = target.split('?')[0];
    if (path === '/no-response') return;
    if (path === '/error-code') {
      types.ResponseOutparam.set(responseOut, { tag: 'err', val: { tag: 'internal-error', val: 'asked to fail' } });
      return;
    }
    if (path === '/spin') {
      const ms = Math.min(1000, Number(/ms=(\d+)/.exec(target)?.[1] ?? '0'));
      const until = Date.now() + ms;
      while (Date.now() < until) {
        // busy: the handler is running
      }
    }
    const headers = request.headers();
    let immutable = false;
    try {
      headers.append('x-added-by-component', new Uint8Array([49]));
    } catch (e) {
      immutable = e?.payload?.tag === 'immutable' || e?.tag === 'immutable' || String(e).includes('immutable');
    }
    answer(responseOut, path === '/missing' ? 404 : 200, {
      version: VERSION,
      served,
      path,
      traceparent: header(headers, 'traceparent'),
      tracestate: header(headers, 'tracestate'),
      requestId: header(headers, 'x-request-id'),
      headersImmutable: immutable,
    });
  },
};

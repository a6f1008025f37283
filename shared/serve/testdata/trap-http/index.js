// Serve-test fixture (componentize-qjs): answers "ok" with a request counter,
// and throws on /boom, which the host sees as a trap.
import types from 'wasi:http/types@0.2.10';

let served = 0;

export const incomingHandler = {
  handle(request, responseOut) {
    served += 1;
    if ((request.pathWithQuery() ?? '/') === '/boom') throw new Error('boom');
    const text = `ok ${served}`;
    const bytes = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
    const response = new types.OutgoingResponse(new types.Fields());
    response.setStatusCode(200);
    const body = response.body();
    types.ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
    const stream = body.write();
    stream.blockingWriteAndFlush(bytes);
    stream[Symbol.dispose]();
    types.OutgoingBody.finish(body, null);
  },
};

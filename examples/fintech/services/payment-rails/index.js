// fed:ach-processor — the payment rails (docker.io/fed/ach-processor).
// Exports fintech:platform/payment-rails@1.0.0. The one component of the
// platform that may reach the network (the policy allows it here only): a
// closed batch's settlement file is POSTed to the operator's endpoint over
// wasi:http/outgoing-handler when one is set, and kept for pickup otherwise.
import outgoing from 'wasi:http/outgoing-handler@0.2.10';
import types from 'wasi:http/types@0.2.10';
import { utf8 } from '../../../lib/js/bytes.js';
import { withNumbers } from '../../../lib/js/wit.js';
import { createRails } from '../shared/ach.js';

const { Fields, OutgoingBody, OutgoingRequest } = types;
const WRITE_CHUNK = 4096;
const rails = createRails();
let operator;

function parseUrl(url) {
  const m = /^(https?):\/\/([^/?#]+)(\/[^#]*)?$/.exec(url);
  if (m === null) throw `not an http(s) URL: ${url}`;
  return { scheme: m[1], authority: m[2], path: m[3] ?? '/' };
}

/** POSTs the file; answers the HTTP status or throws why it could not. */
function transmit(url, batchId, file) {
  const { scheme, authority, path } = parseUrl(url);
  const bytes = utf8(file);
  const headers = Fields.fromList([
    ['content-type', utf8('text/plain; charset=us-ascii')],
    ['x-ach-batch-id', utf8(batchId)],
    ['content-length', utf8(String(bytes.length))],
  ]);
  const request = new OutgoingRequest(headers);
  request.setMethod({ tag: 'post' });
  request.setScheme({ tag: scheme === 'https' ? 'HTTPS' : 'HTTP' });
  request.setAuthority(authority);
  request.setPathWithQuery(path);
  const body = request.body();
  const future = outgoing.handle(request, undefined);
  const stream = body.write();
  for (let at = 0; at < bytes.length; at += WRITE_CHUNK) stream.blockingWriteAndFlush(bytes.subarray(at, at + WRITE_CHUNK));
  stream[Symbol.dispose]();
  OutgoingBody.finish(body, undefined);
  const pollable = future.subscribe();
  pollable.block();
  pollable[Symbol.dispose]();
  const answer = future.get();
  // option<result<result<incoming-response, error-code>, _>>
  if (answer === undefined) throw 'no response';
  const outer = answer.tag === 'ok' ? answer.val : answer;
  const inner = outer && outer.tag !== undefined ? outer : { tag: 'ok', val: outer };
  if (inner.tag !== 'ok') throw `the operator did not answer: ${JSON.stringify(inner.val)}`;
  const status = inner.val.status();
  inner.val[Symbol.dispose]();
  future[Symbol.dispose]();
  return status;
}

const paymentRailsImpl = {
  originate: rails.originate,
  pending: rails.pending,
  closeBatch(ctx) {
    const batch = rails.closeBatch(ctx);
    if (operator === undefined) return batch;
    let status;
    try {
      status = transmit(operator, batch.id, batch.file);
    } catch (err) {
      rails.reopen(batch); // nothing is lost: the entries go out with the next batch
      throw `batch ${batch.id} was not sent: ${err}`;
    }
    if (status < 200 || status >= 300) {
      rails.reopen(batch);
      throw `the operator refused batch ${batch.id} with HTTP ${status}`;
    }
    return { ...batch, transmitted: true };
  },
  setOperator(url) {
    if (url != null) parseUrl(url);
    operator = url ?? undefined;
  },
  operator() {
    return operator;
  },
};

export const paymentRails = withNumbers(paymentRailsImpl);

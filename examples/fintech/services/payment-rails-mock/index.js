// The payment rails' development mock: the same ACH batching and settlement
// files as fed/ach-processor, never transmitted (no network at all).

import { withNumbers } from '../../../lib/js/wit.js';
import { createRails } from '../shared/ach.js';

const rails = createRails();
let operator;

const paymentRailsImpl = {
  originate: rails.originate,
  pending: rails.pending,
  closeBatch: rails.closeBatch,
  setOperator(url) {
    if (url != null && !/^https?:\/\/[^/?#]+/.test(url)) throw `not an http(s) URL: ${url}`;
    operator = url ?? undefined;
  },
  operator() {
    return operator === undefined ? undefined : `${operator} (mock: nothing is sent)`;
  },
};

export const paymentRails = withNumbers(paymentRailsImpl);

// ecommerce:payment-processor — card authorizations with per-card limits,
// idempotency keys and capture/cancel. Exports ecommerce:platform/payment@1.0.0.
// Card tokens follow the test-token convention of card processors.
import { withCallLog } from '../../../lib/js/observe.js';

const PROCESSOR = 'stripe/payment-processor@3.2.0';
const SUPPORTED_CURRENCIES = new Set(['USD', 'EUR', 'GBP']);
/** card token -> remaining credit in cents */
const creditCents = new Map([
  ['tok_visa', 500000],
  ['tok_mastercard', 300000],
  ['tok_amex', 1000000],
  ['tok_low_balance', 2000],
]);
/** tokens that the issuer always declines, with the reason it gives */
const alwaysDeclined = new Map([
  ['tok_chargeDeclined', 'card declined by issuer'],
  ['tok_expired', 'card expired'],
]);
/** authorization id -> { auth, cardToken, state: 'authorized' | 'captured' | 'canceled' } */
const authorizations = new Map();
/** idempotency key -> authorization id */
const byIdempotencyKey = new Map();
let nextAuthorization = 1;

function find(id) {
  const entry = authorizations.get(id);
  if (entry === undefined) throw { tag: 'unknown-authorization', val: id };
  return entry;
}

export const payment = withCallLog('payment-processor', {
  authorize(request) {
    const previous = byIdempotencyKey.get(request.idempotencyKey);
    if (previous !== undefined) return authorizations.get(previous).auth;
    if (request.amountCents === 0) throw { tag: 'invalid-request', val: 'amount must be positive' };
    if (!SUPPORTED_CURRENCIES.has(request.currency)) {
      throw { tag: 'invalid-request', val: `unsupported currency ${request.currency}` };
    }
    const declinedReason = alwaysDeclined.get(request.cardToken);
    if (declinedReason !== undefined) throw { tag: 'declined', val: declinedReason };
    const credit = creditCents.get(request.cardToken);
    if (credit === undefined) throw { tag: 'declined', val: `unknown card token ${request.cardToken}` };
    if (request.amountCents > credit) throw { tag: 'declined', val: 'insufficient funds' };
    creditCents.set(request.cardToken, credit - request.amountCents);
    const id = `pi_${String(nextAuthorization++).padStart(8, '0')}`;
    const auth = { id, amountCents: request.amountCents, currency: request.currency, processor: PROCESSOR };
    authorizations.set(id, { auth, cardToken: request.cardToken, state: 'authorized' });
    byIdempotencyKey.set(request.idempotencyKey, id);
    return auth;
  },
  capture(authorizationId) {
    const entry = find(authorizationId);
    if (entry.state !== 'authorized') throw { tag: 'invalid-request', val: `authorization ${authorizationId} is ${entry.state}` };
    entry.state = 'captured';
  },
  cancel(authorizationId) {
    const entry = find(authorizationId);
    if (entry.state !== 'authorized') throw { tag: 'invalid-request', val: `authorization ${authorizationId} is ${entry.state}` };
    entry.state = 'canceled';
    creditCents.set(entry.cardToken, (creditCents.get(entry.cardToken) ?? 0) + entry.auth.amountCents);
  },
});

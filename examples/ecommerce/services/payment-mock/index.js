// ecommerce:payment-mock — the development stand-in for the payment processor:
// same interface (ecommerce:platform/payment@1.0.0), approves every valid request
// with deterministic ids, charges nothing.
import { withCallLog } from '../../../lib/js/observe.js';

const authorizations = new Map();
const byIdempotencyKey = new Map();
let next = 1;

export const payment = withCallLog('payment-mock', {
  authorize(request) {
    const previous = byIdempotencyKey.get(request.idempotencyKey);
    if (previous !== undefined) return authorizations.get(previous).auth;
    if (request.amountCents === 0) throw { tag: 'invalid-request', val: 'amount must be positive' };
    const id = `mock-auth-${String(next++).padStart(6, '0')}`;
    const auth = { id, amountCents: request.amountCents, currency: request.currency, processor: 'payment-mock' };
    authorizations.set(id, { auth, state: 'authorized' });
    byIdempotencyKey.set(request.idempotencyKey, id);
    return auth;
  },
  capture(authorizationId) {
    const entry = authorizations.get(authorizationId);
    if (entry === undefined) throw { tag: 'unknown-authorization', val: authorizationId };
    entry.state = 'captured';
  },
  cancel(authorizationId) {
    const entry = authorizations.get(authorizationId);
    if (entry === undefined) throw { tag: 'unknown-authorization', val: authorizationId };
    entry.state = 'canceled';
  },
});

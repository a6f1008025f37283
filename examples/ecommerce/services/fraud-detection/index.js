// ecommerce:fraud-detection — rule-based risk scoring of a checkout.
// Exports ecommerce:platform/fraud@1.0.0.
import { withCallLog } from '../../../lib/js/observe.js';

const APPROVE_BELOW = 30;
const REJECT_FROM = 70;
const FLAGGED_CARD_WORDS = ['stolen', 'fraud', 'test_risky'];
/** user id -> number of checkouts assessed so far (velocity) */
const attempts = new Map();

export const fraud = withCallLog('fraud-detection', {
  assess(request) {
    let score = 5;
    const reasons = [];
    if (request.amountCents >= 100000) {
      score += 40;
      reasons.push('amount of 1000.00 or more');
    } else if (request.amountCents >= 50000) {
      score += 20;
      reasons.push('amount of 500.00 or more');
    }
    if (request.itemCount > 10) {
      score += 15;
      reasons.push('more than 10 items');
    }
    if (FLAGGED_CARD_WORDS.some((w) => request.cardToken.includes(w))) {
      score += 80;
      reasons.push('card token on the watch list');
    }
    const seen = (attempts.get(request.userId) ?? 0) + 1;
    attempts.set(request.userId, seen);
    if (seen > 3) {
      score += 10 * (seen - 3);
      reasons.push(`checkout attempt ${seen} in this session`);
    }
    score = Math.min(score, 100);
    const decision = score < APPROVE_BELOW ? 'approve' : score < REJECT_FROM ? 'review' : 'reject';
    if (reasons.length === 0) reasons.push('no risk signals');
    return { score, decision, reasons };
  },
});

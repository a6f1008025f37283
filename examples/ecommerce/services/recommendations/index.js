// ecommerce:recommendations — "bought together" recommendations from
// co-purchase counts, seeded with past orders and updated by record-purchase.
// Imports ecommerce:platform/catalog@1.0.0, exports ecommerce:platform/recommendations@1.0.0.
//
// score(a -> b) = orders containing both a and b / orders containing a
// (the confidence of the rule a => b). When there are fewer co-purchases than
// asked for, products of the same category fill the list with score 0.
import catalog from 'ecommerce:platform/catalog@1.0.0';
import { withCallLog } from '../../../lib/js/observe.js';

const PAST_ORDERS = [
  ['p-2001', 'p-2002'],
  ['p-2001', 'p-2002', 'p-2003'],
  ['p-2001', 'p-2003'],
  ['p-2002', 'p-2003'],
  ['p-1001', 'p-1002'],
  ['p-1001', 'p-1002', 'p-1003'],
  ['p-1001', 'p-1003'],
  ['p-1004', 'p-1003'],
  ['p-3001', 'p-3002'],
  ['p-3003', 'p-3002'],
  ['p-3003', 'p-4001'],
];

/** product -> number of orders containing it */
const purchases = new Map();
/** product -> Map(other product -> number of orders containing both) */
const together = new Map();

function recordPurchase(productIds) {
  const unique = [...new Set(productIds)];
  for (const a of unique) {
    purchases.set(a, (purchases.get(a) ?? 0) + 1);
    let row = together.get(a);
    if (row === undefined) {
      row = new Map();
      together.set(a, row);
    }
    for (const b of unique) if (b !== a) row.set(b, (row.get(b) ?? 0) + 1);
  }
}

for (const order of PAST_ORDERS) recordPurchase(order);

export const recommendations = withCallLog('recommendations', {
  forProduct(productId, limit) {
    const product = catalog.getProduct(productId);
    if (product === null || product === undefined || limit === 0) return [];
    const bought = purchases.get(productId) ?? 0;
    const result = [];
    const row = together.get(productId) ?? new Map();
    const ranked = [...row].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
    for (const [other, count] of ranked) {
      const p = catalog.getProduct(other);
      if (p === null || p === undefined) continue;
      result.push({ productId: other, name: p.name, score: count / bought, reason: `bought together in ${count} of ${bought} orders` });
      if (result.length === limit) return result;
    }
    const seen = new Set([productId, ...result.map((r) => r.productId)]);
    for (const p of catalog.listProducts(product.category)) {
      if (seen.has(p.id)) continue;
      result.push({ productId: p.id, name: p.name, score: 0, reason: `also in ${product.category}` });
      if (result.length === limit) break;
    }
    return result;
  },
  recordPurchase,
});

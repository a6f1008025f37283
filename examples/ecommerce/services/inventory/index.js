// ecommerce:inventory — stock levels and all-or-nothing reservations.
// Exports ecommerce:platform/inventory@1.0.0.
import { withCallLog } from '../../../lib/js/observe.js';

const onHand = new Map([
  ['p-1001', 25],
  ['p-1002', 10],
  ['p-1003', 40],
  ['p-1004', 3],
  ['p-2001', 2],
  ['p-2002', 8],
  ['p-2003', 60],
  ['p-2004', 15],
  ['p-3001', 5],
  ['p-3002', 100],
  ['p-3003', 12],
  ['p-4001', 30],
]);
/** sku -> units held by open reservations */
const held = new Map();
/** reservation id -> { lines, state: 'open' | 'committed' | 'released' } */
const reservations = new Map();
let nextReservation = 1;

function availableUnits(sku) {
  return (onHand.get(sku) ?? 0) - (held.get(sku) ?? 0);
}

function openReservation(id) {
  const r = reservations.get(id);
  if (r === undefined) throw `unknown reservation ${id}`;
  if (r.state !== 'open') throw `reservation ${id} is already ${r.state}`;
  return r;
}

function unhold(lines) {
  for (const { sku, quantity } of lines) held.set(sku, (held.get(sku) ?? 0) - quantity);
}

export const inventory = withCallLog('inventory', {
  available(sku) {
    return onHand.has(sku) ? availableUnits(sku) : null;
  },
  reserve(lines) {
    if (lines.length === 0) throw { tag: 'empty' };
    // Sum quantities per SKU first: two lines of the same SKU share the stock.
    const wanted = new Map();
    for (const { sku, quantity } of lines) {
      if (!onHand.has(sku)) throw { tag: 'unknown-sku', val: sku };
      wanted.set(sku, (wanted.get(sku) ?? 0) + quantity);
    }
    for (const [sku, requested] of wanted) {
      const available = availableUnits(sku);
      if (requested > available) throw { tag: 'out-of-stock', val: { sku, requested, available } };
    }
    for (const [sku, requested] of wanted) held.set(sku, (held.get(sku) ?? 0) + requested);
    const id = `res-${String(nextReservation++).padStart(6, '0')}`;
    const kept = [...wanted].map(([sku, quantity]) => ({ sku, quantity }));
    reservations.set(id, { lines: kept, state: 'open' });
    return { id, lines: kept };
  },
  commit(reservationId) {
    const r = openReservation(reservationId);
    unhold(r.lines);
    for (const { sku, quantity } of r.lines) onHand.set(sku, (onHand.get(sku) ?? 0) - quantity);
    r.state = 'committed';
  },
  release(reservationId) {
    const r = openReservation(reservationId);
    unhold(r.lines);
    r.state = 'released';
  },
});

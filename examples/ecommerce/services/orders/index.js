// ecommerce:orders — checkout and order history.
// Imports cart, inventory, payment and fraud (ecommerce:platform/*@1.0.0),
// exports ecommerce:platform/orders@1.0.0.
//
// place-order: read the cart, reserve the stock, score fraud, authorize the
// card; then commit the reservation, capture the payment and empty the cart.
// A failure after the reservation releases it; a failure after the
// authorization cancels it.
import cart from 'ecommerce:platform/cart@1.0.0';
import fraud from 'ecommerce:platform/fraud@1.0.0';
import inventory from 'ecommerce:platform/inventory@1.0.0';
import payment from 'ecommerce:platform/payment@1.0.0';
import { logEvent, withCallLog } from '../../../lib/js/observe.js';

const orderById = new Map();
/** user id -> order ids, oldest first */
const ordersByUser = new Map();
let nextOrder = 1;

/** QuickJS raises an imported call's error as an Error carrying the WIT value in `payload`. */
function payloadOf(err) {
  return err && typeof err === 'object' && 'payload' in err ? err.payload : err;
}

/** Text of an error variant coming back from an imported service. */
function describe(err) {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && 'tag' in err) {
    const v = err.val;
    if (v === undefined) return err.tag;
    if (typeof v === 'object') return `${err.tag}: ${JSON.stringify(v)}`;
    return `${err.tag}: ${v}`;
  }
  return String(err);
}

function placeOrder(userId, cardToken) {
  const view = cart.getCart(userId);
  if (view.lines.length === 0) throw { tag: 'empty-cart' };
  const id = `ord-${String(nextOrder++).padStart(6, '0')}`;

  let reservation;
  try {
    reservation = inventory.reserve(view.lines.map((l) => ({ sku: l.productId, quantity: l.quantity })));
  } catch (thrown) {
    const err = payloadOf(thrown);
    if (err && err.tag === 'out-of-stock') {
      const s = err.val;
      throw { tag: 'out-of-stock', val: `${s.sku}: requested ${s.requested}, available ${s.available}` };
    }
    throw { tag: 'failed', val: `inventory: ${describe(err)}` };
  }

  const assessment = fraud.assess({ userId, amountCents: view.totalCents, itemCount: view.itemCount, cardToken });
  if (assessment.decision === 'reject') {
    inventory.release(reservation.id);
    throw { tag: 'fraud-rejected', val: assessment.score };
  }

  let auth;
  try {
    auth = payment.authorize({
      userId,
      amountCents: view.totalCents,
      currency: 'USD',
      cardToken,
      idempotencyKey: id,
    });
  } catch (thrown) {
    const err = payloadOf(thrown);
    inventory.release(reservation.id);
    if (err && err.tag === 'declined') throw { tag: 'payment-declined', val: err.val };
    throw { tag: 'failed', val: `payment: ${describe(err)}` };
  }

  try {
    inventory.commit(reservation.id);
  } catch (thrown) {
    payment.cancel(auth.id);
    throw { tag: 'failed', val: `inventory commit: ${describe(payloadOf(thrown))}` };
  }
  payment.capture(auth.id);
  cart.clear(userId);

  const order = {
    id,
    userId,
    lines: view.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
    subtotalCents: view.subtotalCents,
    taxCents: view.taxCents,
    totalCents: view.totalCents,
    // An order the fraud check wants a human to look at is taken, but held.
    status: assessment.decision === 'review' ? 'held-for-review' : 'confirmed',
    reservationId: reservation.id,
    paymentAuthorizationId: auth.id,
    paymentProcessor: auth.processor,
    fraudScore: assessment.score,
    fraudDecision: assessment.decision,
  };
  orderById.set(id, order);
  const mine = ordersByUser.get(userId) ?? [];
  mine.push(id);
  ordersByUser.set(userId, mine);
  logEvent('orders', 'order placed', {
    order_id: id,
    user_id: userId,
    status: order.status,
    total_cents: Number(order.totalCents),
    reservation_id: reservation.id,
  });
  return order;
}

export const orders = withCallLog('orders', {
  placeOrder,
  getOrder(id) {
    return orderById.get(id) ?? null;
  },
  listOrders(userId) {
    return (ordersByUser.get(userId) ?? []).map((id) => orderById.get(id));
  },
});

// ecommerce:cart — one cart per user, priced from the catalog it imports.
// Imports ecommerce:platform/catalog@1.0.0, exports ecommerce:platform/cart@1.0.0.
import catalog from 'ecommerce:platform/catalog@1.0.0';
import { withCallLog } from '../../../lib/js/observe.js';

/** Sales tax in basis points (8.25%). */
const TAX_BASIS_POINTS = 825;
/** user id -> Map(product id -> quantity), in insertion order */
const carts = new Map();

function view(userId) {
  const items = carts.get(userId) ?? new Map();
  const lines = [];
  let itemCount = 0;
  let subtotalCents = 0;
  for (const [productId, quantity] of items) {
    const product = catalog.getProduct(productId);
    // A product withdrawn from the catalog since it was added is dropped from the view.
    if (product === null || product === undefined) continue;
    const lineTotalCents = product.priceCents * quantity;
    lines.push({ productId, name: product.name, quantity, unitPriceCents: product.priceCents, lineTotalCents });
    itemCount += quantity;
    subtotalCents += lineTotalCents;
  }
  // Round half up to the cent.
  const taxCents = Math.floor((subtotalCents * TAX_BASIS_POINTS + 5000) / 10000);
  return { userId, lines, itemCount, subtotalCents, taxCents, totalCents: subtotalCents + taxCents };
}

export const cart = withCallLog('cart', {
  addItem(userId, productId, quantity) {
    if (quantity === 0) throw 'quantity must be at least 1';
    const product = catalog.getProduct(productId);
    if (product === null || product === undefined) throw `unknown product ${productId}`;
    let items = carts.get(userId);
    if (items === undefined) {
      items = new Map();
      carts.set(userId, items);
    }
    items.set(productId, (items.get(productId) ?? 0) + quantity);
    return view(userId);
  },
  removeItem(userId, productId) {
    const items = carts.get(userId);
    if (items === undefined || !items.delete(productId)) throw `product ${productId} is not in the cart of ${userId}`;
    return view(userId);
  },
  getCart(userId) {
    return view(userId);
  },
  clear(userId) {
    carts.delete(userId);
  },
});

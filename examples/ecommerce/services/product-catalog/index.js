// ecommerce:product-catalog — the products on sale, prices in cents.
// Exports ecommerce:platform/catalog@1.0.0.
import { withCallLog } from '../../../lib/js/observe.js';

const products = new Map();

function add(id, name, category, priceCents, tags, description) {
  products.set(id, { id, name, description, category, priceCents, tags });
}

add(
  'p-1001',
  'Trail Running Shoes',
  'outdoor',
  12999,
  ['shoes', 'running', 'trail'],
  'Lightweight shoes with a grippy sole for muddy trails.',
);
add('p-1002', 'Hydration Vest', 'outdoor', 8950, ['running', 'water', 'trail'], 'A 5 litre vest with two soft flasks.');
add('p-1003', 'Headlamp 400lm', 'outdoor', 3999, ['light', 'camping', 'running'], 'Rechargeable headlamp for night runs and camping.');
add('p-1004', 'Two-Person Tent', 'outdoor', 24900, ['camping', 'tent'], 'Freestanding tent that packs to 1.8 kg.');
add('p-2001', 'Espresso Machine', 'kitchen', 45900, ['coffee', 'espresso'], 'Dual boiler espresso machine with a steam wand.');
add('p-2002', 'Burr Coffee Grinder', 'kitchen', 17900, ['coffee', 'grinder'], 'Conical burr grinder with 40 settings.');
add('p-2003', 'Milk Frothing Pitcher', 'kitchen', 1999, ['coffee', 'milk'], 'Stainless steel pitcher for latte art.');
add('p-2004', 'Cast Iron Skillet', 'kitchen', 3450, ['cooking', 'pan'], 'Pre-seasoned 26 cm skillet.');
add(
  'p-3001',
  'Noise Cancelling Headphones',
  'electronics',
  29900,
  ['audio', 'headphones', 'travel'],
  'Over-ear headphones with 30 hours of battery.',
);
add('p-3002', 'USB-C Charger 65W', 'electronics', 4500, ['charger', 'usb-c', 'travel'], 'Compact charger for laptops and phones.');
add('p-3003', 'Mechanical Keyboard', 'electronics', 11900, ['keyboard', 'office'], 'Tenkeyless keyboard with hot-swap switches.');
add('p-4001', 'The Pragmatic Programmer', 'books', 4299, ['programming', 'software'], 'Classic book on the craft of software.');

export const catalog = withCallLog('product-catalog', {
  listProducts(category) {
    const all = [...products.values()];
    if (category === null || category === undefined) return all;
    return all.filter((p) => p.category === category);
  },
  getProduct(id) {
    return products.get(id) ?? null;
  },
});

// ecommerce:web-frontend — the storefront (flotilla:platform/web-frontend).
// Imports flotilla:platform/api-client (the gateway's API, in-process) and
// the monotonic clock; exports ui (views), state (a cache with expiry) and pwa.
//
// render(route) answers the storefront page as a view (a node list the
// storefront edge serializes to HTML): header with search, the product list
// rendered on the server from the catalog (so it shows without JavaScript),
// the cart with checkout, and the order history; the page's script then
// talks to the same API over HTTP. Product lists are cached for 5 seconds.
import apiClient from 'flotilla:platform/api-client@1.0.0';
import monotonic from 'wasi:clocks/monotonic-clock@0.2.10';
import { num } from '../../../lib/js/wit.js';
import { CLIENT_SCRIPT } from './client.js';

const PRODUCTS_TTL_MS = 5000;
const DEMO_USER = { id: 'alice', token: 'tok-alice-7f3a' };
const STYLE = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; background: #f4f1ea; color: #1f2933; }
  header { display: flex; gap: 1rem; align-items: center; padding: 0.8rem 1.5rem; background: #1f3a5f; color: #fff; }
  header h1 { margin: 0; font-size: 1.3rem; flex: 1; }
  header input, header button, select { font: inherit; padding: 0.35rem 0.6rem; border-radius: 4px; border: 1px solid #9fb3c8; }
  main { display: grid; grid-template-columns: 1fr 320px; gap: 1.5rem; padding: 1.5rem; }
  #products { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 1rem; }
  .product { background: #fff; border-radius: 8px; padding: 0.9rem; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  .product h3 { margin: 0 0 0.3rem; font-size: 1rem; }
  .price { font-weight: 700; color: #0b6e4f; font-size: 1.1rem; }
  .category, .stock { color: #627d98; margin: 0.2rem 0; }
  button { background: #e8833a; color: #fff; border: 0; border-radius: 4px; padding: 0.45rem 0.8rem; cursor: pointer; font: inherit; }
  button[disabled] { background: #bcccdc; cursor: default; }
  aside section { background: #fff; border-radius: 8px; padding: 1rem; margin-bottom: 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  aside h2 { margin: 0 0 0.5rem; font-size: 1.05rem; }
  #notice.ok { color: #0b6e4f; } #notice.error { color: #b42318; }
  #order-confirmation { font-weight: 700; color: #0b6e4f; }
`;

const cache = new Map();
let online = true;
const queued = [];
const messages = [];

function nowMs() {
  return num(monotonic.now()) / 1e6;
}

function cached(key, ttlMs, load) {
  const hit = cache.get(key);
  if (hit !== undefined && (hit.expiresAt === undefined || hit.expiresAt > nowMs())) return JSON.parse(hit.value);
  const value = load();
  cache.set(key, { value: JSON.stringify(value), expiresAt: nowMs() + ttlMs });
  return value;
}

function get(path) {
  const request = { method: 'GET', path, headers: [['authorization', `Bearer ${DEMO_USER.token}`]], body: undefined };
  if (!online) {
    queued.push(request);
    return { status: 503, json: { error: 'offline' } };
  }
  const r = apiClient.send(request);
  return { status: r.status, json: JSON.parse(r.body) };
}

/** Builds a view: a flat node list whose children are indices. */
function builder() {
  const nodes = [];
  const add = (tag, attributes = {}, text = undefined, children = []) => {
    nodes.push({ tag, attributes: Object.entries(attributes), text, children });
    return nodes.length - 1;
  };
  return { nodes, add };
}

function money(cents) {
  return `$${(cents / 100).toFixed(2)}`;
}

function storefront(query) {
  const v = builder();
  const { add } = v;
  const products = cached('products', PRODUCTS_TTL_MS, () => get('/products').json.products ?? []);
  const shown = query
    ? (get(`/search?q=${encodeURIComponent(query)}`).json.hits ?? []).map((h) => products.find((p) => p.id === h.productId)).filter(Boolean)
    : products;
  const cards = shown.map((p) =>
    add('article', { class: 'product', 'data-product': p.id }, undefined, [
      add('h3', {}, p.name),
      add('p', { class: 'category' }, p.category),
      add('p', { class: 'price' }, money(p.priceCents)),
      add('p', { class: 'stock' }, `${p.available} in stock`),
      add(
        'button',
        { id: `add-${p.id}`, type: 'button', 'data-product': p.id, ...(p.available === 0 ? { disabled: '' } : {}) },
        'Add to cart',
      ),
    ]),
  );
  const banner =
    messages.length > 0 ? [add('p', { id: 'push' }, `${messages[messages.length - 1].title}: ${messages[messages.length - 1].body}`)] : [];
  const head = add('head', {}, undefined, [
    add('meta', { charset: 'utf-8' }),
    add('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    add('title', {}, 'Flotilla Shop'),
    add('style', {}, STYLE),
  ]);
  const header = add('header', {}, undefined, [
    add('h1', {}, 'Flotilla Shop'),
    add('form', { id: 'search', role: 'search' }, undefined, [
      add('input', { id: 'q', name: 'q', type: 'search', placeholder: 'Search products', value: query ?? '' }),
      add('button', { type: 'submit' }, 'Search'),
    ]),
    add('label', {}, 'Signed in as ', [add('select', { id: 'user' }, undefined, [add('option', { value: DEMO_USER.id }, DEMO_USER.id)])]),
    add('input', { id: 'token', type: 'hidden', value: DEMO_USER.token }),
    add('span', {}, 'Cart: ', [add('span', { id: 'cart-count' }, '0')]),
  ]);
  const aside = add('aside', {}, undefined, [
    add('section', { id: 'cart' }, undefined, [
      add('h2', {}, 'Cart'),
      add('ul', { id: 'cart-lines' }),
      add('p', {}, 'Total ', [add('strong', { id: 'cart-total' }, money(0))]),
      add('form', { id: 'checkout-form' }, undefined, [
        add('select', { id: 'card', name: 'card' }, undefined, [
          add('option', { value: 'tok_visa' }, 'Visa •••• 4242'),
          add('option', { value: 'tok_mastercard' }, 'Mastercard •••• 4444'),
          add('option', { value: 'tok_chargeDeclined' }, 'A card that is declined'),
        ]),
        add('button', { id: 'checkout', type: 'submit', disabled: '' }, 'Check out'),
      ]),
      add('p', { id: 'order-confirmation' }),
      add('p', { id: 'notice' }),
    ]),
    add('section', { id: 'orders' }, undefined, [add('h2', {}, 'Order history'), add('ul', { id: 'order-list' })]),
  ]);
  const main = add('main', {}, undefined, [
    add('section', {}, undefined, [
      add('p', { id: 'product-count' }, `${shown.length} products`),
      add('div', { id: 'products' }, undefined, cards),
    ]),
    aside,
  ]);
  const body = add('body', {}, undefined, [header, ...banner, main, add('script', {}, CLIENT_SCRIPT)]);
  const root = add('html', { lang: 'en' }, undefined, [head, body]);
  return { nodes: v.nodes, root };
}

function notFound(route) {
  const v = builder();
  const body = v.add('body', {}, undefined, [v.add('h1', {}, 'Not found'), v.add('p', {}, `No page ${route}`)]);
  return {
    nodes: v.nodes,
    root: v.add('html', { lang: 'en' }, undefined, [v.add('head', {}, undefined, [v.add('title', {}, 'Not found')]), body]),
  };
}

function parseRoute(route) {
  const q = route.indexOf('?');
  const path = q < 0 ? route : route.slice(0, q);
  let query;
  for (const pair of q < 0 ? [] : route.slice(q + 1).split('&')) {
    const [k, v = ''] = pair.split('=');
    if (k === 'q') {
      try {
        query = decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        query = v;
      }
    }
  }
  return { path, query: query?.trim() || undefined };
}

export const ui = {
  render(route) {
    const { path, query } = parseRoute(route);
    if (path === '/' || path === '/shop' || path === '/shop/') return storefront(query);
    return notFound(path);
  },
  dispatch(event) {
    // Server-side events, for clients without the script: a search submits, a navigation renders.
    if (event.tag === 'navigate') return ui.render(event.val);
    if (event.tag === 'input' && event.val[0] === 'q') return storefront(event.val[1]);
    if (event.tag === 'submit' && event.val === 'search') return storefront(undefined);
    return storefront(undefined);
  },
};

export const state = {
  get(key) {
    const hit = cache.get(key);
    if (hit === undefined) return undefined;
    if (hit.expiresAt !== undefined && hit.expiresAt <= nowMs()) {
      cache.delete(key);
      return undefined;
    }
    return hit.value;
  },
  set(key, value, ttlMs) {
    cache.set(key, { value, expiresAt: ttlMs == null ? undefined : nowMs() + ttlMs });
  },
  invalidate(prefix) {
    let n = 0;
    for (const key of [...cache.keys()]) {
      if (key.startsWith(prefix)) {
        cache.delete(key);
        n += 1;
      }
    }
    return n;
  },
};

export const pwa = {
  onConnectivityChange(now) {
    const wasOffline = !online;
    online = now === 'online';
    if (online && wasOffline) {
      // replay what was asked while offline, oldest first
      for (const request of queued.splice(0)) apiClient.send(request);
      state.invalidate('');
    }
  },
  onPush(message) {
    messages.push(message);
    if (messages.length > 20) messages.shift();
  },
  queuedRequests() {
    return queued;
  },
};

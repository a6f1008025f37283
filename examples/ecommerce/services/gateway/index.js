// ecommerce:gateway — the platform's HTTP front door (componentize-qjs).
// Exports wasi:http/incoming-handler@0.2.10, written against wasi:http/types
// directly (http.js), and imports the services: users, catalog, inventory,
// cart, orders, search, recommendations (ecommerce:platform/*@1.0.0).
//
// Why not componentize-js: its StarlingMonkey engine serves one request per
// instance, so the composed platform (gateway and services in one component)
// would lose every cart between requests. This gateway keeps one instance.
//
// What a gateway does here, for real: routing (a table of method + path
// patterns), authentication (Bearer API tokens checked by the user service),
// rate limiting (a fixed window per user), monitoring (request counts and
// status classes per route at GET /metrics, a request id on every response).
import cart from 'ecommerce:platform/cart@1.0.0';
import catalog from 'ecommerce:platform/catalog@1.0.0';
import inventory from 'ecommerce:platform/inventory@1.0.0';
import orders from 'ecommerce:platform/orders@1.0.0';
import recommendations from 'ecommerce:platform/recommendations@1.0.0';
import search from 'ecommerce:platform/search@1.0.0';
import users from 'ecommerce:platform/users@1.0.0';
import { parseTarget, readRequest, writeResponse } from './http.js';

const { getCart, addItem, removeItem } = cart;
const { getProduct, listProducts } = catalog;
const { available } = inventory;
const { listOrders, placeOrder } = orders;
const { forProduct, recordPurchase } = recommendations;
const { query } = search;
const { authenticate, listUsers } = users;

const RATE_LIMIT = 120;
const RATE_WINDOW_MS = 60_000;

class HttpError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The err value of a failed import call: QuickJS raises an Error carrying it in `payload`. */
function payloadOf(err) {
  if (err && typeof err === 'object' && 'payload' in err) return err.payload;
  return err;
}

function call(fn, onError) {
  try {
    return fn();
  } catch (err) {
    throw onError(payloadOf(err));
  }
}

function json(status, body, headers = {}) {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body, null, 2) };
}

function readJson(request) {
  const text = request.body;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad-json', 'the request body is not valid JSON');
  }
}

function requireUser(request, userId) {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (match === null) throw new HttpError(401, 'unauthenticated', 'send Authorization: Bearer <API token>');
  const user = call(
    () => authenticate(match[1]),
    (e) => new HttpError(401, 'unauthenticated', String(e)),
  );
  if (user.id !== userId) throw new HttpError(403, 'forbidden', `the token belongs to ${user.id}, not ${userId}`);
  return user;
}

function withStock(product) {
  return { ...product, available: available(product.id) ?? 0 };
}

function positiveInt(value, fallback, max) {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(400, 'bad-parameter', `expected a whole number, got ${value}`);
  return Math.min(n, max);
}

const CHECKOUT_ERRORS = {
  'empty-cart': [400, 'the cart is empty'],
  'out-of-stock': [409, 'not enough stock'],
  'fraud-rejected': [403, 'the fraud check rejected the order'],
  'payment-declined': [402, 'the payment was declined'],
  failed: [502, 'a service failed during checkout'],
};

const routes = [
  [
    'GET',
    /^\/health$/,
    'health',
    () => {
      const products = listProducts(undefined).length;
      const users = listUsers().length;
      return json(200, { status: 'ok', services: { catalog: { products }, users: { users } } });
    },
  ],
  [
    'GET',
    /^\/products$/,
    'products',
    (_req, _m, url) => {
      const category = url.searchParams.get('category') ?? undefined;
      return json(200, { products: listProducts(category).map(withStock) });
    },
  ],
  [
    'GET',
    /^\/products\/([^/]+)$/,
    'product',
    (_req, m) => {
      const product = getProduct(m[1]);
      if (product === undefined || product === null) throw new HttpError(404, 'not-found', `no product ${m[1]}`);
      return json(200, withStock(product));
    },
  ],
  [
    'GET',
    /^\/search$/,
    'search',
    (_req, _m, url) => {
      const q = url.searchParams.get('q') ?? '';
      if (q.trim() === '') throw new HttpError(400, 'bad-parameter', 'search needs ?q=<words>');
      const limit = positiveInt(url.searchParams.get('limit'), 10, 50);
      return json(200, { query: q, hits: query(q, limit) });
    },
  ],
  [
    'GET',
    /^\/recommendations\/([^/]+)$/,
    'recommendations',
    (_req, m, url) => {
      if (getProduct(m[1]) == null) throw new HttpError(404, 'not-found', `no product ${m[1]}`);
      const limit = positiveInt(url.searchParams.get('limit'), 3, 20);
      return json(200, { productId: m[1], recommendations: forProduct(m[1], limit) });
    },
  ],
  ['GET', /^\/cart\/([^/]+)$/, 'cart', (_req, m) => json(200, getCart(m[1]))],
  [
    'POST',
    /^\/cart\/([^/]+)\/items$/,
    'cart-add',
    (req, m) => {
      const body = readJson(req);
      if (typeof body.productId !== 'string') throw new HttpError(400, 'bad-body', 'expected {"productId": "...", "quantity": n}');
      const quantity = body.quantity === undefined ? 1 : body.quantity;
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1000) {
        throw new HttpError(400, 'bad-body', 'quantity must be a whole number from 1 to 1000');
      }
      const view = call(
        () => addItem(m[1], body.productId, quantity),
        (e) => new HttpError(404, 'not-found', String(e)),
      );
      return json(201, view);
    },
  ],
  [
    'DELETE',
    /^\/cart\/([^/]+)\/items\/([^/]+)$/,
    'cart-remove',
    (_req, m) => {
      const view = call(
        () => removeItem(m[1], m[2]),
        (e) => new HttpError(404, 'not-found', String(e)),
      );
      return json(200, view);
    },
  ],
  [
    'POST',
    /^\/checkout\/([^/]+)$/,
    'checkout',
    (req, m) => {
      const user = requireUser(req, m[1]);
      const body = readJson(req);
      const cardToken = typeof body.cardToken === 'string' ? body.cardToken : 'tok_visa';
      const order = call(
        () => placeOrder(user.id, cardToken),
        (e) => {
          const [status, message] = CHECKOUT_ERRORS[e?.tag] ?? [502, 'checkout failed'];
          const detail = e?.val === undefined ? message : `${message}: ${e.val}`;
          return new HttpError(status, e?.tag ?? 'failed', detail);
        },
      );
      recordPurchase(order.lines.map((l) => l.productId));
      const stock = {};
      for (const l of order.lines) stock[l.productId] = available(l.productId) ?? 0;
      return json(201, { order, cartAfter: getCart(user.id), stockAfter: stock });
    },
  ],
  [
    'GET',
    /^\/orders\/([^/]+)$/,
    'orders',
    (req, m) => {
      const user = requireUser(req, m[1]);
      return json(200, { orders: listOrders(user.id) });
    },
  ],
  ['GET', /^\/metrics$/, 'metrics', () => json(200, metricsView())],
];

/** route name -> { requests, '2xx', '4xx', '5xx' } */
const metrics = new Map();
let requestCount = 0;
let rateLimited = 0;
/** client key -> { windowStart, count } */
const windows = new Map();

function metricsView() {
  return { requests: requestCount, rateLimited, routes: Object.fromEntries(metrics) };
}

function count(route, status) {
  let m = metrics.get(route);
  if (m === undefined) {
    m = { requests: 0, '2xx': 0, '4xx': 0, '5xx': 0 };
    metrics.set(route, m);
  }
  m.requests += 1;
  const cls = `${Math.floor(status / 100)}xx`;
  if (cls in m) m[cls] += 1;
}

/**
 * Fixed-window limit per client: an authenticated user by user id (so that
 * one user's tokens share a window), everyone else together as anonymous.
 */
function clientKey(request) {
  const match = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (match === null) return 'anonymous';
  try {
    return `user:${authenticate(match[1]).id}`;
  } catch {
    return 'anonymous';
  }
}

function admit(request) {
  const key = clientKey(request);
  const now = Date.now();
  let w = windows.get(key);
  if (w === undefined || now - w.windowStart >= RATE_WINDOW_MS) {
    w = { windowStart: now, count: 0 };
    windows.set(key, w);
  }
  w.count += 1;
  const retryAfterMs = RATE_WINDOW_MS - (now - w.windowStart);
  return { allowed: w.count <= RATE_LIMIT, remaining: Math.max(0, RATE_LIMIT - w.count), retryAfterMs };
}

function route(request) {
  requestCount += 1;
  const requestId = `req-${String(requestCount).padStart(6, '0')}`;
  const url = request.url;
  const common = { 'x-request-id': requestId };
  const { allowed, remaining, retryAfterMs } = admit(request);
  common['x-ratelimit-remaining'] = String(remaining);
  if (!allowed) {
    rateLimited += 1;
    count('rate-limited', 429);
    common['retry-after'] = String(Math.ceil(retryAfterMs / 1000));
    return json(429, { error: 'rate-limited', message: `more than ${RATE_LIMIT} requests a minute` }, common);
  }
  let pathMatched = false;
  for (const [method, pattern, name, handler] of routes) {
    const m = pattern.exec(url.pathname);
    if (m === null) continue;
    pathMatched = true;
    if (method !== request.method) continue;
    let response;
    try {
      response = handler(request, m, url);
    } catch (err) {
      if (err instanceof HttpError) response = json(err.status, { error: err.code, message: err.message });
      else response = json(500, { error: 'internal', message: String(payloadOf(err)) });
    }
    count(name, response.status);
    Object.assign(response.headers, common);
    return response;
  }
  const status = pathMatched ? 405 : 404;
  count('unmatched', status);
  return json(status, { error: pathMatched ? 'method-not-allowed' : 'not-found', path: url.pathname }, common);
}

/** flotilla:platform/api-client: the same routes in-process (the web frontend renders pages from them). */
export const apiClient = {
  send(request) {
    const headers = {};
    for (const [name, value] of request.headers) {
      const key = name.toLowerCase();
      if (!(key in headers)) headers[key] = value;
    }
    const response = route({ method: request.method.toUpperCase(), url: parseTarget(request.path), headers, body: request.body ?? '' });
    return { status: response.status, headers: Object.entries(response.headers), body: response.body };
  },
};

export const incomingHandler = {
  handle(request, responseOut) {
    let response;
    try {
      response = route(readRequest(request));
    } catch (err) {
      response = json(400, { error: 'bad-request', message: String(payloadOf(err)) });
    }
    writeResponse(responseOut, response);
  },
};

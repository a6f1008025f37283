// The whole platform over HTTP, in-process and without a composer: the
// gateway component served by startServer, its seven imports satisfied by the
// exports of the service components (which import each other the same way).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './test-support.ts';
import { servePlatform } from './wiring.ts';

type Platform = Awaited<ReturnType<typeof servePlatform>>;
let platform: Platform;

beforeAll(async () => {
  await ensureBuilt();
  platform = await servePlatform();
}, 300_000);
afterAll(async () => {
  await platform?.close();
});

async function request(method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(platform.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

const ALICE = 'tok-alice-7f3a';

describe('the e-commerce gateway, wired to the services', () => {
  it('GET /health reaches the catalog and the user service', async () => {
    const r = await request('GET', '/health');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: 'ok', services: { catalog: { products: 12 }, users: { users: 3 } } });
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('x-request-id')).toMatch(/^req-\d{6}$/);
  });

  it('GET /products lists the catalog with stock from inventory; ?category= filters', async () => {
    const all = await request('GET', '/products');
    expect((all.json.products as unknown[]).length).toBe(12);
    const kitchen = await request('GET', '/products?category=kitchen');
    const products = kitchen.json.products as { id: string; available: number }[];
    expect(products.map((p) => p.id)).toEqual(['p-2001', 'p-2002', 'p-2003', 'p-2004']);
    expect(products[0]?.available).toBe(2);
  });

  it('GET /products/:id, and 404 for an unknown one', async () => {
    const r = await request('GET', '/products/p-3001');
    expect(r.json).toMatchObject({ id: 'p-3001', name: 'Noise Cancelling Headphones', priceCents: 29900, available: 5 });
    const missing = await request('GET', '/products/p-0000');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'not-found', message: 'no product p-0000' });
  });

  it('GET /search?q= returns ranked hits; a missing q is a 400', async () => {
    const r = await request('GET', '/search?q=trail%20running&limit=2');
    const hits = r.json.hits as { productId: string; score: number }[];
    expect(hits.map((h) => h.productId)).toEqual(['p-1001', 'p-1002']);
    expect(hits[0]?.score).toBe(6); // "trail" and "running" both words of the name: 3 + 3
    expect((await request('GET', '/search')).status).toBe(400);
  });

  it('GET /recommendations/:id', async () => {
    const r = await request('GET', '/recommendations/p-2001?limit=2');
    expect((r.json.recommendations as { productId: string }[]).map((x) => x.productId)).toEqual(['p-2002', 'p-2003']);
  });

  it('POST /checkout/:user touches cart, inventory, fraud, payment and orders, and the response shows each', async () => {
    const add1 = await request('POST', '/cart/alice/items', { productId: 'p-2001', quantity: 1 });
    expect(add1.status).toBe(201);
    const add2 = await request('POST', '/cart/alice/items', { productId: 'p-2003', quantity: 2 });
    expect(add2.json).toMatchObject({ itemCount: 3, subtotalCents: 49898, taxCents: 4117, totalCents: 54015 });
    expect((await request('GET', '/cart/alice')).json).toEqual(add2.json);

    const r = await request('POST', '/checkout/alice', { cardToken: 'tok_amex' }, ALICE);
    expect(r.status).toBe(201);
    const order = r.json.order as Record<string, unknown>;
    expect(order).toMatchObject({
      userId: 'alice',
      totalCents: 54015, // the cart's total
      status: 'confirmed',
      paymentProcessor: 'stripe/payment-processor@3.2.0',
      fraudDecision: 'approve',
      fraudScore: 25, // 5 + 20 for an amount of 500.00 or more
      lines: [
        { productId: 'p-2001', quantity: 1, unitPriceCents: 45900 },
        { productId: 'p-2003', quantity: 2, unitPriceCents: 1999 },
      ],
    });
    expect(order.reservationId).toMatch(/^res-\d{6}$/); // inventory
    expect(order.paymentAuthorizationId).toMatch(/^pi_\d{8}$/); // payment
    expect(order.id).toMatch(/^ord-\d{6}$/); // orders
    expect(r.json.cartAfter).toMatchObject({ itemCount: 0, lines: [] }); // the cart was emptied
    expect(r.json.stockAfter).toEqual({ 'p-2001': 1, 'p-2003': 58 }); // the stock was committed

    const history = await request('GET', '/orders/alice', undefined, ALICE);
    expect((history.json.orders as { id: string }[]).map((o) => o.id)).toEqual([order.id]);
    // the gateway fed the purchase to the recommendation engine
    const recs = await request('GET', '/recommendations/p-2001?limit=1');
    expect(recs.json.recommendations).toEqual([
      { productId: 'p-2003', name: 'Milk Frothing Pitcher', score: 0.75, reason: 'bought together in 3 of 4 orders' },
    ]);
  });

  it('checkout needs the user own token: 401 without, 403 with another user', async () => {
    const none = await request('POST', '/checkout/bob', {});
    expect(none.status).toBe(401);
    const other = await request('POST', '/checkout/bob', {}, ALICE);
    expect(other.status).toBe(403);
    expect(other.json.message).toBe('the token belongs to alice, not bob');
    expect((await request('POST', '/checkout/bob', {}, 'tok-forged')).json.message).toBe('unknown API token');
  });

  it('checkout failures map to HTTP statuses: empty cart 400, out of stock 409, declined 402', async () => {
    expect((await request('POST', '/checkout/alice', {}, ALICE)).status).toBe(400);
    await request('POST', '/cart/alice/items', { productId: 'p-3001', quantity: 6 });
    const oos = await request('POST', '/checkout/alice', {}, ALICE);
    expect(oos.status).toBe(409);
    expect(oos.json.message).toBe('not enough stock: p-3001: requested 6, available 5');
    await request('DELETE', '/cart/alice/items/p-3001');
    await request('POST', '/cart/alice/items', { productId: 'p-3002' });
    const declined = await request('POST', '/checkout/alice', { cardToken: 'tok_expired' }, ALICE);
    expect(declined.status).toBe(402);
    expect(declined.json.message).toBe('the payment was declined: card expired');
  });

  it('bad requests: invalid JSON, bad quantity, unknown product, unknown route, wrong method', async () => {
    const badJson = await fetch(`${platform.url}/cart/zed/items`, { method: 'POST', body: '{nope' });
    expect(badJson.status).toBe(400);
    expect((await request('POST', '/cart/zed/items', { productId: 'p-2001', quantity: 0 })).status).toBe(400);
    expect((await request('POST', '/cart/zed/items', { productId: 'p-9', quantity: 1 })).json.message).toBe('unknown product p-9');
    expect((await request('GET', '/nowhere')).status).toBe(404);
    expect((await request('DELETE', '/products')).status).toBe(405);
  });

  it('GET /metrics counts requests per route and status class', async () => {
    const m = await request('GET', '/metrics');
    const routes = m.json.routes as Record<string, Record<string, number>>;
    expect(routes.checkout?.['2xx']).toBe(1);
    expect(routes.checkout?.['4xx']).toBeGreaterThanOrEqual(5);
    expect(routes.health).toEqual({ requests: 1, '2xx': 1, '4xx': 0, '5xx': 0 });
    expect(m.json.requests as number).toBeGreaterThan(20);
  });

  it('rate limiting: 120 requests a minute per user, then 429 with retry-after', async () => {
    const BOB = 'tok-bob-19c2';
    const first = await request('GET', '/cart/bob', undefined, BOB);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('119');
    for (let i = 0; i < 119; i++) expect((await request('GET', '/cart/bob', undefined, BOB)).status).toBe(200);
    const limited = await request('GET', '/cart/bob', undefined, BOB);
    expect(limited.status).toBe(429);
    expect(limited.json.error).toBe('rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // another user, and anonymous clients, have their own windows
    expect((await request('GET', '/cart/alice', undefined, ALICE)).status).toBe(200);
    expect((await request('GET', '/cart/bob')).status).toBe(200);
    // a forged token does not buy a fresh window: it counts as anonymous
    const forged = await request('GET', '/health', undefined, 'tok-made-up');
    const anonymous = await request('GET', '/health');
    expect(Number(forged.headers.get('x-ratelimit-remaining'))).toBe(Number(anonymous.headers.get('x-ratelimit-remaining')) + 1);
  });
});

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeWasm } from '../../shared/component/describe.ts';
import { componentPath } from './build.ts';
import { components, platformInterface } from './components.ts';
import { ensureBuilt, errorOf } from './test-support.ts';
import { instantiateComponent, instantiateServices, type PlatformServices } from './wiring.ts';

// Services' exported interfaces, called through jco's bindings.
type Fn = (...args: never[]) => unknown;
const call = <T>(i: Record<string, Fn>, name: string, ...args: unknown[]): T => (i[name] as (...a: unknown[]) => T)(...args);

interface CartView {
  lines: { productId: string; quantity: number; lineTotalCents: number }[];
  itemCount: number;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
}

beforeAll(ensureBuilt, 300_000);

describe('built components: the naming contract of COMPONENTS.md', () => {
  const expected: Record<string, { imports: string[]; exports: string[] }> = {
    'user-service': { imports: [], exports: ['users'] },
    'product-catalog': { imports: [], exports: ['catalog'] },
    inventory: { imports: [], exports: ['inventory'] },
    cart: { imports: ['catalog'], exports: ['cart'] },
    orders: { imports: ['cart', 'inventory', 'payment', 'fraud'], exports: ['orders'] },
    'payment-processor': { imports: [], exports: ['payment'] },
    'payment-mock': { imports: [], exports: ['payment'] },
    'fraud-detection': { imports: [], exports: ['fraud'] },
    'fraud-mock': { imports: [], exports: ['fraud'] },
    search: { imports: ['catalog'], exports: ['search'] },
    recommendations: { imports: ['catalog'], exports: ['recommendations'] },
  };

  it.each(Object.entries(expected))('%s imports and exports exactly its interfaces', (name, want) => {
    const d = describeWasm(readFileSync(componentPath(name)));
    expect(d.kind).toBe('component');
    // every service imports the host's request context (correlation id, structured log) first
    expect(d.imports).toEqual(['flotilla:observe/context@0.1.0', ...want.imports.map(platformInterface)]);
    // componentize-qjs leaves its pre-initialization entry `init` exported
    expect(d.exports.filter((e) => e !== 'init')).toEqual(want.exports.map(platformInterface));
  });

  it('the gateway imports the seven services and WASI, and exports wasi:http/incoming-handler@0.2.10 and the same API as an api-client', () => {
    const d = describeWasm(readFileSync(componentPath('gateway')));
    const platform = d.imports.filter((i) => i.startsWith('ecommerce:'));
    expect(platform).toEqual(['users', 'catalog', 'inventory', 'cart', 'orders', 'search', 'recommendations'].map(platformInterface));
    expect(d.imports.filter((i) => !i.startsWith('ecommerce:') && !i.startsWith('wasi:'))).toEqual([]);
    expect(d.imports).toContain('wasi:http/types@0.2.10');
    expect(d.exports.filter((e) => e !== 'init')).toEqual(['wasi:http/incoming-handler@0.2.10', 'flotilla:platform/api-client@1.0.0']);
  });

  it('every component of the table was built', () => {
    for (const c of components) expect(readFileSync(componentPath(c.name)).length).toBeGreaterThan(100_000);
  });
});

describe('services, each its own component, wired by jco without composition', () => {
  let s: PlatformServices;
  beforeAll(async () => {
    s = await instantiateServices();
  });
  const svc = (name: keyof PlatformServices, iface: string) => s[name][iface] as Record<string, Fn>;

  it('cart: prices lines from the catalog, sums quantities, adds 8.25% tax rounded half up', () => {
    const cart = svc('cart', 'cart');
    call(cart, 'addItem', 'u1', 'p-2003', 2);
    const view = call<CartView>(cart, 'addItem', 'u1', 'p-2004', 1);
    expect(view.lines.map((l) => [l.productId, l.quantity, l.lineTotalCents])).toEqual([
      ['p-2003', 2, 3998],
      ['p-2004', 1, 3450],
    ]);
    expect(view.subtotalCents).toBe(7448);
    expect(view.taxCents).toBe(614); // 7448 * 0.0825 = 614.46
    expect(view.totalCents).toBe(8062);
    const again = call<CartView>(cart, 'addItem', 'u1', 'p-2003', 1);
    expect(again.itemCount).toBe(4);
    expect(errorOf(() => call(cart, 'addItem', 'u1', 'p-nope', 1))).toBe('unknown product p-nope');
    expect(errorOf(() => call(cart, 'addItem', 'u1', 'p-2003', 0))).toBe('quantity must be at least 1');
    expect(call<CartView>(cart, 'removeItem', 'u1', 'p-2003').itemCount).toBe(1);
  });

  it('inventory: reserves all or nothing, fails when out of stock, commit and release', () => {
    const inv = svc('inventory', 'inventory');
    expect(call(inv, 'available', 'p-2001')).toBe(2);
    expect(call(inv, 'available', 'nope')).toBeUndefined();
    expect(errorOf(() => call(inv, 'reserve', [{ sku: 'p-2001', quantity: 3 }]))).toEqual({
      tag: 'out-of-stock',
      val: { sku: 'p-2001', requested: 3, available: 2 },
    });
    // two lines of one SKU share its stock; nothing is held after a failure
    expect(
      errorOf(() =>
        call(inv, 'reserve', [
          { sku: 'p-2003', quantity: 1 },
          { sku: 'p-2001', quantity: 2 },
          { sku: 'p-2001', quantity: 1 },
        ]),
      ),
    ).toMatchObject({ tag: 'out-of-stock' });
    expect(call(inv, 'available', 'p-2003')).toBe(60);
    const r = call<{ id: string }>(inv, 'reserve', [{ sku: 'p-2001', quantity: 2 }]);
    expect(call(inv, 'available', 'p-2001')).toBe(0);
    call(inv, 'release', r.id);
    expect(call(inv, 'available', 'p-2001')).toBe(2);
    expect(errorOf(() => call(inv, 'commit', r.id))).toBe(`reservation ${r.id} is already released`);
    const r2 = call<{ id: string }>(inv, 'reserve', [{ sku: 'p-2001', quantity: 1 }]);
    call(inv, 'commit', r2.id);
    expect(call(inv, 'available', 'p-2001')).toBe(1);
    expect(errorOf(() => call(inv, 'reserve', [{ sku: 'zzz', quantity: 1 }]))).toEqual({ tag: 'unknown-sku', val: 'zzz' });
  });

  it('orders: a checkout reads the cart, reserves stock, scores fraud, authorizes and captures', () => {
    const cart = svc('cart', 'cart');
    const orders = svc('orders', 'orders');
    call(cart, 'addItem', 'carol', 'p-3002', 2);
    const order = call<Record<string, unknown>>(orders, 'placeOrder', 'carol', 'tok_visa');
    expect(order).toMatchObject({
      userId: 'carol',
      lines: [{ productId: 'p-3002', quantity: 2, unitPriceCents: 4500 }],
      subtotalCents: 9000,
      taxCents: 743,
      totalCents: 9743,
      status: 'confirmed',
      paymentProcessor: 'stripe/payment-processor@3.2.0',
      fraudDecision: 'approve',
      fraudScore: 5,
    });
    expect(order.reservationId).toMatch(/^res-\d{6}$/);
    expect(order.paymentAuthorizationId).toMatch(/^pi_\d{8}$/);
    expect(call<CartView>(cart, 'getCart', 'carol').itemCount).toBe(0);
    expect(call(svc('inventory', 'inventory'), 'available', 'p-3002')).toBe(98);
    expect(call(orders, 'getOrder', order.id)).toEqual(order);
    expect(call<unknown[]>(orders, 'listOrders', 'carol')).toHaveLength(1);
    expect(errorOf(() => call(orders, 'placeOrder', 'carol', 'tok_visa'))).toEqual({ tag: 'empty-cart' });
  });

  it('orders: a declined card releases the reservation; a flagged card is rejected before any charge', () => {
    const cart = svc('cart', 'cart');
    const orders = svc('orders', 'orders');
    const inv = svc('inventory', 'inventory');
    call(cart, 'addItem', 'dave', 'p-1003', 1);
    expect(errorOf(() => call(orders, 'placeOrder', 'dave', 'tok_chargeDeclined'))).toEqual({
      tag: 'payment-declined',
      val: 'card declined by issuer',
    });
    expect(errorOf(() => call(orders, 'placeOrder', 'dave', 'tok_low_balance'))).toEqual({
      tag: 'payment-declined',
      val: 'insufficient funds',
    });
    expect(call(inv, 'available', 'p-1003')).toBe(40);
    expect(errorOf(() => call(orders, 'placeOrder', 'dave', 'tok_stolen_visa'))).toEqual({ tag: 'fraud-rejected', val: 85 });
    expect(call(inv, 'available', 'p-1003')).toBe(40);
    expect(call<CartView>(cart, 'getCart', 'dave').itemCount).toBe(1);
  });

  it('orders: out of stock names the SKU and the counts', () => {
    call(svc('cart', 'cart'), 'addItem', 'erin', 'p-1004', 4);
    expect(errorOf(() => call(svc('orders', 'orders'), 'placeOrder', 'erin', 'tok_visa'))).toEqual({
      tag: 'out-of-stock',
      val: 'p-1004: requested 4, available 3',
    });
  });

  it('payment: idempotency keys return the first authorization; capture twice fails', () => {
    const pay = svc('payment', 'payment');
    const req = { userId: 'u', amountCents: 1000, currency: 'USD', cardToken: 'tok_mastercard', idempotencyKey: 'k-1' };
    const a = call<{ id: string }>(pay, 'authorize', req);
    expect(call(pay, 'authorize', { ...req, amountCents: 99 })).toEqual(a);
    call(pay, 'capture', a.id);
    expect(errorOf(() => call(pay, 'capture', a.id))).toEqual({ tag: 'invalid-request', val: `authorization ${a.id} is captured` });
    expect(errorOf(() => call(pay, 'authorize', { ...req, currency: 'JPY', idempotencyKey: 'k-2' }))).toEqual({
      tag: 'invalid-request',
      val: 'unsupported currency JPY',
    });
    expect(errorOf(() => call(pay, 'cancel', 'pi_nope'))).toEqual({ tag: 'unknown-authorization', val: 'pi_nope' });
  });

  it('fraud: large amounts and many items raise the score; velocity adds up', () => {
    const fraud = svc('fraud', 'fraud');
    const base = { userId: 'f1', amountCents: 120000, itemCount: 12, cardToken: 'tok_visa' };
    expect(call(fraud, 'assess', base)).toEqual({
      score: 60,
      decision: 'review',
      reasons: ['amount of 1000.00 or more', 'more than 10 items'],
    });
    for (let i = 0; i < 3; i++) call(fraud, 'assess', { ...base, userId: 'f2', amountCents: 100, itemCount: 1 });
    expect(call(fraud, 'assess', { ...base, userId: 'f2', amountCents: 100, itemCount: 1 })).toMatchObject({ score: 15 });
  });

  it('search: ranks name matches above tag matches, prefix matches count half', () => {
    const hits = call<{ productId: string; score: number; matched: string[] }[]>(svc('search', 'search'), 'query', 'coffee grinder', 5);
    expect(hits.map((h) => [h.productId, h.score])).toEqual([
      ['p-2002', 6],
      ['p-2001', 2],
      ['p-2003', 2],
    ]);
    expect(hits[0]?.matched).toEqual(['name']);
    const prefix = call<{ productId: string; score: number }[]>(svc('search', 'search'), 'query', 'head', 5);
    expect(prefix.map((h) => [h.productId, h.score])).toEqual([
      ['p-1003', 1.5],
      ['p-3001', 1.5],
    ]);
    expect(call(svc('search', 'search'), 'query', '  ', 5)).toEqual([]);
  });

  it('recommendations: co-purchase confidence first, then the same category; learns from purchases', () => {
    const recs = svc('recommendations', 'recommendations');
    const first = call<{ productId: string; score: number; reason: string }[]>(recs, 'forProduct', 'p-1004', 3);
    expect(first.map((r) => [r.productId, r.score])).toEqual([
      ['p-1003', 1],
      ['p-1001', 0],
      ['p-1002', 0],
    ]);
    call(recs, 'recordPurchase', ['p-1004', 'p-1001']);
    call(recs, 'recordPurchase', ['p-1004', 'p-1001', 'p-1001']);
    const after = call<{ productId: string; score: number; reason: string }[]>(recs, 'forProduct', 'p-1004', 2);
    expect(after).toEqual([
      { productId: 'p-1001', name: 'Trail Running Shoes', score: 2 / 3, reason: 'bought together in 2 of 3 orders' },
      { productId: 'p-1003', name: 'Headlamp 400lm', score: 1 / 3, reason: 'bought together in 1 of 3 orders' },
    ]);
  });

  it('users: tokens authenticate, unknown tokens are refused', () => {
    const users = svc('users', 'users');
    expect(call(users, 'authenticate', 'tok-alice-7f3a')).toMatchObject({ id: 'alice', tier: 'gold' });
    expect(errorOf(() => call(users, 'authenticate', 'tok-x'))).toBe('unknown API token');
    expect(call<unknown[]>(users, 'listUsers')).toHaveLength(3);
  });
});

describe('development mocks', () => {
  it('payment-mock approves with deterministic ids and charges nothing; fraud-mock approves everything', async () => {
    const pay = (await instantiateComponent('payment-mock')).payment as Record<string, Fn>;
    const auth = call(pay, 'authorize', {
      userId: 'u',
      amountCents: 10_000_000,
      currency: 'XYZ',
      cardToken: 'tok_chargeDeclined',
      idempotencyKey: 'a',
    });
    expect(auth).toEqual({ id: 'mock-auth-000001', amountCents: 10_000_000, currency: 'XYZ', processor: 'payment-mock' });
    const fraud = (await instantiateComponent('fraud-mock')).fraud as Record<string, Fn>;
    expect(call(fraud, 'assess', { userId: 'u', amountCents: 10_000_000, itemCount: 99, cardToken: 'tok_stolen' })).toMatchObject({
      score: 0,
      decision: 'approve',
    });
  });

  it('orders runs against the mocks unchanged (same interfaces)', async () => {
    const s = await instantiateServices({ payment: 'payment-mock', fraud: 'fraud-mock' });
    call(s.cart.cart as Record<string, Fn>, 'addItem', 'bob', 'p-2001', 1);
    const order = call<Record<string, unknown>>(s.orders.orders as Record<string, Fn>, 'placeOrder', 'bob', 'tok_stolen');
    expect(order).toMatchObject({ paymentAuthorizationId: 'mock-auth-000001', paymentProcessor: 'payment-mock', fraudScore: 0 });
  });
});

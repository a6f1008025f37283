import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.ts';
import { OTHER_ROUTE, parseRoutePattern, routeLabeler } from './routes.ts';

describe('routeLabeler', () => {
  it('labels by the first path segment by default', () => {
    const route = routeLabeler();
    expect(route('/')).toBe('/');
    expect(route('/products/p-2001')).toBe('/products');
    expect(route('/products')).toBe('/products');
    expect(route('/cart/alice/items')).toBe('/cart');
    expect(route('/%E2%9C%93/x')).toBe(OTHER_ROUTE); // not a plain segment
    expect(route(`/${'a'.repeat(65)}`)).toBe(OTHER_ROUTE);
  });

  it('has at most maxRoutes distinct labels: a scan of random paths cannot grow the series', () => {
    const route = routeLabeler({ maxRoutes: 3 });
    expect(['/a', '/b/1', '/c'].map(route)).toEqual(['/a', '/b', '/c']);
    expect(route('/d')).toBe(OTHER_ROUTE);
    expect(route('/a/again')).toBe('/a');
    const scanned = routeLabeler({ maxRoutes: 100 });
    const labels = new Set(Array.from({ length: 1000 }, (_, i) => scanned(`/r${i}`)));
    expect(labels.size).toBe(101); // 100 routes and other
  });

  it('uses configured patterns in order, and other for what matches none', () => {
    const route = routeLabeler({ routes: ['/products/:id', '/products', '/cart/:user/items', '/static/*'] });
    expect(route('/products/p-1')).toBe('/products/:id');
    expect(route('/products')).toBe('/products');
    expect(route('/cart/bob/items')).toBe('/cart/:user/items');
    expect(route('/cart/bob')).toBe(OTHER_ROUTE);
    expect(route('/static/css/site.css')).toBe('/static/*');
    expect(route('/static')).toBe('/static/*');
    expect(route('/elsewhere')).toBe(OTHER_ROUTE);
  });

  it('refuses a bad pattern with a UsageError that shows how to write one', () => {
    expect(() => parseRoutePattern('products')).toThrow(UsageError);
    expect(() => parseRoutePattern('/a/*/b')).toThrow('* may only end it');
    expect(() => parseRoutePattern('/a b')).toThrow("'a b' is neither a literal segment nor a :param");
    expect(() => routeLabeler({ maxRoutes: 0 })).toThrow('maxRoutes');
  });
});

// Runs the e-commerce platform in-process WITHOUT a composer: each built
// component is transpiled by jco and instantiated with its imports satisfied
// by the exports of the instances it depends on, in the order the WAC file
// wires them (platform.wac). One instance per service, shared by every
// importer, exactly as the composition shares them.
import { readFile } from 'node:fs/promises';
import { observeImports } from '../../shared/serve/observe.ts';
import { type RunningServer, startServer } from '../../shared/serve/server.ts';
import { type ImportObject, type InstanceExports, transpileComponent } from '../../shared/serve/transpile.ts';
import { componentPath } from './build.ts';

export interface PlatformOptions {
  /** `payment-processor` (default) or the development mock `payment-mock`. */
  payment?: 'payment-processor' | 'payment-mock';
  /** `fraud-detection` (default) or the development mock `fraud-mock`. */
  fraud?: 'fraud-detection' | 'fraud-mock';
}

export interface PlatformServices {
  users: InstanceExports;
  catalog: InstanceExports;
  inventory: InstanceExports;
  cart: InstanceExports;
  payment: InstanceExports;
  fraud: InstanceExports;
  orders: InstanceExports;
  search: InstanceExports;
  recommendations: InstanceExports;
}

/** An unversioned import key jco's instantiate expects, e.g. `ecommerce:platform/cart`. */
function iface(name: string): string {
  return `ecommerce:platform/${name}`;
}

/** The exported interface `name` of an instance, as the import of another. */
function provide(instance: InstanceExports, name: string): ImportObject {
  const exported = instance[name];
  if (exported === undefined) throw new Error(`the instance exports no ${name} (it exports ${Object.keys(instance).join(', ')})`);
  return { [iface(name)]: exported as Record<string, unknown> };
}

export async function instantiateComponent(name: string, imports: ImportObject = {}): Promise<InstanceExports> {
  const component = await transpileComponent(await readFile(componentPath(name)));
  // the services import flotilla:observe/context (request id, structured log): serve's own implementation
  return component.instantiate({ ...observeImports(), ...imports });
}

export async function instantiateServices(options: PlatformOptions = {}): Promise<PlatformServices> {
  const [users, catalog, inventory, payment, fraud] = await Promise.all([
    instantiateComponent('user-service'),
    instantiateComponent('product-catalog'),
    instantiateComponent('inventory'),
    instantiateComponent(options.payment ?? 'payment-processor'),
    instantiateComponent(options.fraud ?? 'fraud-detection'),
  ]);
  const [cart, search, recommendations] = await Promise.all([
    instantiateComponent('cart', provide(catalog, 'catalog')),
    instantiateComponent('search', provide(catalog, 'catalog')),
    instantiateComponent('recommendations', provide(catalog, 'catalog')),
  ]);
  const orders = await instantiateComponent('orders', {
    ...provide(cart, 'cart'),
    ...provide(inventory, 'inventory'),
    ...provide(payment, 'payment'),
    ...provide(fraud, 'fraud'),
  });
  return { users, catalog, inventory, cart, payment, fraud, orders, search, recommendations };
}

/** The gateway's imports, from the service instances. */
export function gatewayImports(s: PlatformServices): ImportObject {
  return {
    ...provide(s.users, 'users'),
    ...provide(s.catalog, 'catalog'),
    ...provide(s.inventory, 'inventory'),
    ...provide(s.cart, 'cart'),
    ...provide(s.orders, 'orders'),
    ...provide(s.search, 'search'),
    ...provide(s.recommendations, 'recommendations'),
  };
}

/** Serves the gateway over HTTP with its imports wired to fresh service instances. */
export async function servePlatform(
  options: PlatformOptions & { port?: number; host?: string } = {},
): Promise<RunningServer & { services: PlatformServices }> {
  const services = await instantiateServices(options);
  const server = await startServer(await readFile(componentPath('gateway')), {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    imports: gatewayImports(services),
    source: componentPath('gateway'),
  });
  return { ...server, services };
}

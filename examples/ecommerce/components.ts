// The components of the e-commerce example: where each one's source lives,
// the WIT world it is built against, the componentizer that builds it, and the
// names the composition spec and the WAC file know it by. Keep the WAC package
// names and refs: flotilla.yaml and platform.wac depend on them.

import type { WasiMode } from '../lib/componentize.ts';

export type Componentizer = 'componentize-qjs' | 'componentize-js';

export interface ExampleComponent {
  /** Folder under services/ and file name under build/ (`<name>.wasm`). */
  name: string;
  /** Package name in the WAC file and the composition spec. */
  wacPackage: string;
  /** The seed's OCI reference (the gateway's: where CI publishes it for staging and production); none for the local mocks. */
  ref?: string;
  /** World in wit/ecommerce (package ecommerce:platform@1.0.0). */
  world: string;
  componentizer: Componentizer;
  /**
   * componentize-qjs: keep the WASI imports (the gateway needs wasi:http and
   * clocks). Without it they are stubbed out and the component imports only
   * its services.
   */
  wasi?: WasiMode;
}

export const WIT_PACKAGE = 'ecommerce:platform@1.0.0';

/** `ecommerce:platform/<iface>@1.0.0` */
export function platformInterface(iface: string): string {
  return `ecommerce:platform/${iface}@1.0.0`;
}

export const components: ExampleComponent[] = [
  {
    name: 'gateway',
    wacPackage: 'ecommerce:gateway',
    ref: 'ghcr.io/company/edge/gateway:v1.0.0',
    world: 'gateway',
    componentizer: 'componentize-qjs',
    wasi: true,
  },
  {
    name: 'user-service',
    wacPackage: 'ecommerce:user-service',
    ref: 'ghcr.io/company/ecommerce/user-service:v2.1.0',
    world: 'user-service',
    componentizer: 'componentize-qjs',
  },
  {
    name: 'product-catalog',
    wacPackage: 'ecommerce:product-catalog',
    ref: 'ghcr.io/company/ecommerce/product-catalog:v1.8.0',
    world: 'product-catalog',
    componentizer: 'componentize-qjs',
  },
  {
    name: 'inventory',
    wacPackage: 'ecommerce:inventory',
    ref: 'ghcr.io/company/ecommerce/inventory:v1.5.0',
    world: 'inventory-service',
    componentizer: 'componentize-qjs',
  },
  {
    name: 'orders',
    wacPackage: 'ecommerce:orders',
    ref: 'ghcr.io/company/ecommerce/orders:v2.0.0',
    world: 'order-service',
    componentizer: 'componentize-qjs',
  },
  {
    name: 'cart',
    wacPackage: 'ecommerce:cart',
    ref: 'ghcr.io/company/ecommerce/cart:v1.2.0',
    world: 'cart-service',
    componentizer: 'componentize-qjs',
  },
  {
    name: 'payment-processor',
    wacPackage: 'ecommerce:payment-processor',
    ref: 'docker.io/stripe/payment-processor:v3.2.0',
    world: 'payment-processor',
    componentizer: 'componentize-qjs',
  },
  {
    name: 'fraud-detection',
    wacPackage: 'ecommerce:fraud-detection',
    ref: 'docker.io/sift/fraud-detection:v2.0.0',
    world: 'fraud-detection',
    componentizer: 'componentize-qjs',
  },
  {
    name: 'search',
    wacPackage: 'ecommerce:search',
    ref: '123456789.dkr.ecr.us-west-2.amazonaws.com/search:v2.5.0',
    world: 'search-service',
    componentizer: 'componentize-qjs',
  },
  {
    name: 'recommendations',
    wacPackage: 'ecommerce:recommendations',
    ref: 'us-central1-docker.pkg.dev/company/ml/recommendations:v1.8.0',
    world: 'recommendation-engine',
    componentizer: 'componentize-qjs',
  },
  // the storefront (built here; CI publishes it beside the gateway for staging and production): the web frontend
  // renders pages from the gateway's api-client; the edge serves them over HTTP
  {
    name: 'web-frontend',
    wacPackage: 'ecommerce:web-frontend',
    ref: 'ghcr.io/company/edge/web-frontend:v1.0.0',
    world: 'web-frontend',
    componentizer: 'componentize-qjs',
    wasi: 'world',
  },
  {
    name: 'storefront',
    wacPackage: 'ecommerce:storefront',
    ref: 'ghcr.io/company/edge/storefront:v1.0.0',
    world: 'storefront',
    componentizer: 'componentize-qjs',
    wasi: 'world',
  },
  { name: 'payment-mock', wacPackage: 'ecommerce:payment-mock', world: 'payment-processor', componentizer: 'componentize-qjs' },
  { name: 'fraud-mock', wacPackage: 'ecommerce:fraud-mock', world: 'fraud-detection', componentizer: 'componentize-qjs' },
];

export function componentNamed(name: string): ExampleComponent {
  const c = components.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no example component named ${name}; known: ${components.map((x) => x.name).join(', ')}`);
  return c;
}

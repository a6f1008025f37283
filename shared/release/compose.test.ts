// The compose pipeline on the e-commerce example, without a registry server:
// the `development` environment reads the embedded registry (OCI layouts
// under the spec's folder). Each test works in a copy of the example's spec
// and WAC file (the built components are linked in), with its own store.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR } from '../../examples/ecommerce/build.ts';
import { publishExample } from '../../examples/ecommerce/publish.ts';
import { ensureBuilt } from '../../examples/ecommerce/test-support.ts';
import { pushFile } from '../artifact/operations.ts';
import { ConfigError } from '../config/yaml-source.ts';
import { startServer } from '../serve/server.ts';
import { WacDiagnosticError } from '../wac/diagnostics.ts';
import { composeSpec } from './compose.ts';
import { errorPlaces } from './error-places.ts';
import { FrozenLockError, readLock, UnpinnedReferencesError } from './lock.ts';
import { PullError } from './pull.ts';

let work: string;
const SPEC_TEXT = readFileSync(join(EXAMPLE_DIR, 'flotilla.yaml'), 'utf8');
const WAC_TEXT = readFileSync(join(EXAMPLE_DIR, 'platform.wac'), 'utf8');

/** A folder holding a copy of the example spec (optionally edited), its WAC file and a link to the built components. */
function example(name: string, edit: { spec?: (t: string) => string; wac?: (t: string) => string } = {}): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'flotilla.yaml'), (edit.spec ?? ((t) => t))(SPEC_TEXT));
  writeFileSync(join(dir, 'platform.wac'), (edit.wac ?? ((t) => t))(WAC_TEXT));
  cpSync(join(EXAMPLE_DIR, 'policy.yaml'), join(dir, 'policy.yaml'));
  cpSync(join(EXAMPLE_DIR, 'keys'), join(dir, 'keys'), { recursive: true });
  symlinkSync(join(EXAMPLE_DIR, 'build'), join(dir, 'build'));
  return dir;
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
}

let dev: string;
beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'flotilla-compose-'));
  dev = example('dev');
  await publishExample({ registryDir: join(dev, '.flotilla', 'registry') });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('composeSpec, development (embedded registry)', () => {
  it('pulls through the store once, composes byte-identical output twice, and writes the lock', async () => {
    const store = join(work, 'store-1');
    const first = await composeSpec({
      specFile: join(dev, 'flotilla.yaml'),
      environment: 'development',
      storeDir: store,
      output: join(dev, 'a.wasm'),
    });
    const lockText = readFileSync(first.lockFile, 'utf8');
    const second = await composeSpec({
      specFile: join(dev, 'flotilla.yaml'),
      environment: 'development',
      storeDir: store,
      output: join(dev, 'b.wasm'),
    });

    expect(first.components.map((c) => [c.name, c.fetched])).toEqual([
      ['gateway', 'local'],
      ['user-service', 'pull'],
      ['product-catalog', 'pull'],
      ['inventory', 'pull'],
      ['orders', 'pull'],
      ['cart', 'pull'],
      ['payment-processor', 'local'], // the development mock
      ['fraud-detection', 'local'],
      ['search', 'pull'],
      ['recommendations', 'pull'],
      ['web-frontend', 'local'], // the storefront
      ['storefront', 'local'],
    ]);
    expect(second.components.filter((c) => c.fetched === 'cache').map((c) => c.name)).toHaveLength(7);
    expect(readFileSync(join(dev, 'a.wasm')).equals(readFileSync(join(dev, 'b.wasm')))).toBe(true);
    expect(second.digest).toBe(first.digest);
    expect(readFileSync(second.lockFile, 'utf8')).toBe(lockText);
    expect(first.exports).toEqual(['wasi:http/incoming-handler@0.2.10']);

    const lock = readLock(first.lockFile);
    expect(lock.environment).toBe('development');
    const cart = lock.components.find((c) => c.name === 'cart');
    expect(cart).toMatchObject({
      ref: 'oci:.flotilla/registry/company/ecommerce/cart:v1.2.0',
      registry: 'oci:.flotilla/registry/company/ecommerce/cart',
      registryName: 'embedded',
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      imports: ['ecommerce:platform/catalog@1.0.0', 'flotilla:observe/context@0.1.0'],
    });
    expect(cart?.exports).toContain('ecommerce:platform/cart@1.0.0');
    expect(lock.components.find((c) => c.name === 'payment-processor')).toMatchObject({ source: 'path', path: 'build/payment-mock.wasm' });
    // the graph of the summary: orders gets cart, inventory, payment and fraud
    expect(first.edges.filter((e) => e.to === 'orders').map((e) => e.from)).toEqual([
      'cart',
      'inventory',
      'payment-processor',
      'fraud-detection',
    ]);
  }, 120_000);

  it('the composed platform serves HTTP: products come from the catalog with stock from inventory', async () => {
    const result = await composeSpec({
      specFile: join(dev, 'flotilla.yaml'),
      environment: 'development',
      storeDir: join(work, 'store-1'),
      output: join(dev, 'served.wasm'),
    });
    const server = await startServer(result.bytes);
    try {
      const res = await fetch(`${server.url}/products?category=kitchen`);
      const body = (await res.json()) as { products: { id: string; available: number }[] };
      expect(res.status).toBe(200);
      expect(body.products.map((p) => p.id)).toEqual(['p-2001', 'p-2002', 'p-2003', 'p-2004']);
      expect(body.products[0]?.available).toBe(2);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('--frozen composes the locked digests after a tag moved upstream; without it the new artifact is taken', async () => {
    const dir = example('frozen');
    const registry = join(dir, '.flotilla', 'registry');
    await publishExample({ registryDir: registry });
    const spec = join(dir, 'flotilla.yaml');
    const locked = await composeSpec({
      specFile: spec,
      environment: 'development',
      storeDir: join(work, 'store-frozen'),
      output: join(dir, 'v1.wasm'),
    });
    // the tag cart:v1.2.0 now names another artifact (a different component)
    const moved = await pushFile(join(EXAMPLE_DIR, 'build', 'cart.wasm'), `oci:${join(registry, 'company/ecommerce/cart')}:v1.2.0`, {
      cwd: dir,
      env: {},
      created: '2026-01-02T03:04:05Z',
    });
    const lockedCart = locked.components.find((c) => c.name === 'cart')?.digest;
    expect(moved.descriptor.digest).not.toBe(lockedCart);

    const frozen = await composeSpec({
      specFile: spec,
      environment: 'development',
      frozen: true,
      storeDir: join(work, 'store-frozen-2'), // an empty store: the locked digest is pulled by digest
      output: join(dir, 'frozen.wasm'),
    });
    expect(frozen.components.find((c) => c.name === 'cart')).toMatchObject({ digest: lockedCart, fetched: 'pull' });
    expect(frozen.digest).toBe(locked.digest);
    expect(frozen.lockWritten).toBe(false);
    expect(frozen.lockFile).toBe(join(dir, 'flotilla.development.lock.json'));

    const updated = await composeSpec({
      specFile: spec,
      environment: 'development',
      storeDir: join(work, 'store-frozen'),
      output: join(dir, 'v2.wasm'),
    });
    expect(updated.components.find((c) => c.name === 'cart')?.digest).toBe(moved.descriptor.digest);
    expect(readLock(updated.lockFile).components.find((c) => c.name === 'cart')?.digest).toBe(moved.descriptor.digest);
  }, 120_000);

  it('--frozen fails, naming the spec line, when the spec no longer matches the lock', async () => {
    const dir = example('frozen-mismatch');
    await publishExample({ registryDir: join(dir, '.flotilla', 'registry') });
    await composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      environment: 'development',
      storeDir: join(work, 'store-1'),
      output: join(dir, 'x.wasm'),
    });
    const edited = SPEC_TEXT.replace('build/fraud-mock.wasm', 'build/fraud-detection.wasm');
    writeFileSync(join(dir, 'flotilla.yaml'), edited);
    const err = await composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      environment: 'development',
      frozen: true,
      storeDir: join(work, 'store-1'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FrozenLockError);
    expect((err as Error).message).toContain('fraud-detection');
    expect(errorPlaces(err)).toContainEqual(
      expect.objectContaining({ file: join(dir, 'flotilla.yaml'), line: lineOf(edited, 'build/fraud-detection.wasm') }),
    );
  }, 120_000);
});

describe('bad specs fail with the spec line or the WAC span', () => {
  const compose = (dir: string) =>
    composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      environment: 'development',
      storeDir: join(work, 'store-1'),
      output: join(dir, 'out.wasm'),
    }).catch((e: unknown) => e);

  it('an unknown component (package) in the WAC file: the span of the instantiation', async () => {
    const wac = (t: string) => t.replace('new ecommerce:search {', 'new ecommerce:serach {');
    const dir = example('bad-unknown-package', { wac });
    await publishExample({ registryDir: join(dir, '.flotilla', 'registry') });
    const err = await compose(dir);
    expect(err).toBeInstanceOf(WacDiagnosticError);
    const line = lineOf(wac(WAC_TEXT), 'ecommerce:serach');
    expect((err as Error).message).toContain(`platform.wac:${line}:`);
    expect((err as Error).message).toContain('ecommerce:serach');
    expect(errorPlaces(err)[0]).toMatchObject({ file: join(dir, 'platform.wac'), line });
  }, 60_000);

  it('a missing component file: the component line of the spec', async () => {
    const spec = (t: string) => t.replace('gateway: build/gateway.wasm', 'gateway: build/no-such-gateway.wasm');
    const dir = example('bad-missing-file', { spec });
    const err = await compose(dir);
    expect(err).toBeInstanceOf(PullError);
    const line = lineOf(spec(SPEC_TEXT), 'no-such-gateway');
    expect((err as Error).message).toContain(`flotilla.yaml:${line}:`);
    expect((err as Error).message).toMatch(/no such file|ENOENT/);
    expect(errorPlaces(err)[0]).toMatchObject({ line });
  }, 60_000);

  it('a ref to a registry the spec does not list: the component line', async () => {
    const spec = (t: string) => t.replace('cart: ghcr.io/company/ecommerce/cart:v1.2.0', 'cart: quay.io/company/ecommerce/cart:v1.2.0');
    const dir = example('bad-registry', { spec });
    const err = await compose(dir);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`flotilla.yaml:${lineOf(spec(SPEC_TEXT), 'quay.io')}:`);
    expect((err as Error).message).toContain('quay.io');
  }, 60_000);

  it('a cycle (cart fed by orders, which needs cart): the WAC span of the forward use', async () => {
    const wac = (t: string) =>
      t.replace(
        'let cart = new ecommerce:cart {\n  "ecommerce:platform/catalog@1.0.0": catalog[',
        'let cart = new ecommerce:cart {\n  "ecommerce:platform/catalog@1.0.0": orders[',
      );
    const dir = example('bad-cycle', { wac });
    await publishExample({ registryDir: join(dir, '.flotilla', 'registry') });
    const err = await compose(dir);
    expect(err).toBeInstanceOf(WacDiagnosticError);
    const line = lineOf(wac(WAC_TEXT), ': orders["ecommerce:platform/catalog');
    expect((err as Error).message).toContain(`platform.wac:${line}:`);
    expect((err as Error).message).toMatch(/undefined name `orders`/);
  }, 60_000);

  it("a type mismatch between a service and the gateway's import: the span of the argument", async () => {
    const wac = (t: string) =>
      t.replace(
        '"ecommerce:platform/catalog@1.0.0": catalog["ecommerce:platform/catalog@1.0.0"],\n  "ecommerce:platform/inventory@1.0.0": inventory[',
        '"ecommerce:platform/catalog@1.0.0": users["ecommerce:platform/users@1.0.0"],\n  "ecommerce:platform/inventory@1.0.0": inventory[',
      );
    const dir = example('bad-type', { wac });
    await publishExample({ registryDir: join(dir, '.flotilla', 'registry') });
    const err = await compose(dir);
    expect(err).toBeInstanceOf(WacDiagnosticError);
    const line = lineOf(wac(WAC_TEXT), '"ecommerce:platform/catalog@1.0.0": users[');
    expect((err as Error).message).toContain(`platform.wac:${line}:`);
    expect((err as Error).message).toMatch(/catalog/);
  }, 60_000);
});

describe('production', () => {
  it('requires every ref pinned by digest: one place per unpinned component, on its spec line', async () => {
    const dir = example('production');
    const err = await composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      environment: 'production',
      storeDir: join(work, 'store-1'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnpinnedReferencesError);
    const places = errorPlaces(err);
    expect(places).toHaveLength(12); // the nine services, the gateway and the storefront's two, which production takes from a registry
    expect(places.map((p) => p.line)).toContain(lineOf(SPEC_TEXT, 'cart: ghcr.io/company/ecommerce/cart:v1.2.0'));
    expect(existsSync(join(dir, 'flotilla.production.lock.json'))).toBe(false);
  });

  it('require-signature without a policy is an error at its line: the policy says whose signatures count', async () => {
    const spec = (t: string) => t.replace('    require-digest: true\n', '').replace('    policy: policy.yaml\n', '');
    const dir = example('signatures', { spec });
    const err = await composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      environment: 'production',
      storeDir: join(work, 'store-1'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('SPEC_POLICY_REQUIRED');
    expect((err as Error).message).toContain(
      `flotilla.yaml:${lineOf(spec(SPEC_TEXT), '    require-signature: true')}:24: environments.production.require-signature: require-signature needs a policy that says whose signatures count: add policy: <file>`,
    );
  });
});

describe('plug mode', () => {
  it('plugs every other component into the socket: what the socket imports comes from the plugs', async () => {
    const dir = join(work, 'plug');
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(EXAMPLE_DIR, 'build'), join(dir, 'build'));
    writeFileSync(
      join(dir, 'flotilla.yaml'),
      [
        'name: checkout',
        'package: ecommerce:checkout@1.0.0',
        'components:',
        '  orders: build/orders.wasm',
        '  inventory: build/inventory.wasm',
        '  payment-processor: build/payment-mock.wasm',
        '  fraud-detection: build/fraud-mock.wasm',
        '  cart: build/cart.wasm',
        'composition:',
        '  plug:',
        '    socket: orders',
        '',
      ].join('\n'),
    );
    const r = await composeSpec({ specFile: join(dir, 'flotilla.yaml'), storeDir: join(work, 'store-1') });
    expect(r.output).toBe(join(dir, 'checkout.wasm'));
    expect(r.edges.map((e) => `${e.from} -> ${e.to}: ${e.import}`).sort()).toEqual([
      'cart -> orders: ecommerce:platform/cart@1.0.0',
      'fraud-detection -> orders: ecommerce:platform/fraud@1.0.0',
      'inventory -> orders: ecommerce:platform/inventory@1.0.0',
      'payment-processor -> orders: ecommerce:platform/payment@1.0.0',
    ]);
    expect(r.exports).toContain('ecommerce:platform/orders@1.0.0');
    // the cart's own import is not the socket's: wac plug leaves it to the host
    // and the services' request context, which the host (flotilla serve) provides
    expect([...r.imports].sort()).toEqual(['ecommerce:platform/catalog@1.0.0', 'flotilla:observe/context@0.1.0']);
  }, 120_000);
});

describe('a canary of one component', () => {
  const checkout = (name: string) => {
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });
    symlinkSync(join(EXAMPLE_DIR, 'build'), join(dir, 'build'));
    writeFileSync(
      join(dir, 'flotilla.yaml'),
      [
        'name: checkout',
        'package: ecommerce:checkout@1.0.0',
        'components:',
        '  orders: build/orders.wasm',
        '  inventory: build/inventory.wasm',
        '  payment-processor: build/payment-mock.wasm',
        '  fraud-detection: build/fraud-mock.wasm',
        '  cart: build/cart.wasm',
        'composition:',
        '  plug:',
        '    socket: orders',
        '',
      ].join('\n'),
    );
    return dir;
  };

  it('beside the stable one behind a generated splitter (plug mode), locked as <component>-canary; alone, in its place', async () => {
    const dir = checkout('canary-plug');
    const canaryRef = 'oci:canary/inventory:1.6.0';
    const pushed = await pushFile(join(dir, 'build', 'inventory.wasm'), canaryRef, { cwd: dir, env: {} });
    const plain = await composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      storeDir: join(work, 'store-1'),
      output: join(dir, 'plain.wasm'),
    });
    const split = await composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      storeDir: join(work, 'store-1'),
      output: join(dir, 'split.wasm'),
      lockFile: join(dir, 'split.lock.json'),
      canary: { component: 'inventory', ref: canaryRef, weight: 20 },
    });
    expect(split.digest).not.toBe(plain.digest);
    // the splitter's stats are exported; the composition's own interface is unchanged
    expect(split.exports.filter((e) => e.startsWith('flotilla-stats-'))).toHaveLength(1);
    expect(split.exports).toContain('ecommerce:platform/orders@1.0.0');
    // the splitter times the calls: the host's monotonic clock is the one import it adds
    expect(split.imports).toEqual([...plain.imports, 'wasi:clocks/monotonic-clock@0.2.0']);
    const lock = readLock(join(dir, 'split.lock.json'));
    expect(lock.components.map((c) => c.name).sort()).toEqual([...plain.lock.components.map((c) => c.name), 'inventory-canary'].sort());
    expect(lock.components.find((c) => c.name === 'inventory-canary')).toMatchObject({ source: 'ref', digest: pushed.descriptor.digest });
    const alone = await composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      storeDir: join(work, 'store-1'),
      output: join(dir, 'alone.wasm'),
      lockFile: join(dir, 'alone.lock.json'),
      canary: { component: 'inventory', ref: canaryRef, weight: null },
    });
    // the same bytes from a ref: the same composition as the file, no splitter
    expect(alone.digest).toBe(plain.digest);
    expect(readLock(join(dir, 'alone.lock.json')).components.find((c) => c.name === 'inventory')).toMatchObject({ source: 'ref' });
  }, 180_000);

  it('refuses a component that is not in the spec, a weight out of range, and a split with --frozen', async () => {
    const dir = checkout('canary-bad');
    const o = { specFile: join(dir, 'flotilla.yaml'), storeDir: join(work, 'store-1') };
    await expect(composeSpec({ ...o, canary: { component: 'users', ref: 'oci:canary/inventory:1.6.0', weight: 10 } })).rejects.toThrow(
      /^canary component 'users' is not a component of .*flotilla\.yaml; components: orders, inventory, payment-processor, fraud-detection, cart$/,
    );
    await expect(composeSpec({ ...o, canary: { component: 'inventory', ref: 'oci:canary/inventory:1.6.0', weight: 101 } })).rejects.toThrow(
      'canary weight 101 is not an integer from 0 to 100',
    );
    await expect(
      composeSpec({ ...o, frozen: true, canary: { component: 'inventory', ref: 'oci:canary/inventory:1.6.0', weight: 10 } }),
    ).rejects.toThrow('a canary beside its stable version is composed from refs: not with --frozen or --promote-from');
  });
});

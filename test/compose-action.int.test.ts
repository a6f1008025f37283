// actions/compose end to end, as the runner runs it: the example services are
// published to a real registry under their seed paths with the staging tag
// suffix, the bundled dist/index.js composes examples/ecommerce/flotilla.yaml
// for `staging` (FLOTILLA_STAGING_REGISTRY sends every ref to that registry),
// and the composed component is served and called over HTTP.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR } from '../examples/ecommerce/build.ts';
import { publishExample } from '../examples/ecommerce/publish.ts';
import { ensureBuilt } from '../examples/ecommerce/test-support.ts';
import { pushFile } from '../shared/artifact/operations.ts';
import { startServer } from '../shared/serve/server.ts';
import { type ActionRun, runActionDist } from './harness/action-runner.ts';
import { type Registry, startRegistry } from './harness/registry.ts';

const DIST = join(import.meta.dirname, '..', 'actions', 'compose', 'dist', 'index.js');
const SPEC_TEXT = readFileSync(join(EXAMPLE_DIR, 'flotilla.yaml'), 'utf8');
const WAC_TEXT = readFileSync(join(EXAMPLE_DIR, 'platform.wac'), 'utf8');
const ALICE = 'tok-alice-7f3a';

let reg: Registry;
let work: string;

/** A workspace holding the example spec (optionally edited), its WAC file and the built components. */
function workspace(name: string, edit: { spec?: (t: string) => string; wac?: (t: string) => string } = {}): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'flotilla.yaml'), (edit.spec ?? ((t) => t))(SPEC_TEXT));
  writeFileSync(join(dir, 'platform.wac'), (edit.wac ?? ((t) => t))(WAC_TEXT));
  cpSync(join(EXAMPLE_DIR, 'policy.yaml'), join(dir, 'policy.yaml'));
  symlinkSync(join(EXAMPLE_DIR, 'build'), join(dir, 'build'));
  return dir;
}

function compose(dir: string, inputs: Record<string, string> = {}, store = join(work, 'store')): Promise<ActionRun> {
  return runActionDist(
    DIST,
    { spec: 'flotilla.yaml', environment: 'staging', output: 'platform.wasm', ...inputs },
    { cwd: dir, env: { FLOTILLA_STAGING_REGISTRY: reg.host, FLOTILLA_CACHE: store }, timeoutMs: 180_000 },
  );
}

function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

beforeAll(async () => {
  await ensureBuilt();
  reg = await startRegistry();
  work = mkdtempSync(join(tmpdir(), 'flotilla-compose-action-'));
  await publishExample({ target: reg.host, tagSuffix: '-staging', env: {} });
}, 300_000);
afterAll(async () => {
  await reg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('actions/compose (dist) for staging against a registry', () => {
  let dir: string;
  let first: ActionRun;

  it('composes, sets the outputs, writes the lock and a job summary with the graph, the components and the world', async () => {
    dir = workspace('staging');
    reg.clearAccessLog();
    first = await compose(dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const bytes = readFileSync(join(dir, 'platform.wasm'));
    expect(first.outputs).toMatchObject({
      component: 'platform.wasm',
      digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      size: String(bytes.length),
      lock: 'flotilla.staging.lock.json',
    });
    expect(JSON.parse(first.outputs.exports ?? '')).toEqual(['wasi:http/incoming-handler@0.2.10']);
    expect(JSON.parse(first.outputs.imports ?? '')).toContain('wasi:http/types@0.2.10');

    // twelve refs (the gateway and the storefront as CI published them, and the nine services), each resolved and pulled from the registry under its seed path and staging tag
    const resolved = reg.accessLog().filter((e) => e.status === 200 && /\/manifests\/v[\d.]+-staging$/.test(e.path));
    expect([...new Set(resolved.map((e) => e.path.replace(/^\/v2\//, '')))].sort()).toEqual([
      'company/ecommerce/cart/manifests/v1.2.0-staging',
      'company/ecommerce/inventory/manifests/v1.5.0-staging',
      'company/ecommerce/orders/manifests/v2.0.0-staging',
      'company/ecommerce/product-catalog/manifests/v1.8.0-staging',
      'company/ecommerce/user-service/manifests/v2.1.0-staging',
      'company/edge/gateway/manifests/v1.0.0-staging',
      'company/edge/storefront/manifests/v1.0.0-staging',
      'company/edge/web-frontend/manifests/v1.0.0-staging',
      'company/ml/recommendations/manifests/v1.8.0-staging',
      'search/manifests/v2.5.0-staging',
      'sift/fraud-detection/manifests/v2.0.0-staging',
      'stripe/payment-processor/manifests/v3.2.0-staging',
    ]);
    // and their component layers fetched (twelve blobs of 1 MiB or more, and their configs)
    expect(reg.accessLog().filter((e) => e.method === 'GET' && e.path.includes('/blobs/sha256:')).length).toBeGreaterThanOrEqual(24);

    const lock = JSON.parse(readFileSync(join(dir, 'flotilla.staging.lock.json'), 'utf8')) as {
      environment: string;
      components: { name: string; ref?: string; registry?: string; digest: string }[];
    };
    expect(lock.environment).toBe('staging');
    expect(lock.components.find((c) => c.name === 'payment-processor')).toMatchObject({
      ref: `${reg.host}/stripe/payment-processor:v3.2.0-staging`,
      registry: reg.host,
    });

    expect(first.stdout).toContain('::notice::the Actions cache service is not available here');
    const s = first.summary;
    expect(s).toContain('### Composed `ecommerce-platform` for `staging`');
    expect(s).toContain('```mermaid');
    const id = (name: string) => new RegExp(`(n\\d+)\\["${name}"\\]`).exec(s)?.[1];
    for (const [from, label] of [
      ['cart', 'cart'],
      ['inventory', 'inventory'],
      ['payment-processor', 'payment'],
      ['fraud-detection', 'fraud'],
    ]) {
      expect(s).toContain(`${id(from ?? '')} -->|"${label}"| ${id('orders')}`);
    }
    expect(s).toContain(`${id('product-catalog')} -->|"catalog"| ${id('gateway')}`);
    expect(s).toContain(
      `| \`cart\` | \`${reg.host}/company/ecommerce/cart:v1.2.0-staging\` | \`${lock.components.find((c) => c.name === 'cart')?.digest}\``,
    );
    expect(s).toContain('| pulled |');
    expect(s).toContain('```wit');
    expect(s).toContain('export wasi:http/incoming-handler@0.2.10;');
  }, 240_000);

  it('the composed platform answers over HTTP: a checkout touches cart, inventory, fraud, payment and orders', async () => {
    const server = await startServer(readFileSync(join(dir, 'platform.wasm')));
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await fetch(server.url + path, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    try {
      expect((await call('POST', '/cart/alice/items', { productId: 'p-2001', quantity: 1 })).status).toBe(201);
      const cart = await call('POST', '/cart/alice/items', { productId: 'p-2003', quantity: 2 });
      expect(cart.json).toMatchObject({ itemCount: 3, totalCents: 54015 });
      const r = await call('POST', '/checkout/alice', { cardToken: 'tok_amex' }, ALICE);
      expect(r.status).toBe(201);
      const order = r.json.order as Record<string, unknown>;
      expect(order).toMatchObject({
        userId: 'alice',
        totalCents: 54015, // from the cart
        status: 'confirmed', // orders
        paymentProcessor: 'stripe/payment-processor@3.2.0', // the real processor in staging, not the mock
        fraudDecision: 'approve',
      });
      expect(order.reservationId).toMatch(/^res-\d{6}$/); // inventory
      expect(order.paymentAuthorizationId).toMatch(/^pi_\d{8}$/); // payment
      expect(r.json.cartAfter).toMatchObject({ itemCount: 0 }); // cart emptied
      expect(r.json.stockAfter).toEqual({ 'p-2001': 1, 'p-2003': 58 }); // stock committed
    } finally {
      await server.close();
    }
  }, 120_000);

  it('composing again gives byte-identical output from the store (no blob fetched again)', async () => {
    const before = readFileSync(join(dir, 'platform.wasm'));
    reg.clearAccessLog();
    const again = await compose(dir);
    expect(again.code).toBe(0);
    expect(again.outputs.digest).toBe(first.outputs.digest);
    expect(readFileSync(join(dir, 'platform.wasm')).equals(before)).toBe(true);
    expect(reg.accessLog().filter((e) => e.path.includes('/blobs/'))).toEqual([]);
    expect(again.summary.match(/\| cache hit \|/g)).toHaveLength(12);
  }, 240_000);

  it('frozen: a tag moved upstream still composes the locked digest; unfrozen takes the new one', async () => {
    const moved = await pushFile(join(EXAMPLE_DIR, 'build', 'cart.wasm'), `${reg.host}/company/ecommerce/cart:v1.2.0-staging`, {
      cwd: dir,
      env: {},
      created: '2026-02-03T04:05:06Z',
    });
    const lockBefore = readFileSync(join(dir, 'flotilla.staging.lock.json'), 'utf8');
    expect(lockBefore).not.toContain(moved.descriptor.digest);
    const frozen = await compose(dir, { frozen: 'true' }, join(work, 'store-frozen'));
    expect(frozen.code).toBe(0);
    expect(frozen.outputs.digest).toBe(first.outputs.digest);
    expect(readFileSync(join(dir, 'flotilla.staging.lock.json'), 'utf8')).toBe(lockBefore);

    const unfrozen = await compose(dir, { output: 'moved.wasm' });
    expect(unfrozen.code).toBe(0);
    expect(readFileSync(join(dir, 'flotilla.staging.lock.json'), 'utf8')).toContain(moved.descriptor.digest);
  }, 240_000);
});

describe('actions/compose (dist): errors are annotations on the line', () => {
  it('a ref to a registry the spec does not list: on the spec line', async () => {
    const spec = (t: string) => t.replace('cart: ghcr.io/company/ecommerce/cart:v1.2.0', 'cart: quay.io/company/ecommerce/cart:v1.2.0');
    const run = await compose(workspace('bad-registry', { spec }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`::error title=[A-Z_]+,file=flotilla\\.yaml,line=${lineOf(spec(SPEC_TEXT), 'quay.io')},col=\\d+::`),
    );
    expect(run.outputs).toEqual({});
  }, 120_000);

  it("a service that does not fit the gateway's import: on the WAC line", async () => {
    const wac = (t: string) =>
      t.replace(
        '"ecommerce:platform/catalog@1.0.0": catalog["ecommerce:platform/catalog@1.0.0"],\n  "ecommerce:platform/inventory@1.0.0": inventory[',
        '"ecommerce:platform/catalog@1.0.0": users["ecommerce:platform/users@1.0.0"],\n  "ecommerce:platform/inventory@1.0.0": inventory[',
      );
    const run = await compose(workspace('bad-type', { wac }));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `::error title=[A-Z_]+,file=platform\\.wac,line=${lineOf(wac(WAC_TEXT), '"ecommerce:platform/catalog@1.0.0": users[')},col=\\d+::`,
      ),
    );
    expect(run.stdout).toContain('::error::flotilla compose [');
  }, 120_000);
});

describe('actions/compose (dist): a failure carries its whole message', () => {
  it('--frozen with two disagreements: the failure lists both (not only `… disagree (2):`), each on its spec line', async () => {
    const dir = workspace('frozen-disagree');
    expect((await compose(dir)).code).toBe(0);
    const edited = SPEC_TEXT.replace(
      '  cart: ghcr.io/company/ecommerce/cart:v1.2.0',
      '  cart: ghcr.io/company/ecommerce/cart:v1.2.1',
    ).replace('  orders: ghcr.io/company/ecommerce/orders:v2.0.0', '  orders: ghcr.io/company/ecommerce/orders:v2.0.1');
    writeFileSync(join(dir, 'flotilla.yaml'), edited);
    const run = await compose(dir, { frozen: 'true' });
    expect(run.code).toBe(1);
    const failure = run.stdout.split('\n').find((l) => l.startsWith('::error::flotilla compose [LOCK_FROZEN_MISMATCH]'));
    // the runner turns %0A back into line breaks
    expect(failure).toContain("(the lock of environment 'staging') disagree (2):%0A");
    expect(failure).toContain(`component 'cart': ref changed from '${reg.host}/company/ecommerce/cart:v1.2.0-staging' (lock)`);
    expect(failure).toContain(`component 'orders': ref changed from '${reg.host}/company/ecommerce/orders:v2.0.0-staging' (lock)`);
    expect(failure).toContain('%0ACompose without --frozen to update the lock');
    for (const name of ['cart', 'orders']) {
      expect(run.stdout).toMatch(
        new RegExp(`::error title=LOCK_FROZEN_MISMATCH,file=flotilla\\.yaml,line=${lineOf(edited, `  ${name}: `)},col=\\d+::`),
      );
    }
  }, 240_000);
});

describe('actions/compose (dist): a registry that needs credentials', () => {
  let basic: Registry;
  beforeAll(async () => {
    basic = await startRegistry({ auth: 'basic' });
  }, 60_000);
  afterAll(async () => {
    await basic?.stop();
  });

  it('pulls with the credentials of the registries input, never printing the password; without them, the component line fails', async () => {
    const dir = workspace('basic-auth');
    const file = join(dir, 'registries.yaml');
    writeFileSync(
      file,
      `registries:\n  - name: staging\n    host: ${basic.host}\n    auth:\n      type: basic\n      username: ${basic.username}\n      passwordEnv: REG_PASSWORD\n`,
    );
    const password = basic.password ?? '';
    await publishExample({ target: basic.host, tagSuffix: '-staging', registries: file, env: { REG_PASSWORD: password } });
    const env = { FLOTILLA_STAGING_REGISTRY: basic.host, FLOTILLA_CACHE: join(work, 'store-basic'), REG_PASSWORD: password };
    const run = await runActionDist(
      DIST,
      { spec: 'flotilla.yaml', environment: 'staging', output: 'platform.wasm', registries: 'registries.yaml' },
      { cwd: dir, env, timeoutMs: 180_000 },
    );
    expect(run.code).toBe(0);
    expect(run.summary).toContain(`\`${basic.host}/company/ecommerce/cart:v1.2.0-staging\``);
    // the password reaches the runner only in its masking command, which the runner never shows
    const shown = (run.stdout + run.stderr + run.summary).split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain(password);
    expect(run.stdout).toContain(`::add-mask::${password}`);

    const denied = await runActionDist(
      DIST,
      { spec: 'flotilla.yaml', environment: 'staging', output: 'denied.wasm' },
      { cwd: dir, env: { ...env, FLOTILLA_CACHE: join(work, 'store-basic-2') }, timeoutMs: 180_000 },
    );
    expect(denied.code).toBe(1);
    expect(denied.stdout).toMatch(/::error title=COMPOSE_PULL,file=flotilla\.yaml,line=\d+,col=\d+::/);
    expect(denied.stdout).toMatch(/401|credentials|unauthorized/i);
    expect(denied.outputs).toEqual({});
  }, 240_000);
});

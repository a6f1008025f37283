// The e-commerce example's production, as a service team runs it, through
// the compose action's dist as the runner runs it: the services and the
// gateway published to a staging registry, staging composed from it, then
// production composed from staging's lock (promote-from: staging) into a
// second registry that needs credentials. Unsigned, the promotion is refused
// by the example policy before anything is copied; signed, every component is
// copied by digest with its signature, the composition is byte for byte
// staging's, and it serves a checkout.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_DIR } from '../examples/ecommerce/build.ts';
import { type Published, publishExample } from '../examples/ecommerce/publish.ts';
import { ensureBuilt } from '../examples/ecommerce/test-support.ts';
import { loadRegistryConfig } from '../shared/registry-config/load.ts';
import { RegistryClients } from '../shared/registry-config/open.ts';
import type { RegistryConfig } from '../shared/registry-config/types.ts';
import { type LockFile, readLock } from '../shared/release/lock.ts';
import { startServer } from '../shared/serve/server.ts';
import { signArtifact } from '../shared/sign/attach.ts';
import { generateKeyPair, parsePrivateKey } from '../shared/sign/keys.ts';
import { keyPairSigner } from '../shared/sign/signer.ts';
import { type ActionRun, runActionDist } from './harness/action-runner.ts';
import { type Registry, startRegistry } from './harness/registry.ts';

const DIST = join(import.meta.dirname, '..', 'actions', 'compose', 'dist', 'index.js');
const SPEC_TEXT = readFileSync(join(EXAMPLE_DIR, 'flotilla.yaml'), 'utf8');

let staging: Registry;
let production: Registry;
let work: string;
let dir: string;
let published: Published[];
const pair = generateKeyPair({ unencrypted: true });

/** The 1-based line of `text` that `pred` accepts first. */
function lineWhere(text: string, pred: (line: string) => boolean): number {
  return text.split('\n').findIndex(pred) + 1;
}

function compose(inputs: Record<string, string>, store: string): Promise<ActionRun> {
  return runActionDist(
    DIST,
    { spec: 'flotilla.yaml', ...inputs },
    {
      cwd: dir,
      env: {
        FLOTILLA_STAGING_REGISTRY: staging.host,
        FLOTILLA_PRODUCTION_REGISTRY: production.host,
        FLOTILLA_CACHE: join(work, store),
        PROD_PASSWORD: production.password ?? '',
      },
      timeoutMs: 240_000,
    },
  );
}

/** The registry configuration the workflow gives the action, for the test's own requests. */
function productionCredentials(): RegistryConfig {
  process.env.PROD_PASSWORD = production.password ?? '';
  return loadRegistryConfig(join(dir, 'registries.yaml'));
}

const promote = (store: string) =>
  compose({ environment: 'production', 'promote-from': 'staging', output: 'production.wasm', registries: 'registries.yaml' }, store);

beforeAll(async () => {
  await ensureBuilt();
  [staging, production] = await Promise.all([startRegistry(), startRegistry({ auth: 'basic' })]);
  work = mkdtempSync(join(tmpdir(), 'flotilla-ecommerce-production-'));
  // the service repository: the example's spec, WAC file, policy, and the team's own release key
  dir = join(work, 'shop');
  mkdirSync(join(dir, 'keys'), { recursive: true });
  writeFileSync(join(dir, 'flotilla.yaml'), SPEC_TEXT);
  cpSync(join(EXAMPLE_DIR, 'platform.wac'), join(dir, 'platform.wac'));
  cpSync(join(EXAMPLE_DIR, 'policy.yaml'), join(dir, 'policy.yaml'));
  writeFileSync(join(dir, 'keys', 'production_signing_keys.pub'), pair.publicKeyPem);
  symlinkSync(join(EXAMPLE_DIR, 'build'), join(dir, 'build'));
  writeFileSync(
    join(dir, 'registries.yaml'),
    `registries:\n  - name: production\n    host: ${production.host}\n    auth:\n      type: basic\n      username: ${production.username}\n      passwordEnv: PROD_PASSWORD\n`,
  );
  // CI published the gateway and the services to staging, unsigned for now
  published = await publishExample({ target: staging.host, tagSuffix: '-staging', env: {} });
}, 300_000);
afterAll(async () => {
  await Promise.all([staging?.stop(), production?.stop()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the e-commerce production, promoted from staging through the compose action', () => {
  let stagingRun: ActionRun;
  let stagingLock: LockFile;

  it('staging composes from the staging registry and writes its own lock', async () => {
    stagingRun = await compose({ environment: 'staging', output: 'staging.wasm' }, 'store-staging');
    expect(stagingRun.code, stagingRun.stdout).toBe(0);
    expect(stagingRun.outputs.lock).toBe('flotilla.staging.lock.json');
    expect(stagingRun.outputs.verdict).toBe(''); // staging has no policy in the spec
    stagingLock = readLock(join(dir, 'flotilla.staging.lock.json'));
    expect(stagingLock.environment).toBe('staging');
    expect(stagingLock.components).toHaveLength(12);
    const gateway = stagingLock.components.find((c) => c.name === 'gateway');
    expect(gateway?.source === 'ref' ? gateway.ref : gateway?.source).toBe(`${staging.host}/company/edge/gateway:v1.0.0-staging`);
  }, 300_000);

  it('unsigned, production is refused by the example policy on every component’s line; nothing is copied or written', async () => {
    const run = await promote('store-refused');
    expect(run.code).toBe(1);
    const refusals = run.annotations.filter((a) => a.startsWith('::error title=COMPOSE_POLICY_REFUSED,file=flotilla.yaml,'));
    expect(refusals).toHaveLength(12);
    // the gateway's line is production's own (where its ref is written), with the whole message
    const gateway = refusals.find((a) => a.includes('::gateway ('));
    expect(gateway).toContain(`line=${lineWhere(SPEC_TEXT, (l) => l.endsWith('gateway: ghcr.io/company/edge/gateway:v1.0.0'))},`);
    expect(gateway).toContain(
      'is refused by the policy:%0A- signing required by environments.production: no signature by an authority of the policy',
    );
    expect(gateway).toMatch(/policy\.yaml:\d+:\d+\)/);
    const failure = run.stdout.split('\n').find((l) => l.startsWith('::error::flotilla compose [COMPOSE_POLICY_REFUSED]'));
    expect(failure).toContain(
      'refuses 12 of 12 component(s) of ecommerce-platform in environment production; nothing was composed, nothing copied',
    );
    expect(failure).toContain('%0A  - cart ');
    expect(run.summary).toContain('### Compose refused by the policy');
    expect(run.summary).toContain('| component | digest | signer identity | rules applied | verdict | reason |');
    expect(run.summary).toMatch(/\| cart \| `sha256:[0-9a-f]{12}` \| unsigned \|/);
    expect(run.outputs).toEqual({});
    // nothing reached the production registry
    const cart = stagingLock.components.find((c) => c.name === 'cart');
    await expect(
      new RegistryClients(productionCredentials()).repository(`${production.host}/company/ecommerce/cart`).resolve(cart?.digest ?? ''),
    ).rejects.toThrow(/HTTP 404/);
    expect(() => readFileSync(join(dir, 'flotilla.production.lock.json'))).toThrow();
    expect(() => readFileSync(join(dir, 'production.wasm'))).toThrow();
  }, 300_000);

  it('signed with the release key, production composes the very digests staging tested, copied with their signatures', async () => {
    const signer = keyPairSigner(parsePrivateKey(pair.privateKeyPem, 'release key'));
    for (const p of published) {
      const repo = new RegistryClients().repository(p.ref.slice(0, p.ref.lastIndexOf(':')));
      await signArtifact(repo, await repo.resolve(p.digest), p.ref.slice(0, p.ref.lastIndexOf(':')), signer);
    }
    const run = await promote('store-production');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.verdict).toBe('pass');
    expect(run.outputs.lock).toBe('flotilla.production.lock.json');
    // the same digests, so the same composed component as staging
    expect(run.outputs.digest).toBe(stagingRun.outputs.digest);
    const lock = readLock(join(dir, 'flotilla.production.lock.json'));
    expect(lock.environment).toBe('production');
    expect(lock.promotedFrom).toEqual({ environment: 'staging', lock: 'flotilla.staging.lock.json' });
    const stagingDigests = new Map(stagingLock.components.map((c) => [c.name, c.digest]));
    for (const c of lock.components) {
      expect(c.digest, c.name).toBe(stagingDigests.get(c.name));
      const ref = c.source === 'ref' ? c.ref : `a local file ${c.path}`;
      expect(ref.startsWith(`${production.host}/`), ref).toBe(true);
      expect(ref).not.toContain('-staging');
    }
    expect(lock.components.find((c) => c.name === 'cart')?.promotedFrom).toBe(
      `${staging.host}/company/ecommerce/cart:v1.2.0-staging@${stagingDigests.get('cart')}`,
    );
    // the summary says which digest came from where, and has the verify action's verdict table
    expect(run.summary).toContain("#### Promoted from the lock of environment 'staging' (`flotilla.staging.lock.json`)");
    expect(run.summary).toContain(
      `| \`cart\` | \`${stagingDigests.get('cart')}\` | \`${staging.host}/company/ecommerce/cart:v1.2.0-staging@${stagingDigests.get('cart')}\` | \`${production.host}/company/ecommerce/cart:v1.2.0@${stagingDigests.get('cart')}\` | copied, 1 referrer(s) | set \`v1.2.0\` |`,
    );
    expect(run.summary).toContain('#### Flotilla verify: pass');
    expect(run.summary).toMatch(/\| gateway \| `sha256:[0-9a-f]{12}` \| key sha256:[0-9a-f]{12} \[production_signing_keys\] \|/);
    // in the production registry: each artifact by digest, tagged, with its signature
    const cart = new RegistryClients(productionCredentials()).repository(`${production.host}/company/ecommerce/cart`);
    expect((await cart.resolve('v1.2.0')).digest).toBe(stagingDigests.get('cart'));
    const referrers = await cart.referrers(await cart.resolve(stagingDigests.get('cart') ?? ''));
    expect(referrers.map((r) => r.artifactType)).toEqual(['application/vnd.dev.sigstore.bundle.v0.3+json']);
    // the password reached the runner only in its masking command
    expect(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
    ).not.toContain(production.password ?? '');

    // and production serves a checkout through cart, inventory, fraud, payment and orders
    const server = await startServer(readFileSync(join(dir, 'production.wasm')));
    try {
      const add = await fetch(`${server.url}/cart/alice/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ productId: 'p-2001', quantity: 1 }),
      });
      expect(add.status).toBe(201);
      const checkout = await fetch(`${server.url}/checkout/alice`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer tok-alice-7f3a' },
        body: JSON.stringify({ cardToken: 'tok_amex' }),
      });
      expect(checkout.status).toBe(201);
      const body = (await checkout.json()) as { order: { status: string; paymentProcessor: string } };
      expect(body.order).toMatchObject({ status: 'confirmed', paymentProcessor: 'stripe/payment-processor@3.2.0' });
    } finally {
      await server.close();
    }
  }, 300_000);
});

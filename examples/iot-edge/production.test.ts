// The IoT edge production composed from its signed staging lock
// (promoteFrom: staging): every component (the services, and the edge
// gateway as CI published it) in a staging registry with staging tags,
// signed; staging composed; production composed from staging's lock into the
// production registry, the policy checked first. Then an edge gateway built
// with the whole WASI runtime (files, CLI), signed like the rest, is refused
// by production's policy, naming the import and the rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClients } from '../../shared/registry-config/open.ts';
import type { ComposeResult } from '../../shared/release/compose.ts';
import type { LockedComponent } from '../../shared/release/lock.ts';
import { ComposeRefusedError } from '../../shared/release/policy-check.ts';
import { type PromotionWorld, promotionWorld } from '../lib/promotion.ts';
import { iotEdge } from './components.ts';

let world: PromotionWorld;
/** The ref of a locked component (every one is a ref in staging and production). */
const refOf = (c: LockedComponent | undefined) => (c?.source === 'ref' ? c.ref : undefined);
let staging: ComposeResult;

beforeAll(async () => {
  world = await promotionWorld(iotEdge, ['iot_release.pub', 'vendor_release.pub']);
}, 600_000);
afterAll(async () => world?.stop());

describe('IoT edge production, promoted from the signed staging lock', () => {
  it('staging composes from the staging registry, the edge gateway as CI published it', async () => {
    staging = await world.composeStaging();
    expect(staging.lock.environment).toBe('staging');
    expect(staging.lock.components).toHaveLength(8);
    for (const c of staging.lock.components) expect(refOf(c)?.startsWith(`${world.staging.host}/`), c.name).toBe(true);
    expect(refOf(staging.lock.components.find((c) => c.name === 'edge_gateway'))).toBe(
      `${world.staging.host}/iot/edge/gateway:v1.0.0-staging`,
    );
  }, 300_000);

  it('production composes the very digests staging tested, signed, into the production registry', async () => {
    const prod = await world.composeProduction();
    expect(prod.verification?.verdict).toBe('pass');
    expect(prod.lock.promotedFrom).toEqual({ environment: 'staging', lock: 'flotilla.staging.lock.json' });
    const stagingDigests = new Map(staging.lock.components.map((c) => [c.name, c.digest]));
    for (const c of prod.lock.components) {
      expect(c.digest, c.name).toBe(stagingDigests.get(c.name));
      expect(refOf(c)?.startsWith(`${world.production.host}/`), c.name).toBe(true);
      expect(refOf(c)).not.toContain('-staging');
    }
    expect(prod.digest).toBe(staging.digest);
    const ota = new RegistryClients().repository(`${world.production.host}/iot/devices/ota`);
    const desc = await ota.resolve('v1.0.0');
    expect(desc.digest).toBe(stagingDigests.get('ota_updates'));
    expect((await ota.referrers(desc)).map((r: { artifactType?: string }) => r.artifactType)).toEqual([
      'application/vnd.dev.sigstore.bundle.v0.3+json',
    ]);
  }, 300_000);

  it('an edge gateway that imports the file system is refused by production’s policy, naming the import', async () => {
    const ref = await world.publishVariant('edge-gateway');
    await world.sign(ref);
    const variantStaging = await world.composeStaging();
    const variant = variantStaging.lock.components.find((c) => c.name === 'edge_gateway');
    expect(variant?.imports?.some((i) => i.startsWith('wasi:filesystem/'))).toBe(true);
    const refused = await world.composeProduction().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(ComposeRefusedError);
    const err = refused as ComposeRefusedError;
    expect(err.refused.map((r) => r.name)).toEqual(['edge_gateway']);
    const messages = err.refused[0]?.violations.map((v) => v.message) ?? [];
    expect(messages).toContainEqual(
      expect.stringMatching(/import `wasi:filesystem\/types@0\.2\.12` is denied \(matches `wasi:filesystem\/\*`\)/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^capabilities of components\[0\] `edge_gateway`: .*import `wasi:filesystem\/types@0\.2\.12` is not in the allow list/,
      ),
    );
    await expect(
      new RegistryClients().repository(`${world.production.host}/iot/edge/gateway`).resolve(variant?.digest ?? ''),
    ).rejects.toThrow(/404/);
  }, 300_000);
});

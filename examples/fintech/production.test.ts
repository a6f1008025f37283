// The fintech production composed from its signed staging lock (promoteFrom:
// staging), as the bank's CI does it: every component (the services, the
// external integrations, and the gateway, mobile app and device simulator as
// CI published them) in a staging registry with staging tags, signed with the
// release key; staging composed; production composed from staging's lock into
// the production registry, the policy checked first. Then an audit service
// built with the whole WASI runtime (files, CLI), signed like the rest, is
// refused by production's policy, naming the import and the rule, with
// nothing copied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClients } from '../../shared/registry-config/open.ts';
import type { ComposeResult } from '../../shared/release/compose.ts';
import type { LockedComponent } from '../../shared/release/lock.ts';
import { ComposeRefusedError } from '../../shared/release/policy-check.ts';
import { type PromotionWorld, promotionWorld } from '../lib/promotion.ts';
import { fintech } from './components.ts';

let world: PromotionWorld;
/** The ref of a locked component (every one is a ref in staging and production). */
const refOf = (c: LockedComponent | undefined) => (c?.source === 'ref' ? c.ref : undefined);
let staging: ComposeResult;

beforeAll(async () => {
  world = await promotionWorld(fintech, ['bank_release.pub', 'compliance_officer.pub', 'experian_release.pub', 'fed_release.pub']);
}, 600_000);
afterAll(async () => world?.stop());

describe('fintech production, promoted from the signed staging lock', () => {
  it('staging composes from the staging registry, the local components as CI published them', async () => {
    staging = await world.composeStaging();
    expect(staging.lock.environment).toBe('staging');
    expect(staging.lock.components).toHaveLength(13);
    for (const c of staging.lock.components) {
      expect(c.source, c.name).toBe('ref');
      expect(refOf(c)?.startsWith(`${world.staging.host}/`), c.name).toBe(true);
    }
    expect(refOf(staging.lock.components.find((c) => c.name === 'api_gateway'))).toBe(
      `${world.staging.host}/bank/edge/api-gateway:v1.0.0-staging`,
    );
  }, 300_000);

  it('production composes the very digests staging tested, signed, into the production registry', async () => {
    const prod = await world.composeProduction();
    expect(prod.verification?.verdict).toBe('pass');
    expect(prod.lock.environment).toBe('production');
    expect(prod.lock.promotedFrom).toEqual({ environment: 'staging', lock: 'flotilla.staging.lock.json' });
    const stagingDigests = new Map(staging.lock.components.map((c) => [c.name, c.digest]));
    for (const c of prod.lock.components) {
      expect(c.digest, c.name).toBe(stagingDigests.get(c.name));
      expect(refOf(c)?.startsWith(`${world.production.host}/`), c.name).toBe(true);
      expect(refOf(c)).not.toContain('-staging');
    }
    // the same digests compose the same component
    expect(prod.digest).toBe(staging.digest);
    // copied with their signatures
    const audit = new RegistryClients().repository(`${world.production.host}/bank/compliance/audit`);
    const desc = await audit.resolve('v1.0.0');
    expect(desc.digest).toBe(stagingDigests.get('audit_service'));
    expect((await audit.referrers(desc)).map((r: { artifactType?: string }) => r.artifactType)).toEqual([
      'application/vnd.dev.sigstore.bundle.v0.3+json',
    ]);
  }, 300_000);

  it('an audit service that imports the file system is refused by production’s policy, naming the import; nothing is copied', async () => {
    const ref = await world.publishVariant('audit-service');
    await world.sign(ref);
    const variantStaging = await world.composeStaging();
    const variant = variantStaging.lock.components.find((c) => c.name === 'audit_service');
    expect(variant?.imports?.some((i) => i.startsWith('wasi:filesystem/'))).toBe(true);
    const refused = await world.composeProduction().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(ComposeRefusedError);
    const err = refused as ComposeRefusedError;
    expect(err.refused.map((r) => r.name)).toEqual(['audit_service']);
    const messages = err.refused[0]?.violations.map((v) => v.message) ?? [];
    // the policy's own denial, the bank services' rule, and the audit trail's allow list, each naming the import
    expect(messages).toContain(
      'capabilities of capabilities: import `wasi:filesystem/types@0.2.12` is denied (matches `wasi:filesystem/*`); import `wasi:filesystem/preopens@0.2.12` is denied (matches `wasi:filesystem/*`)',
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^capabilities of components\[0\] `bank services`: import `wasi:filesystem\/types@0\.2\.12` is denied/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^capabilities of components\[9\] `audit trail`: .*import `wasi:filesystem\/types@0\.2\.12` is not in the allow list/,
      ),
    );
    expect(err.message).toMatch(
      /policy .*policy\.yaml refuses 1 of 13 component\(s\) of .* in environment production; nothing was composed, nothing copied/,
    );
    // the refused digest never reached production
    await expect(
      new RegistryClients().repository(`${world.production.host}/bank/compliance/audit`).resolve(variant?.digest ?? ''),
    ).rejects.toThrow(/404/);
  }, 300_000);
});

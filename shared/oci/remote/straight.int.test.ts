import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileRegistry, startHostileRegistry } from '../../../test/harness/hostile-registry.ts';
import { makeArtifact, pushArtifact } from '../../../test/oci/artifacts.ts';
import { basicCredential } from '../../auth/credentials.ts';
import { hasRegistryCode, NotFoundError } from '../../transport/errors.ts';
import { RemoteRegistry } from './registry.ts';

describe('what a RemoteRepository learns lives on its registry, as data', () => {
  let reg: HostileRegistry;
  beforeAll(async () => {
    reg = await startHostileRegistry();
  });
  afterAll(async () => {
    await reg?.stop();
  });
  const registry = (extra: Partial<ConstructorParameters<typeof RemoteRegistry>[0]> = {}) =>
    new RemoteRegistry({ host: reg.host, credential: basicCredential(reg.username, reg.password), retry: false, ...extra });

  it("keeps the registry's error codes as data on the error", async () => {
    const err = await registry()
      .repository('x/none')
      .fetchManifest('missing')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).registryErrors).toEqual([{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }]);
    expect(hasRegistryCode(err, 'MANIFEST_UNKNOWN')).toBe(true);
    expect(hasRegistryCode(err, 'NAME_UNKNOWN')).toBe(false);
    // the message still says it
    expect((err as Error).message).toContain('MANIFEST_UNKNOWN: manifest unknown');
  });

  it('learns referrers support once, on the registry, shared by its repositories', async () => {
    const r = registry();
    expect(r.referrersSupport).toBe('unknown');
    const a = makeArtifact(100);
    const one = r.repository('x/ref-a');
    await pushArtifact(one, a, 'v1');
    expect(await one.referrers(a.manifest.desc)).toEqual([]);
    // the hostile registry answers the referrers API with an OCI index
    expect(r.referrersSupport).toBe('api');
    r.learnReferrers('tag-schema');
    expect(r.referrersSupport).toBe('api');
    expect(registry({ referrers: 'tag-schema' }).referrersSupport).toBe('tag-schema');
  });

  it('serialises updates of one referrers index through the registry lock, in call order', async () => {
    const r = registry();
    const order: string[] = [];
    const step = (name: string, ms: number) => async () => {
      order.push(`${name} start`);
      await new Promise((res) => setTimeout(res, ms));
      order.push(`${name} end`);
      if (name === 'b') throw new Error('b failed');
      return name;
    };
    const results = await Promise.allSettled([
      r.withIndexLock('repo sha256:1', step('a', 15)),
      r.withIndexLock('repo sha256:1', step('b', 1)),
      r.withIndexLock('repo sha256:1', step('c', 1)),
      r.withIndexLock('repo sha256:2', step('other', 1)),
    ]);
    expect(results.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const same = order.filter((e) => !e.startsWith('other'));
    expect(same).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    // another index is not held up by this one
    expect(order.indexOf('other end')).toBeLessThan(order.indexOf('a end'));
  });
});

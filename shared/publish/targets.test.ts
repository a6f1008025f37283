import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.ts';
import { registryConfigFromEnvValue } from '../registry-config/load.ts';
import { prefixTargets, resolveTargets } from './targets.ts';

const config = registryConfigFromEnvValue('prod|ghcr.io|oci|env|GITHUB_TOKEN;local|localhost:5000|oci|anonymous;acr|*.azurecr.io|oci');

describe('publish targets', () => {
  it('takes refs, <registry name>/repo:tag and bare registry names', () => {
    const targets = resolveTargets(['ghcr.io/acme/cart:1.0.0', 'local/shop/cart:2.0.0', 'prod'], config, {
      repository: 'cart',
      tag: '3.0.0',
    });
    expect(targets.map((t) => [t.display, t.registryName])).toEqual([
      ['ghcr.io/acme/cart:1.0.0', undefined],
      ['localhost:5000/shop/cart:2.0.0', 'local'],
      ['ghcr.io/cart:3.0.0', 'prod'],
    ]);
  });

  it('gives the tag to a ref without one, and refuses what it cannot resolve', () => {
    expect(resolveTargets(['ghcr.io/acme/cart'], config, { repository: 'cart', tag: 'v1' })[0]?.display).toBe('ghcr.io/acme/cart:v1');
    const fail = (to: string[], tag?: string) => () => resolveTargets(to, config, { repository: 'cart', ...(tag ? { tag } : {}) });
    expect(fail(['ghcr.io/acme/cart'])).toThrow('names no tag: add one, as in ghcr.io/acme/cart:1.0.0, or give --tag');
    expect(fail(['prod'])).toThrow("names registry 'prod' (FLOTILLA_REGISTRIES:1:1) without a tag");
    expect(fail(['staging'])).toThrow(
      'neither a registry ref with a host (as in ghcr.io/acme/cart:1.0.0) nor a registry name of the configuration (prod, local, acr)',
    );
    expect(fail(['acme/cart:1'])).toThrow(UsageError);
    expect(fail(['acr'], 'v1')).toThrow(UsageError); // a wildcard entry names no single host
    expect(fail([`ghcr.io/acme/cart@sha256:${'a'.repeat(64)}`])).toThrow('names a digest');
    expect(fail(['oci:./store:v1'])).toThrow('is an OCI layout');
    expect(fail(['prod/a:1', 'ghcr.io/a:1'])).toThrow('repeats target ghcr.io/a:1');
    expect(fail([])).toThrow('at least one target');
    expect(resolveTargets(['docker.io/acme/cart:1'], config, { repository: 'cart' })[0]?.display).toBe('docker.io/acme/cart:1');
  });

  it('turns registries and prefixes into one ref per lock component', () => {
    expect(prefixTargets(['prod', 'local/shop', 'ghcr.io/acme/', '127.0.0.1:5000'], config, 'cart', '1.2.0')).toEqual([
      'prod/cart:1.2.0',
      'local/shop/cart:1.2.0',
      'ghcr.io/acme/cart:1.2.0',
      '127.0.0.1:5000/cart:1.2.0',
    ]);
    expect(() => prefixTargets(['ghcr.io/acme/cart:1'], config, 'cart', '1')).toThrow('names a tag or digest');
  });
});

// The store's Actions cache steps, against a stand-in of the cache service
// (the real one exists only inside GitHub Actions): keys, notices, no failures.
import { describe, expect, it } from 'vitest';
import { type CacheService, restoreStore, saveStore, storeCacheKey } from './cache.ts';
import type { LockFile } from './lock.ts';

function lock(digests: string[]): LockFile {
  return {
    lockVersion: 1,
    spec: 's',
    package: 'a:b',
    components: digests.map((d, i) => ({
      name: `c${i}`,
      package: `a:c${i}`,
      source: 'path',
      path: `c${i}.wasm`,
      digest: `sha256:${d.repeat(64)}` as `sha256:${string}`,
      size: 1,
      mediaType: 'application/wasm',
      imports: [],
      exports: [],
    })),
  };
}

function service(over: Partial<CacheService> = {}) {
  const calls: string[] = [];
  const s: CacheService = {
    isFeatureAvailable: () => true,
    restoreCache: async (paths, key, restoreKeys) => {
      calls.push(`restore ${paths.join(',')} ${key} ${restoreKeys?.join(',')}`);
      return key;
    },
    saveCache: async (paths, key) => {
      calls.push(`save ${paths.join(',')} ${key}`);
      return 1;
    },
    ...over,
  };
  return { s, calls };
}

function log() {
  const lines: string[] = [];
  return { lines, info: (m: string) => lines.push(`info ${m}`), notice: (m: string) => lines.push(`notice ${m}`) };
}

describe('store cache', () => {
  it('keys by the set of digests: same digests in any order, same key; another digest, another key', () => {
    expect(storeCacheKey(lock(['a', 'b']))).toBe(storeCacheKey(lock(['b', 'a'])));
    expect(storeCacheKey(lock(['a', 'b']))).not.toBe(storeCacheKey(lock(['a', 'c'])));
    expect(storeCacheKey(lock(['a']))).toMatch(/^flotilla-store-[0-9a-f]{32}$/);
  });

  it('without a cache service: a notice, nothing restored or saved', async () => {
    const { s, calls } = service({ isFeatureAvailable: () => false });
    const l = log();
    expect(await restoreStore(s, '/store', 'k', l)).toBeUndefined();
    await saveStore(s, '/store', lock(['a']), undefined, l);
    expect(calls).toEqual([]);
    expect(l.lines).toEqual(['notice the Actions cache service is not available here: components are pulled from their registries']);
  });

  it('a failing cache service is a notice, not a failure', async () => {
    const { s } = service({
      restoreCache: async () => {
        throw new Error('503 from the cache service');
      },
      saveCache: async () => {
        throw new Error('reserve failed');
      },
    });
    const l = log();
    expect(await restoreStore(s, '/store', 'k', l)).toBeUndefined();
    await saveStore(s, '/store', lock(['a']), undefined, l);
    expect(l.lines.every((x) => x.startsWith('notice '))).toBe(true);
    expect(l.lines.join('\n')).toContain('503 from the cache service');
    expect(l.lines.join('\n')).toContain('reserve failed');
  });

  it('restores with the lock key and the prefix as fallback; saves under the new key unless it was the one restored', async () => {
    const { s, calls } = service();
    const l = log();
    const key = storeCacheKey(lock(['a']));
    expect(await restoreStore(s, '/store', key, l)).toBe(key);
    await saveStore(s, '/store', lock(['a']), key, l);
    await saveStore(s, '/store', lock(['a', 'b']), key, l);
    expect(calls).toEqual([`restore /store ${key} flotilla-store-`, `save /store ${storeCacheKey(lock(['a', 'b']))}`]);
  });
});

/**
 * The component store in GitHub Actions: restored before composing and saved
 * after, with the Actions cache, keyed by the digests of the lock. Without a
 * cache service (a self-hosted runner without one, a local run) each step is
 * a notice, never a failure: composing works from the registries all the same.
 */
import { existsSync } from 'node:fs';
import { sha256 } from '../oci/digest.ts';
import type { LockFile } from './lock.ts';
import { readLock } from './lock.ts';

export const CACHE_KEY_PREFIX = 'flotilla-store-';

/** The key of a store holding the components of `lock`: the same digests, the same key. */
export function storeCacheKey(lock: LockFile): string {
  const digests = [...new Set(lock.components.map((c) => c.digest))].sort();
  return `${CACHE_KEY_PREFIX}${sha256(digests.join('\n')).slice('sha256:'.length, 'sha256:'.length + 32)}`;
}

/** The key to restore before composing: the one of the current lock file, if there is one and it reads. */
export function restoreKeyFor(lockFile: string): string | undefined {
  if (!existsSync(lockFile)) return undefined;
  try {
    return storeCacheKey(readLock(lockFile));
  } catch {
    return undefined; // a broken lock is reported by compose itself
  }
}

export interface CacheService {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], key: string, restoreKeys?: string[]): Promise<string | undefined>;
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface CacheLog {
  info(message: string): void;
  notice(message: string): void;
}

/** Restores the store; returns the key restored, if any. */
export async function restoreStore(
  service: CacheService,
  dir: string,
  key: string | undefined,
  log: CacheLog,
): Promise<string | undefined> {
  if (!service.isFeatureAvailable()) {
    log.notice('the Actions cache service is not available here: components are pulled from their registries');
    return undefined;
  }
  try {
    const hit = await service.restoreCache([dir], key ?? CACHE_KEY_PREFIX, [CACHE_KEY_PREFIX]);
    log.info(hit ? `component store restored from the cache (${hit})` : 'no cached component store yet');
    return hit;
  } catch (err) {
    log.notice(
      `the component store could not be restored from the Actions cache (${err instanceof Error ? err.message : String(err)}); pulling instead`,
    );
    return undefined;
  }
}

/** Saves the store under the key of `lock`, unless that exact key was restored. */
export async function saveStore(
  service: CacheService,
  dir: string,
  lock: LockFile,
  restored: string | undefined,
  log: CacheLog,
): Promise<void> {
  const key = storeCacheKey(lock);
  if (restored === key) {
    log.info(`component store unchanged (${key}); not saved again`);
    return;
  }
  if (!service.isFeatureAvailable()) return;
  try {
    await service.saveCache([dir], key);
    log.info(`component store saved to the cache (${key})`);
  } catch (err) {
    log.notice(`the component store could not be saved to the Actions cache (${err instanceof Error ? err.message : String(err)})`);
  }
}

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The pull cache: an OCI image layout shared by every pull of the machine,
 * keyed by digest. `FLOTILLA_CACHE`, else `$XDG_CACHE_HOME/flotilla/oci`,
 * else `~/.cache/flotilla/oci`.
 */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  if (env.FLOTILLA_CACHE) return resolve(env.FLOTILLA_CACHE);
  const base = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  return join(base, 'flotilla', 'oci');
}

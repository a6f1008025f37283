import type { RegistryConfig, RegistryEntry } from './types.ts';

/**
 * Whether `host` (`abc.azurecr.io`, `localhost:5000`) matches `pattern`:
 * equal (case-insensitive, ports equal), or `*.<suffix>` where `*` stands
 * for exactly one DNS label (as in TLS certificates) and the ports are equal.
 */
export function matchHost(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!p.startsWith('*.')) return p === h;
  const suffix = p.slice(1); // ".azurecr.io[:port]"
  if (!h.endsWith(suffix)) return false;
  const label = h.slice(0, h.length - suffix.length);
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(label);
}

/** The entry for `host`: an exact host wins over wildcards, the longest wildcard over shorter ones. */
export function findRegistryEntry(config: RegistryConfig, host: string): RegistryEntry | undefined {
  let best: RegistryEntry | undefined;
  for (const e of config.entries) {
    if (!matchHost(e.host, host)) continue;
    if (!e.host.startsWith('*.')) return e;
    if (!best || e.host.length > best.host.length) best = e;
  }
  return best;
}

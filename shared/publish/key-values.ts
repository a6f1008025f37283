/**
 * `key=value` lines, as build-push-action takes `labels` and `annotations`
 * (and docker/metadata-action writes them): one a line, blank lines and `#`
 * comments skipped, the value is everything after the first `=` (commas and
 * `=` included). An annotation may carry build-push-action's level prefix:
 * `manifest:` (the default, and the only level a Wasm artifact has: it is
 * one manifest, with no index and no descriptors above it).
 */
import { UsageError } from '../errors.ts';

const LEVELS = ['manifest', 'index', 'manifest-descriptor', 'index-descriptor'];

/** Parses `key=value` lines; `what` names the input in messages (`labels`, `annotations`). */
export function parseKeyValues(lines: readonly string[], what: string, opts: { levels?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    let key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (key === '')
      throw new UsageError(
        `${what} line ${i + 1} ('${line}'): expected key=value, as in org.opencontainers.image.source=https://github.com/acme/shop`,
      );
    const colon = key.indexOf(':');
    if (opts.levels && colon > 0 && LEVELS.includes(key.slice(0, colon).split('[')[0] as string)) {
      const level = key.slice(0, colon);
      if (level !== 'manifest') {
        throw new UsageError(
          `${what} line ${i + 1} ('${line}'): level '${level}' does not exist for a Wasm artifact, which is one manifest (no index, no descriptors); write the key alone or as manifest:${key.slice(colon + 1)}`,
        );
      }
      key = key.slice(colon + 1);
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(key)) {
      throw new UsageError(
        `${what} line ${i + 1}: '${key}' is not an annotation key (letters, digits, '.', '_', '-' and '/', as in org.opencontainers.image.title)`,
      );
    }
    out[key] = line.slice(eq + 1).trim();
  });
  return out;
}

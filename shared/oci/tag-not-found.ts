/**
 * "tag v9.9.9 not found in 127.0.0.1:5000/shop/cart; its tags: v1.2.0,
 * v1.1.0, …": a tag the repository does not have, said as such, with the
 * tags it does have (closest to the one asked for first) when the registry
 * answers the tag list. A registry only says 404 MANIFEST_UNKNOWN (or
 * NAME_UNKNOWN for a repository it does not know); one more request, made
 * only after that failure, turns it into something to act on.
 */
import { FlotillaError } from '../errors.ts';
import { hasRegistryCode, RegistryError } from '../transport/errors.ts';
import { isDigest } from './digest.ts';
import { TagNotFoundError } from './layout/errors.ts';
import type { TagLister } from './store.ts';

const SHOWN = 8;

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** Whether an error says the manifest (or the repository) is not there. */
function isNotFound(err: unknown): boolean {
  if (!(err instanceof FlotillaError)) return false;
  return err.code === 'OCI_NOT_FOUND' || err.code === 'TAG_NOT_FOUND';
}

/**
 * When `err` is a "not found" for the tag `reference` of `store`, a
 * TagNotFoundError saying so with some of the repository's tags; otherwise
 * `err` itself. Never throws.
 */
export async function explainTagNotFound(store: TagLister, reference: string, err: unknown): Promise<unknown> {
  if (isDigest(reference) || !isNotFound(err)) return err;
  const where = store.location;
  if (hasRegistryCode(err, 'NAME_UNKNOWN')) {
    return new TagNotFoundError(
      `tag ${reference} not found in ${where}: the registry has no repository ${where.slice(where.indexOf('/') + 1)}; check the repository path`,
    );
  }
  let tags: string[] | undefined;
  try {
    tags = await store.listTags();
  } catch (listErr) {
    // distribution answers a manifest of an unknown repository with MANIFEST_UNKNOWN, its tag list with NAME_UNKNOWN
    if (isNotFound(listErr) && (hasRegistryCode(listErr, 'NAME_UNKNOWN') || (listErr instanceof RegistryError && listErr.status === 404))) {
      const error = new TagNotFoundError(
        `tag ${reference} not found in ${where}: the registry has no repository ${where.slice(where.indexOf('/') + 1)}; check the repository path`,
      );
      (error as { cause?: unknown }).cause = err;
      return error;
    }
    tags = undefined; // the registry does not list its tags (or not to us): say what is known
  }
  // the referrers tag schema's index tags (sha256-<hex>) are not versions anyone asks for
  const versions = tags?.filter((t) => !/^sha256-[0-9a-f]{64}$/.test(t));
  const known =
    versions === undefined
      ? ''
      : versions.length === 0
        ? '; the repository has no tags'
        : `; its tags: ${[...versions]
            .sort((a, b) => distance(reference, a) - distance(reference, b) || (a < b ? -1 : a > b ? 1 : 0))
            .slice(0, SHOWN)
            .join(', ')}${versions.length > SHOWN ? `, … (${versions.length} in all)` : ''}`;
  const error = new TagNotFoundError(`tag ${reference} not found in ${where}${known}`);
  (error as { cause?: unknown }).cause = err;
  return error;
}

/** Runs `op`; a "not found" for the tag `reference` becomes explainTagNotFound's error. */
export async function withTagHint<T>(store: TagLister, reference: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw await explainTagNotFound(store, reference, err);
  }
}

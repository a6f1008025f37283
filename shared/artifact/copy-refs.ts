import { UsageError } from '../errors.ts';
import { Copier, type CopyResult, type CopyStats } from '../oci/copy.ts';
import { referenceArgument, referenceTarget } from '../oci/reference.ts';
import { type OpenStoreOptions, Stores } from '../registry-config/stores.ts';

/**
 * What the `copy` and `tags` commands do, as functions returning data. Apart
 * from operations.ts so that a copy loads no component reader or artifact
 * builder: one process per artifact starts that much sooner.
 */

export interface CopyRefsOptions extends OpenStoreOptions {
  referrers?: boolean;
  /** Blobs at once: a number, or the text of `--concurrency`. */
  concurrency?: number | string;
}

export interface CopyRefsResult {
  results: CopyResult[];
  stats: CopyStats;
  /** True when every tag of the source was copied (no tag or digest given). */
  all: boolean;
}

/**
 * Copies `src` to `dst` (registry refs or `oci:<dir>[:tag]`): one artifact
 * when `src` names a tag or digest (to `dst`'s tag, else the same tag),
 * every tag of the repository or layout otherwise, in one process.
 */
export async function copyRefs(srcInput: string, dstInput: string, opts: CopyRefsOptions): Promise<CopyRefsResult> {
  const src = referenceArgument(srcInput, 'copy source');
  const dst = referenceArgument(dstInput, 'copy destination');
  if (dst.digest !== undefined) throw new UsageError(`copy destination '${dstInput}' names a digest; name a tag, or nothing`);
  const srcTarget = referenceTarget(src);
  if (srcTarget === undefined && dst.tag !== undefined) {
    throw new UsageError(`copying every tag of '${srcInput}': give the destination without a tag (got '${dstInput}')`);
  }
  const concurrency = opts.concurrency === undefined ? undefined : Number(opts.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)) {
    throw new UsageError(`--concurrency '${opts.concurrency}': expected a whole number from 1 to 256`);
  }
  const stores = Stores.of(opts);
  const [from, to] = await Promise.all([stores.open(src, opts.cwd), stores.open(dst, opts.cwd)]);
  const copier = new Copier(from, to, {
    referrers: opts.referrers,
    ...(concurrency !== undefined ? { concurrency, artifactConcurrency: concurrency } : {}),
  });
  if (srcTarget === undefined) return { results: await copier.copyAll(), stats: copier.stats, all: true };
  const result = await copier.copy(srcTarget, dst.tag ?? (src.digest === undefined ? src.tag : undefined) ?? null);
  return { results: [result], stats: copier.stats, all: false };
}

/** The tags of a repository or layout, sorted (registries list them in an order of their own). */
export async function listTagsOf(repo: string, opts: OpenStoreOptions): Promise<string[]> {
  const ref = referenceArgument(repo, 'tags');
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new UsageError(`'${repo}' names a tag or digest; give the repository (or oci:<dir>) alone`);
  }
  return (await (await Stores.of(opts).open(ref, opts.cwd)).listTags()).sort();
}

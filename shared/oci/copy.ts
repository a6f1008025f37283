import { errorMessage, FlotillaError } from '../errors.ts';
import type { Digest } from './digest.ts';
import { isDigest } from './digest.ts';
import { manifestChildren, parseManifest } from './manifest.ts';
import { createPool, type Pool } from './remote/pool.ts';
import { type CopySource, type CopyTarget, type FetchedManifest, isBlobMounter } from './store.ts';
import { type Descriptor, isIndex } from './types.ts';

export interface CopyOptions {
  /** Also copy the referrers (signatures, attestations) of every artifact, recursively. */
  referrers?: boolean | undefined;
  /** Blob transfers at once (default 8). */
  concurrency?: number;
  /** Artifacts at once when copying every tag (default 8). */
  artifactConcurrency?: number;
  /** Blobs up to this size are read whole, larger ones are streamed (default 8 MiB). */
  streamThreshold?: number;
  /** Called as things happen (progress output, tests). */
  onEvent?: (event: CopyEvent) => void;
}

export type CopyEvent =
  | { kind: 'blob-copied' | 'blob-skipped' | 'blob-mounted'; descriptor: Descriptor }
  | { kind: 'manifest-copied' | 'manifest-skipped'; descriptor: Descriptor }
  | { kind: 'tagged'; descriptor: Descriptor; tag: string };

export interface CopyStats {
  blobsCopied: number;
  blobsSkipped: number;
  /** Blobs the target registry mounted from the source repository (same registry: no bytes moved). */
  blobsMounted: number;
  bytesCopied: number;
  manifestsCopied: number;
  manifestsSkipped: number;
  referrersCopied: number;
}

export interface CopyResult {
  /** The manifest copied (the same digest in both stores). */
  descriptor: Descriptor;
  /** The tag set in the target, if any. */
  tag?: string;
}

export interface CopyAllResult {
  results: CopyResult[];
  stats: CopyStats;
}

/** Some artifacts of a copy failed; the message lists each with its reason. */
export class CopyError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'COPY_FAILED', message, options);
  }
}

/** Referrers nest at most this deep (a signature of an attestation of an SBOM is 3): a deeper chain is refused. */
export const MAX_REFERRER_DEPTH = 32;

/** The repository to mount from when both stores are repositories of the same registry client. */
function mountSource(src: CopySource, dst: CopyTarget): string | undefined {
  if (isBlobMounter(src) && isBlobMounter(dst) && src.registry === dst.registry && src.name !== dst.name) return src.name;
  return undefined;
}

/** Waits for every promise, then throws the first failure (no work is left running behind an error). */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Copies artifacts from one ContentStore to another: blobs before the
 * manifests that reference them, children before their index, the tag last,
 * so the target never names an incomplete artifact. Blobs and manifests the
 * target already holds are not transferred (a manifest present by digest is
 * taken as complete: both stores refuse incomplete manifests), and a blob
 * shared by several artifacts of one copy is transferred once.
 */
export class Copier {
  readonly src: CopySource;
  readonly dst: CopyTarget;
  readonly stats: CopyStats = {
    blobsCopied: 0,
    blobsSkipped: 0,
    blobsMounted: 0,
    bytesCopied: 0,
    manifestsCopied: 0,
    manifestsSkipped: 0,
    referrersCopied: 0,
  };
  readonly #options: CopyOptions;
  readonly #blobs: Pool;
  readonly #inflight = new Map<Digest, Promise<void>>();
  readonly #referrersDone = new Set<Digest>();
  /** `<digest> <tag>` pairs already tagged by the push of their manifest (one request instead of two). */
  readonly #taggedInPush = new Set<string>();
  /** Whether the target is known to hold nothing (asked once, see ContentStore.isKnownEmpty). */
  #targetEmpty: Promise<boolean> | undefined;

  constructor(src: CopySource, dst: CopyTarget, options: CopyOptions = {}) {
    this.src = src;
    this.dst = dst;
    this.#options = options;
    this.#blobs = createPool(options.concurrency ?? 8);
  }

  /**
   * Copies the artifact `reference` (a tag or a digest of the source) and
   * tags it `tag` in the target: by default the same tag when `reference` is
   * a tag; `null` for no tag (a cache keyed by digest).
   */
  async copy(reference: string, tag?: string | null): Promise<CopyResult> {
    const targetTag = tag === undefined ? (isDigest(reference) ? undefined : reference) : (tag ?? undefined);
    // one request for the root: its bytes come with its digest (a resolve first would cost a HEAD more)
    return this.copyFetched(await this.src.fetchManifest(reference), targetTag ?? null);
  }

  /**
   * Copies an artifact whose root manifest the caller already fetched from
   * the source (to check it first, say), and tags it `tag` unless null.
   */
  async copyFetched(fetched: FetchedManifest, tag: string | null): Promise<CopyResult> {
    const { descriptor, bytes } = fetched;
    const targetTag = tag ?? undefined;
    await this.#once(descriptor.digest, () => this.#copyManifest(descriptor, targetTag, bytes));
    if (targetTag !== undefined && !this.#taggedInPush.has(`${descriptor.digest} ${targetTag}`)) {
      await this.dst.tag(descriptor, targetTag);
      this.#emit({ kind: 'tagged', descriptor, tag: targetTag });
    }
    if (this.#options.referrers) await this.#copyReferrers(descriptor);
    return targetTag !== undefined ? { descriptor, tag: targetTag } : { descriptor };
  }

  /** Copies every tag of the source (like `skopeo sync`); every tag is tried, failures are reported together. */
  async copyAll(): Promise<CopyResult[]> {
    // one request for the whole sync, asked while the source lists its tags: a new target has nothing to skip
    this.#probeTarget();
    const tags = await this.src.listTags();
    const artifacts = createPool(this.#options.artifactConcurrency ?? 8);
    const outcomes = await Promise.allSettled(tags.map((t) => artifacts.run(() => this.copy(t))));
    const failures: string[] = [];
    const results: CopyResult[] = [];
    let firstError: unknown;
    outcomes.forEach((o, i) => {
      if (o.status === 'fulfilled') results.push(o.value);
      else {
        firstError ??= o.reason;
        failures.push(`${tags[i]}: ${errorMessage(o.reason)}`);
      }
    });
    if (failures.length > 0) {
      throw new CopyError(
        `${failures.length} of ${tags.length} tag(s) of ${this.src.location} could not be copied to ${this.dst.location}:\n  ${failures.join('\n  ')}`,
        { cause: firstError },
      );
    }
    return results;
  }

  /**
   * Asks the target whether it holds nothing at all (copyAll only: a single
   * copy would pay a request more whenever the target is not new). When it
   * is empty, nothing of this copy is there to skip, and no blob or manifest
   * is asked about (a HEAD each, for a registry). Being wrong costs bytes,
   * never correctness: a blob or manifest pushed again is the same content.
   */
  #probeTarget(): void {
    this.#targetEmpty ??= this.dst.isKnownEmpty ? this.dst.isKnownEmpty().catch(() => false) : Promise.resolve(false);
  }

  /** Whether the target holds `desc`, asking only when it may. */
  async #targetHas(desc: Descriptor): Promise<boolean> {
    if (this.#targetEmpty && (await this.#targetEmpty)) return false;
    return this.dst.exists(desc);
  }

  #emit(event: CopyEvent): void {
    this.#options.onEvent?.(event);
  }

  /** Runs `work` once per digest for the whole Copier; later callers wait for the first. */
  #once(digest: Digest, work: () => Promise<void>): Promise<void> {
    let p = this.#inflight.get(digest);
    if (!p) {
      p = work();
      this.#inflight.set(digest, p);
      // a failed transfer may be retried by a later call
      p.catch(() => this.#inflight.delete(digest));
    }
    return p;
  }

  async #copyManifest(desc: Descriptor, tag: string | undefined, known?: Uint8Array): Promise<void> {
    if (await this.#targetHas(desc)) {
      this.stats.manifestsSkipped++;
      this.#emit({ kind: 'manifest-skipped', descriptor: desc });
      return;
    }
    const bytes = known ?? (await this.src.fetchManifest(desc)).bytes;
    const manifest = parseManifest(bytes, `${this.src.location}@${desc.digest}`);
    if (isIndex(manifest)) {
      await settleAll(manifest.manifests.map((child) => this.#once(child.digest, () => this.#copyManifest(child, undefined))));
    } else {
      await settleAll(manifestChildren(manifest).map((blob) => this.#once(blob.digest, () => this.#copyBlob(blob))));
    }
    await this.dst.pushManifest(desc, bytes, tag);
    if (tag !== undefined) this.#taggedInPush.add(`${desc.digest} ${tag}`);
    this.stats.manifestsCopied++;
    this.#emit({ kind: 'manifest-copied', descriptor: desc });
  }

  #copyBlob(desc: Descriptor): Promise<void> {
    return this.#blobs.run(async () => {
      if (desc.urls?.length) return; // foreign layers stay where they are
      if (await this.#targetHas(desc)) {
        this.stats.blobsSkipped++;
        this.#emit({ kind: 'blob-skipped', descriptor: desc });
        return;
      }
      const mountFrom = mountSource(this.src, this.dst);
      if (mountFrom !== undefined && isBlobMounter(this.dst) && (await this.dst.mount(desc, mountFrom))) {
        this.stats.blobsMounted++;
        this.#emit({ kind: 'blob-mounted', descriptor: desc });
        return;
      }
      if (desc.size <= (this.#options.streamThreshold ?? 8 * 1024 * 1024)) {
        // the source verified the bytes as it read them (every ContentStore does)
        await this.dst.push(desc, await this.src.fetch(desc), { knownAbsent: true, verified: true });
      } else {
        await this.dst.push(desc, await this.src.fetchStream(desc), { knownAbsent: true });
      }
      this.stats.blobsCopied++;
      this.stats.bytesCopied += desc.size;
      this.#emit({ kind: 'blob-copied', descriptor: desc });
    });
  }

  async #copyReferrers(subject: Descriptor, depth = 1): Promise<void> {
    if (this.#referrersDone.has(subject.digest)) return;
    if (depth > MAX_REFERRER_DEPTH) {
      throw new CopyError(
        `the referrers of ${this.src.location} nest deeper than ${MAX_REFERRER_DEPTH} levels (at ${subject.digest}, a referrer of a referrer …); ` +
          'the source is misconfigured or hostile: copy without --referrers, or copy the referrers you need by digest',
        { code: 'OCI_REFERRERS_TOO_DEEP' },
      );
    }
    this.#referrersDone.add(subject.digest);
    const referrers = await this.src.referrers(subject);
    await settleAll(
      referrers.map(async (r) => {
        const desc: Descriptor = { mediaType: r.mediaType, digest: r.digest, size: r.size };
        await this.#once(r.digest, async () => {
          const existed = await this.#targetHas(desc);
          await this.#copyManifest(desc, undefined);
          if (!existed) this.stats.referrersCopied++;
        });
        await this.#copyReferrers(desc, depth + 1);
      }),
    );
  }
}

/** Copies one artifact (see Copier.copy). */
export async function copyArtifact(
  src: CopySource,
  dst: CopyTarget,
  reference: string,
  options: CopyOptions & { tag?: string | null } = {},
): Promise<CopyResult & { stats: CopyStats }> {
  const copier = new Copier(src, dst, options);
  const result = await copier.copy(reference, options.tag);
  return { ...result, stats: copier.stats };
}

/** Copies every tag of `src` to `dst` in one go (see Copier.copyAll). */
export async function copyAllTags(src: CopySource, dst: CopyTarget, options: CopyOptions = {}): Promise<CopyAllResult> {
  const copier = new Copier(src, dst, options);
  const results = await copier.copyAll();
  return { results, stats: copier.stats };
}

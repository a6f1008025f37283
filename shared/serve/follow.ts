// `serve --follow <ref>`: what a tag points at, checked every N seconds and
// on demand (SIGHUP). A new digest is pulled through the on-disk store (the
// one `flotilla pull` and compose use: what it holds by digest is never
// fetched again) and prepared in the background, then handed over to be
// served; one that fails to pull or prepare is not, and the error is logged.
//
// Bounded: the poll interval (1 s to 1 day), the time a preparation may take
// (the transpile worker is stopped past it), the size of what is pulled (the
// component layer, checked on the manifest before any blob moves; manifests
// are bounded by the stores themselves), and one check at a time.
import { resolve as resolvePath } from 'node:path';
import { checkWasmManifest, inspectWasmArtifact, pullWasmArtifact } from '../artifact/wasm-artifact.ts';
import { errorMessage, FlotillaError, UsageError } from '../errors.ts';
import { cacheDir } from '../oci/cache-dir.ts';
import { Copier } from '../oci/copy.ts';
import { isDigest, sha256 } from '../oci/digest.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import { parseManifest } from '../oci/manifest.ts';
import { formatReference, type Reference, referenceArgument } from '../oci/reference.ts';
import type { ContentStore } from '../oci/store.ts';
import { type Descriptor, isIndex } from '../oci/types.ts';
import { Stores } from '../registry-config/stores.ts';
import { errorFields, type Logger, silentLogger } from './log.ts';

export const MIN_POLL_SECONDS = 1;
export const MAX_POLL_SECONDS = 86_400;
export const DEFAULT_POLL_SECONDS = 30;
export const DEFAULT_PREPARE_TIMEOUT_SECONDS = 300;
/** The largest component layer serve pulls unless told otherwise (the composed e-commerce platform is 11 MiB). */
export const DEFAULT_MAX_COMPONENT_BYTES = 256 * 1024 * 1024;

/** A component layer over the size limit. Code `SERVE_COMPONENT_TOO_LARGE`. */
export class ComponentTooLargeError extends FlotillaError {
  constructor(where: string, size: number, limit: number) {
    super(
      'SERVE_COMPONENT_TOO_LARGE',
      `${where}: its component layer is ${size} bytes, over the limit of ${limit} bytes; it is not pulled (raise the limit with --max-component-bytes if it is expected)`,
    );
  }
}

export interface FollowSourceOptions {
  /** Folder relative `oci:` paths and the registry file are resolved against. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Registry configuration file (`--registries`); else `FLOTILLA_REGISTRIES`. */
  registries?: string | undefined;
  /** The stores of the command (shared registry clients); default opened from cwd, env and registries. */
  stores?: Stores;
  /** The pull-through store (an OCI image layout); default the machine's cache (`flotilla pull`'s). */
  storeDir?: string | undefined;
  /** Largest component layer pulled (default 256 MiB). */
  maxComponentBytes?: number | undefined;
}

export interface PulledComponent {
  /** The manifest's descriptor: its digest is what serve reports. */
  descriptor: Descriptor;
  wasm: Uint8Array;
  /** The reference pinned to that digest (`host/repo:tag@sha256:…`). */
  pinned: string;
  /** `cache` when the store had it, `pull` when it was fetched, `layout` when read from an `oci:` layout, `file` from a file. */
  fetched: 'cache' | 'pull' | 'layout' | 'file';
}

/** A reference to follow: its tag resolved on demand, digests pulled through the store. */
export interface FollowedReference {
  readonly ref: Reference;
  /** The reference as given, normalized (`127.0.0.1:5000/acme/shop:live`). */
  readonly text: string;
  /** The tag followed; undefined for a reference pinned by digest (nothing to follow). */
  readonly tag: string | undefined;
  /** The manifest the tag points at now (one request: a HEAD for a registry). */
  resolve(): Promise<Descriptor>;
  pull(descriptor: Descriptor): Promise<PulledComponent>;
}

export async function openFollowedReference(text: string, options: FollowSourceOptions): Promise<FollowedReference> {
  const ref = referenceArgument(text, '--follow');
  const target = ref.digest ?? ref.tag;
  if (target === undefined) throw new UsageError(`--follow '${text}' names no tag; add the tag to follow, as in ${text}:live`);
  const max = options.maxComponentBytes ?? DEFAULT_MAX_COMPONENT_BYTES;
  const source: ContentStore = await Stores.of(options).open(ref, options.cwd);
  const store = ref.kind === 'registry' ? new LayoutStore(resolvePath(options.storeDir ?? cacheDir(options.env))) : undefined;
  const display = formatReference(ref);
  return {
    ref,
    text: display,
    tag: ref.digest === undefined ? ref.tag : undefined,
    resolve: () => source.resolve(target),
    async pull(descriptor) {
      const where = `${source.location}@${descriptor.digest}`;
      const pinned = formatReference({ ...ref, digest: descriptor.digest });
      if (store !== undefined && (await store.exists(descriptor))) {
        const info = await inspectWasmArtifact(store, descriptor);
        if (info.layer.size > max) throw new ComponentTooLargeError(where, info.layer.size, max);
        const pulled = await pullWasmArtifact(store, descriptor);
        return { descriptor: pulled.descriptor, wasm: pulled.wasm, pinned, fetched: 'cache' };
      }
      // check the manifest before any blob moves: a container image or an oversized layer is refused, not downloaded
      const fetched = await source.fetchManifest(descriptor);
      const manifest = parseManifest(fetched.bytes, where);
      if (isIndex(manifest)) await inspectWasmArtifact(source, fetched.descriptor); // throws, saying what the index holds
      const layer = checkWasmManifest(manifest as Exclude<typeof manifest, { manifests: unknown }>, where);
      if (layer.size > max) throw new ComponentTooLargeError(where, layer.size, max);
      if (store === undefined) {
        const pulled = await pullWasmArtifact(source, fetched.descriptor);
        return { descriptor: pulled.descriptor, wasm: pulled.wasm, pinned, fetched: 'layout' };
      }
      const copied = await new Copier(source, store).copyFetched(fetched, null);
      const pulled = await pullWasmArtifact(store, copied.descriptor);
      return { descriptor: pulled.descriptor, wasm: pulled.wasm, pinned, fetched: 'pull' };
    },
  };
}

/**
 * A .wasm file as a reference that never polls: `resolve` reads and hashes
 * it, so that SIGHUP serves the file anew when it changed (nginx's reload).
 */
export function fileReference(path: string, read: (path: string) => Promise<Uint8Array>): FollowedReference {
  let last: { digest: string; wasm: Uint8Array } | undefined;
  return {
    ref: { kind: 'layout', path },
    text: path,
    tag: undefined,
    async resolve() {
      const wasm = await read(path);
      const digest = sha256(wasm);
      last = { digest, wasm };
      return { mediaType: 'application/wasm', digest, size: wasm.byteLength };
    },
    async pull(descriptor) {
      const wasm = last?.digest === descriptor.digest ? last.wasm : await read(path);
      return { descriptor, wasm, pinned: path, fetched: 'file' };
    },
  };
}

export type CheckReason = 'start' | 'poll' | 'signal' | 'manual';

export type CheckOutcome =
  | { kind: 'unchanged'; digest: string }
  | { kind: 'switched'; digest: string; previous: string; ms: number }
  | { kind: 'failed'; digest?: string; stage: 'resolve' | 'pull' | 'prepare'; error: string }
  | { kind: 'known-bad'; digest: string };

/** What the follower hands over once a digest is pulled: make it ready, and start serving it. */
export interface FollowerHooks<P> {
  /** `signal` aborts when the follower stops. */
  prepare(pulled: PulledComponent, signal: AbortSignal): Promise<P>;
  /** Called with a prepared component, to be served from now on. */
  switchTo(prepared: P, pulled: PulledComponent): void;
}

export interface FollowerOptions<P> extends FollowerHooks<P> {
  reference: FollowedReference;
  /** The digest served now (prepared before the follower starts). */
  serving: string;
  pollSeconds: number;
  logger?: Logger;
  /** Called after every check (metrics). */
  onCheck?: (outcome: CheckOutcome, reason: CheckReason) => void;
}

export interface FollowerStatus {
  reference: string;
  tag: string | null;
  poll_seconds: number;
  last_check: string | null;
  last_outcome: CheckOutcome['kind'] | null;
  last_error: string | null;
  /** Digests that failed to prepare: not tried again unless the tag moves away and back, or on SIGHUP. */
  refused: string[];
}

/**
 * Checks the tag every `pollSeconds` and when asked; at most one check runs
 * at a time (a request during a check runs one more check after it). A digest
 * that failed to prepare is remembered and not prepared again at each poll
 * (its bytes cannot change); a failed resolve or pull is retried at the next.
 */
export class Follower<P> {
  readonly #o: FollowerOptions<P>;
  readonly #log: Logger;
  #serving: string;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<CheckOutcome> | undefined;
  #again: Promise<CheckOutcome> | undefined;
  #againReason: CheckReason | undefined;
  #stopped = false;
  readonly #abort = new AbortController();
  readonly #refused = new Map<string, string>();
  #lastCheck: Date | undefined;
  #lastOutcome: CheckOutcome | undefined;

  constructor(options: FollowerOptions<P>) {
    const poll = options.pollSeconds;
    if (!(poll >= MIN_POLL_SECONDS && poll <= MAX_POLL_SECONDS)) {
      throw new UsageError(`the poll interval must be from ${MIN_POLL_SECONDS} to ${MAX_POLL_SECONDS} seconds, got ${poll}`);
    }
    this.#o = options;
    this.#log = options.logger ?? silentLogger;
    this.#serving = options.serving;
  }

  /** Starts polling (not for a reference pinned by digest: nothing can change). */
  start(): void {
    if (this.#o.reference.tag === undefined || this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      void this.check('poll');
    }, this.#o.pollSeconds * 1000);
    this.#timer.unref?.();
  }

  stop(): void {
    this.#stopped = true;
    this.#abort.abort();
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  status(): FollowerStatus {
    const last = this.#lastOutcome;
    return {
      reference: this.#o.reference.text,
      tag: this.#o.reference.tag ?? null,
      poll_seconds: this.#o.pollSeconds,
      last_check: this.#lastCheck?.toISOString() ?? null,
      last_outcome: last?.kind ?? null,
      last_error: last?.kind === 'failed' ? last.error : null,
      refused: [...this.#refused.keys()],
    };
  }

  /**
   * Checks the tag now. With `signal` (SIGHUP) a digest refused before is
   * tried again (the operator asked). Concurrent calls share the running
   * check and at most one more after it.
   */
  check(reason: CheckReason = 'manual'): Promise<CheckOutcome> {
    if (this.#running === undefined) {
      this.#running = this.#check(reason).finally(() => {
        this.#running = undefined;
      });
      return this.#running;
    }
    // a signal wins over a poll: the queued check retries refused digests too
    if (this.#againReason !== 'signal') this.#againReason = reason;
    this.#again ??= this.#running.then(() => {
      const queued = this.#againReason ?? reason;
      this.#again = undefined;
      this.#againReason = undefined;
      return this.check(queued);
    });
    return this.#again;
  }

  async #check(reason: CheckReason): Promise<CheckOutcome> {
    let outcome: CheckOutcome;
    try {
      outcome = await this.#attempt(reason);
    } catch (err) {
      this.#log.error('checking the followed reference failed', { reference: this.#o.reference.text, ...errorFields(err) });
      outcome = { kind: 'failed', stage: 'prepare', error: errorMessage(err) };
    }
    this.#lastCheck = new Date();
    this.#lastOutcome = outcome;
    this.#o.onCheck?.(outcome, reason);
    return outcome;
  }

  async #attempt(reason: CheckReason): Promise<CheckOutcome> {
    const ref = this.#o.reference;
    if (this.#stopped) return { kind: 'unchanged', digest: this.#serving };
    let descriptor: Descriptor;
    try {
      descriptor = await ref.resolve();
    } catch (err) {
      this.#log.warn('could not resolve the followed tag; still serving the current digest', {
        reference: ref.text,
        reason,
        serving: this.#serving,
        ...errorFields(err),
      });
      return { kind: 'failed', stage: 'resolve', error: errorMessage(err) };
    }
    const digest = descriptor.digest;
    if (!isDigest(digest)) return { kind: 'failed', stage: 'resolve', error: `the registry answered a digest '${digest}'` };
    if (digest === this.#serving) {
      if (reason === 'signal') this.#log.info('checked the followed tag: unchanged', { reference: ref.text, digest, reason });
      return { kind: 'unchanged', digest };
    }
    if (this.#refused.has(digest) && reason !== 'signal') return { kind: 'known-bad', digest };
    const began = performance.now();
    this.#log.info('the followed tag moved: preparing the new digest', { reference: ref.text, digest, serving: this.#serving, reason });
    let pulled: PulledComponent;
    try {
      pulled = await ref.pull(descriptor);
    } catch (err) {
      this.#log.error('could not pull the new digest; still serving the current one', {
        reference: ref.text,
        digest,
        serving: this.#serving,
        ...errorFields(err),
      });
      return { kind: 'failed', digest, stage: 'pull', error: errorMessage(err) };
    }
    let prepared: P;
    try {
      prepared = await this.#o.prepare(pulled, this.#abort.signal);
    } catch (err) {
      if (this.#stopped) return { kind: 'unchanged', digest: this.#serving };
      this.#refused.set(digest, errorMessage(err));
      this.#log.error('the new digest failed to prepare: not switched to; still serving the current one', {
        reference: ref.text,
        digest,
        serving: this.#serving,
        ...errorFields(err),
      });
      return { kind: 'failed', digest, stage: 'prepare', error: errorMessage(err) };
    }
    if (this.#stopped) return { kind: 'unchanged', digest: this.#serving };
    const previous = this.#serving;
    this.#o.switchTo(prepared, pulled);
    this.#serving = digest;
    this.#refused.delete(digest);
    const ms = performance.now() - began;
    this.#log.info('switched to the new digest', {
      reference: ref.text,
      digest,
      previous,
      fetched: pulled.fetched,
      prepare_ms: Math.round(ms),
      reason,
    });
    return { kind: 'switched', digest, previous, ms };
  }
}

import type { Descriptor } from './types.ts';

/** Bytes of a fetched manifest with its descriptor (media type from the store). */
export interface FetchedManifest {
  descriptor: Descriptor;
  bytes: Uint8Array;
}

/** Options of a blob push every store understands. */
export interface PushOptions {
  /** The caller has just seen the blob absent (its own `exists`): the store may skip its own check. */
  knownAbsent?: boolean;
  /**
   * The bytes (a Uint8Array) were read from a ContentStore, which verified
   * them against this descriptor: the store may skip hashing them again.
   */
  verified?: boolean;
}

/**
 * A content-addressed store of one repository: a repository of a remote
 * registry, or an OCI image layout folder on disk. Blobs and manifests are
 * addressed by descriptor; tags name manifests. Every implementation
 * verifies what it reads against the descriptor's digest and size.
 */
export interface ContentStore {
  /** Where this store points, for messages (`ghcr.io/a/b`, `oci:./store`). */
  readonly location: string;

  exists(desc: Descriptor): Promise<boolean>;
  /** Reads a blob whole (size-limited by the implementation). */
  fetch(desc: Descriptor): Promise<Uint8Array>;
  /** Streams a blob; the stream errors if the bytes do not match the digest. */
  fetchStream(desc: Descriptor): Promise<ReadableStream<Uint8Array>>;
  /** Stores a blob; a no-op when it is already present. */
  push(desc: Descriptor, content: Uint8Array | ReadableStream<Uint8Array>, options?: PushOptions): Promise<void>;

  /** Resolves a tag or digest to the descriptor of its manifest. */
  resolve(reference: string): Promise<Descriptor>;
  fetchManifest(reference: string | Descriptor): Promise<FetchedManifest>;
  /** Stores a manifest, and tags it when `tag` is given. */
  pushManifest(desc: Descriptor, bytes: Uint8Array, tag?: string): Promise<void>;
  tag(desc: Descriptor, tag: string): Promise<void>;
  listTags(): Promise<string[]>;

  /** Manifests whose `subject` is `subject`, optionally of one artifact type. */
  referrers(subject: Descriptor, artifactType?: string): Promise<Descriptor[]>;

  /**
   * True when the store is known to hold nothing at all, so that a copy into
   * it need not ask about each blob and manifest (where asking costs a
   * request). Optional; false or absent means "ask".
   */
  isKnownEmpty?(): Promise<boolean>;
}

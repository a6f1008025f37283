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

/** Where a store points, for messages (`ghcr.io/a/b`, `oci:./store`). */
export interface StoreLocation {
  readonly location: string;
}

/** Says whether a blob (or a manifest, by its descriptor) is present. */
export interface BlobChecker extends StoreLocation {
  exists(desc: Descriptor): Promise<boolean>;
}

/** Reads blobs by descriptor; every implementation verifies the bytes against its digest and size. */
export interface BlobReader extends BlobChecker {
  /** Reads a blob whole (size-limited by the implementation). */
  fetch(desc: Descriptor): Promise<Uint8Array>;
  /** Streams a blob; the stream errors if the bytes do not match the digest. */
  fetchStream(desc: Descriptor): Promise<ReadableStream<Uint8Array>>;
}

/** Stores blobs. */
export interface BlobWriter extends StoreLocation {
  /** Stores a blob; a no-op when it is already present. */
  push(desc: Descriptor, content: Uint8Array | ReadableStream<Uint8Array>, options?: PushOptions): Promise<void>;
}

/** Reads manifests by tag or digest. */
export interface ManifestReader extends StoreLocation {
  /** Resolves a tag or digest to the descriptor of its manifest. */
  resolve(reference: string): Promise<Descriptor>;
  fetchManifest(reference: string | Descriptor): Promise<FetchedManifest>;
}

/** Stores manifests and moves tags. */
export interface ManifestWriter extends StoreLocation {
  /** Stores a manifest, and tags it when `tag` is given. */
  pushManifest(desc: Descriptor, bytes: Uint8Array, tag?: string): Promise<void>;
  tag(desc: Descriptor, tag: string): Promise<void>;
}

/** Lists the tags of the repository. */
export interface TagLister extends StoreLocation {
  listTags(): Promise<string[]>;
}

/** Lists the manifests that refer to a subject (signatures, attestations). */
export interface ReferrerLister extends StoreLocation {
  /** Manifests whose `subject` is `subject`, optionally of one artifact type. */
  referrers(subject: Descriptor, artifactType?: string): Promise<Descriptor[]>;
}

/**
 * A repository of a remote registry that can mount a blob from another
 * repository of the same registry (no bytes move). Only stores of one
 * registry client (`registry`) mount from each other.
 */
export interface BlobMounter {
  readonly registry: object;
  /** The repository's name in its registry (`a/b`). */
  readonly name: string;
  /** Tries a cross-repository mount of `desc` from repository `from`; true when the registry mounted it. */
  mount(desc: Descriptor, from: string): Promise<boolean>;
}

export function isBlobMounter(store: object): store is BlobMounter {
  const s = store as Partial<BlobMounter>;
  return typeof s.mount === 'function' && typeof s.name === 'string' && typeof s.registry === 'object' && s.registry !== null;
}

/** What reading an artifact needs: its manifests and blobs (pull, inspect). */
export interface ArtifactReader extends BlobReader, ManifestReader {}

/** What pushing an artifact needs: blobs, then the manifest (and its tag). */
export interface ArtifactWriter extends BlobWriter, ManifestWriter {}

/** The source of a copy: the artifacts, their referrers, and the tags (to copy them all). */
export interface CopySource extends ArtifactReader, ReferrerLister, TagLister {}

/** The target of a copy: what it holds already, and where the artifacts go. */
export interface CopyTarget extends BlobChecker, ArtifactWriter {
  /**
   * True when the store is known to hold nothing at all, so that a copy into
   * it need not ask about each blob and manifest (where asking costs a
   * request). Optional; false or absent means "ask".
   */
  isKnownEmpty?(): Promise<boolean>;
}

/**
 * A content-addressed store of one repository, with every ability: a
 * repository of a remote registry, or an OCI image layout folder on disk.
 * Blobs and manifests are addressed by descriptor; tags name manifests.
 * Every implementation verifies what it reads against the descriptor's
 * digest and size. Code that uses a store asks for the abilities it uses
 * (an ArtifactReader, a CopyTarget, a TagLister…), not for this.
 */
export interface ContentStore extends CopySource, CopyTarget {}

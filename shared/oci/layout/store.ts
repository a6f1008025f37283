import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import { Readable } from 'node:stream';
import { type Digest, digestHex, isDigest } from '../digest.ts';
import { isManifestMediaType, ManifestFormatError, manifestChildren, manifestMediaType, parseManifest } from '../manifest.ts';
import { MediaType } from '../media-types.ts';
import type { ContentStore, FetchedManifest, PushOptions } from '../store.ts';
import { Annotation, type Descriptor, type Manifest } from '../types.ts';
import { ContentMismatchError, MAX_MANIFEST_BYTES, verifyBytes, verifyingStream } from '../verify.ts';
import { ContentNotFoundError, IncompleteManifestError, LayoutFormatError, TagNotFoundError } from './errors.ts';
import { serialized, withLockFile } from './lock.ts';

export interface LayoutStoreOptions {
  /** fsync every blob and index.json before renaming it into place (survives power loss; slower). Default false. */
  durable?: boolean;
}

/** The content of index.json, with whatever other fields another tool wrote kept as they are. */
interface IndexFile {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  [field: string]: unknown;
}

/** What the referrers scan needs to know of a manifest (manifests are immutable: cached by digest). */
interface ManifestFacts {
  subject?: Digest;
  artifactType?: string;
  annotations?: Record<string, string>;
}

const TAG = /^[\w][\w.-]{0,127}$/;
const LAYOUT_FILE = JSON.stringify({ imageLayoutVersion: '1.0.0' });

function refName(d: Descriptor): string | undefined {
  return d.annotations?.[Annotation.RefName];
}

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === code;
}

/**
 * An OCI image layout folder on disk (`oci-layout`, `index.json`,
 * `blobs/sha256/<hex>`) as a ContentStore: the format skopeo, oras and
 * containers/image read and write. Tags are the
 * `org.opencontainers.image.ref.name` annotations of index.json entries.
 *
 * - Every file lands by rename from a temporary file (blobs through
 *   `ingest/`), so a reader never sees half a blob or half an index.
 * - What is read and written is checked against the descriptor's digest and
 *   size; a mismatch leaves nothing behind.
 * - A manifest is stored only once every blob and manifest it references is
 *   present, so no tag ever points at an incomplete artifact.
 * - index.json updates are serialized inside the process (any number of
 *   stores on one folder) and across flotilla processes (a lock file).
 * - Manifests with a `subject` get an untagged index.json entry, so that
 *   `referrers` finds them by scanning index.json, as oras does.
 */
export class LayoutStore implements ContentStore {
  readonly root: string;
  readonly location: string;
  readonly #durable: boolean;
  #ready: Promise<void> | undefined;
  readonly #facts = new Map<Digest, ManifestFacts>();
  /** index.json changes waiting for the next update. */
  readonly #pending: { change: (idx: IndexFile) => boolean; resolve: () => void; reject: (err: unknown) => void }[] = [];

  constructor(dir: string, options: LayoutStoreOptions = {}) {
    this.root = resolvePath(dir);
    this.location = `oci:${dir}`;
    this.#durable = options.durable ?? false;
  }

  // ---- paths and files ----

  blobPath(digest: Digest): string {
    if (!isDigest(digest)) throw new ContentNotFoundError(`${this.location}: '${digest}' is not a sha256 digest`);
    return join(this.root, 'blobs', 'sha256', digestHex(digest));
  }

  get #indexPath(): string {
    return join(this.root, 'index.json');
  }

  #tempPath(name: string): string {
    return join(this.root, 'ingest', `${name}.${randomBytes(6).toString('hex')}.tmp`);
  }

  /** Creates the layout's files and folders if they are missing; checks `oci-layout` when present. */
  init(): Promise<void> {
    this.#ready ??= this.#create().catch((err: unknown) => {
      this.#ready = undefined;
      throw err;
    });
    return this.#ready;
  }

  async #create(): Promise<void> {
    // the root comes with blobs/sha256; ingest/ and the two files only need the root, so they go side by side
    await mkdir(join(this.root, 'blobs', 'sha256'), { recursive: true });
    const layoutPath = join(this.root, 'oci-layout');
    const files = async () => {
      try {
        await writeFile(layoutPath, LAYOUT_FILE, { flag: 'wx' });
      } catch (err) {
        if (!isErrno(err, 'EEXIST')) throw err;
        await this.#checkLayoutFile(); // index.json is written only into a layout we understand
      }
      try {
        await writeFile(this.#indexPath, JSON.stringify(this.#emptyIndex()), { flag: 'wx' });
      } catch (err) {
        if (!isErrno(err, 'EEXIST')) throw err;
      }
    };
    await Promise.all([mkdir(join(this.root, 'ingest'), { recursive: true }), files()]);
  }

  async #checkLayoutFile(): Promise<void> {
    const path = join(this.root, 'oci-layout');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if (isErrno(err, 'ENOENT')) {
        throw new LayoutFormatError(
          `${this.location}: no OCI image layout here (${path} is missing); check the path, or push to it to create one`,
        );
      }
      throw err;
    }
    let version: unknown;
    try {
      version = (JSON.parse(text) as { imageLayoutVersion?: unknown }).imageLayoutVersion;
    } catch (err) {
      throw new LayoutFormatError(`${path}: not JSON (${(err as Error).message})`, { cause: err });
    }
    if (typeof version !== 'string' || !version.startsWith('1.')) {
      throw new LayoutFormatError(`${path}: imageLayoutVersion is ${JSON.stringify(version)}, expected "1.0.0"`);
    }
  }

  #emptyIndex(): IndexFile {
    return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [] };
  }

  /** Reads index.json; a folder without one (and without oci-layout) is not a layout. */
  async #readIndex(): Promise<IndexFile> {
    let text: string;
    try {
      text = await readFile(this.#indexPath, 'utf8');
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
      await this.#checkLayoutFile();
      return this.#emptyIndex();
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new LayoutFormatError(`${this.#indexPath}: not JSON (${(err as Error).message})`, { cause: err });
    }
    const idx = value as Partial<IndexFile> | null;
    if (idx === null || typeof idx !== 'object' || idx.schemaVersion !== 2 || !Array.isArray(idx.manifests)) {
      throw new LayoutFormatError(`${this.#indexPath}: not an OCI image index (expected schemaVersion 2 and a manifests array)`);
    }
    idx.manifests.forEach((d, i) => {
      if (!d || typeof d.mediaType !== 'string' || typeof d.digest !== 'string' || !isDigest(d.digest) || typeof d.size !== 'number') {
        throw new LayoutFormatError(`${this.#indexPath}: manifests[${i}] is not a descriptor with mediaType, sha256 digest and size`);
      }
    });
    return idx as IndexFile;
  }

  /**
   * Applies `change` to index.json under the layout's lock; `change` returns
   * false when there is nothing to write. Changes that arrive while an update
   * waits or runs are applied together by the next one: copying many tags
   * rewrites index.json a few times, not once per tag.
   */
  async #updateIndex(change: (idx: IndexFile) => boolean): Promise<void> {
    await this.init();
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ change, resolve, reject });
      if (this.#pending.length === 1) void this.#flushIndex();
    });
  }

  #flushIndex(): Promise<void> {
    return serialized(this.root, async () => {
      const batch = this.#pending.splice(0);
      if (batch.length === 0) return;
      try {
        await withLockFile(join(this.root, 'index.json.lock'), async () => {
          const idx = await this.#readIndex();
          let changed = false;
          for (const { change } of batch) if (change(idx)) changed = true;
          if (!changed) return;
          // schemaVersion and mediaType first, then manifests and whatever else the file held
          const { schemaVersion, mediaType, manifests, ...rest } = idx;
          const ordered: IndexFile = { schemaVersion, mediaType: mediaType ?? MediaType.OciIndex, manifests, ...rest };
          const tmp = this.#tempPath('index.json');
          await writeFile(tmp, JSON.stringify(ordered), { flush: this.#durable });
          await rename(tmp, this.#indexPath);
        });
        for (const { resolve } of batch) resolve();
      } catch (err) {
        for (const { reject } of batch) reject(err);
      }
    });
  }

  async #hasBlob(desc: Descriptor): Promise<boolean> {
    try {
      return (await stat(this.blobPath(desc.digest))).size === desc.size;
    } catch (err) {
      if (isErrno(err, 'ENOENT')) return false;
      throw err;
    }
  }

  async #openBlob(desc: Descriptor): Promise<FileHandle> {
    let fh: FileHandle;
    try {
      fh = await open(this.blobPath(desc.digest), 'r');
    } catch (err) {
      if (isErrno(err, 'ENOENT')) throw new ContentNotFoundError(`${this.location}: blob ${desc.digest} is not in this layout`);
      throw err;
    }
    const { size } = await fh.stat();
    if (size !== desc.size) {
      await fh.close();
      throw new ContentMismatchError(this.location, desc, `the file holds ${size} bytes, the descriptor says ${desc.size}`);
    }
    return fh;
  }

  /** Writes a blob through a temporary file, verifying it, then renames it into place. */
  async #writeBlob(desc: Descriptor, content: Uint8Array | ReadableStream<Uint8Array>, verified = false): Promise<void> {
    await this.init();
    const final = this.blobPath(desc.digest);
    const tmp = this.#tempPath(digestHex(desc.digest));
    try {
      if (content instanceof Uint8Array) {
        if (!verified) verifyBytes(this.location, desc, content);
        else if (content.byteLength !== desc.size) {
          throw new ContentMismatchError(this.location, desc, `expected ${desc.size} bytes, got ${content.byteLength}`);
        }
        await writeFile(tmp, content, { flush: this.#durable });
      } else {
        const fh = await open(tmp, 'w');
        try {
          const reader = content.pipeThrough(verifyingStream(this.location, desc)).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            await fh.write(value);
          }
          if (this.#durable) await fh.sync();
        } finally {
          await fh.close();
        }
      }
      await rename(tmp, final);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
  }

  // ---- blobs ----

  /** True when the layout has no blob folder yet (nothing was ever written into it): a copy into it has nothing to skip. */
  async isKnownEmpty(): Promise<boolean> {
    try {
      await stat(join(this.root, 'blobs', 'sha256'));
      return false;
    } catch (err) {
      return isErrno(err, 'ENOENT');
    }
  }

  exists(desc: Descriptor): Promise<boolean> {
    return this.#hasBlob(desc);
  }

  async fetch(desc: Descriptor): Promise<Uint8Array> {
    const fh = await this.#openBlob(desc);
    let bytes: Uint8Array;
    try {
      bytes = await fh.readFile();
    } finally {
      await fh.close();
    }
    verifyBytes(this.location, desc, bytes);
    return bytes;
  }

  async fetchStream(desc: Descriptor): Promise<ReadableStream<Uint8Array>> {
    const fh = await this.#openBlob(desc);
    const node = fh.createReadStream({ highWaterMark: 256 * 1024 });
    const web = Readable.toWeb(node) as unknown as ReadableStream<Uint8Array>;
    return web.pipeThrough(verifyingStream(this.location, desc));
  }

  async push(desc: Descriptor, content: Uint8Array | ReadableStream<Uint8Array>, options: PushOptions = {}): Promise<void> {
    if (!options.knownAbsent && (await this.#hasBlob(desc))) {
      if (!(content instanceof Uint8Array)) await content.cancel();
      return;
    }
    await this.#writeBlob(desc, content, options.verified === true);
  }

  // ---- manifests and tags ----

  async resolve(reference: string): Promise<Descriptor> {
    const idx = await this.#readIndex();
    if (isDigest(reference)) {
      const entry = idx.manifests.find((d) => d.digest === reference);
      if (entry) return plain(entry);
      let st: { size: number };
      try {
        st = await stat(this.blobPath(reference));
      } catch (err) {
        if (isErrno(err, 'ENOENT')) throw new ContentNotFoundError(`${this.location}: manifest ${reference} is not in this layout`);
        throw err;
      }
      if (st.size > MAX_MANIFEST_BYTES) {
        throw new ManifestFormatError(`${this.location} ${reference}`, `${st.size} bytes is more than a manifest may hold`);
      }
      const desc: Descriptor = { mediaType: MediaType.OciManifest, digest: reference, size: st.size };
      const m = parseManifest(await this.fetch(desc), `${this.location}@${reference}`);
      this.#remember(reference, m);
      return { ...desc, mediaType: manifestMediaType(m) };
    }
    const entry = idx.manifests.find((d) => refName(d) === reference);
    if (!entry) {
      const tags = tagsOf(idx);
      const known = tags.length === 0 ? 'it has no tags' : `its tags: ${tags.slice(0, 10).join(', ')}${tags.length > 10 ? ', …' : ''}`;
      throw new TagNotFoundError(`${this.location}: tag '${reference}' not found (${known})`);
    }
    return plain(entry);
  }

  async fetchManifest(reference: string | Descriptor): Promise<FetchedManifest> {
    const descriptor = typeof reference === 'string' ? await this.resolve(reference) : reference;
    if (descriptor.size > MAX_MANIFEST_BYTES) {
      throw new ManifestFormatError(`${this.location}@${descriptor.digest}`, `${descriptor.size} bytes is more than a manifest may hold`);
    }
    return { descriptor, bytes: await this.fetch(descriptor) };
  }

  async pushManifest(desc: Descriptor, bytes: Uint8Array, tag?: string): Promise<void> {
    if (tag !== undefined) this.#checkTag(tag);
    const where = `${this.location}@${desc.digest}`;
    if (bytes.byteLength > MAX_MANIFEST_BYTES)
      throw new ManifestFormatError(where, `${bytes.byteLength} bytes is more than a manifest may hold`);
    verifyBytes(this.location, desc, bytes);
    const m = parseManifest(bytes, where);
    if (m.mediaType !== undefined && m.mediaType !== desc.mediaType) {
      throw new ManifestFormatError(where, `the descriptor says ${desc.mediaType}, the manifest says ${m.mediaType}`);
    }
    if (!(await this.#hasBlob(desc))) {
      const children = manifestChildren(m).filter((d) => !d.urls?.length);
      const present = await Promise.all(children.map((d) => this.#hasBlob(d)));
      const missing = children.filter((_, i) => !present[i]);
      if (missing.length > 0) {
        throw new IncompleteManifestError(
          `${this.location}: manifest ${desc.digest} references ${missing.length} blob(s) this layout does not hold (${missing
            .slice(0, 3)
            .map((d) => `${d.mediaType} ${d.digest}`)
            .join(', ')}); push them before the manifest`,
        );
      }
      await this.#writeBlob(desc, bytes);
    }
    this.#remember(desc.digest, m);
    const entry = indexEntry(desc, m);
    if (tag !== undefined) await this.#setTag(entry, tag);
    else if (m.subject) await this.#addUntagged(entry);
  }

  async tag(desc: Descriptor, tag: string): Promise<void> {
    this.#checkTag(tag);
    if (!(await this.#hasBlob(desc))) {
      throw new ContentNotFoundError(`${this.location}: cannot tag ${desc.digest} as '${tag}': the manifest is not in this layout`);
    }
    await this.#setTag(plain(desc), tag);
  }

  async listTags(): Promise<string[]> {
    return tagsOf(await this.#readIndex());
  }

  async referrers(subject: Descriptor, artifactType?: string): Promise<Descriptor[]> {
    const idx = await this.#readIndex();
    const seen = new Set<Digest>();
    const candidates = idx.manifests.filter((d) => {
      if (seen.has(d.digest) || !isManifestMediaType(d.mediaType)) return false;
      seen.add(d.digest);
      return true;
    });
    const facts = await Promise.all(candidates.map((d) => this.#factsOf(d)));
    const out: Descriptor[] = [];
    candidates.forEach((d, i) => {
      const f = facts[i];
      if (!f || f.subject !== subject.digest) return;
      if (artifactType !== undefined && f.artifactType !== artifactType) return;
      out.push({
        mediaType: d.mediaType,
        digest: d.digest,
        size: d.size,
        ...(f.artifactType !== undefined ? { artifactType: f.artifactType } : {}),
        ...(f.annotations !== undefined ? { annotations: f.annotations } : {}),
      });
    });
    return out;
  }

  /** Tags as index.json entries hold them, with the manifests they name. */
  async entries(): Promise<Descriptor[]> {
    return (await this.#readIndex()).manifests;
  }

  #checkTag(tag: string): void {
    if (!TAG.test(tag)) {
      throw new LayoutFormatError(
        `${this.location}: '${tag}' is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)`,
      );
    }
  }

  #remember(digest: Digest, m: Manifest): void {
    const facts: ManifestFacts = {};
    if (m.subject) facts.subject = m.subject.digest;
    const type = m.artifactType ?? ('config' in m ? m.config.mediaType : undefined);
    if (type !== undefined) facts.artifactType = type;
    if (m.annotations) facts.annotations = m.annotations;
    this.#facts.set(digest, facts);
  }

  async #factsOf(d: Descriptor): Promise<ManifestFacts | undefined> {
    const known = this.#facts.get(d.digest);
    if (known) return known;
    try {
      const m = parseManifest(await this.fetch(plain(d)), `${this.location}@${d.digest}`);
      this.#remember(d.digest, m);
      return this.#facts.get(d.digest);
    } catch (err) {
      // an index.json entry whose blob is gone is not a referrer; anything else is an error
      if (err instanceof ContentNotFoundError) return undefined;
      throw err;
    }
  }

  #setTag(entry: Descriptor, tag: string): Promise<void> {
    return this.#updateIndex((idx) => {
      const current = idx.manifests.find((d) => refName(d) === tag);
      if (current && current.digest === entry.digest && current.mediaType === entry.mediaType) return false;
      idx.manifests = idx.manifests.filter((d) => refName(d) !== tag);
      idx.manifests.push({ ...entry, annotations: { ...entry.annotations, [Annotation.RefName]: tag } });
      return true;
    });
  }

  #addUntagged(entry: Descriptor): Promise<void> {
    return this.#updateIndex((idx) => {
      if (idx.manifests.some((d) => d.digest === entry.digest)) return false;
      idx.manifests.push(entry);
      return true;
    });
  }
}

/** A descriptor without the annotations of its index.json entry. */
function plain(d: Descriptor): Descriptor {
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    ...(d.artifactType !== undefined ? { artifactType: d.artifactType } : {}),
  };
}

function indexEntry(desc: Descriptor, m: Manifest): Descriptor {
  return {
    mediaType: desc.mediaType,
    digest: desc.digest,
    size: desc.size,
    ...(m.artifactType !== undefined ? { artifactType: m.artifactType } : {}),
  };
}

function tagsOf(idx: IndexFile): string[] {
  const tags = new Set<string>();
  for (const d of idx.manifests) {
    const name = refName(d);
    if (name !== undefined) tags.add(name);
  }
  return [...tags].sort();
}

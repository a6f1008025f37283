import { redact } from '../../auth/secrets.ts';
import { errorMessage } from '../../errors.ts';
import {
  AuthenticationError,
  ContentVerificationError,
  NotFoundError,
  RegistryError,
  type RegistryErrorContext,
  type RegistryErrorEntry,
  TransportError,
  UploadNotResumableError,
} from '../../transport/errors.ts';
import { discard, mediaTypeOf } from '../../transport/http.ts';
import { handedUrl } from '../../transport/origin.ts';
import type { HttpMethod, HttpRequest } from '../../transport/transport.ts';
import { concat, DigestVerifier, readLimited } from '../../transport/verify.ts';
import { type Digest, digestHex, isDigest, sha256 } from '../digest.ts';
import { parseManifest } from '../manifest.ts';
import { MANIFEST_MEDIA_TYPES, MediaType } from '../media-types.ts';
import { type RetryOptions, retryOperation } from '../retry.ts';
import type { BlobMounter, ContentStore, FetchedManifest } from '../store.ts';
import { type Descriptor, type ImageIndex, isIndex, type Manifest } from '../types.ts';
import type { RemoteRegistry } from './registry.ts';

const ACCEPT_MANIFESTS = MANIFEST_MEDIA_TYPES.join(', ');
const ERROR_BODY_LIMIT = 64 * 1024;
/** Characters of a registry's error text kept in a message (after redaction). */
const ERROR_DETAIL_LIMIT = 300;
const LIST_LIMIT = 4 * 1024 * 1024;
const MAX_TAG_PAGES = 1000;
/** Slowest blob download accepted, bytes per second (sets the deadline of a blob body). */
const BLOB_MIN_RATE = 64 * 1024;
/** All pages of a tag list together. */
const LIST_TOTAL_LIMIT = 32 * 1024 * 1024;
const MAX_RESUMES = 4;

/** Options of a blob push beyond the ContentStore contract. */
export interface PushBlobOptions {
  /** Repositories of the same registry that may hold the blob: tried with `?mount=&from=` first. */
  mountFrom?: readonly string[];
  /** The caller has just seen the blob absent (its own `exists`): skip the HEAD before the upload. */
  knownAbsent?: boolean;
  /** The bytes were read from a ContentStore that verified them against `desc` (see PushOptions). */
  verified?: boolean;
}

function isManifestType(mediaType: string): boolean {
  return MANIFEST_MEDIA_TYPES.includes(mediaType);
}

/** Errors after which a whole upload is started again from a fresh session. */
function uploadRetryable(err: unknown): boolean {
  if (err instanceof TransportError) return true;
  if (err instanceof RegistryError && err.status !== undefined) {
    // 404 on a session: it expired or was lost; 5xx and 429: the registry had trouble
    return err.status === 404 || err.status === 408 || err.status === 429 || err.status >= 500;
  }
  return false;
}

/** A session the registry no longer knows (expired or invalidated): resending a chunk into it cannot work. */
function isGoneSession(err: unknown): boolean {
  return err instanceof RegistryError && err.status === 404;
}

/** The error list of a registry's error body (`{"errors":[{"code","message"}]}`); undefined when the text is not that JSON. */
function registryErrors(text: string): { code?: string; message?: string }[] | undefined {
  try {
    const parsed = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    return parsed.errors ?? [];
  } catch {
    return undefined;
  }
}

/** Errors after which a manifest read is tried again (cut connections, truncated or garbled bodies). */
function readRetryable(err: unknown): boolean {
  return err instanceof TransportError || err instanceof ContentVerificationError;
}

/**
 * One repository of a remote registry, as a ContentStore (OCI distribution
 * 1.1). Everything read is verified against digest and size while it
 * streams; blobs are pushed after a HEAD (skipped when present), by mount
 * when another repository of the registry holds them, monolithic (POST then
 * PUT) when small and in PATCH chunks when large; manifests with a subject
 * update the referrers tag schema when the registry has no referrers API.
 */
export class RemoteRepository implements ContentStore, BlobMounter {
  readonly registry: RemoteRegistry;
  readonly name: string;
  readonly location: string;

  constructor(registry: RemoteRegistry, name: string) {
    this.registry = registry;
    this.name = name;
    this.location = `${registry.host}/${name}`;
  }

  private ctx(reference?: string, status?: number): RegistryErrorContext {
    const c: RegistryErrorContext = { registry: this.registry.host, repository: this.name };
    if (reference !== undefined) c.reference = reference;
    if (status !== undefined) c.status = status;
    return c;
  }

  private url(path: string): URL {
    return new URL(`/v2/${this.name}/${path}`, this.registry.baseUrl);
  }

  private scopes(push: boolean): string[] {
    return [`repository:${this.name}:${push ? 'pull,push' : 'pull'}`];
  }

  private send(method: HttpMethod, url: URL, init: Omit<HttpRequest, 'method' | 'url'> = {}): Promise<Response> {
    return this.registry.transport({ method, url, scopes: this.scopes(method !== 'GET' && method !== 'HEAD'), ...init });
  }

  /** A URL the registry handed back, checked by the one rule of origin.ts. */
  private handed(value: string, current: URL, reference: string | undefined, what: string): URL {
    return handedUrl(value, current, this.registry.baseUrl, this.ctx(reference), what);
  }

  /** The retry options of an operation made of several requests (one attempt when retries are off). */
  private retryOptions(): RetryOptions {
    const retry = this.registry.settings.retry;
    return retry === false ? { policy: { attempts: 1 } } : retry;
  }

  /** A typed error from a failed response, with the registry's error codes as data and in the message (never credentials). */
  private async failure(res: Response, reference: string | undefined, what: string): Promise<RegistryError> {
    let detail = '';
    let entries: RegistryErrorEntry[] = [];
    try {
      const body = await readLimited(res.body, ERROR_BODY_LIMIT, this.ctx(reference, res.status), 'an error body');
      const text = new TextDecoder().decode(body);
      const errors = registryErrors(text);
      if (errors) entries = errors.map((e) => ({ code: redact(e.code ?? 'ERROR'), message: redact(e.message ?? '') }));
      // redact the whole text first: a secret cut in half would no longer be recognised
      detail = truncate(
        redact(errors ? entries.map((e) => `${e.code}: ${e.message}`).join('; ') : text)
          .replace(/\s+/g, ' ')
          .trim(),
        ERROR_DETAIL_LIMIT,
      );
    } catch {
      // the body is not needed for the error
    }
    const ctx = this.ctx(reference, res.status);
    const message = redact(`${what} failed${detail ? `: ${detail}` : ''}`);
    const options = { registryErrors: entries };
    if (res.status === 404) return new NotFoundError(ctx, message, options);
    if (res.status === 401 || res.status === 403) return new AuthenticationError(ctx, `${message}; the credentials lack access`, options);
    return new RegistryError('REGISTRY_ERROR', ctx, message, options);
  }

  // ---- blobs -------------------------------------------------------------

  async exists(desc: Descriptor): Promise<boolean> {
    const path = isManifestType(desc.mediaType) ? `manifests/${desc.digest}` : `blobs/${desc.digest}`;
    const res = await this.send('HEAD', this.url(path), {
      headers: isManifestType(desc.mediaType) ? { accept: ACCEPT_MANIFESTS } : {},
      followRedirects: true,
    });
    await discard(res);
    if (res.status === 200) {
      this.registry.noteBlob(desc.digest, this.name);
      return true;
    }
    if (res.status === 404) return false;
    throw await this.failure(res, desc.digest, 'checking whether the blob exists');
  }

  async fetch(desc: Descriptor): Promise<Uint8Array> {
    if (isManifestType(desc.mediaType)) return (await this.fetchManifest(desc)).bytes;
    const limit = this.registry.settings.blobBufferLimit;
    if (desc.size > limit) {
      throw new RegistryError(
        'OCI_TOO_LARGE',
        this.ctx(desc.digest),
        `blob of ${desc.size} bytes is over the ${limit} bytes read whole; stream it`,
      );
    }
    // read straight from the response, without a web stream in between (a short CLI run does not load them)
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of this.blobChunks(desc)) {
      chunks.push(chunk);
      total += chunk.byteLength;
    }
    return concat(chunks, total);
  }

  /**
   * Opens a blob GET at `offset` (Range when > 0), following redirects.
   * Returns a reader positioned at `offset` whatever the registry did with
   * the Range header.
   */
  private async openBlob(desc: Descriptor, offset: number): Promise<ReadableStreamDefaultReader<Uint8Array>> {
    const headers: Record<string, string> = {};
    if (offset > 0) headers.range = `bytes=${offset}-`;
    // the whole blob at no less than 64 KiB/s, and never less than the deadline of any body
    const deadlineMs = Math.max(this.registry.settings.bodyDeadlineMs, Math.ceil(((desc.size - offset) / BLOB_MIN_RATE) * 1000));
    const res = await this.send('GET', this.url(`blobs/${desc.digest}`), { headers, followRedirects: true, deadlineMs });
    if (res.status !== 200 && res.status !== 206) throw await this.failure(res, desc.digest, 'fetching the blob');
    if (!res.body) throw new ContentVerificationError(this.ctx(desc.digest, res.status), 'the registry answered without a body');
    this.registry.noteBlob(desc.digest, this.name);
    let skip = 0;
    if (offset > 0) {
      const range = /^bytes (\d+)-/.exec(res.headers.get('content-range') ?? '');
      if (res.status === 206 && range && Number(range[1]) === offset) skip = 0;
      else if (res.status === 200) skip = offset;
      else {
        await discard(res);
        throw new ContentVerificationError(
          this.ctx(desc.digest, res.status),
          `the registry answered a range request from ${offset} with another range`,
        );
      }
    }
    const reader = res.body.getReader();
    if (skip === 0) return reader;
    // the registry ignored Range: drop the bytes we already have
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          if (skip >= value.byteLength) {
            skip -= value.byteLength;
            continue;
          }
          controller.enqueue(skip > 0 ? value.subarray(skip) : value);
          skip = 0;
          return;
        }
      },
      cancel: (r) => reader.cancel(r),
    }).getReader();
  }

  /**
   * Streams a blob, verified while it flows: the stream errors with
   * ContentVerificationError before its end if the bytes do not match. A cut
   * connection or a truncated body is resumed with a Range request.
   */
  async fetchStream(desc: Descriptor): Promise<ReadableStream<Uint8Array>> {
    const chunks = this.blobChunks(desc);
    // the first request goes out now, as the contract of fetchStream says (a missing blob fails here, not on the first read)
    let pending: IteratorResult<Uint8Array> | undefined = await chunks.next();
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const next = pending ?? (await chunks.next());
          pending = undefined;
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (err) {
          controller.error(err);
        }
      },
      cancel: async () => {
        await chunks.return(undefined);
      },
    });
  }

  /**
   * The bytes of a blob, chunk by chunk, verified while they flow: the
   * generator throws ContentVerificationError before its end if the bytes do
   * not match. A cut connection or a truncated body is resumed with a Range
   * request (up to MAX_RESUMES times).
   */
  private async *blobChunks(desc: Descriptor): AsyncGenerator<Uint8Array, void, undefined> {
    const verifier = new DigestVerifier(desc, this.ctx(desc.digest));
    let reader = await this.openBlob(desc, 0);
    let resumes = 0;
    const retry = this.registry.settings.retry;
    try {
      for (;;) {
        try {
          const { done, value } = await reader.read();
          if (!done) {
            verifier.update(value);
            yield value;
            continue;
          }
          if (verifier.received === desc.size || resumes >= MAX_RESUMES || retry === false) {
            verifier.finish();
            return;
          }
        } catch (err) {
          if (!(err instanceof TransportError) || resumes >= MAX_RESUMES || retry === false) throw err;
        }
        resumes++;
        reader = await this.openBlob(desc, verifier.received);
      }
    } finally {
      // stopped early (an error, or the consumer cancelled): let the connection go
      if (verifier.received !== desc.size) await reader.cancel().catch(() => {});
    }
  }

  async push(desc: Descriptor, content: Uint8Array | ReadableStream<Uint8Array>, opts: PushBlobOptions = {}): Promise<void> {
    if (isManifestType(desc.mediaType)) {
      const bytes =
        content instanceof Uint8Array
          ? content
          : await readLimited(content, this.registry.settings.manifestLimit, this.ctx(desc.digest), 'the manifest');
      return this.pushManifest(desc, bytes);
    }
    if (!opts.knownAbsent && (await this.exists(desc))) {
      if (!(content instanceof Uint8Array)) await content.cancel().catch(() => {});
      return;
    }
    const settings = this.registry.settings;
    let data: Uint8Array | ReadableStream<Uint8Array> = content;
    if (!(content instanceof Uint8Array) && desc.size <= settings.chunkThreshold) {
      data = await readLimited(content, desc.size, this.ctx(desc.digest), 'the blob to push');
    }
    if (data instanceof Uint8Array) {
      // bytes the caller read from a verifying store need no second hash
      if (!(opts.verified && data === content && data.byteLength === desc.size)) {
        const v = new DigestVerifier(desc, this.ctx(desc.digest));
        v.update(data);
        v.finish();
      }
      const bytes = data;
      await retryOperation(
        async (attempt) => {
          // after a failed attempt the blob may have landed all the same
          if (attempt > 1 && (await this.exists(desc))) return;
          await this.uploadSession(desc, bytes, opts);
        },
        uploadRetryable,
        this.retryOptions(),
      );
    } else {
      // a stream larger than the chunk threshold cannot be read twice: one session, each failed chunk resumed where it stands
      await this.uploadSession(desc, data, opts);
    }
    this.registry.noteBlob(desc.digest, this.name);
  }

  /** Tries a cross-repository mount of `desc` from `from`; true when the registry mounted it. */
  async mount(desc: Descriptor, from: string): Promise<boolean> {
    const start = await this.startUpload(desc, [from]);
    if (start.mounted) return true;
    await this.cancelUpload(start.location);
    return false;
  }

  /** POST of an upload session, with `?mount=&from=` when a source is known. */
  private async startUpload(
    desc: Descriptor,
    mountFrom: readonly string[],
  ): Promise<{ mounted: boolean; location: URL; minChunk: number }> {
    const sources = [...new Set([...mountFrom, ...this.registry.blobSources(desc.digest, this.name)])].filter((r) => r !== this.name);
    const from = sources[0];
    const url = this.url('blobs/uploads/');
    const scopes = this.scopes(true);
    if (from !== undefined) {
      url.searchParams.set('mount', desc.digest);
      url.searchParams.set('from', from);
      scopes.push(`repository:${from}:pull`);
    }
    const res = await this.registry.transport({ method: 'POST', url, scopes, idempotent: true, headers: { 'content-length': '0' } });
    if (res.status === 201) {
      await discard(res);
      return { mounted: true, location: url, minChunk: 0 };
    }
    if (res.status !== 202) throw await this.failure(res, desc.digest, 'opening an upload session');
    await discard(res);
    const location = res.headers.get('location');
    if (!location) throw new RegistryError('REGISTRY_PROTOCOL', this.ctx(desc.digest, 202), 'the upload session has no Location header');
    return {
      mounted: false,
      location: this.handed(location, url, desc.digest, 'the Location of the upload session'),
      minChunk: Number(res.headers.get('oci-chunk-min-length') ?? 0) || 0,
    };
  }

  private async cancelUpload(location: URL): Promise<void> {
    try {
      const res = await this.send('DELETE', location, { idempotent: false });
      await discard(res);
    } catch {
      // the session expires on its own
    }
  }

  /** One upload session from POST to the final PUT; any failure cancels the session. */
  private async uploadSession(desc: Descriptor, data: Uint8Array | ReadableStream<Uint8Array>, opts: PushBlobOptions): Promise<void> {
    const start = await this.startUpload(desc, opts.mountFrom ?? []);
    if (start.mounted) return;
    let location = start.location;
    try {
      const settings = this.registry.settings;
      if (data instanceof Uint8Array && data.byteLength <= settings.chunkThreshold) {
        await this.finishUpload(desc, location, data);
        return;
      }
      const chunkSize = Math.max(settings.chunkSize, start.minChunk);
      const verifier = new DigestVerifier(desc, this.ctx(desc.digest));
      let offset = 0;
      for await (const chunk of chunks(data, chunkSize)) {
        verifier.update(chunk);
        location = await this.patchChunkResuming(desc, location, chunk, offset);
        offset += chunk.byteLength;
      }
      verifier.finish();
      await this.finishUpload(desc, location, new Uint8Array(0));
    } catch (err) {
      await this.cancelUpload(location);
      throw err;
    }
  }

  /**
   * PATCHes one chunk of a chunked upload; when that fails on the way (a
   * cut connection, 429, 5xx), asks the session how many bytes it holds
   * (GET: `Range: 0-<last>`) and sends the rest of the chunk again, so that
   * a streamed blob, which cannot be read twice, survives what a monolithic
   * upload survives by starting over. The chunk is still in memory; the bytes
   * before it are not, so a session that lost any of them, or that cannot
   * say where it stands, fails the upload with the first error. distribution
   * 2.8 is such a registry once a PATCH it handled lost its answer: it
   * refuses the status of a session under the Location from before that
   * PATCH (404 BLOB_UPLOAD_INVALID).
   */
  private async patchChunkResuming(desc: Descriptor, location: URL, chunk: Uint8Array, offset: number): Promise<URL> {
    let at = location;
    let held = 0; // bytes of this chunk the session holds
    let firstError: unknown;
    return retryOperation(
      async (attempt) => {
        if (attempt > 1) {
          const status = await this.uploadStatus(at).catch(() => undefined);
          const received = status?.received;
          if (status === undefined || received === undefined || received < offset || received > offset + chunk.byteLength) {
            throw new UploadNotResumableError(
              this.ctx(desc.digest),
              `the chunk at ${offset} failed (${errorMessage(firstError)}) and the upload session cannot be resumed` +
                (received !== undefined ? ` (it holds ${received} bytes)` : ''),
              { cause: firstError },
            );
          }
          held = received - offset;
          at = status.location ?? at;
          if (held === chunk.byteLength) return at; // the PATCH landed; only its answer was lost
        }
        try {
          return await this.patchChunk(desc, at, held === 0 ? chunk : chunk.subarray(held), offset + held);
        } catch (err) {
          firstError ??= err;
          throw err;
        }
      },
      (err) => !(err instanceof UploadNotResumableError) && uploadRetryable(err) && !isGoneSession(err),
      this.retryOptions(),
    );
  }

  /** Where an upload session stands: the bytes it holds (from `Range: 0-<last>`) and its next Location. */
  private async uploadStatus(location: URL): Promise<{ received: number | undefined; location: URL | undefined }> {
    const res = await this.send('GET', location);
    await discard(res);
    if (res.status !== 204 && res.status !== 200) return { received: undefined, location: undefined };
    const range = /^(?:bytes=)?0-(-?\d+)$/.exec((res.headers.get('range') ?? '').trim());
    const next = res.headers.get('location');
    // `0-<last>` is inclusive; distribution answers `0-0` for an empty session too, read as nothing held
    const last = range ? Number(range[1]) : undefined;
    return {
      received: last === undefined ? undefined : last <= 0 ? 0 : last + 1,
      location: next ? this.handed(next, location, undefined, 'the Location of the upload session') : undefined,
    };
  }

  private async patchChunk(desc: Descriptor, location: URL, chunk: Uint8Array, offset: number): Promise<URL> {
    const res = await this.send('PATCH', location, {
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `${offset}-${offset + chunk.byteLength - 1}`,
        'content-length': String(chunk.byteLength),
      },
      body: chunk,
      idempotent: false,
    });
    if (res.status !== 202) throw await this.failure(res, desc.digest, `uploading the chunk at ${offset}`);
    await discard(res);
    const next = res.headers.get('location');
    return next ? this.handed(next, location, desc.digest, 'the Location of the upload session') : location;
  }

  private async finishUpload(desc: Descriptor, location: URL, body: Uint8Array): Promise<void> {
    const url = new URL(location);
    url.searchParams.set('digest', desc.digest);
    const res = await this.send('PUT', url, {
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength) },
      body,
      idempotent: false,
    });
    if (res.status !== 201) throw await this.failure(res, desc.digest, 'completing the blob upload');
    await discard(res);
    const got = res.headers.get('docker-content-digest');
    if (got && got !== desc.digest) {
      throw new ContentVerificationError(this.ctx(desc.digest, 201), `the registry stored the blob as ${got}, expected ${desc.digest}`);
    }
  }

  // ---- manifests ---------------------------------------------------------

  async resolve(reference: string): Promise<Descriptor> {
    const res = await this.send('HEAD', this.url(`manifests/${reference}`), { headers: { accept: ACCEPT_MANIFESTS } });
    await discard(res);
    if (res.status !== 200) throw await this.failure(res, reference, 'resolving the manifest');
    const digest = res.headers.get('docker-content-digest');
    const size = Number(res.headers.get('content-length') ?? Number.NaN);
    const mediaType = mediaTypeOf(res);
    if (digest && isDigest(digest) && Number.isSafeInteger(size) && size > 0 && isManifestType(mediaType)) {
      if (isDigest(reference) && digest !== reference) {
        throw new ContentVerificationError(this.ctx(reference, 200), `the registry answered for digest ${digest}`);
      }
      return { mediaType, digest, size };
    }
    // a HEAD without what we need: read the manifest
    return (await this.fetchManifest(reference)).descriptor;
  }

  async fetchManifest(reference: string | Descriptor): Promise<FetchedManifest> {
    const ref = typeof reference === 'string' ? reference : reference.digest;
    const retryOpts = this.retryOptions();
    return retryOperation(() => this.fetchManifestOnce(ref, typeof reference === 'string' ? undefined : reference), readRetryable, {
      ...retryOpts,
      policy: { ...(retryOpts.policy ?? {}), attempts: Math.min(retryOpts.policy?.attempts ?? 3, 3) },
    });
  }

  private async fetchManifestOnce(ref: string, expected: Descriptor | undefined): Promise<FetchedManifest> {
    const res = await this.send('GET', this.url(`manifests/${ref}`), { headers: { accept: ACCEPT_MANIFESTS } });
    if (res.status !== 200) throw await this.failure(res, ref, 'fetching the manifest');
    const limit = Math.min(this.registry.settings.manifestLimit, expected ? expected.size : Number.POSITIVE_INFINITY);
    const ctx = this.ctx(ref, 200);
    let bytes: Uint8Array;
    if (expected) {
      if (Number(res.headers.get('content-length') ?? 0) > expected.size) {
        await discard(res);
        throw new ContentVerificationError(ctx, `the manifest is longer than the ${expected.size} bytes of ${expected.digest}; refused`);
      }
      const v = new DigestVerifier(expected, ctx);
      const chunks: Uint8Array[] = [];
      const reader = res.body?.getReader();
      for (;;) {
        const r = reader ? await reader.read() : { done: true as const, value: undefined };
        if (r.done) break;
        v.update(r.value);
        chunks.push(r.value);
      }
      v.finish();
      bytes = concat(chunks);
    } else {
      bytes = await readLimited(res.body, limit, ctx, 'the manifest', res.headers.get('content-length'));
    }
    const digest = sha256(bytes);
    if (isDigest(ref) && digest !== ref)
      throw new ContentVerificationError(ctx, `the manifest has digest ${digest}, expected ${ref}; refused`);
    const header = res.headers.get('docker-content-digest');
    if (header && header !== digest) {
      throw new ContentVerificationError(
        ctx,
        `Docker-Content-Digest says ${header} but the bytes have digest ${digest} (truncated or altered); refused`,
      );
    }
    let mediaType = mediaTypeOf(res);
    if (!isManifestType(mediaType)) {
      try {
        const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { mediaType?: string };
        if (parsed.mediaType && isManifestType(parsed.mediaType)) mediaType = parsed.mediaType;
      } catch {
        throw new ContentVerificationError(ctx, 'the manifest is not JSON');
      }
    }
    if (!isManifestType(mediaType)) mediaType = expected?.mediaType ?? MediaType.OciManifest;
    const descriptor: Descriptor = { mediaType, digest, size: bytes.byteLength };
    if (expected?.artifactType) descriptor.artifactType = expected.artifactType;
    if (expected?.annotations) descriptor.annotations = expected.annotations;
    return { descriptor, bytes };
  }

  async pushManifest(desc: Descriptor, bytes: Uint8Array, tag?: string): Promise<void> {
    const ctx = this.ctx(tag ?? desc.digest);
    const v = new DigestVerifier(desc, ctx);
    v.update(bytes);
    v.finish();
    if (bytes.byteLength > this.registry.settings.manifestLimit) {
      throw new RegistryError(
        'OCI_TOO_LARGE',
        ctx,
        `the manifest is ${bytes.byteLength} bytes, over the ${this.registry.settings.manifestLimit} registries accept`,
      );
    }
    const res = await this.putManifest(desc, bytes, tag ?? desc.digest);
    const parsed = parseManifest(bytes, `${this.location}@${desc.digest}`);
    if (parsed.subject) {
      const subjectHeader = res.headers.get('oci-subject');
      if (subjectHeader) this.registry.learnReferrers('api');
      else await this.addToReferrersIndex(parsed.subject, referrerDescriptor(desc, parsed));
    }
  }

  private async putManifest(desc: Descriptor, bytes: Uint8Array, ref: string): Promise<Response> {
    const res = await this.send('PUT', this.url(`manifests/${ref}`), {
      headers: { 'content-type': desc.mediaType, 'content-length': String(bytes.byteLength) },
      body: bytes,
      idempotent: true,
    });
    if (res.status !== 201 && res.status !== 200) throw await this.failure(res, ref, 'pushing the manifest');
    await discard(res);
    const got = res.headers.get('docker-content-digest');
    if (got && got !== desc.digest) {
      throw new ContentVerificationError(this.ctx(ref, res.status), `the registry stored the manifest as ${got}, expected ${desc.digest}`);
    }
    return res;
  }

  async tag(desc: Descriptor, tag: string): Promise<void> {
    const { bytes } = await this.fetchManifest(desc);
    await this.putManifest(desc, bytes, tag);
  }

  /**
   * Whether the registry does not know this repository at all: its tag list
   * answers 404 NAME_UNKNOWN (distribution answers so until a first manifest
   * is tagged). A copy into it then has nothing to skip, and the Copier does
   * not ask about each blob and manifest (a HEAD costs the registry about as
   * much as a small upload step). Any other answer, an error included, is
   * "not known to be empty". Asked with push scope: it comes before a push.
   */
  async isKnownEmpty(): Promise<boolean> {
    const url = this.url('tags/list');
    url.searchParams.set('n', '1');
    const res = await this.registry.transport({ method: 'GET', url, scopes: this.scopes(true) });
    if (res.status !== 404) {
      await discard(res);
      return false;
    }
    return (await this.failure(res, undefined, 'listing the tags')).hasRegistryCode('NAME_UNKNOWN');
  }

  async listTags(): Promise<string[]> {
    const tags: string[] = [];
    let url: URL | undefined = this.url('tags/list');
    let budget = LIST_TOTAL_LIMIT;
    for (let page = 0; url && page < MAX_TAG_PAGES; page++) {
      const res = await this.send('GET', url);
      if (res.status !== 200) throw await this.failure(res, undefined, 'listing the tags');
      const limit = Math.min(LIST_LIMIT, budget);
      const body = await readLimited(res.body, limit, this.ctx(undefined, 200), 'the tag list', res.headers.get('content-length'));
      budget -= body.byteLength;
      let parsed: { tags?: unknown };
      try {
        parsed = JSON.parse(new TextDecoder().decode(body)) as { tags?: unknown };
      } catch {
        throw new RegistryError('REGISTRY_PROTOCOL', this.ctx(undefined, 200), 'the tag list is not JSON');
      }
      if (Array.isArray(parsed.tags)) for (const t of parsed.tags) if (typeof t === 'string') tags.push(t);
      const link = nextLinkTarget(res.headers.get('link'));
      url = link === undefined ? undefined : this.handed(link, url, undefined, 'the next page (Link header) of the tag list');
    }
    if (url !== undefined) {
      throw new RegistryError(
        'OCI_TAG_LIST_TOO_LONG',
        this.ctx(),
        `the tag list goes on past ${MAX_TAG_PAGES} pages (${tags.length} tags read); refused rather than cut silently. ` +
          'The registry paginates without end (misconfigured or hostile); ask its operator, or name the tags to copy one by one',
      );
    }
    return tags;
  }

  // ---- referrers ---------------------------------------------------------

  async referrers(subject: Descriptor, artifactType?: string): Promise<Descriptor[]> {
    let found: Descriptor[] | undefined;
    if (this.registry.referrersSupport !== 'tag-schema') found = await this.referrersFromApi(subject, artifactType);
    if (found === undefined) found = (await this.readReferrersIndex(subject.digest))?.manifests ?? [];
    return artifactType === undefined ? found : found.filter((d) => d.artifactType === artifactType);
  }

  /** The referrers API; undefined when the registry does not have it (404). */
  private async referrersFromApi(subject: Descriptor, artifactType?: string): Promise<Descriptor[] | undefined> {
    const url = this.url(`referrers/${subject.digest}`);
    if (artifactType) url.searchParams.set('artifactType', artifactType);
    const res = await this.send('GET', url, { headers: { accept: MediaType.OciIndex } });
    const type = mediaTypeOf(res);
    if (res.status === 404 || (res.status === 200 && type !== MediaType.OciIndex)) {
      await discard(res);
      this.registry.learnReferrers('tag-schema');
      return undefined;
    }
    if (res.status !== 200) throw await this.failure(res, subject.digest, 'listing the referrers');
    this.registry.learnReferrers('api');
    const body = await readLimited(
      res.body,
      LIST_LIMIT,
      this.ctx(subject.digest, 200),
      'the referrers list',
      res.headers.get('content-length'),
    );
    const index = parseManifest(body, `${this.location} referrers of ${subject.digest}`);
    if (!isIndex(index)) {
      throw new RegistryError('REGISTRY_PROTOCOL', this.ctx(subject.digest, 200), 'the referrers list is not an image index');
    }
    return index.manifests;
  }

  private async readReferrersIndex(subject: Digest): Promise<ImageIndex | undefined> {
    try {
      const { bytes } = await this.fetchManifest(referrersTag(subject));
      const index = parseManifest(bytes, `${this.location}:${referrersTag(subject)}`);
      if (!isIndex(index)) {
        throw new RegistryError('REGISTRY_PROTOCOL', this.ctx(referrersTag(subject)), 'the referrers tag does not hold an image index');
      }
      return index;
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
  }

  /** Adds `entry` to the `sha256-<hex>` index of `subject`, without duplicates. */
  private async addToReferrersIndex(subject: Descriptor, entry: Descriptor): Promise<void> {
    await this.registry.withIndexLock(`${this.name} ${subject.digest}`, async () => {
      const current = await this.readReferrersIndex(subject.digest);
      const manifests = current?.manifests ?? [];
      if (manifests.some((d) => d.digest === entry.digest)) return;
      const index: ImageIndex = { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [...manifests, entry] };
      const bytes = new TextEncoder().encode(JSON.stringify(index));
      await this.putManifest(
        { mediaType: MediaType.OciIndex, digest: sha256(bytes), size: bytes.byteLength },
        bytes,
        referrersTag(subject.digest),
      );
    });
  }
}

/** `text` cut to `max` characters with an ellipsis. */
function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The tag of the referrers tag schema for a subject: `sha256-<hex>`. */
export function referrersTag(subject: Digest): string {
  return `sha256-${digestHex(subject)}`;
}

/** The descriptor of a referrer as the referrers list shows it (artifactType, annotations). */
function referrerDescriptor(desc: Descriptor, manifest: Manifest): Descriptor {
  const out: Descriptor = { mediaType: desc.mediaType, digest: desc.digest, size: desc.size };
  const artifactType = manifest.artifactType ?? ('config' in manifest ? manifest.config.mediaType : undefined);
  if (artifactType) out.artifactType = artifactType;
  if (manifest.annotations && Object.keys(manifest.annotations).length) out.annotations = manifest.annotations;
  return out;
}

/** The `rel="next"` target of a Link header, as written (resolve it with handedUrl). */
export function nextLinkTarget(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const m = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (m && /rel="?next"?/.test(m[2] ?? '')) return m[1] ?? '';
  }
  return undefined;
}

/** The `rel="next"` target of a Link header, resolved against the current URL. */
export function nextLink(header: string | null, current: URL): URL | undefined {
  const target = nextLinkTarget(header);
  return target === undefined ? undefined : new URL(target, current);
}

/** Splits bytes or a stream into chunks of `size` bytes (the last one shorter). */
async function* chunks(data: Uint8Array | ReadableStream<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  if (data instanceof Uint8Array) {
    for (let at = 0; at < data.byteLength; at += size) yield data.subarray(at, Math.min(at + size, data.byteLength));
    return;
  }
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const piece of data) {
    let rest = piece;
    while (pendingBytes + rest.byteLength >= size) {
      const take = size - pendingBytes;
      pending.push(rest.subarray(0, take));
      yield concat(pending, size);
      pending = [];
      pendingBytes = 0;
      rest = rest.subarray(take);
    }
    if (rest.byteLength) {
      pending.push(rest);
      pendingBytes += rest.byteLength;
    }
  }
  if (pendingBytes) yield concat(pending, pendingBytes);
}

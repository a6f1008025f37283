import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { describeWasm } from '../component/describe.ts';
import { checkWasmBinary } from '../component/wasm-file.ts';
import { FlotillaError, UsageError } from '../errors.ts';
import { writeFileAtomically } from '../fs/atomic-write.ts';
import { cacheDir } from '../oci/cache-dir.ts';
import { Copier } from '../oci/copy.ts';
import { isDigest, sha256 } from '../oci/digest.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import { parseManifest } from '../oci/manifest.ts';
import { formatReference, parseReference, type Reference, referenceArgument, referenceTarget } from '../oci/reference.ts';
import { withTagHint } from '../oci/tag-not-found.ts';
import { Annotation, type Descriptor, isIndex } from '../oci/types.ts';
import { type OpenStoreOptions, Stores } from '../registry-config/stores.ts';
import {
  buildWasmArtifact,
  checkWasmManifest,
  createdTime,
  inspectWasmArtifact,
  pullWasmArtifact,
  pushWasmArtifact,
} from './wasm-artifact.ts';

/**
 * What the `push`, `pull` and `inspect` commands do, as functions returning
 * data: the command files only parse options and print (`copy` and `tags`:
 * copy-refs.ts).
 */

export interface PushFileOptions extends OpenStoreOptions {
  /** `key=value` manifest annotations. */
  annotations?: string[];
  /** RFC 3339 creation time; default SOURCE_DATE_EPOCH, else the epoch (see createdTime). */
  created?: string;
}

export interface PushFileResult {
  reference: string;
  descriptor: Descriptor;
  kind: 'component' | 'module';
}

function parseAnnotations(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--annotation '${item}': expected key=value`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** Reads a .wasm file; a missing file or a folder is a UsageError naming the path, text (WAT) a NotWasmFileError naming it. */
export async function readWasmFile(path: string): Promise<Uint8Array> {
  try {
    const bytes = new Uint8Array(await readFile(path));
    checkWasmBinary(bytes, path);
    return bytes;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${path}: is a folder, expected a .wasm file`);
    throw err;
  }
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** Pushes a .wasm file as a Wasm OCI artifact to a registry or layout reference (which must name a tag). */
export async function pushFile(file: string, target: string, opts: PushFileOptions): Promise<PushFileResult> {
  const ref = referenceArgument(target, 'push destination');
  if (ref.tag === undefined) throw new UsageError(`push destination '${target}' names no tag; add one, as in ${target}:1.0.0`);
  if (ref.digest !== undefined) throw new UsageError(`push destination '${target}' names a digest; a push names a tag only`);
  const path = resolve(opts.cwd, file);
  const wasm = await readWasmFile(path);
  const annotations = parseAnnotations(opts.annotations);
  const artifact = buildWasmArtifact({
    wasm,
    created: createdTime(opts.env, opts.created),
    title: basename(path),
    annotations,
  });
  const store = await Stores.of(opts).open(ref, opts.cwd);
  const descriptor = await pushWasmArtifact(store, artifact, ref.tag);
  return { reference: formatReference({ ...ref, digest: descriptor.digest }), descriptor, kind: artifact.description.kind };
}

export interface PullFileOptions extends OpenStoreOptions {
  /** Where to write the component; default the layer's title in `cwd`. */
  output?: string;
  /** Pull registry refs through the on-disk cache (default true). */
  cache?: boolean;
  /** Overwrite a file named by the layer's title (without it, an existing file is an error). */
  force?: boolean;
}

/** The layer's title cannot name a file in the output folder: not a plain file name. */
export class UnsafeTitleError extends FlotillaError {
  constructor(where: string, why: string) {
    super(
      'PULL_UNSAFE_TITLE',
      `${where}: the layer's title (org.opencontainers.image.title) ${why}, so it cannot be used as a file name; give one with -o file.wasm`,
    );
  }
}

/** Pulling would overwrite a file the user did not name. */
export class PullFileExistsError extends FlotillaError {
  constructor(path: string) {
    super(
      'PULL_FILE_EXISTS',
      `${path} exists; pull does not overwrite a file named by the artifact's title: add --force, or give -o file.wasm`,
    );
  }
}

const MAX_NAME_BYTES = 255;

/**
 * The layer's title as a file name: a string naming a plain file (no path
 * separator, not `.` or `..`, not hidden, no control or line-separator
 * characters, at most 255 bytes); anything else is UnsafeTitleError.
 */
export function titleFileName(title: unknown, where: string): string {
  if (typeof title !== 'string') throw new UnsafeTitleError(where, `is a ${title === null ? 'null' : typeof title}, not a string`);
  const shown = JSON.stringify(title.length > 60 ? `${title.slice(0, 59)}…` : title);
  if (title === '') throw new UnsafeTitleError(where, 'is empty');
  if (/[/\\]/.test(title)) throw new UnsafeTitleError(where, `${shown} holds a path separator`);
  if (title === '.' || title === '..') throw new UnsafeTitleError(where, `${shown} names a folder`);
  if (title.startsWith('.')) throw new UnsafeTitleError(where, `${shown} names a hidden file`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(title)) throw new UnsafeTitleError(where, `${shown} holds control characters`);
  if (Buffer.byteLength(title) > MAX_NAME_BYTES) throw new UnsafeTitleError(where, `is longer than ${MAX_NAME_BYTES} bytes`);
  return title;
}

export interface PullFileResult {
  reference: string;
  descriptor: Descriptor;
  path: string;
  size: number;
}

/**
 * Pulls a Wasm artifact and writes its component. A registry reference is
 * pulled through the cache layout: what the cache holds by digest is not
 * fetched again.
 */
export async function pullFile(source: string, opts: PullFileOptions): Promise<PullFileResult> {
  const ref = referenceArgument(source, 'pull source');
  const target = referenceTarget(ref);
  if (target === undefined) throw new UsageError(`pull source '${source}' names no tag or digest; add one, as in ${source}:1.0.0`);
  let store = await Stores.of(opts).open(ref, opts.cwd);
  let reference: string | Descriptor = target;
  if (ref.kind === 'registry' && opts.cache !== false) {
    // check the manifest before any blob moves: a container image is refused, not downloaded
    const source = store;
    const fetched = await withTagHint(source, target, () => source.fetchManifest(target));
    const where = `${store.location}${isDigest(target) ? '@' : ':'}${target}`;
    const manifest = parseManifest(fetched.bytes, where);
    if (isIndex(manifest))
      await inspectWasmArtifact(store, fetched.descriptor); // throws, saying what the index holds
    else checkWasmManifest(manifest, where);
    const cache = new LayoutStore(cacheDir(opts.env));
    const copied = await new Copier(store, cache).copyFetched(fetched, null);
    store = cache;
    reference = copied.descriptor;
  }
  const from = store;
  const pulled = await withTagHint(from, target, () => pullWasmArtifact(from, reference));
  const annotations = pulled.layer.annotations as Record<string, unknown> | undefined;
  const title = annotations?.[Annotation.Title];
  const fallback = `${basename(ref.kind === 'registry' ? ref.repository : ref.path)}.wasm`;
  const ownName = () => (title === undefined ? fallback : titleFileName(title, source));
  // -o <existing folder> (or a path ending in /): the component goes into it under its own name, as cp does
  let path = opts.output !== undefined ? resolve(opts.cwd, opts.output) : resolve(opts.cwd, ownName());
  let named = opts.output === undefined;
  if (opts.output !== undefined && (/[\\/]$/.test(opts.output) || (await isFolder(path)))) {
    path = join(path, ownName());
    named = true;
  }
  try {
    await writeFileAtomically(path, pulled.wasm, {
      createFolder: opts.output !== undefined && /[\\/]$/.test(opts.output),
      noOverwrite: named && opts.force !== true,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new PullFileExistsError(path);
    throw err;
  }
  return {
    reference: formatReference({ ...ref, digest: pulled.descriptor.digest }),
    descriptor: pulled.descriptor,
    path,
    size: pulled.wasm.length,
  };
}

export interface Inspection {
  /** `file` for a .wasm on disk, else the reference inspected. */
  source: string;
  kind: 'component' | 'module';
  /** Digest and size of the binary (the layer, for a reference). */
  digest: string;
  size: number;
  imports: string[];
  exports: string[];
  /** For a reference: the manifest's digest, its annotations and the config's os and creation time. */
  manifest?: { digest: string; mediaType: string; annotations: Record<string, string>; os: string; created?: string };
}

/** Describes a .wasm file, or a Wasm artifact by reference (from its config; the layer only when the config lacks the component's world). */
export async function inspectTarget(target: string, opts: OpenStoreOptions): Promise<Inspection> {
  const path = resolve(opts.cwd, target);
  const st = await stat(path).catch(() => undefined);
  if (st?.isDirectory()) {
    const wasm = (await readdir(path).catch(() => [] as string[])).filter((f) => /\.wasm$/i.test(f)).sort();
    throw new UsageError(
      `${target} is a folder: inspect takes a component file (.wasm) or a reference${
        wasm.length > 0
          ? `; it holds ${wasm
              .slice(0, 5)
              .map((f) => join(target, f))
              .join(', ')}${wasm.length > 5 ? `, … (${wasm.length})` : ''}`
          : ''
      }${existsSync(join(path, 'oci-layout')) ? `; for the OCI layout it is, give oci:${target}:<tag>` : ''}`,
    );
  }
  const isFile = st?.isFile() === true;
  if (isFile) {
    const bytes = await readWasmFile(path);
    const d = describeWasm(bytes);
    return { source: path, kind: d.kind, digest: sha256(bytes), size: bytes.length, imports: d.imports, exports: d.exports };
  }
  let ref: Reference;
  try {
    ref = parseReference(target);
  } catch (err) {
    throw new UsageError(`'${target}' is neither a file nor a reference: ${(err as Error).message}`, { cause: err });
  }
  const at = referenceTarget(ref);
  if (at === undefined) throw new UsageError(`'${target}' names no tag or digest; add one, as in ${target}:1.0.0`);
  const store = await Stores.of(opts).open(ref, opts.cwd);
  const info = await withTagHint(store, at, () => inspectWasmArtifact(store, at));
  let kind: 'component' | 'module' = info.config.os === 'wasip1' ? 'module' : 'component';
  let imports = info.config.component?.imports;
  let exports = info.config.component?.exports;
  if (imports === undefined || exports === undefined) {
    const d = describeWasm(await store.fetch(info.layer));
    ({ kind, imports, exports } = d);
  }
  return {
    source: formatReference({ ...ref, digest: info.descriptor.digest }),
    kind,
    digest: info.layer.digest,
    size: info.layer.size,
    imports,
    exports,
    manifest: {
      digest: info.descriptor.digest,
      mediaType: info.descriptor.mediaType,
      annotations: info.manifest.annotations ?? {},
      os: info.config.os,
      ...(info.config.created !== undefined ? { created: info.config.created } : {}),
    },
  };
}

/**
 * Evidence gathering: the network side of verify. For each component of a
 * ref, a lock or a spec it fetches the manifest (by the digest the lock or
 * attestation pins, else the ref's tag or digest), pulls the Wasm layer and
 * reads the imports from the binary, and verifies the bundles attached to
 * the manifest. A composed component's parts come from its verified
 * composition attestation and are gathered the same way, recursively.
 * The result is the policy engine's input (ComponentEvidence) plus what the
 * report needs beside it (declaration lines, notes on rejected bundles).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { checkWasmManifest, inspectWasmArtifact, type PulledWasmArtifact, pullWasmArtifact } from '../artifact/wasm-artifact.ts';
import { describeWasm } from '../component/describe.ts';
import { checkWasmBinary, NotWasmFileError } from '../component/wasm-file.ts';
import { ConfigError, parseYaml, type SourcePosition } from '../config/yaml-source.ts';
import { errorMessage, FlotillaError, UsageError } from '../errors.ts';
import { Copier } from '../oci/copy.ts';
import { type Digest, isDigest, sha256 } from '../oci/digest.ts';
import { parseManifest } from '../oci/manifest.ts';
import { parseReference, type Reference } from '../oci/reference.ts';
import type { ArtifactReader, ContentStore, CopySource, CopyTarget } from '../oci/store.ts';
import { withTagHint } from '../oci/tag-not-found.ts';
import { isIndex } from '../oci/types.ts';
import type { ComponentEvidence, VerifiedSignature } from '../policy/types.ts';
import type { LockFile } from '../release/lock.ts';
import type { Plan } from '../release/plan.ts';
import { VerifyInputError } from './errors.ts';
import { attachedEvidence } from './signatures.ts';
import type { TrustMaterial } from './trust.ts';

/** One component as gathered: the engine's evidence, and what the report adds. */
export interface GatheredComponent {
  readonly evidence: ComponentEvidence;
  /** Where the component is declared (spec or lock line), for annotations. */
  readonly origin?: SourcePosition;
  /** Bundles not accepted, attestations not counted, parts without bytes. */
  readonly notes: readonly string[];
  /** A composed component's parts (from its composition attestation). */
  readonly parts: readonly GatheredComponent[];
}

export interface GatherContext {
  readonly trust: TrustMaterial;
  /** Opens the store of a reference; `baseDir` is the folder relative `oci:` layouts are resolved against. */
  readonly open: (ref: Reference, baseDir: string) => Promise<ContentStore>;
  /** The on-disk pull cache registry components are pulled through (`flotilla pull`'s); none: straight from the registry. */
  readonly cache?: ContentStore;
  /** Components gathered at once (default 4). */
  readonly concurrency?: number;
}

const MAX_DEPTH = 8;

async function inPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function parseRef(text: string, what: string): Reference {
  try {
    return parseReference(text);
  } catch (err) {
    throw new UsageError(`${what}: ${errorMessage(err)}`, { cause: err });
  }
}

interface RegistryTarget {
  name: string;
  ref: Reference;
  /** The ref as written (spec, lock, attestation, command line). */
  text: string;
  /** Digest the declaration pins (lock or attestation); fetched instead of the tag. */
  pinned?: Digest;
  /** Whether the declaration names the component by digest (require-digest). */
  pinnedByDigest: boolean;
  origin?: SourcePosition;
  baseDir: string;
}

function fetchFailure(target: { name: string; text: string }, err: unknown): Error {
  // a bad registry configuration or reference keeps its own type (and its file and line)
  if (err instanceof ConfigError || err instanceof UsageError) return err;
  const code = err instanceof FlotillaError ? err.code : 'VERIFY_FETCH';
  return new VerifyInputError(code, `component \`${target.name}\` (${target.text}): ${errorMessage(err)}`, { cause: err });
}

/**
 * Pulls a Wasm artifact through the on-disk cache (as `flotilla pull` does): the manifest
 * from the registry (checked to be a Wasm artifact before any blob moves), its config and
 * layer from the cache when it holds them by digest, else copied into it first.
 */
async function pullThroughCache(store: CopySource, cache: CopyTarget & ArtifactReader, reference: string): Promise<PulledWasmArtifact> {
  const fetched = await store.fetchManifest(reference);
  const where = `${store.location}${isDigest(reference) ? '@' : ':'}${reference}`;
  const manifest = parseManifest(fetched.bytes, where);
  if (isIndex(manifest))
    await inspectWasmArtifact(store, fetched.descriptor); // throws, saying what the index holds
  else checkWasmManifest(manifest, where);
  const copied = await new Copier(store, cache).copyFetched(fetched, null);
  return pullWasmArtifact(cache, copied.descriptor);
}

/** Gathers one component from a registry or an OCI layout, and its parts. */
async function gatherStored(ctx: GatherContext, t: RegistryTarget, chain: readonly string[]): Promise<GatheredComponent> {
  if (chain.length > MAX_DEPTH) {
    throw new VerifyInputError(
      'VERIFY_TOO_DEEP',
      `component \`${t.name}\` (${t.text}): compositions nested deeper than ${MAX_DEPTH} levels`,
    );
  }
  let store: ContentStore;
  let pulled: PulledWasmArtifact;
  let imports: string[];
  let attached: Awaited<ReturnType<typeof attachedEvidence>>;
  try {
    store = await ctx.open(t.ref, t.baseDir);
    const reference = t.pinned ?? t.ref.digest ?? t.ref.tag ?? 'latest';
    const from = store;
    pulled = await withTagHint(from, reference, () =>
      t.ref.kind === 'registry' && ctx.cache ? pullThroughCache(from, ctx.cache, reference) : pullWasmArtifact(from, reference),
    );
    imports = describeWasm(pulled.wasm).imports;
    attached = await attachedEvidence(store, pulled.descriptor, ctx.trust);
  } catch (err) {
    throw fetchFailure(t, err);
  }
  const digest = pulled.descriptor.digest as Digest;
  if (t.pinned !== undefined && digest !== t.pinned) {
    throw new VerifyInputError(
      'VERIFY_DIGEST_MISMATCH',
      `component \`${t.name}\` (${t.text}): fetched ${digest}, but ${t.pinned} is pinned`,
    );
  }
  if (chain.includes(digest)) {
    throw new VerifyInputError('VERIFY_CYCLE', `component \`${t.name}\` (${t.text}): its composition attestation lists itself (${digest})`);
  }
  const notes = [...attached.notes];
  const parts: GatheredComponent[] = [];
  const seen = new Set<string>();
  for (const composition of attached.compositions) {
    for (const part of composition.predicate.components) {
      const key = `${part.name}@${part.digest}`;
      if (seen.has(key)) continue;
      seen.add(key);
      try {
        parts.push(await gatherPart(ctx, part, composition.signature, t.baseDir, [...chain, digest]));
      } catch (err) {
        if (!(err instanceof VerifyInputError)) throw err;
        throw new VerifyInputError(
          err.code,
          `${err.message} (a part of \`${t.name}\` ${t.text}, as its composition attestation lists it)`,
          {
            cause: err,
          },
        );
      }
    }
  }
  const registry = t.ref.kind === 'registry' ? t.ref : undefined;
  const evidence: ComponentEvidence = {
    name: t.name,
    ref: t.text,
    ...(registry ? { registry: registry.registry, repository: registry.repository } : {}),
    digest,
    pinnedByDigest: t.pinnedByDigest,
    imports,
    signatures: attached.signatures,
    ...(attached.unverified.length > 0 ? { unverifiedSignatures: attached.unverified } : {}),
    ...(parts.length > 0 ? { parts: parts.map((p) => p.evidence) } : {}),
  };
  return { evidence, ...(t.origin ? { origin: t.origin } : {}), notes, parts };
}

/** A part listed by a verified composition attestation: fetched by its locked digest. */
async function gatherPart(
  ctx: GatherContext,
  part: { name: string; ref: string; digest: Digest },
  attestedBy: VerifiedSignature,
  baseDir: string,
  chain: readonly string[],
): Promise<GatheredComponent> {
  let ref: Reference | undefined;
  try {
    ref = parseReference(part.ref);
  } catch {
    ref = undefined;
  }
  // a part composed from a local file has no registry to fetch it from
  if (ref === undefined || /\.wasm$/i.test(part.ref)) {
    const by = attestedBy.kind === 'keyless' ? attestedBy.subject : 'the attestation signer';
    return {
      evidence: { name: part.name, ref: part.ref, digest: part.digest, pinnedByDigest: true, imports: [], signatures: [] },
      notes: [
        `composed from a local file (${part.ref}, as attested by ${by}): no registry to fetch it from; its imports are checked in the composed component`,
      ],
      parts: [],
    };
  }
  return gatherStored(ctx, { name: part.name, ref, text: part.ref, pinned: part.digest, pinnedByDigest: true, baseDir }, chain);
}

/** A local `.wasm` file (spec `path:` or lock `path`): its digest and imports; no registry, so no signatures. */
async function gatherFile(
  name: string,
  file: string,
  shown: string,
  origin: SourcePosition | undefined,
  expected?: Digest,
): Promise<GatheredComponent> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (err) {
    throw new VerifyInputError('VERIFY_FILE_UNREADABLE', `component \`${name}\`: cannot read ${file}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  const digest = sha256(bytes);
  if (expected !== undefined && digest !== expected) {
    throw new VerifyInputError(
      'VERIFY_DIGEST_MISMATCH',
      `component \`${name}\`: ${file} is ${digest}, but the lock pins ${expected}; compose again or restore the file`,
    );
  }
  let imports: string[];
  try {
    checkWasmBinary(bytes, file);
    imports = describeWasm(bytes).imports;
  } catch (err) {
    // NotWasmFileError names the file itself
    const what = err instanceof NotWasmFileError ? errorMessage(err) : `${file}: ${errorMessage(err)}`;
    throw new VerifyInputError('VERIFY_FILE_INVALID', `component \`${name}\`: ${what}`, { cause: err });
  }
  return {
    evidence: { name, ref: shown, digest, pinnedByDigest: expected !== undefined, imports, signatures: [] },
    ...(origin ? { origin } : {}),
    notes: ['a local file: no registry, so no attached signatures'],
    parts: [],
  };
}

/** A bare ref from the command line: its name is the repository path (or the layout folder). */
export async function gatherRef(ctx: GatherContext, text: string, cwd: string): Promise<GatheredComponent[]> {
  const ref = parseRef(text, 'the ref to verify');
  const name = ref.kind === 'registry' ? ref.repository : `oci:${ref.path}`;
  return [await gatherStored(ctx, { name, ref, text, pinnedByDigest: ref.digest !== undefined, baseDir: cwd }, [])];
}

/** Every component of a lock, fetched by its locked digest; relative `oci:` folders and paths are against the lock's folder. */
export async function gatherLock(ctx: GatherContext, lock: LockFile, file: string): Promise<GatheredComponent[]> {
  const src = parseYaml(file, readFileSync(file, 'utf8'));
  const baseDir = dirname(file);
  return inPool(lock.components, ctx.concurrency ?? 4, (c) => {
    const i = lock.components.indexOf(c);
    const origin = src.positionOf(['components', i, c.source === 'ref' ? 'ref' : 'path']);
    if (c.source === 'path') {
      const path = c.path;
      return gatherFile(c.name, isAbsolute(path) ? path : resolve(baseDir, path), path, origin, c.digest);
    }
    const text = c.ref;
    const ref = parseRef(text, `${file}: components[${i}].ref`);
    return gatherStored(ctx, { name: c.name, ref, text, pinned: c.digest, pinnedByDigest: true, origin, baseDir }, []);
  });
}

/** Every component of a plan (a spec resolved for an environment), at its planned ref or path. */
export async function gatherPlan(ctx: GatherContext, plan: Plan): Promise<GatheredComponent[]> {
  return inPool(plan.components, ctx.concurrency ?? 4, (c) => {
    const origin: SourcePosition = { file: c.origin.file, line: c.origin.line, column: c.origin.column };
    if (c.source.kind === 'path') return gatherFile(c.name, c.source.path, c.source.relative, origin);
    const ref = c.source.ref;
    return gatherStored(
      ctx,
      { name: c.name, ref, text: c.source.text, pinnedByDigest: ref.digest !== undefined, origin, baseDir: plan.specDir },
      [],
    );
  });
}

/** A component whose digest the caller already knows (compose pulled it): what `gatherPinned` fetches. */
export interface PinnedComponent {
  name: string;
  ref: Reference;
  /** The ref as shown (spec, lock). */
  text: string;
  /** The digest the caller holds: the fetched manifest must have it. */
  digest: Digest;
  /** Whether the spec or lock names it by digest (require-digest). */
  pinnedByDigest: boolean;
  origin?: SourcePosition;
  /** Folder relative `oci:` folders of its parts are resolved against. */
  baseDir: string;
}

/** One registry or layout component at a known digest, and its parts (compose checks what it pulled). */
export function gatherPinned(ctx: GatherContext, c: PinnedComponent): Promise<GatheredComponent> {
  return gatherStored(
    ctx,
    {
      name: c.name,
      ref: c.ref,
      text: c.text,
      pinned: c.digest,
      pinnedByDigest: c.pinnedByDigest,
      ...(c.origin ? { origin: c.origin } : {}),
      baseDir: c.baseDir,
    },
    [],
  );
}

/** A local file at a known digest (a file that changed since the caller read it is an error). */
export function gatherLocalFile(c: {
  name: string;
  file: string;
  shown: string;
  digest: Digest;
  pinnedByDigest: boolean;
  origin?: SourcePosition;
}): Promise<GatheredComponent> {
  return gatherFile(c.name, c.file, c.shown, c.origin, c.digest).then((g) =>
    g.evidence.pinnedByDigest === c.pinnedByDigest ? g : { ...g, evidence: { ...g.evidence, pinnedByDigest: c.pinnedByDigest } },
  );
}

/**
 * A rollout's state as an OCI artifact in the app's own repository: an
 * image manifest with artifactType `application/vnd.flotilla.rollout.state.v1+json`,
 * the empty config, one layer holding the state JSON, tagged
 * `flotilla-rollout-<environment>`. Successive workflow runs, on other
 * machines, read it to continue the same rollout; `oras manifest fetch`
 * and `crane` show it as any artifact.
 *
 * Writes are read-compare-write on the tag's digest: a write names the
 * digest it read, the tag is resolved again just before the PUT, and read
 * back after it. OCI distribution 2.8 (and the OCI distribution spec) has
 * no conditional PUT of a manifest (no If-Match on tags), so a window
 * remains between that last resolve and the PUT in which another writer's
 * PUT can land: both PUTs succeed and the later one wins. The read-back
 * catches the interleavings where the other write lands before ours is
 * read back; in the others the loser finds out at its next write (its
 * expected digest is gone), which every run makes before deploying
 * anything (a step's intent is written first). The lease makes a second
 * writer rare to begin with; the workflows' `concurrency` group (one
 * running, one pending per environment) closes it for runs from GitHub.
 */
import { type Digest, sha256 } from '../oci/digest.ts';
import { parseManifest } from '../oci/manifest.ts';
import { EMPTY_JSON, EMPTY_JSON_DIGEST, MediaType } from '../oci/media-types.ts';
import type { ContentStore } from '../oci/store.ts';
import { Annotation, type Descriptor, type ImageManifest } from '../oci/types.ts';
import { describeActor, parseState, type RolloutState, STATE_ARTIFACT_TYPE, STATE_LIMIT, StateConflictError } from './state.ts';

export function isNotFound(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'OCI_NOT_FOUND' || code === 'TAG_NOT_FOUND' || code === 'NOT_FOUND';
}

/** The digest a tag names, or undefined when the tag does not exist. */
export async function resolveTag(store: ContentStore, tag: string): Promise<Descriptor | undefined> {
  try {
    return await store.resolve(tag);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

export interface ReadState {
  state: RolloutState | undefined;
  /** Digest of the state manifest read (the compare of read-compare-write). */
  digest: Digest | undefined;
}

export class StateStore {
  readonly store: ContentStore;
  readonly tag: string;
  private configPresent = false;

  constructor(store: ContentStore, tag: string) {
    this.store = store;
    this.tag = tag;
  }

  get where(): string {
    return `${this.store.location}:${this.tag}`;
  }

  async read(): Promise<ReadState> {
    const desc = await resolveTag(this.store, this.tag);
    if (!desc) return { state: undefined, digest: undefined };
    return { state: await this.readAt(desc), digest: desc.digest };
  }

  private async readAt(desc: Descriptor): Promise<RolloutState> {
    const fetched = await this.store.fetchManifest(desc);
    const manifest = parseManifest(fetched.bytes, this.where) as ImageManifest;
    const layer = manifest.layers?.[0];
    if (manifest.artifactType !== STATE_ARTIFACT_TYPE || !layer || layer.mediaType !== STATE_ARTIFACT_TYPE) {
      throw new StateConflictError(
        `${this.where} is not a Flotilla rollout state (artifactType ${String(manifest.artifactType)}); the tag is taken by something else`,
      );
    }
    if (layer.size > STATE_LIMIT)
      throw new StateConflictError(`${this.where}: the rollout state is ${layer.size} bytes, over the ${STATE_LIMIT} read`);
    return parseState(await this.store.fetch(layer), this.where);
  }

  /**
   * Writes `state` if the tag still names `expected` (undefined: no state
   * yet); returns the new digest. A StateConflictError names who wrote in
   * between.
   */
  async write(state: RolloutState, expected: Digest | undefined): Promise<Digest> {
    const current = await resolveTag(this.store, this.tag);
    if (current?.digest !== expected) throw await this.conflict(current, 'before this run could write');
    const bytes = new TextEncoder().encode(`${JSON.stringify(state)}\n`);
    const layer: Descriptor = { mediaType: STATE_ARTIFACT_TYPE, digest: sha256(bytes), size: bytes.length };
    const config: Descriptor = { mediaType: MediaType.OciEmpty, digest: EMPTY_JSON_DIGEST as Digest, size: EMPTY_JSON.length };
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.OciManifest,
      artifactType: STATE_ARTIFACT_TYPE,
      config,
      layers: [layer],
      annotations: {
        [Annotation.Created]: state.updatedAt,
        'dev.flotilla.rollout.environment': state.environment,
        'dev.flotilla.rollout.phase': state.phase,
        'dev.flotilla.rollout.revision': String(state.revision),
      },
    };
    const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
    const desc: Descriptor = {
      mediaType: MediaType.OciManifest,
      digest: sha256(manifestBytes),
      size: manifestBytes.length,
      artifactType: STATE_ARTIFACT_TYPE,
    };
    // the empty config is asked about once per store; the layer holds a fresh updatedAt, so it is new (no HEAD first)
    if (!this.configPresent) {
      if (!(await this.store.exists(config))) await this.store.push(config, EMPTY_JSON);
      this.configPresent = true;
    }
    await this.store.push(layer, bytes, { knownAbsent: true });
    // the compare, once more, as close to the PUT as the protocol allows
    const again = await resolveTag(this.store, this.tag);
    if (again?.digest !== expected) throw await this.conflict(again, 'while this run was writing');
    await this.store.pushManifest(desc, manifestBytes, this.tag);
    const after = await resolveTag(this.store, this.tag);
    if (after?.digest !== desc.digest) throw await this.conflict(after, 'at the same moment as this run (its write won)');
    return desc.digest;
  }

  private async conflict(current: Descriptor | undefined, when: string): Promise<StateConflictError> {
    if (!current) return new StateConflictError(`${this.where}: the rollout state was removed ${when}; read it again (run status)`);
    let who = 'another run';
    try {
      const other = await this.readAt(current);
      const last = other.runs[other.runs.length - 1];
      who = last
        ? `${describeActor(last.actor)} (${last.command}; the rollout is now ${other.phase})`
        : `another run (the rollout is now ${other.phase})`;
    } catch {
      // the name of the other writer is only for the message
    }
    return new StateConflictError(
      `${this.where}: the rollout state was changed by ${who} ${when}; this run stopped without deploying more; run status to see what is serving`,
    );
  }
}

/** Points `tag` at `digest` (a manifest already in the store); a no-op when it already does. Returns whether it moved. */
export async function moveTag(store: ContentStore, tag: string, digest: string): Promise<boolean> {
  const current = await resolveTag(store, tag);
  if (current?.digest === digest) return false;
  const desc = await store.resolve(digest);
  await store.tag(desc, tag);
  return true;
}

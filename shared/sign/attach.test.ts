import { describe, expect, it } from 'vitest';
import { type Digest, sha256 } from '../oci/digest.ts';
import { MediaType } from '../oci/media-types.ts';
import type { ContentStore, FetchedManifest } from '../oci/store.ts';
import type { Descriptor, ImageManifest } from '../oci/types.ts';
import { attachBundle, attestComposition, readAttachedBundles, signArtifact } from './attach.ts';
import { ReferrerFormatError } from './errors.ts';
import { generateKeyPair, parsePrivateKey } from './keys.ts';
import { bundleFromReferrer, isBundleReferrer } from './referrer.ts';
import { keyPairSigner } from './signer.ts';
import { COMPOSITION_PREDICATE_TYPE, COSIGN_SIGN_PREDICATE_TYPE, parseCompositionPredicate, signStatement } from './statement.ts';
import { verifiedReferrers } from './test-fixtures.ts';
import { verifyBundle } from './verify.ts';

/** A ContentStore held in memory, enough for these tests; it checks digests as every store must. */
class MemoryStore implements ContentStore {
  readonly location = 'memory:test';
  readonly blobs = new Map<Digest, Uint8Array>();
  readonly manifests = new Map<Digest, FetchedManifest>();
  readonly calls: string[] = [];

  async exists(desc: Descriptor): Promise<boolean> {
    return this.blobs.has(desc.digest) || this.manifests.has(desc.digest);
  }
  async fetch(desc: Descriptor): Promise<Uint8Array> {
    const b = this.blobs.get(desc.digest);
    if (!b) throw new Error(`blob ${desc.digest} unknown`);
    return b;
  }
  async fetchStream(): Promise<ReadableStream<Uint8Array>> {
    throw new Error('not used');
  }
  async push(desc: Descriptor, content: Uint8Array | ReadableStream<Uint8Array>): Promise<void> {
    if (!(content instanceof Uint8Array)) throw new Error('streams not used here');
    if (sha256(content) !== desc.digest || content.length !== desc.size) throw new Error(`blob does not match ${desc.digest}`);
    this.calls.push(`push ${desc.mediaType}`);
    this.blobs.set(desc.digest, content);
  }
  async resolve(reference: string): Promise<Descriptor> {
    return (await this.fetchManifest(reference)).descriptor;
  }
  async fetchManifest(reference: string | Descriptor): Promise<FetchedManifest> {
    const d = (typeof reference === 'string' ? reference : reference.digest) as Digest;
    const m = this.manifests.get(d);
    if (!m) throw new Error(`manifest ${d} unknown`);
    return m;
  }
  async pushManifest(desc: Descriptor, bytes: Uint8Array): Promise<void> {
    if (sha256(bytes) !== desc.digest) throw new Error('manifest does not match its digest');
    for (const l of (JSON.parse(new TextDecoder().decode(bytes)) as ImageManifest).layers) {
      if (!this.blobs.has(l.digest)) throw new Error(`manifest pushed before its layer ${l.digest}`);
    }
    this.calls.push(`pushManifest ${desc.artifactType ?? desc.mediaType}`);
    this.manifests.set(desc.digest, { descriptor: desc, bytes });
  }
  async tag(): Promise<void> {}
  async listTags(): Promise<string[]> {
    return [];
  }
  async referrers(subject: Descriptor, artifactType?: string): Promise<Descriptor[]> {
    const out: Descriptor[] = [];
    for (const { descriptor, bytes } of this.manifests.values()) {
      const m = JSON.parse(new TextDecoder().decode(bytes)) as ImageManifest;
      if (m.subject?.digest === subject.digest && (!artifactType || m.artifactType === artifactType)) out.push(descriptor);
    }
    return out;
  }
}

const component: Descriptor = { mediaType: MediaType.OciManifest, digest: sha256('component manifest'), size: 431 };
const pair = generateKeyPair({ unencrypted: true });
const signer = keyPairSigner(parsePrivateKey(pair.privateKeyPem, 'test key'));
const trust = { kind: 'key' as const, publicKeys: [pair.publicKeyPem] };

describe('signing an artifact in a store', () => {
  it('pushes the blobs, then the referrer manifest, which is found and verifies', async () => {
    const store = new MemoryStore();
    const attached = await signArtifact(store, component, 'ghcr.io/acme/cart', signer);
    expect(store.calls).toEqual([
      `push ${MediaType.OciEmpty}`,
      'push application/vnd.dev.sigstore.bundle.v0.3+json',
      'pushManifest application/vnd.dev.sigstore.bundle.v0.3+json',
    ]);
    const [found] = await store.referrers(component, 'application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(found?.digest).toBe(attached.referrer.descriptor.digest);
    expect(found && isBundleReferrer(found, COSIGN_SIGN_PREDICATE_TYPE)).toBe(true);
    const manifest = await store.fetchManifest(attached.referrer.descriptor);
    const layer = await store.fetch(attached.referrer.layer.descriptor);
    const back = bundleFromReferrer(manifest.bytes, layer);
    expect(verifyBundle(back.bundle, trust, { subjectDigest: component.digest }).signer).toEqual({ kind: 'key', keyId: pair.keyId });
  });

  it('attaches the composition provenance listing the locked inputs', async () => {
    const store = new MemoryStore();
    const components = [
      { name: 'cart', ref: 'ghcr.io/acme/cart:1.4.0', digest: sha256('cart'), size: 1024 },
      { name: 'catalog', ref: 'ghcr.io/acme/catalog:3.1.0', digest: sha256('catalog'), size: 4096 },
    ];
    const attached = await attestComposition(store, component, 'ghcr.io/acme/platform', signer, { version: '0.1.0', components });
    const back = bundleFromReferrer(attached.referrer.manifestBytes, await store.fetch(attached.referrer.layer.descriptor));
    expect(back.predicateType).toBe(COMPOSITION_PREDICATE_TYPE);
    const verified = verifyBundle(back.bundle, trust, { subjectDigest: component.digest, predicateType: COMPOSITION_PREDICATE_TYPE });
    expect(parseCompositionPredicate(verified.statement.predicate).components).toEqual(components);
  });

  it('verifies what is attached to a manifest, and nothing for another manifest (a moved tag)', async () => {
    const store = new MemoryStore();
    await signArtifact(store, component, 'ghcr.io/acme/cart', signer);
    const ok = await verifiedReferrers(store, component, trust, { predicateType: COSIGN_SIGN_PREDICATE_TYPE });
    expect(ok.verified).toHaveLength(1);
    expect(ok.rejected).toEqual([]);
    expect(ok.verified[0]?.result.signer).toEqual({ kind: 'key', keyId: pair.keyId });
    const moved: Descriptor = { mediaType: MediaType.OciManifest, digest: sha256('another build'), size: 431 };
    expect(await verifiedReferrers(store, moved, trust)).toEqual({ verified: [], rejected: [] });
  });

  it('rejects a bundle for one manifest attached to another, and a signer it does not trust', async () => {
    const store = new MemoryStore();
    const moved: Descriptor = { mediaType: MediaType.OciManifest, digest: sha256('another build'), size: 431 };
    // a valid signature of `component`, copied onto `moved`
    const signed = await signer.signStatement(signStatement({ name: 'ghcr.io/acme/cart', digest: component.digest }));
    await attachBundle(store, signed, moved);
    const copied = await verifiedReferrers(store, moved, trust);
    expect(copied.verified).toEqual([]);
    expect(copied.rejected[0]?.error.code).toBe('SUBJECT_MISMATCH');

    await signArtifact(store, component, 'ghcr.io/acme/cart', signer);
    const stranger = generateKeyPair({ unencrypted: true });
    const untrusted = await verifiedReferrers(store, component, { kind: 'key', publicKeys: [stranger.publicKeyPem] });
    expect(untrusted.verified).toEqual([]);
    expect(untrusted.rejected.map((r) => r.error.code)).toEqual(['SIGNER_UNTRUSTED']);
  });

  it('reads a referrer manifest as every manifest is read: malformed ones are typed REFERRER_INVALID entries, naming the field', async () => {
    const store = new MemoryStore();
    const listed = (text: string): Descriptor => {
      const bytes = new TextEncoder().encode(text);
      const descriptor: Descriptor = {
        mediaType: MediaType.OciManifest,
        digest: sha256(text),
        size: bytes.length,
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      };
      store.manifests.set(descriptor.digest as Digest, { descriptor, bytes });
      return descriptor;
    };
    const subject = JSON.stringify(component);
    const bundleLayer = `{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","digest":"sha256:abc","size":10}`;
    const cases: [string, RegExp][] = [
      // a layer digest that is no digest: it used to be fetched as `sha256:abc`
      [
        `{"schemaVersion":2,"config":${subject},"layers":[${bundleLayer}],"subject":${subject}}`,
        /layers\[0\]\.digest 'sha256:abc' is not a sha256 digest/,
      ],
      [`{"schemaVersion":1,"config":${subject},"layers":[],"subject":${subject}}`, /schemaVersion is 1, expected 2/],
      [`{"schemaVersion":2,"manifests":[],"subject":${subject}}`, /an image index, not an OCI image manifest/],
      ['{"schemaVersion":2,', /not UTF-8 JSON/],
    ];
    const digests = cases.map(([text]) => listed(text).digest);
    // listed as referrers of `component` whatever they hold
    store.referrers = async () => digests.map((d) => store.manifests.get(d as Digest)?.descriptor as Descriptor);
    const read = await readAttachedBundles(store, component);
    expect(read.map((r) => r.error?.code)).toEqual(cases.map(() => 'REFERRER_INVALID'));
    read.forEach((r, i) => {
      expect(r.error).toBeInstanceOf(ReferrerFormatError);
      expect(r.error?.message).toMatch(cases[i]?.[1] as RegExp);
    });
  });
});

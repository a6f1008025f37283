import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../oci/digest.ts';
import type { Descriptor } from '../oci/types.ts';
import { ReferrerFormatError } from './errors.ts';
import { generateKeyPair, parsePrivateKey } from './keys.ts';
import { bundleFromReferrer, bundleReferrer, isBundleReferrer, rfc3339Seconds } from './referrer.ts';
import { keyPairSigner, type SignedBundle } from './signer.ts';
import { COMPOSITION_PREDICATE_TYPE, COSIGN_SIGN_PREDICATE_TYPE, compositionStatement, signStatement } from './statement.ts';
import { thrownBy } from './test-fixtures.ts';
import { verifyBundle } from './verify.ts';

const subject: Descriptor = {
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: sha256('signed manifest'),
  size: 512,
  artifactType: 'application/wasm',
  annotations: { 'org.opencontainers.image.title': 'cart' },
};
const created = new Date('2026-11-25T03:04:05.678Z');
const pair = generateKeyPair({ unencrypted: true });
const key = parsePrivateKey(pair.privateKeyPem, 'test key');
let signed: SignedBundle;

beforeAll(async () => {
  signed = await keyPairSigner(key).signStatement(signStatement({ name: 'ghcr.io/acme/cart', digest: subject.digest }));
});

const referrerFailure = (fn: () => unknown) => thrownBy(fn, ReferrerFormatError);

describe('bundle referrer manifest', () => {
  it('has the shape cosign 3 writes: artifactType, empty config, one bundle layer, subject, annotations', () => {
    const r = bundleReferrer(signed.bytes, subject, { created });
    expect(JSON.parse(new TextDecoder().decode(r.manifestBytes))).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
        size: 2,
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      },
      layers: [{ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: sha256(signed.bytes), size: signed.bytes.length }],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: 512 },
      annotations: {
        'org.opencontainers.image.created': '2026-11-25T03:04:05Z',
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1',
      },
    });
    expect(new TextDecoder().decode(r.config.bytes)).toBe('{}');
    expect(r.config.descriptor.digest).toBe(sha256(r.config.bytes));
    expect(r.layer.bytes).toBe(signed.bytes);
    expect(r.descriptor).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: sha256(r.manifestBytes),
      size: r.manifestBytes.length,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      annotations: r.manifest.annotations,
    });
    expect(isBundleReferrer(r.descriptor, COSIGN_SIGN_PREDICATE_TYPE)).toBe(true);
    expect(isBundleReferrer(r.descriptor, COMPOSITION_PREDICATE_TYPE)).toBe(false);
  });

  it('annotates the predicate type of the signed statement', async () => {
    const att = await keyPairSigner(key).signStatement(
      compositionStatement({ name: 'ghcr.io/acme/platform', digest: subject.digest }, { version: '0.1.0', components: [] }),
    );
    const r = bundleReferrer(att.bytes, subject, { created });
    expect(r.manifest.annotations?.['dev.sigstore.bundle.predicateType']).toBe(COMPOSITION_PREDICATE_TYPE);
  });

  it('is byte-identical for the same bundle, subject and time (so every registry gets the same digest)', () => {
    const a = bundleReferrer(signed.bytes, subject, { created });
    const b = bundleReferrer(signed.bytes, { ...subject, annotations: {} }, { created });
    expect(b.descriptor.digest).toBe(a.descriptor.digest);
  });

  it('round-trips: the bundle read back from the manifest and layer verifies', () => {
    const r = bundleReferrer(signed.bytes, subject, { created });
    const back = bundleFromReferrer(r.manifestBytes, r.layer.bytes);
    expect(back.predicateType).toBe(COSIGN_SIGN_PREDICATE_TYPE);
    expect(back.subject).toEqual({ mediaType: subject.mediaType, digest: subject.digest, size: subject.size });
    expect(back.created).toBe('2026-11-25T03:04:05Z');
    expect(back.bytes).toBe(r.layer.bytes);
    const verified = verifyBundle(back.bundle, { kind: 'key', publicKeys: [pair.publicKeyPem] }, { subjectDigest: back.subject.digest });
    expect(verified.signer).toEqual({ kind: 'key', keyId: pair.keyId });
  });

  it('rejects layer bytes that do not match the layer descriptor', () => {
    const r = bundleReferrer(signed.bytes, subject, { created });
    const other = new TextEncoder().encode(new TextDecoder().decode(signed.bytes).replace('"mediaType"', ' "mediaType"'));
    expect(referrerFailure(() => bundleFromReferrer(r.manifestBytes, other)).message).toContain('do not match its descriptor');
  });

  it('rejects manifests that are not bundle referrers', () => {
    const r = bundleReferrer(signed.bytes, subject, { created });
    const edit = (f: (m: Record<string, unknown>) => void) => {
      const m = JSON.parse(new TextDecoder().decode(r.manifestBytes));
      f(m);
      return new TextEncoder().encode(JSON.stringify(m));
    };
    expect(
      referrerFailure(() =>
        bundleFromReferrer(
          edit((m) => (m.artifactType = 'application/spdx+json')),
          r.layer.bytes,
        ),
      ).message,
    ).toContain('artifactType');
    expect(
      referrerFailure(() =>
        bundleFromReferrer(
          edit((m) => delete m.subject),
          r.layer.bytes,
        ),
      ).message,
    ).toContain('no subject');
    expect(
      referrerFailure(() =>
        bundleFromReferrer(
          edit((m) => (m.layers = [])),
          r.layer.bytes,
        ),
      ).message,
    ).toContain('0 layers');
    expect(
      referrerFailure(() =>
        bundleFromReferrer(
          edit((m) => ((m.annotations as Record<string, string>)['dev.sigstore.bundle.predicateType'] = COMPOSITION_PREDICATE_TYPE)),
          r.layer.bytes,
        ),
      ).message,
    ).toContain('annotated with predicate type');
    expect(referrerFailure(() => bundleFromReferrer(new TextEncoder().encode('[]'), r.layer.bytes)).message).toContain(
      'not an OCI image manifest',
    );
  });

  it('rejects a layer that is not a sigstore bundle', () => {
    const junk = new TextEncoder().encode('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}');
    const m = bundleReferrer(signed.bytes, subject, { created }).manifest;
    const manifest = {
      ...m,
      layers: [{ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: sha256(junk), size: junk.length }],
    };
    const err = referrerFailure(() => bundleFromReferrer(new TextEncoder().encode(JSON.stringify(manifest)), junk));
    expect(err.message).toContain('not a usable bundle');
  });

  it('formats the creation time as Go time.RFC3339 does', () => {
    expect(rfc3339Seconds(new Date('2026-01-02T03:04:05.999Z'))).toBe('2026-01-02T03:04:05Z');
  });
});

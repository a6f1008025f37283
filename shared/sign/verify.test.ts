import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../oci/digest.ts';
import { SignatureVerificationError } from './errors.ts';
import { generateKeyPair, keyHint, parsePrivateKey, type SigningKey } from './keys.ts';
import { BUNDLE_MEDIA_TYPE, keyPairSigner, type SignedBundle } from './signer.ts';
import {
  COMPOSITION_PREDICATE_TYPE,
  COSIGN_SIGN_PREDICATE_TYPE,
  compositionStatement,
  IN_TOTO_PAYLOAD_TYPE,
  signStatement,
} from './statement.ts';
import { thrownBy } from './test-fixtures.ts';
import { type TrustPolicy, type VerifyExpectations, verifyBundle } from './verify.ts';

const manifestDigest = sha256('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}');
const otherDigest = sha256('another manifest');

function newKey(): { key: SigningKey; publicKeyPem: string } {
  const pair = generateKeyPair({ unencrypted: true });
  return { key: parsePrivateKey(pair.privateKeyPem, 'test key'), publicKeyPem: pair.publicKeyPem };
}

const failure = (fn: () => unknown) => thrownBy(fn, SignatureVerificationError);

let signer: ReturnType<typeof newKey>;
let signed: SignedBundle;
let policy: TrustPolicy;

beforeAll(async () => {
  signer = newKey();
  signed = await keyPairSigner(signer.key).signStatement(signStatement({ name: 'ghcr.io/acme/cart', digest: manifestDigest }));
  policy = { kind: 'key', publicKeys: [signer.publicKeyPem] };
});

describe('key-pair bundles', () => {
  it('are v0.3 bundles holding a DSSE envelope over the statement, with the key hint and no log entry', () => {
    const json = JSON.parse(new TextDecoder().decode(signed.bytes));
    expect(json.mediaType).toBe(BUNDLE_MEDIA_TYPE);
    expect(json.verificationMaterial.publicKey.hint).toBe(keyHint(signer.key.publicKey));
    expect(json.verificationMaterial.tlogEntries ?? []).toEqual([]);
    expect(json.dsseEnvelope.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    expect(json.dsseEnvelope.signatures).toHaveLength(1);
    const statement = JSON.parse(Buffer.from(json.dsseEnvelope.payload, 'base64').toString('utf8'));
    expect(statement).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'ghcr.io/acme/cart', digest: { sha256: manifestDigest.slice(7) } }],
      predicateType: COSIGN_SIGN_PREDICATE_TYPE,
      predicate: {},
    });
  });

  it('verify against the public key, returning the key id and the subject digest', () => {
    const result = verifyBundle(signed.bytes, policy, { subjectDigest: manifestDigest, predicateType: COSIGN_SIGN_PREDICATE_TYPE });
    expect(result.signer).toEqual({ kind: 'key', keyId: signer.key.keyId });
    expect(result.subjectDigest).toBe(manifestDigest);
    expect(result.predicateType).toBe(COSIGN_SIGN_PREDICATE_TYPE);
    expect(result.tlogEntries).toBe(0);
    // the parsed bundle and the JSON object verify the same
    expect(verifyBundle(signed.bundle, policy).signer).toEqual(result.signer);
    expect(verifyBundle(signed.json, policy).subjectDigest).toBe(manifestDigest);
  });

  it('verify when the signing key is one of several trusted keys', () => {
    const other = newKey();
    const result = verifyBundle(signed.bytes, { kind: 'key', publicKeys: [other.publicKeyPem, signer.publicKeyPem] });
    expect(result.signer).toEqual({ kind: 'key', keyId: signer.key.keyId });
  });

  it('fail against another key, naming both key ids', () => {
    const other = newKey();
    const err = failure(() => verifyBundle(signed.bytes, { kind: 'key', publicKeys: [other.publicKeyPem] }));
    expect(err.code).toBe('SIGNER_UNTRUSTED');
    expect(err.message).toContain(signer.key.keyId);
    expect(err.message).toContain(other.key.keyId);
  });

  it('fail when the hint is rewritten to name a trusted key: the signature decides', () => {
    const other = newKey();
    const json = JSON.parse(new TextDecoder().decode(signed.bytes));
    json.verificationMaterial.publicKey.hint = keyHint(other.key.publicKey);
    const err = failure(() => verifyBundle(json, { kind: 'key', publicKeys: [other.publicKeyPem] }));
    expect(err.code).toBe('SIGNATURE_INVALID');
    // another key's signature with a trusted key's hint: said as such, not as an altered bundle
    expect(err.message).toMatch(/^the bundle is signed by a key the policy does not trust: its key hint names key [0-9a-f]{64}/);
    expect(err.message).not.toContain('the bundle was altered');
  });

  it('fail when the payload is tampered with (another subject digest)', () => {
    const json = JSON.parse(new TextDecoder().decode(signed.bytes));
    const statement = JSON.parse(Buffer.from(json.dsseEnvelope.payload, 'base64').toString('utf8'));
    statement.subject[0].digest.sha256 = otherDigest.slice(7);
    json.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    const err = failure(() => verifyBundle(json, policy));
    expect(err.code).toBe('SIGNATURE_INVALID');
    expect(err.message).toContain('altered');
  });

  it('fail when the payload type is changed', () => {
    const json = JSON.parse(new TextDecoder().decode(signed.bytes));
    json.dsseEnvelope.payloadType = 'application/json';
    expect(failure(() => verifyBundle(json, policy)).code).toBe('SIGNATURE_INVALID');
  });

  it('fail when the signature is for another manifest than the one expected', () => {
    const err = failure(() => verifyBundle(signed.bytes, policy, { subjectDigest: otherDigest }));
    expect(err.code).toBe('SUBJECT_MISMATCH');
    expect(err.message).toContain(manifestDigest);
    expect(err.message).toContain(otherDigest);
  });

  it('fail when another predicate type is expected', () => {
    const expect_: VerifyExpectations = { predicateType: COMPOSITION_PREDICATE_TYPE };
    expect(failure(() => verifyBundle(signed.bytes, policy, expect_)).code).toBe('PREDICATE_MISMATCH');
  });

  it('fail when a keyless identity is required', () => {
    const err = failure(() => verifyBundle(signed.bytes, { kind: 'keyless', trustedRoot: {}, identities: [] }));
    expect(err.code).toBe('SIGNER_UNTRUSTED');
    expect(err.message).toContain('key pair');
  });

  it('reject what is not a bundle', () => {
    expect(failure(() => verifyBundle(new TextEncoder().encode('{nope'), policy)).code).toBe('BUNDLE_INVALID');
    expect(failure(() => verifyBundle({ mediaType: BUNDLE_MEDIA_TYPE }, policy)).code).toBe('BUNDLE_INVALID');
    expect(failure(() => verifyBundle(signed.bytes, { kind: 'key', publicKeys: ['nope'] })).code).toBe('TRUST_ROOT_INVALID');
  });

  it('carry the composition predicate, which verifies the same way', async () => {
    const components = [
      { name: 'payments', ref: 'ghcr.io/acme/payments:2.0.1', digest: sha256('payments'), size: 2048 },
      { name: 'cart', ref: 'ghcr.io/acme/cart:1.4.0', digest: sha256('cart'), size: 1024 },
    ];
    const attestation = await keyPairSigner(signer.key).signStatement(
      compositionStatement(
        { name: 'ghcr.io/acme/platform', digest: manifestDigest },
        { version: '0.1.0', package: 'acme:platform', components },
      ),
    );
    const result = verifyBundle(attestation.bytes, policy, { subjectDigest: manifestDigest, predicateType: COMPOSITION_PREDICATE_TYPE });
    expect(result.statement.predicate).toEqual({
      composer: { name: 'flotilla', version: '0.1.0' },
      package: 'acme:platform',
      components: [components[1], components[0]],
    });
  });
});

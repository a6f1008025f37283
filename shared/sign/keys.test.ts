import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyError } from './errors.ts';
import { generateKeyPair, keyHint, keyId, keyIdFromHint, loadPrivateKey, loadPublicKey, parsePublicKey, writeKeyPair } from './keys.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flotilla-keys-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function keyError(p: Promise<unknown>): Promise<KeyError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KeyError);
  return err as KeyError;
}

describe('keygen', () => {
  it('writes an encrypted P-256 key pair that loads back with its password', async () => {
    const prefix = join(dir, 'enc');
    const written = await writeKeyPair(prefix, { password: 'correct horse' });
    expect(written).toMatchObject({ privateKeyPath: `${prefix}.key`, publicKeyPath: `${prefix}.pub`, encrypted: true });
    const keyText = await readFile(`${prefix}.key`, 'utf8');
    expect(keyText).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect((await stat(`${prefix}.key`)).mode & 0o777).toBe(0o600);

    const loaded = await loadPrivateKey(`${prefix}.key`, { env: { FLOTILLA_KEY_PASSWORD: 'correct horse' } });
    expect(loaded.keyId).toBe(written.keyId);
    expect(loaded.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const pub = await loadPublicKey(`${prefix}.pub`);
    expect(pub.keyId).toBe(written.keyId);
    expect(loaded.publicKeyPem).toBe(pub.publicKeyPem);
  });

  it('refuses a wrong password, and a missing one, without printing the key', async () => {
    const prefix = join(dir, 'pw');
    await writeKeyPair(prefix, { password: 'right' });
    const keyText = await readFile(`${prefix}.key`, 'utf8');
    const wrong = await keyError(loadPrivateKey(`${prefix}.key`, { env: { FLOTILLA_KEY_PASSWORD: 'wrong' } }));
    expect(wrong.code).toBe('KEY_PASSWORD_WRONG');
    expect(wrong.message).toContain(`${prefix}.key`);
    expect(wrong.message).toContain('FLOTILLA_KEY_PASSWORD');
    const body = keyText.split('\n')[1] ?? '';
    expect(body.length).toBeGreaterThan(20);
    expect(wrong.message).not.toContain(body);
    const missing = await keyError(loadPrivateKey(`${prefix}.key`, { env: {} }));
    expect(missing.code).toBe('KEY_PASSWORD_REQUIRED');
  });

  it('writes an unencrypted key only when asked explicitly', async () => {
    expect(() => generateKeyPair({})).toThrow(/FLOTILLA_KEY_PASSWORD.*--unencrypted/);
    expect(() => generateKeyPair({ password: '' })).toThrow(KeyError);
    const prefix = join(dir, 'plain');
    const written = await writeKeyPair(prefix, { unencrypted: true });
    expect(written.encrypted).toBe(false);
    expect(await readFile(`${prefix}.key`, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const loaded = await loadPrivateKey(`${prefix}.key`, { env: {} });
    expect(loaded.keyId).toBe(written.keyId);
  });

  it('never overwrites an existing key, and leaves nothing half-written', async () => {
    const prefix = join(dir, 'exists');
    await writeFile(`${prefix}.pub`, 'keep me');
    const err = await keyError(writeKeyPair(prefix, { password: 'x' }));
    expect(err.code).toBe('KEY_EXISTS');
    expect(err.message).toContain(`${prefix}.pub`);
    await expect(stat(`${prefix}.key`)).rejects.toThrow(/ENOENT/);
    expect(await readFile(`${prefix}.pub`, 'utf8')).toBe('keep me');
  });
});

describe('loading keys', () => {
  it('reads a PEM key from an environment variable (env://NAME)', async () => {
    const pair = generateKeyPair({ password: 'pw' });
    const loaded = await loadPrivateKey('env://SIGNING_KEY', { env: { SIGNING_KEY: pair.privateKeyPem, FLOTILLA_KEY_PASSWORD: 'pw' } });
    expect(loaded.keyId).toBe(pair.keyId);
    expect(loaded.source).toBe('environment variable SIGNING_KEY');
    const unset = await keyError(loadPrivateKey('env://NOPE', { env: {} }));
    expect(unset.code).toBe('KEY_UNREADABLE');
    expect(unset.message).toContain('NOPE');
  });

  it('names an unreadable file', async () => {
    const err = await keyError(loadPrivateKey(join(dir, 'missing.key')));
    expect(err.code).toBe('KEY_UNREADABLE');
    expect(err.message).toContain('missing.key');
  });

  it('refuses keys that are not P-256, and text that is not a key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await writeFile(join(dir, 'rsa.key'), rsa);
    await writeFile(join(dir, 'p384.key'), p384);
    await writeFile(join(dir, 'junk.key'), 'not a key at all');
    const e1 = await keyError(loadPrivateKey(join(dir, 'rsa.key'), { env: {} }));
    expect(e1.code).toBe('KEY_NOT_P256');
    expect(e1.message).toContain('rsa key');
    const e2 = await keyError(loadPrivateKey(join(dir, 'p384.key'), { env: {} }));
    expect(e2.code).toBe('KEY_NOT_P256');
    expect(e2.message).toContain('secp384r1');
    const e3 = await keyError(loadPrivateKey(join(dir, 'junk.key'), { env: {} }));
    expect(e3.code).toBe('KEY_INVALID');
    expect(e3.message).not.toContain('not a key at all');
    expect(() => parsePublicKey(rsa)).toThrow(/not a PEM public key/);
    const cosignKey = '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\neyJrZGYiOnt9fQ==\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n';
    await writeFile(join(dir, 'cosign.key'), cosignKey);
    const e4 = await keyError(loadPrivateKey(join(dir, 'cosign.key'), { env: {} }));
    expect(e4.message).toContain('cosign key');
  });

  it('asks for the password of a legacy encrypted SEC1 key instead of prompting', async () => {
    const sec1 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'sec1',
      format: 'pem',
      cipher: 'aes-128-cbc',
      passphrase: 'pw',
    });
    await writeFile(join(dir, 'sec1.key'), sec1);
    expect((await keyError(loadPrivateKey(join(dir, 'sec1.key'), { env: {} }))).code).toBe('KEY_PASSWORD_REQUIRED');
    expect((await keyError(loadPrivateKey(join(dir, 'sec1.key'), { env: { FLOTILLA_KEY_PASSWORD: 'no' } }))).code).toBe(
      'KEY_PASSWORD_WRONG',
    );
    const ok = await loadPrivateKey(join(dir, 'sec1.key'), { env: { FLOTILLA_KEY_PASSWORD: 'pw' } });
    expect(ok.keyId).toHaveLength(64);
  });

  it('derives the key id from the SPKI DER, and the bundle hint as its base64', () => {
    const pair = generateKeyPair({ unencrypted: true });
    const pub = createPublicKey(pair.publicKeyPem);
    const der = pub.export({ type: 'spki', format: 'der' });
    expect(keyId(pub)).toBe(createHash('sha256').update(der).digest('hex'));
    expect(pair.keyId).toBe(keyId(pub));
    expect(keyHint(pub)).toBe(createHash('sha256').update(der).digest('base64'));
    expect(keyIdFromHint(keyHint(pub))).toBe(pair.keyId);
    expect(keyIdFromHint('not-a-hint')).toBeUndefined();
  });
});

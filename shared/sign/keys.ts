import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { errorMessage } from '../errors.ts';
import { KeyError } from './errors.ts';

/**
 * Signing keys of `flotilla keygen` and of key-pair signing: ECDSA P-256,
 * PEM. The private key is PKCS#8, encrypted with AES-256-CBC under a
 * password (PBES2, as OpenSSL writes it) unless the caller asks explicitly
 * for an unencrypted key; the public key is SPKI.
 *
 * Key id: the SHA-256 of the public key's SPKI DER encoding, in lower-case
 * hex (64 digits). The bundle's public-key hint carries the same digest in
 * base64, as cosign writes it (`keyHint`), so a bundle signed by Flotilla
 * names its key the way cosign's do.
 */

/** Environment variable holding the password of an encrypted private key. */
export const KEY_PASSWORD_ENV = 'FLOTILLA_KEY_PASSWORD';

/** Prefix of a key source naming an environment variable that holds the PEM text (as cosign's `env://`). */
export const ENV_KEY_PREFIX = 'env://';

export interface GeneratedKeyPair {
  /** PKCS#8 PEM; `-----BEGIN ENCRYPTED PRIVATE KEY-----` unless generated unencrypted. */
  privateKeyPem: string;
  /** SPKI PEM. */
  publicKeyPem: string;
  keyId: string;
  encrypted: boolean;
}

export interface KeygenOptions {
  /** Password that encrypts the private key; required unless `unencrypted`. */
  password?: string;
  /** Write the private key in the clear; must be asked for explicitly. */
  unencrypted?: boolean;
}

/** A private key ready to sign, with its public half. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
  /** Where the key came from, for messages: a file path or `env://NAME`. */
  source: string;
}

/** A public key ready to verify. */
export interface VerificationKey {
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

function spkiDer(publicKey: KeyObject): Buffer {
  return publicKey.export({ type: 'spki', format: 'der' });
}

/** The key id: SHA-256 of the SPKI DER encoding of the public key, lower-case hex. */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(spkiDer(publicKey)).digest('hex');
}

/** The public-key hint written in bundles: the key id's digest in base64, as cosign writes it. */
export function keyHint(publicKey: KeyObject): string {
  return createHash('sha256').update(spkiDer(publicKey)).digest('base64');
}

/** The key id (hex) that a bundle's base64 hint stands for, or undefined when the hint is not a SHA-256 in base64. */
export function keyIdFromHint(hint: string): string | undefined {
  const bytes = Buffer.from(hint, 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== hint) return undefined;
  return bytes.toString('hex');
}

/** Generates an ECDSA P-256 key pair as PEM. */
export function generateKeyPair(opts: KeygenOptions): GeneratedKeyPair {
  const encrypted = !opts.unencrypted;
  if (encrypted && !opts.password) {
    throw new KeyError(
      'KEY_PASSWORD_REQUIRED',
      `no password to encrypt the private key: set ${KEY_PASSWORD_ENV}, or pass --unencrypted to write it in the clear`,
    );
  }
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: encrypted
      ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: opts.password ?? '' }
      : { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey, keyId: keyId(createPublicKey(publicKey)), encrypted };
}

export interface WrittenKeyPair {
  privateKeyPath: string;
  publicKeyPath: string;
  keyId: string;
  encrypted: boolean;
}

/**
 * Generates a key pair and writes `<prefix>.key` (mode 0600) and
 * `<prefix>.pub`. Refuses to overwrite either file; on a failure nothing
 * is left behind.
 */
export async function writeKeyPair(prefix: string, opts: KeygenOptions): Promise<WrittenKeyPair> {
  const pair = generateKeyPair(opts);
  const privateKeyPath = `${prefix}.key`;
  const publicKeyPath = `${prefix}.pub`;
  const written: string[] = [];
  try {
    for (const [path, text, mode] of [
      [privateKeyPath, pair.privateKeyPem, 0o600],
      [publicKeyPath, pair.publicKeyPem, 0o644],
    ] as const) {
      const handle = await open(path, 'wx', mode).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'EEXIST') {
          throw new KeyError('KEY_EXISTS', `${path} already exists; remove it or choose another --output prefix`, { cause: err });
        }
        throw new KeyError('KEY_UNREADABLE', `cannot create ${path}: ${err.message}`, { cause: err });
      });
      written.push(path);
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
    }
  } catch (err) {
    await Promise.all(written.map((p) => rm(p, { force: true })));
    throw err;
  }
  return { privateKeyPath, publicKeyPath, keyId: pair.keyId, encrypted: pair.encrypted };
}

function assertP256(key: KeyObject, source: string): void {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    const what = key.asymmetricKeyType === 'ec' ? `an EC key on ${key.asymmetricKeyDetails?.namedCurve}` : `a ${key.asymmetricKeyType} key`;
    throw new KeyError('KEY_NOT_P256', `${source} holds ${what}; Flotilla signs with ECDSA P-256 keys (make one with 'flotilla keygen')`);
  }
}

/**
 * Parses a PEM private key. An encrypted key needs its password; an
 * unencrypted key is accepted as is. Errors name `source` and never carry
 * the PEM text.
 */
export function parsePrivateKey(pem: string, source: string, password?: string): SigningKey {
  const text = pem.trim();
  if (/^-----BEGIN ENCRYPTED (SIGSTORE|COSIGN) PRIVATE KEY-----/.test(text)) {
    throw new KeyError(
      'KEY_INVALID',
      `${source} is a cosign key (scrypt and secretbox), which Flotilla does not read: export it as PKCS#8 PEM, or make a key with 'flotilla keygen'`,
    );
  }
  if (!/^-----BEGIN (ENCRYPTED |EC )?PRIVATE KEY-----/.test(text)) {
    throw new KeyError(
      'KEY_INVALID',
      `${source} is not a PEM private key (expected '-----BEGIN ENCRYPTED PRIVATE KEY-----' or '-----BEGIN PRIVATE KEY-----')`,
    );
  }
  // PKCS#8 encrypted, or a legacy OpenSSL SEC1 key with an encryption header
  const encrypted = text.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /^Proc-Type: 4,ENCRYPTED$/m.test(text);
  // Without a passphrase OpenSSL would prompt on a terminal for an encrypted key: ask first.
  if (encrypted && !password) {
    throw new KeyError('KEY_PASSWORD_REQUIRED', `${source} is encrypted: set ${KEY_PASSWORD_ENV} to its password`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(encrypted ? { key: text, format: 'pem', passphrase: password } : { key: text, format: 'pem' });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (encrypted && (code === 'ERR_OSSL_BAD_DECRYPT' || code === 'ERR_OSSL_EVP_BAD_DECRYPT')) {
      throw new KeyError('KEY_PASSWORD_WRONG', `wrong password for ${source}: check ${KEY_PASSWORD_ENV}`);
    }
    throw new KeyError('KEY_INVALID', `${source} is not a readable private key (${code ?? 'parse error'})`);
  }
  assertP256(privateKey, source);
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyId(publicKey),
    source,
  };
}

/**
 * Loads a private key from `source`: a file path, or `env://NAME` for an
 * environment variable holding the PEM text (a CI secret). The password
 * defaults to `FLOTILLA_KEY_PASSWORD` from `env`.
 */
export async function loadPrivateKey(
  source: string,
  opts: { env?: NodeJS.ProcessEnv; password?: string | undefined; cwd?: string } = {},
): Promise<SigningKey> {
  const env = opts.env ?? process.env;
  const password = opts.password ?? env[KEY_PASSWORD_ENV];
  if (source.startsWith(ENV_KEY_PREFIX)) {
    const name = source.slice(ENV_KEY_PREFIX.length);
    const value = env[name];
    if (!name || value === undefined || value.trim() === '') {
      throw new KeyError('KEY_UNREADABLE', `environment variable ${name || '(empty name)'} named by ${source} is not set or empty`);
    }
    return parsePrivateKey(value, `environment variable ${name}`, password);
  }
  const path = resolve(opts.cwd ?? '.', source);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new KeyError('KEY_UNREADABLE', `cannot read private key file ${source}: ${errorMessage(err)}`, { cause: err });
  }
  return parsePrivateKey(text, `private key file ${source}`, password);
}

/** Parses a PEM public key (SPKI, `-----BEGIN PUBLIC KEY-----`) of ECDSA P-256. */
export function parsePublicKey(pem: string, source = 'public key'): VerificationKey {
  const text = pem.trim();
  if (!text.startsWith('-----BEGIN PUBLIC KEY-----')) {
    throw new KeyError('KEY_INVALID', `${source} is not a PEM public key (expected '-----BEGIN PUBLIC KEY-----')`);
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: text, format: 'pem' });
  } catch (err) {
    throw new KeyError('KEY_INVALID', `${source} is not a readable public key (${(err as { code?: string }).code ?? 'parse error'})`);
  }
  assertP256(publicKey, source);
  return { publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyId(publicKey) };
}

/** Reads a PEM public key file. */
export async function loadPublicKey(path: string): Promise<VerificationKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new KeyError('KEY_UNREADABLE', `cannot read public key file ${path}: ${errorMessage(err)}`, { cause: err });
  }
  return parsePublicKey(text, `public key file ${path}`);
}

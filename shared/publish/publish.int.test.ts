import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import { DEFAULT_RUN, GITHUB_ACTIONS_ISSUER, type SigstoreStandIns, startSigstore } from '../../test/harness/sigstore/index.ts';
import { makeComponent, tempDir } from '../../test/harness/wasm-fixtures.ts';
import { settledLog } from '../../test/oci/artifacts.ts';
import { githubActionsIdToken } from '../actions/id-token.ts';
import { digestHex, sha256 } from '../oci/digest.ts';
import { registryConfigFromEnvValue } from '../registry-config/load.ts';
import { RegistryClients } from '../registry-config/open.ts';
import type { RegistryConfig } from '../registry-config/types.ts';
import { formatLock, type LockFile } from '../release/lock.ts';
import { SignatureVerificationError } from '../sign/errors.ts';
import { generateKeyPair } from '../sign/keys.ts';
import { COMPOSITION_PREDICATE_TYPE, COSIGN_SIGN_PREDICATE_TYPE, parseCompositionPredicate } from '../sign/statement.ts';
import { verifiedReferrers } from '../sign/test-fixtures.ts';
import { type KeyTrust, trustedIdentity, verifyBundle } from '../sign/verify.ts';
import { publishComponent, publishLock } from './publish.ts';
import { signPushed } from './sign-pushed.ts';

/** The registry logs a request a moment after answering it: wait for the log to settle before counting or clearing. */
async function logOf(reg: { accessLog(): { method: string; path: string; status: number }[] }) {
  await settledLog(reg);
  return reg.accessLog();
}
async function clearLog(reg: { accessLog(): unknown[]; clearAccessLog(): void }) {
  await settledLog(reg);
  reg.clearAccessLog();
}

const run = promisify(execFile);
const PASSWORD = 'correct horse battery staple';
const releaseWorkflow = `https://github.com/${DEFAULT_RUN.repository}/.github/workflows/release.yml@${DEFAULT_RUN.ref}`;

let anon: Registry;
let token: Registry;
let work: { dir: string; cleanup: () => void };
let config: RegistryConfig;
let env: NodeJS.ProcessEnv;
let publicKeyPem: string;
let keyId: string;

beforeAll(async () => {
  [anon, token] = await Promise.all([startRegistry({ auth: 'anonymous' }), startRegistry({ auth: 'token' })]);
  work = tempDir('flotilla-publish-');
  const pair = generateKeyPair({ password: PASSWORD });
  writeFileSync(join(work.dir, 'release.key'), pair.privateKeyPem, { mode: 0o600 });
  publicKeyPem = pair.publicKeyPem;
  keyId = pair.keyId;
  writeFileSync(join(work.dir, 'cart.wasm'), await makeComponent('get', 1));
  writeFileSync(join(work.dir, 'payments.wasm'), await makeComponent('pay', 2));
  writeFileSync(join(work.dir, 'platform.wasm'), await makeComponent('run', 3));
  writeFileSync(join(work.dir, 'other.wasm'), await makeComponent('get', 99));
  env = { FLOTILLA_KEY_PASSWORD: PASSWORD, REG_USER: token.username ?? '', REG_PASSWORD: token.password ?? '' };
  config = registryConfigFromEnvValue(`dev|${anon.host}|oci|anonymous;secure|${token.host}|oci|basic|REG_USER|REG_PASSWORD`);
});

afterAll(async () => {
  await Promise.all([anon?.stop(), token?.stop()]);
  work?.cleanup();
});

const keyTrust = (): KeyTrust => ({ kind: 'key', publicKeys: [publicKeyPem] });
const fresh = () => new RegistryClients(config, { env });

describe('publish with a key pair to two registries at once', () => {
  let result: Awaited<ReturnType<typeof publishComponent>>;

  beforeAll(async () => {
    await clearLog(anon);
    result = await publishComponent({
      file: 'cart.wasm',
      to: ['dev/shop/cart:1.0.0', `${token.host}/shop/cart:1.0.0`, 'dev/mirror/cart:1.0.0'],
      cwd: work.dir,
      env,
      config,
      signing: { kind: 'key', key: 'release.key' },
    });
  });

  it('pushes the same manifest digest everywhere and reports every ref', async () => {
    expect(result.refs).toEqual([`${anon.host}/shop/cart:1.0.0`, `${token.host}/shop/cart:1.0.0`, `${anon.host}/mirror/cart:1.0.0`]);
    const clients = fresh();
    for (const ref of result.refs) expect((await clients.repository(ref).resolve('1.0.0')).digest).toBe(result.digest);
    expect(result.signedBy).toBe(`key ${keyId}`);
  });

  it('uploads each blob once per registry: the second repository of a registry mounts them', async () => {
    const log = await logOf(anon);
    const mounts = log.filter(
      (e) => e.method === 'POST' && e.path.startsWith('/v2/mirror/cart/blobs/uploads/') && e.path.includes('mount='),
    );
    // the wasm layer and the config, then the referrer's empty config and bundle (the same bytes as in shop/cart)
    expect(mounts.length).toBe(4);
    expect(mounts.every((e) => e.status === 201 && e.path.includes('from=shop%2Fcart'))).toBe(true);
    expect(log.filter((e) => e.method === 'PUT' && e.path.startsWith('/v2/mirror/cart/blobs/uploads/'))).toEqual([]);
    // the first repository uploaded them
    expect(log.filter((e) => e.method === 'PUT' && e.path.startsWith('/v2/shop/cart/blobs/uploads/')).length).toBe(4);
  });

  it('attaches ONE signature, found in each registry through the sha256-<hex> tag schema, verifying against the public key', async () => {
    const clients = fresh();
    const referrers = new Set<string>();
    for (const target of result.targets) {
      const store = clients.repository(target.ref);
      expect(await store.listTags()).toContain(`sha256-${digestHex(result.digest)}`);
      const verdicts = await verifiedReferrers(store, result.descriptor, keyTrust(), { predicateType: COSIGN_SIGN_PREDICATE_TYPE });
      expect(verdicts.rejected).toEqual([]);
      expect(verdicts.verified).toHaveLength(1);
      expect(verdicts.verified[0]?.result.signer).toEqual({ kind: 'key', keyId });
      expect(verdicts.verified[0]?.referrer.digest).toBe(target.signatureReferrer);
      referrers.add(target.signatureReferrer ?? '');
    }
    // the same bundle and creation time: the same referrer manifest in every registry
    expect(referrers.size).toBe(1);
    const referrersPaths = (await logOf(anon)).filter((e) => e.path.includes('/referrers/'));
    expect(referrersPaths.every((e) => e.status === 404)).toBe(true);
  });

  it('the tag-schema index is an ordinary OCI index other tools read (skopeo), listing the bundle referrer', async () => {
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${anon.host}/shop/cart:sha256-${digestHex(result.digest)}`,
    ]);
    const index = JSON.parse(stdout) as {
      mediaType: string;
      manifests: { digest: string; artifactType?: string; annotations?: Record<string, string> }[];
    };
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0]).toMatchObject({
      digest: result.targets[0]?.signatureReferrer,
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      annotations: { 'dev.sigstore.bundle.predicateType': COSIGN_SIGN_PREDICATE_TYPE, 'dev.sigstore.bundle.content': 'dsse-envelope' },
    });
  });

  it('writes the bundle to disk; it verifies with @sigstore/verify for the digest and not for another', () => {
    expect(result.bundle).toBe(join(work.dir, 'cart.sigstore.json'));
    const bundle = readFileSync(result.bundle ?? '', 'utf8');
    expect(verifyBundle(bundle, keyTrust(), { subjectDigest: result.digest }).signer).toEqual({ kind: 'key', keyId });
    const other = generateKeyPair({ unencrypted: true });
    expect(() => verifyBundle(bundle, { kind: 'key', publicKeys: [other.publicKeyPem] })).toThrow(SignatureVerificationError);
  });

  it('moving the tag to another manifest makes verification of the tag fail', async () => {
    const moved = await publishComponent({
      file: 'other.wasm',
      to: ['dev/shop/cart:1.0.0'],
      cwd: work.dir,
      env,
      config,
      signing: { kind: 'none' },
    });
    expect(moved.digest).not.toBe(result.digest);
    const store = fresh().repository(`${anon.host}/shop/cart`);
    const now = await store.resolve('1.0.0');
    expect(now.digest).toBe(moved.digest);
    const verdicts = await verifiedReferrers(store, now, keyTrust());
    expect(verdicts.verified).toEqual([]);
    const bundle = readFileSync(result.bundle ?? '', 'utf8');
    let error: unknown;
    try {
      verifyBundle(bundle, keyTrust(), { subjectDigest: now.digest });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SignatureVerificationError);
    expect((error as SignatureVerificationError).code).toBe('SUBJECT_MISMATCH');
    expect((error as Error).message).toContain(`not for ${now.digest}`);
  });
});

describe('a registry that fails', () => {
  it('every target is tried; the error names the failed ref and HTTP status, and what was published', async () => {
    const wrong = registryConfigFromEnvValue(`dev|${anon.host}|oci|anonymous;secure|${token.host}|oci|basic|REG_USER|BAD_PASSWORD`);
    const err = await publishComponent({
      file: 'cart.wasm',
      to: [`secure/partial/cart:1.0.0`, 'dev/partial/cart:1.0.0'],
      cwd: work.dir,
      env: { ...env, BAD_PASSWORD: 'not the password' },
      config: wrong,
      signing: { kind: 'key', key: 'release.key' },
    }).catch((e: Error) => e);
    expect((err as { code?: string }).code).toBe('PUBLISH_FAILED');
    const message = (err as Error).message;
    expect(message).toContain(`failed on 1 of 2 target(s); published to ${anon.host}/partial/cart:1.0.0`);
    expect(message).toContain(`  - ${token.host}/partial/cart:1.0.0: `);
    expect(message).toMatch(/401|denied|unauthorized/i);
    expect(message).not.toContain('not the password');
    const store = fresh().repository(`${anon.host}/partial/cart`);
    expect((await verifiedReferrers(store, await store.resolve('1.0.0'), keyTrust())).verified).toHaveLength(1);
  });
});

describe('composition provenance', () => {
  it('attaches a signed attestation listing every locked input with its digest', async () => {
    const inputs = await Promise.all(
      ['cart', 'payments'].map((n) =>
        publishComponent({ file: `${n}.wasm`, to: [`dev/inputs/${n}:1.0.0`], cwd: work.dir, env, config, signing: { kind: 'none' } }),
      ),
    );
    const lock: LockFile = {
      lockVersion: 1,
      spec: 'shop',
      package: 'acme:platform@1.0.0',
      components: inputs.map((p) => ({
        name: p.name,
        package: `acme:${p.name}`,
        source: 'ref' as const,
        ref: `${p.refs[0]}@${p.digest}`,
        registry: anon.host,
        digest: p.digest,
        size: p.descriptor.size,
        mediaType: p.descriptor.mediaType,
        layer: { digest: p.layer.digest, size: p.layer.size, mediaType: p.layer.mediaType },
        imports: [],
        exports: [],
      })),
    };
    writeFileSync(join(work.dir, 'flotilla.lock.json'), formatLock(lock));
    const result = await publishComponent({
      file: 'platform.wasm',
      to: [`dev/shop/platform:1.0.0`, `${token.host}/shop/platform:1.0.0`],
      cwd: work.dir,
      env,
      config,
      lock: 'flotilla.lock.json',
      signing: { kind: 'key', key: 'env://SIGNING_KEY' },
    }).catch((err: unknown) => err);
    // env:// reads the variable from the publish's environment: not set here
    expect(String(result)).toContain('environment variable SIGNING_KEY named by env://SIGNING_KEY is not set');

    const withKey = { ...env, SIGNING_KEY: readFileSync(join(work.dir, 'release.key'), 'utf8') };
    const published = await publishComponent({
      file: 'platform.wasm',
      to: [`dev/shop/platform:1.0.0`, `${token.host}/shop/platform:1.0.0`],
      cwd: work.dir,
      env: withKey,
      config,
      lock: 'flotilla.lock.json',
      signing: { kind: 'key', key: 'env://SIGNING_KEY' },
    });
    expect(published.attestationBundle).toBe(join(work.dir, 'platform.composition.sigstore.json'));
    const clients = fresh();
    for (const target of published.targets) {
      const store = clients.repository(target.ref);
      const verdicts = await verifiedReferrers(store, published.descriptor, keyTrust(), { predicateType: COMPOSITION_PREDICATE_TYPE });
      expect(verdicts.verified).toHaveLength(1);
      const predicate = parseCompositionPredicate(verdicts.verified[0]?.result.statement.predicate);
      expect(predicate.package).toBe('acme:platform@1.0.0');
      expect(predicate.components.map((c) => [c.name, c.digest])).toEqual(inputs.map((p) => [p.name, p.digest]));
      expect(predicate.components.map((c) => c.ref)).toEqual(inputs.map((p) => `${p.refs[0]}@${p.digest}`));
      // and the plain signature beside it
      const sigs = await verifiedReferrers(store, published.descriptor, keyTrust(), { predicateType: COSIGN_SIGN_PREDICATE_TYPE });
      expect(sigs.verified).toHaveLength(1);
      expect(target.attestationReferrer).toBe(verdicts.verified[0]?.referrer.digest);
    }
  });
});

describe('keyless signing end to end with the sigstore stand-ins', () => {
  let sigstore: SigstoreStandIns;
  const saved = { ...process.env };
  beforeAll(async () => {
    sigstore = await startSigstore();
    Object.assign(process.env, sigstore.env());
  });
  afterAll(async () => {
    for (const k of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await sigstore?.close();
  });

  it('publishes, gets a workflow certificate and a log entry, and verifies against the stand-in trusted root', async () => {
    const result = await publishComponent({
      file: 'cart.wasm',
      to: [`dev/keyless/cart:2.0.0`, `${token.host}/keyless/cart:2.0.0`],
      cwd: work.dir,
      env,
      config,
      bundleDir: 'bundles',
      signing: { kind: 'keyless', endpoints: sigstore.endpoints, identityToken: () => githubActionsIdToken() },
    });
    expect(result.signedBy).toBe(`${releaseWorkflow} (keyless)`);
    expect(sigstore.fulcio.issued.at(-1)).toMatchObject({ status: 201, subject: releaseWorkflow, issuer: GITHUB_ACTIONS_ISSUER });
    expect(sigstore.rekor.entries.at(-1)).toMatchObject({ status: 201, kind: 'dsse' });
    const trust = {
      kind: 'keyless' as const,
      trustedRoot: sigstore.trustedRoot,
      identities: [trustedIdentity({ issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow })],
    };
    const clients = fresh();
    for (const target of result.targets) {
      const verdicts = await verifiedReferrers(clients.repository(target.ref), result.descriptor, trust);
      expect(verdicts.rejected).toEqual([]);
      expect(verdicts.verified).toHaveLength(1);
      const signer = verdicts.verified[0]?.result.signer;
      expect(signer).toMatchObject({ kind: 'keyless', issuer: GITHUB_ACTIONS_ISSUER, subject: releaseWorkflow });
      expect(verdicts.verified[0]?.result.tlogEntries).toBe(1);
    }
    const onDisk = readFileSync(join(work.dir, 'bundles', 'cart.sigstore.json'), 'utf8');
    expect(verifyBundle(onDisk, trust, { subjectDigest: result.digest }).subjectDigest).toBe(result.digest);
    // an identity the policy does not trust is refused
    expect(() =>
      verifyBundle(onDisk, {
        ...trust,
        identities: [
          trustedIdentity({ issuer: GITHUB_ACTIONS_ISSUER, subject: 'https://github.com/evil/x/.github/workflows/a.yml@refs/heads/main' }),
        ],
      }),
    ).toThrow(SignatureVerificationError);
  });

  it('the gate knows the keyless identity from the token: a workflow the policy does not accept is refused before any upload or certificate', async () => {
    writeFileSync(
      join(work.dir, 'keyless-policy.yaml'),
      [
        'authorities:',
        '  tagged_releases:',
        '    keyless:',
        `      issuer: ${GITHUB_ACTIONS_ISSUER}`,
        "      subject-regexp: 'https://github\\.com/acme/shop/\\.github/workflows/release\\.yml@refs/tags/v.*'",
        'registries:',
        `  - "${anon.host}|required|tagged_releases"`,
        '',
      ].join('\n'),
    );
    const certificates = sigstore.fulcio.issued.length;
    await clearLog(anon);
    const err = await publishComponent({
      file: 'cart.wasm',
      to: ['dev/keyless/cart:3.0.0'],
      cwd: work.dir,
      env,
      config,
      policy: 'keyless-policy.yaml',
      signing: { kind: 'keyless', endpoints: sigstore.endpoints, identityToken: () => githubActionsIdToken() },
    }).catch((e: Error) => e);
    expect((err as { code?: string }).code).toBe('POLICY_REFUSED');
    expect((err as Error).message).toContain('the configured signer would not satisfy it');
    expect((err as Error).message).toContain(releaseWorkflow);
    expect(await logOf(anon)).toEqual([]);
    expect(sigstore.fulcio.issued.length).toBe(certificates);
  });
});

describe('flotilla sign: signing what is already pushed', () => {
  it('signs a pushed tag by digest and attaches the referrer', async () => {
    const pushed = await publishComponent({
      file: 'payments.wasm',
      to: ['dev/signed/payments:3.0.0'],
      cwd: work.dir,
      env,
      config,
      signing: { kind: 'none' },
    });
    const store = fresh().repository(`${anon.host}/signed/payments`);
    expect((await verifiedReferrers(store, pushed.descriptor, keyTrust())).verified).toEqual([]);
    const signed = await signPushed({
      ref: `${anon.host}/signed/payments:3.0.0`,
      signing: { kind: 'key', key: 'release.key' },
      cwd: work.dir,
      env,
      config,
    });
    expect(signed.digest).toBe(pushed.digest);
    expect(signed.ref).toBe(`${anon.host}/signed/payments@${pushed.digest}`);
    const verdicts = await verifiedReferrers(fresh().repository(`${anon.host}/signed/payments`), pushed.descriptor, keyTrust());
    expect(verdicts.verified.map((v) => v.referrer.digest)).toEqual([signed.signatureReferrer]);
    expect(verifyBundle(readFileSync(signed.bundle, 'utf8'), keyTrust(), { subjectDigest: pushed.digest }).signer).toEqual({
      kind: 'key',
      keyId,
    });
  });
});

describe('the policy refuses before any request to a registry', () => {
  const policyText = (keyPath: string, port: string) => `
authorities:
  release_keys:
    key: ${keyPath}
registries:
  - "127.0.0.1:${port}|required|release_keys"
environments:
  development:
    signing: optional
  production:
    signing: required
    unknown-registries: deny
`;

  beforeAll(() => {
    writeFileSync(join(work.dir, 'release.pub'), publicKeyPem);
    writeFileSync(join(work.dir, 'policy.yaml'), policyText('release.pub', anon.host.split(':')[1] ?? ''));
  });

  async function refusal(opts: Partial<Parameters<typeof publishComponent>[0]>): Promise<Error> {
    await clearLog(anon);
    await clearLog(token);
    const err = await publishComponent({
      file: 'cart.wasm',
      to: ['dev/policy/cart:1.0.0'],
      cwd: work.dir,
      env,
      config,
      policy: 'policy.yaml',
      signing: { kind: 'none' },
      ...opts,
    }).then(
      () => new Error('expected a refusal'),
      (e: Error) => e,
    );
    expect(await logOf(anon)).toEqual([]);
    expect(await logOf(token)).toEqual([]);
    return err;
  }

  it('signing required but no key configured: refused naming the rule, zero requests', async () => {
    const err = await refusal({});
    expect((err as { code?: string }).code).toBe('POLICY_REFUSED');
    expect(err.message).toContain('nothing was uploaded');
    expect(err.message).toContain(`signing required by registries[0] \`127.0.0.1:${anon.host.split(':')[1]}|required|release_keys\``);
    expect(err.message).toContain('policy.yaml:6:5');
    expect(err.message).toContain('no signer is configured');
  });

  it('an unknown registry in production: refused naming the rule, zero requests, even with a key', async () => {
    const err = await refusal({
      environment: 'production',
      to: ['dev/policy/cart:1.0.0', `${token.host}/policy/cart:1.0.0`],
      signing: { kind: 'key', key: 'release.key' },
    });
    expect((err as { code?: string }).code).toBe('POLICY_REFUSED');
    expect(err.message).toContain(`registry \`${token.host}\` is not known to the policy in environment production`);
    expect(err.message).toContain('environments.production.unknown-registries');
    expect(err.message).not.toContain(`registry \`${anon.host}\``);
  });

  it('a key the policy does not accept is refused before upload too', async () => {
    const stranger = generateKeyPair({ unencrypted: true });
    writeFileSync(join(work.dir, 'stranger.key'), stranger.privateKeyPem);
    const err = await refusal({ signing: { kind: 'key', key: 'stranger.key' } });
    expect(err.message).toContain('the configured signer would not satisfy it');
  });

  it('in warn mode the push goes through and the refusal comes back as a warning', async () => {
    writeFileSync(join(work.dir, 'warn.yaml'), 'mode: warn\ndefault_signing_required: true\n');
    const warned = await publishComponent({
      file: 'cart.wasm',
      to: ['dev/warned/cart:1.0.0'],
      cwd: work.dir,
      env,
      config,
      policy: 'warn.yaml',
      signing: { kind: 'none' },
    });
    expect(warned.warnings).toHaveLength(1);
    expect(warned.warnings[0]).toContain('no signer is configured');
    expect(
      (
        await fresh()
          .repository(warned.refs[0] ?? '')
          .resolve('1.0.0')
      ).digest,
    ).toBe(warned.digest);
  });

  it('allows the push when the rules are met, and the result verifies', async () => {
    const ok = await publishComponent({
      file: 'cart.wasm',
      to: ['dev/policy/cart:1.0.0'],
      cwd: work.dir,
      env,
      config,
      policy: 'policy.yaml',
      environment: 'production',
      signing: { kind: 'key', key: 'release.key' },
    });
    const verdicts = await verifiedReferrers(fresh().repository(ok.refs[0] ?? ''), ok.descriptor, keyTrust());
    expect(verdicts.verified).toHaveLength(1);
  });
});

describe('publishing every component of a lock', () => {
  it('copies ref components with their locked digest, builds path components, signs each, tags with the locked version', async () => {
    const source = await publishComponent({
      file: 'cart.wasm',
      to: ['dev/src/cart:0.9.0'],
      cwd: work.dir,
      env,
      config,
      signing: { kind: 'none' },
    });
    const lock: LockFile = {
      lockVersion: 1,
      spec: 'shop',
      package: 'acme:shop@1.0.0',
      components: [
        {
          name: 'cart',
          package: 'acme:cart',
          version: '0.9.0',
          source: 'ref',
          ref: `${anon.host}/src/cart:0.9.0`,
          registry: anon.host,
          digest: source.digest,
          size: source.descriptor.size,
          mediaType: source.descriptor.mediaType,
          layer: { digest: source.layer.digest, size: source.layer.size, mediaType: source.layer.mediaType },
          imports: [],
          exports: ['get'],
        },
        {
          name: 'payments',
          package: 'acme:payments',
          version: '2.1.0',
          source: 'path',
          path: 'payments.wasm',
          digest: sha256(readFileSync(join(work.dir, 'payments.wasm'))),
          size: readFileSync(join(work.dir, 'payments.wasm')).length,
          mediaType: 'application/wasm',
          imports: [],
          exports: ['pay'],
        },
      ],
    };
    writeFileSync(join(work.dir, 'all.lock.json'), formatLock(lock));
    await clearLog(anon);
    const results = await publishLock({
      lock: 'all.lock.json',
      to: [`${token.host}/release`, 'dev'],
      cwd: work.dir,
      env,
      config,
      bundleDir: 'lock-bundles',
      signing: { kind: 'key', key: 'release.key' },
    });
    expect(results.map((r) => r.refs)).toEqual([
      [`${token.host}/release/cart:0.9.0`, `${anon.host}/cart:0.9.0`],
      [`${token.host}/release/payments:2.1.0`, `${anon.host}/payments:2.1.0`],
    ]);
    expect(results[0]?.digest).toBe(source.digest);
    // the cart's blobs are already in the same registry (src/cart): mounted, not uploaded
    const cartMounts = (await logOf(anon)).filter((e) => e.method === 'POST' && e.path.startsWith('/v2/cart/blobs/uploads/?mount='));
    expect(cartMounts.map((e) => [e.status, e.path.endsWith('from=src%2Fcart')])).toEqual([
      [201, true],
      [201, true],
    ]);
    const clients = fresh();
    for (const r of results) {
      for (const ref of r.refs) {
        const store = clients.repository(ref);
        const desc = await store.resolve(ref.slice(ref.lastIndexOf(':') + 1));
        expect(desc.digest).toBe(r.digest);
        expect((await verifiedReferrers(store, desc, keyTrust())).verified).toHaveLength(1);
      }
      expect(r.bundle).toBe(join(work.dir, 'lock-bundles', `${r.name}.sigstore.json`));
    }
  });

  it('refuses a local file that changed since it was locked, before any request', async () => {
    const changed = JSON.parse(readFileSync(join(work.dir, 'all.lock.json'), 'utf8')) as LockFile;
    const payments = changed.components[1];
    if (payments) payments.digest = sha256('something else');
    writeFileSync(join(work.dir, 'changed.lock.json'), formatLock(changed));
    await clearLog(anon);
    const err = await publishLock({ lock: 'changed.lock.json', to: ['dev'], cwd: work.dir, env, config, signing: { kind: 'none' } }).catch(
      (e: Error) => e,
    );
    expect((err as { code?: string }).code).toBe('LOCK_MISMATCH');
    expect((err as Error).message).toContain("component 'payments' of changed.lock.json");
    expect(await logOf(anon)).toEqual([]);
  });

  it('refuses every component before pushing any when one of them is refused', async () => {
    writeFileSync(join(work.dir, 'strict.yaml'), 'components:\n  - payments|required\n');
    await clearLog(anon);
    await clearLog(token);
    const err = await publishLock({
      lock: 'all.lock.json',
      to: ['dev/strict'],
      cwd: work.dir,
      env,
      config,
      policy: 'strict.yaml',
      signing: { kind: 'none' },
    }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('signing required by components[0] `payments|required`');
    expect(await logOf(anon)).toEqual([]);
    expect(await logOf(token)).toEqual([]);
  });
});

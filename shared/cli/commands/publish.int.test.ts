import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../../test/harness/registry.ts';
import { DEFAULT_RUN, GITHUB_ACTIONS_ISSUER, startSigstore } from '../../../test/harness/sigstore/index.ts';
import { makeComponent, tempDir } from '../../../test/harness/wasm-fixtures.ts';
import { settledLog } from '../../../test/oci/artifacts.ts';
import { RegistryClients } from '../../registry-config/open.ts';
import { generateKeyPair } from '../../sign/keys.ts';
import { verifiedReferrers } from '../../sign/test-fixtures.ts';
import { trustedIdentity, verifyBundle } from '../../sign/verify.ts';
import { runCli } from '../main.ts';

/** The registry logs a request a moment after answering it: wait for the log to settle before counting or clearing. */
async function logOf(reg: { accessLog(): { method: string; path: string; status: number }[] }) {
  await settledLog(reg);
  return reg.accessLog();
}
async function clearLog(reg: { accessLog(): unknown[]; clearAccessLog(): void }) {
  await settledLog(reg);
  reg.clearAccessLog();
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

const PASSWORD = 'a password for the test key';

describe('flotilla publish and flotilla sign against a real registry', () => {
  let registry: Registry;
  let work: { dir: string; cleanup: () => void };
  let pub: string;
  const env = () => ({ FLOTILLA_KEY_PASSWORD: PASSWORD, FLOTILLA_REGISTRIES: `dev|${registry.host}|oci|anonymous` });

  beforeAll(async () => {
    registry = await startRegistry();
    work = tempDir('flotilla-cli-publish-');
    const pair = generateKeyPair({ password: PASSWORD });
    writeFileSync(join(work.dir, 'k.key'), pair.privateKeyPem);
    pub = pair.publicKeyPem;
    writeFileSync(join(work.dir, 'k.pub'), pub);
    writeFileSync(join(work.dir, 'cart.wasm'), await makeComponent('get', 5));
    writeFileSync(join(work.dir, 'policy.yaml'), 'default_signing_required: true\n');
  });
  afterAll(async () => {
    await registry?.stop();
    work?.cleanup();
  });

  async function flotilla(...args: string[]) {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(args, { stdout, stderr, cwd: work.dir, env: env() });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('publish --key to a registry name with --tag prints the digest, the refs and the bundle', async () => {
    const out = await flotilla('publish', 'cart.wasm', '--to', 'dev', '--tag', '1.2.0', '--key', 'k.key', '--policy', 'policy.yaml');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const [digest, pushed, signedBy, bundle] = out.stdout.trim().split('\n');
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pushed).toMatch(new RegExp(`^pushed ${registry.host}/cart:1\\.2\\.0 \\(signature sha256:[0-9a-f]{64}\\)$`));
    expect(signedBy).toMatch(/^signed by key [0-9a-f]{64}$/);
    expect(bundle).toBe(`bundle ${join(work.dir, 'cart.sigstore.json')}`);
    expect(verifyBundle(readFileSync(join(work.dir, 'cart.sigstore.json'), 'utf8'), { kind: 'key', publicKeys: [pub] }).subjectDigest).toBe(
      digest,
    );
    expect(out.stdout).not.toContain(PASSWORD);
  });

  it('publish without a signer under a policy requiring signatures: exit 1, the rule named, zero requests', async () => {
    await clearLog(registry);
    const out = await flotilla('publish', 'cart.wasm', '--to', `${registry.host}/shop/cart:1.0.0`, '--policy', 'policy.yaml');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('[POLICY_REFUSED]');
    expect(out.stderr).toContain('signing required by default');
    expect(out.stderr).toContain('pass --key <file> or --keyless');
    expect(await logOf(registry)).toEqual([]);
  });

  it('usage errors: no --to, both --key and --keyless, an unknown registry name', async () => {
    expect((await flotilla('publish', 'cart.wasm')).stderr).toContain('--to <ref> is required');
    const both = await flotilla('publish', 'cart.wasm', '--to', 'dev/a:1', '--key', 'k.key', '--keyless');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('either --key <file> or --keyless');
    const unknown = await flotilla('publish', 'cart.wasm', '--to', 'prod');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--to 'prod' is neither a registry ref with a host");
    expect(unknown.stderr).toContain('(dev)');
  });

  it('publish --keyless with explicit Fulcio and Rekor (stand-ins) signs as the workflow; sign --keyless too', async () => {
    const sigstore = await startSigstore();
    const saved = { ...process.env };
    Object.assign(process.env, sigstore.env());
    try {
      const out = await flotilla(
        'publish',
        'cart.wasm',
        '--to',
        `dev/keyless/cart:1.0.0`,
        '--keyless',
        '--fulcio-url',
        sigstore.endpoints.fulcioURL,
        '--rekor-url',
        sigstore.endpoints.rekorURL,
        '--json',
      );
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const result = JSON.parse(out.stdout) as { digest: string; bundle: string; signedBy: string };
      const subject = `https://github.com/${DEFAULT_RUN.repository}/.github/workflows/release.yml@${DEFAULT_RUN.ref}`;
      expect(result.signedBy).toBe(`${subject} (keyless)`);
      const trust = {
        kind: 'keyless' as const,
        trustedRoot: sigstore.trustedRoot,
        identities: [trustedIdentity({ issuer: GITHUB_ACTIONS_ISSUER, subject })],
      };
      expect(verifyBundle(readFileSync(result.bundle, 'utf8'), trust).subjectDigest).toBe(result.digest);

      const signed = await flotilla(
        'sign',
        `${registry.host}/keyless/cart:1.0.0`,
        '--keyless',
        '--fulcio-url',
        sigstore.endpoints.fulcioURL,
        '--rekor-url',
        sigstore.endpoints.rekorURL,
      );
      expect(signed.code).toBe(0);
      const store = new RegistryClients().repository(`${registry.host}/keyless/cart`);
      const verdicts = await verifiedReferrers(store, await store.resolve('1.0.0'), trust);
      expect(verdicts.verified).toHaveLength(2);
    } finally {
      for (const k of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await sigstore.close();
    }
  });

  it('publish --keyless outside GitHub Actions says what is missing, before any request', async () => {
    await clearLog(registry);
    const out = await flotilla('publish', 'cart.wasm', '--to', `dev/keyless/cart:2.0.0`, '--keyless');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('[SIGNING_IDENTITY_TOKEN]');
    expect(out.stderr).toContain("'permissions: id-token: write'");
    expect(await logOf(registry)).toEqual([]);
  });

  it('publish --lock alone publishes every component of the lock, tagged with its locked version', async () => {
    const { sha256 } = await import('../../oci/digest.ts');
    const { formatLock } = await import('../../release/lock.ts');
    const cart = readFileSync(join(work.dir, 'cart.wasm'));
    const lock = {
      lockVersion: 1 as const,
      spec: 'shop',
      package: 'acme:shop@1.0.0',
      components: [
        {
          name: 'cart',
          package: 'acme:cart',
          version: '4.0.0',
          source: 'path' as const,
          path: 'cart.wasm',
          digest: sha256(cart),
          size: cart.length,
          mediaType: 'application/wasm',
          imports: [],
          exports: ['get'],
        },
      ],
    };
    writeFileSync(join(work.dir, 'flotilla.lock.json'), formatLock(lock));
    const out = await flotilla('publish', '--lock', 'flotilla.lock.json', '--to', 'dev/lock', '--key', 'k.key');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^cart sha256:[0-9a-f]{64}\n/);
    expect(out.stdout).toContain(`pushed ${registry.host}/lock/cart:4.0.0 (signature sha256:`);
    const missing = await flotilla('publish', '--to', 'dev/lock');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('or --lock <file> to publish every component of a lock');
  });

  it('sign --key signs what push pushed, and the referrer verifies', async () => {
    const pushed = await flotilla('push', 'cart.wasm', `${registry.host}/shop/unsigned:1.0.0`);
    expect(pushed.code).toBe(0);
    const digest = pushed.stdout.trim();
    const signed = await flotilla('sign', `${registry.host}/shop/unsigned:1.0.0`, '--key', 'k.key', '--bundle', 'unsigned.json');
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain(`signed ${registry.host}/shop/unsigned@${digest}`);
    const store = new RegistryClients().repository(`${registry.host}/shop/unsigned`);
    const verdicts = await verifiedReferrers(store, await store.resolve('1.0.0'), { kind: 'key', publicKeys: [pub] });
    expect(verdicts.verified).toHaveLength(1);
    expect(readFileSync(join(work.dir, 'unsigned.json'), 'utf8')).toContain('dsseEnvelope');
    // and with the lock of its composition: the attestation of its inputs beside the signature
    const attested = await flotilla('sign', `${registry.host}/shop/unsigned:1.0.0`, '--key', 'k.key', '--lock', 'flotilla.lock.json');
    expect(attested.code).toBe(0);
    expect(attested.stdout).toContain(`attestation bundle ${join(work.dir, 'unsigned.composition.sigstore.json')}`);
    const { COMPOSITION_PREDICATE_TYPE, parseCompositionPredicate } = await import('../../sign/statement.ts');
    const attestations = await verifiedReferrers(
      store,
      await store.resolve('1.0.0'),
      { kind: 'key', publicKeys: [pub] },
      {
        predicateType: COMPOSITION_PREDICATE_TYPE,
      },
    );
    expect(attestations.verified).toHaveLength(1);
    expect(parseCompositionPredicate(attestations.verified[0]?.result.statement.predicate).components.map((c) => c.name)).toEqual(['cart']);
    const none = await flotilla('sign', `${registry.host}/shop/unsigned:1.0.0`);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('needs --key');
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import { DEFAULT_RUN, GITHUB_ACTIONS_ISSUER, type SigstoreStandIns, startSigstore } from '../../test/harness/sigstore/index.ts';
import { tempDir } from '../../test/harness/wasm-fixtures.ts';
import { githubActionsIdToken } from '../actions/id-token.ts';
import { buildWasmArtifact, pushWasmArtifact } from '../artifact/wasm-artifact.ts';
import { runCli } from '../cli/main.ts';
import { describeWasm } from '../component/describe.ts';
import { type Digest, sha256 } from '../oci/digest.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import type { Descriptor } from '../oci/types.ts';
import { parseRegistryConfig } from '../registry-config/load.ts';
import { RegistryClients } from '../registry-config/open.ts';
import { buildLock, type ResolvedComponent, writeLock } from '../release/lock.ts';
import { resolvePlan } from '../release/plan.ts';
import { loadSpec } from '../release/spec.ts';
import { attachBundle, attestComposition, signArtifact } from '../sign/attach.ts';
import type { SigningKey } from '../sign/keys.ts';
import { keylessSigner, keyPairSigner, type StatementSigner } from '../sign/signer.ts';
import { signStatement } from '../sign/statement.ts';
import type { VerifyReport } from './report.ts';
import { componentImporting, type PushedComponent, pushComponent, signingKey } from './test-fixtures.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

const RELEASE = 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main';

describe('flotilla verify against a real registry', () => {
  let registry: Registry;
  let sigstore: SigstoreStandIns;
  let dir: string;
  let cleanup: () => void;
  let prod: SigningKey;
  let rogue: SigningKey;
  const digests: Record<string, Digest> = {};
  const pushed: Record<string, PushedComponent> = {};
  const savedEnv = { ...process.env };

  const ref = (repo: string) => `${registry.host}/${repo}:1.0.0`;

  async function push(repo: string, wasm: Uint8Array, signer?: StatementSigner): Promise<Descriptor> {
    const p = await pushComponent(registry.host, repo, wasm, signer ? { signer } : {});
    digests[repo] = p.digest;
    pushed[repo] = p;
    return p.descriptor;
  }

  beforeAll(async () => {
    [registry, sigstore] = await Promise.all([startRegistry(), startSigstore()]);
    Object.assign(process.env, sigstore.env());
    ({ dir, cleanup } = tempDir('flotilla-verify-'));
    prod = signingKey('prod');
    rogue = signingKey('rogue');
    writeFileSync(join(dir, 'prod.pub'), prod.publicKeyPem);
    writeFileSync(join(dir, 'trusted_root.json'), JSON.stringify(sigstore.trustedRoot));
    const base = ['wasi:cli/environment@0.2.0'];
    await push('shop/cart', await componentImporting(base, 1), keyPairSigner(prod));
    await push('shop/unsigned', await componentImporting(base, 2));
    await push('shop/rogue', await componentImporting(base, 3), keyPairSigner(rogue));
    await push('shop/net', await componentImporting([...base, 'wasi:sockets/tcp@0.2.0'], 4), keyPairSigner(prod));
    // a composed platform: any component, signed, with a signed composition attestation over it listing two parts
    const platform = await push('shop/platform', await componentImporting(base, 5), keyPairSigner(prod));
    await attestComposition(
      new RegistryClients().repository(`${registry.host}/shop/platform`),
      platform,
      `${registry.host}/shop/platform`,
      keyPairSigner(prod),
      {
        version: '0.1.0',
        package: 'shop:platform',
        components: [
          { name: 'cart', ref: `${registry.host}/shop/cart:1.0.0`, digest: digests['shop/cart'] as Digest, size: 1 },
          { name: 'unsigned', ref: `${registry.host}/shop/unsigned:1.0.0`, digest: digests['shop/unsigned'] as Digest, size: 1 },
        ],
      },
    );
    // keyless: from the release workflow, and from a pull-request workflow
    await push(
      'shop/keyless',
      await componentImporting(base, 6),
      keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: () => githubActionsIdToken() }),
    );
    sigstore.oidc.run = { ...DEFAULT_RUN, workflowPath: '.github/workflows/pr.yml', ref: 'refs/pull/7/merge', eventName: 'pull_request' };
    await push(
      'shop/keyless-pr',
      await componentImporting(base, 7),
      keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: () => githubActionsIdToken() }),
    );
    sigstore.oidc.run = DEFAULT_RUN;

    writeFileSync(
      join(dir, 'required.yaml'),
      [
        'authorities:',
        '  prod:',
        '    key: prod.pub',
        'registries:',
        '  - match: "127.0.0.1:*"',
        '    signing: required',
        '    authorities: [prod]',
        'components:',
        '  - match: "shop/net"',
        '    capabilities:',
        '      deny: ["wasi:sockets/*"]',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'optional.yaml'),
      ['authorities:', '  prod:', '    key: prod.pub', 'registries:', '  - local|optional', ''].join('\n'),
    );
    writeFileSync(
      join(dir, 'keyless.yaml'),
      [
        'authorities:',
        '  release:',
        '    keyless:',
        `      issuer: ${GITHUB_ACTIONS_ISSUER}`,
        `      subject-regexp: 'https://github\\.com/acme/shop/\\.github/workflows/release\\.yml@refs/heads/.*'`,
        'registries:',
        '  - local|required|release',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'digest.yaml'), ['registries:', '  - match: "127.0.0.1:*"', '    require-digest: true', ''].join('\n'));
    // a spec over pushed components and a local file, and its lock (as compose would write it)
    writeFileSync(join(dir, 'platform.wac'), '');
    writeFileSync(join(dir, 'local.wasm'), await componentImporting(base, 8));
    writeFileSync(
      join(dir, 'shop.yaml'),
      [
        'name: shop',
        'package: shop:platform@1.0.0',
        'components:',
        `  cart: ${ref('shop/cart')}`,
        `  net: ${ref('shop/net')}`,
        '  local: local.wasm',
        'composition:',
        '  wac: platform.wac',
        '',
      ].join('\n'),
    );
    const localWasm = readFileSync(join(dir, 'local.wasm'));
    const local = describeWasm(localWasm);
    writeLock(
      join(dir, 'flotilla.lock.json'),
      buildLock(resolvePlan(loadSpec(join(dir, 'shop.yaml'))), [
        pushed['shop/cart']?.resolved('cart') as ResolvedComponent,
        pushed['shop/net']?.resolved('net') as ResolvedComponent,
        { name: 'local', digest: sha256(localWasm), size: localWasm.length, mediaType: 'application/wasm', ...local },
      ]),
    );
  }, 120_000);

  afterAll(async () => {
    for (const k of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    await Promise.all([registry?.stop(), sigstore?.close()]);
    cleanup?.();
  });

  async function flotilla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(['verify', ...args], { stdout, stderr, cwd: dir, env: { FLOTILLA_CACHE: join(dir, 'cache') } });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  async function report(...args: string[]): Promise<{ code: number; report: VerifyReport; stderr: string }> {
    const run = await flotilla(...args, '--json');
    expect(run.stderr).toBe('');
    return { code: run.code, report: JSON.parse(run.stdout) as VerifyReport, stderr: run.stderr };
  }

  it('a component signed by the policy key passes (exit 0), naming the signer and the rule', async () => {
    const run = await flotilla(ref('shop/cart'), '--policy', 'required.yaml');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('PASS');
    expect(run.stdout).toContain(
      `signing required by registries[0] \`127.0.0.1:*\`: signed by prod (key sha256:${prod.keyId.slice(0, 12)})`,
    );
    const { report: r } = await report(ref('shop/cart'), '--policy', 'required.yaml');
    expect(r.verdict).toBe('pass');
    expect(r.components[0]).toMatchObject({ name: 'shop/cart', digest: digests['shop/cart'], rules: ['registries[0]'], verdict: 'pass' });
    expect(r.components[0]?.signers).toEqual([`key sha256:${prod.keyId.slice(0, 12)} [prod]`]);
  });

  it('an unsigned component fails where signing is required (exit 1) and passes where it is optional', async () => {
    const required = await report(ref('shop/unsigned'), '--policy', 'required.yaml');
    expect(required.code).toBe(1);
    expect(required.report.verdict).toBe('fail');
    expect(required.report.components[0]?.violations).toEqual([
      'signing required by registries[0] `127.0.0.1:*`: no signature by an authority of prod (the component has no signature)',
    ]);
    const optional = await report(ref('shop/unsigned'), '--policy', 'optional.yaml');
    expect(optional.code).toBe(0);
    expect(optional.report.components[0]?.checks[0]?.reason).toBe('signing optional by registries[0] `local|optional` (unsigned)');
  });

  it('a component signed by a key the policy does not list fails, and the report says which key signed it', async () => {
    const { code, report: r } = await report(ref('shop/rogue'), '--policy', 'required.yaml');
    expect(code).toBe(1);
    const c = r.components[0];
    expect(c?.verdict).toBe('fail');
    expect(c?.signers).toEqual([]);
    expect(c?.notes.join('\n')).toContain(`signed by key ${rogue.keyId}, which is none of the trusted keys (${prod.keyId})`);
  });

  it('a composed platform whose one input is unsigned fails, and the report names that input', async () => {
    const { code, report: r } = await report(ref('shop/platform'), '--policy', 'required.yaml');
    expect(code).toBe(1);
    const c = r.components[0];
    expect(c?.parts?.map((p) => [p.name, p.digest, p.verdict])).toEqual([
      ['cart', digests['shop/cart'], 'pass'],
      ['unsigned', digests['shop/unsigned'], 'fail'],
    ]);
    expect(c?.violations).toHaveLength(1);
    expect(c?.violations[0]).toContain(`part \`unsigned\` (${ref('shop/unsigned')}) fails: signing required by registries[0]`);
    // the platform's own signature is fine: only the part fails
    expect(c?.checks.find((k) => k.aspect === 'signing')?.status).toBe('pass');
  });

  it('a component importing a denied capability fails with the import named', async () => {
    const { code, report: r } = await report(ref('shop/net'), '--policy', 'required.yaml');
    expect(code).toBe(1);
    expect(r.components[0]?.rules).toEqual(['registries[0]', 'components[0]']);
    expect(r.components[0]?.imports).toEqual(['wasi:cli/environment@0.2.0', 'wasi:sockets/tcp@0.2.0']);
    expect(r.components[0]?.violations).toEqual([
      'capabilities of components[0] `shop/net`: import `wasi:sockets/tcp@0.2.0` is denied (matches `wasi:sockets/*`)',
    ]);
  });

  it('a keyless signature from the release workflow passes; one from a pull-request workflow fails, naming the workflow', async () => {
    const good = await report(ref('shop/keyless'), '--policy', 'keyless.yaml', '--trusted-root', 'trusted_root.json');
    expect(good.code).toBe(0);
    expect(good.report.components[0]?.signers).toEqual([`keyless \`${RELEASE}\` (issuer ${GITHUB_ACTIONS_ISSUER}) [release]`]);
    const bad = await report(ref('shop/keyless-pr'), '--policy', 'keyless.yaml', '--trusted-root', 'trusted_root.json');
    expect(bad.code).toBe(1);
    expect(bad.report.components[0]?.violations[0]).toContain(
      'keyless `https://github.com/acme/shop/.github/workflows/pr.yml@refs/pull/7/merge` (issuer https://token.actions.githubusercontent.com) is not an authority of release',
    );
  });

  it('a keyless signature does not verify against another trusted root', async () => {
    const elsewhere = await startSigstore();
    try {
      writeFileSync(join(dir, 'other_root.json'), JSON.stringify(elsewhere.trustedRoot));
      const { code, report: r } = await report(ref('shop/keyless'), '--policy', 'keyless.yaml', '--trusted-root', 'other_root.json');
      expect(code).toBe(1);
      expect(r.components[0]?.signers).toEqual([]);
      expect(r.components[0]?.notes[0]).toMatch(
        /^bundle sha256:[0-9a-f]{12} not accepted \[(CERTIFICATE|TIMESTAMP|TLOG)_INVALID\]: the bundle does not verify/,
      );
    } finally {
      await elsewhere.close();
    }
  });
  it('a spec: every planned component, at its ref or path, with the spec line it is declared on', async () => {
    const { code, report: r } = await report('--spec', 'shop.yaml', '--policy', 'required.yaml');
    expect(code).toBe(1);
    expect(r.target).toBe('spec shop.yaml');
    expect(r.components.map((c) => [c.name, c.verdict, c.origin?.line])).toEqual([
      ['cart', 'pass', 4],
      ['net', 'fail', 5],
      ['local', 'pass', 6],
    ]);
    const local = r.components[2];
    expect(local?.registry).toBeUndefined();
    expect(local?.digest).toBe(sha256(readFileSync(join(dir, 'local.wasm'))));
    expect(local?.notes).toEqual(['a local file: no registry, so no attached signatures']);
    // the spec names refs by tag: require-digest fails them, and passes the lock of the same spec
    const tags = await report('--spec', 'shop.yaml', '--policy', 'digest.yaml');
    expect(tags.code).toBe(1);
    expect(tags.report.components[0]?.violations[0]).toBe(
      `digest required by registries[0] \`127.0.0.1:*\`: ref \`${ref('shop/cart')}\` is not pinned by a digest (write it as <repository>@sha256:…, or use the lock)`,
    );
    const locked = await report('--lock', 'flotilla.lock.json', '--policy', 'digest.yaml');
    expect(locked.code).toBe(0);
  });

  it('a lock: each component fetched by its locked digest, with its lock line', async () => {
    const { code, report: r } = await report('--lock', 'flotilla.lock.json', '--policy', 'required.yaml');
    expect(code).toBe(1);
    const lockText = readFileSync(join(dir, 'flotilla.lock.json'), 'utf8').split('\n');
    const lineOf = (needle: string) => lockText.findIndex((l) => l.includes(needle)) + 1;
    expect(r.components.map((c) => [c.name, c.digest, c.verdict])).toEqual([
      ['cart', digests['shop/cart'], 'pass'],
      ['local', sha256(readFileSync(join(dir, 'local.wasm'))), 'pass'],
      ['net', digests['shop/net'], 'fail'],
    ]);
    expect(r.components[0]?.origin?.line).toBe(lineOf(`"ref": "${ref('shop/cart')}"`));
    // the tag now names other bytes: the lock's digest is what is verified
    await pushComponent(registry.host, 'shop/cart', await componentImporting(['wasi:sockets/udp@0.2.0'], 99));
    const again = await report('--lock', 'flotilla.lock.json', '--policy', 'required.yaml');
    expect(again.report.components[0]?.digest).toBe(digests['shop/cart']);
    expect(again.report.components[0]?.verdict).toBe('pass');
    await pushComponent(registry.host, 'shop/cart', await componentImporting(['wasi:cli/environment@0.2.0'], 1), {
      signer: keyPairSigner(prod),
    });
  });

  it('components are pulled through the on-disk cache: a second verify fetches no component layer, only the signatures', async () => {
    await report('--lock', 'flotilla.lock.json', '--policy', 'required.yaml');
    registry.clearAccessLog();
    const { code } = await report('--lock', 'flotilla.lock.json', '--policy', 'required.yaml');
    expect(code).toBe(1);
    const blobGets = registry.accessLog().filter((e) => e.method === 'GET' && e.path.includes('/blobs/'));
    const layers = ['shop/cart', 'shop/net'].map((r) => pushed[r]?.resolved('x').layer?.digest as string);
    expect(blobGets.filter((e) => layers.some((l) => e.path.endsWith(l)))).toEqual([]);
    expect(blobGets.length).toBeGreaterThanOrEqual(2); // the bundles, read again each time
  });

  it('a local file that changed since the lock is an input error (exit 2), not a verdict', async () => {
    const original = readFileSync(join(dir, 'local.wasm'));
    try {
      writeFileSync(join(dir, 'local.wasm'), await componentImporting([], 42));
      const run = await flotilla('--lock', 'flotilla.lock.json', '--policy', 'required.yaml');
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('[VERIFY_DIGEST_MISMATCH]');
      expect(run.stderr).toContain(`but the lock pins ${sha256(original)}`);
    } finally {
      writeFileSync(join(dir, 'local.wasm'), original);
    }
  });

  it('a ref that is not in the registry is an input error naming the component and the registry status', async () => {
    const run = await flotilla(ref('shop/missing'), '--policy', 'required.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`component \`shop/missing\` (${ref('shop/missing')})`);
    expect(run.stderr).toMatch(/404|not found/i);
  });
  it('a signature copied from another manifest does not count: its statement names the other digest', async () => {
    const copied = await push('shop/copied', await componentImporting(['wasi:cli/environment@0.2.0'], 11));
    const cartStatement = signStatement({ name: `${registry.host}/shop/cart`, digest: digests['shop/cart'] as Digest });
    await attachBundle(
      new RegistryClients().repository(`${registry.host}/shop/copied`),
      await keyPairSigner(prod).signStatement(cartStatement),
      copied,
    );
    const { code, report: r } = await report(ref('shop/copied'), '--policy', 'required.yaml');
    expect(code).toBe(1);
    expect(r.components[0]?.signers).toEqual([]);
    expect(r.components[0]?.notes[0]).toContain(
      `[SUBJECT_MISMATCH]: the signature is for ${digests['shop/cart']}, not for ${digests['shop/copied']}: it signs another manifest`,
    );
  });

  it('a part that cannot be fetched is an input error naming the part and the composed component', async () => {
    const composed = await push('shop/composed-missing', await componentImporting(['wasi:cli/environment@0.2.0'], 14), keyPairSigner(prod));
    const missing = `sha256:${'0'.repeat(64)}` as Digest;
    await attestComposition(
      new RegistryClients().repository(`${registry.host}/shop/composed-missing`),
      composed,
      'x',
      keyPairSigner(prod),
      {
        version: '0.1.0',
        components: [{ name: 'ghost', ref: `${registry.host}/shop/ghost:1.0.0`, digest: missing, size: 1 }],
      },
    );
    const run = await flotilla(ref('shop/composed-missing'), '--policy', 'required.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`component \`ghost\` (${registry.host}/shop/ghost:1.0.0)`);
    expect(run.stderr).toContain(
      `(a part of \`shop/composed-missing\` ${ref('shop/composed-missing')}, as its composition attestation lists it)`,
    );
  });

  it('a composition attestation by an unlisted key is not used: the report says its parts are not checked', async () => {
    const composed = await push('shop/composed-rogue', await componentImporting(['wasi:cli/environment@0.2.0'], 12), keyPairSigner(prod));
    const store = new RegistryClients().repository(`${registry.host}/shop/composed-rogue`);
    await attestComposition(store, composed, `${registry.host}/shop/composed-rogue`, keyPairSigner(rogue), {
      version: '0.1.0',
      components: [{ name: 'unsigned', ref: ref('shop/unsigned'), digest: digests['shop/unsigned'] as Digest, size: 1 }],
    });
    const { report: r } = await report(ref('shop/composed-rogue'), '--policy', 'required.yaml');
    expect(r.components[0]?.parts).toBeUndefined();
    expect(r.components[0]?.notes[0]).toMatch(
      /^composition attestation sha256:[0-9a-f]{12} not accepted \[SIGNER_UNTRUSTED\], so its parts are not checked/,
    );
  });

  it('a spec that names its policy needs no --policy', async () => {
    writeFileSync(join(dir, 'with-policy.yaml'), [`policy: required.yaml`, readFileSync(join(dir, 'shop.yaml'), 'utf8')].join('\n'));
    const { code, report: r } = await report('--spec', 'with-policy.yaml');
    expect(code).toBe(1);
    expect(r.policy).toBe(join(dir, 'required.yaml'));
    expect(r.components.map((c) => c.verdict)).toEqual(['pass', 'fail', 'pass']);
  });

  it('an OCI layout ref: signed in the layout, matched by the `local` keyword', async () => {
    const layout = new LayoutStore(join(dir, 'layout'));
    const artifact = buildWasmArtifact({ wasm: await componentImporting([], 13), created: '2026-11-25T00:00:00Z', title: 'l.wasm' });
    const desc = await pushWasmArtifact(layout, artifact, '1.0.0');
    writeFileSync(
      join(dir, 'local-required.yaml'),
      ['authorities:', '  prod:', '    key: prod.pub', 'registries:', '  - local|required|prod', ''].join('\n'),
    );
    const unsigned = await report('oci:layout:1.0.0', '--policy', 'local-required.yaml');
    expect(unsigned.code).toBe(1);
    expect(unsigned.report.components[0]).toMatchObject({ name: 'oci:layout', digest: desc.digest, rules: ['registries[0]'] });
    await signArtifact(layout, desc, 'oci:layout', keyPairSigner(prod));
    const signed = await report('oci:layout:1.0.0', '--policy', 'local-required.yaml');
    expect(signed.code).toBe(0);
    expect(signed.report.components[0]?.checks[0]?.reason).toContain('signed by prod');
  });
});

describe('flotilla verify against a registry with basic auth', () => {
  let registry: Registry;
  let dir: string;
  let cleanup: () => void;
  const prod = signingKey('prod');

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'basic' });
    ({ dir, cleanup } = tempDir('flotilla-verify-auth-'));
    const config = [
      'registries:',
      '  - name: private',
      `    host: ${registry.host}`,
      '    auth:',
      '      type: basic',
      `      username: ${registry.username}`,
      '      passwordEnv: REG_PASSWORD',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'registries.yaml'), config);
    writeFileSync(join(dir, 'prod.pub'), prod.publicKeyPem);
    writeFileSync(
      join(dir, 'policy.yaml'),
      ['authorities:', '  prod: { key: prod.pub }', 'registries:', '  - local|required|prod', ''].join('\n'),
    );
    const registries = parseRegistryConfig(join(dir, 'registries.yaml'), config);
    await pushComponent(registry.host, 'shop/cart', await componentImporting([], 1), {
      signer: keyPairSigner(prod),
      open: (r) => new RegistryClients(registries, { env: { REG_PASSWORD: registry.password } }).repository(r),
    });
  }, 60_000);

  afterAll(async () => {
    await registry?.stop();
    cleanup?.();
  });

  async function flotilla(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(['verify', ...args], { stdout, stderr, cwd: dir, env });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('reads manifests, layers and referrers with the credentials of --registries, never printing the password', async () => {
    const ref = `${registry.host}/shop/cart:1.0.0`;
    const run = await flotilla({ REG_PASSWORD: registry.password }, ref, '--policy', 'policy.yaml', '--registries', 'registries.yaml');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('signed by prod');
    expect(run.stdout).not.toContain(registry.password);
    // a spec's registry list gives the credentials of its registries
    writeFileSync(join(dir, 'platform.wac'), '');
    writeFileSync(
      join(dir, 'spec.yaml'),
      [
        'name: shop',
        'package: shop:platform@1.0.0',
        'registries:',
        `  - private|${registry.host}|oci|basic|REG_USER|REG_PASSWORD`,
        'components:',
        `  cart: ${ref}`,
        'composition: { wac: platform.wac }',
        '',
      ].join('\n'),
    );
    const spec = await flotilla(
      { REG_USER: registry.username, REG_PASSWORD: registry.password },
      '--spec',
      'spec.yaml',
      '--policy',
      'policy.yaml',
    );
    expect(spec.stderr).toBe('');
    expect(spec.code).toBe(0);
    const anonymous = await flotilla({}, ref, '--policy', 'policy.yaml');
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain(`component \`shop/cart\` (${ref})`);
    expect(anonymous.stderr).toContain('401');
  });
});

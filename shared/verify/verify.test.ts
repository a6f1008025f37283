import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bundle } from '@sigstore/bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RUN, GITHUB_ACTIONS_ISSUER, type SigstoreStandIns, startSigstore } from '../../test/harness/sigstore/index.ts';
import { githubActionsIdToken } from '../actions/id-token.ts';
import { buildWasmArtifact, pushWasmArtifact } from '../artifact/wasm-artifact.ts';
import type { Digest } from '../oci/digest.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import { evaluatePolicy } from '../policy/engine.ts';
import { parsePolicy } from '../policy/load.ts';
import { attachBundle, attestComposition, readAttachedBundles, signArtifact } from '../sign/attach.ts';
import { SignatureVerificationError } from '../sign/errors.ts';
import { keyHint } from '../sign/keys.ts';
import { keylessSigner, keyPairSigner } from '../sign/signer.ts';
import { signStatement } from '../sign/statement.ts';
import { thrownBy } from '../sign/test-fixtures.ts';
import { VerifyInputError } from './errors.ts';
import type { GatheredComponent } from './gather.ts';
import { formatReportMarkdown, formatReportText, joinReport, violationsOf } from './report.ts';
import { verifyAttachedBundle } from './signatures.ts';
import { componentImporting, signingKey } from './test-fixtures.ts';
import { readTrustedRootFile, trustFromPolicy } from './trust.ts';
import { verify } from './verify.ts';

let dir: string;
const prod = signingKey('prod');
const other = signingKey('other');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flotilla-verify-unit-'));
  writeFileSync(join(dir, 'prod.pub'), prod.publicKeyPem);
  writeFileSync(join(dir, 'other.pub'), other.publicKeyPem);
});

const failure = (fn: () => unknown) => thrownBy(fn, VerifyInputError);

describe('trust material', () => {
  it('a trusted root that is missing, not JSON, or not a sigstore root is refused naming the file', () => {
    expect(failure(() => readTrustedRootFile(join(dir, 'nope.json'))).message).toContain(
      `cannot read the trusted root ${join(dir, 'nope.json')}`,
    );
    writeFileSync(join(dir, 'text.json'), 'not json');
    expect(failure(() => readTrustedRootFile(join(dir, 'text.json'))).code).toBe('TRUSTED_ROOT_INVALID');
    writeFileSync(join(dir, 'bundle.json'), '{"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json"}');
    expect(failure(() => readTrustedRootFile(join(dir, 'bundle.json'))).message).toContain(
      'is not a sigstore trusted root (mediaType "application/vnd.dev.sigstore.bundle.v0.3+json"',
    );
  });

  it('takes every key of every key authority once, and loads the public-good root only when asked, once', async () => {
    const policy = parsePolicy(
      join(dir, 'p.yaml'),
      [
        'authorities:',
        '  a: { key: prod.pub }',
        '  b: { key: [prod.pub, other.pub] }',
        '  c: { keyless: { issuer: x, subject: y } }',
        '',
      ].join('\n'),
    );
    let loads = 0;
    const trust = trustFromPolicy(policy, {
      publicGoodRoot: async () => {
        loads++;
        return { mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' };
      },
    });
    expect(trust.publicKeys).toEqual([prod.publicKeyPem, other.publicKeyPem]);
    expect(trust.keylessAuthorities).toEqual(['c']);
    expect(loads).toBe(0);
    await Promise.all([trust.trustedRoot(), trust.trustedRoot()]);
    expect(loads).toBe(1);
  });
});

describe('verify over an OCI layout (no registry)', () => {
  let sigstore: SigstoreStandIns;
  const savedEnv = { ...process.env };
  const release = 'https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main';

  beforeAll(async () => {
    sigstore = await startSigstore();
    Object.assign(process.env, sigstore.env());
    const store = new LayoutStore(join(dir, 'store'));
    const push = async (tag: string, value: number) => {
      const artifact = buildWasmArtifact({
        wasm: await componentImporting([], value),
        created: '2026-11-25T00:00:00Z',
        title: `${tag}.wasm`,
      });
      return pushWasmArtifact(store, artifact, tag);
    };
    await signArtifact(
      store,
      await push('keyless', 1),
      'oci:store',
      keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: () => githubActionsIdToken() }),
    );
    await signArtifact(store, await push('keyed', 2), 'oci:store', keyPairSigner(prod));
    // signed by `other`, its key hint rewritten to name `prod` (the hint is not signed)
    const forged = await keyPairSigner(other).signStatement(signStatement({ name: 'oci:store', digest: (await push('forged', 7)).digest }));
    const json = JSON.parse(new TextDecoder().decode(forged.bytes));
    json.verificationMaterial.publicKey.hint = keyHint(prod.publicKey);
    await attachBundle(store, { ...forged, bytes: new TextEncoder().encode(JSON.stringify(json)) }, await store.resolve('forged'));
    const part = await push('part', 3);
    const platform = await push('platform', 4);
    await signArtifact(store, platform, 'oci:store', keyPairSigner(prod));
    await attestComposition(store, platform, 'oci:store', keyPairSigner(prod), {
      version: '0.1.0',
      components: [
        { name: 'gateway', ref: 'build/gateway.wasm', digest: part.digest as Digest, size: part.size },
        { name: 'part', ref: 'oci:store:part', digest: part.digest as Digest, size: part.size },
      ],
    });
    // a composition attested keyless: by the release workflow, and by a pull-request workflow
    const kParts = [{ name: 'part', ref: 'oci:store:part', digest: part.digest as Digest, size: part.size }];
    const byRelease = await push('k-release', 5);
    await signArtifact(
      store,
      byRelease,
      'oci:store',
      keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: () => githubActionsIdToken() }),
    );
    await attestComposition(
      store,
      byRelease,
      'oci:store',
      keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: () => githubActionsIdToken() }),
      {
        version: '0.1.0',
        components: kParts,
      },
    );
    const byPr = await push('k-pr', 6);
    await signArtifact(
      store,
      byPr,
      'oci:store',
      keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: () => githubActionsIdToken() }),
    );
    sigstore.oidc.run = { ...DEFAULT_RUN, workflowPath: '.github/workflows/pr.yml', ref: 'refs/pull/7/merge' };
    await attestComposition(
      store,
      byPr,
      'oci:store',
      keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: () => githubActionsIdToken() }),
      {
        version: '0.1.0',
        components: kParts,
      },
    );
    sigstore.oidc.run = DEFAULT_RUN;
    writeFileSync(
      join(dir, 'keyless.yaml'),
      [
        'authorities:',
        '  release:',
        '    keyless:',
        `      issuer: ${GITHUB_ACTIONS_ISSUER}`,
        `      subject: ${release}`,
        'registries:',
        '  - local|required|release',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'keyonly-none.yaml'), ['registries:', '  - local|required', ''].join('\n'));
    writeFileSync(
      join(dir, 'prod.yaml'),
      ['authorities:', '  prod: { key: prod.pub }', 'registries:', '  - local|required|prod', ''].join('\n'),
    );
  }, 60_000);

  afterAll(async () => {
    for (const k of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
      if (savedEnv[k] === undefined) delete process.env[k];
      else process.env[k] = savedEnv[k];
    }
    await sigstore?.close();
  });

  const run = (ref: string, policy: string, publicGoodRoot?: () => Promise<unknown>) =>
    verify({ target: { kind: 'ref', ref }, policyFile: policy, cwd: dir, env: {}, ...(publicGoodRoot ? { publicGoodRoot } : {}) });

  it('without --trusted-root a keyless bundle is checked against the public-good root (here: the loader given)', async () => {
    const { report } = await run('oci:store:keyless', 'keyless.yaml', async () => sigstore.trustedRoot);
    expect(report.verdict).toBe('pass');
    expect(report.components[0]?.signers).toEqual([`keyless \`${release}\` (issuer ${GITHUB_ACTIONS_ISSUER}) [release]`]);
    expect(report.components[0]?.imports).toEqual([]);
  });

  it('a keyless composition attestation counts only from an identity a keyless authority accepts', async () => {
    const trusted = await run('oci:store:k-release', 'keyless.yaml', async () => sigstore.trustedRoot);
    expect(trusted.report.components[0]?.parts?.map((p) => [p.name, p.verdict])).toEqual([['part', 'fail']]);
    expect(trusted.report.verdict).toBe('fail');
    const fromPr = await run('oci:store:k-pr', 'keyless.yaml', async () => sigstore.trustedRoot);
    expect(fromPr.report.components[0]?.parts).toBeUndefined();
    expect(fromPr.report.components[0]?.verdict).toBe('pass');
    expect(fromPr.report.components[0]?.notes).toEqual([
      expect.stringMatching(
        /^composition attestation sha256:[0-9a-f]{12} is signed keyless by https:\/\/github\.com\/acme\/shop\/\.github\/workflows\/pr\.yml@refs\/pull\/7\/merge \(issuer https:\/\/token\.actions\.githubusercontent\.com\), which no keyless authority of the policy accepts, so its parts are not checked$/,
      ),
    ]);
  });

  it('when the public-good root cannot be had, the keyless signature is not counted and the report says why', async () => {
    const offline = async () => {
      throw new VerifyInputError('TRUSTED_ROOT_UNAVAILABLE', 'cannot fetch the Sigstore public-good trusted root through TUF: offline');
    };
    const { report } = await run('oci:store:keyless', 'keyless.yaml', offline);
    expect(report.verdict).toBe('fail');
    expect(report.components[0]?.notes).toEqual([
      expect.stringContaining(
        `[TRUST_ROOT_INVALID]: signed keyless by ${release}, not verified: cannot fetch the Sigstore public-good trusted root`,
      ),
    ]);
  });

  it("a signature by another key carrying the trusted key's hint: signed by a key the policy does not trust, and the verdict says a signature is attached", async () => {
    const { report } = await run('oci:store:forged', 'prod.yaml');
    expect(report.verdict).toBe('fail');
    const c = report.components[0];
    expect(c?.signers).toEqual([]);
    const reason = c?.checks.find((k) => k.aspect === 'signing')?.reason ?? '';
    expect(reason).toMatch(
      /^signing required by registries\[0\] `local\|required\|prod`: no signature by an authority of prod \(a signature is attached but does not verify: bundle sha256:[0-9a-f]{12} not accepted \[SIGNATURE_INVALID\]: the bundle is signed by a key the policy does not trust: /,
    );
    expect(reason).toContain(`its key hint names key ${prod.keyId}, but its signature verifies with none of the trusted keys`);
    expect(reason).not.toContain('the bundle was altered');
    expect(reason).not.toContain('the component has no signature');
    // the violation gives the reason once, not again as a note
    expect(c?.violations).toEqual([`${reason}`]);
    expect(violationsOf(report)[0]?.message).toBe(`${c?.name} (${c?.digest}): ${reason}`);
  });

  it('bundle failures are SignatureVerificationErrors, keyless bundles checked for the chain only', async () => {
    const store = new LayoutStore(join(dir, 'store'));
    const policy = parsePolicy(join(dir, 'keyonly-none.yaml'), ['registries:', '  - local|required', ''].join('\n'));
    const trust = trustFromPolicy(policy, { publicGoodRoot: async () => sigstore.trustedRoot });
    const [keyed] = await readAttachedBundles(store, await store.resolve('keyed'));
    const noKeys = await verifyAttachedBundle(keyed?.read?.bundle as Bundle, (await store.resolve('keyed')).digest as Digest, trust).catch(
      (e: unknown) => e,
    );
    expect(noKeys).toBeInstanceOf(SignatureVerificationError);
    expect(noKeys).toMatchObject({ code: 'SIGNER_UNTRUSTED' });
    // a keyless bundle verifies for its chain whatever the identity: the engine judges who signed
    const subject = await store.resolve('keyless');
    const [keyless] = await readAttachedBundles(store, subject);
    const verified = await verifyAttachedBundle(keyless?.read?.bundle as Bundle, subject.digest as Digest, trust);
    expect(verified.signer).toMatchObject({ kind: 'keyless', issuer: GITHUB_ACTIONS_ISSUER, subject: release });
  });

  it('keys that cannot verify Flotilla signatures (RSA) are set aside, the P-256 ones still verify', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(join(dir, 'rsa.pub'), rsa);
    const auth = ['authorities:', '  legacy: { key: rsa.pub }', '  prod: { key: prod.pub }', 'registries:', '  - local|required', ''];
    writeFileSync(join(dir, 'mixed.yaml'), auth.join('\n'));
    const mixed = await run('oci:store:keyed', 'mixed.yaml');
    expect(mixed.report.verdict).toBe('pass');
    writeFileSync(join(dir, 'rsa-only.yaml'), auth.filter((l) => !l.includes('prod')).join('\n'));
    const only = await run('oci:store:keyed', 'rsa-only.yaml');
    expect(only.report.verdict).toBe('fail');
    expect(only.report.components[0]?.notes[0]).toContain(
      'but the policy declares no ECDSA P-256 key authority to verify it with (not used: key ',
    );
    expect(only.report.components[0]?.notes[0]).toContain('rsa.pub of authority legacy');
  });

  it('a key-pair bundle under a policy without key authorities is noted, not counted', async () => {
    const { report } = await run('oci:store:keyed', 'keyonly-none.yaml');
    expect(report.verdict).toBe('fail');
    expect(report.components[0]?.notes[0]).toContain(
      `signed with key sha256:${prod.keyId.slice(0, 12)}, but the policy declares no ECDSA P-256 key authority`,
    );
  });

  it('parts: one fetched from the layout by its attested digest, one composed from a local file and noted', async () => {
    const { report } = await run('oci:store:platform', 'prod.yaml');
    const parts = report.components[0]?.parts ?? [];
    expect(parts.map((p) => [p.name, p.verdict])).toEqual([
      ['gateway', 'fail'],
      ['part', 'fail'],
    ]);
    expect(parts[0]?.notes[0]).toContain('composed from a local file (build/gateway.wasm');
    expect(report.components[0]?.violations).toEqual([
      expect.stringContaining('part `gateway` (build/gateway.wasm) fails: signing required by registries[0]'),
      expect.stringContaining('part `part` (oci:store:part) fails: signing required by registries[0]'),
    ]);
    const text = formatReportText(report);
    expect(text).toContain('part FAIL part  oci:store:part');
    expect(text).toContain('FAIL part `part` fails (below)');
    const table = formatReportMarkdown(report);
    expect(table).toContain('| oci:store › part |');
  });
});

describe('report', () => {
  const policy = () =>
    parsePolicy(
      join(dir, 'policy.yaml'),
      ['authorities:', '  prod: { key: prod.pub }', 'registries:', '  - local|required|prod', ''].join('\n'),
    );
  const gathered = (name: string, parts: GatheredComponent[] = []): GatheredComponent => ({
    evidence: {
      name,
      digest: `sha256:${'a'.repeat(64)}`,
      pinnedByDigest: true,
      imports: [],
      signatures: [],
      ...(parts.length ? { parts: parts.map((p) => p.evidence) } : {}),
    },
    origin: { file: join(dir, 'flotilla.yaml'), line: 7, column: 3 },
    notes: ['bundle sha256:0123456789ab not accepted [SIGNER_UNTRUSTED]: signed by key x'],
    parts,
  });

  it('one violation per failed check, on the rule line; a failing part on the declaration line of its platform', () => {
    const g = [gathered('platform', [gathered('cart')])];
    const report = joinReport(evaluatePolicy(policy(), { components: g.map((x) => x.evidence) }), g, 'lock flotilla.lock.json');
    const v = violationsOf(report);
    expect(v.map((x) => [x.check.rule, x.position?.file, x.position?.line])).toEqual([
      ['registries[0]', join(dir, 'policy.yaml'), 4],
      ['parts', join(dir, 'flotilla.yaml'), 7],
    ]);
    // a signing violation carries the notes of bundles that were not accepted
    expect(v[0]?.message).toContain('[bundle sha256:0123456789ab not accepted [SIGNER_UNTRUSTED]: signed by key x]');
    expect(report.components[0]?.parts?.[0]?.notes).toHaveLength(1);
  });

  it('the summary table escapes the pipes of seed strings', () => {
    const g = [gathered('cart')];
    const report = joinReport(evaluatePolicy(policy(), { components: g.map((x) => x.evidence) }), g, 'ref x');
    expect(formatReportMarkdown(report)).toContain('signing required by registries[0] `local\\|required\\|prod`');
  });
});

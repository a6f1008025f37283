import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubActionsIdToken } from '../shared/actions/id-token.ts';
import { buildLock, type ResolvedComponent, writeLock } from '../shared/release/lock.ts';
import { resolvePlan } from '../shared/release/plan.ts';
import { loadSpec } from '../shared/release/spec.ts';
import type { SigningKey } from '../shared/sign/keys.ts';
import { keylessSigner, keyPairSigner } from '../shared/sign/signer.ts';
import type { VerifyReport } from '../shared/verify/report.ts';
import { componentImporting, type PushedComponent, pushComponent, signingKey } from '../shared/verify/test-fixtures.ts';
import { runActionDist } from './harness/action-runner.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { GITHUB_ACTIONS_ISSUER, startSigstore } from './harness/sigstore/index.ts';

// The verify action's bundle, run as the runner runs it, over a lock.
// The e-commerce platform's lock needs the compose work (not merged yet): this
// lock is written with buildLock/writeLock over components pushed here.
const dist = join(import.meta.dirname, '..', 'actions', 'verify', 'dist', 'index.js');
const examples = join(import.meta.dirname, '..', 'examples', 'ecommerce');

describe('actions/verify dist over a lock of components in a real registry', () => {
  let registry: Registry;
  let dir: string;
  let temp: string;
  let prod: SigningKey;
  const pushed: Record<string, PushedComponent> = {};

  function lockOf(specName: string, names: string[]): void {
    writeFileSync(
      join(dir, `${specName}.yaml`),
      [
        'name: shop',
        'package: shop:platform@1.0.0',
        'components:',
        ...names.map((n) => `  ${n}: ${pushed[n]?.ref}`),
        'composition:',
        '  wac: platform.wac',
        '',
      ].join('\n'),
    );
    const plan = resolvePlan(loadSpec(join(dir, `${specName}.yaml`)));
    writeLock(
      join(dir, `${specName}.lock.json`),
      buildLock(
        plan,
        names.map((n) => pushed[n]?.resolved(n) as ResolvedComponent),
      ),
    );
  }

  beforeAll(async () => {
    registry = await startRegistry();
    dir = mkdtempSync(join(tmpdir(), 'flotilla-verify-action-'));
    temp = mkdtempSync(join(tmpdir(), 'flotilla-verify-runner-'));
    prod = signingKey('prod');
    writeFileSync(join(dir, 'prod.pub'), prod.publicKeyPem);
    writeFileSync(join(dir, 'platform.wac'), '');
    const base = ['wasi:cli/environment@0.2.0'];
    pushed.cart = await pushComponent(registry.host, 'shop/cart', await componentImporting(base, 1), { signer: keyPairSigner(prod) });
    pushed.net = await pushComponent(registry.host, 'shop/net', await componentImporting([...base, 'wasi:sockets/tcp@0.2.0'], 2), {
      signer: keyPairSigner(prod),
    });
    pushed.unsigned = await pushComponent(registry.host, 'shop/unsigned', await componentImporting(base, 3));
    pushed['payment-processor'] = await pushComponent(
      registry.host,
      'stripe/payment-processor',
      await componentImporting([...base, 'wasi:sockets/tcp@0.2.0'], 4),
    );
    lockOf('shop', ['cart', 'net', 'unsigned']);
    lockOf('ecommerce', ['cart', 'payment-processor']);
    // the e-commerce example's policy as it is in the repository, with its key
    mkdirSync(join(dir, 'keys'));
    copyFileSync(join(examples, 'policy.yaml'), join(dir, 'ecommerce-policy.yaml'));
    copyFileSync(join(examples, 'keys', 'production_signing_keys.pub'), join(dir, 'keys', 'production_signing_keys.pub'));
    lockOf('good', ['cart']);
    const policy = [
      'authorities:',
      '  prod:',
      '    key: prod.pub',
      'registries:',
      '  - local|required|prod',
      'components:',
      '  - match: net',
      '    capabilities:',
      '      deny: ["wasi:sockets/*"]',
      '',
    ];
    writeFileSync(join(dir, 'policy.yaml'), policy.join('\n'));
    writeFileSync(join(dir, 'warn.yaml'), ['mode: warn', ...policy].join('\n'));
  }, 120_000);

  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(temp, { recursive: true, force: true });
  });

  const run = (inputs: Record<string, string>) =>
    runActionDist(dist, inputs, { cwd: dir, env: { RUNNER_TEMP: temp, FLOTILLA_CACHE: join(temp, 'cache') } });

  it('fails the step on a failing lock: verdict and report outputs, one annotation per violation on its policy line, a summary table', async () => {
    const r = await run({ policy: 'policy.yaml', lock: 'shop.lock.json' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    const report = JSON.parse(readFileSync(r.outputs.report ?? '', 'utf8')) as VerifyReport;
    expect(report.components.map((c) => [c.name, c.digest, c.verdict])).toEqual([
      ['cart', pushed.cart?.digest, 'pass'],
      ['net', pushed.net?.digest, 'fail'],
      ['unsigned', pushed.unsigned?.digest, 'fail'],
    ]);

    const errors = r.annotations.filter((a) => a.startsWith('::error'));
    expect(errors).toHaveLength(3); // two violations, and the step's failure
    const net = errors.find((a) => a.includes('net (sha256:'));
    expect(net).toMatch(/file=policy\.yaml,line=7,/);
    expect(net).toContain('import `wasi:sockets/tcp@0.2.0` is denied (matches `wasi:sockets/*`)');
    const unsigned = errors.find((a) => a.includes('unsigned (sha256:'));
    expect(unsigned).toMatch(/file=policy\.yaml,line=5,/);
    expect(unsigned).toContain('signing required by registries[0] `local|required|prod`: no signature by an authority of prod');
    expect(errors.at(-1)).toBe('::error::flotilla verify: 2 violation(s) of policy.yaml in mode enforce');

    expect(r.summary).toContain('lock shop.lock.json against `policy.yaml` (mode `enforce`)');
    expect(r.summary).toContain('| component | digest | signer identity | rules applied | verdict | reason |');
    expect(r.summary).toContain(
      `| cart | \`${pushed.cart?.digest.slice(0, 19)}\` | key sha256:${prod.keyId.slice(0, 12)} [prod] | registries[0] | pass | all rules pass |`,
    );
    expect(r.summary).toMatch(/\| unsigned \| `sha256:[0-9a-f]{12}` \| unsigned \| registries\[0\] \| \*\*fail\*\* \| signing required/);
  });

  it('the key input (a public key instead of a policy): the signed ref passes, the unsigned one fails', async () => {
    const ok = await run({ key: 'prod.pub', ref: pushed.cart?.ref ?? '' });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.outputs.verdict).toBe('pass');
    expect(ok.summary).toContain('against `--key prod.pub`');
    const bad = await run({ key: 'prod.pub', ref: pushed.unsigned?.ref ?? '' });
    expect(bad.code).toBe(1);
    expect(bad.annotations.join('\n')).toContain('signing required by --key prod.pub: no signature by an authority of --key');
    const both = await run({ key: 'prod.pub', policy: 'policy.yaml', ref: pushed.cart?.ref ?? '' });
    expect(both.code).toBe(1);
    expect(both.stdout).toContain("give the input 'policy' or 'key', not both");
  });

  it('the spec and ref inputs: the same components by their tags, the same verdicts', async () => {
    const spec = await run({ policy: 'policy.yaml', spec: 'shop.yaml' });
    expect(spec.outputs.verdict).toBe('fail');
    const report = JSON.parse(readFileSync(spec.outputs.report ?? '', 'utf8')) as VerifyReport;
    expect(report.target).toBe('spec shop.yaml');
    expect(report.components.map((c) => [c.name, c.ref, c.origin?.line, c.verdict])).toEqual([
      ['cart', pushed.cart?.ref, 4, 'pass'],
      ['net', pushed.net?.ref, 5, 'fail'],
      ['unsigned', pushed.unsigned?.ref, 6, 'fail'],
    ]);
    const ref = await run({ policy: 'policy.yaml', ref: pushed.cart?.ref ?? '' });
    expect(ref.code).toBe(0);
    expect(ref.outputs.verdict).toBe('pass');
  });

  it('passes a lock whose components all pass: exit 0, no annotation', async () => {
    const r = await run({ policy: 'policy.yaml', lock: 'good.lock.json' });
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe('pass');
    expect(r.annotations).toEqual([]);
    expect(r.summary).toContain('### Flotilla verify: pass');
  });

  it('in warn mode the same lock gives verdict warn, warnings instead of errors, and the step passes', async () => {
    const r = await run({ policy: 'warn.yaml', lock: 'shop.lock.json' });
    expect(r.code).toBe(0);
    expect(r.outputs.verdict).toBe('warn');
    expect(r.annotations).toHaveLength(2);
    // warn.yaml is policy.yaml with one more line on top
    for (const a of r.annotations) expect(a).toMatch(/^::warning title=[^,]+,file=warn\.yaml,line=(6|8),/);
  });

  it('a bad policy fails the step with an annotation on its line', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'authorities:\n  prod:\n    key: prod.pub\nregistries:\n  - local|required|prod_keys\n');
    const r = await run({ policy: 'bad.yaml', lock: 'good.lock.json' });
    expect(r.code).toBe(1);
    expect(r.outputs).toEqual({});
    expect(r.annotations).toHaveLength(1);
    expect(r.annotations[0]).toMatch(/^::error title=POLICY_[A-Z_]+,file=bad\.yaml,line=5,col=\d+::/);
    expect(r.annotations[0]).toContain("unknown authority 'prod_keys'");
  });
  it('the e-commerce example policy: in development a payment processor importing wasi:sockets fails on the policy line denying it', async () => {
    const r = await run({ policy: 'ecommerce-policy.yaml', environment: 'development', lock: 'ecommerce.lock.json' });
    expect(r.code).toBe(1);
    expect(r.outputs.verdict).toBe('fail');
    const report = JSON.parse(readFileSync(r.outputs.report ?? '', 'utf8')) as VerifyReport;
    expect(report.environment).toBe('development');
    expect(report.components.map((c) => [c.name, c.verdict])).toEqual([
      ['cart', 'pass'],
      ['payment-processor', 'fail'],
    ]);
    const line =
      readFileSync(join(examples, 'policy.yaml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('- match: payment-processor')) + 1;
    const errors = r.annotations.filter((a) => a.startsWith('::error title=verify'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`file=ecommerce-policy.yaml,line=${line},`);
    expect(errors[0]).toContain('import `wasi:sockets/tcp@0.2.0` is denied (matches `wasi:sockets/*`)');
  });

  it('the e-commerce example policy in staging: a component not signed by its authorities fails', async () => {
    const r = await run({ policy: 'ecommerce-policy.yaml', environment: 'staging', lock: 'ecommerce.lock.json' });
    expect(r.outputs.verdict).toBe('fail');
    const report = JSON.parse(readFileSync(r.outputs.report ?? '', 'utf8')) as VerifyReport;
    // its bundle is by a key the policy does not list: not verified, so not a signature; the reason says one is attached, the note whose it is
    expect(report.components[0]?.violations).toEqual([
      expect.stringMatching(
        /^signing required by environments\.staging: no signature by an authority of the policy \(a signature is attached but does not verify: bundle sha256:[0-9a-f]{12} not accepted \[SIGNER_UNTRUSTED\]: the bundle is signed by key [0-9a-f]{64}, which is none of the trusted keys \([0-9a-f]{64}\)\)$/,
      ),
    ]);
    expect(report.components[0]?.notes[0]).toMatch(
      /\[SIGNER_UNTRUSTED\]: the bundle is signed by key [0-9a-f]{64}, which is none of the trusted keys/,
    );
    expect(r.summary).toContain('which is none of the trusted keys');
  });
  it('keyless: with the trusted-root input, a component signed by the release workflow passes and the summary names the workflow', async () => {
    const sigstore = await startSigstore();
    const saved = { ...process.env };
    try {
      Object.assign(process.env, sigstore.env());
      pushed.keyless = await pushComponent(registry.host, 'shop/keyless', await componentImporting([], 9), {
        signer: keylessSigner({ endpoints: sigstore.endpoints, retry: 0, identityToken: () => githubActionsIdToken() }),
      });
      lockOf('keyless', ['keyless']);
      writeFileSync(join(dir, 'trusted_root.json'), JSON.stringify(sigstore.trustedRoot));
      writeFileSync(
        join(dir, 'keyless-policy.yaml'),
        [
          'authorities:',
          '  release:',
          '    keyless:',
          `      issuer: ${GITHUB_ACTIONS_ISSUER}`,
          "      subject-regexp: 'https://github\\.com/acme/shop/\\.github/workflows/release\\.yml@.*'",
          'registries:',
          '  - local|required|release',
          '',
        ].join('\n'),
      );
      const r = await run({ policy: 'keyless-policy.yaml', lock: 'keyless.lock.json', 'trusted-root': 'trusted_root.json' });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.outputs.verdict).toBe('pass');
      expect(r.summary).toContain(
        '| keyless `https://github.com/acme/shop/.github/workflows/release.yml@refs/heads/main` (issuer https://token.actions.githubusercontent.com) [release] |',
      );
    } finally {
      for (const k of ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await sigstore.close();
    }
  });
});

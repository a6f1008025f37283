import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryConfigFromEnvValue } from '../shared/registry-config/load.ts';
import { RegistryClients } from '../shared/registry-config/open.ts';
import { formatLock, type LockFile } from '../shared/release/lock.ts';
import { generateKeyPair } from '../shared/sign/keys.ts';
import { COMPOSITION_PREDICATE_TYPE, parseCompositionPredicate } from '../shared/sign/statement.ts';
import { verifiedReferrers } from '../shared/sign/test-fixtures.ts';
import { trustedIdentity, verifyBundle } from '../shared/sign/verify.ts';
import { runActionDist } from './harness/action-runner.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { DEFAULT_RUN, GITHUB_ACTIONS_ISSUER, type SigstoreStandIns, startSigstore } from './harness/sigstore/index.ts';
import { makeComponent, tempDir } from './harness/wasm-fixtures.ts';
import { settledLog } from './oci/artifacts.ts';

/** The registry logs a request a moment after answering it: wait for the log to settle before counting or clearing. */
async function logOf(reg: { accessLog(): { method: string; path: string; status: number }[] }) {
  await settledLog(reg);
  return reg.accessLog();
}
async function clearLog(reg: { accessLog(): unknown[]; clearAccessLog(): void }) {
  await settledLog(reg);
  reg.clearAccessLog();
}

// The publish action's dist/index.js run as the runner runs it (INPUT_*,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). The composed e-commerce platform of
// the compose issue is not built yet: the component is a real one parsed
// from WAT by jco, and the lock names two real input components pushed first.
const dist = join(import.meta.dirname, '..', 'actions', 'publish', 'dist', 'index.js');
const PASSWORD = 'action key password';

let anon: Registry;
let token: Registry;
let work: { dir: string; cleanup: () => void };
let pair: ReturnType<typeof generateKeyPair>;
let registriesEnv: string;
let baseEnv: Record<string, string>;

beforeAll(async () => {
  [anon, token] = await Promise.all([startRegistry(), startRegistry({ auth: 'token' })]);
  work = tempDir('flotilla-publish-action-');
  pair = generateKeyPair({ password: PASSWORD });
  writeFileSync(join(work.dir, 'platform.wasm'), await makeComponent('run', 42));
  writeFileSync(join(work.dir, 'cart.wasm'), await makeComponent('get', 1));
  registriesEnv = `dev|${anon.host}|oci|anonymous;prod|${token.host}|oci|basic|REG_USER|REG_PASSWORD`;
  baseEnv = {
    FLOTILLA_REGISTRIES: registriesEnv,
    REG_USER: token.username ?? '',
    REG_PASSWORD: token.password ?? '',
    SOURCE_DATE_EPOCH: '1767225600',
  };
});

afterAll(async () => {
  await Promise.all([anon?.stop(), token?.stop()]);
  work?.cleanup();
});

const clients = () =>
  new RegistryClients(registryConfigFromEnvValue(registriesEnv), {
    env: { REG_USER: token.username ?? '', REG_PASSWORD: token.password ?? '' },
  });

describe('actions/publish dist/index.js', () => {
  it('pushes a component and its composition attestation to two registries, signed with a key from a secret', async () => {
    const input = await runActionDist(
      dist,
      { component: 'cart.wasm', to: 'dev/inputs/cart:1.0.0', signing: 'none' },
      { cwd: work.dir, env: baseEnv },
    );
    expect(input.code, input.stdout).toBe(0);
    const cartDigest = input.outputs.digest ?? '';
    const lock: LockFile = {
      lockVersion: 1,
      spec: 'shop',
      package: 'acme:platform@1.0.0',
      components: [
        {
          name: 'cart',
          package: 'acme:cart',
          source: 'ref',
          ref: `${anon.host}/inputs/cart:1.0.0@${cartDigest}`,
          registry: anon.host,
          digest: cartDigest as `sha256:${string}`,
          size: 1,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          layer: { digest: `sha256:${'1'.repeat(64)}`, size: 1, mediaType: 'application/wasm' },
          imports: [],
          exports: ['get'],
        },
      ],
    };
    writeFileSync(join(work.dir, 'flotilla.lock.json'), formatLock(lock));

    const run = await runActionDist(
      dist,
      {
        component: 'platform.wasm',
        lock: 'flotilla.lock.json',
        to: 'dev/shop/platform:1.0.0\nprod/shop/platform:1.0.0',
        signing: 'key',
        'key-env': 'RELEASE_KEY',
        'bundle-dir': 'out',
      },
      { cwd: work.dir, env: { ...baseEnv, RELEASE_KEY: pair.privateKeyPem, FLOTILLA_KEY_PASSWORD: PASSWORD } },
    );
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const digest = run.outputs.digest ?? '';
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.parse(run.outputs.refs ?? '[]')).toEqual([`${anon.host}/shop/platform:1.0.0`, `${token.host}/shop/platform:1.0.0`]);
    expect(run.outputs.bundle).toBe(join(work.dir, 'out', 'platform.sigstore.json'));
    expect(run.outputs['attestation-bundle']).toBe(join(work.dir, 'out', 'platform.composition.sigstore.json'));
    expect(
      verifyBundle(
        readFileSync(run.outputs.bundle ?? '', 'utf8'),
        { kind: 'key', publicKeys: [pair.publicKeyPem] },
        { subjectDigest: digest as `sha256:${string}` },
      ).signer,
    ).toEqual({
      kind: 'key',
      keyId: pair.keyId,
    });

    // secrets: masked before use, and never printed outside the mask commands
    const keyLine = pair.privateKeyPem.split('\n')[1] ?? '';
    expect(run.stdout).toContain(`::add-mask::${PASSWORD}`);
    expect(run.stdout).toContain(`::add-mask::${keyLine}`);
    const printed = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(printed).not.toContain(PASSWORD);
    expect(printed).not.toContain(keyLine);
    expect(run.summary).not.toContain(PASSWORD);

    // the job summary table: ref, digest, signed by, referrer digest
    expect(run.summary).toContain('| ref | digest | signed by | referrer digest | composition attestation |');
    for (const host of [anon.host, token.host]) {
      const store = clients().repository(`${host}/shop/platform`);
      const desc = await store.resolve('1.0.0');
      expect(desc.digest).toBe(digest);
      const sigs = await verifiedReferrers(store, desc, { kind: 'key', publicKeys: [pair.publicKeyPem] });
      expect(sigs.verified).toHaveLength(2);
      const att = sigs.verified.find((v) => v.result.statement.predicateType === COMPOSITION_PREDICATE_TYPE);
      expect(parseCompositionPredicate(att?.result.statement.predicate).components).toEqual([
        { name: 'cart', ref: `${anon.host}/inputs/cart:1.0.0@${cartDigest}`, digest: cartDigest, size: 1 },
      ]);
      const sig = sigs.verified.find((v) => v.result.statement.predicateType !== COMPOSITION_PREDICATE_TYPE);
      expect(run.summary).toContain(
        `| \`${host}/shop/platform:1.0.0\` | \`${digest}\` | key ${pair.keyId} | \`${sig?.referrer.digest}\` | \`${att?.referrer.digest}\` |`,
      );
    }
  });

  it('refuses under the policy with an error naming the rule, and no request reaches the registry', async () => {
    writeFileSync(join(work.dir, 'policy.yaml'), 'environments:\n  production:\n    signing: required\n    unknown-registries: deny\n');
    await clearLog(anon);
    const run = await runActionDist(
      dist,
      { component: 'platform.wasm', to: 'dev/shop/platform:2.0.0', policy: 'policy.yaml', environment: 'production' },
      { cwd: work.dir, env: baseEnv },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::flotilla publish [POLICY_REFUSED]');
    expect(run.stdout).toContain('environments.production.unknown-registries');
    expect(run.stdout).toContain('no signer is configured');
    expect(run.outputs).toEqual({});
    expect(await logOf(anon)).toEqual([]);
  });

  describe('keyless', () => {
    let sigstore: SigstoreStandIns;
    beforeAll(async () => {
      sigstore = await startSigstore();
    });
    afterAll(async () => {
      await sigstore?.close();
    });

    it('signs with the GitHub OIDC token, Fulcio and Rekor (stand-ins), and the bundle verifies for the workflow', async () => {
      const run = await runActionDist(
        dist,
        {
          component: 'platform.wasm',
          to: 'prod/keyless/platform:1.0.0',
          signing: 'keyless',
          'fulcio-url': sigstore.endpoints.fulcioURL,
          'rekor-url': sigstore.endpoints.rekorURL,
          // the default, $RUNNER_TEMP/flotilla-publish, goes with the runner's temporary folder
          'bundle-dir': 'keyless-out',
        },
        { cwd: work.dir, env: { ...baseEnv, ...sigstore.env() } },
      );
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const subject = `https://github.com/${DEFAULT_RUN.repository}/.github/workflows/release.yml@${DEFAULT_RUN.ref}`;
      expect(existsSync(run.outputs.bundle ?? '')).toBe(true);
      const verified = verifyBundle(readFileSync(run.outputs.bundle ?? '', 'utf8'), {
        kind: 'keyless',
        trustedRoot: sigstore.trustedRoot,
        identities: [trustedIdentity({ issuer: GITHUB_ACTIONS_ISSUER, subject })],
      });
      expect(verified.subjectDigest).toBe(run.outputs.digest);
      expect(verified.tlogEntries).toBe(1);
      expect(run.summary).toContain(`${subject} (keyless)`);
    });
  });
});

/** Nothing is deployed that the policy would refuse: the version to roll out is verified first. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import type { ContentStore } from '../oci/store.ts';
import { signArtifact } from '../sign/attach.ts';
import { generateKeyPair, parsePrivateKey } from '../sign/keys.ts';
import { keyPairSigner } from '../sign/signer.ts';
import { PolicyRefusedError, runRollout } from './run.ts';
import { resolveTag, StateStore } from './state-store.ts';
import { appStore, pushApp } from './test-apps.ts';

let registry: Registry;
let dir: string;
let store: ContentStore;
let spec: string;
let signedDigest: string;

beforeAll(async () => {
  registry = await startRegistry();
  dir = mkdtempSync(join(tmpdir(), 'flotilla-gate-'));
  store = appStore(registry.host, 'shop/platform');
  await pushApp(store, 'production', 1);
  await pushApp(store, 'unsigned', 2);
  signedDigest = await pushApp(store, 'signed', 3);
  const pair = generateKeyPair({ unencrypted: true });
  writeFileSync(join(dir, 'release.pub'), pair.publicKeyPem);
  await signArtifact(
    store,
    await store.resolve(signedDigest),
    `${registry.host}/shop/platform`,
    keyPairSigner(parsePrivateKey(pair.privateKeyPem, 'release')),
  );
  writeFileSync(
    join(dir, 'policy.yaml'),
    'mode: enforce\ndefault_signing_required: true\nauthorities:\n  release:\n    key: release.pub\nregistries:\n  - match: "127.0.0.1"\n    signing: required\n    authorities: [release]\n',
  );
  spec = join(dir, 'flotilla.yaml');
  writeFileSync(
    spec,
    `name: shop\npackage: shop:platform@1.0.0\ncomponents:\n  gateway: ghcr.io/acme/gateway:1.0.0\n  users: ghcr.io/acme/users:2.0.0\ncomposition:\n  plug:\n    socket: gateway\nrollout:\n  repository: ${registry.host}/shop/platform\n  strategies: [blue-green]\nenvironments:\n  production:\n    policy: policy.yaml\n`,
  );
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('an unsigned version is refused before anything moves; a signed one is rolled out', async () => {
  const before = (await resolveTag(store, 'production'))?.digest;
  const o = { spec, cwd: dir, env: {}, environment: 'production' } as const;
  const refused = await runRollout({ ...o, command: 'start', canary: `${registry.host}/shop/platform:unsigned` }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(PolicyRefusedError);
  expect((refused as Error).message).toMatch(
    /^127\.0\.0\.1:\d+\/shop\/platform@sha256:\w+ is refused by the policy .*policy.yaml \(environment production\): .*; nothing was deployed$/,
  );
  expect((refused as Error).message).toMatch(/sign/i);
  expect((await new StateStore(store, 'flotilla-rollout-production').read()).state).toBeUndefined();
  expect((await resolveTag(store, 'production'))?.digest).toBe(before);
  expect(await resolveTag(store, 'production-preview')).toBeUndefined();
  const ok = await runRollout({ ...o, command: 'start', canary: `${registry.host}/shop/platform:signed` });
  expect(ok.outputs).toMatchObject({ phase: 'Healthy', liveDigest: signedDigest });
});

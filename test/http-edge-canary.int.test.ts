// A canary of a whole app (no rollout.canary.component), split at its
// wasi:http edge: two builds of a small HTTP app (componentize-qjs; each
// answers which version it is), published to a real registry and signed with
// the team's release key, the first live under `production`, followed by the
// real `flotilla serve --follow` (a child process). The canary step at 50 %
// publishes an app that is a generated HTTP splitter in front of both apps
// (signed, its composition attestation naming both digests), and serve runs
// it: requests reach both versions, `x-flotilla-canary: always|never`
// decides, and the sticky header keeps one user on one version. Abort puts
// the stable app's very manifest back; retry and promote make the canary
// app itself (no splitter) live.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComponent } from '../examples/ecommerce/componentize.ts';
import { stageWit } from '../examples/ecommerce/wit-staging.ts';
import { pushFile } from '../shared/artifact/operations.ts';
import { componentType } from '../shared/component/types.ts';
import type { ContentStore } from '../shared/oci/store.ts';
import { RegistryClients } from '../shared/registry-config/open.ts';
import { SplitterNeededError } from '../shared/rollout/deployer.ts';
import { ROLLOUT_ANNOTATIONS } from '../shared/rollout/in-app.ts';
import { runRollout } from '../shared/rollout/run.ts';
import { StateStore } from '../shared/rollout/state-store.ts';
import { signArtifact } from '../shared/sign/attach.ts';
import { generateKeyPair, parsePrivateKey } from '../shared/sign/keys.ts';
import { keyPairSigner } from '../shared/sign/signer.ts';
import { freePort } from './harness/ports.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { makeComponent } from './harness/wasm-fixtures.ts';
import { type ServeProcess, serveFollow } from './support/ecommerce-rollout.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'flotilla.js');
const HTTP_SOURCE = join(import.meta.dirname, '..', 'shared', 'interpose', 'testdata', 'http');
const FIXTURES = join(tmpdir(), 'flotilla-test-fixtures', 'interpose-http');
const REPO = 'company/web/app';

let registry: Registry;
let work: string;
let app: ContentStore;
let repository: string;
let keyFile: string;
let spec: string;
let serving: ServeProcess | undefined;
const digests: Record<string, string> = {};
let stableManifest = '';

async function buildApp(version: 'stable' | 'canary'): Promise<Uint8Array> {
  const outPath = join(FIXTURES, `${version}.wasm`);
  await buildComponent({
    name: `interpose-http-${version}`,
    componentizer: 'componentize-qjs',
    entry: join(HTTP_SOURCE, `${version}.js`),
    sourceDir: HTTP_SOURCE,
    witDir: join(FIXTURES, 'wit'),
    world: 'backend',
    wasi: true,
    outPath,
  });
  return new Uint8Array(readFileSync(outPath));
}

const run = (command: 'start' | 'abort' | 'retry' | 'promote' | 'status', canary?: string) =>
  runRollout({
    spec,
    cwd: work,
    env: {},
    environment: 'production',
    command,
    ...(canary ? { canary } : {}),
    signing: { kind: 'key', key: keyFile },
  });

const tag = async (t: string) => (await app.resolve(t)).digest;

interface Seen {
  version: 'stable' | 'canary';
  user: string | null;
  canary: string | null;
}

async function get(headers: Record<string, string> = {}): Promise<Seen> {
  const res = await fetch(`${serving?.url}/hello`, { headers });
  expect(res.status).toBe(200);
  const seen = (await res.json()) as Seen;
  expect(res.headers.get('x-version')).toBe(seen.version);
  return seen;
}

beforeAll(async () => {
  registry = await startRegistry();
  work = mkdtempSync(join(tmpdir(), 'flotilla-http-edge-canary-'));
  await stageWit(HTTP_SOURCE, join(FIXTURES, 'wit'), '0.2.10');
  const builds = { v1: await buildApp('stable'), v2: await buildApp('canary') };
  mkdirSync(join(work, 'keys'));
  const pair = generateKeyPair({ unencrypted: true });
  keyFile = join(work, 'keys', 'release.key');
  writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(work, 'keys', 'release.pub'), pair.publicKeyPem);
  writeFileSync(
    join(work, 'policy.yaml'),
    'mode: enforce\ndefault_signing_required: true\nauthorities:\n  release:\n    key: keys/release.pub\nregistries:\n  - match: "127.0.0.1"\n    signing: required\n    authorities: [release]\n',
  );
  repository = `${registry.host}/${REPO}`;
  app = new RegistryClients().repository(repository);
  const signer = keyPairSigner(parsePrivateKey(pair.privateKeyPem, 'release key'));
  // a whole app that is not an HTTP app: a canary of it cannot be split at a wasi:http edge
  const plain = await makeComponent('run', 3);
  for (const [t, bytes] of [...Object.entries(builds), ['plain', plain] as const]) {
    const file = join(work, `app-${t}.wasm`);
    writeFileSync(file, bytes);
    const d = (await pushFile(file, `${repository}:${t}`, { cwd: work, env: {} })).descriptor;
    digests[t] = d.digest;
    await signArtifact(app, d, repository, signer);
  }
  spec = join(work, 'flotilla.yaml');
  writeFileSync(
    spec,
    `name: web
package: company:web@1.0.0
# how the app is built (a whole-app canary rolls out apps already composed: these are not pulled)
components:
  frontend: ${registry.host}/company/web/frontend:1.0.0
  backend: ${registry.host}/company/web/backend:1.0.0
composition:
  plug:
    socket: frontend
rollout:
  repository: ${repository}
  canary:
    sticky: {header: x-user}
    steps:
      - setWeight: 50
      - pause: {}
environments:
  production:
    policy: policy.yaml
`,
  );
  // the first release: nothing is live yet, so v1 goes live at once
  const first = await run('start', `${repository}:v1`);
  expect(first.outputs.phase).toBe('Healthy');
  expect(first.outputs.liveDigest).toBe(digests.v1);
  stableManifest = Buffer.from((await app.fetchManifest(digests.v1 ?? '')).bytes).toString('base64');
}, 900_000);

afterAll(async () => {
  await serving?.stop();
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('a whole-app canary split at the wasi:http edge', () => {
  it('at 50 %: both versions answer, x-flotilla-canary decides, a sticky user stays on one version; abort → the stable bytes; retry and promote → the canary app itself', async () => {
    serving = await serveFollow(`${repository}:production`, work, await freePort());
    await serving.waitForDigest(digests.v1 ?? '');
    expect((await get()).version).toBe('stable');

    // through the CLI, as a workflow step runs it: the split app is signed with --key
    const cli = spawnSync(
      process.execPath,
      [
        BIN,
        'canary',
        'start',
        'flotilla.yaml',
        '--env',
        'production',
        '--canary',
        `${repository}:v2`,
        '--key',
        'keys/release.key',
        '--json',
      ],
      { cwd: work, encoding: 'utf8', env: { ...process.env, FLOTILLA_FROM_SOURCE: '1' } },
    );
    expect(cli.status, `${cli.stdout}\n${cli.stderr}`).toBe(0);
    const started = JSON.parse(cli.stdout) as { outputs: Record<string, unknown>; text: string };
    expect(started.outputs, started.text).toMatchObject({
      phase: 'Paused',
      weight: 50,
      stableDigest: digests.v1,
      canaryDigest: digests.v2,
    });
    const split = String(started.outputs.liveDigest);
    expect(split).not.toBe(digests.v1);
    expect(split).not.toBe(digests.v2);
    expect(await tag('production')).toBe(split);
    expect(await tag('production-canary-w50')).toBe(split);

    // the split app: annotations name both apps and the weight; its type is the union of both apps' imports, the handler exported
    const m = JSON.parse(new TextDecoder().decode((await app.fetchManifest(split)).bytes));
    expect(m.annotations).toMatchObject({
      [ROLLOUT_ANNOTATIONS.stable]: `${repository}@${digests.v1}`,
      [ROLLOUT_ANNOTATIONS.canary]: `${repository}@${digests.v2}`,
      [ROLLOUT_ANNOTATIONS.weight]: '50',
      'dev.flotilla.rollout.sticky': 'header:x-user',
    });
    const wasm = await app.fetch(m.layers[0]);
    const t = componentType(wasm);
    expect([...t.exports.keys()]).toEqual(['wasi:http/incoming-handler@0.2.10', 'flotilla-stats-incoming-handler']);
    const v1Imports = [...componentType(readFileSync(join(work, 'app-v1.wasm'))).imports.keys()];
    // semver-compatible imports are merged under the highest version (the splitter's clock is 0.2.0, the apps' 0.2.10)
    const key = (n: string) => n.replace(/@(\d+)\.(\d+)\.\d+$/, '@$1.$2');
    const splitImports = [...t.imports.keys()].map(key);
    for (const i of v1Imports) expect(splitImports).toContain(key(i));
    expect(splitImports.length).toBe(new Set(splitImports).size);

    // signed, and the composition attestation names both digests: verify passes it against the policy
    const verify = spawnSync(
      process.execPath,
      [BIN, 'verify', `${repository}@${split}`, '--policy', 'policy.yaml', '--env', 'production', '--json'],
      {
        cwd: work,
        encoding: 'utf8',
      },
    );
    expect(verify.status, `${verify.stdout}\n${verify.stderr}`).toBe(0);
    const report = JSON.parse(verify.stdout) as {
      verdict: string;
      components: { parts?: { name: string; digest?: string; verdict?: string }[] }[];
    };
    expect(report.verdict).toBe('pass');
    // the parts are the attestation's: the two apps by digest, each signed by the release key
    expect(report.components[0]?.parts?.map((p) => [p.name, p.digest])).toEqual([
      ['canary', digests.v2],
      ['stable', digests.v1],
    ]);

    await serving.waitForDigest(split);
    // no routing header: the weight counter sends every second request to each
    const anonymous = [];
    for (let n = 0; n < 20; n++) anonymous.push((await get()).version);
    expect(anonymous.filter((v) => v === 'canary').length).toBe(10);
    expect(anonymous.filter((v) => v === 'stable').length).toBe(10);
    // the override
    for (let i = 0; i < 8; i++) {
      expect((await get({ 'x-flotilla-canary': 'always' })).version).toBe('canary');
      expect((await get({ 'x-flotilla-canary': 'never' })).version).toBe('stable');
    }
    // sticky by x-user: each user gets one version every time; both versions have users
    const first = new Map<string, string>();
    for (let u = 0; u < 40; u++) first.set(`user-${u}`, (await get({ 'x-user': `user-${u}` })).version);
    for (let round = 0; round < 2; round++)
      for (let u = 0; u < 40; u++) expect((await get({ 'x-user': `user-${u}` })).version).toBe(first.get(`user-${u}`));
    const onCanary = [...first.values()].filter((v) => v === 'canary').length;
    expect(onCanary).toBeGreaterThan(5);
    expect(onCanary).toBeLessThan(35);
    // the splitter's metrics, per version, on the split app's digest
    const metrics = await (await fetch(`${serving.adminUrl}/metrics`)).text();
    const calls = (version: string) =>
      metrics
        .split('\n')
        .filter(
          (l) => l.startsWith('flotilla_interposer_calls_total{') && l.includes(`digest="${split}"`) && l.includes(`version="${version}"`),
        )
        .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
    expect(calls('canary')[0]).toBeGreaterThan(10);
    expect(calls('stable')[0]).toBeGreaterThan(10);

    // abort: the stable app's very manifest serves again
    const aborted = await run('abort');
    expect(aborted.outputs.phase).toBe('Aborted');
    expect(await tag('production')).toBe(digests.v1);
    expect(Buffer.from((await app.fetchManifest('production')).bytes).toString('base64')).toBe(stableManifest);
    await serving.waitForDigest(digests.v1 ?? '');
    for (let i = 0; i < 5; i++) expect((await get({ 'x-flotilla-canary': 'always' })).version).toBe('stable');

    // retry: the same split app again (content-addressed); promote: the canary app itself, no splitter
    const retried = await run('retry');
    expect(retried.outputs).toMatchObject({ phase: 'Paused', weight: 50, liveDigest: split });
    const promoted = await run('promote');
    expect(promoted.outputs, promoted.text).toMatchObject({ phase: 'Healthy', liveDigest: digests.v2 });
    expect(await tag('production')).toBe(digests.v2);
    expect(await tag('production-stable')).toBe(digests.v2);
    expect(await tag('production-previous')).toBe(digests.v1);
    await serving.waitForDigest(digests.v2 ?? '');
    for (let i = 0; i < 5; i++) expect((await get({ 'x-flotilla-canary': 'never' })).version).toBe('canary');
    const { state } = await new StateStore(app, 'flotilla-rollout-production').read();
    expect(state?.decisions.some((d) => d.reason.includes('wasi:http edge'))).toBe(true);
    await serving.stop();
    serving = undefined;
  }, 900_000);

  it('a whole app that exports no wasi:http/incoming-handler is refused at start, naming it; nothing moves', async () => {
    const live = await tag('production');
    const before = await new StateStore(app, 'flotilla-rollout-production').read();
    const refused = await run('start', `${repository}:plain`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SplitterNeededError);
    expect((refused as SplitterNeededError).code).toBe('ROLLOUT_NEEDS_SPLITTER');
    expect((refused as Error).message).toMatch(
      new RegExp(
        `^the canary app ${repository}:plain \\(${digests.plain}\\) exports no wasi:http/incoming-handler@0\\.2\\.x \\(its exports: run\\)`,
      ),
    );
    expect(await tag('production')).toBe(live);
    const after = await new StateStore(app, 'flotilla-rollout-production').read();
    expect(after.digest).toBe(before.digest);
  }, 300_000);
});

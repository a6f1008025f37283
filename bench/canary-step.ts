/**
 * The wall time of one canary step of the in-app splitter on the e-commerce
 * platform, with a warm store: compose the platform with a generated
 * splitter between the gateway and the user service at the step's weight
 * (the canary user service beside the stable one; the composed output
 * validated), sign it with a key pair, with its composition attestation,
 * push it to a local docker-registry, and move the live tag:
 * `InAppDeployer.setWeight` then the engine's tag move, as `flotilla canary`
 * runs them.
 *
 * Peer, in the same rounds: what a release of the same app costs without a
 * rollout, a plain `flotilla compose` of the spec (warm store) then
 * `flotilla publish` of the result, signed with the same key, with the lock
 * (composeSpec + publishComponent, the library calls the commands make).
 *
 * Every round's step uses a weight not used before (a new composed output,
 * as every step of a rollout is), so nothing is served from the validation
 * cache's output entries that the peer, composing the same app again, does
 * hit. Rounds alternate the order of the two; reported: each round, and the
 * median of both and of their ratio, with the machine and its load.
 *
 *   node bench/canary-step.ts [rounds]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { publishComponent } from '../shared/publish/publish.ts';
import { RegistryClients } from '../shared/registry-config/open.ts';
import { composeSpec } from '../shared/release/compose.ts';
import { loadSpec } from '../shared/release/spec.ts';
import { environmentRollout } from '../shared/rollout/config.ts';
import { InAppDeployer } from '../shared/rollout/in-app.ts';
import { runRollout } from '../shared/rollout/run.ts';
import { moveTag } from '../shared/rollout/state-store.ts';
import { startRegistry } from '../test/harness/registry.ts';
import { setUpShop } from '../test/support/ecommerce-rollout.ts';

const ROUNDS = Number(process.argv[2] ?? 5);
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const registry = await startRegistry();
const work = mkdtempSync(join(tmpdir(), 'flotilla-bench-canary-'));
try {
  const env = { FLOTILLA_CACHE: join(work, 'store') };
  const shop = await setUpShop(
    join(work, 'shop'),
    registry.host,
    'canary:\n  component: user-service\n  steps:\n    - setWeight: 10\n    - pause: {}',
    ['production'],
  );
  const signing = { kind: 'key' as const, key: shop.keyFile };
  // the first release (v2.0.0 goes live) fills the store
  const first = await runRollout({
    spec: shop.spec,
    cwd: shop.dir,
    env,
    environment: 'production',
    command: 'start',
    canary: shop.userService('v2.0.0'),
    signing,
  });
  if (first.outputs.phase !== 'Healthy') throw new Error(`first release: ${first.text}`);
  const spec = loadSpec(shop.spec);
  const rollout = spec.rollout;
  if (!rollout) throw new Error('no rollout section');
  const environment = environmentRollout(rollout, 'production', spec.file);
  const app = new RegistryClients().repository(shop.repository);
  const deployer = new InAppDeployer({
    spec,
    component: 'user-service',
    store: app,
    repository: shop.repository,
    env,
    signing,
    workDir: join(work, 'in-app'),
  });
  const prepared = await deployer.prepare(shop.userService('v2.1.0'), { environment, strategy: 'canary' });
  const ctx = {
    environment,
    repository: shop.repository,
    stable: { digest: first.outputs.liveDigest },
    canary: { ref: prepared.ref, digest: prepared.digest },
  };
  let weight = 1;
  const step = async () => {
    const t = performance.now();
    const outcome = await deployer.setWeight(weight++, ctx);
    await moveTag(app, environment.tag, outcome.live);
    return performance.now() - t;
  };
  let n = 0;
  const peer = async () => {
    const t = performance.now();
    const dir = join(work, 'peer', String(n++));
    const composed = await composeSpec({
      specFile: shop.spec,
      environment: 'production',
      output: join(dir, 'platform.wasm'),
      lockFile: join(dir, 'flotilla.lock.json'),
      env,
    });
    await publishComponent({
      file: composed.output,
      to: [`${shop.repository}:release`],
      cwd: shop.dir,
      env,
      name: 'ecommerce-platform',
      signing,
      lock: composed.lockFile,
      bundleDir: dir,
    });
    return performance.now() - t;
  };
  // the compose part of a step alone (the splitter at a weight no step uses), for the breakdown
  let composeWeight = 60;
  const composeOnly = async () => {
    const t = performance.now();
    const dir = join(work, 'compose', String(composeWeight));
    await composeSpec({
      specFile: shop.spec,
      environment: 'production',
      output: join(dir, 'platform.wasm'),
      lockFile: join(dir, 'flotilla.lock.json'),
      env,
      canary: { component: 'user-service', ref: prepared.ref, weight: composeWeight++ },
    });
    return performance.now() - t;
  };
  // warm-up: one of each
  await step();
  await peer();
  await composeOnly();
  const rows: { step: number; peer: number; compose: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const row = { step: 0, peer: 0, compose: 0 };
    if (r % 2 === 0) {
      row.step = await step();
      row.peer = await peer();
      row.compose = await composeOnly();
    } else {
      row.compose = await composeOnly();
      row.peer = await peer();
      row.step = await step();
    }
    rows.push(row);
    process.stdout.write(
      `round ${r + 1}: canary step (weight ${weight - 1}) ${fmt(row.step)} (its compose alone ${fmt(row.compose)}), compose + publish ${fmt(row.peer)}, ratio ${(row.step / row.peer).toFixed(2)}×, load ${loadavg()[0]?.toFixed(2)}\n`,
    );
  }
  const s = median(rows.map((r) => r.step));
  const p = median(rows.map((r) => r.peer));
  process.stdout.write(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n` +
      `median of ${ROUNDS}: canary step ${fmt(s)} (goal ≤ 2 s: ${s <= 2000 ? 'met' : 'not met'}; compose with the splitter ${fmt(median(rows.map((r) => r.compose)))}), compose + publish ${fmt(p)}, ratio ${(s / p).toFixed(2)}× (median of ratios ${median(rows.map((r) => r.step / r.peer)).toFixed(2)}×)\n`,
  );
} finally {
  await registry.stop();
  rmSync(work, { recursive: true, force: true });
}

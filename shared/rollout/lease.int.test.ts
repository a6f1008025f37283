/**
 * A late heartbeat is not a conflict: a second run that reads the state while
 * the first run's lease looks expired, and whose write then finds that the
 * first run renewed it (its heartbeat timer ran late on a loaded machine), is
 * refused with the lease message naming the first run, not a
 * StateConflictError. The renewal is made to land exactly in that window
 * (between the second run's read and its PUT) through the store the run
 * writes with, so the test does not depend on timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import type { ContentStore } from '../oci/store.ts';
import { runRollout } from './run.ts';
import { RolloutLockedError, STATE_ARTIFACT_TYPE, StateConflictError } from './state.ts';
import { StateStore } from './state-store.ts';
import { appStore, pushApp, writeSpec } from './test-apps.ts';

let registry: Registry;
let dir: string;
let store: ContentStore;
let spec: string;

beforeAll(async () => {
  registry = await startRegistry();
  dir = mkdtempSync(join(tmpdir(), 'flotilla-lease-'));
  store = appStore(registry.host, 'shop/platform');
  await pushApp(store, 'late', 1);
  await pushApp(store, '2.0.0', 2);
  spec = writeSpec(
    dir,
    `repository: ${registry.host}/shop/platform
leaseDuration: 2s
canary:
  steps:
    - setWeight: 10
    - pause: {}
traffic:
  gatewayApi: {parentRefs: [{name: edge}], output: deploy}`,
    'late: {}',
  );
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The store, with `beforeStateLayer` run once just before the first state layer is pushed (inside a write). */
function interceptingStore(inner: ContentStore, beforeStateLayer: () => Promise<void>): ContentStore {
  let done = false;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'push') {
        return async (...args: Parameters<ContentStore['push']>) => {
          if (!done && args[0].mediaType === STATE_ARTIFACT_TYPE) {
            done = true;
            await beforeStateLayer();
          }
          return target.push(...args);
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

it('a lease renewed between a second run’s read and its write refuses that run, naming the holder, not a conflict', async () => {
  const o = { spec, cwd: dir, environment: 'late' } as const;
  const alice = {
    GITHUB_RUN_ID: '111',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_ACTOR: 'alice',
    GITHUB_JOB: 'canary',
  };
  const first = await runRollout({ ...o, env: alice, command: 'start', canary: `${registry.host}/shop/platform:2.0.0` });
  expect(first.outputs.phase).toBe('Paused');
  // alice's run is alive but its heartbeat is late: the lease in the registry expired a moment ago
  const states = new StateStore(store, 'flotilla-rollout-late');
  const read = await states.read();
  const s = read.state;
  if (!s) throw new Error('no state');
  const holder = s.runs[0]?.actor;
  if (!holder) throw new Error('no run recorded');
  const now = Date.now();
  let digest = await states.write(
    {
      ...s,
      revision: s.revision + 1,
      lease: { holder, command: 'start', acquiredAt: new Date(now - 5000).toISOString(), expiresAt: new Date(now - 100).toISOString() },
    },
    read.digest,
  );
  // the late heartbeat lands while bob's run writes
  const renew = async () => {
    const cur = await states.read();
    if (!cur.state?.lease) throw new Error('no lease to renew');
    digest = await states.write(
      {
        ...cur.state,
        revision: cur.state.revision + 1,
        lease: { ...cur.state.lease, expiresAt: new Date(Date.now() + 60_000).toISOString() },
      },
      cur.digest,
    );
  };
  const second = await runRollout({
    ...o,
    env: { GITHUB_ACTOR: 'bob' },
    command: 'promote',
    store: interceptingStore(store, renew),
  }).catch((e: unknown) => e);
  expect(second).not.toBeInstanceOf(StateConflictError);
  expect(second).toBeInstanceOf(RolloutLockedError);
  expect((second as Error).message).toMatch(
    /^the rollout of late is held by workflow run https:\/\/github.com\/acme\/shop\/actions\/runs\/111 \(attempt 1, job canary, by alice\)/,
  );
  // bob changed nothing: the state is alice's renewal, still paused
  const after = await states.read();
  expect(after.digest).toBe(digest);
  expect(after.state?.phase).toBe('Paused');
  expect(after.state?.runs.map((r) => r.actor.user)).toEqual(['alice']);
});

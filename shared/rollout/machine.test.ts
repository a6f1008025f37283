import { describe, expect, it } from 'vitest';
import { applyAbort, applyPromote, applyRetry, describeState, initialState, nextAction } from './machine.ts';
import type { Actor, RolloutState } from './state.ts';
import { leaseAvailable, RolloutStateError } from './state.ts';
import { specWith } from './test-fixtures.ts';

const spec = specWith(
  `repository: ghcr.io/acme/shop\ncanary:\n  steps:\n    - setWeight: 10\n    - pause: {}\n    - setWeight: 50\n    - pause: {duration: 1m}\nblueGreen:\n  autoPromotion: false`,
  'production: {}',
);
const config = spec.rollout;
const env =
  config.environments.get('production') ??
  (() => {
    throw new Error('no env');
  })();
const actor: Actor = { id: 'a1', host: 'h', pid: 1, user: 'alice' };
const now = '2026-12-03T10:00:00.000Z';
const fresh = (stable: string | null = 'sha256:s', strategy: 'canary' | 'blue-green' = 'canary') =>
  initialState({
    id: 'r1',
    config,
    environment: env,
    strategy,
    stable: stable ? { digest: stable } : {},
    canary: { ref: 'ghcr.io/acme/shop:2', digest: 'sha256:c' },
    now,
    actor,
  });

describe('the pure state machine', () => {
  it('a canary walks its steps, pauses, and promotes at the end', () => {
    let s = fresh();
    expect(s).toMatchObject({ phase: 'Progressing', weight: 0, currentStep: 0, live: { digest: 'sha256:s' } });
    expect(s.steps.map((x) => [x.kind, x.status])).toEqual([
      ['setWeight', 'pending'],
      ['pause', 'pending'],
      ['setWeight', 'pending'],
      ['pause', 'pending'],
    ]);
    expect(nextAction(s, config)).toEqual({ kind: 'step', index: 0 });
    s = { ...s, currentStep: 1, phase: 'Paused', pause: { reason: 'step', since: now } };
    expect(nextAction(s, config)).toEqual({ kind: 'wait' });
    s = applyPromote(s, false, 'bob', now);
    expect(s).toMatchObject({ phase: 'Progressing', currentStep: 2 });
    expect(s.steps[1]).toMatchObject({ status: 'done', note: 'pause ended by promote' });
    expect(nextAction({ ...s, currentStep: 4 }, config)).toEqual({ kind: 'promote' });
  });

  it('a first release (nothing live) goes live at once, as Argo does', () => {
    const s = fresh(null);
    expect(s.promotion).toEqual({ full: true, startedAt: now });
    expect(nextAction(s, config)).toEqual({ kind: 'promote' });
    expect(s.decisions[0]?.reason).toMatch(/^initial release: nothing is live yet/);
  });

  it('promote --full skips every remaining step', () => {
    const s = applyPromote(
      { ...fresh(), currentStep: 1, steps: fresh().steps.map((x, i) => (i === 0 ? { ...x, status: 'done' as const } : x)) },
      true,
      'bob',
      now,
    );
    expect(s.steps.map((x) => x.status)).toEqual(['done', 'skipped', 'skipped', 'skipped']);
    expect(s.promotion?.full).toBe(true);
    expect(s.decisions[s.decisions.length - 1]).toMatchObject({ action: 'promote-full', by: 'bob' });
  });

  it('commands that do not fit the phase are refused, saying what to do', () => {
    const healthy: RolloutState = { ...fresh(), phase: 'Healthy' };
    expect(() => applyPromote(healthy, false, 'x', now)).toThrow(RolloutStateError);
    expect(() => applyPromote(healthy, false, 'x', now)).toThrow(/already Healthy .*; start a new one/);
    expect(() => applyAbort(healthy, 'r', { by: 'x' }, now)).toThrow(/run rollback/);
    expect(() => applyPromote(fresh(), false, 'x', now)).toThrow(/is not paused .*promote --full skips the remaining steps/);
    expect(() => applyRetry(fresh(), config, 'x', now)).toThrow(/only an aborted rollout can be retried/);
  });

  it('abort records why, then the driver finishes it; retry starts over with the same canary', () => {
    let s = applyAbort(
      { ...fresh(), currentStep: 2, weight: 10 },
      'analysis failed',
      { by: 'analysis', metric: 'sr', value: '[0.5]', condition: 'result[0] >= 0.95' },
      now,
    );
    expect(nextAction(s, config)).toEqual({ kind: 'finish-abort' });
    s = { ...s, phase: 'Aborted', abort: { ...(s.abort as NonNullable<RolloutState['abort']>), finishedAt: now }, weight: 0 };
    expect(nextAction(s, config)).toEqual({ kind: 'done' });
    expect(describeState(s, env)).toMatch(
      /^Aborted: the stable version sha256:s is serving all traffic \(production → sha256:s\); the canary ghcr.io\/acme\/shop:2 serves nothing\. Why: analysis failed\. Next: /,
    );
    const r = applyRetry(s, config, 'bob', now);
    expect(r).toMatchObject({ phase: 'Progressing', currentStep: 0, canary: { digest: 'sha256:c' } });
    expect(r.abort).toBeUndefined();
    expect(r.steps.every((x) => x.status === 'pending')).toBe(true);
  });

  it('blue-green: preview, pre-promotion, then waits for promote when autoPromotion is off', () => {
    let s = fresh('sha256:s', 'blue-green');
    expect(nextAction(s, config)).toEqual({ kind: 'preview' });
    s = { ...s, blueGreen: { stage: 'pre-promotion' } };
    expect(nextAction(s, config)).toEqual({ kind: 'pre-promotion' });
    s = { ...s, phase: 'Paused', pause: { reason: 'awaiting-promotion', since: now }, blueGreen: { stage: 'awaiting-promotion' } };
    expect(nextAction(s, config)).toEqual({ kind: 'wait' });
    expect(describeState(s, env)).toMatch(
      /^Paused: the new version sha256:c is on production-preview .*active \(production → sha256:s\) is untouched/,
    );
    s = applyPromote(s, false, 'bob', now);
    expect(nextAction(s, config)).toEqual({ kind: 'promote' });
  });

  it('the lease: free, expired, mine, or a newer attempt of the same workflow run', () => {
    const lease = {
      holder: { ...actor, run: { id: '9', attempt: '1', url: 'u' } },
      command: 'start' as const,
      acquiredAt: now,
      expiresAt: '2026-12-03T10:05:00.000Z',
    };
    const t = Date.parse('2026-12-03T10:01:00.000Z');
    expect(leaseAvailable(undefined, actor, t)).toBe(true);
    expect(leaseAvailable(lease, { ...actor, id: 'other' }, t)).toBe(false);
    expect(leaseAvailable(lease, { ...actor, id: 'other' }, Date.parse('2026-12-03T10:06:00.000Z'))).toBe(true);
    expect(leaseAvailable(lease, actor, t)).toBe(true);
    expect(leaseAvailable(lease, { ...actor, id: 'other', run: { id: '9', attempt: '2', url: 'u' } }, t)).toBe(true);
    expect(leaseAvailable(lease, { ...actor, id: 'other', run: { id: '10', attempt: '2', url: 'u' } }, t)).toBe(false);
  });
});

/**
 * The rollout state machine, pure: what to do next for a state, and what
 * each command does to it. The driver (run.ts) performs the actions (the
 * Deployer, tag moves, analyses) and writes the state between them.
 *
 * Phases: Progressing (steps running), Paused (a pause step, or blue-green
 * waiting for promote), Inconclusive (an analysis could not decide: nothing
 * is rolled back, a person decides), Healthy (promoted: the new version is
 * stable), Aborted (live is back on stable at once; the reason is kept).
 *
 * Commands, as Argo Rollouts has them: `promote` goes past a pause or an
 * inconclusive analysis, `promote --full` skips every remaining step and
 * analysis, `abort` sends everything to stable, `retry` runs an aborted
 * rollout again from its first step, `rollback` (after a promotion) makes
 * the previous stable live again.
 */
import { createHash } from 'node:crypto';
import type { EnvironmentRollout, RolloutConfig, StepConfig, Strategy } from './config.ts';
import { formatDuration } from './duration.ts';
import {
  type Actor,
  addDecision,
  archived,
  type Decision,
  describeActor,
  type RolloutState,
  RolloutStateError,
  STATE_SCHEMA_VERSION,
  type StepRecord,
  short,
  type Version,
} from './state.ts';

export function stepsFingerprint(steps: StepConfig[]): string {
  const plain = steps.map((s) =>
    s.kind === 'setWeight'
      ? { w: s.weight }
      : s.kind === 'pause'
        ? { p: s.durationMs ?? null }
        : { a: s.analysis.templates.map((t) => t.name) },
  );
  return createHash('sha256').update(JSON.stringify(plain)).digest('hex').slice(0, 16);
}

function stepRecords(steps: StepConfig[]): StepRecord[] {
  return steps.map((s, index): StepRecord => {
    const r: StepRecord = { index, kind: s.kind, status: 'pending' };
    if (s.kind === 'setWeight') r.weight = s.weight;
    if (s.kind === 'pause' && s.durationMs !== undefined) r.durationMs = s.durationMs;
    return r;
  });
}

export function by(actor: Actor): string {
  return describeActor(actor);
}

/** A new rollout (start). Pure. */
export function initialState(a: {
  id: string;
  config: RolloutConfig;
  environment: EnvironmentRollout;
  strategy: Strategy;
  stable: Version;
  canary: Version;
  now: string;
  actor: Actor;
  previous?: RolloutState;
}): RolloutState {
  const canary = a.strategy === 'canary';
  let s: RolloutState = {
    schemaVersion: STATE_SCHEMA_VERSION,
    id: a.id,
    revision: 0,
    environment: a.environment.name,
    repository: a.config.repository,
    strategy: a.strategy,
    phase: 'Progressing',
    message: '',
    stable: a.stable,
    canary: a.canary,
    live: a.stable,
    weight: 0,
    currentStep: 0,
    steps: canary ? stepRecords(a.config.canary.steps) : [],
    stepsFingerprint: stepsFingerprint(canary ? a.config.canary.steps : []),
    decisions: [],
    runs: a.previous?.runs.slice(-10) ?? [],
    startedAt: a.now,
    updatedAt: a.now,
    history: archived(a.previous),
  };
  if (!canary) s.blueGreen = { stage: 'preview' };
  const reason =
    a.stable.digest === undefined
      ? 'initial release: nothing is live yet, so there is no stable version to compare with; the new version goes live at once (as Argo Rollouts does for a first deploy)'
      : `${a.strategy} of ${a.canary.ref ?? a.canary.digest} against stable ${short(a.stable.digest)}`;
  s = addDecision(s, { at: a.now, by: by(a.actor), action: 'start', reason });
  if (a.stable.digest === undefined) s.promotion = { full: true, startedAt: a.now };
  return s;
}

export type NextAction =
  | { kind: 'finish-abort' }
  | { kind: 'promote' }
  | { kind: 'step'; index: number }
  | { kind: 'preview' }
  | { kind: 'pre-promotion' }
  | { kind: 'post-promotion' }
  | { kind: 'wait' }
  | { kind: 'done' };

/** What the driver does next. Pure. */
export function nextAction(s: RolloutState, config: RolloutConfig): NextAction {
  if (s.abort && s.abort.finishedAt === undefined) return { kind: 'finish-abort' };
  if (s.phase === 'Aborted' || s.phase === 'Healthy') return { kind: 'done' };
  if (s.promotion && s.promotion.finishedAt === undefined) return { kind: 'promote' };
  if (s.pause && (s.phase === 'Paused' || s.phase === 'Inconclusive')) {
    // a timed pause goes on by itself once its time is known; the rest wait for a command
    if (s.pause.reason === 'step' && s.pause.until !== undefined) return { kind: 'step', index: s.currentStep };
    return { kind: 'wait' };
  }
  if (s.strategy === 'blue-green') {
    const stage = s.blueGreen?.stage ?? 'preview';
    if (stage === 'preview') return { kind: 'preview' };
    if (stage === 'pre-promotion') return { kind: 'pre-promotion' };
    if (stage === 'awaiting-promotion') return config.blueGreen.autoPromotion ? { kind: 'promote' } : { kind: 'wait' };
    if (stage === 'switched' || stage === 'post-promotion') return { kind: 'post-promotion' };
    return { kind: 'done' };
  }
  if (s.currentStep >= s.steps.length) return { kind: 'promote' };
  return { kind: 'step', index: s.currentStep };
}

function decision(s: RolloutState, d: Decision): RolloutState {
  return addDecision(s, d);
}

/** `promote` (or `promote --full`). Pure; a RolloutStateError when there is nothing to promote. */
export function applyPromote(s: RolloutState, full: boolean, who: string, now: string): RolloutState {
  if (s.phase === 'Healthy')
    throw new RolloutStateError(
      `nothing to promote: the rollout of ${s.environment} is already Healthy (${short(s.live.digest)} is live); start a new one`,
    );
  if (s.phase === 'Aborted')
    throw new RolloutStateError(
      `the rollout of ${s.environment} was aborted (${s.abort?.reason ?? 'no reason kept'}); retry it, or start a new one`,
    );
  const out: RolloutState = { ...s, steps: s.steps.map((x) => ({ ...x })) };
  if (full) {
    // skip every remaining step and analysis (Argo's promote --full)
    for (const st of out.steps) if (st.status !== 'done') st.status = 'skipped';
    out.currentStep = out.steps.length;
    out.promotion = { full: true, startedAt: now };
    delete out.pause;
    out.phase = 'Progressing';
    return decision(out, {
      at: now,
      by: who,
      action: 'promote-full',
      reason: 'promote --full: the remaining steps and analyses are skipped',
    });
  }
  if (s.strategy === 'blue-green') {
    const stage = s.blueGreen?.stage;
    if (stage === 'awaiting-promotion' || s.phase === 'Inconclusive') {
      out.blueGreen = {
        ...(s.blueGreen ?? { stage: 'preview' }),
        stage: stage === 'post-promotion' || stage === 'switched' ? 'done' : 'awaiting-promotion',
      };
      if (stage === 'post-promotion' || stage === 'switched') {
        delete out.pause;
        out.phase = 'Healthy';
        out.finishedAt = now;
        return decision(out, { at: now, by: who, action: 'promote', reason: 'the inconclusive post-promotion analysis is accepted' });
      }
      out.promotion = { full: false, startedAt: now };
      delete out.pause;
      out.phase = 'Progressing';
      return decision(out, {
        at: now,
        by: who,
        action: 'promote',
        reason:
          s.phase === 'Inconclusive' ? 'the inconclusive pre-promotion analysis is accepted; switching' : 'switching active to the preview',
      });
    }
    throw new RolloutStateError(
      `the blue-green rollout of ${s.environment} is not waiting for promotion (stage ${stage}); promote --full switches at once`,
    );
  }
  if (!s.pause)
    throw new RolloutStateError(
      `the rollout of ${s.environment} is not paused (step ${s.currentStep + 1} of ${s.steps.length} is running); promote --full skips the remaining steps`,
    );
  const step = out.steps[s.currentStep];
  if (step) {
    step.status = 'done';
    step.finishedAt = now;
    step.note = s.phase === 'Inconclusive' ? 'inconclusive analysis accepted by promote' : 'pause ended by promote';
  }
  out.currentStep = s.currentStep + 1;
  delete out.pause;
  out.phase = 'Progressing';
  return decision(out, {
    at: now,
    by: who,
    action: 'promote',
    reason:
      s.phase === 'Inconclusive'
        ? `the inconclusive analysis of step ${s.currentStep + 1} is accepted`
        : `the pause of step ${s.currentStep + 1} ends`,
  });
}

/** `abort`, or a failed analysis: the intent to send everything to stable. Pure. */
export function applyAbort(s: RolloutState, reason: string, d: Omit<Decision, 'action' | 'reason' | 'at'>, now: string): RolloutState {
  if (s.phase === 'Aborted' && s.abort?.finishedAt)
    throw new RolloutStateError(`the rollout of ${s.environment} is already aborted: ${s.abort.reason}`);
  if (s.phase === 'Healthy')
    throw new RolloutStateError(
      `the rollout of ${s.environment} is Healthy: the new version is the stable now; to go back to the previous one, run rollback`,
    );
  const out: RolloutState = { ...s, abort: { startedAt: now, reason } };
  delete out.promotion;
  return decision(out, { at: now, action: 'abort', reason, ...d });
}

/** `retry`: an aborted rollout runs again from its first step, with the same canary. Pure. */
export function applyRetry(s: RolloutState, config: RolloutConfig, who: string, now: string): RolloutState {
  if (s.phase !== 'Aborted')
    throw new RolloutStateError(`only an aborted rollout can be retried; the rollout of ${s.environment} is ${s.phase}`);
  const out: RolloutState = {
    ...s,
    phase: 'Progressing',
    currentStep: 0,
    weight: 0,
    steps: s.strategy === 'canary' ? stepRecords(config.canary.steps) : [],
    stepsFingerprint: stepsFingerprint(s.strategy === 'canary' ? config.canary.steps : []),
  };
  delete out.abort;
  delete out.pause;
  delete out.promotion;
  delete out.background;
  delete out.finishedAt;
  if (s.strategy === 'blue-green') out.blueGreen = { stage: 'preview' };
  return decision(out, {
    at: now,
    by: who,
    action: 'retry',
    reason: `retry of ${s.canary.ref ?? short(s.canary.digest)} from the first step (aborted before: ${s.abort?.reason ?? 'no reason kept'})`,
  });
}

function pct(w: number): string {
  return `${w}%`;
}

/** What `status` says: what is serving, and what to do next. Pure. */
export function describeState(s: RolloutState | undefined, env: EnvironmentRollout, cli = 'flotilla canary'): string {
  const cmd = (c: string) => `${cli} ${c} --env ${env.name}`;
  if (!s) return `No rollout in ${env.name} yet. Start one: ${cmd('start <spec>')} --canary <ref>.`;
  const live = `${env.tag} → ${short(s.live.digest)}`;
  const canaryName = s.canary.ref ?? short(s.canary.digest);
  const lastAnalysisDecision = [...s.decisions].reverse().find((d) => d.metric !== undefined);
  switch (s.phase) {
    case 'Healthy':
      if (s.decisions[s.decisions.length - 1]?.action === 'rollback') {
        return `Healthy: rolled back; ${short(s.live.digest)} serves all traffic (${live}). The version rolled back from, ${short(s.stable.digest)}, is kept as ${env.previousTag}; ${cmd('rollback <spec>')} switches to it again, ${cmd('start <spec>')} --canary <ref> releases a fixed one.`;
      }
      return [
        `Healthy: ${canaryName} was promoted; it is the stable version and serves all traffic (${live}).`,
        s.stable.digest !== undefined && s.stable.digest !== s.live.digest
          ? `The version before it, ${short(s.stable.digest)}, is kept as ${env.previousTag}; ${cmd('rollback <spec>')} makes it live again in one move.`
          : '',
      ]
        .filter(Boolean)
        .join(' ');
    case 'Aborted': {
      const why = s.abort?.reason ?? 'no reason kept';
      return [
        `Aborted: the stable version ${short(s.stable.digest)} is serving all traffic (${live}); the canary ${canaryName} serves nothing.`,
        `Why: ${why}.`,
        `Next: fix the canary and start again with a new ref (${cmd('start <spec>')} --canary <ref>), or run the same canary again from the first step (${cmd('retry <spec>')}).`,
      ].join(' ');
    }
    case 'Paused': {
      if (s.strategy === 'blue-green') {
        return `Paused: the new version ${short(s.canary.digest)} is on ${env.previewTag} and passed its pre-promotion checks; active (${live}) is untouched. Next: ${cmd('promote <spec>')} switches active to it; ${cmd('abort <spec>')} gives it up.`;
      }
      const until = s.pause?.until ? `until ${s.pause.until}` : 'until promote';
      return `Paused at step ${s.currentStep + 1} of ${s.steps.length} (pause ${until}): ${pct(s.weight)} of the traffic on the canary ${canaryName}, the rest on stable ${short(s.stable.digest)} (${live}). Next: ${cmd('promote <spec>')} goes on, ${cmd('promote <spec>')} --full skips the remaining steps, ${cmd('abort <spec>')} sends everything back to stable.`;
    }
    case 'Inconclusive': {
      const why = lastAnalysisDecision ? ` (${lastAnalysisDecision.reason})` : '';
      return `Inconclusive: the analysis could not decide${why}. Nothing was rolled back: ${s.strategy === 'canary' ? `${pct(s.weight)} of the traffic stays on the canary ${canaryName}` : `active stays as it is (${live})`}. Next: ${cmd('continue <spec>')} measures again, ${cmd('promote <spec>')} accepts and goes on, ${cmd('abort <spec>')} goes back to stable.`;
    }
    default: {
      if (s.strategy === 'blue-green')
        return `Progressing: blue-green of ${canaryName}, stage ${s.blueGreen?.stage}; active ${live}. ${s.message}`.trim();
      const step = s.steps[s.currentStep];
      const what = step
        ? `step ${s.currentStep + 1} of ${s.steps.length} (${step.kind}${step.weight !== undefined ? ` ${step.weight}` : ''}${step.durationMs !== undefined ? ` ${formatDuration(step.durationMs)}` : ''}, ${step.status})`
        : 'the promotion';
      return `Progressing: ${what}; ${pct(s.weight)} on the canary ${canaryName}, stable ${short(s.stable.digest)} (${live}). ${s.message || `If no run is going on, ${cmd('continue <spec>')} resumes it.`}`.trim();
    }
  }
}

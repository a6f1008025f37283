import * as core from '@actions/core';
import { withDeployment } from '../../../shared/actions/deployments.ts';
import { booleanInput, deploymentInputs, requiredInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { signingInputs } from '../../../shared/actions/signing-inputs.ts';
import { UsageError } from '../../../shared/errors.ts';
import type { SigningRequest } from '../../../shared/publish/signing.ts';
import { parseDuration } from '../../../shared/rollout/duration.ts';
import { runRollout } from '../../../shared/rollout/run.ts';
import { COMMANDS, type Command } from '../../../shared/rollout/state.ts';
import { rolloutSummary } from '../../../shared/rollout/summary.ts';

/** The canary action's inputs as a typed object. */
export interface CanaryInputs {
  spec: string;
  environment: string;
  command: Command;
  strategy: string | undefined;
  canary: string | undefined;
  full: boolean;
  maxDurationMs: number | undefined;
  registries: string | undefined;
  /** How the in-app splitter's apps are signed (the publish action's inputs). */
  signing: SigningRequest;
}

export function readInputs(): CanaryInputs {
  const canary = stringInput('canary');
  const command = stringInput('command', { default: canary !== undefined ? 'start' : 'continue' }) ?? 'continue';
  if (!COMMANDS.includes(command as Command))
    throw new UsageError(`input 'command' must be one of ${COMMANDS.join(', ')}, got '${command}'`);
  const strategy = stringInput('strategy');
  if (strategy !== undefined && strategy !== 'canary' && strategy !== 'blue-green') {
    throw new UsageError(`input 'strategy' must be canary or blue-green, got '${strategy}'`);
  }
  const md = stringInput('max-duration');
  let maxDurationMs: number | undefined;
  if (md !== undefined) {
    const d = parseDuration(md);
    if ('error' in d) throw new UsageError(`input 'max-duration': ${d.error}`);
    maxDurationMs = d.ms;
  }
  return {
    signing: signingInputs(process.env).request,
    spec: stringInput('spec', { default: 'flotilla.yaml' }) ?? 'flotilla.yaml',
    environment: requiredInput('environment'),
    command: command as Command,
    strategy,
    canary,
    full: booleanInput('full', false),
    maxDurationMs,
    registries: stringInput('registries'),
  };
}

await runAction('canary', async () => {
  const inputs = readInputs();
  const stop = new AbortController();
  // a cancelled job gets SIGTERM: stop at a safe point, the state says where, a later run continues
  process.once('SIGTERM', () => stop.abort());
  const options: Parameters<typeof runRollout>[0] = {
    spec: inputs.spec,
    environment: inputs.environment,
    command: inputs.command,
    canary: inputs.canary,
    strategy: inputs.strategy,
    ...(inputs.full ? { full: true } : {}),
    maxDurationMs: inputs.maxDurationMs,
    registries: inputs.registries,
    signing: inputs.signing,
    cwd: process.cwd(),
    env: process.env,
    signal: stop.signal,
    log: (line) => core.info(line),
  };
  const deployment = deploymentInputs();
  const rollout = () => runRollout(options);
  const outcome = (r: Awaited<ReturnType<typeof runRollout>>) => ({
    state: r.abortedNow || r.outputs.phase === 'Aborted' ? ('failure' as const) : ('success' as const),
    description: `${r.outputs.phase}: step ${r.outputs.step}/${r.outputs.steps}, canary at ${r.outputs.weight}%`,
  });
  let result: Awaited<ReturnType<typeof runRollout>>;
  if (!deployment.enabled || inputs.command === 'status') result = await rollout();
  else {
    // the app being rolled out, known before anything moves when a rollout is in progress (its state says);
    // a start composes it first (the in-app canary), so its deployment is recorded when the run ends
    const before = await runRollout({ ...options, command: 'status' });
    const known = inputs.command === 'start' ? undefined : before.outputs.canaryDigest || undefined;
    const plan = (digest: string, r?: Awaited<ReturnType<typeof runRollout>>) => ({
      environment: inputs.environment,
      task: `deploy:${r?.state?.strategy ?? inputs.strategy ?? 'canary'}`,
      description: `${inputs.command} ${digest.slice(0, 19)}`,
      payload: {
        digest,
        step: `${inputs.command}${r ? ` → ${r.outputs.phase} step ${r.outputs.step}/${r.outputs.steps}` : ''}`,
        ...(r?.outputs.stableDigest || before.outputs.stableDigest
          ? { stable: r?.outputs.stableDigest || before.outputs.stableDigest }
          : {}),
      },
    });
    if (known) {
      const d = await withDeployment(deployment, plan(known), rollout, outcome);
      result = d.result;
      if (d.deployment) core.setOutput('deployment-id', String(d.deployment.id));
    } else {
      result = await rollout();
      const d = await withDeployment(deployment, plan(result.outputs.canaryDigest, result), async () => result, outcome);
      if (d.deployment) core.setOutput('deployment-id', String(d.deployment.id));
    }
  }
  const o = result.outputs;
  core.setOutput('phase', o.phase);
  core.setOutput('step', String(o.step));
  core.setOutput('weight', String(o.weight));
  core.setOutput('stable-digest', o.stableDigest);
  core.setOutput('canary-digest', o.canaryDigest);
  core.setOutput('live-digest', o.liveDigest);
  core.setOutput('message', result.text);
  core.info(result.text);
  await core.summary.addRaw(rolloutSummary(result.state, result.environment, result.config)).write();
  if (result.abortedNow) core.setFailed(`flotilla canary: ${result.text}`);
  else if (o.phase === 'Inconclusive') core.warning(result.text, { title: `canary ${inputs.environment}: inconclusive` });
});

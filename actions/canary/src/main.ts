import * as core from '@actions/core';
import { booleanInput, requiredInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { UsageError } from '../../../shared/errors.ts';
import type { SigningRequest } from '../../../shared/publish/signing.ts';
import { signingRequest } from '../../../shared/publish/signing-options.ts';
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

const KEY_PASSWORD_ENV = 'FLOTILLA_KEY_PASSWORD';

function readSigning(): { request: SigningRequest; secrets: (string | undefined)[] } {
  const mode = stringInput('signing', { default: 'none' }) ?? 'none';
  if (mode !== 'keyless' && mode !== 'key' && mode !== 'none') {
    throw new UsageError(`input 'signing' must be keyless, key or none, got '${mode}'`);
  }
  const keyFile = stringInput('key-file');
  const keyEnv = stringInput('key-env', { default: 'FLOTILLA_SIGNING_KEY' }) ?? 'FLOTILLA_SIGNING_KEY';
  const key = mode === 'key' ? (keyFile ?? `env://${keyEnv}`) : undefined;
  const fulcioURL = stringInput('fulcio-url');
  const rekorURL = stringInput('rekor-url');
  const tsaURL = stringInput('tsa-url');
  const request = signingRequest(
    {
      key,
      keyless: mode === 'keyless',
      ...(mode === 'keyless' ? { sigstore: stringInput('sigstore', { default: 'auto' }) ?? 'auto' } : {}),
      ...(fulcioURL ? { fulcioURL } : {}),
      ...(rekorURL ? { rekorURL } : {}),
      ...(tsaURL ? { tsaURL } : {}),
    },
    process.env,
  );
  return { request, secrets: [process.env[KEY_PASSWORD_ENV], mode === 'key' && !keyFile ? process.env[keyEnv] : undefined] };
}

/** Masks the key material and its password in the log before anything can print them. */
function mask(secrets: (string | undefined)[]): void {
  for (const value of secrets) {
    if (!value) continue;
    core.setSecret(value);
    for (const line of value.split(/\r?\n/)) if (line.trim() !== '' && !line.startsWith('-----')) core.setSecret(line.trim());
  }
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
  const signing = readSigning();
  mask(signing.secrets);
  return {
    signing: signing.request,
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
  const result = await runRollout({
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
  });
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

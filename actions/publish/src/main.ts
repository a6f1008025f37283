import * as core from '@actions/core';
import { listInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { NotImplementedError, UsageError } from '../../../shared/errors.ts';

export type SigningMode = 'keyless' | 'key' | 'none';

/** The publish action's inputs as a typed object. Key material is never part of it. */
export interface PublishInputs {
  component: string | undefined;
  lock: string | undefined;
  to: string[];
  registries: string | undefined;
  policy: string | undefined;
  environment: string | undefined;
  signing: SigningMode;
  keyFile: string | undefined;
  keyEnv: string;
}

export function readInputs(): PublishInputs {
  const signing = stringInput('signing', { default: 'none' }) ?? 'none';
  if (signing !== 'keyless' && signing !== 'key' && signing !== 'none') {
    throw new UsageError(`input 'signing' must be keyless, key or none, got '${signing}'`);
  }
  const inputs: PublishInputs = {
    component: stringInput('component'),
    lock: stringInput('lock'),
    to: listInput('to'),
    registries: stringInput('registries'),
    policy: stringInput('policy'),
    environment: stringInput('environment'),
    signing,
    keyFile: stringInput('key-file'),
    keyEnv: stringInput('key-env', { default: 'FLOTILLA_SIGNING_KEY' }) ?? 'FLOTILLA_SIGNING_KEY',
  };
  if (!inputs.component && !inputs.lock) throw new UsageError("one of the inputs 'component' or 'lock' is required");
  if (inputs.to.length === 0) throw new UsageError("input 'to' needs at least one target ref or registry name");
  return inputs;
}

await runAction('publish', async () => {
  const inputs = readInputs();
  core.info(`publish inputs: ${JSON.stringify(inputs)}`);
  throw new NotImplementedError('publishing and signing (issue #7)');
});

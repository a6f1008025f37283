import * as core from '@actions/core';
import { booleanInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { NotImplementedError } from '../../../shared/errors.ts';

/** The compose action's inputs as a typed object. */
export interface ComposeInputs {
  spec: string;
  environment: string | undefined;
  output: string | undefined;
  lock: string | undefined;
  frozen: boolean;
  registries: string | undefined;
  cache: boolean;
  validate: boolean;
}

export function readInputs(): ComposeInputs {
  return {
    spec: stringInput('spec', { default: 'flotilla.yaml' }) ?? 'flotilla.yaml',
    environment: stringInput('environment'),
    output: stringInput('output'),
    lock: stringInput('lock'),
    frozen: booleanInput('frozen', false),
    registries: stringInput('registries'),
    cache: booleanInput('cache', true),
    validate: booleanInput('validate', true),
  };
}

await runAction('compose', async () => {
  const inputs = readInputs();
  core.info(`compose inputs: ${JSON.stringify(inputs)}`);
  throw new NotImplementedError('composition (issue #6)');
});

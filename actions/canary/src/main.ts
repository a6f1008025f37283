import * as core from '@actions/core';
import { requiredInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { NotImplementedError, UsageError } from '../../../shared/errors.ts';

export type Strategy = 'canary' | 'blue-green';

/** The canary action's inputs as a typed object. */
export interface CanaryInputs {
  spec: string;
  environment: string;
  strategy: Strategy;
  steps: number[];
  registries: string | undefined;
}

export function readInputs(): CanaryInputs {
  const strategy = stringInput('strategy', { default: 'canary' }) ?? 'canary';
  if (strategy !== 'canary' && strategy !== 'blue-green') {
    throw new UsageError(`input 'strategy' must be canary or blue-green, got '${strategy}'`);
  }
  const stepsText = stringInput('steps', { default: '10,50,100' }) ?? '10,50,100';
  const steps = stepsText.split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 0 || n > 100) throw new UsageError(`input 'steps' must be percentages 0-100, got '${s.trim()}'`);
    return n;
  });
  return {
    spec: stringInput('spec', { default: 'flotilla.yaml' }) ?? 'flotilla.yaml',
    environment: requiredInput('environment'),
    strategy,
    steps,
    registries: stringInput('registries'),
  };
}

await runAction('canary', async () => {
  const inputs = readInputs();
  core.info(`canary inputs: ${JSON.stringify(inputs)}`);
  throw new NotImplementedError('canary and blue-green releases (canary issue, not filed yet)');
});

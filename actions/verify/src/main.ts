import * as core from '@actions/core';
import { requiredInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { NotImplementedError, UsageError } from '../../../shared/errors.ts';

export type VerifyTarget = { kind: 'ref'; ref: string } | { kind: 'lock'; path: string } | { kind: 'spec'; path: string };

/** The verify action's inputs as a typed object. */
export interface VerifyInputs {
  policy: string;
  environment: string | undefined;
  target: VerifyTarget;
  trustedRoot: string | undefined;
  registries: string | undefined;
}

export function readInputs(): VerifyInputs {
  const ref = stringInput('ref');
  const lock = stringInput('lock');
  const spec = stringInput('spec');
  const given = [ref, lock, spec].filter((v) => v !== undefined).length;
  if (given !== 1) throw new UsageError(`exactly one of the inputs 'ref', 'lock' or 'spec' is required, got ${given}`);
  const target: VerifyTarget = ref ? { kind: 'ref', ref } : lock ? { kind: 'lock', path: lock } : { kind: 'spec', path: spec ?? '' };
  return {
    policy: requiredInput('policy'),
    environment: stringInput('environment'),
    target,
    trustedRoot: stringInput('trusted-root'),
    registries: stringInput('registries'),
  };
}

await runAction('verify', async () => {
  const inputs = readInputs();
  core.info(`verify inputs: ${JSON.stringify(inputs)}`);
  throw new NotImplementedError('policy verification (issue #8)');
});

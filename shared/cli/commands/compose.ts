import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const compose: Command = {
  name: 'compose',
  summary: 'resolve, pull and compose the components of a flotilla.yaml spec into one component',
  args: '<spec>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    env: { type: 'string', valueName: 'name', description: 'environment of the spec to apply (development, staging, production, …)' },
    output: { type: 'string', short: 'o', valueName: 'out.wasm', description: 'where to write the composed component' },
    lock: { type: 'string', valueName: 'file', description: 'lock file to read and write (default flotilla.lock.json beside the spec)' },
    frozen: { type: 'boolean', description: 'compose exactly the locked digests; fail if the spec and the lock disagree' },
    validate: { type: 'boolean', description: 'validate the composed component (default; --no-validate skips it)' },
  },
  run: notYet('flotilla compose (issue #6)'),
};

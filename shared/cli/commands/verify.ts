import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const verify: Command = {
  name: 'verify',
  summary: 'check a ref, lock or spec against a security policy (exit 0 pass, 1 violation, 2 input error)',
  args: '[<ref>]',
  positionals: [0, 1],
  options: {
    ...registryOptions,
    lock: { type: 'string', valueName: 'file', description: 'verify every component of this lock' },
    spec: { type: 'string', valueName: 'file', description: 'verify every component of this spec' },
    policy: { type: 'string', valueName: 'file', description: 'security policy (YAML)' },
    env: { type: 'string', valueName: 'name', description: 'environment of the policy to apply' },
    'trusted-root': { type: 'string', valueName: 'file', description: 'sigstore trusted root (JSON) for keyless signatures' },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  run: notYet('flotilla verify (issue #8)'),
};

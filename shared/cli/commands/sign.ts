import { type Command, registryOptions } from '../command.ts';
import { notYet } from './not-yet.ts';

export const sign: Command = {
  name: 'sign',
  summary: 'sign an artifact already pushed and attach the bundle as a referrer',
  args: '<ref>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    key: { type: 'string', valueName: 'file', description: 'sign with this private key (PEM)' },
    keyless: { type: 'boolean', description: 'sign keyless with the GitHub Actions OIDC token' },
  },
  run: notYet('flotilla sign (issue #7)'),
};

import type { Command } from '../command.ts';
import { notYet } from './not-yet.ts';

export const keygen: Command = {
  name: 'keygen',
  summary: 'write an ECDSA P-256 signing key pair (<prefix>.key, <prefix>.pub)',
  args: '',
  positionals: [0, 0],
  options: {
    output: { type: 'string', short: 'o', valueName: 'prefix', description: 'path prefix of the key files' },
    unencrypted: { type: 'boolean', description: 'write the private key without a password (otherwise FLOTILLA_KEY_PASSWORD)' },
  },
  run: notYet('flotilla keygen (issue #7)'),
};

import { resolve } from 'node:path';
import { UsageError } from '../../errors.ts';
import { type Command, EXIT_OK } from '../command.ts';

export const keygen: Command = {
  name: 'keygen',
  summary: 'write an ECDSA P-256 signing key pair (<prefix>.key, <prefix>.pub)',
  args: '',
  positionals: [0, 0],
  options: {
    output: { type: 'string', short: 'o', valueName: 'prefix', description: 'path prefix of the key files' },
    unencrypted: { type: 'boolean', description: 'write the private key without a password (otherwise FLOTILLA_KEY_PASSWORD)' },
  },
  async run(ctx) {
    const { KEY_PASSWORD_ENV, writeKeyPair } = await import('../../sign/keys.ts');
    const output = ctx.values.output;
    if (typeof output !== 'string' || output === '') {
      throw new UsageError('--output <prefix> is required: the key pair is written to <prefix>.key and <prefix>.pub');
    }
    const unencrypted = ctx.values.unencrypted === true;
    const password = ctx.env[KEY_PASSWORD_ENV];
    if (unencrypted && password) {
      ctx.stderr.write(
        `flotilla keygen: --unencrypted given: ${KEY_PASSWORD_ENV} is ignored and the private key is written in the clear\n`,
      );
    }
    const written = await writeKeyPair(resolve(ctx.cwd, output), unencrypted ? { unencrypted: true } : { password: password ?? '' });
    ctx.stdout.write(
      `wrote ${written.privateKeyPath} (${written.encrypted ? `encrypted with ${KEY_PASSWORD_ENV}` : 'NOT encrypted'}) and ${written.publicKeyPath}\n` +
        `key id ${written.keyId}\n`,
    );
    return EXIT_OK;
  },
};

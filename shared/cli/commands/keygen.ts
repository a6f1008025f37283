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
    unencrypted: {
      type: 'boolean',
      description: 'write the private key without a password (otherwise FLOTILLA_KEY_PASSWORD, or asked on the terminal)',
    },
  },
  async run(ctx) {
    const { KEY_PASSWORD_ENV, writeKeyPair } = await import('../../sign/keys.ts');
    const output = ctx.values.output;
    if (typeof output !== 'string' || output === '') {
      throw new UsageError('--output <prefix> is required: the key pair is written to <prefix>.key and <prefix>.pub');
    }
    const unencrypted = ctx.values.unencrypted === true;
    let password = ctx.env[KEY_PASSWORD_ENV];
    if (!unencrypted && !password) {
      const { isTerminal, readHidden } = await import('../prompt.ts');
      // on a terminal, ask (hidden, twice) as cosign generate-key-pair does; otherwise the message below says what to set
      if (isTerminal(ctx.stdin)) {
        const first = await readHidden('Enter password for private key: ', ctx.stdin, ctx.stderr);
        if (first === '') {
          throw new UsageError(`no password typed: type one to encrypt the private key, or pass --unencrypted to write it in the clear`);
        }
        const again = await readHidden('Enter password for private key again: ', ctx.stdin, ctx.stderr);
        if (again !== first) throw new UsageError('the passwords do not match; nothing was written');
        password = first;
      }
    }
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

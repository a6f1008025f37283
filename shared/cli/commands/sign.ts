import { UsageError } from '../../errors.ts';
import { type Command, EXIT_OK, registryOptions } from '../command.ts';
import { commandStores } from '../stores.ts';
import { signingChoiceOf, signingOptions } from './signing-flags.ts';

export const sign: Command = {
  name: 'sign',
  summary: 'sign an artifact already pushed and attach the bundle as a referrer',
  args: '<ref>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    ...signingOptions,
    bundle: { type: 'string', valueName: 'file', description: 'where to write the bundle (default <repository>.sigstore.json)' },
    lock: {
      type: 'string',
      valueName: 'file',
      description: 'lock of the composition that produced it: also attach the signed composition attestation of its inputs',
    },
  },
  async run(ctx) {
    const { signPushed } = await import('../../publish/sign-pushed.ts');
    const { signingRequest } = await import('../../publish/signing-options.ts');
    const { githubActionsIdToken } = await import('../../actions/id-token.ts');
    const signing = signingRequest({ ...signingChoiceOf(ctx.values), identityToken: () => githubActionsIdToken() }, ctx.env);
    if (signing.kind === 'none') throw new UsageError('flotilla sign needs --key <file> (or env://NAME) or --keyless');
    const registries = ctx.values.registries;
    const bundle = ctx.values.bundle;
    const lock = ctx.values.lock;
    const result = await signPushed({
      ref: ctx.positionals[0] ?? '',
      signing,
      cwd: ctx.cwd,
      env: ctx.env,
      ...(typeof registries === 'string' ? { registries } : {}),
      stores: await commandStores(ctx),
      ...(typeof bundle === 'string' ? { bundle } : {}),
      ...(typeof lock === 'string' ? { lock } : {}),
    });
    ctx.stdout.write(
      `signed ${result.ref}\nsigned by ${result.signedBy}\nsignature ${result.signatureReferrer}\nbundle ${result.bundle}\n`,
    );
    if (result.attestationReferrer) {
      ctx.stdout.write(`composition attestation ${result.attestationReferrer}\nattestation bundle ${result.attestationBundle}\n`);
    }
    return EXIT_OK;
  },
};

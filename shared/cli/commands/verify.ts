import { errorMessage, FlotillaError, UsageError } from '../../errors.ts';
import { type Command, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, registryOptions } from '../command.ts';
import { commandStores } from '../stores.ts';

export const verify: Command = {
  name: 'verify',
  summary: 'check a ref, lock or spec against a security policy or a public key (exit 0 pass, 1 violation, 2 input error)',
  args: '[<ref>]',
  positionals: [0, 1],
  options: {
    ...registryOptions,
    lock: { type: 'string', valueName: 'file', description: 'verify every component of this lock' },
    spec: { type: 'string', valueName: 'file', description: 'verify every component of this spec' },
    policy: {
      type: 'string',
      valueName: 'file',
      description: 'security policy (YAML); with --spec, defaults to the policy the spec names',
    },
    key: {
      type: 'string',
      multiple: true,
      valueName: 'file.pub',
      description: 'instead of a policy: every component must be signed by this public key (repeat for any of several)',
    },
    env: {
      type: 'string',
      valueName: 'name',
      description: 'environment of the policy (and of the spec) to apply; with --lock, default the lock’s',
    },
    'trusted-root': {
      type: 'string',
      valueName: 'file',
      description: 'sigstore trusted root (JSON) for keyless signatures; default: the public-good root through TUF',
    },
    json: { type: 'boolean', description: 'print the report as JSON' },
  },
  async run(ctx) {
    const str = (name: string): string | undefined => (typeof ctx.values[name] === 'string' ? (ctx.values[name] as string) : undefined);
    try {
      const ref = ctx.positionals[0];
      const lock = str('lock');
      const spec = str('spec');
      const given = [ref, lock, spec].filter((v) => v !== undefined).length;
      if (given !== 1) {
        throw new UsageError(`give exactly one of <ref>, --lock <file> or --spec <file> (got ${given === 0 ? 'none' : given})`);
      }
      const policy = str('policy');
      const keys = Array.isArray(ctx.values.key) ? ctx.values.key : [];
      if (keys.length > 0 && policy !== undefined) {
        throw new UsageError('give --policy <file> or --key <file.pub>, not both (--key stands for a policy of one rule)');
      }
      if (policy === undefined && keys.length === 0 && spec === undefined) {
        throw new UsageError('--policy <file> or --key <file.pub> is required');
      }
      const keyPolicy = keys.length > 0 ? (await import('../../policy/key-policy.ts')).keyPolicy(keys, ctx.cwd) : undefined;
      const { verify: run } = await import('../../verify/verify.ts');
      const { formatReportText } = await import('../../verify/report.ts');
      const env = str('env');
      const trustedRoot = str('trusted-root');
      const registries = str('registries');
      const { report } = await run({
        target:
          ref !== undefined ? { kind: 'ref', ref } : lock !== undefined ? { kind: 'lock', file: lock } : { kind: 'spec', file: spec ?? '' },
        policyFile: policy,
        policy: keyPolicy,
        environment: env,
        trustedRootFile: trustedRoot,
        registries,
        stores: await commandStores(ctx),
        cwd: ctx.cwd,
        env: ctx.env,
      });
      ctx.stdout.write(ctx.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReportText(report));
      return report.verdict === 'fail' ? EXIT_FAILURE : EXIT_OK;
    } catch (err) {
      // no verdict could be given: bad usage, a bad policy/lock/spec (with its line), a component that cannot be fetched
      const code = err instanceof FlotillaError && !(err instanceof UsageError) ? ` [${err.code}]` : '';
      ctx.stderr.write(`flotilla verify${code}: ${errorMessage(err)}\n`);
      return EXIT_USAGE;
    }
  },
};

import { type Command, registryOptions } from '../command.ts';
import { commandStores } from '../stores.ts';

export const push: Command = {
  name: 'push',
  summary: 'push a component (.wasm) to a registry or layout as a Wasm OCI artifact; prints the digest',
  args: '<file.wasm> <ref>',
  positionals: [2, 2],
  options: {
    ...registryOptions,
    annotation: { type: 'string', multiple: true, valueName: 'key=value', description: 'add a manifest annotation' },
    created: {
      type: 'string',
      valueName: 'time',
      description:
        'creation time (RFC 3339); default $SOURCE_DATE_EPOCH, else 1970-01-01T00:00:00Z, so the same file gives the same digest',
    },
  },
  async run(ctx) {
    const { pushFile } = await import('../../artifact/operations.ts');
    const [file = '', ref = ''] = ctx.positionals;
    const result = await pushFile(file, ref, {
      cwd: ctx.cwd,
      env: ctx.env,
      ...(typeof ctx.values.registries === 'string' ? { registries: ctx.values.registries } : {}),
      stores: await commandStores(ctx),
      ...(Array.isArray(ctx.values.annotation) ? { annotations: ctx.values.annotation } : {}),
      ...(typeof ctx.values.created === 'string' ? { created: ctx.values.created } : {}),
    });
    ctx.stdout.write(`${result.descriptor.digest}\n`);
    return 0;
  },
};

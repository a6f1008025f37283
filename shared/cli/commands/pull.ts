import { type Command, registryOptions } from '../command.ts';
import { commandStores } from '../stores.ts';

export const pull: Command = {
  name: 'pull',
  summary: 'pull a Wasm OCI artifact and write its component',
  args: '<ref>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    output: { type: 'string', short: 'o', valueName: 'file.wasm', description: 'where to write the component (default: its title)' },
    force: { type: 'boolean', description: 'overwrite a file named by the title (without -o, or -o <folder>)' },
    cache: {
      type: 'boolean',
      description: 'pull through the on-disk cache, $FLOTILLA_CACHE or ~/.cache/flotilla/oci (default; --no-cache)',
    },
  },
  async run(ctx) {
    const { pullFile } = await import('../../artifact/operations.ts');
    const result = await pullFile(ctx.positionals[0] ?? '', {
      cwd: ctx.cwd,
      env: ctx.env,
      ...(typeof ctx.values.registries === 'string' ? { registries: ctx.values.registries } : {}),
      stores: await commandStores(ctx),
      ...(typeof ctx.values.output === 'string' ? { output: ctx.values.output } : {}),
      ...(typeof ctx.values.cache === 'boolean' ? { cache: ctx.values.cache } : {}),
      ...(ctx.values.force === true ? { force: true } : {}),
    });
    ctx.stdout.write(`${result.descriptor.digest} ${result.path}\n`);
    return 0;
  },
};

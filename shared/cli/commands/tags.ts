import { type Command, registryOptions } from '../command.ts';
import { commandStores } from '../stores.ts';

export const tags: Command = {
  name: 'tags',
  summary: 'list the tags of a repository',
  args: '<repo>',
  positionals: [1, 1],
  options: { ...registryOptions },
  async run(ctx) {
    const { listTagsOf } = await import('../../artifact/copy-refs.ts');
    const list = await listTagsOf(ctx.positionals[0] ?? '', {
      cwd: ctx.cwd,
      env: ctx.env,
      ...(typeof ctx.values.registries === 'string' ? { registries: ctx.values.registries } : {}),
      stores: await commandStores(ctx),
    });
    if (list.length > 0) ctx.stdout.write(`${list.join('\n')}\n`);
    return 0;
  },
};

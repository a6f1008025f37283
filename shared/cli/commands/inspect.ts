import { type Command, registryOptions } from '../command.ts';
import { commandStores } from '../stores.ts';

export const inspect: Command = {
  name: 'inspect',
  summary: 'show the imports, exports, size and digest of a component file or ref',
  args: '<file.wasm | ref>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    json: { type: 'boolean', description: 'print JSON' },
  },
  async run(ctx) {
    const { inspectTarget } = await import('../../artifact/operations.ts');
    const info = await inspectTarget(ctx.positionals[0] ?? '', {
      cwd: ctx.cwd,
      env: ctx.env,
      ...(typeof ctx.values.registries === 'string' ? { registries: ctx.values.registries } : {}),
      stores: await commandStores(ctx),
    });
    if (ctx.values.json) {
      ctx.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
      return 0;
    }
    const list = (items: string[]) => (items.length ? items.map((i) => `\n  ${i}`).join('') : ' (none)');
    const lines = [`${info.source}`, `kind:    ${info.kind}`, `digest:  ${info.digest}`, `size:    ${info.size} bytes`];
    if (info.manifest) {
      lines.push(
        `manifest: ${info.manifest.digest} (${info.manifest.os}${info.manifest.created ? `, created ${info.manifest.created}` : ''})`,
      );
      for (const [k, v] of Object.entries(info.manifest.annotations)) lines.push(`  ${k}: ${v}`);
    }
    lines.push(`imports:${list(info.imports)}`, `exports:${list(info.exports)}`);
    ctx.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

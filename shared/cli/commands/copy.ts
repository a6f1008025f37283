import { type Command, registryOptions } from '../command.ts';
import { commandStores } from '../stores.ts';

export const copy: Command = {
  name: 'copy',
  summary: 'copy artifacts between registries and oci:<dir> layouts (every tag when no tag is given)',
  args: '<src> <dst>',
  positionals: [2, 2],
  options: {
    ...registryOptions,
    referrers: { type: 'boolean', description: 'also copy the referrers (signatures, attestations)' },
    concurrency: { type: 'string', valueName: 'n', description: 'blobs transferred at once (default 8)' },
    quiet: { type: 'boolean', short: 'q', description: 'print nothing on success' },
  },
  async run(ctx) {
    const { copyRefs } = await import('../../artifact/copy-refs.ts');
    const [src = '', dst = ''] = ctx.positionals;
    const { results, stats } = await copyRefs(src, dst, {
      cwd: ctx.cwd,
      env: ctx.env,
      ...(typeof ctx.values.registries === 'string' ? { registries: ctx.values.registries } : {}),
      stores: await commandStores(ctx),
      ...(typeof ctx.values.referrers === 'boolean' ? { referrers: ctx.values.referrers } : {}),
      ...(typeof ctx.values.concurrency === 'string' ? { concurrency: ctx.values.concurrency } : {}),
    });
    if (ctx.values.quiet) return 0;
    for (const r of results) ctx.stdout.write(`${r.descriptor.digest}${r.tag !== undefined ? ` ${r.tag}` : ''}\n`);
    const mib = (stats.bytesCopied / 1048576).toFixed(1);
    ctx.stderr.write(
      `copied ${results.length} artifact(s): ${stats.blobsCopied} blob(s) (${mib} MiB) and ${stats.manifestsCopied} manifest(s) transferred, ` +
        `${stats.blobsSkipped + stats.manifestsSkipped} already present` +
        `${stats.blobsMounted ? `, ${stats.blobsMounted} blob(s) mounted` : ''}${stats.referrersCopied ? `, ${stats.referrersCopied} referrer(s)` : ''}\n`,
    );
    return 0;
  },
};

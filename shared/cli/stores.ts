import type { Stores } from '../registry-config/stores.ts';
import type { CommandContext } from './command.ts';

/**
 * The stores of one command run (its registry clients: connections, tokens,
 * mount sources), from `--registries` or FLOTILLA_REGISTRIES, created once
 * and passed down to the library. Loaded on demand: commands that never name
 * a store do not load the OCI stack.
 */
export async function commandStores(ctx: CommandContext): Promise<Stores> {
  const { Stores } = await import('../registry-config/stores.ts');
  const registries = ctx.values.registries;
  return new Stores({ cwd: ctx.cwd, env: ctx.env, ...(typeof registries === 'string' ? { registries } : {}) });
}

import { resolve } from 'node:path';
import { type Command, registryOptions } from '../command.ts';

export const compose: Command = {
  name: 'compose',
  summary: 'resolve, pull and compose the components of a flotilla.yaml spec into one component',
  args: '<spec>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    env: { type: 'string', valueName: 'name', description: 'environment of the spec to apply (development, staging, production, …)' },
    output: {
      type: 'string',
      short: 'o',
      valueName: 'out.wasm',
      description: 'where to write the composed component (default <name>.wasm beside the spec)',
    },
    lock: {
      type: 'string',
      valueName: 'file',
      description: 'lock file to read and write (default flotilla.<env>.lock.json beside the spec; flotilla.lock.json without --env)',
    },
    frozen: { type: 'boolean', description: 'compose exactly the locked digests; fail if the spec and the lock disagree' },
    'promote-from': {
      type: 'string',
      valueName: 'env',
      description: 'compose --env from the digests of this environment’s lock, copying what its registries lack (with signatures)',
    },
    'from-lock': {
      type: 'string',
      valueName: 'file',
      description: 'the lock to promote (default flotilla.<promote-from>.lock.json beside the spec)',
    },
    'trusted-root': {
      type: 'string',
      valueName: 'file',
      description: 'sigstore trusted root (JSON) for keyless signatures when a policy applies; default: the public-good root',
    },
    validate: { type: 'boolean', description: 'validate the composed component (default; --no-validate skips it)' },
    'registry-override': {
      type: 'string',
      valueName: 'target',
      description: 'send every registry ref to this host[:port][/prefix], oci:<dir> or registry name instead of the environment’s rewrites',
    },
    store: {
      type: 'string',
      valueName: 'dir',
      description: 'the component store (OCI layout, pull cache); default $FLOTILLA_CACHE or ~/.cache/flotilla/oci',
    },
  },
  async run(ctx) {
    const { composeSpec } = await import('../../release/compose.ts');
    const { formatBytes } = await import('../../report/markdown.ts');
    const v = ctx.values;
    const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
    const path = (x: unknown): string | undefined => (typeof x === 'string' ? resolve(ctx.cwd, x) : undefined);
    const opt = <T>(key: string, value: T | undefined) => (value !== undefined ? { [key]: value } : {});
    const promoteFrom = str(v['promote-from']);
    const fromLock = path(v['from-lock']);
    const result = await composeSpec({
      specFile: resolve(ctx.cwd, ctx.positionals[0] ?? ''),
      env: ctx.env,
      frozen: v.frozen === true,
      validate: v.validate !== false,
      ...opt('environment', str(v.env)),
      ...opt('output', path(v.output)),
      ...opt('lockFile', path(v.lock)),
      ...opt('registries', path(v.registries)),
      ...opt('registryOverride', str(v['registry-override'])),
      ...opt('storeDir', path(v.store)),
      ...opt('trustedRootFile', path(v['trusted-root'])),
      ...(promoteFrom !== undefined || fromLock !== undefined
        ? { promoteFrom: { ...opt('environment', promoteFrom), ...opt('lockFile', fromLock) } }
        : {}),
    });
    if (result.promotion) {
      const { formatPromotion } = await import('../../release/promote.ts');
      ctx.stderr.write(formatPromotion(result.promotion));
    }
    if (result.verification) {
      const { formatReportText, violationsOf } = await import('../../verify/report.ts');
      ctx.stderr.write(formatReportText(result.verification));
      if (result.verification.verdict === 'warn') {
        ctx.stderr.write(
          `warning: composed although ${violationsOf(result.verification).length} check(s) fail: the policy is in mode warn\n`,
        );
      }
    }
    for (const c of result.components) {
      ctx.stderr.write(`  ${c.name.padEnd(20)} ${c.fetched.padEnd(5)} ${c.digest.slice(0, 19)}  ${c.source}\n`);
    }
    if (result.observability) {
      const o = result.observability;
      ctx.stderr.write(
        `observability: a tracing tap on ${o.tapped.length} edge(s): ${o.tapped.map((t) => t.label).join(', ')}${o.skipped.length > 0 ? `; left alone: ${o.skipped.map((s) => `${s.instance} ${s.interface} (${s.reason})`).join('; ')}` : ''}\n`,
      );
    }
    ctx.stderr.write(
      `composed ${result.plan.name}${result.plan.environment ? ` (${result.plan.environment})` : ''}: ${result.output} (${formatBytes(result.size)})${result.lockWritten ? `, lock ${result.lockFile}` : ', lock unchanged (--frozen)'}\n`,
    );
    ctx.stdout.write(`${result.digest}\n`);
    return 0;
  },
};

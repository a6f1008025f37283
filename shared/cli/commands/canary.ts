import { UsageError } from '../../errors.ts';
import { type Command, EXIT_FAILURE, EXIT_OK, registryOptions } from '../command.ts';
import { signingChoiceOf, signingOptions } from './signing-flags.ts';

const COMMANDS = ['start', 'continue', 'status', 'promote', 'abort', 'retry', 'rollback'];

export const canary: Command = {
  name: 'canary',
  summary: 'canary and blue-green releases: steps, analysis, promote, abort, retry, rollback; state kept in the registry',
  args: '<start|continue|status|promote|abort|retry|rollback> <spec>',
  positionals: [2, 2],
  options: {
    ...registryOptions,
    env: { type: 'string', valueName: 'name', description: 'environment to release to (required)' },
    canary: {
      type: 'string',
      valueName: 'ref',
      description:
        "start: the version to roll out (the canary component's new version when the spec names rollout.canary.component, else the composed app), an OCI reference",
    },
    ...signingOptions,
    strategy: { type: 'string', valueName: 'canary|blue-green', description: "start: the strategy (default: the environment's)" },
    full: { type: 'boolean', description: 'promote: skip every remaining step and analysis' },
    'max-duration': {
      type: 'string',
      valueName: 'duration',
      description: 'stop at the next safe point after this long (30m, 1h); continue goes on',
    },
    summary: { type: 'string', valueName: 'file', description: 'write the Markdown summary (steps table, analysis charts) to this file' },
    json: { type: 'boolean', description: 'print the outputs and the state as JSON' },
  },
  async run(ctx) {
    const [command = '', spec = ''] = ctx.positionals;
    if (!COMMANDS.includes(command)) throw new UsageError(`unknown canary command '${command}'; one of ${COMMANDS.join(', ')}`);
    const env = typeof ctx.values.env === 'string' ? ctx.values.env : undefined;
    if (!env) throw new UsageError('--env <name> is required: the environment of the spec to release to');
    const str = (k: string) => (typeof ctx.values[k] === 'string' ? (ctx.values[k] as string) : undefined);
    const { parseDuration } = await import('../../rollout/duration.ts');
    let maxDurationMs: number | undefined;
    const md = str('max-duration');
    if (md !== undefined) {
      const d = parseDuration(md);
      if ('error' in d) throw new UsageError(`--max-duration: ${d.error}`);
      maxDurationMs = d.ms;
    }
    const { runRollout } = await import('../../rollout/run.ts');
    const stop = new AbortController();
    // SIGTERM (a cancelled job) and SIGINT stop at a safe point: the state says where, continue goes on
    const onSignal = () => stop.abort();
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    try {
      const canaryRef = str('canary');
      const strategy = str('strategy');
      const registries = str('registries');
      const { signingRequest } = await import('../../publish/signing-options.ts');
      const signing = signingRequest(signingChoiceOf(ctx.values), ctx.env);
      const result = await runRollout({
        spec,
        environment: env,
        command: command as never,
        canary: canaryRef,
        strategy,
        ...(ctx.values.full === true ? { full: true } : {}),
        maxDurationMs,
        registries,
        signing,
        cwd: ctx.cwd,
        env: ctx.env,
        signal: stop.signal,
        log: (line) => {
          if (!ctx.values.json) ctx.stderr.write(`${line}\n`);
        },
      });
      const summaryFile = str('summary');
      if (summaryFile !== undefined) {
        const { rolloutSummary } = await import('../../rollout/summary.ts');
        const { writeFileAtomically } = await import('../../fs/atomic-write.ts');
        const { resolve } = await import('node:path');
        await writeFileAtomically(
          resolve(ctx.cwd, summaryFile),
          new TextEncoder().encode(rolloutSummary(result.state, result.environment, result.config)),
        );
      }
      if (ctx.values.json)
        ctx.stdout.write(
          `${JSON.stringify({ outputs: result.outputs, text: result.text, stopped: result.stopped, state: result.state }, null, 2)}\n`,
        );
      else {
        const o = result.outputs;
        ctx.stdout.write(`${result.text}\n`);
        ctx.stdout.write(
          `phase=${o.phase} step=${o.step}/${o.steps} weight=${o.weight} live=${o.liveDigest || '-'} stable=${o.stableDigest || '-'} canary=${o.canaryDigest || '-'}\n`,
        );
      }
      return result.abortedNow ? EXIT_FAILURE : EXIT_OK;
    } finally {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
  },
};

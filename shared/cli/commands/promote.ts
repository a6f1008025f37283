import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.ts';
import { type Command, type CommandContext, EXIT_FAILURE, EXIT_OK, registryOptions } from '../command.ts';

const str = (ctx: CommandContext, k: string) => (typeof ctx.values[k] === 'string' ? (ctx.values[k] as string) : undefined);

const plan: Command = {
  name: 'plan',
  summary:
    "what promoting a lock to an environment changes, before anything moves: each component's current and new digest and version, and the policy rules that allow it (exit 1 when the policy refuses)",
  args: '<spec>',
  positionals: [1, 1],
  options: {
    ...registryOptions,
    env: { type: 'string', valueName: 'name', description: 'the target environment (required)' },
    'promote-from': {
      type: 'string',
      valueName: 'name',
      description: "the source environment (its lock beside the spec, or --from-lock's)",
    },
    'from-lock': { type: 'string', valueName: 'file', description: 'the lock to promote (a staging run’s artifact)' },
    'current-lock': {
      type: 'string',
      valueName: 'file',
      description: 'the lock of what the environment runs now (default: what its version tags name in its registries)',
    },
    'registry-override': { type: 'string', valueName: 'target', description: 'send every registry ref of the spec to this target' },
    'trusted-root': { type: 'string', valueName: 'file', description: 'sigstore trusted root (JSON) for keyless signatures' },
    json: { type: 'boolean', description: 'print the plan as JSON (what `promote result --plan` reads)' },
    output: { type: 'string', valueName: 'file', description: 'also write the plan as JSON to this file' },
    summary: { type: 'string', valueName: 'file', description: 'append the Markdown summary to this file ($GITHUB_STEP_SUMMARY)' },
  },
  async run(ctx) {
    const env = str(ctx, 'env');
    if (!env) throw new UsageError('--env <name> is required: the environment to promote to');
    const fromEnv = str(ctx, 'promote-from');
    const fromLock = str(ctx, 'from-lock');
    if (fromEnv === undefined && fromLock === undefined)
      throw new UsageError('give --promote-from <environment> or --from-lock <file> (or both)');
    const { planPromotionReport, promotionPlanMarkdown } = await import('../../release/promotion-report.ts');
    const registries = str(ctx, 'registries');
    const override = str(ctx, 'registry-override');
    const root = str(ctx, 'trusted-root');
    const currentLock = str(ctx, 'current-lock');
    const report = await planPromotionReport({
      specFile: ctx.positionals[0] ?? '',
      environment: env,
      from: { ...(fromEnv !== undefined ? { environment: fromEnv } : {}), ...(fromLock !== undefined ? { lockFile: fromLock } : {}) },
      ...(registries !== undefined ? { registries } : {}),
      ...(currentLock !== undefined ? { currentLock } : {}),
      ...(override !== undefined ? { registryOverride: override } : {}),
      ...(root !== undefined ? { trustedRootFile: root } : {}),
      cwd: ctx.cwd,
      env: ctx.env,
    });
    const json = `${JSON.stringify(report, null, 2)}\n`;
    const markdown = promotionPlanMarkdown(report);
    const out = str(ctx, 'output');
    if (out !== undefined) writeFileSync(resolve(ctx.cwd, out), json);
    const summary = str(ctx, 'summary');
    if (summary !== undefined) writeFileSync(resolve(ctx.cwd, summary), markdown, { flag: 'a' });
    ctx.stdout.write(ctx.values.json ? json : markdown);
    return report.verdict === 'fail' ? EXIT_FAILURE : EXIT_OK;
  },
};

const result: Command = {
  name: 'result',
  summary:
    'what a promotion did, against its plan: each component as planned or not in the lock written, the app published, the rollout’s phase',
  args: '',
  positionals: [0, 0],
  options: {
    plan: { type: 'string', valueName: 'file', description: 'the plan (`promote plan --output`), required' },
    conclusion: { type: 'string', valueName: 'state', description: 'success, failure or cancelled (required)' },
    strategy: { type: 'string', valueName: 'name', description: 'direct, canary or blue-green (default direct)' },
    lock: { type: 'string', valueName: 'file', description: "the target environment's lock the promotion wrote" },
    digest: { type: 'string', valueName: 'digest', description: 'the composed app’s digest' },
    'manifest-digest': { type: 'string', valueName: 'digest', description: 'the published app’s manifest digest' },
    refs: { type: 'string', valueName: 'json', description: 'JSON array of the refs pushed' },
    'deployment-id': { type: 'string', valueName: 'id', description: 'the GitHub deployment recorded' },
    phase: { type: 'string', valueName: 'phase', description: 'the rollout’s phase after this run' },
    weight: { type: 'string', valueName: 'percent', description: 'the rollout’s weight' },
    step: { type: 'string', valueName: 'n', description: 'the rollout’s step' },
    message: { type: 'string', valueName: 'text', description: 'the rollout’s message' },
    summary: { type: 'string', valueName: 'file', description: 'append the Markdown summary to this file ($GITHUB_STEP_SUMMARY)' },
  },
  async run(ctx) {
    const planFile = str(ctx, 'plan');
    const conclusion = str(ctx, 'conclusion');
    if (!planFile || !conclusion) throw new UsageError('--plan <file> and --conclusion <state> are required');
    const { promotionResultMarkdown, parsePromotionPlan } = await import('../../release/promotion-report.ts');
    const planned = parsePromotionPlan(planFile, readFileSync(resolve(ctx.cwd, planFile), 'utf8'));
    const lockFile = str(ctx, 'lock');
    const lock = lockFile ? (await import('../../release/lock.ts')).readLock(resolve(ctx.cwd, lockFile)) : undefined;
    const refs = str(ctx, 'refs');
    let refList: string[] | undefined;
    if (refs) {
      try {
        refList = (JSON.parse(refs) as unknown[]).map(String);
      } catch {
        throw new UsageError(`--refs must be a JSON array, got ${JSON.stringify(refs.slice(0, 80))}`);
      }
    }
    const phase = str(ctx, 'phase');
    const opt = (k: string, name: string) => (str(ctx, k) ? { [name]: str(ctx, k) } : {});
    const markdown = promotionResultMarkdown(planned, {
      conclusion,
      strategy: str(ctx, 'strategy') ?? 'direct',
      ...(lock ? { lock } : {}),
      ...opt('digest', 'digest'),
      ...opt('manifest-digest', 'manifestDigest'),
      ...(refList ? { refs: refList } : {}),
      ...opt('deployment-id', 'deploymentId'),
      ...(phase ? { rollout: { phase, ...opt('weight', 'weight'), ...opt('step', 'step'), ...opt('message', 'message') } } : {}),
    });
    const summary = str(ctx, 'summary');
    if (summary !== undefined) writeFileSync(resolve(ctx.cwd, summary), markdown, { flag: 'a' });
    ctx.stdout.write(markdown);
    return EXIT_OK;
  },
};

export const promote: Command = {
  name: 'promote',
  summary: 'plan a promotion of a lock and report what it did (promote.yml’s job summary)',
  args: '<plan|result> …',
  positionals: [0, -1],
  options: {},
  subcommands: [plan, result],
  async run(ctx) {
    ctx.stderr.write('flotilla promote: give a subcommand, plan or result (flotilla promote plan --help)\n');
    return 2;
  },
};

import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { UsageError } from '../../errors.ts';
import { type Command, type CommandContext, EXIT_OK, type OptionSpec } from '../command.ts';

const common: Record<string, OptionSpec> = {
  interface: {
    type: 'string',
    short: 'i',
    valueName: 'ns:pkg/name@version',
    description: 'the interface to interpose; the component must export or import it (required)',
  },
  label: {
    type: 'string',
    valueName: 'name',
    description: "the interposer's name in its stats and metrics (kebab-case; default the interface's name, e.g. users)",
  },
  validate: {
    type: 'boolean',
    description: 'validate the generated component and check that jco can run it (default; --no-validate skips it)',
  },
};

function required(ctx: CommandContext, name: string): string {
  const v = ctx.values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required (see --help)`);
  return v;
}

function parseWeight(value: unknown): number {
  if (value === undefined) return 0;
  const s = String(value);
  if (!/^\d{1,3}$/.test(s) || Number(s) > 100) {
    throw new UsageError(`--weight expects a whole number of percent from 0 to 100 (the share of calls sent to canary), got '${s}'`);
  }
  return Number(s);
}

async function generate(ctx: CommandContext, role: 'splitter' | 'tap'): Promise<number> {
  const file = resolve(ctx.cwd, ctx.positionals[0] as string);
  const iface = required(ctx, 'interface');
  const weight = role === 'splitter' ? parseWeight(ctx.values.weight) : 0;
  const header = ctx.values['sticky-header'];
  const cookie = ctx.values['sticky-cookie'];
  if (typeof header === 'string' && typeof cookie === 'string') {
    throw new UsageError('--sticky-header and --sticky-cookie route by one key: give one of them');
  }
  const sticky = typeof header === 'string' ? { header } : typeof cookie === 'string' ? { cookie } : null;
  const label = typeof ctx.values.label === 'string' ? ctx.values.label : undefined;
  const output = resolve(ctx.cwd, typeof ctx.values.output === 'string' ? ctx.values.output : `${role}.wasm`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    // the error serve gives for an unreadable component, loaded only when needed
    const { ComponentFileError } = await import('../../serve/serving.ts');
    throw new ComponentFileError(file, err);
  }
  const { readInterface } = await import('../../interpose/interface.ts');
  const { buildInterposer } = await import('../../interpose/generate.ts');
  const model = readInterface(bytes, iface, file);
  const out = buildInterposer(model, role, { interface: iface, weight, sticky, ...(label ? { label } : {}) });
  if (ctx.values.validate !== false) {
    const { validateComponent } = await import('../../component/validate.ts');
    await validateComponent(out, { level: 'transpile' });
  }
  const { writeFileAtomically } = await import('../../fs/atomic-write.ts');
  await writeFileAtomically(output, out, { createFolder: true });
  const fns = model.functions.map((f) => f.name).join(', ');
  const routing =
    role === 'tap'
      ? `forwards every call to its import \`${model.name}\``
      : sticky !== null
        ? `routes by a hash of the ${'header' in sticky ? `header ${sticky.header}` : `cookie ${sticky.cookie}`} (${weight}% of keys to canary; requests without it by weight), x-flotilla-canary: always|never overrides`
        : weight === 0
          ? 'weight 0: every call goes to stable'
          : weight === 100
            ? 'weight 100: every call goes to canary'
            : `weight ${weight}: of every 100 calls exactly ${weight} go to canary, spread evenly${model.http ? '; x-flotilla-canary: always|never overrides' : ''}`;
  const imports = role === 'tap' ? `\`${model.name}\`` : '`stable` and `canary`';
  ctx.stderr.write(
    `${role} for ${model.name} (${model.functions.length} function${model.functions.length === 1 ? '' : 's'}: ${fns}): ${routing}\n` +
      `  imports ${imports}${model.imports.length > 0 ? `, ${model.imports.map((u) => u.name).join(', ')}` : ''} and wasi:clocks/monotonic-clock; ` +
      `exports ${model.name} and flotilla:interpose/stats@0.1.0\n` +
      `  wrote ${basename(output)} (${out.length} bytes)\n`,
  );
  ctx.stdout.write(`${output}\n`);
  return EXIT_OK;
}

export const splitter: Command = {
  name: 'splitter',
  summary: 'generate a component that splits the calls of an interface between two versions (stable and canary)',
  args: '<component.wasm>',
  positionals: [1, 1],
  options: {
    ...common,
    weight: { type: 'string', short: 'w', valueName: '0-100', description: 'percent of calls sent to canary (default 0)' },
    'sticky-header': {
      type: 'string',
      valueName: 'name',
      description: 'wasi:http/incoming-handler: route by a hash of this request header, so one user stays on one version',
    },
    'sticky-cookie': { type: 'string', valueName: 'name', description: 'wasi:http/incoming-handler: route by a hash of this cookie' },
    output: { type: 'string', short: 'o', valueName: 'out.wasm', description: 'where to write the splitter (default splitter.wasm)' },
  },
  run: (ctx) => generate(ctx, 'splitter'),
};

export const tap: Command = {
  name: 'tap',
  summary: 'generate a pass-through component for an interface that records call stats (calls, errors, latency)',
  args: '<component.wasm>',
  positionals: [1, 1],
  options: {
    ...common,
    output: { type: 'string', short: 'o', valueName: 'out.wasm', description: 'where to write the tap (default tap.wasm)' },
  },
  run: (ctx) => generate(ctx, 'tap'),
};

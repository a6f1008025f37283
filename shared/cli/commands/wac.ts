/**
 * `flotilla wac compose|plug`: the `wac` binary's two composing commands, with
 * its flag names, defaults (the output goes to stdout unless `-o`; binary
 * output is refused on a terminal), exit codes (1 for any failure, 2 for bad
 * usage) and error text (`error: ` and the report as wac renders it, with the
 * file, line, column and the source line under it), so a user can swap one for
 * the other. Extras: `--validate=transpile` (also transpile with jco), plug's
 * `--no-validate`.
 */
import { basename, resolve } from 'node:path';
import { errorMessage, FlotillaError, UsageError } from '../../errors.ts';
import type { Command, CommandContext, OptionValues } from '../command.ts';

const EXIT_FAILURE = 1;

function list(v: OptionValues[string]): string[] {
  if (v === undefined || typeof v === 'boolean') return [];
  return Array.isArray(v) ? v : [v];
}

/** `--validate` / `--no-validate` / `--validate=transpile` → the compose option. */
function validation(values: OptionValues): boolean | 'transpile' {
  const v = values.validate;
  if (v === false || values['no-validate'] === true) return false;
  if (v === undefined || v === true || v === 'model' || v === 'true') return true;
  if (v === 'transpile') return 'transpile';
  throw new UsageError(
    `invalid value '${String(v)}' for '--validate <level>': use --validate=transpile, or --no-validate to skip validation`,
  );
}

/** The text wac prints after `error: ` for a failure. */
async function errorText(err: unknown): Promise<string> {
  const { WacDiagnosticError } = await import('../../wac/diagnostics.ts');
  if (err instanceof WacDiagnosticError) return err.report();
  const { WacValidationError } = await import('../../wac/compose.ts');
  if (err instanceof WacValidationError) {
    const detail = errorMessage(err.cause).replace(/^the component is not valid: /, '');
    return `the encoding of the graph failed validation\n\nCaused by:\n    ${detail.split('\n').join('\n    ')}`;
  }
  const { ComponentValidationError } = await import('../../component/validate.ts');
  if (err instanceof ComponentValidationError) {
    return `the encoding of the graph failed validation\n\nCaused by:\n    ${err.message
      .replace(/^the component is not valid: /, '')
      .split('\n')
      .join('\n    ')}`;
  }
  if (err instanceof FlotillaError && err.cause instanceof Error && !err.message.includes(err.cause.message)) {
    return `${err.message}\n\nCaused by:\n    ${err.cause.message}`;
  }
  return errorMessage(err);
}

async function fail(ctx: CommandContext, err: unknown): Promise<number> {
  if (err instanceof UsageError) throw err;
  ctx.stderr.write(`error: ${await errorText(err)}\n`);
  if (ctx.env.FLOTILLA_DEBUG && err instanceof Error && err.stack) ctx.stderr.write(`${err.stack}\n`);
  return EXIT_FAILURE;
}

/** Writes the result where wac would: `-o` (atomically), else stdout (refused on a terminal unless `-t`). */
async function output(ctx: CommandContext, bytes: Uint8Array): Promise<void> {
  const wat = ctx.values.wat === true;
  const out = typeof ctx.values.output === 'string' ? resolve(ctx.cwd, ctx.values.output) : undefined;
  let data: Uint8Array = bytes;
  if (wat) {
    const { print } = await import('@bytecodealliance/jco');
    data = new TextEncoder().encode(`${await print(bytes)}\n`);
  }
  if (out) {
    const { writeFileAtomically } = await import('../../fs/atomic-write.ts');
    try {
      await writeFileAtomically(out, data);
    } catch (err) {
      throw new FlotillaError('WAC_OUTPUT', `failed to write output file \`${out}\``, { cause: err });
    }
    return;
  }
  await new Promise<void>((done, failed) => ctx.stdout.write(data, (err) => (err ? failed(err) : done())));
}

function refuseTerminal(ctx: CommandContext): void {
  const tty = (ctx.stdout as { isTTY?: boolean }).isTTY === true;
  if (tty && ctx.values.wat !== true && typeof ctx.values.output !== 'string') {
    throw new FlotillaError(
      'WAC_OUTPUT',
      'cannot print binary wasm output to a terminal; pass the `-t` flag to print the text format instead',
    );
  }
}

const outputOptions = {
  wat: { type: 'boolean', short: 't', description: 'emit the WebAssembly text format' },
  output: { type: 'string', short: 'o', valueName: 'PATH', description: 'the path to write the output to (default: stdout)' },
} as const;

export const wacCompose: Command = {
  name: 'compose',
  summary: 'compose WebAssembly components using the provided WAC source file',
  args: '<PATH>',
  positionals: [1, 1],
  options: {
    'deps-dir': {
      type: 'string',
      valueName: 'PATH',
      description: 'the directory to search for package dependencies (default: deps); ns/name.wasm, .wat, or a WIT folder ns/name/',
    },
    dep: {
      type: 'string',
      short: 'd',
      multiple: true,
      valueName: 'PKG=PATH',
      description: 'the file (or WIT folder) of a package dependency, e.g. --dep example:greeter=greeter.wasm',
    },
    'no-validate': { type: 'boolean', description: 'whether to skip validation of the composed component' },
    validate: {
      type: 'string',
      valueName: 'level',
      description: '`--validate=transpile` also transpiles the composed component with jco (a deeper check)',
    },
    'import-dependencies': {
      type: 'boolean',
      short: 'i',
      description: 'import the dependencies as components instead of defining them in the composed component',
    },
    ...outputOptions,
  },
  async run(ctx) {
    const file = resolve(ctx.cwd, ctx.positionals[0] ?? '');
    const deps: Record<string, string> = {};
    for (const d of list(ctx.values.dep)) {
      const eq = d.indexOf('=');
      if (eq < 0) throw new UsageError(`invalid value '${d}' for '--dep <PKG=PATH>': value does not contain \`=\``);
      deps[d.slice(0, eq).trim()] = resolve(ctx.cwd, d.slice(eq + 1).trim());
    }
    const validate = validation(ctx.values);
    // the validator loads while the document and the packages are read
    if (validate !== false) (await import('../../component/validate.ts')).preloadValidator();
    try {
      const { readFile } = await import('node:fs/promises');
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new FlotillaError('WAC_INPUT', `failed to read file \`${ctx.positionals[0]}\``, { cause: err });
      }
      const source = { file: ctx.positionals[0] ?? file, text };
      const { parseWac } = await import('../../wac/parser.ts');
      const doc = parseWac(source);
      const { loadPackagesFromFiles } = await import('../../wac/load-packages.ts');
      const depsDir = resolve(ctx.cwd, typeof ctx.values['deps-dir'] === 'string' ? ctx.values['deps-dir'] : 'deps');
      const packages = await loadPackagesFromFiles(doc, { deps, depsDir, source });
      const { composeWac } = await import('../../wac/compose.ts');
      // wac checks the terminal once the document resolves, before encoding
      const bytes = await composeWac(source, packages, {
        validate,
        importDependencies: ctx.values['import-dependencies'] === true,
        onResolved: () => refuseTerminal(ctx),
      });
      await output(ctx, bytes);
      return 0;
    } catch (err) {
      return fail(ctx, err);
    }
  },
};

export const wacPlug: Command = {
  name: 'plug',
  summary: "plug the exports of any number of 'plug' components into the imports of a 'socket' component",
  args: '<SOCKET_PATH>',
  positionals: [1, 1],
  options: {
    plug: {
      type: 'string',
      multiple: true,
      valueName: 'PLUG_PATH',
      description: 'a plug component (.wasm or .wat); give it once per plug',
    },
    'no-validate': { type: 'boolean', description: 'whether to skip validation of the composed component' },
    validate: {
      type: 'string',
      valueName: 'level',
      description: '`--validate=transpile` also transpiles the composed component with jco (a deeper check)',
    },
    ...outputOptions,
  },
  async run(ctx) {
    const plugs = list(ctx.values.plug);
    if (plugs.length === 0) throw new UsageError('the following required arguments were not provided: --plug <PLUG_PATH>');
    const validate = validation(ctx.values);
    if (validate !== false) (await import('../../component/validate.ts')).preloadValidator();
    try {
      const { readComponentFile } = await import('../../wac/load-packages.ts');
      const socketPath = ctx.positionals[0] ?? '';
      let socket: Uint8Array;
      try {
        socket = await readComponentFile(resolve(ctx.cwd, socketPath));
      } catch (err) {
        throw new FlotillaError('WAC_INPUT', `failed to read socket component \`${socketPath}\``, { cause: err });
      }
      // wac names each plug `plug:<file stem>`, with an index when two stems are the same
      const stems = plugs.map((p) => basename(p).replace(/\.[^.]*$/, ''));
      const names = stems.map((s) => `plug:${s}`);
      const seen = new Map<string, number>();
      for (const [i, s] of stems.entries()) {
        if (stems.filter((x) => x === s).length < 2) continue;
        const n = seen.get(s) ?? 0;
        names[i] = `plug:${s}${n}`;
        seen.set(s, n + 1);
      }
      const plugBytes: Uint8Array[] = [];
      for (const p of plugs) {
        try {
          plugBytes.push(await readComponentFile(resolve(ctx.cwd, p)));
        } catch (err) {
          throw new FlotillaError('WAC_INPUT', `failed to read plug component \`${p}\``, { cause: err });
        }
      }
      const { plug } = await import('../../wac/plug.ts');
      refuseTerminal(ctx);
      const bytes = await plug(socket, plugBytes, { validate, names });
      await output(ctx, bytes);
      return 0;
    } catch (err) {
      return fail(ctx, err);
    }
  },
};

export const wac: Command = {
  name: 'wac',
  summary: 'compose components as the wac binary does (wac compose, wac plug)',
  args: '<command>',
  positionals: [0, -1],
  options: {},
  subcommands: [wacCompose, wacPlug],
  async run() {
    return 2;
  },
};

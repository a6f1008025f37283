import { dirname, join, relative, resolve } from 'node:path';
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import { booleanInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { ConfigError } from '../../../shared/config/yaml-source.ts';
import { errorMessage, FlotillaError } from '../../../shared/errors.ts';
import { restoreKeyFor, restoreStore, saveStore } from '../../../shared/release/cache.ts';
import { composeSpec, storeDir } from '../../../shared/release/compose.ts';
import { errorPlaces } from '../../../shared/release/error-places.ts';
import { LOCK_FILE_NAME } from '../../../shared/release/lock.ts';
import { composeSummary } from '../../../shared/release/summary.ts';

/** The compose action's inputs as a typed object. */
export interface ComposeInputs {
  spec: string;
  environment: string | undefined;
  output: string | undefined;
  lock: string | undefined;
  frozen: boolean;
  registries: string | undefined;
  registryOverride: string | undefined;
  cache: boolean;
  validate: boolean;
}

export function readInputs(): ComposeInputs {
  return {
    spec: stringInput('spec', { default: 'flotilla.yaml' }) ?? 'flotilla.yaml',
    environment: stringInput('environment'),
    output: stringInput('output'),
    lock: stringInput('lock'),
    frozen: booleanInput('frozen', false),
    registries: stringInput('registries'),
    registryOverride: stringInput('registry-override'),
    cache: booleanInput('cache', true),
    validate: booleanInput('validate', true),
  };
}

const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
const rel = (file: string) => (file.startsWith(`${workspace}/`) ? file.slice(workspace.length + 1) : file);
/** Relative to the working directory when inside it, else absolute. */
const shown = (file: string) => {
  const r = relative(process.cwd(), file);
  return r === '' || r.startsWith('..') ? file : r;
};

/** Annotations on the lines of the files the user wrote (spec, WAC file); true when there was at least one. */
function annotate(err: unknown): boolean {
  const places = errorPlaces(err);
  const title = err instanceof FlotillaError ? err.code : 'compose';
  for (const p of places) core.error(p.message, { file: rel(p.file), startLine: p.line, startColumn: p.column, title });
  return places.length > 0;
}

async function worldOf(bytes: Uint8Array): Promise<string | undefined> {
  try {
    const { componentWit } = await import('@bytecodealliance/jco');
    return await componentWit(bytes);
  } catch (err) {
    core.warning(`the world of the composed component could not be printed: ${errorMessage(err)}`);
    return undefined;
  }
}

await runAction('compose', async () => {
  const inputs = readInputs();
  core.info(`compose inputs: ${JSON.stringify(inputs)}`);
  const specFile = resolve(inputs.spec);
  const lockFile = resolve(inputs.lock ?? join(dirname(specFile), LOCK_FILE_NAME));
  const store = storeDir(process.env);
  const log = { info: (m: string) => core.info(m), notice: (m: string) => core.notice(m) };
  const restored = inputs.cache ? await restoreStore(cache, store, restoreKeyFor(lockFile), log) : undefined;
  let result: Awaited<ReturnType<typeof composeSpec>>;
  try {
    result = await composeSpec({
      specFile,
      lockFile,
      frozen: inputs.frozen,
      validate: inputs.validate,
      env: process.env,
      storeDir: store,
      ...(inputs.environment !== undefined ? { environment: inputs.environment } : {}),
      ...(inputs.output !== undefined ? { output: resolve(inputs.output) } : {}),
      ...(inputs.registries !== undefined ? { registries: resolve(inputs.registries) } : {}),
      ...(inputs.registryOverride !== undefined ? { registryOverride: inputs.registryOverride } : {}),
    });
  } catch (err) {
    // ConfigErrors are annotated by runAction; the others that belong to a line are annotated here.
    if (!(err instanceof ConfigError) && annotate(err)) {
      if (err instanceof Error && err.stack) core.debug(err.stack);
      core.setFailed(`flotilla compose${err instanceof FlotillaError ? ` [${err.code}]` : ''}: ${errorMessage(err).split('\n')[0]}`);
      return;
    }
    throw err;
  }
  for (const c of result.components) core.info(`${c.name.padEnd(20)} ${c.fetched.padEnd(5)} ${c.digest}  ${c.source}`);
  core.info(`composed ${result.output} (${result.digest}, ${result.size} bytes)`);
  core.setOutput('component', shown(result.output));
  core.setOutput('digest', result.digest);
  core.setOutput('size', String(result.size));
  core.setOutput('lock', shown(result.lockFile));
  core.setOutput('imports', JSON.stringify(result.imports));
  core.setOutput('exports', JSON.stringify(result.exports));
  await core.summary.addRaw(composeSummary(result, await worldOf(result.bytes))).write();
  if (inputs.cache) await saveStore(cache, store, result.lock, restored, log);
});

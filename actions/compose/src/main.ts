import { dirname, relative, resolve } from 'node:path';
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import { booleanInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { ConfigError } from '../../../shared/config/yaml-source.ts';
import { errorMessage, FlotillaError } from '../../../shared/errors.ts';
import { restoreKeyFor, restoreStore, saveStore } from '../../../shared/release/cache.ts';
import { composeSpec, storeDir } from '../../../shared/release/compose.ts';
import { errorPlaces } from '../../../shared/release/error-places.ts';
import { defaultLockFile } from '../../../shared/release/lock.ts';
import { formatPromotion } from '../../../shared/release/promote.ts';
import { composeSummary, refusedSummary } from '../../../shared/release/summary.ts';
import { formatReportText, violationsOf } from '../../../shared/verify/report.ts';

/** The compose action's inputs as a typed object. */
export interface ComposeInputs {
  spec: string;
  environment: string | undefined;
  output: string | undefined;
  lock: string | undefined;
  frozen: boolean;
  promoteFrom: string | undefined;
  fromLock: string | undefined;
  trustedRoot: string | undefined;
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
    promoteFrom: stringInput('promote-from'),
    fromLock: stringInput('from-lock'),
    trustedRoot: stringInput('trusted-root'),
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

/** Annotations on the lines of the files the user wrote (spec, WAC file); true when there was at least one. Each carries its whole message. */
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
  const lockFile = resolve(inputs.lock ?? defaultLockFile(dirname(specFile), inputs.environment));
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
      environment: inputs.environment,
      ...(inputs.output !== undefined ? { output: resolve(inputs.output) } : {}),
      ...(inputs.registries !== undefined ? { registries: resolve(inputs.registries) } : {}),
      registryOverride: inputs.registryOverride,
      ...(inputs.trustedRoot !== undefined ? { trustedRootFile: resolve(inputs.trustedRoot) } : {}),
      ...(inputs.promoteFrom !== undefined || inputs.fromLock !== undefined
        ? {
            promoteFrom: {
              ...(inputs.promoteFrom !== undefined ? { environment: inputs.promoteFrom } : {}),
              ...(inputs.fromLock !== undefined ? { lockFile: resolve(inputs.fromLock) } : {}),
            },
          }
        : {}),
    });
  } catch (err) {
    // ConfigErrors are annotated by runAction; the others that belong to a line are annotated here.
    if (!(err instanceof ConfigError) && annotate(err)) {
      if (err instanceof Error && err.stack) core.debug(err.stack);
      // the whole message: a list after a colon (`… disagree (2):`) is what says what to fix
      core.setFailed(`flotilla compose${err instanceof FlotillaError ? ` [${err.code}]` : ''}: ${errorMessage(err)}`);
      const report = (err as { report?: Parameters<typeof refusedSummary>[0] }).report;
      if (report) await core.summary.addRaw(refusedSummary(report, rel)).write();
      return;
    }
    throw err;
  }
  if (result.promotion) core.info(formatPromotion(result.promotion, shown));
  if (result.verification) {
    core.info(formatReportText(result.verification));
    // warn mode: composed, and every failed check is a warning on the policy rule's line (else the component's)
    for (const v of violationsOf(result.verification)) {
      const props: core.AnnotationProperties = { title: `policy: ${v.component} (${v.check.rule})` };
      if (v.position) {
        props.file = rel(v.position.file);
        props.startLine = v.position.line;
        props.startColumn = v.position.column;
      }
      core.warning(v.message, props);
    }
  }
  for (const c of result.components) core.info(`${c.name.padEnd(20)} ${c.fetched.padEnd(5)} ${c.digest}  ${c.source}`);
  core.info(`composed ${result.output} (${result.digest}, ${result.size} bytes)`);
  core.setOutput('verdict', result.verification?.verdict ?? '');
  core.setOutput('component', shown(result.output));
  core.setOutput('digest', result.digest);
  core.setOutput('size', String(result.size));
  core.setOutput('lock', shown(result.lockFile));
  core.setOutput('imports', JSON.stringify(result.imports));
  core.setOutput('exports', JSON.stringify(result.exports));
  await core.summary.addRaw(composeSummary(result, await worldOf(result.bytes), { path: rel })).write();
  if (inputs.cache) await saveStore(cache, store, result.lock, restored, log);
});

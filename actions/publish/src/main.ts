import { join } from 'node:path';
import * as core from '@actions/core';
import { githubActionsIdToken } from '../../../shared/actions/id-token.ts';
import { booleanInput, linesInput, listInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { UsageError } from '../../../shared/errors.ts';
import { gitContextFromEnv, gitTags, parseFlavor } from '../../../shared/publish/git-tags.ts';
import { parseKeyValues } from '../../../shared/publish/key-values.ts';
import { runPublish } from '../../../shared/publish/request.ts';
import { signingRequest } from '../../../shared/publish/signing-options.ts';
import { publishSummary } from '../../../shared/publish/summary.ts';
import { KEY_PASSWORD_ENV } from '../../../shared/sign/keys.ts';

export type SigningMode = 'keyless' | 'key' | 'none';

/** The publish action's inputs as a typed object. Key material is never part of it: only a file path or a variable's name. */
export interface PublishInputs {
  component: string | undefined;
  lock: string | undefined;
  to: string[];
  tag: string | undefined;
  name: string | undefined;
  registries: string | undefined;
  policy: string | undefined;
  environment: string | undefined;
  signing: SigningMode;
  keyFile: string | undefined;
  keyEnv: string;
  sigstore: string;
  fulcioUrl: string | undefined;
  rekorUrl: string | undefined;
  tsaUrl: string | undefined;
  bundleDir: string;
  /** Manifest annotations (`key=value` lines, `manifest:` level allowed). */
  annotations: Record<string, string>;
  /** Labels (`key=value` lines): manifest annotations too, under the annotations. */
  labels: Record<string, string>;
  /** False: build the artifacts, sign nothing, print what would be pushed. */
  push: boolean;
  /** Tag rules in docker/metadata-action's syntax (see shared/publish/git-tags.ts). */
  tags: string[];
  flavor: string[];
  created: string | undefined;
}

export function readInputs(): PublishInputs {
  const signing = stringInput('signing', { default: 'none' }) ?? 'none';
  if (signing !== 'keyless' && signing !== 'key' && signing !== 'none') {
    throw new UsageError(`input 'signing' must be keyless, key or none, got '${signing}'`);
  }
  const inputs: PublishInputs = {
    component: stringInput('component'),
    lock: stringInput('lock'),
    to: listInput('to'),
    tag: stringInput('tag'),
    name: stringInput('name'),
    registries: stringInput('registries'),
    policy: stringInput('policy'),
    environment: stringInput('environment'),
    signing,
    keyFile: stringInput('key-file'),
    keyEnv: stringInput('key-env', { default: 'FLOTILLA_SIGNING_KEY' }) ?? 'FLOTILLA_SIGNING_KEY',
    sigstore: stringInput('sigstore', { default: 'auto' }) ?? 'auto',
    fulcioUrl: stringInput('fulcio-url'),
    rekorUrl: stringInput('rekor-url'),
    tsaUrl: stringInput('tsa-url'),
    bundleDir: stringInput('bundle-dir') ?? join(process.env.RUNNER_TEMP ?? '.', 'flotilla-publish'),
    annotations: parseKeyValues(linesInput('annotations'), 'input annotations', { levels: true }),
    labels: parseKeyValues(linesInput('labels'), 'input labels'),
    push: booleanInput('push', true),
    tags: linesInput('tags'),
    flavor: linesInput('flavor'),
    created: stringInput('created'),
  };
  if (!inputs.component && !inputs.lock) throw new UsageError("one of the inputs 'component' or 'lock' is required");
  if (inputs.to.length === 0) throw new UsageError("input 'to' needs at least one target ref or registry name");
  return inputs;
}

/** Masks the key material and its password in the log before anything can print them. */
function maskSecrets(inputs: PublishInputs): void {
  for (const value of [
    process.env[KEY_PASSWORD_ENV],
    inputs.signing === 'key' && !inputs.keyFile ? process.env[inputs.keyEnv] : undefined,
  ]) {
    if (!value) continue;
    core.setSecret(value);
    for (const line of value.split(/\r?\n/)) if (line.trim() !== '' && !line.startsWith('-----')) core.setSecret(line.trim());
  }
}

await runAction('publish', async () => {
  const inputs = readInputs();
  maskSecrets(inputs);
  const key = inputs.signing === 'key' ? (inputs.keyFile ?? `env://${inputs.keyEnv}`) : undefined;
  const signing = signingRequest(
    {
      key,
      keyless: inputs.signing === 'keyless',
      ...(inputs.signing === 'keyless' ? { sigstore: inputs.sigstore } : {}),
      ...(inputs.fulcioUrl ? { fulcioURL: inputs.fulcioUrl } : {}),
      ...(inputs.rekorUrl ? { rekorURL: inputs.rekorUrl } : {}),
      ...(inputs.tsaUrl ? { tsaURL: inputs.tsaUrl } : {}),
      identityToken: () => githubActionsIdToken(),
    },
    process.env,
  );
  const tags = inputs.tags.length > 0 ? gitTags(inputs.tags, gitContextFromEnv(process.env), parseFlavor(inputs.flavor)) : [];
  if (inputs.tags.length > 0) {
    core.info(`tags from the Git context (${process.env.GITHUB_REF ?? 'no GITHUB_REF'}): ${tags.join(', ') || '(none)'}`);
    if (tags.length === 0 && !inputs.tag)
      core.warning('the tags input gives no tag for this Git context; targets that name no tag will be refused');
  }
  const results = await runPublish({
    to: inputs.to,
    signing,
    bundleDir: inputs.bundleDir,
    cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    env: process.env,
    ...(inputs.component ? { component: inputs.component } : {}),
    ...(inputs.lock ? { lock: inputs.lock } : {}),
    ...(inputs.tag ? { tag: inputs.tag } : {}),
    ...(inputs.name ? { name: inputs.name } : {}),
    ...(inputs.registries ? { registries: inputs.registries } : {}),
    ...(inputs.policy ? { policy: inputs.policy } : {}),
    ...(inputs.environment ? { environment: inputs.environment } : {}),
    ...(Object.keys(inputs.annotations).length > 0 ? { annotations: inputs.annotations } : {}),
    ...(Object.keys(inputs.labels).length > 0 ? { labels: inputs.labels } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(inputs.created ? { created: inputs.created } : {}),
    push: inputs.push,
  });
  for (const w of new Set(results.flatMap((r) => r.warnings))) core.warning(w);
  const only = results.length === 1 ? results[0] : undefined;
  core.setOutput('digest', only?.digest ?? '');
  core.setOutput('digests', JSON.stringify(Object.fromEntries(results.map((r) => [r.name, r.digest]))));
  core.setOutput('refs', JSON.stringify(results.flatMap((r) => r.refs)));
  core.setOutput('bundle', only?.bundle ?? '');
  core.setOutput('attestation-bundle', only?.attestationBundle ?? '');
  core.setOutput('pushed', String(inputs.push));
  core.setOutput('tags', JSON.stringify(tags));
  core.setOutput('created', only?.created ?? '');
  for (const r of results) {
    if (!r.pushed) {
      core.info(`push: false: would push ${r.name} ${r.digest} (created ${r.created ?? 'as copied'}) to:`);
      for (const ref of r.refs) core.info(`  ${ref}`);
      for (const [k, v] of Object.entries(r.annotations ?? {})) core.info(`  annotation ${k}=${v}`);
      continue;
    }
    core.info(`published ${r.name} ${r.digest} to ${r.refs.join(', ')}${r.signedBy ? `, signed by ${r.signedBy}` : ''}`);
  }
  await core.summary.addRaw(publishSummary(results)).write();
});

import { join } from 'node:path';
import * as core from '@actions/core';
import { type DeploymentPayload, withDeployment } from '../../../shared/actions/deployments.ts';
import { booleanInput, deploymentInputs, linesInput, listInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { signingInputs } from '../../../shared/actions/signing-inputs.ts';
import { UsageError } from '../../../shared/errors.ts';
import { gitContextFromEnv, gitTags, parseFlavor } from '../../../shared/publish/git-tags.ts';
import { parseKeyValues } from '../../../shared/publish/key-values.ts';
import { runPublish } from '../../../shared/publish/request.ts';
import type { SigningRequest } from '../../../shared/publish/signing.ts';
import { publishSummary } from '../../../shared/publish/summary.ts';

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
  /** The signing inputs as a request (shared/actions/signing-inputs.ts; secrets already masked). */
  signing: SigningRequest;
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
  const inputs: PublishInputs = {
    component: stringInput('component'),
    lock: stringInput('lock'),
    to: listInput('to'),
    tag: stringInput('tag'),
    name: stringInput('name'),
    registries: stringInput('registries'),
    policy: stringInput('policy'),
    environment: stringInput('environment'),
    signing: signingInputs(process.env).request,
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

/** The deployment's payload: the digest published (the first component's with a lock), each component's, and every ref. */
function deploymentPayload(results: Awaited<ReturnType<typeof runPublish>>): DeploymentPayload {
  const first = results[0];
  if (!first) throw new UsageError('nothing to publish, so nothing to deploy');
  return {
    digest: first.digest,
    components: Object.fromEntries(results.map((r) => [r.name, r.digest])),
    references: results.flatMap((r) => r.refs.map((ref) => `${ref}@${r.digest}`)),
  };
}

await runAction('publish', async () => {
  const inputs = readInputs();
  const tags = inputs.tags.length > 0 ? gitTags(inputs.tags, gitContextFromEnv(process.env), parseFlavor(inputs.flavor)) : [];
  if (inputs.tags.length > 0) {
    core.info(`tags from the Git context (${process.env.GITHUB_REF ?? 'no GITHUB_REF'}): ${tags.join(', ') || '(none)'}`);
    if (tags.length === 0 && !inputs.tag)
      core.warning('the tags input gives no tag for this Git context; targets that name no tag will be refused');
  }
  const request: Parameters<typeof runPublish>[0] = {
    to: inputs.to,
    signing: inputs.signing,
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
  };
  const deployment = deploymentInputs();
  if (deployment.enabled && !inputs.push) throw new UsageError("input 'deployment' needs push: true (nothing is deployed by a dry run)");
  let planned: { environment: string; payload: DeploymentPayload } | undefined;
  if (deployment.enabled) {
    const environment = deployment.environment ?? inputs.environment;
    if (!environment) throw new UsageError("input 'deployment' needs 'deployment-environment' (or 'environment')");
    // what will be pushed, digest by digest, before anything moves: the deployment's payload
    const dry = await runPublish({ ...request, push: false });
    planned = { environment, payload: deploymentPayload(dry) };
  }
  const { result: results, deployment: recorded } = planned
    ? await withDeployment(deployment, { ...planned, description: `Publish ${planned.payload.digest.slice(0, 19)}` }, () =>
        runPublish(request),
      )
    : { result: await runPublish(request), deployment: undefined };
  if (recorded) {
    core.setOutput('deployment-id', String(recorded.id));
    core.info(`deployment ${recorded.id} to ${recorded.environment} recorded: ${recorded.url}`);
  }
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

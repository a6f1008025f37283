import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { linesInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { UsageError } from '../../../shared/errors.ts';
import { keyPolicy } from '../../../shared/policy/key-policy.ts';
import { formatReportMarkdown, formatReportText, violationsOf } from '../../../shared/verify/report.ts';
import { type VerifyTarget, verify } from '../../../shared/verify/verify.ts';

/** The verify action's inputs as a typed object. */
export interface VerifyInputs {
  /** Required, except with `spec` whose `policy.file` names one, or with `keys`. */
  policy: string | undefined;
  /** `key`: public key files, a one-rule policy instead of `policy`. */
  keys: string[];
  environment: string | undefined;
  target: VerifyTarget;
  trustedRoot: string | undefined;
  registries: string | undefined;
}

export function readInputs(): VerifyInputs {
  const ref = stringInput('ref');
  const lock = stringInput('lock');
  const spec = stringInput('spec');
  const given = [ref, lock, spec].filter((v) => v !== undefined).length;
  if (given !== 1) throw new UsageError(`exactly one of the inputs 'ref', 'lock' or 'spec' is required, got ${given}`);
  const target: VerifyTarget = ref ? { kind: 'ref', ref } : lock ? { kind: 'lock', file: lock } : { kind: 'spec', file: spec ?? '' };
  const policy = stringInput('policy');
  const keys = linesInput('key');
  if (policy !== undefined && keys.length > 0) throw new UsageError("give the input 'policy' or 'key', not both");
  if (policy === undefined && keys.length === 0 && target.kind !== 'spec') {
    throw new UsageError("input 'policy' (or 'key', a public key file) is required; set it under 'with:' in the step");
  }
  return {
    policy,
    keys,
    environment: stringInput('environment'),
    target,
    trustedRoot: stringInput('trusted-root'),
    registries: stringInput('registries'),
  };
}

function relativeToWorkspace(file: string): string {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  return file.startsWith(`${workspace}/`) ? file.slice(workspace.length + 1) : file;
}

await runAction('verify', async () => {
  const inputs = readInputs();
  const { report } = await verify({
    target: inputs.target,
    policyFile: inputs.policy,
    ...(inputs.keys.length > 0 ? { policy: keyPolicy(inputs.keys, process.cwd()) } : {}),
    environment: inputs.environment,
    trustedRootFile: inputs.trustedRoot,
    registries: inputs.registries,
    cwd: process.cwd(),
    env: process.env,
  });

  const reportFile = join(process.env.RUNNER_TEMP ?? process.cwd(), 'flotilla-verify-report.json');
  writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  core.setOutput('verdict', report.verdict);
  core.setOutput('report', reportFile);
  core.info(formatReportText(report));

  // one annotation per violation, on the policy rule's line, else on the component's spec or lock line
  const violations = violationsOf(report);
  for (const v of violations) {
    const props: core.AnnotationProperties = { title: `verify: ${v.component} (${v.check.rule})` };
    if (v.position) {
      props.file = relativeToWorkspace(v.position.file);
      props.startLine = v.position.line;
      props.startColumn = v.position.column;
    }
    if (report.verdict === 'fail') core.error(v.message, props);
    else core.warning(v.message, props);
  }
  await core.summary.addRaw(formatReportMarkdown(report, { path: relativeToWorkspace })).write();

  if (report.verdict === 'fail') {
    core.setFailed(`flotilla verify: ${violations.length} violation(s) of ${relativeToWorkspace(report.policy)} in mode ${report.mode}`);
  }
});

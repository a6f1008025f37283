import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { requiredInput, stringInput } from '../../../shared/actions/inputs.ts';
import { runAction } from '../../../shared/actions/run.ts';
import { UsageError } from '../../../shared/errors.ts';
import { readLock } from '../../../shared/release/lock.ts';
import {
  parsePromotionPlan,
  planPromotionReport,
  promotionPlanMarkdown,
  promotionResultMarkdown,
} from '../../../shared/release/promotion-report.ts';

await runAction('promote', async () => {
  const command = requiredInput('command');
  const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const planFile = resolve(cwd, stringInput('plan') ?? join(process.env.RUNNER_TEMP ?? cwd, 'flotilla-promotion.json'));
  if (command === 'plan') {
    const environment = stringInput('environment');
    if (!environment) throw new UsageError("input 'environment' is required with command: plan");
    const fromEnv = stringInput('promote-from');
    const fromLock = stringInput('from-lock');
    if (!fromEnv && !fromLock) throw new UsageError("command: plan needs 'promote-from' or 'from-lock'");
    const registries = stringInput('registries');
    const override = stringInput('registry-override');
    const root = stringInput('trusted-root');
    const currentLock = stringInput('current-lock');
    const report = await planPromotionReport({
      specFile: stringInput('spec', { default: 'flotilla.yaml' }) ?? 'flotilla.yaml',
      environment,
      from: { ...(fromEnv ? { environment: fromEnv } : {}), ...(fromLock ? { lockFile: fromLock } : {}) },
      ...(registries ? { registries } : {}),
      ...(currentLock ? { currentLock } : {}),
      ...(override ? { registryOverride: override } : {}),
      ...(root ? { trustedRootFile: root } : {}),
      cwd,
      env: process.env,
    });
    writeFileSync(planFile, `${JSON.stringify(report, null, 2)}\n`);
    core.setOutput('plan', planFile);
    core.setOutput('verdict', report.verdict ?? '');
    core.setOutput('changes', JSON.stringify(Object.fromEntries(report.components.map((c) => [c.name, c.change]))));
    const markdown = promotionPlanMarkdown(report);
    core.info(markdown);
    await core.summary.addRaw(markdown).write();
    if (report.verdict === 'fail') core.setFailed(`the policy refuses the promotion to ${environment}; nothing was moved`);
    return;
  }
  if (command !== 'result') throw new UsageError(`input 'command' must be plan or result, got '${command}'`);
  const conclusion = requiredInput('conclusion');
  const planned = parsePromotionPlan(planFile, readFileSync(planFile, 'utf8'));
  const lockFile = stringInput('lock');
  const refs = stringInput('refs');
  let refList: string[] | undefined;
  if (refs) {
    try {
      refList = (JSON.parse(refs) as unknown[]).map(String);
    } catch {
      throw new UsageError("input 'refs' must be a JSON array");
    }
  }
  const phase = stringInput('phase');
  const opt = (input: string, key: string) => {
    const v = stringInput(input);
    return v ? { [key]: v } : {};
  };
  const markdown = promotionResultMarkdown(planned, {
    conclusion,
    strategy: stringInput('strategy', { default: 'direct' }) ?? 'direct',
    ...(lockFile ? { lock: readLock(resolve(cwd, lockFile)) } : {}),
    ...opt('digest', 'digest'),
    ...opt('manifest-digest', 'manifestDigest'),
    ...(refList ? { refs: refList } : {}),
    ...opt('deployment-id', 'deploymentId'),
    ...(phase ? { rollout: { phase, ...opt('weight', 'weight'), ...opt('message', 'message') } } : {}),
  });
  core.setOutput('plan', planFile);
  core.info(markdown);
  await core.summary.addRaw(markdown).write();
});

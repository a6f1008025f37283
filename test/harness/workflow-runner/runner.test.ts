import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MadeRepository, makeRepository, Repositories, type RunResult, WorkflowRunner } from './index.ts';

const testdata = join(import.meta.dirname, 'testdata');

function workflows(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of readdirSync(testdata)) if (f.endsWith('.yml')) files[`.github/workflows/${f}`] = readFileSync(join(testdata, f), 'utf8');
  return files;
}

let repo: MadeRepository;
let runner: WorkflowRunner;

beforeAll(() => {
  repo = makeRepository({ files: workflows() });
  runner = new WorkflowRunner({ repositories: new Repositories().add('acme/shop', repo.dir) });
});
afterAll(() => {
  runner.close();
  repo.remove();
});

function lines(r: RunResult, job: string): string {
  return r.job(job).log.join('\n');
}

describe('basics', () => {
  let r: RunResult;
  beforeAll(async () => {
    r = await runner.run({ repository: 'acme/shop', workflow: '.github/workflows/basics.yml' });
  });

  it('runs jobs in needs order with env at workflow, job and step level', () => {
    const first = lines(r, 'first');
    expect(first).toContain('level=step shared=from-workflow');
    expect(first).toContain('level=job');
    expect(r.job('first').result).toBe('success');
  });

  it('reads GITHUB_OUTPUT, GITHUB_ENV (multi-line) and GITHUB_PATH', () => {
    const first = lines(r, 'first');
    expect(first).toContain('block=first|second|');
    expect(first).toContain('simple=plain');
    expect(first).toContain('tool-ran');
    expect(first).toContain('env-context=plain');
    expect(first).toContain('out=true');
    expect(r.job('first').outputs).toEqual({ multi: 'line one\nline two', word: 'alpha', computed: 'alpha-push' });
    expect(r.job('first').summary).toContain('### Summary from first');
  });

  it('evaluates expressions with GitHub functions and contexts', () => {
    const first = lines(r, 'first');
    for (const s of [
      'json=1,2 num=true literal=no\\nescape',
      'contains=true',
      'starts=true',
      'join=a+b',
      'case=push',
      'ternary=was-push',
      'job=.github/workflows/basics.yml',
    ]) {
      expect(first).toContain(s);
    }
    expect(first).toMatch(/pwd=.*\/temp/);
  });

  it('applies continue-on-error, failure(), always() and success() to steps', () => {
    const second = r.job('second');
    expect(second.result).toBe('failure');
    const log = lines(r, 'second');
    expect(log).toContain('soft outcome=failure conclusion=success');
    expect(log).toContain('word=alpha');
    expect(log).toContain('result=success');
    expect(log).toContain('failure branch ran, hard=failure');
    expect(log).toContain('always ran');
    expect(log).not.toContain('must not run');
    const byName = Object.fromEntries(second.steps.map((s) => [s.name, s.conclusion]));
    expect(byName['Skipped after failure']).toBe('skipped');
    expect(byName['Success only']).toBe('skipped');
  });

  it('skips jobs after a failed need, runs always() and failure() jobs', () => {
    expect(r.job('after-failure').result).toBe('skipped');
    expect(lines(r, 'cleanup')).toContain('second=failure after=skipped');
    expect(r.job('on-failure').result).toBe('success');
    expect(r.conclusion).toBe('failure');
  });

  it('kills a step at its timeout-minutes', () => {
    const t = r.job('timeout');
    expect(t.steps[0]?.outcome).toBe('failure');
    expect(t.annotations.map((a) => a.message)).toContain('The action has timed out.');
    expect(lines(r, 'timeout')).toContain('after timeout');
  });

  it('types workflow_dispatch inputs and refuses bad ones', async () => {
    const d = await runner.run({
      repository: 'acme/shop',
      workflow: '.github/workflows/basics.yml',
      event: 'workflow_dispatch',
      inputs: { loud: true, size: 'large' },
    });
    expect(lines(d, 'first')).toContain('input=hello loud=true size=large');
    await expect(
      runner.run({
        repository: 'acme/shop',
        workflow: '.github/workflows/basics.yml',
        event: 'workflow_dispatch',
        inputs: { size: 'huge' },
      }),
    ).rejects.toThrow(/size.*must be one of small, large/);
  });
});

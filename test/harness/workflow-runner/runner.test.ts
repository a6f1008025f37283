import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluate,
  expandMatrix,
  type MadeRepository,
  makeRepository,
  parseFileCommand,
  Repositories,
  type RunResult,
  SecretMasker,
  WorkflowError,
  WorkflowRunner,
} from './index.ts';

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

describe('matrix', () => {
  let r: RunResult;
  beforeAll(async () => {
    r = await runner.run({ repository: 'acme/shop', workflow: '.github/workflows/matrix.yml' });
  });

  it('expands include and exclude as GitHub does, with strategy context and display names', () => {
    const builds = r.jobs.filter((j) => j.key === 'build').map((j) => j.id);
    expect(builds.sort()).toEqual(['build (20, windows)', 'build (22, linux)', 'build (24, linux, yes)', 'build (24, mac, yes)']);
    expect(lines(r, 'build (24, mac, yes)')).toMatch(/combo=24-mac-yes index=2\/4/);
    expect(lines(r, 'build (22, linux)')).toContain('combo=22-linux- index=0/4');
    expect(r.jobs.filter((j) => j.key === 'build').map((j) => j.outputs.seen)).toEqual(
      expect.arrayContaining(['22-linux', '24-linux', '24-mac', '20-windows']),
    );
  });

  it('takes a matrix from a job output through fromJSON', () => {
    expect(r.jobs.filter((j) => j.key === 'from-json').map((j) => j.id)).toEqual(['from-json (cart)', 'from-json (pay)']);
    expect(lines(r, 'from-json (pay)')).toContain('part=pay');
  });

  it('cancels the rest of a fail-fast matrix when one job fails', () => {
    const results = Object.fromEntries(r.jobs.filter((j) => j.key === 'fail-fast').map((j) => [j.id, j.result]));
    expect(results).toEqual({ 'fail-fast (1)': 'failure', 'fail-fast (2)': 'cancelled', 'fail-fast (3)': 'cancelled' });
  });

  it('expandMatrix: keeps original values, adds new combinations, refuses more than 256', () => {
    expect(expandMatrix({ a: [1, 2], include: [{ a: 1, b: 'x' }, { a: 3 }, { c: true }] })).toEqual([
      { a: 1, b: 'x', c: true },
      { a: 2, c: true },
      { a: 3 },
    ]);
    expect(expandMatrix({ include: [{ x: 1 }, { x: 2 }] })).toEqual([{ x: 1 }, { x: 2 }]);
    expect(() => expandMatrix({ a: Array.from({ length: 17 }, (_, i) => i), b: Array.from({ length: 16 }, (_, i) => i) })).toThrow(
      /at most 256/,
    );
    expect(() => expandMatrix({ a: [] })).toThrow(/must not be empty/);
  });
});

describe('reusable workflows', () => {
  it("passes typed inputs and secrets, and the called workflow's outputs reach a later job's needs", async () => {
    const r = await runner.run({
      repository: 'acme/shop',
      workflow: '.github/workflows/caller.yml',
      secrets: { REGISTRY_TOKEN: 'reg-token-7f3a9c' },
    });
    expect(r.conclusion).toBe('success');
    const digest = `sha256:${createHash('sha256').update('cart').digest('hex')}`;
    expect(r.job('build').outputs).toEqual({ digest, summary: `composed ${digest}` });
    expect(r.job('build / compose').outputs.digest).toBe(digest);
    const compose = lines(r, 'build / compose');
    expect(compose).toContain('types replicas=true verbose=true token-set=true');
    expect(compose).toContain('token is ***');
    expect(compose).toContain('file=.github/workflows/called.yml repo=acme/shop level=called-workflow caller-level=unset');
    expect(lines(r, 'deploy')).toContain(`digest=${digest}`);
    expect(lines(r, 'deploy')).toContain(`summary=composed ${digest}`);
    expect(r.job('build').call).toEqual({
      uses: './.github/workflows/called.yml',
      inputs: { component: 'cart', replicas: 3, verbose: true },
      secrets: ['token'],
      inheritSecrets: false,
    });
    // the called jobs get what the calling job granted
    expect(r.job('build').permissions).toEqual({ contents: 'read', deployments: 'write' });
    expect(r.job('build / compose').permissions).toEqual({ contents: 'read', deployments: 'write' });
    // secrets: inherit passes the caller's secrets by their own names
    expect(r.job('inherit').call?.secrets).toEqual(['REGISTRY_TOKEN']);
    expect(lines(r, 'inherit / compose')).toContain('types replicas=false verbose=false token-set=false');
    expect(r.text()).not.toContain('reg-token-7f3a9c');
  });

  it('reports a missing required input and an unknown one with their file and line', async () => {
    const err = await runner.run({ repository: 'acme/shop', workflow: '.github/workflows/missing-input.yml' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowError);
    const e = err as WorkflowError;
    expect(e.code).toBe('WORKFLOW_INVALID');
    expect(e.diagnostics).toEqual(
      expect.arrayContaining([
        {
          file: '.github/workflows/missing-input.yml',
          line: 4,
          column: 11,
          message: 'Input component is required, but not provided while calling.',
        },
        {
          file: '.github/workflows/missing-input.yml',
          line: 7,
          column: 15,
          message: 'Invalid input, colour is not defined in the referenced workflow.',
        },
      ]),
    );
    expect(e.message).toMatch(/^\.github\/workflows\/missing-input\.yml:4:11: Input component is required/);
  });

  it("reports an error in the called workflow with the called file's name and line", async () => {
    const err = (await runner
      .run({ repository: 'acme/shop', workflow: '.github/workflows/calls-broken.yml' })
      .catch((e: unknown) => e)) as WorkflowError;
    expect(err.code).toBe('WORKFLOW_INVALID');
    expect(err.diagnostics).toContainEqual(
      expect.objectContaining({ file: '.github/workflows/broken-called.yml', line: 7, message: expect.stringContaining('wat') }),
    );
  });

  it('refuses a called job asking for more permissions than its caller grants', async () => {
    await expect(runner.run({ repository: 'acme/shop', workflow: '.github/workflows/escalate.yml' })).rejects.toMatchObject({
      code: 'WORKFLOW_PERMISSIONS',
      message: expect.stringMatching(
        /wants-id-token\.yml:6:\d+: The nested job 'sign' is requesting 'id-token: write', but is only allowed 'id-token: none'/,
      ),
    });
  });
});

describe('secrets', () => {
  it('are masked in logs, annotations, summaries and step names, and outputs holding one are dropped', async () => {
    const password = 'p4ss-w0rd-91c2';
    const multi = 'first-line-aaaa\nsecond-line-bbbb';
    const r = await runner.run({
      repository: 'acme/shop',
      workflow: '.github/workflows/secrets.yml',
      secrets: { PASSWORD: password, MULTILINE: multi },
    });
    const everything = r.text() + JSON.stringify(r.jobs);
    for (const leak of [password, Buffer.from(password).toString('base64').replace(/=+$/, ''), 'second-line-bbbb'])
      expect(everything).not.toContain(leak);
    const log = lines(r, 'leak');
    expect(log).toContain('password is ***');
    expect(log).toContain('base64 is ***');
    expect(log).toContain('second line: ***');
    expect(log).toMatch(/generated is \*\*\*/);
    expect(log).toContain('token is ***');
    expect(log).toContain('github.token is ***');
    expect(log).not.toMatch(/gen-\d+-value/);
    const job = r.job('leak');
    expect(job.summary).toBe('summary ***\n');
    expect(job.annotations.find((a) => a.level === 'warning' && a.title)).toMatchObject({ message: 'warn ***', title: 'about ***' });
    expect(job.outputs).toEqual({ safe: 'ok' });
    expect(job.annotations.map((a) => a.message)).toContain("Skip output 'leaked' since it may contain secret.");
    expect(job.steps[1]?.name).toBe('Failing with the secret in its name ***');
  });

  it('SecretMasker masks lines and encodings of a value', () => {
    const m = new SecretMasker();
    m.add('abc def\nghi-jkl');
    expect(m.mask('x abc def y ghi-jkl z')).toBe('x *** y *** z');
    expect(m.mask(encodeURIComponent('abc def'))).toBe('***');
  });
});

describe('files GitHub reads after a step', () => {
  it('parses name=value and heredoc blocks, and refuses an unclosed block', () => {
    expect(parseFileCommand('a=1\nb<<X\nline 1\n\nline 3\nX\nc=x=y\n', 'GITHUB_OUTPUT')).toEqual([
      ['a', '1'],
      ['b', 'line 1\n\nline 3'],
      ['c', 'x=y'],
    ]);
    expect(() => parseFileCommand('b<<EOF\nno end\n', 'GITHUB_ENV')).toThrow(/matching delimiter not found 'EOF'/);
    expect(() => parseFileCommand('just words\n', 'GITHUB_OUTPUT')).toThrow(/invalid format/);
  });
});

describe('runner features', () => {
  let r: RunResult;
  beforeAll(async () => {
    r = await runner.run({ repository: 'acme/shop', workflow: '.github/workflows/features.yml' });
  });

  it('applies defaults.run (shell, working-directory) and evaluates hashFiles()', () => {
    const log = lines(r, 'defaults');
    expect(log).toContain('here=sub bash=none');
    const hash = createHash('sha256').update(createHash('sha256').update('x\n').digest()).digest('hex');
    expect(log).toContain(`hash=${hash} none=`);
  });

  it("setup-node stand-in gives this machine's Node 24 and refuses another version", () => {
    const log = lines(r, 'tools');
    expect(log).toContain(`node=v${process.versions.node} output=v${process.versions.node}`);
    expect(log).toContain('old=failure');
    expect(
      r
        .job('tools')
        .annotations.map((a) => a.message)
        .join('\n'),
    ).toMatch(/Node 18 is not available on this runner/);
  });

  it('cache stand-in saves in a post step and restores by restore-keys prefix', () => {
    expect(lines(r, 'cache-save')).toContain('hit=false');
    expect(lines(r, 'cache-save')).toContain('Cache saved with key: store-v1');
    expect(lines(r, 'cache-restore')).toContain('hit=false matched=store-v1 content=cached');
  });

  it('fails a step on a malformed GITHUB_OUTPUT or a disabled command, refuses NODE_OPTIONS, honours stop-commands', () => {
    const job = r.job('commands');
    const log = lines(r, 'commands');
    expect(log).toContain('bad=failure setenv=failure node-options=unset');
    const messages = job.annotations.map((a) => a.message);
    expect(messages).toContain("GITHUB_OUTPUT: matching delimiter not found 'EOF' for 'x'");
    expect(messages.join('\n')).toContain('The `set-env` command is disabled');
    expect(messages).toContain("Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.");
    expect(messages).not.toContain('not a command while stopped');
    expect(log).toContain('##[group]Inside');
    expect(log).toContain('local=failure');
    expect(messages.join('\n')).toMatch(/Can't find 'action.yml'.*Did you forget to run actions\/checkout/);
  });

  it('fails a job whose action cannot be resolved before any step runs', () => {
    const job = r.job('unresolved');
    expect(job.result).toBe('failure');
    expect(job.steps).toEqual([]);
    expect(job.annotations[0]?.message).toMatch(/Unable to resolve action `someone\/unknown-action@v1`, repository not found/);
  });

  it('job continue-on-error: needs see success; job timeout-minutes stops the job', () => {
    expect(r.job('soft-job')).toMatchObject({ outcome: 'failure', result: 'success' });
    expect(lines(r, 'after-soft')).toContain('soft-job result=success');
    expect(r.job('job-timeout').result).toBe('failure');
    expect(lines(r, 'job-timeout')).toContain('has exceeded the maximum execution time of 0.02 minutes');
    expect(lines(r, 'job-timeout')).not.toContain('never\n');
  });
});

describe('expressions', () => {
  it('evaluates with status functions and refuses unknown functions', () => {
    const scope = { contexts: { needs: { a: { result: 'success' } }, github: { event: { inputs: { n: '3' } } } } };
    expect(evaluate("needs.a.result == 'success' && !cancelled()", scope)).toBe(true);
    expect(evaluate('fromJSON(github.event.inputs.n) > 2', scope)).toBe(true);
    expect(evaluate('github.nothing.here', scope)).toBe(null);
    expect(evaluate('failure()', { ...scope, status: { success: () => false, failure: () => true, cancelled: () => false } })).toBe(true);
    expect(() => evaluate('nope()', scope)).toThrow(WorkflowError);
  });
});

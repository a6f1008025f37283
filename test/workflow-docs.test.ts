import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedDoc } from '../scripts/workflow-docs.ts';

const root = join(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'docs', 'workflows.md'), 'utf8');

describe('docs/workflows.md', () => {
  it('has the tables generated from the workflow files (node scripts/workflow-docs.ts)', () => {
    expect(expectedDoc(doc)).toBe(doc);
  });

  it('lists every input, secret and output of every reusable workflow', () => {
    for (const [file, names] of Object.entries({
      'development.yml': ['`test-command`', '`artifact-name`', '`digest`', '`lock`'],
      'staging.yml': ['`signing`', '`signing-key`', '`publish-to`', '`manifest-digest`', '`lock-artifact`'],
      'production.yml': ['`github-environment`', '`lock-run-id`', '`promote-from`', '`deployment-id`'],
      'canary.yml': ['`max-duration`', '`version`', '`phase`'],
      'blue-green.yml': ['`command`', '`live-digest`'],
      'promote.yml': ['`strategy`', '`rollout-command`', 'choice: `direct`, `canary`, `blue-green`'],
    })) {
      const section = doc.slice(doc.indexOf(`### \`${file}\``), doc.indexOf('### `', doc.indexOf(`### \`${file}\``) + 5));
      for (const n of names) expect(section, `${file} ${n}`).toContain(n);
    }
  });

  it('the check notices a table that disagrees with the files', () => {
    const edited = doc.replace(/\| `test-command` +\|/, (m) => m.replace('test-command', 'test-cmd    '));
    expect(edited).not.toBe(doc);
    expect(expectedDoc(edited)).not.toBe(edited);
  });
});

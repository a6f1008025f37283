import { describe, expect, it } from 'vitest';
import { type GitContext, gitTags, parseFlavor, sanitizeTag } from './git-tags.ts';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const push = (ref: string): GitContext => ({ ref, sha: SHA, eventName: 'push' });
// metadata-action's default rules, and a release workflow's usual ones
const DEFAULT = ['type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr'];
const RELEASE = ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}', 'type=semver,pattern={{major}}', 'type=sha'];

describe('tags from the Git context, as docker/metadata-action derives them', () => {
  it.each([
    // metadata-action's README table for its default rules
    [DEFAULT, { ref: 'refs/pull/2/merge', sha: SHA, eventName: 'pull_request' }, ['pr-2']],
    [DEFAULT, push('refs/heads/master'), ['master']],
    [DEFAULT, push('refs/heads/releases/v1'), ['releases-v1']],
    [DEFAULT, push('refs/tags/v1.2.3'), ['v1.2.3', 'latest']],
    [DEFAULT, push('refs/tags/v2.0.8-beta.67'), ['v2.0.8-beta.67', 'latest']],
    // semver patterns; a pre-release gets only {{version}}, 0.x no {{major}}
    [RELEASE, push('refs/tags/v1.2.3'), ['1.2.3', '1.2', '1', 'sha-0123456', 'latest']],
    [RELEASE, push('refs/tags/v2.0.0-rc.1'), ['2.0.0-rc.1', 'sha-0123456']],
    [RELEASE, push('refs/tags/v0.4.1'), ['0.4.1', '0.4', 'sha-0123456', 'latest']],
    [RELEASE, push('refs/heads/main'), ['sha-0123456']],
    [['type=sha,format=long', 'type=sha,prefix='], push('refs/heads/main'), [`sha-${SHA}`, '0123456']],
    [
      ['type=raw,value=stable', 'edge', 'type=ref,event=branch,prefix=branch-,suffix=-wasm'],
      push('refs/heads/feat/x'),
      ['stable', 'edge', 'branch-feat-x-wasm'],
    ],
    [['type=ref,event=branch,enable=false', 'type=raw,value=x'], push('refs/heads/main'), ['x']],
  ] as [string[], GitContext, string[]][])('%j on %j', (rules, ctx, tags) => {
    expect(gitTags(rules, ctx)).toEqual(tags);
  });

  it('flavor latest=false and latest=true', () => {
    expect(gitTags(DEFAULT, push('refs/tags/v1.2.3'), parseFlavor(['latest=false']))).toEqual(['v1.2.3']);
    expect(gitTags(DEFAULT, push('refs/heads/main'), parseFlavor(['latest=true']))).toEqual(['main', 'latest']);
    expect(() => parseFlavor(['prefix=x'])).toThrow("flavor 'prefix=x': only latest=auto, latest=true and latest=false are understood");
  });

  it('sanitizes as registries require, and names the line of a bad rule', () => {
    expect(sanitizeTag('feature/JIRA-1 fix')).toBe('feature-JIRA-1-fix');
    expect(sanitizeTag('-.x')).toBe('x');
    expect(sanitizeTag('a'.repeat(200))).toHaveLength(128);
    expect(() => gitTags(['type=ref,event=branch', 'type=ref'], push('refs/heads/main'))).toThrow(
      "tags line 2 ('type=ref'): type=ref needs event=branch, event=tag or event=pr",
    );
    expect(() => gitTags(['type=edge'], push('refs/heads/main'))).toThrow(
      "tags line 1 ('type=edge'): type must be ref, semver, sha or raw (as docker/metadata-action writes them), got 'edge'",
    );
  });
});

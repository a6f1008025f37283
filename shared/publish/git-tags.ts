/**
 * Tags from the Git context, as docker/metadata-action derives them, so that
 * a workflow moving from build-push-action keeps its tagging rules. Each line
 * of the `tags` input is a rule in metadata-action's syntax:
 *
 * | rule                                   | on                       | gives                            |
 * | -------------------------------------- | ------------------------ | -------------------------------- |
 * | `type=ref,event=branch`                | a push to a branch       | the branch (`feature/x` → `feature-x`) |
 * | `type=ref,event=tag`                   | a tag push               | the tag (`v1.2.3`)               |
 * | `type=ref,event=pr`                    | a pull request           | `pr-<number>`                    |
 * | `type=semver,pattern={{version}}`      | a semver tag push        | `1.2.3` (`{{major}}`, `{{minor}}`, `{{patch}}`, `{{raw}}` too) |
 * | `type=sha` (`format=long`)             | always                   | `sha-<7 hex>` (or the full SHA)  |
 * | `type=raw,value=stable` or `stable`    | always                   | the value                        |
 *
 * Every rule takes `prefix=`, `suffix=` and `enable=true|false`. As in
 * metadata-action, a `{{major}}` or `{{major}}.{{minor}}` pattern gives
 * nothing for a pre-release (`v2.0.0-rc.1`), `{{major}}` gives nothing for
 * a `0.x` version, and `latest` is added (`flavor: latest=auto`) when a tag
 * push gave a tag by `type=ref,event=tag` or by `type=semver` (not for a
 * pre-release). `latest=true` always adds it, `latest=false` never.
 * Tags are sanitized as metadata-action does: anything but letters, digits,
 * `_`, `.` and `-` becomes `-`, and at most 128 characters are kept.
 */
import { UsageError } from '../errors.ts';

/** The Git context of a workflow run: `GITHUB_REF`, `GITHUB_SHA`, `GITHUB_EVENT_NAME`. */
export interface GitContext {
  /** `refs/heads/main`, `refs/tags/v1.2.3`, `refs/pull/7/merge`. */
  ref?: string;
  sha?: string;
  eventName?: string;
}

export function gitContextFromEnv(env: NodeJS.ProcessEnv): GitContext {
  return {
    ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    ...(env.GITHUB_EVENT_NAME ? { eventName: env.GITHUB_EVENT_NAME } : {}),
  };
}

export interface Flavor {
  latest: 'auto' | 'true' | 'false';
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;

/** A tag as registries accept it: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. */
export function sanitizeTag(value: string): string {
  return value
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
}

function parseRule(line: string, where: string): Map<string, string> {
  const attrs = new Map<string, string>();
  if (!line.includes('=')) {
    attrs.set('type', 'raw');
    attrs.set('value', line);
    return attrs;
  }
  for (const part of line.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      if (attrs.get('type') === 'raw' && !attrs.has('value')) {
        attrs.set('value', part.trim());
        continue;
      }
      throw new UsageError(`${where}: '${part.trim()}' is not key=value (as in type=ref,event=branch)`);
    }
    attrs.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return attrs;
}

/** The flavor input (`latest=auto|true|false`, one a line or comma-separated). */
export function parseFlavor(lines: readonly string[]): Flavor {
  const flavor: Flavor = { latest: 'auto' };
  for (const line of lines) {
    for (const part of line.split(',')) {
      const [k, v] = part.split('=').map((s) => s.trim());
      if (k === 'latest' && (v === 'auto' || v === 'true' || v === 'false')) flavor.latest = v;
      else throw new UsageError(`flavor '${part.trim()}': only latest=auto, latest=true and latest=false are understood`);
    }
  }
  return flavor;
}

/**
 * The tags the rules give in this Git context, in rule order, without
 * duplicates; `latest` last when the flavor adds it.
 */
export function gitTags(rules: readonly string[], ctx: GitContext, flavor: Flavor = { latest: 'auto' }): string[] {
  const out: string[] = [];
  let latest = flavor.latest === 'true';
  const ref = ctx.ref ?? '';
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  const tag = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
  const pr = /^refs\/pull\/(\d+)\//.exec(ref)?.[1];
  rules.forEach((line, i) => {
    const where = `tags line ${i + 1} ('${line}')`;
    const a = parseRule(line, where);
    if (a.get('enable') === 'false') return;
    const wrap = (value: string | undefined) => {
      if (value === undefined || value === '') return;
      const t = sanitizeTag(`${a.get('prefix') ?? ''}${value}${a.get('suffix') ?? ''}`);
      if (t !== '' && !out.includes(t)) out.push(t);
    };
    const type = a.get('type');
    switch (type) {
      case 'raw':
        wrap(a.get('value'));
        return;
      case 'sha': {
        if (!ctx.sha) return;
        const format = a.get('format') ?? 'short';
        if (format !== 'short' && format !== 'long') throw new UsageError(`${where}: format must be short or long`);
        const prefix = a.has('prefix') ? '' : 'sha-';
        wrap(`${prefix}${format === 'long' ? ctx.sha : ctx.sha.slice(0, 7)}`);
        return;
      }
      case 'ref': {
        const event = a.get('event');
        if (event === 'branch') wrap(branch);
        else if (event === 'tag') {
          wrap(tag);
          if (tag !== undefined && flavor.latest === 'auto') latest = true;
        } else if (event === 'pr') wrap(pr !== undefined ? `pr-${pr}` : undefined);
        else throw new UsageError(`${where}: type=ref needs event=branch, event=tag or event=pr`);
        return;
      }
      case 'semver': {
        const pattern = a.get('pattern');
        if (!pattern) throw new UsageError(`${where}: type=semver needs a pattern, as in pattern={{version}}`);
        const source = a.get('value') ?? tag;
        const m = source !== undefined ? SEMVER.exec(source) : null;
        if (!m || source === undefined) return;
        const [, major, minor, patch, pre] = m;
        const prerelease = pre !== undefined;
        if (prerelease && !/\{\{(version|raw)\}\}/.test(pattern)) return;
        if (major === '0' && pattern.trim() === '{{major}}') return;
        const version = `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}`;
        wrap(
          pattern
            .replace(/\{\{version\}\}/g, version)
            .replace(/\{\{raw\}\}/g, source)
            .replace(/\{\{major\}\}/g, major as string)
            .replace(/\{\{minor\}\}/g, minor as string)
            .replace(/\{\{patch\}\}/g, patch as string),
        );
        if (!prerelease && flavor.latest === 'auto' && a.get('value') === undefined) latest = true;
        return;
      }
      default:
        throw new UsageError(`${where}: type must be ref, semver, sha or raw (as docker/metadata-action writes them), got '${type ?? ''}'`);
    }
  });
  if (flavor.latest === 'false') latest = false;
  if (latest && !out.includes('latest')) out.push('latest');
  return out;
}

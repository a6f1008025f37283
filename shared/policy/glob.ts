/**
 * Globs of the security policy, compiled to anchored regular expressions.
 *
 * Path globs (component names, repository paths, imports such as
 * `wasi:sockets/tcp@0.2.0`):
 *   `*`  any run of characters except `/`
 *   `**` any run of characters, `/` included
 *   `?`  one character except `/`
 *   `[abc]`, `[a-z]`, `[!abc]`  one character of (or not of) a set
 *   `\x` the character x itself
 * Everything else matches itself, case-sensitively.
 *
 * Host globs (registry hosts, with an optional port): the same, except that
 * `*` and `?` stop at `/` and at `:` (so a port is only matched when the glob
 * names one: `localhost:*`, `127.0.0.1:5000`), `**` and `/` are not allowed,
 * and the comparison ignores case. `*.azurecr.io` matches `a.azurecr.io` and
 * `a.b.azurecr.io`, not `azurecr.io` nor `a.azurecr.io:5000`.
 */
import { FlotillaError } from '../errors.ts';

export type GlobKind = 'path' | 'host';

export interface Glob {
  readonly pattern: string;
  readonly kind: GlobKind;
  readonly regex: RegExp;
  test(value: string): boolean;
}

/** A glob that cannot be compiled; `offset` is the index in the pattern. */
export class GlobSyntaxError extends FlotillaError {
  readonly pattern: string;
  readonly offset: number;
  constructor(pattern: string, offset: number, message: string) {
    super('GLOB_SYNTAX', `bad glob '${pattern}': ${message}`);
    this.pattern = pattern;
    this.offset = offset;
  }
}

const SPECIAL = /[.*+?^${}()|[\]\\/]/g;
const escapeRegex = (s: string): string => s.replace(SPECIAL, '\\$&');

function compileClass(pattern: string, start: number, stop: string): { source: string; end: number } {
  // pattern[start] === '['
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === ']' && !first) {
      if (body === '') throw new GlobSyntaxError(pattern, start, 'empty character class');
      return { source: `[${negate ? '^' : ''}${body}${negate ? stop : ''}]`, end: i };
    }
    first = false;
    if (c === '/') throw new GlobSyntaxError(pattern, i, "'/' cannot appear in a character class");
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new GlobSyntaxError(pattern, i, 'trailing backslash');
      body += escapeRegex(next).replace(/-/g, '\\-');
      i++;
      continue;
    }
    if (c === '-' && body !== '' && pattern[i + 1] !== ']' && pattern[i + 1] !== undefined) {
      body += '-';
      continue;
    }
    body += c === '-' ? '\\-' : c === ']' ? '\\]' : escapeRegex(c);
  }
  throw new GlobSyntaxError(pattern, start, "unclosed '['");
}

/** Compiles a glob; throws GlobSyntaxError for an empty or malformed pattern. */
export function compileGlob(pattern: string, kind: GlobKind = 'path'): Glob {
  if (pattern.length === 0) throw new GlobSyntaxError(pattern, 0, 'empty pattern');
  if (/\s/.test(pattern)) throw new GlobSyntaxError(pattern, pattern.search(/\s/), 'white space is not allowed');
  // characters a single `*` or `?` may not cross
  const stop = kind === 'host' ? '/:' : '/';
  const notStop = `[^${stop}]`;
  let out = '';
  let i = 0;
  if (kind === 'host' && pattern.startsWith('[')) {
    // an IPv6 literal, e.g. [::1] or [::1]:5000
    const end = pattern.indexOf(']');
    if (end < 0 || !/^\[[0-9a-fA-F:.]+\]$/.test(pattern.slice(0, end + 1))) {
      throw new GlobSyntaxError(pattern, 0, "an IPv6 host is written '[address]' (hex digits and ':')");
    }
    out += escapeRegex(pattern.slice(0, end + 1));
    i = end + 1;
  }
  for (; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') {
      let run = 1;
      while (pattern[i + run] === '*') run++;
      if (run > 2) throw new GlobSyntaxError(pattern, i, `'${'*'.repeat(run)}' is ambiguous: use '*' or '**'`);
      if (run === 2) {
        if (kind === 'host') throw new GlobSyntaxError(pattern, i, "'**' is not allowed in a registry host (hosts have no '/'): use '*'");
        out += '.*';
        i++;
      } else {
        out += `${notStop}*`;
      }
    } else if (c === '?') {
      out += notStop;
    } else if (c === '[') {
      const cls = compileClass(pattern, i, stop);
      out += cls.source;
      i = cls.end;
    } else if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new GlobSyntaxError(pattern, i, 'trailing backslash');
      out += escapeRegex(next);
      i++;
    } else if (c === ']') {
      throw new GlobSyntaxError(pattern, i, "unmatched ']'");
    } else {
      if (kind === 'host' && c === '/')
        throw new GlobSyntaxError(pattern, i, "a registry host has no '/' (write the host only, e.g. 'ghcr.io')");
      out += escapeRegex(c);
    }
  }
  if (kind === 'host') checkHostShape(pattern);
  const regex = new RegExp(`^(?:${out})$`, kind === 'host' ? 'i' : '');
  return { pattern, kind, regex, test: (value: string) => regex.test(value) };
}

/** A host glob is `host` or `host:port`, the port being digits, `*` or `?`s. */
function checkHostShape(pattern: string): void {
  const bracketEnd = pattern.startsWith('[') ? pattern.indexOf(']') : -1;
  const colon = pattern.indexOf(':', bracketEnd + 1);
  if (colon < 0) return;
  if (colon === 0) throw new GlobSyntaxError(pattern, 0, 'missing host before the port');
  const port = pattern.slice(colon + 1);
  if (!/^(?:\d+|[\d?*]+)$/.test(port)) {
    throw new GlobSyntaxError(pattern, colon + 1, `port '${port}' must be digits, '*' or '?'`);
  }
}

/** The `local` registry keyword: loopback hosts on any port (the one definition, shared with the transport). */
export { isLoopbackHost } from '../transport/loopback.ts';

/**
 * Whether an import matches a capability glob. A glob without a version
 * (`wasi:sockets/tcp`, `wasi:sockets/*`) also matches the versioned import
 * (`wasi:sockets/tcp@0.2.0`).
 */
export function matchesImport(glob: Glob, importName: string): boolean {
  if (glob.test(importName)) return true;
  const at = importName.lastIndexOf('@');
  return at > 0 && !glob.pattern.includes('@') && glob.test(importName.slice(0, at));
}

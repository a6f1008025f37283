/**
 * Semver-compatibility keys for interface names: `wasi:io/error@0.2.1` and
 * `wasi:io/error@0.2.0` share the key `wasi:io/error@0.2`; `a:b/c@1.4.2` has
 * `a:b/c@1`; `0.0.x` and pre-releases stay exact.
 */
const VERSIONED = /^(.*)@(\d+)\.(\d+)\.(\d+)([-+].*)?$/;

export function semverKey(name: string): string {
  const m = VERSIONED.exec(name);
  if (!m) return name;
  const [, base, major, minor, , rest] = m;
  if (rest?.startsWith('-')) return name;
  if (major !== '0') return `${base}@${major}`;
  if (minor !== '0') return `${base}@0.${minor}`;
  return name;
}

/** Compares the versions of two names with the same key; positive when `a` is newer. */
export function compareVersions(a: string, b: string): number {
  const va = VERSIONED.exec(a);
  const vb = VERSIONED.exec(b);
  if (!va || !vb) return 0;
  for (let i = 2; i <= 4; i++) {
    const d = Number(va[i]) - Number(vb[i]);
    if (d !== 0) return d;
  }
  return 0;
}

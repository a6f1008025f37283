// Writes the licenses.txt of a bundle from ncc's webpack stats: every
// package under node_modules that a bundled module comes from, with its
// license id and text. ncc's own --license output is written per chunk (the
// last chunk wins), so a bundle split into chunks lost most of its licenses.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface StatsModule {
  name?: string;
  modules?: StatsModule[];
}
interface Stats {
  modules?: StatsModule[];
  chunks?: { modules?: StatsModule[] }[];
}

/** Package folders (`node_modules/x` or `node_modules/@s/x`, nested ones included) named by the stats' modules. */
export function bundledPackageDirs(stats: Stats, root: string): string[] {
  const dirs = new Set<string>();
  const walk = (modules: StatsModule[] | undefined) => {
    for (const m of modules ?? []) {
      const name = m.name ?? '';
      const at = name.lastIndexOf('node_modules/');
      if (at >= 0) {
        const rest = name.slice(at + 'node_modules/'.length).split('/');
        const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? '');
        const prefix = name.slice(0, at).replace(/^\.\//, '');
        dirs.add(resolve(root, prefix, 'node_modules', pkg));
      }
      walk(m.modules);
    }
  };
  walk(stats.modules);
  for (const c of stats.chunks ?? []) walk(c.modules);
  return [...dirs];
}

function licenseText(dir: string): string {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  return file ? readFileSync(join(dir, file), 'utf8').trim() : '';
}

/** Renders licenses.txt: `name\nlicense\ntext` blocks sorted by name, one per package name and version. */
export function writeBundleLicenses(statsFile: string, root: string, out: string): number {
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Stats;
  const entries = new Map<string, string>();
  for (const dir of bundledPackageDirs(stats, root)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; license?: unknown };
    if (!pkg.name) continue;
    const license = typeof pkg.license === 'string' ? pkg.license : 'UNKNOWN';
    const text = licenseText(dir);
    entries.set(`${pkg.name}@${pkg.version ?? ''}`, `${pkg.name}\n${license}${text ? `\n${text}` : ''}`);
  }
  const body = [...entries.keys()].sort().map((k) => entries.get(k));
  writeFileSync(out, `${body.join('\n\n')}\n`);
  return entries.size;
}

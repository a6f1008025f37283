// The layers of shared/: every module imports only from the units its row of
// the table in shared/README.md allows, and those are all in lower layers. The
// table is the single source: this test reads it, so it cannot drift from what
// the README says.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = join(ROOT, 'shared');

interface Unit {
  layer: number;
  name: string;
  /** Paths relative to shared/: a folder ends with `/`, a file does not. */
  paths: string[];
  mayImport: string[];
}

/** Reads the layer table (the `## Layers` section of shared/README.md). */
function readLayerTable(markdown: string): Unit[] {
  const start = markdown.indexOf('\n## Layers');
  if (start < 0) throw new Error('shared/README.md has no "## Layers" section');
  const section = markdown.slice(start + 1).split(/\n## /)[0] ?? '';
  const units: Unit[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | layer | unit | files | may import | why |
    if (cells.length < 6 || !/^\d+$/.test(cells[1] ?? '')) continue;
    const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    units.push({
      layer: Number(cells[1]),
      name: ticks(cells[2] ?? '')[0] ?? '',
      paths: ticks(cells[3] ?? ''),
      mayImport: ticks(cells[4] ?? ''),
    });
  }
  return units;
}

/** Test code and what only tests use: not part of the layering (checked below: no module imports them). */
function isTestSupport(rel: string): boolean {
  return /\.test\.ts$/.test(rel) || /(^|\/)test-(fixtures|apps)\.ts$/.test(rel) || /(^|\/)testdata\//.test(rel);
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

interface ImportSite {
  specifier: string;
  line: number;
}

/** Every module a file names: import/export … from, import(), import types, require(). */
function importsOf(file: string, text: string): ImportSite[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ImportSite[] = [];
  const add = (node: ts.Node, lit: ts.Node | undefined) => {
    if (lit && ts.isStringLiteralLike(lit))
      out.push({ specifier: lit.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require'))
        add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The unit of a file of shared/ (path relative to shared/): a file entry wins over a folder, the longest folder wins. */
function unitOf(units: readonly Unit[], rel: string): Unit | undefined {
  const exact = units.find((u) => u.paths.includes(rel));
  if (exact) return exact;
  let best: { unit: Unit; len: number } | undefined;
  for (const u of units)
    for (const p of u.paths) if (p.endsWith('/') && rel.startsWith(p) && p.length > (best?.len ?? -1)) best = { unit: u, len: p.length };
  return best?.unit;
}

/** Data outside shared/ that any module may read: JSON schemas and the package manifest (no code). */
const DATA_OUTSIDE = /^(schemas\/[^/]+\.schema\.json|package\.json)$/;

/** Packages of the GitHub Actions runtime: only the adapters load them. */
const ACTIONS_RUNTIME = /^@actions\//;
const ADAPTERS = new Set(['actions', 'cli']);
/** Workflow commands written by hand (`::add-mask::`, `::error …::`): the Actions runtime too. */
const WORKFLOW_COMMAND = /['"`]::(add-mask|error|warning|notice|debug|group|endgroup|set-output|save-state|stop-commands)\b/;

interface Violation {
  file: string;
  line: number;
  message: string;
}

/** Checks every module of shared/ against the table; returns what breaks it. */
function checkLayers(units: readonly Unit[], files: readonly string[], read: (file: string) => string): Violation[] {
  const violations: Violation[] = [];
  const byName = new Map(units.map((u) => [u.name, u]));
  const used = new Map<string, Set<string>>();
  for (const file of files) {
    const rel = relative(SHARED, file).split(sep).join('/');
    const text = read(file);
    const testSupport = isTestSupport(rel);
    const unit = unitOf(units, rel);
    if (!testSupport && !unit) {
      violations.push({ file: rel, line: 1, message: 'belongs to no unit of the layer table in shared/README.md: add its folder' });
      continue;
    }
    for (const { specifier, line } of importsOf(file, text)) {
      if (!specifier.startsWith('.')) {
        if (!testSupport && unit && ACTIONS_RUNTIME.test(specifier) && !ADAPTERS.has(unit.name))
          violations.push({ file: rel, line, message: `imports '${specifier}': the Actions runtime stays in the adapters (actions, cli)` });
        continue;
      }
      const target = relative(SHARED, resolve(dirname(file), specifier))
        .split(sep)
        .join('/');
      const targetRel = relative(ROOT, resolve(dirname(file), specifier))
        .split(sep)
        .join('/');
      if (target.startsWith('../')) {
        if (!testSupport && !DATA_OUTSIDE.test(targetRel))
          violations.push({
            file: rel,
            line,
            message: `imports '${specifier}' from outside shared/ (only schemas/*.schema.json and package.json are allowed)`,
          });
        continue;
      }
      if (isTestSupport(target)) {
        if (!testSupport) violations.push({ file: rel, line, message: `imports '${specifier}', which only tests may use` });
        continue;
      }
      if (testSupport || !unit) continue;
      const to = unitOf(units, target);
      if (!to) {
        violations.push({ file: rel, line, message: `imports '${specifier}', which belongs to no unit of the layer table` });
        continue;
      }
      if (to === unit) continue;
      if (!unit.mayImport.includes(to.name)) {
        const why =
          to.layer >= unit.layer
            ? `layer ${to.layer}, not below ${unit.name}'s layer ${unit.layer}`
            : `not in the list of what ${unit.name} may import`;
        violations.push({ file: rel, line, message: `imports '${specifier}' of unit ${to.name} (${why})` });
        continue;
      }
      const set = used.get(unit.name) ?? new Set<string>();
      used.set(unit.name, set);
      set.add(to.name);
    }
    if (!testSupport && unit && !ADAPTERS.has(unit.name)) {
      const lines = text.split('\n');
      lines.forEach((l, i) => {
        if (WORKFLOW_COMMAND.test(l))
          violations.push({
            file: rel,
            line: i + 1,
            message: 'writes a GitHub Actions workflow command: the Actions runtime stays in the adapters',
          });
      });
    }
  }
  // the table says exactly what is used: a may-import nobody uses is stale
  for (const u of units) {
    for (const m of u.mayImport) {
      if (!byName.has(m)) violations.push({ file: 'README.md', line: 0, message: `${u.name} may import '${m}', which is no unit` });
      else if (!used.get(u.name)?.has(m))
        violations.push({
          file: 'README.md',
          line: 0,
          message: `${u.name} may import ${m}, but no module of ${u.name} does: remove it from the table`,
        });
    }
  }
  return violations;
}

const table = readLayerTable(readFileSync(join(SHARED, 'README.md'), 'utf8'));

describe('the layers of shared/', () => {
  it('the table is well formed: units named once, each may-import in a strictly lower layer, no path twice', () => {
    expect(table.length).toBeGreaterThan(10);
    const names = table.map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    const layer = new Map(table.map((u) => [u.name, u.layer]));
    const wrong: string[] = [];
    for (const u of table) {
      if (u.paths.length === 0) wrong.push(`${u.name}: no files`);
      for (const m of u.mayImport) {
        const l = layer.get(m);
        if (l === undefined) wrong.push(`${u.name} -> ${m}: no such unit`);
        else if (l >= u.layer) wrong.push(`${u.name} (layer ${u.layer}) -> ${m} (layer ${l}): not a lower layer`);
      }
    }
    const paths = table.flatMap((u) => u.paths);
    for (const p of new Set(paths)) if (paths.filter((q) => q === p).length > 1) wrong.push(`${p} in two units`);
    expect(wrong).toEqual([]);
  });

  it('every module of shared/ imports only from the units below it that its row lists, and every listed unit is used', () => {
    const files = sourceFiles(SHARED);
    expect(files.length).toBeGreaterThan(150);
    const violations = checkLayers(table, files, (f) => readFileSync(f, 'utf8'));
    expect(violations.map((v) => `shared/${v.file}:${v.line}: ${v.message}`)).toEqual([]);
  });

  it('fails on an import from a layer above, naming the file and the import', () => {
    const units: Unit[] = [
      { layer: 0, name: 'low', paths: ['low/'], mayImport: [] },
      { layer: 1, name: 'high', paths: ['high/'], mayImport: ['low'] },
    ];
    const texts: Record<string, string> = {
      [join(SHARED, 'low/a.ts')]: "import { b } from '../high/b.ts';\nexport const a = 1;\n",
      [join(SHARED, 'low/c.ts')]: "export type T = typeof import('../high/b.ts');\nconst m = await import('../high/b.ts');\n",
      [join(SHARED, 'low/d.ts')]: "import * as core from '@actions/core';\nprocess.stdout.write(`::add-mask::` + x);\n",
      [join(SHARED, 'high/b.ts')]: "import { a } from '../low/a.ts';\nexport const b = a;\n",
      [join(SHARED, 'high/e.ts')]: "import { f } from '../low/test-fixtures.ts';\nimport x from '../../test/harness/registry.ts';\n",
      [join(SHARED, 'stray/x.ts')]: 'export {};\n',
    };
    const got = checkLayers(units, Object.keys(texts), (f) => texts[f] ?? '').map((v) => `${v.file}:${v.line}: ${v.message}`);
    expect(got).toEqual([
      "low/a.ts:1: imports '../high/b.ts' of unit high (layer 1, not below low's layer 0)",
      "low/c.ts:1: imports '../high/b.ts' of unit high (layer 1, not below low's layer 0)",
      "low/c.ts:2: imports '../high/b.ts' of unit high (layer 1, not below low's layer 0)",
      "low/d.ts:1: imports '@actions/core': the Actions runtime stays in the adapters (actions, cli)",
      'low/d.ts:2: writes a GitHub Actions workflow command: the Actions runtime stays in the adapters',
      "high/e.ts:1: imports '../low/test-fixtures.ts', which only tests may use",
      "high/e.ts:2: imports '../../test/harness/registry.ts' from outside shared/ (only schemas/*.schema.json and package.json are allowed)",
      'stray/x.ts:1: belongs to no unit of the layer table in shared/README.md: add its folder',
    ]);
    // and a listed unit that nobody imports is reported as stale
    const stale = checkLayers([...units, { layer: 2, name: 'top', paths: ['top/'], mayImport: ['low'] }], [], () => '');
    expect(stale.map((v) => v.message)).toContain('top may import low, but no module of top does: remove it from the table');
  });
});

// Codemod of issue 12 ("types that say what they mean"), to run again on code
// merged later: `node scripts/codemods/exact-optional.ts [--dry-run]`.
//
// With `exactOptionalPropertyTypes`, an optional property `k?: T` no longer
// takes `undefined`, so the code passed options as
//   f({ ...(x !== undefined ? { k: x } : {}) })
// This codemod turns each such spread into `k: x` where:
//   - the object literal is an argument of a call or `new` (an options bag);
//   - the condition is `x !== undefined` and the branch is `{ k: x }` or `{ k }`
//     (truthiness tests such as `x ? { k: x } : {}` are left: '' and 0 differ);
//   - the contextual type's property `k` is declared optional in this
//     repository (not in node_modules), in an interface or type literal;
// and it adds `| undefined` to those declarations: the option says that
// absent and undefined mean the same ("use the default"). Everything else is
// left as written. Run `npm run lint` afterwards; a function that spreads its
// options over defaults (`{ ...defaults, ...opts }`) must not receive
// `undefined` for a defaulted key: the codemod prints each declaration it
// widened, to review. Wire formats (EXACT_FILES) are never widened.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..', '..');
const dryRun = process.argv.includes('--dry-run');

const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
const program = ts.createProgram(parsed.fileNames, { ...parsed.options, exactOptionalPropertyTypes: true });
const checker = program.getTypeChecker();

interface Edit {
  start: number;
  end: number;
  text: string;
}
const edits = new Map<string, Edit[]>();
const widened = new Set<string>();
const addEdit = (file: string, edit: Edit) => {
  const list = edits.get(file) ?? [];
  if (!list.some((e) => e.start === edit.start && e.end === edit.end)) list.push(edit);
  edits.set(file, list);
};

/**
 * Wire formats stay exact (an OCI descriptor either has annotations or has
 * none): their spreads are left as written.
 */
const EXACT_FILES = new Set(['shared/oci/types.ts']);

function ours(sf: ts.SourceFile): boolean {
  return !sf.fileName.includes('/node_modules/') && sf.fileName.startsWith(ROOT);
}

function unparen(e: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(e) ? unparen(e.expression) : e;
}

/** `x !== undefined ? { k: x } | { k } : {}` → [k, x-text], else undefined. */
function matchSpread(spread: ts.SpreadAssignment, sf: ts.SourceFile): { key: string; value: string } | undefined {
  const cond = unparen(spread.expression);
  if (!ts.isConditionalExpression(cond)) return undefined;
  const test = unparen(cond.condition);
  if (!ts.isBinaryExpression(test) || test.operatorToken.kind !== ts.SyntaxKind.ExclamationEqualsEqualsToken) return undefined;
  if (test.right.getText(sf) !== 'undefined') return undefined;
  const tested = test.left.getText(sf);
  const whenFalse = unparen(cond.whenFalse);
  if (!ts.isObjectLiteralExpression(whenFalse) || whenFalse.properties.length !== 0) return undefined;
  const whenTrue = unparen(cond.whenTrue);
  if (!ts.isObjectLiteralExpression(whenTrue) || whenTrue.properties.length !== 1) return undefined;
  const prop = whenTrue.properties[0];
  if (prop && ts.isShorthandPropertyAssignment(prop)) {
    return prop.name.text === tested ? { key: prop.name.text, value: tested } : undefined;
  }
  if (prop && ts.isPropertyAssignment(prop) && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) {
    return prop.initializer.getText(sf) === tested ? { key: prop.name.text, value: tested } : undefined;
  }
  return undefined;
}

function includesUndefined(node: ts.TypeNode): boolean {
  if (node.kind === ts.SyntaxKind.UndefinedKeyword || node.kind === ts.SyntaxKind.UnknownKeyword || node.kind === ts.SyntaxKind.AnyKeyword)
    return true;
  if (ts.isUnionTypeNode(node)) return node.types.some(includesUndefined);
  if (ts.isParenthesizedTypeNode(node)) return includesUndefined(node.type);
  return false;
}

function needsParens(node: ts.TypeNode): boolean {
  return ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node) || ts.isConditionalTypeNode(node);
}

for (const sf of program.getSourceFiles()) {
  if (!ours(sf) || sf.isDeclarationFile) continue;
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node) && node.parent && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const contextual = checker.getContextualType(node);
      for (const p of node.properties) {
        if (!ts.isSpreadAssignment(p)) continue;
        const m = matchSpread(p, sf);
        if (!m || !contextual) continue;
        const sym = checker.getPropertyOfType(checker.getNonNullableType(contextual), m.key);
        const decls = sym?.declarations ?? [];
        if (decls.length === 0) continue;
        const ok = decls.every(
          (d) =>
            ts.isPropertySignature(d) &&
            d.questionToken !== undefined &&
            d.type !== undefined &&
            ours(d.getSourceFile()) &&
            !EXACT_FILES.has(relative(ROOT, d.getSourceFile().fileName)),
        );
        if (!ok) continue;
        for (const d of decls as ts.PropertySignature[]) {
          const type = d.type as ts.TypeNode;
          if (includesUndefined(type)) continue;
          const dsf = d.getSourceFile();
          const text = type.getText(dsf);
          addEdit(dsf.fileName, {
            start: type.getStart(dsf),
            end: type.getEnd(),
            text: needsParens(type) ? `(${text}) | undefined` : `${text} | undefined`,
          });
          const { line } = dsf.getLineAndCharacterOfPosition(d.getStart(dsf));
          widened.add(`${relative(ROOT, dsf.fileName)}:${line + 1}: ${d.name.getText(dsf)}`);
        }
        addEdit(sf.fileName, { start: p.getStart(sf), end: p.getEnd(), text: m.key === m.value ? m.key : `${m.key}: ${m.value}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

let spreads = 0;
for (const [file, list] of edits) {
  let text = readFileSync(file, 'utf8');
  for (const e of [...list].sort((a, b) => b.start - a.start)) {
    text = text.slice(0, e.start) + e.text + text.slice(e.end);
    if (!e.text.endsWith('| undefined')) spreads++;
  }
  if (!dryRun) writeFileSync(file, text);
}
console.log(`${dryRun ? 'would replace' : 'replaced'} ${spreads} spreads in ${edits.size} files; widened ${widened.size} declarations:`);
for (const w of [...widened].sort()) console.log(`  ${w}`);
void dirname;

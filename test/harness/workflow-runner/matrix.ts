import { WorkflowError } from './errors.ts';
import { asString } from './expressions.ts';

export type MatrixCombination = Record<string, unknown>;

/** GitHub's limit of jobs one matrix may generate. */
export const MAX_MATRIX_JOBS = 256;

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Expands `strategy.matrix` as GitHub does:
 * - the cartesian product of every key other than `include` and `exclude`, in key order;
 * - `exclude` entries remove every combination they match (an entry may name only some keys);
 * - each `include` entry is added to every combination whose original
 *   values it does not change (it may overwrite values added by an earlier
 *   include); an entry that fits no combination becomes a combination of its own.
 * A matrix of only `include` is its list. More than 256 combinations is an error.
 */
export function expandMatrix(matrix: Record<string, unknown>, where = 'strategy.matrix'): MatrixCombination[] {
  const include = matrix.include ?? [];
  const exclude = matrix.exclude ?? [];
  if (!Array.isArray(include) || !Array.isArray(exclude)) {
    throw new WorkflowError('WORKFLOW_INVALID', `${where}: include and exclude must be sequences of mappings`);
  }
  const keys = Object.keys(matrix).filter((k) => k !== 'include' && k !== 'exclude');
  let combos: MatrixCombination[] = keys.length > 0 ? [{}] : [];
  for (const key of keys) {
    const values = matrix[key];
    if (!Array.isArray(values))
      throw new WorkflowError('WORKFLOW_INVALID', `${where}.${key}: a matrix value must be a sequence, got ${asString(values)}`);
    if (values.length === 0) throw new WorkflowError('WORKFLOW_INVALID', `${where}.${key}: a matrix value must not be empty`);
    const next: MatrixCombination[] = [];
    for (const c of combos) for (const v of values) next.push({ ...c, [key]: v });
    combos = next;
  }
  combos = combos.filter((c) => !exclude.some((e: Record<string, unknown>) => Object.entries(e).every(([k, v]) => sameValue(c[k], v))));
  const originals = combos.map((c) => ({ ...c }));
  const added: MatrixCombination[] = [];
  for (const entry of include as Record<string, unknown>[]) {
    let fitted = false;
    combos.forEach((c, i) => {
      const original = originals[i] ?? {};
      const fits = Object.entries(entry).every(([k, v]) => !(k in original) || sameValue(original[k], v));
      if (fits) {
        Object.assign(c, entry);
        fitted = true;
      }
    });
    if (!fitted) added.push({ ...entry });
  }
  const all = [...combos, ...added];
  if (all.length > MAX_MATRIX_JOBS) {
    throw new WorkflowError('WORKFLOW_INVALID', `${where}: the matrix makes ${all.length} jobs; GitHub allows at most ${MAX_MATRIX_JOBS}`);
  }
  return all;
}

/** `build (24, ubuntu)`: a matrix job's display name, as GitHub shows it. */
export function matrixJobName(name: string, combo: MatrixCombination | undefined): string {
  if (combo === undefined || Object.keys(combo).length === 0) return name;
  const parts = Object.values(combo).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : asString(v)));
  return `${name} (${parts.join(', ')})`;
}

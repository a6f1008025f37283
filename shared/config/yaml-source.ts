import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { type Alias, type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import { ConfigError, type SourcePosition } from './config-error.ts';

export { ConfigError, type SourcePosition } from './config-error.ts';

export type YamlPath = readonly (string | number)[];

/** A parsed YAML file that remembers where each value came from. */
export interface YamlSource {
  file: string;
  text: string;
  value: unknown;
  /** Position of the value at `path` (or of its nearest existing parent). */
  positionOf(path: YamlPath, which?: 'key' | 'value'): SourcePosition;
  /** Dotted field name for messages: `components.user-service.ref`, `rules[2]`. */
  fieldName(path: YamlPath): string;
  /** A ConfigError at `path`. */
  error(path: YamlPath, message: string, code?: string): ConfigError;
}

function fieldName(path: YamlPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/** Aliases a file may expand at most (beyond that, a "billion laughs" document). */
const MAX_ALIAS_COUNT = 100;

/**
 * The document as plain values, with its aliases checked first: an alias
 * with no anchor before it, an alias inside the value it names (a cycle), and
 * more than MAX_ALIAS_COUNT expansions are ConfigErrors (CONFIG_YAML_ALIAS)
 * at the alias's line and column.
 */
function resolveAliases(doc: Document, at: (offset: number) => SourcePosition): unknown {
  const aliasError = (node: Alias | undefined, message: string) =>
    new ConfigError(at(node?.range?.[0] ?? 0), '', message, { code: 'CONFIG_YAML_ALIAS' });
  let problem: ConfigError | undefined;
  let first: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      first ??= node;
      const target = node.resolve(doc);
      if (!target) {
        problem = aliasError(node, `alias *${node.source} names no anchor set before it; write &${node.source} on a value above it`);
        return visit.BREAK;
      }
      const [start, end] = target.range ?? [0, 0];
      if (node.range && node.range[0] >= start && node.range[0] < end) {
        problem = aliasError(node, `alias *${node.source} is inside the value it names (a cycle); write the value out`);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (problem) throw problem;
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError) {
      throw aliasError(
        first,
        `the aliases expand to more than ${MAX_ALIAS_COUNT} copies (a "billion laughs" document); write the values out or use fewer aliases`,
      );
    }
    throw err;
  }
}

/** Parses YAML text; a syntax error is a ConfigError with its line and column. */
export function parseYaml(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const first = doc.errors[0];
  if (first) {
    throw new ConfigError(at(first.pos[0]), '', `YAML syntax error: ${first.message.split('\n')[0]}`, { code: 'CONFIG_SYNTAX' });
  }

  function locate(path: YamlPath, which: 'key' | 'value'): SourcePosition {
    let node: unknown = doc.contents;
    let best: [number, number] | undefined = (doc.contents as Node | null)?.range ? [(doc.contents as Node).range?.[0] ?? 0, 0] : undefined;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key));
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        if (last && which === 'key' && keyNode?.range) return at(keyNode.range[0]);
        const valueNode = pair.value as Node | null;
        const r = valueNode?.range ?? keyNode?.range;
        if (r) best = [r[0], 0];
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        if (item.range) best = [item.range[0], 0];
        node = item;
      } else {
        break;
      }
    }
    return at(best?.[0] ?? 0);
  }

  const src: YamlSource = {
    file,
    text,
    value: resolveAliases(doc, at),
    positionOf: (path, which = 'value') => locate(path, which),
    fieldName,
    error: (path, message, code) => new ConfigError(locate(path, 'value'), fieldName(path), message, code ? { code } : undefined),
  };
  return src;
}

/** Reads and parses a YAML file; an unreadable file is a ConfigError naming it. */
export function loadYamlFile(file: string): YamlSource {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new ConfigError({ file, line: 1, column: 1 }, '', `cannot read: ${why}`, { cause: err, code: 'CONFIG_UNREADABLE' });
  }
  return parseYaml(file, text);
}

// verbose: each error carries the schema around it, whose property names give "did you mean" and whose
// patternErrorMessage (the annotation VS Code's JSON support shows too) says a pattern in words
const ajv = new Ajv({ allErrors: false, strict: false, allowUnionTypes: true, verbose: true });
const compiled = new WeakMap<object, ValidateFunction>();

function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Edit distance (insertions, deletions, substitutions, adjacent transpositions), for "did you mean". */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The candidate a misspelled word most likely meant (a close edit, case ignored), if any. */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const c of candidates) {
    const distance = editDistance(word.toLowerCase(), c.toLowerCase());
    const limit = Math.max(1, Math.min(3, Math.floor(Math.max(word.length, c.length) / 3)));
    if (distance <= limit && (!best || distance < best.distance)) best = { name: c, distance };
  }
  return best?.name;
}

interface SchemaAround {
  properties?: Record<string, unknown>;
  patternProperties?: Record<string, unknown>;
  patternErrorMessage?: string;
  propertyNames?: { patternErrorMessage?: string };
}

function fieldsOf(schema: SchemaAround | undefined): string[] {
  return Object.keys(schema?.properties ?? {}).filter((k) => k !== '$schema');
}

/** `must be <words>` for a pattern the schema explains (patternErrorMessage), else the pattern itself. */
function patternMessage(explained: string | undefined, pattern: unknown): string {
  return explained !== undefined ? `must be ${explained}` : `must match ${String(pattern)}`;
}

function describe(err: ErrorObject): { path: (string | number)[]; message: string; which: 'key' | 'value' } {
  const path = pathOf(err.instancePath);
  const p = err.params as Record<string, unknown>;
  const around = err.parentSchema as SchemaAround | undefined;
  // A key that fails `propertyNames`: point at the key and name it.
  const badKey = (err as ErrorObject & { propertyName?: string }).propertyName;
  if (badKey !== undefined) {
    const why = err.keyword === 'pattern' ? patternMessage(around?.patternErrorMessage, p.pattern) : (err.message ?? 'is not allowed');
    return { path: [...path, badKey], message: `name '${badKey}' ${why}`, which: 'key' };
  }
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const meant = closestName(key, fieldsOf(around));
      return { path: [...path, key], message: `unknown field '${key}'${meant ? ` (did you mean '${meant}'?)` : ''}`, which: 'key' };
    }
    case 'required': {
      const missing = String(p.missingProperty);
      // a key written instead of the required one ('componets' for 'components'): say so, on that key's line
      const data = err.data !== null && typeof err.data === 'object' && !Array.isArray(err.data) ? Object.keys(err.data) : [];
      const known = new Set(fieldsOf(around));
      const typo = data.find((k) => !known.has(k) && closestName(k, [missing]) !== undefined);
      if (typo !== undefined) {
        return {
          path: [...path, typo],
          message: `missing required field '${missing}': '${typo}' is not a field; did you mean '${missing}'?`,
          which: 'key',
        };
      }
      return { path, message: `missing required field '${missing}'`, which: 'value' };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      const meant = typeof err.data === 'string' ? closestName(err.data, (p.allowedValues as unknown[]).map(String)) : undefined;
      return { path, message: `must be one of ${allowed.join(', ')}${meant ? ` (did you mean '${meant}'?)` : ''}`, which: 'value' };
    }
    case 'type':
      return { path, message: `must be ${String(p.type)}`, which: 'value' };
    case 'pattern':
      return { path, message: patternMessage(around?.patternErrorMessage, p.pattern), which: 'value' };
    default:
      return { path, message: err.message ?? 'is invalid', which: 'value' };
  }
}

/**
 * Validates a parsed file against a JSON Schema; the first violation becomes
 * a ConfigError at the line of the offending field.
 */
export function validateAgainstSchema(src: YamlSource, schema: object): void {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(src.value)) return;
  const err = validate.errors?.[0];
  if (!err) return;
  const { path, message, which } = describe(err);
  throw new ConfigError(src.positionOf(path, which), fieldName(path), message, { code: 'CONFIG_SCHEMA' });
}

import { registerHooks } from 'node:module';
import type { ActionTemplate } from '@actions/workflow-parser/actions/action-template';
import type { WorkflowTemplate } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateContext } from '@actions/workflow-parser/templates/template-context';
import type { MappingToken, TemplateToken } from '@actions/workflow-parser/templates/tokens/index';
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference';
import { isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { type WorkflowDiagnostic, WorkflowError } from './errors.ts';

// @actions/workflow-parser imports its JSON schemas (workflow-v1.0.min.json,
// action-v1.0.min.json) without `with { type: 'json' }`, which Node 24's ESM
// loader refuses (ERR_IMPORT_ATTRIBUTE_MISSING). This hook adds the attribute
// for that package's JSON files only, before the package is first imported.
registerHooks({
  load(url, context, nextLoad) {
    if (url.endsWith('.json') && url.includes('/@actions/workflow-parser/') && context.importAttributes?.type !== 'json') {
      return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
    }
    return nextLoad(url, context);
  },
});

const wp = await import('@actions/workflow-parser');
const actionsApi = await import('@actions/workflow-parser/actions/index');
const fileRefs = await import('@actions/workflow-parser/workflows/file-reference');
const tokens = await import('@actions/workflow-parser/templates/tokens/index');

export type { ReusableWorkflowJob, Step, WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
export type { ActionTemplate, FileReference, MappingToken, TemplateToken, WorkflowTemplate };
export { tokens };

/** A workflow or action file's text and the name diagnostics give it. */
export interface SourceFile {
  name: string;
  content: string;
}

/** Reads a workflow named by a job's `uses:`; throws when there is none. */
export type WorkflowFetcher = (ref: FileReference) => Promise<SourceFile>;

export interface LoadedWorkflow {
  file: string;
  /** The validated token tree of the whole file (keys the converted template drops are read from here). */
  root: MappingToken;
  template: WorkflowTemplate;
}

export interface LoadedAction {
  file: string;
  root: MappingToken;
  template: ActionTemplate;
}

/**
 * The YAML-decoded text of each string that mixes literal text and `${{ }}`.
 * The parser turns such a string into one `format('…', …)` expression, but
 * for a multi-line block scalar it builds the format from the raw source
 * (indentation and all), which is right for an editor's positions and wrong
 * for running the script. The runner interpolates the decoded text instead.
 */
const decodedStrings = new WeakMap<object, string>();

export function decodedString(token: object): string | undefined {
  return decodedStrings.get(token);
}

function indexDecodedStrings(content: string, root: TemplateToken): void {
  const lineCounter = new LineCounter();
  const doc = parseDocument(content, { lineCounter, uniqueKeys: false });
  const byPosition = new Map<string, string>();
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && node.value.includes('${{') && node.range) {
        const p = lineCounter.linePos(node.range[0]);
        byPosition.set(`${p.line}:${p.col}`, node.value);
      }
    },
  });
  for (const [, token] of tokens.TemplateToken.traverse(root)) {
    if (!(token instanceof tokens.BasicExpressionToken) || token.originalExpressions === undefined || token.range === undefined) continue;
    const text = byPosition.get(`${token.range.start.line}:${token.range.start.column}`);
    if (text !== undefined) decodedStrings.set(token, text);
  }
}

export function parseFileReference(ref: string): FileReference {
  return fileRefs.parseFileReference(ref);
}

// "file.yml (Line: 6, Col: 11)" → "file.yml"
function fileOfPrefix(prefix: string | undefined, fallback: string): string {
  if (!prefix) return fallback;
  const at = prefix.lastIndexOf(' (Line:');
  return at > 0 ? prefix.slice(0, at) : prefix;
}

function diagnosticsOf(context: TemplateContext, fallbackFile: string): WorkflowDiagnostic[] {
  return context.errors.getErrors().map((e) => ({
    file: fileOfPrefix(e.prefix, fallbackFile),
    line: e.range?.start.line ?? 1,
    column: e.range?.start.column ?? 1,
    message: e.rawMessage,
  }));
}

function invalid(what: string, diagnostics: WorkflowDiagnostic[]): WorkflowError {
  const lines = diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
  const first = lines[0] ?? what;
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more: ${lines.slice(1).join('; ')})` : '';
  return new WorkflowError('WORKFLOW_INVALID', `${first}${more}`, { diagnostics });
}

/**
 * Parses and validates a workflow with GitHub's own parser, the way GitHub
 * does when a run starts: the schema, the contexts each expression may use,
 * and, for every job that calls a reusable workflow, the called file fetched
 * through `fetch` (one level, as the parser does) so that required inputs
 * and secrets, unknown inputs and the called file's own errors are found.
 * Any finding throws a WorkflowError with every diagnostic (file, line,
 * column); a call to a file that cannot be fetched is one of them.
 */
export async function loadWorkflow(source: SourceFile, fetch: WorkflowFetcher): Promise<LoadedWorkflow> {
  const parsed = wp.parseWorkflow({ name: source.name, content: source.content }, new wp.NoOperationTraceWriter());
  const fetchErrors: string[] = [];
  if (parsed.value === undefined || parsed.context.errors.count > 0) {
    throw invalid(`${source.name} is not a valid workflow`, diagnosticsOf(parsed.context, source.name));
  }
  const template = await wp.convertWorkflowTemplate(
    parsed.context,
    parsed.value,
    {
      getFileContent: async (ref) => {
        try {
          return await fetch(ref);
        } catch (err) {
          fetchErrors.push(err instanceof Error ? err.message : String(err));
          throw err;
        }
      },
    },
    { fetchReusableWorkflowDepth: 1, maxReusableWorkflowDepth: 10 },
  );
  const diagnostics = diagnosticsOf(parsed.context, source.name);
  if (diagnostics.length > 0 || template.errors?.length) {
    // the parser says only "Unable to find reusable workflow"; say why
    for (const d of diagnostics) {
      if (d.message === 'Unable to find reusable workflow' && fetchErrors.length > 0) d.message = `${d.message}: ${fetchErrors.shift()}`;
    }
    throw invalid(`${source.name} is not a valid workflow`, diagnostics);
  }
  indexDecodedStrings(source.content, parsed.value);
  return { file: source.name, root: parsed.value.assertMapping('workflow root'), template };
}

/** Parses and validates an action's `action.yml` with GitHub's action schema. */
export function loadAction(source: SourceFile): LoadedAction {
  const parsed = actionsApi.parseAction({ name: source.name, content: source.content }, new wp.NoOperationTraceWriter());
  if (parsed.value === undefined || parsed.context.errors.count > 0) {
    throw invalid(`${source.name} is not a valid action`, diagnosticsOf(parsed.context, source.name));
  }
  const template = actionsApi.convertActionTemplate(parsed.context, parsed.value);
  const diagnostics = diagnosticsOf(parsed.context, source.name);
  if (diagnostics.length > 0) throw invalid(`${source.name} is not a valid action`, diagnostics);
  indexDecodedStrings(source.content, parsed.value);
  return { file: source.name, root: parsed.value.assertMapping('action root'), template };
}

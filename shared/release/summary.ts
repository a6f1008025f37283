/**
 * The job summary of a composition: the graph (which component feeds which
 * import) as a Mermaid flowchart, the components with their digests and how
 * they were obtained, and the world of the result as WIT.
 */
import { code, fenced, formatBytes, mermaidFlowchart, table } from '../report/markdown.ts';
import type { ComposeResult } from './compose.ts';

const FETCHED_TEXT = { local: 'local file', cache: 'cache hit', pull: 'pulled' } as const;

/** `ecommerce:platform/cart@1.0.0` → `cart`: short labels for the graph. */
export function shortImportName(name: string): string {
  const m = /^[^:]+:[^/]+\/([^@]+)(@.*)?$/.exec(name);
  return m?.[1] ?? name;
}

/** Markdown for GITHUB_STEP_SUMMARY. `wit` is the world of the result (jco's componentWit), if it could be printed. */
export function composeSummary(result: ComposeResult, wit: string | undefined): string {
  const { plan } = result;
  const title = `### Composed ${code(plan.name)}${plan.environment !== undefined ? ` for ${code(plan.environment)}` : ''}`;
  const facts = [
    `${code(result.digest)}, ${formatBytes(result.size)}, ${result.components.length} components (${result.components.filter((c) => c.fetched === 'pull').length} pulled, ${result.components.filter((c) => c.fetched === 'cache').length} from the cache, ${result.components.filter((c) => c.fetched === 'local').length} local files)`,
    `exports: ${result.exports.map(code).join(', ') || 'none'}`,
  ];
  // Edges that go to the same pair are folded into one arrow listing every import.
  const folded = new Map<string, { from: string; to: string; labels: string[] }>();
  for (const e of result.edges) {
    const key = `${e.from}\u0000${e.to}`;
    const entry = folded.get(key) ?? { from: e.from, to: e.to, labels: [] };
    entry.labels.push(shortImportName(e.import));
    folded.set(key, entry);
  }
  const nodes = result.components.map((c) => c.name);
  if (result.edges.some((e) => e.from === 'host')) nodes.push('host');
  const graph = mermaidFlowchart(
    nodes,
    [...folded.values()].map((e) => ({ from: e.from, to: e.to, label: e.labels.join(', ') })),
  );
  const rows = result.components.map((c) => [
    code(c.name),
    code(c.source),
    code(c.digest),
    formatBytes(c.size),
    c.registry,
    FETCHED_TEXT[c.fetched],
  ]);
  const parts = [
    title,
    facts.join('<br>'),
    '#### Composition graph',
    graph,
    '#### Components',
    table(['name', 'ref', 'digest', 'size', 'registry', 'obtained'], rows),
  ];
  if (wit !== undefined) parts.push('#### World of the result', fenced('wit', wit));
  return `${parts.join('\n\n')}\n`;
}

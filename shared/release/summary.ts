/**
 * The job summary of a composition: the graph (which component feeds which
 * import) as a Mermaid flowchart, the components with their digests and how
 * they were obtained, and the world of the result as WIT.
 */
import { code, fenced, formatBytes, mermaidFlowchart, table } from '../report/markdown.ts';
import { formatReportMarkdown, type VerifyReport } from '../verify/report.ts';
import type { ComposeResult } from './compose.ts';
import { lockLabel } from './lock.ts';
import type { PromotionResult } from './promote.ts';

const FETCHED_TEXT = { local: 'local file', cache: 'cache hit', pull: 'pulled' } as const;

/** `ecommerce:platform/cart@1.0.0` → `cart`: short labels for the graph. */
export function shortImportName(name: string): string {
  const m = /^[^:]+:[^/]+\/([^@]+)(@.*)?$/.exec(name);
  return m?.[1] ?? name;
}

/** Which digest came from where: the promotion's table. */
export function promotionSummary(p: PromotionResult, path: (file: string) => string = (f) => f): string {
  const rows = p.components.map((c) => [
    code(c.name),
    code(c.digest),
    code(c.from),
    c.action === 'local' ? 'local file' : code(c.to),
    c.action === 'local'
      ? 'same digest'
      : `${c.action === 'copied' ? 'copied' : 'already there'}${c.referrersCopied > 0 ? `, ${c.referrersCopied} referrer(s)` : ''}`,
    c.tag === undefined
      ? ''
      : c.tag.status === 'set'
        ? `set ${code(c.tag.name)}`
        : c.tag.status === 'already'
          ? `${code(c.tag.name)} already there`
          : `${code(c.tag.name)} left at ${code(c.tag.previous ?? '')}`,
  ]);
  return [
    `#### Promoted from ${lockLabel(p.environment)} (${code(path(p.lockFile))})`,
    table(['component', 'digest', 'from', 'to', 'copy', 'tag'], rows),
  ].join('\n\n');
}

/** The job summary of a compose the policy refused: the verify action's verdict table. */
export function refusedSummary(report: VerifyReport, path: (file: string) => string = (f) => f): string {
  return `### Compose refused by the policy\n\nNothing was composed or written.\n\n${formatReportMarkdown(report, { path })}`;
}

/**
 * Markdown for GITHUB_STEP_SUMMARY. `wit` is the world of the result (jco's
 * componentWit), if it could be printed; `path` shows file names (relative
 * to the workspace).
 */
export function composeSummary(result: ComposeResult, wit: string | undefined, opts: { path?: (file: string) => string } = {}): string {
  const path = opts.path ?? ((f: string) => f);
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
  if (result.promotion) parts.push(promotionSummary(result.promotion, path));
  if (result.verification) parts.push(formatReportMarkdown(result.verification, { path }).replace(/^### /, '#### '));
  if (wit !== undefined) parts.push('#### World of the result', fenced('wit', wit));
  return `${parts.join('\n\n')}\n`;
}

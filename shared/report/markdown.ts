/**
 * Small Markdown builders for job summaries and reports: tables, Mermaid
 * graphs and fenced blocks, with escaping so that user data (refs, reasons)
 * cannot break the layout.
 */

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A Markdown table; `rows` are already strings (use `code()` for literal values). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `| ${headers.map(cell).join(' | ')} |`;
  const rule = `| ${headers.map(() => '---').join(' | ')} |`;
  const body = rows.map((r) => `| ${headers.map((_, i) => cell(r[i] ?? '')).join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

/** Inline code, safe for values that contain backticks. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** A fenced block. */
export function fenced(lang: string, text: string): string {
  let fence = '```';
  while (text.includes(fence)) fence += '`';
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

export interface GraphEdge {
  from: string;
  to: string;
  label?: string;
}

function nodeId(name: string, ids: Map<string, string>): string {
  let id = ids.get(name);
  if (!id) {
    id = `n${ids.size}`;
    ids.set(name, id);
  }
  return id;
}

function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;');
}

/** A Mermaid flowchart (left to right) of `edges`; node labels are quoted. */
export function mermaidFlowchart(nodes: readonly string[], edges: readonly GraphEdge[]): string {
  const ids = new Map<string, string>();
  const lines = ['flowchart LR'];
  for (const n of nodes) lines.push(`  ${nodeId(n, ids)}["${mermaidText(n)}"]`);
  for (const e of edges) {
    const from = nodeId(e.from, ids);
    const to = nodeId(e.to, ids);
    lines.push(e.label ? `  ${from} -->|"${mermaidText(e.label)}"| ${to}` : `  ${from} --> ${to}`);
  }
  return fenced('mermaid', lines.join('\n'));
}

/** Human-readable byte size (binary units). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

export interface XYChart {
  title: string;
  /** Category labels of the x-axis, one per point. */
  x: readonly string[];
  yLabel: string;
  yRange?: [number, number];
  /** Each series is one line, one value per x label. */
  lines: readonly (readonly number[])[];
}

function xyText(text: string): string {
  return `"${text.replace(/["\n\r]/g, ' ')}"`;
}

function xyNumber(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(6))) : '0';
}

/** A Mermaid `xychart-beta` line chart (GitHub renders it in job summaries); labels are quoted, numbers finite. */
export function mermaidXYChart(chart: XYChart): string {
  const lines = ['xychart-beta', `  title ${xyText(chart.title)}`, `  x-axis [${chart.x.map(xyText).join(', ')}]`];
  const values = chart.lines.flat().filter(Number.isFinite);
  const [lo, hi] = chart.yRange ?? [Math.min(0, ...values), Math.max(1, ...values)];
  lines.push(`  y-axis ${xyText(chart.yLabel)} ${xyNumber(lo)} --> ${xyNumber(hi === lo ? lo + 1 : hi)}`);
  for (const l of chart.lines) lines.push(`  line [${l.map(xyNumber).join(', ')}]`);
  return fenced('mermaid', lines.join('\n'));
}

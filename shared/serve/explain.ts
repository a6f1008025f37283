// `flotilla serve --explain <path>`: the first request to <path> answered,
// drawn as a Mermaid sequence diagram (https://mermaid.js.org/syntax/sequenceDiagram.html)
// from its spans (otlp.ts requestSpans): the client's request to serve, each
// component call as an arrow from its caller to the component called (the
// taps of `observability: true` report them), each return with its time, and
// the answer. GitHub renders it in Markdown inside a ```mermaid block.
import type { RequestObserver, RequestRecord } from './log.ts';
import { type RequestSpan, requestSpans } from './otlp.ts';
import { parseRoutePattern, routeLabeler } from './routes.ts';

/** A Mermaid participant id: letters, digits and _ only (names like web-frontend keep their name as the alias). */
function participantId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(id) ? id : `p_${id}`;
}

/** Text Mermaid shows as is: no line breaks, no `;` or `#` (its statement and entity marks), bounded. */
function text(s: string): string {
  return s
    .replace(/[\r\n;#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120);
}

function ms(v: number): string {
  return v >= 100 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(1)} ms` : `${v.toFixed(2)} ms`;
}

/** The Mermaid sequence diagram of one answered request. */
export function mermaidSequence(r: RequestRecord): string {
  const spans = requestSpans(r);
  const root = spans[0] as RequestSpan;
  const byParent = new Map<string, RequestSpan[]>();
  for (const s of spans.slice(1)) {
    const list = byParent.get(s.parentSpanId as string) ?? [];
    list.push(s);
    byParent.set(s.parentSpanId as string, list);
  }
  const names = ['client', 'serve'];
  for (const s of spans.slice(1)) if (s.component !== undefined && !names.includes(s.component)) names.push(s.component);
  const lines = ['sequenceDiagram'];
  lines.push('  participant client');
  lines.push('  participant serve as flotilla serve');
  for (const n of names.slice(2)) {
    const id = participantId(n);
    lines.push(id === n ? `  participant ${id}` : `  participant ${id} as ${text(n)}`);
  }
  lines.push(`  client->>serve: ${text(`${r.method} ${r.path}`)}`);
  lines.push(`  Note over client,serve: request ${text(r.requestId)}, trace ${r.trace.traceId}`);
  const draw = (parent: RequestSpan, caller: string) => {
    for (const s of byParent.get(parent.spanId) ?? []) {
      const to = participantId(s.component ?? 'component');
      const from = participantId(caller);
      const iface = String(s.attributes['rpc.service'] ?? '').replace(/@[^@]*$/, '');
      lines.push(`  ${from}->>+${to}: ${text(`${String(s.attributes['rpc.method'])}${iface ? ` (${iface})` : ''}`)}`);
      draw(s, s.component ?? caller);
      lines.push(`  ${to}-->>-${from}: ${s.error !== undefined ? 'error' : 'ok'}, ${ms(s.endMs - s.startMs)}`);
    }
  };
  draw(root, 'serve');
  if ((byParent.get(root.spanId) ?? []).length === 0) {
    lines.push('  Note over serve: no component calls were reported (compose with observability: true to trace them)');
  }
  lines.push(`  serve-->>client: ${r.status}${r.failure !== undefined ? ` (${text(r.failure)})` : ''}, ${ms(r.durationMs)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * An observer that writes the diagram of the first request whose path
 * matches `pattern` (a path, or a route pattern: /checkout/:user), then
 * stops looking.
 */
export function explainObserver(pattern: string, write: (diagram: string) => void): RequestObserver {
  parseRoutePattern(pattern);
  const label = routeLabeler({ routes: [pattern] });
  let done = false;
  return (r: RequestRecord) => {
    if (done || label(r.path) !== pattern) return;
    done = true;
    write(mermaidSequence(r));
  };
}

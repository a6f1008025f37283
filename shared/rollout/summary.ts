/**
 * The job summary of a rollout: what is serving and what to do next, the
 * steps as a table, and each metric's measurements as a Mermaid
 * `xychart-beta` chart (the canary against the stable, per step, with the
 * threshold of its condition), then the decisions with the metric, value
 * and condition behind each, so that a person sees at a glance why the
 * rollout was promoted or aborted.
 */
import { code, mermaidXYChart, table } from '../report/markdown.ts';
import type { AnalysisRecord, MetricResult } from './analysis.ts';
import type { EnvironmentRollout, RolloutConfig } from './config.ts';
import { formatDuration } from './duration.ts';
import { compileExpression, thresholdOf } from './expr.ts';
import { describeState } from './machine.ts';
import { type RolloutState, short } from './state.ts';

const MAX_POINTS = 60;

function stepLabel(s: RolloutState['steps'][number]): string {
  if (s.kind === 'setWeight') return `setWeight ${s.weight}`;
  if (s.kind === 'pause') return s.durationMs !== undefined ? `pause ${formatDuration(s.durationMs)}` : 'pause (until promote)';
  return `analysis ${s.analysis?.templates.join(', ') ?? ''}`.trim();
}

function analysisCell(a: AnalysisRecord | undefined): string {
  if (!a) return '';
  const counts = a.metrics.map((m) => `${m.name}: ${m.successful}✓ ${m.failed}✗ ${m.inconclusive}? ${m.error}!`).join('; ');
  return `${a.phase}${counts ? ` (${counts})` : ''}`;
}

function thresholdLine(m: MetricResult): { value: number; text: string } | undefined {
  for (const c of [m.successCondition, m.failureCondition]) {
    if (!c) continue;
    try {
      const t = thresholdOf(compileExpression(c));
      if (t) return { value: t.value, text: c };
    } catch {
      // conditions were checked when the spec was read
    }
  }
  return undefined;
}

/** One chart per metric of an analysis that measured numbers. */
function charts(title: string, a: AnalysisRecord): string[] {
  const out: string[] = [];
  for (const m of a.metrics) {
    const points = m.measurements.filter((x) => x.number !== undefined).slice(-MAX_POINTS);
    if (points.length === 0) continue;
    const perStep = new Map<string, number>();
    const x = points.map((p) => {
      const key = p.step !== undefined ? `step ${p.step + 1}` : title;
      const n = (perStep.get(key) ?? 0) + 1;
      perStep.set(key, n);
      return `${key}${p.weight !== undefined ? ` at ${p.weight}%` : ''} (${n})`;
    });
    const lines: number[][] = [points.map((p) => p.number as number)];
    const legend = ['line 1: canary'];
    if (points.some((p) => p.baselineNumber !== undefined)) {
      lines.push(points.map((p) => p.baselineNumber ?? (p.number as number)));
      legend.push('line 2: stable');
    }
    const t = thresholdLine(m);
    if (t) {
      lines.push(points.map(() => t.value));
      legend.push(`line ${lines.length}: threshold of ${code(t.text)}`);
    }
    const values = lines.flat();
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 0.1;
    out.push(`**${m.template}/${m.name}** (${title}): ${m.phase}${m.message ? ` — ${m.message}` : ''}`);
    out.push(
      mermaidXYChart({
        title: `${m.name}: canary${legend.length > 1 && legend[1]?.includes('stable') ? ' vs stable' : ''}`,
        x,
        yLabel: m.name,
        yRange: [lo - pad, hi + pad],
        lines,
      }),
    );
    out.push(`<sub>${legend.join(' · ')}</sub>`);
  }
  return out;
}

function measurementRows(title: string, a: AnalysisRecord): string[][] {
  return a.metrics.flatMap((m) =>
    m.measurements
      .slice(-MAX_POINTS)
      .map((x) => [
        title,
        `${m.template}/${m.name}`,
        x.finishedAt,
        x.phase,
        x.value ?? '',
        x.baseline ?? '',
        x.decision ?? '',
        x.message ?? '',
      ]),
  );
}

/** The Markdown summary of a rollout's state. */
export function rolloutSummary(s: RolloutState | undefined, env: EnvironmentRollout, config: RolloutConfig): string {
  const parts: string[] = [];
  parts.push(`### Rollout of ${env.name}: ${s?.phase ?? 'none'}`);
  parts.push(describeState(s, env));
  if (!s) return `${parts.join('\n\n')}\n`;
  parts.push(
    table(
      ['', 'digest', 'tag'],
      [
        ['live', code(s.live.digest ?? 'nothing'), code(`${config.repository}:${env.tag}`)],
        ['stable', code(s.stable.digest ?? 'nothing'), code(env.stableTag)],
        [
          s.strategy === 'canary' ? 'canary' : 'new version',
          code(s.canary.digest ?? 'nothing'),
          code(s.strategy === 'canary' ? env.canaryTag : env.previewTag),
        ],
      ],
    ),
  );
  const analyses: [string, AnalysisRecord][] = [];
  if (s.strategy === 'canary' && s.steps.length > 0) {
    parts.push(
      table(
        ['#', 'step', 'status', 'started', 'finished', 'result'],
        s.steps.map((st) => {
          if (st.analysis) analyses.push([`step ${st.index + 1}`, st.analysis]);
          return [
            String(st.index + 1),
            stepLabel(st),
            st.status,
            st.startedAt ?? '',
            st.finishedAt ?? '',
            st.analysis ? analysisCell(st.analysis) : (st.note ?? ''),
          ];
        }),
      ),
    );
  }
  if (s.background) analyses.push(['background', s.background]);
  if (s.blueGreen?.pre) analyses.push(['pre-promotion', s.blueGreen.pre]);
  if (s.blueGreen?.post) analyses.push(['post-promotion', s.blueGreen.post]);
  if (s.strategy === 'blue-green') {
    parts.push(
      table(
        ['stage', 'result'],
        [
          ['preview', `${code(env.previewTag)} → ${code(short(s.canary.digest))}`],
          [
            'pre-promotion analysis',
            analysisCell(s.blueGreen?.pre) || (config.blueGreen.prePromotionAnalysis ? 'not run' : 'none configured'),
          ],
          [
            'switch',
            s.promotion?.finishedAt ? `${code(env.tag)} → ${code(short(s.canary.digest))} at ${s.promotion.finishedAt}` : 'not yet',
          ],
          [
            'post-promotion analysis',
            analysisCell(s.blueGreen?.post) || (config.blueGreen.postPromotionAnalysis ? 'not run' : 'none configured'),
          ],
        ],
      ),
    );
  }
  for (const [title, a] of analyses) parts.push(...charts(title, a));
  const rows = analyses.flatMap(([t, a]) => measurementRows(t, a));
  if (rows.length > 0) {
    parts.push(
      `<details><summary>Every measurement (${rows.length})</summary>\n\n${table(['analysis', 'metric', 'time', 'phase', 'canary', 'stable', 'condition', 'message'], rows)}\n\n</details>`,
    );
  }
  if (s.decisions.length > 0) {
    parts.push('#### Decisions');
    parts.push(
      table(
        ['time', 'by', 'action', 'why', 'metric', 'value', 'condition'],
        s.decisions.map((d) => [
          d.at,
          d.by,
          d.action,
          d.reason,
          d.metric ?? '',
          [d.value, d.baseline && `stable ${d.baseline}`].filter(Boolean).join(', '),
          d.condition ?? '',
        ]),
      ),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

import { describe, expect, it } from 'vitest';
import { cell, code, fenced, formatBytes, mermaidFlowchart, mermaidXYChart, table } from './markdown.ts';

describe('markdown builders', () => {
  it('escapes pipes and newlines in table cells', () => {
    expect(cell('a|b\nc')).toBe('a\\|b<br>c');
    expect(table(['name', 'ref'], [['cart', 'ghcr.io/a|b']])).toBe('| name | ref |\n| --- | --- |\n| cart | ghcr.io/a\\|b |');
  });

  it('fences text that itself holds a fence', () => {
    expect(fenced('wit', 'a\n```\nb')).toBe('````wit\na\n```\nb\n````');
    expect(code('a`b')).toBe('``a`b``');
  });

  it('draws a Mermaid flowchart with quoted labels', () => {
    const out = mermaidFlowchart(['cart', 'orders'], [{ from: 'cart', to: 'orders', label: 'ecommerce:cart/api "v1"' }]);
    expect(out).toBe('```mermaid\nflowchart LR\n  n0["cart"]\n  n1["orders"]\n  n0 -->|"ecommerce:cart/api #quot;v1#quot;"| n1\n```');
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(12 * 1024 * 1024)).toBe('12.0 MiB');
  });
});

describe('mermaidXYChart', () => {
  it('writes an xychart-beta with quoted labels, a y range and one line per series', () => {
    const chart = mermaidXYChart({
      title: 'success "rate"',
      x: ['step 1 at 10% (1)', 'step 2'],
      yLabel: 'ratio',
      yRange: [0.9, 1],
      lines: [
        [0.97, 0.981234567],
        [0.95, 0.95],
      ],
    });
    expect(chart).toBe(
      '```mermaid\nxychart-beta\n  title "success  rate "\n  x-axis ["step 1 at 10% (1)", "step 2"]\n  y-axis "ratio" 0.9 --> 1\n  line [0.97, 0.981235]\n  line [0.95, 0.95]\n```',
    );
  });

  it('never writes a number mermaid cannot read, nor an empty range', () => {
    const chart = mermaidXYChart({ title: 't', x: ['a'], yLabel: 'y', yRange: [2, 2], lines: [[Number.NaN]] });
    expect(chart).toContain('y-axis "y" 2 --> 3');
    expect(chart).toContain('line [0]');
  });
});

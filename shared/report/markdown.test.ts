import { describe, expect, it } from 'vitest';
import { cell, code, fenced, formatBytes, mermaidFlowchart, table } from './markdown.ts';

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

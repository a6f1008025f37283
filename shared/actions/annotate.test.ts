import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../config/yaml-source.ts';
import { annotateError } from './annotate.ts';

describe('annotateError', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('puts a ConfigError on its file, line and column, relative to the workspace', () => {
    annotateError(new ConfigError({ file: '/ws/examples/flotilla.yaml', line: 7, column: 3 }, 'components.cart', 'bad ref'), '/ws');
    expect(out.join('')).toContain('::error title=CONFIG_INVALID,file=examples/flotilla.yaml,line=7,col=3::');
    expect(out.join('')).toContain('components.cart: bad ref');
  });

  it('writes other errors without a place', () => {
    annotateError(new Error('registry ghcr.io answered 500'), '/ws');
    expect(out.join('')).toBe('::error::registry ghcr.io answered 500\n');
  });
});

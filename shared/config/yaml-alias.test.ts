import { describe, expect, it } from 'vitest';
import { ConfigError, parseYaml } from './yaml-source.ts';

function failure(text: string): ConfigError {
  try {
    parseYaml('spec.yaml', text);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('YAML aliases', () => {
  it('an alias without an anchor is a typed error at its line and column', () => {
    const err = failure('a: 1\nb: *nope\n');
    expect(err.code).toBe('CONFIG_YAML_ALIAS');
    expect(err.message).toMatch(/^spec\.yaml:2:4: /);
    expect(err.message).toContain('*nope');
    expect(err.message).toContain('&nope');
  });

  it('a billion-laughs document is a typed error at an alias, not a resource exhaustion', () => {
    const text = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const err = failure(text);
    expect(err.code).toBe('CONFIG_YAML_ALIAS');
    expect(err.message).toMatch(/^spec\.yaml:2:\d+: /);
    expect(err.message).toContain('100');
  });

  it('an alias inside the value it names (a cycle) is a typed error', () => {
    const err = failure('a: &x\n  b: *x\n');
    expect(err.code).toBe('CONFIG_YAML_ALIAS');
    expect(err.message).toMatch(/^spec\.yaml:2:6: /);
    expect(err.message).toContain('cycle');
  });

  it('ordinary aliases still work', () => {
    expect(parseYaml('spec.yaml', 'a: &x [1, 2]\nb: *x\n').value).toEqual({ a: [1, 2], b: [1, 2] });
  });
});

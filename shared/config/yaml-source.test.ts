import { describe, expect, it } from 'vitest';
import { ConfigError, parseYaml, validateAgainstSchema } from './yaml-source.ts';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string' },
    mode: { enum: ['enforce', 'warn'] },
    rules: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { match: { type: 'string' } } } },
  },
};

function errorOf(text: string): ConfigError {
  try {
    validateAgainstSchema(parseYaml('policy.yaml', text), schema);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('YAML sources with positions', () => {
  it('names the line and column of a syntax error', () => {
    const err = errorOf('name: a\nmode: [enforce\n');
    expect(err.code).toBe('CONFIG_SYNTAX');
    expect(err.message).toMatch(/^policy\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('points an unknown field at its key', () => {
    const err = errorOf('name: a\nrules:\n  - match: x\n  - matsh: y\n');
    expect(err.message).toBe("policy.yaml:4:5: rules[1].matsh: unknown field 'matsh' (did you mean 'match'?)");
    expect(err.position).toEqual({ file: 'policy.yaml', line: 4, column: 5 });
  });

  it('points a bad enum value at the value', () => {
    const err = errorOf('name: a\nmode: block\n');
    expect(err.message).toBe('policy.yaml:2:7: mode: must be one of "enforce", "warn"');
  });

  it('points a key that fails propertyNames at the key and names it', () => {
    const keyed = { type: 'object', propertyNames: { pattern: '^[a-z]+$' } };
    let message = '';
    try {
      validateAgainstSchema(parseYaml('k.yaml', 'ok: 1\nBad_Key: 2\n'), keyed);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe("k.yaml:2:1: Bad_Key: name 'Bad_Key' must match ^[a-z]+$");
  });

  it('a misspelled required field: did you mean, on the misspelled key', () => {
    const err = errorOf('nmae: a\nmode: warn\n');
    expect(err.message).toBe("policy.yaml:1:1: nmae: missing required field 'name': 'nmae' is not a field; did you mean 'name'?");
    expect(err.position).toEqual({ file: 'policy.yaml', line: 1, column: 1 });
  });

  it('a misspelled enum value: did you mean', () => {
    expect(errorOf('name: a\nmode: warm\n').message).toBe(
      'policy.yaml:2:7: mode: must be one of "enforce", "warn" (did you mean \'warn\'?)',
    );
  });

  it('a pattern is explained in words when the schema says them (patternErrorMessage), for values and keys', () => {
    const words = {
      type: 'object',
      properties: { id: { type: 'string', pattern: '^[a-z]+(-[a-z]+)*$', patternErrorMessage: 'lower-case words joined by -' } },
      propertyNames: { pattern: '^[a-z]+$', patternErrorMessage: 'lower-case letters' },
    };
    const message = (text: string) => {
      try {
        validateAgainstSchema(parseYaml('w.yaml', text), words);
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    };
    expect(message('id: Shop_1\n')).toBe('w.yaml:1:5: id: must be lower-case words joined by -');
    expect(message('id: a\nOther: 1\n')).toBe("w.yaml:2:1: Other: name 'Other' must be lower-case letters");
  });

  it('names a missing required field', () => {
    const err = errorOf('mode: warn\n');
    expect(err.message).toContain("missing required field 'name'");
  });

  it('accepts a valid document', () => {
    const src = parseYaml('p.yaml', 'name: a\nrules:\n  - match: "*"\n');
    expect(() => validateAgainstSchema(src, schema)).not.toThrow();
    expect(src.value).toEqual({ name: 'a', rules: [{ match: '*' }] });
    expect(src.error(['rules', 0, 'match'], 'bad glob').message).toBe('p.yaml:3:12: rules[0].match: bad glob');
  });
});

import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../oci/digest.ts';
import { StatementFormatError } from './errors.ts';
import {
  COMPOSITION_PREDICATE_TYPE,
  compositionStatement,
  parseCompositionPredicate,
  parseStatement,
  serializeStatement,
  signStatement,
  subjectDigests,
} from './statement.ts';

const digest = sha256('manifest');
const components = [
  { name: 'payments', ref: 'ghcr.io/acme/payments:2.0.1', digest: sha256('payments'), size: 2048 },
  { name: 'cart', ref: 'ghcr.io/acme/cart:1.4.0', digest: sha256('cart'), size: 1024 },
];

describe('statements', () => {
  it('serialize compactly and parse back', () => {
    const s = signStatement({ name: 'ghcr.io/acme/cart', digest });
    const bytes = serializeStatement(s);
    expect(new TextDecoder().decode(bytes)).toBe(
      `{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"ghcr.io/acme/cart","digest":{"sha256":"${digest.slice(7)}"}}],"predicateType":"https://sigstore.dev/cosign/sign/v1","predicate":{}}`,
    );
    expect(parseStatement(bytes)).toEqual(s);
    expect(subjectDigests(parseStatement(bytes))).toEqual([digest]);
  });

  it('refuse payloads that are not in-toto v1 statements', () => {
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    expect(() => parseStatement(new TextEncoder().encode('nope'))).toThrow(StatementFormatError);
    expect(() =>
      parseStatement(enc({ _type: 'https://in-toto.io/Statement/v0.1', subject: [{ digest: {} }], predicateType: 'x' })),
    ).toThrow(/in-toto v1/);
    expect(() => parseStatement(enc({ _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: 'x' }))).toThrow(/no subject/);
    expect(() =>
      parseStatement(enc({ _type: 'https://in-toto.io/Statement/v1', subject: [{ digest: { sha256: 1 } }], predicateType: 'x' })),
    ).toThrow(/subject\[0\]\.digest/);
    expect(() => signStatement({ name: 'x', digest: 'sha256:abc' as never })).toThrow(/not a sha256 digest/);
  });

  it('list composition inputs sorted by name, with ref, digest and size', () => {
    const s = compositionStatement({ name: 'ghcr.io/acme/platform', digest }, { version: '1.2.3', package: 'acme:platform', components });
    expect(s.predicateType).toBe(COMPOSITION_PREDICATE_TYPE);
    expect(s.predicate).toEqual({
      composer: { name: 'flotilla', version: '1.2.3' },
      package: 'acme:platform',
      components: [components[1], components[0]],
    });
    expect(parseCompositionPredicate(JSON.parse(JSON.stringify(s.predicate)))).toEqual(s.predicate);
  });

  it('write composition predicates that the published JSON Schema accepts', () => {
    const schema = JSON.parse(readFileSync(new URL('./composition-predicate.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ strict: true }).compile(schema);
    const s = compositionStatement({ name: 'p', digest }, { version: '0.1.0', components });
    expect(validate(JSON.parse(JSON.stringify(s.predicate)))).toBe(true);
    expect(validate({ ...s.predicate, components: [{ ...components[0], digest: 'sha256:abc' }] })).toBe(false);
    expect(validate({ ...s.predicate, extra: 1 })).toBe(false);
  });

  it('refuse composition inputs that are duplicated or malformed, naming the field', () => {
    const subject = { name: 'p', digest };
    expect(() => compositionStatement(subject, { version: '1', components: [components[0], components[0]] as never })).toThrow(
      /'payments' twice/,
    );
    expect(() => compositionStatement(subject, { version: '1', components: [{ ...components[0], digest: 'md5:x' }] as never })).toThrow(
      /components\[0\]\.digest/,
    );
    expect(() => compositionStatement(subject, { version: '1', components: [{ ...components[0], size: -1 }] as never })).toThrow(
      /components\[0\]\.size/,
    );
    expect(() => parseCompositionPredicate({ composer: { name: 'other', version: '1' }, components: [] })).toThrow(/composer/);
    expect(() => parseCompositionPredicate({ composer: { name: 'flotilla', version: '1' } })).toThrow(/components/);
  });
});

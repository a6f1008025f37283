import { type Digest, digestHex, isDigest } from '../oci/digest.ts';
import { StatementFormatError } from './errors.ts';

/** `_type` of an in-toto statement, version 1. */
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** DSSE `payloadType` of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** Predicate type of a plain signature, as cosign 3 writes it (`cosign sign` with the bundle format). */
export const COSIGN_SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';
/** Predicate type of Flotilla's composition provenance (schema in `shared/sign/README.md`). */
export const COMPOSITION_PREDICATE_TYPE = 'https://flotilla.dev/attestation/composition/v1';

/** in-toto ResourceDescriptor, the parts Flotilla uses. */
export interface StatementSubject {
  name?: string;
  digest: Record<string, string>;
}

export interface Statement<P = unknown> {
  _type: typeof IN_TOTO_STATEMENT_V1;
  subject: StatementSubject[];
  predicateType: string;
  predicate: P;
}

/** What a statement is about: an OCI manifest, named by its repository (`ghcr.io/acme/cart`). */
export interface ManifestSubject {
  name: string;
  digest: Digest;
}

/** One input of a composition, as the lock file records it. */
export interface CompositionComponent {
  /** Name of the component in the composition (the spec's key, e.g. `cart`). */
  name: string;
  /** Where it was resolved from (`ghcr.io/acme/cart:1.2.0`, or a local path). */
  ref: string;
  /** Digest of the component's bytes or OCI manifest, as locked. */
  digest: Digest;
  size: number;
}

/** Predicate of `COMPOSITION_PREDICATE_TYPE`. */
export interface CompositionPredicate {
  composer: { name: 'flotilla'; version: string };
  /** Package name of the composed component (`acme:platform`), when the spec gives one. */
  package?: string;
  /** Every input component, sorted by name. */
  components: CompositionComponent[];
}

function subjectOf(s: ManifestSubject): StatementSubject {
  if (!isDigest(s.digest)) throw new StatementFormatError(`subject digest '${s.digest}' is not a sha256 digest`);
  return { name: s.name, digest: { sha256: digestHex(s.digest) } };
}

/** The statement of a plain signature over an OCI manifest (cosign 3's shape, with the repository as the subject name). */
export function signStatement(subject: ManifestSubject): Statement<Record<string, never>> {
  return { _type: IN_TOTO_STATEMENT_V1, subject: [subjectOf(subject)], predicateType: COSIGN_SIGN_PREDICATE_TYPE, predicate: {} };
}

/** The composition provenance statement of a composed component. Components are sorted by name; names must be unique. */
export function compositionStatement(
  subject: ManifestSubject,
  input: { version: string; package?: string; components: CompositionComponent[] },
): Statement<CompositionPredicate> {
  const predicate = buildCompositionPredicate(input);
  return { _type: IN_TOTO_STATEMENT_V1, subject: [subjectOf(subject)], predicateType: COMPOSITION_PREDICATE_TYPE, predicate };
}

function buildCompositionPredicate(input: { version: string; package?: string; components: CompositionComponent[] }): CompositionPredicate {
  const components = input.components.map((c, i) => checkComponent(c, `components[${i}]`));
  components.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < components.length; i++) {
    if (components[i]?.name === components[i - 1]?.name) {
      throw new StatementFormatError(`composition lists component '${components[i]?.name}' twice`);
    }
  }
  return {
    composer: { name: 'flotilla', version: input.version },
    ...(input.package !== undefined ? { package: input.package } : {}),
    components,
  };
}

function checkComponent(c: unknown, where: string): CompositionComponent {
  if (typeof c !== 'object' || c === null) throw new StatementFormatError(`${where} is not an object`);
  const { name, ref, digest, size } = c as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') throw new StatementFormatError(`${where}.name must be a non-empty string`);
  if (typeof ref !== 'string' || ref === '') throw new StatementFormatError(`${where}.ref must be a non-empty string`);
  if (typeof digest !== 'string' || !isDigest(digest)) throw new StatementFormatError(`${where}.digest must be a sha256 digest`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new StatementFormatError(`${where}.size must be a non-negative integer`);
  }
  return { name, ref, digest, size };
}

/** The bytes that are signed: compact JSON, keys in the order above. */
export function serializeStatement(statement: Statement): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(statement));
}

/** Parses and checks an in-toto v1 statement (DSSE payload bytes). */
export function parseStatement(payload: Uint8Array): Statement {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (err) {
    throw new StatementFormatError('the signed payload is not JSON', { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StatementFormatError('the signed payload is not a JSON object');
  }
  const s = value as Record<string, unknown>;
  if (s._type !== IN_TOTO_STATEMENT_V1) {
    throw new StatementFormatError(`the signed payload is not an in-toto v1 statement (_type ${JSON.stringify(s._type)})`);
  }
  if (!Array.isArray(s.subject) || s.subject.length === 0) throw new StatementFormatError('the statement has no subject');
  const subject = s.subject.map((sub, i): StatementSubject => {
    if (typeof sub !== 'object' || sub === null) throw new StatementFormatError(`subject[${i}] is not an object`);
    const { name, digest } = sub as Record<string, unknown>;
    if (typeof digest !== 'object' || digest === null || Object.values(digest).some((v) => typeof v !== 'string')) {
      throw new StatementFormatError(`subject[${i}].digest is not a map of algorithm to hex`);
    }
    return { ...(typeof name === 'string' ? { name } : {}), digest: digest as Record<string, string> };
  });
  if (typeof s.predicateType !== 'string' || s.predicateType === '') throw new StatementFormatError('the statement has no predicateType');
  return { _type: IN_TOTO_STATEMENT_V1, subject, predicateType: s.predicateType, predicate: s.predicate };
}

/** The sha256 digests of a statement's subjects, as OCI digests. */
export function subjectDigests(statement: Statement): Digest[] {
  const out: Digest[] = [];
  for (const s of statement.subject) {
    const hex = s.digest.sha256;
    const d = `sha256:${hex}`;
    if (hex !== undefined && isDigest(d)) out.push(d);
  }
  return out;
}

/** Reads and checks the predicate of a composition statement. */
export function parseCompositionPredicate(predicate: unknown): CompositionPredicate {
  if (typeof predicate !== 'object' || predicate === null) throw new StatementFormatError('the composition predicate is not an object');
  const p = predicate as Record<string, unknown>;
  const composer = p.composer as Record<string, unknown> | undefined;
  if (typeof composer !== 'object' || composer === null || composer.name !== 'flotilla' || typeof composer.version !== 'string') {
    throw new StatementFormatError("the composition predicate's composer is not {name: 'flotilla', version}");
  }
  if (p.package !== undefined && typeof p.package !== 'string') throw new StatementFormatError('the composition package is not a string');
  if (!Array.isArray(p.components)) throw new StatementFormatError('the composition predicate has no components list');
  return buildCompositionPredicate({
    version: composer.version,
    ...(typeof p.package === 'string' ? { package: p.package } : {}),
    components: p.components as CompositionComponent[],
  });
}

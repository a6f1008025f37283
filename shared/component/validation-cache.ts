/**
 * What the validator (validate.ts) has accepted, by the sha256 of the exact
 * bytes, so that the same bytes are not validated twice: the packages a
 * composition embeds are content-addressed, and a composition carries their
 * core modules byte for byte.
 *
 * One small file per entry, `<dir>/<validator>/<kind>/<sha256 hex>`, holding
 * the kind, the digest, the size and the validator again (an entry whose
 * content does not match its name is no entry). `<validator>` names the
 * validators (jco-transpile's wasmparser, this Node's V8) and the rules of
 * validate.ts: another version validates again. Entries are written only
 * after a validation succeeded, each atomically (a reader never sees half a
 * file); two processes writing the same entry write the same bytes. A compose
 * keeps the cache in its store (`<store>/validated/`).
 *
 * The key is computed here from the bytes being validated, never taken from
 * a caller: bytes that differ by one bit have another digest, and no digest
 * stands for bytes it was not computed from.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicallySync } from '../fs/atomic-write.ts';

/**
 * The version of jco-transpile whose wasmparser validates the component layer (checked against the
 * installed package by validation-cache.test.ts; bump it with the dependency).
 */
export const JCO_TRANSPILE_VERSION = '0.15.0';
/** Bump when validate.ts changes what it checks: entries written before are not trusted. */
const RULES = 2;

/** Names the validators: entries of another version are not read. */
export const VALIDATOR_ID = `rules${RULES}-jco-transpile${JCO_TRANSPILE_VERSION}-v8-${process.versions.v8}`.replace(
  /[^A-Za-z0-9._-]/g,
  '_',
);

/**
 * `component`: a whole component passed (both layers); `core`: a core module passed V8 (bodies included);
 * `nested`: a component passed on its own and is a subtype of a given component type (keyed by both digests, see validate.ts).
 */
export type ValidationKind = 'component' | 'core' | 'nested';

export interface ValidationEntry {
  kind: ValidationKind;
  /** sha256 of the bytes, lower-case hex. */
  digest: string;
  size: number;
}

const HEX = /^[0-9a-f]{64}$/;

function entryText(e: ValidationEntry): string {
  return `${JSON.stringify({ kind: e.kind, sha256: e.digest, size: e.size, validator: VALIDATOR_ID })}\n`;
}

/** The validation cache of a store folder. */
export function storeValidationCache(storeDir: string): ValidationCache {
  return new ValidationCache(join(storeDir, 'validated'));
}

export class ValidationCache {
  readonly dir: string;
  readonly #root: string;
  /** The names in each kind's folder, listed once (a lookup of an absent entry then costs no system call). */
  readonly #listed = new Map<ValidationKind, Set<string>>();

  constructor(dir: string) {
    this.dir = dir;
    this.#root = join(dir, VALIDATOR_ID);
  }

  #path(kind: ValidationKind, digest: string): string {
    if (!HEX.test(digest)) throw new RangeError(`not a sha256 hex digest: '${digest}'`);
    return join(this.#root, kind, digest);
  }

  /** Whether this validator has recorded nothing here yet (a store that never validated). */
  isEmpty(): boolean {
    return this.#names('component').size === 0 && this.#names('core').size === 0 && this.#names('nested').size === 0;
  }

  #names(kind: ValidationKind): Set<string> {
    let names = this.#listed.get(kind);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(join(this.#root, kind)));
      } catch {
        names = new Set(); // no folder yet
      }
      this.#listed.set(kind, names);
    }
    return names;
  }

  /** Whether these bytes (by their digest and size) passed this validator before. */
  has(kind: ValidationKind, digest: string, size: number): boolean {
    if (!this.#names(kind).has(digest)) return false;
    let text: string;
    try {
      text = readFileSync(this.#path(kind, digest), 'utf8');
    } catch {
      return false; // absent or unreadable: validate
    }
    return text === entryText({ kind, digest, size });
  }

  /**
   * Records successful validations (synchronously: a few dozen files of a hundred bytes). A cache
   * that cannot be written is not an error: the next run validates again.
   */
  record(entries: readonly ValidationEntry[]): void {
    try {
      for (const kind of new Set(entries.map((e) => e.kind))) mkdirSync(join(this.#root, kind), { recursive: true });
      for (const e of entries) {
        writeFileAtomicallySync(this.#path(e.kind, e.digest), entryText(e));
        this.#names(e.kind).add(e.digest);
      }
    } catch {
      // a read-only store, a full disk: the entries left are simply missing
    }
  }
}

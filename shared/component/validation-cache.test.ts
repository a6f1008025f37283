import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textLeaf, textWrapper } from '../../test/support/wat-components.ts';
import { composeWac, WacValidationError } from '../wac/compose.ts';
import { ComponentValidationError, coreModules, validateComponent } from './validate.ts';
import { JCO_TRANSPILE_VERSION, storeValidationCache, VALIDATOR_ID, ValidationCache } from './validation-cache.ts';

const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'flotilla-validation-cache-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function freshCache(): ValidationCache {
  return new ValidationCache(join(work, `cache-${n++}`));
}

/** Every file under a folder, relative paths. */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

/** A component whose core module returns 7; its bytes `41 07 0b` (`i32.const 7`, `end`) are where a bit flip goes. */
const SEVEN = `(component
  (core module $m (func (export "seven") (result i32) i32.const 7))
  (core instance $i (instantiate $m))
  (func (export "seven") (result u32) (canon lift (core func $i "seven"))))`;

/** The same bytes with `i32.const 7` turned into `i64.const 7` (one bit): the body no longer type checks. */
function flipped(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  const at = Buffer.from(out).indexOf(Buffer.from([0x41, 0x07, 0x0b]));
  if (at < 0 || Buffer.from(out).indexOf(Buffer.from([0x41, 0x07, 0x0b]), at + 1) >= 0) throw new Error('expected one i32.const 7');
  out[at] = 0x42;
  return out;
}

const TEXT = 'test:demo/text@0.1.0';
const CHAIN = `package test:chain;
let leaf = new test:leaf {};
let mid = new test:mid { "${TEXT}": leaf["${TEXT}"] };
export mid["${TEXT}"];
`;

describe('the validation cache (by sha256 of the exact bytes, in the store)', () => {
  it('names the jco-transpile whose wasmparser it trusts (bump JCO_TRANSPILE_VERSION with the dependency)', () => {
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../node_modules/@bytecodealliance/jco-transpile/package.json'), 'utf8'),
    );
    expect(JCO_TRANSPILE_VERSION).toBe(pkg.version);
    expect(VALIDATOR_ID).toContain(`jco-transpile${pkg.version}`);
    expect(VALIDATOR_ID).toContain(process.versions.v8);
    expect(storeValidationCache('/some/store').dir).toBe('/some/store/validated');
  });

  it('records a valid component and each of its core modules, after the validation, atomically and exactly', async () => {
    const cache = freshCache();
    const bytes = await parse(SEVEN);
    expect(cache.isEmpty()).toBe(true); // a cold store: compose preloads the validator
    await validateComponent(bytes, { cache });
    expect(new ValidationCache(cache.dir).isEmpty()).toBe(false);
    const modules = coreModules(bytes);
    expect(files(cache.dir)).toEqual(
      [`${VALIDATOR_ID}/component/${hex(bytes)}`, ...modules.map((m) => `${VALIDATOR_ID}/core/${hex(m)}`)].sort(),
    ); // and no temporary file left beside them
    const entry = JSON.parse(readFileSync(join(cache.dir, VALIDATOR_ID, 'component', hex(bytes)), 'utf8'));
    expect(entry).toEqual({ kind: 'component', sha256: hex(bytes), size: bytes.length, validator: VALIDATOR_ID });
    expect(new ValidationCache(cache.dir).has('component', hex(bytes), bytes.length)).toBe(true);
  });

  it('is not fooled by bytes one bit away from cached ones: they are validated, refused, and recorded nowhere', async () => {
    const cache = freshCache();
    const good = await parse(SEVEN);
    await validateComponent(good, { cache });
    const before = files(cache.dir);
    const bad = flipped(good);
    const err = await validateComponent(bad, { cache }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ComponentValidationError);
    expect((err as Error).message).toMatch(/core module 0 \(of 1, \d+ bytes\): .*expected i32, got i64/);
    expect(files(cache.dir)).toEqual(before);
    // and a fresh cache, for the same refusal
    const other = freshCache();
    await expect(validateComponent(bad, { cache: other })).rejects.toThrow(ComponentValidationError);
    expect(files(other.dir)).toEqual([]);
  });

  it('trusts an entry only when its content is the one it writes: a wrong size, another validator, a torn file are no entry', async () => {
    const bad = flipped(await parse(SEVEN));
    const wrongs = [
      JSON.stringify({ kind: 'component', sha256: hex(bad), size: bad.length + 1, validator: VALIDATOR_ID }),
      JSON.stringify({ kind: 'component', sha256: hex(bad), size: bad.length, validator: 'rules0-other' }),
      JSON.stringify({ kind: 'core', sha256: hex(bad), size: bad.length, validator: VALIDATOR_ID }),
      `{"kind":"component","sha256":"${hex(bad)}","si`,
      '',
    ];
    for (const text of wrongs) {
      const cache = freshCache();
      const dir = join(cache.dir, VALIDATOR_ID, 'component');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, hex(bad)), `${text}\n`);
      await expect(validateComponent(bad, { cache })).rejects.toThrow(/expected i32, got i64/);
    }
    // an entry from another validator's folder is not read at all
    const cache = freshCache();
    const dir = join(cache.dir, 'rules0-old-validator', 'component');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, hex(bad)), JSON.stringify({ kind: 'component', sha256: hex(bad), size: bad.length, validator: VALIDATOR_ID }));
    await expect(validateComponent(bad, { cache })).rejects.toThrow(/expected i32, got i64/);
  });

  it('a composition reuses its packages’ core modules: a new composition adds only its own entry; an invalid one inside is refused', async () => {
    const cache = freshCache();
    const leaf = await parse(textLeaf('base', 5));
    const mid = await parse(textWrapper('mid', 7));
    const source = { file: 'chain.wac', text: CHAIN };
    const one = await composeWac(
      source,
      [
        { name: 'test:leaf', bytes: leaf },
        { name: 'test:mid', bytes: mid },
      ],
      { validationCache: cache },
    );
    const core = files(join(cache.dir, VALIDATOR_ID, 'core'));
    expect(core.sort()).toEqual([...new Set([...coreModules(leaf), ...coreModules(mid)].map(hex))].sort());
    expect(files(join(cache.dir, VALIDATOR_ID, 'component'))).toEqual([hex(one)]);

    // another composition of the same packages (another export name): its core modules are all known
    const two = await composeWac(
      { file: 'chain2.wac', text: CHAIN.replace(`export mid["${TEXT}"];`, `export mid["${TEXT}"] as "test:demo/other@0.1.0";`) },
      [
        { name: 'test:leaf', bytes: leaf },
        { name: 'test:mid', bytes: mid },
      ],
      { validationCache: cache },
    );
    expect(Buffer.from(two).equals(Buffer.from(one))).toBe(false);
    expect(files(join(cache.dir, VALIDATOR_ID, 'core'))).toEqual(core);
    expect(files(join(cache.dir, VALIDATOR_ID, 'component')).sort()).toEqual([hex(one), hex(two)].sort());

    // a package whose core module has an invalid body nobody calls: the composition is refused, nothing recorded
    const badLeaf = await parse(textLeaf('base', 5).replace('(core module $m', '(core module $m (func $never (result i32) (i64.const 1))'));
    const before = files(cache.dir);
    const err = await composeWac(
      source,
      [
        { name: 'test:leaf', bytes: badLeaf },
        { name: 'test:mid', bytes: mid },
      ],
      { validationCache: cache },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WacValidationError);
    expect((err as Error).message).toMatch(/core module \d+ \(of \d+, \d+ bytes\): .*expected i32, got i64/);
    expect(files(cache.dir)).toEqual(before);
  });

  it('a store that cannot be written is no error: the validation passes and records nothing', async () => {
    const root = join(work, 'not-a-folder');
    writeFileSync(root, 'a file where the cache folder would go');
    const cache = new ValidationCache(root);
    await expect(validateComponent(await parse(SEVEN), { cache })).resolves.toBeUndefined();
    expect(readFileSync(root, 'utf8')).toBe('a file where the cache folder would go');
  });
});

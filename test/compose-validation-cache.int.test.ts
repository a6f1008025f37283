// composeSpec keeps what it validated in its store (<store>/validated/, by the sha256 of the exact
// bytes): the e-commerce example in its development environment (embedded registry, two local
// mocks), composed twice into one store, then with one mock replaced by a copy whose core module
// has one invalid function body.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_DIR, EXAMPLE_DIR } from '../examples/ecommerce/build.ts';
import { publishExample } from '../examples/ecommerce/publish.ts';
import { ensureBuilt } from '../examples/ecommerce/test-support.ts';
import { ByteReader } from '../shared/component/binary/io.ts';
import { coreModules } from '../shared/component/validate.ts';
import { VALIDATOR_ID } from '../shared/component/validation-cache.ts';
import { composeSpec } from '../shared/release/compose.ts';
import { WacValidationError } from '../shared/wac/compose.ts';

const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let work: string;
let dir: string;
beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'flotilla-compose-vcache-'));
  dir = join(work, 'example');
  mkdirSync(dir);
  writeFileSync(join(dir, 'flotilla.yaml'), readFileSync(join(EXAMPLE_DIR, 'flotilla.yaml')));
  writeFileSync(join(dir, 'platform.wac'), readFileSync(join(EXAMPLE_DIR, 'platform.wac')));
  // the spec's production environment names a policy and its keys
  cpSync(join(EXAMPLE_DIR, 'policy.yaml'), join(dir, 'policy.yaml'));
  cpSync(join(EXAMPLE_DIR, 'keys'), join(dir, 'keys'), { recursive: true });
  symlinkSync(BUILD_DIR, join(dir, 'build'));
  await publishExample({ registryDir: join(dir, '.flotilla', 'registry') });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function entries(store: string, kind: 'component' | 'core'): string[] {
  const d = join(store, 'validated', VALIDATOR_ID, kind);
  return existsSync(d) ? readdirSync(d).sort() : [];
}

/**
 * A copy of a component whose first core module's first function body (of four bytes or more) is
 * replaced, size kept, by `i64.const 0` and `nop`s: a body no function type accepts with a value
 * left (or the wrong one) on the stack. Everything else is byte for byte.
 */
function withInvalidBody(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  for (const m of coreModules(out)) {
    const r = new ByteReader(m, 0, 8);
    while (!r.atEnd()) {
      const id = r.byte();
      const size = r.u32();
      const body = r.sub(size);
      if (id !== 10) continue;
      const count = body.u32();
      for (let i = 0; i < count; i++) {
        const len = body.u32();
        const at = body.pos;
        body.take(len);
        if (len < 4) continue;
        const fn = m.subarray(at, at + len);
        fn.fill(0x01); // nop
        fn[0] = 0x00; // no locals
        fn[1] = 0x42; // i64.const
        fn[2] = 0x00; // 0
        fn[len - 1] = 0x0b; // end
        return out;
      }
    }
  }
  throw new Error('no function body of four bytes or more');
}

describe('compose validates through the store’s validation cache', () => {
  it('records the output and its core modules, skips them the second time, and refuses a tampered component all the same', async () => {
    const store = join(work, 'store');
    const compose = (output: string, spec = 'flotilla.yaml') =>
      composeSpec({ specFile: join(dir, spec), environment: 'development', storeDir: store, output: join(dir, output) });

    const first = await compose('a.wasm');
    const distinct = [...new Set(coreModules(first.bytes).map(hex))].sort();
    expect(entries(store, 'component')).toEqual([hex(first.bytes)]);
    expect(entries(store, 'core')).toEqual(distinct);

    const second = await compose('b.wasm');
    expect(second.digest).toBe(first.digest);
    expect(entries(store, 'component')).toEqual([hex(first.bytes)]);
    expect(entries(store, 'core')).toEqual(distinct);

    // the payment mock (a local file) with one invalid function body: refused, nothing written, nothing recorded
    const mock = readFileSync(join(BUILD_DIR, 'payment-mock.wasm'));
    writeFileSync(join(dir, 'payment-tampered.wasm'), withInvalidBody(new Uint8Array(mock)));
    writeFileSync(
      join(dir, 'tampered.yaml'),
      readFileSync(join(dir, 'flotilla.yaml'), 'utf8').replace(
        'payment-processor: build/payment-mock.wasm',
        'payment-processor: payment-tampered.wasm',
      ),
    );
    const err = await compose('c.wasm', 'tampered.yaml').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WacValidationError);
    expect((err as Error).message).toMatch(/core module \d+ \(of \d+, \d+ bytes\): Compiling function #\d+/);
    expect(existsSync(join(dir, 'c.wasm'))).toBe(false);
    expect(entries(store, 'component')).toEqual([hex(first.bytes)]);
    expect(entries(store, 'core')).toEqual(distinct);
  }, 300_000);
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeComponent, makeModule, tempDir } from '../../test/harness/wasm-fixtures.ts';
import { runCli } from '../cli/main.ts';
import { FlotillaError } from '../errors.ts';
import { describeWasm } from './describe.ts';

/** `bytes` with the last occurrence of `name` given an invalid UTF-8 first byte. */
function corruptName(bytes: Uint8Array, name: string): Uint8Array {
  const out = new Uint8Array(bytes);
  const enc = new TextEncoder().encode(name);
  for (let i = out.length - enc.length; i >= 0; i--) {
    if (enc.every((c, j) => out[i + j] === c)) {
      out[i] = 0xff;
      return out;
    }
  }
  throw new Error(`the fixture has no name ${name}`);
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

describe('names that are not UTF-8', () => {
  it('a module or component with an invalid UTF-8 name is a typed WASM_INVALID error', async () => {
    for (const bytes of [corruptName(await makeModule(), 'log'), corruptName(await makeComponent(), 'get')]) {
      let err: unknown;
      try {
        describeWasm(bytes);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(FlotillaError);
      expect((err as FlotillaError).code).toBe('WASM_INVALID');
      expect((err as Error).message).toContain('UTF-8');
    }
  });

  it('push and inspect report it with its code', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'bad.wasm'), corruptName(await makeModule(), 'log'));
      for (const args of [
        ['push', 'bad.wasm', 'oci:store:1'],
        ['inspect', 'bad.wasm'],
      ]) {
        const stdout = new Capture();
        const stderr = new Capture();
        const code = await runCli(args, { stdout, stderr, cwd: dir, env: { FLOTILLA_CACHE: join(dir, 'cache') } });
        expect(code).not.toBe(0);
        expect(stderr.text).toContain('WASM_INVALID');
        expect(stderr.text).not.toContain('The encoded data was not valid');
      }
    } finally {
      cleanup();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';

/** A small real component importing a WASI interface and exporting a function. */
export function componentWat(exportName = 'get', value = 7): string {
  return `(component
    (import "wasi:cli/environment@0.2.0" (instance))
    (core module $m (func (export "f") (result i32) i32.const ${value}))
    (core instance $i (instantiate $m))
    (func $f (result u32) (canon lift (core func $i "f")))
    (export "${exportName}" (func $f))
  )`;
}

export async function makeComponent(exportName = 'get', value = 7): Promise<Uint8Array> {
  return parse(componentWat(exportName, value));
}

export async function makeModule(): Promise<Uint8Array> {
  return parse('(module (import "env" "log" (func)) (func (export "run")))');
}

/**
 * A valid core module of `size` bytes and a little more: the Wasm header and
 * one custom section holding `size` pseudo-random bytes derived from `seed`
 * (different seeds, different digests). Built by hand, without jco, so that
 * the benchmark can make large ones quickly.
 */
export function makeSizedModule(size: number, seed: number): Uint8Array {
  const leb = (n: number): number[] => {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n !== 0) b |= 0x80;
      out.push(b);
    } while (n !== 0);
    return out;
  };
  const name = new TextEncoder().encode(`pad-${seed}`);
  const body = [...leb(name.length), ...name];
  const sectionSize = body.length + size;
  const head = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x00, ...leb(sectionSize), ...body];
  const out = new Uint8Array(head.length + size);
  out.set(head);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = head.length; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A temporary folder removed by the returned function. */
export function tempDir(prefix = 'flotilla-oci-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

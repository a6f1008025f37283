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
 * A valid core module of a little more than `size` bytes: a memory, a data
 * segment naming `seed`, and a custom section of `size` pseudo-random bytes
 * derived from `seed` (different seeds, different digests).
 */
export async function makeSizedModule(size: number, seed: number): Promise<Uint8Array> {
  const head = await parse(`(module (memory 1) (data "seed-${seed}"))`);
  const payload = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    payload[i] = x & 0xff;
  }
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
  // a custom section "pad" carries the payload: the module stays valid whatever its size
  const name = new TextEncoder().encode('pad');
  const body = [...leb(name.length), ...name];
  const sectionSize = body.length + payload.length;
  const section = new Uint8Array(1 + leb(sectionSize).length + sectionSize);
  section.set([0, ...leb(sectionSize), ...body]);
  section.set(payload, 1 + leb(sectionSize).length + body.length);
  const out = new Uint8Array(head.length + section.length);
  out.set(head);
  out.set(section, head.length);
  return out;
}

/** A temporary folder removed by the returned function. */
export function tempDir(prefix = 'flotilla-oci-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

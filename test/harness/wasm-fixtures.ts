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

/** Unsigned LEB128, as the Wasm binary format writes sizes and counts. */
export function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/**
 * A custom section named `pad-<seed>` holding `size` pseudo-random bytes
 * derived from `seed` (different seeds, different digests). Appended to a
 * module or a component, it grows it without changing what it does.
 */
export function paddingSection(size: number, seed: number): Uint8Array {
  const name = new TextEncoder().encode(`pad-${seed}`);
  const body = [...leb128(name.length), ...name];
  const head = [0x00, ...leb128(body.length + size), ...body];
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

/**
 * A valid core module of `size` bytes and a little more: the Wasm header and
 * one padding section. Built by hand, without jco, so that the benchmark can
 * make large ones quickly.
 */
export function makeSizedModule(size: number, seed: number): Uint8Array {
  const section = paddingSection(size, seed);
  const out = new Uint8Array(8 + section.length);
  out.set([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  out.set(section, 8);
  return out;
}

/** A temporary folder removed by the returned function. */
export function tempDir(prefix = 'flotilla-oci-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

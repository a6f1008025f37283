import { BinaryFormatError } from './binary/errors.ts';
import { readComponent } from './binary/read.ts';

/** What the OCI layer and the policy need to know of a Wasm binary. */
export interface WasmDescription {
  /** `component` (layer 1 of the binary format) or a core `module` (layer 0). */
  kind: 'component' | 'module';
  /** Import names (`wasi:http/types@0.2.0`, `company:shop/cart`), in binary order. */
  imports: string[];
  /** Export names, in binary order. */
  exports: string[];
}

/** Thrown for bytes that are not a well-formed module or component (the binary reader's error). */
export { BinaryFormatError as WasmFormatError };

/**
 * Reads the top-level import and export names of a component (with the
 * component binary reader) or of a core module (a walk of its import and
 * export sections).
 */
export function describeWasm(bytes: Uint8Array): WasmDescription {
  let pos = 0;
  const fail = (msg: string): never => {
    throw new BinaryFormatError(msg, pos);
  };
  const byte = (): number => (pos < bytes.length ? (bytes[pos++] as number) : fail('unexpected end of binary'));
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) fail('LEB128 integer too long');
    }
    return result;
  };
  const name = (): string => {
    const len = u32();
    if (pos + len > bytes.length) fail('name runs past the end');
    let s: string;
    try {
      s = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(pos, pos + len));
    } catch {
      return fail('name is not valid UTF-8');
    }
    pos += len;
    return s;
  };
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    fail('not a WebAssembly binary (bad magic number)');
  }
  const layer = (bytes[6] ?? 0) | ((bytes[7] ?? 0) << 8);
  pos = 8;
  const imports: string[] = [];
  const exports: string[] = [];
  if (layer === 0) {
    // core module: import section 2, export section 7
    while (pos < bytes.length) {
      const id = byte();
      const size = u32();
      const end = pos + size;
      if (end > bytes.length) fail(`section ${id} runs past the end`);
      if (id === 2) {
        const n = u32();
        for (let i = 0; i < n; i++) {
          const mod = name();
          const field = name();
          imports.push(`${mod}/${field}`);
          const kind = byte();
          if (kind === 0) u32();
          else if (kind === 1) {
            byte();
            const flags = byte();
            u32();
            if (flags & 1) u32();
          } else if (kind === 2) {
            const flags = byte();
            u32();
            if (flags & 1) u32();
          } else if (kind === 3) {
            byte();
            byte();
          } else if (kind === 4) {
            byte();
            u32();
          } else fail(`unknown import kind ${kind}`);
        }
      } else if (id === 7) {
        const n = u32();
        for (let i = 0; i < n; i++) {
          exports.push(name());
          byte();
          u32();
        }
      }
      pos = end;
    }
    return { kind: 'module', imports, exports };
  }
  if (layer !== 1) fail(`unknown binary layer ${layer}`);
  for (const section of readComponent(bytes).sections) {
    if (section.id === 'import') for (const i of section.items) imports.push(i.name.name);
    else if (section.id === 'export') for (const e of section.items) exports.push(e.name.name);
  }
  return { kind: 'component', imports, exports };
}

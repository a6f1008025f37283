import { FlotillaError } from '../errors.ts';

/** What the OCI layer and the policy need to know of a Wasm binary. */
export interface WasmDescription {
  /** `component` (layer 1 of the binary format) or a core `module` (layer 0). */
  kind: 'component' | 'module';
  /** Import names (`wasi:http/types@0.2.0`, `company:shop/cart`), in binary order. */
  imports: string[];
  /** Export names, in binary order. */
  exports: string[];
}

export class WasmFormatError extends FlotillaError {
  constructor(message: string, offset: number) {
    super('WASM_INVALID', `${message} (at byte ${offset})`);
  }
}

/**
 * Reads the top-level import and export names of a component or core module
 * without decoding anything else: only the import and export sections are
 * walked, every other section is skipped by its size.
 *
 * TODO(issue #5): replace the walk with the full binary reader once it lands;
 * keep this signature.
 */
export function describeWasm(bytes: Uint8Array): WasmDescription {
  let pos = 0;
  const fail = (msg: string): never => {
    throw new WasmFormatError(msg, pos);
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
  const s33 = (): void => {
    for (let i = 0; i < 5; i++) if ((byte() & 0x80) === 0) return;
    fail('LEB128 integer too long');
  };
  const name = (): string => {
    const len = u32();
    if (pos + len > bytes.length) fail('name runs past the end');
    const s = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(pos, pos + len));
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
  const externdesc = (): void => {
    const kind = byte();
    if (kind === 0x00) {
      byte(); // 0x11 core module
      u32();
    } else if (kind === 0x01 || kind === 0x04 || kind === 0x05) u32();
    else if (kind === 0x02) {
      if (byte() === 0x00) u32();
      else s33();
    } else if (kind === 0x03) {
      if (byte() === 0x00) u32();
    } else fail(`unknown extern descriptor ${kind}`);
  };
  const externName = (): string => {
    const tag = byte();
    if (tag !== 0x00 && tag !== 0x01) fail(`unknown name encoding ${tag}`);
    const n = name();
    // 0x01: a version suffix follows (older encoders)
    if (tag === 0x01) name();
    return n;
  };
  while (pos < bytes.length) {
    const id = byte();
    const size = u32();
    const end = pos + size;
    if (end > bytes.length) fail(`section ${id} runs past the end`);
    if (id === 10) {
      const n = u32();
      for (let i = 0; i < n; i++) {
        imports.push(externName());
        externdesc();
      }
    } else if (id === 11) {
      const n = u32();
      for (let i = 0; i < n; i++) {
        exports.push(externName());
        const sort = byte();
        if (sort === 0x00) byte();
        u32();
        if (byte() === 0x01) externdesc();
      }
    }
    pos = end;
  }
  return { kind: 'component', imports, exports };
}

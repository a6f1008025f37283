import { BinaryFormatError } from './binary/errors.ts';
import { ByteReader } from './binary/io.ts';
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
 * export sections with the same byte reader: one LEB128 and UTF-8 reader,
 * bounded by each section's size).
 */
export function describeWasm(bytes: Uint8Array): WasmDescription {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new BinaryFormatError('not a WebAssembly binary (bad magic number)', 0);
  }
  const layer = (bytes[6] ?? 0) | ((bytes[7] ?? 0) << 8);
  const imports: string[] = [];
  const exports: string[] = [];
  if (layer === 0) {
    coreImportsExports(new ByteReader(bytes, 0, 8), imports, exports);
    return { kind: 'module', imports, exports };
  }
  if (layer !== 1) throw new BinaryFormatError(`unknown binary layer ${layer}`, 6);
  for (const section of readComponent(bytes).sections) {
    if (section.id === 'import') for (const i of section.items) imports.push(i.name.name);
    else if (section.id === 'export') for (const e of section.items) exports.push(e.name.name);
  }
  return { kind: 'component', imports, exports };
}

/** Limits of a table or memory: flags, minimum, maximum when flag 1 (64-bit values with flag 4, a page size with flag 8). */
function limits(r: ByteReader): void {
  const flags = r.byte();
  const value = flags & 0x04 ? () => r.skipLeb() : () => void r.u32();
  value();
  if (flags & 0x01) value();
  if (flags & 0x08) r.u32();
}

/** A core value or reference type (a reference type with a heap type: 0x63/0x64 then an s33). */
function valType(r: ByteReader): void {
  const b = r.byte();
  if (b === 0x63 || b === 0x64) r.s33();
}

/** The import and export names of a core module (sections 2 and 7), read with the one binary reader. */
function coreImportsExports(r: ByteReader, imports: string[], exports: string[]): void {
  while (!r.atEnd()) {
    const id = r.byte();
    const size = r.u32();
    const section = r.sub(size);
    if (id === 2) {
      section.vec(() => {
        const mod = section.name();
        const field = section.name();
        imports.push(`${mod}/${field}`);
        const at = section.pos;
        const kind = section.byte();
        if (kind === 0) section.u32();
        else if (kind === 1) {
          valType(section);
          limits(section);
        } else if (kind === 2) limits(section);
        else if (kind === 3) {
          valType(section);
          section.byte();
        } else if (kind === 4) {
          section.byte();
          section.u32();
        } else section.fail(`unknown import kind ${kind}`, at);
      });
    } else if (id === 7) {
      section.vec(() => {
        exports.push(section.name());
        section.byte();
        section.u32();
      });
    }
  }
}

/**
 * A file that should hold a WebAssembly binary (a `.wasm` component or
 * module) and does not: say which file, and what it holds instead. Text in
 * the WebAssembly text format (WAT) is the usual mistake.
 */
import { FlotillaError } from '../errors.ts';

/** A file is not a WebAssembly binary. Code `WASM_INVALID` (as the binary reader's). */
export class NotWasmFileError extends FlotillaError {
  readonly file: string;
  constructor(file: string, why: string) {
    super('WASM_INVALID', `${file}: not a WebAssembly binary: ${why}`);
    this.file = file;
  }
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  for (const b of head) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return false;
  return true;
}

/** `(component` or `(module` after white space and `;;` / `(; ;)` comments: the WebAssembly text format. */
function watKind(text: string): 'component' | 'module' | undefined {
  const t = text.replace(/^(?:\s+|;;[^\n]*\n?|\(;[\s\S]*?;\))*/, '');
  const m = /^\(\s*(component|module)\b/.exec(t);
  return m ? (m[1] as 'component' | 'module') : undefined;
}

/** Throws NotWasmFileError naming `file` unless `bytes` start with the WebAssembly magic number. */
export function checkWasmBinary(bytes: Uint8Array, file: string): void {
  if (bytes.length >= 4 && MAGIC.every((m, i) => bytes[i] === m)) return;
  if (bytes.length === 0) throw new NotWasmFileError(file, 'the file is empty');
  if (looksLikeText(bytes)) {
    const text = new TextDecoder().decode(bytes.subarray(0, 4096));
    const kind = watKind(text);
    if (kind !== undefined) {
      throw new NotWasmFileError(
        file,
        `it is WebAssembly text (WAT, a ${kind} written as '(${kind} …'); build the binary first (jco parse ${file} -o out.wasm, or wasm-tools parse), or give the .wat file where .wat is accepted (the package folder of a WAC composition)`,
      );
    }
    const first = text.trimStart().split('\n')[0]?.slice(0, 40) ?? '';
    throw new NotWasmFileError(file, `it is text (it starts with '${first}'), a binary starts with \\0asm`);
  }
  const hex = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new NotWasmFileError(file, `it starts with the bytes ${hex}, a WebAssembly binary with 00 61 73 6d (\\0asm)`);
}

/**
 * Validation of a component binary without generating code.
 *
 * Two validators, each the strictest one at hand for its layer:
 *
 * - The component layer (types, imports and exports, instantiation arguments
 *   checked against the imports they satisfy, aliases, canonical options and
 *   their core signatures, resource rules, names) is checked by wasmparser's
 *   `Validator` with every feature on. jco ships wasmparser inside its
 *   wasm-tools build but exposes no `validate`; its `componentWit` runs
 *   wit-parser's decoder, which feeds every payload of the binary through
 *   that `Validator` before it reads anything else (and skips nothing but
 *   core function bodies). So a `componentWit` call is a complete
 *   component-level validation, and its errors are of two kinds: the
 *   validator's (a `BinaryReaderError`, whose message always ends with
 *   `(at offset 0x…)`), and afterwards, for a valid component, the decoder's
 *   when the component's imports or exports cannot be written as a WIT world
 *   (a component export, a type export, a core module export). Only the
 *   first kind is an invalid component. (The component is handed to it
 *   wrapped, see `validateComponentModel`.)
 * - Core function bodies (the one thing that pass skips) are validated by
 *   V8, the engine that runs them in Node (`WebAssembly.validate`, full
 *   validation, no compilation), one core module at a time.
 *
 * `level: 'transpile'` adds jco's `transpile` as a deeper, optional check:
 * the component can be translated to JavaScript and run by jco (it refuses
 * some valid components, e.g. root-level component imports, type exports,
 * re-exports of imported functions).
 */
import { errorMessage, FlotillaError } from '../errors.ts';
import type { Component } from './binary/ast.ts';
import { readComponent } from './binary/read.ts';

export class ComponentValidationError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('COMPONENT_INVALID', `the component is not valid: ${message}`, options);
  }
}

/** `'model'`: the component model's rules and every core function body; `'transpile'`: that, then a jco transpile. */
export type ValidationLevel = 'model' | 'transpile';

export interface ValidateOptions {
  level?: ValidationLevel;
  /**
   * The components whose core modules are all the core modules of `bytes` (a composition embeds
   * its packages byte for byte and adds none): their modules are validated instead of reading
   * `bytes` again for them.
   */
  coreModulesOf?: Component[];
}

/** Node's WebAssembly (V8); the project's TypeScript libraries do not declare it. */
const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean; Module: new (b: Uint8Array) => object } })
  .WebAssembly;

/** The last line of a wasmparser error: `… (at offset 0x1f)`. */
const VALIDATOR_ERROR = /\(at offset 0x[0-9a-f]+\)\s*$/;

type WasmTools = typeof import('@bytecodealliance/jco-transpile/wasm-tools');
let wasmTools: Promise<WasmTools> | undefined;

/** jco's wasm-tools build, loaded once (its 2.4 MB core module compiles lazily, function by function). */
function tools(): Promise<WasmTools> {
  wasmTools ??= import('@bytecodealliance/jco-transpile/wasm-tools');
  return wasmTools;
}

/** Starts loading the validator ahead of its first use (e.g. while a composition is being read). */
export function preloadValidator(): void {
  void tools().catch(() => {
    wasmTools = undefined;
  });
}

/**
 * Component-level validation by wasmparser (see the module comment). The component is validated
 * as the one nested component of a wrapper that exports it un-instantiated: wasmparser validates
 * a nested component as fully as a top-level one, and wit-parser's decoder then stops at once on
 * the component export (not expressible in WIT) instead of decoding the component's world, which
 * is work this does not need and where the decoder can panic on valid components (a re-export of
 * an imported interface under its own name trips an assertion), poisoning the instance.
 */
export async function validateComponentModel(bytes: Uint8Array): Promise<void> {
  const { componentWit } = await tools();
  const prefix = wrapperPrefix(bytes.length);
  const wrapped = new Uint8Array(prefix.length + bytes.length + WRAPPER_EXPORT.length);
  wrapped.set(prefix, 0);
  wrapped.set(bytes, prefix.length);
  wrapped.set(WRAPPER_EXPORT, prefix.length + bytes.length);
  try {
    await componentWit(wrapped);
  } catch (e) {
    const message = errorMessage(e)
      .replace(/^Failed to decode wit component\n?/, '')
      .trim();
    if (VALIDATOR_ERROR.test(message)) {
      // offsets are the wrapper's: make them the component's own
      const own = message.replace(/\(at offset 0x([0-9a-f]+)\)\s*$/, (_m, hex: string) => {
        const at = Number.parseInt(hex, 16) - prefix.length;
        return `(at offset 0x${Math.max(0, at).toString(16)})`;
      });
      throw new ComponentValidationError(own.split('\n').slice(0, 12).join('\n'), { cause: e });
    }
    if (/was not a function or instance/.test(message)) return; // validated; stopped at the wrapper's export
    throw new ComponentValidationError(`the validator failed: ${message.split('\n')[0]}`, { cause: e });
  }
  throw new ComponentValidationError('the validator did not answer as expected (a wrapped component decoded as a WIT world)');
}

/** `\0asm` component preamble, then a component section holding `length` bytes. */
function wrapperPrefix(length: number): Uint8Array {
  const leb: number[] = [];
  let n = length;
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    leb.push(b);
  } while (n > 0);
  return Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x04, ...leb);
}

/** An export section: `(export "c" (component 0))`. */
const WRAPPER_EXPORT = Uint8Array.of(0x0b, 0x07, 0x01, 0x00, 0x01, 0x63, 0x04, 0x00, 0x00);

/** Every core module of a component and of its nested components, in order. */
export function coreModules(component: Component, out: Uint8Array[] = []): Uint8Array[] {
  for (const s of component.sections) {
    if (s.id === 'coreModule') out.push(s.bytes);
    else if (s.id === 'component') coreModules(s.component, out);
  }
  return out;
}

/** Validates every core module's function bodies with V8; the first invalid one throws with V8's message. */
export function validateCoreModules(component: Component): void {
  const modules = coreModules(component);
  for (const [i, m] of modules.entries()) {
    if (wasm.validate(m)) continue;
    let why = 'invalid core module';
    try {
      new wasm.Module(m);
    } catch (e) {
      why = errorMessage(e).replace(/^WebAssembly\.Module\(\): /, '');
    }
    throw new ComponentValidationError(`core module ${i} (of ${modules.length}, ${m.length} bytes): ${why}`);
  }
}

async function transpileCheck(bytes: Uint8Array): Promise<void> {
  const { transpile } = await import('@bytecodealliance/jco');
  try {
    await transpile(bytes, { name: 'component', noTypescript: true, quiet: true });
  } catch (e) {
    throw new ComponentValidationError(`jco cannot transpile it: ${errorMessage(e).split('\n').slice(0, 12).join('\n')}`, { cause: e });
  }
}

/**
 * Validates a component: the component model's rules (wasmparser) and every
 * core function body (V8); with `level: 'transpile'` also a jco transpile.
 * Throws ComponentValidationError (code `COMPONENT_INVALID`).
 */
export async function validateComponent(bytes: Uint8Array, options: ValidateOptions = {}): Promise<void> {
  let components: Component[];
  try {
    components = options.coreModulesOf ?? [readComponent(bytes)];
  } catch (e) {
    throw new ComponentValidationError(errorMessage(e), { cause: e });
  }
  await validateComponentModel(bytes);
  validateCoreModules({ version: 0x0d, sections: components.map((component) => ({ id: 'component', component })) });
  if (options.level === 'transpile') await transpileCheck(bytes);
}

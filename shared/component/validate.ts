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
 *   first kind is an invalid component.
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

/** Component-level validation by wasmparser (see the module comment). */
export async function validateComponentModel(bytes: Uint8Array): Promise<void> {
  const { componentWit } = await tools();
  try {
    await componentWit(bytes);
  } catch (e) {
    const message = errorMessage(e)
      .replace(/^Failed to decode wit component\n?/, '')
      .trim();
    if (VALIDATOR_ERROR.test(message)) {
      throw new ComponentValidationError(message.split('\n').slice(0, 12).join('\n'), { cause: e });
    }
    // decoded past validation: valid, only not expressible as a WIT world
  }
}

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
  let component: Component;
  try {
    component = readComponent(bytes);
  } catch (e) {
    throw new ComponentValidationError(errorMessage(e), { cause: e });
  }
  await validateComponentModel(bytes);
  validateCoreModules(component);
  if (options.level === 'transpile') await transpileCheck(bytes);
}

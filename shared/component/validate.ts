/**
 * Validation of a component binary without generating code.
 *
 * Two validators, each the strictest one at hand for its layer:
 *
 * - Every core module, whole (its function bodies included), is validated by
 *   V8, the engine that runs it in Node: `WebAssembly.compile`, which V8
 *   decodes and validates on its background threads (with lazy compilation,
 *   Node's default, it validates every function and compiles none), so the
 *   main thread only hands the bytes over. Should the engine have been told to
 *   validate lazily (`--wasm-lazy-validation`), compile would not look at the
 *   bodies: a one-time probe detects that and falls back to
 *   `WebAssembly.validate`.
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
 *   when the component's imports or exports cannot be written as a WIT world.
 *   Only the first kind is an invalid component. (The component is handed to
 *   it wrapped, see `validateComponentModel`.)
 *
 *   The component layer depends on a core module only through the module's
 *   type: its imports and its exports with their types (what `core
 *   instantiate`, core aliases and canonical options are checked against). So
 *   wasmparser is given the component with every core module cut down to a
 *   stub of the same type (`stubCoreModules`): the type, import, function,
 *   table, memory, global, export, start and tag sections byte for byte, every
 *   function body `unreachable`, no data, elements or custom sections. The
 *   stub is a third of the bytes and wasmparser's pass over it about 60% of
 *   the time; V8 has validated the real modules. When the stub is refused,
 *   the real bytes are validated instead, for wasmparser's own message and
 *   offsets.
 *
 * A `ValidationCache` (validation-cache.ts) remembers, by the sha256 of the
 * exact bytes, the components and core modules this validator has accepted:
 * a composition embeds its packages' core modules byte for byte, so composing
 * cached packages again validates only the component layer, and composing
 * the same output again validates nothing.
 *
 * `level: 'transpile'` adds jco's `transpile` as a deeper, optional check:
 * the component can be translated to JavaScript and run by jco (it refuses
 * some valid components, e.g. root-level component imports, type exports,
 * re-exports of imported functions).
 */
import { createHash } from 'node:crypto';
import { errorMessage, FlotillaError } from '../errors.ts';
import { ByteReader, ByteWriter } from './binary/io.ts';
import type { ValidationCache } from './validation-cache.ts';

export class ComponentValidationError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('COMPONENT_INVALID', `the component is not valid: ${message}`, options);
  }
}

/** `'model'`: the component model's rules and every core module; `'transpile'`: that, then a jco transpile. */
export type ValidationLevel = 'model' | 'transpile';

export interface ValidateOptions {
  level?: ValidationLevel;
  /** What was validated before, by digest (read before validating, written after each success). */
  cache?: ValidationCache | undefined;
}

/** Node's WebAssembly (V8); the project's TypeScript libraries do not declare it. */
const wasm = (
  globalThis as unknown as {
    WebAssembly: { validate(b: Uint8Array): boolean; compile(b: Uint8Array): Promise<object>; Module: new (b: Uint8Array) => object };
  }
).WebAssembly;

/** The last line of a wasmparser error: `… (at offset 0x1f)`. */
const VALIDATOR_ERROR = /\(at offset 0x[0-9a-f]+\)\s*$/;

type WasmTools = typeof import('@bytecodealliance/jco-transpile/wasm-tools');
let wasmTools: Promise<WasmTools> | undefined;

/** jco's wasm-tools build, loaded once (its 2.4 MB core module compiles lazily, function by function). */
function tools(): Promise<WasmTools> {
  wasmTools ??= import('@bytecodealliance/jco-transpile/wasm-tools').catch((e: unknown) => {
    wasmTools = undefined;
    throw e;
  });
  return wasmTools;
}

/**
 * Starts loading the validator ahead of its first use (a compose into a cold store calls it before
 * it pulls): jco's wasm-tools module is read, V8 compiles its core module on its background
 * threads, and a first pass over a small component (`WARM_UP`) has V8 compile the validator's
 * functions it uses, all while the caller waits on the network. Nothing is thrown here: a failure
 * shows again at the validation.
 */
export function preloadValidator(): void {
  void warmUp();
  void coreCompileValidates();
}

let warmedUp: Promise<void> | undefined;
function warmUp(): Promise<void> {
  warmedUp ??= import('./validator-warm-up.ts')
    .then(({ warmUpComponent }) => validateComponentModel(warmUpComponent()))
    .catch(() => {
      warmedUp = undefined;
    });
  return warmedUp;
}

/**
 * Component-level validation by wasmparser (see the module comment) of exactly these bytes. The
 * component is validated as the one nested component of a wrapper that exports it
 * un-instantiated: wasmparser validates a nested component as fully as a top-level one, and
 * wit-parser's decoder then stops at once on the component export (not expressible in WIT)
 * instead of decoding the component's world, which is work this does not need and where the
 * decoder can panic on valid components (a re-export of an imported interface under its own name
 * trips an assertion), poisoning the instance.
 */
export async function validateComponentModel(bytes: Uint8Array): Promise<void> {
  const w = new ByteWriter();
  w.bytes(bytes);
  await checkWrapped(w);
}

/** Runs wasmparser over `component` (a writer holding one component binary), wrapped. */
async function checkWrapped(component: ByteWriter): Promise<void> {
  const { componentWit } = await tools();
  const wrapped = new ByteWriter();
  wrapped.bytes(COMPONENT_PREAMBLE);
  wrapped.byte(SECTION_COMPONENT);
  wrapped.u32(component.length);
  const prefixLength = wrapped.length;
  wrapped.append(component);
  wrapped.bytes(WRAPPER_EXPORT);
  try {
    await componentWit(wrapped.finish());
  } catch (e) {
    const message = errorMessage(e)
      .replace(/^Failed to decode wit component\n?/, '')
      .trim();
    if (VALIDATOR_ERROR.test(message)) {
      // offsets are the wrapper's: make them the component's own
      const own = message.replace(/\(at offset 0x([0-9a-f]+)\)\s*$/, (_m, hex: string) => {
        const at = Number.parseInt(hex, 16) - prefixLength;
        return `(at offset 0x${Math.max(0, at).toString(16)})`;
      });
      throw new ComponentValidationError(own.split('\n').slice(0, 12).join('\n'), { cause: e });
    }
    if (/was not a function or instance/.test(message)) return; // validated; stopped at the wrapper's export
    throw new ComponentValidationError(`the validator failed: ${message.split('\n')[0]}`, { cause: e });
  }
  throw new ComponentValidationError('the validator did not answer as expected (a wrapped component decoded as a WIT world)');
}

const COMPONENT_PREAMBLE = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);
const CORE_PREAMBLE = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
const SECTION_CUSTOM = 0;
const SECTION_CORE_MODULE = 1;
const SECTION_COMPONENT = 4;
const CORE_ELEMENT = 9;
const CORE_CODE = 10;
const CORE_DATA = 11;
const CORE_DATA_COUNT = 12;
/** Components nest; deeper than this the stub is not made (the real bytes are validated instead). */
const MAX_NESTING = 100;
/** A stub function body: no locals, `unreachable`, `end` (valid for every function type). */
const STUB_BODY = Uint8Array.of(0x03, 0x00, 0x00, 0x0b);

/** An export section: `(export "c" (component 0))`. */
const WRAPPER_EXPORT = Uint8Array.of(0x0b, 0x07, 0x01, 0x00, 0x01, 0x63, 0x04, 0x00, 0x00);

function startsWith(bytes: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (bytes.length - at < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** A component, its core modules (depth first, in order) and its stub. */
export interface ComponentParts {
  /** The component with every core module cut down to a stub of the same type, and no custom sections. */
  stub: ByteWriter;
  /** Every core module of the component and of its nested components, in order. */
  modules: Uint8Array[];
}

/**
 * Splits a component into its core modules and its stub (see the module comment) by reading
 * section headers only. Throws a BinaryFormatError for bytes whose sections do not nest (the
 * caller validates the real bytes then, for wasmparser's message).
 */
export function stubCoreModules(bytes: Uint8Array): ComponentParts {
  const modules: Uint8Array[] = [];
  const stub = stubComponent(new ByteReader(bytes), modules, 0);
  return { stub, modules };
}

function stubComponent(r: ByteReader, modules: Uint8Array[], depth: number): ByteWriter {
  if (!startsWith(r.bytes, r.pos, COMPONENT_PREAMBLE)) r.fail('not a component (no component preamble)');
  if (depth > MAX_NESTING) r.fail(`components nested more than ${MAX_NESTING} deep`);
  const w = new ByteWriter();
  w.bytes(r.take(8));
  while (!r.atEnd()) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const body = r.sub(size);
    if (id === SECTION_CUSTOM) {
      body.name(); // dropped, but its name must be well-formed (wasmparser checks it)
      continue;
    }
    if (id === SECTION_CORE_MODULE) {
      const module = body.bytes.subarray(body.pos, body.end);
      modules.push(module);
      const s = stubModule(body);
      w.byte(id);
      w.u32(s.length);
      w.append(s);
    } else if (id === SECTION_COMPONENT) {
      const s = stubComponent(body, modules, depth + 1);
      w.byte(id);
      w.u32(s.length);
      w.append(s);
    } else {
      w.bytes(r.bytes.subarray(start, r.pos));
    }
  }
  return w;
}

function stubModule(r: ByteReader): ByteWriter {
  if (!startsWith(r.bytes, r.pos, CORE_PREAMBLE)) r.fail('a core module section that holds no core module');
  const w = new ByteWriter();
  w.bytes(r.take(8));
  while (!r.atEnd()) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const body = r.sub(size);
    switch (id) {
      case SECTION_CUSTOM:
        body.name(); // its name must be well-formed (wasmparser checks it)
        continue;
      case CORE_ELEMENT:
      case CORE_DATA:
      case CORE_DATA_COUNT:
        continue; // nothing of the module's type: dropped
      case CORE_CODE: {
        // as many bodies as the function section declares (a mismatch stays a mismatch)
        const count = body.u32();
        const code = new ByteWriter();
        code.u32(count);
        for (let i = 0; i < count; i++) code.bytes(STUB_BODY);
        w.byte(id);
        w.u32(code.length);
        w.append(code);
        break;
      }
      default:
        w.bytes(r.bytes.subarray(start, r.pos));
    }
  }
  return w;
}

/** Every core module of a component and of its nested components, in order. */
export function coreModules(bytes: Uint8Array): Uint8Array[] {
  return stubCoreModules(bytes).modules;
}

/** A tiny module whose only invalid part is the body of a function nothing calls. */
const LAZY_PROBE = Uint8Array.of(
  ...CORE_PREAMBLE,
  ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00], // type section: () -> ()
  ...[0x03, 0x02, 0x01, 0x00], // function section: one function of type 0
  ...[0x0a, 0x05, 0x01, 0x03, 0x00, 0x6a, 0x0b], // code: i32.add on an empty stack
);

let compileValidatesProbe: Promise<boolean> | undefined;
/** Whether `WebAssembly.compile` validates every function body in this process (V8's default). */
function coreCompileValidates(): Promise<boolean> {
  compileValidatesProbe ??= wasm.compile(LAZY_PROBE).then(
    () => false,
    () => true,
  );
  return compileValidatesProbe;
}

/** V8's message for an invalid module, without the API's prefix. */
function v8Message(e: unknown): string {
  return errorMessage(e).replace(/^WebAssembly\.(Module|compile)\(\): /, '');
}

/** Validates core modules with V8; resolves to the index (in `modules`) and message of the first invalid one. */
async function checkCoreModules(modules: readonly Uint8Array[]): Promise<{ index: number; message: string } | undefined> {
  if (modules.length === 0) return undefined;
  if (await coreCompileValidates()) {
    const results = await Promise.all(
      modules.map((m) =>
        wasm.compile(m).then(
          () => undefined,
          (e: unknown) => v8Message(e),
        ),
      ),
    );
    const index = results.findIndex((r) => r !== undefined);
    return index < 0 ? undefined : { index, message: results[index] as string };
  }
  for (const [index, m] of modules.entries()) {
    if (wasm.validate(m)) continue;
    // lazily validated, a Module says nothing of its bodies either
    let message = 'V8 refuses it (this process validates lazily, --wasm-lazy-validation: run without it for the reason)';
    try {
      new wasm.Module(m);
    } catch (e) {
      message = v8Message(e);
    }
    return { index, message };
  }
  return undefined;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
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
 * Validates a component: the component model's rules (wasmparser) and every core module (V8);
 * with `level: 'transpile'` also a jco transpile. With a cache, what it holds is not validated
 * again, and what is validated here is added to it once the whole component has passed.
 * Throws ComponentValidationError (code `COMPONENT_INVALID`).
 */
export async function validateComponent(bytes: Uint8Array, options: ValidateOptions = {}): Promise<void> {
  const { cache } = options;
  const digest = cache !== undefined ? sha256Hex(bytes) : '';
  if (cache === undefined || !cache.has('component', digest, bytes.length)) {
    await validateUncached(bytes, cache, digest);
  }
  if (options.level === 'transpile') await transpileCheck(bytes);
}

async function validateUncached(bytes: Uint8Array, cache: ValidationCache | undefined, digest: string): Promise<void> {
  if (startsWith(bytes, 0, CORE_PREAMBLE)) {
    throw new ComponentValidationError('these bytes are a core module, not a component (a component starts \\0asm 0d 00 01 00)');
  }
  let parts: ComponentParts;
  try {
    parts = stubCoreModules(bytes);
  } catch (e) {
    // sections that do not nest: wasmparser says where and why
    await validateComponentModel(bytes);
    throw new ComponentValidationError(errorMessage(e), { cause: e });
  }
  // core modules: each distinct one not known to be valid goes to V8 (on its threads, meanwhile)
  const todo = new Map<string, { module: Uint8Array; index: number }>();
  for (const [index, module] of parts.modules.entries()) {
    const key = sha256Hex(module);
    if (todo.has(key) || cache?.has('core', key, module.length)) continue;
    todo.set(key, { module, index });
  }
  const pending = [...todo.values()];
  const core = checkCoreModules(pending.map((p) => p.module)).then(
    (bad) => ({ bad }),
    (error: unknown) => ({ error }),
  );
  try {
    await checkWrapped(parts.stub);
  } catch (e) {
    if (!(e instanceof ComponentValidationError)) throw e;
    // the real bytes decide (and wasmparser's message and offsets are theirs): a refusal throws
    await validateComponentModel(bytes);
  }
  const result = await core;
  if ('error' in result) throw new ComponentValidationError(`the core validator failed: ${errorMessage(result.error)}`);
  if (result.bad !== undefined) {
    const { module, index } = pending[result.bad.index] as { module: Uint8Array; index: number };
    throw new ComponentValidationError(`core module ${index} (of ${parts.modules.length}, ${module.length} bytes): ${result.bad.message}`);
  }
  if (cache !== undefined) {
    cache.record([
      ...[...todo].map(([key, p]) => ({ kind: 'core' as const, digest: key, size: p.module.length })),
      { kind: 'component', digest, size: bytes.length },
    ]);
  }
}

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
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { errorMessage, FlotillaError } from '../errors.ts';
import type { TypeDef } from './binary/ast.ts';
import { ByteReader, ByteWriter } from './binary/io.ts';
import { readComponent } from './binary/read.ts';
import { typeDef, writeSection } from './binary/write.ts';
import type { ValidationCache, ValidationEntry } from './validation-cache.ts';

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
  /**
   * The type of a component nested in this one (a composition's package), as a self-contained
   * component type, or undefined when not known. With a cache, it lets the validator check only
   * the outer layer of a composition whose packages it validated before (see validateOuterLayer).
   */
  nestedType?: ((component: Uint8Array) => TypeDef | undefined) | undefined;
}

/** Node's WebAssembly (V8); the project's TypeScript libraries do not declare it. */
const wasm = (
  globalThis as unknown as {
    WebAssembly: { validate(b: Uint8Array): boolean; compile(b: Uint8Array): Promise<object>; Module: new (b: Uint8Array) => object };
  }
).WebAssembly;

/** The last line of a wasmparser error: `… (at offset 0x1f)`. */
const VALIDATOR_ERROR = /\(at offset 0x[0-9a-f]+\)\s*$/;

/** What this validator uses of jco's wasm-tools build. */
interface WasmTools {
  componentWit(bytes: Uint8Array): Promise<string>;
}
let wasmTools: Promise<WasmTools> | undefined;
/** Which instance of jco's wasm-tools build is in use: 0 the package's own, then one more after each panic. */
let toolsGeneration = 0;

/** jco's wasm-tools build, loaded once (its 2.4 MB core module compiles lazily, function by function). */
function tools(): Promise<WasmTools> {
  wasmTools ??= loadTools(toolsGeneration).catch((e: unknown) => {
    wasmTools = undefined;
    throw e;
  });
  return wasmTools;
}

async function loadTools(generation: number): Promise<WasmTools> {
  if (generation === 0) return import('@bytecodealliance/jco-transpile/wasm-tools');
  // The build keeps its instance in module state, one per module URL: another URL (a query) is
  // another instance, with a memory of its own.
  let entry: string;
  try {
    // a path (the CLI bundle is CommonJS, without import.meta.resolve)
    entry = createRequire(import.meta.url).resolve('@bytecodealliance/jco-transpile/wasm-tools');
  } catch (e) {
    // a bundle that carries jco inside it: its one instance is not to be trusted after the panic
    throw new Error('the validator crashed earlier in this process and cannot be loaded again here: run the command again', {
      cause: e,
    });
  }
  const url = new URL(`../vendor/wasm-tools.js?instance=${generation}`, pathToFileURL(entry));
  const m = (await import(url.href)) as { $init: Promise<void>; tools: { componentWit(bytes: Uint8Array): string } };
  await m.$init;
  return { componentWit: async (bytes) => m.tools.componentWit(bytes) };
}

/**
 * Drops the instance of jco's wasm-tools build in use: a Rust panic in it (a trap) can leave its
 * memory and state half-updated, so that every later call on it misbehaves. The next validation
 * loads a fresh instance.
 */
export function resetValidator(): void {
  toolsGeneration++;
  wasmTools = undefined;
  warmedUp = undefined;
}

/** The instance in use (see resetValidator). */
export function validatorGeneration(): number {
  return toolsGeneration;
}

/** A trap in the validator (a Rust panic compiles to `unreachable`): WebAssembly.RuntimeError. */
function isTrap(e: unknown): boolean {
  const RuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: new () => Error } }).WebAssembly.RuntimeError;
  return e instanceof RuntimeError;
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
  const wrapped = new ByteWriter();
  wrapped.bytes(COMPONENT_PREAMBLE);
  wrapped.byte(SECTION_COMPONENT);
  wrapped.u32(component.length);
  const prefixLength = wrapped.length;
  wrapped.append(component);
  wrapped.bytes(WRAPPER_EXPORT);
  await runValidator(wrapped.finish(), prefixLength);
}

/**
 * Runs wasmparser over a wrapper component whose last section exports a component (so that
 * wit-parser's decoder stops there). `prefixLength`: where the component of interest starts in it
 * (error offsets are made relative to it).
 */
async function runValidator(wrapped: Uint8Array, prefixLength: number): Promise<void> {
  try {
    try {
      await (await tools()).componentWit(wrapped);
    } catch (e) {
      if (!isTrap(e)) throw e;
      // a panic: that instance is not to be trusted again; the same bytes once more on a fresh one
      resetValidator();
      await (await tools()).componentWit(wrapped);
    }
  } catch (e) {
    if (isTrap(e)) {
      resetValidator();
      throw new ComponentValidationError(`the validator crashed (a panic in wasm-tools): ${errorMessage(e)}`, { cause: e });
    }
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
const SECTION_CORE_TYPE = 3;
const SECTION_COMPONENT = 4;
const SECTION_ALIAS = 6;
const SECTION_TYPE = 7;
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

function sha256Hex(bytes: Uint8Array | string): string {
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

/** How many components this process accepted by each way (the tests and the bench look). */
export const validationCounts = { outerLayer: 0, whole: 0 };

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
    const outerOnly =
      cache !== undefined && options.nestedType !== undefined && (await validateOuterLayer(bytes, cache, options.nestedType, digest));
    if (outerOnly) validationCounts.outerLayer++;
    else {
      await validateUncached(bytes, cache, digest);
      validationCounts.whole++;
    }
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

/** A nested component of the outer layer, to be validated on its own before the outer layer is. */
interface NestedCheck {
  component: Uint8Array;
  /** Its type as given by `nestedType`, encoded (one type definition). */
  type: Uint8Array;
  /** The cache key: sha256 of the component's digest and the type's. */
  key: string;
}

/**
 * Validation of a composition's outer layer only, for the packages it embeds that were validated
 * before. Each component nested at the root of `bytes` is replaced by an `alias outer` to a
 * component import of the type `nestedType` gives for it, in a wrapper that declares those
 * imports; wasmparser then checks the outer layer against those types (imports and their types,
 * every instantiation argument against the import it satisfies, aliases, exports and their names),
 * not the packages' own bodies again. A nested component is taken as having its type once it passed
 * this validator on its own, the first in an empty wrapper (so it cannot reach outside itself), and
 * wasmparser found it a subtype of that type (the wrapper exports it ascribed with the type): a
 * cache entry `nested` records both, by the digests of the component's bytes and of the encoded
 * type. A nested component not in the cache is validated that way first, then recorded. A subtype
 * suffices: every argument that satisfies the type's imports satisfies the package's, and every
 * export of the type is one of the package's, of a subtype.
 *
 * Resolves to false (and records nothing) when the shortcut does not apply or does not pass: a nested
 * component without a known type, an outer layer that aliases an enclosing scope (at the root, any
 * `alias outer` would resolve in the wrapper), a core type section, anything the outer pass or a
 * package's pass refuses. The caller then validates the whole component, which decides (and gives
 * wasmparser's message for the real bytes): the shortcut only ever accepts what the whole
 * validation accepts.
 */
async function validateOuterLayer(
  bytes: Uint8Array,
  cache: ValidationCache,
  nestedType: (component: Uint8Array) => TypeDef | undefined,
  digest: string,
): Promise<boolean> {
  if (!startsWith(bytes, 0, COMPONENT_PREAMBLE)) return false;
  const outer = new ByteWriter();
  const types: TypeDef[] = [];
  const indexByKey = new Map<string, number>();
  const pending: NestedCheck[] = [];
  const rootModules: Uint8Array[] = [];
  try {
    const r = new ByteReader(bytes);
    outer.bytes(r.take(8));
    while (!r.atEnd()) {
      const start = r.pos;
      const id = r.byte();
      const size = r.u32();
      const body = r.sub(size);
      switch (id) {
        case SECTION_CUSTOM:
          body.name(); // dropped; its name must be well-formed
          continue;
        case SECTION_CORE_MODULE: {
          rootModules.push(body.bytes.subarray(body.pos, body.end));
          const stub = stubModule(body);
          outer.byte(id);
          outer.u32(stub.length);
          outer.append(stub);
          continue;
        }
        case SECTION_COMPONENT: {
          const component = body.bytes.subarray(body.pos, body.end);
          const def = nestedType(component);
          if (def === undefined) return false;
          const tw = new ByteWriter();
          typeDef(tw, def);
          const type = tw.finish();
          const key = sha256Hex(`${sha256Hex(component)}:${sha256Hex(type)}`);
          let index = indexByKey.get(key);
          if (index === undefined) {
            index = types.length;
            types.push(def);
            indexByKey.set(key, index);
            if (!cache.has('nested', key, component.length)) pending.push({ component, type, key });
          }
          writeSection(outer, { id: 'alias', items: [{ kind: 'outer', sort: { kind: 'component' }, count: 1, index }] });
          continue;
        }
        case SECTION_CORE_TYPE:
          return false;
        case SECTION_ALIAS:
        case SECTION_TYPE:
          if (reachesOutside(bytes.subarray(start, r.pos))) return false;
          break;
      }
      outer.bytes(bytes.subarray(start, r.pos));
    }
  } catch {
    return false; // sections that do not nest, or types that do not parse: the whole validation says why
  }
  if (types.length === 0) return false; // nothing nested: the whole validation is this one

  // core modules at the root and in the packages not validated before go to V8 (on its threads)
  const todo = new Map<string, Uint8Array>();
  const addModules = (modules: readonly Uint8Array[]): void => {
    for (const m of modules) {
      const key = sha256Hex(m);
      if (!todo.has(key) && !cache.has('core', key, m.length)) todo.set(key, m);
    }
  };
  addModules(rootModules);
  const stubs: ByteWriter[] = [];
  try {
    for (const p of pending) {
      const parts = stubCoreModules(p.component);
      addModules(parts.modules);
      stubs.push(parts.stub);
    }
  } catch {
    return false;
  }
  const core = checkCoreModules([...todo.values()]).then(
    (bad) => bad === undefined,
    () => false,
  );
  try {
    for (const [i, p] of pending.entries()) await runValidator(...nestedWrapper(stubs[i] as ByteWriter, p.type));
    await runValidator(...outerWrapper(types, outer));
  } catch (e) {
    if (!(e instanceof ComponentValidationError)) throw e;
    await core;
    return false;
  }
  if (!(await core)) return false;
  const entries: ValidationEntry[] = [
    ...[...todo].map(([key, m]) => ({ kind: 'core' as const, digest: key, size: m.length })),
    ...pending.map((p) => ({ kind: 'nested' as const, digest: p.key, size: p.component.length })),
    { kind: 'component', digest, size: bytes.length },
  ];
  cache.record(entries);
  return true;
}

/** `(component <component> (type <type>) (export "c" (component 0) (type (component 0))))`; and where the component starts. */
function nestedWrapper(component: ByteWriter, type: Uint8Array): [Uint8Array, number] {
  const w = new ByteWriter();
  w.bytes(COMPONENT_PREAMBLE);
  w.byte(SECTION_COMPONENT);
  w.u32(component.length);
  const prefixLength = w.length;
  w.append(component);
  const t = new ByteWriter();
  t.u32(1);
  t.bytes(type);
  w.byte(SECTION_TYPE);
  w.u32(t.length);
  w.append(t);
  writeSection(w, {
    id: 'export',
    items: [
      {
        name: { tag: 0, name: 'c', attributes: [] },
        item: { sort: { kind: 'component' }, index: 0 },
        type: { kind: 'component', type: 0 },
      },
    ],
  });
  return [w.finish(), prefixLength];
}

/**
 * `(component (type <T0>)… (import "p0" (component (type 0)))… (component <outer>) (export "c" (component n)))`:
 * the outer layer, its nested components replaced by aliases of the imports; and where it starts.
 */
function outerWrapper(types: TypeDef[], outer: ByteWriter): [Uint8Array, number] {
  const w = new ByteWriter();
  w.bytes(COMPONENT_PREAMBLE);
  writeSection(w, { id: 'type', items: types });
  writeSection(w, {
    id: 'import',
    items: types.map((_t, i) => ({ name: { tag: 0, name: `p${i}`, attributes: [] }, type: { kind: 'component' as const, type: i } })),
  });
  w.byte(SECTION_COMPONENT);
  w.u32(outer.length);
  const prefixLength = w.length;
  w.append(outer);
  writeSection(w, {
    id: 'export',
    items: [{ name: { tag: 0, name: 'c', attributes: [] }, item: { sort: { kind: 'component' }, index: types.length }, type: null }],
  });
  return [w.finish(), prefixLength];
}

/**
 * Whether a root-level alias or type section refers to a scope enclosing the component: an
 * `alias outer` in the alias section (at the root every one does), or one in a component or
 * instance type that counts past the root.
 */
function reachesOutside(section: Uint8Array): boolean {
  const mini = new ByteWriter();
  mini.bytes(COMPONENT_PREAMBLE);
  mini.bytes(section);
  const [s] = readComponent(mini.finish()).sections;
  if (s?.id === 'alias') return s.items.some((a) => a.kind === 'outer');
  if (s?.id !== 'type') return true;
  const escapes = (t: TypeDef, level: number): boolean => {
    if (t.kind !== 'component' && t.kind !== 'instance') return false;
    for (const d of t.decls) {
      if (d.kind === 'alias' && d.alias.kind === 'outer' && d.alias.count > level) return true;
      if (d.kind === 'type' && escapes(d.type, level + 1)) return true;
      if (d.kind === 'coreType') return true; // module types may alias outward too: not looked into
    }
    return false;
  };
  return s.items.some((t) => escapes(t, 1));
}

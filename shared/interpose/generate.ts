/**
 * The interposer generator: from an interface's instance type, a component
 * that imports it (twice for a splitter, as `stable` and `canary`; once for a
 * tap), exports it under the interface's own name, and forwards every call of
 * every function to one backend, results unchanged, recording stats.
 *
 * Forwarding is generic by the canonical ABI. An export's core function and
 * the import's lowered function flatten the same function type, so the
 * splitter passes its flat parameters along as they came: strings and lists
 * were copied into its memory by its own `realloc` when the caller lowered
 * them, and the callee lifts them from there; parameters beyond 16 flat
 * values arrive as a pointer to a tuple in its memory, which is passed on.
 * Results beyond one flat value are written by the lowered import at a
 * return pointer the splitter allocates, in exactly the layout the lifted
 * export's returned pointer must have: the same pointer is returned. Every
 * allocation comes from a bump allocator reset in `post-return`, after the
 * caller has lifted the results, so a call leaves nothing behind.
 *
 * Two core modules: `alloc` (the memory, the bump pointer and `realloc`),
 * instantiated first so that imports can be lowered with its memory and
 * `realloc`; and `main` (routing, stats, forwarding, post-return), which
 * imports the lowered functions.
 */
import type { CanonOpt, SortIdx } from '../component/binary/ast.ts';
import type { FuncT, InstanceT, Resource, VType } from '../component/types.ts';
import { typeIndex as encodeTypeIndex, funcTypeIndex } from '../wac/type-encoder.ts';
import {
  alignment,
  alignTo,
  contains,
  discriminantSize,
  elemSize,
  fieldOffsets,
  flatten,
  optionNeeds,
  paramsTuple,
  payloadOffset,
  recordFields,
  variantCases,
} from './abi.ts';
import { ComponentAssembler } from './assembler.ts';
import { InterposeError } from './errors.ts';
import { type InterfaceModel, isHttpHandler, readInterface, type UsedImport } from './interface.ts';
import { buildShim } from './shim.ts';
import {
  DEFAULT_BUCKETS_NS,
  FUNCTION_STATS_FIELD,
  layOutStats,
  STATS_INTERFACE,
  StaticData,
  type StatsLayout,
  statsInstanceType,
} from './stats.ts';
import { type FuncBuilder, ModuleBuilder, type NumType } from './wasm.ts';

export type Sticky = { header: string } | { cookie: string };

export interface SplitterOptions {
  /** The interface to split, `ns:pkg/name@version` (a name without version matches a single version). */
  interface: string;
  /** Percent of calls sent to `canary`, 0 to 100 (default 0: all to stable). */
  weight?: number;
  /** wasi:http/incoming-handler only: route by a hash of this header or cookie, so one user stays on one version. */
  sticky?: Sticky | null;
  /** The interposer's name in its stats (kebab-case); default: the interface's name (`users`). */
  label?: string;
  /** Latency bucket bounds in nanoseconds, ascending (default DEFAULT_BUCKETS_NS). */
  bucketsNs?: readonly bigint[];
  /** The clock interface to import `now` from (default `wasi:clocks/monotonic-clock@0.2.0`). */
  clockInterface?: string;
}

export interface TapOptions extends Omit<SplitterOptions, 'weight' | 'sticky'> {
  /**
   * Tell the host about every call (`flotilla:interpose/trace@0.1.0`,
   * `call-ended`), naming `component` as the instance called: what serve
   * makes spans of. Off by default (a host call per forwarded call).
   */
  trace?: { component: string } | null;
}

/** The host interface a tracing tap imports (wit/interpose/trace.wit). */
export const TRACE_INTERFACE = 'flotilla:interpose/trace@0.1.0';

export const CANARY_HEADER = 'x-flotilla-canary';
const DEFAULT_CLOCK = 'wasi:clocks/monotonic-clock@0.2.0';

/** Where the first byte of static data goes (0 stays unused: a null pointer is never valid data). */
const STATIC_BASE = 16;

/** Reads the interface from a component that exports or imports it and writes a splitter for it. */
export function generateSplitter(component: Uint8Array, options: SplitterOptions, source = 'the component'): Uint8Array {
  return buildInterposer(readInterface(component, options.interface, source), 'splitter', options);
}

/** The same generator with one backend (imported under the interface's own name): a pass-through that records stats. */
export function generateTap(component: Uint8Array, options: TapOptions, source = 'the component'): Uint8Array {
  return buildInterposer(readInterface(component, options.interface, source), 'tap', options);
}

/** A kebab-case label from an interface name: `ecommerce:platform/users@1.0.0` → `users`. */
export function defaultLabel(interfaceName: string): string {
  const base = interfaceName.replace(/@.*$/, '').replace(/^.*\//, '');
  return toKebab(base) || 'interface';
}

/** Lowercase kebab-case (words of letters and digits, each starting with a letter). */
export function toKebab(s: string): string {
  return s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => (/^[a-z]/.test(w) ? w : `n${w}`))
    .join('-');
}

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

interface Config {
  role: 'splitter' | 'tap';
  weight: number;
  sticky: Sticky | null;
  label: string;
  bucketsNs: readonly bigint[];
  clock: string;
  trace: { component: string } | null;
}

function checkOptions(model: InterfaceModel, role: 'splitter' | 'tap', o: SplitterOptions & TapOptions): Config {
  const weight = role === 'tap' ? 0 : (o.weight ?? 0);
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw new InterposeError(
      'INTERPOSE_OPTIONS',
      `the weight must be a whole number from 0 to 100 (percent of calls to canary), got ${weight}`,
    );
  }
  const sticky = role === 'tap' ? null : (o.sticky ?? null);
  if (sticky !== null) {
    if (!isHttpHandler(model.name)) {
      throw new InterposeError(
        'INTERPOSE_OPTIONS',
        `sticky routing reads an HTTP header or cookie, so it needs wasi:http/incoming-handler; \`${model.name}\` is routed by weight only`,
      );
    }
    const name = 'header' in sticky ? sticky.header : sticky.cookie;
    if (!TOKEN.test(name) || name.length > 256) {
      throw new InterposeError(
        'INTERPOSE_OPTIONS',
        `the sticky ${'header' in sticky ? 'header' : 'cookie'} name \`${name}\` is not an HTTP token`,
      );
    }
  }
  const label = o.label ?? defaultLabel(model.name);
  if (!KEBAB.test(label) || label.length > 128) {
    throw new InterposeError(
      'INTERPOSE_OPTIONS',
      `the label \`${label}\` is not kebab-case (lowercase words of letters and digits, each starting with a letter, joined by -)`,
    );
  }
  const bucketsNs = o.bucketsNs ?? DEFAULT_BUCKETS_NS;
  if (
    bucketsNs.length === 0 ||
    bucketsNs.length > 64 ||
    bucketsNs.some((b, i) => b <= 0n || (i > 0 && b <= (bucketsNs[i - 1] as bigint)))
  ) {
    throw new InterposeError('INTERPOSE_OPTIONS', 'latency bucket bounds must be 1 to 64 positive numbers of nanoseconds, ascending');
  }
  const clock = o.clockInterface ?? DEFAULT_CLOCK;
  if (!/^wasi:clocks\/monotonic-clock@0\.2\.\d+$/.test(clock)) {
    throw new InterposeError('INTERPOSE_OPTIONS', `the clock interface must be wasi:clocks/monotonic-clock@0.2.x, got \`${clock}\``);
  }
  const trace = role === 'tap' ? (o.trace ?? null) : null;
  if (trace !== null && (trace.component.length === 0 || trace.component.length > 256)) {
    throw new InterposeError('INTERPOSE_OPTIONS', 'the traced component name must be 1 to 256 characters');
  }
  return { role, weight, sticky, label, bucketsNs, clock, trace };
}

/** The instance type of `flotilla:interpose/trace@0.1.0` (wit/interpose/trace.wit). */
function traceInstanceType(): InstanceT {
  const str: VType = { kind: 'prim', name: 'string' };
  const u64: VType = { kind: 'prim', name: 'u64' };
  const callEnded: FuncT = {
    kind: 'func',
    async: false,
    params: [
      { name: 'component', type: str },
      { name: 'interface-name', type: str },
      { name: 'function', type: str },
      { name: 'start-ns', type: u64 },
      { name: 'end-ns', type: u64 },
      { name: 'failed', type: { kind: 'prim', name: 'bool' } },
    ],
    result: null,
  };
  return { kind: 'instance', exports: new Map([['call-ended', callEnded]]), declared: [] };
}

/** Builds the interposer component for an interface model. */
export function buildInterposer(model: InterfaceModel, role: 'splitter' | 'tap', options: SplitterOptions | TapOptions): Uint8Array {
  const cfg = checkOptions(model, role, options as SplitterOptions & TapOptions);
  const backends = role === 'splitter' ? ['stable', 'canary'] : ['target'];
  const importNames = role === 'splitter' ? ['stable', 'canary'] : [model.name];
  const routeHttp = role === 'splitter' && model.http !== null;

  // ---- static data: the stats report, then the strings HTTP routing compares with
  const data = new StaticData(STATIC_BASE);
  const sticky =
    cfg.sticky === null ? null : 'header' in cfg.sticky ? `header:${cfg.sticky.header.toLowerCase()}` : `cookie:${cfg.sticky.cookie}`;
  const stats = layOutStats(data, {
    label: cfg.label,
    interfaceName: model.name,
    role,
    weight: cfg.weight,
    sticky,
    bucketsNs: cfg.bucketsNs,
    backends,
    functions: model.functions.map((f) => f.name),
  });
  const strings = {
    canaryHeader: data.string(CANARY_HEADER),
    always: data.string('always'),
    never: data.string('never'),
    cookieHeader: data.string('cookie'),
    sticky: cfg.sticky === null ? null : data.string('header' in cfg.sticky ? cfg.sticky.header.toLowerCase() : cfg.sticky.cookie),
  };
  const traceStrings =
    cfg.trace === null
      ? null
      : {
          component: data.string(cfg.trace.component),
          interface: data.string(model.name),
          functions: model.functions.map((f) => data.string(f.name)),
        };
  const heapBase = alignTo(STATIC_BASE + data.length, 16);
  const pages = Math.max(1, Math.ceil(heapBase / 65536));

  // ---- component: imports
  const out = new ComponentAssembler();
  const used = withClock(model.imports, cfg.clock);
  const importIndex = new Map<string, number>();
  for (const u of used) importIndex.set(u.name, out.importInstance(u.name, u.type, true));
  const backendInstances = importNames.map((n) => out.importInstance(n, model.type, false));
  const traceInstance = cfg.trace !== null ? out.importInstance(TRACE_INTERFACE, traceInstanceType(), false) : -1;

  // resources whose borrows the splitter receives and must drop before it returns
  const borrowed = borrowedResources(model);

  // ---- core module `alloc`
  const alloc = allocModule(pages, heapBase);
  const main = mainModule(model, cfg, backends.length, data, stats, strings, heapBase, pages, routeHttp, borrowed, traceStrings);

  const allocModuleIdx = out.coreModule(alloc);
  const mainModuleIdx = out.coreModule(main);
  const a = out.coreInstantiate(allocModuleIdx, []);
  const memory = out.coreMemoryExport(a, 'memory');
  const realloc = out.coreFuncExport(a, 'realloc');
  const memOpts: CanonOpt[] = [{ kind: 'utf8' }, { kind: 'memory', index: memory }, { kind: 'realloc', index: realloc }];
  // only the options a function needs: jco's glue for a call without them is lighter
  const opts = (memoryNeeded: boolean, reallocNeeded: boolean): CanonOpt[] => [
    ...(memoryNeeded ? [{ kind: 'utf8' } as const, { kind: 'memory', index: memory } as const] : []),
    ...(reallocNeeded ? [{ kind: 'realloc', index: realloc } as const] : []),
  ];

  // host functions: the clock, header access, resource drops
  const clockInstance = importIndex.get(used.find((u) => isClock(u.name))?.name as string) as number;
  const hostFuncs: { name: string; index: number }[] = [{ name: 'now', index: out.lower(out.aliasFunc(clockInstance, 'now'), []) }];
  if (routeHttp && model.http !== null) {
    const http = importIndex.get(model.http.importName) as number;
    hostFuncs.push({ name: 'headers', index: out.lower(out.aliasFunc(http, '[method]incoming-request.headers'), []) });
    hostFuncs.push({ name: 'get', index: out.lower(out.aliasFunc(http, '[method]fields.get'), memOpts) });
    hostFuncs.push({ name: 'drop-fields', index: out.resourceDrop(resourceTypeIndex(out, model.http.fields)) });
  }
  for (const [i, r] of borrowed.entries()) hostFuncs.push({ name: `drop-${i}`, index: out.resourceDrop(resourceTypeIndex(out, r)) });
  // the strings are the interposer's static data: the host reads them from its memory
  if (traceInstance >= 0)
    hostFuncs.push({ name: 'call-ended', index: out.lower(out.aliasFunc(traceInstance, 'call-ended'), opts(true, false)) });
  const host = out.coreInstanceOf(hostFuncs);

  const backendCore = backendInstances.map((inst) =>
    out.coreInstanceOf(
      model.functions.map((f, k) => {
        const need = optionNeeds(f.type);
        return { name: `f${k}`, index: out.lower(out.aliasFunc(inst, f.name), opts(need.lowerMemory, need.lowerRealloc)) };
      }),
    ),
  );
  const m = out.coreInstantiate(mainModuleIdx, [
    { name: 'alloc', instance: a },
    { name: 'host', instance: host },
    ...backendCore.map((instance, b) => ({ name: `b${b}`, instance })),
  ]);

  // ---- exports: the interface, then the stats
  exportInstance(out, model.name, model.type, (name, f) => {
    const k = model.functions.findIndex((x) => x.name === name);
    const need = optionNeeds(f);
    // an HTTP splitter reads the request's headers into its memory: that allocates too
    const allocates = need.allocates || (routeHttp && requestParam(f) >= 0);
    const post: CanonOpt[] = allocates ? [{ kind: 'post-return', index: out.coreFuncExport(m, `post${k}`) }] : [];
    return out.lift(out.coreFuncExport(m, `f${k}`), funcTypeIndex(out, f), [...opts(need.liftMemory, need.liftRealloc), ...post]);
  });
  // the report is static data: read from memory, nothing to free
  exportInstance(out, STATS_INTERFACE, statsInstanceType(), (_name, f) =>
    out.lift(out.coreFuncExport(m, 'snapshot'), funcTypeIndex(out, f), opts(true, false)),
  );
  out.custom('producers', producers());
  return out.encode();
}

function isClock(name: string): boolean {
  return /^wasi:clocks\/monotonic-clock@/.test(name);
}

/** The used imports with `now` added to the monotonic clock (imported for it if the interface does not use it already). */
function withClock(imports: UsedImport[], clock: string): UsedImport[] {
  const now: FuncT = { kind: 'func', async: false, params: [], result: { kind: 'prim', name: 'u64' } };
  const existing = imports.find((u) => isClock(u.name));
  if (existing === undefined) {
    return [...imports, { name: clock, type: { kind: 'instance', exports: new Map([['now', now]]), declared: [] } }];
  }
  return imports.map((u) => {
    if (u !== existing || u.type.exports.has('now')) return u;
    const exports = new Map(u.type.exports);
    exports.set('now', now);
    return { name: u.name, type: { ...u.type, exports } };
  });
}

function resourceTypeIndex(out: ComponentAssembler, r: Resource): number {
  const idx = out.find(r);
  if (idx === undefined)
    throw new InterposeError('INTERPOSE_UNSHARED_RESOURCE', `the resource \`${r.name}\` is not imported by the interposer`);
  return idx;
}

/**
 * Exports an instance of type `t` under `name`: the functions made by `lift`,
 * through a shim component that names every type they use (see shim.ts).
 */
function exportInstance(out: ComponentAssembler, name: string, t: InstanceT, lift: (name: string, f: FuncT) => number): void {
  const shim = buildShim(t);
  const args: { name: string; item: SortIdx }[] = [];
  for (const a of shim.args) {
    if (a.sort === 'func') {
      const f = t.exports.get(a.value as string) as FuncT;
      args.push({ name: a.name, item: { sort: { kind: 'func' }, index: lift(a.value as string, f) } });
    } else {
      const v = a.value as Resource | VType;
      const index = v.kind === 'resource' ? resourceTypeIndex(out, v) : encodeTypeIndex(out, v);
      args.push({ name: a.name, item: { sort: { kind: 'type' }, index } });
    }
  }
  const instance = out.instantiate(out.component(shim.component), args);
  out.export(name, { sort: { kind: 'instance' }, index: instance });
}

function producers(): Uint8Array {
  // producers section: one field, processed-by, with one (name, version) pair
  const enc = new TextEncoder();
  const str = (s: string) => {
    const b = enc.encode(s);
    return [b.length, ...b];
  };
  return Uint8Array.from([1, ...str('processed-by'), 1, ...str('flotilla-interpose'), ...str('0.1.0')]);
}

/** Resources of which some function receives a borrow (anywhere in its parameters). */
function borrowedResources(model: InterfaceModel): Resource[] {
  const out: Resource[] = [];
  for (const f of model.functions) {
    for (const p of f.type.params) {
      contains(p.type, (t) => {
        if (t.kind === 'borrow' && !out.includes(t.resource)) out.push(t.resource);
        return false;
      });
    }
  }
  return out;
}

// ---- the allocator module ------------------------------------------------------

/**
 * Memory, bump pointer and `realloc(old, old_size, align, new_size)`:
 * growing an allocation copies it to a new one (the canonical ABI may grow a
 * string it is transcoding), shrinking keeps it in place.
 */
function allocModule(pages: number, heapBase: number): Uint8Array {
  const mb = new ModuleBuilder();
  const mem = mb.memory(pages);
  mb.exportMemory('memory', mem);
  const heap = mb.global('i32', true, heapBase);
  mb.exportGlobal('heap', heap);
  const realloc = mb.func({ params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }, (f) => {
    const [old, oldSize, align, size] = [0, 1, 2, 3];
    const p = f.local('i32');
    const end = f.local('i32');
    // shrinking or keeping the size: in place
    f.localGet(old).i32Eqz().i32Eqz().localGet(size).localGet(oldSize).i32LeU().i32And();
    f.if().localGet(old).return().end();
    // p = align_up(heap, align); end = p + size (trap on overflow)
    f.globalGet(heap).localGet(align).i32Add().i32Const(1).i32Sub().i32Const(0).localGet(align).i32Sub().i32And().localSet(p);
    f.localGet(p).localGet(size).i32Add().localTee(end).localGet(p).i32LtU();
    f.localGet(end).i32Const(0xffff0000).i32GtU().i32Or();
    f.if().unreachable().end();
    // grow the memory when the end is past it
    f.localGet(end).memorySize().i32Const(16).i32Shl().i32GtU();
    f.if();
    f.localGet(end).i32Const(0xffff).i32Add().i32Const(16).i32ShrU().memorySize().i32Sub().memoryGrow().i32Const(-1).i32Eq();
    f.if().unreachable().end();
    f.end();
    f.localGet(end).globalSet(heap);
    f.localGet(old).if().localGet(p).localGet(old).localGet(oldSize).memoryCopy().end();
    f.localGet(p);
  });
  mb.exportFunc('realloc', realloc);
  return mb.encode();
}

// ---- the main module -------------------------------------------------------------

interface Strings {
  canaryHeader: { ptr: number; len: number };
  always: { ptr: number; len: number };
  never: { ptr: number; len: number };
  cookieHeader: { ptr: number; len: number };
  sticky: { ptr: number; len: number } | null;
}

interface TraceStrings {
  component: { ptr: number; len: number };
  interface: { ptr: number; len: number };
  functions: { ptr: number; len: number }[];
}

function mainModule(
  model: InterfaceModel,
  cfg: Config,
  backendCount: number,
  data: StaticData,
  stats: StatsLayout,
  strings: Strings,
  heapBase: number,
  pages: number,
  routeHttp: boolean,
  borrowed: Resource[],
  traceStrings: TraceStrings | null,
): Uint8Array {
  const mb = new ModuleBuilder();
  const F = model.functions.length;
  // imports (all before definitions)
  mb.importMemory('alloc', 'memory', pages);
  const heap = mb.importGlobal('alloc', 'heap', 'i32', true);
  const realloc = mb.importFunc('alloc', 'realloc', { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] });
  const now = mb.importFunc('host', 'now', { params: [], results: ['i64'] });
  let headers = -1;
  let get = -1;
  let dropFields = -1;
  if (routeHttp) {
    headers = mb.importFunc('host', 'headers', { params: ['i32'], results: ['i32'] });
    get = mb.importFunc('host', 'get', { params: ['i32', 'i32', 'i32', 'i32'], results: [] });
    dropFields = mb.importFunc('host', 'drop-fields', { params: ['i32'], results: [] });
  }
  const dropBorrow = new Map<Resource, number>();
  for (const [i, r] of borrowed.entries()) dropBorrow.set(r, mb.importFunc('host', `drop-${i}`, { params: ['i32'], results: [] }));
  const callEnded =
    traceStrings !== null
      ? mb.importFunc('host', 'call-ended', { params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i64', 'i64', 'i32'], results: [] })
      : -1;
  const backendFuncs: number[][] = [];
  for (let b = 0; b < backendCount; b++) {
    backendFuncs.push(model.functions.map((f, k) => mb.importFunc(`b${b}`, `f${k}`, f.flat.lower)));
  }
  const counter = mb.global('i32', true, 0);

  // alloc(size, align) -> ptr
  const allocate = mb.func({ params: ['i32', 'i32'], results: ['i32'] }, (f) => {
    f.i32Const(0).i32Const(0).localGet(1).localGet(0).call(realloc);
  });

  // record(slot, latency, is_err)
  const record = mb.func({ params: ['i32', 'i64', 'i32'], results: [] }, (f) => {
    const [slot, dt, err] = [0, 1, 2];
    const at = f.local('i32');
    const old = f.local('i64');
    const i = f.local('i32');
    const FS = FUNCTION_STATS_FIELD;
    const rec0 = stats.recordAddr(0);
    const recSize = stats.recordAddr(1) - rec0 || 56;
    f.localGet(slot).i32Const(recSize).i32Mul().i32Const(rec0).i32Add().localSet(at);
    const bump = (field: string, value: (f: FuncBuilder) => void) => {
      const off = FS.get(field) as number;
      f.localGet(at).localGet(at).i64Load(off);
      value(f);
      f.i64Add().i64Store(off);
    };
    bump('calls', (g) => g.i64Const(1n));
    bump('errors', (g) => g.localGet(err).i64ExtendI32U());
    bump('total-latency-ns', (g) => g.localGet(dt));
    const maxOff = FS.get('max-latency-ns') as number;
    f.localGet(at).i64Load(maxOff).localSet(old);
    f.localGet(at).localGet(dt).localGet(old).localGet(dt).localGet(old).i64GtU().select().i64Store(maxOff);
    // bucket: the first bound >= latency, or the last (+Inf) counter
    f.i32Const(0).localSet(i);
    f.block().loop();
    f.localGet(i).i32Const(stats.bounds).i32GeU().brIf(1);
    f.localGet(dt).localGet(i).i32Const(8).i32Mul().i32Const(stats.boundsAddr).i32Add().i64Load().i64LeU().brIf(1);
    f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
    f.end().end();
    const b0 = stats.bucketsAddr(0);
    const bucketsPerSlot = stats.bounds + 1;
    f.localGet(slot)
      .i32Const(bucketsPerSlot * 8)
      .i32Mul()
      .i32Const(b0)
      .i32Add()
      .localGet(i)
      .i32Const(8)
      .i32Mul()
      .i32Add()
      .localTee(at);
    f.localGet(at).i64Load().i64Const(1n).i64Add().i64Store();
  });

  // route() -> 1 for canary: of every 100 consecutive calls exactly `weight`, spread evenly
  const W = cfg.weight;
  const route = mb.func({ params: [], results: ['i32'] }, (f) => {
    if (cfg.role === 'tap' || W === 0) {
      f.i32Const(0);
      return;
    }
    if (W === 100) {
      f.i32Const(1);
      return;
    }
    const c = f.local('i32');
    const next = f.local('i32');
    // canary iff floor((n+1)W/100) > floor(nW/100), n cycling through 0..99
    f.globalGet(counter).i32Const(1).i32Add().localTee(next).i32Const(W).i32Mul().i32Const(100).i32DivU();
    f.globalGet(counter).i32Const(W).i32Mul().i32Const(100).i32DivU().i32GtU().localSet(c);
    f.localGet(next).localGet(next).i32Const(100).i32Ne().i32Mul().globalSet(counter);
    f.localGet(c);
  });

  const routeRequest = routeHttp ? httpRouting(mb, cfg, strings, { headers, get, dropFields, allocate, route }) : -1;

  // the forwarding functions
  for (const [k, fn] of model.functions.entries()) {
    const flat = fn.flat;
    const exported = mb.func(flat.lift, (f) => {
      const backend = f.local('i32');
      const t0 = f.local('i64');
      const dt = f.local('i64');
      const ret = flat.resultsInMemory ? f.local('i32') : -1;
      const res = !flat.resultsInMemory && flat.results.length === 1 ? f.local(flat.results[0] as NumType) : -1;
      // which backend
      const req = routeRequest >= 0 ? requestParam(fn.type) : -1;
      if (req >= 0 && !flat.paramsInMemory) f.localGet(req).call(routeRequest);
      else f.call(route);
      f.localSet(backend);
      if (flat.resultsInMemory) {
        const r = fn.type.result as VType;
        f.i32Const(elemSize(r)).i32Const(alignment(r)).call(allocate).localSet(ret);
      }
      f.call(now).localSet(t0);
      const forward = (b: number) => {
        for (let p = 0; p < flat.lift.params.length; p++) f.localGet(p);
        if (flat.resultsInMemory) f.localGet(ret);
        f.call(backendFuncs[b]?.[k] as number);
        if (res >= 0) f.localSet(res);
      };
      if (backendCount === 1) forward(0);
      else {
        f.localGet(backend).if();
        forward(1);
        f.else();
        forward(0);
        f.end();
      }
      const t1 = f.local('i64');
      const failed = f.local('i32');
      f.call(now).localTee(t1).localGet(t0).i64Sub().localSet(dt);
      if (fn.type.result?.kind === 'result') {
        if (flat.resultsInMemory) f.localGet(ret).i32Load8U();
        else f.localGet(res).i32Const(1).i32Eq();
      } else f.i32Const(0);
      f.localSet(failed);
      // slot, latency, is_err
      f.localGet(backend).i32Const(F).i32Mul().i32Const(k).i32Add().localGet(dt).localGet(failed);
      f.call(record);
      if (traceStrings !== null) {
        const fname = traceStrings.functions[k] as { ptr: number; len: number };
        for (const s of [traceStrings.component, traceStrings.interface, fname]) f.i32Const(s.ptr).i32Const(s.len);
        f.localGet(t0).localGet(t1).localGet(failed).call(callEnded);
      }
      // borrows received must be dropped before returning (the canonical ABI traps otherwise)
      dropParamBorrows(f, fn.type, flat.paramsInMemory, dropBorrow);
      if (flat.resultsInMemory) f.localGet(ret);
      else if (res >= 0) f.localGet(res);
    });
    mb.exportFunc(`f${k}`, exported);
    const post = mb.func({ params: flat.lift.results, results: [] }, (f) => {
      f.i32Const(heapBase).globalSet(heap);
    });
    mb.exportFunc(`post${k}`, post);
  }

  // snapshot() -> pointer to the report, after writing the memory size into it
  const snapshot = mb.func({ params: [], results: ['i32'] }, (f) => {
    f.i32Const(stats.memoryBytesAddr).memorySize().i64ExtendI32U().i64Const(16n).i64Shl().i64Store();
    f.i32Const(stats.reportAddr);
  });
  mb.exportFunc('snapshot', snapshot);
  mb.dataSegment(STATIC_BASE, data.image());
  return mb.encode();
}

/** Flat index of the `own<incoming-request>` parameter, or -1. */
function requestParam(f: FuncT): number {
  let at = 0;
  for (const p of f.params) {
    if (p.type.kind === 'own' && p.type.resource.name === 'incoming-request') return at;
    at += flatten(p.type).length;
  }
  return -1;
}

// ---- HTTP routing ---------------------------------------------------------------------

interface HttpFuncs {
  headers: number;
  get: number;
  dropFields: number;
  allocate: number;
  route: number;
}

/**
 * routeRequest(request) -> 1 for canary. `x-flotilla-canary: always|never`
 * decides first; then the sticky header or cookie, hashed (FNV-1a) into 100
 * buckets of which the first `weight` go to canary; then the weight counter.
 * The headers' `fields` handle is a child of the request: it is dropped
 * before the request is forwarded.
 */
function httpRouting(mb: ModuleBuilder, cfg: Config, s: Strings, h: HttpFuncs): number {
  // lower(byte): ASCII lowercase
  const lower = mb.func({ params: ['i32'], results: ['i32'] }, (f) => {
    f.localGet(0).i32Const(32).i32Or().localGet(0).localGet(0).i32Const(65).i32Sub().i32Const(26).i32LtU().select();
  });
  // equalsIgnoreCase(p, l, q, m) -> i32
  const equals = mb.func({ params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }, (f) => {
    const i = f.local('i32');
    f.localGet(1).localGet(3).i32Ne().if().i32Const(0).return().end();
    f.block().loop();
    f.localGet(i).localGet(1).i32GeU().brIf(1);
    f.localGet(0).localGet(i).i32Add().i32Load8U().call(lower);
    f.localGet(2).localGet(i).i32Add().i32Load8U().call(lower);
    f.i32Ne().if().i32Const(0).return().end();
    f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
    f.end().end();
    f.i32Const(1);
  });
  // hash(p, l) -> 31-bit FNV-1a
  const hash = mb.func({ params: ['i32', 'i32'], results: ['i32'] }, (f) => {
    const i = f.local('i32');
    const x = f.local('i32');
    f.i32Const(0x811c9dc5).localSet(x);
    f.block().loop();
    f.localGet(i).localGet(1).i32GeU().brIf(1);
    f.localGet(x).localGet(0).localGet(i).i32Add().i32Load8U().i32Xor().i32Const(0x01000193).i32Mul().localSet(x);
    f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
    f.end().end();
    f.localGet(x).i32Const(0x7fffffff).i32And();
  });
  // cookie(p, l) -> hash of the named cookie's value in a Cookie header value, or -1
  const cookie =
    s.sticky !== null && cfg.sticky !== null && 'cookie' in cfg.sticky
      ? mb.func({ params: ['i32', 'i32'], results: ['i32'] }, (f) => {
          const name = s.sticky as { ptr: number; len: number };
          const i = f.local('i32');
          const e = f.local('i32');
          const c = f.local('i32');
          const byteAt = (idx: number) => f.localGet(0).localGet(idx).i32Add().i32Load8U();
          f.block().loop();
          // skip separators
          f.block().loop();
          f.localGet(i).localGet(1).i32GeU().brIf(1);
          byteAt(i);
          f.localTee(c).i32Const(32).i32Eq().localGet(c).i32Const(59).i32Eq().i32Or().localGet(c).i32Const(9).i32Eq().i32Or();
          f.i32Eqz().brIf(1);
          f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
          f.end().end();
          f.localGet(i).localGet(1).i32GeU().if().i32Const(-1).return().end();
          // name=?
          f.localGet(i).i32Const(name.len).i32Add().localGet(1).i32LtU();
          f.if();
          f.localGet(0).localGet(i).i32Add().i32Const(name.len).i32Const(name.ptr).i32Const(name.len).call(equals);
          f.localGet(0).localGet(i).i32Add().i32Const(name.len).i32Add().i32Load8U().i32Const(61).i32Eq().i32And();
          f.if();
          // the value runs to the next ';' (or the end)
          f.localGet(i)
            .i32Const(name.len + 1)
            .i32Add()
            .localTee(i)
            .localSet(e);
          f.block().loop();
          f.localGet(e).localGet(1).i32GeU().brIf(1);
          byteAt(e);
          f.i32Const(59).i32Eq().brIf(1);
          f.localGet(e).i32Const(1).i32Add().localSet(e).br(0);
          f.end().end();
          f.localGet(0).localGet(i).i32Add().localGet(e).localGet(i).i32Sub().call(hash).return();
          f.end();
          f.end();
          // skip to the next ';'
          f.block().loop();
          f.localGet(i).localGet(1).i32GeU().brIf(1);
          byteAt(i);
          f.i32Const(59).i32Eq().brIf(1);
          f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
          f.end().end();
          f.br(0);
          f.end().end();
          f.i32Const(-1);
        })
      : -1;

  const W = cfg.weight;
  return mb.func({ params: ['i32'], results: ['i32'] }, (f) => {
    const req = 0;
    const fields = f.local('i32');
    const ret = f.local('i32');
    const d = f.local('i32');
    const v = f.local('i32');
    const n = f.local('i32');
    const i = f.local('i32');
    const k = f.local('i32');
    f.i32Const(-1).localSet(d);
    f.localGet(req).call(h.headers).localSet(fields);
    f.i32Const(8).i32Const(4).call(h.allocate).localSet(ret);
    // values of a header: (ptr, len) of list<list<u8>> at ret
    const lookup = (name: { ptr: number; len: number }) => {
      f.localGet(fields).i32Const(name.ptr).i32Const(name.len).localGet(ret).call(h.get);
    };
    const firstValue = () => {
      // v = address of the first (ptr, len), when there is one
      f.localGet(ret).i32Load().localSet(v);
      f.localGet(ret).i32Load(4).localSet(n);
    };
    // 1. x-flotilla-canary: always | never
    lookup(s.canaryHeader);
    firstValue();
    f.localGet(n).if();
    f.localGet(v).i32Load().localGet(v).i32Load(4).i32Const(s.always.ptr).i32Const(s.always.len).call(equals);
    f.if().i32Const(1).localSet(d).end();
    f.localGet(v).i32Load().localGet(v).i32Load(4).i32Const(s.never.ptr).i32Const(s.never.len).call(equals);
    f.if().i32Const(0).localSet(d).end();
    f.end();
    // 2. sticky: a hash of the header's or cookie's value
    if (cfg.sticky !== null && s.sticky !== null) {
      f.localGet(d).i32Const(-1).i32Eq().if();
      if ('header' in cfg.sticky) {
        lookup(s.sticky);
        firstValue();
        f.localGet(n).if();
        f.localGet(v).i32Load().localGet(v).i32Load(4).call(hash).i32Const(100).i32RemU().i32Const(W).i32LtU().localSet(d);
        f.end();
      } else {
        lookup(s.cookieHeader);
        firstValue();
        f.block().loop();
        f.localGet(i).localGet(n).i32GeU().brIf(1);
        f.localGet(v).localGet(i).i32Const(8).i32Mul().i32Add().localTee(k).i32Load().localGet(k).i32Load(4).call(cookie).localTee(k);
        f.i32Const(-1).i32Ne().if();
        f.localGet(k).i32Const(100).i32RemU().i32Const(W).i32LtU().localSet(d).br(2);
        f.end();
        f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
        f.end().end();
      }
      f.end();
    }
    f.localGet(fields).call(h.dropFields);
    // 3. the weight
    f.localGet(d).i32Const(-1).i32Eq().if().call(h.route).localSet(d).end();
    f.localGet(d);
  });
}

// ---- borrow handles ---------------------------------------------------------------------

/**
 * Drops every borrow handle the parameters carry (flat, or in the parameter
 * tuple in memory; inside records, variants and lists too).
 */
function dropParamBorrows(f: FuncBuilder, fn: FuncT, inMemory: boolean, drops: Map<Resource, number>): void {
  if (drops.size === 0) return;
  if (inMemory) {
    dropInMemory(f, paramsTuple(fn), 0, 0, drops);
    return;
  }
  let at = 0;
  for (const p of fn.params) {
    const n = flatten(p.type).length;
    const slots = flatten(p.type).map((t, i) => ({ local: at + i, type: t }));
    dropFlat(f, p.type, slots, drops);
    at += n;
  }
}

const hasBorrow = (t: VType) => contains(t, (u) => u.kind === 'borrow');

interface Slot {
  local: number;
  /** The core type the local has (a variant's joined type may be wider than the case's). */
  type: NumType;
}

function getI32(f: FuncBuilder, s: Slot): void {
  f.localGet(s.local);
  if (s.type === 'i64') f.i32WrapI64();
}

function dropFlat(f: FuncBuilder, t: VType, slots: Slot[], drops: Map<Resource, number>): void {
  if (!hasBorrow(t)) return;
  if (t.kind === 'borrow') {
    getI32(f, slots[0] as Slot);
    f.call(drops.get(t.resource) as number);
    return;
  }
  const fields = recordFields(t);
  if (fields !== null) {
    let at = 0;
    for (const x of fields) {
      const n = flatten(x).length;
      dropFlat(f, x, slots.slice(at, at + n), drops);
      at += n;
    }
    return;
  }
  if (t.kind === 'list' && t.length !== null) {
    const n = flatten(t.element).length;
    for (let j = 0; j < t.length; j++) dropFlat(f, t.element, slots.slice(j * n, (j + 1) * n), drops);
    return;
  }
  if (t.kind === 'list' || t.kind === 'map') {
    const element: VType = t.kind === 'list' ? t.element : { kind: 'tuple', types: [t.key, t.value] };
    const ptr = f.local('i32');
    const len = f.local('i32');
    getI32(f, slots[0] as Slot);
    f.localSet(ptr);
    getI32(f, slots[1] as Slot);
    f.localSet(len);
    dropListElements(f, element, ptr, len, drops);
    return;
  }
  const cases = variantCases(t);
  if (cases !== null) {
    const disc = slots[0] as Slot;
    const payload = slots.slice(1);
    for (const [i, c] of cases.entries()) {
      if (c.type === null || !hasBorrow(c.type)) continue;
      getI32(f, disc);
      f.i32Const(i).i32Eq().if();
      dropFlat(f, c.type, payload.slice(0, flatten(c.type).length), drops);
      f.end();
    }
  }
}

function dropListElements(f: FuncBuilder, element: VType, ptr: number, len: number, drops: Map<Resource, number>): void {
  const i = f.local('i32');
  const at = f.local('i32');
  f.block().loop();
  f.localGet(i).localGet(len).i32GeU().brIf(1);
  f.localGet(ptr).localGet(i).i32Const(elemSize(element)).i32Mul().i32Add().localSet(at);
  dropInMemory(f, element, at, 0, drops);
  f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
  f.end().end();
}

function dropInMemory(f: FuncBuilder, t: VType, addr: number, offset: number, drops: Map<Resource, number>): void {
  if (!hasBorrow(t)) return;
  if (t.kind === 'borrow') {
    f.localGet(addr)
      .i32Load(offset)
      .call(drops.get(t.resource) as number);
    return;
  }
  const fields = recordFields(t);
  if (fields !== null) {
    const offs = fieldOffsets(fields);
    for (const [j, x] of fields.entries()) dropInMemory(f, x, addr, offset + (offs[j] as number), drops);
    return;
  }
  if (t.kind === 'list' && t.length !== null) {
    for (let j = 0; j < t.length; j++) dropInMemory(f, t.element, addr, offset + j * elemSize(t.element), drops);
    return;
  }
  if (t.kind === 'list' || t.kind === 'map') {
    const element: VType = t.kind === 'list' ? t.element : { kind: 'tuple', types: [t.key, t.value] };
    const ptr = f.local('i32');
    const len = f.local('i32');
    f.localGet(addr).i32Load(offset).localSet(ptr);
    f.localGet(addr)
      .i32Load(offset + 4)
      .localSet(len);
    dropListElements(f, element, ptr, len, drops);
    return;
  }
  const cases = variantCases(t);
  if (cases !== null) {
    const po = payloadOffset(cases);
    for (const [i, c] of cases.entries()) {
      if (c.type === null || !hasBorrow(c.type)) continue;
      f.localGet(addr);
      const ds = discriminantSize(cases.length);
      if (ds === 1) f.i32Load8U(offset);
      else if (ds === 2) f.i32Load16U(offset);
      else f.i32Load(offset);
      f.i32Const(i).i32Eq().if();
      dropInMemory(f, c.type, addr, offset + po, drops);
      f.end();
    }
  }
}

/**
 * `flotilla:interpose/stats@0.1.0` (wit/interpose/stats.wit): its types, and
 * the interposer's counters laid out in linear memory exactly as the
 * canonical ABI lays out the `report` record. The counters are updated in
 * place by every forwarded call, so `snapshot()` returns a pointer to static
 * data and nothing is built or copied per report.
 */
import type { ExternT, InstanceT, VType } from '../component/types.ts';
import { alignment, alignTo, elemSize, fieldOffsets } from './abi.ts';

export const STATS_INTERFACE = 'flotilla:interpose/stats@0.1.0';

/** Export names under which a composed app exports its interposers' stats: `flotilla-stats-<label>`. */
export const STATS_EXPORT_PREFIX = 'flotilla-stats-';

/**
 * Default latency buckets (upper bounds, nanoseconds): 5 µs to 10 s, about
 * three per decade, the usual Prometheus spread shifted down to where calls
 * between components of one process fall.
 */
export const DEFAULT_BUCKETS_NS: readonly bigint[] = [
  5_000n,
  10_000n,
  25_000n,
  50_000n,
  100_000n,
  250_000n,
  500_000n,
  1_000_000n,
  2_500_000n,
  5_000_000n,
  10_000_000n,
  25_000_000n,
  50_000_000n,
  100_000_000n,
  250_000_000n,
  500_000_000n,
  1_000_000_000n,
  2_500_000_000n,
  5_000_000_000n,
  10_000_000_000n,
];

const string: VType = { kind: 'prim', name: 'string' };
const u8: VType = { kind: 'prim', name: 'u8' };
const u64: VType = { kind: 'prim', name: 'u64' };
const u64list: VType = { kind: 'list', element: u64, length: null };

export const ROLE: VType = { kind: 'enum', names: ['splitter', 'tap'] };

export const FUNCTION_STATS: VType = {
  kind: 'record',
  fields: [
    { name: 'backend', type: string },
    { name: 'function', type: string },
    { name: 'calls', type: u64 },
    { name: 'errors', type: u64 },
    { name: 'total-latency-ns', type: u64 },
    { name: 'max-latency-ns', type: u64 },
    { name: 'buckets', type: u64list },
  ],
};

export const REPORT: VType = {
  kind: 'record',
  fields: [
    { name: 'label', type: string },
    { name: 'interface-name', type: string },
    { name: 'role', type: ROLE },
    { name: 'weight', type: u8 },
    { name: 'sticky', type: { kind: 'option', type: string } },
    { name: 'bucket-bounds-ns', type: u64list },
    { name: 'functions', type: { kind: 'list', element: FUNCTION_STATS, length: null } },
    { name: 'memory-bytes', type: u64 },
  ],
};

/** The instance type of the stats interface, as the interposer exports it. */
export function statsInstanceType(): InstanceT {
  return {
    kind: 'instance',
    exports: new Map<string, ExternT>([
      ['role', { kind: 'type', type: ROLE }],
      ['function-stats', { kind: 'type', type: FUNCTION_STATS }],
      ['report', { kind: 'type', type: REPORT }],
      ['snapshot', { kind: 'func', async: false, params: [], result: REPORT }],
    ]),
    declared: [],
  };
}

function offsetsOf(t: VType): Map<string, number> {
  if (t.kind !== 'record') throw new Error('not a record');
  const offs = fieldOffsets(t.fields.map((f) => f.type));
  return new Map(t.fields.map((f, i) => [f.name, offs[i] as number]));
}

export const FUNCTION_STATS_SIZE = elemSize(FUNCTION_STATS);
export const FUNCTION_STATS_FIELD = offsetsOf(FUNCTION_STATS);
export const REPORT_FIELD = offsetsOf(REPORT);

/** Bytes placed in linear memory at `base`, with the canonical layout of what they hold. */
export class StaticData {
  readonly base: number;
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  length = 0;

  constructor(base: number) {
    this.base = base;
  }

  /** Reserves `size` zeroed bytes aligned to `align`; their address. */
  alloc(size: number, align: number): number {
    const start = alignTo(this.base + this.length, align) - this.base;
    const end = start + size;
    if (end > this.buf.length) {
      const next = new Uint8Array(Math.max(end, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.length = end;
    return this.base + start;
  }

  u8(addr: number, v: number): void {
    this.view.setUint8(addr - this.base, v);
  }

  u32(addr: number, v: number): void {
    this.view.setUint32(addr - this.base, v, true);
  }

  u64(addr: number, v: bigint): void {
    this.view.setBigUint64(addr - this.base, v, true);
  }

  /** Stores UTF-8 bytes; their address and length. */
  bytes(data: Uint8Array): { ptr: number; len: number } {
    const ptr = this.alloc(data.length, 1);
    this.buf.set(data, ptr - this.base);
    return { ptr, len: data.length };
  }

  string(s: string): { ptr: number; len: number } {
    return this.bytes(new TextEncoder().encode(s));
  }

  /** A (ptr, len) pair at `addr`. */
  pair(addr: number, p: { ptr: number; len: number }): void {
    this.u32(addr, p.ptr);
    this.u32(addr + 4, p.len);
  }

  image(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

export interface StatsConfig {
  label: string;
  interfaceName: string;
  role: 'splitter' | 'tap';
  weight: number;
  sticky: string | null;
  bucketsNs: readonly bigint[];
  backends: readonly string[];
  functions: readonly string[];
}

/** Where the counters live. `slot` is `backend * functions + function`. */
export interface StatsLayout {
  reportAddr: number;
  memoryBytesAddr: number;
  boundsAddr: number;
  bounds: number;
  slots: number;
  /** Address of the `function-stats` record of a slot. */
  recordAddr(slot: number): number;
  /** Address of the first bucket counter of a slot. */
  bucketsAddr(slot: number): number;
}

/** Lays the report out in `data`: strings, bounds, one record per slot with its bucket counters (all zero). */
export function layOutStats(data: StaticData, c: StatsConfig): StatsLayout {
  const reportAddr = data.alloc(elemSize(REPORT), alignment(REPORT));
  const slots = c.backends.length * c.functions.length;
  const bounds = c.bucketsNs.length;
  const boundsAddr = data.alloc(8 * bounds, 8);
  for (const [i, b] of c.bucketsNs.entries()) data.u64(boundsAddr + 8 * i, b);
  const recordsAddr = data.alloc(FUNCTION_STATS_SIZE * slots, alignment(FUNCTION_STATS));
  const bucketsBase = data.alloc(8 * (bounds + 1) * slots, 8);
  const backendNames = c.backends.map((b) => data.string(b));
  const functionNames = c.functions.map((f) => data.string(f));
  const F = FUNCTION_STATS_FIELD;
  for (let b = 0; b < c.backends.length; b++) {
    for (let f = 0; f < c.functions.length; f++) {
      const slot = b * c.functions.length + f;
      const at = recordsAddr + slot * FUNCTION_STATS_SIZE;
      data.pair(at + (F.get('backend') as number), backendNames[b] as { ptr: number; len: number });
      data.pair(at + (F.get('function') as number), functionNames[f] as { ptr: number; len: number });
      data.pair(at + (F.get('buckets') as number), { ptr: bucketsBase + slot * 8 * (bounds + 1), len: bounds + 1 });
    }
  }
  const R = REPORT_FIELD;
  data.pair(reportAddr + (R.get('label') as number), data.string(c.label));
  data.pair(reportAddr + (R.get('interface-name') as number), data.string(c.interfaceName));
  data.u8(reportAddr + (R.get('role') as number), c.role === 'splitter' ? 0 : 1);
  data.u8(reportAddr + (R.get('weight') as number), c.weight);
  const sticky = reportAddr + (R.get('sticky') as number);
  if (c.sticky !== null) {
    data.u8(sticky, 1);
    // option<string>: discriminant, then the string at the payload offset (4)
    data.pair(sticky + 4, data.string(c.sticky));
  }
  data.pair(reportAddr + (R.get('bucket-bounds-ns') as number), { ptr: boundsAddr, len: bounds });
  data.pair(reportAddr + (R.get('functions') as number), { ptr: recordsAddr, len: slots });
  return {
    reportAddr,
    memoryBytesAddr: reportAddr + (R.get('memory-bytes') as number),
    boundsAddr,
    bounds,
    slots,
    recordAddr: (slot) => recordsAddr + slot * FUNCTION_STATS_SIZE,
    bucketsAddr: (slot) => bucketsBase + slot * 8 * (bounds + 1),
  };
}

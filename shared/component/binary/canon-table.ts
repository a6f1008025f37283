/**
 * The canonical built-ins other than lift, lower and resource.new/drop/rep:
 * opcode, name and the kinds of their immediates, in binary order (from
 * Binary.md, "Canonical Definitions").
 */
export type ImmediateKind = 'u32' | 'flag' | 'opts' | 'resultlist' | 'coreValType';

export const CANON_BUILTINS: ReadonlyMap<number, { name: string; immediates: readonly ImmediateKind[] }> = new Map([
  [0x05, { name: 'task.cancel', immediates: [] }],
  [0x06, { name: 'subtask.cancel', immediates: ['flag'] }],
  [0x07, { name: 'resource.drop async', immediates: ['u32'] }],
  [0x08, { name: 'backpressure.set', immediates: [] }],
  [0x09, { name: 'task.return', immediates: ['resultlist', 'opts'] }],
  [0x0a, { name: 'context.get', immediates: ['coreValType', 'u32'] }],
  [0x0b, { name: 'context.set', immediates: ['coreValType', 'u32'] }],
  [0x0c, { name: 'thread.yield', immediates: ['flag'] }],
  [0x0d, { name: 'subtask.drop', immediates: [] }],
  [0x0e, { name: 'stream.new', immediates: ['u32'] }],
  [0x0f, { name: 'stream.read', immediates: ['u32', 'opts'] }],
  [0x10, { name: 'stream.write', immediates: ['u32', 'opts'] }],
  [0x11, { name: 'stream.cancel-read', immediates: ['u32', 'flag'] }],
  [0x12, { name: 'stream.cancel-write', immediates: ['u32', 'flag'] }],
  [0x13, { name: 'stream.drop-readable', immediates: ['u32'] }],
  [0x14, { name: 'stream.drop-writable', immediates: ['u32'] }],
  [0x15, { name: 'future.new', immediates: ['u32'] }],
  [0x16, { name: 'future.read', immediates: ['u32', 'opts'] }],
  [0x17, { name: 'future.write', immediates: ['u32', 'opts'] }],
  [0x18, { name: 'future.cancel-read', immediates: ['u32', 'flag'] }],
  [0x19, { name: 'future.cancel-write', immediates: ['u32', 'flag'] }],
  [0x1a, { name: 'future.drop-readable', immediates: ['u32'] }],
  [0x1b, { name: 'future.drop-writable', immediates: ['u32'] }],
  [0x1c, { name: 'error-context.new', immediates: ['opts'] }],
  [0x1d, { name: 'error-context.debug-message', immediates: ['opts'] }],
  [0x1e, { name: 'error-context.drop', immediates: [] }],
  [0x1f, { name: 'waitable-set.new', immediates: [] }],
  [0x20, { name: 'waitable-set.wait', immediates: ['flag', 'u32'] }],
  [0x21, { name: 'waitable-set.poll', immediates: ['flag', 'u32'] }],
  [0x22, { name: 'waitable-set.drop', immediates: [] }],
  [0x23, { name: 'waitable.join', immediates: [] }],
  [0x24, { name: 'backpressure.inc', immediates: [] }],
  [0x25, { name: 'backpressure.dec', immediates: [] }],
  [0x26, { name: 'thread.index', immediates: [] }],
  [0x27, { name: 'thread.new-indirect', immediates: ['u32', 'u32'] }],
  [0x28, { name: 'thread.resume-later', immediates: [] }],
  [0x29, { name: 'thread.suspend', immediates: ['flag'] }],
  [0x2a, { name: 'thread.suspend-then-resume', immediates: ['flag'] }],
  [0x2b, { name: 'thread.yield-then-resume', immediates: ['flag'] }],
  [0x2c, { name: 'thread.suspend-then-promote', immediates: ['flag'] }],
  [0x2d, { name: 'thread.yield-then-promote', immediates: ['flag'] }],
  [0x40, { name: 'thread.spawn-ref', immediates: ['flag', 'u32'] }],
  [0x41, { name: 'thread.spawn-indirect', immediates: ['flag', 'u32', 'u32'] }],
  [0x42, { name: 'thread.available-parallelism', immediates: ['flag'] }],
]);

export const PRIM_BY_CODE: ReadonlyMap<number, import('./ast.ts').PrimValType> = new Map([
  [0x7f, 'bool'],
  [0x7e, 's8'],
  [0x7d, 'u8'],
  [0x7c, 's16'],
  [0x7b, 'u16'],
  [0x7a, 's32'],
  [0x79, 'u32'],
  [0x78, 's64'],
  [0x77, 'u64'],
  [0x76, 'f32'],
  [0x75, 'f64'],
  [0x74, 'char'],
  [0x73, 'string'],
  [0x64, 'error-context'],
]);

export const CODE_BY_PRIM: ReadonlyMap<string, number> = new Map([...PRIM_BY_CODE].map(([k, v]) => [v, k]));

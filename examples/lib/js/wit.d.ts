export function payloadOf(err: unknown): unknown;
export function attempt<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: unknown };
export function num(value: number | bigint): number;
export function describeError(err: unknown): string;
export function bigintSafe(key: string, value: unknown): unknown;
export function toJson(value: unknown, indent?: number): string;
export function numbersIn<T>(value: T): T;
export function withNumbers<T extends Record<string, (...args: never[]) => unknown>>(iface: T): T;

// Helpers for JavaScript components built with componentize-qjs.

/** The err value of a failed import call: QuickJS raises an Error carrying the WIT value in `payload`. */
export function payloadOf(err) {
  return err && typeof err === 'object' && 'payload' in err ? err.payload : err;
}

/** Calls `fn`; a WIT error comes back as `{ ok: false, error }`, a value as `{ ok: true, value }`. */
export function attempt(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    return { ok: false, error: payloadOf(err) };
  }
}

/** A WIT integer (u64/s64 arrive as BigInt) as a Number; integers stay below 2^53 here. */
export function num(value) {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** Text of a WIT error variant (`{ tag, val }`) or anything else. */
export function describeError(err) {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object' && 'tag' in err) {
    const v = err.val;
    if (v === undefined) return err.tag;
    if (typeof v === 'object') return `${err.tag}: ${JSON.stringify(v, bigintSafe)}`;
    return `${err.tag}: ${v}`;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/** JSON.stringify replacer that writes BigInt as a Number. */
export function bigintSafe(_key, value) {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** JSON text of a value that may hold BigInt. */
export function toJson(value, indent) {
  return JSON.stringify(value, bigintSafe, indent);
}

/** The value with every BigInt in it (deeply, in plain objects and arrays) as a Number. */
export function numbersIn(value) {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(numbersIn);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = numbersIn(v);
    return out;
  }
  return value;
}

/**
 * An exported interface whose functions get their arguments with Numbers for
 * BigInt. componentize-qjs hands u64/s64 values to JavaScript as BigInt but
 * traps when one is passed back to an import as a BigInt (it takes a Number),
 * so a call context received from one service could not be passed on to the
 * next. Every integer here stays below 2^53.
 */
export function withNumbers(iface) {
  const out = {};
  for (const [name, fn] of Object.entries(iface)) out[name] = (...args) => fn(...args.map(numbersIn));
  return out;
}

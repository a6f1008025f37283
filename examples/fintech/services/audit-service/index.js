// fintech:audit — the append-only audit trail (ghcr.io/bank/compliance/audit).
// Exports fintech:platform/audit@1.0.0 and flotilla:platform/monitoring@1.0.0
// (the gateway's structured logs and spans, with correlation ids).
//
// Entries are only ever appended. Each one's hash is sha256 over the previous
// hash and the entry's fields, so verify-chain finds the first entry that was
// changed after it was written.
import monotonic from 'wasi:clocks/monotonic-clock@0.2.10';
import wall from 'wasi:clocks/wall-clock@0.2.10';
import { toHex } from '../../../lib/js/bytes.js';
import { sha256 } from '../../../lib/js/sha256.js';
import { num, withNumbers } from '../../../lib/js/wit.js';

const GENESIS = '0'.repeat(64);
const MAX_ENTRIES = 1_000_000;
const entries = [];
/** correlation id -> entry indexes */
const byCorrelation = new Map();

function entryHash(previousHash, e) {
  // Length-prefixed fields: no two different entries hash the same text.
  const fields = [e.sequence, e.correlationId, e.principal, e.region, e.channel, e.atMs, e.action, e.subject, e.outcome, e.detail];
  return toHex(sha256(previousHash + fields.map((f) => `${String(f).length}:${f}`).join('|')));
}

function append(ctx, event) {
  if (entries.length >= MAX_ENTRIES) throw new Error('the audit log is full');
  const previousHash = entries.length === 0 ? GENESIS : entries[entries.length - 1].hash;
  const e = {
    sequence: entries.length + 1,
    correlationId: ctx.correlationId,
    principal: ctx.principal,
    region: ctx.region,
    channel: ctx.channel,
    atMs: num(ctx.nowMs),
    action: event.action,
    subject: event.subject,
    outcome: event.outcome,
    detail: event.detail,
  };
  e.previousHash = previousHash;
  e.hash = entryHash(previousHash, e);
  Object.freeze(e);
  entries.push(e);
  let list = byCorrelation.get(e.correlationId);
  if (list === undefined) {
    list = [];
    byCorrelation.set(e.correlationId, list);
  }
  list.push(entries.length - 1);
  return e;
}

function matches(e, q) {
  if (q.subject != null && e.subject !== q.subject) return false;
  if (q.actionPrefix != null && !e.action.startsWith(q.actionPrefix)) return false;
  return true;
}

const auditImpl = {
  append,
  entries(q) {
    const limit = Math.min(q.limit === 0 ? 1000 : q.limit, 10_000);
    const source = q.correlationId != null ? (byCorrelation.get(q.correlationId) ?? []).map((i) => entries[i]) : entries;
    const out = [];
    for (const e of source) {
      if (!matches(e, q)) continue;
      out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  },
  count() {
    return entries.length;
  },
  logs(correlationId, limit) {
    const all = [...logs, ...finished.map((s) => ({ kind: 'span', ...s }))].filter(
      (l) => correlationId == null || l.correlationId === correlationId || l.name?.includes(correlationId),
    );
    return all.slice(-Math.min(limit === 0 ? 100 : limit, 10_000)).map((l) => JSON.stringify(l));
  },
  verifyChain() {
    let previous = GENESIS;
    for (const e of entries) {
      if (e.previousHash !== previous || entryHash(previous, e) !== e.hash) return { tag: 'broken', val: e.sequence };
      previous = e.hash;
    }
    return { tag: 'intact', val: entries.length };
  },
};

// Monitoring: structured log lines and spans, kept in bounded rings.
const LOG_LIMIT = 10_000;
const logs = [];
const spans = new Map();
const finished = [];
let spanCounter = 0;

function hexId(bytes) {
  spanCounter += 1;
  const seed = `${spanCounter}:${num(monotonic.now())}`;
  return toHex(sha256(seed)).slice(0, bytes * 2);
}

function push(ring, item, limit) {
  ring.push(item);
  if (ring.length > limit) ring.splice(0, ring.length - limit);
}

export const monitoring = {
  startSpan(name, parent) {
    const span = {
      traceId: parent ? parent.traceId : hexId(16),
      spanId: hexId(8),
      parentSpanId: parent ? parent.spanId : undefined,
    };
    spans.set(span.spanId, { ...span, name, startNs: num(monotonic.now()) });
    return span;
  },
  endSpan(span, statusCode) {
    const open = spans.get(span.spanId);
    if (open === undefined) return;
    spans.delete(span.spanId);
    push(finished, { ...open, statusCode, durationNs: num(monotonic.now()) - open.startNs }, LOG_LIMIT);
  },
  recordMetric(name, value, labels) {
    push(logs, { kind: 'metric', name, value, labels, atMs: wallMs() }, LOG_LIMIT);
  },
  log(level, message, correlationId) {
    push(logs, { kind: 'log', level, message, correlationId: correlationId ?? null, atMs: wallMs() }, LOG_LIMIT);
  },
};

function wallMs() {
  const t = wall.now();
  return num(t.seconds) * 1000 + Math.floor(t.nanoseconds / 1e6);
}
export const types = {};

export const audit = withNumbers(auditImpl);

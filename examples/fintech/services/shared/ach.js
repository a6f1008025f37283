// ACH batching shared by the payment rails and their development mock:
// entries are validated (ABA routing checksum, account number, amount),
// gathered into the open batch, and a batch is closed into a NACHA-format
// settlement file (94-character records, blocked by 10).
import { num } from '../../../lib/js/wit.js';

export const ODFI_ROUTING = '123456780'; // this bank's routing number (valid checksum)
const COMPANY_ID = '1123456780';
const MAX_ENTRY = 10_000_000_00; // 10,000,000.00

/** ABA check: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function validRouting(routing) {
  if (!/^\d{9}$/.test(routing)) return false;
  const d = [...routing].map(Number);
  return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])) % 10 === 0;
}

function field(value, width, align = 'left', pad = ' ') {
  const text = String(value).slice(0, width);
  return align === 'left' ? text.padEnd(width, pad) : text.padStart(width, pad);
}

const num0 = (value, width) => field(value, width, 'right', '0');

function yymmdd(ms) {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

function hhmm(ms) {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

export function createRails() {
  let open = [];
  let batchNumber = 1;
  let traceSequence = 1;
  let fileCount = 0;
  /** The last closed batch's entries, until it is known to be sent. */
  const closedEntries = new Map();

  function originate(ctx, entry) {
    const amount = num(entry.amount);
    if (!validRouting(entry.routingNumber)) throw `routing number ${entry.routingNumber} fails the ABA checksum`;
    if (!/^\d{4,17}$/.test(entry.accountNumber)) throw 'the account number must be 4 to 17 digits';
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_ENTRY) throw 'the amount must be from 0.01 to 10,000,000.00';
    if (entry.name.trim() === '') throw 'the receiver name is required';
    const traceNumber = `${ODFI_ROUTING.slice(0, 8)}${String(traceSequence++).padStart(7, '0')}`;
    const batchId = `batch-${String(batchNumber).padStart(7, '0')}`;
    open.push({ ...entry, amount, traceNumber, correlationId: ctx.correlationId });
    return { traceNumber, batchId };
  }

  function closeBatch(ctx) {
    if (open.length === 0) throw 'the open batch has no entries';
    const now = num(ctx.nowMs);
    const entries = open;
    open = [];
    const number = batchNumber++;
    closedEntries.clear();
    closedEntries.set(`batch-${String(number).padStart(7, '0')}`, entries);
    fileCount += 1;
    const credits = entries.filter((e) => e.direction === 'credit').reduce((s, e) => s + e.amount, 0);
    const debits = entries.filter((e) => e.direction === 'debit').reduce((s, e) => s + e.amount, 0);
    const entryHash = entries.reduce((s, e) => s + Number(e.routingNumber.slice(0, 8)), 0) % 10_000_000_000;
    const serviceClass = credits > 0 && debits > 0 ? '200' : credits > 0 ? '220' : '225';
    const lines = [];
    lines.push(
      `101 ${ODFI_ROUTING} ${ODFI_ROUTING}${yymmdd(now)}${hhmm(now)}${String.fromCharCode(64 + ((fileCount - 1) % 26) + 1)}094101${field('FEDERAL RESERVE', 23)}${field('FLOTILLA BANK', 23)}${field('', 8)}`,
    );
    lines.push(
      `5${serviceClass}${field('FLOTILLA BANK', 16)}${field('', 20)}${COMPANY_ID}PPD${field('TRANSFER', 10)}${yymmdd(now)}${yymmdd(now)}${field('', 3)}1${ODFI_ROUTING.slice(0, 8)}${num0(number, 7)}`,
    );
    for (const e of entries) {
      const code = e.direction === 'credit' ? '22' : '27';
      lines.push(
        `6${code}${e.routingNumber.slice(0, 8)}${e.routingNumber[8]}${field(e.accountNumber, 17)}${num0(e.amount, 10)}${field(e.internalAccount, 15)}${field(e.name.toUpperCase(), 22)}  0${e.traceNumber}`,
      );
    }
    lines.push(
      `8${serviceClass}${num0(entries.length, 6)}${num0(entryHash, 10)}${num0(debits, 12)}${num0(credits, 12)}${COMPANY_ID}${field('', 19)}${field('', 6)}${ODFI_ROUTING.slice(0, 8)}${num0(number, 7)}`,
    );
    const blocks = Math.ceil((lines.length + 1) / 10);
    lines.push(
      `9${num0(1, 6)}${num0(blocks, 6)}${num0(entries.length, 8)}${num0(entryHash, 10)}${num0(debits, 12)}${num0(credits, 12)}${field('', 39)}`,
    );
    while (lines.length % 10 !== 0) lines.push('9'.repeat(94));
    for (const l of lines) if (l.length !== 94) throw `internal error: a record of ${l.length} characters`;
    return {
      id: `batch-${String(number).padStart(7, '0')}`,
      entryCount: entries.length,
      totalCredits: credits,
      totalDebits: debits,
      entryHash,
      file: `${lines.join('\n')}\n`,
      transmitted: false,
    };
  }

  /** Puts a closed batch's entries back at the front of the open batch (its transmission failed). */
  function reopen(batch) {
    const entries = closedEntries.get(batch.id);
    if (entries === undefined) return;
    closedEntries.delete(batch.id);
    open = [...entries, ...open];
  }

  return { originate, closeBatch, reopen, pending: () => open.length };
}

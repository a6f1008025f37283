// fintech:balances — ledger balances and holds (ghcr.io/bank/core/balances).
// Exports fintech:platform/balances@1.0.0; imports nothing.
//
// The ledger balance of an account is the sum of its postings; a hold sets
// money aside for a transfer in flight (available = ledger - held). apply()
// takes one journal entry: its postings must sum to zero, and they are applied
// all together or not at all.
import { num, withNumbers } from '../../../lib/js/wit.js';

/** account id -> { ledger, postings } */
const ledgers = new Map();
/** hold id -> { accountId, amount } */
const holds = new Map();
/** account id -> total held */
const heldBy = new Map();

function view(accountId) {
  const l = ledgers.get(accountId) ?? { ledger: 0, postings: 0 };
  const held = heldBy.get(accountId) ?? 0;
  return { accountId, ledger: l.ledger, held, available: l.ledger - held, postings: l.postings };
}

const balancesImpl = {
  get(accountId) {
    return view(accountId);
  },
  hold(_ctx, holdId, accountId, amount, floor) {
    const a = num(amount);
    if (!(a > 0) || !Number.isSafeInteger(a)) throw { tag: 'insufficient', val: 'a hold must be a positive whole amount' };
    if (holds.has(holdId)) throw { tag: 'insufficient', val: `hold ${holdId} exists` };
    const v = view(accountId);
    if (v.available - a < num(floor)) throw { tag: 'insufficient', val: `available ${v.available}, asked ${a}` };
    holds.set(holdId, { accountId, amount: a });
    heldBy.set(accountId, (heldBy.get(accountId) ?? 0) + a);
    return view(accountId);
  },
  release(_ctx, holdId) {
    const h = holds.get(holdId);
    if (h === undefined) throw { tag: 'unknown-hold', val: holdId };
    holds.delete(holdId);
    heldBy.set(h.accountId, (heldBy.get(h.accountId) ?? 0) - h.amount);
    return view(h.accountId);
  },
  apply(_ctx, postings, holdId) {
    let sum = 0;
    for (const p of postings) {
      const a = num(p.amount);
      if (!Number.isSafeInteger(a) || a === 0) throw { tag: 'unbalanced', val: 0 };
      sum += a;
    }
    if (sum !== 0 || postings.length < 2) throw { tag: 'unbalanced', val: sum };
    if (holdId != null) {
      const h = holds.get(holdId);
      if (h === undefined) throw { tag: 'unknown-hold', val: holdId };
      const debit = postings.find((p) => p.accountId === h.accountId && num(p.amount) < 0);
      if (debit === undefined || -num(debit.amount) !== h.amount) throw { tag: 'unknown-hold', val: `${holdId} does not cover the debit` };
    }
    // Everything checked: apply every posting (nothing above has changed state).
    if (holdId != null) {
      const h = holds.get(holdId);
      holds.delete(holdId);
      heldBy.set(h.accountId, (heldBy.get(h.accountId) ?? 0) - h.amount);
    }
    for (const p of postings) {
      const l = ledgers.get(p.accountId) ?? { ledger: 0, postings: 0 };
      l.ledger += num(p.amount);
      l.postings += 1;
      ledgers.set(p.accountId, l);
    }
  },
  total() {
    let t = 0;
    for (const l of ledgers.values()) t += l.ledger;
    return t;
  },
};

export const balances = withNumbers(balancesImpl);

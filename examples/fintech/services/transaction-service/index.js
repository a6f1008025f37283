// fintech:transactions — the double-entry journal (ghcr.io/bank/core/transactions).
// Imports accounts, balances, fraud, payment-rails and audit; exports
// fintech:platform/ledger@1.0.0.
//
// A transfer: validate, check ownership and currency, hold the amount on the
// source account, ask the fraud monitor, then either post one balanced entry
// (debit source, credit destination; the hold is consumed) or release the
// hold. A declined transfer leaves no entry, no hold and no balance change;
// every step is in the audit log under the request's correlation id.
// Deposits and withdrawals go over the payment rails through the clearing
// account, so every entry still balances.
import accounts from 'fintech:platform/accounts@1.0.0';
import audit from 'fintech:platform/audit@1.0.0';
import balances from 'fintech:platform/balances@1.0.0';
import fraud from 'fintech:platform/fraud@1.0.0';
import rails from 'fintech:platform/payment-rails@1.0.0';
import { attempt, describeError, num, toJson, withNumbers } from '../../../lib/js/wit.js';

const MAX_TRANSFER = 25_000_000; // 250,000.00
const entries = [];
/** account id -> entry indexes */
const byAccount = new Map();
/** idempotency key -> { fingerprint, result } (result: { ok, value | error }) */
const idempotency = new Map();
let nextEntry = 1;
let nextHold = 1;

function clearingAccount(ctx, currency) {
  return accounts.openInternal(ctx, `int-ach-clearing-${currency.toLowerCase()}`, currency).id;
}

function record(ctx, action, subject, outcome, detail) {
  audit.append(ctx, { action, subject, outcome, detail: toJson(detail) });
}

function store(ctx, kind, memo, postings) {
  const entry = {
    id: `je-${String(nextEntry++).padStart(7, '0')}`,
    correlationId: ctx.correlationId,
    kind,
    memo,
    postings: postings.map((p) => ({ accountId: p.accountId, amount: num(p.amount) })),
    atMs: ctx.nowMs,
  };
  entries.push(entry);
  for (const p of entry.postings) {
    let list = byAccount.get(p.accountId);
    if (list === undefined) {
      list = [];
      byAccount.set(p.accountId, list);
    }
    list.push(entries.length - 1);
  }
  return entry;
}

/** Posts a balanced entry through balances (atomically), then into the journal. */
function postEntry(ctx, kind, memo, postings, holdId) {
  const applied = attempt(() => balances.apply(ctx, postings, holdId ?? undefined));
  if (!applied.ok) throw { tag: 'invalid', val: `the entry does not balance: ${describeError(applied.error)}` };
  const entry = store(ctx, kind, memo, postings);
  record(ctx, 'ledger.post', entry.id, 'success', { kind, memo, postings: entry.postings });
  return entry;
}

function openAccount(id, label) {
  const a = accounts.get(id);
  if (a == null) throw { tag: 'unknown-account', val: id };
  if (a.status !== 'open') throw { tag: 'account-not-open', val: `${label} ${id} is ${a.status}` };
  return a;
}

function validAmount(amount) {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw { tag: 'invalid', val: 'the amount must be a positive whole number of cents' };
  if (amount > MAX_TRANSFER) throw { tag: 'invalid', val: `the amount is above the limit of ${MAX_TRANSFER / 100}` };
}

/** Runs `work` once per idempotency key: a repeat with the same request gets the first result. */
function once(ctx, key, fingerprint, work) {
  const seen = key ? idempotency.get(key) : undefined;
  if (seen !== undefined) {
    if (seen.fingerprint !== fingerprint) throw { tag: 'idempotency-conflict', val: key };
    record(ctx, 'ledger.replay', key, 'success', { ok: seen.result.ok });
    if (seen.result.ok) return seen.result.value;
    throw seen.result.error;
  }
  try {
    const value = work();
    if (key) idempotency.set(key, { fingerprint, result: { ok: true, value } });
    return value;
  } catch (err) {
    if (key) idempotency.set(key, { fingerprint, result: { ok: false, error: err } });
    throw err;
  }
}

function transfer(ctx, req) {
  const amount = num(req.amount);
  const fingerprint = toJson(['transfer', ctx.principal, req.fromAccount, req.toAccount, amount, req.memo]);
  return once(ctx, req.idempotencyKey, fingerprint, () => {
    record(ctx, 'ledger.transfer.requested', req.fromAccount, 'pending', { to: req.toAccount, amount, memo: req.memo });
    try {
      validAmount(amount);
      if (req.fromAccount === req.toAccount) throw { tag: 'invalid', val: 'the source and destination are the same account' };
      const from = openAccount(req.fromAccount, 'source');
      const to = openAccount(req.toAccount, 'destination');
      if (ctx.principal !== 'system' && from.customerId !== ctx.principal) throw { tag: 'not-owner', val: req.fromAccount };
      if (from.currency !== to.currency) throw { tag: 'currency-mismatch', val: `${from.currency} to ${to.currency}` };
      const holdId = `hold-${nextHold++}`;
      const held = attempt(() => balances.hold(ctx, holdId, from.id, amount, -num(from.overdraftLimit)));
      if (!held.ok) throw { tag: 'insufficient-funds', val: num(balances.get(from.id).available) };
      record(ctx, 'ledger.hold', from.id, 'success', { holdId, amount });
      const fraudAttempt = { fromAccount: from.id, toAccount: to.id, amount, customerId: from.customerId, location: req.location };
      const assessment = fraud.assess(ctx, fraudAttempt);
      if (assessment.decision === 'decline') {
        balances.release(ctx, holdId);
        record(ctx, 'ledger.hold-released', from.id, 'success', { holdId, reason: 'fraud declined' });
        throw { tag: 'fraud-declined', val: [assessment.score, assessment.reasons] };
      }
      const entry = postEntry(
        ctx,
        'transfer',
        req.memo,
        [
          { accountId: from.id, amount: -amount },
          { accountId: to.id, amount },
        ],
        holdId,
      );
      fraud.observe(ctx, fraudAttempt);
      record(ctx, 'ledger.transfer', entry.id, 'success', { from: from.id, to: to.id, amount, fraudScore: assessment.score });
      return { entry, fraudScore: assessment.score, traceNumber: undefined };
    } catch (err) {
      record(ctx, 'ledger.transfer', req.fromAccount, 'denied', { to: req.toAccount, amount, error: describeError(err) });
      throw err;
    }
  });
}

function external(ctx, req, direction) {
  const amount = num(req.amount);
  const action = direction === 'debit' ? 'ledger.deposit' : 'ledger.withdraw';
  const fingerprint = toJson([action, ctx.principal, req.accountId, amount, req.routingNumber, req.externalAccount]);
  return once(ctx, req.idempotencyKey, fingerprint, () => {
    record(ctx, `${action}.requested`, req.accountId, 'pending', { amount, routingNumber: req.routingNumber });
    let holdId;
    try {
      validAmount(amount);
      const account = openAccount(req.accountId, 'account');
      if (ctx.principal !== 'system' && account.customerId !== ctx.principal) throw { tag: 'not-owner', val: req.accountId };
      const clearing = clearingAccount(ctx, account.currency);
      let score = 0;
      if (direction === 'credit') {
        holdId = `hold-${nextHold++}`;
        const held = attempt(() => balances.hold(ctx, holdId, account.id, amount, 0));
        if (!held.ok) {
          holdId = undefined;
          throw { tag: 'insufficient-funds', val: num(balances.get(account.id).available) };
        }
        const assessment = fraud.assess(ctx, {
          fromAccount: account.id,
          toAccount: `ext:${req.routingNumber}:${req.externalAccount}`,
          amount,
          customerId: account.customerId,
          location: undefined,
        });
        score = assessment.score;
        if (assessment.decision === 'decline') throw { tag: 'fraud-declined', val: [assessment.score, assessment.reasons] };
      }
      const originated = attempt(() =>
        rails.originate(ctx, {
          direction,
          routingNumber: req.routingNumber,
          accountNumber: req.externalAccount,
          amount,
          name: req.name,
          internalAccount: clearing,
        }),
      );
      if (!originated.ok) throw { tag: 'rails', val: describeError(originated.error) };
      const postings =
        direction === 'debit'
          ? [
              { accountId: clearing, amount: -amount },
              { accountId: account.id, amount },
            ]
          : [
              { accountId: account.id, amount: -amount },
              { accountId: clearing, amount },
            ];
      const entry = postEntry(
        ctx,
        direction === 'debit' ? 'ach-deposit' : 'ach-withdrawal',
        `ACH ${originated.value.traceNumber}`,
        postings,
        holdId,
      );
      holdId = undefined;
      record(ctx, action, entry.id, 'success', { amount, traceNumber: originated.value.traceNumber, batch: originated.value.batchId });
      return { entry, fraudScore: score, traceNumber: originated.value.traceNumber };
    } catch (err) {
      if (holdId !== undefined) {
        balances.release(ctx, holdId);
        record(ctx, 'ledger.hold-released', req.accountId, 'success', { holdId, reason: describeError(err) });
      }
      record(ctx, action, req.accountId, 'denied', { amount, error: describeError(err) });
      throw err;
    }
  });
}

const ledgerImpl = {
  transfer,
  post(ctx, kind, memo, postings) {
    for (const p of postings) openAccount(p.accountId, 'account');
    return postEntry(ctx, kind, memo, postings, undefined);
  },
  deposit(ctx, req) {
    return external(ctx, req, 'debit');
  },
  withdraw(ctx, req) {
    return external(ctx, req, 'credit');
  },
  history(accountId, limit) {
    const list = (byAccount.get(accountId) ?? []).map((i) => entries[i]);
    return list.slice(-Math.min(limit === 0 ? 50 : limit, 1000)).reverse();
  },
  entryCount() {
    return entries.length;
  },
};

export const ledger = withNumbers(ledgerImpl);

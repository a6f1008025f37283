// fintech:loans — lending (ghcr.io/bank/lending/loans).
// Imports credit-bureau, kyc, accounts, ledger and audit; exports
// fintech:platform/loans@1.0.0.
//
// Underwriting: the national id must be the one KYC verified; the credit
// bureau's score sets the rate tier (below 580 declines); the debt-to-income
// ratio with the new payment must stay at or below 43 %. An approved loan
// opens a loan account and posts one balanced entry: the loan account is
// debited (what the customer owes) and the checking account credited.
import accounts from 'fintech:platform/accounts@1.0.0';
import audit from 'fintech:platform/audit@1.0.0';
import bureau from 'fintech:platform/credit-bureau@1.0.0';
import kyc from 'fintech:platform/kyc@1.0.0';
import ledger from 'fintech:platform/ledger@1.0.0';
import { attempt, describeError, num, toJson, withNumbers } from '../../../lib/js/wit.js';

const MAX_DTI = 0.43;
const TIERS = [
  [760, 650],
  [700, 825],
  [640, 1150],
  [580, 1590],
];
const loanById = new Map();
const byCustomer = new Map();
let next = 1;

/** The level monthly payment of an amortized loan, in cents. */
function monthlyPayment(principal, rateBps, months) {
  const r = rateBps / 10_000 / 12;
  if (r === 0) return Math.ceil(principal / months);
  return Math.round((principal * r) / (1 - (1 + r) ** -months));
}

function schedule(loan) {
  const r = loan.rateBps / 10_000 / 12;
  const out = [];
  let remaining = loan.amount;
  for (let n = 1; n <= loan.termMonths; n++) {
    const interest = Math.round(remaining * r);
    // The last installment pays off what is left (rounding goes there).
    const principal = n === loan.termMonths ? remaining : Math.min(remaining, loan.monthlyPayment - interest);
    remaining -= principal;
    out.push({ number: n, payment: principal + interest, principal, interest, remaining });
  }
  return out;
}

const loansApi = {
  apply(ctx, app) {
    const amount = num(app.amount);
    const income = num(app.annualIncome);
    const debt = num(app.monthlyDebt);
    const decline = (reasons, detail = {}) => {
      audit.append(ctx, {
        action: 'loans.decision',
        subject: app.customerId,
        outcome: 'denied',
        detail: toJson({ amount, reasons, ...detail }),
      });
      throw { tag: 'declined', val: reasons };
    };
    if (!Number.isSafeInteger(amount) || amount < 100_000 || amount > 10_000_000)
      throw { tag: 'invalid', val: 'loans are from 1,000.00 to 100,000.00' };
    if (app.termMonths < 6 || app.termMonths > 84) throw { tag: 'invalid', val: 'the term is 6 to 84 months' };
    if (!(income > 0)) throw { tag: 'invalid', val: 'the annual income must be positive' };
    const account = accounts.get(app.accountId);
    if (account == null || account.customerId !== app.customerId || account.kind !== 'checking') {
      throw { tag: 'invalid', val: `${app.accountId} is not a checking account of ${app.customerId}` };
    }
    if (!kyc.matches(app.customerId, app.nationalId)) decline(['the national id is not the one verified for the customer']);
    const pulled = attempt(() => bureau.pullReport(ctx, app.nationalId, 'loan-application'));
    if (!pulled.ok) {
      audit.append(ctx, {
        action: 'loans.bureau',
        subject: app.customerId,
        outcome: 'failed',
        detail: toJson({ error: describeError(pulled.error) }),
      });
      throw { tag: 'bureau-unavailable', val: describeError(pulled.error) };
    }
    const report = pulled.value;
    audit.append(ctx, {
      action: 'loans.bureau',
      subject: app.customerId,
      outcome: 'success',
      detail: toJson({ bureau: report.bureau, score: report.score, delinquencies: report.delinquencies, inquiries: report.inquiries }),
    });
    const tier = TIERS.find(([min]) => report.score >= min);
    const reasons = [];
    if (tier === undefined) reasons.push(`credit score ${report.score} is below 580`);
    if (report.delinquencies > 2) reasons.push(`${report.delinquencies} delinquencies on file`);
    const rateBps = tier ? tier[1] : 0;
    const payment = tier ? monthlyPayment(amount, rateBps, app.termMonths) : 0;
    const dti = (debt + payment) / (income / 12);
    if (tier && dti > MAX_DTI) reasons.push(`debt-to-income would be ${(dti * 100).toFixed(1)} %, above 43 %`);
    if (reasons.length > 0) decline(reasons, { score: report.score, dti: Math.round(dti * 1000) / 1000 });
    const id = `loan-${String(next++).padStart(6, '0')}`;
    // The loan account goes below zero by what is owed: its credit line is the amount.
    const loanAccount = accounts.openInternal(ctx, `acc-loan-${id}`, account.currency);
    ledger.post(ctx, 'loan-disbursement', `disbursement of ${id}`, [
      { accountId: loanAccount.id, amount: -amount },
      { accountId: account.id, amount },
    ]);
    const loan = {
      id,
      customerId: app.customerId,
      loanAccount: loanAccount.id,
      amount,
      termMonths: app.termMonths,
      rateBps,
      monthlyPayment: payment,
      creditScore: report.score,
      status: 'disbursed',
    };
    loanById.set(id, loan);
    byCustomer.set(app.customerId, [...(byCustomer.get(app.customerId) ?? []), id]);
    audit.append(ctx, {
      action: 'loans.decision',
      subject: id,
      outcome: 'success',
      detail: toJson({ ...loan, dti: Math.round(dti * 1000) / 1000 }),
    });
    return loan;
  },
  schedule(loanId) {
    const loan = loanById.get(loanId);
    return loan === undefined ? [] : schedule(loan);
  },
  listFor(customerId) {
    return (byCustomer.get(customerId) ?? []).map((id) => loanById.get(id));
  },
};
export const loans = withNumbers(loansApi);

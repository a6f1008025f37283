// fintech:accounts — customer accounts (ghcr.io/bank/core/accounts).
// Imports fintech:platform/kyc and audit; exports fintech:platform/accounts@1.0.0.
//
// An account is opened only for a customer whose KYC verification was
// approved, only in the customer's home region (data residency: the request
// must be processed in that region), in a supported currency.
import audit from 'fintech:platform/audit@1.0.0';
import kyc from 'fintech:platform/kyc@1.0.0';
import { toJson, withNumbers } from '../../../lib/js/wit.js';

const CURRENCIES = { 'us-east': ['USD'], 'eu-west': ['EUR'] };
const MAX_ACCOUNTS_PER_CUSTOMER = 10;
const accountById = new Map();
const byCustomer = new Map();
let next = 1;

function record(ctx, action, subject, outcome, detail) {
  audit.append(ctx, { action, subject, outcome, detail: toJson(detail) });
}

function store(account) {
  accountById.set(account.id, account);
  let list = byCustomer.get(account.customerId);
  if (list === undefined) {
    list = [];
    byCustomer.set(account.customerId, list);
  }
  list.push(account.id);
  return account;
}

const accountsApi = {
  open(ctx, customerId, kind, currency) {
    const fail = (error, why) => {
      record(ctx, 'accounts.open', customerId, 'denied', { kind, currency, reason: why });
      throw error;
    };
    if (kind === 'internal') fail({ tag: 'invalid', val: 'internal accounts are opened by the platform' }, 'internal kind');
    const status = kyc.status(customerId);
    if (status == null) fail({ tag: 'kyc-required', val: `${customerId} has no KYC verification` }, 'no KYC');
    if (status.decision !== 'approved')
      fail({ tag: 'kyc-required', val: `KYC of ${customerId} is ${status.decision}` }, 'KYC not approved');
    if (status.homeRegion !== ctx.region) {
      const why = `the data of ${customerId} must stay in ${status.homeRegion}; this request is processed in ${ctx.region}`;
      fail({ tag: 'residency', val: why }, why);
    }
    const allowed = CURRENCIES[ctx.region] ?? [];
    if (!allowed.includes(currency))
      fail({ tag: 'invalid', val: `${currency} accounts are not offered in ${ctx.region} (${allowed.join(', ')})` }, 'currency');
    if ((byCustomer.get(customerId) ?? []).length >= MAX_ACCOUNTS_PER_CUSTOMER) fail({ tag: 'invalid', val: 'too many accounts' }, 'limit');
    const prefix = ctx.region === 'eu-west' ? 'EU' : 'US';
    const account = store({
      id: `acc-${prefix}-${String(next++).padStart(6, '0')}`,
      customerId,
      kind,
      currency,
      region: ctx.region,
      status: 'open',
      openedAtMs: ctx.nowMs,
      overdraftLimit: 0,
    });
    record(ctx, 'accounts.open', account.id, 'success', { customerId, kind, currency, region: ctx.region });
    return account;
  },
  get(id) {
    return accountById.get(id);
  },
  listFor(customerId) {
    return (byCustomer.get(customerId) ?? []).map((id) => accountById.get(id));
  },
  setStatus(ctx, id, status, reason) {
    const account = accountById.get(id);
    if (account === undefined) throw { tag: 'unknown-account', val: id };
    if (account.status === 'closed') throw { tag: 'invalid', val: `${id} is closed` };
    account.status = status;
    record(ctx, 'accounts.status', id, 'success', { status, reason });
    return account;
  },
  openInternal(ctx, id, currency) {
    const existing = accountById.get(id);
    if (existing !== undefined) return existing;
    const account = store({
      id,
      customerId: 'bank',
      kind: 'internal',
      currency,
      region: ctx.region,
      status: 'open',
      openedAtMs: ctx.nowMs,
      // The clearing and funding accounts carry the other side of every deposit and loan.
      overdraftLimit: 1_000_000_000_000,
    });
    record(ctx, 'accounts.open-internal', id, 'success', { currency });
    return account;
  },
};
export const accounts = withNumbers(accountsApi);

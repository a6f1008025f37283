// The financial services platform end to end: built from source, published
// into the embedded registry, composed for development from flotilla.yaml
// (fifteen components, the credit bureau and payment rails as mocks),
// served, and run through a customer's day: enrolment with KYC, login with
// a TOTP second factor, accounts, an ACH deposit, transfers (one blocked by
// the fraud monitor), the mobile app's offline queue, a loan, the ACH batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type ServedExample, serveExample } from '../lib/testing.ts';
import { fintech } from './components.ts';
import { totp } from './totp.ts';

let app: ServedExample;
const call = client(() => app.server.url);
const OPERATOR = 'op-compliance-2f9c';

beforeAll(async () => {
  app = await serveExample(fintech);
}, 300_000);
afterAll(async () => {
  await app?.close();
});

interface Customer {
  customerId: string;
  token: string;
  secret: string;
}

async function enroll(username: string, identity: Record<string, string>, headers: Record<string, string> = {}): Promise<Customer> {
  const password = `${username} has a long password 42`;
  const r = await call('POST', '/customers', { ...identity, username, password }, { headers });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const login = await call('POST', '/auth/login', { username, password }, { headers });
  expect(login.status).toBe(202);
  const secret = r.json.enrollment.totpSecret as string;
  const mfa = await call('POST', '/auth/mfa', { challengeId: login.json.mfaRequired.challengeId, code: totp(secret) }, { headers });
  expect(mfa.status, JSON.stringify(mfa.json)).toBe(200);
  return { customerId: r.json.customerId, token: mfa.json.session.token, secret };
}

async function openAccount(c: Customer, kind: string, currency = 'USD', headers: Record<string, string> = {}): Promise<string> {
  const r = await call('POST', '/accounts', { kind, currency }, { token: c.token, headers });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id;
}

async function balance(c: Customer, account: string) {
  return (await call('GET', `/accounts/${account}`, undefined, { token: c.token })).json.balance as {
    ledger: number;
    held: number;
    available: number;
  };
}

async function auditOf(correlationId: string) {
  const r = await call('GET', `/audit?correlationId=${correlationId}`, undefined, { token: OPERATOR });
  expect(r.status).toBe(200);
  return r.json.entries as { action: string; outcome: string; subject: string; correlationId: string; detail: string }[];
}

const ALICE = { fullName: 'Alice Moreau', dateOfBirth: '1988-04-12', nationalId: '123-45-6789', country: 'US' };
const BOB = { fullName: 'Bob Okafor', dateOfBirth: '1979-11-02', nationalId: '123-45-6780', country: 'US' };
const MALLORY = { fullName: 'Mallory Quinn', dateOfBirth: '1990-01-30', nationalId: '123-45-6782', country: 'US' };

let alice: Customer;
let bob: Customer;
let aliceChecking: string;
let aliceSavings: string;
let bobChecking: string;

describe('the composed fintech platform', () => {
  it('is the development composition: thirteen components, the external services as local mocks, only WASI imports left', () => {
    const byName = new Map(app.composed.components.map((c) => [c.name, c]));
    expect(byName.size).toBe(13);
    expect(byName.get('credit_bureau')?.source).toBe('build/credit-bureau-mock.wasm');
    expect(byName.get('payment_rails')?.source).toBe('build/payment-rails-mock.wasm');
    expect(byName.get('account_service')?.source).toMatch(/^oci:\.flotilla\/registry\/bank\/core\/accounts:v3\.0\.0$/);
    expect(app.composed.exports).toEqual([
      'wasi:http/incoming-handler@0.2.10',
      'flotilla:platform/offline-sync@1.0.0',
      'flotilla:platform/events@1.0.0',
      'fintech:platform/device-control@1.0.0',
    ]);
    expect(app.composed.imports.every((i) => i.startsWith('wasi:'))).toBe(true);
    // the mock rails have no network: nothing in the composition imports an outgoing HTTP handler
    expect(app.composed.imports.some((i) => i.startsWith('wasi:http/outgoing-handler'))).toBe(false);
  });

  it('enrols customers through KYC and refuses a minor, a sanctioned name and a bad SSN, each with its reason', async () => {
    alice = await enroll('alice', ALICE);
    bob = await enroll('bob', BOB);
    const minor = await call('POST', '/customers', {
      ...ALICE,
      dateOfBirth: '2015-06-01',
      username: 'kid',
      password: 'a long password 42',
    });
    expect(minor.status).toBe(403);
    expect(minor.json.reasons.join()).toMatch(/under 18/);
    const sanctioned = await call('POST', '/customers', {
      ...ALICE,
      fullName: 'Viktor Bout',
      username: 'vb',
      password: 'a long password 42',
    });
    expect(sanctioned.json.reasons).toContain('the name is on the sanctions list (viktor bout)');
    const ssn = await call('POST', '/customers', { ...ALICE, nationalId: '666-12-3456', username: 'x1', password: 'a long password 42' });
    expect(ssn.json.reasons).toContain('the SSN area 666 is never issued');
  });

  it('logs in with a second factor only: a wrong TOTP code is refused, the session is bound to its scopes', async () => {
    const login = await call('POST', '/auth/login', { username: 'bob', password: 'bob has a long password 42' });
    const wrong = await call('POST', '/auth/mfa', { challengeId: login.json.mfaRequired.challengeId, code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toBe('wrong-code');
    expect((await call('POST', '/auth/login', { username: 'bob', password: 'not it at all 42' })).status).toBe(401);
    expect((await call('GET', '/accounts', undefined, { token: 'fs_forged' })).status).toBe(401);
  });

  it('opens accounts in the customer region only (data residency)', async () => {
    aliceChecking = await openAccount(alice, 'checking');
    aliceSavings = await openAccount(alice, 'savings');
    bobChecking = await openAccount(bob, 'checking');
    const eu = { 'x-region': 'eu-west' };
    const greta = await enroll(
      'greta',
      { fullName: 'Greta Lindqvist', dateOfBirth: '1985-03-03', nationalId: 'DE89370400440532013000', country: 'DE' },
      eu,
    );
    const elsewhere = await call('POST', '/accounts', { kind: 'checking', currency: 'USD' }, { token: greta.token });
    expect(elsewhere.status).toBe(451);
    expect(elsewhere.json.message).toContain('must stay in eu-west; this request is processed in us-east');
    const id = await openAccount(greta, 'checking', 'EUR', eu);
    expect(id).toMatch(/^acc-EU-/);
  });

  it('deposits over the ACH rails through the clearing account', async () => {
    const r = await call(
      'POST',
      '/deposits',
      { accountId: aliceChecking, amountCents: 250_000, routingNumber: '021000021', externalAccount: '000123456789', name: 'Alice Moreau' },
      { token: alice.token },
    );
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.traceNumber).toMatch(/^12345678\d{7}$/);
    expect(r.json.entry.postings).toEqual([
      { accountId: 'int-ach-clearing-usd', amount: -250_000 },
      { accountId: aliceChecking, amount: 250_000 },
    ]);
    const badRouting = await call(
      'POST',
      '/deposits',
      { accountId: aliceChecking, amountCents: 100, routingNumber: '021000022', externalAccount: '000123456789', name: 'Alice' },
      { token: alice.token },
    );
    expect(badRouting.status).toBe(502);
    expect(badRouting.json.message).toContain('fails the ABA checksum');
    expect(await balance(alice, aliceChecking)).toEqual({ ledger: 250_000, held: 0, available: 250_000 });
  });

  it('without x-correlation-id, the request id serve gave the request is the correlation id', async () => {
    const r = await call('GET', `/accounts/${aliceChecking}`, undefined, {
      token: alice.token,
      headers: { 'x-request-id': 'req-fintech-0001' },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.headers.get('x-correlation-id')).toBe('req-fintech-0001');
    // and without either, serve's own id (a UUID) is taken over
    const plain = await call('GET', `/accounts/${aliceChecking}`, undefined, { token: alice.token });
    expect(plain.headers.get('x-correlation-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('transfers by double entry, and the audit log lists every step under the request correlation id', async () => {
    const r = await call(
      'POST',
      '/transfers',
      { from: aliceChecking, to: bobChecking, amountCents: 40_000, memo: 'rent share' },
      { token: alice.token, headers: { 'x-correlation-id': 'corr-test-transfer-1' } },
    );
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.headers.get('x-correlation-id')).toBe('corr-test-transfer-1');
    const postings = r.json.entry.postings as { amount: number }[];
    expect(postings.reduce((s, p) => s + p.amount, 0)).toBe(0);
    expect(await balance(alice, aliceChecking)).toEqual({ ledger: 210_000, held: 0, available: 210_000 });
    expect(await balance(bob, bobChecking)).toEqual({ ledger: 40_000, held: 0, available: 40_000 });
    const steps = await auditOf('corr-test-transfer-1');
    expect(steps.map((s) => `${s.action}:${s.outcome}`)).toEqual([
      'ledger.transfer.requested:pending',
      'ledger.hold:success',
      'fraud.decision:success',
      'ledger.post:success',
      'ledger.transfer:success',
    ]);
    expect(steps.every((s) => s.correlationId === 'corr-test-transfer-1')).toBe(true);
    expect(JSON.parse(steps[2]?.detail ?? '{}')).toMatchObject({ decision: 'approve', score: 0 });
  });

  it('a transfer the fraud monitor declines leaves no entry, no hold and both balances unchanged; the audit log shows why', async () => {
    const mallory = await enroll('mallory', MALLORY);
    const mule = await openAccount(mallory, 'checking');
    const flag = await call('POST', '/admin/fraud/flags', { accountId: mule, reason: 'reported mule account' }, { token: OPERATOR });
    expect(flag.status).toBe(201);
    const before = { alice: await balance(alice, aliceChecking), mule: await balance(mallory, mule) };
    const entriesBefore = (await call('GET', '/admin/ledger', undefined, { token: OPERATOR })).json.entries;
    const r = await call(
      'POST',
      '/transfers',
      { from: aliceChecking, to: mule, amountCents: 90_000, memo: 'invoice' },
      { token: alice.token, headers: { 'x-correlation-id': 'corr-test-fraud-1' } },
    );
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ error: 'fraud-declined', score: 90 });
    expect(r.json.reasons).toEqual([`destination ${mule} is flagged: reported mule account`]);
    expect(await balance(alice, aliceChecking)).toEqual(before.alice);
    expect(await balance(mallory, mule)).toEqual(before.mule);
    const after = (await call('GET', '/admin/ledger', undefined, { token: OPERATOR })).json;
    expect(after.entries).toBe(entriesBefore);
    expect(after.sumOfBalances).toBe(0);
    const steps = await auditOf('corr-test-fraud-1');
    expect(steps.map((s) => `${s.action}:${s.outcome}`)).toEqual([
      'ledger.transfer.requested:pending',
      'ledger.hold:success',
      'fraud.decision:denied',
      'ledger.hold-released:success',
      'ledger.transfer:denied',
    ]);
    expect(JSON.parse(steps[2]?.detail ?? '{}').reasons).toEqual([`destination ${mule} is flagged: reported mule account`]);
  });

  it('refuses an overdraft (402) and another customer account (403); an idempotency key replays, or conflicts', async () => {
    const over = await call('POST', '/transfers', { from: bobChecking, to: aliceChecking, amountCents: 9_999_999 }, { token: bob.token });
    expect(over.status).toBe(402);
    expect(await balance(bob, bobChecking)).toEqual({ ledger: 40_000, held: 0, available: 40_000 });
    const theft = await call('POST', '/transfers', { from: aliceChecking, to: bobChecking, amountCents: 100 }, { token: bob.token });
    expect(theft.status).toBe(403);
    const headers = { 'idempotency-key': 'key-savings-1' };
    const first = await call(
      'POST',
      '/transfers',
      { from: aliceChecking, to: aliceSavings, amountCents: 10_000 },
      { token: alice.token, headers },
    );
    const again = await call(
      'POST',
      '/transfers',
      { from: aliceChecking, to: aliceSavings, amountCents: 10_000 },
      { token: alice.token, headers },
    );
    expect(again.json.entry.id).toBe(first.json.entry.id);
    expect(await balance(alice, aliceSavings)).toMatchObject({ ledger: 10_000 });
    const conflict = await call(
      'POST',
      '/transfers',
      { from: aliceChecking, to: aliceSavings, amountCents: 20_000 },
      { token: alice.token, headers },
    );
    expect(conflict.status).toBe(409);
  });

  it('the mobile app queues a transfer offline and pushes it through the gateway api-client on background sync', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the composed component's exports, as jco binds them
    const exports = app.server.instance as any;
    const payload = JSON.stringify({ token: alice.token, from: aliceChecking, to: bobChecking, amountCents: 2_500, memo: 'coffee' });
    exports.offlineSync.enqueue({ collection: 'transfers', id: 'mobile-0001', payload, version: 1n });
    expect(exports.offlineSync.pending()).toBe(1);
    exports.deviceControl.setBattery(0.05, false);
    expect(exports.offlineSync.runBackgroundSync(5_000)).toEqual({ pushed: 0, pulled: 0, conflicts: [] });
    exports.deviceControl.setBattery(0.9, true);
    expect(exports.offlineSync.runBackgroundSync(5_000)).toEqual({ pushed: 1, pulled: 0, conflicts: [] });
    expect(exports.offlineSync.pending()).toBe(0);
    expect(exports.deviceControl.notifications()).toEqual([
      ['Sync postponed', 'battery at 5 %'],
      ['Transfer sent', `25 to ${bobChecking}`],
    ]);
    expect(await balance(bob, bobChecking)).toMatchObject({ ledger: 42_500 });
    // the transfer went in as channel mobile with the phone's location (for the fraud monitor)
    const history = (await call('GET', `/accounts/${bobChecking}/history`, undefined, { token: bob.token })).json.entries;
    const steps = await auditOf(history[0].correlationId);
    expect(steps[0]).toMatchObject({ action: 'ledger.transfer.requested' });
    expect((steps[0] as unknown as { channel: string }).channel).toBe('mobile');
  });

  it('underwrites a loan on the bureau report and posts the disbursement as one balanced entry', async () => {
    const r = await call(
      'POST',
      '/loans',
      { accountId: aliceChecking, amountCents: 1_500_000, termMonths: 36, nationalId: ALICE.nationalId, annualIncomeCents: 9_000_000 },
      { token: alice.token },
    );
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json.loan).toMatchObject({ amount: 1_500_000, rateBps: 650, creditScore: 794, monthlyPayment: 45_974 });
    const schedule = (await call('GET', `/loans/${r.json.loan.id}/schedule`, undefined, { token: alice.token })).json.schedule;
    expect(schedule).toHaveLength(36);
    expect(schedule.reduce((s: number, i: { principal: number }) => s + i.principal, 0)).toBe(1_500_000);
    expect(schedule.at(-1).remaining).toBe(0);
    const wrongId = await call(
      'POST',
      '/loans',
      { accountId: aliceChecking, amountCents: 500_000, termMonths: 12, nationalId: '123-45-6781', annualIncomeCents: 9_000_000 },
      { token: alice.token },
    );
    expect(wrongId.status).toBe(422);
    expect(wrongId.json.reasons).toEqual(['the national id is not the one verified for the customer']);
    const ledger = (await call('GET', '/admin/ledger', undefined, { token: OPERATOR })).json;
    expect(ledger.sumOfBalances).toBe(0);
    expect(ledger.auditChain.tag).toBe('intact');
  });

  it('closes the ACH batch into a NACHA file: 94-character records blocked by 10, totals and entry hash in the control records', async () => {
    const r = await call('POST', '/admin/ach/batches', {}, { token: OPERATOR });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const lines = (r.json.file as string).trimEnd().split('\n');
    expect(lines.every((l) => l.length === 94)).toBe(true);
    expect(lines.length % 10).toBe(0);
    const entries = lines.filter((l) => l.startsWith('6'));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.slice(1, 3)).toBe('27'); // a checking debit: the deposit pulled from Alice's other bank
    expect(Number(entries[0]?.slice(29, 39))).toBe(250_000);
    const control = lines.find((l) => l.startsWith('8')) ?? '';
    expect(Number(control.slice(10, 20))).toBe(2_100_002); // first 8 digits of 021000021
    expect(r.json).toMatchObject({ entryCount: 1, totalDebits: 250_000, totalCredits: 0, transmitted: false });
    expect((await call('POST', '/admin/ach/batches', {}, { token: OPERATOR })).status).toBe(409);
    expect((await call('POST', '/admin/ach/batches', {}, { token: alice.token })).status).toBe(403);
  });
});

// `npm run demo -- fintech`: build, publish, compose for development and serve
// the financial services platform, then a customer's morning: enrolment with
// KYC, login with a TOTP code, two accounts, an ACH deposit, a transfer, a
// transfer the fraud monitor blocks, and the audit trail of both.
import { buildComposeServe, curl, finish, say } from '../lib/demo.ts';
import { fintech } from './components.ts';
import { totp } from './totp.ts';

const OPERATOR = { authorization: 'Bearer op-compliance-2f9c' };

export async function runFintechDemo(options: { port: number; keepServing: boolean }): Promise<void> {
  const { server } = await buildComposeServe(fintech, options.port);
  const call = curl(server.url);
  try {
    say('\n5. a customer, two accounts, a deposit, a transfer, and one the fraud monitor stops');
    const password = 'correct horse 42 battery';
    const enrolled = await call('POST', '/customers', {
      fullName: 'Alice Moreau',
      dateOfBirth: '1988-04-12',
      nationalId: '123-45-6789',
      country: 'US',
      username: 'alice',
      password,
    });
    const login = await call('POST', '/auth/login', { username: 'alice', password });
    const mfa = await call('POST', '/auth/mfa', { challengeId: login.mfaRequired.challengeId, code: totp(enrolled.enrollment.totpSecret) });
    const auth = { authorization: `Bearer ${mfa.session.token}` };
    const checking = await call('POST', '/accounts', { kind: 'checking', currency: 'USD' }, auth, 4);
    const savings = await call('POST', '/accounts', { kind: 'savings', currency: 'USD' }, auth, 4);
    await call(
      'POST',
      '/deposits',
      { accountId: checking.id, amountCents: 250_000, routingNumber: '021000021', externalAccount: '000123456789', name: 'Alice Moreau' },
      auth,
      8,
    );
    await call(
      'POST',
      '/transfers',
      { from: checking.id, to: savings.id, amountCents: 40_000, memo: 'savings' },
      { ...auth, 'x-correlation-id': 'corr-demo-transfer' },
      8,
    );
    await call('POST', '/admin/fraud/flags', { accountId: savings.id, reason: 'demo: pretend this is a mule account' }, OPERATOR, 3);
    await call(
      'POST',
      '/transfers',
      { from: checking.id, to: savings.id, amountCents: 10_000 },
      { ...auth, 'x-correlation-id': 'corr-demo-blocked' },
      8,
    );
    await call('GET', '/accounts', undefined, auth, 30);
    const trail = (await fetch(`${server.url}/audit?correlationId=corr-demo-blocked`, { headers: OPERATOR }).then((r) => r.json())) as {
      entries: { sequence: number; action: string; outcome: string; subject: string }[];
      chain: unknown;
    };
    say(`\n$ curl '${server.url}/audit?correlationId=corr-demo-blocked' -H 'authorization: Bearer op-compliance-2f9c'`);
    for (const e of trail.entries) {
      say(`   #${e.sequence} ${e.action.padEnd(26)} ${e.outcome.padEnd(8)} ${e.subject}`);
    }
    say(`   chain: ${JSON.stringify(trail.chain)}`);
  } catch (err) {
    await server.close();
    throw err;
  }
  await finish(server, options.keepServing, '/health');
}

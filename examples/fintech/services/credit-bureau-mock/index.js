// The credit bureau's development mock: fixed test files by national id, no
// inquiry history. Same interface as experian/credit-check.

import { withNumbers } from '../../../lib/js/wit.js';
import { scoreOf, validNationalId } from '../shared/bureau.js';

// Test identities: SSNs in the 123-45-xxxx range and a German id.
const FILES = {
  '123-45-6789': { base: 770, openAccounts: 4, delinquencies: 0 },
  '123-45-6780': { base: 690, openAccounts: 2, delinquencies: 0 },
  '123-45-6781': { base: 540, openAccounts: 1, delinquencies: 3 },
  DE89370400440532013000: { base: 740, openAccounts: 3, delinquencies: 0 },
};

const creditBureauImpl = {
  pullReport(_ctx, nationalId, purpose) {
    if (!validNationalId(nationalId)) throw 'the national id is not valid';
    if (purpose.trim() === '') throw 'a permissible purpose is required (FCRA)';
    const file = FILES[nationalId.replace(/\s/g, '')] ?? { base: 680, openAccounts: 2, delinquencies: 0 };
    return {
      nationalId,
      score: scoreOf({ ...file, inquiries: 1 }),
      openAccounts: file.openAccounts,
      delinquencies: file.delinquencies,
      inquiries: 1,
      bureau: 'credit-bureau-mock',
    };
  },
};

export const creditBureau = withNumbers(creditBureauImpl);

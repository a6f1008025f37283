// experian:credit-check — the credit bureau (docker.io/experian/credit-check).
// Exports fintech:platform/credit-bureau@1.0.0.
//
// A report's facts come from the bureau's file on the person (here: derived
// from a hash of the national id, the same every time), and every pull is a
// hard inquiry that counts against the score within twelve months.
import { toHex } from '../../../lib/js/bytes.js';
import { sha256 } from '../../../lib/js/sha256.js';
import { num, withNumbers } from '../../../lib/js/wit.js';
import { scoreOf, validNationalId } from '../shared/bureau.js';

const YEAR_MS = 365 * 24 * 3_600_000;
/** national id -> inquiry times (ms) */
const inquiries = new Map();

function fileOf(nationalId) {
  const h = sha256(`bureau-file:${nationalId}`);
  return { base: 560 + (h[0] % 200), openAccounts: h[1] % 9, delinquencies: h[2] % 7 === 0 ? 3 : h[2] % 3 === 0 ? 1 : 0 };
}

const creditBureauImpl = {
  pullReport(ctx, nationalId, purpose) {
    if (!validNationalId(nationalId)) throw 'the national id is not valid';
    if (purpose.trim() === '') throw 'a permissible purpose is required (FCRA)';
    const now = num(ctx.nowMs);
    const times = [...(inquiries.get(nationalId) ?? []).filter((t) => now - t < YEAR_MS), now];
    inquiries.set(nationalId, times);
    const file = fileOf(nationalId);
    return {
      nationalId,
      score: scoreOf({ ...file, inquiries: times.length }),
      openAccounts: file.openAccounts,
      delinquencies: file.delinquencies,
      inquiries: times.length,
      bureau: `experian/credit-check@2.0.0#${toHex(sha256(nationalId)).slice(0, 8)}`,
    };
  },
};

export const creditBureau = withNumbers(creditBureauImpl);

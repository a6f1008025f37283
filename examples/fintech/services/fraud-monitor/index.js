// fintech:fraud-monitor — transaction monitoring (ghcr.io/bank/security/fraud).
// Imports fintech:platform/audit; exports fintech:platform/fraud@1.0.0.
//
// Scores every transfer before it is posted, 0 to 100, from rules that each
// add points and a reason:
//   flagged destination (a known mule account)             +90
//   amount far above the customer's usual (z-score > 3 over
//     at least 3 earlier transfers, and above 1,000.00)    +45
//   first transfers of a customer, 5,000.00 or more         +30
//   10,000.00 or more                                       +25
//   velocity: a 6th transfer within 10 minutes              +30
//   impossible travel: faster than 900 km/h since the
//     customer's last located transfer                      +50
// 70 or more declines, 40 or more approves for review, below approves.
// Every assessment is written to the audit log with its reasons.
import audit from 'fintech:platform/audit@1.0.0';
import { num, toJson, withNumbers } from '../../../lib/js/wit.js';

const DECLINE_AT = 70;
const REVIEW_AT = 40;
const VELOCITY_WINDOW_MS = 10 * 60_000;
const VELOCITY_LIMIT = 5;

/** account id -> reason */
const flagged = new Map();
/** customer id -> { count, mean, m2 (Welford), recent: [ms], lastLocation: {lat, lon, atMs} } */
const profiles = new Map();

function profile(customerId) {
  let p = profiles.get(customerId);
  if (p === undefined) {
    p = { count: 0, mean: 0, m2: 0, recent: [], lastLocation: undefined };
    profiles.set(customerId, p);
  }
  return p;
}

function parseLocation(text) {
  if (text == null) return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (m === null) return undefined;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
  return { lat, lon };
}

function kmBetween(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function money(cents) {
  return (cents / 100).toFixed(2);
}

const fraudImpl = {
  assess(ctx, attempt) {
    const now = num(ctx.nowMs);
    const amount = num(attempt.amount);
    const p = profile(attempt.customerId);
    let score = 0;
    const reasons = [];
    const add = (points, why) => {
      score += points;
      reasons.push(why);
    };
    const mule = flagged.get(attempt.toAccount);
    if (mule !== undefined) add(90, `destination ${attempt.toAccount} is flagged: ${mule}`);
    if (p.count >= 3 && amount > 100_000) {
      const sd = Math.sqrt(p.m2 / (p.count - 1));
      const z = sd > 0 ? (amount - p.mean) / sd : amount > 2 * p.mean ? Infinity : 0;
      if (z > 3)
        add(
          45,
          `amount ${money(amount)} is ${Number.isFinite(z) ? z.toFixed(1) : 'far'} standard deviations above the usual ${money(p.mean)}`,
        );
    }
    if (p.count < 3 && amount >= 500_000) add(30, `a first transfer of ${money(amount)}`);
    if (amount >= 1_000_000) add(25, `a large amount (${money(amount)})`);
    const recent = p.recent.filter((t) => now - t < VELOCITY_WINDOW_MS);
    if (recent.length >= VELOCITY_LIMIT) add(30, `${recent.length + 1} transfers within 10 minutes`);
    const here = parseLocation(attempt.location);
    if (here !== undefined && p.lastLocation !== undefined) {
      const hours = Math.max(now - p.lastLocation.atMs, 60_000) / 3_600_000;
      const km = kmBetween(p.lastLocation, here);
      if (km / hours > 900) add(50, `impossible travel: ${Math.round(km)} km in ${Math.round(hours * 60)} minutes`);
    }
    score = Math.min(100, score);
    const decision = score >= DECLINE_AT ? 'decline' : score >= REVIEW_AT ? 'review' : 'approve';
    audit.append(ctx, {
      action: 'fraud.decision',
      subject: attempt.fromAccount,
      outcome: decision === 'decline' ? 'denied' : decision === 'review' ? 'pending' : 'success',
      detail: toJson({ decision, score, reasons, to: attempt.toAccount, amount }),
    });
    return { decision, score, reasons };
  },
  observe(ctx, attempt) {
    const now = num(ctx.nowMs);
    const amount = num(attempt.amount);
    const p = profile(attempt.customerId);
    p.count += 1;
    const delta = amount - p.mean;
    p.mean += delta / p.count;
    p.m2 += delta * (amount - p.mean);
    p.recent = [...p.recent.filter((t) => now - t < VELOCITY_WINDOW_MS), now];
    const here = parseLocation(attempt.location);
    if (here !== undefined) p.lastLocation = { ...here, atMs: now };
  },
  flagAccount(ctx, accountId, reason) {
    flagged.set(accountId, reason);
    audit.append(ctx, { action: 'fraud.flag-account', subject: accountId, outcome: 'success', detail: toJson({ reason }) });
  },
};

export const fraud = withNumbers(fraudImpl);

// fintech:kyc — know your customer (ghcr.io/bank/compliance/kyc).
// Imports fintech:platform/audit; exports fintech:platform/kyc@1.0.0.
//
// Checks, each one a reason when it fails: age (18 or older on the request's
// date), the national id (US SSN rules, or ISO 7064 MOD 97-10 check digits
// elsewhere), the country (sanctioned ones are refused), sanctions screening
// of the name (an exact match rejects, a near match sends the case to manual
// review), and the home region (it must be where the country's data may live).
import audit from 'fintech:platform/audit@1.0.0';
import { num, toJson, withNumbers } from '../../../lib/js/wit.js';

const SANCTIONED_COUNTRIES = new Set(['KP', 'IR', 'SY', 'CU']);
// A few names of a public sanctions list, normalized (the real service syncs the whole list).
const SANCTIONS_LIST = ['ivan petrovich drago', 'viktor bout', 'joaquin archivaldo guzman loera', 'semion mogilevich'];
const EU_COUNTRIES = new Set('AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '));
const REGION_OF = (country) => (EU_COUNTRIES.has(country) ? 'eu-west' : country === 'US' ? 'us-east' : undefined);

/** customer id -> { verification, nationalId } */
const verified = new Map();

function normalizeName(name) {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function levenshtein(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function ageOn(dateOfBirth, nowMs) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const now = new Date(nowMs);
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < mo || (now.getUTCMonth() + 1 === mo && now.getUTCDate() < d)) age -= 1;
  return age;
}

function checkSsn(id) {
  const m = /^(\d{3})-(\d{2})-(\d{4})$/.exec(id);
  if (m === null) return 'the SSN is not in the form AAA-GG-SSSS';
  const [area, group, serial] = [m[1], m[2], m[3]];
  if (area === '000' || area === '666' || area[0] === '9') return `the SSN area ${area} is never issued`;
  if (group === '00' || serial === '0000') return 'the SSN group or serial is zero';
  return undefined;
}

/** ISO 7064 MOD 97-10 (as IBAN): the id with its two check digits moved to the end, letters as 10..35, is 1 mod 97. */
function checkMod97(id) {
  const clean = id.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{4,30}$/.test(clean)) return 'the national id is not CC + 2 check digits + 4 to 30 letters or digits';
  const moved = clean.slice(4) + clean.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1 ? undefined : 'the national id check digits are wrong';
}

const kycImpl = {
  verify(ctx, identity) {
    const reasons = [];
    let decision = 'approved';
    const reject = (why) => {
      reasons.push(why);
      decision = 'rejected';
    };
    const review = (why) => {
      reasons.push(why);
      if (decision === 'approved') decision = 'manual-review';
    };
    const age = ageOn(identity.dateOfBirth, num(ctx.nowMs));
    if (age === undefined) reject('the date of birth is not a date (YYYY-MM-DD)');
    else if (age < 18) reject(`the customer is ${age}, under 18`);
    const country = identity.country.toUpperCase();
    if (SANCTIONED_COUNTRIES.has(country)) reject(`country ${country} is under sanctions`);
    const idProblem = country === 'US' ? checkSsn(identity.nationalId) : checkMod97(identity.nationalId);
    if (idProblem !== undefined) reject(idProblem);
    const name = normalizeName(identity.fullName);
    if (name.split(' ').length < 2) reject('the full name needs a given name and a family name');
    for (const listed of SANCTIONS_LIST) {
      const distance = levenshtein(name, listed);
      if (distance === 0) reject(`the name is on the sanctions list (${listed})`);
      else if (distance <= 2) review(`the name is close to a sanctions list entry (${listed}, distance ${distance})`);
    }
    const region = REGION_OF(country);
    if (region === undefined) reject(`no region of this bank may hold data of customers from ${country}`);
    else if (identity.homeRegion !== region) reject(`customers from ${country} have their data in ${region}, not ${identity.homeRegion}`);
    const verification = { customerId: identity.customerId, decision, reasons, checkedAtMs: ctx.nowMs, homeRegion: identity.homeRegion };
    verified.set(identity.customerId, { verification, nationalId: identity.nationalId });
    audit.append(ctx, {
      action: 'kyc.decision',
      subject: identity.customerId,
      outcome: decision === 'approved' ? 'success' : decision === 'rejected' ? 'denied' : 'pending',
      detail: toJson({ decision, reasons, country, homeRegion: identity.homeRegion }),
    });
    return verification;
  },
  status(customerId) {
    return verified.get(customerId)?.verification;
  },
  matches(customerId, nationalId) {
    const v = verified.get(customerId);
    return v !== undefined && v.verification.decision === 'approved' && v.nationalId === nationalId;
  },
};

export const kyc = withNumbers(kycImpl);

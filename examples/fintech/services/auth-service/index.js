// fintech:auth — customer authentication (ghcr.io/bank/security/auth).
// Imports fintech:platform/audit and wasi:random/random (entropy for tokens,
// salts and TOTP secrets); exports fintech:platform/auth@1.0.0.
//
// Passwords: PBKDF2-HMAC-SHA256 with a random salt. Second factor: TOTP
// (RFC 6238; HMAC-SHA256, 6 digits, 30-second steps, one step of clock skew
// either way), asked at every login. Tokens: 32 random bytes, kept only as
// their sha256. Five wrong passwords lock the username for 15 minutes.

import audit from 'fintech:platform/audit@1.0.0';
import random from 'wasi:random/random@0.2.10';
import { concat, equalBytes, toHex, utf8 } from '../../../lib/js/bytes.js';
import { hmacSha256, sha256 } from '../../../lib/js/sha256.js';
import { num, toJson, withNumbers } from '../../../lib/js/wit.js';

const PBKDF2_ITERATIONS = 600;
const SESSION_MS = 15 * 60_000;
const CHALLENGE_MS = 5 * 60_000;
const CHALLENGE_ATTEMPTS = 3;
const LOCK_AFTER = 5;
const LOCK_MS = 15 * 60_000;
const STEP_MS = 30_000;
const CUSTOMER_SCOPES = ['read', 'accounts', 'transfer', 'loans'];
// The compliance operator's API key (demo value; a real deployment loads its hash from a secret store).
const OPERATOR_KEY_SHA256 = toHex(sha256('op-compliance-2f9c'));

/** username -> { customerId, salt, hash, totpSecret, failures, lockedUntil } */
const users = new Map();
/** challenge id -> { username, expiresAt, attemptsLeft, usedStep } */
const challenges = new Map();
/** sha256(token) -> session */
const sessions = new Map();

function randomBytes(n) {
  return new Uint8Array(random.getRandomBytes(n));
}

function pbkdf2(password, salt) {
  // One 32-byte block: U1 = HMAC(P, S || INT(1)), Ui = HMAC(P, Ui-1), T = U1 ^ … ^ Uc
  const key = utf8(password);
  let u = hmacSha256(key, concat(salt, new Uint8Array([0, 0, 0, 1])));
  const t = new Uint8Array(u);
  for (let i = 1; i < PBKDF2_ITERATIONS; i++) {
    u = hmacSha256(key, u);
    for (let k = 0; k < t.length; k++) t[k] ^= u[k];
  }
  return t;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32(bytes) {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** RFC 6238 code of a time step (RFC 4226 dynamic truncation). */
function totp(secret, step) {
  const counter = new Uint8Array(8);
  let s = step;
  for (let i = 7; i >= 0; i--) {
    counter[i] = s % 256;
    s = Math.floor(s / 256);
  }
  const mac = hmacSha256(secret, counter);
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]) % 1_000_000;
  return String(code).padStart(6, '0');
}

function record(ctx, action, subject, outcome, detail) {
  audit.append(ctx, { action, subject, outcome, detail: toJson(detail) });
}

function newSession(ctx, customerId, scopes, mfaVerified) {
  const token = `fs_${toHex(randomBytes(32))}`;
  const session = { token, customerId, scopes, expiresAtMs: num(ctx.nowMs) + SESSION_MS, mfaVerified };
  sessions.set(toHex(sha256(token)), { ...session, token: '' });
  return session;
}

const authImpl = {
  enroll(ctx, customerId, username, password) {
    const name = username.trim().toLowerCase();
    if (!/^[a-z0-9._-]{3,32}$/.test(name)) throw { tag: 'invalid-credentials' };
    if (users.has(name)) throw { tag: 'username-taken', val: name };
    if (password.length < 12) throw { tag: 'weak-password', val: 'at least 12 characters' };
    if (!/[a-z]/i.test(password) || !/[0-9]/.test(password)) throw { tag: 'weak-password', val: 'letters and digits' };
    const salt = randomBytes(16);
    const totpSecret = randomBytes(20);
    users.set(name, { customerId, salt, hash: pbkdf2(password, salt), totpSecret, failures: 0, lockedUntil: 0 });
    record(ctx, 'auth.enroll', customerId, 'success', { username: name, mfa: 'totp' });
    const secret = base32(totpSecret);
    return {
      customerId,
      username: name,
      totpSecret: secret,
      otpauthUri: `otpauth://totp/FlotillaBank:${name}?secret=${secret}&issuer=FlotillaBank&algorithm=SHA256&digits=6&period=30`,
    };
  },

  login(ctx, username, password) {
    const now = num(ctx.nowMs);
    const name = username.trim().toLowerCase();
    const user = users.get(name);
    if (user === undefined) {
      record(ctx, 'auth.login', name, 'denied', { reason: 'unknown username' });
      throw { tag: 'invalid-credentials' };
    }
    if (user.lockedUntil > now) {
      record(ctx, 'auth.login', user.customerId, 'denied', { reason: 'locked', until: user.lockedUntil });
      throw { tag: 'locked', val: user.lockedUntil };
    }
    if (!equalBytes(pbkdf2(password, user.salt), user.hash)) {
      user.failures += 1;
      if (user.failures >= LOCK_AFTER) {
        user.lockedUntil = now + LOCK_MS;
        user.failures = 0;
      }
      record(ctx, 'auth.login', user.customerId, 'denied', { reason: 'wrong password', locked: user.lockedUntil > now });
      throw { tag: 'invalid-credentials' };
    }
    user.failures = 0;
    const challengeId = `mfa_${toHex(randomBytes(12))}`;
    challenges.set(challengeId, { username: name, expiresAt: now + CHALLENGE_MS, attemptsLeft: CHALLENGE_ATTEMPTS });
    record(ctx, 'auth.login', user.customerId, 'pending', { mfa: 'totp', challengeId });
    return { tag: 'mfa-required', val: { challengeId, method: 'totp', expiresAtMs: now + CHALLENGE_MS } };
  },

  verifyMfa(ctx, challengeId, code) {
    const now = num(ctx.nowMs);
    const challenge = challenges.get(challengeId);
    if (challenge === undefined) throw { tag: 'unknown-challenge' };
    const user = users.get(challenge.username);
    if (challenge.expiresAt <= now) {
      challenges.delete(challengeId);
      record(ctx, 'auth.mfa-verify', user.customerId, 'denied', { reason: 'challenge expired' });
      throw { tag: 'challenge-expired' };
    }
    const step = Math.floor(now / STEP_MS);
    const ok = [step - 1, step, step + 1].some((s) => s > (user.lastStep ?? -1) && equalBytes(utf8(totp(user.totpSecret, s)), utf8(code)));
    if (!ok) {
      challenge.attemptsLeft -= 1;
      if (challenge.attemptsLeft <= 0) challenges.delete(challengeId);
      record(ctx, 'auth.mfa-verify', user.customerId, 'denied', { reason: 'wrong code', attemptsLeft: challenge.attemptsLeft });
      throw { tag: 'wrong-code', val: Math.max(0, challenge.attemptsLeft) };
    }
    // A code is good once: the step it matched cannot be replayed.
    user.lastStep = [step + 1, step, step - 1].find((s) => totp(user.totpSecret, s) === code);
    challenges.delete(challengeId);
    const session = newSession(ctx, user.customerId, CUSTOMER_SCOPES, true);
    record(ctx, 'auth.mfa-verify', user.customerId, 'success', { scopes: CUSTOMER_SCOPES, expiresAtMs: session.expiresAtMs });
    return { ...session, expiresAtMs: session.expiresAtMs };
  },

  authorize(ctx, token, scope) {
    const now = num(ctx.nowMs);
    const digest = toHex(sha256(token));
    if (digest === OPERATOR_KEY_SHA256) {
      return { token: '', customerId: 'operator', scopes: ['read', 'audit', 'admin'], expiresAtMs: 0, mfaVerified: true };
    }
    const session = sessions.get(digest);
    if (session === undefined) throw { tag: 'unknown-token' };
    if (session.expiresAtMs <= now) {
      sessions.delete(digest);
      throw { tag: 'expired-token' };
    }
    if (!session.scopes.includes(scope)) throw { tag: 'insufficient-scope', val: scope };
    return { ...session, token: '', expiresAtMs: session.expiresAtMs };
  },

  logout(ctx, token) {
    const digest = toHex(sha256(token));
    const session = sessions.get(digest);
    if (session === undefined) return false;
    sessions.delete(digest);
    record(ctx, 'auth.logout', session.customerId, 'success', {});
    return true;
  },
};

export const auth = withNumbers(authImpl);

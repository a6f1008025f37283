// fintech:api-gateway — the platform's front door (local component).
// Exports wasi:http/incoming-handler@0.2.10 (the API over HTTP),
// flotilla:platform/api-client (the same API in-process, for the mobile app)
// and flotilla:platform/{authentication,routing,rate-limiting}; imports the
// services and flotilla:platform/monitoring (the audit service's logs and spans).
//
// Every request gets a correlation id (the caller's `x-correlation-id` when it
// is well-formed, else the `x-request-id` serve gave the request, else a new one) that goes into the call context of every
// service call, into the audit log and the monitoring log, and back in the
// response. The region a request is processed in is the gateway's (the
// `x-region` header a regional edge sets, one of the regions it serves).
import accounts from 'fintech:platform/accounts@1.0.0';
import audit from 'fintech:platform/audit@1.0.0';
import auth from 'fintech:platform/auth@1.0.0';
import balances from 'fintech:platform/balances@1.0.0';
import fraud from 'fintech:platform/fraud@1.0.0';
import kyc from 'fintech:platform/kyc@1.0.0';
import ledger from 'fintech:platform/ledger@1.0.0';
import loans from 'fintech:platform/loans@1.0.0';
import rails from 'fintech:platform/payment-rails@1.0.0';
import monitoring from 'flotilla:platform/monitoring@1.0.0';
import wall from 'wasi:clocks/wall-clock@0.2.10';
import { toHex } from '../../../lib/js/bytes.js';
import { readRequest, writeResponse } from '../../../lib/js/http-server.js';
import { sha256 } from '../../../lib/js/sha256.js';
import { attempt, describeError, num, payloadOf, toJson } from '../../../lib/js/wit.js';

const REGIONS = ['us-east', 'eu-west'];
const DEFAULT_REGION = 'us-east';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{8,64}$/;

class HttpError extends Error {
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

function nowMs() {
  const t = wall.now();
  return num(t.seconds) * 1000 + Math.floor(t.nanoseconds / 1e6);
}

let requestCount = 0;
function newCorrelationId(now) {
  requestCount += 1;
  return `corr-${toHex(sha256(`${now}:${requestCount}`)).slice(0, 16)}`;
}

function json(status, body, headers = {}) {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: toJson(body, 2) };
}

function readJson(req) {
  if (req.body.trim() === '') return {};
  try {
    const v = JSON.parse(req.body);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v;
  } catch {
    throw new HttpError(400, 'bad-json', 'the request body is not a JSON object');
  }
}

function str(body, name, { optional = false, max = 200 } = {}) {
  const v = body[name];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v.trim() === '' || v.length > max)
    throw new HttpError(400, 'bad-body', `${name} must be a string of 1 to ${max} characters`);
  return v;
}

function cents(body, name) {
  const v = body[name];
  if (!Number.isSafeInteger(v) || v <= 0) throw new HttpError(400, 'bad-body', `${name} must be a positive whole number of cents`);
  return v;
}

const AUTH_ERRORS = {
  'invalid-credentials': [401, 'wrong username or password'],
  locked: [423, 'too many failed logins: locked'],
  'unknown-challenge': [401, 'unknown MFA challenge'],
  'challenge-expired': [401, 'the MFA challenge expired: log in again'],
  'wrong-code': [401, 'wrong MFA code'],
  'unknown-token': [401, 'unknown or revoked token'],
  'expired-token': [401, 'the session expired: log in again'],
  'insufficient-scope': [403, 'the session lacks a scope'],
  'username-taken': [409, 'the username is taken'],
  'weak-password': [400, 'the password is too weak'],
};

function authError(e) {
  const [status, message] = AUTH_ERRORS[e?.tag] ?? [500, 'authentication failed'];
  const detail = e?.val === undefined ? message : `${message} (${num(e.val)})`;
  return new HttpError(status, e?.tag ?? 'auth', detail);
}

function bearer(req) {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (m === null) throw new HttpError(401, 'unauthenticated', 'send Authorization: Bearer <session token>');
  return m[1];
}

/** The session of the request's token with `scope`; sets the context's principal. */
function requireSession(req, ctx, scope) {
  const r = attempt(() => auth.authorize(ctx, bearer(req), scope));
  if (!r.ok) throw authError(r.error);
  ctx.principal = r.value.customerId;
  return r.value;
}

function requireOperator(req, ctx) {
  const s = requireSession(req, ctx, 'audit');
  if (s.customerId !== 'operator') throw new HttpError(403, 'forbidden', 'operators only');
  return s;
}

const TRANSFER_ERRORS = {
  invalid: [400, 'the request is not valid'],
  'unknown-account': [404, 'unknown account'],
  'not-owner': [403, 'the account is not yours'],
  'account-not-open': [409, 'the account is not open'],
  'currency-mismatch': [422, 'the currencies differ'],
  'insufficient-funds': [402, 'insufficient funds'],
  'fraud-declined': [403, 'declined by the fraud monitor'],
  'idempotency-conflict': [409, 'the idempotency key was used for another request'],
  rails: [502, 'the payment rails refused the entry'],
};

function transferError(e) {
  const [status, message] = TRANSFER_ERRORS[e?.tag] ?? [500, describeError(e)];
  if (e?.tag === 'fraud-declined') {
    const [score, reasons] = e.val;
    return new HttpError(status, e.tag, `${message}: ${reasons.join('; ')}`, { score, reasons });
  }
  if (e?.tag === 'insufficient-funds') return new HttpError(status, e.tag, `${message}: available ${num(e.val) / 100}`);
  return new HttpError(status, e?.tag ?? 'failed', e?.val === undefined ? message : `${message}: ${e.val}`);
}

function accountError(e) {
  const statuses = { 'kyc-required': 403, residency: 451, 'unknown-customer': 404, 'unknown-account': 404, invalid: 400 };
  return new HttpError(statuses[e?.tag] ?? 500, e?.tag ?? 'failed', describeError(e));
}

function accountView(account) {
  const b = balances.get(account.id);
  return { ...account, balance: { ledger: num(b.ledger), held: num(b.held), available: num(b.available) } };
}

function ownAccount(ctx, id) {
  const a = accounts.get(id);
  if (a == null || (a.customerId !== ctx.principal && ctx.principal !== 'operator'))
    throw new HttpError(404, 'not-found', `no account ${id}`);
  return a;
}

let nextCustomer = 1;

// [method, pattern, name, handler(req, match, ctx)]
const routes = [
  ['GET', /^\/health$/, 'health', () => json(200, { status: 'ok', ledgerEntries: ledger.entryCount(), auditEntries: num(audit.count()) })],
  [
    'POST',
    /^\/customers$/,
    'enroll',
    (req, _m, ctx) => {
      const b = readJson(req);
      const customerId = `cus-${String(nextCustomer++).padStart(5, '0')}`;
      ctx.principal = customerId;
      const identity = {
        customerId,
        fullName: str(b, 'fullName'),
        dateOfBirth: str(b, 'dateOfBirth', { max: 10 }),
        nationalId: str(b, 'nationalId', { max: 40 }),
        country: str(b, 'country', { max: 2 }),
        homeRegion: str(b, 'homeRegion', { optional: true, max: 20 }) ?? ctx.region,
      };
      const verification = kyc.verify(ctx, identity);
      if (verification.decision !== 'approved') {
        return json(403, { error: 'kyc', customerId, decision: verification.decision, reasons: verification.reasons });
      }
      const enrolled = attempt(() => auth.enroll(ctx, customerId, str(b, 'username', { max: 32 }), str(b, 'password', { max: 128 })));
      if (!enrolled.ok) throw authError(enrolled.error);
      return json(201, { customerId, kyc: verification, enrollment: enrolled.value });
    },
  ],
  [
    'POST',
    /^\/auth\/login$/,
    'login',
    (req, _m, ctx) => {
      const b = readJson(req);
      const r = attempt(() => auth.login(ctx, str(b, 'username'), str(b, 'password')));
      if (!r.ok) throw authError(r.error);
      if (r.value.tag === 'mfa-required') return json(202, { mfaRequired: r.value.val });
      return json(200, { session: r.value.val });
    },
  ],
  [
    'POST',
    /^\/auth\/mfa$/,
    'mfa',
    (req, _m, ctx) => {
      const b = readJson(req);
      const r = attempt(() => auth.verifyMfa(ctx, str(b, 'challengeId'), str(b, 'code', { max: 6 })));
      if (!r.ok) throw authError(r.error);
      ctx.principal = r.value.customerId;
      return json(200, { session: r.value });
    },
  ],
  ['POST', /^\/auth\/logout$/, 'logout', (req, _m, ctx) => json(200, { revoked: auth.logout(ctx, bearer(req)) })],
  [
    'GET',
    /^\/accounts$/,
    'accounts',
    (req, _m, ctx) => {
      const s = requireSession(req, ctx, 'read');
      return json(200, { accounts: accounts.listFor(s.customerId).map(accountView) });
    },
  ],
  [
    'POST',
    /^\/accounts$/,
    'open-account',
    (req, _m, ctx) => {
      const s = requireSession(req, ctx, 'accounts');
      const b = readJson(req);
      const kind = str(b, 'kind', { max: 16 });
      if (kind !== 'checking' && kind !== 'savings') throw new HttpError(400, 'bad-body', 'kind is checking or savings');
      const r = attempt(() => accounts.open(ctx, s.customerId, kind, str(b, 'currency', { max: 3 })));
      if (!r.ok) throw accountError(r.error);
      return json(201, accountView(r.value));
    },
  ],
  [
    'GET',
    /^\/accounts\/([^/]+)$/,
    'account',
    (req, m, ctx) => {
      requireSession(req, ctx, 'read');
      return json(200, accountView(ownAccount(ctx, m[1])));
    },
  ],
  [
    'GET',
    /^\/accounts\/([^/]+)\/history$/,
    'history',
    (req, m, ctx) => {
      requireSession(req, ctx, 'read');
      const a = ownAccount(ctx, m[1]);
      return json(200, { accountId: a.id, entries: ledger.history(a.id, 100) });
    },
  ],
  [
    'POST',
    /^\/transfers$/,
    'transfer',
    (req, _m, ctx) => {
      requireSession(req, ctx, 'transfer');
      const b = readJson(req);
      const r = attempt(() =>
        ledger.transfer(ctx, {
          fromAccount: str(b, 'from', { max: 40 }),
          toAccount: str(b, 'to', { max: 40 }),
          amount: cents(b, 'amountCents'),
          memo: typeof b.memo === 'string' ? b.memo.slice(0, 140) : '',
          idempotencyKey: req.headers['idempotency-key'] ?? ctx.correlationId,
          location: req.headers['x-device-location'],
        }),
      );
      if (!r.ok) throw transferError(r.error);
      return json(201, r.value);
    },
  ],
  [
    'POST',
    /^\/(deposits|withdrawals)$/,
    'ach',
    (req, m, ctx) => {
      requireSession(req, ctx, 'transfer');
      const b = readJson(req);
      const request = {
        accountId: str(b, 'accountId', { max: 40 }),
        amount: cents(b, 'amountCents'),
        routingNumber: str(b, 'routingNumber', { max: 9 }),
        externalAccount: str(b, 'externalAccount', { max: 17 }),
        name: str(b, 'name', { max: 22 }),
        idempotencyKey: req.headers['idempotency-key'] ?? ctx.correlationId,
      };
      const r = attempt(() => (m[1] === 'deposits' ? ledger.deposit(ctx, request) : ledger.withdraw(ctx, request)));
      if (!r.ok) throw transferError(r.error);
      return json(201, r.value);
    },
  ],
  [
    'POST',
    /^\/loans$/,
    'loan',
    (req, _m, ctx) => {
      const s = requireSession(req, ctx, 'loans');
      const b = readJson(req);
      const r = attempt(() =>
        loans.apply(ctx, {
          customerId: s.customerId,
          accountId: str(b, 'accountId', { max: 40 }),
          amount: cents(b, 'amountCents'),
          termMonths: Number.isInteger(b.termMonths) ? b.termMonths : 0,
          nationalId: str(b, 'nationalId', { max: 40 }),
          annualIncome: cents(b, 'annualIncomeCents'),
          monthlyDebt: Number.isSafeInteger(b.monthlyDebtCents) && b.monthlyDebtCents >= 0 ? b.monthlyDebtCents : 0,
        }),
      );
      if (!r.ok) {
        const e = r.error;
        if (e?.tag === 'declined') return json(422, { error: 'declined', reasons: e.val });
        if (e?.tag === 'bureau-unavailable') throw new HttpError(503, e.tag, `the credit bureau is unavailable: ${e.val}`);
        throw new HttpError(400, e?.tag ?? 'invalid', describeError(e));
      }
      return json(201, { loan: r.value, schedule: loans.schedule(r.value.id).slice(0, 3) });
    },
  ],
  [
    'GET',
    /^\/loans\/([^/]+)\/schedule$/,
    'schedule',
    (req, m, ctx) => {
      const s = requireSession(req, ctx, 'read');
      const own = loans.listFor(s.customerId).find((l) => l.id === m[1]);
      if (own === undefined) throw new HttpError(404, 'not-found', `no loan ${m[1]}`);
      return json(200, { loan: own, schedule: loans.schedule(own.id) });
    },
  ],
  [
    'GET',
    /^\/audit$/,
    'audit',
    (req, _m, ctx, url) => {
      requireOperator(req, ctx);
      const q = url.searchParams;
      const list = audit.entries({
        correlationId: q.get('correlationId') ?? undefined,
        subject: q.get('subject') ?? undefined,
        actionPrefix: q.get('action') ?? undefined,
        limit: Math.min(Number(q.get('limit') ?? 1000) || 1000, 10_000),
      });
      return json(200, { entries: list, chain: audit.verifyChain() });
    },
  ],
  [
    'GET',
    /^\/admin\/logs$/,
    'logs',
    (req, _m, ctx, url) => {
      requireOperator(req, ctx);
      const lines = audit.logs(url.searchParams.get('correlationId') ?? undefined, 1000);
      return json(200, { logs: lines.map((l) => JSON.parse(l)) });
    },
  ],
  [
    'GET',
    /^\/admin\/ledger$/,
    'ledger-check',
    (req, _m, ctx) => {
      requireOperator(req, ctx);
      return json(200, { entries: ledger.entryCount(), sumOfBalances: num(balances.total()), auditChain: audit.verifyChain() });
    },
  ],
  [
    'POST',
    /^\/admin\/fraud\/flags$/,
    'flag',
    (req, _m, ctx) => {
      requireOperator(req, ctx);
      const b = readJson(req);
      fraud.flagAccount(ctx, str(b, 'accountId', { max: 40 }), str(b, 'reason'));
      return json(201, { flagged: b.accountId });
    },
  ],
  [
    'POST',
    /^\/admin\/ach\/batches$/,
    'close-batch',
    (req, _m, ctx) => {
      requireOperator(req, ctx);
      const r = attempt(() => rails.closeBatch(ctx));
      if (!r.ok) throw new HttpError(409, 'rails', describeError(r.error));
      audit.append(ctx, {
        action: 'rails.close-batch',
        subject: r.value.id,
        outcome: 'success',
        detail: toJson({ entries: r.value.entryCount, credits: r.value.totalCredits, debits: r.value.totalDebits }),
      });
      return json(201, { ...r.value, operator: rails.operator() ?? null });
    },
  ],
  ['GET', /^\/metrics$/, 'metrics', () => json(200, metricsView())],
];

// Monitoring: per-route counts, a circuit breaker per backend, rate limits.
const metrics = new Map();
function count(route, status, ms) {
  let m = metrics.get(route);
  if (m === undefined) {
    m = { requests: 0, '2xx': 0, '4xx': 0, '5xx': 0, totalMs: 0 };
    metrics.set(route, m);
  }
  m.requests += 1;
  m.totalMs += ms;
  const cls = `${Math.floor(status / 100)}xx`;
  if (cls in m) m[cls] += 1;
}
function metricsView() {
  return { requests: requestCount, routes: Object.fromEntries(metrics), circuits: Object.fromEntries(circuits) };
}

// Routing rules: every route of the table is a rule with one backend, the platform API at this version;
// set-backends moves weights (a canary of another version), decisions are sticky per key.
const rules = new Map(
  routes.map(([method, pattern, name]) => [
    name,
    {
      name,
      pathPrefix: pattern.source,
      methods: [method],
      backends: [{ service: 'fintech-api', version: '1.0.0', weight: 100 }],
      timeoutMs: 5000,
      retries: 0,
    },
  ]),
);
const circuits = new Map();
const FAILURES_TO_OPEN = 5;
const OPEN_MS = 30_000;

function circuitOf(service, version) {
  const key = `${service}@${version}`;
  let c = circuits.get(key);
  if (c === undefined) {
    c = { state: 'closed', failures: 0, openedAt: 0 };
    circuits.set(key, c);
  }
  if (c.state === 'open' && nowMs() - c.openedAt >= OPEN_MS) c.state = 'half-open';
  return c;
}

function stickyBucket(key) {
  const h = sha256(key);
  return ((h[0] << 8) | h[1]) % 100;
}

function routeDecision(method, path, stickyKey) {
  for (const [m, pattern, name] of routes) {
    if (m !== method || !pattern.test(path)) continue;
    const rule = rules.get(name);
    const live = rule.backends.filter((b) => b.weight > 0 && circuitOf(b.service, b.version).state !== 'open');
    if (live.length === 0) throw { tag: 'unavailable', val: name };
    const total = live.reduce((s, b) => s + b.weight, 0);
    let pick = (stickyKey ? stickyBucket(stickyKey) : requestCount % 100) % total;
    for (const b of live) {
      if (pick < b.weight) return { rule: name, backend: b };
      pick -= b.weight;
    }
    return { rule: name, backend: live[live.length - 1] };
  }
  throw { tag: 'no-route', val: `${method} ${path}` };
}

export const routing = {
  rules: () => [...rules.values()],
  route: (method, path, stickyKey) => routeDecision(method, path, stickyKey),
  setBackends(ruleName, backends) {
    const rule = rules.get(ruleName);
    if (rule === undefined) throw `no rule ${ruleName}`;
    const sum = backends.reduce((s, b) => s + b.weight, 0);
    if (backends.length === 0 || sum !== 100) throw `the weights of ${ruleName} sum to ${sum}, not 100`;
    rule.backends = backends.map((b) => ({ ...b }));
  },
  reportOutcome(service, version, success, _latencyMs) {
    const c = circuitOf(service, version);
    if (success) {
      c.failures = 0;
      c.state = 'closed';
      return;
    }
    c.failures += 1;
    if (c.state === 'half-open' || c.failures >= FAILURES_TO_OPEN) {
      c.state = 'open';
      c.openedAt = nowMs();
    }
  },
  circuit: (service, version) => circuitOf(service, version).state,
};

const limits = [
  { scope: 'per-user', key: '', requests: 120, windowMs: 60_000 },
  { scope: 'per-service', key: 'fintech-api', requests: 6000, windowMs: 60_000 },
  { scope: 'global', key: '', requests: 20_000, windowMs: 60_000 },
];
const windows = new Map();

function countAgainst(limit, key, now) {
  const id = `${limit.scope}:${key}`;
  let w = windows.get(id);
  if (w === undefined || now - w.start >= limit.windowMs) {
    w = { start: now, count: 0 };
    windows.set(id, w);
  }
  w.count += 1;
  return {
    allowed: w.count <= limit.requests,
    remaining: Math.max(0, limit.requests - w.count),
    retryAfterMs: limit.windowMs - (now - w.start),
  };
}

function checkLimits(user, service) {
  const now = nowMs();
  let verdict = { allowed: true, remaining: Number.MAX_SAFE_INTEGER, retryAfterMs: undefined };
  for (const limit of limits) {
    if (limit.scope === 'per-user' && user == null) continue;
    if (limit.scope === 'per-service' && limit.key !== service) continue;
    const key = limit.scope === 'per-user' ? limit.key || user : limit.key;
    if (limit.scope === 'per-user' && limit.key !== '' && limit.key !== user) continue;
    const r = countAgainst(limit, key, now);
    if (!r.allowed && verdict.allowed) verdict = { allowed: false, remaining: 0, retryAfterMs: r.retryAfterMs };
    else if (verdict.allowed && r.remaining < verdict.remaining) verdict.remaining = r.remaining;
  }
  return verdict;
}

export const rateLimiting = {
  check: (user, service) => checkLimits(user ?? undefined, service),
  limits: () => limits,
  setLimit(limit) {
    const i = limits.findIndex((l) => l.scope === limit.scope && l.key === limit.key);
    if (i >= 0) limits[i] = { ...limit };
    else limits.push({ ...limit });
  },
};

export const authentication = {
  authenticate(credentials) {
    if (credentials.token === '') throw { tag: 'missing' };
    const ctx = {
      correlationId: newCorrelationId(nowMs()),
      principal: 'anonymous',
      nowMs: nowMs(),
      region: DEFAULT_REGION,
      channel: 'system',
    };
    const r = attempt(() => auth.authorize(ctx, credentials.token, 'read'));
    if (!r.ok) {
      const tag = r.error?.tag;
      if (tag === 'expired-token') throw { tag: 'expired' };
      if (tag === 'insufficient-scope') throw { tag: 'insufficient-scope', val: [r.error.val] };
      throw { tag: credentials.scheme === 'api-key' ? 'unknown-key' : 'invalid-signature' };
    }
    const s = r.value;
    return {
      subject: s.customerId,
      scopes: s.scopes,
      expiresAt: num(s.expiresAtMs) === 0 ? undefined : Math.floor(num(s.expiresAtMs) / 1000),
    };
  },
  authorize(principal, requiredScopes) {
    const missing = requiredScopes.filter((s) => !principal.scopes.includes(s));
    if (missing.length > 0) throw { tag: 'insufficient-scope', val: missing };
  },
};

/** Routes one request (from HTTP or the api-client) and answers a plain response. */
function handle(req, channel) {
  const now = nowMs();
  // the caller's correlation id, else the request id the host gave the request (flotilla serve always sets
  // x-request-id), so that serve's log line and the audit trail name the request alike
  const given = req.headers['x-correlation-id'] ?? req.headers['x-request-id'];
  const correlationId = given !== undefined && CORRELATION_ID.test(given) ? given : newCorrelationId(now);
  const regionHeader = req.headers['x-region'];
  if (regionHeader !== undefined && !REGIONS.includes(regionHeader)) {
    return json(
      421,
      { error: 'wrong-region', message: `this gateway serves ${REGIONS.join(', ')}` },
      { 'x-correlation-id': correlationId },
    );
  }
  const ctx = { correlationId, principal: 'anonymous', nowMs: now, region: regionHeader ?? DEFAULT_REGION, channel };
  const common = { 'x-correlation-id': correlationId, 'x-region': ctx.region };
  const verdict = checkLimits(req.headers.authorization ? toHex(sha256(req.headers.authorization)).slice(0, 16) : undefined, 'fintech-api');
  common['x-ratelimit-remaining'] = String(Math.min(verdict.remaining, 1_000_000));
  if (!verdict.allowed) {
    count('rate-limited', 429, 0);
    return json(
      429,
      { error: 'rate-limited', message: 'too many requests' },
      { ...common, 'retry-after': String(Math.ceil(verdict.retryAfterMs / 1000)) },
    );
  }
  let pathMatched = false;
  for (const [method, pattern, name, handler] of routes) {
    const m = pattern.exec(req.url.pathname);
    if (m === null) continue;
    pathMatched = true;
    if (method !== req.method) continue;
    const span = monitoring.startSpan(`${method} ${name} ${correlationId}`, undefined);
    monitoring.log('info', `${channel} ${method} ${req.url.pathname} route=${name}`, correlationId);
    let response;
    try {
      response = handler(req, m, ctx, req.url);
    } catch (err) {
      if (err instanceof HttpError) response = json(err.status, { error: err.code, message: err.message, ...err.extra, correlationId });
      else response = json(500, { error: 'internal', message: describeError(payloadOf(err)), correlationId });
    }
    const ms = nowMs() - now;
    const decision = rules.get(name).backends[0];
    routing.reportOutcome(decision.service, decision.version, response.status < 500, ms);
    monitoring.endSpan(span, response.status);
    monitoring.log(
      response.status >= 500 ? 'error' : 'info',
      `${method} ${req.url.pathname} -> ${response.status} in ${ms} ms`,
      correlationId,
    );
    count(name, response.status, ms);
    Object.assign(response.headers, common);
    return response;
  }
  const status = pathMatched ? 405 : 404;
  count('unmatched', status, 0);
  return json(status, { error: pathMatched ? 'method-not-allowed' : 'not-found', path: req.url.pathname }, common);
}

function parseTarget(path) {
  const q = path.indexOf('?');
  const params = new Map();
  if (q >= 0) {
    for (const pair of path.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (pair === '') continue;
      const decode = (t) => {
        try {
          return decodeURIComponent(t.replace(/\+/g, ' '));
        } catch {
          return t;
        }
      };
      params.set(decode(eq < 0 ? pair : pair.slice(0, eq)), eq < 0 ? '' : decode(pair.slice(eq + 1)));
    }
  }
  return { pathname: q < 0 ? path : path.slice(0, q), searchParams: { get: (n) => params.get(n) ?? null } };
}

export const apiClient = {
  send(request) {
    const headers = {};
    for (const [name, value] of request.headers) if (!(name.toLowerCase() in headers)) headers[name.toLowerCase()] = value;
    const response = handle(
      { method: request.method.toUpperCase(), url: parseTarget(request.path), headers, body: request.body ?? '' },
      'mobile',
    );
    return { status: response.status, headers: Object.entries(response.headers), body: response.body };
  },
};

export const incomingHandler = {
  handle(request, responseOut) {
    let response;
    try {
      response = handle(readRequest(request), 'web');
    } catch (err) {
      response = json(400, { error: 'bad-request', message: describeError(payloadOf(err)) });
    }
    writeResponse(responseOut, response);
  },
};

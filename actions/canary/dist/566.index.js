export const id = 566;
export const ids = [566,72];
export const modules = {

/***/ 21072:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   violationsOf: () => (/* binding */ violationsOf),
/* harmony export */   xf: () => (/* binding */ joinReport)
/* harmony export */ });
/* unused harmony exports formatReportText, formatReportMarkdown */

/** Joins the engine's verdicts with what gathering found, component by component (parts too). */
function joinReport(policyReport, gathered, target) {
    const join = (v, g) => {
        const { parts: verdictParts, ...verdict } = v;
        const parts = verdictParts?.map((p, i) => join(p, g?.parts[i]));
        return {
            ...verdict,
            ...(g?.origin ? { origin: g.origin } : {}),
            imports: g?.evidence.imports ?? [],
            notes: g?.notes ?? [],
            ...(parts ? { parts } : {}),
        };
    };
    return { ...policyReport, target, components: policyReport.components.map((c, i) => join(c, gathered[i])) };
}
function violationsOf(report) {
    const out = [];
    for (const c of report.components) {
        for (const check of c.checks) {
            if (check.status !== 'fail')
                continue;
            const position = check.position ?? c.origin;
            const unverified = check.aspect === 'signing' && c.notes.length > 0 ? ` [${c.notes.join('; ')}]` : '';
            out.push({
                component: c.name,
                check,
                message: `${c.name}${c.digest ? ` (${c.digest})` : ''}: ${check.reason}${unverified}`,
                ...(position ? { position } : {}),
            });
        }
    }
    return out;
}
function shortDigest(d) {
    return d ? d.slice(0, 'sha256:'.length + 12) : '';
}
/** The report as text for the terminal. */
function formatReportText(report) {
    const lines = [];
    const env = report.environment !== undefined ? `, environment ${report.environment}` : '';
    lines.push(`verify ${report.target} against ${report.policy} (mode ${report.mode}${env}): ${report.verdict.toUpperCase()}`);
    const walk = (c, indent, label) => {
        const where = `${c.ref ? `  ${c.ref}` : ''}${c.digest ? `  ${c.digest}` : ''}`;
        lines.push(`${indent}${label}${c.verdict.toUpperCase().padEnd(4)} ${c.name}${where}`);
        const sub = `${indent}     `;
        lines.push(`${sub}signers: ${c.signers.length ? c.signers.join(', ') : '(none)'}`);
        lines.push(`${sub}rules: ${c.rules.length ? c.rules.join(', ') : '(none)'}`);
        for (const k of c.checks) {
            if (k.aspect === 'parts')
                lines.push(`${sub}${k.status === 'pass' ? `ok   ${k.reason}` : `FAIL ${k.label} fails (below)`}`);
            else
                lines.push(`${sub}${k.status === 'pass' ? 'ok  ' : 'FAIL'} ${k.reason}`);
        }
        for (const n of c.notes)
            lines.push(`${sub}note: ${n}`);
        for (const p of c.parts ?? [])
            walk(p, sub, 'part ');
    };
    for (const c of report.components)
        walk(c, '  ', '');
    return `${lines.join('\n')}\n`;
}
/** The job summary: a table of component, digest, signer identity, rules applied, verdict, reason (parts as `platform › part`). */
function formatReportMarkdown(report, opts = {}) {
    const path = opts.path ?? ((f) => f);
    const rows = [];
    const walk = (c, prefix) => {
        const reason = c.violations.length ? c.violations.join('; ') : 'all rules pass';
        const notes = c.notes.length ? `; ${c.notes.join('; ')}` : '';
        rows.push([
            `${prefix}${c.name}`,
            c.digest ? code(shortDigest(c.digest)) : '',
            c.signers.length ? c.signers.join(', ') : 'unsigned',
            c.rules.join(', '),
            c.verdict === 'pass' ? 'pass' : c.verdict === 'warn' ? 'warn' : '**fail**',
            `${reason}${notes}`,
        ]);
        for (const p of c.parts ?? [])
            walk(p, `${prefix}${c.name} › `);
    };
    for (const c of report.components)
        walk(c, '');
    const env = report.environment !== undefined ? `, environment \`${report.environment}\`` : '';
    return [
        `### Flotilla verify: ${report.verdict}`,
        '',
        `${report.target} against \`${path(report.policy)}\` (mode \`${report.mode}\`${env})`,
        '',
        table(['component', 'digest', 'signer identity', 'rules applied', 'verdict', 'reason'], rows),
        '',
    ].join('\n');
}


/***/ }),

/***/ 54566:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  verify: () => (/* binding */ verify)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/shared/errors.js
var errors = __webpack_require__(52005);
// EXTERNAL MODULE: ./build/shared/oci/layout/store.js + 2 modules
var store = __webpack_require__(22190);
// EXTERNAL MODULE: ./build/shared/oci/open.js
var oci_open = __webpack_require__(42092);
;// CONCATENATED MODULE: ./build/shared/policy/glob.js
/**
 * Globs of the security policy, compiled to anchored regular expressions.
 *
 * Path globs (component names, repository paths, imports such as
 * `wasi:sockets/tcp@0.2.0`):
 *   `*`  any run of characters except `/`
 *   `**` any run of characters, `/` included
 *   `?`  one character except `/`
 *   `[abc]`, `[a-z]`, `[!abc]`  one character of (or not of) a set
 *   `\x` the character x itself
 * Everything else matches itself, case-sensitively.
 *
 * Host globs (registry hosts, with an optional port): the same, except that
 * `*` and `?` stop at `/` and at `:` (so a port is only matched when the glob
 * names one: `localhost:*`, `127.0.0.1:5000`), `**` and `/` are not allowed,
 * and the comparison ignores case. `*.azurecr.io` matches `a.azurecr.io` and
 * `a.b.azurecr.io`, not `azurecr.io` nor `a.azurecr.io:5000`.
 */

/** A glob that cannot be compiled; `offset` is the index in the pattern. */
class GlobSyntaxError extends errors/* FlotillaError */.wD {
    pattern;
    offset;
    constructor(pattern, offset, message) {
        super('GLOB_SYNTAX', `bad glob '${pattern}': ${message}`);
        this.pattern = pattern;
        this.offset = offset;
    }
}
const SPECIAL = /[.*+?^${}()|[\]\\/]/g;
const escapeRegex = (s) => s.replace(SPECIAL, '\\$&');
function compileClass(pattern, start, stop) {
    // pattern[start] === '['
    let i = start + 1;
    let negate = false;
    if (pattern[i] === '!' || pattern[i] === '^') {
        negate = true;
        i++;
    }
    let body = '';
    let first = true;
    for (; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === ']' && !first) {
            if (body === '')
                throw new GlobSyntaxError(pattern, start, 'empty character class');
            return { source: `[${negate ? '^' : ''}${body}${negate ? stop : ''}]`, end: i };
        }
        first = false;
        if (c === '/')
            throw new GlobSyntaxError(pattern, i, "'/' cannot appear in a character class");
        if (c === '\\') {
            const next = pattern[i + 1];
            if (next === undefined)
                throw new GlobSyntaxError(pattern, i, 'trailing backslash');
            body += escapeRegex(next).replace(/-/g, '\\-');
            i++;
            continue;
        }
        if (c === '-' && body !== '' && pattern[i + 1] !== ']' && pattern[i + 1] !== undefined) {
            body += '-';
            continue;
        }
        body += c === '-' ? '\\-' : c === ']' ? '\\]' : escapeRegex(c);
    }
    throw new GlobSyntaxError(pattern, start, "unclosed '['");
}
/** Compiles a glob; throws GlobSyntaxError for an empty or malformed pattern. */
function compileGlob(pattern, kind = 'path') {
    if (pattern.length === 0)
        throw new GlobSyntaxError(pattern, 0, 'empty pattern');
    if (/\s/.test(pattern))
        throw new GlobSyntaxError(pattern, pattern.search(/\s/), 'white space is not allowed');
    // characters a single `*` or `?` may not cross
    const stop = kind === 'host' ? '/:' : '/';
    const notStop = `[^${stop}]`;
    let out = '';
    let i = 0;
    if (kind === 'host' && pattern.startsWith('[')) {
        // an IPv6 literal, e.g. [::1] or [::1]:5000
        const end = pattern.indexOf(']');
        if (end < 0 || !/^\[[0-9a-fA-F:.]+\]$/.test(pattern.slice(0, end + 1))) {
            throw new GlobSyntaxError(pattern, 0, "an IPv6 host is written '[address]' (hex digits and ':')");
        }
        out += escapeRegex(pattern.slice(0, end + 1));
        i = end + 1;
    }
    for (; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '*') {
            let run = 1;
            while (pattern[i + run] === '*')
                run++;
            if (run > 2)
                throw new GlobSyntaxError(pattern, i, `'${'*'.repeat(run)}' is ambiguous: use '*' or '**'`);
            if (run === 2) {
                if (kind === 'host')
                    throw new GlobSyntaxError(pattern, i, "'**' is not allowed in a registry host (hosts have no '/'): use '*'");
                out += '.*';
                i++;
            }
            else {
                out += `${notStop}*`;
            }
        }
        else if (c === '?') {
            out += notStop;
        }
        else if (c === '[') {
            const cls = compileClass(pattern, i, stop);
            out += cls.source;
            i = cls.end;
        }
        else if (c === '\\') {
            const next = pattern[i + 1];
            if (next === undefined)
                throw new GlobSyntaxError(pattern, i, 'trailing backslash');
            out += escapeRegex(next);
            i++;
        }
        else if (c === ']') {
            throw new GlobSyntaxError(pattern, i, "unmatched ']'");
        }
        else {
            if (kind === 'host' && c === '/')
                throw new GlobSyntaxError(pattern, i, "a registry host has no '/' (write the host only, e.g. 'ghcr.io')");
            out += escapeRegex(c);
        }
    }
    if (kind === 'host')
        checkHostShape(pattern);
    const regex = new RegExp(`^(?:${out})$`, kind === 'host' ? 'i' : '');
    return { pattern, kind, regex, test: (value) => regex.test(value) };
}
/** A host glob is `host` or `host:port`, the port being digits, `*` or `?`s. */
function checkHostShape(pattern) {
    const bracketEnd = pattern.startsWith('[') ? pattern.indexOf(']') : -1;
    const colon = pattern.indexOf(':', bracketEnd + 1);
    if (colon < 0)
        return;
    if (colon === 0)
        throw new GlobSyntaxError(pattern, 0, 'missing host before the port');
    const port = pattern.slice(colon + 1);
    if (!/^(?:\d+|[\d?*]+)$/.test(port)) {
        throw new GlobSyntaxError(pattern, colon + 1, `port '${port}' must be digits, '*' or '?'`);
    }
}
/** The `local` registry keyword: loopback hosts on any port, and components with no registry. */
function isLoopbackHost(host) {
    const h = host.toLowerCase();
    const bare = h.startsWith('[') ? h.slice(0, h.indexOf(']') + 1) : (h.split(':')[0] ?? h);
    return bare === 'localhost' || bare === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(bare);
}
/**
 * Whether an import matches a capability glob. A glob without a version
 * (`wasi:sockets/tcp`, `wasi:sockets/*`) also matches the versioned import
 * (`wasi:sockets/tcp@0.2.0`).
 */
function matchesImport(glob, importName) {
    if (glob.test(importName))
        return true;
    const at = importName.lastIndexOf('@');
    return at > 0 && !glob.pattern.includes('@') && glob.test(importName.slice(0, at));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./build/shared/policy/keys.js

/** Reads a PEM public key (SPKI, or a certificate's key); throws with the parser's reason. */
function parsePublicKeyPem(pem) {
    if (!/-----BEGIN [A-Z0-9 ]+-----/.test(pem))
        throw new Error('not PEM: no -----BEGIN ...----- line');
    if (/-----BEGIN (?:[A-Z0-9]+ )?PRIVATE KEY-----/.test(pem)) {
        throw new Error('this is a private key: an authority names the public key (the .pub file)');
    }
    const key = (0,external_node_crypto_.createPublicKey)({ key: pem, format: 'pem' });
    if (key.type !== 'public')
        throw new Error(`expected a public key, got a ${key.type} key`);
    return key;
}
/** `sha256:<hex>` of the DER SubjectPublicKeyInfo: the same key gives the same digest in any PEM layout. */
function spkiSha256(key) {
    const object = typeof key === 'string' ? parsePublicKeyPem(key) : key;
    const der = object.export({ type: 'spki', format: 'der' });
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(der).digest('hex')}`;
}
/** Short form for reports: `sha256:0123456789ab`. */
function shortDigest(digest) {
    return digest.slice(0, 'sha256:'.length + 12);
}
/** `sha256:<hex>` from `sha256:<hex>` or bare `<hex>` (64 hex digits); undefined for anything else. */
function normalizeSpkiDigest(value) {
    const m = /^(?:sha256:)?([0-9a-fA-F]{64})$/.exec(value);
    return m ? `sha256:${m[1].toLowerCase()}` : undefined;
}

;// CONCATENATED MODULE: ./build/shared/policy/engine.js



/** The policy cannot be applied as asked (e.g. an environment it does not define). */
class PolicyError extends errors/* FlotillaError */.wD {
}
const MAX_PART_DEPTH = 16;
/** The environment's overrides; an environment the policy does not define is an error when it defines any. */
function resolveEnvironment(policy, name) {
    if (name === undefined || name === '')
        return undefined;
    const env = policy.environments.get(name);
    if (env)
        return env;
    if (policy.environments.size === 0)
        return undefined;
    throw new PolicyError('POLICY_UNKNOWN_ENVIRONMENT', `${policy.file}: environment '${name}' is not defined under 'environments:' (defined: ${[...policy.environments.keys()].join(', ')}); ` +
        'pass one of those, or add it to the policy');
}
function effectiveMode(policy, env) {
    return env?.mode ?? policy.mode;
}
function registryMatches(rule, registry) {
    if (rule.match === undefined)
        return false;
    if (rule.match === 'local')
        return registry === undefined || isLoopbackHost(registry);
    return registry !== undefined && rule.match.test(registry);
}
function componentMatches(rule, subject) {
    if (rule.match === undefined || rule.match === 'local')
        return false;
    return rule.match.test(subject.name) || (subject.repository !== undefined && rule.match.test(subject.repository));
}
/**
 * The rules of the policy that apply to a component in an environment, and
 * `extra` rules of the caller (scope `spec`, see RuleScope) after them.
 */
function rulesFor(policy, env, subject, extra = []) {
    const registryRules = [...policy.registries, ...(env?.registries ?? [])].filter((r) => registryMatches(r, subject.registry));
    const componentRules = [...policy.components, ...(env?.components ?? [])].filter((r) => componentMatches(r, subject));
    const rules = [];
    if (policy.global)
        rules.push(policy.global);
    rules.push(...registryRules, ...componentRules);
    if (registryRules.length === 0 && componentRules.length === 0 && policy.default)
        rules.push(policy.default);
    if (env?.rule)
        rules.push(env.rule);
    // a component from no registry that a `local|optional` rule lets through is not held to the caller's signing rule
    const localOptional = subject.registry === undefined && registryRules.some((r) => r.match === 'local' && r.signing === 'optional');
    for (const r of extra)
        if (!(localOptional && r.scope === 'spec'))
            rules.push(r);
    const registryKnown = registryRules.length > 0;
    const deny = (env?.unknownRegistries ?? policy.unknownRegistries) === 'deny';
    if (registryKnown || !deny)
        return { rules, registryKnown };
    const fromEnv = env?.unknownRegistries !== undefined;
    const position = fromEnv ? env?.unknownRegistriesPosition : policy.unknownRegistriesPosition;
    return {
        rules,
        registryKnown,
        unknownRegistryDenied: {
            rule: fromEnv ? `environments.${env?.name}.unknown-registries` : 'unknown-registries',
            ...(position ? { position } : {}),
        },
    };
}
/** Whether a rule's signing requirement holds in this environment (`signing: optional` in an environment relaxes it). */
function signingEnforced(rule, env) {
    if (rule.signing !== 'required')
        return false;
    return !(env?.signing === 'optional' && rule.scope !== 'environment' && rule.scope !== 'spec');
}
/** Applies the policy to every component; the overall verdict is `fail`, `warn` (mode warn and something failed) or `pass`. */
function evaluatePolicy(policy, input) {
    const env = resolveEnvironment(policy, input.environment);
    const mode = effectiveMode(policy, env);
    const ctx = { policy, env, mode, extra: input.rules ?? [] };
    const components = input.components.map((c) => evaluateComponent(ctx, c, 0));
    return {
        policy: policy.file,
        ...(input.environment !== undefined ? { environment: input.environment } : {}),
        mode,
        verdict: combine(components.map((c) => c.verdict)),
        components,
    };
}
function combine(verdicts) {
    if (verdicts.includes('fail'))
        return 'fail';
    if (verdicts.includes('warn'))
        return 'warn';
    return 'pass';
}
function evaluateComponent(ctx, c, depth) {
    const applied = rulesFor(ctx.policy, ctx.env, {
        name: c.name,
        ...(c.repository !== undefined ? { repository: c.repository } : {}),
        ...(c.registry !== undefined ? { registry: c.registry } : {}),
    }, ctx.extra);
    const checks = [];
    const denied = applied.unknownRegistryDenied;
    if (denied) {
        const where = c.registry === undefined ? 'a local file (no registry)' : `registry \`${c.registry}\``;
        checks.push({
            rule: denied.rule,
            label: denied.rule,
            ...(denied.position ? { position: denied.position } : {}),
            aspect: 'registry',
            requirement: 'registry known to the policy',
            status: 'fail',
            reason: `${denied.rule}: deny: ${where} matches no registry rule of the policy`,
        });
    }
    for (const rule of applied.rules)
        checks.push(...checkRule(ctx, rule, c));
    let parts;
    if (c.parts && c.parts.length > 0) {
        if (depth >= MAX_PART_DEPTH) {
            throw new PolicyError('POLICY_EVIDENCE_TOO_DEEP', `component '${c.name}': parts nested deeper than ${MAX_PART_DEPTH} levels`);
        }
        parts = c.parts.map((p) => evaluateComponent(ctx, p, depth + 1));
        const failing = parts.filter((p) => p.verdict !== 'pass');
        for (const p of failing) {
            checks.push({
                rule: 'parts',
                label: `part \`${p.name}\``,
                aspect: 'parts',
                requirement: 'every input of the composition passes',
                status: 'fail',
                reason: `part \`${p.name}\`${p.ref ? ` (${p.ref})` : ''} fails: ${p.violations.join('; ')}`,
            });
        }
        if (failing.length === 0) {
            checks.push({
                rule: 'parts',
                label: 'parts',
                aspect: 'parts',
                requirement: 'every input of the composition passes',
                status: 'pass',
                reason: `all ${parts.length} parts pass`,
            });
        }
    }
    const violations = checks.filter((k) => k.status === 'fail').map((k) => k.reason);
    const verdict = violations.length === 0 ? 'pass' : ctx.mode === 'warn' ? 'warn' : 'fail';
    return {
        name: c.name,
        ...(c.ref !== undefined ? { ref: c.ref } : {}),
        ...(c.registry !== undefined ? { registry: c.registry } : {}),
        ...(c.digest !== undefined ? { digest: c.digest } : {}),
        verdict,
        signers: c.signatures.map((s) => describeSigner(ctx.policy, s)),
        rules: applied.rules.map((r) => r.id),
        checks,
        violations,
        ...(parts ? { parts } : {}),
    };
}
function checkRule(ctx, rule, c) {
    const out = [];
    const base = { rule: rule.id, label: rule.label, position: rule.position };
    if (rule.signing !== undefined)
        out.push({ ...base, aspect: 'signing', ...checkSigning(ctx.policy, ctx.env, rule, c) });
    if (rule.requireDigest) {
        const pinned = c.pinnedByDigest;
        out.push({
            ...base,
            aspect: 'digest',
            requirement: 'digest required',
            status: pinned ? 'pass' : 'fail',
            reason: pinned
                ? `digest required by ${rule.label}: pinned${c.digest ? ` at ${c.digest}` : ''}`
                : `digest required by ${rule.label}: ${c.ref ? `ref \`${c.ref}\`` : `component \`${c.name}\``} is not pinned by a digest (write it as <repository>@sha256:…, or use the lock)`,
        });
    }
    if (rule.capabilities)
        out.push({ ...base, aspect: 'capabilities', ...checkCapabilities(rule, c) });
    return out;
}
/** A rule's capability requirement against a component's imports. */
function checkCapabilities(rule, c) {
    const caps = rule.capabilities;
    if (!caps)
        return { requirement: 'no capability rule', status: 'pass', reason: `${rule.label} has no capability rule` };
    const req = [];
    if (caps.deny.length)
        req.push(`deny ${caps.deny.map((g) => g.pattern).join(', ')}`);
    if (caps.allow)
        req.push(`allow only ${caps.allow.map((g) => g.pattern).join(', ') || '(nothing)'}`);
    const requirement = req.join('; ') || 'no capability rule';
    const problems = [];
    for (const imp of c.imports) {
        const denied = caps.deny.find((g) => matchesImport(g, imp));
        if (denied) {
            problems.push(`import \`${imp}\` is denied (matches \`${denied.pattern}\`)`);
        }
        else if (caps.allow && !caps.allow.some((g) => matchesImport(g, imp))) {
            problems.push(`import \`${imp}\` is not in the allow list`);
        }
    }
    if (problems.length)
        return { requirement, status: 'fail', reason: `capabilities of ${rule.label}: ${problems.join('; ')}` };
    return { requirement, status: 'pass', reason: `capabilities of ${rule.label}: ${c.imports.length} import(s) allowed` };
}
function candidateAuthorities(policy, rule) {
    // "any authority" means any signer the policy declares: static authorities count only where a rule names them
    if (rule.authorities.length === 0)
        return [...policy.authorities.values()].filter((a) => a.kind !== 'static');
    return rule.authorities.map((n) => policy.authorities.get(n)).filter((a) => a !== undefined);
}
function keyDigestOf(sig) {
    if (sig.kind !== 'key')
        return undefined;
    if (sig.spkiSha256)
        return normalizeSpkiDigest(sig.spkiSha256);
    if (!sig.publicKeyPem)
        return undefined;
    try {
        return spkiSha256(sig.publicKeyPem);
    }
    catch {
        return undefined;
    }
}
/** Whether a verified signature was made by an authority (static authorities are handled by the caller). */
function signatureMatches(authority, sig) {
    if (authority.kind === 'key') {
        const d = keyDigestOf(sig);
        return d !== undefined && authority.keys.some((k) => k.spkiSha256 === d);
    }
    if (authority.kind === 'keyless') {
        if (sig.kind !== 'keyless')
            return false;
        const m = (matcher, value) => matcher.regex ? matcher.regex.test(value) : matcher.text === value;
        return m(authority.issuer, sig.issuer) && m(authority.subject, sig.subject);
    }
    return false;
}
function describeSignature(sig) {
    if (sig.kind === 'keyless')
        return `keyless \`${sig.subject}\` (issuer ${sig.issuer})`;
    const d = keyDigestOf(sig);
    return d ? `key ${shortDigest(d)}` : `key ${sig.keyId ?? '(unreadable public key)'}`;
}
function describeSigner(policy, sig) {
    const owner = [...policy.authorities.values()].find((a) => signatureMatches(a, sig));
    return `${describeSignature(sig)}${owner ? ` [${owner.name}]` : ''}`;
}
/** The signing requirement of one rule against one component's verified signatures, in an environment. */
function checkSigning(policy, env, rule, c) {
    const names = rule.authorities.length ? rule.authorities.join(', ') : 'any authority of the policy';
    const found = c.signatures.length ? `signed: ${c.signatures.map(describeSignature).join(', ')}` : 'unsigned';
    if (rule.signing === 'optional') {
        return { requirement: 'signing optional', status: 'pass', reason: `signing optional by ${rule.label} (${found})` };
    }
    const requirement = `signing required (${names})`;
    if (!signingEnforced(rule, env)) {
        return {
            requirement,
            status: 'pass',
            reason: `signing required by ${rule.label} is relaxed in environment ${env?.name} (${found})`,
        };
    }
    // a signature over another digest does not count
    const notes = [];
    const bound = c.signatures.filter((s) => {
        if (s.subjectDigest === undefined || c.digest === undefined || s.subjectDigest === c.digest)
            return true;
        notes.push(`${describeSignature(s)} signs ${s.subjectDigest}, not ${c.digest}`);
        return false;
    });
    const candidates = candidateAuthorities(policy, rule);
    const prefix = `signing required by ${rule.label}`;
    if (candidates.length === 0) {
        // the policy declares no authorities: any verified signature over the component
        if (bound.length)
            return { requirement, status: 'pass', reason: `${prefix}: ${describeSignature(bound[0])}` };
        return { requirement, status: 'fail', reason: `${prefix}: no signature${notes.length ? ` (${notes.join('; ')})` : ''}` };
    }
    const staticPass = candidates.find((a) => a.kind === 'static' && a.result === 'pass');
    if (staticPass)
        return { requirement, status: 'pass', reason: `${prefix}: authority ${staticPass.name} is static: pass` };
    for (const sig of bound) {
        const by = candidates.find((a) => signatureMatches(a, sig));
        if (by)
            return { requirement, status: 'pass', reason: `${prefix}: signed by ${by.name} (${describeSignature(sig)})` };
    }
    const why = [];
    if (c.signatures.length === 0)
        why.push('the component has no signature');
    for (const s of bound)
        why.push(`${describeSigner(policy, s)} is not ${rule.authorities.length ? `an authority of ${names}` : 'an authority of the policy'}`);
    why.push(...notes);
    for (const a of candidates)
        if (a.kind === 'static')
            why.push(`authority ${a.name} is static: fail`);
    return {
        requirement,
        status: 'fail',
        reason: `${prefix}: no signature by ${rule.authorities.length ? `an authority of ${names}` : 'an authority of the policy'} (${why.join('; ')})`,
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./build/schemas/policy.schema.json
const policy_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://flotilla.dev/schemas/policy.schema.json","title":"Flotilla security policy","description":"Which components may ship, per registry, per component and per environment: signing, signer authorities, digests and capabilities (imports). See shared/policy/README.md.","type":"object","additionalProperties":false,"properties":{"$schema":{"type":"string"},"name":{"type":"string","description":"A name for reports."},"mode":{"$ref":"#/definitions/mode"},"default":{"$ref":"#/definitions/ruleBody","description":"The rule applied to a component that no registry or component rule matches."},"default_signing_required":{"type":"boolean","description":"The seed\'s form: true is `default: {signing: required}`, false is `default: {signing: optional}`."},"unknown-registries":{"$ref":"#/definitions/unknownRegistries"},"capabilities":{"$ref":"#/definitions/capabilities"},"authorities":{"type":"object","description":"Named signers that rules refer to.","propertyNames":{"pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]*$","patternErrorMessage":"a letter or digit, then letters, digits, \'_\', \'.\' or \'-\' (as in production_signing_keys)"},"additionalProperties":{"$ref":"#/definitions/authority"}},"registries":{"$ref":"#/definitions/ruleList","description":"Rules matched against the registry host (glob, with an optional port; `local` for loopback hosts and local files)."},"components":{"$ref":"#/definitions/ruleList","description":"Rules matched against the component\'s name, and against a bare ref\'s repository path."},"environments":{"type":"object","propertyNames":{"pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]*$","patternErrorMessage":"a letter or digit, then letters, digits, \'_\', \'.\' or \'-\' (as in production_signing_keys)"},"additionalProperties":{"$ref":"#/definitions/environment"}}},"definitions":{"mode":{"enum":["enforce","warn"]},"signing":{"enum":["required","optional"]},"unknownRegistries":{"enum":["allow","deny"]},"globList":{"type":"array","items":{"type":"string"}},"capabilities":{"type":"object","additionalProperties":false,"properties":{"deny":{"$ref":"#/definitions/globList","description":"Imports (globs) a component must not have."},"allow":{"$ref":"#/definitions/globList","description":"The only imports (globs) a component may have."}}},"ruleBody":{"type":"object","additionalProperties":false,"properties":{"signing":{"$ref":"#/definitions/signing"},"authorities":{"type":"array","items":{"type":"string"}},"require-digest":{"type":"boolean"},"capabilities":{"$ref":"#/definitions/capabilities"}}},"rule":{"type":"object","additionalProperties":false,"required":["match"],"properties":{"name":{"type":"string"},"match":{"type":"string","description":"Glob."},"signing":{"$ref":"#/definitions/signing"},"authorities":{"type":"array","items":{"type":"string"}},"require-digest":{"type":"boolean"},"capabilities":{"$ref":"#/definitions/capabilities"}}},"ruleList":{"type":"array","items":{"if":{"type":"string"},"then":{"type":"string","description":"The seed\'s form: `pattern|required|authority[,authority]` or `pattern|optional`."},"else":{"$ref":"#/definitions/rule"}}},"authority":{"type":"object","additionalProperties":false,"properties":{"description":{"type":"string"},"key":{"description":"A public key: a PEM file path relative to the policy file, or inline PEM; or a list of them.","type":["string","array"],"items":{"type":"string"}},"keyless":{"type":"object","additionalProperties":false,"properties":{"issuer":{"type":"string"},"issuer-regexp":{"type":"string"},"subject":{"type":"string"},"subject-regexp":{"type":"string"}}},"static":{"enum":["pass","fail"]}}},"environment":{"type":"object","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/mode"},"signing":{"$ref":"#/definitions/signing"},"authorities":{"type":"array","items":{"type":"string"}},"require-digest":{"type":"boolean"},"capabilities":{"$ref":"#/definitions/capabilities"},"unknown-registries":{"$ref":"#/definitions/unknownRegistries"},"registries":{"$ref":"#/definitions/ruleList"},"components":{"$ref":"#/definitions/ruleList"}}}}}');
// EXTERNAL MODULE: ./build/shared/config/yaml-source.js
var yaml_source = __webpack_require__(11020);
;// CONCATENATED MODULE: ./build/shared/policy/load.js







/** Reads and checks a policy file; every error is a ConfigError naming the file, line and field. */
function loadPolicy(file) {
    return buildPolicy((0,yaml_source/* loadYamlFile */.Y3)(file));
}
/** Parses policy text; key file paths are relative to `file`'s folder. */
function parsePolicy(file, text) {
    return buildPolicy(parseYaml(file, text));
}
// --- building ---------------------------------------------------------------------------
function buildPolicy(src) {
    if (src.value === null || src.value === undefined)
        throw src.error([], 'the policy is empty', 'CONFIG_SCHEMA');
    (0,yaml_source/* validateAgainstSchema */.v9)(src, policy_schema_namespaceObject);
    const raw = src.value;
    const baseDir = (0,external_node_path_.dirname)((0,external_node_path_.resolve)(src.file));
    const authorities = new Map();
    for (const [name, entry] of Object.entries(raw.authorities ?? {})) {
        authorities.set(name, buildAuthority(src, baseDir, name, entry));
    }
    const ctx = { src, authorities };
    const registries = (raw.registries ?? []).map((r, i) => buildRule(ctx, ['registries', i], 'registry', r));
    const components = (raw.components ?? []).map((r, i) => buildRule(ctx, ['components', i], 'component', r));
    let defaultRule;
    if (raw.default !== undefined || raw.default_signing_required !== undefined) {
        const body = { ...(raw.default ?? {}) };
        if (raw.default_signing_required !== undefined) {
            const fromSeed = raw.default_signing_required ? 'required' : 'optional';
            if (body.signing !== undefined && body.signing !== fromSeed) {
                throw src.error(['default_signing_required'], `contradicts default.signing '${body.signing}': keep one of them`, 'POLICY_BAD_RULE');
            }
            body.signing = fromSeed;
        }
        const path = raw.default !== undefined ? ['default'] : ['default_signing_required'];
        const label = raw.default !== undefined ? 'default' : `default (default_signing_required: ${String(raw.default_signing_required)})`;
        defaultRule = buildBody(ctx, path, 'default', label, 'default', body);
    }
    const global = raw.capabilities
        ? buildBody(ctx, ['capabilities'], 'capabilities', 'capabilities', 'global', { capabilities: raw.capabilities })
        : undefined;
    const environments = new Map();
    for (const [name, env] of Object.entries(raw.environments ?? {})) {
        environments.set(name, buildEnvironment(ctx, name, env));
    }
    return {
        file: src.file,
        ...(raw.name !== undefined ? { name: raw.name } : {}),
        mode: raw.mode ?? 'enforce',
        authorities,
        registries,
        components,
        ...(defaultRule ? { default: defaultRule } : {}),
        ...(global ? { global } : {}),
        unknownRegistries: raw['unknown-registries'] ?? 'allow',
        ...(raw['unknown-registries'] !== undefined ? { unknownRegistriesPosition: src.positionOf(['unknown-registries']) } : {}),
        environments,
    };
}
function buildEnvironment(ctx, name, env) {
    const base = ['environments', name];
    const id = `environments.${name}`;
    if (env.signing === 'optional' && env.authorities !== undefined) {
        throw ctx.src.error([...base, 'authorities'], "lists authorities while 'signing: optional' relaxes signing in this environment: remove one of them", 'POLICY_BAD_RULE');
    }
    const addsRule = env.signing === 'required' || env.authorities !== undefined || env['require-digest'] === true || env.capabilities;
    const body = {
        ...(env.signing === 'required' ? { signing: 'required' } : {}),
        ...(env.authorities !== undefined ? { authorities: env.authorities } : {}),
        ...(env['require-digest'] !== undefined ? { 'require-digest': env['require-digest'] } : {}),
        ...(env.capabilities ? { capabilities: env.capabilities } : {}),
    };
    const rule = addsRule ? { ...buildBody(ctx, base, id, id, 'environment', body), position: ctx.src.positionOf(base, 'key') } : undefined;
    return {
        name,
        position: ctx.src.positionOf(base, 'key'),
        ...(env.mode !== undefined ? { mode: env.mode } : {}),
        ...(env.signing !== undefined ? { signing: env.signing } : {}),
        ...(rule ? { rule } : {}),
        registries: (env.registries ?? []).map((r, i) => buildRule(ctx, [...base, 'registries', i], 'registry', r, `${id}.`)),
        components: (env.components ?? []).map((r, i) => buildRule(ctx, [...base, 'components', i], 'component', r, `${id}.`)),
        ...(env['unknown-registries'] !== undefined
            ? { unknownRegistries: env['unknown-registries'], unknownRegistriesPosition: ctx.src.positionOf([...base, 'unknown-registries']) }
            : {}),
    };
}
/** A `registries:`/`components:` entry: the seed's string form or an object. */
function buildRule(ctx, path, scope, raw, idPrefix = '') {
    const listId = `${idPrefix}${String(path[path.length - 2])}[${String(path[path.length - 1])}]`;
    const kind = scope === 'registry' ? 'host' : 'path';
    if (typeof raw === 'string') {
        const parts = raw.split('|');
        const [pattern = '', signing = '', names] = parts;
        if (parts.length < 2 || parts.length > 3 || (signing !== 'required' && signing !== 'optional')) {
            throw ctx.src.error(path, `'${raw}' is not a rule: write 'pattern|required|authority[,authority]' or 'pattern|optional'`, 'POLICY_BAD_RULE');
        }
        const authorities = names === undefined
            ? []
            : names
                .split(',')
                .map((n) => n.trim())
                .filter((n) => n !== '');
        const match = compileMatch(ctx, path, pattern, kind);
        return buildBody(ctx, path, listId, `${listId} \`${raw}\``, scope, { signing, authorities }, match, true);
    }
    const match = compileMatch(ctx, [...path, 'match'], raw.match, kind);
    const body = {
        ...(raw.signing !== undefined ? { signing: raw.signing } : {}),
        ...(raw.authorities !== undefined ? { authorities: raw.authorities } : {}),
        ...(raw['require-digest'] !== undefined ? { 'require-digest': raw['require-digest'] } : {}),
        ...(raw.capabilities ? { capabilities: raw.capabilities } : {}),
    };
    return buildBody(ctx, path, listId, `${listId} \`${raw.name ?? raw.match}\``, scope, body, match);
}
function compileMatch(ctx, path, pattern, kind) {
    if (kind === 'host' && pattern === 'local')
        return 'local';
    return compileAt(ctx, path, pattern, kind);
}
function compileAt(ctx, path, pattern, kind) {
    try {
        return compileGlob(pattern, kind);
    }
    catch (err) {
        if (err instanceof GlobSyntaxError)
            throw ctx.src.error(path, err.message, 'POLICY_BAD_GLOB');
        throw err;
    }
}
function buildBody(ctx, path, id, label, scope, body, match, seedString = false) {
    const names = body.authorities ?? [];
    names.forEach((name, i) => {
        if (!ctx.authorities.has(name)) {
            const known = [...ctx.authorities.keys()];
            throw ctx.src.error(seedString ? path : [...path, 'authorities', i], `unknown authority '${name}': declare it under 'authorities:'${known.length ? ` (declared: ${known.join(', ')})` : ' (none declared)'}`, 'POLICY_UNKNOWN_AUTHORITY');
        }
    });
    // Naming authorities without saying `signing` means they must sign.
    const signing = body.signing ?? (names.length > 0 ? 'required' : undefined);
    return {
        id,
        label,
        scope,
        position: ctx.src.positionOf(path),
        ...(match !== undefined ? { match } : {}),
        ...(signing !== undefined ? { signing } : {}),
        authorities: names,
        requireDigest: body['require-digest'] === true,
        ...(body.capabilities
            ? { capabilities: buildCapabilities(ctx, scope === 'global' ? path : [...path, 'capabilities'], body.capabilities) }
            : {}),
    };
}
function buildCapabilities(ctx, path, raw) {
    const deny = (raw.deny ?? []).map((g, i) => compileAt(ctx, [...path, 'deny', i], g, 'path'));
    const allow = raw.allow?.map((g, i) => compileAt(ctx, [...path, 'allow', i], g, 'path'));
    return allow ? { deny, allow } : { deny };
}
function buildAuthority(src, baseDir, name, raw) {
    const path = ['authorities', name];
    const position = src.positionOf(path, 'key');
    const kinds = ['key', 'keyless', 'static'].filter((k) => raw[k] !== undefined);
    if (kinds.length !== 1) {
        throw src.error(path, kinds.length === 0
            ? "an authority needs one of 'key', 'keyless' or 'static'"
            : `an authority is one kind: found ${kinds.map((k) => `'${k}'`).join(' and ')}`, 'POLICY_BAD_AUTHORITY');
    }
    if (raw.static !== undefined)
        return { name, position, kind: 'static', result: raw.static };
    if (raw.keyless !== undefined) {
        const k = raw.keyless;
        const issuer = stringMatcher(src, [...path, 'keyless'], 'issuer', k.issuer, k['issuer-regexp']);
        const subject = stringMatcher(src, [...path, 'keyless'], 'subject', k.subject, k['subject-regexp']);
        return { name, position, kind: 'keyless', issuer, subject };
    }
    const entries = typeof raw.key === 'string' ? [raw.key] : (raw.key ?? []);
    if (entries.length === 0)
        throw src.error([...path, 'key'], 'lists no key', 'POLICY_BAD_AUTHORITY');
    const keys = entries.map((entry, i) => readKey(src, baseDir, typeof raw.key === 'string' ? [...path, 'key'] : [...path, 'key', i], entry));
    return { name, position, kind: 'key', keys };
}
function stringMatcher(src, path, field, exact, regexp) {
    if ((exact === undefined) === (regexp === undefined)) {
        throw src.error(path, `give exactly one of '${field}' (exact) or '${field}-regexp'`, 'POLICY_BAD_AUTHORITY');
    }
    if (exact !== undefined)
        return { text: exact };
    const text = regexp;
    try {
        return { text, regex: new RegExp(`^(?:${text})$`) };
    }
    catch (err) {
        throw src.error([...path, `${field}-regexp`], `bad regular expression: ${err.message}`, 'POLICY_BAD_REGEX');
    }
}
function readKey(src, baseDir, path, entry) {
    let pem = entry;
    let source = 'inline';
    if (!entry.includes('-----BEGIN')) {
        const file = (0,external_node_path_.resolve)(baseDir, entry);
        source = entry;
        try {
            pem = (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch (err) {
            const why = err.code === 'ENOENT' ? 'no such file' : err.message;
            throw src.error(path, `cannot read key file '${entry}' (${file}): ${why}`, 'POLICY_KEY_UNREADABLE');
        }
    }
    try {
        const key = parsePublicKeyPem(pem);
        return { pem, spkiSha256: spkiSha256(key), source };
    }
    catch (err) {
        const what = source === 'inline' ? 'inline key' : `key file '${source}'`;
        throw src.error(path, `${what} is not a PEM public key: ${err.message}`, 'POLICY_BAD_PEM');
    }
}

;// CONCATENATED MODULE: ./build/schemas/flotilla-lock.schema.json
const flotilla_lock_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://flotilla.dev/schemas/flotilla-lock.schema.json","title":"Flotilla lock file (flotilla.<environment>.lock.json)","description":"What a composition was made of: every component\'s reference after the environment\'s overrides, the manifest digest it resolved to, its size, media type, source registry, the digest of its component layer and its imports and exports. Written by compose with sorted keys, one lock per environment: flotilla.<environment>.lock.json beside the spec (flotilla.lock.json for the spec without an environment). --frozen composes exactly these digests; --promote-from <environment> composes another environment from them. Every relative path in a lock (path, oci: folders in ref and registry) is relative to the lock file\'s folder.","type":"object","additionalProperties":false,"required":["lockVersion","spec","package","components"],"properties":{"lockVersion":{"const":1},"spec":{"description":"The spec\'s name.","type":"string","minLength":1},"package":{"description":"Package of the composed component (namespace:name@version).","type":"string","minLength":1},"environment":{"description":"The environment the plan was made for; absent for the spec as written. Every error about a lock names it.","type":"string","minLength":1},"promotedFrom":{"description":"Set when this lock was made by promoting another environment\'s lock: which one, and where it was (relative to this lock\'s folder).","type":"object","additionalProperties":false,"required":["lock"],"properties":{"environment":{"description":"The environment whose lock was promoted.","type":"string","minLength":1},"lock":{"description":"That lock file, relative to this lock\'s folder.","type":"string","minLength":1}}},"components":{"type":"array","items":{"$ref":"#/definitions/component"}}},"definitions":{"digest":{"type":"string","pattern":"^sha256:[a-f0-9]{64}$","patternErrorMessage":"sha256: and 64 lower-case hexadecimal digits (as in sha256:e3b0c442…)"},"names":{"type":"array","items":{"type":"string"}},"component":{"type":"object","additionalProperties":false,"required":["name","package","source","digest","size","mediaType","imports","exports"],"properties":{"name":{"type":"string","minLength":1},"package":{"type":"string","pattern":"^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$","patternErrorMessage":"namespace:name in lower-case letters, digits and - (as in ecommerce:cart)"},"version":{"type":"string"},"source":{"enum":["ref","path"]},"ref":{"description":"The reference after overrides (oci: folders relative to the lock file\'s folder).","type":"string","minLength":1},"path":{"description":"Local file, relative to the lock file\'s folder, / separated.","type":"string","minLength":1},"digest":{"description":"Manifest digest (ref) or digest of the file (path).","$ref":"#/definitions/digest"},"size":{"description":"Manifest size (ref) or file size (path), in bytes.","type":"integer","minimum":0},"mediaType":{"type":"string","minLength":1},"registry":{"description":"Where the ref was resolved: host[:port], or oci:<dir> (relative to the lock file\'s folder) for an on-disk store.","type":"string","minLength":1},"registryName":{"description":"Name of the spec\'s registry entry serving the ref, if any.","type":"string"},"layer":{"description":"The component layer (application/wasm) of the manifest.","type":"object","additionalProperties":false,"required":["digest","size","mediaType"],"properties":{"digest":{"$ref":"#/definitions/digest"},"size":{"type":"integer","minimum":0},"mediaType":{"type":"string","minLength":1}}},"imports":{"$ref":"#/definitions/names"},"exports":{"$ref":"#/definitions/names"},"promotedFrom":{"description":"Promotion: the source environment\'s ref, at the same digest, the component was copied or taken from.","type":"string","minLength":1}},"if":{"properties":{"source":{"const":"ref"}}},"then":{"required":["ref","registry","layer"],"not":{"required":["path"]}},"else":{"required":["path"],"not":{"anyOf":[{"required":["ref"]},{"required":["registry"]},{"required":["layer"]}]}}}}}');
// EXTERNAL MODULE: ./build/shared/release/origin.js
var release_origin = __webpack_require__(63378);
// EXTERNAL MODULE: ./build/shared/oci/reference.js
var reference = __webpack_require__(48647);
// EXTERNAL MODULE: ./build/shared/release/registries.js + 1 modules
var release_registries = __webpack_require__(2712);
;// CONCATENATED MODULE: ./build/shared/release/rewrite.js




/** Expands `${VAR}` and `${VAR:-default}` from `vars`; an unset variable without default is an error at `origin`. */
function expandVariables(text, vars, origin) {
    return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name, fallback) => {
        const v = vars[name];
        if (v !== undefined && v !== '')
            return v;
        if (fallback !== undefined)
            return fallback;
        throw new release_origin/* SpecError */.G8(origin, `environment variable ${name} is not set; set it, or write \${${name}:-default}`, 'SPEC_VARIABLE_UNSET');
    });
}
/** The rule that applies to a registry host: a host or registry-name match in the order written, else `*`. */
function ruleFor(rules, host, registries) {
    const specific = rules.find((r) => {
        if (r.match === '*')
            return false;
        const named = registries.find((e) => e.name === r.match);
        if (named)
            return named.host !== undefined && (0,release_registries/* hostMatches */._y)(named.host, host);
        return (0,release_registries/* hostMatches */._y)(r.match, host);
    });
    return specific ?? rules.find((r) => r.match === '*');
}
/**
 * Moves a registry reference to a rewrite target, keeping its repository, tag
 * and digest: a registry name of the spec, `oci:<dir>` (one OCI image layout
 * per repository below the folder, relative to the spec), or
 * `host[:port][/prefix]`. An empty target leaves the reference alone.
 */
function applyRewrite(ref, target, origin, registries, specDir) {
    const t = target.trim();
    if (t === '')
        return ref;
    const named = registries.find((e) => e.name === t);
    if (named?.layout !== undefined)
        return toLayout(ref, named.layout);
    if (named?.host !== undefined) {
        if (named.host.includes('*')) {
            throw new release_origin/* SpecError */.G8(origin, `cannot rewrite to registry '${t}': its host '${named.host}' is a pattern; give a host`, 'SPEC_REWRITE_INVALID');
        }
        return toRegistry(ref, named.host, origin);
    }
    if (t.startsWith('oci:')) {
        const dir = t.slice(4);
        if (dir === '')
            throw new release_origin/* SpecError */.G8(origin, `'${target}' needs a folder, as in oci:.flotilla/registry`, 'SPEC_REWRITE_INVALID');
        return toLayout(ref, (0,external_node_path_.isAbsolute)(dir) ? dir : (0,external_node_path_.resolve)(specDir, dir));
    }
    return toRegistry(ref, t, origin);
}
function toLayout(ref, dir) {
    const out = { kind: 'layout', path: (0,external_node_path_.join)(dir, ...ref.repository.split('/')) };
    if (ref.tag !== undefined)
        out.tag = ref.tag;
    if (ref.digest !== undefined)
        out.digest = ref.digest;
    return out;
}
function toRegistry(ref, target, origin) {
    const slash = target.indexOf('/');
    const host = slash >= 0 ? target.slice(0, slash) : target;
    const prefix = slash >= 0 ? target.slice(slash + 1).replace(/\/+$/, '') : '';
    const text = `${host}/${prefix ? `${prefix}/` : ''}${ref.repository}`;
    let parsed;
    try {
        parsed = (0,reference/* parseReference */.F2)(text);
    }
    catch (err) {
        if (err instanceof reference/* InvalidReferenceError */.x_)
            throw new release_origin/* SpecError */.G8(origin, `rewrite target '${target}' does not give a valid reference: ${err.message}`, 'SPEC_REWRITE_INVALID');
        throw err;
    }
    if (parsed.kind !== 'registry' || parsed.registry !== host) {
        throw new release_origin/* SpecError */.G8(origin, `rewrite target '${target}' must be host[:port][/prefix] (a host has a '.' or ':' or is localhost), oci:<dir> or a registry name`, 'SPEC_REWRITE_INVALID');
    }
    const out = { kind: 'registry', registry: parsed.registry, repository: parsed.repository };
    if (ref.tag !== undefined)
        out.tag = ref.tag;
    if (ref.digest !== undefined)
        out.digest = ref.digest;
    return out;
}

;// CONCATENATED MODULE: ./build/shared/release/plan.js






/** Looks an environment up; an unknown name is a SpecError at `environments` listing the known ones. */
function findEnvironment(spec, name) {
    const env = spec.environments.find((e) => e.name === name);
    if (env)
        return env;
    const known = spec.environments.map((e) => e.name);
    const origin = known.length > 0
        ? { ...spec.source.positionOf(['environments'], 'key'), field: 'environments' }
        : { file: spec.file, line: 1, column: 1, field: 'environments' };
    throw new release_origin/* SpecError */.G8(origin, known.length > 0
        ? `environment '${name}' is not defined; known environments: ${known.join(', ')}`
        : `environment '${name}' is not defined; the spec has no environments`, 'SPEC_ENVIRONMENT_UNKNOWN');
}
/**
 * The effective component list of `spec` for `envName` (or the spec as
 * written when undefined): the environment's component replacements, registry
 * rewrites (or `options.registryOverride`), tag suffix and policy settings.
 * Pure: reads no file.
 */
function resolvePlan(spec, envName, options = {}) {
    const env = envName === undefined ? undefined : findEnvironment(spec, envName);
    const vars = options.vars ?? {};
    const override = options.registryOverride?.trim();
    if (override !== undefined && override === '')
        throw new errors/* UsageError */.eb('--registry-override is empty: give host[:port][/prefix], oci:<dir> or a registry name');
    const registries = spec.registries.entries;
    const components = spec.components.map((c) => planComponent(spec, c, env, vars, override));
    const composition = spec.composition.kind === 'wac'
        ? { kind: 'wac', file: spec.composition.file, origin: spec.composition.origin }
        : {
            kind: 'plug',
            socket: spec.composition.socket,
            plugs: spec.components.filter((c) => c.name !== spec.composition.socket).map((c) => c.name),
            origin: spec.composition.origin,
        };
    const policy = {
        requireDigest: env?.policy.requireDigest ?? spec.policy.requireDigest ?? false,
        requireSignature: env?.policy.requireSignature ?? spec.policy.requireSignature ?? false,
    };
    const policyFile = env?.policy.file ?? spec.policy.file;
    if (policyFile !== undefined)
        policy.file = policyFile;
    const fileOrigin = env?.policy.file !== undefined ? env.policy.fileOrigin : spec.policy.fileOrigin;
    if (policyFile !== undefined && fileOrigin !== undefined)
        policy.fileOrigin = fileOrigin;
    const signatureOrigin = env?.policy.requireSignature !== undefined ? env.policy.requireSignatureOrigin : spec.policy.requireSignatureOrigin;
    if (policy.requireSignature && signatureOrigin !== undefined)
        policy.requireSignatureOrigin = signatureOrigin;
    const plan = {
        specFile: spec.file,
        specDir: spec.dir,
        name: spec.name,
        package: spec.package,
        components,
        composition,
        policy,
        registries,
        observability: (env?.observability ?? spec.observability)?.enabled ?? false,
    };
    if (envName !== undefined)
        plan.environment = envName;
    return plan;
}
function planComponent(spec, base, env, vars, override) {
    const replacement = env?.components.find((c) => c.name === base.name);
    const decl = replacement ?? base;
    const out = {
        name: decl.name,
        package: decl.package,
        source: { kind: 'path', path: '', relative: '' },
        origin: decl.sourceOrigin,
        overridden: replacement !== undefined,
    };
    if (decl.version !== undefined)
        out.version = decl.version;
    if (decl.source.kind === 'path') {
        out.source = { kind: 'path', path: decl.source.path, relative: relativeToSpec(spec.dir, decl.source.path) };
        return out;
    }
    let ref = decl.source.ref;
    if (ref.kind === 'layout') {
        ref = { ...ref, path: resolveFrom(spec.dir, ref.path) };
    }
    else if (override !== undefined) {
        ref = applyRewrite(ref, override, overrideOrigin(override), spec.registries.entries, process.cwd());
        out.rewrittenBy = 'registry-override';
    }
    else if (env) {
        const rule = ruleFor(env.rewrite, ref.registry, spec.registries.entries);
        if (rule) {
            const moved = applyRewrite(ref, expandVariables(rule.target, vars, rule.origin), rule.origin, spec.registries.entries, spec.dir);
            if (moved !== ref)
                out.rewrittenBy = rule.origin;
            ref = moved;
        }
    }
    const suffix = env?.tagSuffix?.value;
    if (suffix && !replacement && ref.tag !== undefined)
        ref = { ...ref, tag: `${ref.tag}${suffix}` };
    out.source = { kind: 'ref', ref, text: plan_referenceText(spec.dir, ref), written: decl.source.written };
    if (ref.kind === 'registry') {
        const entry = (0,release_registries/* registryFor */.ZQ)(spec.registries.entries, ref.registry);
        if (entry)
            out.registry = entry.name;
    }
    else {
        const entry = spec.registries.entries.find((e) => e.layout !== undefined && ref.kind === 'layout' && isInside(e.layout, ref.path));
        if (entry)
            out.registry = entry.name;
    }
    return out;
}
function overrideOrigin(value) {
    return { file: '--registry-override', line: 1, column: 1, field: value };
}
function resolveFrom(dir, path) {
    return (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(dir, path);
}
function isInside(dir, path) {
    const rel = (0,external_node_path_.relative)(dir, path);
    return rel !== '' && !rel.startsWith('..');
}
/** A path relative to the spec folder with `/` separators, so lock files read the same on every machine. */
function relativeToSpec(specDir, path) {
    return (0,external_node_path_.relative)(specDir, path).split(external_node_path_.sep).join('/');
}
/** A reference as lock files and messages show it: `oci:` folders relative to the spec. */
function plan_referenceText(specDir, ref) {
    if (ref.kind === 'registry')
        return (0,reference/* formatReference */.FH)(ref);
    const rel = relativeToSpec(specDir, ref.path);
    return (0,reference/* formatReference */.FH)({ ...ref, path: rel === '' ? '.' : rel });
}

;// CONCATENATED MODULE: ./build/shared/release/lock.js







/** The lock of the spec as written (no environment). */
const LOCK_FILE_NAME = 'flotilla.lock.json';
const LOCK_VERSION = 1;
/**
 * One lock per environment: `flotilla.<environment>.lock.json` beside the
 * spec (`flotilla.lock.json` for the spec as written), so composing staging
 * never overwrites what production was composed from.
 */
function lockFileName(environment) {
    return environment === undefined ? LOCK_FILE_NAME : `flotilla.${environment}.lock.json`;
}
/** The default lock of an environment: `lockFileName(environment)` in the spec's folder. */
function defaultLockFile(specDir, environment) {
    return join(specDir, lockFileName(environment));
}
/** How messages name a lock: `the lock of environment 'staging'`, or of the spec as written. */
function lockLabel(environment) {
    return environment === undefined ? 'the lock of the spec without an environment' : `the lock of environment '${environment}'`;
}
/**
 * Every relative path in a lock (a `path`, an `oci:` folder in `ref` and
 * `registry`) is relative to the lock file's folder, `/`-separated: one rule
 * for compose, which writes them, and for `verify --lock` and
 * `publish --lock`, which read them, wherever the lock is and wherever the
 * command runs.
 */
function lockRelativePath(lockDir, path) {
    const rel = relative(lockDir, path).split(sep).join('/');
    return rel === '' ? '.' : rel;
}
/** A lock path read back: absolute, against the lock file's folder. */
function resolveLockPath(lockFile, path) {
    return resolve(dirname(lockFile), path);
}
class LockError extends (/* unused pure expression or super */ null && (FlotillaError)) {
}
function packageText(plan) {
    return `${plan.package.id}${plan.package.version !== undefined ? `@${plan.package.version}` : ''}`;
}
/** Where a planned ref is resolved: the registry host, or the `oci:` folder relative to `lockDir`. */
function sourceRegistry(lockDir, ref) {
    if (ref.kind === 'registry')
        return ref.registry;
    return `oci:${lockRelativePath(lockDir, ref.path)}`;
}
/** What a lock in `lockDir` records as a planned component's source: `ref` (oci: folders relative to it) or `path`. */
function lockedSource(c, lockDir) {
    return c.source.kind === 'path' ? { path: lockRelativePath(lockDir, c.source.path) } : { ref: referenceText(lockDir, c.source.ref) };
}
/**
 * Builds the lock of a plan from what compose resolved; every planned
 * component must be resolved once. Relative paths are written against
 * `lockDir`, the folder of the lock file (default the spec's).
 */
function buildLock(plan, resolved, lockDir = plan.specDir) {
    const byName = new Map(resolved.map((r) => [r.name, r]));
    const components = plan.components.map((c) => {
        const r = byName.get(c.name);
        if (!r)
            throw new LockError('LOCK_INCOMPLETE', `component '${c.name}' was not resolved; every planned component needs a digest before ${lockLabel(plan.environment)} is written`);
        const out = {
            name: c.name,
            package: c.package,
            source: c.source.kind,
            digest: r.digest,
            size: r.size,
            mediaType: r.mediaType,
            imports: [...r.imports].sort(),
            exports: [...r.exports].sort(),
        };
        if (c.version !== undefined)
            out.version = c.version;
        if (c.source.kind === 'path') {
            out.path = lockRelativePath(lockDir, c.source.path);
        }
        else {
            if (!r.layer)
                throw new LockError('LOCK_INCOMPLETE', `component '${c.name}' (${c.source.text}) was resolved without its component layer`);
            out.ref = referenceText(lockDir, c.source.ref);
            out.registry = sourceRegistry(lockDir, c.source.ref);
            if (c.registry !== undefined)
                out.registryName = c.registry;
            out.layer = { digest: r.layer.digest, size: r.layer.size, mediaType: r.layer.mediaType };
        }
        return out;
    });
    const extra = resolved.filter((r) => !plan.components.some((c) => c.name === r.name));
    if (extra.length > 0)
        throw new LockError('LOCK_INCOMPLETE', `resolved components not in the plan of ${lockLabel(plan.environment)}: ${extra.map((r) => r.name).join(', ')}`);
    const lock = {
        lockVersion: 1,
        spec: plan.name,
        package: packageText(plan),
        components: components.sort((a, b) => compare(a.name, b.name)),
    };
    if (plan.environment !== undefined)
        lock.environment = plan.environment;
    return lock;
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const k of Object.keys(value).sort(compare)) {
            const v = value[k];
            if (v !== undefined)
                out[k] = sortKeys(v);
        }
        return out;
    }
    return value;
}
/** The lock as written: keys sorted, components by name, two-space indent, trailing newline. Same lock, same bytes. */
function formatLock(lock) {
    const ordered = { ...lock, components: [...lock.components].sort((a, b) => compare(a.name, b.name)) };
    return `${JSON.stringify(sortKeys(ordered), null, 2)}\n`;
}
/** Writes the lock through a temporary file and a rename, so a reader never sees half a lock. */
function writeLock(file, lock) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, formatLock(lock));
    renameSync(tmp, file);
}
/**
 * Reads and validates a lock file; errors name the file, line, column and
 * JSON path, and which environment's lock it is.
 */
function readLock(file, options = {}) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (err) {
        const why = err.code === 'ENOENT' ? 'file not found' : err.message;
        throw new yaml_source/* ConfigError */.xL({ file, line: 1, column: 1 }, '', `cannot read ${lockLabel(options.environment)}: ${why}`, {
            cause: err,
            code: 'LOCK_UNREADABLE',
        });
    }
    return parseLock(file, text, options);
}
/** The environment a lock's text says it is for, if it can be read at all (for messages about a broken lock). */
function declaredEnvironment(text) {
    try {
        const v = JSON.parse(text).environment;
        return typeof v === 'string' ? v : undefined;
    }
    catch {
        return undefined;
    }
}
/** A ConfigError about a lock with `(the lock of environment 'x')` after its message. */
function aboutLock(err, label) {
    const where = `${err.position.file}:${err.position.line}:${err.position.column}: ${err.field ? `${err.field}: ` : ''}`;
    const message = err.message.startsWith(where) ? err.message.slice(where.length) : err.message;
    return new yaml_source/* ConfigError */.xL(err.position, err.field, `${message} (${label})`, { cause: err, code: err.code });
}
/** Parses lock text (`file` names it in messages). */
function parseLock(file, text, options = {}) {
    try {
        JSON.parse(text);
    }
    catch (err) {
        throw new yaml_source/* ConfigError */.xL(jsonErrorPosition(file, text, err), '', `not valid JSON: ${jsonErrorText(err)} (${lockLabel(options.environment)})`, { cause: err, code: 'LOCK_SYNTAX' });
    }
    const label = lockLabel(options.environment ?? declaredEnvironment(text));
    // JSON is YAML: parsing it as YAML keeps the line and column of every value for messages.
    const src = (0,yaml_source/* parseYaml */.hN)(file, text);
    try {
        (0,yaml_source/* validateAgainstSchema */.v9)(src, flotilla_lock_schema_namespaceObject);
    }
    catch (err) {
        throw err instanceof yaml_source/* ConfigError */.xL ? aboutLock(err, label) : err;
    }
    const lock = src.value;
    const seen = new Set();
    lock.components.forEach((c, i) => {
        if (seen.has(c.name))
            throw src.error(['components', i, 'name'], `component '${c.name}' is locked twice (${label})`, 'LOCK_INVALID');
        seen.add(c.name);
    });
    return lock;
}
/** Where V8 says a JSON syntax error is (`line L column C`, or `position N`); the start of the file when it does not say. */
function jsonErrorPosition(file, text, err) {
    const lc = /line (\d+) column (\d+)/.exec(err.message);
    if (lc)
        return { file, line: Number(lc[1]), column: Number(lc[2]) };
    const p = /position (\d+)/.exec(err.message);
    if (!p)
        return { file, line: 1, column: 1 };
    const before = text.slice(0, Number(p[1])).split('\n');
    return { file, line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
/** V8's message without the copy of the input it sometimes quotes, and without the position (already in front). */
function jsonErrorText(err) {
    return err.message
        .replace(/, ".*" is not valid JSON$/s, ' (not valid JSON)')
        .replace(/ in JSON at position \d+( \(line \d+ column \d+\))?$/, '');
}
/**
 * Compares a plan with a lock in `lockDir` (default the spec's folder):
 * everything that `--frozen` refuses. An empty list means the lock's digests
 * are exactly what the plan asks for.
 */
function checkFrozen(plan, lock, lockDir = plan.specDir) {
    const out = [];
    if (lock.spec !== plan.name)
        out.push({ kind: 'spec', message: `the lock is for spec '${lock.spec}', the spec is '${plan.name}'` });
    if ((lock.environment ?? '') !== (plan.environment ?? '')) {
        const name = (e) => (e === undefined ? 'no environment' : `environment '${e}'`);
        out.push({
            kind: 'environment',
            message: `the lock was made for ${name(lock.environment)}, this compose is for ${name(plan.environment)}`,
        });
    }
    const pkg = packageText(plan);
    if (lock.package !== pkg)
        out.push({ kind: 'package', message: `the lock is for package '${lock.package}', the spec says '${pkg}'` });
    const locked = new Map(lock.components.map((c) => [c.name, c]));
    for (const c of plan.components) {
        const l = locked.get(c.name);
        const at = `${formatOrigin(c.origin)}: `;
        if (!l) {
            out.push({
                kind: 'added',
                component: c.name,
                origin: c.origin,
                message: `${at}component '${c.name}' is in the spec but not in the lock`,
            });
            continue;
        }
        if (l.package !== c.package) {
            out.push({
                kind: 'component-package',
                component: c.name,
                origin: c.origin,
                message: `${at}component '${c.name}': package changed from '${l.package}' (lock) to '${c.package}' (spec)`,
            });
        }
        if (l.source !== c.source.kind) {
            out.push({
                kind: 'source',
                component: c.name,
                origin: c.origin,
                message: `${at}component '${c.name}' is a ${c.source.kind} in the spec but a ${l.source} in the lock`,
            });
            continue;
        }
        const planned = lockedSource(c, lockDir);
        if ('path' in planned) {
            if (l.path !== planned.path) {
                out.push({
                    kind: 'path',
                    component: c.name,
                    origin: c.origin,
                    message: `${at}component '${c.name}': path changed from '${l.path}' (lock) to '${planned.path}' (spec)`,
                });
            }
            continue;
        }
        if (l.ref !== planned.ref) {
            out.push({
                kind: 'ref',
                component: c.name,
                origin: c.origin,
                message: `${at}component '${c.name}': ref changed from '${l.ref}' (lock) to '${planned.ref}' (spec)`,
            });
            continue;
        }
        if (c.source.kind !== 'ref')
            continue;
        const pinned = c.source.ref.digest;
        if (pinned !== undefined && pinned !== l.digest) {
            out.push({
                kind: 'pinned-digest',
                component: c.name,
                origin: c.origin,
                message: `${at}component '${c.name}' is pinned to ${pinned} but the lock has ${l.digest}`,
            });
        }
    }
    const planned = new Set(plan.components.map((c) => c.name));
    for (const l of lock.components) {
        if (!planned.has(l.name))
            out.push({ kind: 'removed', component: l.name, message: `component '${l.name}' is in the lock but no longer in the spec` });
    }
    return out;
}
class FrozenLockError extends errors/* FlotillaError */.wD {
    disagreements;
    constructor(lockFile, disagreements, environment) {
        super('LOCK_FROZEN_MISMATCH', `--frozen: the spec and ${lockFile} (${lockLabel(environment)}) disagree (${disagreements.length}):\n${disagreements.map((d) => `  ${d.message}`).join('\n')}\nCompose without --frozen to update the lock, or restore the spec the lock was made from.`);
        this.disagreements = disagreements;
    }
}
/**
 * For `--frozen`: throws FrozenLockError listing every disagreement, else
 * gives each component with the locked digest to pull (refs) or to check the
 * local file against (paths).
 */
function frozenComponents(plan, lock, lockFile = lockFileName(plan.environment)) {
    const disagreements = checkFrozen(plan, lock, dirname(resolve(plan.specDir, lockFile)));
    if (disagreements.length > 0)
        throw new FrozenLockError(lockFile, disagreements, lock.environment);
    const locked = new Map(lock.components.map((c) => [c.name, c]));
    return plan.components.map((component) => {
        const l = locked.get(component.name);
        const out = { component, locked: l };
        if (component.source.kind === 'ref')
            out.pull = { ...component.source.ref, digest: l.digest };
        return out;
    });
}
function unpinnedComponents(plan) {
    return plan.components.flatMap((c) => c.source.kind === 'ref' && c.source.ref.digest === undefined ? [{ name: c.name, ref: c.source.text, origin: c.origin }] : []);
}
class UnpinnedReferencesError extends errors/* FlotillaError */.wD {
    unpinned;
    constructor(plan, unpinned) {
        const env = plan.environment !== undefined ? `environment '${plan.environment}'` : 'this spec';
        super('SPEC_UNPINNED', `${env} requires every ref pinned by digest (require-digest); ${unpinned.length} ${unpinned.length === 1 ? 'is' : 'are'} not:\n${unpinned
            .map((u) => `  ${(0,release_origin/* formatOrigin */.cp)(u.origin)}: ${u.name}: '${u.ref}' has no @sha256:<digest>`)
            .join('\n')}\nPin each as <ref>@sha256:<digest> (the digests are in the lock file of a staging compose).`);
        this.unpinned = unpinned;
    }
}
/** Throws UnpinnedReferencesError naming each component (with its spec line) whose ref has no digest. */
function requireDigests(plan) {
    const unpinned = unpinnedComponents(plan);
    if (unpinned.length > 0)
        throw new UnpinnedReferencesError(plan, unpinned);
}

// EXTERNAL MODULE: ./build/shared/release/spec.js + 2 modules
var release_spec = __webpack_require__(19838);
;// CONCATENATED MODULE: ./build/shared/verify/errors.js

/**
 * Evidence could not be gathered: a component or part cannot be fetched or
 * read, a lock names a file whose bytes changed, a trusted root cannot be
 * loaded. No verdict is given; the message names the component, the ref and
 * what to do.
 */
class VerifyInputError extends errors/* FlotillaError */.wD {
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./build/shared/component/describe.js + 4 modules
var describe = __webpack_require__(55945);
;// CONCATENATED MODULE: ./build/shared/component/wasm-file.js
/**
 * A file that should hold a WebAssembly binary (a `.wasm` component or
 * module) and does not: say which file, and what it holds instead. Text in
 * the WebAssembly text format (WAT) is the usual mistake.
 */

/** A file is not a WebAssembly binary. Code `WASM_INVALID` (as the binary reader's). */
class NotWasmFileError extends errors/* FlotillaError */.wD {
    file;
    constructor(file, why) {
        super('WASM_INVALID', `${file}: not a WebAssembly binary: ${why}`);
        this.file = file;
    }
}
const MAGIC = [0x00, 0x61, 0x73, 0x6d];
function looksLikeText(bytes) {
    const head = bytes.subarray(0, 512);
    for (const b of head)
        if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d))
            return false;
    return true;
}
/** `(component` or `(module` after white space and `;;` / `(; ;)` comments: the WebAssembly text format. */
function watKind(text) {
    const t = text.replace(/^(?:\s+|;;[^\n]*\n?|\(;[\s\S]*?;\))*/, '');
    const m = /^\(\s*(component|module)\b/.exec(t);
    return m ? m[1] : undefined;
}
/** Throws NotWasmFileError naming `file` unless `bytes` start with the WebAssembly magic number. */
function checkWasmBinary(bytes, file) {
    if (bytes.length >= 4 && MAGIC.every((m, i) => bytes[i] === m))
        return;
    if (bytes.length === 0)
        throw new NotWasmFileError(file, 'the file is empty');
    if (looksLikeText(bytes)) {
        const text = new TextDecoder().decode(bytes.subarray(0, 4096));
        const kind = watKind(text);
        if (kind !== undefined) {
            throw new NotWasmFileError(file, `it is WebAssembly text (WAT, a ${kind} written as '(${kind} …'); build the binary first (jco parse ${file} -o out.wasm, or wasm-tools parse), or give the .wat file where .wat is accepted (the package folder of a WAC composition)`);
        }
        const first = text.trimStart().split('\n')[0]?.slice(0, 40) ?? '';
        throw new NotWasmFileError(file, `it is text (it starts with '${first}'), a binary starts with \\0asm`);
    }
    const hex = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new NotWasmFileError(file, `it starts with the bytes ${hex}, a WebAssembly binary with 00 61 73 6d (\\0asm)`);
}

// EXTERNAL MODULE: ./build/shared/oci/copy.js + 1 modules
var copy = __webpack_require__(64310);
// EXTERNAL MODULE: ./build/shared/oci/digest.js
var oci_digest = __webpack_require__(98144);
// EXTERNAL MODULE: ./build/shared/oci/manifest.js
var oci_manifest = __webpack_require__(90769);
// EXTERNAL MODULE: ./build/shared/oci/layout/errors.js
var layout_errors = __webpack_require__(93934);
;// CONCATENATED MODULE: ./build/shared/oci/tag-not-found.js
/**
 * "tag v9.9.9 not found in 127.0.0.1:5000/shop/cart; its tags: v1.2.0,
 * v1.1.0, …": a tag the repository does not have, said as such, with the
 * tags it does have (closest to the one asked for first) when the registry
 * answers the tag list. A registry only says 404 MANIFEST_UNKNOWN (or
 * NAME_UNKNOWN for a repository it does not know); one more request, made
 * only after that failure, turns it into something to act on.
 */



const SHOWN = 8;
function distance(a, b) {
    const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const up = prev[j];
            prev[j] = Math.min(up + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return prev[b.length];
}
/** Whether an error says the manifest (or the repository) is not there. */
function isNotFound(err) {
    if (!(err instanceof errors/* FlotillaError */.wD))
        return false;
    return err.code === 'OCI_NOT_FOUND' || err.code === 'TAG_NOT_FOUND';
}
/**
 * When `err` is a "not found" for the tag `reference` of `store`, a
 * TagNotFoundError saying so with some of the repository's tags; otherwise
 * `err` itself. Never throws.
 */
async function explainTagNotFound(store, reference, err) {
    if ((0,oci_digest/* isDigest */.Bc)(reference) || !isNotFound(err))
        return err;
    const where = store.location;
    if (/NAME_UNKNOWN/.test((0,errors/* errorMessage */.gJ)(err))) {
        return new layout_errors/* TagNotFoundError */._j(`tag ${reference} not found in ${where}: the registry has no repository ${where.slice(where.indexOf('/') + 1)}; check the repository path`);
    }
    let tags;
    try {
        tags = await store.listTags();
    }
    catch (listErr) {
        // distribution answers a manifest of an unknown repository with MANIFEST_UNKNOWN, its tag list with NAME_UNKNOWN
        if (isNotFound(listErr) && /NAME_UNKNOWN|404/.test((0,errors/* errorMessage */.gJ)(listErr))) {
            const error = new layout_errors/* TagNotFoundError */._j(`tag ${reference} not found in ${where}: the registry has no repository ${where.slice(where.indexOf('/') + 1)}; check the repository path`);
            error.cause = err;
            return error;
        }
        tags = undefined; // the registry does not list its tags (or not to us): say what is known
    }
    // the referrers tag schema's index tags (sha256-<hex>) are not versions anyone asks for
    const versions = tags?.filter((t) => !/^sha256-[0-9a-f]{64}$/.test(t));
    const known = versions === undefined
        ? ''
        : versions.length === 0
            ? '; the repository has no tags'
            : `; its tags: ${[...versions]
                .sort((a, b) => distance(reference, a) - distance(reference, b) || (a < b ? -1 : a > b ? 1 : 0))
                .slice(0, SHOWN)
                .join(', ')}${versions.length > SHOWN ? `, … (${versions.length} in all)` : ''}`;
    const error = new layout_errors/* TagNotFoundError */._j(`tag ${reference} not found in ${where}${known}`);
    error.cause = err;
    return error;
}
/** Runs `op`; a "not found" for the tag `reference` becomes explainTagNotFound's error. */
async function withTagHint(store, reference, op) {
    try {
        return await op();
    }
    catch (err) {
        throw await explainTagNotFound(store, reference, err);
    }
}

// EXTERNAL MODULE: ./build/shared/oci/types.js
var types = __webpack_require__(69015);
// EXTERNAL MODULE: ./build/shared/oci/wasm-artifact.js
var wasm_artifact = __webpack_require__(49487);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var dist = __webpack_require__(83917);
;// CONCATENATED MODULE: ./build/shared/policy/evidence.js
function signatureFromVerifiedBundle(bundle) {
    const { signer, subjectDigest } = bundle;
    if (signer.kind === 'key')
        return { kind: 'key', keyId: signer.keyId, spkiSha256: signer.keyId, subjectDigest };
    const extensions = {};
    for (const [k, v] of Object.entries(signer.claims ?? {}))
        if (v !== undefined)
            extensions[k] = v;
    return { kind: 'keyless', issuer: signer.issuer, subject: signer.subject, extensions, subjectDigest };
}

;// CONCATENATED MODULE: ./build/shared/sign/errors.js

class errors_KeyError extends errors/* FlotillaError */.wD {
    constructor(code, message, options) {
        super(code, message, options);
    }
}
class errors_SigningError extends errors/* FlotillaError */.wD {
    constructor(code, message, options) {
        super(code, message, options);
    }
}
class SignatureVerificationError extends errors/* FlotillaError */.wD {
    constructor(code, message, options) {
        super(code, message, options);
    }
}
/** A referrer manifest that does not hold a sigstore bundle the way cosign stores one. */
class errors_ReferrerFormatError extends errors/* FlotillaError */.wD {
    constructor(message, options) {
        super('REFERRER_INVALID', message, options);
    }
}
/** An in-toto statement or predicate that is not the shape Flotilla writes. */
class errors_StatementFormatError extends errors/* FlotillaError */.wD {
    constructor(message, options) {
        super('STATEMENT_INVALID', message, options);
    }
}

;// CONCATENATED MODULE: ./build/shared/sign/keys.js





/**
 * Signing keys of `flotilla keygen` and of key-pair signing: ECDSA P-256,
 * PEM. The private key is PKCS#8, encrypted with AES-256-CBC under a
 * password (PBES2, as OpenSSL writes it) unless the caller asks explicitly
 * for an unencrypted key; the public key is SPKI.
 *
 * Key id: the SHA-256 of the public key's SPKI DER encoding, in lower-case
 * hex (64 digits). The bundle's public-key hint carries the same digest in
 * base64, as cosign writes it (`keyHint`), so a bundle signed by Flotilla
 * names its key the way cosign's do.
 */
/** Environment variable holding the password of an encrypted private key. */
const KEY_PASSWORD_ENV = 'FLOTILLA_KEY_PASSWORD';
/** Prefix of a key source naming an environment variable that holds the PEM text (as cosign's `env://`). */
const ENV_KEY_PREFIX = 'env://';
function spkiDer(publicKey) {
    return publicKey.export({ type: 'spki', format: 'der' });
}
/** The key id: SHA-256 of the SPKI DER encoding of the public key, lower-case hex. */
function keyId(publicKey) {
    return (0,external_node_crypto_.createHash)('sha256').update(spkiDer(publicKey)).digest('hex');
}
/** The public-key hint written in bundles: the key id's digest in base64, as cosign writes it. */
function keys_keyHint(publicKey) {
    return createHash('sha256').update(spkiDer(publicKey)).digest('base64');
}
/** The key id (hex) that a bundle's base64 hint stands for, or undefined when the hint is not a SHA-256 in base64. */
function keyIdFromHint(hint) {
    const bytes = Buffer.from(hint, 'base64');
    if (bytes.length !== 32 || bytes.toString('base64') !== hint)
        return undefined;
    return bytes.toString('hex');
}
/** Generates an ECDSA P-256 key pair as PEM. */
function generateKeyPair(opts) {
    const encrypted = !opts.unencrypted;
    if (encrypted && !opts.password) {
        throw new KeyError('KEY_PASSWORD_REQUIRED', `no password to encrypt the private key: set ${KEY_PASSWORD_ENV}, or pass --unencrypted to write it in the clear`);
    }
    const { privateKey, publicKey } = generateKeyPairSync('ec', {
        namedCurve: 'P-256',
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: encrypted
            ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: opts.password ?? '' }
            : { type: 'pkcs8', format: 'pem' },
    });
    return { privateKeyPem: privateKey, publicKeyPem: publicKey, keyId: keyId(createPublicKey(publicKey)), encrypted };
}
/**
 * Generates a key pair and writes `<prefix>.key` (mode 0600) and
 * `<prefix>.pub`. Refuses to overwrite either file; on a failure nothing
 * is left behind.
 */
async function writeKeyPair(prefix, opts) {
    const pair = generateKeyPair(opts);
    const privateKeyPath = `${prefix}.key`;
    const publicKeyPath = `${prefix}.pub`;
    const written = [];
    try {
        for (const [path, text, mode] of [
            [privateKeyPath, pair.privateKeyPem, 0o600],
            [publicKeyPath, pair.publicKeyPem, 0o644],
        ]) {
            const handle = await open(path, 'wx', mode).catch((err) => {
                if (err.code === 'EEXIST') {
                    throw new KeyError('KEY_EXISTS', `${path} already exists; remove it or choose another --output prefix`, { cause: err });
                }
                throw new KeyError('KEY_UNREADABLE', `cannot create ${path}: ${err.message}`, { cause: err });
            });
            written.push(path);
            try {
                await handle.writeFile(text, 'utf8');
            }
            finally {
                await handle.close();
            }
        }
    }
    catch (err) {
        await Promise.all(written.map((p) => rm(p, { force: true })));
        throw err;
    }
    return { privateKeyPath, publicKeyPath, keyId: pair.keyId, encrypted: pair.encrypted };
}
function assertP256(key, source) {
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
        const what = key.asymmetricKeyType === 'ec' ? `an EC key on ${key.asymmetricKeyDetails?.namedCurve}` : `a ${key.asymmetricKeyType} key`;
        throw new errors_KeyError('KEY_NOT_P256', `${source} holds ${what}; Flotilla signs with ECDSA P-256 keys (make one with 'flotilla keygen')`);
    }
}
/**
 * Parses a PEM private key. An encrypted key needs its password; an
 * unencrypted key is accepted as is. Errors name `source` and never carry
 * the PEM text.
 */
function parsePrivateKey(pem, source, password) {
    const text = pem.trim();
    if (/^-----BEGIN ENCRYPTED (SIGSTORE|COSIGN) PRIVATE KEY-----/.test(text)) {
        throw new KeyError('KEY_INVALID', `${source} is a cosign key (scrypt and secretbox), which Flotilla does not read: export it as PKCS#8 PEM, or make a key with 'flotilla keygen'`);
    }
    if (!/^-----BEGIN (ENCRYPTED |EC )?PRIVATE KEY-----/.test(text)) {
        throw new KeyError('KEY_INVALID', `${source} is not a PEM private key (expected '-----BEGIN ENCRYPTED PRIVATE KEY-----' or '-----BEGIN PRIVATE KEY-----')`);
    }
    // PKCS#8 encrypted, or a legacy OpenSSL SEC1 key with an encryption header
    const encrypted = text.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /^Proc-Type: 4,ENCRYPTED$/m.test(text);
    // Without a passphrase OpenSSL would prompt on a terminal for an encrypted key: ask first.
    if (encrypted && !password) {
        throw new KeyError('KEY_PASSWORD_REQUIRED', `${source} is encrypted: set ${KEY_PASSWORD_ENV} to its password`);
    }
    let privateKey;
    try {
        privateKey = createPrivateKey(encrypted ? { key: text, format: 'pem', passphrase: password } : { key: text, format: 'pem' });
    }
    catch (err) {
        const code = err.code;
        if (encrypted && (code === 'ERR_OSSL_BAD_DECRYPT' || code === 'ERR_OSSL_EVP_BAD_DECRYPT')) {
            throw new KeyError('KEY_PASSWORD_WRONG', `wrong password for ${source}: check ${KEY_PASSWORD_ENV}`);
        }
        throw new KeyError('KEY_INVALID', `${source} is not a readable private key (${code ?? 'parse error'})`);
    }
    assertP256(privateKey, source);
    const publicKey = createPublicKey(privateKey);
    return {
        privateKey,
        publicKey,
        publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        keyId: keyId(publicKey),
        source,
    };
}
/**
 * Loads a private key from `source`: a file path, or `env://NAME` for an
 * environment variable holding the PEM text (a CI secret). The password
 * defaults to `FLOTILLA_KEY_PASSWORD` from `env`.
 */
async function loadPrivateKey(source, opts = {}) {
    const env = opts.env ?? process.env;
    const password = opts.password ?? env[KEY_PASSWORD_ENV];
    if (source.startsWith(ENV_KEY_PREFIX)) {
        const name = source.slice(ENV_KEY_PREFIX.length);
        const value = env[name];
        if (!name || value === undefined || value.trim() === '') {
            throw new KeyError('KEY_UNREADABLE', `environment variable ${name || '(empty name)'} named by ${source} is not set or empty`);
        }
        return parsePrivateKey(value, `environment variable ${name}`, password);
    }
    const path = resolve(opts.cwd ?? '.', source);
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (err) {
        throw new KeyError('KEY_UNREADABLE', `cannot read private key file ${source}: ${errorMessage(err)}`, { cause: err });
    }
    return parsePrivateKey(text, `private key file ${source}`, password);
}
/** Parses a PEM public key (SPKI, `-----BEGIN PUBLIC KEY-----`) of ECDSA P-256. */
function parsePublicKey(pem, source = 'public key') {
    const text = pem.trim();
    if (!text.startsWith('-----BEGIN PUBLIC KEY-----')) {
        throw new errors_KeyError('KEY_INVALID', `${source} is not a PEM public key (expected '-----BEGIN PUBLIC KEY-----')`);
    }
    let publicKey;
    try {
        publicKey = (0,external_node_crypto_.createPublicKey)({ key: text, format: 'pem' });
    }
    catch (err) {
        throw new errors_KeyError('KEY_INVALID', `${source} is not a readable public key (${err.code ?? 'parse error'})`);
    }
    assertP256(publicKey, source);
    return { publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyId(publicKey) };
}
/** Reads a PEM public key file. */
async function loadPublicKey(path) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (err) {
        throw new KeyError('KEY_UNREADABLE', `cannot read public key file ${path}: ${errorMessage(err)}`, { cause: err });
    }
    return parsePublicKey(text, `public key file ${path}`);
}

// EXTERNAL MODULE: ./build/shared/oci/media-types.js
var media_types = __webpack_require__(59986);
// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var bundle_dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/index.js
var sign_dist = __webpack_require__(15179);
;// CONCATENATED MODULE: ./build/shared/sign/statement.js


/** `_type` of an in-toto statement, version 1. */
const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** DSSE `payloadType` of an in-toto statement. */
const statement_IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** Predicate type of a plain signature, as cosign 3 writes it (`cosign sign` with the bundle format). */
const COSIGN_SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';
/** Predicate type of Flotilla's composition provenance (schema in `shared/sign/README.md`). */
const COMPOSITION_PREDICATE_TYPE = 'https://flotilla.dev/attestation/composition/v1';
function subjectOf(s) {
    if (!isDigest(s.digest))
        throw new StatementFormatError(`subject digest '${s.digest}' is not a sha256 digest`);
    return { name: s.name, digest: { sha256: digestHex(s.digest) } };
}
/** The statement of a plain signature over an OCI manifest (cosign 3's shape, with the repository as the subject name). */
function signStatement(subject) {
    return { _type: IN_TOTO_STATEMENT_V1, subject: [subjectOf(subject)], predicateType: COSIGN_SIGN_PREDICATE_TYPE, predicate: {} };
}
/** The composition provenance statement of a composed component. Components are sorted by name; names must be unique. */
function compositionStatement(subject, input) {
    const predicate = buildCompositionPredicate(input);
    return { _type: IN_TOTO_STATEMENT_V1, subject: [subjectOf(subject)], predicateType: COMPOSITION_PREDICATE_TYPE, predicate };
}
function buildCompositionPredicate(input) {
    const components = input.components.map((c, i) => checkComponent(c, `components[${i}]`));
    components.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let i = 1; i < components.length; i++) {
        if (components[i]?.name === components[i - 1]?.name) {
            throw new errors_StatementFormatError(`composition lists component '${components[i]?.name}' twice`);
        }
    }
    return {
        composer: { name: 'flotilla', version: input.version },
        ...(input.package !== undefined ? { package: input.package } : {}),
        components,
    };
}
function checkComponent(c, where) {
    if (typeof c !== 'object' || c === null)
        throw new errors_StatementFormatError(`${where} is not an object`);
    const { name, ref, digest, size } = c;
    if (typeof name !== 'string' || name === '')
        throw new errors_StatementFormatError(`${where}.name must be a non-empty string`);
    if (typeof ref !== 'string' || ref === '')
        throw new errors_StatementFormatError(`${where}.ref must be a non-empty string`);
    if (typeof digest !== 'string' || !(0,oci_digest/* isDigest */.Bc)(digest))
        throw new errors_StatementFormatError(`${where}.digest must be a sha256 digest`);
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        throw new errors_StatementFormatError(`${where}.size must be a non-negative integer`);
    }
    return { name, ref, digest, size };
}
/** The bytes that are signed: compact JSON, keys in the order above. */
function statement_serializeStatement(statement) {
    return new TextEncoder().encode(JSON.stringify(statement));
}
/** Parses and checks an in-toto v1 statement (DSSE payload bytes). */
function statement_parseStatement(payload) {
    let value;
    try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
    }
    catch (err) {
        throw new errors_StatementFormatError('the signed payload is not JSON', { cause: err });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new errors_StatementFormatError('the signed payload is not a JSON object');
    }
    const s = value;
    if (s._type !== IN_TOTO_STATEMENT_V1) {
        throw new errors_StatementFormatError(`the signed payload is not an in-toto v1 statement (_type ${JSON.stringify(s._type)})`);
    }
    if (!Array.isArray(s.subject) || s.subject.length === 0)
        throw new errors_StatementFormatError('the statement has no subject');
    const subject = s.subject.map((sub, i) => {
        if (typeof sub !== 'object' || sub === null)
            throw new errors_StatementFormatError(`subject[${i}] is not an object`);
        const { name, digest } = sub;
        if (typeof digest !== 'object' || digest === null || Object.values(digest).some((v) => typeof v !== 'string')) {
            throw new errors_StatementFormatError(`subject[${i}].digest is not a map of algorithm to hex`);
        }
        return { ...(typeof name === 'string' ? { name } : {}), digest: digest };
    });
    if (typeof s.predicateType !== 'string' || s.predicateType === '')
        throw new errors_StatementFormatError('the statement has no predicateType');
    return { _type: IN_TOTO_STATEMENT_V1, subject, predicateType: s.predicateType, predicate: s.predicate };
}
/** The sha256 digests of a statement's subjects, as OCI digests. */
function subjectDigests(statement) {
    const out = [];
    for (const s of statement.subject) {
        const hex = s.digest.sha256;
        const d = `sha256:${hex}`;
        if (hex !== undefined && (0,oci_digest/* isDigest */.Bc)(d))
            out.push(d);
    }
    return out;
}
/** Reads and checks the predicate of a composition statement. */
function parseCompositionPredicate(predicate) {
    if (typeof predicate !== 'object' || predicate === null)
        throw new errors_StatementFormatError('the composition predicate is not an object');
    const p = predicate;
    const composer = p.composer;
    if (typeof composer !== 'object' || composer === null || composer.name !== 'flotilla' || typeof composer.version !== 'string') {
        throw new errors_StatementFormatError("the composition predicate's composer is not {name: 'flotilla', version}");
    }
    if (p.package !== undefined && typeof p.package !== 'string')
        throw new errors_StatementFormatError('the composition package is not a string');
    if (!Array.isArray(p.components))
        throw new errors_StatementFormatError('the composition predicate has no components list');
    return buildCompositionPredicate({
        version: composer.version,
        ...(typeof p.package === 'string' ? { package: p.package } : {}),
        components: p.components,
    });
}

;// CONCATENATED MODULE: ./build/shared/sign/signer.js







/** Media type of the bundles Flotilla writes. */
const signer_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** Audience of the OIDC token that Fulcio accepts. */
const SIGSTORE_AUDIENCE = 'sigstore';
/** The public-good instance: Fulcio certificates, Rekor log entries (the default for public repositories). */
const SIGSTORE_PUBLIC_GOOD = {
    fulcioURL: 'https://fulcio.sigstore.dev',
    rekorURL: 'https://rekor.sigstore.dev',
};
/**
 * GitHub's own instance, used by `actions/attest` for private and internal
 * repositories: its Fulcio and its timestamp authority, no public log.
 */
const SIGSTORE_GITHUB = {
    fulcioURL: 'https://fulcio.githubapp.com',
    tsaURL: 'https://timestamp.githubapp.com',
};
/**
 * The endpoints of an instance. `auto` uses the public-good instance for a
 * public repository and GitHub's for a private or internal one (or when the
 * visibility is unknown), as `actions/attest` decides.
 */
function sigstoreEndpoints(instance, repositoryVisibility) {
    if (instance === 'public-good')
        return SIGSTORE_PUBLIC_GOOD;
    if (instance === 'github')
        return SIGSTORE_GITHUB;
    return repositoryVisibility === 'public' ? SIGSTORE_PUBLIC_GOOD : SIGSTORE_GITHUB;
}
function witnessesFor(endpoints, svc) {
    const timeout = svc.timeout ?? 10_000;
    const retry = svc.retry ?? 2;
    const out = [];
    if (endpoints.rekorURL)
        out.push(new RekorWitness({ rekorBaseURL: endpoints.rekorURL, entryType: 'dsse', timeout, retry }));
    if (endpoints.tsaURL)
        out.push(new TSAWitness({ tsaBaseURL: endpoints.tsaURL, timeout, retry }));
    return out;
}
/** The @sigstore/sign signer of a local key: ECDSA P-256 with SHA-256, DER signatures, the key's hint. */
function keyPairSigstoreSigner(key) {
    const hint = keyHint(key.publicKey);
    return {
        sign: async (data) => ({
            signature: ecdsaSign('sha256', data, key.privateKey),
            key: { $case: 'publicKey', publicKey: key.publicKeyPem, hint },
        }),
    };
}
async function buildBundle(signer, witnesses, statement, services) {
    const builder = new DSSEBundleBuilder({ signer, witnesses });
    let bundle;
    try {
        bundle = await builder.create({ data: Buffer.from(serializeStatement(statement)), type: IN_TOTO_PAYLOAD_TYPE });
    }
    catch (err) {
        throw toSigningError(err, services);
    }
    const json = bundleToJSON(bundle);
    return { bundle, json, bytes: new TextEncoder().encode(JSON.stringify(json)), predicateType: statement.predicateType };
}
/** Signs with a key pair. No service is contacted unless `rekorURL` or `tsaURL` is given. */
function keyPairSigner(key, opts = {}) {
    const signer = keyPairSigstoreSigner(key);
    const endpoints = { ...(opts.rekorURL ? { rekorURL: opts.rekorURL } : {}), ...(opts.tsaURL ? { tsaURL: opts.tsaURL } : {}) };
    return {
        kind: 'key',
        description: `key ${key.keyId}`,
        signStatement: (statement) => buildBundle(signer, witnessesFor(endpoints, opts), statement, endpoints),
    };
}
/**
 * The OIDC token of the running GitHub Actions job for `audience`, through
 * `@actions/core` (which reads ACTIONS_ID_TOKEN_REQUEST_URL and
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN, and masks the token in the log).
 */
async function githubActionsIdToken(audience = SIGSTORE_AUDIENCE) {
    if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new SigningError('SIGNING_IDENTITY_TOKEN', 'keyless signing needs the GitHub Actions OIDC token, and ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: ' +
            "run in a GitHub Actions job with 'permissions: id-token: write', or sign with a key (--key)");
    }
    try {
        // loaded here only: the CLI bundle is CommonJS, and @actions/core is an ES module
        const core = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 88179));
        return await core.getIDToken(audience);
    }
    catch (err) {
        throw new SigningError('SIGNING_IDENTITY_TOKEN', `the GitHub Actions OIDC token request failed: ${errorMessage(err).trim()}`, {
            cause: err,
        });
    }
}
/**
 * Checks that a token is a JWT with a subject before @sigstore/sign reads
 * it: its own parse error would print the whole token.
 */
function checkedToken(provider) {
    return {
        getToken: async () => {
            const token = await provider();
            const parts = token.split('.');
            let sub;
            try {
                sub =
                    parts.length === 3 ? JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')).sub : undefined;
            }
            catch {
                sub = undefined;
            }
            if (typeof sub !== 'string' || sub === '') {
                throw new SigningError('SIGNING_IDENTITY_TOKEN', 'the OIDC identity token is not a JWT with a subject (sub) claim');
            }
            return token;
        },
    };
}
/**
 * Signs keyless: an ephemeral key, a short-lived certificate from Fulcio for
 * the OIDC identity, then the configured witnesses (Rekor entry, TSA
 * timestamp).
 */
function keylessSigner(opts = {}) {
    const endpoints = opts.endpoints ?? SIGSTORE_PUBLIC_GOOD;
    const timeout = opts.timeout ?? 10_000;
    const retry = opts.retry ?? 2;
    const provider = opts.identityToken ?? (() => githubActionsIdToken(SIGSTORE_AUDIENCE));
    return {
        kind: 'keyless',
        description: `keyless via ${endpoints.fulcioURL}`,
        signStatement: (statement) => {
            const signer = new FulcioSigner({ identityProvider: checkedToken(provider), fulcioBaseURL: endpoints.fulcioURL, timeout, retry });
            return buildBundle(signer, witnessesFor(endpoints, opts), statement, endpoints);
        },
    };
}
function describeCause(cause) {
    if (cause instanceof SigningError)
        return cause.message;
    const c = cause;
    if (c && typeof c.statusCode === 'number')
        return `HTTP ${c.statusCode}${c.message ? ` ${c.message}` : ''}`;
    return errorMessage(cause);
}
function toSigningError(err, services) {
    if (err instanceof SigningError)
        return err;
    const e = err;
    // The identity provider's own SigningError travels as the cause of @sigstore/sign's error.
    if (e.cause instanceof SigningError)
        return e.cause;
    const cause = describeCause(e.cause ?? err);
    const map = {
        IDENTITY_TOKEN_READ_ERROR: ['SIGNING_IDENTITY_TOKEN', 'could not get an OIDC identity token'],
        IDENTITY_TOKEN_PARSE_ERROR: ['SIGNING_IDENTITY_TOKEN', 'the OIDC identity token is not a JWT'],
        CA_CREATE_SIGNING_CERTIFICATE_ERROR: ['SIGNING_CERTIFICATE', `Fulcio at ${services.fulcioURL} refused the certificate request`],
        TLOG_CREATE_ENTRY_ERROR: ['SIGNING_TLOG', `Rekor at ${services.rekorURL} refused the log entry`],
        TSA_CREATE_TIMESTAMP_ERROR: ['SIGNING_TIMESTAMP', `the timestamp authority at ${services.tsaURL} refused the request`],
    };
    const known = e.code ? map[e.code] : undefined;
    if (known)
        return new SigningError(known[0], `${known[1]}: ${cause}`, { cause: err });
    return new SigningError('SIGNING_FAILED', `signing failed: ${errorMessage(err)}`, { cause: err });
}

// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(19654);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
;// CONCATENATED MODULE: ./build/shared/sign/verify.js







const V2_CLAIMS = {
    '1.3.6.1.4.1.57264.1.9': 'buildSignerURI',
    '1.3.6.1.4.1.57264.1.10': 'buildSignerDigest',
    '1.3.6.1.4.1.57264.1.11': 'runnerEnvironment',
    '1.3.6.1.4.1.57264.1.12': 'sourceRepositoryURI',
    '1.3.6.1.4.1.57264.1.13': 'sourceRepositoryDigest',
    '1.3.6.1.4.1.57264.1.14': 'sourceRepositoryRef',
    '1.3.6.1.4.1.57264.1.15': 'sourceRepositoryIdentifier',
    '1.3.6.1.4.1.57264.1.16': 'sourceRepositoryOwnerURI',
    '1.3.6.1.4.1.57264.1.17': 'sourceRepositoryOwnerIdentifier',
    '1.3.6.1.4.1.57264.1.18': 'buildConfigURI',
    '1.3.6.1.4.1.57264.1.19': 'buildConfigDigest',
    '1.3.6.1.4.1.57264.1.20': 'buildTrigger',
    '1.3.6.1.4.1.57264.1.21': 'runInvocationURI',
    '1.3.6.1.4.1.57264.1.22': 'sourceRepositoryVisibilityAtSigning',
};
const LEGACY_CLAIMS = {
    '1.3.6.1.4.1.57264.1.2': 'githubWorkflowTrigger',
    '1.3.6.1.4.1.57264.1.3': 'githubWorkflowSHA',
    '1.3.6.1.4.1.57264.1.4': 'githubWorkflowName',
    '1.3.6.1.4.1.57264.1.5': 'githubWorkflowRepository',
    '1.3.6.1.4.1.57264.1.6': 'githubWorkflowRef',
};
/** Content of a DER UTF8String (tag 0x0c), or undefined. */
function derUtf8String(value) {
    if (value.length < 2 || value[0] !== 0x0c)
        return undefined;
    let len = value[1] ?? 0;
    let offset = 2;
    if (len & 0x80) {
        const n = len & 0x7f;
        if (n === 0 || n > 4 || value.length < 2 + n)
            return undefined;
        len = 0;
        for (let i = 0; i < n; i++)
            len = len * 256 + (value[2 + i] ?? 0);
        offset = 2 + n;
    }
    if (offset + len !== value.length)
        return undefined;
    return value.subarray(offset).toString('utf8');
}
function claimsOf(signer) {
    const claims = {};
    for (const { oid, value } of signer.identity?.oids ?? []) {
        const id = oid?.id.join('.') ?? '';
        const v2 = V2_CLAIMS[id];
        if (v2) {
            const text = derUtf8String(Buffer.from(value));
            if (text !== undefined)
                claims[v2] = text;
            continue;
        }
        const legacy = LEGACY_CLAIMS[id];
        if (legacy)
            claims[legacy] = Buffer.from(value).toString('utf8');
    }
    return claims;
}
/** Reads a bundle from its JSON (object, text or bytes); BUNDLE_INVALID when it is not a DSSE sigstore bundle. */
function verify_parseBundle(input) {
    let json = input;
    try {
        if (input instanceof Uint8Array)
            json = JSON.parse(new TextDecoder().decode(input));
        else if (typeof input === 'string')
            json = JSON.parse(input);
    }
    catch (err) {
        throw new SignatureVerificationError('BUNDLE_INVALID', 'the signature bundle is not JSON', { cause: err });
    }
    let bundle;
    try {
        bundle = (0,bundle_dist.bundleFromJSON)(json);
    }
    catch (err) {
        throw new SignatureVerificationError('BUNDLE_INVALID', `not a sigstore bundle: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
    if (!(0,bundle_dist.isBundleWithDsseEnvelope)(bundle)) {
        throw new SignatureVerificationError('BUNDLE_INVALID', 'the bundle holds a message signature, not a DSSE envelope over an in-toto statement');
    }
    return bundle;
}
/** Reads a sigstore trusted root (`trusted_root.json` contents) into trust material for @sigstore/verify. */
function trustMaterialFromRoot(trustedRoot, keys) {
    const mediaType = trustedRoot?.mediaType;
    if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
        throw new SignatureVerificationError('TRUST_ROOT_INVALID', `the trusted root is not a sigstore trusted root (mediaType ${JSON.stringify(mediaType)}, expected application/vnd.dev.sigstore.trustedroot+json;version=0.1)`);
    }
    try {
        const root = protobuf_specs_dist.TrustedRoot.fromJSON(trustedRoot);
        return (0,verify_dist/* toTrustMaterial */.jO)(root, keys
            ? (hint) => {
                const key = keys(hint);
                return { publicKey: key.publicKey, validFor: () => true };
            }
            : undefined);
    }
    catch (err) {
        throw new SignatureVerificationError('TRUST_ROOT_INVALID', `the trusted root cannot be read: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
}
function emptyTrustMaterial(keys) {
    return {
        certificateAuthorities: [],
        timestampAuthorities: [],
        tlogs: [],
        ctlogs: [],
        publicKey: (hint) => ({ publicKey: keys(hint).publicKey, validFor: () => true }),
    };
}
const SIGSTORE_CODES = {
    TLOG_ERROR: 'TLOG_INVALID',
    TLOG_INCLUSION_PROOF_ERROR: 'TLOG_INVALID',
    TLOG_INCLUSION_PROMISE_ERROR: 'TLOG_INVALID',
    TLOG_MISSING_INCLUSION_ERROR: 'TLOG_INVALID',
    TLOG_BODY_ERROR: 'TLOG_INVALID',
    CERTIFICATE_ERROR: 'CERTIFICATE_INVALID',
    PUBLIC_KEY_ERROR: 'SIGNER_UNTRUSTED',
    SIGNATURE_ERROR: 'SIGNATURE_INVALID',
    TIMESTAMP_ERROR: 'TIMESTAMP_INVALID',
    UNTRUSTED_SIGNER_ERROR: 'SIGNER_UNTRUSTED',
};
function runVerifier(verifier, entity) {
    try {
        return verifier.verify(entity);
    }
    catch (err) {
        if (err instanceof SignatureVerificationError)
            throw err;
        const code = SIGSTORE_CODES[err.code ?? ''] ?? 'SIGNATURE_INVALID';
        throw new SignatureVerificationError(code, `the bundle does not verify: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
}
function readStatement(bundle) {
    if (!(0,bundle_dist.isBundleWithDsseEnvelope)(bundle))
        throw new SignatureVerificationError('BUNDLE_INVALID', 'the bundle holds no DSSE envelope');
    const envelope = bundle.content.dsseEnvelope;
    if (envelope.payloadType !== statement_IN_TOTO_PAYLOAD_TYPE) {
        throw new SignatureVerificationError('BUNDLE_INVALID', `the envelope's payloadType is '${envelope.payloadType}', not ${statement_IN_TOTO_PAYLOAD_TYPE}`);
    }
    try {
        return statement_parseStatement(envelope.payload);
    }
    catch (err) {
        if (err instanceof errors_StatementFormatError)
            throw new SignatureVerificationError('BUNDLE_INVALID', err.message, { cause: err });
        throw err;
    }
}
function checkExpectations(statement, expect) {
    const digests = subjectDigests(statement);
    const first = digests[0];
    if (first === undefined)
        throw new SignatureVerificationError('BUNDLE_INVALID', 'the statement has no sha256 subject');
    if (expect.subjectDigest !== undefined && !digests.includes(expect.subjectDigest)) {
        throw new SignatureVerificationError('SUBJECT_MISMATCH', `the signature is for ${digests.join(', ')}, not for ${expect.subjectDigest}: it signs another manifest`);
    }
    if (expect.predicateType !== undefined && statement.predicateType !== expect.predicateType) {
        throw new SignatureVerificationError('PREDICATE_MISMATCH', `the statement's predicate type is ${statement.predicateType}, expected ${expect.predicateType}`);
    }
    return first;
}
function verifyWithKeys(bundle, policy) {
    if (bundle.verificationMaterial.content.$case !== 'publicKey') {
        throw new SignatureVerificationError('SIGNER_UNTRUSTED', 'the bundle is signed keyless (a certificate), but the policy trusts key pairs only');
    }
    if (policy.publicKeys.length === 0)
        throw new SignatureVerificationError('TRUST_ROOT_INVALID', 'no public key to verify against');
    const keys = policy.publicKeys.map((pem, i) => {
        try {
            return parsePublicKey(pem, `public key #${i + 1}`);
        }
        catch (err) {
            throw new SignatureVerificationError('TRUST_ROOT_INVALID', (0,errors/* errorMessage */.gJ)(err), { cause: err });
        }
    });
    const hint = bundle.verificationMaterial.content.publicKey.hint;
    const hintId = keyIdFromHint(hint);
    // The key the hint names first, then the others: the hint is not trusted, the signature is.
    const ordered = [...keys.filter((k) => k.keyId === hintId), ...keys.filter((k) => k.keyId !== hintId)];
    const entity = (0,verify_dist/* toSignedEntity */.DC)(bundle);
    const checkLogs = policy.trustedRoot !== undefined;
    const scoped = checkLogs ? entity : { ...entity, tlogEntries: [], timestamps: [] };
    let lastError;
    for (const key of ordered) {
        const material = checkLogs ? trustMaterialFromRoot(policy.trustedRoot, () => key) : emptyTrustMaterial(() => key);
        const verifier = new verify_dist/* Verifier */.BL(material, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
        try {
            runVerifier(verifier, scoped);
            return { signer: { kind: 'key', keyId: key.keyId }, tlog: scoped.tlogEntries.length, timestamps: countTsa(scoped) };
        }
        catch (err) {
            if (!(err instanceof SignatureVerificationError) || err.code !== 'SIGNATURE_INVALID')
                throw err;
            lastError = err;
        }
    }
    const named = hintId ? `key ${hintId}` : 'a key the bundle does not name';
    const trusted = keys.map((k) => k.keyId).join(', ');
    const known = keys.some((k) => k.keyId === hintId);
    throw new SignatureVerificationError(known ? 'SIGNATURE_INVALID' : 'SIGNER_UNTRUSTED', known
        ? `the signature does not match the signed payload for key ${hintId}: the bundle was altered`
        : `the bundle is signed by ${named}, which is none of the trusted keys (${trusted})`, { cause: lastError });
}
function countTsa(entity) {
    return entity.timestamps.filter((t) => t.$case === 'timestamp-authority').length;
}
function identityMatches(id, issuer, subject) {
    if (id.issuer !== issuer)
        return false;
    if (id.subject !== undefined && id.subject === subject)
        return true;
    if (id.subjectRegExp !== undefined)
        return new RegExp(`^(?:${id.subjectRegExp})$`).test(subject);
    return false;
}
function verifyKeyless(bundle, policy) {
    if (bundle.verificationMaterial.content.$case === 'publicKey') {
        throw new SignatureVerificationError('SIGNER_UNTRUSTED', 'the bundle is signed with a key pair, but the policy trusts keyless identities only');
    }
    if (policy.identities.length === 0)
        throw new SignatureVerificationError('TRUST_ROOT_INVALID', 'no trusted identity to verify against');
    for (const id of policy.identities) {
        if ((id.subject === undefined) === (id.subjectRegExp === undefined)) {
            throw new SignatureVerificationError('TRUST_ROOT_INVALID', `trusted identity of issuer ${id.issuer} needs exactly one of subject, subjectRegExp`);
        }
        if (id.subjectRegExp !== undefined) {
            try {
                new RegExp(id.subjectRegExp);
            }
            catch (err) {
                throw new SignatureVerificationError('TRUST_ROOT_INVALID', `subjectRegExp ${JSON.stringify(id.subjectRegExp)} is not a regular expression`, {
                    cause: err,
                });
            }
        }
    }
    const material = trustMaterialFromRoot(policy.trustedRoot);
    const verifier = new verify_dist/* Verifier */.BL(material, {
        tlogThreshold: policy.tlogThreshold ?? (material.tlogs.length > 0 ? 1 : 0),
        ctlogThreshold: policy.ctlogThreshold ?? (material.ctlogs.length > 0 ? 1 : 0),
        timestampThreshold: policy.timestampThreshold ?? 1,
    });
    const entity = (0,verify_dist/* toSignedEntity */.DC)(bundle);
    const signer = runVerifier(verifier, entity);
    const issuer = signer.identity?.extensions?.issuer ?? '';
    const subject = signer.identity?.subjectAlternativeName ?? '';
    if (!policy.identities.some((id) => identityMatches(id, issuer, subject))) {
        const wanted = policy.identities.map((id) => `${id.subject ?? `/${id.subjectRegExp}/`} (issuer ${id.issuer})`).join('; ');
        throw new SignatureVerificationError('SIGNER_UNTRUSTED', `the bundle is signed by ${subject || '(no subject)'} (issuer ${issuer || 'unknown'}), which is none of the trusted identities: ${wanted}`);
    }
    return {
        signer: { kind: 'keyless', issuer, subject, claims: claimsOf(signer) },
        tlog: entity.tlogEntries.length,
        timestamps: countTsa(entity),
    };
}
/**
 * Verifies a bundle (parsed, or its JSON) against the trust policy and the
 * expectations. Returns who signed and what the statement says; throws a
 * `SignatureVerificationError` whose code says why it failed.
 */
function verifyBundle(input, policy, expect = {}) {
    const bundle = isParsedBundle(input) ? input : verify_parseBundle(input);
    // Signature first: a tampered payload is a bad signature, whatever it now says.
    const result = policy.kind === 'key' ? verifyWithKeys(bundle, policy) : verifyKeyless(bundle, policy);
    const statement = readStatement(bundle);
    const subjectDigest = checkExpectations(statement, expect);
    return {
        signer: result.signer,
        statement,
        subjectDigest,
        predicateType: statement.predicateType,
        tlogEntries: result.tlog,
        timestamps: result.timestamps,
    };
}
function isParsedBundle(input) {
    const b = input;
    return typeof b === 'object' && b !== null && typeof b.verificationMaterial?.content?.$case === 'string';
}

;// CONCATENATED MODULE: ./build/shared/sign/referrer.js








/**
 * A sigstore bundle stored as an OCI referrer of the manifest it signs,
 * the way cosign 3 writes it (`WriteAttestationNewBundleFormat` in
 * cosign's `pkg/oci/remote`): an image manifest with
 * `artifactType` = the bundle media type, the empty config `{}`, one layer
 * holding the bundle JSON, `subject` = the signed manifest, and the
 * annotations below. Pure: bytes in, bytes out.
 */
/** Annotation saying what the bundle holds; cosign writes `dsse-envelope` for DSSE bundles. */
const BUNDLE_CONTENT_ANNOTATION = 'dev.sigstore.bundle.content';
/** Annotation repeating the in-toto predicate type, so referrers can be filtered without fetching the bundle. */
const BUNDLE_PREDICATE_TYPE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
/** The value of `BUNDLE_CONTENT_ANNOTATION` for a DSSE envelope. */
const DSSE_ENVELOPE_CONTENT = 'dsse-envelope';
/** Older spelling of the v0.3 bundle media type, accepted when reading. */
const LEGACY_BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.3';
/** `2026-11-25T03:04:05Z`: RFC 3339 in UTC to the second, as Go's `time.RFC3339` formats it. */
function rfc3339Seconds(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function predicateTypeOfBundle(bundleBytes) {
    const bundle = parseBundle(bundleBytes);
    if (bundle.content.$case !== 'dsseEnvelope')
        throw new ReferrerFormatError('the bundle holds no DSSE envelope');
    return parseStatement(bundle.content.dsseEnvelope.payload).predicateType;
}
/**
 * The referrer manifest that attaches `bundleBytes` (the bundle's JSON) to
 * `subject` (the signed manifest's descriptor). `created` defaults to now.
 */
function bundleReferrer(bundleBytes, subject, opts = {}) {
    const predicateType = predicateTypeOfBundle(bundleBytes);
    const config = {
        descriptor: { mediaType: MediaType.OciEmpty, digest: EMPTY_JSON_DIGEST, size: EMPTY_JSON.length },
        bytes: EMPTY_JSON,
    };
    const layer = {
        descriptor: { mediaType: BUNDLE_MEDIA_TYPE, digest: sha256(bundleBytes), size: bundleBytes.length },
        bytes: bundleBytes,
    };
    const annotations = {
        [Annotation.Created]: rfc3339Seconds(opts.created ?? new Date()),
        [BUNDLE_CONTENT_ANNOTATION]: DSSE_ENVELOPE_CONTENT,
        [BUNDLE_PREDICATE_TYPE_ANNOTATION]: predicateType,
    };
    const manifest = {
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        artifactType: BUNDLE_MEDIA_TYPE,
        // cosign also marks the config descriptor with the artifact type
        config: { ...config.descriptor, artifactType: BUNDLE_MEDIA_TYPE },
        layers: [layer.descriptor],
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
        annotations,
    };
    const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
    return {
        manifest,
        manifestBytes,
        descriptor: {
            mediaType: MediaType.OciManifest,
            digest: sha256(manifestBytes),
            size: manifestBytes.length,
            artifactType: BUNDLE_MEDIA_TYPE,
            annotations,
        },
        config,
        layer,
    };
}
/** Whether a referrers-index entry is a sigstore bundle (optionally of one predicate type, when the entry carries the annotation). */
function isBundleReferrer(desc, predicateType) {
    if (desc.artifactType !== signer_BUNDLE_MEDIA_TYPE && desc.artifactType !== LEGACY_BUNDLE_MEDIA_TYPE)
        return false;
    if (predicateType === undefined)
        return true;
    const annotated = desc.annotations?.[BUNDLE_PREDICATE_TYPE_ANNOTATION];
    // cosign's tag-schema fallback drops annotations: an entry without one may still match
    return annotated === undefined || annotated === predicateType;
}
function parseManifest(bytes) {
    let value;
    try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch (err) {
        throw new errors_ReferrerFormatError(`the referrer manifest is not JSON: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
    const m = value;
    if (typeof m !== 'object' || m === null || m.schemaVersion !== 2 || !Array.isArray(m.layers) || typeof m.config !== 'object') {
        throw new errors_ReferrerFormatError('the referrer is not an OCI image manifest (schemaVersion 2 with config and layers)');
    }
    return m;
}
/**
 * The bundle held by a fetched referrer manifest: `layerBytes` are the
 * bytes of its one layer. Checks the manifest's shape, the layer's digest
 * and size, and the bundle itself (with @sigstore/bundle); the signature
 * is not verified here (that is `verifyBundle`).
 */
function bundleFromReferrer(manifestBytes, layerBytes) {
    const manifest = parseManifest(manifestBytes);
    const artifactType = manifest.artifactType ?? manifest.config.mediaType;
    if (artifactType !== signer_BUNDLE_MEDIA_TYPE && artifactType !== LEGACY_BUNDLE_MEDIA_TYPE) {
        throw new errors_ReferrerFormatError(`the referrer's artifactType is ${JSON.stringify(artifactType)}, not ${signer_BUNDLE_MEDIA_TYPE}`);
    }
    if (!manifest.subject)
        throw new errors_ReferrerFormatError('the referrer manifest has no subject');
    const layer = manifest.layers.length === 1 ? manifest.layers[0] : undefined;
    if (!layer)
        throw new errors_ReferrerFormatError(`the referrer manifest has ${manifest.layers.length} layers; a bundle referrer has exactly one`);
    if (layer.mediaType !== signer_BUNDLE_MEDIA_TYPE && layer.mediaType !== LEGACY_BUNDLE_MEDIA_TYPE) {
        throw new errors_ReferrerFormatError(`the referrer's layer is ${layer.mediaType}, not ${signer_BUNDLE_MEDIA_TYPE}`);
    }
    const actual = (0,oci_digest/* sha256 */.sc)(layerBytes);
    if (actual !== layer.digest || layerBytes.length !== layer.size) {
        throw new errors_ReferrerFormatError(`the bundle layer's bytes (${actual}, ${layerBytes.length} bytes) do not match its descriptor (${layer.digest}, ${layer.size} bytes)`);
    }
    let bundle;
    let predicateType;
    try {
        bundle = verify_parseBundle(layerBytes);
        if (bundle.content.$case !== 'dsseEnvelope')
            throw new errors_ReferrerFormatError('the bundle holds no DSSE envelope');
        predicateType = statement_parseStatement(bundle.content.dsseEnvelope.payload).predicateType;
    }
    catch (err) {
        if (err instanceof errors_ReferrerFormatError)
            throw err;
        throw new errors_ReferrerFormatError(`the referrer's layer is not a usable bundle: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
    const annotated = manifest.annotations?.[BUNDLE_PREDICATE_TYPE_ANNOTATION];
    if (annotated !== undefined && annotated !== predicateType) {
        throw new errors_ReferrerFormatError(`the referrer is annotated with predicate type ${annotated}, but its bundle signs ${predicateType}`);
    }
    const created = manifest.annotations?.[types/* Annotation */.Y.Created];
    return {
        bundle,
        bytes: layerBytes,
        predicateType,
        subject: manifest.subject,
        ...(created !== undefined ? { created } : {}),
    };
}

;// CONCATENATED MODULE: ./build/shared/verify/signatures.js









/** OIDC issuer of a Fulcio certificate: extension 1.3.6.1.4.1.57264.1.8 (a DER UTF8String), else the older 1.1 (raw). */
function fulcioIssuer(cert) {
    const v2 = cert.extension('1.3.6.1.4.1.57264.1.8')?.value;
    if (v2 && v2.length >= 2 && v2[0] === 0x0c) {
        let len = v2[1] ?? 0;
        let offset = 2;
        if (len & 0x80) {
            const n = len & 0x7f;
            len = 0;
            for (let i = 0; i < n; i++)
                len = len * 256 + (v2[2 + i] ?? 0);
            offset = 2 + n;
        }
        return v2.subarray(offset, offset + len).toString('utf8');
    }
    const v1 = cert.extension('1.3.6.1.4.1.57264.1.1')?.value;
    return v1 ? v1.toString('utf8') : undefined;
}
/** The leaf certificate of a keyless bundle, or undefined for a key-pair bundle. */
function leafCertificate(bundle) {
    const content = bundle.verificationMaterial.content;
    if (content.$case === 'certificate')
        return dist.X509Certificate.parse(Buffer.from(content.certificate.rawBytes));
    if (content.$case === 'x509CertificateChain') {
        const first = content.x509CertificateChain.certificates[0];
        return first ? dist.X509Certificate.parse(Buffer.from(first.rawBytes)) : undefined;
    }
    return undefined;
}
/** Verifies one bundle for `subject` with the trust material; throws a FlotillaError saying why it does not verify. */
async function verifyAttachedBundle(bundle, subject, trust) {
    const content = bundle.verificationMaterial.content;
    if (content.$case === 'publicKey') {
        const skipped = trust.unsupportedKeys.length ? ` (not used: ${trust.unsupportedKeys.join('; ')})` : '';
        if (trust.publicKeys.length === 0) {
            const id = keyIdFromHint(content.publicKey.hint);
            throw new errors/* FlotillaError */.wD('SIGNER_UNTRUSTED', `signed with key ${id ? `sha256:${id.slice(0, 12)}` : '(no key hint)'}, but the policy declares no ECDSA P-256 key authority to verify it with${skipped}`);
        }
        try {
            return verifyBundle(bundle, { kind: 'key', publicKeys: [...trust.publicKeys] }, { subjectDigest: subject });
        }
        catch (err) {
            if (skipped && err instanceof errors/* FlotillaError */.wD)
                throw new errors/* FlotillaError */.wD(err.code, `${err.message}${skipped}`, { cause: err });
            throw err;
        }
    }
    const cert = leafCertificate(bundle);
    const issuer = cert ? fulcioIssuer(cert) : undefined;
    if (!cert || issuer === undefined) {
        throw new errors/* FlotillaError */.wD('CERTIFICATE_INVALID', 'the keyless bundle has no Fulcio certificate with an OIDC issuer');
    }
    let trustedRoot;
    try {
        trustedRoot = await trust.trustedRoot();
    }
    catch (err) {
        const signer = cert.subjectAltName ?? '(no subject)';
        throw new errors/* FlotillaError */.wD('TRUST_ROOT_INVALID', `signed keyless by ${signer}, not verified: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
    // any identity: the certificate is checked here, the identity by the policy engine
    const policy = { kind: 'keyless', trustedRoot, identities: [{ issuer, subjectRegExp: '[\\s\\S]*' }] };
    return verifyBundle(bundle, policy, { subjectDigest: subject });
}
/**
 * Lists the bundle referrers of `subject` in `store`, fetches each manifest
 * and bundle, and verifies it. Never throws for a bad bundle: it becomes a
 * note. A failure to list the referrers throws (the store's error).
 */
async function attachedEvidence(store, subject, trust) {
    const out = { signatures: [], compositions: [], notes: [] };
    const referrers = (await store.referrers(subject, signer_BUNDLE_MEDIA_TYPE)).filter((d) => isBundleReferrer(d));
    for (const referrer of referrers) {
        const short = referrer.digest.slice(0, 'sha256:'.length + 12);
        try {
            const manifest = await store.fetchManifest(referrer);
            const layer = JSON.parse(new TextDecoder().decode(manifest.bytes)).layers?.[0];
            if (!layer)
                throw new errors/* FlotillaError */.wD('REFERRER_INVALID', 'the referrer manifest has no layer');
            const read = bundleFromReferrer(manifest.bytes, await store.fetch(layer));
            if (read.subject.digest !== subject.digest) {
                throw new errors/* FlotillaError */.wD('SUBJECT_MISMATCH', `the referrer names subject ${read.subject.digest}, not ${subject.digest}`);
            }
            const verified = await verifyAttachedBundle(read.bundle, subject.digest, trust);
            const { signer } = verified;
            const signature = signatureFromVerifiedBundle({
                subjectDigest: verified.subjectDigest,
                signer: signer.kind === 'key' ? signer : { ...signer, claims: { ...signer.claims } },
            });
            if (verified.predicateType === COSIGN_SIGN_PREDICATE_TYPE) {
                out.signatures.push(signature);
            }
            else if (verified.predicateType === COMPOSITION_PREDICATE_TYPE) {
                // a key bundle verified against the policy's keys is by one of its authorities; a keyless one by any identity
                if (signature.kind === 'keyless' && !trust.keylessIdentities.some((a) => signatureMatches(a, signature))) {
                    out.notes.push(`composition attestation ${short} is signed keyless by ${signature.subject} (issuer ${signature.issuer}), which no keyless authority of the policy accepts, so its parts are not checked`);
                    continue;
                }
                out.compositions.push({ predicate: parseCompositionPredicate(verified.statement.predicate), signature, referrer: referrer.digest });
            }
            else {
                out.notes.push(`attestation ${short} (${verified.predicateType}) is not a signature; not counted`);
            }
        }
        catch (err) {
            const code = err instanceof errors/* FlotillaError */.wD ? ` [${err.code}]` : '';
            const composition = referrer.annotations?.[BUNDLE_PREDICATE_TYPE_ANNOTATION] === COMPOSITION_PREDICATE_TYPE;
            out.notes.push(composition
                ? `composition attestation ${short} not accepted${code}, so its parts are not checked: ${(0,errors/* errorMessage */.gJ)(err)}`
                : `bundle ${short} not accepted${code}: ${(0,errors/* errorMessage */.gJ)(err)}`);
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./build/shared/verify/gather.js
/**
 * Evidence gathering: the network side of verify. For each component of a
 * ref, a lock or a spec it fetches the manifest (by the digest the lock or
 * attestation pins, else the ref's tag or digest), pulls the Wasm layer and
 * reads the imports from the binary, and verifies the bundles attached to
 * the manifest. A composed component's parts come from its verified
 * composition attestation and are gathered the same way, recursively.
 * The result is the policy engine's input (ComponentEvidence) plus what the
 * report needs beside it (declaration lines, notes on rejected bundles).
 */
















const MAX_DEPTH = 8;
async function inPool(items, limit, fn) {
    const out = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
}
function parseRef(text, what) {
    try {
        return (0,reference/* parseReference */.F2)(text);
    }
    catch (err) {
        throw new errors/* UsageError */.eb(`${what}: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
}
function fetchFailure(target, err) {
    // a bad registry configuration or reference keeps its own type (and its file and line)
    if (err instanceof yaml_source/* ConfigError */.xL || err instanceof errors/* UsageError */.eb)
        return err;
    const code = err instanceof errors/* FlotillaError */.wD ? err.code : 'VERIFY_FETCH';
    return new VerifyInputError(code, `component \`${target.name}\` (${target.text}): ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
}
/**
 * Pulls a Wasm artifact through the on-disk cache (as `flotilla pull` does): the manifest
 * from the registry (checked to be a Wasm artifact before any blob moves), its config and
 * layer from the cache when it holds them by digest, else copied into it first.
 */
async function pullThroughCache(store, cache, reference) {
    const fetched = await store.fetchManifest(reference);
    const where = `${store.location}${(0,oci_digest/* isDigest */.Bc)(reference) ? '@' : ':'}${reference}`;
    const manifest = (0,oci_manifest/* parseManifest */.Ng)(fetched.bytes, where);
    if ((0,types/* isIndex */.n)(manifest))
        await (0,wasm_artifact/* inspectWasmArtifact */.HV)(store, fetched.descriptor); // throws, saying what the index holds
    else
        (0,wasm_artifact/* checkWasmManifest */.Sp)(manifest, where);
    const copied = await new copy/* Copier */.TQ(store, cache).copyFetched(fetched, null);
    return (0,wasm_artifact/* pullWasmArtifact */.Ce)(cache, copied.descriptor);
}
/** Gathers one component from a registry or an OCI layout, and its parts. */
async function gatherStored(ctx, t, chain) {
    if (chain.length > MAX_DEPTH) {
        throw new VerifyInputError('VERIFY_TOO_DEEP', `component \`${t.name}\` (${t.text}): compositions nested deeper than ${MAX_DEPTH} levels`);
    }
    let store;
    let pulled;
    let imports;
    let attached;
    try {
        store = await ctx.open(t.ref, t.baseDir);
        const reference = t.pinned ?? t.ref.digest ?? t.ref.tag ?? 'latest';
        const from = store;
        pulled = await withTagHint(from, reference, () => t.ref.kind === 'registry' && ctx.cache ? pullThroughCache(from, ctx.cache, reference) : (0,wasm_artifact/* pullWasmArtifact */.Ce)(from, reference));
        imports = (0,describe/* describeWasm */.U)(pulled.wasm).imports;
        attached = await attachedEvidence(store, pulled.descriptor, ctx.trust);
    }
    catch (err) {
        throw fetchFailure(t, err);
    }
    const digest = pulled.descriptor.digest;
    if (t.pinned !== undefined && digest !== t.pinned) {
        throw new VerifyInputError('VERIFY_DIGEST_MISMATCH', `component \`${t.name}\` (${t.text}): fetched ${digest}, but ${t.pinned} is pinned`);
    }
    if (chain.includes(digest)) {
        throw new VerifyInputError('VERIFY_CYCLE', `component \`${t.name}\` (${t.text}): its composition attestation lists itself (${digest})`);
    }
    const notes = [...attached.notes];
    const parts = [];
    const seen = new Set();
    for (const composition of attached.compositions) {
        for (const part of composition.predicate.components) {
            const key = `${part.name}@${part.digest}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            try {
                parts.push(await gatherPart(ctx, part, composition.signature, t.baseDir, [...chain, digest]));
            }
            catch (err) {
                if (!(err instanceof VerifyInputError))
                    throw err;
                throw new VerifyInputError(err.code, `${err.message} (a part of \`${t.name}\` ${t.text}, as its composition attestation lists it)`, {
                    cause: err,
                });
            }
        }
    }
    const registry = t.ref.kind === 'registry' ? t.ref : undefined;
    const evidence = {
        name: t.name,
        ref: t.text,
        ...(registry ? { registry: registry.registry, repository: registry.repository } : {}),
        digest,
        pinnedByDigest: t.pinnedByDigest,
        imports,
        signatures: attached.signatures,
        ...(parts.length > 0 ? { parts: parts.map((p) => p.evidence) } : {}),
    };
    return { evidence, ...(t.origin ? { origin: t.origin } : {}), notes, parts };
}
/** A part listed by a verified composition attestation: fetched by its locked digest. */
async function gatherPart(ctx, part, attestedBy, baseDir, chain) {
    let ref;
    try {
        ref = (0,reference/* parseReference */.F2)(part.ref);
    }
    catch {
        ref = undefined;
    }
    // a part composed from a local file has no registry to fetch it from
    if (ref === undefined || /\.wasm$/i.test(part.ref)) {
        const by = attestedBy.kind === 'keyless' ? attestedBy.subject : 'the attestation signer';
        return {
            evidence: { name: part.name, ref: part.ref, digest: part.digest, pinnedByDigest: true, imports: [], signatures: [] },
            notes: [
                `composed from a local file (${part.ref}, as attested by ${by}): no registry to fetch it from; its imports are checked in the composed component`,
            ],
            parts: [],
        };
    }
    return gatherStored(ctx, { name: part.name, ref, text: part.ref, pinned: part.digest, pinnedByDigest: true, baseDir }, chain);
}
/** A local `.wasm` file (spec `path:` or lock `path`): its digest and imports; no registry, so no signatures. */
async function gatherFile(name, file, shown, origin, expected) {
    let bytes;
    try {
        bytes = new Uint8Array(await (0,promises_.readFile)(file));
    }
    catch (err) {
        throw new VerifyInputError('VERIFY_FILE_UNREADABLE', `component \`${name}\`: cannot read ${file}: ${(0,errors/* errorMessage */.gJ)(err)}`, {
            cause: err,
        });
    }
    const digest = (0,oci_digest/* sha256 */.sc)(bytes);
    if (expected !== undefined && digest !== expected) {
        throw new VerifyInputError('VERIFY_DIGEST_MISMATCH', `component \`${name}\`: ${file} is ${digest}, but the lock pins ${expected}; compose again or restore the file`);
    }
    let imports;
    try {
        checkWasmBinary(bytes, file);
        imports = (0,describe/* describeWasm */.U)(bytes).imports;
    }
    catch (err) {
        // NotWasmFileError names the file itself
        const what = err instanceof NotWasmFileError ? (0,errors/* errorMessage */.gJ)(err) : `${file}: ${(0,errors/* errorMessage */.gJ)(err)}`;
        throw new VerifyInputError('VERIFY_FILE_INVALID', `component \`${name}\`: ${what}`, { cause: err });
    }
    return {
        evidence: { name, ref: shown, digest, pinnedByDigest: expected !== undefined, imports, signatures: [] },
        ...(origin ? { origin } : {}),
        notes: ['a local file: no registry, so no attached signatures'],
        parts: [],
    };
}
/** A bare ref from the command line: its name is the repository path (or the layout folder). */
async function gatherRef(ctx, text, cwd) {
    const ref = parseRef(text, 'the ref to verify');
    const name = ref.kind === 'registry' ? ref.repository : `oci:${ref.path}`;
    return [await gatherStored(ctx, { name, ref, text, pinnedByDigest: ref.digest !== undefined, baseDir: cwd }, [])];
}
/** Every component of a lock, fetched by its locked digest; relative `oci:` folders and paths are against the lock's folder. */
async function gatherLock(ctx, lock, file) {
    const src = (0,yaml_source/* parseYaml */.hN)(file, (0,external_node_fs_.readFileSync)(file, 'utf8'));
    const baseDir = (0,external_node_path_.dirname)(file);
    return inPool(lock.components, ctx.concurrency ?? 4, (c) => {
        const i = lock.components.indexOf(c);
        const origin = src.positionOf(['components', i, c.source === 'ref' ? 'ref' : 'path']);
        if (c.source === 'path') {
            const path = c.path ?? '';
            return gatherFile(c.name, (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(baseDir, path), path, origin, c.digest);
        }
        const text = c.ref ?? '';
        const ref = parseRef(text, `${file}: components[${i}].ref`);
        return gatherStored(ctx, { name: c.name, ref, text, pinned: c.digest, pinnedByDigest: true, origin, baseDir }, []);
    });
}
/** Every component of a plan (a spec resolved for an environment), at its planned ref or path. */
async function gatherPlan(ctx, plan) {
    return inPool(plan.components, ctx.concurrency ?? 4, (c) => {
        const origin = { file: c.origin.file, line: c.origin.line, column: c.origin.column };
        if (c.source.kind === 'path')
            return gatherFile(c.name, c.source.path, c.source.relative, origin);
        const ref = c.source.ref;
        return gatherStored(ctx, { name: c.name, ref, text: c.source.text, pinnedByDigest: ref.digest !== undefined, origin, baseDir: plan.specDir }, []);
    });
}
/** One registry or layout component at a known digest, and its parts (compose checks what it pulled). */
function gatherPinned(ctx, c) {
    return gatherStored(ctx, {
        name: c.name,
        ref: c.ref,
        text: c.text,
        pinned: c.digest,
        pinnedByDigest: c.pinnedByDigest,
        ...(c.origin ? { origin: c.origin } : {}),
        baseDir: c.baseDir,
    }, []);
}
/** A local file at a known digest (a file that changed since the caller read it is an error). */
function gatherLocalFile(c) {
    return gatherFile(c.name, c.file, c.shown, c.origin, c.digest).then((g) => g.evidence.pinnedByDigest === c.pinnedByDigest ? g : { ...g, evidence: { ...g.evidence, pinnedByDigest: c.pinnedByDigest } });
}

// EXTERNAL MODULE: ./build/shared/verify/report.js
var report = __webpack_require__(21072);
;// CONCATENATED MODULE: ./build/shared/verify/trust.js
/**
 * The trust material verification uses, taken from the policy and the
 * command line: the public keys of the policy's `key` authorities, and for
 * keyless signatures a sigstore trusted root (a `--trusted-root` file, else
 * the Sigstore public-good root fetched through TUF, loaded only when a
 * keyless bundle is met).
 */





/** Reads a `trusted_root.json`; an unreadable file or bad JSON is a VerifyInputError naming the file. */
function readTrustedRootFile(file) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (err) {
        throw new VerifyInputError('TRUSTED_ROOT_UNREADABLE', `cannot read the trusted root ${file}: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (err) {
        throw new VerifyInputError('TRUSTED_ROOT_INVALID', `the trusted root ${file} is not JSON: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
    const mediaType = json?.mediaType;
    if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
        throw new VerifyInputError('TRUSTED_ROOT_INVALID', `${file} is not a sigstore trusted root (mediaType ${JSON.stringify(mediaType)}; expected application/vnd.dev.sigstore.trustedroot+json;version=0.1, as in trusted_root.json)`);
    }
    return json;
}
/** The Sigstore public-good trusted root, through TUF (network: tuf-repo-cdn.sigstore.dev). */
async function publicGoodTrustedRoot() {
    const [{ getTrustedRoot }, { TrustedRoot }] = await Promise.all([__webpack_require__.e(/* import() */ 694).then(__webpack_require__.t.bind(__webpack_require__, 84423, 19)), Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 19654, 19))]);
    try {
        return TrustedRoot.toJSON(await getTrustedRoot());
    }
    catch (err) {
        throw new VerifyInputError('TRUSTED_ROOT_UNAVAILABLE', `cannot fetch the Sigstore public-good trusted root through TUF (https://tuf-repo-cdn.sigstore.dev): ${(0,errors/* errorMessage */.gJ)(err)}; pass --trusted-root <trusted_root.json>`, { cause: err });
    }
}
function trustFromPolicy(policy, opts = {}) {
    const publicKeys = new Map();
    const unsupportedKeys = [];
    const keyless = [];
    for (const a of policy.authorities.values()) {
        if (a.kind === 'key') {
            for (const k of a.keys) {
                // as SPKI PEM (the policy also accepts a certificate's key); signatures are ECDSA P-256 only
                const spki = (0,external_node_crypto_.createPublicKey)(k.pem).export({ type: 'spki', format: 'pem' }).toString();
                try {
                    parsePublicKey(spki, `key ${k.source} of authority ${a.name}`);
                    publicKeys.set(k.spkiSha256, spki);
                }
                catch (err) {
                    unsupportedKeys.push((0,errors/* errorMessage */.gJ)(err));
                }
            }
        }
        if (a.kind === 'keyless')
            keyless.push(a);
    }
    let root;
    const file = opts.trustedRootFile;
    // read now: a bad --trusted-root is an input error even when no keyless bundle turns up
    const fromFile = file !== undefined ? readTrustedRootFile(file) : undefined;
    return {
        publicKeys: [...publicKeys.values()],
        unsupportedKeys,
        keylessAuthorities: keyless.map((a) => a.name),
        keylessIdentities: keyless,
        trustedRootSource: file ?? 'the Sigstore public-good trusted root',
        trustedRoot() {
            root ??= fromFile !== undefined ? Promise.resolve(fromFile) : (opts.publicGoodRoot ?? publicGoodTrustedRoot)();
            return root;
        },
    };
}

;// CONCATENATED MODULE: ./build/shared/verify/verify.js
/**
 * `flotilla verify` and the verify action: load the policy (errors at their
 * line), check the environment, gather the evidence of a ref, a lock or a
 * spec (the network part), apply the pure engine, and join the two into the
 * report.
 */














function targetLabel(target) {
    return target.kind === 'ref' ? `ref ${target.ref}` : `${target.kind} ${target.file}`;
}
/** Verifies the target against the policy. Throws ConfigError / UsageError / VerifyInputError when no verdict can be given. */
async function verify(opts) {
    const cwd = opts.cwd;
    const storeOptions = (baseDir) => ({
        cwd: baseDir,
        env: opts.env,
        ...(opts.registries !== undefined ? { registries: (0,external_node_path_.resolve)(cwd, opts.registries) } : {}),
    });
    // a spec is read first: it may name the policy
    let plan;
    if (opts.target.kind === 'spec') {
        const spec = (0,release_spec/* loadSpec */.II)((0,external_node_path_.resolve)(cwd, opts.target.file));
        const env = opts.environment !== undefined && spec.environments.length > 0 ? opts.environment : undefined;
        plan = resolvePlan(spec, env, { vars: opts.env });
    }
    const policyFile = opts.policyFile !== undefined ? (0,external_node_path_.resolve)(cwd, opts.policyFile) : plan?.policy.file;
    if (policyFile === undefined && opts.policy === undefined) {
        throw new errors/* UsageError */.eb(opts.target.kind === 'spec'
            ? `the spec names no policy file: pass --policy <file> (or set policy: in ${opts.target.file})`
            : 'a policy is required: pass --policy <file>');
    }
    const policy = opts.policy ?? loadPolicy(policyFile);
    // a lock says which environment it was made for: its rules apply, unless --env names another (a pre-promotion check)
    let lock;
    let environment = opts.environment;
    if (opts.target.kind === 'lock') {
        const file = (0,external_node_path_.resolve)(cwd, opts.target.file);
        lock = { file, lock: readLock(file, opts.environment !== undefined ? { environment: opts.environment } : {}) };
        environment ??= lock.lock.environment;
    }
    try {
        resolveEnvironment(policy, environment); // an unknown environment fails before any fetch
    }
    catch (err) {
        if (lock && opts.environment === undefined && err instanceof errors/* FlotillaError */.wD) {
            throw new errors/* UsageError */.eb(`${lock.file} is ${lockLabel(lock.lock.environment)}, and ${(0,errors/* errorMessage */.gJ)(err)}; pass --env <name> to apply another environment's rules`, { cause: err });
        }
        throw err;
    }
    const trust = trustFromPolicy(policy, {
        ...(opts.trustedRootFile !== undefined ? { trustedRootFile: (0,external_node_path_.resolve)(cwd, opts.trustedRootFile) } : {}),
        ...(opts.publicGoodRoot ? { publicGoodRoot: opts.publicGoodRoot } : {}),
    });
    // a spec's registry list says how to reach its registries, unless --registries says otherwise
    const specConfig = plan && opts.registries === undefined ? (0,release_registries/* registryConfigOf */.nL)(plan.registries) : undefined;
    let specClients;
    const open = async (ref, baseDir) => {
        if (ref.kind === 'registry' && specConfig && specConfig.entries.length > 0) {
            specClients ??= Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 85009)).then((m) => new m.RegistryClients(specConfig, { env: opts.env }));
            return (await specClients).repository(ref);
        }
        return (0,oci_open/* openStore */.Ch)(ref, storeOptions(baseDir));
    };
    const cache = opts.cache === false ? undefined : new store/* LayoutStore */.K((0,oci_open/* cacheDir */.e8)(opts.env));
    const ctx = { trust, open, ...(cache ? { cache } : {}) };
    let gathered;
    const target = opts.target;
    if (target.kind === 'ref')
        gathered = await gatherRef(ctx, target.ref, cwd);
    else if (target.kind === 'lock' && lock) {
        const l = lock;
        gathered = await gatherLock(ctx, l.lock, l.file).catch((err) => {
            // every error about a lock says whose lock it is
            if (err instanceof VerifyInputError) {
                throw new VerifyInputError(err.code, `${err.message} (${l.file}, ${lockLabel(l.lock.environment)})`, { cause: err });
            }
            throw err;
        });
    }
    else
        gathered = await gatherPlan(ctx, plan);
    const policyReport = evaluatePolicy(policy, {
        ...(environment !== undefined ? { environment } : {}),
        components: gathered.map((g) => g.evidence),
    });
    return { report: (0,report/* joinReport */.xf)(policyReport, gathered, targetLabel(target)), policy };
}


/***/ })

};

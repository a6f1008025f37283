export const id = 325;
export const ids = [325];
export const modules = {

/***/ 71325:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ComposeRefusedError: () => (/* binding */ ComposeRefusedError),
  checkComponents: () => (/* binding */ checkComponents),
  policyReportText: () => (/* binding */ policyReportText),
  preparePolicy: () => (/* binding */ preparePolicy)
});

// EXTERNAL MODULE: ./build/shared/config/origin.js
var origin = __webpack_require__(96721);
// EXTERNAL MODULE: ./build/shared/errors.js
var errors = __webpack_require__(52005);
// EXTERNAL MODULE: ./build/shared/transport/loopback.js
var loopback = __webpack_require__(31441);
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
/** The `local` registry keyword: loopback hosts on any port (the one definition, shared with the transport). */

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
        return registry === undefined || (0,loopback/* isLoopbackHost */.c)(registry);
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
        repository: c.repository,
        registry: c.registry,
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
/** What a reason says of signatures that are attached but do not verify. */
function unverifiedReasons(c) {
    return (c.unverifiedSignatures ?? []).map((u) => `a signature is attached but does not verify: ${u}`);
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
        const all = [...unverifiedReasons(c), ...notes];
        return {
            requirement,
            status: 'fail',
            reason: `${prefix}: no ${c.unverifiedSignatures?.length ? 'verified ' : ''}signature${all.length ? ` (${all.join('; ')})` : ''}`,
        };
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
    if (c.signatures.length === 0 && !c.unverifiedSignatures?.length)
        why.push('the component has no signature');
    why.push(...unverifiedReasons(c));
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
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
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

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./build/shared/artifact/wasm-artifact.js
var wasm_artifact = __webpack_require__(97562);
// EXTERNAL MODULE: ./build/shared/component/describe.js
var describe = __webpack_require__(89043);
// EXTERNAL MODULE: ./build/shared/component/wasm-file.js
var wasm_file = __webpack_require__(31741);
// EXTERNAL MODULE: ./build/shared/oci/copy.js + 1 modules
var copy = __webpack_require__(20622);
// EXTERNAL MODULE: ./build/shared/oci/digest.js
var oci_digest = __webpack_require__(98144);
// EXTERNAL MODULE: ./build/shared/oci/manifest.js
var oci_manifest = __webpack_require__(90769);
// EXTERNAL MODULE: ./build/shared/oci/reference.js
var reference = __webpack_require__(48647);
// EXTERNAL MODULE: ./build/shared/oci/tag-not-found.js
var tag_not_found = __webpack_require__(71795);
// EXTERNAL MODULE: ./build/shared/oci/types.js
var types = __webpack_require__(69015);
;// CONCATENATED MODULE: ./build/shared/verify/errors.js

/**
 * Evidence could not be gathered: a component or part cannot be fetched or
 * read, a lock names a file whose bytes changed, a trusted root cannot be
 * loaded. No verdict is given; the message names the component, the ref and
 * what to do.
 */
class VerifyInputError extends errors/* FlotillaError */.wD {
}

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
class errors_SignatureVerificationError extends errors/* FlotillaError */.wD {
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

// EXTERNAL MODULE: ./build/shared/oci/media-types.js
var media_types = __webpack_require__(59986);
// EXTERNAL MODULE: ./build/shared/oci/verify.js
var verify = __webpack_require__(62873);
// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var bundle_dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/sign/dist/index.js
var sign_dist = __webpack_require__(15179);
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
function statement_signStatement(subject) {
    return { _type: IN_TOTO_STATEMENT_V1, subject: [subjectOf(subject)], predicateType: COSIGN_SIGN_PREDICATE_TYPE, predicate: {} };
}
/** The composition provenance statement of a composed component. Components are sorted by name; names must be unique. */
function statement_compositionStatement(subject, input) {
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
function keylessSigner(opts) {
    const endpoints = opts.endpoints ?? SIGSTORE_PUBLIC_GOOD;
    const timeout = opts.timeout ?? 10_000;
    const retry = opts.retry ?? 2;
    const provider = opts.identityToken;
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
;// CONCATENATED MODULE: ./build/shared/sign/der.js
/**
 * The one DER string reader of the code base: Fulcio writes its certificate
 * extensions (OIDs 1.3.6.1.4.1.57264.1.8 and up) as DER UTF8Strings. Strict:
 * the tag, a definite length in short or long form (at most 4 length bytes),
 * exactly the bytes the length says (no more, no fewer), and valid UTF-8.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Content of a DER UTF8String (tag 0x0c), or undefined when `value` is not exactly one well-formed UTF8String. */
function derUtf8String(value) {
    if (value.length < 2 || value[0] !== 0x0c)
        return undefined;
    let len = value[1];
    let offset = 2;
    if (len & 0x80) {
        const n = len & 0x7f;
        // 0: the indefinite form (not DER); more than 4 length bytes cannot describe a certificate extension
        if (n === 0 || n > 4 || value.length < 2 + n)
            return undefined;
        len = 0;
        for (let i = 0; i < n; i++)
            len = len * 256 + value[2 + i];
        offset = 2 + n;
    }
    if (offset + len !== value.length)
        return undefined;
    try {
        return utf8.decode(value.subarray(offset));
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./build/shared/sign/verify.js








/**
 * A TrustedIdentity from an exact issuer and exactly one of an exact subject
 * or a subject pattern (anchored). A bad one is refused here, when the trust
 * is made (TRUST_ROOT_INVALID), not when a bundle is met.
 */
function trustedIdentity(id) {
    if ((id.subject === undefined) === (id.subjectRegExp === undefined)) {
        throw new SignatureVerificationError('TRUST_ROOT_INVALID', `trusted identity of issuer ${id.issuer} needs exactly one of subject, subjectRegExp`);
    }
    if (id.subject !== undefined)
        return { issuer: { text: id.issuer }, subject: { text: id.subject } };
    const text = id.subjectRegExp;
    try {
        return { issuer: { text: id.issuer }, subject: { text, regex: new RegExp(`^(?:${text})$`) } };
    }
    catch (err) {
        throw new SignatureVerificationError('TRUST_ROOT_INVALID', `subjectRegExp ${JSON.stringify(text)} is not a regular expression`, {
            cause: err,
        });
    }
}
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
function claimsOf(signer) {
    const claims = {};
    for (const { oid, value } of signer.identity?.oids ?? []) {
        const id = oid?.id.join('.') ?? '';
        const v2 = V2_CLAIMS[id];
        if (v2) {
            const text = derUtf8String(value);
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
        throw new errors_SignatureVerificationError('BUNDLE_INVALID', 'the signature bundle is not JSON', { cause: err });
    }
    let bundle;
    try {
        bundle = (0,bundle_dist.bundleFromJSON)(json);
    }
    catch (err) {
        throw new errors_SignatureVerificationError('BUNDLE_INVALID', `not a sigstore bundle: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
    if (!(0,bundle_dist.isBundleWithDsseEnvelope)(bundle)) {
        throw new errors_SignatureVerificationError('BUNDLE_INVALID', 'the bundle holds a message signature, not a DSSE envelope over an in-toto statement');
    }
    return bundle;
}
/** Reads a sigstore trusted root (`trusted_root.json` contents) into trust material for @sigstore/verify. */
function trustMaterialFromRoot(trustedRoot, keys) {
    const mediaType = trustedRoot?.mediaType;
    if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
        throw new errors_SignatureVerificationError('TRUST_ROOT_INVALID', `the trusted root is not a sigstore trusted root (mediaType ${JSON.stringify(mediaType)}, expected application/vnd.dev.sigstore.trustedroot+json;version=0.1)`);
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
        throw new errors_SignatureVerificationError('TRUST_ROOT_INVALID', `the trusted root cannot be read: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
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
        if (err instanceof errors_SignatureVerificationError)
            throw err;
        const code = SIGSTORE_CODES[err.code ?? ''] ?? 'SIGNATURE_INVALID';
        throw new errors_SignatureVerificationError(code, `the bundle does not verify: ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
    }
}
function readStatement(bundle) {
    if (!(0,bundle_dist.isBundleWithDsseEnvelope)(bundle))
        throw new errors_SignatureVerificationError('BUNDLE_INVALID', 'the bundle holds no DSSE envelope');
    const envelope = bundle.content.dsseEnvelope;
    if (envelope.payloadType !== statement_IN_TOTO_PAYLOAD_TYPE) {
        throw new errors_SignatureVerificationError('BUNDLE_INVALID', `the envelope's payloadType is '${envelope.payloadType}', not ${statement_IN_TOTO_PAYLOAD_TYPE}`);
    }
    try {
        return statement_parseStatement(envelope.payload);
    }
    catch (err) {
        if (err instanceof errors_StatementFormatError)
            throw new errors_SignatureVerificationError('BUNDLE_INVALID', err.message, { cause: err });
        throw err;
    }
}
function checkExpectations(statement, expect) {
    const digests = subjectDigests(statement);
    const first = digests[0];
    if (first === undefined)
        throw new errors_SignatureVerificationError('BUNDLE_INVALID', 'the statement has no sha256 subject');
    if (expect.subjectDigest !== undefined && !digests.includes(expect.subjectDigest)) {
        throw new errors_SignatureVerificationError('SUBJECT_MISMATCH', `the signature is for ${digests.join(', ')}, not for ${expect.subjectDigest}: it signs another manifest`);
    }
    if (expect.predicateType !== undefined && statement.predicateType !== expect.predicateType) {
        throw new errors_SignatureVerificationError('PREDICATE_MISMATCH', `the statement's predicate type is ${statement.predicateType}, expected ${expect.predicateType}`);
    }
    return first;
}
function verifyWithKeys(bundle, policy) {
    if (bundle.verificationMaterial.content.$case !== 'publicKey') {
        throw new errors_SignatureVerificationError('SIGNER_UNTRUSTED', 'the bundle is signed keyless (a certificate), but the policy trusts key pairs only');
    }
    if (policy.publicKeys.length === 0)
        throw new errors_SignatureVerificationError('TRUST_ROOT_INVALID', 'no public key to verify against');
    const keys = policy.publicKeys.map((pem, i) => {
        try {
            return parsePublicKey(pem, `public key #${i + 1}`);
        }
        catch (err) {
            throw new errors_SignatureVerificationError('TRUST_ROOT_INVALID', (0,errors/* errorMessage */.gJ)(err), { cause: err });
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
            if (!(err instanceof errors_SignatureVerificationError) || err.code !== 'SIGNATURE_INVALID')
                throw err;
            lastError = err;
        }
    }
    const named = hintId ? `key ${hintId}` : 'a key the bundle does not name';
    const trusted = keys.map((k) => k.keyId).join(', ');
    if (keys.some((k) => k.keyId === hintId)) {
        // The hint is not signed: anyone can write a trusted key's id into it. A signature by another key and a
        // payload altered after signing look the same from here, and the other key is the likelier story.
        throw new errors_SignatureVerificationError('SIGNATURE_INVALID', `the bundle is signed by a key the policy does not trust: its key hint names ${named}, but its signature verifies with none of the trusted keys (${trusted}); a key hint is not signed, anyone can write it (if the bundle was made with ${named}, it was altered after signing)`, { cause: lastError });
    }
    throw new errors_SignatureVerificationError('SIGNER_UNTRUSTED', `the bundle is signed by ${named}, which is none of the trusted keys (${trusted})`, { cause: lastError });
}
function countTsa(entity) {
    return entity.timestamps.filter((t) => t.$case === 'timestamp-authority').length;
}
function matches(m, value) {
    return m.regex ? m.regex.test(value) : m.text === value;
}
function describeMatcher(m) {
    return m.regex ? `/${m.text}/` : m.text;
}
function verifyKeyless(bundle, policy) {
    if (bundle.verificationMaterial.content.$case === 'publicKey') {
        throw new errors_SignatureVerificationError('SIGNER_UNTRUSTED', 'the bundle is signed with a key pair, but the policy trusts keyless identities only');
    }
    if (policy.kind === 'keyless' && policy.identities.length === 0) {
        throw new errors_SignatureVerificationError('TRUST_ROOT_INVALID', 'no trusted identity to verify against');
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
    if (policy.kind === 'certificate-chain') {
        if (!issuer) {
            throw new errors_SignatureVerificationError('CERTIFICATE_INVALID', `the certificate of ${subject || '(no subject)'} names no OIDC issuer (Fulcio extension 1.3.6.1.4.1.57264.1.8)`);
        }
    }
    else if (!policy.identities.some((id) => matches(id.issuer, issuer) && matches(id.subject, subject))) {
        const wanted = policy.identities.map((id) => `${describeMatcher(id.subject)} (issuer ${describeMatcher(id.issuer)})`).join('; ');
        throw new errors_SignatureVerificationError('SIGNER_UNTRUSTED', `the bundle is signed by ${subject || '(no subject)'} (issuer ${issuer || 'unknown'}), which is none of the trusted identities: ${wanted}`);
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
function referrer_bundleReferrer(bundleBytes, subject, opts = {}) {
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
/** The referrer manifest, read as every manifest is (oci's parseManifest), then checked to be an image manifest. */
function referrerManifest(bytes) {
    let manifest;
    try {
        manifest = (0,oci_manifest/* parseManifest */.Ng)(bytes, 'the referrer manifest');
    }
    catch (err) {
        if (err instanceof oci_manifest/* ManifestFormatError */.RV) {
            throw new errors_ReferrerFormatError(`the referrer is not an OCI image manifest: ${err.message}`, { cause: err });
        }
        throw err;
    }
    if ((0,types/* isIndex */.n)(manifest))
        throw new errors_ReferrerFormatError('the referrer is an image index, not an OCI image manifest holding a bundle');
    return manifest;
}
/**
 * Checks a fetched referrer manifest (shape, artifactType, subject, exactly
 * one bundle layer) and returns it with the descriptor of its bundle layer,
 * the blob to fetch next.
 */
function bundleLayerOf(manifestBytes) {
    const manifest = referrerManifest(manifestBytes);
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
    return { manifest, layer };
}
/**
 * The bundle held by a fetched referrer manifest: `layerBytes` are the
 * bytes of its one layer. Checks the manifest (`bundleLayerOf`), the layer's
 * digest and size, and the bundle itself (with @sigstore/bundle); the
 * signature is not verified here (that is `verifyBundle`).
 */
function bundleFromReferrer(manifestBytes, layerBytes) {
    const { manifest, layer } = bundleLayerOf(manifestBytes);
    try {
        (0,verify/* verifyBytes */.RV)("the referrer's bundle layer", layer, layerBytes);
    }
    catch (err) {
        if (!(err instanceof verify/* ContentMismatchError */.gd))
            throw err;
        throw new errors_ReferrerFormatError(`the bundle layer's bytes do not match its descriptor: ${err.message}`, { cause: err });
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

;// CONCATENATED MODULE: ./build/shared/sign/attach.js





/** Pushes a signed bundle as a referrer of `subject` into `store`. */
async function attachBundle(store, signed, subject, opts = {}) {
    const referrer = bundleReferrer(signed.bytes, subject, opts);
    await Promise.all([
        store.push(referrer.config.descriptor, referrer.config.bytes),
        store.push(referrer.layer.descriptor, referrer.layer.bytes),
    ]);
    await store.pushManifest(referrer.descriptor, referrer.manifestBytes);
    return { signed, referrer };
}
async function signAndAttach(store, subject, statement, signer, opts) {
    const signed = await signer.signStatement(statement);
    return attachBundle(store, signed, subject, opts);
}
/**
 * Signs the manifest `subject` (statement predicate `https://sigstore.dev/cosign/sign/v1`,
 * subject name `name`, e.g. `ghcr.io/acme/cart`) and attaches the bundle.
 */
function signArtifact(store, subject, name, signer, opts = {}) {
    const about = { name, digest: subject.digest };
    return signAndAttach(store, subject, signStatement(about), signer, opts);
}
/** Signs and attaches the composition provenance of a composed component (its inputs from the lock). */
function attestComposition(store, subject, name, signer, composition, opts = {}) {
    const about = { name, digest: subject.digest };
    return signAndAttach(store, subject, compositionStatement(about, composition), signer, opts);
}
/**
 * The sigstore bundles attached to `subject` in `store` (optionally of one
 * predicate type), each read back for verification: the referrer manifest
 * fetched and checked, its bundle layer fetched and checked against its
 * descriptor, and the referrer's subject compared with `subject`. Nothing is
 * taken from the referrers index alone. A referrer that cannot be read is an
 * entry with its error; a failure to list the referrers throws (the store's
 * error). Verifying each bundle is the caller's step (`verifyBundle`).
 */
async function readAttachedBundles(store, subject, opts = {}) {
    const found = (await store.referrers(subject, signer_BUNDLE_MEDIA_TYPE)).filter((d) => isBundleReferrer(d, opts.predicateType));
    const out = [];
    for (const referrer of found) {
        try {
            const manifest = await store.fetchManifest(referrer);
            const { layer } = bundleLayerOf(manifest.bytes);
            const read = bundleFromReferrer(manifest.bytes, await store.fetch(layer));
            if (read.subject.digest !== subject.digest) {
                throw new errors_SignatureVerificationError('SUBJECT_MISMATCH', `the referrer names subject ${read.subject.digest}, not ${subject.digest}`);
            }
            out.push({ referrer, read });
        }
        catch (err) {
            const error = err instanceof errors/* FlotillaError */.wD
                ? err
                : new errors_ReferrerFormatError(`referrer ${referrer.digest} in ${store.location} cannot be read: ${(0,errors/* errorMessage */.gJ)(err)}`, {
                    cause: err,
                });
            out.push({ referrer, error });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./build/shared/verify/signatures.js










/** The subject (SAN) of a keyless bundle's leaf certificate, for messages before it is verified. */
function certificateSubject(bundle) {
    const content = bundle.verificationMaterial.content;
    const raw = content.$case === 'certificate'
        ? content.certificate.rawBytes
        : content.$case === 'x509CertificateChain'
            ? content.x509CertificateChain.certificates[0]?.rawBytes
            : undefined;
    if (!raw)
        return undefined;
    try {
        return dist.X509Certificate.parse(Buffer.from(raw)).subjectAltName;
    }
    catch {
        return undefined;
    }
}
/**
 * Verifies one bundle for `subject` with the trust material; throws a
 * SignatureVerificationError saying why it does not verify. Key-pair bundles
 * against the policy's keys; keyless bundles for the certificate chain only
 * (the identity is the policy engine's to judge).
 */
async function verifyAttachedBundle(bundle, subject, trust) {
    const content = bundle.verificationMaterial.content;
    if (content.$case === 'publicKey') {
        const skipped = trust.unsupportedKeys.length ? ` (not used: ${trust.unsupportedKeys.join('; ')})` : '';
        if (trust.publicKeys.length === 0) {
            const id = keyIdFromHint(content.publicKey.hint);
            throw new errors_SignatureVerificationError('SIGNER_UNTRUSTED', `signed with key ${id ? `sha256:${id.slice(0, 12)}` : '(no key hint)'}, but the policy declares no ECDSA P-256 key authority to verify it with${skipped}`);
        }
        try {
            return verifyBundle(bundle, { kind: 'key', publicKeys: [...trust.publicKeys] }, { subjectDigest: subject });
        }
        catch (err) {
            if (skipped && err instanceof errors_SignatureVerificationError) {
                throw new errors_SignatureVerificationError(err.code, `${err.message}${skipped}`, { cause: err });
            }
            throw err;
        }
    }
    let trustedRoot;
    try {
        trustedRoot = await trust.trustedRoot();
    }
    catch (err) {
        const signer = certificateSubject(bundle) ?? '(no subject)';
        throw new errors_SignatureVerificationError('TRUST_ROOT_INVALID', `signed keyless by ${signer}, not verified: ${(0,errors/* errorMessage */.gJ)(err)}`, {
            cause: err,
        });
    }
    return verifyBundle(bundle, { kind: 'certificate-chain', trustedRoot }, { subjectDigest: subject });
}
/**
 * Lists the bundle referrers of `subject` in `store`, fetches each manifest
 * and bundle, and verifies it. Never throws for a bad bundle: it becomes a
 * note. A failure to list the referrers throws (the store's error).
 */
async function attachedEvidence(store, subject, trust) {
    const out = { signatures: [], compositions: [], notes: [], unverified: [] };
    for (const { referrer, read, error } of await readAttachedBundles(store, subject)) {
        const short = referrer.digest.slice(0, 'sha256:'.length + 12);
        try {
            if (error)
                throw error;
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
            // what the bundle says it is (its statement, read but not verified), else what the referrer's annotation says
            const composition = (read?.predicateType ?? referrer.annotations?.[BUNDLE_PREDICATE_TYPE_ANNOTATION]) === COMPOSITION_PREDICATE_TYPE;
            out.notes.push(composition
                ? `composition attestation ${short} not accepted${code}, so its parts are not checked: ${(0,errors/* errorMessage */.gJ)(err)}`
                : `bundle ${short} not accepted${code}: ${(0,errors/* errorMessage */.gJ)(err)}`);
            if (!composition)
                out.unverified.push(out.notes.at(-1));
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
        return parseReference(text);
    }
    catch (err) {
        throw new UsageError(`${what}: ${errorMessage(err)}`, { cause: err });
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
        pulled = await (0,tag_not_found/* withTagHint */.q)(from, reference, () => t.ref.kind === 'registry' && ctx.cache ? pullThroughCache(from, ctx.cache, reference) : (0,wasm_artifact/* pullWasmArtifact */.Ce)(from, reference));
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
        ...(attached.unverified.length > 0 ? { unverifiedSignatures: attached.unverified } : {}),
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
        (0,wasm_file/* checkWasmBinary */.y)(bytes, file);
        imports = (0,describe/* describeWasm */.U)(bytes).imports;
    }
    catch (err) {
        // NotWasmFileError names the file itself
        const what = err instanceof wasm_file/* NotWasmFileError */.m ? (0,errors/* errorMessage */.gJ)(err) : `${file}: ${(0,errors/* errorMessage */.gJ)(err)}`;
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
    const src = parseYaml(file, readFileSync(file, 'utf8'));
    const baseDir = dirname(file);
    return inPool(lock.components, ctx.concurrency ?? 4, (c) => {
        const i = lock.components.indexOf(c);
        const origin = src.positionOf(['components', i, c.source === 'ref' ? 'ref' : 'path']);
        if (c.source === 'path') {
            const path = c.path;
            return gatherFile(c.name, isAbsolute(path) ? path : resolve(baseDir, path), path, origin, c.digest);
        }
        const text = c.ref;
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
var verify_report = __webpack_require__(21072);
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

;// CONCATENATED MODULE: ./build/shared/release/policy-check.js
/**
 * Compose enforces the policy: the verify engine (shared/verify gathers,
 * shared/policy decides) over the components compose pulled, before
 * anything is composed or written. Loaded by compose.ts only when the plan
 * has a policy or `require-signature`, so that a development compose never
 * loads sigstore.
 *
 * Evidence is gathered where the bytes are, at the digest compose pulled
 * (the manifest from its registry, blobs from the store, signatures as
 * referrers): what is verified is exactly what is composed. For a promotion
 * it is gathered from the source (staging) before anything is copied, and
 * from the target too when it already holds the digest; the rules see the
 * target's registry and repository, since that is where production takes
 * the component from.
 */







/**
 * Loads the plan's policy (errors at their line), checks that it knows the
 * environment, and turns the spec's `require-signature` into a rule. A
 * `require-signature` without a policy is an error at its line: the policy
 * says whose signatures count.
 */
function preparePolicy(plan, options) {
    const decl = plan.policy;
    if (decl.file === undefined) {
        const at = decl.requireSignatureOrigin ?? { file: plan.specFile, line: 1, column: 1, field: 'require-signature' };
        throw new origin/* SpecError */.G8(at, `require-signature needs a policy that says whose signatures count: add policy: <file> (its authorities: keys or keyless identities) ${plan.environment !== undefined ? `to environment '${plan.environment}' or to the spec` : 'to the spec'}; see shared/policy/README.md`, 'SPEC_POLICY_REQUIRED');
    }
    const policy = loadPolicy(decl.file);
    resolveEnvironment(policy, plan.environment); // an environment the policy does not define fails before any request
    const rules = [];
    if (decl.requireSignature) {
        const at = decl.requireSignatureOrigin;
        const position = at ? { file: at.file, line: at.line, column: at.column } : { file: plan.specFile, line: 1, column: 1 };
        rules.push({
            id: 'require-signature',
            label: '`require-signature` of the spec',
            scope: 'spec',
            position,
            signing: 'required',
            authorities: [],
            requireDigest: false,
        });
    }
    return {
        policy,
        trust: trustFromPolicy(policy, {
            trustedRootFile: options.trustedRootFile,
            ...(options.publicGoodRoot ? { publicGoodRoot: options.publicGoodRoot } : {}),
        }),
        rules,
        ...(plan.environment !== undefined ? { environment: plan.environment } : {}),
    };
}
function positionOf(origin) {
    return { file: origin.file, line: origin.line, column: origin.column };
}
/** Gathers the evidence of every component and applies the policy; the report, whatever the verdict. */
async function checkComponents(p, items, cctx) {
    const ctx = { trust: p.trust, open: (ref, baseDir) => cctx.stores.open(ref, baseDir), cache: cctx.store };
    const gatherOne = async (item) => {
        const c = item.component;
        const origin = positionOf(c.origin);
        if (item.kind === 'file') {
            return gatherLocalFile({
                name: c.name,
                file: item.file,
                shown: item.shown,
                digest: item.digest,
                pinnedByDigest: item.pinnedByDigest,
                origin,
            });
        }
        const pinned = (ref) => gatherPinned(ctx, {
            name: c.name,
            ref,
            text: item.shownAs.text,
            digest: item.digest,
            pinnedByDigest: item.pinnedByDigest,
            origin,
            baseDir: cctx.baseDir,
        });
        const g = await pinned(item.ref);
        const extra = item.alsoAt !== undefined ? await pinned(item.alsoAt) : undefined;
        const shown = item.shownAs.ref;
        // the same signer seen in both places is one signature for the report
        const seen = new Set();
        const signatures = [...g.evidence.signatures, ...(extra?.evidence.signatures ?? [])].filter((sig) => {
            const key = JSON.stringify(sig);
            if (seen.has(key))
                return false;
            seen.add(key);
            return true;
        });
        return {
            ...g,
            evidence: {
                ...g.evidence,
                ref: item.shownAs.text,
                ...(shown.kind === 'registry' ? { registry: shown.registry, repository: shown.repository } : {}),
                signatures,
            },
            notes: [...g.notes, ...(extra?.notes ?? [])],
        };
    };
    const gathered = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            gathered[i] = await gatherOne(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(cctx.concurrency ?? 4, items.length) }, worker));
    const report = evaluatePolicy(p.policy, {
        environment: p.environment,
        components: gathered.map((g) => g.evidence),
        rules: p.rules,
    });
    return (0,verify_report/* joinReport */.xf)(report, gathered, p.environment !== undefined ? `compose of environment ${p.environment}` : 'compose');
}
function where(p) {
    return p ? ` (${p.file}:${p.line}:${p.column})` : '';
}
/**
 * The policy refuses what compose pulled: every failing component named
 * with its spec line, every failed check with the policy rule's line.
 * Nothing was composed or written. Code `COMPOSE_POLICY_REFUSED`.
 */
class ComposeRefusedError extends errors/* FlotillaError */.wD {
    report;
    refused;
    constructor(report, plan, what) {
        const byName = new Map(plan.components.map((c) => [c.name, c]));
        const failing = report.components.filter((c) => c.verdict === 'fail');
        const violations = (0,verify_report/* violationsOf */.Sq)(report);
        const refused = failing.map((c) => ({
            name: c.name,
            ...(c.ref !== undefined ? { ref: c.ref } : {}),
            ...(c.digest !== undefined ? { digest: c.digest } : {}),
            origin: byName.get(c.name).origin,
            violations: violations
                .filter((v) => v.component === c.name)
                .map((v) => ({ message: v.check.reason, ...(v.check.position ? { position: v.check.position } : {}) })),
        }));
        const env = plan.environment !== undefined ? ` in environment ${plan.environment}` : '';
        const lines = refused.flatMap((r) => [
            `  - ${r.name}${r.ref ? ` ${r.ref}` : ''}${r.digest ? ` (${r.digest})` : ''} at ${(0,origin/* formatOrigin */.cp)(r.origin)}:`,
            ...r.violations.map((v) => `      ${v.message}${where(v.position)}`),
        ]);
        super('COMPOSE_POLICY_REFUSED', `policy ${report.policy} refuses ${refused.length} of ${report.components.length} component(s) of ${plan.name}${env}; nothing was composed, ${what}:\n${lines.join('\n')}`);
        this.report = report;
        this.refused = refused;
    }
}
/** The report as text for the terminal (the verify command's). */
function policyReportText(report) {
    return (0,verify_report/* formatReportText */.Nz)(report);
}


/***/ })

};

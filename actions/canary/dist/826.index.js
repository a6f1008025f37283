export const id = 826;
export const ids = [826,72];
export const modules = {

/***/ 51785:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ VerifyInputError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(52005);

/**
 * Evidence could not be gathered: a component or part cannot be fetched or
 * read, a lock names a file whose bytes changed, a trusted root cannot be
 * loaded. No verdict is given; the message names the component, the ref and
 * what to do.
 */
class VerifyInputError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .FlotillaError */ .wD {
}


/***/ }),

/***/ 58068:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  PI: () => (/* binding */ gatherLocalFile),
  H1: () => (/* binding */ gatherLock),
  Al: () => (/* binding */ gatherPinned),
  pg: () => (/* binding */ gatherPlan),
  RT: () => (/* binding */ gatherRef)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./build/shared/artifact/wasm-artifact.js
var wasm_artifact = __webpack_require__(97562);
// EXTERNAL MODULE: ./build/shared/component/describe.js
var describe = __webpack_require__(89043);
// EXTERNAL MODULE: ./build/shared/component/wasm-file.js
var wasm_file = __webpack_require__(31741);
// EXTERNAL MODULE: ./build/shared/config/yaml-source.js
var yaml_source = __webpack_require__(11020);
// EXTERNAL MODULE: ./build/shared/errors.js
var errors = __webpack_require__(52005);
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
// EXTERNAL MODULE: ./build/shared/verify/errors.js
var verify_errors = __webpack_require__(51785);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var dist = __webpack_require__(83917);
// EXTERNAL MODULE: ./build/shared/policy/engine.js
var engine = __webpack_require__(65273);
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

// EXTERNAL MODULE: ./build/shared/sign/errors.js
var sign_errors = __webpack_require__(74825);
// EXTERNAL MODULE: ./build/shared/sign/referrer.js
var sign_referrer = __webpack_require__(63785);
// EXTERNAL MODULE: ./build/shared/sign/signer.js
var signer = __webpack_require__(88984);
// EXTERNAL MODULE: ./build/shared/sign/statement.js
var statement = __webpack_require__(81289);
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
    const found = (await store.referrers(subject, signer/* BUNDLE_MEDIA_TYPE */.NV)).filter((d) => (0,sign_referrer/* isBundleReferrer */.AC)(d, opts.predicateType));
    const out = [];
    for (const referrer of found) {
        try {
            const manifest = await store.fetchManifest(referrer);
            const { layer } = (0,sign_referrer/* bundleLayerOf */.Vj)(manifest.bytes);
            const read = (0,sign_referrer/* bundleFromReferrer */.Mk)(manifest.bytes, await store.fetch(layer));
            if (read.subject.digest !== subject.digest) {
                throw new sign_errors/* SignatureVerificationError */._Q('SUBJECT_MISMATCH', `the referrer names subject ${read.subject.digest}, not ${subject.digest}`);
            }
            out.push({ referrer, read });
        }
        catch (err) {
            const error = err instanceof errors/* FlotillaError */.wD
                ? err
                : new sign_errors/* ReferrerFormatError */.rd(`referrer ${referrer.digest} in ${store.location} cannot be read: ${(0,errors/* errorMessage */.gJ)(err)}`, {
                    cause: err,
                });
            out.push({ referrer, error });
        }
    }
    return out;
}

// EXTERNAL MODULE: ./build/shared/sign/keys.js
var keys = __webpack_require__(5422);
// EXTERNAL MODULE: ./build/shared/sign/verify.js + 1 modules
var verify = __webpack_require__(10238);
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
            const id = (0,keys/* keyIdFromHint */.oz)(content.publicKey.hint);
            throw new sign_errors/* SignatureVerificationError */._Q('SIGNER_UNTRUSTED', `signed with key ${id ? `sha256:${id.slice(0, 12)}` : '(no key hint)'}, but the policy declares no ECDSA P-256 key authority to verify it with${skipped}`);
        }
        try {
            return (0,verify/* verifyBundle */.IF)(bundle, { kind: 'key', publicKeys: [...trust.publicKeys] }, { subjectDigest: subject });
        }
        catch (err) {
            if (skipped && err instanceof sign_errors/* SignatureVerificationError */._Q) {
                throw new sign_errors/* SignatureVerificationError */._Q(err.code, `${err.message}${skipped}`, { cause: err });
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
        throw new sign_errors/* SignatureVerificationError */._Q('TRUST_ROOT_INVALID', `signed keyless by ${signer}, not verified: ${(0,errors/* errorMessage */.gJ)(err)}`, {
            cause: err,
        });
    }
    return (0,verify/* verifyBundle */.IF)(bundle, { kind: 'certificate-chain', trustedRoot }, { subjectDigest: subject });
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
            if (verified.predicateType === statement/* COSIGN_SIGN_PREDICATE_TYPE */.Z4) {
                out.signatures.push(signature);
            }
            else if (verified.predicateType === statement/* COMPOSITION_PREDICATE_TYPE */.QT) {
                // a key bundle verified against the policy's keys is by one of its authorities; a keyless one by any identity
                if (signature.kind === 'keyless' && !trust.keylessIdentities.some((a) => (0,engine/* signatureMatches */.wI)(a, signature))) {
                    out.notes.push(`composition attestation ${short} is signed keyless by ${signature.subject} (issuer ${signature.issuer}), which no keyless authority of the policy accepts, so its parts are not checked`);
                    continue;
                }
                out.compositions.push({ predicate: (0,statement/* parseCompositionPredicate */.p7)(verified.statement.predicate), signature, referrer: referrer.digest });
            }
            else {
                out.notes.push(`attestation ${short} (${verified.predicateType}) is not a signature; not counted`);
            }
        }
        catch (err) {
            const code = err instanceof errors/* FlotillaError */.wD ? ` [${err.code}]` : '';
            // what the bundle says it is (its statement, read but not verified), else what the referrer's annotation says
            const composition = (read?.predicateType ?? referrer.annotations?.[sign_referrer/* BUNDLE_PREDICATE_TYPE_ANNOTATION */.Sy]) === statement/* COMPOSITION_PREDICATE_TYPE */.QT;
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
    return new verify_errors/* VerifyInputError */.o(code, `component \`${target.name}\` (${target.text}): ${(0,errors/* errorMessage */.gJ)(err)}`, { cause: err });
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
        throw new verify_errors/* VerifyInputError */.o('VERIFY_TOO_DEEP', `component \`${t.name}\` (${t.text}): compositions nested deeper than ${MAX_DEPTH} levels`);
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
        throw new verify_errors/* VerifyInputError */.o('VERIFY_DIGEST_MISMATCH', `component \`${t.name}\` (${t.text}): fetched ${digest}, but ${t.pinned} is pinned`);
    }
    if (chain.includes(digest)) {
        throw new verify_errors/* VerifyInputError */.o('VERIFY_CYCLE', `component \`${t.name}\` (${t.text}): its composition attestation lists itself (${digest})`);
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
                if (!(err instanceof verify_errors/* VerifyInputError */.o))
                    throw err;
                throw new verify_errors/* VerifyInputError */.o(err.code, `${err.message} (a part of \`${t.name}\` ${t.text}, as its composition attestation lists it)`, {
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
        throw new verify_errors/* VerifyInputError */.o('VERIFY_FILE_UNREADABLE', `component \`${name}\`: cannot read ${file}: ${(0,errors/* errorMessage */.gJ)(err)}`, {
            cause: err,
        });
    }
    const digest = (0,oci_digest/* sha256 */.sc)(bytes);
    if (expected !== undefined && digest !== expected) {
        throw new verify_errors/* VerifyInputError */.o('VERIFY_DIGEST_MISMATCH', `component \`${name}\`: ${file} is ${digest}, but the lock pins ${expected}; compose again or restore the file`);
    }
    let imports;
    try {
        (0,wasm_file/* checkWasmBinary */.y)(bytes, file);
        imports = (0,describe/* describeWasm */.U)(bytes).imports;
    }
    catch (err) {
        // NotWasmFileError names the file itself
        const what = err instanceof wasm_file/* NotWasmFileError */.m ? (0,errors/* errorMessage */.gJ)(err) : `${file}: ${(0,errors/* errorMessage */.gJ)(err)}`;
        throw new verify_errors/* VerifyInputError */.o('VERIFY_FILE_INVALID', `component \`${name}\`: ${what}`, { cause: err });
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
            const path = c.path;
            return gatherFile(c.name, (0,external_node_path_.isAbsolute)(path) ? path : (0,external_node_path_.resolve)(baseDir, path), path, origin, c.digest);
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


/***/ }),

/***/ 21072:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nz: () => (/* binding */ formatReportText),
/* harmony export */   violationsOf: () => (/* binding */ violationsOf),
/* harmony export */   xf: () => (/* binding */ joinReport)
/* harmony export */ });
/* unused harmony export formatReportMarkdown */

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
            // the notes of bundles not accepted, but for those the reason already gives
            const extra = check.aspect === 'signing' ? c.notes.filter((n) => !check.reason.includes(n)) : [];
            const unverified = extra.length > 0 ? ` [${extra.join('; ')}]` : '';
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

/***/ 20814:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $C: () => (/* binding */ trustFromPolicy)
/* harmony export */ });
/* unused harmony exports readTrustedRootFile, publicGoodTrustedRoot */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(52005);
/* harmony import */ var _sign_keys_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5422);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(51785);
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
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(file, 'utf8');
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .VerifyInputError */ .o('TRUSTED_ROOT_UNREADABLE', `cannot read the trusted root ${file}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}`, { cause: err });
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .VerifyInputError */ .o('TRUSTED_ROOT_INVALID', `the trusted root ${file} is not JSON: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}`, { cause: err });
    }
    const mediaType = json?.mediaType;
    if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .VerifyInputError */ .o('TRUSTED_ROOT_INVALID', `${file} is not a sigstore trusted root (mediaType ${JSON.stringify(mediaType)}; expected application/vnd.dev.sigstore.trustedroot+json;version=0.1, as in trusted_root.json)`);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .VerifyInputError */ .o('TRUSTED_ROOT_UNAVAILABLE', `cannot fetch the Sigstore public-good trusted root through TUF (https://tuf-repo-cdn.sigstore.dev): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}; pass --trusted-root <trusted_root.json>`, { cause: err });
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
                const spki = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(k.pem).export({ type: 'spki', format: 'pem' }).toString();
                try {
                    (0,_sign_keys_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePublicKey */ .ee)(spki, `key ${k.source} of authority ${a.name}`);
                    publicKeys.set(k.spkiSha256, spki);
                }
                catch (err) {
                    unsupportedKeys.push((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err));
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


/***/ })

};

export const id = 883;
export const ids = [883];
export const modules = {

/***/ 62883:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ComposeRefusedError: () => (/* binding */ ComposeRefusedError),
/* harmony export */   checkComponents: () => (/* binding */ checkComponents),
/* harmony export */   policyReportText: () => (/* binding */ policyReportText),
/* harmony export */   preparePolicy: () => (/* binding */ preparePolicy)
/* harmony export */ });
/* harmony import */ var _config_origin_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(96721);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52005);
/* harmony import */ var _policy_engine_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(65273);
/* harmony import */ var _policy_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(75279);
/* harmony import */ var _verify_gather_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(58068);
/* harmony import */ var _verify_report_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(21072);
/* harmony import */ var _verify_trust_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(20814);
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
        throw new _config_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .SpecError */ .G8(at, `require-signature needs a policy that says whose signatures count: add policy: <file> (its authorities: keys or keyless identities) ${plan.environment !== undefined ? `to environment '${plan.environment}' or to the spec` : 'to the spec'}; see shared/policy/README.md`, 'SPEC_POLICY_REQUIRED');
    }
    const policy = (0,_policy_load_js__WEBPACK_IMPORTED_MODULE_3__/* .loadPolicy */ .tb)(decl.file);
    (0,_policy_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveEnvironment */ .g9)(policy, plan.environment); // an environment the policy does not define fails before any request
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
        trust: (0,_verify_trust_js__WEBPACK_IMPORTED_MODULE_5__/* .trustFromPolicy */ .$C)(policy, {
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
            return (0,_verify_gather_js__WEBPACK_IMPORTED_MODULE_4__/* .gatherLocalFile */ .PI)({
                name: c.name,
                file: item.file,
                shown: item.shown,
                digest: item.digest,
                pinnedByDigest: item.pinnedByDigest,
                origin,
            });
        }
        const pinned = (ref) => (0,_verify_gather_js__WEBPACK_IMPORTED_MODULE_4__/* .gatherPinned */ .Al)(ctx, {
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
    const report = (0,_policy_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .evaluatePolicy */ .Uz)(p.policy, {
        environment: p.environment,
        components: gathered.map((g) => g.evidence),
        rules: p.rules,
    });
    return (0,_verify_report_js__WEBPACK_IMPORTED_MODULE_6__/* .joinReport */ .xf)(report, gathered, p.environment !== undefined ? `compose of environment ${p.environment}` : 'compose');
}
function where(p) {
    return p ? ` (${p.file}:${p.line}:${p.column})` : '';
}
/**
 * The policy refuses what compose pulled: every failing component named
 * with its spec line, every failed check with the policy rule's line.
 * Nothing was composed or written. Code `COMPOSE_POLICY_REFUSED`.
 */
class ComposeRefusedError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FlotillaError */ .wD {
    report;
    refused;
    constructor(report, plan, what) {
        const byName = new Map(plan.components.map((c) => [c.name, c]));
        const failing = report.components.filter((c) => c.verdict === 'fail');
        const violations = (0,_verify_report_js__WEBPACK_IMPORTED_MODULE_6__.violationsOf)(report);
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
            `  - ${r.name}${r.ref ? ` ${r.ref}` : ''}${r.digest ? ` (${r.digest})` : ''} at ${(0,_config_origin_js__WEBPACK_IMPORTED_MODULE_0__/* .formatOrigin */ .cp)(r.origin)}:`,
            ...r.violations.map((v) => `      ${v.message}${where(v.position)}`),
        ]);
        super('COMPOSE_POLICY_REFUSED', `policy ${report.policy} refuses ${refused.length} of ${report.components.length} component(s) of ${plan.name}${env}; nothing was composed, ${what}:\n${lines.join('\n')}`);
        this.report = report;
        this.refused = refused;
    }
}
/** The report as text for the terminal (the verify command's). */
function policyReportText(report) {
    return (0,_verify_report_js__WEBPACK_IMPORTED_MODULE_6__/* .formatReportText */ .Nz)(report);
}


/***/ })

};

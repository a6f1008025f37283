export const id = 3;
export const ids = [3];
export const modules = {

/***/ 77003:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verify: () => (/* binding */ verify)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52005);
/* harmony import */ var _oci_cache_dir_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(44078);
/* harmony import */ var _oci_layout_store_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(12831);
/* harmony import */ var _policy_engine_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(65273);
/* harmony import */ var _policy_load_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(75279);
/* harmony import */ var _registry_config_stores_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(12081);
/* harmony import */ var _release_lock_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(96794);
/* harmony import */ var _release_plan_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(58054);
/* harmony import */ var _release_registries_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(2712);
/* harmony import */ var _release_spec_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(19838);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(51785);
/* harmony import */ var _gather_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(58068);
/* harmony import */ var _report_js__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(21072);
/* harmony import */ var _trust_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(20814);
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
    // a spec is read first: it may name the policy
    let plan;
    if (opts.target.kind === 'spec') {
        const spec = (0,_release_spec_js__WEBPACK_IMPORTED_MODULE_10__/* .loadSpec */ .II)((0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(cwd, opts.target.file));
        const env = opts.environment !== undefined && spec.environments.length > 0 ? opts.environment : undefined;
        plan = (0,_release_plan_js__WEBPACK_IMPORTED_MODULE_8__/* .resolvePlan */ .yY)(spec, env, { vars: opts.env });
    }
    const policyFile = opts.policyFile !== undefined ? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(cwd, opts.policyFile) : plan?.policy.file;
    if (policyFile === undefined && opts.policy === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(opts.target.kind === 'spec'
            ? `the spec names no policy file: pass --policy <file> (or set policy: in ${opts.target.file})`
            : 'a policy is required: pass --policy <file>');
    }
    const policy = opts.policy ?? (0,_policy_load_js__WEBPACK_IMPORTED_MODULE_5__/* .loadPolicy */ .tb)(policyFile);
    // a lock says which environment it was made for: its rules apply, unless --env names another (a pre-promotion check)
    let lock;
    let environment = opts.environment;
    if (opts.target.kind === 'lock') {
        const file = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(cwd, opts.target.file);
        lock = { file, lock: (0,_release_lock_js__WEBPACK_IMPORTED_MODULE_7__/* .readLock */ .mF)(file, opts.environment !== undefined ? { environment: opts.environment } : {}) };
        environment ??= lock.lock.environment;
    }
    try {
        (0,_policy_engine_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveEnvironment */ .g9)(policy, environment); // an unknown environment fails before any fetch
    }
    catch (err) {
        if (lock && opts.environment === undefined && err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .FlotillaError */ .wD) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`${lock.file} is ${(0,_release_lock_js__WEBPACK_IMPORTED_MODULE_7__/* .lockLabel */ .qC)(lock.lock.environment)}, and ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}; pass --env <name> to apply another environment's rules`, { cause: err });
        }
        throw err;
    }
    const trust = (0,_trust_js__WEBPACK_IMPORTED_MODULE_13__/* .trustFromPolicy */ .$C)(policy, {
        ...(opts.trustedRootFile !== undefined ? { trustedRootFile: (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(cwd, opts.trustedRootFile) } : {}),
        ...(opts.publicGoodRoot ? { publicGoodRoot: opts.publicGoodRoot } : {}),
    });
    // a spec's registry list says how to reach its registries, unless --registries says otherwise
    const specConfig = plan && opts.registries === undefined ? (0,_release_registries_js__WEBPACK_IMPORTED_MODULE_9__/* .registryConfigOf */ .nL)(plan.registries) : undefined;
    const stores = specConfig && specConfig.entries.length > 0
        ? new _registry_config_stores_js__WEBPACK_IMPORTED_MODULE_6__/* .Stores */ .F({ cwd, env: opts.env, config: specConfig })
        : _registry_config_stores_js__WEBPACK_IMPORTED_MODULE_6__/* .Stores */ .F.of({
            cwd,
            env: opts.env,
            registries: opts.registries,
            ...(opts.stores ? { stores: opts.stores } : {}),
        });
    const open = (ref, baseDir) => stores.open(ref, baseDir);
    const cache = opts.cache === false ? undefined : new _oci_layout_store_js__WEBPACK_IMPORTED_MODULE_3__/* .LayoutStore */ .K((0,_oci_cache_dir_js__WEBPACK_IMPORTED_MODULE_2__/* .cacheDir */ .e)(opts.env));
    const ctx = { trust, open, ...(cache ? { cache } : {}) };
    let gathered;
    const target = opts.target;
    if (target.kind === 'ref')
        gathered = await (0,_gather_js__WEBPACK_IMPORTED_MODULE_12__/* .gatherRef */ .RT)(ctx, target.ref, cwd);
    else if (target.kind === 'lock' && lock) {
        const l = lock;
        gathered = await (0,_gather_js__WEBPACK_IMPORTED_MODULE_12__/* .gatherLock */ .H1)(ctx, l.lock, l.file).catch((err) => {
            // every error about a lock says whose lock it is
            if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_11__/* .VerifyInputError */ .o) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_11__/* .VerifyInputError */ .o(err.code, `${err.message} (${l.file}, ${(0,_release_lock_js__WEBPACK_IMPORTED_MODULE_7__/* .lockLabel */ .qC)(l.lock.environment)})`, { cause: err });
            }
            throw err;
        });
    }
    else
        gathered = await (0,_gather_js__WEBPACK_IMPORTED_MODULE_12__/* .gatherPlan */ .pg)(ctx, plan);
    const policyReport = (0,_policy_engine_js__WEBPACK_IMPORTED_MODULE_4__/* .evaluatePolicy */ .Uz)(policy, {
        environment,
        components: gathered.map((g) => g.evidence),
    });
    return { report: (0,_report_js__WEBPACK_IMPORTED_MODULE_14__/* .joinReport */ .xf)(policyReport, gathered, targetLabel(target)), policy };
}


/***/ })

};

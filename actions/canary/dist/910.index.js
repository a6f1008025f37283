export const id = 910;
export const ids = [910];
export const modules = {

/***/ 66910:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PromotionError: () => (/* binding */ PromotionError),
/* harmony export */   copyPromoted: () => (/* binding */ copyPromoted),
/* harmony export */   formatPromotion: () => (/* binding */ formatPromotion),
/* harmony export */   planPromotion: () => (/* binding */ planPromotion),
/* harmony export */   presentInTarget: () => (/* binding */ presentInTarget),
/* harmony export */   promotedCheck: () => (/* binding */ promotedCheck),
/* harmony export */   promotedFromOf: () => (/* binding */ promotedFromOf)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var _config_origin_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(96721);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(52005);
/* harmony import */ var _oci_copy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(20622);
/* harmony import */ var _oci_reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(48647);
/* harmony import */ var _lock_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(96794);
/**
 * Promotion: compose an environment (production) from the lock another
 * environment (staging) was composed and tested with. The target's refs
 * come from the target's plan (its registries, its tags); the digests come
 * from the source lock and must stay the same. A component the target
 * registry does not hold yet is copied there by digest from where the
 * source lock says it was pulled, with its referrers (signatures,
 * attestations). The tag of the target ref is set when it is absent; a tag
 * that names another digest is left alone and reported (a release tag is
 * not moved behind anyone's back; the composition takes the digest anyway).
 *
 * planPromotion decides everything from the files, before any request;
 * the network part (what the target holds, copies, tags) is in
 * copyPromoted, which compose calls after the policy allowed every
 * component.
 */






/**
 * A promoted registry component as the policy check sees it: pinned to the
 * locked digest, read from the source, and named as the target environment's
 * ref (already in the target when `present` says so: its referrers there count).
 */
function promotedCheck(item, present) {
    return {
        kind: 'stored',
        component: item.component,
        ref: item.source,
        ...(present.has(item.component.name) ? { alsoAt: item.target } : {}),
        shownAs: { ref: item.target, text: item.component.source.kind === 'ref' ? item.component.source.text : '' },
        digest: item.locked.digest,
        pinnedByDigest: true,
    };
}
/** The source lock does not fit the target plan; every way is listed. Code `PROMOTE_MISMATCH`. */
class PromotionError extends _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FlotillaError */ .wD {
    disagreements;
    constructor(message, disagreements) {
        super('PROMOTE_MISMATCH', message);
        this.disagreements = disagreements;
    }
}
function envName(e) {
    return e === undefined ? 'the spec as written' : `environment '${e}'`;
}
function packageText(plan) {
    return `${plan.package.id}${plan.package.version !== undefined ? `@${plan.package.version}` : ''}`;
}
/** Reads the source lock and pairs each target component with its locked digest; throws before any request. */
function planPromotion(plan, from) {
    if (from.environment === undefined && from.lockFile === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb('promotion needs the environment to promote from (--promote-from <env>) or its lock (--from-lock <file>)');
    }
    const lockFile = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(from.lockFile ?? (0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .defaultLockFile */ .hr)(plan.specDir, from.environment));
    const lock = (0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .readLock */ .mF)(lockFile, from.environment !== undefined ? { environment: from.environment } : {});
    const label = `${lockFile} (${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(lock.environment)})`;
    if (from.environment !== undefined && lock.environment !== from.environment) {
        throw new PromotionError(`--promote-from ${from.environment}: ${lockFile} is ${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(lock.environment)}, not the lock of environment '${from.environment}'`, []);
    }
    const environment = lock.environment;
    if (environment === plan.environment) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .eb(`${label} is already ${envName(plan.environment)}'s own lock: promote from another environment's lock, or compose it again with --frozen`);
    }
    const out = [];
    if (lock.spec !== plan.name)
        out.push({ kind: 'spec', message: `the lock is for spec '${lock.spec}', the spec is '${plan.name}'` });
    const pkg = packageText(plan);
    if (lock.package !== pkg)
        out.push({ kind: 'package', message: `the lock is for package '${lock.package}', the spec says '${pkg}'` });
    const locked = new Map(lock.components.map((c) => [c.name, c]));
    const items = [];
    for (const c of plan.components) {
        const l = locked.get(c.name);
        const at = `${(0,_config_origin_js__WEBPACK_IMPORTED_MODULE_1__/* .formatOrigin */ .cp)(c.origin)}: `;
        const add = (kind, message) => out.push({ kind, component: c.name, origin: c.origin, message: `${at}${message}` });
        if (!l) {
            add('added', `component '${c.name}' is in ${envName(plan.environment)} but not in ${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(environment)}`);
            continue;
        }
        if (l.package !== c.package) {
            add('component-package', `component '${c.name}': package '${l.package}' in ${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(environment)}, '${c.package}' in ${envName(plan.environment)}`);
            continue;
        }
        if (c.source.kind === 'path') {
            if (l.source !== 'path') {
                add('source', `component '${c.name}' is a local file in ${envName(plan.environment)}, but ${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(environment)} took it from ${l.ref}: compose the same registry artifact (a ref), so the digest stays the same`);
                continue;
            }
            items.push({ kind: 'path', component: c, locked: l });
            continue;
        }
        if (l.source !== 'ref') {
            add('source', `component '${c.name}' was a local file (${l.path}) in ${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(environment)}: nothing in a registry to promote; publish it and compose ${envName(environment)} from the registry first`);
            continue;
        }
        const pinned = c.source.ref.digest;
        if (pinned !== undefined && pinned !== l.digest) {
            add('pinned-digest', `component '${c.name}' is pinned to ${pinned} in the spec, but ${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(environment)} has ${l.digest}`);
            continue;
        }
        let source;
        try {
            source = (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .parseReference */ .F2)(l.ref);
        }
        catch (err) {
            add('ref', `component '${c.name}': ${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(environment)} has ref '${l.ref}': ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}`);
            continue;
        }
        if (source.kind === 'layout')
            source = { ...source, path: (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_0__.dirname)(lockFile), source.path) };
        const digest = l.digest;
        const target = { ...c.source.ref, digest };
        items.push({
            kind: 'ref',
            component: c,
            locked: l,
            source: { ...source, digest },
            sourceText: l.ref,
            target,
            ...(c.source.ref.tag !== undefined ? { tag: c.source.ref.tag } : {}),
            descriptor: { mediaType: l.mediaType, digest, size: l.size },
        });
    }
    const planned = new Set(plan.components.map((c) => c.name));
    for (const l of lock.components) {
        if (!planned.has(l.name))
            out.push({
                kind: 'removed',
                component: l.name,
                message: `component '${l.name}' is in ${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(environment)} but not in ${envName(plan.environment)}`,
            });
    }
    if (out.length > 0) {
        throw new PromotionError(`cannot promote ${label} to ${envName(plan.environment)}: they disagree (${out.length}):\n${out.map((d) => `  ${d.message}`).join('\n')}\nCompose ${envName(environment)} again from this spec, then promote its lock.`, out);
    }
    return { environment, lockFile, lock, items };
}
function shown(ref) {
    return (0,_oci_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatReference */ .FH)(ref);
}
/** Which promoted artifacts the target already holds (by digest). */
async function presentInTarget(stores, pp) {
    const present = new Set();
    await Promise.all(pp.items.map(async (item) => {
        if (item.kind !== 'ref')
            return;
        try {
            if (await (await stores.open(item.target)).exists(item.descriptor))
                present.add(item.component.name);
        }
        catch (err) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FlotillaError */ .wD('PROMOTE_TARGET', `${(0,_config_origin_js__WEBPACK_IMPORTED_MODULE_1__/* .formatOrigin */ .cp)(item.component.origin)}: component '${item.component.name}': cannot ask ${shown(item.target)} whether it holds ${item.descriptor.digest}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}`, { cause: err });
        }
    }));
    return present;
}
/**
 * Copies every promoted artifact the target lacks (and the referrers it
 * lacks) from the source, by digest, then sets the target tags that are
 * absent. The digests never change: a copy is by digest, and every store
 * verifies what it reads.
 */
async function copyPromoted(stores, pp, present) {
    const components = await Promise.all(pp.items.map(async (item) => {
        const digest = item.locked.digest;
        if (item.kind === 'path') {
            const text = item.locked.path;
            return { name: item.component.name, digest, from: text, to: text, action: 'local', referrersCopied: 0 };
        }
        const c = item.component;
        const dst = await stores.open(item.target);
        const wasPresent = present.has(c.name);
        let referrersCopied = 0;
        try {
            const copier = new _oci_copy_js__WEBPACK_IMPORTED_MODULE_3__/* .Copier */ .TQ(await stores.open(item.source), dst, { referrers: true });
            await copier.copy(digest, null);
            referrersCopied = copier.stats.referrersCopied;
        }
        catch (err) {
            // the target holds the artifact: a source that is gone (or unreachable) costs only the referrers it might add
            if (!wasPresent) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FlotillaError */ .wD('PROMOTE_COPY', `${(0,_config_origin_js__WEBPACK_IMPORTED_MODULE_1__/* .formatOrigin */ .cp)(c.origin)}: component '${c.name}': copying ${digest} from ${shown(item.source)} to ${shown(item.target)} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}`, { cause: err });
            }
        }
        const result = {
            name: c.name,
            digest,
            from: `${item.sourceText.replace(/@sha256:[a-f0-9]{64}$/, '')}@${digest}`,
            to: shown(item.target),
            action: wasPresent ? 'present' : 'copied',
            referrersCopied,
        };
        if (item.tag !== undefined) {
            let previous;
            try {
                previous = await dst.resolve(item.tag);
            }
            catch (err) {
                // absent: a registry answers 404, a layout has no such tag; anything else is a failure
                if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FlotillaError */ .wD && ['OCI_NOT_FOUND', 'TAG_NOT_FOUND', 'NOT_FOUND'].includes(err.code))) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .FlotillaError */ .wD('PROMOTE_TAG', `${(0,_config_origin_js__WEBPACK_IMPORTED_MODULE_1__/* .formatOrigin */ .cp)(c.origin)}: component '${c.name}': cannot read tag ${item.tag} of ${shown(item.target)}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}`, { cause: err });
                }
                previous = undefined;
            }
            if (previous === undefined) {
                await dst.tag(item.descriptor, item.tag);
                result.tag = { name: item.tag, status: 'set' };
            }
            else if (previous.digest === digest) {
                result.tag = { name: item.tag, status: 'already' };
            }
            else {
                result.tag = { name: item.tag, status: 'kept', previous: previous.digest };
            }
        }
        return result;
    }));
    return { environment: pp.environment, lockFile: pp.lockFile, components };
}
/** The lock-relative path of the source lock, for the new lock's `promotedFrom`. */
function promotedFromOf(pp, lockDir) {
    return { ...(pp.environment !== undefined ? { environment: pp.environment } : {}), lock: (0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockRelativePath */ .Lv)(lockDir, pp.lockFile) };
}
/** One line per component: which digest came from where, and what was done. */
function formatPromotion(result, show = (f) => f) {
    const lines = [`promoted ${(0,_lock_js__WEBPACK_IMPORTED_MODULE_5__/* .lockLabel */ .qC)(result.environment)} (${show(result.lockFile)}):`];
    const width = Math.max(...result.components.map((c) => c.name.length));
    for (const c of result.components) {
        const what = c.action === 'local'
            ? 'local file, same digest'
            : `${c.action === 'copied' ? 'copied' : 'already there'}${c.referrersCopied > 0 ? `, ${c.referrersCopied} referrer(s) copied` : ''}`;
        const tag = c.tag === undefined
            ? ''
            : c.tag.status === 'set'
                ? `, tagged ${c.tag.name}`
                : c.tag.status === 'already'
                    ? `, tag ${c.tag.name} already there`
                    : `, tag ${c.tag.name} left at ${c.tag.previous} (not moved; the composition uses the digest)`;
        lines.push(`  ${c.name.padEnd(width)}  ${c.digest}`);
        lines.push(`  ${' '.repeat(width)}  from ${c.from}`);
        if (c.action !== 'local')
            lines.push(`  ${' '.repeat(width)}  to   ${c.to}  (${what}${tag})`);
    }
    return `${lines.join('\n')}\n`;
}


/***/ })

};

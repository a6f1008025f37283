export const id = 72;
export const ids = [72];
export const modules = {

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


/***/ })

};

/**
 * The verify report: the engine's PolicyReport with, per component, where it
 * is declared and the notes of gathering (bundles not accepted). Rendering:
 * plain text for the CLI, a Markdown table for the job summary, and the list
 * of violations with the line each belongs on (the policy rule's, else the
 * component's declaration in the spec or lock) for annotations.
 */
import type { SourcePosition } from '../config/yaml-source.ts';
import type { ComponentVerdict, PolicyReport, RuleCheck } from '../policy/types.ts';
import { code, table } from '../report/markdown.ts';
import type { GatheredComponent } from './gather.ts';

export interface ComponentReport extends ComponentVerdict {
  /** Where the component is declared (spec or lock), when it was. */
  readonly origin?: SourcePosition;
  /** Imports read from the component's binary. */
  readonly imports: readonly string[];
  /** Bundles not accepted, attestations not counted, parts without bytes. */
  readonly notes: readonly string[];
  readonly parts?: readonly ComponentReport[];
}

export interface VerifyReport extends Omit<PolicyReport, 'components'> {
  /** What was verified: `ref <ref>`, `lock <file>`, `spec <file>`. */
  readonly target: string;
  readonly components: readonly ComponentReport[];
}

/** Joins the engine's verdicts with what gathering found, component by component (parts too). */
export function joinReport(policyReport: PolicyReport, gathered: readonly GatheredComponent[], target: string): VerifyReport {
  const join = (v: ComponentVerdict, g: GatheredComponent | undefined): ComponentReport => {
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

/** One failed check of a top-level component, with the place it belongs on. */
export interface Violation {
  readonly component: string;
  readonly check: RuleCheck;
  readonly message: string;
  /** The policy rule's line, else the component's declaration; absent when neither is known. */
  readonly position?: SourcePosition;
}

export function violationsOf(report: VerifyReport): Violation[] {
  const out: Violation[] = [];
  for (const c of report.components) {
    for (const check of c.checks) {
      if (check.status !== 'fail') continue;
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

function shortDigest(d: string | undefined): string {
  return d ? d.slice(0, 'sha256:'.length + 12) : '';
}

/** The report as text for the terminal. */
export function formatReportText(report: VerifyReport): string {
  const lines: string[] = [];
  const env = report.environment !== undefined ? `, environment ${report.environment}` : '';
  lines.push(`verify ${report.target} against ${report.policy} (mode ${report.mode}${env}): ${report.verdict.toUpperCase()}`);
  const walk = (c: ComponentReport, indent: string, label: string): void => {
    const where = `${c.ref ? `  ${c.ref}` : ''}${c.digest ? `  ${c.digest}` : ''}`;
    lines.push(`${indent}${label}${c.verdict.toUpperCase().padEnd(4)} ${c.name}${where}`);
    const sub = `${indent}     `;
    lines.push(`${sub}signers: ${c.signers.length ? c.signers.join(', ') : '(none)'}`);
    lines.push(`${sub}rules: ${c.rules.length ? c.rules.join(', ') : '(none)'}`);
    for (const k of c.checks) {
      if (k.aspect === 'parts') lines.push(`${sub}${k.status === 'pass' ? `ok   ${k.reason}` : `FAIL ${k.label} fails (below)`}`);
      else lines.push(`${sub}${k.status === 'pass' ? 'ok  ' : 'FAIL'} ${k.reason}`);
    }
    for (const n of c.notes) lines.push(`${sub}note: ${n}`);
    for (const p of c.parts ?? []) walk(p, sub, 'part ');
  };
  for (const c of report.components) walk(c, '  ', '');
  return `${lines.join('\n')}\n`;
}

/** The job summary: a table of component, digest, signer identity, rules applied, verdict, reason (parts as `platform › part`). */
export function formatReportMarkdown(report: VerifyReport, opts: { path?: (file: string) => string } = {}): string {
  const path = opts.path ?? ((f: string) => f);
  const rows: string[][] = [];
  const walk = (c: ComponentReport, prefix: string): void => {
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
    for (const p of c.parts ?? []) walk(p, `${prefix}${c.name} › `);
  };
  for (const c of report.components) walk(c, '');
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

import { code, table } from '../report/markdown.ts';
import type { PublishResult } from './publish.ts';

/** `push: false`: the refs that would be pushed, with the digest and annotations of what was built. */
function dryRunSummary(results: readonly PublishResult[]): string {
  const rows = results.flatMap((r) => r.refs.map((ref) => [code(ref), code(r.digest), r.created ?? '']));
  const lines = [
    '### Flotilla publish (push: false)',
    '',
    `Nothing was pushed or signed. ${results.length} component(s) built; these ${rows.length} ref(s) would be pushed, with the same digest in every registry:`,
    '',
    table(['ref', 'digest', 'created'], rows),
  ];
  for (const r of results) {
    const annotations = Object.entries(r.annotations ?? {});
    if (annotations.length > 0) {
      lines.push(
        '',
        `Annotations of ${code(r.name)}:`,
        '',
        table(
          ['key', 'value'],
          annotations.map(([k, v]) => [code(k), code(v)]),
        ),
      );
    }
  }
  const warnings = [...new Set(results.flatMap((r) => r.warnings))];
  if (warnings.length > 0) lines.push('', '**Policy warnings** (mode `warn`):', '', ...warnings.map((w) => `- ${w}`));
  return `${lines.join('\n')}\n`;
}

/** The job summary of a publish: one row per ref pushed (ref, digest, signed by, referrer digest). */
export function publishSummary(results: readonly PublishResult[]): string {
  if (results.length > 0 && results.every((r) => !r.pushed)) return dryRunSummary(results);
  const rows = results.flatMap((r) =>
    r.targets.map((t) => [
      code(t.ref),
      code(r.digest),
      r.signedBy ?? 'not signed',
      t.signatureReferrer ? code(t.signatureReferrer) : '',
      ...(results.some((x) => x.attestationBundle) ? [t.attestationReferrer ? code(t.attestationReferrer) : ''] : []),
    ]),
  );
  const headers = ['ref', 'digest', 'signed by', 'referrer digest'];
  if (results.some((x) => x.attestationBundle)) headers.push('composition attestation');
  const count = results.reduce((n, r) => n + r.targets.length, 0);
  const lines = [
    `### Flotilla publish`,
    '',
    `${results.length} component(s) pushed to ${count} ref(s); the digest is the same in every registry, and one signature covers them all.`,
    '',
    table(headers, rows),
  ];
  const warnings = [...new Set(results.flatMap((r) => r.warnings))];
  if (warnings.length > 0) lines.push('', '**Policy warnings** (mode `warn`):', '', ...warnings.map((w) => `- ${w}`));
  return `${lines.join('\n')}\n`;
}

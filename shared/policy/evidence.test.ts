import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from './engine.ts';
import { signatureFromVerifiedBundle } from './evidence.ts';
import { parsePolicy } from './load.ts';

const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
/** shared/sign's key id: hex SHA-256 of the DER SPKI. */
const keyId = createHash('sha256')
  .update(publicKey.export({ type: 'spki', format: 'der' }))
  .digest('hex');
const indented = pem
  .trim()
  .split('\n')
  .map((l) => `      ${l}`)
  .join('\n');
const policy = parsePolicy(
  '/tmp/evidence-policy.yaml',
  `authorities:
  prod:
    key: |
${indented}
  ci:
    keyless:
      issuer: https://token.actions.githubusercontent.com
      subject-regexp: 'https://github\\.com/acme/.*'
registries:
  - ghcr.io|required|prod
  - quay.io|required|ci
`,
);
const digest = `sha256:${'c'.repeat(64)}`;

describe('evidence from verified bundles', () => {
  it('matches a key bundle by the verifying key id (hex SPKI digest)', () => {
    const sig = signatureFromVerifiedBundle({ signer: { kind: 'key', keyId }, subjectDigest: digest });
    const report = evaluatePolicy(policy, {
      components: [{ name: 'cart', registry: 'ghcr.io', digest, pinnedByDigest: true, imports: [], signatures: [sig] }],
    });
    expect(report.verdict).toBe('pass');
    const other = signatureFromVerifiedBundle({ signer: { kind: 'key', keyId: 'd'.repeat(64) }, subjectDigest: digest });
    const bad = evaluatePolicy(policy, {
      components: [{ name: 'cart', registry: 'ghcr.io', digest, pinnedByDigest: true, imports: [], signatures: [other] }],
    });
    expect(bad.verdict).toBe('fail');
  });

  it('keeps keyless identity and claims, and the subject digest', () => {
    const sig = signatureFromVerifiedBundle({
      signer: {
        kind: 'keyless',
        issuer: 'https://token.actions.githubusercontent.com',
        subject: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/tags/v1',
        claims: { sourceRepositoryRef: 'refs/tags/v1', githubWorkflowSHA: undefined },
      },
      subjectDigest: `sha256:${'e'.repeat(64)}`,
    });
    expect(sig).toEqual({
      kind: 'keyless',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'https://github.com/acme/shop/.github/workflows/release.yml@refs/tags/v1',
      extensions: { sourceRepositoryRef: 'refs/tags/v1' },
      subjectDigest: `sha256:${'e'.repeat(64)}`,
    });
    // signed over another digest: does not count
    const report = evaluatePolicy(policy, {
      components: [{ name: 'cart', registry: 'quay.io', digest, pinnedByDigest: true, imports: [], signatures: [sig] }],
    });
    expect(report.verdict).toBe('fail');
    expect(report.components[0]?.violations[0]).toContain(`signs sha256:${'e'.repeat(64)}, not ${digest}`);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePolicy, PolicyError } from './engine.ts';
import { spkiSha256 } from './keys.ts';
import { loadPolicy } from './load.ts';
import type { ComponentEvidence, Policy, VerifiedSignature } from './types.ts';

/** A fresh ECDSA P-256 public key, PEM (SPKI). */
function newPublicKeyPem(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

const prodPem = newPublicKeyPem();
const otherPem = newPublicKeyPem();

const ISSUER = 'https://token.actions.githubusercontent.com';
const RELEASE = 'https://github.com/acme/shop/.github/workflows/release.yml@refs/tags/v1.4.0';

const POLICY = `# test policy
mode: enforce
default_signing_required: true
capabilities:
  deny: ["wasi:filesystem/*"]
authorities:
  production_signing_keys:
    key: keys/prod.pub
  release_workflow:
    keyless:
      issuer: ${ISSUER}
      subject-regexp: 'https://github\\.com/acme/shop/\\.github/workflows/release\\.yml@refs/tags/v.*'
  always:
    static: pass
  never:
    static: fail
registries:
  - ghcr.io|required|production_signing_keys
  - docker.io|required|production_signing_keys
  - local|optional
  - match: "*.dkr.ecr.us-west-2.amazonaws.com"
    authorities: [release_workflow]
  - match: registry.internal:5000
    signing: required
    authorities: [always]
  - match: blocked.example.com
    authorities: [never]
  - match: "10.0.0.*:*"
    signing: optional
components:
  - production-*|required|production_signing_keys
  - staging-*|required|production_signing_keys
  - dev-*|optional
  - match: payment-processor
    capabilities:
      deny: ["wasi:sockets/*"]
  - match: "company/ecommerce/**"
    require-digest: true
  - match: "sandboxed-*"
    capabilities:
      allow: ["wasi:cli/*", "wasi:io/*", "wasi:clocks/*"]
environments:
  development:
    signing: optional
  audit:
    mode: warn
  production:
    signing: required
    require-digest: true
    unknown-registries: deny
    registries:
      - match: us-central1-docker.pkg.dev
        authorities: [production_signing_keys]
`;

let policy: Policy;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-engine-'));
  mkdirSync(join(dir, 'keys'));
  writeFileSync(join(dir, 'keys', 'prod.pub'), prodPem);
  writeFileSync(join(dir, 'policy.yaml'), POLICY);
  policy = loadPolicy(join(dir, 'policy.yaml'));
});

const byProd: VerifiedSignature = { kind: 'key', publicKeyPem: prodPem, keyId: 'prod' };
const byOther: VerifiedSignature = { kind: 'key', publicKeyPem: otherPem, keyId: 'prod' /* a lying hint */ };
const keyless = (subject: string, issuer = ISSUER): VerifiedSignature => ({ kind: 'keyless', issuer, subject });

function ev(over: Partial<ComponentEvidence> & { name: string }): ComponentEvidence {
  return { pinnedByDigest: false, imports: [], signatures: [], ...over };
}

interface Case {
  title: string;
  env?: string;
  component: ComponentEvidence;
  verdict: 'pass' | 'fail' | 'warn';
  /** Substrings every one of which must appear in the violations (or, for a pass, in the check reasons). */
  says?: string[];
  /** Rule ids that must have been applied. */
  rules?: string[];
}

const ECR = '123456789012.dkr.ecr.us-west-2.amazonaws.com';

const cases: Case[] = [
  // seed string forms
  {
    title: 'ghcr.io|required|production_signing_keys: signed by the production key passes',
    component: ev({ name: 'cart', registry: 'ghcr.io', signatures: [byProd] }),
    verdict: 'pass',
    rules: ['registries[0]'],
    says: ['signed by production_signing_keys'],
  },
  {
    title: 'ghcr.io|required|production_signing_keys: a missing signature fails',
    component: ev({ name: 'cart', registry: 'ghcr.io' }),
    verdict: 'fail',
    says: [
      'signing required by registries[0] `ghcr.io|required|production_signing_keys`: no signature by an authority of production_signing_keys',
      'the component has no signature',
    ],
  },
  {
    title: 'ghcr.io: a signature that is attached but does not verify fails, and the reason says so (not "no signature")',
    component: ev({
      name: 'cart',
      registry: 'ghcr.io',
      unverifiedSignatures: ['bundle sha256:0123456789ab not accepted [SIGNATURE_INVALID]: signed by a key the policy does not trust'],
    }),
    verdict: 'fail',
    says: [
      'no signature by an authority of production_signing_keys (a signature is attached but does not verify: bundle sha256:0123456789ab not accepted [SIGNATURE_INVALID]: signed by a key the policy does not trust)',
    ],
  },
  {
    title: 'ghcr.io: a signature by the wrong key fails (the key hint is not trusted)',
    component: ev({ name: 'cart', registry: 'ghcr.io', signatures: [byOther] }),
    verdict: 'fail',
    says: [`key ${spkiSha256(otherPem).slice(0, 19)} is not an authority of production_signing_keys`],
  },
  {
    title: 'ghcr.io: a key signature given by its SPKI digest only passes',
    component: ev({ name: 'cart', registry: 'ghcr.io', signatures: [{ kind: 'key', spkiSha256: spkiSha256(prodPem) }] }),
    verdict: 'pass',
  },
  {
    title: 'docker.io|required|production_signing_keys: signed passes',
    component: ev({ name: 'library/redis-adapter', registry: 'docker.io', signatures: [byProd] }),
    verdict: 'pass',
    rules: ['registries[1]'],
  },
  {
    title: 'docker.io|required|production_signing_keys: unsigned fails naming the rule',
    component: ev({ name: 'library/redis-adapter', registry: 'docker.io' }),
    verdict: 'fail',
    says: ['registries[1] `docker.io|required|production_signing_keys`'],
  },
  {
    title: 'local|optional: localhost:5000 unsigned passes',
    component: ev({ name: 'cart', registry: 'localhost:5000' }),
    verdict: 'pass',
    rules: ['registries[2]'],
    says: ['signing optional by registries[2] `local|optional` (unsigned)'],
  },
  {
    title: 'local|optional: 127.0.0.1 on any port passes unsigned',
    component: ev({ name: 'cart', registry: '127.0.0.1:41234' }),
    verdict: 'pass',
    rules: ['registries[2]'],
  },
  {
    title: 'local|optional: a local file (no registry) passes unsigned',
    component: ev({ name: 'cart' }),
    verdict: 'pass',
    rules: ['registries[2]'],
  },
  {
    title: 'production-*|required: unsigned on the local registry fails (every matching rule must pass)',
    component: ev({ name: 'production-api', registry: 'localhost:5000' }),
    verdict: 'fail',
    rules: ['registries[2]', 'components[0]'],
    says: ['signing required by components[0] `production-*|required|production_signing_keys`'],
  },
  {
    title: 'production-*|required: signed by the production key passes',
    component: ev({ name: 'production-api', registry: 'localhost:5000', signatures: [byProd] }),
    verdict: 'pass',
  },
  {
    title: 'staging-*|required: unsigned fails',
    component: ev({ name: 'staging-cart', registry: 'localhost:5000' }),
    verdict: 'fail',
    says: ['components[1] `staging-*|required|production_signing_keys`'],
  },
  {
    title: 'dev-*|optional: unsigned on the local registry passes',
    component: ev({ name: 'dev-mock-payments', registry: 'localhost:5000' }),
    verdict: 'pass',
    rules: ['registries[2]', 'components[2]'],
  },
  {
    title: 'dev-*|optional does not lift ghcr.io|required: unsigned fails',
    component: ev({ name: 'dev-mock-payments', registry: 'ghcr.io' }),
    verdict: 'fail',
    rules: ['registries[0]', 'components[2]'],
    says: ['registries[0]'],
  },
  {
    title: 'default_signing_required: true applies where no rule matches: unsigned fails',
    component: ev({ name: 'misc', registry: 'quay.io' }),
    verdict: 'fail',
    rules: ['capabilities', 'default'],
    says: ['signing required by default (default_signing_required: true): no signature by an authority of the policy'],
  },
  {
    title: 'default: any declared key or keyless authority satisfies it (static ones do not)',
    component: ev({ name: 'misc', registry: 'quay.io', signatures: [byProd] }),
    verdict: 'pass',
  },
  // globs with wildcards and ports
  {
    title: '*.dkr.ecr.us-west-2.amazonaws.com: keyless from the release workflow at a tag passes',
    component: ev({ name: 'orders', registry: ECR, signatures: [keyless(RELEASE)] }),
    verdict: 'pass',
    rules: ['registries[3]'],
    says: ['signed by release_workflow'],
  },
  {
    title: '*.dkr.ecr…: keyless from the wrong workflow fails naming the subject',
    component: ev({
      name: 'orders',
      registry: ECR,
      signatures: [keyless('https://github.com/acme/shop/.github/workflows/ci.yml@refs/heads/main')],
    }),
    verdict: 'fail',
    says: ['keyless `https://github.com/acme/shop/.github/workflows/ci.yml@refs/heads/main`', 'an authority of release_workflow'],
  },
  {
    title: '*.dkr.ecr…: keyless from the right workflow at a branch (not a tag) fails',
    component: ev({ name: 'orders', registry: ECR, signatures: [keyless(RELEASE.replace('refs/tags/v1.4.0', 'refs/heads/v1'))] }),
    verdict: 'fail',
  },
  {
    title: '*.dkr.ecr…: keyless with the right subject from the wrong issuer fails',
    component: ev({ name: 'orders', registry: ECR, signatures: [keyless(RELEASE, 'https://accounts.google.com')] }),
    verdict: 'fail',
    says: ['issuer https://accounts.google.com'],
  },
  {
    title: '*.dkr.ecr…: a key signature does not satisfy a keyless authority (the reason names whose key it is)',
    component: ev({ name: 'orders', registry: ECR, signatures: [byProd] }),
    verdict: 'fail',
    says: [`key ${spkiSha256(prodPem).slice(0, 19)} [production_signing_keys] is not an authority of release_workflow`],
  },
  {
    title: '*.dkr.ecr… does not match the bare domain: the default rule applies',
    component: ev({ name: 'orders', registry: 'dkr.ecr.us-west-2.amazonaws.com', signatures: [keyless(RELEASE)] }),
    verdict: 'pass',
    rules: ['capabilities', 'default'],
  },
  {
    title: 'registry.internal:5000 with static: pass passes unsigned',
    component: ev({ name: 'cart', registry: 'registry.internal:5000' }),
    verdict: 'pass',
    rules: ['registries[4]'],
    says: ['authority always is static: pass'],
  },
  {
    title: 'registry.internal on another port does not match registry.internal:5000',
    component: ev({ name: 'cart', registry: 'registry.internal:5001' }),
    verdict: 'fail',
    rules: ['capabilities', 'default'],
  },
  {
    title: 'static: fail fails even with a good signature',
    component: ev({ name: 'cart', registry: 'blocked.example.com', signatures: [byProd] }),
    verdict: 'fail',
    says: ['authority never is static: fail'],
  },
  {
    title: '10.0.0.*:* matches an address with a port',
    component: ev({ name: 'cart', registry: '10.0.0.7:5000' }),
    verdict: 'pass',
    rules: ['registries[6]'],
  },
  {
    title: 'host globs ignore case',
    component: ev({ name: 'cart', registry: 'GHCR.io', signatures: [byProd] }),
    verdict: 'pass',
    rules: ['registries[0]'],
  },
  // capabilities
  {
    title: 'payment-processor importing wasi:sockets fails with the import named',
    component: ev({
      name: 'payment-processor',
      registry: 'ghcr.io',
      signatures: [byProd],
      imports: ['wasi:cli/environment@0.2.0', 'wasi:sockets/tcp@0.2.0'],
    }),
    verdict: 'fail',
    says: ['capabilities of components[3] `payment-processor`: import `wasi:sockets/tcp@0.2.0` is denied (matches `wasi:sockets/*`)'],
  },
  {
    title: 'payment-processor without sockets passes',
    component: ev({ name: 'payment-processor', registry: 'ghcr.io', signatures: [byProd], imports: ['wasi:cli/environment@0.2.0'] }),
    verdict: 'pass',
  },
  {
    title: 'global deny: any component importing wasi:filesystem fails',
    component: ev({ name: 'cart', registry: 'ghcr.io', signatures: [byProd], imports: ['wasi:filesystem/types@0.2.0'] }),
    verdict: 'fail',
    says: ['capabilities of capabilities: import `wasi:filesystem/types@0.2.0` is denied'],
  },
  {
    title: 'allow list: an import outside it fails, named',
    component: ev({
      name: 'sandboxed-widget',
      registry: 'localhost:5000',
      imports: ['wasi:io/streams@0.2.0', 'wasi:http/outgoing-handler@0.2.0'],
    }),
    verdict: 'fail',
    says: ['import `wasi:http/outgoing-handler@0.2.0` is not in the allow list'],
  },
  {
    title: 'allow list: imports inside it pass',
    component: ev({ name: 'sandboxed-widget', registry: 'localhost:5000', imports: ['wasi:io/streams@0.2.0', 'wasi:cli/stdout@0.2.0'] }),
    verdict: 'pass',
  },
  // components by repository path, require-digest
  {
    title: 'company/ecommerce/** matches a bare ref by its repository path; unpinned fails require-digest',
    component: ev({
      name: 'user-service',
      ref: 'ghcr.io/company/ecommerce/user-service:1.2.0',
      registry: 'ghcr.io',
      repository: 'company/ecommerce/user-service',
      signatures: [byProd],
    }),
    verdict: 'fail',
    rules: ['registries[0]', 'components[4]'],
    says: [
      'digest required by components[4] `company/ecommerce/**`: ref `ghcr.io/company/ecommerce/user-service:1.2.0` is not pinned by a digest',
    ],
  },
  {
    title: 'company/ecommerce/**: pinned by digest passes',
    component: ev({
      name: 'company/ecommerce/user-service',
      registry: 'ghcr.io',
      repository: 'company/ecommerce/user-service',
      digest: `sha256:${'a'.repeat(64)}`,
      pinnedByDigest: true,
      signatures: [byProd],
    }),
    verdict: 'pass',
  },
  {
    title: 'a signature over another digest does not count',
    component: ev({
      name: 'cart',
      registry: 'ghcr.io',
      digest: `sha256:${'a'.repeat(64)}`,
      signatures: [{ kind: 'key', publicKeyPem: prodPem, subjectDigest: `sha256:${'b'.repeat(64)}` }],
    }),
    verdict: 'fail',
    says: [`signs sha256:${'b'.repeat(64)}, not sha256:${'a'.repeat(64)}`],
  },
  // environments and modes
  {
    title: 'development: signing required by ghcr.io is relaxed',
    env: 'development',
    component: ev({ name: 'cart', registry: 'ghcr.io' }),
    verdict: 'pass',
    says: ['is relaxed in environment development'],
  },
  {
    title: 'development: capabilities still apply',
    env: 'development',
    component: ev({ name: 'payment-processor', registry: 'ghcr.io', imports: ['wasi:sockets/udp@0.2.0'] }),
    verdict: 'fail',
    says: ['`wasi:sockets/udp@0.2.0`'],
  },
  {
    title: 'audit (mode warn): a failure is a warning',
    env: 'audit',
    component: ev({ name: 'cart', registry: 'ghcr.io' }),
    verdict: 'warn',
    says: ['registries[0]'],
  },
  {
    title: 'production: the local registry must be signed too',
    env: 'production',
    component: ev({ name: 'cart', registry: 'localhost:5000', pinnedByDigest: true }),
    verdict: 'fail',
    rules: ['registries[2]', 'environments.production'],
    says: ['signing required by environments.production'],
  },
  {
    title: 'production: digests are required everywhere',
    env: 'production',
    component: ev({ name: 'cart', ref: 'ghcr.io/acme/cart:1.0', registry: 'ghcr.io', signatures: [byProd] }),
    verdict: 'fail',
    says: ['digest required by environments.production: ref `ghcr.io/acme/cart:1.0` is not pinned by a digest'],
  },
  {
    title: 'production: a registry the policy does not know fails',
    env: 'production',
    component: ev({ name: 'cart', registry: 'quay.io', signatures: [byProd], pinnedByDigest: true }),
    verdict: 'fail',
    says: ['environments.production.unknown-registries: deny: registry `quay.io` matches no registry rule of the policy'],
  },
  {
    title: "production: the environment's own registry rule makes a registry known",
    env: 'production',
    component: ev({ name: 'ml', registry: 'us-central1-docker.pkg.dev', signatures: [byProd], pinnedByDigest: true }),
    verdict: 'pass',
    rules: ['capabilities', 'environments.production.registries[0]', 'environments.production'],
  },
  {
    title: 'production: signed and pinned on ghcr.io passes',
    env: 'production',
    component: ev({ name: 'cart', registry: 'ghcr.io', signatures: [byProd], pinnedByDigest: true }),
    verdict: 'pass',
  },
  // composed components
  {
    title: 'a composed component whose one part is unsigned fails, naming the part',
    component: ev({
      name: 'ecommerce-platform',
      registry: 'ghcr.io',
      signatures: [byProd],
      parts: [
        ev({ name: 'user-service', ref: 'ghcr.io/acme/user-service@sha256:11', registry: 'ghcr.io', signatures: [byProd] }),
        ev({ name: 'inventory-service', ref: 'ghcr.io/acme/inventory-service@sha256:22', registry: 'ghcr.io' }),
      ],
    }),
    verdict: 'fail',
    says: ['part `inventory-service` (ghcr.io/acme/inventory-service@sha256:22) fails: signing required by registries[0]'],
  },
  {
    title: 'a composed component whose parts all pass passes',
    component: ev({
      name: 'ecommerce-platform',
      registry: 'ghcr.io',
      signatures: [byProd],
      parts: [
        ev({ name: 'user-service', registry: 'ghcr.io', signatures: [byProd] }),
        ev({ name: 'dev-mock', registry: 'localhost:5000' }),
      ],
    }),
    verdict: 'pass',
    says: ['all 2 parts pass'],
  },
];

describe('policy engine', () => {
  it('has a table of at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$title', (c) => {
    const report = evaluatePolicy(policy, { ...(c.env ? { environment: c.env } : {}), components: [c.component] });
    const v = report.components[0];
    expect(v).toBeDefined();
    if (!v) return;
    expect(v.verdict, JSON.stringify(v.checks, null, 2)).toBe(c.verdict);
    expect(report.verdict).toBe(c.verdict);
    if (c.verdict === 'pass') expect(v.violations).toEqual([]);
    else expect(v.violations.length).toBeGreaterThan(0);
    const text = c.verdict === 'pass' ? v.checks.map((k) => k.reason).join('\n') : v.violations.join('\n');
    for (const s of c.says ?? []) expect(text).toContain(s);
    if (c.component.unverifiedSignatures?.length) expect(text).not.toContain('the component has no signature');
    for (const r of c.rules ?? []) expect(v.rules).toContain(r);
  });

  it('names the rule and its line in each check', () => {
    const report = evaluatePolicy(policy, { components: [ev({ name: 'cart', registry: 'ghcr.io' })] });
    const check = report.components[0]?.checks.find((k) => k.rule === 'registries[0]');
    expect(check?.position).toEqual({ file: join(dir, 'policy.yaml'), line: 18, column: 5 });
    expect(check?.requirement).toBe('signing required (production_signing_keys)');
  });

  it('applies exactly the matching rules, in policy order', () => {
    const report = evaluatePolicy(policy, {
      components: [ev({ name: 'production-api', registry: 'localhost:5000', signatures: [byProd] })],
    });
    expect(report.components[0]?.rules).toEqual(['capabilities', 'registries[2]', 'components[0]']);
  });

  it('reports signer identities with the authority they belong to', () => {
    const report = evaluatePolicy(policy, {
      components: [ev({ name: 'orders', registry: ECR, signatures: [keyless(RELEASE), byOther] })],
    });
    const signers = report.components[0]?.signers ?? [];
    expect(signers[0]).toBe(`keyless \`${RELEASE}\` (issuer ${ISSUER}) [release_workflow]`);
    expect(signers[1]).toBe(`key ${spkiSha256(otherPem).slice(0, 19)}`);
  });

  it('gives the overall verdict: fail beats warn beats pass', () => {
    const good = ev({ name: 'cart', registry: 'ghcr.io', signatures: [byProd] });
    const bad = ev({ name: 'cart', registry: 'ghcr.io' });
    expect(evaluatePolicy(policy, { components: [good, good] }).verdict).toBe('pass');
    expect(evaluatePolicy(policy, { components: [good, bad] }).verdict).toBe('fail');
    const audit = evaluatePolicy(policy, { environment: 'audit', components: [good, bad] });
    expect(audit.verdict).toBe('warn');
    expect(audit.mode).toBe('warn');
    expect(audit.components.map((c) => c.verdict)).toEqual(['pass', 'warn']);
    expect(evaluatePolicy(policy, { components: [] }).verdict).toBe('pass');
  });

  it('reports the verdict of each part of a composed component', () => {
    const report = evaluatePolicy(policy, {
      components: [
        ev({
          name: 'platform',
          registry: 'ghcr.io',
          signatures: [byProd],
          parts: [
            ev({ name: 'a', registry: 'ghcr.io', signatures: [byProd] }),
            ev({ name: 'b', registry: 'ghcr.io', signatures: [byOther] }),
          ],
        }),
      ],
    });
    expect(report.components[0]?.parts?.map((p) => [p.name, p.verdict])).toEqual([
      ['a', 'pass'],
      ['b', 'fail'],
    ]);
  });

  it('refuses an environment the policy does not define', () => {
    expect(() => evaluatePolicy(policy, { environment: 'prod', components: [] })).toThrow(PolicyError);
    expect(() => evaluatePolicy(policy, { environment: 'prod', components: [] })).toThrow(/environment 'prod' is not defined.*production/);
  });
});

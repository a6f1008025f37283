import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyError } from './engine.ts';
import { loadPolicy, parsePolicy } from './load.ts';
import { assertPublishAllowed, checkPublish, PolicyRefusalError, type PublishRequest } from './publish-gate.ts';

const examplePath = join(import.meta.dirname, '../../examples/ecommerce/policy.yaml');
const policy = loadPolicy(examplePath);
const exampleText = readFileSync(examplePath, 'utf8');
/** The 1-based line of the first line of the example containing `text`. */
const lineOf = (text: string) => exampleText.split('\n').findIndex((l) => l.includes(text)) + 1;

const ECR = '123456789012.dkr.ecr.us-west-2.amazonaws.com';

interface Case {
  title: string;
  req: PublishRequest;
  allowed: boolean;
  /** Rule ids of the refusals, in order. */
  refusedBy?: string[];
  says?: string[];
}

const cases: Case[] = [
  {
    title: 'production: signing required on ghcr.io and no signer configured',
    req: { environment: 'production', registries: ['ghcr.io'], component: 'user-service', signer: false },
    allowed: false,
    refusedBy: ['registries[0]', 'environments.production'],
    says: [
      `signing required by registries[0] \`ghcr.io|required|production_signing_keys\` (${examplePath}:${lineOf('- ghcr.io|required')}:5)`,
      'no signer is configured: pass --key <file> or --keyless',
      'nothing was uploaded',
    ],
  },
  {
    title: 'production: a registry the policy does not know',
    req: { environment: 'production', registries: ['quay.io'], component: 'user-service', signer: true },
    allowed: false,
    refusedBy: ['environments.production.unknown-registries'],
    says: [
      'registry `quay.io` is not known to the policy in environment production: environments.production.unknown-registries: deny',
      `${examplePath}:${lineOf('unknown-registries: deny')}:`,
    ],
  },
  {
    title: 'production: known registries with a signer',
    req: { environment: 'production', registries: ['ghcr.io', ECR, 'us-central1-docker.pkg.dev'], component: 'user-service', signer: true },
    allowed: true,
  },
  {
    title: 'production: even the local registry needs a signer',
    req: { environment: 'production', registries: ['localhost:5000'], component: 'user-service', signer: false },
    allowed: false,
    refusedBy: ['environments.production'],
  },
  {
    title: 'development: signing is optional, no signer needed for ghcr.io',
    req: { environment: 'development', registries: ['ghcr.io'], component: 'user-service', signer: false },
    allowed: true,
  },
  {
    title: 'no environment: local|optional lets an unsigned push through',
    req: { registries: ['localhost:5000'], component: 'cart', signer: false },
    allowed: true,
  },
  {
    title: 'no environment: production-* requires a signer even on the local registry',
    req: { registries: ['localhost:5000'], component: 'production-api', signer: false },
    allowed: false,
    refusedBy: ['components[0]'],
    says: ['signing required by components[0] `production-*|required|production_signing_keys`'],
  },
  {
    title: 'no environment: default_signing_required applies to a registry no rule names',
    req: { registries: ['quay.io'], component: 'cart', signer: false },
    allowed: false,
    refusedBy: ['default'],
    says: ['signing required by default (default_signing_required: true)'],
  },
  {
    title: 'staging: signing required everywhere',
    req: { environment: 'staging', registries: ['127.0.0.1:5000'], component: 'cart', signer: false },
    allowed: false,
    refusedBy: ['environments.staging'],
  },
  {
    title: 'several targets: only the one that requires signing is refused',
    req: { registries: ['localhost:5000', 'docker.io'], component: 'cart', signer: false },
    allowed: false,
    refusedBy: ['registries[1]'],
    says: ['on docker.io'],
  },
];

describe('publish gate', () => {
  it.each(cases)('$title', (c) => {
    const decision = checkPublish(policy, c.req);
    expect(decision.allowed).toBe(c.allowed);
    if (decision.allowed) {
      expect(decision.warnings).toEqual([]);
      return;
    }
    expect(decision.refusals.map((r) => r.rule)).toEqual(c.refusedBy);
    for (const s of c.says ?? []) expect(decision.message).toContain(s);
  });

  it('refuses a component whose imports a capability rule denies, naming the import', () => {
    const d = checkPublish(policy, {
      registries: ['docker.io'],
      component: 'payment-processor',
      signer: true,
      imports: ['wasi:cli/environment@0.2.0', 'wasi:sockets/tcp@0.2.0'],
    });
    expect(d.allowed).toBe(false);
    if (d.allowed) return;
    expect(d.refusals.map((r) => r.rule)).toEqual(['components[3]']);
    expect(d.message).toContain(
      `capabilities of components[3] \`payment-processor\`: import \`wasi:sockets/tcp@0.2.0\` is denied (matches \`wasi:sockets/*\`) (${examplePath}:${lineOf('match: payment-processor')}:`,
    );
    const ok = checkPublish(policy, {
      registries: ['docker.io'],
      component: 'payment-processor',
      signer: true,
      imports: ['wasi:cli/environment@0.2.0'],
    });
    expect(ok.allowed).toBe(true);
  });

  it('throws a PolicyRefusalError carrying the refusals', () => {
    const req: PublishRequest = { environment: 'production', registries: ['quay.io'], component: 'cart', signer: false };
    let err: unknown;
    try {
      assertPublishAllowed(policy, req);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyRefusalError);
    const refusal = err as PolicyRefusalError;
    expect(refusal.code).toBe('POLICY_REFUSED');
    expect(refusal.refusals.map((r) => [r.registry, r.rule])).toEqual([
      ['quay.io', 'environments.production.unknown-registries'],
      ['quay.io', 'default'],
      ['quay.io', 'environments.production'],
    ]);
    expect(refusal.message).toMatch(/^policy .*policy\.yaml refuses to publish `cart` in environment production; nothing was uploaded/);
  });

  it('returns the rules that applied when allowed', () => {
    const decision = assertPublishAllowed(policy, { environment: 'production', registries: ['ghcr.io'], component: 'cart', signer: true });
    expect(decision.rules).toEqual(['registries[0]', 'environments.production']);
  });

  describe('with a known signer identity', () => {
    const examplePub = readFileSync(join(import.meta.dirname, '../../examples/ecommerce/keys/production_signing_keys.pub'), 'utf8');
    const strangerPub = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ISSUER = 'https://token.actions.githubusercontent.com';
    const WORKFLOW = 'https://github.com/company/ecommerce/.github/workflows/release.yml';

    it('allows the key of the authority the rule names', () => {
      const d = checkPublish(policy, {
        environment: 'production',
        registries: ['ghcr.io', 'docker.io'],
        component: 'user-service',
        signer: { kind: 'key', publicKeyPem: examplePub },
      });
      expect(d.allowed).toBe(true);
    });

    it('refuses a key that no authority of the rule holds, before upload', () => {
      const d = checkPublish(policy, {
        environment: 'production',
        registries: ['ghcr.io'],
        component: 'user-service',
        signer: { kind: 'key', publicKeyPem: strangerPub },
      });
      expect(d.allowed).toBe(false);
      if (d.allowed) return;
      expect(d.refusals.map((r) => r.rule)).toEqual(['registries[0]', 'environments.production']);
      expect(d.message).toContain(
        'but the configured signer would not satisfy it: no signature by an authority of production_signing_keys',
      );
    });

    it('allows a keyless identity from the release workflow at a tag, refuses one from a branch', () => {
      const at = (ref: string) =>
        checkPublish(policy, {
          registries: ['us-central1-docker.pkg.dev'],
          component: 'recommendations',
          signer: { kind: 'keyless', issuer: ISSUER, subject: `${WORKFLOW}@${ref}` },
        });
      expect(at('refs/tags/v1.8.0').allowed).toBe(true);
      const refused = at('refs/heads/main');
      expect(refused.allowed).toBe(false);
      expect(!refused.allowed && refused.message).toContain(`keyless \`${WORKFLOW}@refs/heads/main\``);
    });

    it('allows a keyless signer whose identity is not known yet (verify checks it later)', () => {
      const d = checkPublish(policy, {
        registries: ['us-central1-docker.pkg.dev'],
        component: 'recommendations',
        signer: { kind: 'keyless' },
      });
      expect(d.allowed).toBe(true);
    });
  });

  it('in warn mode allows the push and returns what it would refuse as warnings', () => {
    const warn = parsePolicy('/tmp/warn-policy.yaml', 'mode: warn\nregistries:\n  - ghcr.io|required\n');
    const decision = checkPublish(warn, { registries: ['ghcr.io'], component: 'cart', signer: false });
    expect(decision.allowed).toBe(true);
    expect(decision.mode).toBe('warn');
    expect(decision.allowed && decision.warnings.map((w) => w.rule)).toEqual(['registries[0]']);
  });

  it('refuses an environment the policy does not define', () => {
    expect(() => checkPublish(policy, { environment: 'prod', registries: ['ghcr.io'], component: 'cart', signer: true })).toThrow(
      PolicyError,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { LockFile } from './lock.ts';
import { type PromotionPlanReport, parsePromotionPlan, promotionPlanMarkdown, promotionResultMarkdown } from './promotion-report.ts';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const plan: PromotionPlanReport = {
  spec: 'flotilla.yaml',
  environment: 'production',
  from: { environment: 'staging', lock: 'flotilla.staging.lock.json' },
  current: 'tags',
  policy: 'policy.yaml',
  verdict: 'fail',
  components: [
    {
      name: 'cart',
      target: 'ghcr.io/acme/cart:v1',
      current: { digest: A, version: 'v1' },
      next: { digest: B, version: 'v1', from: 'ghcr.io/acme/cart:v1-staging' },
      change: 'update',
      verdict: 'pass',
      rules: [
        {
          rule: 'environments.production',
          requirement: 'signing required',
          status: 'pass',
          reason: 'signed by release',
          at: 'policy.yaml:9:3',
        },
      ],
    },
    {
      name: 'pay|ments',
      target: 'ghcr.io/acme/payments:v3',
      current: undefined,
      next: { digest: A, version: 'v3', from: 'ghcr.io/acme/payments:v3-staging' },
      change: 'new',
      verdict: 'fail',
      rules: [{ rule: 'registries[0]', requirement: 'signing required', status: 'fail', reason: 'no signature by release' }],
    },
  ],
};

describe('promotion summaries', () => {
  it('the plan: a row per component with current and new digests, the rules with their lines, and why a refusal', () => {
    const md = promotionPlanMarkdown(plan);
    expect(md).toContain('### Promotion to production: plan (**refused by the policy**)');
    expect(md).toContain(`| cart | update | v1 \`${A.slice(0, 19)}…\` | v1 \`${B.slice(0, 19)}…\` |`);
    expect(md).toContain('✅ signing required (policy.yaml:9:3)');
    // a pipe in a name cannot break the table
    expect(md).toContain('| pay\\|ments | new | none |');
    expect(md).toContain('- pay|ments: no signature by release');
  });

  it('the result: each component as planned or not, against the lock written', () => {
    const lock = {
      components: [
        { name: 'cart', digest: B },
        { name: 'pay|ments', digest: B },
      ],
    } as unknown as LockFile;
    const md = promotionResultMarkdown(plan, {
      conclusion: 'success',
      strategy: 'direct',
      lock,
      manifestDigest: A,
      refs: ['ghcr.io/acme/shop:1'],
    });
    expect(md).toMatch(/\| cart \| `sha256:b{12}…` \| `sha256:b{12}…` \| as planned \|/);
    expect(md).toMatch(/\| pay\\\|ments \| `sha256:a{12}…` \| `sha256:b{12}…` \| \*\*differs from the plan\*\* \|/);
    expect(md).toContain(`published: \`${A}\` to \`ghcr.io/acme/shop:1\``);
    expect(promotionResultMarkdown(plan, { conclusion: 'failure', strategy: 'direct' })).toContain(
      "Nothing was promoted: production's lock was not written.",
    );
  });

  it('reads a plan back, refusing what is not one', () => {
    expect(parsePromotionPlan('p.json', JSON.stringify(plan)).components[0]?.name).toBe('cart');
    expect(() => parsePromotionPlan('p.json', '{')).toThrow(/^p\.json: not a promotion plan/);
    expect(() =>
      parsePromotionPlan('p.json', JSON.stringify({ environment: 'x', components: [{ name: 'a', next: { digest: 'sha256:1' } }] })),
    ).toThrow(/components\[0\] has no name or no sha256 digest/);
    expect(() => parsePromotionPlan('p.json', 'x'.repeat((1 << 20) + 1))).toThrow(/over 1048576 bytes/);
  });
});

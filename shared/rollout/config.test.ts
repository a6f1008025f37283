import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/yaml-source.ts';
import { parseSpec } from '../release/spec.ts';
import { environmentRollout, strategyFor } from './config.ts';

const HEAD = `name: shop
package: shop:platform@1.0.0
components:
  gateway: ghcr.io/acme/gateway:1.0.0
  user-service: ghcr.io/acme/users:2.0.0
composition:
  plug:
    socket: gateway
`;

const GOOD = `${HEAD}rollout:
  repository: ghcr.io/acme/shop
  canary:
    component: user-service
    steps:
      - setWeight: 10
      - pause: {duration: 30s}
      - analysis:
          templates: [success-rate]
          args: {service: users}
      - setWeight: 50
      - pause: {}
    analysis:
      templates: [{templateName: latency}]
      startingStep: 1
  blueGreen:
    prePromotionAnalysis: {templates: [smoke]}
    autoPromotion: false
  analysisTemplates:
    success-rate:
      args: [{name: service}]
      metrics:
        - name: success-rate
          interval: 1s
          count: 3
          failureLimit: 1
          compare: stable
          successCondition: result[0] >= 0.95
          provider:
            prometheus:
              address: http://127.0.0.1:9090
              query: sum(rate(ok{service="{{args.service}}",version="{{version}}"}[30s]))
    latency:
      interval: 2s
      failureCondition: result > 0.5
      noData: failed
      provider:
        web:
          url: http://127.0.0.1:8080/stats?v={{version}}
          jsonPath: "{$.latency.p99}"
          headers: [{key: Authorization, valueFrom: {env: STATS_TOKEN}}]
    smoke:
      provider:
        command: {argv: [./smoke.sh, "{{digest}}"], result: exitCode}
environments:
  staging: {}
  production:
    rollout:
      tag: prod
      strategies: [canary]
`;

const spec = (text: string) => parseSpec('/work/flotilla.yaml', text);

function failure(text: string): ConfigError {
  try {
    spec(text);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('no error');
}

/** Line and column of the first occurrence of `needle` in `text` (1-based). */
function at(text: string, needle: string, offset = 0): string {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`'${needle}' not in the spec`);
  const before = text.slice(0, i + offset);
  const line = before.split('\n').length;
  const column = i + offset - before.lastIndexOf('\n');
  return `/work/flotilla.yaml:${line}:${column}`;
}

describe('the rollout section of a spec', () => {
  it('reads steps, templates, background analysis, blue-green and environments', () => {
    const s = spec(GOOD);
    const r = s.rollout;
    if (!r) throw new Error('no rollout');
    expect(r.repository).toBe('ghcr.io/acme/shop');
    expect(r.canary.component).toBe('user-service');
    expect(r.canary.steps.map((x) => x.kind)).toEqual(['setWeight', 'pause', 'analysis', 'setWeight', 'pause']);
    expect(r.canary.steps[1]).toMatchObject({ kind: 'pause', durationMs: 30_000 });
    expect(r.canary.steps[4]).not.toHaveProperty('durationMs');
    expect(r.canary.steps[2]).toMatchObject({
      kind: 'analysis',
      analysis: { templates: [{ name: 'success-rate' }], args: { service: 'users' } },
    });
    expect(r.canary.background).toMatchObject({ templates: [{ name: 'latency' }], startingStep: 1 });
    expect(r.blueGreen.autoPromotion).toBe(false);
    const sr = r.templates.get('success-rate')?.metrics[0];
    expect(sr).toMatchObject({
      name: 'success-rate',
      intervalMs: 1000,
      count: 3,
      failureLimit: 1,
      inconclusiveLimit: 0,
      consecutiveErrorLimit: 4,
      noData: 'inconclusive',
      compare: true,
    });
    expect(sr?.successCondition?.source).toBe('result[0] >= 0.95');
    const lat = r.templates.get('latency')?.metrics[0];
    expect(lat).toMatchObject({
      name: 'latency',
      intervalMs: 2000,
      noData: 'failed',
      provider: { kind: 'web', jsonPath: '{$.latency.p99}', headers: [{ name: 'Authorization', valueFromEnv: 'STATS_TOKEN' }] },
    });
    expect(lat).not.toHaveProperty('count');
    expect(r.templates.get('smoke')?.metrics[0]?.provider).toMatchObject({
      kind: 'command',
      argv: ['./smoke.sh', '{{digest}}'],
      result: 'exitCode',
    });
    const prod = environmentRollout(r, 'production', s.file);
    expect(prod).toMatchObject({
      tag: 'prod',
      stableTag: 'prod-stable',
      previousTag: 'prod-previous',
      canaryTag: 'prod-canary',
      previewTag: 'prod-preview',
      stateTag: 'flotilla-rollout-production',
      strategies: ['canary'],
      strategy: 'canary',
    });
    expect(environmentRollout(r, 'staging', s.file)).toMatchObject({ tag: 'staging', strategies: ['canary', 'blue-green'] });
  });

  it('a whole-app canary reads its sticky header or cookie', () => {
    for (const [yaml, want] of [
      ['{header: X-User}', { header: 'X-User' }],
      ['{cookie: session}', { cookie: 'session' }],
    ] as const) {
      const r = spec(GOOD.replace('    component: user-service\n', `    sticky: ${yaml}\n`)).rollout;
      expect(r?.canary.component).toBeUndefined();
      expect(r?.canary.sticky).toEqual(want);
    }
    expect(spec(GOOD).rollout?.canary.sticky).toBeUndefined();
  });

  it('a spec without rollout has none', () => {
    expect(spec(HEAD).rollout).toBeUndefined();
  });

  it('a strategy the environment does not allow is refused at its strategies line', () => {
    const r = spec(GOOD).rollout;
    if (!r) throw new Error('no rollout');
    const prod = environmentRollout(r, 'production', '/work/flotilla.yaml');
    expect(() => strategyFor(prod, 'blue-green')).toThrow(
      `${at(GOOD, '[canary]\n')}: environments.production.rollout.strategies: strategy 'blue-green' is not allowed in environment 'production' (allowed: canary)`,
    );
    expect(strategyFor(prod, undefined)).toBe('canary');
    expect(() => environmentRollout(r, 'qa', '/work/flotilla.yaml')).toThrow(
      /environment 'qa' is not in \/work\/flotilla.yaml; known: staging, production/,
    );
  });
});

describe('every bad input gets its spec line', () => {
  const cases: [string, string, string, string, RegExp][] = [
    [
      'unknown step kind',
      '      - setWeight: 50\n',
      '      - setWieght: 50\n',
      'setWieght',
      /unknown step kind 'setWieght' \(did you mean setWeight\?\); a step is setWeight, pause or analysis/,
    ],
    [
      'weight out of range',
      '      - setWeight: 50\n',
      '      - setWeight: 150\n',
      '150',
      /setWeight 150 is out of range: a weight is a whole percent from 0 to 100/,
    ],
    [
      'a template that does not exist',
      'templates: [success-rate]',
      'templates: [success-rat]',
      'success-rat]',
      /analysis template 'success-rat' does not exist \(did you mean success-rate\?\); known: success-rate, latency, smoke/,
    ],
    [
      'a canary component not in the composition',
      'component: user-service',
      'component: users',
      'users\n',
      /canary component 'users' is not in the composition; components: gateway, user-service/,
    ],
    [
      'an unsupported Argo step',
      '      - pause: {}\n',
      '      - setCanaryScale: {replicas: 1}\n',
      'setCanaryScale',
      /step 'setCanaryScale' of Argo Rollouts is not supported/,
    ],
    ['a step with two keys', '      - pause: {}\n', '      - {pause: {}, setWeight: 5}\n', '{pause', /a step has exactly one key/],
    [
      'a bad duration',
      'duration: 30s',
      'duration: 30 seconds',
      '30 seconds',
      /'30 seconds' is not a duration; write 500ms, 30s, 5m or 1h30m/,
    ],
    ['an unknown placeholder', '{{version}}"}[30s]', '{{verison}}"}[30s]', 'sum(rate', /unknown placeholder '\{\{verison\}\}'/],
    [
      'count without interval',
      '          interval: 1s\n          count: 3\n',
      '          count: 3\n',
      '3\n          failureLimit',
      /count 3 needs an interval/,
    ],
    [
      'a bad noData',
      'noData: failed',
      'noData: rollback',
      'rollback',
      /noData is inconclusive \(the default\), failed, successful or error; got 'rollback'/,
    ],
    ['startingStep past the end', 'startingStep: 1', 'startingStep: 9', '9\n', /startingStep 9 is past the last step \(steps 0 to 4\)/],
    [
      'a missing arg',
      'args: {service: users}',
      'args: {other: users}',
      'templates: [success-rate]',
      /template 'success-rate' uses \{\{args.service\}\}, which this analysis does not give/,
    ],
    ['an unknown provider', 'command: {argv', 'comand: {argv', 'comand', /unknown provider 'comand' \(did you mean command\?\)/],
    ['a URL with credentials', 'http://127.0.0.1:9090', 'http://u:p@127.0.0.1:9090', 'http://u:p', /credentials do not belong in a URL/],
    ['compare without {{version}}', 'version="{{version}}"}', 'version="canary"}', 'stable\n', /compare.*needs \{\{version\}\}/],
    [
      'two environments on one tag',
      '      tag: prod\n',
      '      tag: staging\n',
      'staging\n      strategies',
      /tag 'staging' is used by environments 'staging' and 'production'/,
    ],
    [
      'sticky with a canary component',
      '    component: user-service\n',
      '    component: user-service\n    sticky: {header: x-user}\n',
      '{header',
      /sticky routing reads an HTTP header or cookie: it applies to a canary of the whole app, split at its wasi:http edge; remove it, or remove canary.component 'user-service'/,
    ],
    [
      'a sticky header that is not an HTTP token',
      '    component: user-service\n',
      '    sticky: {header: "x user"}\n',
      '{header',
      /sticky is \{header: <name>\} or \{cookie: <name>\}/,
    ],
    ['a schema violation', '  blueGreen:\n', '  blueGreen:\n    autoPromote: true\n', 'autoPromote', /unknown field 'autoPromote'/],
  ];
  it.each(cases)('%s', (_name, from, to, needle, message) => {
    const text = GOOD.replace(from, to);
    expect(text).not.toBe(GOOD);
    const e = failure(text);
    expect(e.message).toMatch(message);
    expect(e.message.startsWith(`${at(text, needle)}: `)).toBe(true);
  });

  it('a condition that does not parse points at its column in the spec', () => {
    const text = GOOD.replace('successCondition: result[0] >= 0.95', 'successCondition: result[0] = 0.95');
    const e = failure(text);
    expect(e.code).toBe('SPEC_ROLLOUT_CONDITION');
    expect(e.message).toContain(
      `${at(text, '= 0.95')}: rollout.analysisTemplates.success-rate.metrics[0].successCondition: '=' is not an operator; compare with '==' (column 11 of the condition)`,
    );
    expect(e.message).toContain('result[0] = 0.95\n          ^');
    const quoted = GOOD.replace('failureCondition: result > 0.5', 'failureCondition: "result > > 0.5"');
    expect(failure(quoted).message.startsWith(`${at(quoted, '> 0.5"')}: `)).toBe(true);
  });

  it('an environment rollout without the spec-level section is refused', () => {
    const e = failure(`${HEAD}environments:\n  prod:\n    rollout: {tag: prod}\n`);
    expect(e.message).toMatch(/environments.prod.rollout: an environment rollout needs the spec-level rollout: section/);
  });

  it('gateway-api settings are checked', () => {
    const base = `${HEAD}rollout:\n  repository: ghcr.io/acme/shop\n  traffic:\n    provider: gateway-api\n    gatewayApi:\n`;
    expect(failure(`${base}      output: deploy\n`).message).toMatch(/gatewayApi needs parentRefs/);
    expect(failure(`${base}      parentRefs: [{name: gw}]\n`).message).toMatch(/give output: <folder> \(GitOps\), kubectl: true, or both/);
    expect(failure(`${base}      parentRefs: [{name: Gw}]\n      output: deploy\n`).message).toMatch(
      /parentRefs name 'Gw' is not a Kubernetes name/,
    );
    const ok = spec(
      `${base}      parentRefs: [{name: gw, namespace: infra}]\n      output: deploy\n      hostnames: [shop.example.com]\n`,
    ).rollout;
    expect(ok?.canary.traffic).toBe('gateway-api');
    expect(ok?.environments.size).toBe(0);
  });
});

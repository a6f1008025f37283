import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/yaml-source.ts';
import { UsageError } from '../errors.ts';
import { type PlannedComponent, resolvePlan } from './plan.ts';
import { loadSpec } from './spec.ts';
import { folderWith, lineOf, lines } from './test-fixtures.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/ecommerce/flotilla.yaml');

/** The example spec in a temporary folder beside an empty platform.wac (the WAC file is the examples' to write). */
function exampleSpec() {
  const dir = folderWith({ 'platform.wac': '', 'policy.yaml': '' });
  copyFileSync(EXAMPLE, join(dir, 'flotilla.yaml'));
  return { dir, spec: loadSpec(join(dir, 'flotilla.yaml')) };
}

function where(c: PlannedComponent): string {
  return c.source.kind === 'path' ? `path ${c.source.relative}` : c.source.text;
}

const SEED_REFS = {
  'user-service': 'ghcr.io/company/ecommerce/user-service:v2.1.0',
  'product-catalog': 'ghcr.io/company/ecommerce/product-catalog:v1.8.0',
  inventory: 'ghcr.io/company/ecommerce/inventory:v1.5.0',
  orders: 'ghcr.io/company/ecommerce/orders:v2.0.0',
  cart: 'ghcr.io/company/ecommerce/cart:v1.2.0',
  'payment-processor': 'docker.io/stripe/payment-processor:v3.2.0',
  'fraud-detection': 'docker.io/sift/fraud-detection:v2.0.0',
  search: '123456789.dkr.ecr.us-west-2.amazonaws.com/search:v2.5.0',
  recommendations: 'us-central1-docker.pkg.dev/company/ml/recommendations:v1.8.0',
};

const EDGE = ['gateway', 'web-frontend', 'storefront'];
const SPEC_ORDER = ['gateway', ...Object.keys(SEED_REFS), 'web-frontend', 'storefront'];
/** The refs of an environment in spec order: the edge components as CI published them, the services with `suffix`. */
const refsOf = (edgeTag: string, suffix: string) =>
  SPEC_ORDER.map((n) => (EDGE.includes(n) ? `ghcr.io/company/edge/${n}:${edgeTag}` : `${SEED_REFS[n as keyof typeof SEED_REFS]}${suffix}`));

describe('the e-commerce example spec', () => {
  it('as written: the gateway is local, the services keep their seed refs and registries', () => {
    const { dir, spec } = exampleSpec();
    const plan = resolvePlan(spec);
    expect(plan.package).toMatchObject({ id: 'ecommerce:platform', version: '1.0.0' });
    expect(plan.composition).toMatchObject({ kind: 'wac', file: join(dir, 'platform.wac') });
    expect(Object.fromEntries(plan.components.map((c) => [c.name, where(c)]))).toEqual({
      gateway: 'path build/gateway.wasm',
      ...SEED_REFS,
      'web-frontend': 'path build/web-frontend.wasm',
      storefront: 'path build/storefront.wasm',
    });
    expect(plan.components.every((c) => c.package === `ecommerce:${c.name}`)).toBe(true);
    expect(Object.fromEntries(plan.components.map((c) => [c.name, c.registry]))).toMatchObject({
      'user-service': 'github',
      'payment-processor': 'docker',
      search: 'aws',
      recommendations: 'google',
    });
    expect(plan.policy).toEqual({ requireDigest: false, requireSignature: false });
  });

  it('development: every ref in the embedded store, payment and fraud replaced by local mocks', () => {
    const { dir, spec } = exampleSpec();
    const plan = resolvePlan(spec, 'development');
    const byName = Object.fromEntries(plan.components.map((c) => [c.name, c]));
    expect(where(byName.cart as PlannedComponent)).toBe('oci:.flotilla/registry/company/ecommerce/cart:v1.2.0');
    expect(byName.cart?.source).toMatchObject({
      ref: { kind: 'layout', path: join(dir, '.flotilla/registry/company/ecommerce/cart'), tag: 'v1.2.0' },
    });
    expect(byName.cart?.registry).toBe('embedded');
    expect(where(byName.search as PlannedComponent)).toBe('oci:.flotilla/registry/search:v2.5.0');
    expect(byName['payment-processor']).toMatchObject({
      package: 'ecommerce:payment-processor',
      overridden: true,
      source: { kind: 'path', path: join(dir, 'build/payment-mock.wasm') },
    });
    expect(where(byName['fraud-detection'] as PlannedComponent)).toBe('path build/fraud-mock.wasm');
    // The mock's origin is the environment's line, for annotations.
    expect(byName['fraud-detection']?.origin.field).toBe('environments.development.components.fraud-detection');
  });

  it('staging: staging tags; FLOTILLA_STAGING_REGISTRY (or registryOverride) moves every ref to one registry', () => {
    const { spec } = exampleSpec();
    const real = resolvePlan(spec, 'staging', { vars: {} });
    // the gateway as CI published it (a replacement keeps the tag it is written with), then the services with the suffix
    const staged = refsOf('v1.0.0-staging', '-staging');
    expect(real.components.filter((c) => c.source.kind === 'ref').map(where)).toEqual(staged);

    const viaVar = resolvePlan(spec, 'staging', { vars: { FLOTILLA_STAGING_REGISTRY: '127.0.0.1:5123' } });
    const expected = staged.map((r) => `127.0.0.1:5123/${r.slice(r.indexOf('/') + 1)}`);
    expect(viaVar.components.filter((c) => c.source.kind === 'ref').map(where)).toEqual(expected);
    expect(where(viaVar.components[0] as PlannedComponent)).toBe('127.0.0.1:5123/company/edge/gateway:v1.0.0-staging');

    const viaOption = resolvePlan(spec, 'staging', { registryOverride: '127.0.0.1:5123' });
    expect(viaOption.components.map(where)).toEqual(viaVar.components.map(where));
    expect(viaOption.components[1]?.rewrittenBy).toBe('registry-override');
  });

  it('production: digests, signatures and the policy required; FLOTILLA_PRODUCTION_REGISTRY moves every ref', () => {
    const { dir, spec } = exampleSpec();
    const plan = resolvePlan(spec, 'production');
    const file = join(dir, 'flotilla.yaml');
    expect(plan.policy).toEqual({
      requireDigest: true,
      requireSignature: true,
      file: join(dir, 'policy.yaml'),
      fileOrigin: expect.objectContaining({ file, line: lineOf(file, '    policy: policy.yaml') }),
      requireSignatureOrigin: expect.objectContaining({ file, line: lineOf(file, '    require-signature: true') }),
    });
    expect(plan.components.filter((c) => c.source.kind === 'ref').map(where)).toEqual(refsOf('v1.0.0', ''));
    const moved = resolvePlan(spec, 'production', { vars: { FLOTILLA_PRODUCTION_REGISTRY: '127.0.0.1:5124' } });
    expect(where(moved.components[1] as PlannedComponent)).toBe('127.0.0.1:5124/company/ecommerce/user-service:v2.1.0');
  });

  it('an unknown environment lists the known ones at the environments line', () => {
    const { dir, spec } = exampleSpec();
    let err: unknown;
    try {
      resolvePlan(spec, 'prod');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(
      `${join(dir, 'flotilla.yaml')}:${lineOf(join(dir, 'flotilla.yaml'), 'environments:')}:1: environments: environment 'prod' is not defined; known environments: development, observed, staging, production`,
    );
  });
});

describe('plans', () => {
  const base = ['name: shop', 'package: acme:shop@1.0.0'];

  it('plug mode: every other component plugs into the socket, in spec order', () => {
    const dir = folderWith({
      'flotilla.yaml': lines(
        ...base,
        'components:',
        '  svc-b: b.wasm',
        '  front: front.wasm',
        '  svc-a: ghcr.io/acme/a:v1',
        'composition:',
        '  plug: { socket: front }',
      ),
    });
    const plan = resolvePlan(loadSpec(join(dir, 'flotilla.yaml')));
    expect(plan.composition).toMatchObject({ kind: 'plug', socket: 'front', plugs: ['svc-b', 'svc-a'], origin: { line: 8 } });
  });

  it('rewrites: host and registry-name rules before *, prefixes, oci: folders, tag suffix only on inherited refs', () => {
    const dir = folderWith({
      'app.wac': '',
      'flotilla.yaml': lines(
        ...base,
        'registries:',
        '  - github|ghcr.io|oci',
        '  - azure|*.azurecr.io|oci|basic|AZ_USER|AZ_PASSWORD',
        '  - mirror|mirror.example.com:8443|oci',
        '  - hub|docker.io|oci',
        'components:',
        '  a: ghcr.io/acme/a:v1',
        '  b: x.azurecr.io/team/b:v2',
        `  c: docker.io/library/c@sha256:${'c'.repeat(64)}`,
        '  d: oci:vendored/d:v4',
        '  e: ghcr.io/acme/e:v5',
        'composition: { wac: app.wac }',
        'environments:',
        '  test:',
        '    tag-suffix: -rc',
        '    rewrite:',
        '      "*": oci:/srv/store',
        '      azure: mirror',
        '      ghcr.io: localhost:5000/cache',
        '    components:',
        '      e: ghcr.io/acme/e-next:v6',
      ),
    });
    const plan = resolvePlan(loadSpec(join(dir, 'flotilla.yaml')), 'test');
    const byName = Object.fromEntries(plan.components.map((c) => [c.name, c]));
    expect(where(byName.a as PlannedComponent)).toBe('localhost:5000/cache/acme/a:v1-rc');
    expect(byName.a?.rewrittenBy).toMatchObject({ line: 21, field: 'environments.test.rewrite.ghcr.io' });
    expect(where(byName.b as PlannedComponent)).toBe('mirror.example.com:8443/team/b:v2-rc');
    expect(byName.b?.registry).toBe('mirror');
    expect(byName.c?.source).toMatchObject({ ref: { kind: 'layout', path: '/srv/store/library/c', digest: `sha256:${'c'.repeat(64)}` } });
    expect(where(byName.d as PlannedComponent)).toBe('oci:vendored/d:v4-rc');
    expect(byName.d?.source).toMatchObject({ ref: { path: join(dir, 'vendored/d') } });
    // Replacements are taken as written (no suffix) but still follow the rewrites.
    expect(where(byName.e as PlannedComponent)).toBe('localhost:5000/cache/acme/e-next:v6');
  });

  it('an unset variable without default is an error at the rewrite line', () => {
    const dir = folderWith({
      'app.wac': '',
      'flotilla.yaml': lines(
        ...base,
        'components: { a: ghcr.io/acme/a:v1 }',
        'composition: { wac: app.wac }',
        'environments:',
        '  ci:',
        '    rewrite:',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the spec's own ${VAR} syntax
        '      "*": ${CI_REGISTRY}',
        'variables: [CI_REGISTRY]',
      ),
    });
    const spec = loadSpec(join(dir, 'flotilla.yaml'));
    expect(() => resolvePlan(spec, 'ci', { vars: {} })).toThrow(
      `${join(dir, 'flotilla.yaml')}:8:12: environments.ci.rewrite.*: environment variable CI_REGISTRY is not set; set it, or write \${CI_REGISTRY:-default}`,
    );
    expect(where(resolvePlan(spec, 'ci', { vars: { CI_REGISTRY: 'registry.ci:5000' } }).components[0] as PlannedComponent)).toBe(
      'registry.ci:5000/acme/a:v1',
    );
  });

  it('a rewrite target that is not a host is an error at its line; an empty override is a usage error', () => {
    const dir = folderWith({
      'app.wac': '',
      'flotilla.yaml': lines(
        ...base,
        'components: { a: ghcr.io/acme/a:v1 }',
        'composition: { wac: app.wac }',
        'environments:',
        '  x:',
        '    rewrite: { "*": not-a-host }',
      ),
    });
    const spec = loadSpec(join(dir, 'flotilla.yaml'));
    expect(() => resolvePlan(spec, 'x')).toThrow(
      `${join(dir, 'flotilla.yaml')}:7:21: environments.x.rewrite.*: rewrite target 'not-a-host' must be host[:port][/prefix]`,
    );
    expect(() => resolvePlan(spec, 'x', { registryOverride: ' ' })).toThrow(UsageError);
  });

  it('a spec without environments says so when one is asked for', () => {
    const dir = folderWith({
      'app.wac': '',
      'flotilla.yaml': lines(...base, 'components: { a: a.wasm }', 'composition: { wac: app.wac }'),
    });
    expect(() => resolvePlan(loadSpec(join(dir, 'flotilla.yaml')), 'staging')).toThrow(
      `${join(dir, 'flotilla.yaml')}:1:1: environments: environment 'staging' is not defined; the spec has no environments`,
    );
  });
});

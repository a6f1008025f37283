import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/yaml-source.ts';
import { parseReference } from '../oci/reference.ts';
import { registryConfigOf, registryFor } from './registries.ts';
import { loadSpec } from './spec.ts';
import { folderWith, lines } from './test-fixtures.ts';

function load(text: string, files: Record<string, string> = { 'app.wac': '' }) {
  const dir = folderWith({ 'flotilla.yaml': text, ...files });
  return { dir, file: join(dir, 'flotilla.yaml'), spec: () => loadSpec(join(dir, 'flotilla.yaml')) };
}

function errorOf(text: string, files?: Record<string, string>): { err: ConfigError; file: string } {
  const { file, spec } = load(text, files);
  try {
    spec();
  } catch (err) {
    if (err instanceof ConfigError) return { err, file };
    throw err;
  }
  throw new Error('expected the spec to be refused');
}

describe('composition spec: forms', () => {
  it('reads the short form: .wasm and ./ are paths, the rest refs; packages default to <namespace>:<name>', () => {
    const { dir, spec } = load(
      lines(
        'name: shop',
        'package: acme:shop@0.3.0',
        'components:',
        '  front: build/front.wasm',
        '  local-one: ./dist/one',
        '  users: ghcr.io/acme/users:v1',
        '  stock: oci:store/stock:v2',
        'composition:',
        '  wac: app.wac',
      ),
    );
    const s = spec();
    expect(s.name).toBe('shop');
    expect(s.package).toEqual({ namespace: 'acme', name: 'shop', version: '0.3.0', id: 'acme:shop' });
    expect(s.components.map((c) => [c.name, c.package, c.source.kind])).toEqual([
      ['front', 'acme:front', 'path'],
      ['local-one', 'acme:local-one', 'path'],
      ['users', 'acme:users', 'ref'],
      ['stock', 'acme:stock', 'ref'],
    ]);
    expect(s.components[0]?.source).toEqual({ kind: 'path', written: 'build/front.wasm', path: join(dir, 'build/front.wasm') });
    expect(s.components[2]?.source).toMatchObject({ kind: 'ref', ref: parseReference('ghcr.io/acme/users:v1') });
    expect(s.components[2]?.origin).toMatchObject({ line: 6, column: 3, field: 'components.users' });
    expect(s.composition).toMatchObject({ kind: 'wac', written: 'app.wac', file: join(dir, 'app.wac') });
  });

  it('reads the long form with package and version', () => {
    const s = load(
      lines(
        'name: shop',
        'package: acme:shop',
        'components:',
        '  front: { path: front.wasm }',
        '  users:',
        `    ref: ghcr.io/acme/users@sha256:${'a'.repeat(64)}`,
        '    package: other:people',
        '    version: 1.2.3',
        'composition: { wac: app.wac }',
      ),
    ).spec();
    expect(s.package.version).toBeUndefined();
    const users = s.components[1];
    expect(users).toMatchObject({ name: 'users', package: 'other:people', version: '1.2.3' });
    expect(users?.sourceOrigin).toMatchObject({ line: 6, column: 10, field: 'components.users.ref' });
  });

  it("accepts the seed's local:/oci: grouping (names with _ become kebab-case packages)", () => {
    const s = load(
      lines(
        'name: fintech',
        'package: bank:platform@1.0.0',
        'components:',
        '  local:',
        '    api_gateway: build/gw',
        '  oci:',
        '    account_service: ghcr.io/bank/core/accounts:v3.0.0',
        '    audit: { ref: ghcr.io/bank/compliance/audit:v1.0.0 }',
        'composition:',
        '  plug: { socket: api_gateway }',
      ),
    ).spec();
    expect(s.components.map((c) => [c.name, c.package, c.source.kind])).toEqual([
      ['api_gateway', 'bank:api-gateway', 'path'],
      ['account_service', 'bank:account-service', 'ref'],
      ['audit', 'bank:audit', 'ref'],
    ]);
    expect(s.composition).toMatchObject({ kind: 'plug', socket: 'api_gateway' });
  });

  it('reads registries inline (strings and maps) and from a file', () => {
    const inline = load(
      lines(
        'name: shop',
        'package: acme:shop',
        'registries:',
        '  - github|ghcr.io|oci|env|GITHUB_TOKEN',
        '  - { name: store, layout: .flotilla/registry }',
        'components: { users: ghcr.io/acme/users:v1 }',
        'composition: { wac: app.wac }',
      ),
    );
    const s = inline.spec();
    expect(s.registries.entries.map((e) => [e.name, e.host, e.layout])).toEqual([
      ['github', 'ghcr.io', undefined],
      ['store', undefined, join(inline.dir, '.flotilla/registry')],
    ]);
    expect(s.registries.entries[0]?.remote).toMatchObject({
      name: 'github',
      host: 'ghcr.io',
      auth: { type: 'env', tokenEnv: 'GITHUB_TOKEN' },
    });
    expect(registryConfigOf(s.registries.entries).entries.map((e) => e.name)).toEqual(['github']);

    const fromFile = load(
      lines(
        'name: shop',
        'package: acme:shop',
        'registries: conf/registries.yaml',
        'components: { users: x.azurecr.io/users:v1 }',
        'composition: { wac: app.wac }',
      ),
      {
        'app.wac': '',
        'conf/registries.yaml': lines('registries:', '  - azure|*.azurecr.io|oci|basic|AZ_USER|AZ_PASSWORD'),
      },
    );
    const f = fromFile.spec();
    expect(f.registries.file).toBe(join(fromFile.dir, 'conf/registries.yaml'));
    expect(f.registries.entries[0]).toMatchObject({
      name: 'azure',
      host: '*.azurecr.io',
      origin: { file: join(fromFile.dir, 'conf/registries.yaml'), line: 2 },
    });
  });

  it('reads environments: rewrites, tag suffix, component replacements and policy', () => {
    const s = load(
      lines(
        'name: shop',
        'package: acme:shop',
        'components:',
        '  users: ghcr.io/acme/users:v1',
        '  pay: { ref: docker.io/stripe/pay:v3, package: ext:payments }',
        'composition: { wac: app.wac }',
        'environments:',
        '  dev:',
        '    rewrite: { "*": "oci:.flotilla/registry" }',
        '    components: { pay: mocks/pay.wasm }',
        '  prod:',
        '    policy: policy.yaml',
        '    require-digest: true',
        '    tag-suffix: -prod',
      ),
      { 'app.wac': '', 'policy.yaml': 'x: 1\n' },
    ).spec();
    const [dev, prod] = s.environments;
    expect(dev?.rewrite).toMatchObject([{ match: '*', target: 'oci:.flotilla/registry', origin: { line: 9 } }]);
    expect(dev?.components).toMatchObject([
      { name: 'pay', package: 'ext:payments', source: { kind: 'path', written: 'mocks/pay.wasm' }, sourceOrigin: { line: 10 } },
    ]);
    expect(prod?.policy).toEqual({
      file: join(s.dir, 'policy.yaml'),
      requireDigest: true,
      fileOrigin: expect.objectContaining({ line: 12, field: 'environments.prod.policy' }),
      requireDigestOrigin: expect.objectContaining({ line: 13, field: 'environments.prod.require-digest' }),
    });
    expect(prod?.tagSuffix).toMatchObject({ value: '-prod', origin: { line: 14 } });
  });
});

describe('composition spec: bad specs name file:line:column', () => {
  const head = ['name: shop', 'package: acme:shop'];
  const cases: { title: string; text: string; files?: Record<string, string>; at: string; message: RegExp }[] = [
    {
      title: 'an unknown top-level field',
      text: lines(...head, 'components: { a: a.wasm }', 'composition: { wac: app.wac }', 'enviroments: {}'),
      at: '5:1: enviroments',
      message: /unknown field 'enviroments'/,
    },
    {
      title: 'an unknown field of a long-form component',
      text: lines(...head, 'components:', '  a:', '    path: a.wasm', '    tag: v1', 'composition: { wac: app.wac }'),
      at: '6:5: components.a.tag',
      message: /unknown field 'tag'/,
    },
    {
      title: 'a WAC file that does not exist',
      text: lines(...head, 'components: { a: a.wasm }', 'composition:', '  wac: missing.wac'),
      at: '5:8: composition.wac',
      message: /WAC file 'missing\.wac' does not exist/,
    },
    {
      title: 'a socket that is not a component',
      text: lines(...head, 'components:', '  a: a.wasm', '  b: b.wasm', 'composition:', '  plug:', '    socket: gateway'),
      at: '8:13: composition.plug.socket',
      message: /socket 'gateway' is not a component; known: a, b/,
    },
    {
      title: 'a component with both path and ref',
      text: lines(
        ...head,
        'components:',
        '  a: a.wasm',
        '  b:',
        '    path: b.wasm',
        '    ref: ghcr.io/x/b:v1',
        'composition: { wac: app.wac }',
      ),
      at: '6:5: components.b',
      message: /component 'b' has both path and ref/,
    },
    {
      title: 'a ref that does not parse',
      text: lines(...head, 'components:', '  a: ghcr.io/Acme/Users:v1', 'composition: { wac: app.wac }'),
      at: '4:6: components.a',
      message: /invalid reference 'ghcr\.io\/Acme\/Users:v1'.*\.wasm/,
    },
    {
      title: 'a ref to a registry the spec does not list',
      text: lines(
        ...head,
        'registries:',
        '  - github|ghcr.io|oci|env|GITHUB_TOKEN',
        'components:',
        '  a: a.wasm',
        '  b: { ref: quay.io/x/b:v1 }',
        'composition: { wac: app.wac }',
      ),
      at: '7:13: components.b.ref',
      message: /registry 'quay\.io' of 'quay\.io\/x\/b:v1' is not in registries; known: github \(ghcr\.io\)/,
    },
    {
      title: 'an environment replacing a component that does not exist',
      text: lines(
        ...head,
        'components: { a: a.wasm }',
        'composition: { wac: app.wac }',
        'environments:',
        '  dev:',
        '    components:',
        '      b: b.wasm',
      ),
      at: '8:10: environments.dev.components.b',
      message: /overrides 'b', which is not a component; known: a/,
    },
    {
      title: 'a registry string with a wrong type',
      text: lines(...head, 'registries:', '  - github|ghcr.io|docker', 'components: { a: a.wasm }', 'composition: { wac: app.wac }'),
      at: '4:20: protocol',
      message: /in registry entry 'github\|ghcr\.io\|docker': 'docker' is not a protocol/,
    },
    {
      title: 'a policy file that does not exist',
      text: lines(
        ...head,
        'components: { a: a.wasm }',
        'composition: { wac: app.wac }',
        'environments:',
        '  prod:',
        '    policy: nope.yaml',
      ),
      at: '7:13: environments.prod.policy',
      message: /policy file 'nope\.yaml' does not exist/,
    },
    {
      title: 'both wac and plug',
      text: lines(...head, 'components: { a: a.wasm, b: b.wasm }', 'composition:', '  wac: app.wac', '  plug: { socket: a }'),
      at: '5:3: composition',
      message: /either wac or plug, not both/,
    },
    {
      title: 'a rewrite key that is neither a registry name nor a host',
      text: lines(
        ...head,
        'registries: [github|ghcr.io|oci]',
        'components: { a: ghcr.io/x/a:v1 }',
        'composition: { wac: app.wac }',
        'environments:',
        '  dev:',
        '    rewrite:',
        '      githb: localhost:5000',
      ),
      at: '9:7: environments.dev.rewrite.githb',
      message: /'githb' is neither a registry of the spec \(github\) nor a host/,
    },
    {
      title: 'a registry map the registry configuration refuses',
      text: lines(
        ...head,
        'registries:',
        '  - { name: store, layout: .flotilla/registry }',
        '  - name: corp',
        '    host: "corp registry"',
        'components: { a: a.wasm }',
        'composition: { wac: app.wac }',
      ),
      at: '6:11: registries[1].host',
      message:
        /must be a host with an optional port, or \*\.domain for every host under it \(as in ghcr\.io, localhost:5000, \*\.azurecr\.io\)$/,
    },
    {
      title: 'a layout registry with a host too',
      text: lines(
        ...head,
        'registries:',
        '  - name: store',
        '    layout: .flotilla/registry',
        '    host: ghcr.io',
        'components: { a: a.wasm }',
        'composition: { wac: app.wac }',
      ),
      at: '6:11: registries[0].host',
      message: /a layout registry has only name and layout; 'host' is not one of them/,
    },
    {
      title: 'two registries with one name',
      text: lines(
        ...head,
        'registries:',
        '  - { name: hub, layout: store }',
        '  - hub|docker.io|oci',
        'components: { a: a.wasm }',
        'composition: { wac: app.wac }',
      ),
      at: '5:5: registries[1]',
      message: /registry 'hub' is defined twice \(first at line 4\)/,
    },
    {
      title: 'a component name that is not a WAC name',
      text: lines(...head, 'components:', '  a: a.wasm', '  UserService: b.wasm', 'composition: { wac: app.wac }'),
      at: '5:3: components.UserService',
      message: /name 'UserService' must be lower-case words joined by - or _ \(as in user-service\)$/,
    },
    {
      title: 'an environment with an unknown setting',
      text: lines(
        ...head,
        'components: { a: a.wasm }',
        'composition: { wac: app.wac }',
        'environments:',
        '  prod:',
        '    require-digests: true',
      ),
      at: '7:5: environments.prod.require-digests',
      message: /unknown field 'require-digests'/,
    },
    {
      title: 'a package without a namespace',
      text: lines('name: shop', 'package: shop@1.0.0', 'components: { a: a.wasm }', 'composition: { wac: app.wac }'),
      at: '2:10: package',
      message:
        /package: must be namespace:name, each lower-case words joined by -, with an optional @version \(as in ecommerce:platform@1\.0\.0\)$/,
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      const { err, file } = errorOf(c.text, c.files);
      expect(err.message.startsWith(`${file}:${c.at}: `), err.message).toBe(true);
      expect(err.message).toMatch(c.message);
    });
  }

  it('a registry file that does not exist is named at the registries line', () => {
    const { err, file } = errorOf(lines(...head, 'registries: regs.yaml', 'components: { a: a.wasm }', 'composition: { wac: app.wac }'));
    expect(err.message).toMatch(new RegExp(`^${file}:3:13: registries: registry file 'regs\\.yaml' not found`));
  });

  it('an error inside a registry file names that file', () => {
    const { err, file } = errorOf(lines(...head, 'registries: regs.yaml', 'components: { a: a.wasm }', 'composition: { wac: app.wac }'), {
      'app.wac': '',
      'regs.yaml': lines('registries:', '  - github|ghcr.io|oci', '  - broken'),
    });
    expect(err.message).toBe(
      `${join(file, '..', 'regs.yaml')}:3:5: registry: in registry entry 'broken': expected name|host|oci[|auth-type[|auth-data]] (at least 3 fields separated by |)`,
    );
  });
});

describe('registries of a spec', () => {
  it('an exact host wins over a wildcard, whatever the order', () => {
    const dir = folderWith({
      'app.wac': '',
      'flotilla.yaml': lines(
        'name: s',
        'package: a:s',
        'registries:',
        '  - any-ecr|*.dkr.ecr.us-west-2.amazonaws.com|oci|oauth|...',
        '  - prod-ecr|123456789.dkr.ecr.us-west-2.amazonaws.com|oci|env|ECR_TOKEN',
        'components:',
        '  search: 123456789.dkr.ecr.us-west-2.amazonaws.com/search:v2.5.0',
        '  other: 42.dkr.ecr.us-west-2.amazonaws.com/other:v1',
        'composition: { wac: app.wac }',
      ),
    });
    const spec = loadSpec(join(dir, 'flotilla.yaml'));
    expect(registryFor(spec.registries.entries, '123456789.dkr.ecr.us-west-2.amazonaws.com')?.name).toBe('prod-ecr');
    expect(registryFor(spec.registries.entries, '42.dkr.ecr.us-west-2.amazonaws.com')?.name).toBe('any-ecr');
    expect(registryFor(spec.registries.entries, 'a.b.dkr.ecr.us-west-2.amazonaws.com')).toBeUndefined();
    expect(spec.registries.entries[0]?.remote).toMatchObject({ auth: { type: 'oauth' }, source: `${join(dir, 'flotilla.yaml')}:4:5` });
  });
});

describe('composition spec: observability', () => {
  const head = ['name: shop', 'package: acme:shop@0.3.0', 'components: { a: a.wasm, b: b.wasm }'];

  it('observability: true at the top level, overridden by an environment; the plan says which', async () => {
    const { resolvePlan } = await import('./plan.ts');
    const { spec } = load(
      lines(
        ...head,
        'composition: { wac: app.wac }',
        'observability: true',
        'environments:',
        '  quiet:',
        '    observability: false',
        '  dev: {}',
      ),
    );
    const s = spec();
    expect(s.observability).toMatchObject({ enabled: true, origin: { line: 5, field: 'observability' } });
    expect(s.environments.find((e) => e.name === 'quiet')?.observability?.enabled).toBe(false);
    expect(resolvePlan(s, 'quiet').observability).toBe(false);
    expect(resolvePlan(s, 'dev').observability).toBe(true);
    expect(resolvePlan(s).observability).toBe(true);
  });

  it('is refused with plug mode (no graph to put taps in), at its line; a non-boolean is a schema error', () => {
    const { err, file } = errorOf(
      lines(...head, 'composition:', '  plug: { socket: a }', 'environments:', '  dev:', '    observability: true'),
    );
    expect(err.code).toBe('SPEC_OBSERVABILITY_PLUG');
    expect(err.message).toBe(
      `${file}:8:20: environments.dev.observability: observability: true needs a WAC composition (composition: { wac: <file.wac> }); plug mode has no graph to put taps in`,
    );
    expect(errorOf(lines(...head, 'composition: { wac: app.wac }', 'observability: yes please')).err.message).toMatch(
      /observability.*boolean/,
    );
  });
});

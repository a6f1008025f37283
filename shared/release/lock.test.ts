import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/yaml-source.ts';
import { type Digest, sha256 } from '../oci/digest.ts';
import {
  buildLock,
  checkFrozen,
  FrozenLockError,
  formatLock,
  frozenComponents,
  type LockedRefComponent,
  type LockFile,
  parseLock,
  type ResolvedComponent,
  readLock,
  requireDigests,
  UnpinnedReferencesError,
  writeLock,
} from './lock.ts';
import { resolvePlan } from './plan.ts';
import { loadSpec, parseSpec } from './spec.ts';
import { folderWith, lineOf, lines } from './test-fixtures.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/ecommerce/flotilla.yaml');

function exampleSpec() {
  const dir = folderWith({ 'platform.wac': '', 'policy.yaml': '' });
  copyFileSync(EXAMPLE, join(dir, 'flotilla.yaml'));
  return { dir, file: join(dir, 'flotilla.yaml'), spec: loadSpec(join(dir, 'flotilla.yaml')) };
}

/** What compose would learn: digests derived from the component name, so each is distinct and checkable. */
function resolvedFor(names: string[]): ResolvedComponent[] {
  return names.map((name) => ({
    name,
    digest: sha256(`manifest of ${name}`),
    size: 400 + name.length,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    layer: { digest: sha256(`layer of ${name}`), size: 10_000 + name.length, mediaType: 'application/wasm' },
    imports: [`ecommerce:platform/${name}-deps@1.0.0`, 'wasi:cli/environment@0.2.10'],
    exports: [`ecommerce:platform/${name}@1.0.0`],
  }));
}

describe('lock files', () => {
  it('are byte-identical for the same inputs, whatever order they come in', () => {
    const { spec } = exampleSpec();
    const plan = resolvePlan(spec, 'development');
    const names = plan.components.map((c) => c.name);
    const a = formatLock(buildLock(plan, resolvedFor(names)));
    const shuffled = resolvedFor([...names].reverse()).map((r) => ({ ...r, imports: [...r.imports].reverse() }));
    const b = formatLock(buildLock(resolvePlan(loadSpec(spec.file), 'development'), shuffled));
    expect(b).toBe(a);
    expect(a.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(a) as LockFile;
    expect(Object.keys(parsed)).toEqual(['components', 'environment', 'lockVersion', 'package', 'spec']);
    expect(parsed.components.map((c) => c.name)).toEqual([...names].sort());
    expect(Object.keys(parsed.components[0] ?? {})).toEqual([...Object.keys(parsed.components[0] ?? {})].sort());
  });

  it('record refs after overrides, registries, layers and local files relative to the spec', () => {
    const { spec } = exampleSpec();
    const plan = resolvePlan(spec, 'development');
    const lock = buildLock(plan, resolvedFor(plan.components.map((c) => c.name)));
    expect(lock).toMatchObject({
      lockVersion: 1,
      spec: 'ecommerce-platform',
      package: 'ecommerce:platform@1.0.0',
      environment: 'development',
    });
    const cart = lock.components.find((c) => c.name === 'cart');
    expect(cart).toEqual({
      name: 'cart',
      package: 'ecommerce:cart',
      source: 'ref',
      ref: 'oci:.flotilla/registry/company/ecommerce/cart:v1.2.0',
      registry: 'oci:.flotilla/registry/company/ecommerce/cart',
      registryName: 'embedded',
      digest: sha256('manifest of cart'),
      size: 404,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      layer: { digest: sha256('layer of cart'), size: 10_004, mediaType: 'application/wasm' },
      imports: ['ecommerce:platform/cart-deps@1.0.0', 'wasi:cli/environment@0.2.10'],
      exports: ['ecommerce:platform/cart@1.0.0'],
    });
    expect(lock.components.find((c) => c.name === 'payment-processor')).toMatchObject({ source: 'path', path: 'build/payment-mock.wasm' });
    expect(lock.components.find((c) => c.name === 'payment-processor')).not.toHaveProperty('registry');
  });

  it('round-trip through writeLock and readLock', () => {
    const { dir, spec } = exampleSpec();
    const plan = resolvePlan(spec, 'staging', { registryOverride: '127.0.0.1:5000' });
    const lock = buildLock(plan, resolvedFor(plan.components.map((c) => c.name)));
    const file = join(dir, 'flotilla.lock.json');
    writeLock(file, lock);
    const text = readFileSync(file, 'utf8');
    expect(readLock(file)).toEqual(JSON.parse(text));
    expect(formatLock(readLock(file))).toBe(text);
    expect(readLock(file).components.find((c) => c.name === 'orders')).toMatchObject({
      ref: '127.0.0.1:5000/company/ecommerce/orders:v2.0.0-staging',
      registry: '127.0.0.1:5000',
    });
  });

  it('refuse to be built from an incomplete resolution', () => {
    const { spec } = exampleSpec();
    const plan = resolvePlan(spec);
    expect(() => buildLock(plan, resolvedFor(['gateway']))).toThrow("component 'user-service' was not resolved");
  });

  describe('reading names the file, line, column and JSON path', () => {
    const good = (): LockFile => ({
      lockVersion: 1,
      spec: 's',
      package: 'a:s',
      components: [
        {
          name: 'x',
          package: 'a:x',
          source: 'ref',
          ref: 'ghcr.io/a/x:v1',
          registry: 'ghcr.io',
          digest: sha256('m'),
          size: 1,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          layer: { digest: sha256('l'), size: 2, mediaType: 'application/wasm' },
          imports: [],
          exports: [],
        },
      ],
    });
    function errorOf(text: string): ConfigError {
      try {
        parseLock('flotilla.lock.json', text);
      } catch (err) {
        if (err instanceof ConfigError) return err;
        throw err;
      }
      throw new Error('expected the lock to be refused');
    }

    it('a bad digest', () => {
      const lock = good();
      (lock.components[0] as { digest: string }).digest = 'sha256:abc';
      const text = formatLock(lock);
      const line = text.split('\n').findIndex((l) => l.includes('"sha256:abc"')) + 1;
      expect(errorOf(text).message).toBe(
        `flotilla.lock.json:${line}:17: components[0].digest: must be sha256: and 64 lower-case hexadecimal digits (as in sha256:e3b0c442…) (the lock of the spec without an environment)`,
      );
    });

    it('an unknown field', () => {
      const text = formatLock({ ...good(), extra: true } as LockFile);
      expect(errorOf(text).message).toMatch(
        /^flotilla\.lock\.json:\d+:3: extra: unknown field 'extra' \(the lock of the spec without an environment\)$/,
      );
    });

    it('a ref component without its layer', () => {
      const lock = good();
      delete (lock.components[0] as Partial<LockedRefComponent>).layer;
      expect(errorOf(formatLock(lock)).message).toMatch(
        /^flotilla\.lock\.json:3:5: components\[0\]: missing required field 'layer' \(the lock of the spec without an environment\)$/,
      );
    });

    it('a file component with a registry field, and a ref component with a path: one source each, as the type says', () => {
      const { ref, registry, layer, ...common } = good().components[0] as LockedRefComponent;
      for (const extra of [{ registryName: 'ghcr' }, { registry }, { layer }, { ref }]) {
        const file = { ...common, source: 'path', path: 'build/x.wasm', ...extra };
        expect(errorOf(formatLock({ ...good(), components: [file] } as LockFile)).code).toBe('CONFIG_SCHEMA');
      }
      const both = { ...(good().components[0] as LockedRefComponent), path: 'build/x.wasm' };
      expect(errorOf(formatLock({ ...good(), components: [both] } as LockFile)).code).toBe('CONFIG_SCHEMA');
      // and the two narrowed shapes as written
      const fileLock = parseLock(
        'flotilla.lock.json',
        formatLock({ ...good(), components: [{ ...common, source: 'path', path: 'build/x.wasm' }] }),
      );
      const read = fileLock.components[0];
      expect(read?.source === 'path' ? read.path : read?.source).toBe('build/x.wasm');
      expect(read).not.toHaveProperty('registry');
    });

    it('JSON syntax', () => {
      expect(errorOf('{\n  "lockVersion": 1,\n  "spec": "s",\n}\n').message).toBe(
        'flotilla.lock.json:4:1: not valid JSON: Expected double-quoted property name (the lock of the spec without an environment)',
      );
      expect(errorOf('{\n  "spec": oops\n}\n').message).toBe(
        "flotilla.lock.json:1:1: not valid JSON: Unexpected token 'o' (not valid JSON) (the lock of the spec without an environment)",
      );
    });

    it('a component locked twice', () => {
      const lock = good();
      lock.components.push({ ...(lock.components[0] as LockFile['components'][number]) });
      expect(errorOf(formatLock(lock)).message).toMatch(
        /^flotilla\.lock\.json:\d+:\d+: components\[1\]\.name: component 'x' is locked twice \(the lock of the spec without an environment\)$/,
      );
    });

    it('a missing file', () => {
      expect(() => readLock('/nonexistent/flotilla.lock.json')).toThrow(
        '/nonexistent/flotilla.lock.json:1:1: cannot read the lock of the spec without an environment: file not found',
      );
      expect(() => readLock('/nonexistent/flotilla.production.lock.json', { environment: 'production' })).toThrow(
        "/nonexistent/flotilla.production.lock.json:1:1: cannot read the lock of environment 'production': file not found",
      );
    });
  });
});

describe('--frozen', () => {
  function lockedExample(env: string, vars: Record<string, string> = {}) {
    const { dir, file, spec } = exampleSpec();
    const plan = resolvePlan(spec, env, { vars });
    return { dir, file, plan, lock: buildLock(plan, resolvedFor(plan.components.map((c) => c.name))) };
  }

  it('agrees with its own plan and gives exactly the locked digests to pull', () => {
    const { plan, lock } = lockedExample('staging', { FLOTILLA_STAGING_REGISTRY: '127.0.0.1:5000' });
    expect(checkFrozen(plan, lock)).toEqual([]);
    const frozen = frozenComponents(plan, lock);
    const cart = frozen.find((f) => f.component.name === 'cart');
    expect(cart?.pull).toEqual({
      kind: 'registry',
      registry: '127.0.0.1:5000',
      repository: 'company/ecommerce/cart',
      tag: 'v1.2.0-staging',
      digest: sha256('manifest of cart'),
    });
    // a local file has nothing to pull: its digest is checked against the lock (development's mocks)
    const dev = lockedExample('development');
    const mock = frozenComponents(dev.plan, dev.lock).find((f) => f.component.name === 'payment-processor');
    expect(mock?.pull).toBeUndefined();
    expect(mock?.locked).toMatchObject({ path: 'build/payment-mock.wasm', digest: sha256('manifest of payment-processor') });
  });

  it('a lock written in another folder records paths relative to itself, and agrees with the plan there only', () => {
    const { dir, plan } = lockedExample('development');
    const lockDir = join(dir, 'ci', 'locks');
    const lock = buildLock(plan, resolvedFor(plan.components.map((c) => c.name)), lockDir);
    const gateway = lock.components.find((c) => c.name === 'gateway');
    expect(gateway?.source === 'path' ? gateway.path : gateway?.source).toBe('../../build/gateway.wasm');
    expect(lock.components.find((c) => c.name === 'cart')).toMatchObject({
      ref: 'oci:../../.flotilla/registry/company/ecommerce/cart:v1.2.0',
      registry: 'oci:../../.flotilla/registry/company/ecommerce/cart',
    });
    expect(checkFrozen(plan, lock, lockDir)).toEqual([]);
    expect(frozenComponents(plan, lock, join(lockDir, 'dev.lock.json'))).toHaveLength(plan.components.length);
    // read as if it were beside the spec, every path would point elsewhere
    expect(checkFrozen(plan, lock).map((d) => d.kind)).toContain('path');
  });

  it('lists every disagreement: added, removed, ref, package, path, environment', () => {
    const { dir, file, plan, lock } = lockedExample('development');
    const text = readFileSync(file, 'utf8')
      .replace('  cart: ghcr.io/company/ecommerce/cart:v1.2.0\n', '')
      .replace('  search: 123456789', '  wishlist: ghcr.io/company/ecommerce/wishlist:v1.0.0\n  search: 123456789')
      .replace('orders:v2.0.0', 'orders:v2.0.1')
      .replace('  gateway: build/gateway.wasm', '  gateway: { path: build/gateway-next.wasm, package: ecommerce:frontend }');
    writeFileSync(file, text);
    const changed = resolvePlan(loadSpec(file), 'development');
    const found = checkFrozen(changed, lock);
    expect(found.map((d) => [d.kind, d.component])).toEqual([
      ['component-package', 'gateway'],
      ['path', 'gateway'],
      ['ref', 'orders'],
      ['added', 'wishlist'],
      ['removed', 'cart'],
    ]);
    const orders = found.find((d) => d.kind === 'ref');
    expect(orders?.message).toBe(
      `${file}:${lineOf(file, '  orders: ')}:11: component 'orders': ref changed from 'oci:.flotilla/registry/company/ecommerce/orders:v2.0.0' (lock) to 'oci:.flotilla/registry/company/ecommerce/orders:v2.0.1' (spec)`,
    );
    expect(found.find((d) => d.kind === 'removed')?.message).toBe("component 'cart' is in the lock but no longer in the spec");
    expect(() => frozenComponents(changed, lock, join(dir, 'flotilla.lock.json'))).toThrow(FrozenLockError);
    expect(() => frozenComponents(changed, lock)).toThrow(
      /--frozen: the spec and flotilla\.development\.lock\.json \(the lock of environment 'development'\) disagree \(5\):\n {2}.*gateway/,
    );

    const staging = resolvePlan(loadSpec(file), 'staging');
    expect(checkFrozen(staging, lock).map((d) => d.kind)).toContain('environment');
    expect(checkFrozen(plan, lock)).toEqual([]);
  });

  it('a ref pinned to another digest than the lock is a disagreement', () => {
    const dir = folderWith({ 'app.wac': '' });
    const pinned = `sha256:${'1'.repeat(64)}` as Digest;
    const make = (ref: string) =>
      resolvePlan(
        parseSpec(
          join(dir, 'flotilla.yaml'),
          lines('name: s', 'package: a:s', `components: { x: "${ref}" }`, 'composition: { wac: app.wac }'),
        ),
      );
    const lock = buildLock(
      make(`ghcr.io/a/x:v1@${pinned}`),
      resolvedFor(['x']).map((r) => ({ ...r, digest: pinned })),
    );
    expect(checkFrozen(make(`ghcr.io/a/x:v1@${pinned}`), lock)).toEqual([]);
    const other = buildLock(make(`ghcr.io/a/x:v1@${pinned}`), resolvedFor(['x']));
    expect(checkFrozen(make(`ghcr.io/a/x:v1@${pinned}`), other).map((d) => d.kind)).toEqual(['pinned-digest']);
  });
});

describe('require-digest', () => {
  it('names every unpinned component of the example in production with its line', () => {
    const { file, spec } = exampleSpec();
    const plan = resolvePlan(spec, 'production');
    let err: unknown;
    try {
      requireDigests(plan);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UnpinnedReferencesError);
    const e = err as UnpinnedReferencesError;
    const names = [
      'gateway',
      'user-service',
      'product-catalog',
      'inventory',
      'orders',
      'cart',
      'payment-processor',
      'fraud-detection',
      'search',
      'recommendations',
      'web-frontend',
      'storefront',
    ];
    // production's edge components are on its own lines (staging's, above them, carry the -staging tag)
    const edge = ['gateway', 'web-frontend', 'storefront'];
    const edgeLine = (n: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.endsWith(`${n}: ghcr.io/company/edge/${n}:v1.0.0`)) + 1;
    const line = (n: string) => (edge.includes(n) ? edgeLine(n) : lineOf(file, `  ${n}: `));
    expect(e.unpinned.map((u) => [u.name, u.origin.line])).toEqual(names.map((n) => [n, line(n)]));
    expect(e.message).toContain(`environment 'production' requires every ref pinned by digest (require-digest); 12 are not:`);
    expect(e.message).toContain(
      `  ${file}:${lineOf(file, '  user-service: ')}:17: user-service: 'ghcr.io/company/ecommerce/user-service:v2.1.0' has no @sha256:<digest>`,
    );
  });

  it('passes when every ref is pinned (local files need no digest)', () => {
    const { file } = exampleSpec();
    const d = `@sha256:${'e'.repeat(64)}`;
    const text = readFileSync(file, 'utf8').replace(/^( +[a-z-]+: (?!build)\S+:v[\d.]+)$/gm, `$1${d}`);
    writeFileSync(file, text);
    expect(() => requireDigests(resolvePlan(loadSpec(file), 'production'))).not.toThrow();
  });
});

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { GatewayApiConfig } from './config.ts';
import {
  applyGateway,
  backendWeights,
  gatewayManifests,
  MANIFEST_FILES,
  MAX_BACKEND_WEIGHT,
  MAX_BACKENDS_PER_RULE,
} from './gateway-api.ts';
import { specWith } from './test-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'flotilla-gw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cfg(extra = ''): GatewayApiConfig {
  const s = specWith(
    `repository: ghcr.io/acme/shop\ntraffic:\n  gatewayApi:\n    name: shop\n    namespace: prod\n    parentRefs: [{name: edge, namespace: infra, sectionName: https}]\n    hostnames: [shop.example.com]\n    paths: [/, /api]\n    spinApp: {replicas: 3, imagePullSecrets: [ghcr]}\n    output: ${dir}/out\n${extra}`,
    'production: {}',
  );
  const g = s.rollout.environments.get('production')?.gatewayApi;
  if (!g) throw new Error('no gatewayApi');
  return g;
}

const state = {
  repository: 'ghcr.io/acme/shop',
  stableDigest: `sha256:${'a'.repeat(64)}`,
  canaryDigest: `sha256:${'b'.repeat(64)}`,
  weight: 10,
  environment: 'production',
};

describe('gateway-api manifests', () => {
  it('weights are proportional integers summing to 100, within the Gateway API bounds', () => {
    for (let w = 0; w <= 100; w++) {
      const b = backendWeights(w);
      expect(b.stable + b.canary).toBe(100);
      expect(b.canary / (b.stable + b.canary)).toBe(w / 100);
      expect(Number.isInteger(b.stable) && b.stable >= 0 && b.stable <= MAX_BACKEND_WEIGHT).toBe(true);
    }
    expect(() => backendWeights(101)).toThrow(/not a whole percent/);
    expect(() => backendWeights(2.5)).toThrow(/not a whole percent/);
  });

  it('two SpinApps (stable and canary digests) and an HTTPRoute, one rule per path, at most 16 backends a rule', () => {
    const m = gatewayManifests(cfg(), state);
    expect(m.stable).toEqual({
      apiVersion: 'core.spinkube.dev/v1alpha1',
      kind: 'SpinApp',
      metadata: {
        name: 'shop-stable',
        namespace: 'prod',
        labels: {
          'app.kubernetes.io/name': 'shop',
          'app.kubernetes.io/managed-by': 'flotilla',
          'flotilla.dev/environment': 'production',
          'flotilla.dev/version': 'stable',
        },
        annotations: { 'flotilla.dev/digest': state.stableDigest },
      },
      spec: {
        image: `ghcr.io/acme/shop@${state.stableDigest}`,
        executor: 'containerd-shim-spin',
        replicas: 3,
        imagePullSecrets: [{ name: 'ghcr' }],
      },
    });
    expect(m.canary.spec.image).toBe(`ghcr.io/acme/shop@${state.canaryDigest}`);
    expect(m.route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'edge', namespace: 'infra', sectionName: 'https' }],
      hostnames: ['shop.example.com'],
      rules: ['/', '/api'].map((p) => ({
        matches: [{ path: { type: 'PathPrefix', value: p } }],
        backendRefs: [
          { group: '', kind: 'Service', name: 'shop-stable', port: 80, weight: 90 },
          { group: '', kind: 'Service', name: 'shop-canary', port: 80, weight: 10 },
        ],
      })),
    });
    for (const rule of m.route.spec.rules as { backendRefs: unknown[] }[])
      expect(rule.backendRefs.length).toBeLessThanOrEqual(MAX_BACKENDS_PER_RULE);
    // names fit Kubernetes (DNS-1123 labels)
    for (const n of [m.stable.metadata.name, m.canary.metadata.name, m.route.metadata.name])
      expect(n).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('writes the three files atomically into the GitOps folder, as YAML that parses back', async () => {
    const r = await applyGateway(cfg(), state, {}, dir);
    expect(r.files).toEqual([
      join(dir, 'out', MANIFEST_FILES.stable),
      join(dir, 'out', MANIFEST_FILES.canary),
      join(dir, 'out', MANIFEST_FILES.route),
    ]);
    const docs = parseAllDocuments(readFileSync(join(dir, 'out', MANIFEST_FILES.route), 'utf8'));
    expect(docs).toHaveLength(1);
    expect(docs[0]?.toJS()).toEqual(gatewayManifests(cfg(), state).route);
    expect(readFileSync(join(dir, 'out', MANIFEST_FILES.stable), 'utf8').startsWith('# written by flotilla canary')).toBe(true);
  });

  it('applies them with kubectl when configured (the context and extra args passed), and says what kubectl answered when it fails', async () => {
    const log = join(dir, 'kubectl.log');
    const shim = join(dir, 'kubectl-shim.sh');
    writeFileSync(shim, `#!/bin/sh\necho "$@" >> ${log}\necho "spinapp.core.spinkube.dev/shop-stable configured"\n`);
    chmodSync(shim, 0o755);
    const c = cfg('    kubectl: {context: prod-cluster, args: [--server-side]}\n');
    const r = await applyGateway(c, state, { FLOTILLA_KUBECTL: shim }, dir);
    expect(r.applied).toBe('spinapp.core.spinkube.dev/shop-stable configured');
    expect(readFileSync(log, 'utf8').trim()).toBe(
      `--context prod-cluster apply -f ${r.files[0]} -f ${r.files[1]} -f ${r.files[2]} --server-side`,
    );
    // kubectl failing (no cluster answers): its own words come through; a missing kubectl says how to fix it
    const failing = join(dir, 'kubectl-fail.sh');
    writeFileSync(failing, '#!/bin/sh\necho "The connection to the server 127.0.0.1:6443 was refused" >&2\nexit 1\n');
    chmodSync(failing, 0o755);
    await expect(applyGateway(c, state, { FLOTILLA_KUBECTL: failing }, dir)).rejects.toThrow(
      /^kubectl --context prod-cluster apply -f .* exited with 1: The connection to the server 127.0.0.1:6443 was refused$/,
    );
    await expect(applyGateway(c, state, { FLOTILLA_KUBECTL: join(dir, 'no-such-kubectl') }, dir)).rejects.toThrow(
      /kubectl is not installed \(set FLOTILLA_KUBECTL or install it\)/,
    );
  }, 30_000);
});

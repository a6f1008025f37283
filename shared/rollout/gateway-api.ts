/**
 * The gateway-api traffic provider, for apps that run on Kubernetes with
 * SpinKube: instead of a splitter inside the app, two SpinApp resources
 * (`core.spinkube.dev/v1alpha1`, spinframework/spin-operator: the operator
 * makes a Deployment and a Service named after each, serving on port 80)
 * run the stable and the canary digests, and an HTTPRoute
 * (`gateway.networking.k8s.io/v1`) splits the traffic between the two
 * Services with `backendRefs` weights that follow the steps. Weights are
 * proportional integers (weight / sum of weights; 0 means no traffic; at
 * most 1,000,000; at most 16 backendRefs a rule: kubernetes-sigs/gateway-api
 * apis/v1 shared_types.go, httproute_types.go), so the route carries
 * stable 100-w and canary w.
 *
 * The manifests are written to a folder (for GitOps: Argo CD or Flux apply
 * them) and/or applied with `kubectl apply -f` when configured.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { FlotillaError } from '../errors.ts';
import { writeFileAtomically } from '../fs/atomic-write.ts';
import type { Reference } from '../oci/reference.ts';
import type { ContentStore } from '../oci/store.ts';
import type { GatewayApiConfig } from './config.ts';
import { AppRefDeployer, type DeployContext, type DeployOutcome } from './deployer.ts';

export const SPINAPP_API_VERSION = 'core.spinkube.dev/v1alpha1';
export const HTTPROUTE_API_VERSION = 'gateway.networking.k8s.io/v1';
export const MAX_BACKENDS_PER_RULE = 16;
export const MAX_BACKEND_WEIGHT = 1_000_000;

export interface GatewayState {
  /** OCI reference without a tag: `ghcr.io/acme/shop`. */
  repository: string;
  stableDigest: string;
  canaryDigest: string;
  /** Percent on the canary. */
  weight: number;
  environment: string;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: Record<string, unknown>;
}

function labels(cfg: GatewayApiConfig, s: GatewayState, version?: string): Record<string, string> {
  const out: Record<string, string> = {
    'app.kubernetes.io/name': cfg.name,
    'app.kubernetes.io/managed-by': 'flotilla',
    'flotilla.dev/environment': s.environment,
  };
  if (version) out['flotilla.dev/version'] = version;
  return out;
}

function spinApp(cfg: GatewayApiConfig, s: GatewayState, version: 'stable' | 'canary', digest: string): Manifest {
  const spec: Record<string, unknown> = {
    image: `${s.repository}@${digest}`,
    executor: cfg.spinApp.executor,
    replicas: cfg.spinApp.replicas,
  };
  if (cfg.spinApp.imagePullSecrets.length > 0) spec.imagePullSecrets = cfg.spinApp.imagePullSecrets.map((name) => ({ name }));
  return {
    apiVersion: SPINAPP_API_VERSION,
    kind: 'SpinApp',
    metadata: {
      name: `${cfg.name}-${version}`,
      namespace: cfg.namespace,
      labels: labels(cfg, s, version),
      annotations: { 'flotilla.dev/digest': digest },
    },
    spec,
  };
}

/** Integer backend weights for a canary percentage: proportional, summing to 100. */
export function backendWeights(weight: number): { stable: number; canary: number } {
  if (!Number.isInteger(weight) || weight < 0 || weight > 100)
    throw new FlotillaError('GATEWAY_WEIGHT', `weight ${weight} is not a whole percent from 0 to 100`);
  return { stable: 100 - weight, canary: weight };
}

/** The three manifests for a state of the rollout. Pure. */
export function gatewayManifests(cfg: GatewayApiConfig, s: GatewayState): { stable: Manifest; canary: Manifest; route: Manifest } {
  const w = backendWeights(s.weight);
  const backendRefs = [
    { group: '', kind: 'Service', name: `${cfg.name}-stable`, port: cfg.port, weight: w.stable },
    { group: '', kind: 'Service', name: `${cfg.name}-canary`, port: cfg.port, weight: w.canary },
  ];
  if (backendRefs.length > MAX_BACKENDS_PER_RULE)
    throw new FlotillaError('GATEWAY_BACKENDS', `an HTTPRoute rule has at most ${MAX_BACKENDS_PER_RULE} backendRefs`);
  const spec: Record<string, unknown> = {
    parentRefs: cfg.parentRefs.map((p) => ({ group: 'gateway.networking.k8s.io', kind: 'Gateway', ...p })),
    rules: cfg.paths.map((path) => ({ matches: [{ path: { type: 'PathPrefix', value: path } }], backendRefs })),
  };
  if (cfg.hostnames.length > 0) spec.hostnames = cfg.hostnames;
  return {
    stable: spinApp(cfg, s, 'stable', s.stableDigest),
    canary: spinApp(cfg, s, 'canary', s.canaryDigest),
    route: {
      apiVersion: HTTPROUTE_API_VERSION,
      kind: 'HTTPRoute',
      metadata: {
        name: cfg.route,
        namespace: cfg.namespace,
        labels: labels(cfg, s),
        annotations: {
          'flotilla.dev/canary-weight': String(s.weight),
          'flotilla.dev/stable-digest': s.stableDigest,
          'flotilla.dev/canary-digest': s.canaryDigest,
        },
      },
      spec,
    },
  };
}

export const MANIFEST_FILES = { stable: 'spinapp-stable.yaml', canary: 'spinapp-canary.yaml', route: 'httproute.yaml' } as const;

function yamlOf(m: Manifest): string {
  return `# written by flotilla canary; edits are overwritten at the next step\n${stringify(m, { lineWidth: 0 })}`;
}

export class KubectlError extends FlotillaError {
  constructor(message: string) {
    super('KUBECTL_FAILED', message);
  }
}

function kubectlApply(files: string[], k: NonNullable<GatewayApiConfig['kubectl']>, env: NodeJS.ProcessEnv): Promise<string> {
  const args = [...(k.context ? ['--context', k.context] : []), 'apply', ...files.flatMap((f) => ['-f', f]), ...k.args];
  return new Promise((resolve, reject) => {
    const child = spawn(env.FLOTILLA_KUBECTL ?? 'kubectl', args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out = `${out}${c.toString('utf8')}`.slice(-8000);
    });
    child.stderr.on('data', (c: Buffer) => {
      out = `${out}${c.toString('utf8')}`.slice(-8000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(
        new KubectlError(
          `kubectl ${args.join(' ')}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'kubectl is not installed (set FLOTILLA_KUBECTL or install it)' : e.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.trim());
      else reject(new KubectlError(`kubectl ${args.join(' ')} exited with ${code}: ${out.trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}

/** Writes the manifests (and applies them when configured); returns the files. */
export async function applyGateway(
  cfg: GatewayApiConfig,
  s: GatewayState,
  env: NodeJS.ProcessEnv,
  tmpDir: string,
): Promise<{ files: string[]; applied?: string }> {
  const m = gatewayManifests(cfg, s);
  const folder = cfg.output ?? tmpDir;
  const files: string[] = [];
  // the SpinApps first, the route last: a route never points at a Service whose app is not written yet
  for (const key of ['stable', 'canary', 'route'] as const) {
    const file = join(folder, MANIFEST_FILES[key]);
    await writeFileAtomically(file, new TextEncoder().encode(yamlOf(m[key])), { createFolder: true });
    files.push(file);
  }
  if (cfg.kubectl) return { files, applied: await kubectlApply(files, cfg.kubectl, env) };
  return { files };
}

/** The AppRefDeployer whose traffic split is an HTTPRoute in front of two SpinApps. */
export class GatewayApiDeployer extends AppRefDeployer {
  override readonly name = 'gateway-api';
  private readonly cfg: GatewayApiConfig;
  private readonly env: NodeJS.ProcessEnv;
  private readonly tmpDir: string;
  private readonly imageRepository: string;

  constructor(
    app: ContentStore,
    appRepository: string,
    open: (ref: Reference) => Promise<ContentStore>,
    cfg: GatewayApiConfig,
    env: NodeJS.ProcessEnv,
    tmpDir: string,
  ) {
    super(app, appRepository, open);
    this.cfg = cfg;
    this.env = env;
    this.tmpDir = tmpDir;
    this.imageRepository = appRepository;
  }

  private async write(ctx: DeployContext, stable: string, canary: string, weight: number): Promise<{ files: string[]; note: string }> {
    const r = await applyGateway(
      this.cfg,
      { repository: this.imageRepository, stableDigest: stable, canaryDigest: canary, weight, environment: ctx.environment.name },
      this.env,
      this.tmpDir,
    );
    const w = backendWeights(weight);
    const where = this.cfg.output ? `written to ${this.cfg.output}` : 'written';
    return {
      files: r.files,
      note: `HTTPRoute ${this.cfg.namespace}/${this.cfg.route}: ${this.cfg.name}-stable ${w.stable}, ${this.cfg.name}-canary ${w.canary} (${where}${r.applied !== undefined ? ', applied with kubectl' : ''})`,
    };
  }

  override check(): void {
    // the HTTPRoute splits any weight
  }

  override async setWeight(weight: number, ctx: DeployContext): Promise<DeployOutcome> {
    const stable = ctx.stable.digest ?? '';
    const { files, note } = await this.write(ctx, stable, ctx.canary.digest ?? '', weight);
    // the live tag keeps naming the stable app: the split is in the cluster's route
    return { live: stable, note, files };
  }

  override async promote(ctx: DeployContext): Promise<DeployOutcome> {
    const next = ctx.canary.digest ?? '';
    const { files, note } = await this.write(ctx, next, next, 0);
    return { live: next, note: `promoted: both SpinApps run ${next}; ${note}`, files };
  }

  override async rollback(ctx: DeployContext): Promise<DeployOutcome> {
    const stable = ctx.stable.digest ?? '';
    const { files, note } = await this.write(ctx, stable, ctx.canary.digest ?? stable, 0);
    return { live: stable, note: `rolled back: ${note}`, files };
  }
}

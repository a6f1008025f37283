/**
 * `flotilla verify` and the verify action: load the policy (errors at their
 * line), check the environment, gather the evidence of a ref, a lock or a
 * spec (the network part), apply the pure engine, and join the two into the
 * report.
 */
import { resolve } from 'node:path';
import { errorMessage, FlotillaError, UsageError } from '../errors.ts';
import { cacheDir } from '../oci/cache-dir.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import type { Reference } from '../oci/reference.ts';
import type { ContentStore } from '../oci/store.ts';
import { evaluatePolicy, resolveEnvironment } from '../policy/engine.ts';
import { loadPolicy } from '../policy/load.ts';
import type { Policy } from '../policy/types.ts';
import { Stores } from '../registry-config/stores.ts';
import { type LockFile, lockLabel, readLock } from '../release/lock.ts';
import { resolvePlan } from '../release/plan.ts';
import { registryConfigOf } from '../release/registries.ts';
import { loadSpec } from '../release/spec.ts';
import { VerifyInputError } from './errors.ts';
import { type GatherContext, type GatheredComponent, gatherLock, gatherPlan, gatherRef } from './gather.ts';
import { joinReport, type VerifyReport } from './report.ts';
import { trustFromPolicy } from './trust.ts';

export type VerifyTarget = { kind: 'ref'; ref: string } | { kind: 'lock'; file: string } | { kind: 'spec'; file: string };

export interface VerifyOptions {
  /** The policy file; for a spec, defaults to the spec's `policy.file`. */
  policyFile?: string | undefined;
  /** A policy already loaded (`verify --key`: a one-rule policy built from the flag); wins over `policyFile`. */
  policy?: Policy | undefined;
  target: VerifyTarget;
  environment?: string | undefined;
  /** A sigstore `trusted_root.json` for keyless signatures; default: the public-good root through TUF. */
  trustedRootFile?: string | undefined;
  /** Registry configuration file (`--registries`); else `FLOTILLA_REGISTRIES`. */
  registries?: string | undefined;
  /**
   * The stores of the command (its registry clients); default opened from
   * `registries`. A spec with a registry list of its own, and no
   * `registries`, is read through stores of that list instead.
   */
  stores?: Stores;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Pull registry components through the on-disk cache (FLOTILLA_CACHE, …; default true). */
  cache?: boolean;
  /** Loads the public-good trusted root (tests); default @sigstore/tuf. */
  publicGoodRoot?: () => Promise<unknown>;
}

export interface VerifyResult {
  report: VerifyReport;
  policy: Policy;
}

function targetLabel(target: VerifyTarget): string {
  return target.kind === 'ref' ? `ref ${target.ref}` : `${target.kind} ${target.file}`;
}

/** Verifies the target against the policy. Throws ConfigError / UsageError / VerifyInputError when no verdict can be given. */
export async function verify(opts: VerifyOptions): Promise<VerifyResult> {
  const cwd = opts.cwd;

  // a spec is read first: it may name the policy
  let plan: ReturnType<typeof resolvePlan> | undefined;
  if (opts.target.kind === 'spec') {
    const spec = loadSpec(resolve(cwd, opts.target.file));
    const env = opts.environment !== undefined && spec.environments.length > 0 ? opts.environment : undefined;
    plan = resolvePlan(spec, env, { vars: opts.env });
  }
  const policyFile = opts.policyFile !== undefined ? resolve(cwd, opts.policyFile) : plan?.policy.file;
  if (policyFile === undefined && opts.policy === undefined) {
    throw new UsageError(
      opts.target.kind === 'spec'
        ? `the spec names no policy file: pass --policy <file> (or set policy: in ${opts.target.file})`
        : 'a policy is required: pass --policy <file>',
    );
  }
  const policy = opts.policy ?? loadPolicy(policyFile as string);
  // a lock says which environment it was made for: its rules apply, unless --env names another (a pre-promotion check)
  let lock: { file: string; lock: LockFile } | undefined;
  let environment = opts.environment;
  if (opts.target.kind === 'lock') {
    const file = resolve(cwd, opts.target.file);
    lock = { file, lock: readLock(file, opts.environment !== undefined ? { environment: opts.environment } : {}) };
    environment ??= lock.lock.environment;
  }
  try {
    resolveEnvironment(policy, environment); // an unknown environment fails before any fetch
  } catch (err) {
    if (lock && opts.environment === undefined && err instanceof FlotillaError) {
      throw new UsageError(
        `${lock.file} is ${lockLabel(lock.lock.environment)}, and ${errorMessage(err)}; pass --env <name> to apply another environment's rules`,
        { cause: err },
      );
    }
    throw err;
  }

  const trust = trustFromPolicy(policy, {
    ...(opts.trustedRootFile !== undefined ? { trustedRootFile: resolve(cwd, opts.trustedRootFile) } : {}),
    ...(opts.publicGoodRoot ? { publicGoodRoot: opts.publicGoodRoot } : {}),
  });
  // a spec's registry list says how to reach its registries, unless --registries says otherwise
  const specConfig = plan && opts.registries === undefined ? registryConfigOf(plan.registries) : undefined;
  const stores =
    specConfig && specConfig.entries.length > 0
      ? new Stores({ cwd, env: opts.env, config: specConfig })
      : Stores.of({
          cwd,
          env: opts.env,
          registries: opts.registries,
          ...(opts.stores ? { stores: opts.stores } : {}),
        });
  const open = (ref: Reference, baseDir: string): Promise<ContentStore> => stores.open(ref, baseDir);
  const cache = opts.cache === false ? undefined : new LayoutStore(cacheDir(opts.env));
  const ctx: GatherContext = { trust, open, ...(cache ? { cache } : {}) };

  let gathered: GatheredComponent[];
  const target = opts.target;
  if (target.kind === 'ref') gathered = await gatherRef(ctx, target.ref, cwd);
  else if (target.kind === 'lock' && lock) {
    const l = lock;
    gathered = await gatherLock(ctx, l.lock, l.file).catch((err: unknown) => {
      // every error about a lock says whose lock it is
      if (err instanceof VerifyInputError) {
        throw new VerifyInputError(err.code, `${err.message} (${l.file}, ${lockLabel(l.lock.environment)})`, { cause: err });
      }
      throw err;
    });
  } else gathered = await gatherPlan(ctx, plan as NonNullable<typeof plan>);

  const policyReport = evaluatePolicy(policy, {
    environment,
    components: gathered.map((g) => g.evidence),
  });
  return { report: joinReport(policyReport, gathered, targetLabel(target)), policy };
}

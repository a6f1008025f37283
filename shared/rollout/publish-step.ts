import { FlotillaError } from '../errors.ts';
import { publishComponent } from '../publish/publish.ts';
import type { SigningRequest } from '../publish/signing.ts';
import type { Spec } from '../release/spec.ts';

/** What both app deployers (in-app and at the wasi:http edge) publish a step's app with. */
export interface StepPublisher {
  spec: Spec;
  /** `host/path` of the app's repository. */
  repository: string;
  env: NodeJS.ProcessEnv;
  registries?: string | undefined;
  signing: SigningRequest;
}

/**
 * Publishes one step's composed app to `<repository>:<tag>`: signed as the
 * rollout signs (with its composition attestation, from `lockFile`, when it
 * signs at all), with the rollout's annotations, and checked by the
 * environment's policy (or the spec's) before it is pushed. A failure is
 * the deployer's own error (`wrap`), naming the app and where it was going.
 */
export async function publishStepApp(
  o: StepPublisher,
  step: { file: string; lockFile: string; tag: string; environment: string; annotations: Record<string, string>; bundleDir: string },
  wrap: (message: string, cause: FlotillaError) => Error,
): Promise<Awaited<ReturnType<typeof publishComponent>>> {
  const envDecl = o.spec.environments.find((e) => e.name === step.environment);
  const policy = envDecl?.policy.file ?? o.spec.policy.file;
  try {
    return await publishComponent({
      file: step.file,
      to: [`${o.repository}:${step.tag}`],
      cwd: o.spec.dir,
      env: o.env,
      registries: o.registries,
      name: o.spec.name,
      signing: o.signing,
      ...(o.signing.kind !== 'none' ? { lock: step.lockFile } : {}),
      annotations: step.annotations,
      ...(policy !== undefined ? { policy, environment: step.environment } : {}),
      bundleDir: step.bundleDir,
    });
  } catch (e) {
    if (e instanceof FlotillaError) throw wrap(`publishing ${o.spec.name} to ${o.repository}:${step.tag}: ${e.message}`, e);
    throw e;
  }
}

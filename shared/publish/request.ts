import { UsageError } from '../errors.ts';
import { type PublishResult, publishComponent, publishLock } from './publish.ts';
import type { SigningRequest } from './signing.ts';

/**
 * A publish as the action (or any caller) describes it: one component
 * (with the lock of its composition, for the attestation), or every
 * component of a lock.
 */
export interface PublishRequest {
  component?: string;
  lock?: string;
  to: string[];
  tag?: string;
  name?: string;
  registries?: string;
  policy?: string;
  environment?: string;
  signing: SigningRequest;
  bundleDir?: string;
  /** One component only: RFC 3339 creation time, manifest annotations. */
  created?: string;
  annotations?: Record<string, string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function runPublish(req: PublishRequest): Promise<PublishResult[]> {
  const common = {
    to: req.to,
    cwd: req.cwd,
    env: req.env,
    signing: req.signing,
    ...(req.tag !== undefined ? { tag: req.tag } : {}),
    ...(req.registries !== undefined ? { registries: req.registries } : {}),
    ...(req.policy !== undefined ? { policy: req.policy } : {}),
    ...(req.environment !== undefined ? { environment: req.environment } : {}),
    ...(req.bundleDir !== undefined ? { bundleDir: req.bundleDir } : {}),
  };
  if (req.component !== undefined) {
    return [
      await publishComponent({
        ...common,
        file: req.component,
        ...(req.name !== undefined ? { name: req.name } : {}),
        ...(req.lock !== undefined ? { lock: req.lock } : {}),
        ...(req.created !== undefined ? { created: req.created } : {}),
        ...(req.annotations !== undefined ? { annotations: req.annotations } : {}),
      }),
    ];
  }
  if (req.lock === undefined) throw new UsageError("one of 'component' or 'lock' is required");
  if (req.created !== undefined || req.annotations !== undefined) {
    throw new UsageError('a creation time and annotations apply to one component, not to every component of a lock');
  }
  if (req.name !== undefined) throw new UsageError("'name' applies to one component; with 'lock' alone every component keeps its name");
  return publishLock({ ...common, lock: req.lock });
}

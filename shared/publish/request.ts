import { UsageError } from '../errors.ts';
import type { Stores } from '../registry-config/stores.ts';
import { type PublishResult, publishComponent, publishLock } from './publish.ts';
import type { SigningRequest } from './signing.ts';

/**
 * A publish as the action (or any caller) describes it: one component
 * (with the lock of its composition, for the attestation), or every
 * component of a lock.
 */
export interface PublishRequest {
  component?: string | undefined;
  lock?: string | undefined;
  to: string[];
  tag?: string | undefined;
  name?: string | undefined;
  registries?: string | undefined;
  /** The stores of the command (its registry clients); default opened from `registries`. */
  stores?: Stores;
  policy?: string | undefined;
  environment?: string | undefined;
  signing: SigningRequest;
  bundleDir?: string | undefined;
  /** One component only: RFC 3339 creation time, manifest annotations and labels (annotations too, see PublishOptions). */
  created?: string | undefined;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  /** One component only: tags for targets that name none (the Git context's). */
  tags?: string[];
  /** `false`: build and check, push and sign nothing. */
  push?: boolean;
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
    ...(req.stores !== undefined ? { stores: req.stores } : {}),
    ...(req.policy !== undefined ? { policy: req.policy } : {}),
    ...(req.environment !== undefined ? { environment: req.environment } : {}),
    ...(req.bundleDir !== undefined ? { bundleDir: req.bundleDir } : {}),
    ...(req.push !== undefined ? { push: req.push } : {}),
  };
  if (req.component !== undefined) {
    return [
      await publishComponent({
        ...common,
        file: req.component,
        name: req.name,
        lock: req.lock,
        created: req.created,
        annotations: req.annotations,
        labels: req.labels,
        tags: req.tags,
      }),
    ];
  }
  if (req.lock === undefined) throw new UsageError("one of 'component' or 'lock' is required");
  if (req.created !== undefined || req.annotations !== undefined || req.labels !== undefined) {
    throw new UsageError('a creation time, annotations and labels apply to one component, not to every component of a lock');
  }
  if (req.tags !== undefined && req.tags.length > 0) {
    throw new UsageError(
      "tags from the Git context apply to one component; with 'lock' alone every component is tagged with its locked version",
    );
  }
  if (req.name !== undefined) throw new UsageError("'name' applies to one component; with 'lock' alone every component keeps its name");
  return publishLock({ ...common, lock: req.lock });
}

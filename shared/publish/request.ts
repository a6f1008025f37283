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
  component?: string;
  lock?: string;
  to: string[];
  tag?: string;
  name?: string;
  registries?: string;
  /** The stores of the command (its registry clients); default opened from `registries`. */
  stores?: Stores;
  policy?: string;
  environment?: string;
  signing: SigningRequest;
  bundleDir?: string;
  /** One component only: RFC 3339 creation time, manifest annotations and labels (annotations too, see PublishOptions). */
  created?: string;
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
        ...(req.name !== undefined ? { name: req.name } : {}),
        ...(req.lock !== undefined ? { lock: req.lock } : {}),
        ...(req.created !== undefined ? { created: req.created } : {}),
        ...(req.annotations !== undefined ? { annotations: req.annotations } : {}),
        ...(req.labels !== undefined ? { labels: req.labels } : {}),
        ...(req.tags !== undefined ? { tags: req.tags } : {}),
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

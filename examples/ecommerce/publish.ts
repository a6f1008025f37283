// Publishes the built services of the example under their seed paths:
// into the embedded registry (one OCI image layout per repository under
// .flotilla/registry, what the `development` environment reads), or to a
// registry host (`127.0.0.1:5000`, with the `-staging` tag suffix the
// `staging` environment asks for).
import { join } from 'node:path';
import { pushFile } from '../../shared/artifact/operations.ts';
import { parseReference } from '../../shared/oci/reference.ts';
import { componentPath, EXAMPLE_DIR } from './build.ts';
import { components } from './components.ts';

export const EMBEDDED_REGISTRY = join(EXAMPLE_DIR, '.flotilla', 'registry');

export interface PublishOptions {
  /** `embedded` (the default) or a registry host such as `127.0.0.1:5000`. */
  target?: string;
  /** Appended to every tag (`-staging`). */
  tagSuffix?: string;
  /** The embedded registry folder (default EMBEDDED_REGISTRY). */
  registryDir?: string;
  /** Registry configuration file (credentials), as `flotilla push --registries`. */
  registries?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Published {
  name: string;
  ref: string;
  digest: string;
}

/** The target reference of a seed ref (`ghcr.io/company/ecommerce/cart:v1.2.0`) in the chosen registry. */
export function publishTarget(seedRef: string, target: string, tagSuffix = '', registryDir = EMBEDDED_REGISTRY): string {
  const ref = parseReference(seedRef);
  if (ref.kind !== 'registry' || ref.tag === undefined) throw new Error(`seed ref ${seedRef} has no registry and tag`);
  const tag = `${ref.tag}${tagSuffix}`;
  return target === 'embedded' ? `oci:${join(registryDir, ref.repository)}:${tag}` : `${target}/${ref.repository}:${tag}`;
}

/** Pushes every service that has a seed ref (the gateway and the mocks are local files). */
export async function publishExample(options: PublishOptions = {}): Promise<Published[]> {
  const target = options.target ?? 'embedded';
  const env = options.env ?? process.env;
  return Promise.all(
    components.flatMap((c) => {
      if (c.ref === undefined) return [];
      const ref = publishTarget(c.ref, target, options.tagSuffix, options.registryDir);
      return [
        pushFile(componentPath(c.name), ref, {
          cwd: EXAMPLE_DIR,
          env,
          registries: options.registries,
        }).then((r) => ({
          name: c.name,
          ref,
          digest: r.descriptor.digest,
        })),
      ];
    }),
  );
}

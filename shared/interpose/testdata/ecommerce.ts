/**
 * The e-commerce platform (examples/ecommerce) with a splitter between the
 * gateway and the user service: platform.wac composed as it is, then the
 * `users` instance split with a canary build of the user service (the same
 * source with one change: a fourth account, `dave`, so that /health shows
 * which version answered). Shared by the tests and the benchmark.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD_DIR, componentPath, EXAMPLE_DIR } from '../../../examples/ecommerce/build.ts';
import { buildComponent } from '../../../examples/ecommerce/componentize.ts';
import { components } from '../../../examples/ecommerce/components.ts';
import { ensureBuilt } from '../../../examples/ecommerce/test-support.ts';
import { EXAMPLES_DIR, SHARED_JS_DIR } from '../../../examples/lib/example.ts';
import { encodeGraph } from '../../wac/encode.ts';
import type { WacPackage } from '../../wac/resolver.ts';
import { findInstance, type SplitResult, splitInGraph, wacGraph } from '../graph.ts';

export const USERS = 'ecommerce:platform/users@1.0.0';

export async function platformPackages(): Promise<WacPackage[]> {
  await ensureBuilt();
  const out: WacPackage[] = [];
  for (const c of components) {
    if (c.name.endsWith('-mock')) continue;
    out.push({ name: c.wacPackage, bytes: new Uint8Array(await readFile(componentPath(c.name))) });
  }
  return out;
}

let canary: Promise<Uint8Array> | undefined;

/** The user service with a fourth account (dave): its canary, built once per process (cached on disk by its inputs). */
export function canaryUserService(): Promise<Uint8Array> {
  canary ??= (async () => {
    await ensureBuilt();
    // inside build/, as deep as services/<name>/: the service's imports of ../../../lib/js resolve the same
    const src = join(BUILD_DIR, 'user-service-canary-src');
    await mkdir(src, { recursive: true });
    const original = await readFile(join(EXAMPLE_DIR, 'services', 'user-service', 'index.js'), 'utf8');
    const marker = "addUser('carol', 'Carol Diaz', 'carol@example.com', 'standard', 'tok-carol-5be8');";
    if (!original.includes(marker))
      throw new Error('the user service source changed: update the canary patch in shared/interpose/testdata/ecommerce.ts');
    const patched = original.replace(marker, `${marker}\naddUser('dave', 'Dave Okafor', 'dave@example.com', 'standard', 'tok-dave-77e1');`);
    await writeFile(join(src, 'index.js'), patched);
    const outPath = join(BUILD_DIR, 'fixtures', 'user-service-canary.wasm');
    await buildComponent({
      name: 'user-service-canary',
      componentizer: 'componentize-qjs',
      entry: join(src, 'index.js'),
      sourceDir: src,
      sharedSources: [SHARED_JS_DIR],
      moduleRoot: EXAMPLES_DIR,
      witDir: join(BUILD_DIR, 'wit'),
      world: 'user-service',
      outPath,
    });
    return new Uint8Array(await readFile(outPath));
  })();
  return canary;
}

/** platform.wac composed, with or without the users splitter (validated by jco either way). */
export async function composePlatform(split: { weight: number } | null): Promise<{ bytes: Uint8Array; split: SplitResult | null }> {
  const text = await readFile(join(EXAMPLE_DIR, 'platform.wac'), 'utf8');
  const graph = await wacGraph({ file: join(EXAMPLE_DIR, 'platform.wac'), text }, await platformPackages());
  let result: SplitResult | null = null;
  if (split !== null) {
    result = splitInGraph(graph, findInstance(graph, 'users'), {
      canary: { bytes: await canaryUserService(), name: 'ecommerce:user-service-canary' },
      weight: split.weight,
    });
  }
  return { bytes: await encodeGraph(graph), split: result };
}

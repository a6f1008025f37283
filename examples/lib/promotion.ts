// Test support: an example's production composed from its signed staging
// lock, as a service team's CI does it. The example's spec, WAC file and
// policy are copied into a work folder (the service repository) with a
// release key made for the test written under every authority's key file;
// every component is published to a staging registry (a real one) with
// staging tags and signed with that key; staging is composed (its lock
// written); production is composed with promoteFrom: staging into a second
// registry. `publishVariant` pushes a differently built component under one
// component's staging tag (to see production refuse it).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushFile } from '../../shared/artifact/operations.ts';
import { RegistryClients } from '../../shared/registry-config/open.ts';
import { type ComposeResult, composeSpec } from '../../shared/release/compose.ts';
import { signArtifact } from '../../shared/sign/attach.ts';
import { generateKeyPair, parsePrivateKey } from '../../shared/sign/keys.ts';
import { keyPairSigner } from '../../shared/sign/signer.ts';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import { buildComponent } from './componentize.ts';
import {
  buildDir,
  buildExampleComponents,
  componentOf,
  EXAMPLES_DIR,
  type Example,
  publishExampleComponents,
  SHARED_JS_DIR,
} from './example.ts';

export interface PromotionWorld {
  example: Example;
  /** The copy of the example (spec, WAC, policy, keys; build/ linked). */
  dir: string;
  staging: Registry;
  production: Registry;
  published: { name: string; ref: string; digest: string }[];
  composeStaging(): Promise<ComposeResult>;
  composeProduction(): Promise<ComposeResult>;
  /** Signs what is in staging under `ref` (repository:tag) with the release key. */
  sign(ref: string): Promise<void>;
  /** Builds component `name` with every WASI import kept (not stubbed) and pushes it under its staging tag; its ref. */
  publishVariant(name: string): Promise<string>;
  stop(): Promise<void>;
}

export async function promotionWorld(example: Example, keyFiles: string[]): Promise<PromotionWorld> {
  const work = mkdtempSync(join(tmpdir(), `flotilla-${example.name}-promotion-`));
  const [staging, production] = await Promise.all([startRegistry(), startRegistry()]);
  const dir = join(work, example.name);
  mkdirSync(join(dir, 'keys'), { recursive: true });
  for (const f of ['flotilla.yaml', 'platform.wac', 'policy.yaml']) cpSync(join(example.dir, f), join(dir, f));
  for (const f of readdirSync(join(example.dir, 'keys'))) cpSync(join(example.dir, 'keys', f), join(dir, 'keys', f));
  const pair = generateKeyPair({ unencrypted: true });
  // the test's release key stands for every authority of the policy
  for (const f of keyFiles) writeFileSync(join(dir, 'keys', f), pair.publicKeyPem);
  symlinkSync(buildDir(example), join(dir, 'build'));
  const signer = keyPairSigner(parsePrivateKey(pair.privateKeyPem, 'release key'));
  const env = { FLOTILLA_STAGING_REGISTRY: staging.host, FLOTILLA_PRODUCTION_REGISTRY: production.host };
  await buildExampleComponents(example);
  const published = await publishExampleComponents(example, { target: staging.host, tagSuffix: '-staging', env: {} });
  const sign = async (ref: string) => {
    const repoName = ref.slice(0, ref.lastIndexOf(':'));
    const repo = new RegistryClients().repository(repoName);
    await signArtifact(repo, await repo.resolve(ref.slice(ref.lastIndexOf(':') + 1)), repoName, signer);
  };
  for (const p of published) await sign(p.ref);
  let round = 0;
  const compose = (environment: string) =>
    composeSpec({
      specFile: join(dir, 'flotilla.yaml'),
      environment,
      output: join(dir, `${environment}.wasm`),
      storeDir: join(work, `store-${environment}-${round++}`),
      env,
      ...(environment === 'production' ? { promoteFrom: { environment: 'staging' } } : {}),
    });
  return {
    example,
    dir,
    staging,
    production,
    published,
    composeStaging: () => compose('staging'),
    composeProduction: () => compose('production'),
    sign,
    async publishVariant(name) {
      const c = componentOf(example, name);
      const sourceDir = join(example.dir, 'services', c.source ?? c.name);
      const outPath = join(work, 'variants', `${name}.wasm`);
      await buildComponent({
        name: `${name}-full-wasi`,
        componentizer: c.componentizer ?? 'componentize-qjs',
        entry: join(sourceDir, 'index.js'),
        sourceDir,
        sharedSources: [SHARED_JS_DIR, ...(example.sharedSources ?? [])],
        moduleRoot: EXAMPLES_DIR,
        witDir: join(buildDir(example), 'wit'),
        world: c.world,
        wasi: true,
        outPath,
      });
      const ref = published.find((p) => p.name === name)?.ref;
      if (ref === undefined) throw new Error(`${name} was not published`);
      await pushFile(outPath, ref, { cwd: dir, env: {} });
      return ref;
    },
    async stop() {
      await Promise.all([staging.stop(), production.stop()]);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

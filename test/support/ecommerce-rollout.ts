/**
 * The e-commerce platform set up for a rollout of its user service, as a
 * service team has it: every component published to a registry and signed
 * with the team's release key, a spec whose `production` environment runs
 * user-service v2.0.0 and names rollout.canary.component, a policy that
 * wants the release key's signature on everything from the registry, and
 * `flotilla serve --follow` (the real CLI) on the live tag with its admin
 * port for Prometheus. Shared by the canary tests and bench/canary-step.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR, componentPath, EXAMPLE_DIR } from '../../examples/ecommerce/build.ts';
import { buildComponent } from '../../examples/ecommerce/componentize.ts';
import { components } from '../../examples/ecommerce/components.ts';
import { publishExample } from '../../examples/ecommerce/publish.ts';
import { ensureBuilt } from '../../examples/ecommerce/test-support.ts';
import { EXAMPLES_DIR, SHARED_JS_DIR } from '../../examples/lib/example.ts';
import { pushFile } from '../../shared/artifact/operations.ts';
import { canaryUserService } from '../../shared/interpose/testdata/ecommerce.ts';
import { parseReference } from '../../shared/oci/reference.ts';
import { RegistryClients } from '../../shared/registry-config/open.ts';
import { signArtifact } from '../../shared/sign/attach.ts';
import { generateKeyPair, parsePrivateKey } from '../../shared/sign/keys.ts';
import { keyPairSigner } from '../../shared/sign/signer.ts';
import { freePort } from '../harness/ports.ts';

export const USER_SERVICE = 'company/ecommerce/user-service';
export const APP_REPOSITORY = 'company/ecommerce/platform';

let bad: Promise<Uint8Array> | undefined;

/** A user service that fails every second call of `authenticate` (built once per process, cached by its inputs). */
export function failingUserService(): Promise<Uint8Array> {
  bad ??= (async () => {
    await ensureBuilt();
    // inside build/, as deep as services/<name>/: the service's imports of ../../../lib/js resolve the same
    const src = join(BUILD_DIR, 'user-service-failing-src');
    await mkdir(src, { recursive: true });
    const original = await readFile(join(EXAMPLE_DIR, 'services', 'user-service', 'index.js'), 'utf8');
    const marker = '  authenticate(token) {\n';
    const declaration = "export const users = withCallLog('user-service', {";
    if (!original.includes(marker) || !original.includes(declaration))
      throw new Error('the user service source changed: update the failing patch in test/support/ecommerce-rollout.ts');
    const patched = original
      .replace(declaration, `let calls = 0;\n${declaration}`)
      .replace(marker, `${marker}    calls += 1;\n    if (calls % 2 === 0) throw 'user service 2.2.0: internal error';\n`);
    await writeFile(join(src, 'index.js'), patched);
    const outPath = join(tmpdir(), 'flotilla-test-fixtures', 'user-service-failing', 'user-service-failing.wasm');
    await buildComponent({
      name: 'user-service-failing',
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
  return bad;
}

export interface Shop {
  dir: string;
  spec: string;
  host: string;
  /** The release key (PEM file, unencrypted) and its public half beside the policy. */
  keyFile: string;
  /** `host/company/ecommerce/user-service:<tag>` */
  userService: (tag: string) => string;
  repository: string;
}

/**
 * Publishes the platform's components (`-base` tags), user-service v2.0.0
 * (the example's build), v2.1.0 (one more account) and 2.2.0-failing, all
 * signed, and writes the service repository into `dir`.
 */
export async function setUpShop(dir: string, host: string, rollout: string, environments: string[]): Promise<Shop> {
  await ensureBuilt();
  mkdirSync(join(dir, 'keys'), { recursive: true });
  const pair = generateKeyPair({ unencrypted: true });
  const keyFile = join(dir, 'keys', 'release.key');
  writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'keys', 'release.pub'), pair.publicKeyPem);
  writeFileSync(join(dir, 'platform.wac'), readFileSync(join(EXAMPLE_DIR, 'platform.wac')));
  writeFileSync(
    join(dir, 'policy.yaml'),
    'mode: enforce\ndefault_signing_required: true\nauthorities:\n  release:\n    key: keys/release.pub\nregistries:\n  - match: "127.0.0.1"\n    signing: required\n    authorities: [release]\n',
  );
  try {
    symlinkSync(join(EXAMPLE_DIR, 'build'), join(dir, 'build'));
  } catch {
    // already there
  }
  const published = await publishExample({ target: host, tagSuffix: '-base', env: {} });
  const us = (tag: string) => `${host}/${USER_SERVICE}:${tag}`;
  const versions: [string, Uint8Array][] = [
    ['v2.0.0', new Uint8Array(readFileSync(componentPath('user-service')))],
    ['v2.1.0', await canaryUserService()],
    ['v2.2.0-failing', await failingUserService()],
  ];
  const refs = published.map((p) => ({ ref: p.ref, digest: p.digest }));
  for (const [tag, bytes] of versions) {
    const file = join(dir, `user-service-${tag}.wasm`);
    writeFileSync(file, bytes);
    refs.push({ ref: us(tag), digest: (await pushFile(file, us(tag), { cwd: dir, env: {} })).descriptor.digest });
  }
  const signer = keyPairSigner(parsePrivateKey(pair.privateKeyPem, 'release key'));
  for (const p of refs) {
    const repo = p.ref.slice(0, p.ref.lastIndexOf(':'));
    const store = new RegistryClients().repository(repo);
    await signArtifact(store, await store.resolve(p.digest), repo, signer);
  }
  const spec = writeShopSpec(dir, host, 'flotilla.yaml', rollout, environments);
  return { dir, spec, host, keyFile, userService: us, repository: `${host}/${APP_REPOSITORY}` };
}

/** Writes a spec of the shop (`dir/<file>`): the platform with user-service v2.0.0, the rollout section given, each environment with the policy. */
export function writeShopSpec(dir: string, host: string, file: string, rollout: string, environments: string[]): string {
  const us = (tag: string) => `${host}/${USER_SERVICE}:${tag}`;
  const lines = components.flatMap((c) => {
    if (c.ref === undefined) return [];
    const r = parseReference(c.ref);
    if (r.kind !== 'registry') return [];
    return [`  ${c.name}: ${c.name === 'user-service' ? us('v2.0.0') : `${host}/${r.repository}:${r.tag}-base`}`];
  });
  const spec = join(dir, file);
  writeFileSync(
    spec,
    `name: ecommerce-platform
package: ecommerce:platform@1.0.0
components:
${lines.join('\n')}
composition:
  wac: platform.wac
rollout:
  repository: ${host}/${APP_REPOSITORY}
${rollout
  .split('\n')
  .map((l) => (l ? `  ${l}` : l))
  .join('\n')}
environments:
${environments.map((e) => `  ${e}:\n    policy: policy.yaml`).join('\n')}
`,
  );
  return spec;
}

export interface ServeProcess {
  url: string;
  adminPort: number;
  adminUrl: string;
  /** The digest being served (admin /version). */
  digest(): Promise<string | undefined>;
  waitForDigest(digest: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  stderr(): string;
}

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'flotilla.js');

/** `flotilla serve --follow <ref> --poll 1 --admin …` as a child process (the real CLI). */
export async function serveFollow(ref: string, cwd: string, adminPort: number, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'serve', '--follow', ref, '--poll', '1', '--port', String(port), '--admin', `127.0.0.1:${adminPort}`, '--no-log-requests'],
    { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err = (err + c.toString('utf8')).slice(-20_000);
  });
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const digest = async () => {
    try {
      const res = await fetch(`${adminUrl}/version`);
      if (res.status !== 200) return undefined;
      return ((await res.json()) as { digest?: string }).digest;
    } catch {
      return undefined;
    }
  };
  const s: ServeProcess = {
    url: `http://127.0.0.1:${port}`,
    adminPort,
    adminUrl,
    digest,
    async waitForDigest(d, timeoutMs = 300_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        if (child.exitCode !== null) throw new Error(`flotilla serve exited ${child.exitCode}: ${err}`);
        if ((await digest()) === d) return;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`flotilla serve did not serve ${d} within ${timeoutMs} ms: ${err}`);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await done;
    },
    stderr: () => err,
  };
  return s;
}

export const TOKENS = ['tok-alice-7f3a', 'tok-bob-19c2', 'tok-carol-5be8'];

/** Load from the test: `rate` requests a second on /products/p-1001 as the three users; counts what failed. */
export function startTraffic(url: string, rate = 20) {
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;
  let stopped = false;
  const inflight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    if (stopped) return;
    const i = sent++;
    const p = (async () => {
      try {
        const res = await fetch(`${url}/products/p-1001`, { headers: { authorization: `Bearer ${TOKENS[i % 3]}` } });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        // 200, or 429 from the gateway's per-user limit: anything else is a failed request
        if (res.status !== 200 && res.status !== 429) failures.push(`request ${i}: HTTP ${res.status}`);
      } catch (e) {
        failures.push(`request ${i}: ${(e as Error).message}`);
      }
    })();
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  }, 1000 / rate);
  return {
    statuses,
    failures,
    sent: () => sent,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(inflight);
    },
  };
}

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../../test/harness/registry.ts';
import { makeComponent, tempDir } from '../../../test/harness/wasm-fixtures.ts';
import { settledLog } from '../../../test/oci/artifacts.ts';
import { pullWasmArtifact } from '../../artifact/wasm-artifact.ts';
import { sha256 } from '../../oci/digest.ts';
import { LayoutStore } from '../../oci/layout/store.ts';
import { runCli } from '../main.ts';

const run = promisify(execFile);

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

describe('flotilla push, pull, copy, tags, inspect against a real registry', () => {
  let registry: Registry;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    registry = await startRegistry();
    ({ dir, cleanup } = tempDir());
  });
  afterAll(async () => {
    await registry?.stop();
    cleanup?.();
  });
  // the registry logs a moment after it answers: wait for the log to settle before clearing or counting
  const clearLog = async () => {
    await settledLog(registry);
    registry.clearAccessLog();
  };
  const log = async () => {
    await settledLog(registry);
    return registry.accessLog();
  };
  beforeEach(clearLog);

  async function flotilla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(args, { stdout, stderr, cwd: dir, env: { FLOTILLA_CACHE: join(dir, 'cache') } });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  const blobGets = async () => (await log()).filter((e) => e.method === 'GET' && e.path.includes('/blobs/'));

  it('push, then skopeo reads the Wasm media types; pull is byte-identical; a second pull fetches no blob', async () => {
    const wasm = await makeComponent('get');
    writeFileSync(join(dir, 'get.wasm'), wasm);
    const ref = `${registry.host}/shop/get:1.0.0`;
    const pushed = await flotilla('push', 'get.wasm', ref);
    expect(pushed.stderr).toBe('');
    expect(pushed.code).toBe(0);
    const digest = pushed.stdout.trim();

    const raw = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`]);
    expect(sha256(raw.stdout)).toBe(digest);
    const manifest = JSON.parse(raw.stdout);
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(manifest.config.mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(manifest.layers).toEqual([
      {
        mediaType: 'application/wasm',
        digest: sha256(wasm),
        size: wasm.length,
        annotations: { 'org.opencontainers.image.title': 'get.wasm' },
      },
    ]);
    const config = await run('skopeo', ['inspect', '--config', '--raw', '--tls-verify=false', `docker://${ref}`]);
    expect(JSON.parse(config.stdout)).toMatchObject({ architecture: 'wasm', os: 'wasip2', component: { exports: ['get'] } });

    await clearLog();
    const first = await flotilla('pull', ref, '-o', 'first.wasm');
    expect(first.code).toBe(0);
    expect(readFileSync(join(dir, 'first.wasm')).equals(Buffer.from(wasm))).toBe(true);
    expect(await blobGets()).toHaveLength(2);

    await clearLog();
    const second = await flotilla('pull', ref, '-o', 'second.wasm');
    expect(second.code).toBe(0);
    expect(readFileSync(join(dir, 'second.wasm')).equals(Buffer.from(wasm))).toBe(true);
    expect(await blobGets()).toEqual([]);
    expect((await log()).filter((e) => e.path.includes('/manifests/'))).toHaveLength(1);
  });

  it('copies every tag of a layout to a repository and back in one call, then skips what is present', async () => {
    for (const [i, name] of ['a', 'b', 'c', 'd'].entries()) {
      writeFileSync(join(dir, `${name}.wasm`), await makeComponent(name, i));
      expect((await flotilla('push', `${name}.wasm`, `oci:src:${name}`)).code).toBe(0);
    }
    const repo = `${registry.host}/shop/many`;
    const up = await flotilla('copy', 'oci:src', repo);
    expect(up.code).toBe(0);
    expect((await flotilla('tags', repo)).stdout).toBe('a\nb\nc\nd\n');
    // skopeo sees the same digests
    const src = new LayoutStore(join(dir, 'src'));
    const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${repo}:c`]);
    expect(sha256(stdout)).toBe((await src.resolve('c')).digest);

    await clearLog();
    const down = await flotilla('copy', repo, 'oci:back');
    expect(down.code).toBe(0);
    expect(await blobGets()).toHaveLength(8);
    const back = new LayoutStore(join(dir, 'back'));
    for (const t of ['a', 'b', 'c', 'd']) expect((await back.resolve(t)).digest).toBe((await src.resolve(t)).digest);

    await clearLog();
    const again = await flotilla('copy', repo, 'oci:back');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/0 blob\(s\) \(0.0 MiB\) and 0 manifest\(s\) transferred, 4 already present/);
    expect(await blobGets()).toEqual([]);

    await clearLog();
    const reup = await flotilla('copy', 'oci:src', repo);
    expect(reup.code).toBe(0);
    expect((await log()).filter((e) => e.method === 'PUT' || e.method === 'POST' || e.method === 'PATCH')).toEqual(
      // the manifests exist by digest: each tag is set again by one manifest PUT, no blob is uploaded
      expect.not.arrayContaining([expect.objectContaining({ path: expect.stringContaining('/blobs/uploads') })]),
    );
  });

  it('copies between two repositories of one registry by mounting, without moving a blob through us', async () => {
    writeFileSync(join(dir, 'm.wasm'), await makeComponent('m', 9));
    expect((await flotilla('push', 'm.wasm', `${registry.host}/team-a/m:1`)).code).toBe(0);
    await clearLog();
    const res = await flotilla('copy', `${registry.host}/team-a/m:1`, `${registry.host}/team-b/m:1`);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('2 blob(s) mounted');
    expect(await blobGets()).toEqual([]);
    expect((await log()).filter((e) => e.method === 'POST' && e.path.includes('mount=') && e.status === 201)).toHaveLength(2);
    const { stdout } = await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/team-b/m:1`]);
    expect(JSON.parse(stdout).layers[0].mediaType).toBe('application/wasm');
  });

  it('copies an artifact with its referrers to the registry (tag schema) and back, with --referrers', async () => {
    writeFileSync(join(dir, 's.wasm'), await makeComponent('s', 11));
    expect((await flotilla('push', 's.wasm', 'oci:signed:v1')).code).toBe(0);
    const src = new LayoutStore(join(dir, 'signed'));
    const subject = await src.resolve('v1');
    const enc = new TextEncoder();
    const empty = enc.encode('{}');
    const emptyDesc = { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(empty), size: 2 };
    const bundle = enc.encode('{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}');
    const bundleDesc = { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', digest: sha256(bundle), size: bundle.length };
    await src.push(emptyDesc, empty);
    await src.push(bundleDesc, bundle);
    const sig = enc.encode(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        config: emptyDesc,
        layers: [bundleDesc],
        subject,
      }),
    );
    const sigDesc = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(sig), size: sig.length };
    await src.pushManifest(sigDesc, sig);

    const repo = `${registry.host}/shop/signed`;
    const up = await flotilla('copy', '--referrers', 'oci:signed:v1', `${repo}:v1`);
    expect(up.code).toBe(0);
    expect(up.stderr).toContain('1 referrer(s)');
    // distribution 2.8 has no referrers API: the referrer is listed in the sha256-<hex> tag index
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${repo}:sha256-${subject.digest.slice(7)}`,
    ]);
    expect(JSON.parse(stdout).manifests.map((m: { digest: string }) => m.digest)).toEqual([sigDesc.digest]);

    const down = await flotilla('copy', '--referrers', `${repo}:v1`, 'oci:signed-back:v1');
    expect(down.code).toBe(0);
    const back = new LayoutStore(join(dir, 'signed-back'));
    expect((await back.referrers(subject)).map((d) => d.digest)).toEqual([sigDesc.digest]);
    expect(Buffer.from(await back.fetch(bundleDesc)).equals(Buffer.from(bundle))).toBe(true);
  });

  it('reads what skopeo copies from the registry into a layout, and inspects a ref', async () => {
    writeFileSync(join(dir, 'x.wasm'), await makeComponent('x', 42));
    const ref = `${registry.host}/shop/x:2.0.0`;
    const digest = (await flotilla('push', 'x.wasm', ref)).stdout.trim();
    await run('skopeo', ['copy', '--src-tls-verify=false', `docker://${ref}`, `oci:${join(dir, 'by-skopeo')}:2.0.0`]);
    const pulled = await pullWasmArtifact(new LayoutStore(join(dir, 'by-skopeo')), '2.0.0');
    expect(pulled.descriptor.digest).toBe(digest);
    expect(pulled.config.component?.exports).toEqual(['x']);
    const info = JSON.parse((await flotilla('inspect', ref, '--json')).stdout);
    expect(info).toMatchObject({ kind: 'component', exports: ['x'], manifest: { digest } });
  });

  it('refuses a registry artifact that is not Wasm, naming what it found', async () => {
    const store = new LayoutStore(join(dir, 'img'));
    const enc = new TextEncoder();
    const config = enc.encode('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
    const cd = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length };
    await store.push(cd, config);
    const m = enc.encode(
      JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: cd, layers: [] }),
    );
    await store.pushManifest({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(m), size: m.length }, m, 'img');
    expect((await flotilla('copy', 'oci:img:img', `${registry.host}/shop/image:1`)).code).toBe(0);
    await clearLog();
    const res = await flotilla('pull', `${registry.host}/shop/image:1`, '-o', 'img.wasm');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('is not a Wasm artifact: found config application/vnd.oci.image.config.v1+json, 0 layer(s)');
    // refused on its manifest: nothing else was downloaded
    expect(await blobGets()).toEqual([]);
  });
});

describe('flotilla against registries with credentials (--registries, FLOTILLA_REGISTRIES)', () => {
  let basic: Registry;
  let token: Registry;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    [basic, token] = await Promise.all([startRegistry({ auth: 'basic' }), startRegistry({ auth: 'token' })]);
    ({ dir, cleanup } = tempDir());
  });
  afterAll(async () => {
    await Promise.all([basic?.stop(), token?.stop()]);
    cleanup?.();
  });

  async function flotilla(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(args, { stdout, stderr, cwd: dir, env: { FLOTILLA_CACHE: join(dir, 'cache'), HOME: dir, ...env } });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('pushes and pulls with basic auth from a --registries YAML file, never printing the password', async () => {
    const wasm = await makeComponent('b', 3);
    writeFileSync(join(dir, 'b.wasm'), wasm);
    writeFileSync(
      join(dir, 'registries.yaml'),
      `registries:\n  - name: local\n    host: ${basic.host}\n    auth:\n      type: basic\n      username: ${basic.username}\n      passwordEnv: REG_PASSWORD\n`,
    );
    const env = { REG_PASSWORD: basic.password ?? '' };
    const ref = `${basic.host}/shop/b:1`;
    const denied = await flotilla({}, 'push', 'b.wasm', ref);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('HTTP 401');
    const pushed = await flotilla(env, 'push', '--registries', 'registries.yaml', 'b.wasm', ref);
    expect(pushed.code).toBe(0);
    const pulled = await flotilla(env, 'pull', '--registries', 'registries.yaml', ref, '-o', 'b-back.wasm');
    expect(pulled.code).toBe(0);
    expect(readFileSync(join(dir, 'b-back.wasm')).equals(Buffer.from(wasm))).toBe(true);
    const tags = await flotilla(env, 'tags', '--registries', 'registries.yaml', `${basic.host}/shop/b`);
    expect(tags.stdout).toBe('1\n');
    for (const out of [denied, pushed, pulled, tags]) expect(out.stdout + out.stderr).not.toContain(basic.password);
  });

  it('copies a layout to a token-auth registry with FLOTILLA_REGISTRIES seed strings', async () => {
    writeFileSync(join(dir, 't.wasm'), await makeComponent('t', 5));
    expect((await flotilla({}, 'push', 't.wasm', 'oci:tok:v1')).code).toBe(0);
    const env = {
      FLOTILLA_REGISTRIES: `local|${token.host}|oci|basic|REG_USER|REG_PASSWORD`,
      REG_USER: token.username,
      REG_PASSWORD: token.password,
    };
    const up = await flotilla(env, 'copy', 'oci:tok', `${token.host}/shop/tok`);
    expect(up.stderr).toMatch(/copied 1 artifact/);
    expect(up.code).toBe(0);
    const info = JSON.parse((await flotilla(env, 'inspect', `${token.host}/shop/tok:v1`, '--json')).stdout);
    expect(info).toMatchObject({ kind: 'component', exports: ['t'] });
    expect(up.stdout + up.stderr).not.toContain(token.password);
  });
});

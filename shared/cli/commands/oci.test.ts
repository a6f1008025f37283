import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeComponent, makeModule, tempDir } from '../../../test/harness/wasm-fixtures.ts';
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

describe('flotilla push, pull, inspect, copy, tags (layouts)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
  });
  afterEach(() => cleanup());

  async function flotilla(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(args, { stdout, stderr, cwd: dir, env: { FLOTILLA_CACHE: join(dir, 'cache'), ...env } });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('push prints the digest, the same one for the same file; SOURCE_DATE_EPOCH and --created change it', async () => {
    writeFileSync(join(dir, 'get.wasm'), await makeComponent());
    const one = await flotilla(['push', 'get.wasm', 'oci:store:1.0.0']);
    expect(one).toMatchObject({ code: 0, stderr: '' });
    expect(one.stdout).toMatch(/^sha256:[a-f0-9]{64}\n$/);
    const two = await flotilla(['push', 'get.wasm', 'oci:store:again']);
    expect(two.stdout).toBe(one.stdout);
    const epoch = await flotilla(['push', 'get.wasm', 'oci:store:epoch'], { SOURCE_DATE_EPOCH: '1767225600' });
    const created = await flotilla(['push', '--created', '2026-01-01T00:00:00Z', 'get.wasm', 'oci:store:created']);
    expect(epoch.stdout).not.toBe(one.stdout);
    expect(created.stdout).toBe(epoch.stdout);
    const { stdout } = await run('skopeo', ['inspect', '--raw', `oci:${join(dir, 'store')}:1.0.0`]);
    expect(sha256(stdout)).toBe(one.stdout.trim());
  });

  it('push refuses a file that is not Wasm, a missing file and a ref without tag, saying so', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const notWasm = await flotilla(['push', 'notes.txt', 'oci:store:1']);
    expect(notWasm.code).toBe(1);
    expect(notWasm.stderr).toContain(
      `[WASM_INVALID]: ${join(dir, 'notes.txt')}: not a WebAssembly binary: it is text (it starts with 'hello')`,
    );
    const missing = await flotilla(['push', 'nope.wasm', 'oci:store:1']);
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('nope.wasm: no such file');
    writeFileSync(join(dir, 'get.wasm'), await makeComponent());
    const noTag = await flotilla(['push', 'get.wasm', 'oci:store']);
    expect(noTag.code).toBe(2);
    expect(noTag.stderr).toContain('names no tag; add one, as in oci:store:1.0.0');
  });

  it('pull writes the component byte for byte, to -o or to its title', async () => {
    const wasm = await makeComponent();
    writeFileSync(join(dir, 'get.wasm'), wasm);
    const pushed = await flotilla(['push', 'get.wasm', 'oci:store:v1']);
    const pulled = await flotilla(['pull', 'oci:store:v1', '-o', 'out.wasm']);
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toBe(`${pushed.stdout.trim()} ${join(dir, 'out.wasm')}\n`);
    expect(readFileSync(join(dir, 'out.wasm')).equals(Buffer.from(wasm))).toBe(true);
    const byDigest = await flotilla(['pull', `oci:store@${pushed.stdout.trim()}`, '-o', 'sub.wasm']);
    expect(byDigest.code).toBe(0);
    expect(readFileSync(join(dir, 'sub.wasm')).equals(Buffer.from(wasm))).toBe(true);
    writeFileSync(join(dir, 'get.wasm'), 'overwritten');
    await flotilla(['pull', 'oci:store:v1', '--force']);
    expect(readFileSync(join(dir, 'get.wasm')).equals(Buffer.from(wasm))).toBe(true);
  });

  it('pull refuses what is not a Wasm artifact, naming the media types found', async () => {
    const store = new LayoutStore(join(dir, 'store'));
    const enc = new TextEncoder();
    const config = enc.encode('{"architecture":"amd64","os":"linux"}');
    const layer = enc.encode('tarball');
    const cd = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length };
    const ld = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(layer), size: layer.length };
    await store.push(cd, config);
    await store.push(ld, layer);
    const m = enc.encode(
      JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: cd, layers: [ld] }),
    );
    await store.pushManifest({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(m), size: m.length }, m, 'image');
    const res = await flotilla(['pull', 'oci:store:image', '-o', 'x.wasm']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('[NOT_WASM_ARTIFACT]');
    expect(res.stderr).toContain(
      'found config application/vnd.oci.image.config.v1+json, 1 layer(s) [application/vnd.oci.image.layer.v1.tar+gzip]',
    );
  });

  it('inspect shows imports, exports, size and digest of a file and of a ref, as text and JSON', async () => {
    const wasm = await makeComponent('get');
    writeFileSync(join(dir, 'get.wasm'), wasm);
    const file = await flotilla(['inspect', 'get.wasm', '--json']);
    expect(JSON.parse(file.stdout)).toEqual({
      source: join(dir, 'get.wasm'),
      kind: 'component',
      digest: sha256(wasm),
      size: wasm.length,
      imports: ['wasi:cli/environment@0.2.0'],
      exports: ['get'],
    });
    const pushed = await flotilla(['push', 'get.wasm', 'oci:store:v1', '--annotation', 'org.opencontainers.image.version=1.0.0']);
    const ref = await flotilla(['inspect', 'oci:store:v1', '--json']);
    expect(JSON.parse(ref.stdout)).toMatchObject({
      kind: 'component',
      digest: sha256(wasm),
      size: wasm.length,
      imports: ['wasi:cli/environment@0.2.0'],
      exports: ['get'],
      manifest: {
        digest: pushed.stdout.trim(),
        os: 'wasip2',
        annotations: { 'org.opencontainers.image.version': '1.0.0', 'org.opencontainers.image.created': '1970-01-01T00:00:00Z' },
      },
    });
    const text = await flotilla(['inspect', 'oci:store:v1']);
    expect(text.stdout).toContain(`digest:  ${sha256(wasm)}`);
    expect(text.stdout).toContain('imports:\n  wasi:cli/environment@0.2.0\nexports:\n  get\n');
    writeFileSync(join(dir, 'm.wasm'), await makeModule());
    await flotilla(['push', 'm.wasm', 'oci:store:mod']);
    const mod = JSON.parse((await flotilla(['inspect', 'oci:store:mod', '--json'])).stdout);
    expect(mod).toMatchObject({ kind: 'module', imports: ['env/log'], exports: ['run'], manifest: { os: 'wasip1' } });
  });

  it('copy copies one tag, or every tag of a layout in one call; tags lists them', async () => {
    for (const [i, name] of ['a', 'b', 'c'].entries()) {
      writeFileSync(join(dir, `${name}.wasm`), await makeComponent(name, i));
      await flotilla(['push', `${name}.wasm`, `oci:src:${name}`]);
    }
    const one = await flotilla(['copy', 'oci:src:b', 'oci:one:renamed']);
    expect(one.code).toBe(0);
    expect((await flotilla(['tags', 'oci:one'])).stdout).toBe('renamed\n');
    const all = await flotilla(['copy', 'oci:src', 'oci:all']);
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split('\n')).toHaveLength(3);
    expect(all.stderr).toMatch(/copied 3 artifact\(s\): 6 blob\(s\)/);
    expect((await flotilla(['tags', 'oci:all'])).stdout).toBe('a\nb\nc\n');
    const again = await flotilla(['copy', 'oci:src', 'oci:all']);
    expect(again.stderr).toMatch(/0 blob\(s\) \(0.0 MiB\) and 0 manifest\(s\) transferred, 3 already present/);
    const slow = await flotilla(['copy', '--concurrency', '0', 'oci:src', 'oci:other']);
    expect(slow.code).toBe(2);
    expect(slow.stderr).toContain("--concurrency '0': expected a whole number from 1 to 256");
    const serial = await flotilla(['copy', '--concurrency', '1', 'oci:src', 'oci:serial']);
    expect(serial.code).toBe(0);
    expect((await flotilla(['tags', 'oci:serial'])).stdout).toBe('a\nb\nc\n');
    const bad = await flotilla(['copy', 'oci:src', 'oci:all:x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('give the destination without a tag');
    const missing = await flotilla(['tags', 'oci:nowhere']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no OCI image layout here');
  });
});

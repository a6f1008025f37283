import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeComponent, tempDir } from '../../../test/harness/wasm-fixtures.ts';
import { buildWasmArtifact, pushWasmArtifact } from '../../artifact/wasm-artifact.ts';
import { sha256 } from '../../oci/digest.ts';
import { LayoutStore } from '../../oci/layout/store.ts';
import { MediaType } from '../../oci/media-types.ts';
import { runCli } from '../main.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

describe('flotilla pull names files only with plain titles', () => {
  let root: string;
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir: root, cleanup } = tempDir());
    dir = join(root, 'a', 'b');
    mkdirSync(dir, { recursive: true });
  });
  afterEach(() => cleanup());

  async function flotilla(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(args, { stdout, stderr, cwd: dir, env: { FLOTILLA_CACHE: join(root, 'cache') } });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  /** Pushes the component to oci:store:<tag> with the layer title `title` (any JSON value). */
  async function withTitle(tag: string, title: unknown): Promise<void> {
    const artifact = buildWasmArtifact({ wasm: await makeComponent(), created: '2026-01-01T00:00:00Z', title: 'x.wasm' });
    const manifest = JSON.parse(new TextDecoder().decode(artifact.manifestBytes));
    manifest.layers[0].annotations['org.opencontainers.image.title'] = title;
    const bytes = new TextEncoder().encode(JSON.stringify(manifest));
    const store = new LayoutStore(join(dir, 'store'));
    await pushWasmArtifact(
      store,
      {
        ...artifact,
        manifestBytes: bytes,
        descriptor: { mediaType: MediaType.OciManifest, digest: sha256(bytes), size: bytes.byteLength },
      },
      tag,
    );
  }

  it.each<[string, unknown]>([
    ['dotdot', '..'],
    ['path', '../../evil.wasm'],
    ['absolute', '/tmp/evil.wasm'],
    ['backslash', '..\\evil.wasm'],
    ['hidden', '.bashrc'],
    ['newline', 'ok.wasm\nsha256:forged /etc/passwd'],
    ['number', 42],
    ['object', { a: 1 }],
  ])('refuses a title that is not a plain file name (%s) with a typed error, writing nothing', async (tag, title) => {
    await withTitle(tag, title);
    const before = JSON.stringify([readdirSync(root).sort(), readdirSync(join(root, 'a')).sort(), readdirSync(dir).sort()]);
    const res = await flotilla(['pull', `oci:store:${tag}`]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('PULL_UNSAFE_TITLE');
    expect(res.stderr).toContain('-o file.wasm');
    expect(res.stdout).toBe('');
    expect(res.stderr.split('\n').some((l) => l.startsWith('sha256:forged'))).toBe(false);
    expect(JSON.stringify([readdirSync(root).sort(), readdirSync(join(root, 'a')).sort(), readdirSync(dir).sort()])).toBe(before);
  });

  it('refuses to overwrite an existing file named by the title without --force', async () => {
    await withTitle('plain', 'cart.wasm');
    writeFileSync(join(dir, 'cart.wasm'), 'mine');
    const res = await flotilla(['pull', 'oci:store:plain']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('PULL_FILE_EXISTS');
    expect(res.stderr).toContain('--force');
    expect(readFileSync(join(dir, 'cart.wasm'), 'utf8')).toBe('mine');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const forced = await flotilla(['pull', 'oci:store:plain', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'cart.wasm')).equals(Buffer.from(await makeComponent()))).toBe(true);
    // a file the user names with -o is theirs to overwrite
    writeFileSync(join(dir, 'named.wasm'), 'mine');
    expect((await flotilla(['pull', 'oci:store:plain', '-o', 'named.wasm'])).code).toBe(0);
    expect(existsSync(join(dir, 'named.wasm'))).toBe(true);
    expect(readFileSync(join(dir, 'named.wasm'), 'utf8')).not.toBe('mine');
  });
});

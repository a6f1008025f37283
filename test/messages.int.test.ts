// Messages a trial run found wanting, each as a user meets it through the CLI
// against a real registry: WAT given where a binary is expected, a tag that
// does not exist, `pull -o <folder>`, `inspect <folder>`, and plug mode with
// nothing to plug (its names come from the spec).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../shared/cli/main.ts';
import { sha256 } from '../shared/oci/digest.ts';
import { type Registry, startRegistry } from './harness/registry.ts';
import { componentWat, makeComponent, tempDir } from './harness/wasm-fixtures.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

let reg: Registry;
let work: { dir: string; cleanup: () => void };
let wasm: Uint8Array;

async function flotilla(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, cwd: work.dir, env: { FLOTILLA_CACHE: join(work.dir, 'cache') } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

beforeAll(async () => {
  reg = await startRegistry();
  work = tempDir('flotilla-messages-');
  wasm = await makeComponent('get', 3);
  writeFileSync(join(work.dir, 'cart.wasm'), wasm);
  writeFileSync(join(work.dir, 'cart.wat'), `;; the cart, in text\n${componentWat('get', 3)}\n`);
  writeFileSync(join(work.dir, 'notes.txt'), 'hello\n');
  for (const tag of ['v1.2.0', 'v1.1.0', 'v1.10.0', 'latest']) {
    const r = await flotilla('push', 'cart.wasm', `${reg.host}/shop/cart:${tag}`);
    expect(r.code, r.stderr).toBe(0);
  }
}, 60_000);
afterAll(async () => {
  await reg?.stop();
  work?.cleanup();
});

describe('not a WebAssembly binary', () => {
  it('names the file and says it is WAT, with what to do', async () => {
    const r = await flotilla('push', 'cart.wat', `${reg.host}/shop/cart:wat`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `flotilla push: error [WASM_INVALID]: ${join(work.dir, 'cart.wat')}: not a WebAssembly binary: it is WebAssembly text (WAT, a component written as '(component …'); build the binary first (jco parse ${join(work.dir, 'cart.wat')} -o out.wasm, or wasm-tools parse), or give the .wat file where .wat is accepted (the package folder of a WAC composition)\n`,
    );
  });

  it('other text, and an empty file', async () => {
    const text = await flotilla('inspect', 'notes.txt');
    expect(text.stderr).toContain(
      `${join(work.dir, 'notes.txt')}: not a WebAssembly binary: it is text (it starts with 'hello'), a binary starts with \\0asm`,
    );
    writeFileSync(join(work.dir, 'empty.wasm'), '');
    const empty = await flotilla('publish', 'empty.wasm', '--to', `${reg.host}/shop/empty:1`);
    expect(empty.stderr).toContain(`${join(work.dir, 'empty.wasm')}: not a WebAssembly binary: the file is empty`);
  });

  it('a spec component that is WAT: the message names the file on the component’s line', async () => {
    writeFileSync(
      join(work.dir, 'flotilla.yaml'),
      [
        'name: shop',
        'package: acme:shop',
        'components:',
        '  socket: cart.wasm',
        '  plug: cart.wat',
        'composition: { plug: { socket: socket } }',
        '',
      ].join('\n'),
    );
    const r = await flotilla('compose', 'flotilla.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `flotilla.yaml:5:9: component 'plug' (cart.wat): cart.wat: not a WebAssembly binary: it is WebAssembly text (WAT`,
    );
  });
});

describe('a tag that does not exist', () => {
  it('pull says which tag is missing where, with the closest existing tags', async () => {
    const r = await flotilla('pull', `${reg.host}/shop/cart:v1.2.1`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `flotilla pull: error [TAG_NOT_FOUND]: tag v1.2.1 not found in ${reg.host}/shop/cart; its tags: v1.2.0, v1.1.0, v1.10.0, latest\n`,
    );
  });

  it('inspect and verify say the same; a repository the registry does not know is said so', async () => {
    const inspect = await flotilla('inspect', `${reg.host}/shop/cart:v9.9.9`);
    expect(inspect.stderr).toContain(`tag v9.9.9 not found in ${reg.host}/shop/cart; its tags: `);
    writeFileSync(join(work.dir, 'optional.yaml'), 'default: { signing: optional }\n');
    const verify = await flotilla('verify', `${reg.host}/shop/cart:v9.9.9`, '--policy', 'optional.yaml');
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain(`tag v9.9.9 not found in ${reg.host}/shop/cart; its tags: `);
    const unknown = await flotilla('pull', `${reg.host}/shop/wishlist:v1.0.0`);
    expect(unknown.stderr).toContain(`tag v1.0.0 not found in ${reg.host}/shop/wishlist`);
    expect(unknown.stderr).toContain(`: the registry has no repository shop/wishlist; check the repository path`);
  });

  it('compose says it on the component’s spec line', async () => {
    writeFileSync(
      join(work.dir, 'tags.yaml'),
      [
        'name: shop',
        'package: acme:shop',
        `registries: ["test|${reg.host}|oci"]`,
        'components:',
        `  cart: ${reg.host}/shop/cart:v2.0.0`,
        '  local: cart.wasm',
        'composition: { plug: { socket: local } }',
        '',
      ].join('\n'),
    );
    const r = await flotilla('compose', 'tags.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `tags.yaml:5:9: component 'cart' (${reg.host}/shop/cart:v2.0.0): tag v2.0.0 not found in ${reg.host}/shop/cart; its tags: v1.1.0, v1.10.0, v1.2.0, latest`,
    );
  });
});

describe('folders', () => {
  it('pull -o <existing folder> writes the component into it under its own name; -o <new/> creates it', async () => {
    mkdirSync(join(work.dir, 'out'));
    const r = await flotilla('pull', `${reg.host}/shop/cart:v1.2.0`, '-o', 'out');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^sha256:[0-9a-f]{64} ${join(work.dir, 'out', 'cart.wasm')}\\n$`));
    expect(sha256(readFileSync(join(work.dir, 'out', 'cart.wasm')))).toBe(sha256(wasm));
    const fresh = await flotilla('pull', `${reg.host}/shop/cart:v1.2.0`, '-o', 'new/place/');
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(sha256(readFileSync(join(work.dir, 'new', 'place', 'cart.wasm')))).toBe(sha256(wasm));
  });

  it('inspect <folder> says it is a folder and names the components in it', async () => {
    const r = await flotilla('inspect', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `flotilla inspect: out is a folder: inspect takes a component file (.wasm) or a reference; it holds ${join('out', 'cart.wasm')}\n`,
    );
  });
});

describe('plug mode in a spec', () => {
  it('names the spec’s components in what it compared', async () => {
    writeFileSync(
      join(work.dir, 'plug.yaml'),
      [
        'name: shop',
        'package: acme:shop',
        'components:',
        '  front: cart.wasm',
        '  back: cart.wasm',
        'composition: { plug: { socket: front } }',
        '',
      ].join('\n'),
    );
    const r = await flotilla('compose', 'plug.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '[WAC_NO_PLUG]: the socket component had no matching imports for the plugs that were provided: nothing of back fits an import of front',
    );
    expect(r.stderr).toContain('  front imports: `wasi:cli/environment@0.2.0`');
    expect(r.stderr).toContain('    - `get`: no import of that name (nor a semver-compatible version of it)');
  });
});

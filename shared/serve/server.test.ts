import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComponent } from '../../examples/ecommerce/componentize.ts';
import { stageWit } from '../../examples/ecommerce/wit-staging.ts';
import {
  builtByComponentizeJs,
  NotAnHttpComponentError,
  type RunningServer,
  ServeError,
  startServer,
  UnsatisfiedImportsError,
} from './server.ts';

// The fixture: a component that imports nothing but WASI, built from
// testdata/hello-http with componentize-js (StarlingMonkey), cached between
// runs by the build's content stamp.
const fixtureSource = join(import.meta.dirname, 'testdata', 'hello-http');
const fixtureDir = join(tmpdir(), 'flotilla-test-fixtures', 'hello-http');
const fixturePath = join(fixtureDir, 'hello-http.wasm');
let hello: Uint8Array;

beforeAll(async () => {
  await stageWit(fixtureSource, join(fixtureDir, 'wit'), '0.2.10');
  await buildComponent({
    name: 'hello-http',
    componentizer: 'componentize-js',
    entry: join(fixtureSource, 'index.js'),
    sourceDir: fixtureSource,
    witDir: join(fixtureDir, 'wit'),
    world: 'hello-http',
    outPath: fixturePath,
  });
  hello = new Uint8Array(await (await import('node:fs/promises')).readFile(fixturePath));
}, 300_000);

describe('startServer', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(hello, { instancePerRequest: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers over real HTTP on a free port, passing method, path, query, body, status and headers', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/echo/this?x=1`, { method: 'POST', body: 'payload ✓' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-served-by')).toBe('hello-http');
    expect(await res.json()).toEqual({
      hello: 'flotilla',
      method: 'POST',
      path: '/echo/this',
      query: '?x=1',
      body: 'payload ✓',
      served: 1,
    });
    const missing = await fetch(`${server.url}/missing`);
    expect(missing.status).toBe(404);
  });

  it('componentize-js components get an instance per request by default; others share one', async () => {
    expect(await builtByComponentizeJs(hello)).toBe(true);
    const auto = await startServer(hello);
    try {
      expect(auto.instancePerRequest).toBe(true);
      const served: number[] = [];
      for (const p of ['/1', '/2']) served.push(((await (await fetch(`${auto.url}${p}`)).json()) as { served: number }).served);
      expect(served).toEqual([1, 1]);
    } finally {
      await auto.close();
    }
    expect(await builtByComponentizeJs(await parse('(component)'))).toBe(false);
  });

  it('instancePerRequest gives every request a fresh instance (componentize-js serves one request per instance)', async () => {
    const a = (await (await fetch(`${server.url}/a`)).json()) as { served: number };
    const b = (await (await fetch(`${server.url}/b`)).json()) as { served: number };
    expect([a.served, b.served]).toEqual([1, 1]);
  });

  it('a port in use is a ServeError naming the port', async () => {
    await expect(startServer(hello, { port: server.port })).rejects.toThrow(ServeError);
    await expect(startServer(hello, { port: server.port })).rejects.toThrow(`port ${server.port} is taken`);
  });

  it('refuses a component that does not export wasi:http/incoming-handler, saying what it exports', async () => {
    const lib = await parse('(component (core module $m) (core instance (instantiate $m)))');
    await expect(startServer(lib, { source: 'lib.wasm' })).rejects.toThrow(NotAnHttpComponentError);
    await expect(startServer(lib, { source: 'lib.wasm' })).rejects.toThrow(
      'lib.wasm does not export wasi:http/incoming-handler (it exports: nothing)',
    );
    const core = await parse('(module (func (export "run")))');
    await expect(startServer(core, { source: 'core.wasm' })).rejects.toThrow('core.wasm (a core module, not a component)');
  });

  it('refuses a component whose non-WASI imports are not provided, naming them', async () => {
    const gatewayLike = await parse(
      '(component (import "acme:shop/cart@1.0.0" (instance)) (import "acme:shop/users@1.0.0" (instance)) ' +
        '(instance $h) (export "wasi:http/incoming-handler@0.2.10" (instance $h)))',
    );
    await expect(startServer(gatewayLike, { source: 'gw.wasm' })).rejects.toThrow(UnsatisfiedImportsError);
    await expect(startServer(gatewayLike, { source: 'gw.wasm', imports: { 'acme:shop/cart': {} } })).rejects.toThrow(
      'gw.wasm imports acme:shop/users@1.0.0, which serve cannot provide (it provides WASI only): compose the component',
    );
  });
});

describe('a component that traps', () => {
  const trapSource = join(import.meta.dirname, 'testdata', 'trap-http');
  const trapDir = join(tmpdir(), 'flotilla-test-fixtures', 'trap-http');
  let server: RunningServer;
  const reported: string[] = [];
  beforeAll(async () => {
    await stageWit(trapSource, join(trapDir, 'wit'), '0.2.10');
    const built = await buildComponent({
      name: 'trap-http',
      componentizer: 'componentize-qjs',
      wasi: true,
      entry: join(trapSource, 'index.js'),
      sourceDir: trapSource,
      witDir: join(trapDir, 'wit'),
      world: 'trap-http',
      outPath: join(trapDir, 'trap-http.wasm'),
    });
    const bytes = new Uint8Array(await (await import('node:fs/promises')).readFile(built.outPath));
    server = await startServer(bytes, { source: 'trap.wasm', onError: (m) => reported.push(m) });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('answers 500, reports the trap, and keeps serving from a fresh instance (shared state is lost)', async () => {
    expect(server.instancePerRequest).toBe(false);
    expect(await (await fetch(`${server.url}/a`)).text()).toBe('ok 1');
    expect(await (await fetch(`${server.url}/b`)).text()).toBe('ok 2');
    const boom = await fetch(`${server.url}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.text()).toContain('the component trapped: ');
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(/^trap\.wasm trapped while handling a request: .*later requests get a fresh instance$/);
    expect(await (await fetch(`${server.url}/c`)).text()).toBe('ok 1');
  });
});

describe('flotilla serve', () => {
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'flotilla.js');

  function start(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [bin, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    child.stderr?.on('data', (d) => {
      err += d;
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    return { child, out: () => out, err: () => err, exited };
  }

  it('prints the URL, serves until SIGINT, then exits 0', async () => {
    const run = start([fixturePath, '--port', '0']);
    let url: string | undefined;
    for (let i = 0; i < 200 && url === undefined; i++) {
      url = /at (http:\/\/\S+) /.exec(run.out())?.[1];
      if (url === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(url, run.err()).toBeDefined();
    expect(run.out()).toContain('with a fresh instance per request'); // found to be a componentize-js component
    const res = await fetch(`${url}/cli`);
    expect(((await res.json()) as { path: string }).path).toBe('/cli');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    // standard error carries the structured log only: every line is a JSON object
    const lines = run
      .err()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.msg === 'request')).toMatchObject({ method: 'GET', path: '/cli', route: '/cli', status: 200 });
    expect(lines.at(-1)).toMatchObject({ level: 'INFO', msg: 'stopped', signal: 'SIGINT' });
  });

  it('fails with exit 1 on a component without an HTTP handler, and 2 on a bad port', async () => {
    const lib = join(fixtureDir, 'lib.wasm');
    await writeFile(lib, await parse('(component)'));
    const notHttp = start([lib]);
    expect(await notHttp.exited).toBe(1);
    expect(notHttp.err()).toContain('[NOT_HTTP_COMPONENT]');
    const badPort = start([lib, '--port', 'eighty']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.err()).toContain("--port expects a port number from 0 to 65535, got 'eighty'");
    const missing = start([join(fixtureDir, 'nope.wasm')]);
    expect(await missing.exited).toBe(1);
    expect(missing.err()).toContain('no such file');
  });
});

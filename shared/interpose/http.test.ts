// A splitter of wasi:http/incoming-handler between two HTTP components built
// with componentize-qjs, composed, and served over real HTTP by
// shared/serve: routing by weight, the x-flotilla-canary override, and
// sticky routing by a header or a cookie (one user stays on one version).
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComponent } from '../../examples/ecommerce/componentize.ts';
import { stageWit } from '../../examples/ecommerce/wit-staging.ts';
import { type RunningServer, startServer } from '../serve/server.ts';
import { generateSplitter, type SplitterOptions } from './generate.ts';
import { readInterface } from './interface.ts';
import { canaryAt, composeInterposer, type JsReport } from './testdata/support.ts';

const HANDLER = 'wasi:http/incoming-handler@0.2.10';
const source = join(import.meta.dirname, 'testdata', 'http');
const fixtures = join(tmpdir(), 'flotilla-test-fixtures', 'interpose-http');

let stable: Uint8Array;
let canary: Uint8Array;

beforeAll(async () => {
  await stageWit(source, join(fixtures, 'wit'), '0.2.10');
  const build = async (version: 'stable' | 'canary') => {
    const outPath = join(fixtures, `${version}.wasm`);
    await buildComponent({
      name: `interpose-http-${version}`,
      componentizer: 'componentize-qjs',
      entry: join(source, `${version}.js`),
      sourceDir: source,
      witDir: join(fixtures, 'wit'),
      world: 'backend',
      wasi: true,
      outPath,
    });
    return new Uint8Array(await readFile(outPath));
  };
  [stable, canary] = [await build('stable'), await build('canary')];
}, 300_000);

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

async function serveSplit(options: Omit<SplitterOptions, 'interface'>): Promise<RunningServer> {
  const splitter = generateSplitter(stable, { interface: HANDLER, label: 'edge', ...options });
  const server = await startServer(await composeInterposer(splitter, HANDLER, { stable, canary }, { label: 'edge' }), {
    instancePerRequest: false,
  });
  servers.push(server);
  return server;
}

interface Seen {
  version: 'stable' | 'canary';
  path: string;
  user: string | null;
  cookie: string | null;
  canary: string | null;
  body: string;
}

async function get(server: RunningServer, path: string, headers: Record<string, string> = {}): Promise<Seen> {
  const res = await fetch(server.url + path, { headers });
  expect(res.status).toBe(200);
  const seen = (await res.json()) as Seen;
  expect(res.headers.get('x-version')).toBe(seen.version);
  return seen;
}

function stats(server: RunningServer): JsReport {
  return (server.instance.flotillaStatsEdge as unknown as { snapshot(): JsReport }).snapshot();
}

describe('an HTTP splitter (wasi:http/incoming-handler) served over real HTTP', () => {
  it('reads the handler from a component that exports it and takes the request headers through wasi:http/types', () => {
    const model = readInterface(stable, HANDLER);
    expect(model.http?.importName).toBe('wasi:http/types@0.2.10');
    const types = model.imports.find((u) => u.name === 'wasi:http/types@0.2.10');
    expect([...(types?.type.exports.keys() ?? [])]).toEqual(
      expect.arrayContaining(['incoming-request', 'response-outparam', 'fields', '[method]incoming-request.headers', '[method]fields.get']),
    );
  });

  it('by weight: of 200 requests exactly 20 reach canary, interleaved; method, path, headers and body pass through', async () => {
    const server = await serveSplit({ weight: 10 });
    const versions: string[] = [];
    for (let n = 0; n < 200; n++) {
      const seen = await get(server, `/items/${n}?q=ü`, { 'x-user': `user-${n}` });
      expect(seen).toMatchObject({ path: `/items/${n}?q=%C3%BC`, user: `user-${n}`, canary: null });
      versions.push(seen.version);
      expect(seen.version).toBe(canaryAt(n, 10) ? 'canary' : 'stable');
    }
    expect(versions.filter((v) => v === 'canary').length).toBe(20);
    const res = await fetch(`${server.url}/post`, { method: 'POST', body: 'Grüße 𝄞'.repeat(1000) });
    expect(((await res.json()) as Seen).body).toBe('Grüße 𝄞'.repeat(1000));
    const r = stats(server);
    expect(r.functions.map((f) => [f.backend, f.function, Number(f.calls)])).toEqual([
      ['stable', 'handle', 181],
      ['canary', 'handle', 20],
    ]);
  });

  it('x-flotilla-canary: always and never override the weight (any case), and do not use up the weight counter', async () => {
    const server = await serveSplit({ weight: 50 });
    for (let i = 0; i < 10; i++) {
      expect((await get(server, '/', { 'x-flotilla-canary': 'always' })).version).toBe('canary');
      expect((await get(server, '/', { 'x-flotilla-canary': i % 2 ? 'NEVER' : 'never' })).version).toBe('stable');
    }
    // other values are ignored; the counter starts where it was: call 0 stable, call 1 canary at 50%
    expect((await get(server, '/', { 'x-flotilla-canary': 'maybe' })).version).toBe('stable');
    expect((await get(server, '/')).version).toBe('canary');
    const all = await serveSplit({ weight: 100 });
    expect((await get(all, '/', { 'x-flotilla-canary': 'never' })).version).toBe('stable');
    expect((await get(all, '/')).version).toBe('canary');
  });

  it('sticky by a header: one user always gets one version, about the weight of users get canary, others by weight', async () => {
    const server = await serveSplit({ weight: 10, sticky: { header: 'X-User' } });
    expect(stats(server).sticky).toBe('header:x-user');
    const first = new Map<string, string>();
    for (let u = 0; u < 400; u++) first.set(`user-${u}`, (await get(server, '/', { 'x-user': `user-${u}` })).version);
    for (let round = 0; round < 3; round++) {
      for (let u = 0; u < 400; u += 7) expect((await get(server, '/', { 'x-user': `user-${u}` })).version).toBe(first.get(`user-${u}`));
    }
    const share = [...first.values()].filter((v) => v === 'canary').length / first.size;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.15);
    // the override still wins
    const onStable = [...first].find(([, v]) => v === 'stable')?.[0] as string;
    expect((await get(server, '/', { 'x-user': onStable, 'x-flotilla-canary': 'always' })).version).toBe('canary');
    // no header: the weight (the counter has not moved: calls 0..9 → the 10th to canary)
    const anonymous = [];
    for (let n = 0; n < 10; n++) anonymous.push((await get(server, '/')).version);
    expect(anonymous).toEqual([...Array(9).fill('stable'), 'canary']);
  });

  it('sticky by a cookie: found among other cookies, the same decision as the same value in a header', async () => {
    const byCookie = await serveSplit({ weight: 30, sticky: { cookie: 'session' } });
    const byHeader = await serveSplit({ weight: 30, sticky: { header: 'x-session' } });
    expect(stats(byCookie).sticky).toBe('cookie:session');
    let canaries = 0;
    for (let u = 0; u < 150; u++) {
      const id = `s${u}-Zoë`;
      const a = (await get(byCookie, '/', { cookie: `theme=dark; session=${encodeURIComponent(id)}; lang=de` })).version;
      const b = (await get(byCookie, '/', { cookie: `session=${encodeURIComponent(id)}` })).version;
      const c = (await get(byHeader, '/', { 'x-session': encodeURIComponent(id) })).version;
      expect(b).toBe(a);
      expect(c).toBe(a);
      if (a === 'canary') canaries++;
    }
    expect(canaries / 150).toBeGreaterThan(0.15);
    expect(canaries / 150).toBeLessThan(0.45);
    // a cookie header without that cookie (a prefix of it, another name) falls back to the weight
    const fresh = await serveSplit({ weight: 100, sticky: { cookie: 'session' } });
    expect((await get(fresh, '/', { cookie: 'sessionx=1; xsession=2' })).version).toBe('canary');
    const none = await serveSplit({ weight: 0, sticky: { cookie: 'session' } });
    expect((await get(none, '/', { cookie: 'session=abc' })).version).toBe('stable');
  });

  it('reading headers for every request leaks nothing: no memory growth over 1,000 requests', async () => {
    const server = await serveSplit({ weight: 10, sticky: { cookie: 'session' } });
    const cookie = `a=${'x'.repeat(2000)}; session=abc; b=${'y'.repeat(2000)}`;
    await get(server, '/', { cookie, 'x-flotilla-canary': 'maybe' });
    const before = stats(server).memoryBytes;
    for (let i = 0; i < 1000; i++)
      await get(server, `/${i}`, { cookie, 'x-user': `u${i}`, 'x-flotilla-canary': i % 2 ? 'never' : 'maybe' });
    expect(stats(server).memoryBytes).toBe(before);
  }, 120_000);
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../test/harness/fault-proxy.ts';
import { freePort } from '../../test/harness/ports.ts';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import { makeSizedModule, tempDir } from '../../test/harness/wasm-fixtures.ts';
import { buildWasmArtifact, pullWasmArtifact, pushWasmArtifact } from '../artifact/wasm-artifact.ts';
import { Copier } from '../oci/copy.ts';
import { LayoutStore } from '../oci/layout/store.ts';
import { RemoteRegistry } from '../oci/remote/registry.ts';
import { TransportError } from './errors.ts';
import { httpTransport } from './http-transport.ts';

describe('httpTransport (node:http) under the registry client', () => {
  let reg: Registry;
  let proxy: FaultProxy;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    reg = await startRegistry();
    proxy = await startFaultProxy({ target: reg.url, rate: 0.2, retryAfterSeconds: 1, seed: 11 });
    ({ dir, cleanup } = tempDir());
  });
  afterAll(async () => {
    await proxy?.stop();
    await reg?.stop();
    cleanup?.();
  });

  it('copies 20 Wasm artifacts layout to registry and back through 20% faults, all intact', async () => {
    const src = new LayoutStore(join(dir, 'src'));
    const wasms = Array.from({ length: 20 }, (_, i) => makeSizedModule(30_000 + i * 997, i));
    for (const [i, wasm] of wasms.entries()) {
      await pushWasmArtifact(src, buildWasmArtifact({ wasm, created: '2026-01-01T00:00:00Z', title: `m${i}.wasm` }), `v${i}`);
    }
    const viaProxy = new RemoteRegistry({
      host: proxy.host,
      transport: httpTransport({ timeoutMs: 5000 }),
      retry: { policy: { attempts: 8, baseDelayMs: 20, maxDelayMs: 1500 } },
    }).repository('faults/wasm');
    await new Copier(src, viaProxy, { concurrency: 4 }).copyAll();
    const back = new LayoutStore(join(dir, 'back'));
    await new Copier(viaProxy, back, { concurrency: 4 }).copyAll();
    for (const [i, wasm] of wasms.entries()) {
      const pulled = await pullWasmArtifact(back, `v${i}`);
      expect(Buffer.from(pulled.wasm).equals(Buffer.from(wasm))).toBe(true);
    }
    // what reached the registry is complete too (read without the proxy)
    const direct = new RemoteRegistry({ host: reg.host, transport: httpTransport() }).repository('faults/wasm');
    for (let i = 0; i < wasms.length; i++) {
      expect(Buffer.from((await pullWasmArtifact(direct, `v${i}`)).wasm).equals(Buffer.from(wasms[i] as Uint8Array))).toBe(true);
    }
    for (const kind of ['drop', 'drop-after', '503', '429', 'truncate'] as const) expect(proxy.counts[kind]).toBeGreaterThan(0);
  }, 180_000);
});

describe('httpTransport redirects and timeouts', () => {
  let origin: Server;
  let other: Server;
  let originPort: number;
  let otherPort: number;
  const seen: { server: string; headers: IncomingHttpHeaders }[] = [];
  beforeAll(async () => {
    [originPort, otherPort] = await Promise.all([freePort(), freePort()]);
    origin = createServer((req, res) => {
      seen.push({ server: 'origin', headers: req.headers });
      if (req.url === '/same') return res.writeHead(307, { location: '/final' }).end();
      if (req.url === '/final') return res.writeHead(200, { 'content-type': 'text/plain' }).end('same origin');
      if (req.url === '/away') return res.writeHead(307, { location: `http://127.0.0.1:${otherPort}/blob` }).end();
      if (req.url === '/silent') return; // never answers
      res.writeHead(404).end();
    });
    other = createServer((req, res) => {
      seen.push({ server: 'other', headers: req.headers });
      res.writeHead(200).end('elsewhere');
    });
    await Promise.all([
      new Promise<void>((r) => origin.listen(originPort, '127.0.0.1', () => r())),
      new Promise<void>((r) => other.listen(otherPort, '127.0.0.1', () => r())),
    ]);
  });
  afterAll(async () => {
    origin.closeAllConnections();
    await Promise.all([new Promise((r) => origin.close(r)), new Promise((r) => other.close(r))]);
  });

  const t = httpTransport({ timeoutMs: 300 });
  // read as the registry client reads a body: through getReader()
  const text = async (res: Response) => {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let out = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return out + decoder.decode();
      out += decoder.decode(value, { stream: true });
    }
  };

  it('serves the body through getReader, and as a real web stream for pipeThrough', async () => {
    const res = await t({ method: 'GET', url: new URL(`http://127.0.0.1:${originPort}/final`) });
    expect(res.body).not.toBeInstanceOf(ReadableStream);
    expect(await text(res)).toBe('same origin');
    const piped = await t({ method: 'GET', url: new URL(`http://127.0.0.1:${originPort}/final`) });
    const decoded = (piped.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream());
    let all = '';
    for await (const part of decoded) all += part;
    expect(all).toBe('same origin');
  });

  it('follows a redirect to another origin without the Authorization header', async () => {
    seen.length = 0;
    const res = await t({
      method: 'GET',
      url: new URL(`http://127.0.0.1:${originPort}/away`),
      headers: { authorization: 'Bearer secret-token' },
      followRedirects: true,
    });
    expect(res.status).toBe(200);
    expect(await text(res)).toBe('elsewhere');
    expect(seen.map((s) => [s.server, s.headers.authorization])).toEqual([
      ['origin', 'Bearer secret-token'],
      ['other', undefined],
    ]);
  });

  it('keeps Authorization on a same-origin redirect, and leaves redirects alone unless asked', async () => {
    seen.length = 0;
    const res = await t({
      method: 'GET',
      url: new URL(`http://127.0.0.1:${originPort}/same`),
      headers: { authorization: 'Basic x' },
      followRedirects: true,
    });
    expect(await text(res)).toBe('same origin');
    expect(seen.map((s) => s.headers.authorization)).toEqual(['Basic x', 'Basic x']);
    const raw = await t({ method: 'GET', url: new URL(`http://127.0.0.1:${originPort}/same`) });
    expect(raw.status).toBe(307);
    expect(raw.headers.get('Location')).toBe('/final');
    await raw.body?.cancel();
  });

  it('fails with a TransportError when the server does not answer in time, or is not there', async () => {
    const started = Date.now();
    const err = await t({ method: 'GET', url: new URL(`http://127.0.0.1:${originPort}/silent`) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/GET \/silent failed: no data within 300 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
    const closed = await freePort();
    await expect(t({ method: 'HEAD', url: new URL(`http://127.0.0.1:${closed}/v2/`) })).rejects.toThrow(/ECONNREFUSED/);
  });
});

import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.ts';
import { parseListenAddress, startAdmin } from './admin.ts';
import { MetricsRegistry } from './metrics.ts';

describe('parseListenAddress', () => {
  it('takes host:port, [v6]:port, :port (every interface) and a bare port (loopback)', () => {
    expect(parseListenAddress('127.0.0.1:9090')).toEqual({ host: '127.0.0.1', port: 9090 });
    expect(parseListenAddress('[::1]:9090')).toEqual({ host: '::1', port: 9090 });
    expect(parseListenAddress(':9090')).toEqual({ host: '0.0.0.0', port: 9090 });
    expect(parseListenAddress('9090')).toEqual({ host: '127.0.0.1', port: 9090 });
    expect(parseListenAddress('localhost:0')).toEqual({ host: 'localhost', port: 0 });
  });

  it.each(['', 'nope', '127.0.0.1:', '127.0.0.1:99999', '::1:9090', 'a b:1', 'http://x:1'])("refuses '%s'", (v) => {
    expect(() => parseListenAddress(v)).toThrow(UsageError);
  });
});

describe('startAdmin', () => {
  it('answers /metrics, /healthz and /version; 404 elsewhere, 405 for other methods; 503 on /healthz once stopping', async () => {
    const metrics = new MetricsRegistry();
    metrics.counter('t_total', 'a test counter', []).inc();
    const serving = {
      digest: 'sha256:ab',
      wasmDigest: 'sha256:cd',
      source: 'x.wasm',
      tag: 'live',
      reference: 'r/x:live',
      instancePerRequest: false,
      since: '2026-01-01T00:00:00.000Z',
    };
    const admin = await startAdmin({
      host: '127.0.0.1',
      port: 0,
      metrics,
      target: { serving: () => serving, instances: () => [], versionExtra: () => ({ follow: { poll_seconds: 5 } }) },
      version: '9.9.9',
    });
    try {
      const m = await fetch(`${admin.url}/metrics`);
      expect(m.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await m.text()).toContain('t_total 1\n');
      expect(await (await fetch(`${admin.url}/healthz`)).json()).toEqual({ status: 'ok', digest: 'sha256:ab' });
      expect(await (await fetch(`${admin.url}/version`)).json()).toEqual({
        digest: 'sha256:ab',
        tag: 'live',
        reference: 'r/x:live',
        source: 'x.wasm',
        wasm_digest: 'sha256:cd',
        since: '2026-01-01T00:00:00.000Z',
        instance_per_request: false,
        flotilla: '9.9.9',
        follow: { poll_seconds: 5 },
      });
      expect((await fetch(`${admin.url}/nope`)).status).toBe(404);
      const post = await fetch(`${admin.url}/metrics`, { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
      admin.markStopping();
      const h = await fetch(`${admin.url}/healthz`);
      expect(h.status).toBe(503);
      expect(await h.json()).toEqual({ status: 'stopping', digest: 'sha256:ab' });
    } finally {
      await admin.close();
    }
  });

  it('a taken port is a ServeError naming it', async () => {
    const metrics = new MetricsRegistry();
    const target = { serving: () => ({}) as never, instances: () => [] };
    const first = await startAdmin({ host: '127.0.0.1', port: 0, metrics, target });
    try {
      await expect(startAdmin({ host: '127.0.0.1', port: first.port, metrics, target })).rejects.toThrow(
        `the admin listener cannot listen on 127.0.0.1:${first.port}: port ${first.port} is taken: pick another with --admin`,
      );
    } finally {
      await first.close();
    }
  });
});

// serve as a runtime: a followed tag (in an OCI layout and in a registry with
// token auth) switched atomically under load, digests that fail to prepare,
// the bounds, the admin listener, the structured log and the trace context,
// all with real components (testdata/versioned-http, built twice: v1 and v2).
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import { versionedComponent } from '../../test/harness/serve-fixtures.ts';
import { pushFile } from '../artifact/operations.ts';
import { UsageError } from '../errors.ts';
import { ComponentTooLargeError, openFollowedReference } from './follow.ts';
import { jsonLogger } from './log.ts';
import { PrepareError, prepareComponent } from './server.ts';
import { type Serving, startServing } from './serving.ts';
import { TranspileError } from './transpile.ts';

let work: string;
let v1: { path: string; bytes: Uint8Array };
let v2: { path: string; bytes: Uint8Array };
let notHttp: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'flotilla-serving-'));
  [v1, v2] = await Promise.all([versionedComponent('v1'), versionedComponent('v2')]);
  notHttp = join(work, 'library.wasm');
  await writeFile(notHttp, await parse('(component)'));
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

type LogLine = Record<string, unknown> & { msg: string; level: string };

function capture(): { lines: LogLine[]; logger: ReturnType<typeof jsonLogger>; raw: string[] } {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const logger = jsonLogger((line) => {
    raw.push(line);
    lines.push(JSON.parse(line) as LogLine);
  });
  return { lines, logger, raw };
}

async function body(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const res = await fetch(url, init);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function scrape(s: Serving): Promise<string> {
  return (await fetch(`${s.admin?.url}/metrics`)).text();
}

describe('serve --follow over an OCI layout tag', () => {
  let serving: Serving;
  let layout: string;
  let d1: string;
  let d2: string;
  const log = capture();

  beforeAll(async () => {
    layout = join(work, 'layout');
    const env = { ...process.env };
    d1 = (await pushFile(v1.path, `oci:${layout}:live`, { cwd: work, env })).descriptor.digest;
    serving = await startServing({
      follow: `oci:${layout}:live`,
      cwd: work,
      env,
      pollSeconds: 1,
      admin: { host: '127.0.0.1', port: 0 },
      cacheDir: join(work, 'transpiled'),
      logger: log.logger,
    });
  }, 120_000);
  afterAll(async () => {
    await serving?.close();
  });

  it('serves what the tag points at; /healthz and /version report the manifest digest and the tag', async () => {
    expect((await body(`${serving.url}/`)).version).toBe('v1');
    expect(await (await fetch(`${serving.admin?.url}/healthz`)).json()).toEqual({ status: 'ok', digest: d1 });
    const version = (await (await fetch(`${serving.admin?.url}/version`)).json()) as Record<string, unknown>;
    expect(version).toMatchObject({ digest: d1, tag: 'live', reference: `oci:${layout}:live`, source: `oci:${layout}:live@${d1}` });
    expect(version.follow).toMatchObject({ tag: 'live', poll_seconds: 1, refused: [] });
    expect(log.lines.find((l) => l.msg === 'serving')).toMatchObject({ digest: d1, url: serving.url, poll_seconds: 1 });
  });

  it('passes a W3C traceparent on (same trace, its own span as parent) with the request id, and logs both', async () => {
    const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const caller = '00f067aa0ba902b7';
    const got = await body(`${serving.url}/traced?token=secret-value`, {
      headers: { traceparent: `00-${trace}-${caller}-01`, tracestate: 'vendor=1', 'x-request-id': 'req-from-caller' },
    });
    const passed = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(String(got.traceparent));
    expect(passed?.[1]).toBe(trace);
    expect(passed?.[2]).not.toBe(caller);
    expect(got).toMatchObject({ tracestate: 'vendor=1', requestId: 'req-from-caller', headersImmutable: true });
    const line = log.lines.find((l) => l.msg === 'request' && l.path === '/traced');
    expect(line).toMatchObject({
      level: 'INFO',
      request_id: 'req-from-caller',
      trace_id: trace,
      span_id: passed?.[2],
      parent_span_id: caller,
      method: 'GET',
      route: '/traced',
      status: 200,
      digest: d1,
    });
    expect(typeof line?.duration_ms).toBe('number');
    // the query (where tokens travel) never reaches the log
    expect(log.raw.join('')).not.toContain('secret-value');
  });

  it('mints a trace and a request id when none come in, and the component gets the ones the log carries', async () => {
    const got = await body(`${serving.url}/untraced`, { headers: { traceparent: 'not-a-traceparent', tracestate: 'orphan=1' } });
    const passed = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(String(got.traceparent));
    expect(passed).not.toBeNull();
    expect(got.tracestate).toBeNull(); // a new trace: the old state is not passed on
    expect(got.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const line = log.lines.find((l) => l.msg === 'request' && l.path === '/untraced');
    expect(line).toMatchObject({ trace_id: passed?.[1], span_id: passed?.[2], request_id: got.requestId });
    expect(line?.parent_span_id).toBeUndefined();
  });

  it('answers 500 for a component that answers an error-code or no response, logs and counts it, and keeps serving', async () => {
    expect((await fetch(`${serving.url}/error-code`)).status).toBe(500);
    expect((await fetch(`${serving.url}/no-response`)).status).toBe(500);
    expect((await body(`${serving.url}/after`)).version).toBe('v1');
    const text = await scrape(serving);
    expect(text).toContain('flotilla_serve_component_failures_total{kind="error-code"} 1\n');
    expect(text).toContain('flotilla_serve_component_failures_total{kind="no-response"} 1\n');
    expect(text).toContain('flotilla_serve_requests_total{method="GET",route="/error-code",status="500"} 1\n');
    expect(log.lines.find((l) => l.path === '/error-code')).toMatchObject({
      level: 'ERROR',
      status: 500,
      failure: 'the component answered with the wasi:http error-code internal-error',
    });
  });

  it('switches when the tag moves, without a failed request under a load of 50 concurrent requests', async () => {
    let stop = false;
    let sent = 0;
    const failures: string[] = [];
    const versions: string[] = [];
    const worker = async (w: number) => {
      for (let i = 0; !stop && i < 2000; i++) {
        try {
          const res = await fetch(`${serving.url}/spin?ms=1`, { headers: { 'x-request-id': `load-${w}-${i}` } });
          const text = await res.text();
          sent++;
          if (res.status !== 200) failures.push(`${res.status} ${text}`);
          else versions.push((JSON.parse(text) as { version: string }).version);
        } catch (err) {
          failures.push(String(err));
        }
      }
    };
    const load = Array.from({ length: 50 }, (_, w) => worker(w));
    await waitFor('the load to run', async () => (sent > 100 ? true : undefined));
    const moved = performance.now();
    d2 = (await pushFile(v2.path, `oci:${layout}:live`, { cwd: work, env: process.env })).descriptor.digest;
    await waitFor('the switch', async () => (serving.server.serving().digest === d2 ? true : undefined));
    const switchMs = performance.now() - moved;
    const atSwitch = versions.length;
    await waitFor('requests on v2', async () => (versions.length > atSwitch + 200 ? true : undefined));
    stop = true;
    await Promise.all(load);
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(400);
    // every answer before the switch came from v1, every one after from v2: never back
    const firstV2 = versions.indexOf('v2');
    expect(firstV2).toBeGreaterThan(0);
    expect(versions.slice(0, firstV2).every((v) => v === 'v1')).toBe(true);
    expect(versions.slice(firstV2).every((v) => v === 'v2')).toBe(true);
    // the log says which digest answered each request, in the same order
    const digests = log.lines.filter((l) => l.msg === 'request' && String(l.request_id).startsWith('load-')).map((l) => l.digest);
    const firstD2 = digests.indexOf(d2);
    expect(digests.slice(0, firstD2).every((d) => d === d1)).toBe(true);
    expect(digests.slice(firstD2).every((d) => d === d2)).toBe(true);
    expect(log.lines.find((l) => l.msg === 'switched to the new digest')).toMatchObject({ digest: d2, previous: d1, reason: 'poll' });
    expect(switchMs).toBeLessThan(30_000);
    const version = (await (await fetch(`${serving.admin?.url}/version`)).json()) as Record<string, unknown>;
    expect(version.digest).toBe(d2);
    const text = await scrape(serving);
    expect(text).toContain('flotilla_serve_switches_total 1\n');
    expect(text).toContain(
      `flotilla_serve_component_info{digest="${d2}",reference="oci:${layout}:live",tag="live",source="oci:${layout}:live@${d2}"} 1\n`,
    );
    expect(text).not.toContain(`digest="${d1}"`);
  }, 120_000);

  it('does not switch to a digest that fails to prepare, logs why, and does not retry it at each poll', async () => {
    const bad = (await pushFile(notHttp, `oci:${layout}:live`, { cwd: work, env: process.env })).descriptor.digest;
    const outcome = await serving.reload();
    expect(outcome).toMatchObject({ kind: 'failed', digest: bad, stage: 'prepare' });
    expect(serving.server.serving().digest).toBe(d2);
    expect((await body(`${serving.url}/still`)).version).toBe('v2');
    const error = log.lines.find((l) => l.msg.startsWith('the new digest failed to prepare'));
    expect(error).toMatchObject({ level: 'ERROR', digest: bad, serving: d2, error_code: 'NOT_HTTP_COMPONENT' });
    expect(String(error?.error)).toContain('does not export wasi:http/incoming-handler');
    // the polls that follow know it: not prepared again
    await waitFor('a poll', async () => (serving.follower.status().last_outcome === 'known-bad' ? true : undefined), 5000);
    expect(serving.follower.status().refused).toEqual([bad]);
    expect(log.lines.filter((l) => l.msg.startsWith('the new digest failed to prepare'))).toHaveLength(1);
    const text = await scrape(serving);
    expect(text).toMatch(/flotilla_serve_follow_checks_total\{outcome="failed"\} 1\n/);
    expect(text).toMatch(/flotilla_serve_follow_checks_total\{outcome="known-bad"\} [1-9]/);
    // the tag moves back to a good digest: served again
    await pushFile(v1.path, `oci:${layout}:live`, { cwd: work, env: process.env });
    await waitFor('the switch back', async () => (serving.server.serving().digest === d1 ? true : undefined));
    expect((await body(`${serving.url}/back`)).version).toBe('v1');
    expect(serving.follower.status().refused).toEqual([bad]);
  }, 60_000);
});

describe('serve --follow from a registry with token auth', () => {
  let reg: Registry;
  let serving: Serving;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token' });
    env = {
      ...process.env,
      FLOTILLA_REGISTRIES: `test|${reg.host}|oci|basic|REG_USER|REG_PASSWORD`,
      REG_USER: reg.username ?? '',
      REG_PASSWORD: reg.password ?? '',
    };
    await pushFile(v1.path, `${reg.host}/flotilla/versioned:live`, { cwd: work, env });
  }, 60_000);
  afterAll(async () => {
    await serving?.close();
    await reg?.stop();
  });

  it('pulls through the store, and a check on demand (SIGHUP) switches at once, whatever the poll interval', async () => {
    const storeDir = join(work, 'store');
    serving = await startServing({
      follow: `${reg.host}/flotilla/versioned:live`,
      cwd: work,
      env,
      storeDir,
      pollSeconds: 3600,
      cacheDir: join(work, 'transpiled'),
    });
    expect((await body(`${serving.url}/`)).version).toBe('v1');
    const d2 = (await pushFile(v2.path, `${reg.host}/flotilla/versioned:live`, { cwd: work, env })).descriptor.digest;
    reg.clearAccessLog();
    const outcome = await serving.reload();
    expect(outcome).toMatchObject({ kind: 'switched', digest: d2 });
    expect((await body(`${serving.url}/`)).version).toBe('v2');
    // one HEAD for the tag, then the manifest and its two blobs, once
    const log = reg.accessLog().filter((e) => e.path.includes('/flotilla/versioned/'));
    expect(log.filter((e) => e.method === 'HEAD' && e.path.endsWith('/manifests/live'))).toHaveLength(1);
    expect(log.filter((e) => e.method === 'GET' && e.path.includes('/blobs/'))).toHaveLength(2);
    // both digests are in the store now
    const blobs = await readdir(join(storeDir, 'blobs', 'sha256'));
    expect(blobs).toContain(d2.slice('sha256:'.length));
    expect((await serving.reload()).kind).toBe('unchanged');
  }, 60_000);

  it('refuses a component layer over the size limit before any blob moves', async () => {
    const ref = await openFollowedReference(`${reg.host}/flotilla/versioned:live`, {
      cwd: work,
      env,
      storeDir: join(work, 'small-store'),
      maxComponentBytes: 1024,
    });
    reg.clearAccessLog();
    const descriptor = await ref.resolve();
    await expect(ref.pull(descriptor)).rejects.toThrow(ComponentTooLargeError);
    await expect(ref.pull(descriptor)).rejects.toThrow(/its component layer is \d+ bytes, over the limit of 1024 bytes/);
    expect(reg.accessLog().filter((e) => e.path.includes('/blobs/'))).toEqual([]);
  });

  it('a tag that does not exist fails at start with the registry error', async () => {
    await expect(
      startServing({ follow: `${reg.host}/flotilla/versioned:nope`, cwd: work, env, storeDir: join(work, 'store') }),
    ).rejects.toThrow(/nope/);
  });
});

describe('bounds and the file mode', () => {
  it('refuses unbounded settings before starting anything', async () => {
    const file = v1.path;
    await expect(startServing({ follow: 'oci:x:live', pollSeconds: 0 })).rejects.toThrow('pollSeconds must be from 1 to 86400, got 0');
    await expect(startServing({ follow: 'oci:x:live', pollSeconds: 86_401 })).rejects.toThrow(UsageError);
    await expect(startServing({ file, prepareTimeoutSeconds: 0 })).rejects.toThrow('prepareTimeoutSeconds must be more than 0');
    await expect(startServing({ file, maxComponentBytes: -1 })).rejects.toThrow('maxComponentBytes must be a positive integer');
    await expect(startServing({ file, follow: 'oci:x:live' })).rejects.toThrow('either a component file or --follow <ref>, not both');
  });

  it('a preparation over its time limit is abandoned: the transpile worker is stopped', async () => {
    const started = performance.now();
    const attempt = prepareComponent(v2.bytes, { worker: true, timeoutMs: 50, cacheDir: join(work, `fresh-${Date.now()}`) });
    await expect(attempt).rejects.toSatisfy((e) => e instanceof TranspileError || e instanceof PrepareError);
    await expect(attempt).rejects.toThrow(/took longer than 0.05 s/);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stopping while a new digest is being prepared stops the transpile worker and switches to nothing', async () => {
    const layout = join(work, 'stop-layout');
    const d1 = (await pushFile(v1.path, `oci:${layout}:live`, { cwd: work, env: process.env })).descriptor.digest;
    const serving = await startServing({
      follow: `oci:${layout}:live`,
      cwd: work,
      pollSeconds: 3600,
      cacheDir: join(work, 'transpiled-stop'),
    });
    await pushFile(v2.path, `oci:${layout}:live`, { cwd: work, env: process.env });
    // a cache that has never seen v2: the worker has a transpile to do
    const check = serving.follower.check('manual');
    await new Promise((r) => setTimeout(r, 30));
    const t = performance.now();
    await serving.close();
    expect(await check).toMatchObject({ kind: 'unchanged' });
    expect(performance.now() - t).toBeLessThan(2000);
    expect(serving.server.serving().digest).toBe(d1);
    expect(serving.follower.status().refused).toEqual([]);
  }, 60_000);

  it('serving a file: SIGHUP (reload) serves the file anew when it changed, and not when it did not', async () => {
    const file = join(work, 'served.wasm');
    await copyFile(v1.path, file);
    const log = capture();
    const serving = await startServing({ file, cwd: work, cacheDir: join(work, 'transpiled'), logger: log.logger });
    try {
      expect((await body(`${serving.url}/`)).version).toBe('v1');
      expect((await serving.reload()).kind).toBe('unchanged');
      await copyFile(v2.path, file);
      expect((await serving.reload()).kind).toBe('switched');
      expect((await body(`${serving.url}/`)).version).toBe('v2');
      expect(serving.server.serving()).toMatchObject({ source: file });
      await writeFile(file, 'not wasm');
      expect(await serving.reload()).toMatchObject({ kind: 'failed', stage: 'prepare' });
      expect((await body(`${serving.url}/`)).version).toBe('v2');
    } finally {
      await serving.close();
    }
  }, 60_000);
});

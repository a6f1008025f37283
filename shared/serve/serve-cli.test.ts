// `flotilla serve --follow` as a child process, as an operator runs it:
// SIGHUP checks the tag at once (the poll interval here is a day), the admin
// listener answers, standard error is the JSON log, SIGTERM stops it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { versionedComponent } from '../../test/harness/serve-fixtures.ts';
import { pushFile } from '../artifact/operations.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'flotilla.js');
let work: string;
let v1: string;
let v2: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'flotilla-serve-cli-'));
  [v1, v2] = (await Promise.all([versionedComponent('v1'), versionedComponent('v2')])).map((c) => c.path) as [string, string];
}, 300_000);
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: work,
    env: { ...process.env, FLOTILLA_TRANSPILE_CACHE: join(work, 'transpiled'), ...env },
  });
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

async function until<T>(what: string, run: Run, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`no ${what}; stdout: ${run.out()} stderr: ${run.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function logLines(run: Run): Record<string, unknown>[] {
  return run
    .err()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('flotilla serve --follow (child process)', () => {
  it('SIGHUP checks the tag now and switches; the admin listener answers; stderr is JSON lines; SIGTERM stops it', async () => {
    const layout = join(work, 'layout');
    const d1 = (await pushFile(v1, `oci:${layout}:live`, { cwd: work, env: process.env })).descriptor.digest;
    const run = start(['--follow', 'oci:layout:live', '--poll', '86400', '--port', '0', '--admin', '127.0.0.1:0', '--route', '/r/:n']);
    try {
      const url = await until('URL', run, () => /at (http:\/\/\S+) with/.exec(run.out())?.[1]);
      const admin = await until('admin URL', run, () => /Admin at (http:\/\/\S+) /.exec(run.out())?.[1]);
      expect(run.out()).toContain('Following oci:layout:live every 86400 s (SIGHUP checks now)');
      const first = (await (await fetch(`${url}/r/1`, { headers: { 'x-request-id': 'cli-1' } })).json()) as { version: string };
      expect(first.version).toBe('v1');
      expect(await (await fetch(`${admin}/version`)).json()).toMatchObject({ digest: d1, tag: 'live', reference: 'oci:layout:live' });

      const d2 = (await pushFile(v2, `oci:${layout}:live`, { cwd: work, env: process.env })).descriptor.digest;
      run.child.kill('SIGHUP');
      await until('the switch', run, () => (logLines(run).some((l) => l.msg === 'switched to the new digest') ? true : undefined));
      const second = (await (await fetch(`${url}/r/2`)).json()) as { version: string };
      expect(second.version).toBe('v2');
      expect(await (await fetch(`${admin}/version`)).json()).toMatchObject({ digest: d2 });
      const metrics = await (await fetch(`${admin}/metrics`)).text();
      expect(metrics).toContain('flotilla_serve_requests_total{method="GET",route="/r/:n",status="200"} 2\n');

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      const lines = logLines(run); // every line of standard error parses
      expect(lines.find((l) => l.msg === 'SIGHUP: checking now')).toBeDefined();
      expect(lines.find((l) => l.msg === 'switched to the new digest')).toMatchObject({ digest: d2, previous: d1, reason: 'signal' });
      const requests = lines.filter((l) => l.msg === 'request');
      expect(requests.map((l) => [l.path, l.digest])).toEqual([
        ['/r/1', d1],
        ['/r/2', d2],
      ]);
      expect(requests[0]).toMatchObject({ request_id: 'cli-1', route: '/r/:n' });
      for (const r of requests) expect(r.trace_id).toMatch(/^[0-9a-f]{32}$/);
      expect(lines.at(-1)).toMatchObject({ msg: 'stopped', signal: 'SIGTERM' });
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  }, 120_000);

  it('--explain draws the first matching request on standard output; spans go to OTEL_EXPORTER_OTLP_ENDPOINT, the last ones at SIGTERM', async () => {
    const { startOtlpReceiver } = await import('../../test/harness/otlp-receiver.ts');
    const receiver = await startOtlpReceiver();
    const run = start([v1, '--port', '0', '--route', '/r/:n', '--explain', '/r/:n'], {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_SERVICE_NAME: 'cli-test',
    });
    try {
      const url = await until('URL', run, () => /at (http:\/\/\S+) with/.exec(run.out())?.[1]);
      expect(run.out()).toContain(`Exporting traces to ${receiver.endpoint}/v1/traces (OTLP/HTTP JSON)`);
      expect(run.out()).toContain('Waiting for a request to /r/:n to explain');
      await (await fetch(`${url}/other`)).arrayBuffer();
      await (await fetch(`${url}/r/7`, { headers: { 'x-request-id': 'explain-1' } })).arrayBuffer();
      await (await fetch(`${url}/r/8`)).arrayBuffer();
      const diagram = await until('the diagram', run, () => /```mermaid\n([\s\S]*?)```/.exec(run.out())?.[1]);
      expect(diagram.startsWith('sequenceDiagram\n')).toBe(true);
      expect(diagram).toContain('client->>serve: GET /r/7');
      expect(diagram).toContain('request explain-1');
      expect(diagram).toContain('no component calls were reported (compose with observability: true to trace them)');
      expect(diagram).toMatch(/serve-->>client: 200, [\d.]+ ms/);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      // one diagram only, and every request's span exported by the time serve stopped
      expect(run.out().match(/```mermaid/g)).toHaveLength(1);
      const spans = receiver.spans();
      expect(spans.map((sp) => sp.name).sort()).toEqual(['GET /r/:n', 'GET /r/:n', 'GET other']);
      expect(spans.find((sp) => sp.attributes['flotilla.request_id'] === 'explain-1')).toMatchObject({
        kind: 2,
        resource: { 'service.name': 'cli-test' },
        attributes: { 'http.response.status_code': 200, 'url.path': '/r/7' },
      });
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await receiver.stop();
    }
  }, 120_000);

  it.each([
    [[], 'serve needs a component file or --follow <ref> (one of them)'],
    [['x.wasm', '--follow', 'oci:layout:live'], 'serve needs a component file or --follow <ref> (one of them)'],
    [['--follow', 'oci:layout:live', '--poll', '0'], "--poll expects whole seconds from 1 to 86400, got '0'"],
    [['--follow', 'oci:layout'], "--follow 'oci:layout' names no tag; add the tag to follow, as in oci:layout:live"],
    [
      ['--follow', 'oci:layout:live', '--admin', 'nowhere'],
      "--admin expects host:port (as in 127.0.0.1:9090), [::1]:9090, :9090 or a port number, got 'nowhere'",
    ],
    [['--follow', 'oci:layout:live', '--route', 'products'], "route 'products': it must start with /"],
    [['x.wasm', '--poll', '5'], '--poll goes with --follow'],
    [['x.wasm', '--explain', 'checkout'], "route 'checkout': it must start with /"],
  ])('usage error (exit 2): %j', async (args, message) => {
    const run = start(args);
    expect(await run.exited).toBe(2);
    expect(run.err()).toContain(message);
  });
});

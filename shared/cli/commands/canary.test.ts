// `flotilla canary` from the command line, against an OCI layout folder (no registry needed, as a developer runs it).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LayoutStore } from '../../oci/layout/store.ts';
import { pushApp } from '../../rollout/test-apps.ts';
import { runCli } from '../main.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

let dir: string;
let v1: string;
let v2: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flotilla-cli-canary-'));
  const store = new LayoutStore(join(dir, 'app'));
  v1 = await pushApp(store, 'dev', 1);
  v2 = await pushApp(store, '2.0.0', 2);
  writeFileSync(
    join(dir, 'flotilla.yaml'),
    'name: shop\npackage: shop:platform@1.0.0\ncomponents:\n  gateway: ghcr.io/acme/gateway:1.0.0\n  users: ghcr.io/acme/users:2.0.0\ncomposition:\n  plug:\n    socket: gateway\nrollout:\n  repository: oci:app\n  strategy: blue-green\nenvironments:\n  dev: {}\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(['canary', ...args], { stdout, stderr, cwd: dir, env: {} });
  return { code, out: stdout.text, err: stderr.text };
}

it('usage errors say what is expected', async () => {
  expect(await cli(['deploy', 'flotilla.yaml', '--env', 'dev'])).toMatchObject({
    code: 2,
    err: "flotilla canary: unknown canary command 'deploy'; one of start, continue, status, promote, abort, retry, rollback\n",
  });
  expect(await cli(['status', 'flotilla.yaml'])).toMatchObject({
    code: 2,
    err: 'flotilla canary: --env <name> is required: the environment of the spec to release to\n',
  });
  expect((await cli(['start', 'flotilla.yaml', '--env', 'dev', '--max-duration', 'soon'])).err).toBe(
    "flotilla canary: --max-duration: 'soon' is not a duration; write 500ms, 30s, 5m or 1h30m\n",
  );
  expect((await cli(['start', 'flotilla.yaml', '--env', 'dev'])).err).toBe(
    'flotilla canary: start needs the version to roll out: --canary <ref> (the canary input of the action)\n',
  );
});

it('status before any rollout, a blue-green release into a layout, its summary, and rollback', async () => {
  expect((await cli(['status', 'flotilla.yaml', '--env', 'dev'])).out).toBe(
    'No rollout in dev yet. Start one: flotilla canary start <spec> --env dev --canary <ref>.\nphase=None step=0/0 weight=0 live=- stable=- canary=-\n',
  );
  const start = await cli(['start', 'flotilla.yaml', '--env', 'dev', '--canary', 'oci:app:2.0.0', '--summary', 'summary.md']);
  expect(start.code).toBe(0);
  expect(start.out).toMatch(/^Healthy: oci:app:2.0.0 was promoted/);
  expect(start.out).toContain(`phase=Healthy step=0/0 weight=100 live=${v2} stable=${v1} canary=${v2}`);
  expect(start.err).toContain('preview: dev-preview → sha256:');
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  expect(summary).toContain('### Rollout of dev: Healthy');
  expect(summary).toContain('| pre-promotion analysis | none configured |');
  const store = new LayoutStore(join(dir, 'app'));
  expect((await store.resolve('dev')).digest).toBe(v2);
  expect((await store.resolve('dev-previous')).digest).toBe(v1);
  const back = await cli(['rollback', 'flotilla.yaml', '--env', 'dev', '--json']);
  expect(back.code).toBe(0);
  expect(JSON.parse(back.out).outputs).toMatchObject({ phase: 'Healthy', liveDigest: v1 });
  expect(JSON.parse(back.out).text).toMatch(
    /^Healthy: rolled back; sha256:\w+ serves all traffic \(dev → sha256:\w+\)\. The version rolled back from, sha256:\w+, is kept as dev-previous/,
  );
  expect((await store.resolve('dev')).digest).toBe(v1);
  const again = await cli(['start', 'flotilla.yaml', '--env', 'dev', '--canary', 'oci:app:2.0.0', '--strategy', 'canary']);
  expect(again.code).toBe(1);
  expect(again.err).toMatch(
    /error \[ROLLOUT_NEEDS_SPLITTER\]: the stable app oci:app@sha256:\w+ exports no wasi:http\/incoming-handler@0\.2\.x \(its exports: run\), so a canary of the whole app cannot be split at its HTTP edge; name the component that gets the canary \(rollout.canary.component/,
  );
  // refused before anything was written: the last rollout is still the one shown
  expect((await cli(['status', 'flotilla.yaml', '--env', 'dev'])).out).toMatch(/^Healthy: /);
});

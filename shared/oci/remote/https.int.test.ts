import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HostileRegistry, startHostileRegistry } from '../../../test/harness/hostile-registry.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const NAME = 'hostile.test';

/**
 * An HTTPS registry (a loopback address is always plain HTTP, so the client
 * reaches it as hostile.test, mapped to 127.0.0.1 in a child process that
 * trusts its self-signed certificate) whose other origin is plain HTTP: no
 * URL it hands back may take the client, or its credentials, down to http.
 */
describe('an https registry never sends the client down to plain http', () => {
  let reg: HostileRegistry;
  let dir: string;
  let port: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flotilla-https-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-days',
          '1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
          '-subj',
          `/CN=${NAME}`,
          '-addext',
          `subjectAltName=DNS:${NAME}`,
        ],
        { stdio: 'ignore' },
      );
    } catch (err) {
      throw new Error(`openssl is needed to make the test certificate (apt-get install openssl): ${(err as Error).message}`);
    }
    writeFileSync(
      join(dir, 'dns.mjs'),
      [
        "import dns from 'node:dns';",
        'const lookup = dns.lookup;',
        `dns.lookup = function (host, options, cb) { return lookup.call(this, host === '${NAME}' ? '127.0.0.1' : host, options, cb); };`,
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'client.ts'),
      [
        `import { RemoteRegistry } from '${ROOT}/shared/oci/remote/registry.ts';`,
        `import { basicCredential } from '${ROOT}/shared/auth/credentials.ts';`,
        `import { blob } from '${ROOT}/test/oci/artifacts.ts';`,
        'const [host, user, pass, op, digest, size] = process.argv.slice(2);',
        "const repo = new RemoteRegistry({ host, credential: basicCredential(user, pass), retry: false }).repository('x/https');",
        // push: a blob of 3000 bytes of the value in the digest argument when it is a number (a new blob per test)
        'const b = blob("application/octet-stream", new Uint8Array(3000).fill(Number.isInteger(Number(digest)) ? Number(digest) : 5));',
        'const ops = {',
        '  push: () => repo.push(b.desc, b.bytes),',
        '  tags: () => repo.listTags(),',
        '  blob: () => repo.fetch({ mediaType: "application/octet-stream", digest, size: Number(size) }),',
        '  resolve: () => repo.resolve("v1"),',
        '};',
        'const out = await ops[op]().then((v) => ({ ok: true, value: v instanceof Uint8Array ? v.byteLength : v }), (e) => ({ ok: false, code: e.code, message: e.message }));',
        'console.log(JSON.stringify(out));',
      ].join('\n'),
    );
    reg = await startHostileRegistry(
      {},
      { tls: { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') } },
    );
    port = new URL(reg.url).port;
  });
  afterAll(async () => {
    await reg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    reg.requests.length = 0;
    reg.behave({ uploadLocationOtherOrigin: false, tagsNextOtherOrigin: false, blobRedirectOtherOrigin: false, tokenRealm: undefined });
  });

  async function client(op: string, ...args: string[]): Promise<{ ok: boolean; code?: string; message?: string; value?: unknown }> {
    const { stdout } = await run(
      process.execPath,
      ['--import', join(dir, 'dns.mjs'), join(dir, 'client.ts'), `${NAME}:${port}`, reg.username, reg.password, op, ...args],
      { env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') } },
    );
    return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  }

  it('talks to the registry over https with its credentials', async () => {
    expect(await client('push')).toMatchObject({ ok: true });
    expect(await client('tags')).toMatchObject({ ok: true });
    expect(reg.requests.some((r) => r.origin === 'main' && r.headers.authorization?.startsWith('Basic '))).toBe(true);
  });

  it.each([
    ['an upload Location', 'push', { uploadLocationOtherOrigin: true }],
    ['a tag list Link', 'tags', { tagsNextOtherOrigin: true }],
    ['a blob redirect', 'blob', { blobRedirectOtherOrigin: true }],
  ] as const)('refuses %s to plain http (REGISTRY_UNSAFE_URL) and sends nothing there', async (_what, op, behaviour) => {
    const digest = reg.putBlob(new Uint8Array(100).fill(9));
    reg.behave(behaviour);
    const out = await client(op, op === 'push' ? '7' : digest, '100');
    expect(out).toMatchObject({ ok: false, code: 'REGISTRY_UNSAFE_URL' });
    expect(out.message).toContain('downgrade');
    expect(reg.otherRequests()).toEqual([]);
  });

  it('refuses a token realm on plain http, sending no credentials there', async () => {
    reg.behave({ tokenRealm: 'other' });
    const out = await client('resolve');
    expect(out).toMatchObject({ ok: false });
    expect(out.code).toMatch(/^REGISTRY_(AUTH|UNSAFE_URL)$/);
    expect(out.message).toContain('not HTTPS');
    expect(reg.otherRequests()).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/harness/ports.ts';
import { type Registry, startRegistry } from '../../test/harness/registry.ts';
import { makeArtifact, pushArtifact } from '../../test/oci/artifacts.ts';
import { sha256 } from '../oci/digest.ts';
import { MediaType } from '../oci/media-types.ts';
import { RemoteRegistry } from '../oci/remote/registry.ts';
import { registryConfigFromEnvValue } from '../registry-config/load.ts';
import { RegistryClients } from '../registry-config/open.ts';
import { AuthenticationError } from '../transport/errors.ts';
import { basicCredential, refreshTokenCredential } from './credentials.ts';
import { TokenCache } from './token-cache.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

async function refreshTokenFor(reg: Registry): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'password',
    username: reg.username ?? '',
    password: reg.password ?? '',
    service: 'flotilla-test-registry',
    client_id: 'flotilla-test',
    access_type: 'offline',
    scope: '',
  });
  const res = await fetch(reg.token?.realm ?? '', { method: 'POST', body: form });
  expect(res.status).toBe(200);
  return ((await res.json()) as { refresh_token: string }).refresh_token;
}

describe('bearer tokens (token flavour)', () => {
  let reg: Registry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: 'token', tokenExpiresIn: 7 });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('asks the token server once per scope, and again once the token expired', async () => {
    const registry = new RemoteRegistry({ host: reg.host, credential: basicCredential(reg.username ?? '', reg.password ?? '') });
    const repo = registry.repository('auth/cache');
    const a = makeArtifact(100);
    await pushArtifact(repo, a, 'v1');
    const requests = reg.token?.requests ?? [];
    // the push asked for a pull token (HEAD before upload) and a pull,push token
    expect(requests.map((r) => r.scopes.join(' '))).toEqual(['repository:auth/cache:pull', 'repository:auth/cache:pull,push']);
    const afterFirstPull = requests.length;
    await repo.resolve('v1');
    await repo.resolve('v1');
    await repo.fetch(a.layer.desc);
    expect(requests.length).toBe(afterFirstPull); // same scope: from the cache
    expect(requests.every((r) => r.status === 200)).toBe(true);
    // tokens live 7 s and are dropped 5 s before: after 2.5 s a new one is needed
    await new Promise((r) => setTimeout(r, 2500));
    await repo.resolve('v1');
    expect(requests.length).toBe(afterFirstPull + 1);
    expect(requests.at(-1)?.scopes).toEqual(['repository:auth/cache:pull']);
  });

  it('answers a 401 to a cached token with a new challenge and token', async () => {
    const cache = new TokenCache();
    cache.set(reg.host, ['repository:auth/cache:pull'], 'not-a-valid-token', 300);
    const repo = new RemoteRegistry({
      host: reg.host,
      credential: basicCredential(reg.username ?? '', reg.password ?? ''),
      tokenCache: cache,
    }).repository('auth/cache');
    const before = reg.token?.requests.length ?? 0;
    await new Promise((r) => setTimeout(r, 100));
    reg.clearAccessLog();
    expect((await repo.resolve('v1')).mediaType).toBe(MediaType.OciManifest);
    expect(reg.token?.requests.length).toBe(before + 1);
    // no token yet (401 with the challenge), the cached one (401), a fresh one (200);
    // the registry logs asynchronously: wait for the line of the last answer
    const heads = async () => reg.accessLog().filter((e) => e.method === 'HEAD' && e.path === '/v2/auth/cache/manifests/v1');
    for (let i = 0; i < 100 && (await heads()).at(-1)?.status !== 200; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await heads()).map((e) => e.status)).toEqual([401, 401, 200]);
  });

  it('uses an OAuth2 refresh token (POST to the realm)', async () => {
    const refresh = await refreshTokenFor(reg);
    const repo = new RemoteRegistry({ host: reg.host, credential: refreshTokenCredential(refresh) }).repository('auth/oauth');
    const a = makeArtifact(100);
    await pushArtifact(repo, a, 'v1');
    expect(Buffer.from(await repo.fetch(a.layer.desc)).equals(Buffer.from(a.layer.bytes))).toBe(true);
    const posts = (reg.token?.requests ?? []).filter((r) => r.method === 'POST' && r.grantType === 'refresh_token');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((r) => r.status === 200)).toBe(true);
    const bad = new RemoteRegistry({ host: reg.host, credential: refreshTokenCredential('not-a-refresh-token') }).repository('auth/oauth');
    await expect(bad.resolve('v1')).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe('anonymous clients of a token registry', () => {
  it('pull with an anonymous token and are refused a push with a message saying what to do', async () => {
    const reg = await startRegistry({ auth: 'token', anonymousPull: true });
    try {
      const a = makeArtifact(100);
      await pushArtifact(
        new RemoteRegistry({ host: reg.host, credential: basicCredential(reg.username ?? '', reg.password ?? '') }).repository('anon/app'),
        a,
        'v1',
      );
      const anon = new RemoteRegistry({ host: reg.host }).repository('anon/app');
      expect(Buffer.from(await anon.fetch(a.layer.desc)).equals(Buffer.from(a.layer.bytes))).toBe(true);
      expect(reg.token?.requests.some((r) => r.account === null && r.status === 200)).toBe(true);
      const err = await pushArtifact(anon, makeArtifact(10), 'v2').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthenticationError);
      expect((err as Error).message).toMatch(/refused anonymous access for POST .*configure credentials for 127\.0\.0\.1:\d+/);
    } finally {
      await reg.stop();
    }
  });
});

describe('Docker config.json and credential helpers', () => {
  let dir: string;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function helperEnv(reg: Registry, user: string, secret: string): NodeJS.ProcessEnv {
    dir = mkdtempSync(join(tmpdir(), 'flotilla-dockercfg-'));
    const helper = join(dir, 'docker-credential-test');
    writeFileSync(
      helper,
      [
        '#!/bin/sh',
        `[ "$1" = get ] || exit 2`,
        'read server',
        `echo "$server" >> "${join(dir, 'asked')}"`,
        `if [ "$server" = "${reg.host}" ]; then`,
        `  printf '{"ServerURL":"%s","Username":"${user}","Secret":"${secret}"}' "$server"`,
        'else',
        '  echo "credentials not found in native keychain"; exit 1',
        'fi',
        '',
      ].join('\n'),
    );
    chmodSync(helper, 0o755);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'test' }, auths: {} }));
    return { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, DOCKER_CONFIG: dir };
  }

  it('gets credentials from a credHelpers helper (token flavour)', async () => {
    const reg = await startRegistry({ auth: 'token' });
    try {
      const env = helperEnv(reg, reg.username ?? '', reg.password ?? '');
      const clients = new RegistryClients(registryConfigFromEnvValue(`local|${reg.host}|oci|docker-config`), { env });
      const repo = clients.repository(`${reg.host}/helper/app:v1`);
      const a = makeArtifact(200);
      await pushArtifact(repo, a, 'v1');
      expect((await repo.resolve('v1')).digest).toBe(a.manifest.desc.digest);
      expect(readFileSync(join(dir, 'asked'), 'utf8').trim().split('\n')).toEqual([reg.host]);

      // no config entry at all: the default chain finds the same helper
      const byDefault = new RegistryClients({ entries: [] }, { env }).repository(`${reg.host}/helper/app`);
      expect((await byDefault.resolve('v1')).digest).toBe(a.manifest.desc.digest);
      // credsStore: the same helper for every host
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ credsStore: 'test' }));
      const byStore = new RegistryClients({ entries: [] }, { env }).repository(`${reg.host}/helper/app`);
      expect((await byStore.resolve('v1')).digest).toBe(a.manifest.desc.digest);
      expect(readFileSync(join(dir, 'asked'), 'utf8').trim().split('\n')).toEqual([reg.host, reg.host, reg.host]);
    } finally {
      await reg.stop();
    }
  });

  it('reads auths (base64 user:password) for basic and identitytoken for token registries', async () => {
    const basic = await startRegistry({ auth: 'basic' });
    const token = await startRegistry({ auth: 'token' });
    try {
      dir = mkdtempSync(join(tmpdir(), 'flotilla-dockercfg-'));
      const identity = await refreshTokenFor(token);
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({
          auths: {
            [`http://${basic.host}/v1/`]: { auth: Buffer.from(`${basic.username}:${basic.password}`).toString('base64') },
            [token.host]: { auth: Buffer.from(`${token.username}:`).toString('base64'), identitytoken: identity },
          },
        }),
      );
      const clients = new RegistryClients(registryConfigFromEnvValue(`a|${basic.host}|oci|basic|...,b|${token.host}|oci|oauth|...`), {
        env: { ...process.env, DOCKER_CONFIG: dir },
      });
      for (const reg of [basic, token]) {
        const repo = clients.repository(`${reg.host}/cfg/app`);
        const a = makeArtifact(300);
        await pushArtifact(repo, a, 'v1');
        expect(Buffer.from(await repo.fetch(a.layer.desc)).equals(Buffer.from(a.layer.bytes))).toBe(true);
      }
      expect(token.token?.requests.some((r) => r.grantType === 'refresh_token' && r.status === 200)).toBe(true);
    } finally {
      await basic.stop();
      await token.stop();
    }
  });
});

describe('secrets', () => {
  it('never appear in messages or output when credentials are refused', async () => {
    for (const flavour of ['basic', 'token'] as const) {
      const reg = await startRegistry({ auth: flavour });
      try {
        const secret = `wrong-${Math.random().toString(36).slice(2)}-password`;
        const b64 = Buffer.from(`${reg.username}:${secret}`).toString('base64');
        const captured: string[] = [];
        const out = process.stdout.write.bind(process.stdout);
        const err = process.stderr.write.bind(process.stderr);
        process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
          captured.push(String(chunk));
          return out(chunk, ...(rest as []));
        }) as typeof process.stdout.write;
        process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
          captured.push(String(chunk));
          return err(chunk, ...(rest as []));
        }) as typeof process.stderr.write;
        let failure: unknown;
        try {
          const repo = new RemoteRegistry({ host: reg.host, credential: basicCredential(reg.username ?? '', secret) }).repository('s/app');
          const a = makeArtifact(50);
          failure = await pushArtifact(repo, a, 'v1').catch((e: unknown) => e);
        } finally {
          process.stdout.write = out;
          process.stderr.write = err;
        }
        expect(failure).toBeInstanceOf(AuthenticationError);
        const texts = [...captured];
        for (let e: unknown = failure; e instanceof Error; e = (e as { cause?: unknown }).cause)
          texts.push(e.message, e.stack ?? '', JSON.stringify(e));
        const all = texts.join('\n');
        expect(all).toContain(reg.host);
        expect(all).not.toContain(secret);
        expect(all).not.toContain(b64);
      } finally {
        await reg.stop();
      }
    }
  });

  it('never appear in the output of a process that fails with a password from the environment', async () => {
    const reg = await startRegistry({ auth: 'basic' });
    dirForScript = mkdtempSync(join(tmpdir(), 'flotilla-secret-'));
    try {
      const script = join(dirForScript, 'push.ts');
      writeFileSync(
        script,
        [
          `import { resolveRegistryConfig, RegistryClients } from '${ROOT}/shared/registry-config/index.ts';`,
          `import { makeArtifact, pushArtifact } from '${ROOT}/test/oci/artifacts.ts';`,
          `import { maskSecretsInActionsLog } from '${ROOT}/shared/actions/mask.ts';`,
          // what runAction and the CLI do at start: the library announces secrets, the adapter masks them
          'maskSecretsInActionsLog();',
          'const repo = new RegistryClients(resolveRegistryConfig()).repository(process.argv[2]);',
          'try { await pushArtifact(repo, makeArtifact(10), "v1"); } catch (e) { console.error("error: " + e.message); console.log(e); process.exit(1); }',
        ].join('\n'),
      );
      const secret = `env-secret-${Math.random().toString(36).slice(2)}`;
      const env = {
        ...process.env,
        FLOTILLA_REGISTRIES: `local|${reg.host}|oci|basic|REG_USER|REG_PASS`,
        REG_USER: reg.username ?? '',
        REG_PASS: secret,
        GITHUB_ACTIONS: 'true',
      };
      const result = await run(process.execPath, [script, `${reg.host}/s/app:v1`], { env }).catch(
        (e: { stdout: string; stderr: string; code: number }) => e,
      );
      const { stdout, stderr } = result as { stdout: string; stderr: string };
      expect((result as { code?: number }).code).toBe(1);
      expect(stderr).toContain(`${reg.host}`);
      expect(stderr).toContain('the registry refused user');
      // as an action the secret is registered for masking (::add-mask::), and printed nowhere else
      const masked = stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
      expect(stdout).toContain(`::add-mask::${secret}`);
      expect(`${masked.join('\n')}${stderr}`).not.toContain(secret);
      expect(`${masked.join('\n')}${stderr}`).not.toContain(Buffer.from(`${reg.username}:${secret}`).toString('base64'));
    } finally {
      rmSync(dirForScript, { recursive: true, force: true });
      await reg.stop();
    }
  });
});
let dirForScript = '';

describe('redirects of blob GETs', () => {
  let registry: Server;
  let storage: Server;
  let host: string;
  const seen: { server: string; path: string; headers: IncomingHttpHeaders }[] = [];
  const bytes = new TextEncoder().encode('blob served from another origin');
  const digest = sha256(bytes);
  beforeAll(async () => {
    const [rp, sp] = [await freePort(), await freePort()];
    host = `127.0.0.1:${rp}`;
    const auth = `Basic ${Buffer.from('user:redirect-secret').toString('base64')}`;
    registry = createServer((req, res) => {
      seen.push({ server: 'registry', path: req.url ?? '', headers: req.headers });
      if (req.headers.authorization !== auth) return res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
      if (req.url === `/v2/r/blobs/${digest}`) return res.writeHead(307, { location: `http://localhost:${sp}/storage/blob?sig=1` }).end();
      if (req.url === `/v2/same/blobs/${digest}`) return res.writeHead(307, { location: `/storage/${digest}` }).end();
      if (req.url === `/storage/${digest}`) return res.writeHead(200, { 'content-length': String(bytes.byteLength) }).end(bytes);
      res.writeHead(404).end();
    });
    storage = createServer((req, res) => {
      seen.push({ server: 'storage', path: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-length': String(bytes.byteLength) }).end(bytes);
    });
    await new Promise<void>((r) => registry.listen(rp, '127.0.0.1', () => r()));
    await new Promise<void>((r) => storage.listen(sp, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    await new Promise<void>((r) => registry.close(() => r()));
    await new Promise<void>((r) => storage.close(() => r()));
  });

  it('follows a redirect to another origin without Authorization, and keeps it on the same origin', async () => {
    const reg = new RemoteRegistry({ host, credential: basicCredential('user', 'redirect-secret') });
    const desc = { mediaType: 'application/octet-stream', digest, size: bytes.byteLength };
    expect(new TextDecoder().decode(await reg.repository('r').fetch(desc))).toBe('blob served from another origin');
    const atStorage = seen.filter((s) => s.server === 'storage');
    expect(atStorage).toHaveLength(1);
    expect(atStorage[0]?.headers.authorization).toBeUndefined();
    expect(new TextDecoder().decode(await reg.repository('same').fetch(desc))).toBe('blob served from another origin');
    expect(seen.at(-1)).toMatchObject({ server: 'registry', path: `/storage/${digest}` });
    expect(seen.at(-1)?.headers.authorization).toBeDefined();
  });
});

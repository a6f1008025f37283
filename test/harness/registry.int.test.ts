import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, type RegistryFlavour, startRegistry } from './registry.ts';

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** Bearer token for `scope` from the harness's token server, asked the way a client does after a 401. */
async function bearer(reg: Registry, challenge: string, scope: string): Promise<string> {
  const realm = /realm="([^"]+)"/.exec(challenge)?.[1];
  const service = /service="([^"]+)"/.exec(challenge)?.[1];
  expect(realm).toBeDefined();
  expect(service).toBeDefined();
  const u = new URL(realm ?? '');
  u.searchParams.set('service', service ?? '');
  u.searchParams.set('scope', scope);
  const res = await fetch(u, { headers: { authorization: reg.basicAuth() } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { token: string };
  return `Bearer ${body.token}`;
}

describe.each<RegistryFlavour>(['anonymous', 'basic', 'token'])('registry harness (%s)', (flavour) => {
  let reg: Registry;
  beforeAll(async () => {
    reg = await startRegistry({ auth: flavour });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('pushes and pulls a blob with plain fetch', async () => {
    const repo = 'harness/check';
    const blob = Buffer.from(`hello from the ${flavour} registry ${Date.now()}`);
    const digest = sha256(blob);
    let auth: string | undefined;

    const probe = await fetch(`${reg.url}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
    await probe.arrayBuffer();
    if (flavour === 'anonymous') {
      expect(probe.status).toBe(202);
    } else {
      expect(probe.status).toBe(401);
      const challenge = probe.headers.get('www-authenticate') ?? '';
      if (flavour === 'basic') {
        expect(challenge).toMatch(/^Basic realm="flotilla-test"/);
        auth = reg.basicAuth();
      } else {
        expect(challenge).toMatch(
          /^Bearer realm="http:\/\/127\.0\.0\.1:\d+\/token",service="flotilla-test-registry",scope="repository:harness\/check:(pull,push|push,pull)"/, // distribution lists the actions in either order
        );
        auth = await bearer(reg, challenge, `repository:${repo}:pull,push`);
      }
    }
    const headers: Record<string, string> = auth ? { authorization: auth } : {};

    const start = await fetch(`${reg.url}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers });
    await start.arrayBuffer();
    expect(start.status).toBe(202);
    const location = new URL(start.headers.get('location') ?? '', reg.url);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      body: blob,
    });
    await put.arrayBuffer();
    expect(put.status).toBe(201);
    expect(put.headers.get('docker-content-digest')).toBe(digest);

    const get = await fetch(`${reg.url}/v2/${repo}/blobs/${digest}`, { headers });
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(blob)).toBe(true);

    if (flavour !== 'anonymous') {
      const denied = await fetch(`${reg.url}/v2/${repo}/blobs/${digest}`);
      await denied.arrayBuffer();
      expect(denied.status).toBe(401);
    }
    if (process.env.REGISTRY_URL === undefined || flavour !== 'anonymous') {
      const log = reg.accessLog();
      expect(log.some((e) => e.method === 'PUT' && e.status === 201)).toBe(true);
    }
  });
});

describe('token server', () => {
  it('refuses wrong credentials and grants only pull to anonymous clients when allowed', async () => {
    const reg = await startRegistry({ auth: 'token', anonymousPull: true });
    try {
      const token = reg.token;
      expect(token).toBeDefined();
      const u = new URL(token?.realm ?? '');
      u.searchParams.set('service', 'flotilla-test-registry');
      u.searchParams.set('scope', 'repository:a/b:pull,push');
      const bad = await fetch(u, { headers: { authorization: `Basic ${Buffer.from('flotilla:wrong').toString('base64')}` } });
      await bad.arrayBuffer();
      expect(bad.status).toBe(401);
      const anon = await fetch(u);
      const body = (await anon.json()) as { token: string };
      const claims = JSON.parse(Buffer.from(body.token.split('.')[1] ?? '', 'base64url').toString()) as { access: unknown };
      expect(claims.access).toEqual([{ type: 'repository', name: 'a/b', actions: ['pull'] }]);
      // an anonymous token can read the catalog of a repository but cannot start an upload
      const upload = await fetch(`${reg.url}/v2/a/b/blobs/uploads/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${body.token}` },
      });
      await upload.arrayBuffer();
      expect(upload.status).toBe(401);
    } finally {
      await reg.stop();
    }
  });
});

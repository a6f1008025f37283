import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HostileRegistry, startHostileRegistry } from '../../../test/harness/hostile-registry.ts';
import { tempDir } from '../../../test/harness/wasm-fixtures.ts';
import { blob, makeArtifact, pushArtifact } from '../../../test/oci/artifacts.ts';
import { inspectWasmArtifact } from '../../artifact/wasm-artifact.ts';
import { basicCredential } from '../../auth/credentials.ts';
import { registerSecret } from '../../auth/secrets.ts';
import { FlotillaError } from '../../errors.ts';
import { TransportError } from '../../transport/errors.ts';
import { Copier, MAX_REFERRER_DEPTH } from '../copy.ts';
import { LayoutStore } from '../layout/store.ts';
import { MediaType } from '../media-types.ts';
import { RemoteRegistry } from './registry.ts';

/** Requests to the other origin that carried a credential (Authorization, or the password anywhere). */
function leaks(reg: HostileRegistry): string[] {
  const basic = Buffer.from(`${reg.username}:${reg.password}`).toString('base64');
  return reg
    .otherRequests()
    .filter((r) => r.headers.authorization !== undefined || JSON.stringify(r).includes(reg.password) || JSON.stringify(r).includes(basic))
    .map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`);
}

describe('credentials never go to another origin the registry names', () => {
  let reg: HostileRegistry;
  beforeAll(async () => {
    reg = await startHostileRegistry();
  });
  afterAll(async () => {
    await reg?.stop();
  });
  afterEach(() => {
    reg.requests.length = 0;
    reg.behave({
      uploadLocationOtherOrigin: false,
      tagsNextOtherOrigin: false,
      blobRedirectOtherOrigin: false,
      tokenRealm: undefined,
      otherOriginRequiresAuth: false,
    });
  });
  const repo = (name: string) =>
    new RemoteRegistry({ host: reg.host, credential: basicCredential(reg.username, reg.password), retry: false }).repository(name);

  it('uploads to a Location on another origin without the credentials', async () => {
    reg.behave({ uploadLocationOtherOrigin: true });
    const b = blob('application/octet-stream', new Uint8Array(5000).fill(7));
    await repo('x/upload').push(b.desc, b.bytes);
    expect(reg.otherRequests().some((r) => r.method === 'PUT')).toBe(true);
    expect(reg.hasBlob(b.desc.digest)).toBe(true);
    expect(leaks(reg)).toEqual([]);
  });

  it('refuses with a typed error when the upload Location on another origin wants credentials', async () => {
    reg.behave({ uploadLocationOtherOrigin: true, otherOriginRequiresAuth: true });
    const b = blob('application/octet-stream', new Uint8Array(5000).fill(8));
    const err = await repo('x/upload')
      .push(b.desc, b.bytes)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FlotillaError);
    expect((err as FlotillaError).code).toBe('REGISTRY_CROSS_ORIGIN_AUTH');
    expect((err as Error).message).toContain(reg.otherHost);
    expect((err as Error).message).not.toContain(reg.password);
    expect(leaks(reg)).toEqual([]);
  });

  it('follows a tag list Link to another origin without the credentials', async () => {
    const r = repo('x/tags');
    await pushArtifact(r, makeArtifact(100), 'v1');
    reg.behave({ tagsNextOtherOrigin: true });
    const tags = await r.listTags();
    expect(tags).toContain('v1');
    expect(reg.otherRequests().some((q) => q.path.includes('/tags/list'))).toBe(true);
    expect(leaks(reg)).toEqual([]);
  });

  it('follows a blob redirect to another origin without the credentials; a 401 there is a typed error', async () => {
    const r = repo('x/redirect');
    const a = makeArtifact(300);
    await pushArtifact(r, a, 'v1');
    reg.behave({ blobRedirectOtherOrigin: true });
    const got = await r.fetch(a.layer.desc);
    expect(Buffer.from(got).equals(Buffer.from(a.layer.bytes))).toBe(true);
    expect(reg.otherRequests().length).toBeGreaterThan(0);
    reg.behave({ otherOriginRequiresAuth: true });
    const err = await r.fetch(a.layer.desc).catch((e: unknown) => e);
    expect((err as FlotillaError).code).toBe('REGISTRY_CROSS_ORIGIN_AUTH');
    expect(leaks(reg)).toEqual([]);
  });

  it('asks a token realm on another origin without the credentials; a refusal there is a typed error', async () => {
    reg.behave({ tokenRealm: 'other' });
    const r = repo('x/realm');
    const a = makeArtifact(200);
    await pushArtifact(r, a, 'v1');
    expect(reg.otherRequests().some((q) => q.path.startsWith('/token'))).toBe(true);
    expect(leaks(reg)).toEqual([]);
    reg.behave({ otherOriginRequiresAuth: true });
    const err = await repo('x/realm2')
      .resolve('v1')
      .catch((e: unknown) => e);
    expect((err as FlotillaError).code).toBe('REGISTRY_CROSS_ORIGIN_AUTH');
    expect((err as Error).message).toContain('tokenRealms');
    expect(leaks(reg)).toEqual([]);
  });

  it('sends the credentials to a token realm on the registry origin', async () => {
    reg.behave({ tokenRealm: 'same' });
    await pushArtifact(repo('x/same'), makeArtifact(200), 'v1');
    const tokenRequests = reg.requests.filter((q) => q.path.startsWith('/token'));
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(tokenRequests.every((q) => q.origin === 'main' && q.headers.authorization?.startsWith('Basic '))).toBe(true);
  });

  it('sends the credentials to a token realm listed in tokenRealms', async () => {
    reg.behave({ tokenRealm: 'other' });
    const r = new RemoteRegistry({
      host: reg.host,
      credential: basicCredential(reg.username, reg.password),
      retry: false,
      tokenRealms: [reg.otherUrl],
    }).repository('x/trusted');
    await pushArtifact(r, makeArtifact(200), 'v1');
    const tokenRequests = reg.otherRequests().filter((q) => q.path.startsWith('/token'));
    expect(tokenRequests.length).toBeGreaterThan(0);
    expect(tokenRequests.every((q) => q.headers.authorization?.startsWith('Basic '))).toBe(true);
  });
});

describe('registry error bodies in messages', () => {
  let reg: HostileRegistry;
  beforeAll(async () => {
    reg = await startHostileRegistry();
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('redacts a secret before cutting the body, so no part of it is printed', async () => {
    const secret = `S3cr3t-${'k'.repeat(40)}-end`;
    registerSecret(secret);
    const repo = new RemoteRegistry({ host: reg.host, credential: basicCredential(reg.username, reg.password), retry: false }).repository(
      'x/errors',
    );
    for (const prefix of [190, 199, 250, 280]) {
      reg.behave({ errorBodyPlain: `${'e'.repeat(prefix)}${secret} trailing text`, errorBodyText: undefined });
      const err = await repo.fetchManifest('missing').catch((e: unknown) => e);
      expect((err as FlotillaError).code).toBe('OCI_NOT_FOUND');
      expect((err as Error).message).not.toContain('S3cr3t');
      expect((err as Error).message.length).toBeLessThan(600);
    }
    reg.behave({ errorBodyPlain: undefined, errorBodyText: `${'j'.repeat(195)}${secret}` });
    const err = await repo.fetchManifest('missing').catch((e: unknown) => e);
    expect((err as Error).message).toContain('***');
    expect((err as Error).message).not.toContain('S3cr3t');
  });
});

describe('overall bounds against a hostile registry', () => {
  let reg: HostileRegistry;
  beforeAll(async () => {
    reg = await startHostileRegistry();
  });
  afterAll(async () => {
    await reg?.stop();
  });
  const client = (extra: Partial<ConstructorParameters<typeof RemoteRegistry>[0]> = {}) =>
    new RemoteRegistry({ host: reg.host, credential: basicCredential(reg.username, reg.password), retry: false, ...extra });

  it('gives up a manifest sent one byte at a time at the overall body deadline, not per chunk', async () => {
    const repo = client({ bodyDeadlineMs: 600, timeoutMs: 5000 }).repository('x/slow');
    await pushArtifact(repo, makeArtifact(100), 'v1');
    reg.behave({ slowManifestMs: 30 });
    try {
      const err = await repo.fetchManifest('v1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as Error).message).toContain('overall deadline');
      expect((err as Error).message).toContain('600 ms');
    } finally {
      reg.behave({ slowManifestMs: undefined });
    }
  });

  it('stops an endless redirect loop of a blob download with a typed error', async () => {
    const repo = client().repository('x/loop');
    const a = makeArtifact(100);
    await pushArtifact(repo, a, 'v1');
    reg.behave({ redirectLoop: true });
    try {
      const before = reg.requests.length;
      const err = await repo.fetch(a.layer.desc).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransportError);
      expect((err as Error).message).toContain('more than 5 redirects');
      expect(reg.requests.length - before).toBeLessThanOrEqual(6);
    } finally {
      reg.behave({ redirectLoop: false });
    }
  });

  it('refuses an endless tag pagination with an error naming the limit, instead of stopping silently', async () => {
    reg.behave({ endlessTags: true });
    try {
      const err = await client()
        .repository('x/endless')
        .listTags()
        .catch((e: unknown) => e);
      expect((err as FlotillaError).code).toBe('OCI_TAG_LIST_TOO_LONG');
      expect((err as Error).message).toContain('1000 pages');
      expect((err as Error).message).toContain('1000 tags read');
    } finally {
      reg.behave({ endlessTags: false });
    }
  });

  it('stops an endless referrer chain at the depth limit, naming it', async () => {
    const repo = client().repository('x/chain');
    const a = makeArtifact(100);
    await pushArtifact(repo, a, 'v1');
    reg.behave({ endlessReferrers: true });
    const { dir, cleanup } = tempDir();
    try {
      const copier = new Copier(repo, new LayoutStore(join(dir, 'copy')), { referrers: true });
      const err = await copier.copy('v1').catch((e: unknown) => e);
      expect((err as FlotillaError).code).toBe('OCI_REFERRERS_TOO_DEEP');
      expect((err as Error).message).toContain(`${MAX_REFERRER_DEPTH} levels`);
      const referrerRequests = reg.requests.filter((r) => r.path.includes('/referrers/')).length;
      expect(referrerRequests).toBeLessThanOrEqual(MAX_REFERRER_DEPTH + 1);
    } finally {
      reg.behave({ endlessReferrers: false });
      cleanup();
    }
  });
});

describe('buffers sized by the registry', () => {
  let reg: HostileRegistry;
  beforeAll(async () => {
    reg = await startHostileRegistry();
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it('inspect refuses a config blob the manifest claims is 512 MiB, without asking for it', async () => {
    const config = new TextEncoder().encode('{"architecture":"wasm","os":"wasip2"}');
    const configDigest = reg.putBlob(config);
    const wasm = new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0]);
    const wasmDigest = reg.putBlob(wasm);
    const manifest = new TextEncoder().encode(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.OciManifest,
        config: { mediaType: MediaType.WasmConfig, digest: configDigest, size: 512 * 1024 * 1024 },
        layers: [{ mediaType: MediaType.Wasm, digest: wasmDigest, size: wasm.byteLength }],
      }),
    );
    reg.putManifest('x/big-config', 'v1', manifest);
    const repo = new RemoteRegistry({ host: reg.host, credential: basicCredential(reg.username, reg.password), retry: false }).repository(
      'x/big-config',
    );
    const err = await inspectWasmArtifact(repo, 'v1').catch((e: unknown) => e);
    expect((err as FlotillaError).code).toBe('OCI_CONFIG_TOO_LARGE');
    expect((err as Error).message).toContain(String(512 * 1024 * 1024));
    expect(reg.requests.filter((r) => r.path.includes(configDigest))).toEqual([]);
  });
});

describe('typed errors for malformed answers', () => {
  let reg: HostileRegistry;
  beforeAll(async () => {
    reg = await startHostileRegistry({ tokenRealm: 'same' });
  });
  afterAll(async () => {
    await reg?.stop();
  });

  it.each(['null', 'true', '[]', '"a token"', '{"token": 5}', 'not json'])(
    'a token response of %s is REGISTRY_TOKEN_INVALID, not a TypeError',
    async (text) => {
      reg.behave({ tokenResponseText: text });
      const repo = new RemoteRegistry({
        host: reg.host,
        credential: basicCredential(reg.username, reg.password),
        retry: false,
      }).repository('x/token');
      const err = await repo.resolve('v1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(FlotillaError);
      expect((err as FlotillaError).code).toBe('REGISTRY_TOKEN_INVALID');
      expect((err as Error).message).toContain('token realm');
    },
  );
});

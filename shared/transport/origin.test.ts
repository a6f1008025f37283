import { describe, expect, it } from 'vitest';
import { handedUrl, printableUrl, realmMayReceiveCredentials, UnsafeUrlError } from './origin.ts';

const ctx = { registry: 'r.example' };

describe('the rule for URLs a registry hands back', () => {
  it('never steps down from https to http, and follows only http(s)', () => {
    const base = new URL('https://r.example/');
    const current = new URL('https://r.example/v2/a/blobs/uploads/');
    expect(handedUrl('/v2/a/blobs/uploads/1', current, base, ctx, 'the Location').href).toBe('https://r.example/v2/a/blobs/uploads/1');
    expect(handedUrl('https://storage.example/x', current, base, ctx, 'the Location').host).toBe('storage.example');
    const down = (() => {
      try {
        return handedUrl('http://r.example/v2/a/blobs/uploads/1', current, base, ctx, 'the Location');
      } catch (e) {
        return e;
      }
    })();
    expect(down).toBeInstanceOf(UnsafeUrlError);
    expect((down as UnsafeUrlError).code).toBe('REGISTRY_UNSAFE_URL');
    expect((down as Error).message).toContain('downgrade');
    expect(() => handedUrl('file:///etc/passwd', current, base, ctx, 'the Link')).toThrow(UnsafeUrlError);
    expect(() => handedUrl('http://plain.example/', new URL('http://plain.example/'), base, ctx, 'x')).toThrow(/downgrade/);
    // a plain-http registry may hand back plain http
    const plain = new URL('http://127.0.0.1:5000/');
    expect(handedUrl('http://127.0.0.2:6000/x', plain, plain, ctx, 'x').host).toBe('127.0.0.2:6000');
  });

  it('lets a token realm receive credentials only on the registry host, a known token service, or a listed one', () => {
    const hub = new URL('https://registry-1.docker.io');
    expect(realmMayReceiveCredentials(new URL('https://auth.docker.io/token'), hub)).toBe(true);
    expect(realmMayReceiveCredentials(new URL('https://ghcr.io/token'), new URL('https://ghcr.io'))).toBe(true);
    expect(realmMayReceiveCredentials(new URL('http://127.0.0.1:9999/token'), new URL('http://127.0.0.1:5000'))).toBe(true);
    expect(realmMayReceiveCredentials(new URL('https://evil.example/token'), new URL('https://ghcr.io'))).toBe(false);
    expect(realmMayReceiveCredentials(new URL('https://auth.example/token'), new URL('https://r.example'), ['https://auth.example'])).toBe(
      true,
    );
  });

  it('prints URLs without their query and control characters, cut at 200 characters', () => {
    expect(printableUrl('https://r.example/a?token=secret')).toBe('https://r.example/a');
    expect(printableUrl(`https://r.example/${'a'.repeat(300)}`).length).toBe(200);
    expect(printableUrl('not a url\nnext')).toBe('not a url?next');
  });
});

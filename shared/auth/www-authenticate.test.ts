import { describe, expect, it } from 'vitest';
import { challengeScopes, parseWwwAuthenticate } from './www-authenticate.ts';

describe('parseWwwAuthenticate', () => {
  it('reads a distribution Bearer challenge with quoted params', () => {
    const [ch] = parseWwwAuthenticate(
      'Bearer realm="http://127.0.0.1:5001/token",service="flotilla-test-registry",scope="repository:a/b:pull,push"',
    );
    expect(ch).toEqual({
      scheme: 'bearer',
      params: { realm: 'http://127.0.0.1:5001/token', service: 'flotilla-test-registry', scope: 'repository:a/b:pull,push' },
    });
    expect(challengeScopes(ch ?? { scheme: '', params: {} })).toEqual(['repository:a/b:pull,push']);
  });

  it('reads several challenges, escapes, spaces, unquoted values and upper-case keys', () => {
    const chs = parseWwwAuthenticate(
      'Basic realm="say \\"hi\\", please" , Bearer Realm=https://auth.example/token, service=reg , scope="repository:a:pull repository:b:pull", error="invalid_token"',
    );
    expect(chs).toEqual([
      { scheme: 'basic', params: { realm: 'say "hi", please' } },
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example/token',
          service: 'reg',
          scope: 'repository:a:pull repository:b:pull',
          error: 'invalid_token',
        },
      },
    ]);
    expect(challengeScopes(chs[1] ?? { scheme: '', params: {} })).toEqual(['repository:a:pull', 'repository:b:pull']);
  });

  it('reads token68 challenges and survives junk', () => {
    expect(parseWwwAuthenticate('Negotiate abc+/def==, Basic realm=x')).toEqual([
      { scheme: 'negotiate', params: {}, token68: 'abc+/def==' },
      { scheme: 'basic', params: { realm: 'x' } },
    ]);
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(parseWwwAuthenticate('Bearer realm="unterminated')).toEqual([{ scheme: 'bearer', params: { realm: 'unterminated' } }]);
    expect(parseWwwAuthenticate('Basic')).toEqual([{ scheme: 'basic', params: {} }]);
  });
});

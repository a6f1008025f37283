import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/harness/wasm-fixtures.ts';
import { SIGSTORE_GITHUB, SIGSTORE_PUBLIC_GOOD } from '../sign/signer.ts';
import { signingRequest } from './signing-options.ts';

describe('signing choice', () => {
  it('key pair by file or env://, with optional log and timestamp', () => {
    expect(signingRequest({ key: 'k.key' }, {})).toEqual({ kind: 'key', key: 'k.key' });
    expect(signingRequest({ key: 'env://K', tsaURL: 'http://tsa.example/' }, {})).toEqual({
      kind: 'key',
      key: 'env://K',
      tsaURL: 'http://tsa.example',
    });
  });

  it('keyless: public-good by default, GitHub instance, auto by the repository visibility of the event payload', () => {
    const identityToken = async () => 'token';
    expect(signingRequest({ identityToken, keyless: true }, {})).toEqual({
      kind: 'keyless',
      endpoints: SIGSTORE_PUBLIC_GOOD,
      identityToken,
    });
    expect(signingRequest({ identityToken, keyless: true, sigstore: 'github' }, {})).toEqual({
      kind: 'keyless',
      endpoints: SIGSTORE_GITHUB,
      identityToken,
    });
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'event.json'), JSON.stringify({ repository: { visibility: 'public' } }));
      writeFileSync(join(dir, 'private.json'), JSON.stringify({ repository: { private: true } }));
      expect(signingRequest({ identityToken, keyless: true, sigstore: 'auto' }, { GITHUB_EVENT_PATH: join(dir, 'event.json') })).toEqual({
        kind: 'keyless',
        endpoints: SIGSTORE_PUBLIC_GOOD,
        identityToken,
      });
      expect(signingRequest({ identityToken, keyless: true, sigstore: 'auto' }, { GITHUB_EVENT_PATH: join(dir, 'private.json') })).toEqual({
        kind: 'keyless',
        endpoints: SIGSTORE_GITHUB,
        identityToken,
      });
    } finally {
      cleanup();
    }
    expect(signingRequest({ identityToken, keyless: true, fulcioURL: 'http://127.0.0.1:1', rekorURL: 'http://127.0.0.1:2' }, {})).toEqual({
      kind: 'keyless',
      endpoints: { fulcioURL: 'http://127.0.0.1:1', rekorURL: 'http://127.0.0.1:2' },
      identityToken,
    });
    // the token source comes from the adapter (GitHub Actions: shared/actions/id-token.ts); without one, keyless cannot sign
    expect(() => signingRequest({ keyless: true }, {})).toThrow('keyless signing needs a source of OIDC identity tokens');
  });

  it('refuses contradictions', () => {
    expect(() => signingRequest({ key: 'k', keyless: true }, {})).toThrow('either --key <file> or --keyless');
    expect(() => signingRequest({ keyless: true, sigstore: 'staging' }, {})).toThrow("--sigstore 'staging'");
    expect(() => signingRequest({ key: 'k', fulcioURL: 'http://f' }, {})).toThrow('--keyless signing only');
    expect(() => signingRequest({ rekorURL: 'http://r' }, {})).toThrow('without --keyless or --key');
    expect(() => signingRequest({ keyless: true, fulcioURL: 'not a url' }, {})).toThrow("--fulcio-url 'not a url' is not a URL");
    expect(signingRequest({}, {})).toEqual({ kind: 'none' });
  });
});

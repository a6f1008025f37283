import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { signingInputs } from './signing-inputs.ts';

// @actions/core reads an input `key-file` from INPUT_KEY-FILE
const INPUTS = ['SIGNING', 'KEY-FILE', 'KEY-ENV', 'SIGSTORE', 'FULCIO-URL', 'REKOR-URL', 'TSA-URL'];

describe('signingInputs (the publish and canary actions)', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const name of INPUTS) delete process.env[`INPUT_${name}`];
  });

  it('defaults to no signing', () => {
    expect(signingInputs({}).request).toEqual({ kind: 'none' });
  });

  it('keyless gets the job OIDC token provider (a keyless request without one is refused)', () => {
    process.env.INPUT_SIGNING = 'keyless';
    process.env['INPUT_FULCIO-URL'] = 'https://fulcio.example.test';
    const { mode, request } = signingInputs({});
    expect(mode).toBe('keyless');
    expect(request.kind).toBe('keyless');
    if (request.kind !== 'keyless') throw new Error('unreachable');
    expect(typeof request.identityToken).toBe('function');
    expect(request.endpoints?.fulcioURL).toBe('https://fulcio.example.test');
  });

  it('a key from an environment variable is read as env://NAME, and it and its password are masked line by line', () => {
    process.env.INPUT_SIGNING = 'key';
    process.env['INPUT_KEY-ENV'] = 'RELEASE_KEY';
    const pem = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAAsecretline1\nBBBBsecretline2\n-----END ENCRYPTED PRIVATE KEY-----';
    const { request } = signingInputs({ RELEASE_KEY: pem, FLOTILLA_KEY_PASSWORD: 'hunter2-password' });
    expect(request).toMatchObject({ kind: 'key', key: 'env://RELEASE_KEY' });
    const log = written.join('');
    expect(log).toContain('::add-mask::hunter2-password');
    expect(log).toContain('::add-mask::AAAAsecretline1');
    expect(log).toContain('::add-mask::BBBBsecretline2');
    // the whole key is masked as one value; its armour lines alone are not (they would mask every PEM in the log)
    expect(log).toContain('::add-mask::-----BEGIN ENCRYPTED PRIVATE KEY-----%0AAAAAsecretline1');
    expect(log.split(/\r?\n/)).not.toContain('::add-mask::-----BEGIN ENCRYPTED PRIVATE KEY-----');
  });

  it('a key file is passed as its path and nothing from the environment is masked for it', () => {
    process.env.INPUT_SIGNING = 'key';
    process.env['INPUT_KEY-FILE'] = 'keys/release.key';
    const { request } = signingInputs({ FLOTILLA_SIGNING_KEY: 'not-read' });
    expect(request).toMatchObject({ kind: 'key', key: 'keys/release.key' });
    expect(written.join('')).not.toContain('not-read');
  });

  it('an unknown mode names the input and the choices', () => {
    process.env.INPUT_SIGNING = 'cosign';
    expect(() => signingInputs({})).toThrow("input 'signing' must be keyless, key or none, got 'cosign'");
  });
});

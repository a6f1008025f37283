import { describe, expect, it } from 'vitest';
import { SIGSTORE_GITHUB, SIGSTORE_PUBLIC_GOOD, sigstoreEndpoints } from './signer.ts';

describe('sigstore instances', () => {
  it('public-good signs with Fulcio and Rekor; GitHub with its Fulcio and TSA, no log', () => {
    expect(SIGSTORE_PUBLIC_GOOD).toEqual({ fulcioURL: 'https://fulcio.sigstore.dev', rekorURL: 'https://rekor.sigstore.dev' });
    expect(SIGSTORE_GITHUB).toEqual({ fulcioURL: 'https://fulcio.githubapp.com', tsaURL: 'https://timestamp.githubapp.com' });
  });

  it('auto picks by repository visibility as actions/attest does', () => {
    expect(sigstoreEndpoints('auto', 'public')).toBe(SIGSTORE_PUBLIC_GOOD);
    expect(sigstoreEndpoints('auto', 'private')).toBe(SIGSTORE_GITHUB);
    expect(sigstoreEndpoints('auto', 'internal')).toBe(SIGSTORE_GITHUB);
    expect(sigstoreEndpoints('auto')).toBe(SIGSTORE_GITHUB);
    expect(sigstoreEndpoints('public-good', 'private')).toBe(SIGSTORE_PUBLIC_GOOD);
    expect(sigstoreEndpoints('github', 'public')).toBe(SIGSTORE_GITHUB);
  });
});

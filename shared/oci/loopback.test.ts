import { describe, expect, it } from 'vitest';
import { isLoopbackHost as policyLocal } from '../policy/glob.ts';
import { registryBaseUrl } from './remote/registry.ts';

describe('one definition of a loopback host, for the transport and the policy', () => {
  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['LOCALHOST:5000', true],
    ['LocalHost', true],
    ['127.0.0.1:41234', true],
    ['127.1.2.3', true],
    ['[::1]:5000', true],
    ['[::1]', true],
    ['reg.localhost', false],
    ['reg.localhost:5000', false],
    ['localhost.example.com', false],
    ['127.0.0.1.nip.io', false],
    ['127.example.com', false],
    ['ghcr.io', false],
    ['10.0.0.1:5000', false],
  ])('%s: loopback %s for both', (host, loopback) => {
    expect(policyLocal(host)).toBe(loopback);
    expect(registryBaseUrl(host).protocol).toBe(loopback ? 'http:' : 'https:');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, GlobSyntaxError, isLoopbackHost, matchesImport } from './glob.ts';

describe('path globs', () => {
  it.each([
    ['production-*', 'production-api', true],
    ['production-*', 'production-', true],
    ['production-*', 'staging-api', false],
    ['production-*', 'production-api/v2', false],
    ['company/ecommerce/*', 'company/ecommerce/user-service', true],
    ['company/ecommerce/*', 'company/ecommerce/team/user-service', false],
    ['company/ecommerce/**', 'company/ecommerce/team/user-service', true],
    ['company/**/user-service', 'company/ecommerce/team/user-service', true],
    ['**', 'a/b/c', true],
    ['*/user-service', 'ecommerce/user-service', true],
    ['user-servic?', 'user-service', true],
    ['user-servic?', 'user-servic/', false],
    ['svc-[abc]', 'svc-b', true],
    ['svc-[abc]', 'svc-d', false],
    ['svc-[a-c]', 'svc-b', true],
    ['svc-[!a-c]', 'svc-d', true],
    ['svc-[!a-c]', 'svc-b', false],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
    ['Cart', 'cart', false],
    ['wasi:sockets/*', 'wasi:sockets/tcp@0.2.0', true],
    ['wasi:sockets/*', 'wasi:filesystem/types@0.2.0', false],
    ['(x)+', '(x)+', true],
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(compileGlob(pattern, 'path').test(value)).toBe(expected);
  });
});

describe('host globs', () => {
  it.each([
    ['ghcr.io', 'ghcr.io', true],
    ['ghcr.io', 'GHCR.IO', true],
    ['ghcr.io', 'ghcr.io:443', false],
    ['ghcr.io', 'xghcr.io', false],
    ['*.azurecr.io', 'myreg.azurecr.io', true],
    ['*.azurecr.io', 'a.b.azurecr.io', true],
    ['*.azurecr.io', 'azurecr.io', false],
    ['*.azurecr.io', 'myreg.azurecr.io:5000', false],
    ['*.azurecr.io', 'evil.com/x.azurecr.io', false],
    ['*.dkr.ecr.us-west-2.amazonaws.com', '123456789012.dkr.ecr.us-west-2.amazonaws.com', true],
    ['*.dkr.ecr.us-west-2.amazonaws.com', '123456789012.dkr.ecr.us-east-1.amazonaws.com', false],
    ['localhost:5000', 'localhost:5000', true],
    ['localhost:5000', 'localhost:5001', false],
    ['localhost:5000', 'localhost', false],
    ['127.0.0.1:*', '127.0.0.1:41234', true],
    ['127.0.0.1:*', '127.0.0.1', false],
    ['127.0.0.1:*', '127.0.0.10:5000', false],
    ['localhost:50??', 'localhost:5001', true],
    ['[::1]:5000', '[::1]:5000', true],
    ['[::1]:*', '[::1]:9', true],
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(compileGlob(pattern, 'host').test(value)).toBe(expected);
  });
});

describe('bad globs', () => {
  it.each([
    ['', 'path', /empty pattern/],
    ['a[bc', 'path', /unclosed '\['/],
    ['a]', 'path', /unmatched '\]'/],
    ['a***', 'path', /'\*\*\*' is ambiguous/],
    ['a\\', 'path', /trailing backslash/],
    ['a b', 'path', /white space/],
    ['[]', 'path', /unclosed/],
    ['ghcr.io/acme', 'host', /a registry host has no '\/'/],
    ['**.azurecr.io', 'host', /'\*\*' is not allowed in a registry host/],
    ['localhost:http', 'host', /port 'http' must be digits/],
    [':5000', 'host', /missing host/],
    ['[zz]:5000', 'host', /IPv6/],
  ] as const)('%j (%s) fails: %s', (pattern, kind, message) => {
    expect(() => compileGlob(pattern, kind)).toThrow(GlobSyntaxError);
    expect(() => compileGlob(pattern, kind)).toThrow(message);
  });
});

describe('the local keyword and imports', () => {
  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['LOCALHOST:5000', true],
    ['127.0.0.1:41234', true],
    ['127.1.2.3', true],
    ['[::1]:5000', true],
    ['localhost.example.com', false],
    ['ghcr.io', false],
    ['10.0.0.1:5000', false],
  ])('%s is loopback: %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('matches a versionless capability glob against a versioned import', () => {
    expect(matchesImport(compileGlob('wasi:sockets/tcp'), 'wasi:sockets/tcp@0.2.0')).toBe(true);
    expect(matchesImport(compileGlob('wasi:sockets/tcp'), 'wasi:sockets/udp@0.2.0')).toBe(false);
    expect(matchesImport(compileGlob('wasi:sockets/tcp@0.2.1'), 'wasi:sockets/tcp@0.2.0')).toBe(false);
    expect(matchesImport(compileGlob('wasi:*/*'), 'wasi:http/types@0.2.0')).toBe(true);
    expect(matchesImport(compileGlob('wasi:*/*'), 'acme:payments/api')).toBe(false);
  });
});

describe('glob properties', () => {
  const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');
  const text = fc.string({
    unit: fc.constantFrom('a', 'b', '/', '.', '*', '?', '[', ']', '\\', ':', '@', '-', '^', '$', '(', '+'),
    maxLength: 12,
  });

  it('an escaped string matches itself and nothing else', () => {
    fc.assert(
      fc.property(
        text.filter((s) => s.length > 0),
        text,
        (s, other) => {
          const g = compileGlob(escapeGlob(s), 'path');
          expect(g.test(s)).toBe(true);
          expect(g.test(other)).toBe(other === s);
        },
      ),
    );
  });

  it("'*' never matches across '/', '**' matches anything", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(compileGlob('x*y', 'path').test(`x${s}y`)).toBe(!s.includes('/'));
        expect(compileGlob('x**y', 'path').test(`x${s}y`)).toBe(true);
      }),
    );
  });
});

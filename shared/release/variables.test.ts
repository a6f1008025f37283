// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the spec's own ${VAR} syntax
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerSecret } from '../auth/secrets.ts';
import { ConfigError } from '../config/yaml-source.ts';
import { LockError, writeLock } from './lock.ts';
import { type PlannedComponent, resolvePlan } from './plan.ts';
import { loadSpec } from './spec.ts';
import { folderWith, lines } from './test-fixtures.ts';

const SECRET = 'hunter2-registry-password';

function specWith(target: string, extra: string[] = []) {
  const dir = folderWith({
    'app.wac': '',
    'flotilla.yaml': lines(
      'name: shop',
      'package: acme:shop@1.0.0',
      'registries: ["corp|127.0.0.2:5799|oci|basic|EVIL_USER|EVIL_PASS", "github|ghcr.io|oci"]',
      'components: { a: ghcr.io/acme/a:v1 }',
      'composition: { wac: app.wac }',
      'environments:',
      '  ci:',
      '    rewrite:',
      `      "*": ${JSON.stringify(target)}`,
      ...extra,
    ),
  });
  return loadSpec(join(dir, 'flotilla.yaml'));
}

function failure(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const where = (c: PlannedComponent) => (c.source.kind === 'ref' ? c.source.text : c.source.path);

describe('${VAR} in rewrite targets', () => {
  const vars = { EVIL_USER: 'u', EVIL_PASS: SECRET, HOME: '/home/runner', FLOTILLA_CACHE: '127.0.0.1:5000/cache', PLAIN: 'p' };

  it('refuses a variable a registry entry reads credentials from, without showing its value', () => {
    for (const target of ['${EVIL_PASS}', '127.0.0.2:5799/${EVIL_PASS}']) {
      const err = failure(() => resolvePlan(specWith(target), 'ci', { vars }));
      expect(err.code).toBe('SPEC_VARIABLE_FORBIDDEN');
      expect(err.message).toContain("registry 'corp'");
      expect(err.message).toContain('flotilla.yaml:9:');
      expect(err.message).not.toContain(SECRET);
    }
  });

  it('refuses it even when the spec lists it, and refuses names that look like secrets', () => {
    expect(failure(() => resolvePlan(specWith('${EVIL_PASS}', ['variables: [EVIL_PASS]']), 'ci', { vars })).code).toBe(
      'SPEC_VARIABLE_FORBIDDEN',
    );
    for (const name of ['GITHUB_TOKEN', 'FLOTILLA_DEPLOY_TOKEN', 'NPM_AUTH', 'AWS_SECRET_ACCESS_KEY']) {
      const err = failure(() => resolvePlan(specWith(`\${${name}}`), 'ci', { vars: { ...vars, [name]: 'x.example' } }));
      expect(err.code).toBe('SPEC_VARIABLE_FORBIDDEN');
    }
  });

  it('expands only FLOTILLA_* and the variables the spec lists', () => {
    const err = failure(() => resolvePlan(specWith('${HOME}'), 'ci', { vars }));
    expect(err.code).toBe('SPEC_VARIABLE_NOT_ALLOWED');
    expect(err.message).toContain("'variables:'");
    expect(err.message).not.toContain('/home/runner');
    expect(where(resolvePlan(specWith('${FLOTILLA_CACHE}'), 'ci', { vars }).components[0] as PlannedComponent)).toBe(
      '127.0.0.1:5000/cache/acme/a:v1',
    );
    expect(where(resolvePlan(specWith('${PLAIN}.example', ['variables: [PLAIN]']), 'ci', { vars }).components[0] as PlannedComponent)).toBe(
      'p.example/acme/a:v1',
    );
  });

  it('refuses an allowed variable whose value holds a credential, without showing it', () => {
    const err = failure(() =>
      resolvePlan(specWith('127.0.0.2:5799/${FLOTILLA_PATH}'), 'ci', { vars: { ...vars, FLOTILLA_PATH: `x${SECRET}` } }),
    );
    expect(err.code).toBe('SPEC_VARIABLE_FORBIDDEN');
    expect(err.message).not.toContain(SECRET);
  });

  it('refuses an allowed variable whose value holds a registered secret (a credential read elsewhere)', () => {
    const secret = `registered-${Math.random().toString(36).slice(2)}`;
    registerSecret(secret);
    const err = failure(() => resolvePlan(specWith('${FLOTILLA_HOST}'), 'ci', { vars: { ...vars, FLOTILLA_HOST: `${secret}.example` } }));
    expect(err.code).toBe('SPEC_VARIABLE_FORBIDDEN');
    expect(err.message).not.toContain(secret);
  });

  it('never writes a lock that holds a registered secret', () => {
    const secret = `lock-secret-${Math.random().toString(36).slice(2)}`;
    registerSecret(secret);
    const file = join(folderWith({}), 'flotilla.lock.json');
    let err: unknown;
    try {
      writeLock(file, { lockVersion: 1, spec: `shop-${secret}`, package: 'acme:shop@1.0.0', components: [] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LockError);
    expect((err as LockError).code).toBe('LOCK_HOLDS_SECRET');
    expect((err as Error).message).not.toContain(secret);
    expect(existsSync(file)).toBe(false);
  });
});

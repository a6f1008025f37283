import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/yaml-source.ts';
import { findRegistryEntry, matchHost } from './host-match.ts';
import { parseRegistryConfig, registryConfigFromEnvValue } from './load.ts';
import { registryEntryFor } from './open.ts';
import { parseRegistryString } from './seed-string.ts';

const at = { file: 'flotilla.yaml', line: 3, column: 7 };

describe('seed registry strings', () => {
  it.each([
    ['local|localhost:5000|oci', { name: 'local', host: 'localhost:5000', auth: { type: 'default' } }],
    ['github|ghcr.io|oci|env|GITHUB_TOKEN', { name: 'github', host: 'ghcr.io', auth: { type: 'env', tokenEnv: 'GITHUB_TOKEN' } }],
    ['docker|docker.io|oci|env|DOCKER_TOKEN', { name: 'docker', host: 'docker.io', auth: { type: 'env', tokenEnv: 'DOCKER_TOKEN' } }],
    [
      'aws|*.dkr.ecr.us-west-2.amazonaws.com|oci|oauth|...',
      { name: 'aws', host: '*.dkr.ecr.us-west-2.amazonaws.com', auth: { type: 'oauth' } },
    ],
    ['azure|*.azurecr.io|oci|basic|...', { name: 'azure', host: '*.azurecr.io', auth: { type: 'basic' } }],
    ['google|us-central1-docker.pkg.dev|oci|oauth|...', { name: 'google', host: 'us-central1-docker.pkg.dev', auth: { type: 'oauth' } }],
  ])('accepts %s verbatim', (text, expected) => {
    const e = parseRegistryString(text, at);
    expect(e).toMatchObject({ ...expected, protocol: 'oci', insecure: false, source: 'flotilla.yaml:3:7' });
  });

  it('reads the explicit forms of auth data', () => {
    expect(parseRegistryString('a|r.example.com|oci|basic|U|P', at).auth).toEqual({ type: 'basic', usernameEnv: 'U', passwordEnv: 'P' });
    expect(parseRegistryString('a|r.example.com|oci|oauth|RT|cli', at).auth).toEqual({
      type: 'oauth',
      refreshTokenEnv: 'RT',
      clientId: 'cli',
    });
    expect(parseRegistryString('a|r.example.com|oci|bearer|TOK', at).auth).toEqual({ type: 'bearer', tokenEnv: 'TOK' });
    expect(parseRegistryString('a|r.example.com|oci|env|TOK|USER', at).auth).toEqual({ type: 'env', tokenEnv: 'TOK', usernameEnv: 'USER' });
    expect(parseRegistryString('a|r.example.com|oci|docker-config|/x/config.json', at).auth).toEqual({
      type: 'docker-config',
      configPath: '/x/config.json',
    });
    expect(parseRegistryString('a|r.example.com|oci+http|anonymous', at)).toMatchObject({ insecure: true, auth: { type: 'anonymous' } });
  });

  it.each([
    ['github|ghcr.io', 'registry', 7, 'at least 3 fields'],
    ['git hub|ghcr.io|oci', 'name', 7, 'is not a name'],
    ['github|ghcr io|oci', 'host', 14, "'ghcr io' is not host[:port]"],
    ['github|ghcr.io|docker', 'protocol', 22, "'docker' is not a protocol: expected 'oci'"],
    ['github|ghcr.io|oci|token|X', 'auth-type', 26, "'token' is not one of"],
    ['github|ghcr.io|oci|env|not-a-var', 'auth-data', 30, 'environment variable'],
    ['github|ghcr.io|oci|basic|ONLY', 'auth-data', 32, 'USER_VAR|PASS_VAR'],
  ])('refuses %s naming the entry, the field %s and what was expected', (text, field, column, expected) => {
    let err: unknown;
    try {
      parseRegistryString(text, at);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const c = err as ConfigError;
    expect(c.field).toBe(field);
    expect(c.position.column).toBe(column);
    expect(c.message).toContain(`'${text}'`);
    expect(c.message).toContain(expected);
    expect(c.message.startsWith(`flotilla.yaml:3:${column}: ${field}:`)).toBe(true);
  });
});

describe('wildcard hosts', () => {
  it('matches one DNS label for *', () => {
    expect(matchHost('*.azurecr.io', 'myreg.azurecr.io')).toBe(true);
    expect(matchHost('*.azurecr.io', 'MyReg.AzureCR.io')).toBe(true);
    expect(matchHost('*.azurecr.io', 'azurecr.io')).toBe(false);
    expect(matchHost('*.azurecr.io', 'a.b.azurecr.io')).toBe(false);
    expect(matchHost('*.azurecr.io', 'evilazurecr.io')).toBe(false);
    expect(matchHost('*.dkr.ecr.us-west-2.amazonaws.com', '123456789012.dkr.ecr.us-west-2.amazonaws.com')).toBe(true);
    expect(matchHost('*.dkr.ecr.us-west-2.amazonaws.com', '123456789012.dkr.ecr.us-east-1.amazonaws.com')).toBe(false);
    expect(matchHost('localhost:5000', 'localhost:5000')).toBe(true);
    expect(matchHost('localhost:5000', 'localhost:5001')).toBe(false);
    expect(matchHost('*.example.com:8443', 'r.example.com:8443')).toBe(true);
    expect(matchHost('*.example.com:8443', 'r.example.com')).toBe(false);
  });

  it('prefers an exact host, then the longest wildcard', () => {
    const config = registryConfigFromEnvValue('wide|*.example.com|oci;narrow|*.eu.example.com|oci,exact|a.eu.example.com|oci');
    expect(findRegistryEntry(config, 'a.eu.example.com')?.name).toBe('exact');
    expect(findRegistryEntry(config, 'b.eu.example.com')?.name).toBe('narrow');
    expect(findRegistryEntry(config, 'eu.example.com')?.name).toBe('wide');
    expect(findRegistryEntry(config, 'other.org')).toBeUndefined();
    expect(registryEntryFor(config, 'other.org')).toMatchObject({ host: 'other.org', auth: { type: 'default' }, source: 'default' });
  });
});

describe('registry configuration files', () => {
  it('reads YAML entries and seed strings side by side', () => {
    const config = parseRegistryConfig(
      'registries.yaml',
      [
        'registries:',
        '  - name: local',
        '    host: localhost:5000',
        '  - name: corp',
        '    host: registry.corp.example',
        '    insecure: true',
        '    auth: { type: basic, usernameEnv: CORP_USER, passwordEnv: CORP_PASS }',
        '  - "github|ghcr.io|oci|env|GITHUB_TOKEN"',
        '',
      ].join('\n'),
    );
    expect(config.entries.map((e) => [e.name, e.host, e.insecure, e.auth.type])).toEqual([
      ['local', 'localhost:5000', false, 'default'],
      ['corp', 'registry.corp.example', true, 'basic'],
      ['github', 'ghcr.io', false, 'env'],
    ]);
    expect(config.entries[1]?.source).toBe('registries.yaml:4:5');
  });

  it('points at the entry and field of a mistake', () => {
    const bad = (text: string) => {
      try {
        parseRegistryConfig('r.yaml', text);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('accepted');
    };
    const e1 = bad('registries:\n  - name: x\n    host: a.io\n    auth: { type: magic }\n');
    expect(e1.message).toMatch(/^r\.yaml:4:\d+: registries\[0\]\.auth\.type: must be one of/);
    const e2 = bad('registries:\n  - name: x\n    host: a.io\n    insecur: true\n');
    expect(e2.message).toBe("r.yaml:4:5: registries[0].insecur: unknown field 'insecur' (did you mean 'insecure'?)");
    const e2b = bad('registries:\n  - name: x\n    hots: a.io\n');
    // a misspelled required key: did you mean, on the key's line
    expect(e2b.message).toBe("r.yaml:3:5: registries[0].hots: missing required field 'host': 'hots' is not a field; did you mean 'host'?");
    const e3 = bad('registries:\n  - name: x\n    host: a.io\n    auth: { type: bearer }\n');
    expect(e3.message).toMatch(/^r\.yaml:4:\d+: registries\[0\]\.auth: auth type 'bearer' needs 'tokenEnv'/);
    const e4 = bad("registries:\n  - 'github|ghcr.io|ocx'\n");
    expect(e4.message).toMatch(/^r\.yaml:2:21: protocol: in registry entry 'github\|ghcr\.io\|ocx'/);
    const e5 = bad('registries:\n  - local|localhost:5000|oci\n  - local|localhost:5001|oci\n');
    expect(e5.message).toMatch(/^r\.yaml:3:5: registries\[1\]: registry name 'local' is already used/);
  });

  it('reads FLOTILLA_REGISTRIES with positions in the variable', () => {
    const c = registryConfigFromEnvValue('local|localhost:5000|oci\ngithub|ghcr.io|oci|env|GITHUB_TOKEN');
    expect(c.entries.map((e) => e.name)).toEqual(['local', 'github']);
    expect(() => registryConfigFromEnvValue('local|localhost:5000|oci; bad|x|oci|nope')).toThrow(/^FLOTILLA_REGISTRIES:1:37: auth-type:/);
  });
});

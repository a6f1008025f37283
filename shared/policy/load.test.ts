import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError } from '../config/yaml-source.ts';
import { spkiSha256 } from './keys.ts';
import { loadPolicy, parsePolicy, policySchema } from './load.ts';

const keyPair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pubPem = keyPair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const privPem = keyPair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-load-'));
  mkdirSync(join(dir, 'keys'));
  writeFileSync(join(dir, 'keys', 'prod.pub'), pubPem);
  writeFileSync(join(dir, 'keys', 'prod.key'), privPem);
  writeFileSync(join(dir, 'keys', 'garbage.pub'), '-----BEGIN PUBLIC KEY-----\nAAAAnotakey\n-----END PUBLIC KEY-----\n');
  writeFileSync(join(dir, 'keys', 'text.pub'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI me@host\n');
});

const file = () => join(dir, 'policy.yaml');
const AUTH = 'authorities:\n  production_signing_keys:\n    key: keys/prod.pub\n';

function errorOf(text: string): ConfigError {
  try {
    parsePolicy(file(), text);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const indent = (pem: string, n: number) =>
  pem
    .trim()
    .split('\n')
    .map((l) => `${' '.repeat(n)}${l}`)
    .join('\n');

describe('policy loader', () => {
  it('accepts the seed strings verbatim, with default_signing_required', () => {
    const p = parsePolicy(
      file(),
      `default_signing_required: true
${AUTH}registries:
  - ghcr.io|required|production_signing_keys
  - docker.io|required|production_signing_keys
  - local|optional
components:
  - production-*|required|production_signing_keys
  - staging-*|required|production_signing_keys
  - dev-*|optional
`,
    );
    expect(p.mode).toBe('enforce');
    expect(p.registries.map((r) => [r.label, r.signing, r.authorities])).toEqual([
      ['registries[0] `ghcr.io|required|production_signing_keys`', 'required', ['production_signing_keys']],
      ['registries[1] `docker.io|required|production_signing_keys`', 'required', ['production_signing_keys']],
      ['registries[2] `local|optional`', 'optional', []],
    ]);
    expect(p.registries[2]?.match).toBe('local');
    expect(p.components.map((r) => r.signing)).toEqual(['required', 'required', 'optional']);
    expect(p.components[0]?.position).toEqual({ file: file(), line: 10, column: 5 });
    expect(p.default?.signing).toBe('required');
    const auth = p.authorities.get('production_signing_keys');
    expect(auth?.kind === 'key' && auth.keys[0]?.spkiSha256).toBe(spkiSha256(pubPem));
  });

  it('reads inline PEM, lists of keys, keyless and static authorities', () => {
    const p = parsePolicy(
      file(),
      `authorities:
  inline:
    key: |
${indent(pubPem, 6)}
  rotated:
    key: [keys/prod.pub, keys/prod.pub]
  ci:
    keyless:
      issuer: https://token.actions.githubusercontent.com
      subject: https://github.com/acme/shop/.github/workflows/release.yml@refs/tags/v1
  open:
    static: pass
`,
    );
    expect([...p.authorities.values()].map((a) => a.kind)).toEqual(['key', 'key', 'keyless', 'static']);
    const inline = p.authorities.get('inline');
    expect(inline?.kind === 'key' && inline.keys[0]?.source).toBe('inline');
    const rotated = p.authorities.get('rotated');
    expect(rotated?.kind === 'key' && rotated.keys.length).toBe(2);
  });

  it('loads the e-commerce example policy', () => {
    const p = loadPolicy(join(import.meta.dirname, '../../examples/ecommerce/policy.yaml'));
    expect(p.registries.length).toBeGreaterThanOrEqual(5);
    expect([...p.environments.keys()]).toEqual(['development', 'staging', 'production']);
    const payment = p.components.find((r) => r.label.includes('payment-processor'));
    expect(payment?.capabilities?.deny.map((g) => g.pattern)).toContain('wasi:sockets/*');
  });

  it('publishes a schema that a strict validator compiles and the example satisfies', () => {
    // patternErrorMessage: the words editors (VS Code's JSON support) and Flotilla show for a pattern
    const validate = new Ajv({ strict: true, allowUnionTypes: true, keywords: ['patternErrorMessage'] }).compile(policySchema);
    const example = parse(readFileSync(join(import.meta.dirname, '../../examples/ecommerce/policy.yaml'), 'utf8'));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, registry_policies: [] })).toBe(false);
  });

  type Bad = { title: string; text: string; line: number; says: RegExp; code: string };
  const bad: Bad[] = [
    {
      title: 'unknown field in a rule',
      text: `registries:\n  - match: ghcr.io\n    signin: required\n`,
      line: 3,
      says: /registries\[0\]\.signin: unknown field 'signin'/,
      code: 'CONFIG_SCHEMA',
    },
    {
      title: 'unknown top-level field',
      text: `mode: enforce\nregistry_policies: []\n`,
      line: 2,
      says: /unknown field 'registry_policies'/,
      code: 'CONFIG_SCHEMA',
    },
    {
      title: 'bad mode',
      text: `mode: block\n`,
      line: 1,
      says: /mode: must be one of "enforce", "warn"/,
      code: 'CONFIG_SCHEMA',
    },
    {
      title: 'bad glob in a seed string',
      text: `${AUTH}components:\n  - dev-*|optional\n  - "prod-[abc|optional"\n`,
      line: 6,
      says: /components\[1\]: bad glob 'prod-\[abc': unclosed '\['/,
      code: 'POLICY_BAD_GLOB',
    },
    {
      title: 'bad glob in a match',
      text: `components:\n  - match: "a/***"\n`,
      line: 2,
      says: /components\[0\]\.match: bad glob 'a\/\*\*\*'/,
      code: 'POLICY_BAD_GLOB',
    },
    {
      title: 'a registry glob with a path',
      text: `registries:\n  - ghcr.io/acme|optional\n`,
      line: 2,
      says: /a registry host has no '\/'/,
      code: 'POLICY_BAD_GLOB',
    },
    {
      title: 'a registry glob with a bad port',
      text: `registries:\n  - localhost:http|optional\n`,
      line: 2,
      says: /port 'http' must be digits/,
      code: 'POLICY_BAD_GLOB',
    },
    {
      title: 'bad capability glob',
      text: `capabilities:\n  deny:\n    - "wasi:sockets/*"\n    - "wasi:[x"\n`,
      line: 4,
      says: /capabilities\.deny\[1\]: bad glob/,
      code: 'POLICY_BAD_GLOB',
    },
    {
      title: 'bad regular expression',
      text: `authorities:\n  ci:\n    keyless:\n      issuer: https://token.actions.githubusercontent.com\n      subject-regexp: "https://github.com/(acme"\n`,
      line: 5,
      says: /authorities\.ci\.keyless\.subject-regexp: bad regular expression/,
      code: 'POLICY_BAD_REGEX',
    },
    {
      title: 'keyless without a subject',
      text: `authorities:\n  ci:\n    keyless:\n      issuer: https://token.actions.githubusercontent.com\n`,
      line: 4,
      says: /give exactly one of 'subject' \(exact\) or 'subject-regexp'/,
      code: 'POLICY_BAD_AUTHORITY',
    },
    {
      title: 'unknown authority name in a seed string',
      text: `${AUTH}registries:\n  - ghcr.io|required|production_signing_keys\n  - docker.io|required|prod_keys\n`,
      line: 6,
      says: /registries\[1\]: unknown authority 'prod_keys': declare it under 'authorities:' \(declared: production_signing_keys\)/,
      code: 'POLICY_UNKNOWN_AUTHORITY',
    },
    {
      title: 'unknown authority name in a rule list',
      text: `${AUTH}components:\n  - match: cart\n    authorities:\n      - production_signing_keys\n      - release\n`,
      line: 8,
      says: /components\[0\]\.authorities\[1\]: unknown authority 'release'/,
      code: 'POLICY_UNKNOWN_AUTHORITY',
    },
    {
      title: 'unknown authority name in an environment',
      text: `environments:\n  production:\n    signing: required\n    authorities: [nobody]\n`,
      line: 4,
      says: /environments\.production\.authorities\[0\]: unknown authority 'nobody': .*\(none declared\)/,
      code: 'POLICY_UNKNOWN_AUTHORITY',
    },
    {
      title: 'unreadable key file',
      text: `authorities:\n  prod:\n    key: keys/missing.pub\n`,
      line: 3,
      says: /authorities\.prod\.key: cannot read key file 'keys\/missing\.pub' .*no such file/,
      code: 'POLICY_KEY_UNREADABLE',
    },
    {
      title: 'malformed PEM in a key file',
      text: `authorities:\n  prod:\n    key:\n      - keys/prod.pub\n      - keys/garbage.pub\n`,
      line: 5,
      says: /authorities\.prod\.key\[1\]: key file 'keys\/garbage\.pub' is not a PEM public key/,
      code: 'POLICY_BAD_PEM',
    },
    {
      title: 'a key file that is not PEM at all',
      text: `authorities:\n  prod:\n    key: keys/text.pub\n`,
      line: 3,
      says: /not a PEM public key: not PEM/,
      code: 'POLICY_BAD_PEM',
    },
    {
      title: 'malformed inline PEM',
      text: `authorities:\n  prod:\n    key: |\n      -----BEGIN PUBLIC KEY-----\n      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n      -----END PUBLIC KEY-----\n`,
      line: 3,
      says: /inline key is not a PEM public key/,
      code: 'POLICY_BAD_PEM',
    },
    {
      title: 'a private key where the public key belongs',
      text: `authorities:\n  prod:\n    key: keys/prod.key\n`,
      line: 3,
      says: /this is a private key/,
      code: 'POLICY_BAD_PEM',
    },
    {
      title: 'an authority of two kinds',
      text: `authorities:\n  prod:\n    key: keys/prod.pub\n    static: pass\n`,
      line: 3,
      says: /an authority is one kind: found 'key' and 'static'/,
      code: 'POLICY_BAD_AUTHORITY',
    },
    {
      title: 'a seed string with an unknown signing word',
      text: `registries:\n  - ghcr.io|mandatory|production_signing_keys\n`,
      line: 2,
      says: /is not a rule: write 'pattern\|required\|authority\[,authority\]'/,
      code: 'POLICY_BAD_RULE',
    },
    {
      title: 'default_signing_required contradicting default.signing',
      text: `default:\n  signing: optional\ndefault_signing_required: true\n`,
      line: 3,
      says: /default_signing_required: contradicts default.signing 'optional'/,
      code: 'POLICY_BAD_RULE',
    },
    {
      title: 'an environment relaxing signing while naming authorities',
      text: `${AUTH}environments:\n  development:\n    signing: optional\n    authorities: [production_signing_keys]\n`,
      line: 7,
      says: /environments\.development\.authorities: lists authorities while 'signing: optional'/,
      code: 'POLICY_BAD_RULE',
    },
    {
      title: 'unknown field in an environment',
      text: `environments:\n  production:\n    signing: required\n    requires-digest: true\n`,
      line: 4,
      says: /environments\.production\.requires-digest: unknown field/,
      code: 'CONFIG_SCHEMA',
    },
  ];

  it.each(bad)('rejects $title, naming the line', (c) => {
    const err = errorOf(c.text);
    expect(err.code).toBe(c.code);
    expect(err.position.line).toBe(c.line);
    expect(err.message).toMatch(new RegExp(`^${file().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${c.line}:\\d+: `));
    expect(err.message).toMatch(c.says);
  });

  it('names a policy file that cannot be read', () => {
    expect(() => loadPolicy(join(dir, 'nope.yaml'))).toThrow(/nope\.yaml:1:1: cannot read: file not found/);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { signingKey } from '../../verify/test-fixtures.ts';
import { runCli } from '../main.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flotilla-verify-cli-'));
  writeFileSync(join(dir, 'prod.pub'), signingKey('prod').publicKeyPem);
  writeFileSync(
    join(dir, 'prod.key'),
    '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n',
  );
  writeFileSync(
    join(dir, 'ok.yaml'),
    [
      'authorities:',
      '  prod:',
      '    key: prod.pub',
      'registries:',
      '  - local|required|prod',
      'environments:',
      '  production: {}',
      '',
    ].join('\n'),
  );
});

async function verify(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  // the ref points at a port nothing listens on: each case must fail before any fetch
  const code = await runCli(['verify', ...args], { stdout, stderr, cwd: dir, env: { FLOTILLA_CACHE: join(dir, 'cache') } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const REF = '127.0.0.1:9/shop/cart:1.0.0';

describe('flotilla verify: usage errors exit 2', () => {
  it.each([
    [[], 'give exactly one of <ref>, --lock <file> or --spec <file> (got none)'],
    [[REF, '--lock', 'l.json', '--policy', 'ok.yaml'], 'give exactly one of <ref>, --lock <file> or --spec <file> (got 2)'],
    [[REF], '--policy <file> or --key <file.pub> is required'],
    [
      [REF, '--policy', 'ok.yaml', '--key', 'prod.pub'],
      'give --policy <file> or --key <file.pub>, not both (--key stands for a policy of one rule)',
    ],
    [[REF, '--key', 'nothere.pub'], `--key nothere.pub: cannot read ${'DIR'}/nothere.pub: no such file`],
    [
      [REF, '--key', 'prod.key'],
      '--key prod.key: not a PEM public key: this is a private key: an authority names the public key (the .pub file)',
    ],
  ])('%j', async (args, message) => {
    const run = await verify(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`flotilla verify: ${message.replace('DIR', dir)}\n`);
    expect(run.stdout).toBe('');
  });

  it('an environment the policy does not define fails before any fetch, listing the defined ones', async () => {
    const run = await verify(REF, '--policy', 'ok.yaml', '--env', 'prod');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[POLICY_UNKNOWN_ENVIRONMENT]: ');
    expect(run.stderr).toContain("environment 'prod' is not defined under 'environments:' (defined: production)");
  });

  it('a --trusted-root that is not a sigstore trusted root fails naming the file', async () => {
    writeFileSync(join(dir, 'root.json'), '{"tlogs": []}');
    const run = await verify(REF, '--policy', 'ok.yaml', '--trusted-root', 'root.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[TRUSTED_ROOT_INVALID]');
    expect(run.stderr).toContain(`${join(dir, 'root.json')} is not a sigstore trusted root`);
  });
});

describe('flotilla verify: a bad policy exits 2 with the file and line', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'an unknown field',
      ['authorities:', '  prod:', '    key: prod.pub', 'registries:', '  - match: ghcr.io', '    sigining: required'],
      /bad\.yaml:6:\d+: .*sigining/,
    ],
    ['a bad glob', ['registries:', '  - match: "ghcr.io/[abc"', '    signing: optional'], /bad\.yaml:2:\d+: .*registries\[0\]/],
    [
      'an unknown authority name',
      ['authorities:', '  prod:', '    key: prod.pub', 'registries:', '  - ghcr.io|required|prod_keys'],
      /bad\.yaml:5:\d+: .*unknown authority 'prod_keys'/,
    ],
    [
      'an unreadable key',
      ['authorities:', '  prod:', '    key: missing.pub', 'registries:', '  - ghcr.io|required|prod'],
      /bad\.yaml:3:\d+: .*missing\.pub/,
    ],
    ['a private key named as an authority key', ['authorities:', '  prod:', '    key: prod.key'], /bad\.yaml:3:\d+: .*private key/],
  ];
  it.each(cases)('%s', async (_what, lines, message) => {
    writeFileSync(join(dir, 'bad.yaml'), `${lines.join('\n')}\n`);
    const run = await verify(REF, '--policy', 'bad.yaml');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain(join(dir, 'bad.yaml'));
  });
});

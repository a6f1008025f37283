// `flotilla verify --key <file.pub> <ref>`: cosign's quick check, the same
// engine as a policy (a one-rule policy built from the flag), against a real
// registry with real signatures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, startRegistry } from '../../../test/harness/registry.ts';
import { generateKeyPair, parsePrivateKey } from '../../sign/keys.ts';
import { keyPairSigner } from '../../sign/signer.ts';
import { componentImporting, type PushedComponent, pushComponent } from '../../verify/test-fixtures.ts';
import { runCli } from '../main.ts';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

let registry: Registry;
let dir: string;
let signed: PushedComponent;
let other: PushedComponent;
let unsigned: PushedComponent;

beforeAll(async () => {
  registry = await startRegistry();
  dir = mkdtempSync(join(tmpdir(), 'flotilla-verify-key-'));
  const release = generateKeyPair({ unencrypted: true });
  const rogue = generateKeyPair({ unencrypted: true });
  writeFileSync(join(dir, 'release.pub'), release.publicKeyPem);
  writeFileSync(join(dir, 'old.pub'), generateKeyPair({ unencrypted: true }).publicKeyPem);
  const wasm = await componentImporting(['wasi:cli/environment@0.2.0'], 1);
  signed = await pushComponent(registry.host, 'shop/cart', wasm, {
    signer: keyPairSigner(parsePrivateKey(release.privateKeyPem, 'release')),
  });
  other = await pushComponent(registry.host, 'shop/rogue', wasm, { signer: keyPairSigner(parsePrivateKey(rogue.privateKeyPem, 'rogue')) });
  unsigned = await pushComponent(registry.host, 'shop/unsigned', wasm);
}, 60_000);
afterAll(async () => {
  await registry?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function verify(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(['verify', ...args], { stdout, stderr, cwd: dir, env: { FLOTILLA_CACHE: join(dir, 'cache') } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('flotilla verify --key', () => {
  it('passes a ref signed by the key (exit 0), naming the key as the signer', async () => {
    const r = await verify('--key', 'release.pub', signed.ref);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`verify ref ${signed.ref} against --key release.pub (mode enforce): PASS`);
    expect(r.stdout).toMatch(/signers: key sha256:[0-9a-f]{12} \[--key\]/);
    expect(r.stdout).toMatch(/ok {3}signing required by --key release\.pub: signed by --key \(key sha256:[0-9a-f]{12}\)/);
  });

  it('any of several keys (rotation): --key old.pub --key release.pub', async () => {
    const r = await verify('--key', 'old.pub', '--key', 'release.pub', signed.ref);
    expect(r.code, r.stdout).toBe(0);
  });

  it('fails (exit 1) a ref signed by another key, saying whose signature it carries, and an unsigned one', async () => {
    const rogue = await verify('--key', 'release.pub', other.ref);
    expect(rogue.code).toBe(1);
    expect(rogue.stdout).toContain('FAIL shop/rogue');
    expect(rogue.stdout).toContain('no signature by an authority of --key');
    const none = await verify('--key', 'release.pub', unsigned.ref, '--json');
    expect(none.code).toBe(1);
    const report = JSON.parse(none.stdout) as { verdict: string; components: { violations: string[] }[] };
    expect(report.verdict).toBe('fail');
    expect(report.components[0]?.violations).toEqual([
      'signing required by --key release.pub: no signature by an authority of --key (the component has no signature)',
    ]);
  });
});

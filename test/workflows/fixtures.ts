/**
 * What the workflow tests share: "Flotilla" as a repository at a tag (its
 * reusable workflows and its actions' bundles, copied from this checkout),
 * the example service repository with its built components, and the other
 * teams' services released to the registry harness.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse } from '@bytecodealliance/jco';
import { runCli } from '../../shared/cli/main.ts';
import { generateKeyPair } from '../../shared/sign/keys.ts';
import { componentWat } from '../harness/wasm-fixtures.ts';
import { type MadeRepository, makeRepository } from '../harness/workflow-runner/index.ts';

export const root = join(import.meta.dirname, '..', '..');
const INSTANTIATION = join(root, 'shared', 'wac', 'testdata', 'instantiation');

/** Flotilla's workflows and actions (action.yml and dist/) at a commit tagged v1. */
export function flotillaRepository(): MadeRepository {
  const staged = mkdtempSync(join(tmpdir(), 'flotilla-self-'));
  cpSync(join(root, '.github', 'workflows'), join(staged, '.github', 'workflows'), { recursive: true });
  for (const name of readdirSync(join(root, 'actions'))) {
    if (!existsSync(join(root, 'actions', name, 'action.yml'))) continue;
    cpSync(join(root, 'actions', name, 'action.yml'), join(staged, 'actions', name, 'action.yml'));
    cpSync(join(root, 'actions', name, 'dist'), join(staged, 'actions', name, 'dist'), { recursive: true });
  }
  const repo = makeRepository({ copy: { [staged]: '.' } });
  rmSync(staged, { recursive: true, force: true });
  repo.tag('v1');
  return repo;
}

export interface ServiceComponents {
  cart: Uint8Array;
  catalog: Uint8Array;
  payments: Uint8Array;
}

/** Real components: the cart socket doubles what the catalog adds (WAT parsed by jco). */
export async function serviceComponents(): Promise<ServiceComponents> {
  return {
    cart: await parse(readFileSync(join(INSTANTIATION, 'example_doubler.wat'), 'utf8')),
    catalog: await parse(readFileSync(join(INSTANTIATION, 'example_adder.wat'), 'utf8')),
    payments: await parse(componentWat('pay', 1)),
  };
}

/** examples/service-repo as a git repository, with its build output and the test's release key, tagged v1.0.0. */
export function serviceRepository(components: ServiceComponents, publicKeyPem: string, trustedRoot: unknown): MadeRepository {
  const repo = makeRepository({
    copy: { [join(root, 'examples', 'service-repo')]: '.' },
    files: {
      'keys/release.pub': publicKeyPem,
      'build/cart.wasm': components.cart,
      'build/payments-mock.wasm': components.payments,
      // the sigstore stand-ins' root (vars.TRUSTED_ROOT), in place of the public-good one
      'sigstore/trusted_root.json': JSON.stringify(trustedRoot),
    },
  });
  repo.tag('v1.0.0');
  return repo;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

export async function flotilla(cwd: string, env: Record<string, string>, ...args: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, cwd, env: { PATH: process.env.PATH ?? '', ...env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const KEY_PASSWORD = 'release key password';
export const releaseKey = () => generateKeyPair({ password: KEY_PASSWORD });

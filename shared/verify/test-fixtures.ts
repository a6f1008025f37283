import { parse } from '@bytecodealliance/jco';
import { buildWasmArtifact, pushWasmArtifact } from '../artifact/wasm-artifact.ts';
import type { Digest } from '../oci/digest.ts';
import type { ContentStore } from '../oci/store.ts';
import type { Descriptor } from '../oci/types.ts';
import { RegistryClients } from '../registry-config/open.ts';
import type { ResolvedComponent } from '../release/lock.ts';
import { signArtifact } from '../sign/attach.ts';
import { generateKeyPair, parsePrivateKey, type SigningKey } from '../sign/keys.ts';
import type { StatementSigner } from '../sign/signer.ts';

/** A real component (WAT parsed by jco) importing the given instances and exporting `get` (returning `value`). */
export async function componentImporting(imports: readonly string[], value: number): Promise<Uint8Array> {
  return parse(`(component
    ${imports.map((i) => `(import "${i}" (instance))`).join('\n    ')}
    (core module $m (func (export "f") (result i32) i32.const ${value}))
    (core instance $i (instantiate $m))
    (func $f (result u32) (canon lift (core func $i "f")))
    (export "get" (func $f))
  )`);
}

/** A fresh unencrypted ECDSA P-256 signing key. */
export function signingKey(name: string): SigningKey {
  return parsePrivateKey(generateKeyPair({ unencrypted: true }).privateKeyPem, name);
}

export interface PushedComponent {
  ref: string;
  descriptor: Descriptor;
  digest: Digest;
  /** What compose would have resolved, for buildLock. */
  resolved: (name: string) => ResolvedComponent;
}

/** Pushes a component as a Wasm artifact to `<host>/<repo>:<tag>`, and signs it when a signer is given. */
export async function pushComponent(
  host: string,
  repo: string,
  wasm: Uint8Array,
  opts: { signer?: StatementSigner; tag?: string; open?: (repository: string) => ContentStore } = {},
): Promise<PushedComponent> {
  const tag = opts.tag ?? '1.0.0';
  const store = (opts.open ?? ((r: string) => new RegistryClients().repository(r)))(`${host}/${repo}`);
  const artifact = buildWasmArtifact({ wasm, created: '2026-11-25T00:00:00Z', title: `${repo.split('/').pop()}.wasm` });
  const descriptor = await pushWasmArtifact(store, artifact, tag);
  if (opts.signer) await signArtifact(store, descriptor, `${host}/${repo}`, opts.signer);
  return {
    ref: `${host}/${repo}:${tag}`,
    descriptor,
    digest: descriptor.digest as Digest,
    resolved: (name) => ({
      name,
      digest: descriptor.digest as Digest,
      size: descriptor.size,
      mediaType: descriptor.mediaType,
      layer: { digest: artifact.layer.digest as Digest, size: artifact.layer.size, mediaType: artifact.layer.mediaType },
      imports: artifact.description.imports,
      exports: artifact.description.exports,
    }),
  };
}

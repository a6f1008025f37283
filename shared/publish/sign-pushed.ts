import { join, resolve } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { UsageError } from '../errors.ts';
import { writeFileAtomically } from '../fs/atomic-write.ts';
import type { Digest } from '../oci/digest.ts';
import { formatReference, parseReference, type RegistryReference } from '../oci/reference.ts';
import type { Descriptor } from '../oci/types.ts';
import { resolveRegistryConfig } from '../registry-config/load.ts';
import { Stores } from '../registry-config/stores.ts';
import type { RegistryConfig } from '../registry-config/types.ts';
import { attachBundle } from '../sign/attach.ts';
import { compositionStatement, signStatement } from '../sign/statement.ts';
import { compositionFromLock } from './publish.ts';
import { prepareSigner, type SigningRequest, signedBy } from './signing.ts';

/** `flotilla sign <ref>`: signs a manifest already in a registry and attaches the bundle as its referrer. */
export interface SignPushedOptions {
  ref: string;
  signing: Exclude<SigningRequest, { kind: 'none' }>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  registries?: string;
  config?: RegistryConfig;
  /** The stores of the command; their configuration then wins over `config` and `registries`. */
  stores?: Stores;
  /** Where the bundle JSON is written (default `<cwd>/<repository basename>.sigstore.json`). */
  bundle?: string;
  /** Lock of the composition that produced the artifact: also attach the composition attestation of its inputs. */
  lock?: string;
  now?: () => Date;
}

export interface SignPushedResult {
  /** `host/repo@digest` */
  ref: string;
  descriptor: Descriptor;
  digest: Digest;
  signedBy: string;
  signatureReferrer: Digest;
  bundle: string;
  /** With a lock: the attestation's referrer and bundle file (`<bundle>` with `.composition` before `.sigstore.json`). */
  attestationReferrer?: Digest;
  attestationBundle?: string;
}

export async function signPushed(opts: SignPushedOptions): Promise<SignPushedResult> {
  let ref: RegistryReference;
  try {
    const parsed = parseReference(opts.ref);
    if (parsed.kind !== 'registry') throw new UsageError(`'${opts.ref}' is an OCI layout; flotilla sign signs what is in a registry`);
    ref = parsed;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`sign: ${(err as Error).message}`, { cause: err });
  }
  const at = ref.digest ?? ref.tag;
  if (at === undefined) throw new UsageError(`'${opts.ref}' names no tag or digest; sign names one manifest, as in ${opts.ref}:1.0.0`);
  const composition = opts.lock !== undefined ? compositionFromLock(resolve(opts.cwd, opts.lock)) : undefined;
  const signer = await prepareSigner(opts.signing, { env: opts.env, cwd: opts.cwd });
  if (!signer) throw new UsageError('flotilla sign needs --key <file> or --keyless');
  const stores =
    opts.stores ??
    new Stores({
      cwd: opts.cwd,
      env: opts.env,
      config:
        opts.config ?? resolveRegistryConfig({ ...(opts.registries ? { file: resolve(opts.cwd, opts.registries) } : {}), env: opts.env }),
    });
  const store = await stores.repository(ref);
  // resolved once: the signature is about this digest even if the tag moves meanwhile
  const descriptor = await store.resolve(at);
  const subject = { name: `${ref.registry}/${ref.repository}`, digest: descriptor.digest };
  const created = (opts.now ?? (() => new Date()))();
  const signed = await signer.signer.signStatement(signStatement(subject));
  const attestation = composition
    ? await signer.signer.signStatement(compositionStatement(subject, { version: pkg.version, ...composition }))
    : undefined;
  const attached = await attachBundle(store, signed, descriptor, { created });
  const attestationAttached = attestation ? await attachBundle(store, attestation, descriptor, { created }) : undefined;
  const bundle = resolve(opts.cwd, opts.bundle ?? join('.', `${ref.repository.split('/').pop() ?? 'artifact'}.sigstore.json`));
  await writeFileAtomically(bundle, signed.bytes, { createFolder: true });
  let attestationBundle: string | undefined;
  if (attestation) {
    attestationBundle = bundle.replace(/(\.sigstore)?\.json$/, '.composition.sigstore.json');
    await writeFileAtomically(attestationBundle, attestation.bytes, { createFolder: true });
  }
  return {
    ...(attestationAttached && attestationBundle
      ? { attestationReferrer: attestationAttached.referrer.descriptor.digest, attestationBundle }
      : {}),
    ref: formatReference({ kind: 'registry', registry: ref.registry, repository: ref.repository, digest: descriptor.digest }),
    descriptor,
    digest: descriptor.digest,
    signedBy: signedBy(signed, signer.signer),
    signatureReferrer: attached.referrer.descriptor.digest,
    bundle,
  };
}

/**
 * The trust material verification uses, taken from the policy and the
 * command line: the public keys of the policy's `key` authorities, and for
 * keyless signatures a sigstore trusted root (a `--trusted-root` file, else
 * the Sigstore public-good root fetched through TUF, loaded only when a
 * keyless bundle is met).
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { errorMessage } from '../errors.ts';
import type { Authority, Policy } from '../policy/types.ts';
import { parsePublicKey } from '../sign/keys.ts';
import { VerifyInputError } from './errors.ts';

export interface TrustMaterial {
  /** PEM public keys of every `key` authority of the policy (deduplicated, ECDSA P-256, SPKI). */
  readonly publicKeys: readonly string[];
  /** Keys of the policy that cannot verify Flotilla's signatures (not ECDSA P-256), and why. */
  readonly unsupportedKeys: readonly string[];
  /** Names of the policy's keyless authorities (for messages). */
  readonly keylessAuthorities: readonly string[];
  /** The policy's keyless authorities: who may attest a composition keyless. */
  readonly keylessIdentities: readonly Authority[];
  /** The trusted root (JSON) for keyless bundles; loaded at most once. */
  trustedRoot(): Promise<unknown>;
  /** Where the trusted root comes from, for messages. */
  readonly trustedRootSource: string;
}

export interface TrustOptions {
  /** A sigstore `trusted_root.json` file; else the public-good root through TUF. */
  trustedRootFile?: string | undefined;
  /** Loads the public-good trusted root (tests replace it); default: @sigstore/tuf. */
  publicGoodRoot?: () => Promise<unknown>;
}

/** Reads a `trusted_root.json`; an unreadable file or bad JSON is a VerifyInputError naming the file. */
export function readTrustedRootFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new VerifyInputError('TRUSTED_ROOT_UNREADABLE', `cannot read the trusted root ${file}: ${errorMessage(err)}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new VerifyInputError('TRUSTED_ROOT_INVALID', `the trusted root ${file} is not JSON: ${errorMessage(err)}`, { cause: err });
  }
  const mediaType = (json as { mediaType?: unknown } | null)?.mediaType;
  if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
    throw new VerifyInputError(
      'TRUSTED_ROOT_INVALID',
      `${file} is not a sigstore trusted root (mediaType ${JSON.stringify(mediaType)}; expected application/vnd.dev.sigstore.trustedroot+json;version=0.1, as in trusted_root.json)`,
    );
  }
  return json;
}

/** The Sigstore public-good trusted root, through TUF (network: tuf-repo-cdn.sigstore.dev). */
export async function publicGoodTrustedRoot(): Promise<unknown> {
  const [{ getTrustedRoot }, { TrustedRoot }] = await Promise.all([import('@sigstore/tuf'), import('@sigstore/protobuf-specs')]);
  try {
    return TrustedRoot.toJSON(await getTrustedRoot());
  } catch (err) {
    throw new VerifyInputError(
      'TRUSTED_ROOT_UNAVAILABLE',
      `cannot fetch the Sigstore public-good trusted root through TUF (https://tuf-repo-cdn.sigstore.dev): ${errorMessage(err)}; pass --trusted-root <trusted_root.json>`,
      { cause: err },
    );
  }
}

export function trustFromPolicy(policy: Policy, opts: TrustOptions = {}): TrustMaterial {
  const publicKeys = new Map<string, string>();
  const unsupportedKeys: string[] = [];
  const keyless: Authority[] = [];
  for (const a of policy.authorities.values()) {
    if (a.kind === 'key') {
      for (const k of a.keys) {
        // as SPKI PEM (the policy also accepts a certificate's key); signatures are ECDSA P-256 only
        const spki = createPublicKey(k.pem).export({ type: 'spki', format: 'pem' }).toString();
        try {
          parsePublicKey(spki, `key ${k.source} of authority ${a.name}`);
          publicKeys.set(k.spkiSha256, spki);
        } catch (err) {
          unsupportedKeys.push(errorMessage(err));
        }
      }
    }
    if (a.kind === 'keyless') keyless.push(a);
  }
  let root: Promise<unknown> | undefined;
  const file = opts.trustedRootFile;
  // read now: a bad --trusted-root is an input error even when no keyless bundle turns up
  const fromFile = file !== undefined ? readTrustedRootFile(file) : undefined;
  return {
    publicKeys: [...publicKeys.values()],
    unsupportedKeys,
    keylessAuthorities: keyless.map((a) => a.name),
    keylessIdentities: keyless,
    trustedRootSource: file ?? 'the Sigstore public-good trusted root',
    trustedRoot() {
      root ??= fromFile !== undefined ? Promise.resolve(fromFile) : (opts.publicGoodRoot ?? publicGoodTrustedRoot)();
      return root;
    },
  };
}

import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { type SigstoreEndpoints, type SigstoreInstance, sigstoreEndpoints } from '../sign/signer.ts';
import type { SigningRequest } from './signing.ts';

/**
 * Turns what a user asks for (CLI options or action inputs) into a
 * SigningRequest. Key material is named, never given: a file path or
 * `env://NAME`.
 */
export interface SigningChoice {
  /** Private key file or `env://NAME`. */
  key?: string | undefined;
  keyless?: boolean | undefined;
  /** Keyless instance: `public-good` (default), `github`, or `auto` (by repository visibility, as actions/attest). */
  sigstore?: string | undefined;
  fulcioURL?: string | undefined;
  rekorURL?: string | undefined;
  tsaURL?: string | undefined;
  /**
   * Where keyless signing gets its OIDC token (audience `sigstore`): the
   * adapter supplies it (GitHub Actions: shared/actions/id-token.ts).
   */
  identityToken?: () => Promise<string>;
}

/** The repository's visibility from the workflow's event payload (GITHUB_EVENT_PATH), if any. */
export function repositoryVisibility(env: NodeJS.ProcessEnv): string | undefined {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return undefined;
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as { repository?: { visibility?: unknown; private?: unknown } };
    const v = event.repository?.visibility;
    if (typeof v === 'string') return v;
    if (event.repository?.private === true) return 'private';
    if (event.repository?.private === false) return 'public';
  } catch {
    // no readable payload: the visibility is unknown
  }
  return undefined;
}

const INSTANCES = ['public-good', 'github', 'auto'];

export function signingRequest(choice: SigningChoice, env: NodeJS.ProcessEnv): SigningRequest {
  if (choice.key !== undefined && choice.keyless) throw new UsageError('give either --key <file> or --keyless, not both');
  const urlOf = (name: string, value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    try {
      return new URL(value).toString().replace(/\/$/, '');
    } catch {
      throw new UsageError(`${name} '${value}' is not a URL`);
    }
  };
  const fulcioURL = urlOf('--fulcio-url', choice.fulcioURL);
  const rekorURL = urlOf('--rekor-url', choice.rekorURL);
  const tsaURL = urlOf('--tsa-url', choice.tsaURL);
  if (choice.key !== undefined) {
    if (choice.key === '') throw new UsageError('--key needs a private key file or env://NAME');
    if (fulcioURL) throw new UsageError('--fulcio-url applies to --keyless signing only');
    return { kind: 'key', key: choice.key, ...(rekorURL ? { rekorURL } : {}), ...(tsaURL ? { tsaURL } : {}) };
  }
  if (!choice.keyless) {
    if (fulcioURL || rekorURL || tsaURL || choice.sigstore) throw new UsageError('sigstore endpoints given without --keyless or --key');
    return { kind: 'none' };
  }
  const instance = choice.sigstore ?? 'public-good';
  if (!INSTANCES.includes(instance)) throw new UsageError(`--sigstore '${instance}': expected ${INSTANCES.join(', ')}`);
  const base = sigstoreEndpoints(instance as SigstoreInstance, repositoryVisibility(env));
  let endpoints: SigstoreEndpoints = base;
  if (fulcioURL || rekorURL || tsaURL) {
    // explicit endpoints replace the instance's: a private instance names all it has
    endpoints = {
      fulcioURL: fulcioURL ?? base.fulcioURL,
      ...(rekorURL ? { rekorURL } : {}),
      ...(tsaURL ? { tsaURL } : {}),
    };
  }
  if (!choice.identityToken) throw new UsageError('keyless signing needs a source of OIDC identity tokens, and none was given');
  return { kind: 'keyless', endpoints, identityToken: choice.identityToken };
}

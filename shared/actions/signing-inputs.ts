import * as core from '@actions/core';
import { UsageError } from '../errors.ts';
import type { SigningRequest } from '../publish/signing.ts';
import { signingRequest } from '../publish/signing-options.ts';
import { KEY_PASSWORD_ENV } from '../sign/keys.ts';
import { githubActionsIdToken } from './id-token.ts';
import { stringInput } from './inputs.ts';

export type SigningMode = 'keyless' | 'key' | 'none';

/**
 * The signing inputs that the publish and canary actions share (`signing`,
 * `key-file`, `key-env`, `sigstore`, `fulcio-url`, `rekor-url`, `tsa-url`)
 * as a signing request. The key material and its password are masked in the
 * log before anything can print them, and a keyless request gets the job's
 * OIDC token (the job needs `permissions: id-token: write`).
 */
export function signingInputs(env: NodeJS.ProcessEnv = process.env): { mode: SigningMode; request: SigningRequest } {
  const mode = stringInput('signing', { default: 'none' }) ?? 'none';
  if (mode !== 'keyless' && mode !== 'key' && mode !== 'none') {
    throw new UsageError(`input 'signing' must be keyless, key or none, got '${mode}'`);
  }
  const keyFile = stringInput('key-file');
  const keyEnv = stringInput('key-env', { default: 'FLOTILLA_SIGNING_KEY' }) ?? 'FLOTILLA_SIGNING_KEY';
  maskSecrets([env[KEY_PASSWORD_ENV], mode === 'key' && !keyFile ? env[keyEnv] : undefined]);
  const fulcioURL = stringInput('fulcio-url');
  const rekorURL = stringInput('rekor-url');
  const tsaURL = stringInput('tsa-url');
  const request = signingRequest(
    {
      key: mode === 'key' ? (keyFile ?? `env://${keyEnv}`) : undefined,
      keyless: mode === 'keyless',
      ...(mode === 'keyless' ? { sigstore: stringInput('sigstore', { default: 'auto' }) ?? 'auto' } : {}),
      ...(fulcioURL ? { fulcioURL } : {}),
      ...(rekorURL ? { rekorURL } : {}),
      ...(tsaURL ? { tsaURL } : {}),
      identityToken: () => githubActionsIdToken(),
    },
    env,
  );
  return { mode, request };
}

/** Masks each value, and each line of a PEM key but its armour lines, in the job log. */
function maskSecrets(values: (string | undefined)[]): void {
  for (const value of values) {
    if (!value) continue;
    core.setSecret(value);
    for (const line of value.split(/\r?\n/)) if (line.trim() !== '' && !line.startsWith('-----')) core.setSecret(line.trim());
  }
}

import type { OptionSpec, OptionValues } from '../command.ts';

/** Options of `publish` and `sign` that choose how to sign. */
export const signingOptions: Record<string, OptionSpec> = {
  key: {
    type: 'string',
    valueName: 'file',
    description: 'sign with this private key: a PEM file, or env://NAME for a variable holding it (password in FLOTILLA_KEY_PASSWORD)',
  },
  keyless: { type: 'boolean', description: 'sign keyless: GitHub Actions OIDC token, Fulcio certificate, Rekor entry or TSA timestamp' },
  sigstore: {
    type: 'string',
    valueName: 'instance',
    description: 'keyless instance: public-good (default), github (GitHub Fulcio + TSA), auto (by repository visibility)',
  },
  'fulcio-url': { type: 'string', valueName: 'url', description: 'keyless: Fulcio to ask for the certificate (replaces the instance)' },
  'rekor-url': { type: 'string', valueName: 'url', description: 'transparency log to record the signature in' },
  'tsa-url': { type: 'string', valueName: 'url', description: 'RFC 3161 timestamp authority to timestamp the signature' },
};

const str = (v: OptionValues[string]): string | undefined => (typeof v === 'string' ? v : undefined);

/** The SigningChoice of parsed options. */
export function signingChoiceOf(values: OptionValues) {
  return {
    ...(str(values.key) !== undefined ? { key: str(values.key) } : {}),
    keyless: values.keyless === true,
    ...(str(values.sigstore) !== undefined ? { sigstore: str(values.sigstore) } : {}),
    ...(str(values['fulcio-url']) !== undefined ? { fulcioURL: str(values['fulcio-url']) } : {}),
    ...(str(values['rekor-url']) !== undefined ? { rekorURL: str(values['rekor-url']) } : {}),
    ...(str(values['tsa-url']) !== undefined ? { tsaURL: str(values['tsa-url']) } : {}),
  };
}

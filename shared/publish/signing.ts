import { X509Certificate } from 'node:crypto';
import type { SignerIdentity } from '../policy/publish-gate.ts';
import { loadPrivateKey } from '../sign/keys.ts';
import { keylessSigner, keyPairSigner, type SignedBundle, type SigstoreEndpoints, type StatementSigner } from '../sign/signer.ts';

/**
 * How a publish signs: with a key pair (a PEM file, or `env://NAME` for a
 * variable holding it; password in FLOTILLA_KEY_PASSWORD), keyless (the
 * GitHub Actions OIDC token, Fulcio, Rekor or a TSA), or not at all.
 */
export type SigningRequest =
  | { kind: 'none' }
  | { kind: 'key'; key: string; password?: string; rekorURL?: string; tsaURL?: string }
  | { kind: 'keyless'; endpoints?: SigstoreEndpoints; identityToken: () => Promise<string> };

export interface PreparedSigner {
  signer: StatementSigner;
  /** For the policy gate: the public key, or a keyless signer whose identity is known only once signed. */
  identity: SignerIdentity;
}

/**
 * Loads the key (or sets up keyless signing) before anything is uploaded, so
 * that an unreadable key or a wrong password fails with nothing pushed.
 */
export async function prepareSigner(
  req: SigningRequest,
  opts: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<PreparedSigner | undefined> {
  if (req.kind === 'none') return undefined;
  if (req.kind === 'key') {
    const key = await loadPrivateKey(req.key, {
      env: opts.env,
      cwd: opts.cwd,
      password: req.password,
    });
    return {
      signer: keyPairSigner(key, {
        ...(req.rekorURL ? { rekorURL: req.rekorURL } : {}),
        ...(req.tsaURL ? { tsaURL: req.tsaURL } : {}),
      }),
      identity: { kind: 'key', publicKeyPem: key.publicKeyPem },
    };
  }
  // The token is fetched once, now: its claims tell the policy gate which
  // identity Fulcio will certify, and signing then uses the same token.
  const token = await req.identityToken();
  return {
    signer: keylessSigner({
      ...(req.endpoints ? { endpoints: req.endpoints } : {}),
      identityToken: async () => token,
    }),
    identity: { kind: 'keyless', ...keylessIdentityOf(token) },
  };
}

/** GitHub Actions' OIDC issuer: Fulcio certifies its tokens as `https://github.com/<job_workflow_ref>`. */
const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/**
 * The identity Fulcio puts in the certificate for a token: for GitHub
 * Actions tokens, the issuer and `https://github.com/<job_workflow_ref>`
 * (Fulcio's rule for that issuer). Other issuers: unknown here (the gate
 * then checks only that a signer is configured).
 */
export function keylessIdentityOf(token: string): { issuer?: string; subject?: string } {
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
  if (claims.iss === GITHUB_ACTIONS_ISSUER && typeof claims.job_workflow_ref === 'string') {
    return { issuer: GITHUB_ACTIONS_ISSUER, subject: `https://github.com/${claims.job_workflow_ref}` };
  }
  return {};
}

/**
 * Who signed a bundle, for reports: `key <hex key id>` from the key hint, or
 * the certificate's identity (SAN) and issuer for keyless. Read from the
 * bundle as written; verification is a separate step.
 */
export function signedBy(signed: SignedBundle, signer: StatementSigner): string {
  const material = signed.json.verificationMaterial;
  if (signer.kind === 'key') return signer.description;
  const raw = material.certificate?.rawBytes ?? material.x509CertificateChain?.certificates?.[0]?.rawBytes ?? undefined;
  if (!raw) return signer.description;
  try {
    const cert = new X509Certificate(Buffer.from(raw, 'base64'));
    const san = cert.subjectAltName?.replace(/^(URI|email):/, '') ?? cert.subject;
    return `${san} (keyless)`;
  } catch {
    return signer.description;
  }
}

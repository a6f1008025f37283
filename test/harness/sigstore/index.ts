import { createHash } from 'node:crypto';
import { type FulcioStandIn, startFulcio } from './fulcio.ts';
import { type GitHubOidcStandIn, startGitHubOidc, type WorkflowRun } from './oidc.ts';
import { type RekorStandIn, startRekor } from './rekor.ts';
import { startTsa, type TsaStandIn } from './tsa.ts';

export { DEFAULT_RUN, GITHUB_ACTIONS_ISSUER, type WorkflowRun } from './oidc.ts';

/**
 * Stand-ins for the public services keyless signing needs and that cannot
 * be reached here: GitHub's OIDC token endpoint, Fulcio, Rekor and a
 * timestamp authority, each a real HTTP server on 127.0.0.1 speaking the
 * service's protocol, plus the sigstore trusted root (`trusted_root.json`)
 * of their keys and certificates.
 */
export interface SigstoreStandIns {
  oidc: GitHubOidcStandIn;
  fulcio: FulcioStandIn;
  rekor: RekorStandIn;
  tsa: TsaStandIn;
  endpoints: { fulcioURL: string; rekorURL: string; tsaURL: string };
  /** The trusted root of these stand-ins, as sigstore's `trusted_root.json` (JSON object). */
  trustedRoot: TrustedRootJson;
  /** `ACTIONS_ID_TOKEN_REQUEST_URL` and `_TOKEN` for the OIDC stand-in. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

export interface TrustedRootJson {
  mediaType: string;
  tlogs: unknown[];
  certificateAuthorities: unknown[];
  ctlogs: unknown[];
  timestampAuthorities: unknown[];
}

function b64(bytes: ArrayBufferView | Buffer): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function logInstance(baseUrl: string, publicKeyDer: Buffer, logId: Buffer, start: string): unknown {
  return {
    baseUrl,
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: publicKeyDer.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
    logId: { keyId: logId.toString('base64') },
  };
}

export async function startSigstore(opts: { run?: WorkflowRun } = {}): Promise<SigstoreStandIns> {
  const oidc = await startGitHubOidc(opts.run ? { run: opts.run } : {});
  const [fulcio, rekor, tsa] = await Promise.all([startFulcio({ [oidc.issuer]: oidc.discoveryUrl }), startRekor(), startTsa()]);
  // valid from a minute ago: the certificates and entries are made from now on
  const start = new Date(Date.now() - 60_000).toISOString();
  const trustedRoot: TrustedRootJson = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [logInstance(rekor.url, rekor.tlog.publicKey, createHash('sha256').update(rekor.tlog.publicKey).digest(), start)],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: fulcio.url,
        certChain: { certificates: [{ rawBytes: b64(fulcio.ca.rootCertificate) }] },
        validFor: { start },
      },
    ],
    ctlogs: [logInstance(`${fulcio.url}/ct`, fulcio.ctlog.publicKey, Buffer.from(b64(fulcio.ctlog.logID), 'base64'), start)],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore-tsa' },
        uri: tsa.url,
        certChain: { certificates: [{ rawBytes: b64(tsa.tsa.intCertificate) }, { rawBytes: b64(tsa.tsa.rootCertificate) }] },
        validFor: { start },
      },
    ],
  };
  return {
    oidc,
    fulcio,
    rekor,
    tsa,
    endpoints: { fulcioURL: fulcio.url, rekorURL: rekor.url, tsaURL: tsa.url },
    trustedRoot,
    env: () => oidc.env(),
    close: async () => {
      await Promise.all([oidc.close(), fulcio.close(), rekor.close(), tsa.close()]);
    },
  };
}

import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RUN, GITHUB_ACTIONS_ISSUER, type SigstoreStandIns, startSigstore } from './index.ts';

let s: SigstoreStandIns;
beforeAll(async () => {
  s = await startSigstore();
});
afterAll(async () => {
  await s?.close();
});

async function token(audience: string): Promise<string> {
  const res = await fetch(`${s.oidc.requestUrl}&audience=${audience}`, { headers: { Authorization: `bearer ${s.oidc.requestToken}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { value: string }).value;
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

async function certificateRequest(jwt: string, popOf?: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const sub = String(claims(jwt).sub);
  return fetch(`${s.fulcio.url}/api/v2/signingCert`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      credentials: { oidcIdentityToken: jwt },
      publicKeyRequest: {
        publicKey: { algorithm: 'ECDSA', content: publicKey.export({ type: 'spki', format: 'pem' }) },
        proofOfPossession: sign('sha256', Buffer.from(popOf ?? sub), privateKey).toString('base64'),
      },
    }),
  });
}

describe('GitHub OIDC token endpoint stand-in', () => {
  it('answers only with the request token, as {value: JWT} with GitHub claims signed by its published key', async () => {
    const unauth = await fetch(`${s.oidc.requestUrl}&audience=sigstore`);
    expect(unauth.status).toBe(401);
    const jwt = await token('sigstore');
    const c = claims(jwt);
    expect(c).toMatchObject({
      iss: GITHUB_ACTIONS_ISSUER,
      aud: 'sigstore',
      sub: 'repo:acme/shop:ref:refs/heads/main',
      repository: 'acme/shop',
      ref: 'refs/heads/main',
      sha: DEFAULT_RUN.sha,
      job_workflow_ref: 'acme/shop/.github/workflows/release.yml@refs/heads/main',
    });
    const discovery = (await (await fetch(`${s.oidc.discoveryUrl}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
    const { keys } = (await (await fetch(discovery.jwks_uri)).json()) as { keys: object[] };
    const [h, p, sig] = jwt.split('.');
    const key = createPublicKey({ key: keys[0] as never, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(sig ?? '', 'base64url'))).toBe(true);
  });
});

describe('Fulcio stand-in', () => {
  it('issues a certificate for a valid token with proof of possession', async () => {
    const res = await certificateRequest(await token('sigstore'));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { signedCertificateEmbeddedSct: { chain: { certificates: string[] } } };
    expect(body.signedCertificateEmbeddedSct.chain.certificates).toHaveLength(2);
  });

  it('refuses a token for another audience, a bad proof of possession, and a token signed by someone else', async () => {
    expect((await certificateRequest(await token('https://github.com/acme'))).status).toBe(401);
    expect((await certificateRequest(await token('sigstore'), 'someone else')).status).toBe(400);
    const jwt = await token('sigstore');
    const [h, p] = jwt.split('.');
    const forged = `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey).toString('base64url')}`;
    const res = await certificateRequest(forged);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toContain('signature does not verify');
  });
});

describe('Rekor stand-in', () => {
  it('refuses an envelope whose signature does not verify with the proposed key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const envelope = JSON.stringify({
      payloadType: 'application/vnd.in-toto+json',
      payload: Buffer.from('{}').toString('base64'),
      signatures: [{ sig: sign('sha256', Buffer.from('not the PAE'), privateKey).toString('base64') }],
    });
    const res = await fetch(`${s.rekor.url}/api/v1/log/entries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiVersion: '0.0.1',
        kind: 'dsse',
        spec: {
          proposedContent: { envelope, verifiers: [Buffer.from(publicKey.export({ type: 'spki', format: 'pem' })).toString('base64')] },
        },
      }),
    });
    expect(res.status).toBe(400);
    expect(s.rekor.entries.at(-1)?.error).toContain('signatures must have a key that verifies it');
  });
});
